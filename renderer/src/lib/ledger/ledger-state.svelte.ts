import type { DocumentRef, IpcError, LabelDeskApi, LedgerEntry } from '../../../../shared/ipc-contract.ts';
import { settle } from '../api/call.ts';

const sameRef = (left: DocumentRef, right: DocumentRef): boolean =>
  left.kind === right.kind && left.outlet === right.outlet && left.number === right.number;

/** The print ledger of the loaded document: what was printed, when, where and how, newest first. */
export class LedgerState {
  ref = $state.raw<DocumentRef | null>(null);
  entries = $state.raw<LedgerEntry[]>([]);
  error = $state.raw<IpcError | null>(null);
  loading = $state(false);

  readonly #api: LabelDeskApi;
  // Counts requests, so an older response that arrives late never replaces a newer one.
  #generation = 0;

  constructor(api: LabelDeskApi) {
    this.#api = api;
  }

  /** Reads the ledger of `ref`. Entries of another document are dropped at once. */
  async load(ref: DocumentRef): Promise<void> {
    const generation = ++this.#generation;
    if (this.ref === null || !sameRef(this.ref, ref)) {
      this.entries = [];
    }
    this.ref = ref;
    this.loading = true;
    const result = await settle(this.#api, 'ledger', () => this.#api.getLedger(ref));
    if (generation !== this.#generation) {
      return;
    }
    this.loading = false;
    if (!result.ok) {
      this.error = result.error;
      return;
    }
    this.error = null;
    this.entries = result.value;
  }

  /** Reads the ledger again for the same document, as after a print. */
  async refresh(): Promise<void> {
    if (this.ref !== null) {
      await this.load(this.ref);
    }
  }

  /** Forgets the entries, such as when no document is loaded. */
  clear(): void {
    this.#generation += 1;
    this.ref = null;
    this.entries = [];
    this.error = null;
    this.loading = false;
  }
}
