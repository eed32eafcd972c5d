import { resolve } from 'node:path';
import { DealposClient, type DealposLog } from '../dealpos/client.ts';
import { normalizeDealposAddress } from '../dealpos/address.ts';
import { KeychainSecretStore, type SecretStore } from '../credentials/credentials.ts';
import { AccountService } from '../credentials/account.ts';
import { labelFontPath, loadFontMetrics } from '../pdf/font.ts';
import { checkOutputPath } from '../pdf/output-path.ts';
import {
  printDocumentLabels,
  type DocumentPrintChoices,
  type PrintDependencies,
  type PrintEstimate,
} from '../services/print-labels.ts';
import { SettingsStore } from '../settings/settings.ts';
import { userDataFolder } from '../settings/app-paths.ts';
import { AppError, isAppError } from '../../shared/errors.ts';
import { errorMessage, lineProblemMessage } from '../../shared/error-messages.ts';
import { formatCount, localeFromTag, translate, type Locale } from '../../shared/i18n/index.ts';
import type { LineOverride } from '../../shared/labels/types.ts';
import { BUILT_IN_TEMPLATES, labelsPerPage } from '../../shared/labels/templates.ts';
import { calibratePrinter } from './calibrate-command.ts';
import { exitCodeFor, EXIT } from './exit-codes.ts';
import { readAll, readHiddenLine, writeLine, type CliIo } from './io.ts';
import {
  cancelJob,
  checkRawOutputPaths,
  fetchOnce,
  hasRawOutput,
  listJobs,
  listPrinters,
  printRawOutputs,
  resumeJob,
  type PrintingCommandContext,
} from './printing-commands.ts';
import { parseCommandLine, type LoginCommandOptions, type PrintCommandOptions } from './program.ts';

/** Jobs above this many labels need `--yes`, so a typo in a quantity does not empty a label roll. */
export const CONFIRM_ABOVE_LABELS = 5_000;

/** Extra collaborators a test may replace; production uses the OS keychain and the real clock. */
export interface CliOverrides {
  secrets?: SecretStore;
  creationDate?: Date;
  /** Aborted when the user interrupts the command (Ctrl+C); a PDF being written is removed. */
  signal?: AbortSignal;
}

/** Picks the message language: `--lang`, then the saved setting, then LC_ALL, LC_MESSAGES and LANG. */
function chooseLocale(argv: readonly string[], saved: Locale | null, env: NodeJS.ProcessEnv): Locale {
  const index = argv.findIndex((argument) => argument === '--lang' || argument.startsWith('--lang='));
  if (index >= 0) {
    const argument = argv[index]!;
    const value = argument.includes('=') ? argument.slice('--lang='.length) : argv[index + 1];
    return localeFromTag(value);
  }
  if (saved !== null) {
    return saved;
  }
  const posix = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  return localeFromTag(posix);
}

/** Runs one `dealpos-labels` command and returns its exit code; failures become messages, not exceptions. */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  overrides: CliOverrides = {},
): Promise<number> {
  const settingsStore = new SettingsStore(userDataFolder(io.env));
  let locale: Locale = chooseLocale(argv, null, io.env);
  let verbose = argv.includes('--verbose');
  const context: { outlet?: string; number?: string; host?: string; path?: string } = {};

  try {
    const loaded = await settingsStore.load();
    locale = chooseLocale(argv, loaded.settings.locale, io.env);
    if (loaded.movedAsidePath !== null) {
      writeLine(io.stderr, translate(locale, 'cli.settings_moved_aside', { path: loaded.movedAsidePath }));
    }

    const { command, global } = parseCommandLine(argv, locale, {
      out: (text) => io.stdout.write(text),
      err: (text) => io.stderr.write(text),
    });
    verbose = global.verbose;
    const account = new AccountService(settingsStore, overrides.secrets ?? new KeychainSecretStore());

    switch (command.name) {
      case 'help':
        return EXIT.ok;
      case 'templates':
        return listTemplates(io, locale);
      case 'logout':
        writeLine(
          io.stdout,
          translate(locale, (await account.logout()) ? 'cli.logout_done' : 'cli.logout_nothing'),
        );
        return EXIT.ok;
      case 'login':
        return await login(command.options, io, locale, account, verbose, context);
      case 'print':
        context.outlet = command.options.outlet;
        context.number = command.options.bill ?? command.options.delivery;
        context.path = command.options.pdf === undefined ? undefined : resolve(command.options.pdf);
        return await print(command.options, io, locale, account, settingsStore, verbose, overrides, context);
      case 'printers':
        return await listPrinters(printingContext(io, locale, overrides));
      case 'calibrate':
        return await calibratePrinter(
          command.profile,
          command.options,
          printingContext(io, locale, overrides),
        );
      case 'jobs':
        return await listJobs(printingContext(io, locale, overrides));
      case 'resume':
        return await resumeJob(command.id, command.options, printingContext(io, locale, overrides));
      case 'cancel':
        return await cancelJob(command.id, printingContext(io, locale, overrides));
    }
  } catch (error) {
    return reportError(error, io, locale, verbose, context);
  }
}

