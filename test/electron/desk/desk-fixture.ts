import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SecretStore } from '../../../electron/credentials/credentials.ts';
import { startDealposSimulator, type DealposSimulator } from '../../../electron/dealpos-simulator/index.ts';
import { createDeskServices, type DeskServices } from '../../../electron/desk/desk-services.ts';
import { createLogger } from '../../../electron/logging/logger.ts';
import type { InvokeHandlers } from '../../../electron/main/ipc-guard.ts';
import { AppError } from '../../../shared/errors.ts';
import type { IpcError, PrintProgress } from '../../../shared/ipc-contract.ts';
import { MemorySecretStore } from '../../e2e/harness/memory-secret-store.ts';

/** Credentials of the fixture's simulator, standing in for a store's real DealPOS API client. */
export const STORE_CLIENT_ID = 'desk-client';
export const STORE_SECRET = 'store-secret-7f3a9c21';

/** A secret store that fails like `KeychainSecretStore` does on a machine without a Secret Service. */
export class FailingSecretStore implements SecretStore {
  get(): Promise<string | null> {
    return Promise.reject(keychainDown());
  }

  set(): Promise<void> {
    return Promise.reject(keychainDown());
  }

  delete(): Promise<boolean> {
    return Promise.reject(keychainDown());
  }
}

function keychainDown(): AppError {
  return new AppError('keychain_unavailable', { reason: 'Cannot autolaunch D-Bus without X11 $DISPLAY' });
}

/** Desk services on real files in a temporary folder, talking to a real simulator on 127.0.0.1. */
export interface DeskFixture {
  handlers: InvokeHandlers;
  services: DeskServices;
  /** The store's simulator; demo mode starts its own. */
  simulator: DealposSimulator;
  userDataFolder: string;
  outputFolder: string;
  secrets: SecretStore;
  /** Every `print:progress` event, in order. */
  progress: PrintProgress[];
  /** Runs on each progress event, for a test that reacts mid-job. */
  onProgress: ((event: PrintProgress) => void) | null;
  /** Results of the next save dialogs, used in order. When empty, the dialog returns the suggested name in `outputFolder`. */
  savePaths: Array<string | null>;
  /** Names the save dialog suggested, in order. */
  suggestedNames: string[];
  opened: Array<{ path: string; reveal: boolean }>;
  logFile: string;
  /** Builds a second set of services on the same folder and secrets, as after an app restart. */
  restart(): Promise<DeskServices>;
  /** Every file under the user data folder, read as text. */
  allUserDataText(): Promise<string>;
  close(): Promise<void>;
}

/** Options of {@link createDeskFixture}. */
export interface DeskFixtureOptions {
  secrets?: SecretStore;
}

/** Starts a simulator and builds the desk services on a fresh temporary user data folder. */
export async function createDeskFixture(options: DeskFixtureOptions = {}): Promise<DeskFixture> {
  const root = await mkdtemp(join(tmpdir(), 'desk-services-'));
  const userDataFolder = join(root, 'user-data');
  const outputFolder = join(root, 'pdf');
  await mkdir(outputFolder, { recursive: true });
  const simulator = await startDealposSimulator({ clientId: STORE_CLIENT_ID, clientSecret: STORE_SECRET });
  const secrets = options.secrets ?? new MemorySecretStore();
  const logger = await createLogger({ folder: join(userDataFolder, 'logs') });
  const started: DeskServices[] = [];

  const fixture: DeskFixture = {
    handlers: undefined as unknown as InvokeHandlers,
    services: undefined as unknown as DeskServices,
    simulator,
    userDataFolder,
    outputFolder,
    secrets,
    progress: [],
    onProgress: null,
    savePaths: [],
    suggestedNames: [],
    opened: [],
    logFile: logger.filePath,
    restart: () => build(),
    async allUserDataText() {
      const entries = await readdir(userDataFolder, { recursive: true, withFileTypes: true });
      const texts = await Promise.all(
        entries
          .filter((entry) => entry.isFile())
          .map((entry) => readFile(join(entry.parentPath, entry.name), 'utf8')),
      );
      return texts.join('\n');
    },
    async close() {
      for (const services of started) {
        await services.close();
      }
      await simulator.close();
      await rm(root, { recursive: true, force: true });
    },
  };

  async function build(): Promise<DeskServices> {
    const services = await createDeskServices({
      userDataFolder,
      secrets,
      // A fixed clock: history times are exact, and progress events depend on counts, not on timing.
      clock: () => new Date(Date.UTC(2026, 0, 15, 8, 0, 0)),
      chooseSavePath: (defaultFileName) => {
        fixture.suggestedNames.push(defaultFileName);
        const next = fixture.savePaths.shift();
        return Promise.resolve(next === undefined ? join(outputFolder, defaultFileName) : next);
      },
      openPath: (path) => {
        fixture.opened.push({ path, reveal: false });
        return Promise.resolve();
      },
      revealPath: (path) => {
        fixture.opened.push({ path, reveal: true });
      },
      emit: (channel, payload) => {
        if (channel !== 'print:progress') {
          return;
        }
        const progress = payload as PrintProgress;
        fixture.progress.push(progress);
        fixture.onProgress?.(progress);
      },
      logger,
      appVersion: '9.8.7',
      systemLocale: 'id',
      clientTuning: { sleep: () => Promise.resolve() },
    });
    started.push(services);
    fixture.services = services;
    fixture.handlers = services.handlers;
    return services;
  }

  await build();
  return fixture;
}

/** Saves the fixture simulator's account with its secret, failing the test if that does not work. */
export async function saveStoreAccount(fixture: DeskFixture): Promise<void> {
  const saved = await fixture.handlers['account:save']({
    url: fixture.simulator.url,
    clientId: STORE_CLIENT_ID,
    secret: STORE_SECRET,
  });
  if (!saved.ok) {
    throw new Error(`account:save failed with ${saved.error.code}`);
  }
}

/** Returns the error of a failed outcome, or fails the test when the outcome succeeded. */
export function errorOf<T>(outcome: { ok: true; value: T } | { ok: false; error: IpcError }): IpcError {
  if (outcome.ok) {
    throw new Error(`expected an error, got the value ${JSON.stringify(outcome.value)}`);
  }
  return outcome.error;
}

/** Returns the value of a successful outcome, or fails the test with the error code. */
export function valueOf<T>(outcome: { ok: true; value: T } | { ok: false; error: { code: string } }): T {
  if (!outcome.ok) {
    throw new Error(`expected success, got the error ${outcome.error.code}`);
  }
  return outcome.value;
}
