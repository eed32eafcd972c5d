import type { DocumentRef, IpcError, LabelDeskApi, PrintProgress } from '../../../../shared/ipc-contract.ts';
import {
  BUILT_IN_TEMPLATES,
  DEFAULT_TEMPLATE_ID,
  labelsPerPage,
  type LabelTemplate,
} from '../../../../shared/labels/templates.ts';
import type { Dpi } from '../../../../shared/labels/types.ts';
import { settle, settleValue } from '../api/call.ts';
import type { TemplatesState } from './templates-state.svelte.ts';

/** Result of the last print job. */
export type PrintOutcome =
  | { kind: 'written'; path: string; labels: number; pages: number }
  | { kind: 'cancelled' }
  | { kind: 'failed'; error: IpcError };

/** A job main is writing: `written` of `total` labels so far, from `onPrintProgress`. */
export interface RunningJob {
  id: string;
  written: number;
  total: number;
  cancelling: boolean;
}

/** Jobs above this many labels ask for a second confirmation, as the command line's `--yes` does. */
export const LARGE_JOB_LABELS = 5000;

/** The output choices (template, dpi, prices, start position) and the print-to-PDF job. */
export class PrintState {
  templateId = $state(DEFAULT_TEMPLATE_ID);
  dpi = $state<Dpi>(203);
  showPrice = $state(false);
  startPosition = $state(1);
  job = $state.raw<RunningJob | null>(null);
  outcome = $state.raw<PrintOutcome | null>(null);
  /** Set when opening the written file or its folder failed. */
  openError = $state.raw<IpcError | null>(null);

  readonly #api: LabelDeskApi;
  readonly #templates: TemplatesState;
  readonly #newJobId: () => string;
  readonly #onPrinted: () => void;

  /** The chosen template; the first built-in one while the chosen id is not (or no longer) listed. */
  template: LabelTemplate = $derived.by(
    () => this.#templates.find(this.templateId)?.template ?? (BUILT_IN_TEMPLATES[0] as LabelTemplate),
  );

  /** Cells per page on a sheet template; rolls always start at the first label. */
  maxStartPosition = $derived(this.template.media === 'sheet' ? labelsPerPage(this.template) : 1);

  /** The start position sent with the job, clamped to the template's cells. */
  effectiveStartPosition = $derived(
    Number.isInteger(this.startPosition)
      ? Math.min(Math.max(1, this.startPosition), this.maxStartPosition)
      : 1,
  );

  constructor(
    api: LabelDeskApi,
    templates: TemplatesState,
    options: { newJobId?: () => string; onPrinted?: () => void } = {},
  ) {
    this.#api = api;
    this.#templates = templates;
    this.#newJobId = options.newJobId ?? (() => crypto.randomUUID());
    this.#onPrinted = options.onPrinted ?? (() => undefined);
  }

  /** Applies a progress event from main; events of other jobs are ignored. */
  handleProgress = (progress: PrintProgress): void => {
    const job = this.job;
    if (job === null || progress.jobId !== job.id) {
      return;
    }
    this.job = { ...job, written: progress.written, total: progress.total };
  };

  /** Asks main for a file name and writes the labels of `document` with the clerk's counts. */
  async print(document: DocumentRef, labelOverrides: ReadonlyMap<number, number>): Promise<void> {
    if (this.job !== null) {
      return;
    }
    const id = this.#newJobId();
    this.job = { id, written: 0, total: 0, cancelling: false };
    this.outcome = null;
    this.openError = null;

    const overrides = [...labelOverrides].map(([lineNumber, quantity]) => ({ lineNumber, quantity }));
    const result = await settle(this.#api, 'print', () =>
      this.#api.printPdf({
        jobId: id,
        document,
        overrides,
        templateId: this.template.id,
        dpi: this.dpi,
        showPrice: this.showPrice,
        startPosition: this.effectiveStartPosition,
      }),
    );
    this.job = null;
    if (!result.ok) {
      this.outcome =
        result.error.code === 'output_cancelled'
          ? { kind: 'cancelled' }
          : { kind: 'failed', error: result.error };
      return;
    }
    if (result.value.status === 'cancelled') {
      this.outcome = { kind: 'cancelled' };
      return;
    }
    const { path, labels, pages } = result.value;
    this.outcome = { kind: 'written', path, labels, pages };
    this.#onPrinted();
  }

  /** Asks main to stop the running job; the job's own result then reports the cancel. */
  async cancel(): Promise<void> {
    const job = this.job;
    if (job === null || job.cancelling) {
      return;
    }
    this.job = { ...job, cancelling: true };
    await settleValue(this.#api, 'print', () => this.#api.cancelPrint(job.id), false);
  }

  /** Opens the written PDF, or shows it in its folder when `reveal` is true. */
  async open(reveal: boolean): Promise<void> {
    const outcome = this.outcome;
    if (outcome?.kind !== 'written') {
      return;
    }
    this.openError = null;
    const result = await settle(this.#api, 'print', () => this.#api.openFile({ path: outcome.path, reveal }));
    if (!result.ok) {
      this.openError = result.error;
    }
  }

  /** Forgets the last outcome, such as when another document is opened. */
  clearOutcome(): void {
    this.outcome = null;
    this.openError = null;
  }
}