function printingContext(io: CliIo, locale: Locale, overrides: CliOverrides): PrintingCommandContext {
  return { io, locale, userDataFolder: userDataFolder(io.env), signal: overrides.signal };
}

/** Names the three lines with the most labels, e.g. `#6 BULK-01 × 250,000`, for the confirmation. */
function describeLargestEntries(plan: PrintEstimate, locale: Locale): string {
  return [...plan.entries]
    .sort((a, b) => b.count - a.count)
    .slice(0, 3)
    .map((entry) => `#${entry.lineNumber} ${entry.code} × ${formatCount(locale, entry.count)}`)
    .join(', ');
}

function reportError(
  error: unknown,
  io: CliIo,
  locale: Locale,
  verbose: boolean,
  context: { outlet?: string; number?: string; host?: string; path?: string },
): number {
  if (isAppError(error)) {
    writeLine(io.stderr, errorMessage(locale, error, context));
    if (verbose && error.detail !== undefined && error.code !== 'usage') {
      writeLine(io.stderr, translate(locale, 'cli.detail', { detail: error.detail }));
    }
    return exitCodeFor(error.code);
  }
  // A bug: the user gets a plain sentence, never a stack trace.
  writeLine(io.stderr, errorMessage(locale, new AppError('unexpected')));
  if (verbose) {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    writeLine(io.stderr, translate(locale, 'cli.detail', { detail }));
  }
  return EXIT.failure;
}

function listTemplates(io: CliIo, locale: Locale): number {
  writeLine(io.stdout, translate(locale, 'cli.templates_header'));
  for (const template of BUILT_IN_TEMPLATES) {
    const size = `${formatCount(locale, template.label.widthMm)} × ${formatCount(locale, template.label.heightMm)} mm`;
    writeLine(
      io.stdout,
      `  ${template.id.padEnd(16)} ${size.padEnd(14)} ${labelsPerPage(template)}  ${template.name}`,
    );
  }
  return EXIT.ok;
}

function verboseLog(io: CliIo, verbose: boolean): DealposLog {
  return (level, message, fields) => {
    if (verbose || level === 'error') {
      const extra = fields === undefined ? '' : ` ${JSON.stringify(fields)}`;
      writeLine(io.stderr, `[dealpos] ${level}: ${message}${extra}`);
    }
  };
}

async function login(
  options: LoginCommandOptions,
  io: CliIo,
  locale: Locale,
  account: AccountService,
  verbose: boolean,
  context: { host?: string },
): Promise<number> {
  const url = normalizeDealposAddress(options.url);
  context.host = new URL(url).host;
  if (io.stdin.isTTY === true) {
    io.stderr.write(`${translate(locale, 'cli.login_secret_prompt')} `);
  }
  const raw = io.stdin.isTTY === true ? await readHiddenLine(io.stdin) : await readAll(io.stdin);
  if (io.stdin.isTTY === true) {
    writeLine(io.stderr, '');
  }
  // Only the first line counts, so `echo secret | dealpos-labels login` works with its newline.
  const secret = (raw.split(/\r?\n/)[0] ?? '').trim();
  if (secret === '') {
    throw new AppError('usage', { message: translate(locale, 'cli.login_secret_empty') });
  }
  if (options.verify) {
    const client = new DealposClient({
      baseUrl: url,
      clientId: options.clientId,
      clientSecret: secret,
      log: verboseLog(io, verbose),
    });
    await client.testConnection();
  }
  await account.login(url, options.clientId, secret);
  writeLine(
    io.stdout,
    translate(locale, options.verify ? 'cli.login_saved' : 'cli.login_saved_unverified', {
      url,
      clientId: options.clientId,
    }),
  );
  return EXIT.ok;
}

