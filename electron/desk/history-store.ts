import { join } from 'node:path';
import { z } from 'zod';
import { historyEntrySchema, type DocumentRef, type HistoryEntry } from '../../shared/ipc-contract.ts';
import type { ScopedLogger } from '../logging/logger.ts';
import { readJsonFile, writeJsonFile } from './json-file.ts';
import { SerialQueue } from './serial-queue.ts';

/** Entries kept across all accounts; the oldest fetch is dropped first, with its cached document. */
export const MAX_HISTORY_ENTRIES = 200;

const historyRecordSchema = historyEntrySchema.extend({ accountKey: z.string() });
type HistoryRecord = z.infer<typeof historyRecordSchema>;

const historyFileSchema = z.object({
  version: z.literal(1),
  entries: z.array(historyRecordSchema),
});

/**
 * Recently fetched documents in `<userData>/history.json`, most recent fetch first, each tagged with its
 * account so demo documents never show up for the real store. Only this app writes the file, so it is
 * read once and then kept in memory; every change is written atomically, one at a time.
 */
export class HistoryStore {
  readonly path: string;
  readonly #now: () => Date;
  readonly #log: ScopedLogger;
  readonly #queue = new SerialQueue();
  #entries: HistoryRecord[] | undefined;

  constructor(userDataFolder: string, now: () => Date, log: ScopedLogger) {
    this.path = join(userDataFolder, 'history.json');
    this.#now = now;
    this.#log = log;
  }

  /** Lists the entries of one account, most recent fetch first. */
  list(accountKey: string | null): Promise<HistoryEntry[]> {
    return this.#queue.run(async () => {
      const entries = await this.#load();
      return entries.filter((entry) => entry.accountKey === accountKey).map(withoutAccount);
    });
  }

  /**
   * Records a fetch: the entry moves to the front with the new time and line count, keeping its printed
   * count. Returns the entries dropped to stay within {@link MAX_HISTORY_ENTRIES}.
   */
  recordFetch(
    accountKey: string,
    ref: DocumentRef,
    fetchedAt: string,
    lineCount: number,
  ): Promise<Array<{ accountKey: string; ref: DocumentRef }>> {
    return this.#queue.run(async () => {
      const entries = await this.#load();
      const index = entries.findIndex((entry) => matches(entry, accountKey, ref));
      const previous = index >= 0 ? entries.splice(index, 1)[0] : undefined;
      entries.unshift({
        accountKey,
        ref,
        fetchedAt,
        lineCount,
        labelsPrinted: previous?.labelsPrinted ?? 0,
        lastPrintedAt: previous?.lastPrintedAt ?? null,
      });
      const dropped = entries.splice(MAX_HISTORY_ENTRIES);
      await this.#save(entries);
      return dropped.map((entry) => ({ accountKey: entry.accountKey, ref: entry.ref }));
    });
  }

  /** Adds printed labels to a document's entry; a document no longer in the history is ignored. */
  recordPrint(accountKey: string, ref: DocumentRef, labels: number, printedAt: string): Promise<void> {
    return this.#queue.run(async () => {
      const entries = await this.#load();
      const entry = entries.find((item) => matches(item, accountKey, ref));
      if (entry === undefined) {
        return;
      }
      entry.labelsPrinted += labels;
      entry.lastPrintedAt = printedAt;
      await this.#save(entries);
    });
  }

  async #load(): Promise<HistoryRecord[]> {
    if (this.#entries !== undefined) {
      return this.#entries;
    }
    const read = await readJsonFile(this.path, historyFileSchema, this.#now());
    if (read.status === 'moved_aside') {
      this.#log.warn('The history file was corrupt; it was moved aside and the history starts empty', {
        movedAsidePath: read.movedAsidePath,
      });
    }
    this.#entries = read.status === 'ok' ? read.value.entries : [];
    return this.#entries;
  }

  async #save(entries: HistoryRecord[]): Promise<void> {
    await writeJsonFile(this.path, { version: 1, entries });
  }
}

function matches(entry: HistoryRecord, accountKey: string, ref: DocumentRef): boolean {
  return (
    entry.accountKey === accountKey &&
    entry.ref.kind === ref.kind &&
    entry.ref.outlet === ref.outlet &&
    entry.ref.number === ref.number
  );
}

function withoutAccount(entry: HistoryRecord): HistoryEntry {
  return {
    ref: entry.ref,
    fetchedAt: entry.fetchedAt,
    lineCount: entry.lineCount,
    labelsPrinted: entry.labelsPrinted,
    lastPrintedAt: entry.lastPrintedAt,
  };
}
