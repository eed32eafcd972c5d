/**
 * Reads codes from a USB HID scanner: picks the scanner's interface, joins its reports into codes, and
 * reopens it when it is unplugged and plugged in again. Nothing here throws at the caller or leaves a
 * promise rejected: device errors, open failures and garbage reports become states, counts and log lines.
 */

import { EventEmitter } from 'node:events';
import { DEFAULT_SCANNER_SETTINGS, stripAffixes, type ScannerSettings } from '../../shared/scanning/wedge.ts';
import { ENTER_CODES, TAB_CODE } from '../../shared/scanning/us-layout.ts';
import {
  HidError,
  hidDeviceKind,
  openFailure,
  openRefusal,
  type HidConnection,
  type HidDeviceInfo,
  type HidDeviceSource,
} from './hid-device.ts';
import {
  SHORTCUT_MASK,
  keyboardCharacter,
  keyboardCode,
  parseHidPosReport,
  parseKeyboardReport,
} from './hid-reports.ts';

/** A code read from a scanner. */
export interface JoinedCode {
  code: string;
  /** AIM symbology identifier from a HID POS scanner, e.g. `]E0`; null in keyboard mode. */
  symbologyId: string | null;
}

/** Result of one report: the codes it finished, and the reason when the report was unreadable. */
export interface JoinOutput {
  codes: JoinedCode[];
  invalid: string | null;
}

/** Joins a device's input reports into codes. */
export interface ReportJoiner {
  push(report: Uint8Array): JoinOutput;
  /** Drops a partly received code, e.g. when the device is unplugged in the middle of it. */
  reset(): void;
  readonly hasPartial: boolean;
}

/** Maximum code length. A longer run without an end is a stuck or garbled stream, so it is dropped. */
const MAX_CODE_LENGTH = 4096;

const NO_OUTPUT: JoinOutput = { codes: [], invalid: null };

function decodeBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: HID POS scanners send single-byte code pages; the WHATWG `latin1` decoder is Windows-1252.
    return new TextDecoder('latin1').decode(bytes);
  }
}

/**
 * Joins HID POS scanned data reports; a code ends with the first report whose continuation bit is clear.
 * NOTE: a partial code waits for its final report without a time limit, so if a scanner never sends that
 * report, the next code is appended to the partial one.
 */
export class HidPosJoiner implements ReportJoiner {
  readonly #settings: Pick<ScannerSettings, 'prefix' | 'suffix'>;
  #chunks: Uint8Array[] = [];
  #length = 0;
  #symbologyId = '';

  constructor(settings: Pick<ScannerSettings, 'prefix' | 'suffix'> = DEFAULT_SCANNER_SETTINGS) {
    this.#settings = settings;
  }

  get hasPartial(): boolean {
    return this.#chunks.length > 0;
  }

