import { AppError } from '../../shared/errors.ts';

/** The keychain entry's service name; the account is the DealPOS address and client id. */
export const KEYCHAIN_SERVICE = 'DealPOS Label Desk';

/** A place that keeps one secret per account. The app uses the OS keychain; tests may pass another. */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/** Keeps the first line of a keychain error, which names the missing service but never the secret. */
function keychainReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n')[0]?.trim() ?? '';
  return firstLine === '' ? 'unknown error' : firstLine.slice(0, 200);
}

/**
 * The OS keychain through keytar: Secret Service (GNOME Keyring, KWallet) on Linux, Keychain on macOS,
 * Credential Manager on Windows. keytar is loaded on first use, so a machine without libsecret or a
 * D-Bus session gets a `keychain_unavailable` error instead of a crash at start-up.
 */
export class KeychainSecretStore implements SecretStore {
  private keytar: Promise<KeytarModule> | undefined;

  private async load(): Promise<KeytarModule> {
    this.keytar ??= import('keytar').then((module) => (module.default ?? module) as KeytarModule);
    try {
      return await this.keytar;
    } catch (error) {
      this.keytar = undefined;
      throw new AppError('keychain_unavailable', { reason: keychainReason(error) }, { cause: error });
    }
  }

  private async call<T>(action: (keytar: KeytarModule) => Promise<T>): Promise<T> {
    const keytar = await this.load();
    try {
      return await action(keytar);
    } catch (error) {
      throw new AppError('keychain_unavailable', { reason: keychainReason(error) });
    }
  }

  get(account: string): Promise<string | null> {
    return this.call((keytar) => keytar.getPassword(KEYCHAIN_SERVICE, account));
  }

  set(account: string, secret: string): Promise<void> {
    return this.call((keytar) => keytar.setPassword(KEYCHAIN_SERVICE, account, secret));
  }

  delete(account: string): Promise<boolean> {
    return this.call((keytar) => keytar.deletePassword(KEYCHAIN_SERVICE, account));
  }
}

/** The keychain account for a DealPOS address and client id. */
export function keychainAccount(url: string, clientId: string): string {
  return `${clientId}@${url}`;
}

/** A DealPOS account ready to use: address, client id and secret. */
export interface DealposCredentials {
  url: string;
  clientId: string;
  clientSecret: string;
}
