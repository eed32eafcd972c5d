import { AppError, isAppError } from '../../shared/errors.ts';
import type {
  DocumentRef,
  LedgerEntry,
  PrinterJobView,
  PrinterPrintRequest,
  PrintersView,
} from '../../shared/ipc-contract.ts';
import { planJob, type JobEntry, type JobPlan } from '../../shared/labels/job.ts';
import { readDocumentLines } from '../../shared/labels/lines.ts';
import type { LabelTemplate } from '../../shared/labels/templates.ts';
import type { DocumentLine, FontMetrics } from '../../shared/labels/types.ts';
import {
  checkDrawingFitsProfile,
  EXAMPLE_PRINTER_PROFILES,
  type PrinterProfile,
  type PrinterProfileInput,
  type PrinterProfileProblem,
} from '../../shared/printing/profile.ts';
import type { ScopedLogger } from '../logging/logger.ts';
import { labelFontPath, loadFontMetrics, readFontFile } from '../pdf/font.ts';
import { calibrationEntry, sendCalibrationLabel } from '../printing/calibration-job.ts';
import { buildDriverHtml } from '../printing/driver-html.ts';
import { JobJournalStore, type JobJournal } from '../printing/job-journal.ts';
import {
  cancelPrintJob,
  createSpooler,
  resumePrintJob,
  startPrintJob,
  type RunnerContext,
} from '../printing/print-job-runner.ts';
import { PrinterProfilesStore } from '../printing/printer-profiles-store.ts';
import {
  buildRawJob,
  PrinterProfileMismatchError,
  type RawJob,
  type RawLanguage,
} from '../printing/raw-job.ts';
import type { Spooler } from '../printing/spooler.ts';
import { requireTemplate } from '../services/print-labels.ts';
import type { DeskDocuments } from './documents.ts';
import { toIpcError } from './outcome.ts';
import { ProgressThrottle, type EventEmitter } from './pdf-print-jobs.ts';
import { ledgerLines, type PrintLedger } from './print-ledger.ts';
import { printOverrides } from './print-overrides.ts';
import type { TemplateStore } from './template-store.ts';

/** Prints an HTML document through the OS driver of the profile's queue. Main uses a hidden window. */
export type PrintDriverPages = (html: string, profile: PrinterProfile) => Promise<void>;

/** Collaborators of {@link DeskPrinters}. */
export interface DeskPrintersOptions {
  /** Folder of `printers.json` and `jobs/`, the same the command line uses, so both see each other's jobs. */
  userDataFolder: string;
  documents: DeskDocuments;
  templates: TemplateStore;
  ledger: PrintLedger;
  /** The account whose documents are open, or null when none is set up. */
  accountKey: () => Promise<string | null>;
  /** The OS spooler. The default is the platform's one (CUPS or Windows), created on first use. */
  spooler?: Spooler;
  /** Driver-mode printing. Without it, driver profiles fail with `driver_print_unavailable`. */
  printDriverPages?: PrintDriverPages;
  emit: EventEmitter;
  now: () => Date;
  log: ScopedLogger;
  /** TrueType font the labels are measured with and the driver document embeds. The default is DejaVu Sans. */
  fontPath?: string;
  /** Timeout of one spool job. The spooler's default applies when absent. */
  spoolTimeoutMs?: number;
}

/** Facts a job's ledger entry needs besides the journal. */
interface LedgerContext {
  accountKey: string | null;
  lines: readonly DocumentLine[];
  entries: readonly Pick<JobEntry, 'lineNumber' | 'count'>[];
  reprint: boolean;
}

/** A job running in this process, under the id the renderer's progress events and cancel use. */
interface RunningJob {
  controller: AbortController;
  done: Promise<unknown>;
}

/**
 * The desk's printer side: profiles, the OS queues, raw (ZPL/TSPL) jobs with their journals, driver-mode
 * jobs, calibration labels and the print ledger. Raw jobs use the same journal folder as the command
 * line, so `jobs`, `resume` and `cancel` there see desk jobs and the other way round.
 */
export class DeskPrinters {
  readonly #options: DeskPrintersOptions;
  readonly #profiles: PrinterProfilesStore;
  readonly #journals: JobJournalStore;
  readonly #running = new Map<string, RunningJob>();
  #spooler: Spooler | undefined;

  constructor(options: DeskPrintersOptions) {
    this.#options = options;
    this.#profiles = new PrinterProfilesStore(options.userDataFolder);
    this.#journals = new JobJournalStore(options.userDataFolder);
    this.#spooler = options.spooler;
  }

