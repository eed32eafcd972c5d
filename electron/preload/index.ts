import { contextBridge, ipcRenderer } from 'electron';
import type { InvokeArgs, InvokeChannel, InvokeResult, LabelDeskApi } from '../../shared/ipc-contract.ts';

// Only types come from the contract, so the bundled preload carries no zod. Main parses every request
// with the contract's schemas instead.

function invoke<C extends InvokeChannel>(channel: C, ...args: InvokeArgs<C>): Promise<InvokeResult<C>> {
  return ipcRenderer.invoke(channel, ...args) as Promise<InvokeResult<C>>;
}

// Typed as the contract's API, so a channel missing here or a method not in the contract fails to compile.
const api: LabelDeskApi = {
  getInfo: () => invoke('app:get-info'),
};

contextBridge.exposeInMainWorld('labelDesk', api);
