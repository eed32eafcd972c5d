import { createHash } from 'node:crypto';
import { AccountService } from '../credentials/account.ts';
import { keychainAccount, type SecretStore } from '../credentials/credentials.ts';
import { normalizeDealposAddress } from '../dealpos/address.ts';
import { DealposClient, type DealposClientOptions, type DealposLog } from '../dealpos/client.ts';
import type { DealposSimulator } from '../dealpos-simulator/index.ts';
import type { AppLogger, ScopedLogger } from '../logging/logger.ts';
import { AppError, isAppError } from '../../shared/errors.ts';
import type { DeskSettings } from './desk-settings.ts';

/** Credentials the bundled simulator accepts in demo mode. They guard nothing: it listens on loopback only. */
export const DEMO_CLIENT_ID = 'demo';
export const DEMO_CLIENT_SECRET = 'demo-secret';

/** Key of the demo account's cached documents and history. Real accounts' keys contain an `@`. */
export const DEMO_ACCOUNT_KEY = 'demo';

/** Client options a test may set, such as a sleep that returns at once or a short timeout. */
export type DealposClientTuning = Pick<DealposClientOptions, 'timeoutMs' | 'maxAttempts' | 'sleep' | 'now'>;

/** The DealPOS account the desk talks to right now. */
export interface DealposConnection {
  client: DealposClient;
  source: 'dealpos' | 'demo';
  /** Key under which this account's cached documents and history are kept. */
  accountKey: string;
  /** Host and port of the API, for the `network` error message. */
  host: string;
}

/** The account form's fields after the contract parsed them. */
export interface AccountInput {
  url: string;
  clientId: string;
  secret: string | null;
}

interface DemoServer {
  simulator: DealposSimulator;
  client: DealposClient;
}

/** Collaborators of {@link DealposAccounts}. */
export interface DealposAccountsOptions {
  settings: DeskSettings;
  secrets: SecretStore;
  logger: AppLogger;
  startSimulator: () => Promise<DealposSimulator>;
  clientTuning?: DealposClientTuning;
}

/**
 * The DealPOS connection of the desk: the stored account (address and client id in settings, secret in
 * the keychain) or, in demo mode, the bundled simulator. One client is kept per account, so its token is
 * reused across fetches until the account changes.
 */
export class DealposAccounts {
  readonly #settings: DeskSettings;
  readonly #account: AccountService;
  readonly #logger: AppLogger;
  readonly #log: ScopedLogger;
  readonly #dealposLog: DealposLog;
  readonly #startSimulator: () => Promise<DealposSimulator>;
  readonly #tuning: DealposClientTuning;

  #client: { key: string; client: DealposClient } | undefined;
  #demo: Promise<DemoServer> | undefined;

  constructor(options: DealposAccountsOptions) {
    this.#settings = options.settings;
    this.#account = new AccountService(options.settings.store, options.secrets);
    this.#logger = options.logger;
    this.#log = options.logger.scope('account');
    const dealpos = options.logger.scope('dealpos');
    this.#dealposLog = (level, message, fields) => dealpos[level](message, fields);
    this.#startSimulator = options.startSimulator;
    this.#tuning = options.clientTuning ?? {};
  }

