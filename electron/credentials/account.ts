import { AppError } from '../../shared/errors.ts';
import { normalizeDealposAddress } from '../dealpos/address.ts';
import type { SettingsStore } from '../settings/settings.ts';
import { keychainAccount, type DealposCredentials, type SecretStore } from './credentials.ts';

/**
 * Stores and finds DealPOS credentials, the one place that does: address and client id in the settings file,
 * the secret in the keychain, and `DEALPOS_URL`, `DEALPOS_CLIENT_ID`, `DEALPOS_CLIENT_SECRET` above both.
 */
export class AccountService {
  constructor(
    private readonly settings: SettingsStore,
    private readonly secrets: SecretStore,
  ) {}

  /**
   * Stores a DealPOS account. The secret goes into the keychain first; if that fails nothing else is
   * written, so a secret never lands in a file as a fallback.
   */
  async login(url: string, clientId: string, secret: string): Promise<void> {
    const normalized = normalizeDealposAddress(url);
    const { settings } = await this.settings.load();
    await this.secrets.set(keychainAccount(normalized, clientId), secret);

    const previous = settings.dealpos;
    if (previous !== null && (previous.url !== normalized || previous.clientId !== clientId)) {
      await this.secrets.delete(keychainAccount(previous.url, previous.clientId));
    }
    await this.settings.save({ ...settings, dealpos: { url: normalized, clientId } });
  }

  /** Removes the stored secret and account. Returns whether there was anything to remove. */
  async logout(): Promise<boolean> {
    const { settings } = await this.settings.load();
    if (settings.dealpos === null) {
      return false;
    }
    await this.secrets.delete(keychainAccount(settings.dealpos.url, settings.dealpos.clientId));
    await this.settings.save({ ...settings, dealpos: null });
    return true;
  }

  /** Checks whether a secret is stored for the saved account; the secret itself never leaves this class. */
  async hasStoredSecret(): Promise<boolean> {
    const { settings } = await this.settings.load();
    if (settings.dealpos === null) {
      return false;
    }
    return (
      (await this.secrets.get(keychainAccount(settings.dealpos.url, settings.dealpos.clientId))) !== null
    );
  }

  /** Finds the credentials to use: each environment variable that is set wins over what is stored. */
  async resolve(env: NodeJS.ProcessEnv): Promise<DealposCredentials> {
    const nonEmpty = (value: string | undefined): string | undefined =>
      value === undefined || value.trim() === '' ? undefined : value.trim();
    const { settings } = await this.settings.load();

    const urlInput = nonEmpty(env.DEALPOS_URL) ?? settings.dealpos?.url;
    const clientId = nonEmpty(env.DEALPOS_CLIENT_ID) ?? settings.dealpos?.clientId;
    if (urlInput === undefined || clientId === undefined) {
      throw new AppError('credentials_missing');
    }
    const url = normalizeDealposAddress(urlInput);
    const clientSecret =
      nonEmpty(env.DEALPOS_CLIENT_SECRET) ?? (await this.secrets.get(keychainAccount(url, clientId)));
    if (clientSecret === null || clientSecret === undefined) {
      throw new AppError('credentials_missing');
    }
    return { url, clientId, clientSecret };
  }
}
