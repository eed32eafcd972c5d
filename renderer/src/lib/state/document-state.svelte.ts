import type { DocumentRef, DocumentView, IpcError, LabelDeskApi } from '../../../../shared/ipc-contract.ts';
import { settle } from '../api/call.ts';
import { NO_LABEL_COUNTS, withLabelCount, type LabelCounts } from '../lines/label-counts.ts';

export type DocumentKind = DocumentRef['kind'];

/** A failed fetch or cache read, with the document it was for so messages can name it. */
export interface DocumentFailure {
  error: IpcError;
  ref: DocumentRef;
  source: 'dealpos' | 'cache';
}

/** A missing form field, reported when the clerk requests a document. */
export type FormProblem = 'outlet_missing' | 'number_missing';

/** Error codes that mean the account needs fixing in settings, not a retry. */
const CREDENTIAL_ERRORS = new Set<IpcError['code']>([
  'auth_failed',
  'forbidden',
  'credentials_missing',
  'config_invalid',
  'keychain_unavailable',
]);

/** Error codes that mean DealPOS could not be reached, so a cached copy may help. */
const OFFLINE_ERRORS = new Set<IpcError['code']>([
  'network',
  'timeout',
  'server_error',
  'rate_limited',
  'bad_response',
]);

/** Classifies a failure by how the screen presents it, because each kind offers a different next step. */
export function failureKind(error: IpcError): 'not_found' | 'credentials' | 'offline' | 'other' {
  if (error.code === 'document_not_found' || error.code === 'outlet_not_found') {
    return 'not_found';
  }
  if (CREDENTIAL_ERRORS.has(error.code)) {
    return 'credentials';
  }
  if (OFFLINE_ERRORS.has(error.code)) {
    return 'offline';
  }
  return 'other';
}

/** Checks whether main reported a cached copy of the failed document (`params.cached === 'yes'`). */
export function hasCachedCopy(error: IpcError): boolean {
  return error.params['cached'] === 'yes';
}

/**
 * The document form (type, outlet, number), the fetched document and the clerk's label counts. A newer
 * request always wins: the response to an older one is dropped, so a slow fetch never replaces a newer one.
 */
export class DocumentState {
  kind = $state<DocumentKind>('bill');
  outlet = $state('');
  number = $state('');
  status = $state<'idle' | 'loading' | 'loaded' | 'failed'>('idle');
  /** Source of the document being loaded, for the loading message. */
  loadingFrom = $state<DocumentFailure['source']>('dealpos');
  formProblem = $state<FormProblem | null>(null);
  view = $state.raw<DocumentView | null>(null);
  failure = $state.raw<DocumentFailure | null>(null);
  /** Label counts the clerk typed, by line number; 0 leaves a line out. */
  labelOverrides = $state.raw<LabelCounts>(NO_LABEL_COUNTS);
  filter = $state('');

  readonly #api: LabelDeskApi;
  readonly #onLoaded: (view: DocumentView) => void;
  #latestRequest = 0;

  constructor(api: LabelDeskApi, onLoaded: (view: DocumentView) => void = () => undefined) {
    this.#api = api;
    this.#onLoaded = onLoaded;
  }

  /** Reads the document the form names. Returns null and sets `formProblem` when a field is empty. */
  readForm(): DocumentRef | null {
    const outlet = this.outlet.trim();
    const number = this.number.trim();
    if (outlet === '') {
      this.formProblem = 'outlet_missing';
      return null;
    }
    if (number === '') {
      this.formProblem = 'number_missing';
      return null;
    }
    this.formProblem = null;
    return { kind: this.kind, outlet, number };
  }

  /** Fetches the document the form names from DealPOS. */
  async fetch(): Promise<void> {
    const ref = this.readForm();
    if (ref !== null) {
      await this.#load(ref, 'dealpos');
    }
  }

  /** Opens the cached copy of a document, such as the one a failed fetch named or a history entry. */
  async openCached(ref: DocumentRef): Promise<void> {
    this.kind = ref.kind;
    this.outlet = ref.outlet;
    this.number = ref.number;
    this.formProblem = null;
    await this.#load(ref, 'cache');
  }

  /** Sets the label count of one line; null goes back to the document's quantity. */
  setLabels(lineNumber: number, labels: number | null): void {
    this.labelOverrides = withLabelCount(this.labelOverrides, lineNumber, labels);
  }

  resetLabels(): void {
    this.labelOverrides = NO_LABEL_COUNTS;
  }

  async #load(ref: DocumentRef, source: DocumentFailure['source']): Promise<void> {
    const request = ++this.#latestRequest;
    this.status = 'loading';
    this.loadingFrom = source;
    this.failure = null;
    this.view = null;
    this.labelOverrides = NO_LABEL_COUNTS;
    this.filter = '';

    const result = await settle(this.#api, 'document', () =>
      source === 'dealpos' ? this.#api.fetchDocument(ref) : this.#api.openCachedDocument(ref),
    );
    if (request !== this.#latestRequest) {
      return;
    }
    if (!result.ok) {
      this.status = 'failed';
      this.failure = { error: result.error, ref, source };
      return;
    }
    this.view = result.value;
    this.status = 'loaded';
    this.#onLoaded(result.value);
  }
}