async function print(
  options: PrintCommandOptions,
  io: CliIo,
  locale: Locale,
  account: AccountService,
  settingsStore: SettingsStore,
  verbose: boolean,
  overrides: CliOverrides,
  context: { host?: string },
): Promise<number> {
  const { settings } = await settingsStore.load();
  // Every output file is checked before any request, so a bad path never costs a DealPOS call.
  if (options.pdf !== undefined) {
    await checkOutputPath(resolve(options.pdf));
  }
  await checkRawOutputPaths(options);
  const credentials = await account.resolve(io.env);
  context.host = new URL(credentials.url).host;
  // The PDF and the raw outputs share one fetch of the document.
  const client = fetchOnce(
    new DealposClient({
      baseUrl: credentials.url,
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
      log: verboseLog(io, verbose),
    }),
  );
  const fontPath = labelFontPath();
  const metrics = await loadFontMetrics(fontPath);
  const choices: DocumentPrintChoices = {
    kind: options.bill !== undefined ? 'bill' : 'delivery',
    outlet: options.outlet,
    number: options.bill ?? options.delivery ?? '',
    templateId: options.template ?? settings.defaultTemplateId,
    dpi: options.dpi ?? settings.defaultDpi,
    showPrice: options.showPrice,
    overrides: lineOverrides(options),
  };
  if (options.set !== undefined && options.set.size > 0) {
    const rawLines = await client.fetchDocument(choices.kind, choices.outlet, choices.number);
    checkSetLines(options.set, rawLines.length, choices.number, locale);
  }
  // Raw outputs pass their full plan, which has the same counts, so one check serves both paths.
  const confirm = (plan: PrintEstimate): true => {
    if (plan.totalLabels > CONFIRM_ABOVE_LABELS && !options.yes) {
      throw new AppError('confirmation_required', {
        labels: formatCount(locale, plan.totalLabels),
        threshold: formatCount(locale, CONFIRM_ABOVE_LABELS),
        largest: describeLargestEntries(plan, locale),
      });
    }
    return true;
  };

  let exitCode: number = EXIT.ok;
  if (options.pdf !== undefined) {
    exitCode = await printPdf(options.pdf, choices, options, io, locale, overrides, {
      client,
      metrics,
      fontPath,
      confirm,
    });
  }
  if (hasRawOutput(options)) {
    const rawExitCode = await printRawOutputs(
      options,
      choices,
      {
        client,
        metrics,
        confirm,
        pdfDpi: options.pdf === undefined ? null : choices.dpi,
      },
      printingContext(io, locale, overrides),
    );
    exitCode = rawExitCode === EXIT.ok ? exitCode : rawExitCode;
  }
  return exitCode;
}

/** Rejects `--set LINE=COUNT` for a line the document does not have, naming the document's line range. */
function checkSetLines(
  set: ReadonlyMap<number, number>,
  lineCount: number,
  number: string,
  locale: Locale,
): void {
  const missing = [...set.keys()].filter((line) => line > lineCount).sort((a, b) => a - b);
  if (missing.length > 0) {
    throw new AppError('usage', {
      message: translate(locale, 'cli.usage.set_line_missing', {
        count: missing.length,
        lines: missing.join(', '),
        number,
        last: lineCount,
      }),
    });
  }
}

/** Converts the `--set LINE=COUNT` options into the label engine's per-line overrides. */
function lineOverrides(options: PrintCommandOptions): Map<number, LineOverride> {
  return new Map([...(options.set ?? [])].map(([line, count]) => [line, { quantity: count }]));
}

async function printPdf(
  pdf: string,
  choices: DocumentPrintChoices,
  options: PrintCommandOptions,
  io: CliIo,
  locale: Locale,
  overrides: CliOverrides,
  shared: Pick<PrintDependencies, 'client' | 'metrics' | 'fontPath' | 'confirm'>,
): Promise<number> {
  const outcome = await printDocumentLabels(
    { ...choices, outputPath: resolve(pdf), startPosition: options.start },
    { ...shared, creationDate: overrides.creationDate, signal: overrides.signal },
  );

  for (const warning of outcome.plan.warnings) {
    writeLine(
      io.stderr,
      translate(locale, 'cli.warning_line', { message: lineProblemMessage(locale, warning) }),
    );
  }
  for (const refused of outcome.plan.refused) {
    for (const problem of refused.problems) {
      writeLine(
        io.stderr,
        translate(locale, 'cli.refused_line', { message: lineProblemMessage(locale, problem) }),
      );
    }
  }
  const zeroLines = outcome.lines
    .filter((line) => line.problems.every((problem) => problem.severity !== 'error'))
    .filter((line) => (options.set?.get(line.lineNumber) ?? line.quantity) === 0)
    .map((line) => line.lineNumber);
  if (zeroLines.length > 0) {
    writeLine(
      io.stdout,
      translate(locale, 'cli.zero_lines', { count: zeroLines.length, lines: zeroLines.join(', ') }),
    );
  }
  if (outcome.path === null) {
    writeLine(io.stdout, translate(locale, 'cli.nothing_to_print'));
  } else {
    writeLine(io.stdout, translate(locale, 'cli.written', { path: outcome.path }));
  }
  writeLine(
    io.stdout,
    translate(locale, 'cli.summary', {
      lines: outcome.lines.length,
      labels: outcome.labelsWritten,
      refused: outcome.plan.refused.length,
    }),
  );
  return outcome.plan.refused.length > 0 ? EXIT.partial : EXIT.ok;
}
