import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AppError, isAppError } from '../../shared/errors.ts';
import type {
  EventChannel,
  EventPayload,
  PdfPrintRequest,
  PdfPrintResult,
} from '../../shared/ipc-contract.ts';
import type { Locale } from '../../shared/i18n/index.ts';
import { readDocumentLines } from '../../shared/labels/lines.ts';
import { labelFontPath, loadFontMetrics } from '../pdf/font.ts';
import { printDocumentLabels, requireTemplate } from '../services/print-labels.ts';
import type { ScopedLogger } from '../logging/logger.ts';
import type { DeskDocuments } from './documents.ts';
import { printOverrides } from './print-overrides.ts';
import { ledgerLines, type PrintLedger } from './print-ledger.ts';
import type { TemplateStore } from './template-store.ts';

/** Progress events of one job are at least this far apart, except the last one. */
export const PROGRESS_INTERVAL_MS = 100;

/** Sends one main → renderer event. */
export type EventEmitter = <E extends EventChannel>(channel: E, payload: EventPayload<E>) => void;

/** Collaborators of {@link PdfPrintJobs}. */
export interface PdfPrintJobsOptions {
  documents: DeskDocuments;
  templates: TemplateStore;
  /** Asks where to save; null means the clerk closed the dialog. */
  chooseSavePath: (defaultFileName: string, locale: Locale) => Promise<string | null>;
  openPath: (path: string) => Promise<void>;
  revealPath: (path: string) => Promise<void> | void;
  emit: EventEmitter;
  now: () => Date;
  locale: () => Promise<Locale>;
  log: ScopedLogger;
  /** TrueType font the labels are measured and drawn with; DejaVu Sans by default. */
  fontPath?: string;
  /** The print ledger that records each written PDF. Without it, nothing is recorded. */
  ledger?: PrintLedger;
}

/**
 * Print-to-PDF jobs. Each job requests a file name through the save dialog, then writes the labels of a
 * cached document with progress events, and the renderer can cancel it by its id. The class records
 * every PDF it wrote and opens only those.
 */
export class PdfPrintJobs {
  readonly #options: PdfPrintJobsOptions;
  readonly #running = new Map<string, AbortController>();
  readonly #written = new Set<string>();

  constructor(options: PdfPrintJobsOptions) {
    this.#options = options;
  }

  /**
   * Runs one job. Closing the save dialog or cancelling the job gives `cancelled` and leaves no file.
   * The labels come from the cached copy of the document, the one the clerk saw, never a new fetch.
   */
  async print(request: PdfPrintRequest): Promise<PdfPrintResult> {
    const { jobId } = request;
    if (this.#running.has(jobId)) {
      throw new Error(`print job ${jobId} is already running`);
    }
    const controller = new AbortController();
    this.#running.set(jobId, controller);
    try {
      return await this.#run(request, controller.signal);
    } catch (error) {
      if (isAppError(error) && error.code === 'output_cancelled') {
        this.#options.log.info('Print job cancelled while writing', { jobId });
        return { status: 'cancelled' };
      }
      throw error;
    } finally {
      this.#running.delete(jobId);
    }
  }

  /** Cancels a running job; returns false when no job has that id (it may have just finished). */
  cancel(jobId: string): boolean {
    const controller = this.#running.get(jobId);
    if (controller === undefined) {
      return false;
    }
    controller.abort();
    return true;
  }

  /** Cancels every running job, when the app quits. */
  cancelAll(): void {
    for (const controller of this.#running.values()) {
      controller.abort();
    }
  }

  /** Opens a PDF this app wrote in this run, or shows it in its folder. Other paths are rejected. */
  // NOTE: the list of written files lives in memory only, so after a restart the app no longer opens
  // PDFs it wrote before.
  async open(path: string, reveal: boolean): Promise<null> {
    const target = resolve(path);
    if (!this.#written.has(target)) {
      this.#options.log.warn('Refused to open a file this app did not write', { path });
      throw new AppError('file_open_failed', { path }, { detail: 'the app did not write this file' });
    }
    const file = await stat(target).catch(() => null);
    if (file === null || !file.isFile()) {
      throw new AppError('file_open_failed', { path }, { detail: 'the file no longer exists' });
    }
    try {
      if (reveal) {
        await this.#options.revealPath(target);
      } else {
        await this.#options.openPath(target);
      }
    } catch (error) {
      throw new AppError(
        'file_open_failed',
        { path },
        { detail: error instanceof Error ? error.message : String(error), cause: error },
      );
    }
    return null;
  }