  /** Lists the profiles, the shipped examples and the OS queues. A spooler failure fills `queuesError`. */
  async list(): Promise<PrintersView> {
    const profiles = await this.#loadProfiles();
    const view: PrintersView = {
      profiles,
      examples: [...EXAMPLE_PRINTER_PROFILES],
      queues: [],
      queuesError: null,
    };
    try {
      const queues = await this.#spoolerInstance().listQueues();
      view.queues = queues.map(({ name, state, acceptingJobs, description, message }) => ({
        name,
        state,
        acceptingJobs,
        description,
        message,
      }));
    } catch (error) {
      this.#options.log.warn('Could not list the print queues', { error });
      view.queuesError = toIpcError(
        isAppError(error)
          ? error
          : new AppError('print_spooler_unavailable', {
              reason: error instanceof Error ? error.message : String(error),
            }),
      );
    }
    return view;
  }

  /** Adds a profile or replaces the one with the same id, and returns every profile. */
  async saveProfile(profile: PrinterProfileInput): Promise<PrinterProfile[]> {
    await this.#loadProfiles();
    const saved = await this.#profiles.upsert(profile);
    this.#options.log.info('Saved a printer profile', { id: profile.id, mode: profile.mode });
    return saved;
  }

  /** Deletes a profile, or throws `printer_profile_not_found` when no profile has that id. */
  async deleteProfile(id: string): Promise<PrinterProfile[]> {
    const profiles = await this.#loadProfiles();
    if (!profiles.some((profile) => profile.id === id)) {
      throw new AppError('printer_profile_not_found', { id });
    }
    const remaining = await this.#profiles.remove(id);
    this.#options.log.info('Deleted a printer profile', { id });
    return remaining;
  }

