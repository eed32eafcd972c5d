import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type {
  EventChannel,
  EventPayload,
  InvokeArgs,
  InvokeChannel,
  InvokeResult,
  LabelDeskApi,
} from '../../shared/ipc-contract.ts';

// Only types come from the contract, so the bundled preload carries no zod. Main parses every request
// with the contract's schemas instead, and parses every event payload before sending it.

function invoke<C extends InvokeChannel>(channel: C, ...args: InvokeArgs<C>): Promise<InvokeResult<C>> {
  return ipcRenderer.invoke(channel, ...args) as Promise<InvokeResult<C>>;
}

/**
 * Subscribes to one event channel. The listener gets only the payload: the IPC event object stays in
 * the preload, because it carries `sender`, a handle back into Electron.
 */
function subscribe<E extends EventChannel>(
  channel: E,
  listener: (payload: EventPayload<E>) => void,
): () => void {
  const forward = (_event: IpcRendererEvent, payload: EventPayload<E>): void => {
    listener(payload);
  };
  ipcRenderer.on(channel, forward);
  return () => {
    ipcRenderer.removeListener(channel, forward);
  };
}

// Typed as the contract's API, so a channel missing here or a method not in the contract fails to compile.
const api: LabelDeskApi = {
  getInfo: () => invoke('app:get-info'),
  getSettings: () => invoke('settings:get'),
  updateSettings: (update) => invoke('settings:update', update),
  saveAccount: (account) => invoke('account:save', account),
  testAccount: (account) => invoke('account:test', account),
  setDemoMode: (on) => invoke('account:set-demo', on),
  fetchDocument: (ref) => invoke('document:fetch', ref),
  openCachedDocument: (ref) => invoke('document:open-cached', ref),
  lookupVariants: (codes) => invoke('variants:lookup', codes),
  listHistory: () => invoke('history:list'),
  listTemplates: () => invoke('templates:list'),
  saveTemplate: (template) => invoke('templates:save', template),
  deleteTemplate: (id) => invoke('templates:delete', id),
  printPdf: (request) => invoke('print:pdf', request),
  cancelPrint: (jobId) => invoke('print:cancel', jobId),
  listPrinters: () => invoke('printers:list'),
  savePrinterProfile: (profile) => invoke('printers:save-profile', profile),
  deletePrinterProfile: (id) => invoke('printers:delete-profile', id),
  printCalibrationLabel: (profileId) => invoke('printers:calibrate', profileId),
  printToPrinter: (request) => invoke('print:printer', request),
  listPrinterJobs: () => invoke('printer-jobs:list'),
  resumePrinterJob: (request) => invoke('printer-jobs:resume', request),
  cancelPrinterJob: (id) => invoke('printer-jobs:cancel', id),
  getLedger: (ref) => invoke('ledger:get', ref),
  openFile: (target) => invoke('files:open', target),
  log: (entry) => invoke('log:write', entry),
  exportDiagnostics: () => invoke('diagnostics:export'),
  exportReceivingPdf: (request) => invoke('receiving:export-pdf', request),
  onPrintProgress: (listener) => subscribe('print:progress', listener),
  listScannerDevices: () => invoke('scanner:list-devices'),
  connectScanner: (request) => invoke('scanner:connect', request),
  disconnectScanner: () => invoke('scanner:disconnect'),
  onScannerCode: (listener) => subscribe('scanner:code', listener),
  onScannerStatus: (listener) => subscribe('scanner:status', listener),
};

contextBridge.exposeInMainWorld('labelDesk', api);
