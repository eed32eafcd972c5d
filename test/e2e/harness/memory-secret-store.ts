import type { SecretStore } from '../../../electron/credentials/credentials.ts';

/**
 * A secret store held in memory, for tests and the browser harness when no keyring runs. Secrets are lost
 * when the process ends; `values` lets a test check what was stored.
 */
export class MemorySecretStore implements SecretStore {
  readonly values = new Map<string, string>();

  get(account: string): Promise<string | null> {
    return Promise.resolve(this.values.get(account) ?? null);
  }

  set(account: string, secret: string): Promise<void> {
    this.values.set(account, secret);
    return Promise.resolve();
  }

  delete(account: string): Promise<boolean> {
    return Promise.resolve(this.values.delete(account));
  }
}
