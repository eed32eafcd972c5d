import { open, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { DiagnosticsExportResult, HistoryEntry, SettingsView } from '../../shared/ipc-contract.ts';
import type { Locale } from '../../shared/i18n/index.ts';
import type { ScopedLogger } from '../logging/logger.ts';
import { printerProfilesFileSchema } from '../printing/printer-profiles-store.ts';

/** Bytes kept from the end of each log file in a bundle. */
export const LOG_TAIL_BYTES = 64 * 1024;

/** Version of the bundle's layout, so support can tell bundles of older app versions apart. */
const BUNDLE_FORMAT = 1;
const LOG_FILE = /^main(?:\.\d+)?\.log$/;

/** Collaborators of {@link DiagnosticsExport}. */
export interface DiagnosticsOptions {
  userDataFolder: string;
  /** Folder of `main.log` and its rotated files. */
  logFolder: string;
  appVersion: string;
  /** Runtime and OS versions, such as `{ electron, node, os }`. */
  runtimeVersions: Readonly<Record<string, string>>;
  /** The settings as the renderer sees them, so the secret is never read. */
  settingsView: () => Promise<SettingsView>;
  /** Recent documents of the current account. */
  history: () => Promise<HistoryEntry[]>;
  /** Asks where to save; null means the clerk closed the dialog. */
  chooseSavePath: (defaultFileName: string, locale: Locale) => Promise<string | null>;
  locale: () => Promise<Locale>;
  now: () => Date;
  /** The logger's redactor: removes registered secrets, Bearer credentials and secret-named fields. */
  redact: (text: string) => string;
  log: ScopedLogger;
}

/** The end of one log file; `truncated` says whether older lines were left out. */
interface LogTail {
  file: string;
  truncated: boolean;
  text: string;
}

/**
 * Writes the support bundle: one JSON file with versions, settings without the secret, printer profiles,
 * recent document references and the last {@link LOG_TAIL_BYTES} of each log file. Each log tail and then
 * the whole text pass through the logger's redactor before anything is written.
 */
export class DiagnosticsExport {
  readonly #options: DiagnosticsOptions;

  constructor(options: DiagnosticsOptions) {
    this.#options = options;
  }

  /** Asks for a path and writes the bundle there atomically; `cancelled` when the dialog was closed. */
  async export(): Promise<DiagnosticsExportResult> {
    const options = this.#options;
    const createdAt = options.now();
    const path = await options.chooseSavePath(defaultDiagnosticsName(createdAt), await options.locale());
    if (path === null) {
      options.log.info('Diagnostics export cancelled');
      return { status: 'cancelled' };
    }

    const text = await this.build(createdAt);
    await writeFileAtomic(path, text, { encoding: 'utf8', mode: 0o600 });
    options.log.info('Wrote a diagnostics bundle', { path, bytes: Buffer.byteLength(text) });
    return { status: 'written', path };
  }

  /** Builds the bundle's JSON text, already redacted. */
  async build(createdAt: Date): Promise<string> {
    const options = this.#options;
    const history = await options.history();
    const bundle = {
      format: BUNDLE_FORMAT,
      createdAt: createdAt.toISOString(),
      versions: { app: options.appVersion, ...options.runtimeVersions },
      settings: await options.settingsView(),
      printerProfiles: await this.#printerProfiles(),
      cachedDocuments: history.map((entry) => ({
        ref: entry.ref,
        fetchedAt: entry.fetchedAt,
        lineCount: entry.lineCount,
        labelsPrinted: entry.labelsPrinted,
      })),
      logs: await this.#logTails(),
    };
    return `${options.redact(JSON.stringify(bundle, null, 2))}\n`;
  }

  async #printerProfiles(): Promise<unknown> {
    let text: string;
    try {
      text = await readFile(join(this.#options.userDataFolder, 'printers.json'), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return [];
      }
      return { error: `printers.json could not be read: ${String(error)}` };
    }
    try {
      const parsed = printerProfilesFileSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data.profiles : { error: 'printers.json is invalid' };
    } catch {
      return { error: 'printers.json is not valid JSON' };
    }
  }

  async #logTails(): Promise<LogTail[]> {
    const { logFolder, redact } = this.#options;
    const names = await readdir(logFolder).catch(() => [] as string[]);
    const logFiles = names.filter((name) => LOG_FILE.test(name)).sort(byRotation);
    const tails: LogTail[] = [];
    for (const name of logFiles) {
      const { text, truncated } = await readTail(join(logFolder, name), LOG_TAIL_BYTES);
      // Redacted before JSON escaping, because escaped quotes would hide `"secret":"..."` from the patterns.
      tails.push({ file: name, truncated, text: redact(text) });
    }
    return tails;
  }
}

/** Builds the save dialog's suggested name, `label-desk-diagnostics-<YYYY-MM-DD>.json`, in UTC. */
export function defaultDiagnosticsName(now: Date): string {
  return `label-desk-diagnostics-${now.toISOString().slice(0, 10)}.json`;
}

/** Orders `main.log` first, then `main.1.log`, `main.2.log`, ..., newest to oldest. */
function byRotation(a: string, b: string): number {
  const index = (name: string): number => Number(/\.(\d+)\.log$/.exec(name)?.[1] ?? 0);
  return index(a) - index(b);
}

/** Reads the last `maxBytes` of a file, starting after the first line break when it cuts a line. */
async function readTail(path: string, maxBytes: number): Promise<{ text: string; truncated: boolean }> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - maxBytes);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    const text = buffer.toString('utf8');
    if (start === 0) {
      return { text, truncated: false };
    }
    const firstBreak = text.indexOf('\n');
    return { text: firstBreak === -1 ? '' : text.slice(firstBreak + 1), truncated: true };
  } finally {
    await handle.close();
  }
}
