import { mkdir } from 'node:fs/promises';
import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import electronLog from 'electron-log/node.js';

/** Extra values written after a log message. An `Error` value is written with its stack. */
export type LogFields = Record<string, unknown>;

/** Logging for one part of the app; every line it writes starts with that part's `[scope]` tag. */
export interface ScopedLogger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** The app's one logger, owned by main. Secrets registered with `addSecret` never reach a log file. */
export interface AppLogger {
  scope(name: string): ScopedLogger;
  /** Registers a value (a client secret, a token) that every later line shows as `[redacted]`. */
  addSecret(value: string): void;
  /** Applies the same redaction as the log files to other text, such as a support bundle. */
  redact(text: string): string;
  /** The file being written now; rotated files sit beside it as `main.1.log`, `main.2.log`, ... */
  readonly filePath: string;
}

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Folder of the log files, normally `<userData>/logs`; created when missing. */
  folder: string;
  /** Size in bytes at which the current file is rotated. */
  maxFileBytes?: number;
  /** Rotated files kept besides the current one; older ones are deleted. */
  keptFiles?: number;
  /** Also writes each line to the console, for `electron-vite dev`. */
  console?: boolean;
}

const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;
const DEFAULT_KEPT_FILES = 4;
const LOG_FILE_NAME = 'main.log';
const REDACTED = '[redacted]';

/**
 * Field names whose values are secrets wherever they appear: JSON (`"client_secret":"x"`), query strings
 * (`access_token=x`) and `key: value` text. A DealPOS token response names the token `Token`,
 * `access_token` or `token`, so all three are listed.
 */
const SECRET_FIELD =
  /((["']?)\b(?:client_secret|access_token|refresh_token|token|password|secret)\b\2\s*[:=]\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s"',;&}\]]+)/gi;
const BEARER = /\b(Bearer)\s+[A-Za-z0-9\-._~+/]+=*/gi;

/**
 * Removes secrets from text: registered values (longest first, so a value containing another is removed
 * whole), Bearer credentials, and the values of fields named like secrets.
 */
export class SecretRedactor {
  readonly #secrets = new Set<string>();
  #ordered: string[] = [];

  add(secret: string): void {
    // One- and two-character values would blank out ordinary words.
    if (secret.length < 3 || this.#secrets.has(secret)) {
      return;
    }
    this.#secrets.add(secret);
    this.#ordered = [...this.#secrets].sort((a, b) => b.length - a.length);
  }

  apply(text: string): string {
    let result = text;
    for (const secret of this.#ordered) {
      result = result.split(secret).join(REDACTED);
    }
    result = result.replace(BEARER, `$1 ${REDACTED}`);
    return result.replace(SECRET_FIELD, (_match, prefix: string, _quote: string, value: string) => {
      const quote = value.startsWith('"') ? '"' : value.startsWith("'") ? "'" : '';
      return `${prefix}${quote}${REDACTED}${quote}`;
    });
  }
}

let loggerCount = 0;

/**
 * Creates the app's logger: electron-log's Node build (the same code in Electron's main process and under
 * plain Node), writing `[scope] message fields` lines to `<folder>/main.log`. The file rotates when it
 * reaches `maxFileBytes` (give or take one line), keeping `keptFiles` older files.
 */
export async function createLogger(options: LoggerOptions): Promise<AppLogger> {
  const folder = options.folder;
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const keptFiles = options.keptFiles ?? DEFAULT_KEPT_FILES;
  if (!Number.isInteger(keptFiles) || keptFiles < 1) {
    throw new RangeError(`keptFiles must be a whole number of at least 1, got ${keptFiles}`);
  }
  await mkdir(folder, { recursive: true });

  const filePath = join(folder, LOG_FILE_NAME);
  loggerCount += 1;
  // A logger of its own, so two loggers in one process (tests, the browser harness) keep their settings apart.
  const log = electronLog.create({ logId: `label-desk-${loggerCount}` });
  const file = log.transports.file;
  file.resolvePathFn = () => filePath;
  file.maxSize = maxFileBytes;
  file.format = '[{y}-{m}-{d} {h}:{i}:{s}.{ms}] [{level}] {text}';
  // electron-log appends each line synchronously (its default), so the last lines before a crash are on
  // disk. It calls archiveLogFn synchronously between two writes, so the rotation uses sync calls too.
  file.archiveLogFn = (current) => {
    rotateFiles(current.toString(), keptFiles);
  };
  log.transports.console.level = options.console === true ? 'info' : false;
  // Under plain Node electron-log has no IPC transport (it is null despite its type), and nothing is sent
  // to a remote server.
  const transports = log.transports as Partial<typeof log.transports>;
  if (transports.ipc) {
    transports.ipc.level = false;
  }
  if (transports.remote) {
    transports.remote.level = false;
  }

  const redactor = new SecretRedactor();
  const write = (level: 'info' | 'warn' | 'error', scope: string, message: string, fields?: LogFields) => {
    log[level](formatLine(scope, message, fields, (text) => redactor.apply(text)));
  };

  return {
    filePath,
    addSecret: (value) => redactor.add(value),
    redact: (text) => redactor.apply(text),
    scope: (name) => ({
      info: (message, fields) => write('info', name, message, fields),
      warn: (message, fields) => write('warn', name, message, fields),
      error: (message, fields) => write('error', name, message, fields),
    }),
  };
}

/** Shifts `main.log` to `main.1.log`, `main.1.log` to `main.2.log`, and so on, dropping the oldest. */
function rotateFiles(currentPath: string, keptFiles: number): void {
  const numbered = (index: number): string => currentPath.replace(/\.log$/, `.${index}.log`);
  rmSync(numbered(keptFiles), { force: true });
  for (let index = keptFiles - 1; index >= 1; index -= 1) {
    try {
      renameSync(numbered(index), numbered(index + 1));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw error;
      }
    }
  }
  renameSync(currentPath, numbered(1));
}

/**
 * Builds one log line. Each part is redacted before it is quoted as JSON, because escaping would hide a
 * quoted `"client_secret":"..."` inside a string value from the redactor's patterns.
 */
function formatLine(
  scope: string,
  message: string,
  fields: LogFields | undefined,
  redact: (text: string) => string,
): string {
  let line = `[${scope}] ${redact(message)}`;
  const stacks: string[] = [];
  for (const [key, value] of Object.entries(fields ?? {})) {
    if (value instanceof Error) {
      line += ` ${key}=${JSON.stringify(redact(`${value.name}: ${value.message}`))}`;
      stacks.push(...errorStacks(value).map(redact));
    } else if (typeof value === 'string') {
      line += ` ${key}=${JSON.stringify(redact(value))}`;
    } else {
      line += ` ${key}=${redact(stringify(value))}`;
    }
  }
  return stacks.length === 0 ? line : `${line}\n${stacks.join('\n')}`;
}

/** Collects the stack of an error and of each error in its `cause` chain, at most five deep. */
function errorStacks(error: Error): string[] {
  const stacks: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth += 1) {
    const stack = current.stack ?? `${current.name}: ${current.message}`;
    stacks.push(depth === 0 ? stack : `Caused by: ${stack}`);
    current = current.cause;
  }
  return stacks;
}

function stringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    // Circular structures and BigInt values cannot be written as JSON.
    return String(value);
  }
}
