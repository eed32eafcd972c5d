import { resolve } from 'node:path';
import type { DealposClient } from '../dealpos/client.ts';
import { labelFontPath, loadFontMetrics } from '../pdf/font.ts';
import { checkOutputPath, outputFailureReason } from '../pdf/output-path.ts';
import { JobJournalStore, type JobJournal } from '../printing/job-journal.ts';
import {
  cancelPrintJob,
  createSpooler,
  resumePrintJob,
  startPrintJob,
  type RunnerContext,
} from '../printing/print-job-runner.ts';
import { PrinterProfilesStore } from '../printing/printer-profiles-store.ts';
import { writeRawJobFile } from '../printing/raw-file.ts';
import {
  buildRawJob,
  PrinterProfileMismatchError,
  streamRawJob,
  type RawJob,
  type RawLanguage,
} from '../printing/raw-job.ts';
import type { Spooler } from '../printing/spooler.ts';
import { requireTemplate, type DocumentPrintChoices } from '../services/print-labels.ts';
import { AppError, isAppError } from '../../shared/errors.ts';
import { errorMessage, lineProblemMessage } from '../../shared/error-messages.ts';
import { formatCount, translate, type Locale, type MessageKey } from '../../shared/i18n/index.ts';
import { planJob, type JobPlan } from '../../shared/labels/job.ts';
import { readDocumentLines } from '../../shared/labels/lines.ts';
import type { LabelTemplate } from '../../shared/labels/templates.ts';
import type { Dpi, FontMetrics, LineOverride } from '../../shared/labels/types.ts';
import { printerProfileSchema, type PrinterProfile } from '../../shared/printing/profile.ts';
import { EXIT } from './exit-codes.ts';
import { writeLine, type CliIo } from './io.ts';

/** Printer languages the `--language` option names; `driver` exists only in the desktop app. */
export const CLI_PRINTER_LANGUAGES = ['zpl', 'tspl', 'driver'] as const;
export type CliPrinterLanguage = (typeof CLI_PRINTER_LANGUAGES)[number];

/** Liner gap assumed between roll labels when no printer profile gives one (2 mm is common, an estimate). */
const DEFAULT_ROLL_GAP_MM = 2;

/** The raw-output options of `print`. */
export interface RawOutputOptions {
  zpl?: string;
  tspl?: string;
  printer?: string;
  language?: CliPrinterLanguage;
  profile?: string;
  /** Seconds to wait for each spool job. */
  wait?: number;
}

/** The printing commands' environment: the CLI's streams, language and data folder. */
export interface PrintingCommandContext {
  io: CliIo;
  locale: Locale;
  userDataFolder: string;
  /** Replaced in tests; production uses the platform's spooler. */
  spooler?: Spooler;
  signal?: AbortSignal;
}

/**
 * The document and layout choices of one `print` run. Its dpi is the one asked for on the command line or
 * in settings; a printer profile's dpi replaces it.
 */
export type RawPrintRequest = DocumentPrintChoices;

export function hasRawOutput(options: RawOutputOptions): boolean {
  return options.zpl !== undefined || options.tspl !== undefined || options.printer !== undefined;
}

/**
 * Wraps a DealPOS client so a document is fetched once per run and its lines, exactly as DealPOS sent
 * them, stay available for the print job journal.
 */
export function fetchOnce(
  client: Pick<DealposClient, 'fetchDocument'>,
): Pick<DealposClient, 'fetchDocument'> {
  const cache = new Map<string, Promise<Record<string, unknown>[]>>();
  return {
    fetchDocument: (kind, outlet, number) => {
      const key = JSON.stringify([kind, outlet, number]);
      let pending = cache.get(key);
      if (pending === undefined) {
        pending = client.fetchDocument(kind, outlet, number);
        cache.set(key, pending);
      }
      return pending;
    },
  };
}

/**
 * Writes `--zpl`/`--tspl` files and sends the job to `--printer`. Refused and warned lines are printed
 * unless a PDF was made at the same dpi (`pdfDpi`), whose report already listed them. Returns the exit code:
 * 7 when the printer job was interrupted, 6 when lines were refused, 0 otherwise.
 */
