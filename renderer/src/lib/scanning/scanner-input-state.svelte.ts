import type {
  LabelDeskApi,
  ScannerDevice,
  ScannerError,
  ScannerStatus,
} from '../../../../shared/ipc-contract.ts';
import type { ScannerSettings } from '../../../../shared/scanning/wedge.ts';
import { logFailure } from '../api/call.ts';
import { loadScannerInput, saveScannerInput, type ScannerInput } from './scanner-settings-storage.ts';

const IDLE: ScannerStatus = { state: 'idle', device: null, error: null };

/**
 * The scanner input the clerk chose, and the state of the USB HID scanner main reads for it. Keyboard
 * (wedge) input needs nothing from main. A HID scanner is opened by main, which sends its codes as
 * `scanner:code` events, and this class hands them to the desk's scan handler.
 */
export class ScannerInputState {
  input = $state.raw<ScannerInput>(loadScannerInput());
  /** HID devices from the last listing. */
  devices = $state.raw<ScannerDevice[]>([]);
  /** Set when the last listing failed, e.g. USB HID support could not load. */
  listError = $state.raw<ScannerError | null>(null);
  listing = $state(false);
  status = $state.raw<ScannerStatus>(IDLE);

  readonly #api: LabelDeskApi;
  readonly #settings: () => ScannerSettings;
  readonly #unsubscribe: (() => void)[];
  #onCode: ((code: string) => void) | null = null;

  constructor(api: LabelDeskApi, settings: () => ScannerSettings) {
    this.#api = api;
    this.#settings = settings;
    this.#unsubscribe = [
      api.onScannerStatus((status) => {
        this.status = status;
      }),
      api.onScannerCode(({ code }) => {
        // A code main sent before it heard that keyboard mode was chosen is dropped.
        if (this.input.mode === 'hid') {
          this.#onCode?.(code);
        }
      }),
    ];
  }

  /** The chosen HID scanner's key, or null in keyboard mode. */
  get hidKey(): string | null {
    return this.input.mode === 'hid' ? this.input.key : null;
  }

  /** Opens the remembered HID scanner again, e.g. after the window was reloaded. */
  async start(): Promise<void> {
    if (this.input.mode === 'hid') {
      await this.#connect(this.input.key);
    }
  }

  /** Sends HID codes to `handler`, the entry point wedge scans use too. Returns the function that stops it. */
  handleCodes(handler: (code: string) => void): () => void {
    this.#onCode = handler;
    return () => {
      if (this.#onCode === handler) {
        this.#onCode = null;
      }
    };
  }

  /** Lists the HID devices main can see. */
  async refresh(): Promise<void> {
    this.listing = true;
    try {
      const list = await this.#api.listScannerDevices();
      this.devices = list.devices;
      this.listError = list.error;
    } catch (error) {
      logFailure(this.#api, 'scanner', error);
    } finally {
      this.listing = false;
    }
  }

  /** Goes back to keyboard (wedge) input and closes the HID scanner. */
  async chooseKeyboard(): Promise<void> {
    this.input = { mode: 'keyboard' };
    saveScannerInput(this.input);
    try {
      this.status = await this.#api.disconnectScanner();
    } catch (error) {
      logFailure(this.#api, 'scanner', error);
    }
  }

  /** Reads codes from the HID scanner with this key from now on. */
  async chooseDevice(key: string): Promise<void> {
    this.input = { mode: 'hid', key };
    saveScannerInput(this.input);
    await this.#connect(key);
  }

  /** Reopens the HID scanner with changed prefix, suffix or terminator. Does nothing in keyboard mode. */
  async applySettings(): Promise<void> {
    if (this.input.mode === 'hid') {
      await this.#connect(this.input.key);
    }
  }

  /** Stops listening to main's scanner events. */
  dispose(): void {
    for (const unsubscribe of this.#unsubscribe) {
      unsubscribe();
    }
  }

  async #connect(key: string): Promise<void> {
    try {
      this.status = await this.#api.connectScanner({ key, settings: this.#settings() });
    } catch (error) {
      logFailure(this.#api, 'scanner', error);
    }
  }
}
