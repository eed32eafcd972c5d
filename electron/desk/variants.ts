import type { ScopedLogger } from '../logging/logger.ts';
import type { DealposAccounts } from './dealpos-accounts.ts';

/** A scanned code found in DealPOS, with its variant and product ids. */
export interface VariantMatch {
  code: string;
  id: string;
  productId: string;
}

/** Looks up scanned codes in the current DealPOS account, or in the demo simulator in demo mode. */
export class DeskVariants {
  readonly #accounts: DealposAccounts;
  readonly #log: ScopedLogger;

  constructor(accounts: DealposAccounts, log: ScopedLogger) {
    this.#accounts = accounts;
    this.#log = log;
  }

  /**
   * Returns the variants DealPOS has for `codes`, once per distinct code. Codes not found in DealPOS are
   * left out; a failed call throws the client's `AppError`.
   */
  async lookup(codes: readonly string[]): Promise<VariantMatch[]> {
    const distinct = [...new Set(codes.map((code) => code.trim()).filter((code) => code !== ''))];
    if (distinct.length === 0) {
      return [];
    }
    const connection = await this.#accounts.connect();
    const found = await connection.client.getVariantIdsByCodes(distinct);
    this.#log.info('Looked up scanned codes', { requested: distinct.length, found: found.length });
    return found.map((item) => ({ code: item.code, id: item.id, productId: item.productId }));
  }
}