export async function printRawOutputs(
  options: RawOutputOptions,
  request: RawPrintRequest,
  dependencies: {
    client: Pick<DealposClient, 'fetchDocument'>;
    metrics: FontMetrics;
    confirm: (plan: JobPlan) => void;
    /** The dpi of the PDF written in the same run, or null when there is none. */
    pdfDpi: Dpi | null;
  },
  context: PrintingCommandContext,
): Promise<number> {
  const { io, locale } = context;
  if (options.language === 'driver') {
    throw new AppError('print_mode_unsupported');
  }
  await checkRawOutputPaths(options);
  const template = requireTemplate(request.templateId);
  const profile = await resolveProfile(options, request, template, context);
  const rawLines = await dependencies.client.fetchDocument(request.kind, request.outlet, request.number);
  const plan = planJob(readDocumentLines(rawLines), {
    template,
    dpi: profile.dpi,
    showPrice: request.showPrice,
    documentNumber: request.number,
    metrics: dependencies.metrics,
    overrides: request.overrides,
  });
  if (dependencies.pdfDpi !== profile.dpi) {
    reportPlanProblems(plan, io, locale);
  }
  const partial = plan.refused.length > 0 ? EXIT.partial : EXIT.ok;
  if (plan.totalLabels === 0) {
    writeLine(io.stdout, translate(locale, 'cli.nothing_to_print'));
    return partial;
  }
  dependencies.confirm(plan);

  const files = rawOutputFiles(options);
  for (const [language, path] of files) {
    if (!(await writeRawFileOrReport(path, language, plan, profile, context))) {
      return EXIT.usage;
    }
    writeLine(
      io.stdout,
      translate(locale, 'printers.raw_written', { language: language.toUpperCase(), path }),
    );
  }
  // A run that also wrote a PDF has already printed this summary, with the same label counts.
  if (files.length > 0 && dependencies.pdfDpi === null) {
    writeLine(
      io.stdout,
      translate(locale, 'cli.summary', {
        lines: rawLines.length,
        labels: plan.totalLabels,
        refused: plan.refused.length,
      }),
    );
  }

  if (options.printer === undefined) {
    return partial;
  }
  const language = options.language ?? profile.mode;
  if (language === 'driver') {
    throw new AppError('print_mode_unsupported');
  }
  const firstBuild = await buildOrReport(language, plan, profile, 0, context);
  if (firstBuild === null) {
    return EXIT.usage;
  }
  const runner = await runnerContext(options.wait, context, { firstBuild });
  return reportJobOutcome(
    () =>
      startPrintJob(
        {
          document: { kind: request.kind, outlet: request.outlet, number: request.number },
          templateId: template.id,
          profile: { ...profile, queue: options.printer! },
          language,
          queue: options.printer!,
          totalLabels: plan.totalLabels,
          plan: {
            rawLines,
            overrides: [...(request.overrides ?? new Map<number, LineOverride>())],
            dpi: profile.dpi,
            showPrice: request.showPrice,
          },
        },
        runner,
      ),
    context,
    partial,
  );
}

/** Lists the `--zpl`/`--tspl` files of a run as absolute paths, ZPL first. */
export function rawOutputFiles(
  options: Pick<RawOutputOptions, 'zpl' | 'tspl'>,
): Array<[RawLanguage, string]> {
  const files: Array<[RawLanguage, string]> = [];
  if (options.zpl !== undefined) {
    files.push(['zpl', resolve(options.zpl)]);
  }
  if (options.tspl !== undefined) {
    files.push(['tspl', resolve(options.tspl)]);
  }
  return files;
}

/**
 * Checks, before any request, that every `--zpl`/`--tspl` file can be created, as the PDF path is
 * checked: its folder must exist and be writable and the path must not be a folder. Throws
 * `output_failed` naming the file and the reason.
 */
export async function checkRawOutputPaths(options: Pick<RawOutputOptions, 'zpl' | 'tspl'>): Promise<void> {
  for (const [, path] of rawOutputFiles(options)) {
    await checkOutputPath(path).catch((error: unknown) => {
      throw asRawOutputError(error, path);
    });
  }
}

/**
 * Turns a failure to write the printer file at `path` into `output_failed` naming a printer file, so its
 * message does not say "PDF". Other errors are returned unchanged.
 */
