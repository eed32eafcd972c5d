import type {
  DocumentRef,
  IpcError,
  LabelDeskApi,
  PrinterJobView,
  PrintProgress,
  Reprint,
} from '../../../../shared/ipc-contract.ts';
import {
  BUILT_IN_TEMPLATES,
  DEFAULT_TEMPLATE_ID,
  labelsPerPage,
  type LabelTemplate,
} from '../../../../shared/labels/templates.ts';
import type { Dpi } from '../../../../shared/labels/types.ts';
import { settle, settleValue } from '../api/call.ts';
import { LedgerState } from '../ledger/ledger-state.svelte.ts';
import { PrintersState, type OutputTarget } from './printers-state.svelte.ts';
import type { TemplatesState } from './templates-state.svelte.ts';

/** Result of the last print job. */
export type PrintOutcome =
  | { kind: 'written'; path: string; labels: number; pages: number }
  | { kind: 'sent'; labels: number; profileName: string; queue: string }
  | { kind: 'interrupted'; job: PrinterJobView }
  | { kind: 'cancelled' }
  | { kind: 'failed'; error: IpcError };

/** A job main is writing: `written` of `total` labels so far, from `onPrintProgress`. */
export interface RunningJob {
  /** The renderer's request id, which progress events and `cancelPrint` use. */
  id: string;
  /** Output kind. A PDF counts labels written, and a printer counts labels the spooler confirmed. */
  kind: 'pdf' | 'printer';
  written: number;
  total: number;
  cancelling: boolean;
}

/** Jobs above this many labels ask for a second confirmation, as the command line's `--yes` does. */
export const LARGE_JOB_LABELS = 5000;

/**
 * The output choices (template, dpi, prices, start position, target) and the one running job, to a PDF or
 * a printer. It owns the printers and the loaded document's print ledger, which every job updates.
 */
export class PrintState {
  templateId = $state(DEFAULT_TEMPLATE_ID);
  dpi = $state<Dpi>(203);
  showPrice = $state(false);
  startPosition = $state(1);
  job = $state.raw<RunningJob | null>(null);
  outcome = $state.raw<PrintOutcome | null>(null);
  /** Set when opening the written file or its folder failed. */
  openError = $state.raw<IpcError | null>(null);

