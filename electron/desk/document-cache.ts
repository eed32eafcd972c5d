import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { documentRefSchema, type DocumentRef } from '../../shared/ipc-contract.ts';
import type { ScopedLogger } from '../logging/logger.ts';
import { readJsonFile, writeJsonFile } from './json-file.ts';

const cachedDocumentSchema = z.object({
  version: z.literal(1),
  accountKey: z.string(),
  ref: documentRefSchema,
  fetchedAt: z.string(),
  source: z.enum(['dealpos', 'demo']),
  /** The document lines exactly as DealPOS sent them, so reading them again gives the same checks. */
  lines: z.array(z.record(z.string(), z.unknown())),
});

/** A fetched document as kept on disk, for reopening and reprinting without DealPOS. */
export type CachedDocument = z.infer<typeof cachedDocumentSchema>;

/**
 * The raw documents the desk fetched, one JSON file each under `<userData>/documents/`. A file's name is
 * a SHA-256 hash of the account, kind, outlet and number, so nothing DealPOS or the clerk typed ever
 * becomes part of a path, and documents of different accounts (or of demo mode) never mix.
 */
export class DocumentCache {
  readonly folder: string;
  readonly #now: () => Date;
  readonly #log: ScopedLogger;

  constructor(userDataFolder: string, now: () => Date, log: ScopedLogger) {
    this.folder = join(userDataFolder, 'documents');
    this.#now = now;
    this.#log = log;
  }

  /** Path of the cache file of one document of one account. */
  pathOf(accountKey: string, ref: DocumentRef): string {
    const hash = createHash('sha256')
      .update(JSON.stringify([accountKey, ref.kind, ref.outlet, ref.number]))
      .digest('hex');
    return join(this.folder, `${hash}.json`);
  }

  /** Stores a document atomically, replacing an older copy. */
  async write(document: Omit<CachedDocument, 'version'>): Promise<void> {
    await writeJsonFile(this.pathOf(document.accountKey, document.ref), { version: 1, ...document });
  }

  /** Reads a cached document; null when there is none. A corrupt file is moved aside and counts as none. */
  async read(accountKey: string, ref: DocumentRef): Promise<CachedDocument | null> {
    const path = this.pathOf(accountKey, ref);
    const read = await readJsonFile(path, cachedDocumentSchema, this.#now());
    if (read.status === 'moved_aside') {
      this.#log.warn('A cached document was corrupt; it was moved aside', {
        movedAsidePath: read.movedAsidePath,
      });
      return null;
    }
    if (read.status === 'missing') {
      return null;
    }
    const document = read.value;
    // The hash makes a mismatch nearly impossible; the check keeps a hand-copied file from posing as another.
    const sameRef =
      document.accountKey === accountKey &&
      document.ref.kind === ref.kind &&
      document.ref.outlet === ref.outlet &&
      document.ref.number === ref.number;
    return sameRef ? document : null;
  }

  /** Deletes the cached copy of one document, if any. */
  async remove(accountKey: string, ref: DocumentRef): Promise<void> {
    await rm(this.pathOf(accountKey, ref), { force: true });
  }
}
