/**
 * USB HID devices for scanners: a small interface the scanner code and tests use, and its node-hid
 * implementation. This is the only module that imports node-hid, and it does so lazily, so a machine
 * where the native library cannot load gets a `hid_unavailable` error instead of a crash at start-up.
 */

import { EventEmitter } from 'node:events';
import { translate, type Locale, type MessageKey } from '../../shared/i18n/index.ts';
import { UDEV_RULE_PATH, udevRule } from './udev-rule.ts';

/** One HID interface (one top-level collection on Windows and macOS) as the system lists it. */
export interface HidDeviceInfo {
  /** Platform path that `open` takes, e.g. `/dev/hidraw3` on Linux. */
  path: string;
  vendorId: number;
  productId: number;
  product: string | null;
  manufacturer: string | null;
  serialNumber: string | null;
  /** HID usage page of the device's top-level collection: 0x8C for HID POS scanners, 0x01 for keyboards. */
  usagePage: number | null;
  usage: number | null;
  /** USB interface number, or null when the platform does not report it. */
  interfaceNumber: number | null;
}

/** Events of an open device: one input report per `data`, `error` when reading fails, `close` once at the end. */
export interface HidConnectionEvents {
  data: [report: Buffer];
  error: [error: Error];
  close: [];
}

/** An open HID device. After `error` the connection closes itself and emits `close`. */
export interface HidConnection extends EventEmitter<HidConnectionEvents> {
  close(): Promise<void>;
}

/** Lists and opens HID devices; tests pass a fake that replays recorded reports. */
export interface HidDeviceSource {
  list(): Promise<HidDeviceInfo[]>;
  /** Opens the device at `path`; rejects with the platform's error, or `HidError` `hid_unavailable`. */
  open(path: string): Promise<HidConnection>;
}

export const HID_ERROR_CODES = [
  'hid_unavailable',
  'hid_keyboard_refused',
  'hid_not_scanner',
  'hid_permission_denied',
  'hid_open_failed',
] as const;

export type HidErrorCode = (typeof HID_ERROR_CODES)[number];

/** An expected failure with a HID scanner; its message is `scan.<code>` in the catalogues. */
export class HidError extends Error {
  readonly code: HidErrorCode;
  readonly params: Record<string, string | number>;

  constructor(
    code: HidErrorCode,
    params: Record<string, string | number> = {},
    options: { cause?: unknown } = {},
  ) {
    super(code, { cause: options.cause });
    this.name = 'HidError';
    this.code = code;
    this.params = params;
  }
}

/** Translates a HID scanner error into the sentence shown to the clerk. */
export function hidErrorMessage(locale: Locale, error: Pick<HidError, 'code' | 'params'>): string {
  return translate(locale, `scan.${error.code}` as MessageKey, error.params);
}

/** HID usage page of barcode scanners (HID Point of Sale Usage Tables, Bar Code Scanner page). */
export const HID_POS_USAGE_PAGE = 0x8c;
/** Generic Desktop page and its Keyboard usage, the collection a scanner in keyboard mode presents. */
export const GENERIC_DESKTOP_USAGE_PAGE = 0x01;
export const KEYBOARD_USAGE = 0x06;

/** Kind of device, which decides how the app reads it: HID POS reports, keyboard boot reports, or not at all. */
export type HidDeviceKind = 'hid_pos' | 'keyboard' | 'other';

/** Classifies a device by the usage page and usage of its top-level collection. */
export function hidDeviceKind(device: Pick<HidDeviceInfo, 'usagePage' | 'usage'>): HidDeviceKind {
  if (device.usagePage === HID_POS_USAGE_PAGE) {
    return 'hid_pos';
  }
  if (device.usagePage === GENERIC_DESKTOP_USAGE_PAGE && device.usage === KEYBOARD_USAGE) {
    return 'keyboard';
  }
  return 'other';
}

function productName(device: HidDeviceInfo): string {
  const name = [device.manufacturer, device.product].filter((part) => part !== null && part !== '').join(' ');
  const ids = `${device.vendorId.toString(16).padStart(4, '0')}:${device.productId.toString(16).padStart(4, '0')}`;
  return name === '' ? ids : `${name} (${ids})`;
}

/**
 * Returns why the app will not open a device, or null when it may. Windows and macOS keep keyboard-class devices
 * for themselves (Windows opens them exclusively, macOS requires the Input Monitoring permission), so a
 * scanner in keyboard mode is refused there with advice to switch it to HID POS or use wedge input.
 * Linux allows reading a keyboard's hidraw node.
 */
