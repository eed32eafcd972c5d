import {
  DEFAULT_SCANNER_SETTINGS,
  scannerSettingsSchema,
  type ScannerSettings,
} from '../../../../shared/scanning/wedge.ts';
import { scannerKeySchema } from '../../../../shared/ipc-contract.ts';

/** Key of the scanner settings in the renderer's `localStorage`. */
export const SCANNER_SETTINGS_KEY = 'label-desk.scanner-settings';

// NOTE: the scanner settings live in this window's localStorage, not in main's settings file, so they
// are missing from the diagnostics export and are lost when the app's browser storage is cleared.

/** Reads the stored scanner settings; missing, unreadable or out-of-range values fall back to the defaults. */
export function loadScannerSettings(storage: Storage | undefined = globalThis.localStorage): ScannerSettings {
  const text = storage?.getItem(SCANNER_SETTINGS_KEY) ?? null;
  if (text === null) {
    return DEFAULT_SCANNER_SETTINGS;
  }
  try {
    const parsed = scannerSettingsSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : DEFAULT_SCANNER_SETTINGS;
  } catch {
    return DEFAULT_SCANNER_SETTINGS;
  }
}

/** Stores the scanner settings. Storage failures (quota, storage turned off) keep the settings for this session only. */
export function saveScannerSettings(
  settings: ScannerSettings,
  storage: Storage | undefined = globalThis.localStorage,
): void {
  try {
    storage?.setItem(SCANNER_SETTINGS_KEY, JSON.stringify(settings));
  } catch {
    // The settings still apply until the window closes.
  }
}

/** Source of scanned codes: key presses (wedge), or the USB HID scanner with this key, read by main. */
export type ScannerInput = { mode: 'keyboard' } | { mode: 'hid'; key: string };

/** Key of the chosen scanner input in the renderer's `localStorage`. */
export const SCANNER_INPUT_KEY = 'label-desk.scanner-input';

const KEYBOARD_INPUT: ScannerInput = { mode: 'keyboard' };

/** Reads the chosen scanner input. Returns keyboard mode when none is stored or the value is unreadable. */
export function loadScannerInput(storage: Storage | undefined = globalThis.localStorage): ScannerInput {
  const text = storage?.getItem(SCANNER_INPUT_KEY) ?? null;
  if (text === null) {
    return KEYBOARD_INPUT;
  }
  try {
    const parsed = scannerKeySchema.safeParse((JSON.parse(text) as { key?: unknown } | null)?.key);
    return parsed.success ? { mode: 'hid', key: parsed.data } : KEYBOARD_INPUT;
  } catch {
    return KEYBOARD_INPUT;
  }
}

/** Stores the chosen scanner input. A storage failure keeps the choice for this session only. */
export function saveScannerInput(
  input: ScannerInput,
  storage: Storage | undefined = globalThis.localStorage,
): void {
  try {
    storage?.setItem(SCANNER_INPUT_KEY, JSON.stringify(input));
  } catch {
    // The choice still applies until the window closes.
  }
}