  push(report: Uint8Array): JoinOutput {
    const parsed = parseHidPosReport(report);
    if (parsed.kind === 'other_report') {
      return NO_OUTPUT;
    }
    if (parsed.kind === 'invalid') {
      // A broken report in the middle of a code leaves that code incomplete.
      this.reset();
      return { codes: [], invalid: parsed.reason };
    }

    const { data, continued, symbologyId } = parsed.report;
    if (this.#chunks.length === 0) {
      this.#symbologyId = symbologyId;
    }
    this.#chunks.push(data);
    this.#length += data.length;
    if (this.#length > MAX_CODE_LENGTH) {
      this.reset();
      return { codes: [], invalid: `code longer than ${MAX_CODE_LENGTH} bytes without a final report` };
    }
    if (continued) {
      return NO_OUTPUT;
    }

    const bytes = new Uint8Array(this.#length);
    let offset = 0;
    for (const chunk of this.#chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    const symbology = this.#symbologyId;
    this.reset();
    const code = stripAffixes(decodeBytes(bytes), this.#settings);
    return code === ''
      ? NO_OUTPUT
      : { codes: [{ code, symbologyId: symbology === '' ? null : symbology }], invalid: null };
  }

  reset(): void {
    this.#chunks = [];
    this.#length = 0;
    this.#symbologyId = '';
  }
}

/**
 * Joins keyboard boot reports into codes. A key types a character when it appears in a report and was not
 * down in the previous one. So a repeated character needs a release report in between, which USB keyboards
 * send, and a key that stays down types once. Enter (or Tab, as the settings allow) ends a code.
 */
export class KeyboardJoiner implements ReportJoiner {
  readonly #settings: Pick<ScannerSettings, 'prefix' | 'suffix' | 'terminator'>;
  #down: ReadonlySet<number> = new Set();
  #text = '';

  constructor(
    settings: Pick<ScannerSettings, 'prefix' | 'suffix' | 'terminator'> = DEFAULT_SCANNER_SETTINGS,
  ) {
    this.#settings = settings;
  }

  get hasPartial(): boolean {
    return this.#text !== '';
  }

  push(report: Uint8Array): JoinOutput {
    const parsed = parseKeyboardReport(report);
    if (parsed.kind === 'rollover') {
      return NO_OUTPUT;
    }
    if (parsed.kind === 'invalid') {
      return { codes: [], invalid: parsed.reason };
    }

    const { modifiers, keys } = parsed.report;
    const pressed = keys.filter((usage) => !this.#down.has(usage));
    this.#down = new Set(keys);

    const codes: JoinedCode[] = [];
    for (const usage of pressed) {
      if (this.#isTerminator(usage, modifiers)) {
        const code = stripAffixes(this.#text, this.#settings);
        this.#text = '';
        if (code !== '') {
          codes.push({ code, symbologyId: null });
        }
        continue;
      }
      // Keys without a character, and shortcuts such as a Ctrl+Shift suffix, are not part of a code.
      const character = keyboardCharacter(usage, modifiers);
      if (character !== null) {
        this.#text += character;
      }
    }
    if (this.#text.length > MAX_CODE_LENGTH) {
      this.#text = '';
      return { codes, invalid: `more than ${MAX_CODE_LENGTH} characters without a terminator` };
    }
    return { codes, invalid: null };
  }

  reset(): void {
    this.#text = '';
    this.#down = new Set();
  }

  #isTerminator(usage: number, modifiers: number): boolean {
    const code = keyboardCode(usage);
    if (code === null || (modifiers & SHORTCUT_MASK) !== 0) {
      return false;
    }
    const setting = this.#settings.terminator;
    if (ENTER_CODES.has(code)) {
      return setting !== 'tab';
    }
    return code === TAB_CODE && setting !== 'enter';
  }
}

/** Interval timer, injectable so tests drive polling by hand. */
export interface IntervalTimer {
  setInterval(callback: () => void, intervalMs: number): unknown;
  clearInterval(handle: unknown): void;
}

const SYSTEM_TIMER: IntervalTimer = {
  setInterval: (callback, intervalMs) => setInterval(callback, intervalMs),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

/** Logger for connections, disconnections and errors. Main passes its own logger. */
export interface ScannerLogger {
  info(message: string): void;
  warn(message: string): void;
}

const SILENT_LOGGER: ScannerLogger = { info: () => undefined, warn: () => undefined };

/** Options: the scanner to read and how to read it. */
export interface HidScannerOptions {
  source: HidDeviceSource;
  vendorId: number;
  productId: number;
  /** Picks one of several identical scanners; any serial number when absent. */
  serialNumber?: string;
  /** The platform whose rules apply (keyboards are refused on win32 and darwin); `process.platform` by default. */
  platform?: NodeJS.Platform;
  settings?: ScannerSettings;
  /** How often to look for the scanner while it is not connected, and to notice it is gone. */
  pollIntervalMs?: number;
  timer?: IntervalTimer;
  logger?: ScannerLogger;
}

/**
 * State of the scanner. `searching`: started, scanner not plugged in. `disconnected`: it was connected
 * and is gone; the scanner reopens it when it returns. `failed`: the scanner is there but cannot be read,
 * for the reason in `error`. It is tried again when it is plugged in again or on `retry()`.
 */
export type HidScannerState =
  | { kind: 'stopped' }
  | { kind: 'searching' }
  | { kind: 'connected'; device: HidDeviceInfo; mode: 'hid_pos' | 'keyboard' }
  | { kind: 'disconnected'; device: HidDeviceInfo }
  | { kind: 'failed'; error: HidError; device: HidDeviceInfo | null };

/** A code read from the scanner. */
export interface HidScan extends JoinedCode {
  device: HidDeviceInfo;
}

export interface HidScannerEvents {
  code: [scan: HidScan];
  state: [state: HidScannerState];
}

/** The interface of a scanner to open, or why none can be opened. */
export type ScannerChoice =
  | { device: HidDeviceInfo; mode: 'hid_pos' | 'keyboard'; refusal: null }
  | { device: HidDeviceInfo; mode: null; refusal: HidError };

/**
 * Picks the interface to read among those of one scanner: its HID POS interface if it has one, else its
 * keyboard interface where the platform allows reading keyboards. Returns null for an empty list.
 */
export function chooseScannerInterface(
  interfaces: readonly HidDeviceInfo[],
  platform: NodeJS.Platform,
): ScannerChoice | null {
  const hidPos = interfaces.find((device) => hidDeviceKind(device) === 'hid_pos');
  if (hidPos !== undefined) {
    return { device: hidPos, mode: 'hid_pos', refusal: null };
  }
  const keyboard = interfaces.find((device) => hidDeviceKind(device) === 'keyboard');
  const device = keyboard ?? interfaces[0];
  if (device === undefined) {
    return null;
  }
  const refusal = openRefusal(device, platform);
  if (refusal !== null) {
    return { device, mode: null, refusal };
  }
  return { device, mode: 'keyboard', refusal: null };
}

/**
 * Groups listed HID interfaces by physical device (vendor, product, serial number) and picks each one's
 * interface, so a device picker can show every candidate and why some cannot be used.
 */
export function scannerChoices(
  devices: readonly HidDeviceInfo[],
  platform: NodeJS.Platform,
): ScannerChoice[] {
  const groups = new Map<string, HidDeviceInfo[]>();
  for (const device of devices) {
    const key = `${device.vendorId}:${device.productId}:${device.serialNumber ?? ''}`;
    const group = groups.get(key) ?? [];
    group.push(device);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((group) => chooseScannerInterface(group, platform))
    .filter((choice): choice is ScannerChoice => choice !== null);
}

const DEFAULT_POLL_INTERVAL_MS = 1000;
/** Unreadable reports are logged once and then every this many, so a babbling device cannot flood the log. */
const INVALID_REPORT_LOG_EVERY = 100;

function describe(device: HidDeviceInfo): string {
  const ids = `${device.vendorId.toString(16).padStart(4, '0')}:${device.productId.toString(16).padStart(4, '0')}`;
  return `${ids} at ${device.path}`;
}

/**
 * One USB HID scanner, opened in HID POS mode or (on Linux) keyboard mode. Emits `code` per scan and
 * `state` on every state change; it has no `error` event, so a missing listener cannot crash the process.
 *
 * NOTE: in keyboard mode on Linux, reading the hidraw node does not take the keyboard away from the
 * desktop, so each scan is also typed into whatever window has focus.
 */
export class HidScanner extends EventEmitter<HidScannerEvents> {
  readonly #options: HidScannerOptions;
  readonly #platform: NodeJS.Platform;
  readonly #settings: ScannerSettings;
  readonly #timer: IntervalTimer;
  readonly #logger: ScannerLogger;
  #state: HidScannerState = { kind: 'stopped' };
  #timerHandle: unknown = null;
  #polling = false;
  #connection: HidConnection | null = null;
  #joiner: ReportJoiner | null = null;
  /** Path whose open failed; not tried again while it stays listed, so a denied device is not reopened every poll. */
  #failedPath: string | null = null;
  #invalidReports = 0;

  constructor(options: HidScannerOptions) {
    super();
    this.#options = options;
    this.#platform = options.platform ?? process.platform;
    this.#settings = options.settings ?? DEFAULT_SCANNER_SETTINGS;
    this.#timer = options.timer ?? SYSTEM_TIMER;
    this.#logger = options.logger ?? SILENT_LOGGER;
  }

  get state(): HidScannerState {
    return this.#state;
  }

  /** Reports that could not be parsed since the scanner was created. */
  get invalidReports(): number {
    return this.#invalidReports;
  }

  /** Starts looking for the scanner: one poll now, then one per interval until `stop`. */
  async start(): Promise<void> {
    if (this.#state.kind !== 'stopped') {
      return;
    }
    this.#logger.info(`[scanner] looking for ${this.#targetName()}`);
    this.#setState({ kind: 'searching' });
    this.#timerHandle = this.#timer.setInterval(() => {
      void this.poll();
    }, this.#options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS);
    await this.poll();
  }

  /** Stops polling and closes the device; a partly read code is dropped. */
  async stop(): Promise<void> {
    if (this.#timerHandle !== null) {
      this.#timer.clearInterval(this.#timerHandle);
      this.#timerHandle = null;
    }
    const connection = this.#connection;
    this.#connection = null;
    this.#joiner = null;
    this.#failedPath = null;
    if (this.#state.kind !== 'stopped') {
      this.#logger.info('[scanner] stopped');
      this.#setState({ kind: 'stopped' });
    }
    if (connection !== null) {
      await this.#closeQuietly(connection);
    }
  }

  /** Tries a failed device again on the next poll, e.g. after the clerk installed the udev rule. */
  async retry(): Promise<void> {
    this.#failedPath = null;
    await this.poll();
  }

  /**
   * Runs one round: lists devices, notices an unplugged scanner, and opens the scanner when it is present and
   * not open. Never rejects; the interval timer calls it, and tests call it directly.
   */
  async poll(): Promise<void> {
    if (this.#state.kind === 'stopped' || this.#polling) {
      return;
    }
    this.#polling = true;
    try {
      await this.#pollOnce();
    } catch (error) {
      this.#logger.warn(`[scanner] poll failed: ${String(error)}`);
    } finally {
      this.#polling = false;
    }
  }

  async #pollOnce(): Promise<void> {
    let devices: HidDeviceInfo[];
    try {
      devices = await this.#options.source.list();
    } catch (error) {
      if (error instanceof HidError) {
        if (this.#setFailed(error, null)) {
          this.#logger.warn(`[scanner] ${error.code}: ${JSON.stringify(error.params)}`);
        }
        return;
      }
      this.#logger.warn(`[scanner] listing HID devices failed: ${String(error)}`);
      return;
    }
    if (this.#state.kind === 'stopped') {
      return;
    }

    const interfaces = devices.filter((device) => this.#matches(device));
    if (this.#failedPath !== null && !interfaces.some((device) => device.path === this.#failedPath)) {
      // The failed device was unplugged; try it afresh when it is back.
      this.#failedPath = null;
    }

    if (this.#connection !== null) {
      const state = this.#state;
      if (state.kind === 'connected' && !interfaces.some((device) => device.path === state.device.path)) {
        this.#lostConnection(this.#connection, 'no longer listed');
      }
      return;
    }

    const choice = chooseScannerInterface(interfaces, this.#platform);
    if (choice === null) {
      if (this.#state.kind === 'failed') {
        this.#setState({ kind: 'searching' });
      }
      return;
    }
    if (choice.refusal !== null) {
      if (this.#setFailed(choice.refusal, choice.device)) {
        this.#logger.warn(`[scanner] not opening ${describe(choice.device)}: ${choice.refusal.code}`);
      }
      return;
    }
    if (choice.device.path === this.#failedPath) {
      return;
    }
    await this.#open(choice.device, choice.mode);
  }

  async #open(device: HidDeviceInfo, mode: 'hid_pos' | 'keyboard'): Promise<void> {
    let connection: HidConnection;
    try {
      connection = await this.#options.source.open(device.path);
    } catch (error) {
      const failure = openFailure(error, device, this.#platform);
      this.#logger.warn(`[scanner] opening ${describe(device)} failed: ${failure.code} (${String(error)})`);
      this.#failedPath = device.path;
      this.#setFailed(failure, device);
      return;
    }
    if (this.#state.kind === 'stopped') {
      await this.#closeQuietly(connection);
      return;
    }

    const joiner = mode === 'hid_pos' ? new HidPosJoiner(this.#settings) : new KeyboardJoiner(this.#settings);
    this.#connection = connection;
    this.#joiner = joiner;
    connection.on('data', (report) => this.#onReport(connection, joiner, device, report));
    connection.on('error', (error) => this.#lostConnection(connection, error.message));
    connection.on('close', () => this.#lostConnection(connection, 'closed'));
    this.#logger.info(`[scanner] connected to ${describe(device)} in ${mode} mode`);
    this.#setState({ kind: 'connected', device, mode });
  }

  #onReport(connection: HidConnection, joiner: ReportJoiner, device: HidDeviceInfo, report: Buffer): void {
    if (connection !== this.#connection) {
      return;
    }
    let output: JoinOutput;
    try {
      output = joiner.push(report);
    } catch (error) {
      output = { codes: [], invalid: `parser error: ${String(error)}` };
    }
    if (output.invalid !== null) {
      this.#invalidReports += 1;
      if (this.#invalidReports % INVALID_REPORT_LOG_EVERY === 1) {
        this.#logger.warn(
          `[scanner] unreadable report from ${describe(device)} (${this.#invalidReports} so far): ${output.invalid}`,
        );
      }
    }
    for (const code of output.codes) {
      this.#emitSafely('code', { ...code, device });
    }
  }

  #lostConnection(connection: HidConnection, reason: string): void {
    if (connection !== this.#connection) {
      return;
    }
    const state = this.#state;
    const partial = this.#joiner?.hasPartial === true;
    this.#connection = null;
    this.#joiner = null;
    void this.#closeQuietly(connection);
    if (state.kind !== 'connected') {
      return;
    }
    this.#logger.info(
      `[scanner] lost ${describe(state.device)} (${reason})${partial ? '; dropped a partly read code' : ''}`,
    );
    this.#setState({ kind: 'disconnected', device: state.device });
  }

  async #closeQuietly(connection: HidConnection): Promise<void> {
    try {
      await connection.close();
    } catch (error) {
      this.#logger.warn(`[scanner] closing the device failed: ${String(error)}`);
    }
  }

  #matches(device: HidDeviceInfo): boolean {
    const { vendorId, productId, serialNumber } = this.#options;
    return (
      device.vendorId === vendorId &&
      device.productId === productId &&
      (serialNumber === undefined || device.serialNumber === serialNumber)
    );
  }

  #targetName(): string {
    const { vendorId, productId } = this.#options;
    return `${vendorId.toString(16).padStart(4, '0')}:${productId.toString(16).padStart(4, '0')}`;
  }

  /** Enters `failed`; returns false, changing nothing, when the scanner already failed the same way. */
  #setFailed(error: HidError, device: HidDeviceInfo | null): boolean {
    const state = this.#state;
    if (state.kind === 'failed' && state.error.code === error.code && state.device?.path === device?.path) {
      return false;
    }
    this.#setState({ kind: 'failed', error, device });
    return true;
  }

  #setState(state: HidScannerState): void {
    this.#state = state;
    this.#emitSafely('state', state);
  }

  #emitSafely<K extends keyof HidScannerEvents>(event: K, ...args: HidScannerEvents[K]): void {
    try {
      // The cast works around EventEmitter's generic overloads, which do not accept a key type parameter.
      (this.emit as (name: K, ...values: HidScannerEvents[K]) => boolean)(event, ...args);
    } catch (error) {
      this.#logger.warn(`[scanner] a ${event} listener threw: ${String(error)}`);
    }
  }
}