export function openRefusal(device: HidDeviceInfo, platform: NodeJS.Platform): HidError | null {
  const kind = hidDeviceKind(device);
  if (kind === 'keyboard' && (platform === 'win32' || platform === 'darwin')) {
    return new HidError('hid_keyboard_refused', { product: productName(device) });
  }
  if (kind === 'other') {
    return new HidError('hid_not_scanner', { product: productName(device) });
  }
  return null;
}

const MAX_REASON_CHARS = 200;

/**
 * Turns a failure to open `device` into a coded error. On Linux a permission failure on the hidraw node
 * gets the udev rule that fixes it; hidapi reports it as "Failed to open a device with path '…':
 * Permission denied".
 */
export function openFailure(error: unknown, device: HidDeviceInfo, platform: NodeJS.Platform): HidError {
  if (error instanceof HidError) {
    return error;
  }
  const reason = (error instanceof Error ? error.message : String(error)).slice(0, MAX_REASON_CHARS);
  if (platform === 'linux' && /permission denied|EACCES/i.test(reason)) {
    return new HidError(
      'hid_permission_denied',
      { path: device.path, rule: udevRule(device.vendorId, device.productId), rulePath: UDEV_RULE_PATH },
      { cause: error },
    );
  }
  return new HidError('hid_open_failed', { path: device.path, reason }, { cause: error });
}

/** The parts of node-hid 3 this module uses. */
interface NodeHidDevice {
  vendorId: number;
  productId: number;
  path?: string | undefined;
  serialNumber?: string | undefined;
  manufacturer?: string | undefined;
  product?: string | undefined;
  interface: number;
  usagePage?: number | undefined;
  usage?: number | undefined;
}

interface NodeHidAsyncDevice {
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  close(): Promise<void>;
}

/** The node-hid module surface, so tests can pass a stand-in for the native module. */
export interface NodeHidModule {
  devicesAsync(): Promise<NodeHidDevice[]>;
  HIDAsync: { open(path: string): Promise<NodeHidAsyncDevice> };
}

async function importNodeHid(): Promise<NodeHidModule> {
  const imported: unknown = await import('node-hid');
  // node-hid is CommonJS: its exports arrive as `default`, and usually as named exports too.
  const candidate = (imported as { default?: unknown }).default ?? imported;
  return candidate as NodeHidModule;
}

function textOrNull(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value;
}

function toDeviceInfo(device: NodeHidDevice): HidDeviceInfo | null {
  if (device.path === undefined || device.path === '') {
    return null;
  }
  return {
    path: device.path,
    vendorId: device.vendorId,
    productId: device.productId,
    product: textOrNull(device.product),
    manufacturer: textOrNull(device.manufacturer),
    serialNumber: textOrNull(device.serialNumber),
    usagePage: device.usagePage ?? null,
    usage: device.usage ?? null,
    interfaceNumber: device.interface >= 0 ? device.interface : null,
  };
}

class NodeHidConnection extends EventEmitter<HidConnectionEvents> implements HidConnection {
  readonly #device: NodeHidAsyncDevice;
  #closed = false;

  constructor(device: NodeHidAsyncDevice) {
    super();
    this.#device = device;
    device.on('data', (data) => {
      this.emit('data', data);
    });
    device.on('error', (error) => {
      // An unplugged device fails its pending read; the connection is over either way.
      if (this.listenerCount('error') > 0) {
        this.emit('error', error instanceof Error ? error : new Error(String(error)));
      }
      void this.close();
    });
  }

  async close(): Promise<void> {
    if (this.#closed) {
      return;
    }
    this.#closed = true;
    try {
      await this.#device.close();
    } catch {
      // Closing a device that is already gone fails; there is nothing left to release.
    }
    this.emit('close');
  }
}

/**
 * Creates the node-hid implementation. `load` imports node-hid on first use; a failure to load (no prebuilt
 * binary, missing system library) becomes `hid_unavailable` on every call.
 */
export function createNodeHidSource(load: () => Promise<NodeHidModule> = importNodeHid): HidDeviceSource {
  let loaded: Promise<NodeHidModule> | undefined;
  const module = async (): Promise<NodeHidModule> => {
    loaded ??= load();
    try {
      return await loaded;
    } catch (error) {
      loaded = undefined;
      const reason = (error instanceof Error ? error.message : String(error)).slice(0, MAX_REASON_CHARS);
      throw new HidError('hid_unavailable', { reason }, { cause: error });
    }
  };

  return {
    async list() {
      const hid = await module();
      const devices = await hid.devicesAsync();
      return devices.map(toDeviceInfo).filter((device): device is HidDeviceInfo => device !== null);
    },
    async open(path) {
      const hid = await module();
      return new NodeHidConnection(await hid.HIDAsync.open(path));
    },
  };
}
