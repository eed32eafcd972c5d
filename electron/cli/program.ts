import {
  Command,
  CommanderError,
  Help,
  InvalidArgumentError,
  Option,
  type HelpConfiguration,
} from 'commander';
import { AppError } from '../../shared/errors.ts';
import { LOCALES, translate, type Locale } from '../../shared/i18n/index.ts';
import { MAX_LABELS_PER_LINE } from '../../shared/labels/lines.ts';
import packageJson from '../../package.json' with { type: 'json' };
import { SUPPORTED_DPI, type Dpi } from '../../shared/labels/types.ts';
import type { CalibrateCommandOptions } from './calibrate-command.ts';
import {
  CLI_PRINTER_LANGUAGES,
  type CliPrinterLanguage,
  type RawOutputOptions,
} from './printing-commands.ts';

/** Options of `print` after parsing: at least one of `pdf`, `zpl`, `tspl` and `printer` is set. */
export interface PrintCommandOptions extends RawOutputOptions {
  bill?: string;
  delivery?: string;
  outlet: string;
  template?: string;
  dpi?: Dpi;
  showPrice: boolean;
  start?: number;
  pdf?: string;
  yes: boolean;
  /** Label counts per line from `--set LINE=COUNT`; 0 leaves the line out. */
  set?: Map<number, number>;
}

export interface LoginCommandOptions {
  url: string;
  clientId: string;
  verify: boolean;
}

/** The command the user asked for, with its options; `help` when commander printed help or a version. */
export type ParsedCommand =
  | { name: 'print'; options: PrintCommandOptions }
  | { name: 'login'; options: LoginCommandOptions }
  | { name: 'logout' }
  | { name: 'templates' }
  | { name: 'printers' }
  | { name: 'calibrate'; profile: string; options: CalibrateCommandOptions }
  | { name: 'jobs' }
  | { name: 'resume'; id: string; options: ResumeCommandOptions }
  | { name: 'cancel'; id: string }
  | { name: 'help' };

export interface ResumeCommandOptions {
  unconfirmed?: 'skip' | 'resend';
  wait?: number;
}

export interface GlobalOptions {
  verbose: boolean;
}

function parseDpi(locale: Locale) {
  return (value: string): Dpi => {
    const dpi = Number(value);
    if (!SUPPORTED_DPI.includes(dpi as Dpi)) {
      throw new InvalidArgumentError(
        translate(locale, 'cli.usage.dpi', { allowed: SUPPORTED_DPI.join(', ') }),
      );
    }
    return dpi as Dpi;
  };
}

function parsePositiveInteger(locale: Locale) {
  return (value: string): number => {
    const number = Number(value);
    if (!/^\d+$/.test(value.trim()) || number < 1) {
      throw new InvalidArgumentError(translate(locale, 'cli.usage.positive_integer'));
    }
    return number;
  };
}

function parseChoice<T extends string>(
  choices: readonly T[],
  locale: Locale,
  reasonKey: Parameters<typeof translate>[1],
) {
  return (value: string): T => {
    if (!(choices as readonly string[]).includes(value.trim())) {
      throw new InvalidArgumentError(translate(locale, reasonKey));
    }
    return value.trim() as T;
  };
}

/** Collects repeated `--set LINE=COUNT` options into one map; a later value for a line wins. */
function collectLineCount(locale: Locale) {
  return (value: string, previous: Map<number, number> | undefined): Map<number, number> => {
    const match = /^\s*(\d+)\s*=\s*(\d+)\s*$/.exec(value);
    const line = match === null ? NaN : Number(match[1]);
    const count = match === null ? NaN : Number(match[2]);
    if (!(line >= 1) || !(count >= 0) || count > MAX_LABELS_PER_LINE) {
      throw new InvalidArgumentError(translate(locale, 'cli.usage.line_count'));
    }
    return new Map(previous ?? []).set(line, count);
  };
}

function nonEmpty(locale: Locale) {
  return (value: string): string => {
    if (value.trim() === '') {
      throw new InvalidArgumentError(translate(locale, 'cli.usage.empty_value'));
    }
    return value.trim();
  };
}

/**
 * Replaces commander's fixed English help words ("Usage:", "Options:", "[options]", ...) with the user's
 * language through commander's documented help hooks. Subcommands inherit this configuration when they
 * are added after it. Boolean flags lose their "(default: false)" note, which gives a user no information.
 */