export function asRawOutputError(error: unknown, path: string): unknown {
  if (isAppError(error) && error.code === 'output_failed') {
    return new AppError(
      'output_failed',
      { ...error.params, file: 'printer_file' },
      { detail: error.detail, cause: error.cause },
    );
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string') {
    return new AppError(
      'output_failed',
      { path, reason: outputFailureReason(error), file: 'printer_file' },
      { detail: `raw file write: ${code}`, cause: error },
    );
  }
  return error;
}

/** Lists the spooler's queues, then the stored profiles (the `printers` command). */
export async function listPrinters(context: PrintingCommandContext): Promise<number> {
  const { io, locale } = context;
  let exitCode: number = EXIT.ok;
  writeLine(io.stdout, translate(locale, 'printers.queues_header'));
  try {
    const queues = await (context.spooler ?? createSpooler(io.env)).listQueues();
    if (queues.length === 0) {
      writeLine(io.stdout, translate(locale, 'printers.none'));
    }
    for (const queue of queues) {
      const state = translate(locale, 'printers.state', {
        state: queue.state,
        accepting: queue.acceptingJobs ? 'yes' : 'no',
      });
      const message = queue.message === '' ? '' : `: ${queue.message}`;
      writeLine(io.stdout, `  ${queue.name.padEnd(24)} ${state}${message}`);
    }
  } catch (error) {
    if (!isAppError(error)) {
      throw error;
    }
    writeLine(io.stderr, errorMessage(locale, error));
    exitCode = EXIT.failure;
  }

  const store = new PrinterProfilesStore(context.userDataFolder);
  const { profiles, movedAsidePath } = await store.load();
  if (movedAsidePath !== null) {
    writeLine(io.stderr, translate(locale, 'printers.profiles_moved_aside', { path: movedAsidePath }));
  }
  writeLine(io.stdout, translate(locale, 'printers.profiles_header'));
  if (profiles.length === 0) {
    writeLine(io.stdout, translate(locale, 'printers.none'));
  }
  for (const profile of profiles) {
    const size = `${formatCount(locale, profile.label.widthMm)} × ${formatCount(locale, profile.label.heightMm)} mm`;
    const across = profile.columns > 1 ? ` × ${profile.columns}` : '';
    writeLine(
      io.stdout,
      `  ${profile.id.padEnd(24)} ${profile.queue.padEnd(16)} ${profile.mode.padEnd(6)} ${profile.dpi} dpi  ${size}${across}  ${profile.name}`,
    );
  }
  return exitCode;
}

/** Lists journals not completed or cancelled, with why each stopped (the `jobs` command). */
export async function listJobs(context: PrintingCommandContext): Promise<number> {
  const { io, locale } = context;
  const store = new JobJournalStore(context.userDataFolder);
  const { journals, movedAside } = await store.list();
  for (const path of movedAside) {
    writeLine(io.stderr, translate(locale, 'printers.journal_moved_aside', { path }));
  }
  const unfinished = journals.filter(
    (journal) => journal.status === 'active' || journal.status === 'interrupted',
  );
  if (unfinished.length === 0) {
    writeLine(io.stdout, translate(locale, 'printers.jobs_none'));
    return EXIT.ok;
  }
  writeLine(io.stdout, translate(locale, 'printers.jobs_header'));
  for (const journal of unfinished) {
    writeLine(
      io.stdout,
      `  ${translate(locale, 'printers.job_line', {
        id: journal.id,
        kind: journal.document.kind,
        number: journal.document.number,
        outlet: journal.document.outlet,
        queue: journal.queue,
        confirmed: journal.confirmedLabels,
        total: journal.totalLabels,
        status: journal.status,
      })}`,
    );
    if (journal.interruption !== null) {
      writeLine(io.stdout, `      ${errorMessage(locale, journal.interruption)}`);
    }
  }
  return EXIT.ok;
}

/** Sends the labels of a job not yet confirmed (the `resume JOB` command). */
export async function resumeJob(
  id: string,
  options: { unconfirmed?: 'skip' | 'resend'; wait?: number },
  context: PrintingCommandContext,
): Promise<number> {
  const runner = await runnerContext(options.wait, context, {});
  return reportJobOutcome(
    () => resumePrintJob(id, runner, { unconfirmed: options.unconfirmed }),
    context,
    EXIT.ok,
  );
}