  /**
   * Prints one calibration label with the profile as saved: raw profiles send it as one spool job and
   * wait for the spooler to finish it, driver profiles print it through the driver.
   */
  async calibrate(profileId: string): Promise<null> {
    const profile = await this.#requireProfile(profileId);
    const metrics = await loadFontMetrics(this.#fontPath());
    if (profile.mode === 'driver') {
      await this.#printDriver([calibrationEntry(profile, metrics)], profile);
      return null;
    }
    const spoolJobId = await sendCalibrationLabel(profile.mode, profile, {
      spooler: this.#spoolerInstance(),
      metrics,
      timeoutMs: this.#options.spoolTimeoutMs,
    });
    this.#options.log.info('Printed a calibration label', { profile: profile.id, spoolJobId });
    return null;
  }

  /**
   * Prints a document's labels, from the cached copy the clerk saw, laid out at the profile's dpi. A
   * printer failure returns the job `interrupted` with its coded cause, and `print:cancel` with the
   * request's id returns it `cancelled`. Setup failures (no such profile or queue, labels that do not fit
   * the profile, nothing to print) are thrown as coded errors before anything is sent.
   */
  async print(request: PrinterPrintRequest): Promise<PrinterJobView> {
    return this.#track(request.jobId, (signal) => this.#print(request, signal));
  }

  /** Lists printer jobs not finished (interrupted, or active in another window or command), newest first. */
  async listJobs(): Promise<PrinterJobView[]> {
    const { journals, movedAside } = await this.#journals.list(this.#options.now());
    for (const path of movedAside) {
      this.#options.log.warn('An unreadable print job journal was moved aside', { path });
    }
    return journals
      .filter((journal) => journal.status === 'active' || journal.status === 'interrupted')
      .reverse()
      .map(jobView);
  }

  /** Sends what an interrupted job has not printed yet, with progress events under `requestId`. */
  async resume(request: {
    id: string;
    requestId: string;
    unconfirmed: 'skip' | 'resend' | null;
  }): Promise<PrinterJobView> {
    return this.#track(request.requestId, async (signal) => {
      const before = await this.#journals.load(request.id);
      const custom = await this.#options.templates.custom();
      const metrics = await loadFontMetrics(this.#fontPath());
      const { lines, plan } = planFromJournal(before, custom, metrics);
      const progress = new ProgressThrottle(request.requestId, this.#options.emit, this.#options.now);
      const context = this.#runnerContext({
        signal,
        custom,
        metrics,
        onProgress: (journal) => progress.report(journal.confirmedLabels, journal.totalLabels),
      });
      const journal = await this.#settle(
        () => resumePrintJob(request.id, context, { unconfirmed: request.unconfirmed ?? undefined }),
        signal,
      );
      await this.#recordEnd(journal, before.confirmedLabels, {
        accountKey: await this.#options.accountKey(),
        lines,
        entries: plan.entries,
        reprint: journal.reprint,
      });
      return jobView(journal);
    });
  }

  /**
   * Cancels a job so it is never resumed. A job another process is sending right now gets a cancel
   * request and is returned unchanged (`active`). That process stops before its next chunk.
   */
  async cancel(id: string): Promise<PrinterJobView> {
    const before = await this.#journals.load(id);
    const { journal, deferred } = await cancelPrintJob(id, {
      spooler: this.#spoolerInstance(),
      store: this.#journals,
      log: this.#options.log,
      now: this.#options.now,
    });
    if (!deferred && journal.confirmedLabels > before.confirmedLabels) {
      // A chunk left in flight turned out printed while being cancelled.
      const custom = await this.#options.templates.custom();
      const { lines, plan } = planFromJournal(journal, custom, await loadFontMetrics(this.#fontPath()));
      await this.#recordEnd(journal, before.confirmedLabels, {
        accountKey: await this.#options.accountKey(),
        lines,
        entries: plan.entries,
        reprint: journal.reprint,
      });
    }
    return jobView(journal);
  }

  /** Stops a job running under the renderer's id. Returns false when none runs under it. */
  stop(requestId: string): boolean {
    const job = this.#running.get(requestId);
    if (job === undefined) {
      return false;
    }
    job.controller.abort();
    return true;
  }

  /** Lists a document's ledger, newest first. The list is empty when no account is set up. */
  async ledgerOf(ref: DocumentRef): Promise<LedgerEntry[]> {
    const accountKey = await this.#options.accountKey();
    return accountKey === null ? [] : this.#options.ledger.list(accountKey, ref);
  }

  /** Stops every running job and waits until each is recorded as cancelled, when the app quits. */
  async close(): Promise<void> {
    const jobs = [...this.#running.values()];
    for (const job of jobs) {
      job.controller.abort();
    }
    await Promise.allSettled(jobs.map((job) => job.done));
  }

  async #print(request: PrinterPrintRequest, signal: AbortSignal): Promise<PrinterJobView> {
    const { documents, templates } = this.#options;
    const profile = await this.#requireProfile(request.profileId);
    const custom = await templates.custom();
    const template = requireTemplate(request.templateId, custom);
    const cached = await documents.readCachedLines(request.document);
    const lines = readDocumentLines(cached.lines);
    const overrides = printOverrides(request.overrides, request.reprint, lines);
    const metrics = await loadFontMetrics(this.#fontPath());
    const plan = planJob(lines, {
      template,
      dpi: profile.dpi,
      showPrice: request.showPrice,
      documentNumber: request.document.number,
      metrics,
      overrides,
    });
    if (plan.totalLabels === 0) {
      throw new AppError(
        'nothing_to_print',
        {},
        { detail: `${plan.refused.length} of ${lines.length} lines refused` },
      );
    }
    const ledger: LedgerContext = {
      accountKey: cached.accountKey,
      lines,
      entries: plan.entries,
      reprint: request.reprint !== null,
    };

    if (profile.mode === 'driver') {
      return this.#printDocumentWithDriver(request, profile, plan, ledger);
    }

    const firstBuild = await buildForProfile(profile.mode, plan.entries, profile);
    const progress = new ProgressThrottle(request.jobId, this.#options.emit, this.#options.now);
    const context = this.#runnerContext({
      signal,
      custom,
      metrics,
      firstBuild,
      onProgress: (journal) => progress.report(journal.confirmedLabels, journal.totalLabels),
    });
    // NOTE: the command line's `resume` lays jobs out with the built-in templates only, so a desk job
    // printed with a custom template can be resumed from the desk but not from the command line.
    const journal = await this.#settle(
      () =>
        startPrintJob(
          {
            document: request.document,
            templateId: template.id,
            reprint: ledger.reprint,
            profile,
            language: profile.mode as RawLanguage,
            queue: profile.queue,
            totalLabels: plan.totalLabels,
            plan: {
              rawLines: cached.lines,
              overrides: [...overrides],
              dpi: profile.dpi,
              showPrice: request.showPrice,
            },
          },
          context,
        ),
      signal,
    );
    await this.#recordEnd(journal, 0, ledger);
    this.#options.log.info('Printer job ended', {
      jobId: request.jobId,
      id: journal.id,
      status: journal.status,
      confirmed: journal.confirmedLabels,
      total: journal.totalLabels,
    });
    return jobView(journal);
  }

  async #printDocumentWithDriver(
    request: PrinterPrintRequest,
    profile: PrinterProfile,
    plan: JobPlan,
    ledger: LedgerContext,
  ): Promise<PrinterJobView> {
    await this.#printDriver(plan.entries, profile);
    const at = this.#options.now().toISOString();
    this.#options.emit('print:progress', {
      jobId: request.jobId,
      written: plan.totalLabels,
      total: plan.totalLabels,
    });
    await this.#appendLedger(ledger, request.document, {
      at,
      target: { kind: 'printer', profileName: profile.name, queue: profile.queue, jobId: null },
      templateId: request.templateId,
      dpi: profile.dpi,
      status: 'completed',
      reprint: ledger.reprint,
      lines: ledgerLines(ledger.entries, ledger.lines, 0, plan.totalLabels),
      labels: plan.totalLabels,
    });
    await this.#recordHistory(ledger.accountKey, request.document, plan.totalLabels);
    this.#options.log.info('Printed through the driver', {
      jobId: request.jobId,
      queue: profile.queue,
      labels: plan.totalLabels,
    });
    return {
      id: request.jobId,
      status: 'completed',
      document: request.document,
      profileName: profile.name,
      queue: profile.queue,
      templateId: request.templateId,
      confirmedLabels: plan.totalLabels,
      totalLabels: plan.totalLabels,
      interruption: null,
      createdAt: at,
      updatedAt: at,
    };
  }

  /** Builds the driver document and prints it. Driver failures other than coded ones become `print_job_failed`. */
  async #printDriver(entries: readonly JobEntry[], profile: PrinterProfile): Promise<void> {
    const printPages = this.#options.printDriverPages;
    if (printPages === undefined) {
      throw new AppError('driver_print_unavailable');
    }
    for (const entry of entries) {
      const problem = checkDrawingFitsProfile(entry.drawing, profile);
      if (problem !== null) {
        throw mismatchError(problem);
      }
    }
    const html = buildDriverHtml(entries, profile, await readFontFile(this.#fontPath()));
    try {
      await printPages(html, profile);
    } catch (error) {
      if (isAppError(error)) {
        throw error;
      }
      throw new AppError(
        'print_job_failed',
        { queue: profile.queue, reason: error instanceof Error ? error.message : String(error) },
        { cause: error },
      );
    }
  }

  /**
   * Runs a job and returns its journal however it ended. An interruption returns the interrupted
   * journal. An interruption because the clerk stopped the job cancels it, so it is never resumed.
   */
  async #settle(run: () => Promise<JobJournal>, signal: AbortSignal): Promise<JobJournal> {
    try {
      return await run();
    } catch (error) {
      if (!isAppError(error) || error.code !== 'print_interrupted') {
        throw error;
      }
      const id = String(error.params.id);
      if (!signal.aborted) {
        return this.#journals.load(id);
      }
      const { journal } = await cancelPrintJob(id, {
        spooler: this.#spoolerInstance(),
        store: this.#journals,
        log: this.#options.log,
        now: this.#options.now,
      });
      return journal;
    }
  }

  /**
   * Records the labels a run printed (from `before` to the journal's confirmed count) in the ledger and
   * the history. Interrupted runs are recorded even with no label printed; cancelled runs only when some
   * labels printed.
   */
  async #recordEnd(journal: JobJournal, before: number, ledger: LedgerContext): Promise<void> {
    const printed = journal.confirmedLabels - before;
    if (journal.status === 'active' || (journal.status === 'cancelled' && printed <= 0)) {
      return;
    }
    await this.#appendLedger(ledger, journal.document, {
      at: this.#options.now().toISOString(),
      target: { kind: 'printer', profileName: journal.profile.name, queue: journal.queue, jobId: journal.id },
      templateId: journal.templateId,
      dpi: journal.plan.dpi,
      status: journal.status,
      reprint: ledger.reprint,
      lines: ledgerLines(ledger.entries, ledger.lines, before, journal.confirmedLabels),
      labels: Math.max(0, printed),
    });
    await this.#recordHistory(ledger.accountKey, journal.document, printed);
  }

  async #appendLedger(ledger: LedgerContext, ref: DocumentRef, entry: LedgerEntry): Promise<void> {
    if (ledger.accountKey === null) {
      return;
    }
    await this.#options.ledger.append(ledger.accountKey, ref, entry).catch((error: unknown) => {
      // The labels printed either way, so a ledger write failure must not turn the job into a failure.
      this.#options.log.error('Could not add a printer job to the print ledger', { error });
    });
  }

  async #recordHistory(accountKey: string | null, ref: DocumentRef, labels: number): Promise<void> {
    if (accountKey !== null && labels > 0) {
      await this.#options.documents.recordPrinted(accountKey, ref, labels);
    }
  }

  async #track<T>(requestId: string, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.#running.has(requestId)) {
      throw new Error(`print job ${requestId} is already running`);
    }
    const controller = new AbortController();
    const done = task(controller.signal);
    this.#running.set(requestId, { controller, done: done.catch(() => undefined) });
    try {
      return await done;
    } finally {
      this.#running.delete(requestId);
    }
  }

  #runnerContext(options: {
    signal: AbortSignal;
    custom: readonly LabelTemplate[];
    metrics: FontMetrics;
    firstBuild?: RawJob;
    onProgress: (journal: JobJournal) => void;
  }): RunnerContext {
    return {
      spooler: this.#spoolerInstance(),
      store: this.#journals,
      // The job just built for a new print is reused for its first run instead of being built twice.
      rebuild: (journal, startLabel) =>
        startLabel === 0 && options.firstBuild !== undefined
          ? options.firstBuild
          : buildRawJob(
              journal.language,
              planFromJournal(journal, options.custom, options.metrics).plan.entries,
              journal.profile,
              { startLabel },
            ),
      timeoutMs: this.#options.spoolTimeoutMs,
      signal: options.signal,
      onProgress: options.onProgress,
      log: this.#options.log,
      now: this.#options.now,
    };
  }

  async #loadProfiles(): Promise<PrinterProfile[]> {
    const { profiles, movedAsidePath } = await this.#profiles.load();
    if (movedAsidePath !== null) {
      this.#options.log.warn('The printer profiles file was unreadable; it was moved aside', {
        movedAsidePath,
      });
    }
    return profiles;
  }

  async #requireProfile(id: string): Promise<PrinterProfile> {
    const profile = (await this.#loadProfiles()).find((candidate) => candidate.id === id);
    if (profile === undefined) {
      throw new AppError('printer_profile_not_found', { id });
    }
    return profile;
  }

  #spoolerInstance(): Spooler {
    this.#spooler ??= createSpooler();
    return this.#spooler;
  }

  #fontPath(): string {
    return this.#options.fontPath ?? labelFontPath();
  }
}

