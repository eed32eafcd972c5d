import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { ledgerEntrySchema, type DocumentRef, type LedgerEntry } from '../../shared/ipc-contract.ts';
import type { DocumentLine } from '../../shared/labels/types.ts';
import type { ScopedLogger } from '../logging/logger.ts';
import { readJsonFile, writeJsonFile } from './json-file.ts';
import { SerialQueue } from './serial-queue.ts';

/** Maximum entries per document, with the oldest dropped first. A busy document gets a few prints a day. */
export const MAX_LEDGER_ENTRIES = 500;

const ledgerFileSchema = z.object({
  version: z.literal(1),
  accountKey: z.string(),
  ref: z.object({ kind: z.enum(['bill', 'delivery']), outlet: z.string(), number: z.string() }),
  entries: z.array(ledgerEntrySchema),
});
type LedgerFile = z.infer<typeof ledgerFileSchema>;

/**
 * The print ledger: one JSON file per document and account in `<userData>/ledger/`, newest entry first,
 * rewritten atomically on every append. A file that fails its schema is moved aside (logged) and the
 * document's ledger starts empty, so a damaged file never stops printing.
 */
export class PrintLedger {
  readonly folder: string;
  readonly #now: () => Date;
  readonly #log: ScopedLogger;
  readonly #queue = new SerialQueue();

  constructor(userDataFolder: string, now: () => Date, log: ScopedLogger) {
    this.folder = join(userDataFolder, 'ledger');
    this.#now = now;
    this.#log = log;
  }

  /**
   * Returns the file of one document: a readable slug of kind, outlet and number (for a person browsing
   * the folder) and a hash of the exact values and account, so two documents never share a file.
   */
  pathOf(accountKey: string, ref: DocumentRef): string {
    const hash = createHash('sha256')
      .update(JSON.stringify([accountKey, ref.kind, ref.outlet, ref.number]))
      .digest('hex')
      .slice(0, 16);
    return join(this.folder, `${ref.kind}-${slug(ref.outlet)}-${slug(ref.number)}-${hash}.json`);
  }

  /** Lists a document's entries, newest first. The list is empty when nothing was printed. */
  list(accountKey: string, ref: DocumentRef): Promise<LedgerEntry[]> {
    return this.#queue.run(async () => (await this.#read(accountKey, ref)).entries);
  }

  /** Adds an entry at the front and drops the oldest beyond {@link MAX_LEDGER_ENTRIES}. */
  append(accountKey: string, ref: DocumentRef, entry: LedgerEntry): Promise<void> {
    return this.#queue.run(async () => {
      const file = await this.#read(accountKey, ref);
      file.entries.unshift(ledgerEntrySchema.parse(entry));
      file.entries.splice(MAX_LEDGER_ENTRIES);
      await writeJsonFile(this.pathOf(accountKey, ref), file);
    });
  }

  async #read(accountKey: string, ref: DocumentRef): Promise<LedgerFile> {
    const path = this.pathOf(accountKey, ref);
    const read = await readJsonFile(path, ledgerFileSchema, this.#now());
    if (read.status === 'moved_aside') {
      this.#log.warn('A print ledger file was unreadable; it was moved aside and starts empty', {
        movedAsidePath: read.movedAsidePath,
      });
    }
    if (read.status === 'ok') {
      return read.value;
    }
    return { version: 1, accountKey, ref: { ...ref }, entries: [] };
  }
}

/** A job's labels in print order: which line each run of labels belongs to. */
export interface PrintedRun {
  lineNumber: number;
  count: number;
}

/**
 * Counts the labels per line among labels `from` to `to` (0-based, `to` excluded) of a job whose labels
 * run in `runs` order, for a ledger entry. Lines with no label in the range are left out.
 */
export function ledgerLines(
  runs: readonly PrintedRun[],
  lines: readonly DocumentLine[],
  from: number,
  to: number,
): LedgerEntry['lines'] {
  const byNumber = new Map(lines.map((line) => [line.lineNumber, line]));
  const result: LedgerEntry['lines'] = [];
  let first = 0;
  for (const run of runs) {
    const start = Math.max(first, from);
    const end = Math.min(first + run.count, to);
    if (end > start) {
      const line = byNumber.get(run.lineNumber);
      result.push({
        lineNumber: run.lineNumber,
        code: line?.code ?? null,
        name: line?.name ?? '',
        labels: end - start,
      });
    }
    first += run.count;
  }
  return result;
}

function slug(value: string): string {
  const cleaned = value
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9.]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 40);
  return cleaned === '' ? 'x' : cleaned;
}
