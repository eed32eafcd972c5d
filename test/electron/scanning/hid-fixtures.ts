import { readFile } from 'node:fs/promises';
import { EventEmitter } from 'node:events';
import type {
  HidConnection,
  HidConnectionEvents,
  HidDeviceInfo,
  HidDeviceSource,
} from '../../../electron/scanning/hid-device.ts';

/** Reads a `.hex` report stream from test/fixtures/hid: one report per line, `#` comments. */
export async function loadReports(name: string): Promise<Buffer[]> {
  const text = await readFile(new URL(`../../fixtures/hid/${name}`, import.meta.url), 'utf8');
  return text
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter((line) => line !== '')
    .map((line) => Buffer.from(line.split(/\s+/).map((byte) => Number.parseInt(byte, 16))));
}

/** Builds a 64-byte HID POS scanned data report in the layout hid-reports.ts documents. */
export function hidPosReport(
  data: string,
  options: { continued?: boolean; symbologyId?: string } = {},
): Buffer {
  const report = Buffer.alloc(64);
  const bytes = Buffer.from(data, 'latin1');
  report[0] = 0x02;
  report[1] = bytes.length;
  report.write(options.symbologyId ?? ']E0', 2, 'latin1');
  bytes.copy(report, 5);
  report[63] = options.continued === true ? 0x01 : 0x00;
  return report;
}

/** Builds a HID device description; tests override the fields they care about. */
export function deviceInfo(overrides: Partial<HidDeviceInfo> = {}): HidDeviceInfo {
  return {
    path: '/dev/hidraw3',
    vendorId: 0x0c2e,
    productId: 0x0b8f,
    product: 'Voyager 1400g',
    manufacturer: 'Honeywell',
    serialNumber: 'S123',
    usagePage: 0x8c,
    usage: 0x02,
    interfaceNumber: 0,
    ...overrides,
  };
}

/** An open fake device: the test pushes reports and pulls the plug. */
export class FakeConnection extends EventEmitter<HidConnectionEvents> implements HidConnection {
  closed = false;

  send(report: Uint8Array): void {
    this.emit('data', Buffer.from(report));
  }

  /** Fails the pending read the way node-hid does when the device is unplugged, then closes. */
  unplug(): void {
    this.emit('error', new Error('could not read data from device'));
    void this.close();
  }

  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.emit('close');
    }
  }
}

/** A device source whose device list the test changes; `open` can be made to fail. */
export class FakeHidSource implements HidDeviceSource {
  devices: HidDeviceInfo[] = [];
  connections: FakeConnection[] = [];
  openError: Error | null = null;
  listError: Error | null = null;
  openedPaths: string[] = [];

  async list(): Promise<HidDeviceInfo[]> {
    if (this.listError !== null) {
      throw this.listError;
    }
    return this.devices.map((device) => ({ ...device }));
  }

  async open(path: string): Promise<HidConnection> {
    this.openedPaths.push(path);
    if (this.openError !== null) {
      throw this.openError;
    }
    const connection = new FakeConnection();
    this.connections.push(connection);
    return connection;
  }

  get current(): FakeConnection {
    const connection = this.connections.at(-1);
    if (connection === undefined) {
      throw new Error('no device was opened');
    }
    return connection;
  }
}

/** An interval timer that fires only when the test calls `fire`. */
export class ManualTimer {
  callbacks = new Map<number, () => void>();
  #next = 1;

  setInterval(callback: () => void): unknown {
    const handle = this.#next++;
    this.callbacks.set(handle, callback);
    return handle;
  }

  clearInterval(handle: unknown): void {
    this.callbacks.delete(handle as number);
  }

  fire(): void {
    for (const callback of this.callbacks.values()) {
      callback();
    }
  }
}