/** Marks a job cancelled and cancels its spool job if one is still queued (the `cancel JOB` command). */
export async function cancelJob(id: string, context: PrintingCommandContext): Promise<number> {
  const { io, locale } = context;
  const outcome = await cancelPrintJob(id, {
    spooler: context.spooler ?? createSpooler(io.env),
    store: new JobJournalStore(context.userDataFolder),
  });
  if (outcome.deferred) {
    writeLine(io.stdout, translate(locale, 'printers.cancel_requested', { id }));
  } else {
    writeLine(
      io.stdout,
      translate(locale, 'printers.cancelled', {
        id,
        confirmed: outcome.journal.confirmedLabels,
        total: outcome.journal.totalLabels,
      }),
    );
  }
  return EXIT.ok;
}

/**
 * Picks the profile for raw output: `--profile`, else a stored profile for `--printer` (in
 * `--language` if given), else one derived from the template's label size and grid.
 */
async function resolveProfile(
  options: RawOutputOptions,
  request: RawPrintRequest,
  template: LabelTemplate,
  context: PrintingCommandContext,
): Promise<PrinterProfile> {
  const store = new PrinterProfilesStore(context.userDataFolder);
  const { profiles, movedAsidePath } = await store.load();
  if (movedAsidePath !== null) {
    writeLine(
      context.io.stderr,
      translate(context.locale, 'printers.profiles_moved_aside', { path: movedAsidePath }),
    );
  }
  if (options.profile !== undefined) {
    const profile = profiles.find((candidate) => candidate.id === options.profile);
    if (profile === undefined) {
      throw new AppError('printer_profile_not_found', { id: options.profile });
    }
    return profile;
  }
  const printer = options.printer;
  if (printer !== undefined) {
    const stored = profiles.find(
      (candidate) =>
        candidate.queue.toLowerCase() === printer.toLowerCase() &&
        candidate.mode !== 'driver' &&
        (options.language === undefined || candidate.mode === options.language),
    );
    if (stored !== undefined) {
      return stored;
    }
    if (options.language === undefined) {
      // A mistyped queue has no profile either, so the error names the unknown queue instead of asking
      // for --language.
      const queues = await (context.spooler ?? createSpooler(context.io.env)).listQueues();
      if (!queues.some((queue) => queue.name.toLowerCase() === printer.toLowerCase())) {
        throw new AppError('printer_not_found', { queue: printer });
      }
      throw usage(context.locale, 'printers.usage.language_required', { queue: printer });
    }
  }
  if (request.dpi !== 203 && request.dpi !== 300) {
    throw usage(context.locale, 'printers.usage.raw_dpi');
  }
  const roll = template.media === 'roll';
  return printerProfileSchema.parse({
    id: 'command-line',
    name: template.name,
    queue: printer ?? 'file',
    mode: options.language ?? 'zpl',
    dpi: request.dpi,
    label: {
      widthMm: template.label.widthMm,
      heightMm: template.label.heightMm,
      gapMm: roll ? DEFAULT_ROLL_GAP_MM : 0,
    },
    columns: roll ? template.grid.columns : 1,
    columnGapMm: roll && template.grid.columns > 1 ? template.grid.pitchXMm - template.label.widthMm : 0,
    offsetMm: { x: roll ? template.grid.marginLeftMm : 0, y: 0 },
  });
}

function usage(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): AppError {
  return new AppError('usage', { message: translate(locale, key, params) });
}

/** Builds a raw job, or prints why a line does not suit the printer profile and returns null. */
async function buildOrReport(
  language: RawLanguage,
  plan: JobPlan,
  profile: PrinterProfile,
  startLabel: number,
  context: PrintingCommandContext,
): Promise<RawJob | null> {
  try {
    return await buildRawJob(language, plan.entries, profile, { startLabel });
  } catch (error) {
    if (error instanceof PrinterProfileMismatchError) {
      writeLine(
        context.io.stderr,
        translate(context.locale, `printing.${error.problem.code}` as MessageKey, error.problem.params),
      );
      return null;
    }
    throw error;
  }
}

