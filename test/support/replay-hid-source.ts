import { EventEmitter } from 'node:events';
import type {
  HidConnection,
  HidConnectionEvents,
  HidDeviceInfo,
  HidDeviceSource,
} from '../../electron/scanning/hid-device.ts';

/** The scanner a replay source starts with: a Honeywell Voyager 1400g in HID POS mode. */
export const REPLAY_SCANNER: HidDeviceInfo = {
  path: '/dev/hidraw-replay0',
  vendorId: 0x0c2e,
  productId: 0x0b8f,
  product: 'Voyager 1400g',
  manufacturer: 'Honeywell',
  serialNumber: 'REPLAY1',
  usagePage: 0x8c,
  usage: 0x02,
  interfaceNumber: 0,
};

/** Bytes of decoded data one HID POS scanned data report holds. */
const REPORT_DATA_BYTES = 56;

/**
 * Builds the 64-byte HID POS scanned data reports of one code, in the layout hid-reports.ts documents.
 * Each report has ID 2, the data length, the AIM symbology identifier and up to 56 data bytes. Every
 * report but the last sets the continuation bit in byte 63. `chunkBytes` splits the code into smaller reports.
 */
export function hidPosReports(
  code: string,
  options: { symbologyId?: string; chunkBytes?: number } = {},
): Buffer[] {
  const bytes = Buffer.from(code, 'latin1');
  const chunk = Math.min(options.chunkBytes ?? REPORT_DATA_BYTES, REPORT_DATA_BYTES);
  const reports: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += chunk) {
    const data = bytes.subarray(start, start + chunk);
    const report = Buffer.alloc(64);
    report[0] = 0x02;
    report[1] = data.length;
    report.write(options.symbologyId ?? ']C0', 2, 'latin1');
    data.copy(report, 5);
    report[63] = start + chunk < bytes.length ? 0x01 : 0x00;
    reports.push(report);
  }
  return reports;
}

/** Builds a keyboard-mode scanner's boot reports (press, release) for the digits of `text`, then Enter. */
export function keyboardDigitReports(text: string): Buffer[] {
  const reports: Buffer[] = [];
  for (const digit of text) {
    const value = Number.parseInt(digit, 10);
    if (Number.isNaN(value)) {
      throw new Error(`keyboardDigitReports takes digits only, got ${digit}`);
    }
    // Keyboard page usages: 0x1e is "1" to 0x26 "9", then 0x27 "0".
    const usage = value === 0 ? 0x27 : 0x1d + value;
    reports.push(Buffer.from([0, 0, usage, 0, 0, 0, 0, 0]), Buffer.alloc(8));
  }
  reports.push(Buffer.from([0, 0, 0x28, 0, 0, 0, 0, 0]), Buffer.alloc(8));
  return reports;
}

/** An open replayed device. Reports arrive when the test plays them. */
export class ReplayConnection extends EventEmitter<HidConnectionEvents> implements HidConnection {
  closed = false;
  readonly path: string;

  constructor(path: string) {
    super();
    this.path = path;
  }

  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.emit('close');
    }
  }
}

/**
 * A HID device source for tests and the browser test harness: its device list is what the test plugs in,
 * and `play` sends recorded reports to the open device. `unplug` fails the pending read the way node-hid
 * does when a device is pulled out, then removes the device from the list.
 */
export class ReplayHidSource implements HidDeviceSource {
  devices: HidDeviceInfo[];
  /** Set to make `open` fail with this error, e.g. hidapi's "Permission denied". */
  openError: Error | null = null;
  /** Set to make `list` fail, e.g. a `HidError` `hid_unavailable`. */
  listError: Error | null = null;
  readonly opened: ReplayConnection[] = [];

  constructor(devices: HidDeviceInfo[] = [REPLAY_SCANNER]) {
    this.devices = devices.map((device) => ({ ...device }));
  }

  async list(): Promise<HidDeviceInfo[]> {
    if (this.listError !== null) {
      throw this.listError;
    }
    return this.devices.map((device) => ({ ...device }));
  }

  async open(path: string): Promise<HidConnection> {
    if (this.openError !== null) {
      throw this.openError;
    }
    if (!this.devices.some((device) => device.path === path)) {
      throw new Error(`Failed to open a device with path '${path}': no such device`);
    }
    const connection = new ReplayConnection(path);
    this.opened.push(connection);
    return connection;
  }

  /** Returns the open connection to `path` (the first device by default), or null. */
  connection(path: string | undefined = this.devices[0]?.path): ReplayConnection | null {
    return this.opened.findLast((connection) => connection.path === path && !connection.closed) ?? null;
  }

  /** Sends reports to the open device at `path`, and returns false when it is not open. */
  play(reports: readonly Uint8Array[], path?: string): boolean {
    const connection = this.connection(path);
    if (connection === null) {
      return false;
    }
    for (const report of reports) {
      connection.emit('data', Buffer.from(report));
    }
    return true;
  }

  /** Pulls the device at `path` out: the open connection fails and closes, and the list no longer has it. */
  unplug(path: string | undefined = this.devices[0]?.path): HidDeviceInfo | null {
    const device = this.devices.find((candidate) => candidate.path === path) ?? null;
    this.devices = this.devices.filter((candidate) => candidate.path !== path);
    const connection = this.connection(path);
    if (connection !== null) {
      connection.emit('error', new Error('could not read data from device'));
      void connection.close();
    }
    return device;
  }

  /** Plugs a device (back) in. The scanner opens it on its next poll. */
  plug(device: HidDeviceInfo = REPLAY_SCANNER): void {
    this.devices = [...this.devices.filter((candidate) => candidate.path !== device.path), { ...device }];
  }
}
