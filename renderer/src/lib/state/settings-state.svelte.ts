import type { Locale } from '../../../../shared/i18n/index.ts';
import type {
  AppInfo,
  InvokeArgs,
  IpcError,
  LabelDeskApi,
  SettingsView,
} from '../../../../shared/ipc-contract.ts';
import type { Dpi } from '../../../../shared/labels/types.ts';
import { scannerSettingsSchema, type ScannerSettings } from '../../../../shared/scanning/wedge.ts';
import { logFailure, settle, settleValue, UNEXPECTED_ERROR } from '../api/call.ts';
import { loadScannerSettings, saveScannerSettings } from '../scanning/scanner-settings-storage.ts';

/** The account fields a form sends: the secret is null to keep (or test) the stored one. */
export type AccountInput = InvokeArgs<'account:save'>[0];

/** The outcome of the last account action, shown under the account form. */
export type AccountStatus =
  | { kind: 'saved' }
  | { kind: 'tested'; url: string }
  | { kind: 'failed'; action: 'save' | 'test' | 'demo'; error: IpcError };

/**
 * The settings as main reports them, and the actions that change them. The client secret passes through
 * `saveAccount` and `testAccount` on its way to main and is never stored here: main answers with
 * `hasSecret` only.
 */
export class SettingsState {
  info = $state.raw<AppInfo | null>(null);
  view = $state.raw<SettingsView | null>(null);
  /** Set when the settings could not be read at start-up. */
  loadError = $state.raw<IpcError | null>(null);
  busy = $state<'save' | 'test' | 'demo' | 'update' | null>(null);
  accountStatus = $state.raw<AccountStatus | null>(null);
  /** Set when a preference (language, default template or dpi) could not be saved. */
  updateError = $state.raw<IpcError | null>(null);
  /** Keyboard-wedge scanner settings, kept in this window's `localStorage` (see scanner-settings-storage.ts). */
  scanner = $state.raw<ScannerSettings>(loadScannerSettings());

  readonly #api: LabelDeskApi;

  constructor(api: LabelDeskApi) {
    this.#api = api;
  }

  /** True until an account is stored or demo mode is on: the desk then shows the first-run setup. */
  get needsSetup(): boolean {
    const view = this.view;
    if (view === null || view.demo) {
      return false;
    }
    return view.dealposUrl === null || view.clientId === null || !view.hasSecret;
  }

  get demo(): boolean {
    return this.view?.demo ?? this.info?.demo ?? false;
  }

  /** The language main resolved: the stored choice, or the OS locale when none is stored. */
  get locale(): Locale | null {
    return this.view?.locale ?? this.info?.locale ?? null;
  }

  /** Reads the app facts and the settings; both are needed before the desk can show anything useful. */
  async load(): Promise<void> {
    try {
      const [info, view] = await Promise.all([this.#api.getInfo(), this.#api.getSettings()]);
      this.info = info;
      this.view = view;
      this.loadError = null;
    } catch (error) {
      logFailure(this.#api, 'settings', error);
      this.loadError = UNEXPECTED_ERROR;
    }
  }

  /** Stores the account; true when main accepted it. */
  async saveAccount(input: AccountInput): Promise<boolean> {
    this.busy = 'save';
    this.accountStatus = null;
    const result = await settle(this.#api, 'settings', () => this.#api.saveAccount(input));
    this.busy = null;
    if (!result.ok) {
      this.accountStatus = { kind: 'failed', action: 'save', error: result.error };
      return false;
    }
    this.view = result.value;
    this.accountStatus = { kind: 'saved' };
    return true;
  }

  /** Asks main to fetch a token with these credentials; true when DealPOS accepted them. */
  async testAccount(input: AccountInput): Promise<boolean> {
    this.busy = 'test';
    this.accountStatus = null;
    const result = await settle(this.#api, 'settings', () => this.#api.testAccount(input));
    this.busy = null;
    if (!result.ok) {
      this.accountStatus = { kind: 'failed', action: 'test', error: result.error };
      return false;
    }
    this.accountStatus = { kind: 'tested', url: result.value.url };
    return true;
  }

  /** Switches demo mode (the bundled DealPOS simulator) on or off. */
  async setDemo(on: boolean): Promise<boolean> {
    this.busy = 'demo';
    this.accountStatus = null;
    const result = await settle(this.#api, 'settings', () => this.#api.setDemoMode(on));
    this.busy = null;
    if (!result.ok) {
      this.accountStatus = { kind: 'failed', action: 'demo', error: result.error };
      return false;
    }
    this.view = result.value;
    return true;
  }

  /** Saves a preference. The caller shows the change at once; a failure is kept in `updateError`. */
  async update(patch: { locale?: Locale; defaultTemplateId?: string; defaultDpi?: Dpi }): Promise<boolean> {
    this.busy = 'update';
    this.updateError = null;
    const result = await settle(this.#api, 'settings', () => this.#api.updateSettings(patch));
    this.busy = null;
    if (!result.ok) {
      this.updateError = result.error;
      return false;
    }
    this.view = result.value;
    return true;
  }

  /** Reads the settings again, for the recent outlets main adds after each fetch. */
  async refresh(): Promise<void> {
    const view = await settleValue(this.#api, 'settings', () => this.#api.getSettings(), this.view);
    this.view = view;
  }

  /** Changes scanner settings; returns false and keeps the old ones when a value is out of range. */
  updateScanner(patch: Partial<ScannerSettings>): boolean {
    const parsed = scannerSettingsSchema.safeParse({ ...this.scanner, ...patch });
    if (!parsed.success) {
      return false;
    }
    this.scanner = parsed.data;
    saveScannerSettings(parsed.data);
    return true;
  }
}
