/**
 * The desk's USB HID scanner: lists HID devices for the picker, and reads one chosen scanner at a time
 * through `HidScanner`, sending its codes and state changes to the renderer as `scanner:code` and
 * `scanner:status` events.
 */

import type { ScopedLogger } from '../logging/logger.ts';
import { HidError, hidDeviceKind, type HidDeviceInfo, type HidDeviceSource } from '../scanning/hid-device.ts';
import {
  HidScanner,
  scannerChoices,
  type HidScannerState,
  type IntervalTimer,
} from '../scanning/hid-scanner.ts';
import type {
  ScannerConnectRequest,
  ScannerDevice,
  ScannerDeviceList,
  ScannerError,
  ScannerStatus,
} from '../../shared/ipc-contract.ts';
import type { ScannerSettings } from '../../shared/scanning/wedge.ts';
import type { EventEmitter } from './pdf-print-jobs.ts';

/** Collaborators of {@link DeskScanner}. */
export interface DeskScannerOptions {
  /** HID device source: node-hid in the app, and a replay source in tests and the browser test harness. */
  source: HidDeviceSource;
  emit: EventEmitter;
  log: ScopedLogger;
  /** Platform whose rules apply, `process.platform` by default. Keyboards are rejected on win32 and darwin. */
  platform?: NodeJS.Platform;
  /** Poll interval for a scanner that is not connected. The default is `HidScanner`'s 1 s. */
  pollIntervalMs?: number;
  timer?: IntervalTimer;
}

const IDLE: ScannerStatus = { state: 'idle', device: null, error: null };

/** Serial numbers that fit in a key. A scanner with another serial number is keyed by its ids alone. */
const KEY_SERIAL = /^[\x20-\x7e]{1,126}$/;

function hex4(value: number): string {
  return value.toString(16).padStart(4, '0');
}

/** Returns the stable key of a physical device: `vvvv:pppp`, then `:serial` when it has a usable serial number. */
export function scannerKey(device: Pick<HidDeviceInfo, 'vendorId' | 'productId' | 'serialNumber'>): string {
  const ids = `${hex4(device.vendorId)}:${hex4(device.productId)}`;
  const serial = device.serialNumber;
  return serial !== null && KEY_SERIAL.test(serial) ? `${ids}:${serial}` : ids;
}

/** Splits a key made by {@link scannerKey}. The contract's schema has already validated its form. */
export function parseScannerKey(key: string): { vendorId: number; productId: number; serialNumber?: string } {
  const vendorId = Number.parseInt(key.slice(0, 4), 16);
  const productId = Number.parseInt(key.slice(5, 9), 16);
  const serialNumber = key.length > 10 ? key.slice(10) : undefined;
  return serialNumber === undefined ? { vendorId, productId } : { vendorId, productId, serialNumber };
}

/** Returns the name the picker shows: manufacturer and product, with the USB ids. */
export function deviceDisplayName(device: HidDeviceInfo): string {
  const name = [device.manufacturer, device.product].filter((part) => part !== null && part !== '').join(' ');
  const ids = `${hex4(device.vendorId)}:${hex4(device.productId)}`;
  return name === '' ? ids : `${name} (${ids})`;
}

/** Converts a HID error to its IPC form, which the renderer shows as `scan.<code>` in the clerk's language. */
export function toScannerError(error: HidError): ScannerError {
  return { code: error.code, params: { ...error.params } };
}

function unavailable(error: unknown): ScannerError {
  if (error instanceof HidError) {
    return toScannerError(error);
  }
  const reason = (error instanceof Error ? error.message : String(error)).slice(0, 200);
  return { code: 'hid_unavailable', params: { reason } };
}

const KIND_ORDER = { hid_pos: 0, keyboard: 1, other: 2 } as const;

/**
 * Owns the one HID scanner the desk reads. Codes and states of a scanner that was replaced or
 * disconnected are never sent, so the renderer only hears about the scanner it chose.
 */
export class DeskScanner {
  readonly #options: DeskScannerOptions;
  readonly #platform: NodeJS.Platform;
  #scanner: HidScanner | null = null;
  #request: ScannerConnectRequest | null = null;
  #status: ScannerStatus = IDLE;
  /** Names of devices seen in a listing, so `connecting` can name a scanner that is not plugged in. */
  readonly #names = new Map<string, string>();

  constructor(options: DeskScannerOptions) {
    this.#options = options;
    this.#platform = options.platform ?? process.platform;
  }

  get status(): ScannerStatus {
    return this.#status;
  }