/**
 * Writes the header once and then every chunk, as one file a clerk can send with `lp -o raw`. Chunks go
 * to the file as they are built, so the first bytes leave at once and memory does not grow with the job.
 * Returns false, with any earlier file at `path` left as it was, after printing why a line does not suit
 * the printer profile. A file-system failure throws `output_failed`.
 */
async function writeRawFileOrReport(
  path: string,
  language: RawLanguage,
  plan: JobPlan,
  profile: PrinterProfile,
  context: PrintingCommandContext,
): Promise<boolean> {
  try {
    await writeRawJobFile(path, streamRawJob(language, plan.entries, profile));
    return true;
  } catch (error) {
    if (error instanceof PrinterProfileMismatchError) {
      writeLine(
        context.io.stderr,
        translate(context.locale, `printing.${error.problem.code}` as MessageKey, error.problem.params),
      );
      return false;
    }
    // File-system failures (a full disk, a folder removed since the check) get the coded message.
    throw asRawOutputError(error, path);
  }
}

/** Rebuilds the bytes of a journal's job from its stored lines, template and printer profile. */
async function rebuildJob(journal: JobJournal, startLabel: number, metrics: FontMetrics): Promise<RawJob> {
  const plan = planJob(readDocumentLines(journal.plan.rawLines), {
    template: requireTemplate(journal.templateId),
    dpi: journal.plan.dpi,
    showPrice: journal.plan.showPrice,
    documentNumber: journal.document.number,
    metrics,
    overrides: new Map(journal.plan.overrides),
  });
  return buildRawJob(journal.language, plan.entries, journal.profile, { startLabel });
}

async function runnerContext(
  waitSeconds: number | undefined,
  context: PrintingCommandContext,
  options: { firstBuild?: RawJob },
): Promise<RunnerContext> {
  const metrics = await loadFontMetrics(labelFontPath());
  return {
    spooler: context.spooler ?? createSpooler(context.io.env),
    store: new JobJournalStore(context.userDataFolder),
    // The job just built for a new print is reused for its first run instead of being built twice.
    rebuild: (journal, startLabel) =>
      startLabel === 0 && options.firstBuild !== undefined
        ? options.firstBuild
        : rebuildJob(journal, startLabel, metrics),
    timeoutMs: waitSeconds === undefined ? undefined : waitSeconds * 1000,
    signal: context.signal,
  };
}

/**
 * Runs a job and prints its outcome. An interruption prints the printer's error and how to resume,
 * and returns exit code 7; other errors propagate to the CLI's error report.
 */
async function reportJobOutcome(
  run: () => Promise<JobJournal>,
  context: PrintingCommandContext,
  successCode: number,
): Promise<number> {
  const { io, locale } = context;
  let journal: JobJournal;
  try {
    journal = await run();
  } catch (error) {
    if (isAppError(error) && error.code === 'print_interrupted') {
      if (isAppError(error.cause)) {
        writeLine(io.stderr, errorMessage(locale, error.cause));
      }
      writeLine(io.stderr, errorMessage(locale, error));
      return EXIT.printInterrupted;
    }
    throw error;
  }
  if (journal.status === 'cancelled') {
    writeLine(
      io.stdout,
      translate(locale, 'printers.cancelled', {
        id: journal.id,
        confirmed: journal.confirmedLabels,
        total: journal.totalLabels,
      }),
    );
    return successCode;
  }
  writeLine(
    io.stdout,
    translate(locale, 'printers.sent', { labels: journal.totalLabels, queue: journal.queue, id: journal.id }),
  );
  return successCode;
}

function reportPlanProblems(plan: JobPlan, io: CliIo, locale: Locale): void {
  for (const warning of plan.warnings) {
    writeLine(
      io.stderr,
      translate(locale, 'cli.warning_line', { message: lineProblemMessage(locale, warning) }),
    );
  }
  for (const refused of plan.refused) {
    for (const problem of refused.problems) {
      writeLine(
        io.stderr,
        translate(locale, 'cli.refused_line', { message: lineProblemMessage(locale, problem) }),
      );
    }
  }
}
