import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { AppError } from '../../shared/errors.ts';
import { translate, type Locale } from '../../shared/i18n/index.ts';
import { SUPPORTED_DPI, type Dpi } from '../../shared/labels/types.ts';

/** Options of `print` after parsing. */
export interface PrintCommandOptions {
  bill?: string;
  delivery?: string;
  outlet: string;
  template?: string;
  dpi?: Dpi;
  showPrice: boolean;
  start?: number;
  pdf: string;
  yes: boolean;
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
  | { name: 'help' };

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

function nonEmpty(locale: Locale) {
  return (value: string): string => {
    if (value.trim() === '') {
      throw new InvalidArgumentError(translate(locale, 'cli.usage.empty_value'));
    }
    return value.trim();
  };
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
    .description(t('cli.help.program'))
    .option('--verbose', t('cli.help.verbose'), false)
    .option('--lang <language>', t('cli.help.lang'))
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
    .requiredOption('--pdf <file>', t('cli.help.pdf'), nonEmpty(locale))
    .option('-y, --yes', t('cli.help.yes'), false)
    .action((options: PrintCommandOptions) => {
      if (options.bill === undefined && options.delivery === undefined) {
        throw new AppError('usage', { message: t('cli.usage.document_required') });
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

  if (argv.filter((argument) => !argument.startsWith('--lang') && argument !== '--verbose').length === 0) {
    write.err(program.helpInformation());
    throw new AppError('usage', { message: t('cli.usage.command_required') });
  }

  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help') {
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
