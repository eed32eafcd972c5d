import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  HidError,
  createNodeHidSource,
  hidDeviceKind,
  hidErrorMessage,
  openFailure,
  openRefusal,
  type NodeHidModule,
} from '../../../electron/scanning/hid-device.ts';
import { deviceInfo } from './hid-fixtures.ts';

describe('hidDeviceKind', () => {
  it('tells HID POS scanners and keyboards from other devices', () => {
    expect(hidDeviceKind({ usagePage: 0x8c, usage: 0x02 })).toBe('hid_pos');
    expect(hidDeviceKind({ usagePage: 0x01, usage: 0x06 })).toBe('keyboard');
    expect(hidDeviceKind({ usagePage: 0x01, usage: 0x02 })).toBe('other');
    expect(hidDeviceKind({ usagePage: null, usage: null })).toBe('other');
  });
});

describe('openRefusal', () => {
  const keyboard = deviceInfo({ usagePage: 0x01, usage: 0x06 });

  it('refuses keyboard-class devices on Windows and macOS only', () => {
    expect(openRefusal(keyboard, 'win32')?.code).toBe('hid_keyboard_refused');
    expect(openRefusal(keyboard, 'darwin')?.code).toBe('hid_keyboard_refused');
    expect(openRefusal(keyboard, 'linux')).toBeNull();
  });

  it('allows HID POS scanners everywhere', () => {
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      expect(openRefusal(deviceInfo(), platform)).toBeNull();
    }
  });

  it('refuses devices that are neither', () => {
    const mouse = deviceInfo({ usagePage: 0x01, usage: 0x02, product: null, manufacturer: null });
    const refusal = openRefusal(mouse, 'linux');
    expect(refusal?.code).toBe('hid_not_scanner');
    expect(refusal?.params.product).toBe('0c2e:0b8f');
  });

  it('explains how to switch to HID POS in both languages', () => {
    const refusal = openRefusal(keyboard, 'win32');
    expect(refusal).not.toBeNull();
    if (refusal !== null) {
      expect(hidErrorMessage('en', refusal)).toBe(
        'The scanner "Honeywell Voyager 1400g (0c2e:0b8f)" is in keyboard mode, and Windows and macOS do not let apps read keyboards directly. Scan the "USB HID POS" setup barcode from the scanner\'s manual, or use keyboard (wedge) input.',
      );
      expect(hidErrorMessage('id', refusal)).toContain('USB HID POS');
    }
  });
});

describe('openFailure', () => {
  const denied = new Error(
    "cannot open device with path /dev/hidraw3: Failed to open a device with path '/dev/hidraw3': Permission denied",
  );

  it('gives the udev rule for a Linux permission failure', () => {
    const failure = openFailure(denied, deviceInfo({ vendorId: 0x05e0, productId: 0x1200 }), 'linux');
    expect(failure.code).toBe('hid_permission_denied');
    expect(failure.params).toEqual({
      path: '/dev/hidraw3',
      rule: 'SUBSYSTEM=="hidraw", ATTRS{idVendor}=="05e0", ATTRS{idProduct}=="1200", MODE="0660", TAG+="uaccess"',
      rulePath: '/etc/udev/rules.d/70-dealpos-label-desk-scanner.rules',
    });
    expect(failure.cause).toBe(denied);
  });

  it('reports other failures with their reason', () => {
    const failure = openFailure(denied, deviceInfo(), 'darwin');
    expect(failure.code).toBe('hid_open_failed');
    expect(failure.params.reason).toContain('Permission denied');
    expect(hidErrorMessage('en', failure)).toContain("Couldn't open the scanner at /dev/hidraw3");
  });

  it('keeps an error that already has a code', () => {
    const unavailable = new HidError('hid_unavailable', { reason: 'x' });
    expect(openFailure(unavailable, deviceInfo(), 'linux')).toBe(unavailable);
  });
});

/** A stand-in for node-hid's HIDAsync device. */
class NativeDevice extends EventEmitter {
  closeCalls = 0;

  async close(): Promise<void> {
    this.closeCalls += 1;
  }
}

function fakeModule(device: NativeDevice): NodeHidModule {
  return {
    devicesAsync: async () => [
      {
        vendorId: 0x0c2e,
        productId: 0x0b8f,
        path: '/dev/hidraw0',
        interface: 0,
        usagePage: 0x8c,
        usage: 2,
        release: 1,
      },
      { vendorId: 1, productId: 2, path: '', interface: -1, release: 1 },
    ],
    HIDAsync: { open: async () => device },
  };
}

describe('createNodeHidSource', () => {
  it('lists and fails to open with the real node-hid module', async () => {
    // No HID device is attached in CI, so listing returns whatever the machine has (often nothing).
    const source = createNodeHidSource();
    const devices = await source.list();
    expect(Array.isArray(devices)).toBe(true);

    const missing = '/dev/hidraw-label-desk-missing';
    const error: unknown = await source.open(missing).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toContain(missing);
    const failure = openFailure(error, deviceInfo({ path: missing }), 'linux');
    expect(failure.code).toBe('hid_open_failed');
  });

  it('turns a module that cannot load into hid_unavailable, and loads again later', async () => {
    let attempts = 0;
    const source = createNodeHidSource(async () => {
      attempts += 1;
      throw new Error('libusb-1.0.so.0: cannot open shared object file');
    });
    await expect(source.list()).rejects.toMatchObject({ code: 'hid_unavailable' });
    await expect(source.open('/dev/hidraw0')).rejects.toBeInstanceOf(HidError);
    expect(attempts).toBe(2);
  });

  it('maps device fields and drops entries without a path', async () => {
    const source = createNodeHidSource(async () => fakeModule(new NativeDevice()));
    expect(await source.list()).toEqual([
      {
        path: '/dev/hidraw0',
        vendorId: 0x0c2e,
        productId: 0x0b8f,
        product: null,
        manufacturer: null,
        serialNumber: null,
        usagePage: 0x8c,
        usage: 2,
        interfaceNumber: 0,
      },
    ]);
  });

  it('forwards reports and closes once after a read error', async () => {
    const native = new NativeDevice();
    const connection = await createNodeHidSource(async () => fakeModule(native)).open('/dev/hidraw0');
    const reports: Buffer[] = [];
    const errors: Error[] = [];
    let closes = 0;
    connection.on('data', (report) => reports.push(report));
    connection.on('error', (error) => errors.push(error));
    connection.on('close', () => {
      closes += 1;
    });

    native.emit('data', Buffer.from([2, 0]));
    native.emit('error', new Error('could not read data from device'));
    native.emit('error', 'second failure');
    await new Promise((resolve) => setImmediate(resolve));
    await connection.close();

    expect(reports).toEqual([Buffer.from([2, 0])]);
    expect(errors.map((error) => error.message)).toEqual([
      'could not read data from device',
      'second failure',
    ]);
    expect(closes).toBe(1);
    expect(native.closeCalls).toBe(1);
  });

  it('does not throw on a read error nobody listens for', async () => {
    const native = new NativeDevice();
    const connection = await createNodeHidSource(async () => fakeModule(native)).open('/dev/hidraw0');
    expect(() => native.emit('error', new Error('unplugged'))).not.toThrow();
    await connection.close();
  });
});