  async #run(request: PdfPrintRequest, signal: AbortSignal): Promise<PdfPrintResult> {
    const { documents, templates, log } = this.#options;
    const custom = await templates.custom();
    // Unknown templates and documents fail before the save dialog opens.
    requireTemplate(request.templateId, custom);
    const cached = await documents.readCachedLines(request.document);
    const overrides = printOverrides(request.overrides, request.reprint, readDocumentLines(cached.lines));

    const outputPath = await this.#options.chooseSavePath(
      defaultPdfName(request.document.number),
      await this.#options.locale(),
    );
    if (outputPath === null || signal.aborted) {
      log.info('Print job cancelled before writing', { jobId: request.jobId });
      return { status: 'cancelled' };
    }

    const fontPath = this.#options.fontPath ?? labelFontPath();
    const progress = new ProgressThrottle(request.jobId, this.#options.emit, this.#options.now);
    const outcome = await printDocumentLabels(
      {
        kind: request.document.kind,
        outlet: request.document.outlet,
        number: request.document.number,
        templateId: request.templateId,
        dpi: request.dpi,
        showPrice: request.showPrice,
        outputPath,
        startPosition: request.startPosition,
        overrides,
      },
      {
        client: { fetchDocument: () => Promise.resolve(cached.lines) },
        metrics: await loadFontMetrics(fontPath),
        fontPath,
        customTemplates: custom,
        creationDate: this.#options.now(),
        signal,
        onProgress: (written, total) => progress.report(written, total),
      },
    );
    if (outcome.path === null) {
      throw new AppError(
        'nothing_to_print',
        {},
        { detail: `${outcome.plan.refused.length} of ${outcome.lines.length} lines refused` },
      );
    }

    const path = resolve(outcome.path);
    this.#written.add(path);
    await documents.recordPrinted(cached.accountKey, request.document, outcome.labelsWritten);
    await this.#options.ledger
      ?.append(cached.accountKey, request.document, {
        at: this.#options.now().toISOString(),
        target: { kind: 'pdf', path },
        templateId: request.templateId,
        dpi: request.dpi,
        status: 'completed',
        reprint: request.reprint !== null && request.reprint !== undefined,
        lines: ledgerLines(outcome.plan.entries, outcome.lines, 0, outcome.labelsWritten),
        labels: outcome.labelsWritten,
      })
      .catch((error: unknown) => {
        // The PDF is written either way, so a ledger write failure must not hide it.
        log.error('Could not add the PDF to the print ledger', { jobId: request.jobId, error });
      });
    log.info('Wrote a label PDF', {
      jobId: request.jobId,
      number: request.document.number,
      labels: outcome.labelsWritten,
      pages: outcome.pages,
      refusedLines: outcome.plan.refused.length,
    });
    return { status: 'written', path, labels: outcome.labelsWritten, pages: outcome.pages };
  }
}

/** Builds the save dialog's suggested name, `labels-<number>.pdf`, replacing characters file systems reject. */
export function defaultPdfName(documentNumber: string): string {
  const safe = documentNumber
    .replace(/[/\\:*?"<>|\p{Cc}]/gu, '-')
    .replace(/^\.+/, '')
    .slice(0, 100);
  return `labels-${safe === '' ? 'document' : safe}.pdf`;
}

/**
 * Limits progress events to one per {@link PROGRESS_INTERVAL_MS} or per whole percent, whichever comes
 * first, so a long job does not flood IPC. The final count always goes out.
 */
export class ProgressThrottle {
  #lastTime = Number.NEGATIVE_INFINITY;
  #lastWritten = 0;

  constructor(
    private readonly jobId: string,
    private readonly emit: EventEmitter,
    private readonly now: () => Date,
  ) {}

  report(written: number, total: number): void {
    const time = this.now().getTime();
    const onePercent = Math.max(1, Math.floor(total / 100));
    const due =
      written >= total ||
      written - this.#lastWritten >= onePercent ||
      time - this.#lastTime >= PROGRESS_INTERVAL_MS;
    if (!due) {
      return;
    }
    this.#lastTime = time;
    this.#lastWritten = written;
    this.emit('print:progress', { jobId: this.jobId, written, total });
  }
}