/** Converts a journal to the view the renderer shows. */
export function jobView(journal: JobJournal): PrinterJobView {
  return {
    id: journal.id,
    status: journal.status,
    document: { ...journal.document },
    profileName: journal.profile.name,
    queue: journal.queue,
    templateId: journal.templateId,
    confirmedLabels: journal.confirmedLabels,
    totalLabels: journal.totalLabels,
    interruption:
      journal.interruption === null
        ? null
        : {
            error: { code: journal.interruption.code, params: { ...journal.interruption.params } },
            label: journal.interruption.label,
          },
    createdAt: journal.createdAt,
    updatedAt: journal.updatedAt,
  };
}

/** Lays a journal's job out again from its stored lines, overrides, template and dpi. */
function planFromJournal(
  journal: JobJournal,
  custom: readonly LabelTemplate[],
  metrics: FontMetrics,
): { lines: DocumentLine[]; plan: JobPlan } {
  const lines = readDocumentLines(journal.plan.rawLines);
  const plan = planJob(lines, {
    template: requireTemplate(journal.templateId, custom),
    dpi: journal.plan.dpi,
    showPrice: journal.plan.showPrice,
    documentNumber: journal.document.number,
    metrics,
    overrides: new Map(journal.plan.overrides),
  });
  return { lines, plan };
}

/** Builds a raw job, turning a label that does not suit the profile into a coded error. */
async function buildForProfile(
  language: RawLanguage,
  entries: readonly JobEntry[],
  profile: PrinterProfile,
): Promise<RawJob> {
  try {
    return await buildRawJob(language, entries, profile);
  } catch (error) {
    if (error instanceof PrinterProfileMismatchError) {
      throw mismatchError(error.problem);
    }
    throw error;
  }
}

/**
 * Converts a profile problem to an error. Labels are always laid out at the profile's dpi here, so a dpi
 * mismatch is a bug rather than a setup problem.
 */
function mismatchError(problem: PrinterProfileProblem): Error {
  if (problem.code === 'label_too_large') {
    return new AppError('label_does_not_fit_printer', problem.params);
  }
  return new Error(
    `labels were laid out at another dpi than the printer profile's: ${JSON.stringify(problem.params)}`,
  );
}
