import { AppError, isAppError, type ErrorCode } from '../../shared/errors.ts';
import type { DocumentRef, DocumentView, HistoryEntry } from '../../shared/ipc-contract.ts';
import { readDocumentLines } from '../../shared/labels/lines.ts';
import type { ScopedLogger } from '../logging/logger.ts';
import type { DealposAccounts } from './dealpos-accounts.ts';
import type { DeskSettings } from './desk-settings.ts';
import type { CachedDocument, DocumentCache } from './document-cache.ts';
import type { HistoryStore } from './history-store.ts';

/**
 * Failures after which the desk offers the cached copy: DealPOS was unreachable, timed out, failed with a
 * 5xx status, limited requests or sent an unreadable response. Their error params carry
 * `cached: 'yes' | 'no'`, and `host` for the `network` message.
 */
const OFFLINE_CODES = new Set<ErrorCode>([
  'network',
  'timeout',
  'server_error',
  'rate_limited',
  'bad_response',
]);

/** A document's raw lines from the cache, and the account they belong to. */
export interface CachedLines {
  accountKey: string;
  lines: Record<string, unknown>[];
}

/** Collaborators of {@link DeskDocuments}. */
export interface DeskDocumentsOptions {
  accounts: DealposAccounts;
  settings: DeskSettings;
  cache: DocumentCache;
  history: HistoryStore;
  now: () => Date;
  log: ScopedLogger;
}

/** Fetching documents from DealPOS, keeping a copy of each, and reopening that copy offline. */
export class DeskDocuments {
  readonly #options: DeskDocumentsOptions;

  constructor(options: DeskDocumentsOptions) {
    this.#options = options;
  }

  /**
   * Fetches a document, stores its raw lines in the cache, records it in the history and remembers its
   * outlet. When DealPOS cannot be reached, the error's `cached` param is `yes` if a cached copy exists.
   */
  async fetch(ref: DocumentRef): Promise<DocumentView> {
    const { accounts, cache, history, settings, now, log } = this.#options;
    const connection = await accounts.connect();

    let rawLines: Record<string, unknown>[];
    try {
      rawLines = await connection.client.fetchDocument(ref.kind, ref.outlet, ref.number);
    } catch (error) {
      if (isAppError(error) && OFFLINE_CODES.has(error.code)) {
        const cached = await cache.read(connection.accountKey, ref);
        throw new AppError(
          error.code,
          { ...error.params, host: connection.host, cached: cached === null ? 'no' : 'yes' },
          { detail: error.detail, cause: error },
        );
      }
      throw error;
    }

    const fetchedAt = now().toISOString();
    const lines = readDocumentLines(rawLines);
    await cache.write({
      accountKey: connection.accountKey,
      ref,
      fetchedAt,
      source: connection.source,
      lines: rawLines,
    });
    const dropped = await history.recordFetch(connection.accountKey, ref, fetchedAt, lines.length);
    for (const entry of dropped) {
      await cache.remove(entry.accountKey, entry.ref);
    }
    await settings.addRecentOutlet(ref.outlet);
    log.info('Fetched a document', {
      kind: ref.kind,
      number: ref.number,
      lines: lines.length,
      source: connection.source,
    });
    return { ref, lines, fetchedAt, source: connection.source };
  }

  /** Opens the cached copy of a document of the current account, or fails with `document_not_found`. */
  async openCached(ref: DocumentRef): Promise<DocumentView> {
    const { document } = await this.#requireCached(ref);
    return { ref, lines: readDocumentLines(document.lines), fetchedAt: document.fetchedAt, source: 'cache' };
  }

  /** Reads the raw lines of the current account's cached copy of a document, for printing without a refetch. */
  async readCachedLines(ref: DocumentRef): Promise<CachedLines> {
    const { accountKey, document } = await this.#requireCached(ref);
    return { accountKey, lines: document.lines };
  }

  /** Lists the current account's history, most recent fetch first. */
  async listHistory(): Promise<HistoryEntry[]> {
    return this.#options.history.list(await this.#options.accounts.currentAccountKey());
  }

  /** Adds printed labels to the document's history entry. */
  async recordPrinted(accountKey: string, ref: DocumentRef, labels: number): Promise<void> {
    await this.#options.history.recordPrint(accountKey, ref, labels, this.#options.now().toISOString());
  }

  async #requireCached(ref: DocumentRef): Promise<{ accountKey: string; document: CachedDocument }> {
    const accountKey = await this.#options.accounts.currentAccountKey();
    const document = accountKey === null ? null : await this.#options.cache.read(accountKey, ref);
    if (accountKey === null || document === null) {
      throw new AppError(
        'document_not_found',
        { number: ref.number, outlet: ref.outlet },
        { detail: 'no cached copy of this document for the current account' },
      );
    }
    return { accountKey, document };
  }
}