  /** Checks whether a secret is stored for the saved account. A keychain failure is logged and counts as none. */
  async hasStoredSecret(): Promise<boolean> {
    try {
      return await this.#account.hasStoredSecret();
    } catch (error) {
      if (isAppError(error) && error.code === 'keychain_unavailable') {
        this.#log.warn('Could not read the keychain; the settings show no stored secret', {
          detail: error.detail ?? String(error.params.reason),
        });
        return false;
      }
      throw error;
    }
  }

  /**
   * Stores the account. A given secret goes into the keychain first, and a keychain failure stores
   * nothing. A null secret keeps the stored one, which moves to the new address or client id if they
   * changed. With no stored secret, only the address and client id are saved.
   */
  async save(input: AccountInput): Promise<void> {
    const url = normalizeDealposAddress(input.url);
    if (input.secret !== null) {
      this.#logger.addSecret(input.secret);
    }
    await this.#settings.exclusive(async () => {
      const secret = input.secret ?? (await this.#storedSecret());
      if (secret !== null) {
        await this.#account.login(url, input.clientId, secret);
        return;
      }
      const { settings } = await this.#settings.store.load();
      await this.#settings.store.save({ ...settings, dealpos: { url, clientId: input.clientId } });
    });
    this.#client = undefined;
    // The address names the store, so it stays out of the log.
    this.#log.info('Saved the DealPOS account', { secretGiven: input.secret !== null });
  }

  /** Requests a token with these credentials (a null secret means the stored one) and returns the API URL. */
  async test(input: AccountInput): Promise<{ url: string }> {
    const url = normalizeDealposAddress(input.url);
    const secret = input.secret ?? (await this.#storedSecret());
    if (secret === null) {
      throw new AppError('credentials_missing', {}, { detail: 'no secret given and none stored' });
    }
    this.#logger.addSecret(secret);
    const client = this.#createClient(url, input.clientId, secret);
    await client.testConnection();
    this.#log.info('The DealPOS account test succeeded');
    return { url };
  }

  /**
   * Switches demo mode and saves the choice. Switching on starts the simulator first, so a failure
   * leaves demo mode off; switching off stops it.
   */
  async setDemo(on: boolean): Promise<void> {
    if (on) {
      await this.#ensureDemo();
      await this.#settings.update((settings) => ({ ...settings, demo: true }));
      this.#log.info('Demo mode is on');
      return;
    }
    await this.#settings.update((settings) => ({ ...settings, demo: false }));
    await this.#stopDemo();
    this.#log.info('Demo mode is off');
  }

  /** Returns the client of the current account: the simulator in demo mode, else the stored account. */
  async connect(): Promise<DealposConnection> {
    const settings = await this.#settings.load();
    if (settings.demo) {
      const demo = await this.#ensureDemo();
      return {
        client: demo.client,
        source: 'demo',
        accountKey: DEMO_ACCOUNT_KEY,
        host: new URL(demo.simulator.url).host,
      };
    }

    // The desktop app uses only the stored account; environment variables configure the command line.
    const credentials = await this.#account.resolve({});
    this.#logger.addSecret(credentials.clientSecret);
    const key = [credentials.url, credentials.clientId, sha256(credentials.clientSecret)].join('\u0000');
    if (this.#client?.key !== key) {
      this.#client = {
        key,
        client: this.#createClient(credentials.url, credentials.clientId, credentials.clientSecret),
      };
    }
    return {
      client: this.#client.client,
      source: 'dealpos',
      accountKey: keychainAccount(credentials.url, credentials.clientId),
      host: new URL(credentials.url).host,
    };
  }

  /** Key of the current account's cache and history, read from settings alone (no keychain, no network). */
  async currentAccountKey(): Promise<string | null> {
    const settings = await this.#settings.load();
    if (settings.demo) {
      return DEMO_ACCOUNT_KEY;
    }
    return settings.dealpos === null
      ? null
      : keychainAccount(settings.dealpos.url, settings.dealpos.clientId);
  }

  /** Stops the demo simulator if it runs. */
  async close(): Promise<void> {
    await this.#stopDemo();
  }

  async #storedSecret(): Promise<string | null> {
    try {
      return (await this.#account.resolve({})).clientSecret;
    } catch (error) {
      if (isAppError(error) && error.code === 'credentials_missing') {
        return null;
      }
      throw error;
    }
  }

  #createClient(url: string, clientId: string, clientSecret: string): DealposClient {
    return new DealposClient({
      baseUrl: url,
      clientId,
      clientSecret,
      log: this.#dealposLog,
      ...this.#tuning,
    });
  }

  #ensureDemo(): Promise<DemoServer> {
    if (this.#demo === undefined) {
      const starting = this.#startSimulator().then((simulator) => {
        this.#log.info('Started the demo DealPOS simulator', { url: simulator.url });
        return {
          simulator,
          client: this.#createClient(simulator.url, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET),
        };
      });
      // A failed start is forgotten, so the next request tries again.
      starting.catch(() => {
        if (this.#demo === starting) {
          this.#demo = undefined;
        }
      });
      this.#demo = starting;
    }
    return this.#demo;
  }

  async #stopDemo(): Promise<void> {
    const running = this.#demo;
    this.#demo = undefined;
    if (running === undefined) {
      return;
    }
    const demo = await running.catch(() => undefined);
    if (demo !== undefined) {
      await demo.simulator.close();
      this.#log.info('Stopped the demo DealPOS simulator');
    }
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