function translatedHelp(locale: Locale): HelpConfiguration {
  const titles: Record<string, string> = {
    'Usage:': translate(locale, 'cli.help.title_usage'),
    'Arguments:': translate(locale, 'cli.help.title_arguments'),
    'Options:': translate(locale, 'cli.help.title_options'),
    'Global Options:': translate(locale, 'cli.help.title_global_options'),
    'Commands:': translate(locale, 'cli.help.title_commands'),
  };
  const optionsPlaceholder = `[${translate(locale, 'cli.help.options_placeholder')}]`;
  const commandPlaceholder = `[${translate(locale, 'cli.help.command_placeholder')}]`;
  return {
    styleTitle: (title) => titles[title] ?? title,
    styleOptionText: (text) => (text === '[options]' ? optionsPlaceholder : text),
    styleSubcommandText: (text) => (text === '[command]' ? commandPlaceholder : text),
    optionDescription(option) {
      if (option.isBoolean() && typeof option.defaultValue === 'boolean') {
        return option.description;
      }
      return Help.prototype.optionDescription.call(this, option);
    },
  };
}

/** Returns the trimmed job ID of `resume`/`cancel`, or throws a usage error when it is empty. */
function requireJobId(id: string, locale: Locale): string {
  if (id.trim() === '') {
    throw new AppError('usage', { message: translate(locale, 'cli.usage.job_id_empty') });
  }
  return id.trim();
}

/**
 * Parses the command line with help texts in the user's language. Commander's own errors are turned
 * into a `usage` AppError carrying a translated sentence; help output goes to `write`.
 */