  /** Lists HID devices, one entry per physical device, scanners first. Never rejects. */
  async listDevices(): Promise<ScannerDeviceList> {
    let found: HidDeviceInfo[];
    try {
      found = await this.#options.source.list();
    } catch (error) {
      const coded = unavailable(error);
      this.#options.log.warn('Listing HID devices failed', { code: coded.code, ...coded.params });
      return { devices: [], error: coded };
    }

    const devices: ScannerDevice[] = scannerChoices(found, this.#platform).map((choice) => {
      const { device } = choice;
      const key = scannerKey(device);
      const name = deviceDisplayName(device);
      this.#names.set(key, name);
      return {
        key,
        kind: hidDeviceKind(device),
        vendorId: device.vendorId,
        productId: device.productId,
        product: device.product,
        manufacturer: device.manufacturer,
        serialNumber: device.serialNumber,
        name,
        refusal: choice.refusal === null ? null : toScannerError(choice.refusal),
      };
    });
    devices.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.name.localeCompare(b.name));
    return { devices, error: null };
  }

  /**
   * Starts reading the scanner with this key, replacing the one read before. The same key with the same
   * settings keeps the running scanner. Returns the state after the first look for the device.
   */
  async connect(request: ScannerConnectRequest): Promise<ScannerStatus> {
    if (this.#scanner !== null && sameRequest(this.#request, request)) {
      return this.#status;
    }
    await this.#stopScanner();

    const scanner = new HidScanner({
      source: this.#options.source,
      ...parseScannerKey(request.key),
      platform: this.#platform,
      settings: request.settings,
      ...(this.#options.pollIntervalMs === undefined ? {} : { pollIntervalMs: this.#options.pollIntervalMs }),
      ...(this.#options.timer === undefined ? {} : { timer: this.#options.timer }),
      logger: {
        // HidScanner tags its lines `[scanner]`, but the scoped logger adds its own tag.
        info: (message) => this.#options.log.info(message.replace(/^\[scanner\] /, '')),
        warn: (message) => this.#options.log.warn(message.replace(/^\[scanner\] /, '')),
      },
    });
    this.#scanner = scanner;
    this.#request = request;
    scanner.on('state', (state) => {
      if (scanner === this.#scanner) {
        this.#setStatus(this.#statusOf(request.key, state));
      }
    });
    scanner.on('code', (scan) => {
      if (scanner === this.#scanner) {
        this.#options.emit('scanner:code', { code: scan.code });
      }
    });
    this.#options.log.info('Reading a HID scanner', { key: request.key });
    await scanner.start();
    return this.#status;
  }

  /** Stops reading the scanner, so the desk goes back to keyboard (wedge) input only. */
  async disconnect(): Promise<ScannerStatus> {
    if (this.#scanner !== null) {
      this.#options.log.info('Stopped reading the HID scanner', { key: this.#request?.key ?? '' });
    }
    await this.#stopScanner();
    this.#setStatus(IDLE);
    return this.#status;
  }

  /** Closes the device at shutdown without sending a state event. */
  async close(): Promise<void> {
    await this.#stopScanner();
    this.#status = IDLE;
  }

  async #stopScanner(): Promise<void> {
    const scanner = this.#scanner;
    this.#scanner = null;
    this.#request = null;
    if (scanner !== null) {
      await scanner.stop();
    }
  }

  #statusOf(key: string, state: HidScannerState): ScannerStatus {
    const known = this.#names.get(key) ?? null;
    switch (state.kind) {
      case 'stopped':
        return IDLE;
      case 'searching':
        return { state: 'connecting', device: { key, name: known }, error: null };
      case 'connected':
        return { state: 'connected', device: { key, name: this.#remember(key, state.device) }, error: null };
      case 'disconnected':
        return {
          state: 'disconnected',
          device: { key, name: this.#remember(key, state.device) },
          error: null,
        };
      case 'failed': {
        const name = state.device === null ? known : this.#remember(key, state.device);
        return { state: 'error', device: { key, name }, error: toScannerError(state.error) };
      }
    }
  }

  #remember(key: string, device: HidDeviceInfo): string {
    const name = deviceDisplayName(device);
    this.#names.set(key, name);
    return name;
  }

  #setStatus(status: ScannerStatus): void {
    this.#status = status;
    if (status.error !== null) {
      this.#options.log.warn('HID scanner failed', { code: status.error.code, ...status.error.params });
    }
    this.#options.emit('scanner:status', status);
  }
}

function sameRequest(current: ScannerConnectRequest | null, next: ScannerConnectRequest): boolean {
  return current !== null && current.key === next.key && sameSettings(current.settings, next.settings);
}

function sameSettings(a: ScannerSettings, b: ScannerSettings): boolean {
  return (Object.keys(a) as (keyof ScannerSettings)[]).every((field) => a[field] === b[field]);
}
