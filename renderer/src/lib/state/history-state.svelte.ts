import type { HistoryEntry, LabelDeskApi } from '../../../../shared/ipc-contract.ts';
import { settleValue } from '../api/call.ts';

/** Recently opened documents, newest first as main lists them. */
export class HistoryState {
  entries = $state.raw<HistoryEntry[]>([]);
  loaded = $state(false);

  readonly #api: LabelDeskApi;

  constructor(api: LabelDeskApi) {
    this.#api = api;
  }

  async load(): Promise<void> {
    this.entries = await settleValue(this.#api, 'history', () => this.#api.listHistory(), this.entries);
    this.loaded = true;
  }
}