export function parseCommandLine(
  argv: readonly string[],
  locale: Locale,
  write: { out: (text: string) => void; err: (text: string) => void },
): { command: ParsedCommand; global: GlobalOptions } {
  const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]): string =>
    translate(locale, key, params);
  let command: ParsedCommand = { name: 'help' };

  const program = new Command('dealpos-labels')
    .configureHelp(translatedHelp(locale))
    .description(t('cli.help.program'))
    .option('--verbose', t('cli.help.verbose'), false)
    .option('--lang <language>', t('cli.help.lang'), parseChoice(LOCALES, locale, 'cli.usage.lang'))
    .version(packageJson.version, '-V, --version', t('cli.help.version'))
    .helpOption('-h, --help', t('cli.help.help'))
    .helpCommand(false)
    .showSuggestionAfterError(false)
    .exitOverride()
    .configureOutput({ writeOut: write.out, writeErr: () => undefined });

  program
    .command('print')
    .description(t('cli.help.print'))
    .addOption(
      new Option('--bill <number>', t('cli.help.bill')).argParser(nonEmpty(locale)).conflicts('delivery'),
    )
    .addOption(new Option('--delivery <number>', t('cli.help.delivery')).argParser(nonEmpty(locale)))
    .requiredOption('--outlet <name>', t('cli.help.outlet'), nonEmpty(locale))
    .option('--template <id>', t('cli.help.template'))
    .option('--dpi <dots>', t('cli.help.dpi'), parseDpi(locale))
    .option('--show-price', t('cli.help.show_price'), false)
    .option('--start <position>', t('cli.help.start'), parsePositiveInteger(locale))
    .option('--pdf <file>', t('cli.help.pdf'), nonEmpty(locale))
    .option('--zpl <file>', t('printers.help.zpl'), nonEmpty(locale))
    .option('--tspl <file>', t('printers.help.tspl'), nonEmpty(locale))
    .option('--printer <queue>', t('printers.help.printer'), nonEmpty(locale))
    .option(
      '--language <language>',
      t('printers.help.language'),
      parseChoice<CliPrinterLanguage>(CLI_PRINTER_LANGUAGES, locale, 'printers.usage.language'),
    )
    .option('--profile <id>', t('printers.help.profile'), nonEmpty(locale))
    .option('--wait <seconds>', t('printers.help.wait'), parsePositiveInteger(locale))
    .option('--set <line=count>', t('cli.help.set'), collectLineCount(locale))
    .option('-y, --yes', t('cli.help.yes'), false)
    .action((options: PrintCommandOptions) => {
      if (options.bill === undefined && options.delivery === undefined) {
        throw new AppError('usage', { message: t('cli.usage.document_required') });
      }
      if ([options.pdf, options.zpl, options.tspl, options.printer].every((output) => output === undefined)) {
        throw new AppError('usage', { message: t('printers.usage.output_required') });
      }
      command = { name: 'print', options };
    });

  program
    .command('login')
    .description(t('cli.help.login'))
    .requiredOption('--url <address>', t('cli.help.url'), nonEmpty(locale))
    .requiredOption('--client-id <id>', t('cli.help.client_id'), nonEmpty(locale))
    .option('--no-verify', t('cli.help.no_verify'))
    .action((options: LoginCommandOptions) => {
      command = { name: 'login', options };
    });

  program
    .command('logout')
    .description(t('cli.help.logout'))
    .action(() => {
      command = { name: 'logout' };
    });

  program
    .command('templates')
    .description(t('cli.help.templates'))
    .action(() => {
      command = { name: 'templates' };
    });

  const printers = program
    .command('printers')
    .description(t('printers.help.printers'))
    .action(() => {
      command = { name: 'printers' };
    });
  printers
    .command('calibrate')
    .description(t('printer_desk.help.calibrate'))
    .argument('<profile>', t('printer_desk.help.profile'))
    .option('--zpl <file>', t('printers.help.zpl'), nonEmpty(locale))
    .option('--tspl <file>', t('printers.help.tspl'), nonEmpty(locale))
    .option('--wait <seconds>', t('printers.help.wait'), parsePositiveInteger(locale))
    .action((profile: string, options: CalibrateCommandOptions) => {
      command = { name: 'calibrate', profile, options };
    });

  program
    .command('jobs')
    .description(t('printers.help.jobs'))
    .action(() => {
      command = { name: 'jobs' };
    });

  program
    .command('resume')
    .description(t('printers.help.resume'))
    .argument('<job>', t('printers.help.job_id'))
    .option(
      '--unconfirmed <choice>',
      t('printers.help.unconfirmed'),
      parseChoice<'skip' | 'resend'>(['skip', 'resend'], locale, 'printers.usage.unconfirmed'),
    )
    .option('--wait <seconds>', t('printers.help.wait'), parsePositiveInteger(locale))
    .action((id: string, options: ResumeCommandOptions) => {
      command = { name: 'resume', id: requireJobId(id, locale), options };
    });

  program
    .command('cancel')
    .description(t('printers.help.cancel'))
    .argument('<job>', t('printers.help.job_id'))
    .action((id: string) => {
      command = { name: 'cancel', id: requireJobId(id, locale) };
    });

  if (argv.filter((argument) => !argument.startsWith('--lang') && argument !== '--verbose').length === 0) {
    write.err(program.helpInformation());
    throw new AppError('usage', { message: t('cli.usage.command_required') });
  }

  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(error.code)) {
        return { command: { name: 'help' }, global: { verbose: false } };
      }
      throw new AppError('usage', { message: usageMessage(error, locale) }, { detail: error.message });
    }
    throw error;
  }
  const globalOptions = program.opts<{ verbose: boolean }>();
  return { command, global: { verbose: globalOptions.verbose } };
}

/** Turns one of commander's English errors into a translated sentence naming the option or command. */
function usageMessage(error: CommanderError, locale: Locale): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'commander.missingMandatoryOptionValue':
      return translate(locale, 'cli.usage.missing_option', { option: quoted });
    case 'commander.missingArgument':
      return translate(locale, 'cli.usage.missing_argument', { argument: quoted });
    case 'commander.optionMissingArgument':
      return translate(locale, 'cli.usage.missing_value', { option: quoted });
    case 'commander.unknownOption':
      return translate(locale, 'cli.usage.unknown_option', { option: quoted });
    case 'commander.unknownCommand':
      return translate(locale, 'cli.usage.unknown_command', { command: quoted });
    case 'commander.conflictingOption':
      return translate(locale, 'cli.usage.document_conflict');
    case 'commander.invalidArgument':
    case 'commander.invalidOptionArgument': {
      // Commander appends our parser's translated reason after the option name.
      const reason = error.message.split('. ').slice(1).join('. ').trim();
      return translate(locale, 'cli.usage.invalid_value', { option: quoted, reason });
    }
    case 'commander.excessArguments':
      return translate(locale, 'cli.usage.extra_arguments');
    default:
      return translate(locale, 'cli.usage.generic');
  }
}