  readonly printers: PrintersState;
  readonly ledger: LedgerState;

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
    options: { newJobId?: () => string; onPrinted?: () => void; storage?: Storage } = {},
  ) {
    this.#api = api;
    this.#templates = templates;
    this.printers = new PrintersState(api, options.storage);
    this.ledger = new LedgerState(api);
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

  /**
   * Prints the labels of `document` with the clerk's counts to the chosen target: a PDF (main shows a save
   * dialog) or a printer profile. With `reprint`, only that many labels of that one line are printed.
   */
  async print(
    document: DocumentRef,
    labelOverrides: ReadonlyMap<number, number>,
    reprint: Reprint | null = null,
  ): Promise<void> {
    if (this.job !== null) {
      return;
    }
    const target = this.printers.target;
    const id = this.#newJobId();
    this.job = { id, kind: target.kind, written: 0, total: 0, cancelling: false };
    this.outcome = null;
    this.openError = null;

    const overrides = [...labelOverrides].map(([lineNumber, quantity]) => ({ lineNumber, quantity }));
    if (target.kind === 'printer') {
      const result = await settle(this.#api, 'print', () =>
        this.#api.printToPrinter({
          jobId: id,
          profileId: target.profileId,
          document,
          overrides,
          templateId: this.template.id,
          showPrice: this.showPrice,
          reprint,
        }),
      );
      this.job = null;
      if (result.ok) {
        this.#applyPrinterJob(result.value);
      } else {
        this.outcome = { kind: 'failed', error: result.error };
      }
      await this.#afterJob('printer');
      return;
    }

    const result = await settle(this.#api, 'print', () =>
      this.#api.printPdf({
        jobId: id,
        document,
        overrides,
        templateId: this.template.id,
        dpi: this.dpi,
        showPrice: this.showPrice,
        startPosition: this.effectiveStartPosition,
        reprint,
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
      await this.ledger.refresh();
      return;
    }
    const { path, labels, pages } = result.value;
    this.outcome = { kind: 'written', path, labels, pages };
    await this.#afterJob('pdf');
  }

  /**
   * Sends what an interrupted printer job has not printed yet. `unconfirmed` is the clerk's choice for
   * labels the spooler can no longer confirm: null at first, then `skip` (they printed) or `resend`.
   */
  async resume(job: PrinterJobView, unconfirmed: 'skip' | 'resend' | null = null): Promise<void> {
    if (this.job !== null) {
      return;
    }
    const requestId = this.#newJobId();
    this.job = {
      id: requestId,
      kind: 'printer',
      written: job.confirmedLabels,
      total: job.totalLabels,
      cancelling: false,
    };
    this.outcome = null;
    this.openError = null;
    this.printers.setJobError(job.id, null);

    const result = await settle(this.#api, 'print', () =>
      this.#api.resumePrinterJob({ id: job.id, requestId, unconfirmed }),
    );
    this.job = null;
    if (!result.ok) {
      if (result.error.code === 'print_job_uncertain') {
        this.printers.uncertain = { jobId: job.id, error: result.error };
      } else {
        this.printers.setJobError(job.id, result.error);
      }
      // A failed resume often means the queue changed, so its state on screen is read again.
      await this.printers.load();
      return;
    }
    if (this.printers.uncertain?.jobId === job.id) {
      this.printers.uncertain = null;
    }
    this.#applyPrinterJob(result.value);
    await this.#afterJob('printer');
  }

  #applyPrinterJob(job: PrinterJobView): void {
    this.printers.updateJob(job);
    switch (job.status) {
      case 'completed':
        this.outcome = {
          kind: 'sent',
          labels: job.confirmedLabels,
          profileName: job.profileName,
          queue: job.queue,
        };
        break;
      case 'interrupted':
        this.outcome = { kind: 'interrupted', job };
        break;
      case 'cancelled':
        this.outcome = { kind: 'cancelled' };
        break;
      case 'active':
        // Another window took the job over, and the banner lists it.
        this.outcome = null;
        break;
    }
  }

  /**
   * Reads what a finished job changed: the ledger, the unfinished printer jobs and the history, and after a
   * printer job the state of the queues.
   */
  async #afterJob(kind: 'pdf' | 'printer'): Promise<void> {
    this.#onPrinted();
    await Promise.all([
      this.ledger.refresh(),
      this.printers.loadJobs(),
      kind === 'printer' ? this.printers.load() : Promise.resolve(),
    ]);
  }

  /**
   * Cancels an unfinished printer job from the banner. When the output panel still reports that job as
   * stopped (and offers Resume), the report changes to "cancelled".
   */
  async cancelPrinterJob(id: string): Promise<void> {
    await this.printers.cancelJob(id);
    const outcome = this.outcome;
    const cancelled = !this.printers.jobs.some((job) => job.id === id);
    if (cancelled && outcome?.kind === 'interrupted' && outcome.job.id === id) {
      this.outcome = { kind: 'cancelled' };
    }
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

  /**
   * Chooses where the next print goes. Another target clears the last outcome, because its text (such as
   * "Open file" or "Use Resume above") describes the previous target.
   */
  chooseTarget(target: OutputTarget): void {
    const current = this.printers.target;
    const same =
      current.kind === 'pdf'
        ? target.kind === 'pdf'
        : target.kind === 'printer' && target.profileId === current.profileId;
    if (!same) {
      this.clearOutcome();
    }
    this.printers.choose(target);
  }

  /** Forgets the last outcome, such as when another document is opened. */
  clearOutcome(): void {
    this.outcome = null;
    this.openError = null;
  }
}
