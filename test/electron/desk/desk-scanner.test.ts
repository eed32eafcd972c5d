import { describe, expect, it } from 'vitest';
import { DeskScanner, parseScannerKey, scannerKey } from '../../../electron/desk/desk-scanner.ts';
import type { ScopedLogger } from '../../../electron/logging/logger.ts';
import {
  createNodeHidSource,
  hidErrorMessage,
  type HidDeviceSource,
} from '../../../electron/scanning/hid-device.ts';
import { eventChannels, type EventChannel, type ScannerStatus } from '../../../shared/ipc-contract.ts';
import { DEFAULT_SCANNER_SETTINGS, scannerSettingsSchema } from '../../../shared/scanning/wedge.ts';
import {
  REPLAY_SCANNER,
  ReplayHidSource,
  hidPosReports,
  keyboardDigitReports,
} from '../../support/replay-hid-source.ts';
import { ManualTimer } from '../scanning/hid-fixtures.ts';

const KEY = '0c2e:0b8f:REPLAY1';

const KEYBOARD_SCANNER = {
  ...REPLAY_SCANNER,
  path: '/dev/hidraw-replay1',
  vendorId: 0x05e0,
  productId: 0x1200,
  manufacturer: 'Zebra',
  product: 'DS2208',
  serialNumber: 'KB9',
  usagePage: 0x01,
  usage: 0x06,
};

const MOUSE = {
  ...REPLAY_SCANNER,
  path: '/dev/hidraw-replay2',
  vendorId: 0x046d,
  productId: 0xc077,
  manufacturer: 'Logitech',
  product: 'Mouse',
  serialNumber: null,
  usagePage: 0x01,
  usage: 0x02,
};

interface Sent {
  channel: EventChannel;
  payload: unknown;
}

function silentLog(): ScopedLogger & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    info: () => undefined,
    warn: (message) => warnings.push(message),
    error: () => undefined,
    warnings,
  };
}

/** Creates a desk scanner over `source` whose events are parsed by the contract's schemas, as main's sender does. */
function deskScanner(source: HidDeviceSource, platform: NodeJS.Platform = 'linux') {
  const timer = new ManualTimer();
  const sent: Sent[] = [];
  const scanner = new DeskScanner({
    source,
    platform,
    timer,
    log: silentLog(),
    emit: (channel, payload) => {
      sent.push({ channel, payload: eventChannels[channel].payload.parse(payload) });
    },
  });
  const codes = () => sent.filter((event) => event.channel === 'scanner:code').map((event) => event.payload);
  const states = () =>
    sent
      .filter((event) => event.channel === 'scanner:status')
      .map((event) => (event.payload as ScannerStatus).state);
  return { scanner, timer, sent, codes, states };
}

/** Lets the polls the manual timer started run to their end. */
async function settle(): Promise<void> {
  for (let round = 0; round < 10; round++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('scannerKey', () => {
  it('joins ids and serial number', () => {
    expect(scannerKey(REPLAY_SCANNER)).toBe(KEY);
    expect(scannerKey({ ...REPLAY_SCANNER, serialNumber: null })).toBe('0c2e:0b8f');
  });

  it('leaves out a serial number with control characters', () => {
    expect(scannerKey({ ...REPLAY_SCANNER, serialNumber: 'A\u0000B' })).toBe('0c2e:0b8f');
  });

  it('parses back to the ids', () => {
    expect(parseScannerKey(KEY)).toEqual({ vendorId: 0x0c2e, productId: 0x0b8f, serialNumber: 'REPLAY1' });
    expect(parseScannerKey('05e0:1200')).toEqual({ vendorId: 0x05e0, productId: 0x1200 });
  });
});

describe('DeskScanner', () => {
  it('lists scanners first and why others are rejected', async () => {
    const source = new ReplayHidSource([MOUSE, KEYBOARD_SCANNER, REPLAY_SCANNER]);
    const { scanner } = deskScanner(source, 'win32');

    const list = await scanner.listDevices();

    expect(list.error).toBeNull();
    expect(list.devices.map((device) => [device.key, device.kind, device.refusal?.code ?? null])).toEqual([
      [KEY, 'hid_pos', null],
      ['05e0:1200:KB9', 'keyboard', 'hid_keyboard_refused'],
      ['046d:c077', 'other', 'hid_not_scanner'],
    ]);
    expect(list.devices[0]?.name).toBe('Honeywell Voyager 1400g (0c2e:0b8f)');
  });

  it('accepts keyboard-class scanners on Linux', async () => {
    const { scanner } = deskScanner(new ReplayHidSource([KEYBOARD_SCANNER]), 'linux');
    const list = await scanner.listDevices();
    expect(list.devices[0]?.refusal).toBeNull();
  });

  it('sends replayed codes as scanner:code events', async () => {
    const source = new ReplayHidSource();
    const { scanner, codes, states } = deskScanner(source);

    const status = await scanner.connect({ key: KEY, settings: DEFAULT_SCANNER_SETTINGS });
    expect(status.state).toBe('connected');
    expect(status.device).toEqual({ key: KEY, name: 'Honeywell Voyager 1400g (0c2e:0b8f)' });

    source.play(hidPosReports('PB/2026/10/00318', { chunkBytes: 5 }));
    source.play(hidPosReports('8991234567890'));

    expect(codes()).toEqual([{ code: 'PB/2026/10/00318' }, { code: '8991234567890' }]);
    expect(states()).toEqual(['connecting', 'connected']);
  });

  it('strips the prefix and suffix the settings name', async () => {
    const source = new ReplayHidSource();
    const { scanner, codes } = deskScanner(source);
    const settings = scannerSettingsSchema.parse({ prefix: '#', suffix: '!' });

    await scanner.connect({ key: KEY, settings });
    source.play(hidPosReports('#1000!'));

    expect(codes()).toEqual([{ code: '1000' }]);
  });

  it('drops a partial code on unplug and reconnects', async () => {
    const source = new ReplayHidSource();
    const { scanner, timer, codes, states } = deskScanner(source);
    await scanner.connect({ key: KEY, settings: DEFAULT_SCANNER_SETTINGS });

    const [first] = hidPosReports('PB/2026/10/00318', { chunkBytes: 8 });
    source.play(first === undefined ? [] : [first]);
    const device = source.unplug();

    expect(scanner.status.state).toBe('disconnected');
    expect(states().at(-1)).toBe('disconnected');
    timer.fire();
    await settle();
    expect(scanner.status.state).toBe('disconnected');

    source.plug(device ?? REPLAY_SCANNER);
    timer.fire();
    await settle();
    expect(scanner.status.state).toBe('connected');

    source.play(hidPosReports('1000'));
    expect(codes()).toEqual([{ code: '1000' }]);
    expect(states()).toEqual(['connecting', 'connected', 'disconnected', 'connected']);
  });

  it('waits in connecting until the scanner is plugged in', async () => {
    const source = new ReplayHidSource([]);
    const { scanner, timer } = deskScanner(source);

    const status = await scanner.connect({ key: KEY, settings: DEFAULT_SCANNER_SETTINGS });
    expect(status).toEqual({ state: 'connecting', device: { key: KEY, name: null }, error: null });

    source.plug();
    timer.fire();
    await settle();
    expect(scanner.status.state).toBe('connected');
  });

  it.each(['win32', 'darwin'] as const)('refuses a keyboard-mode scanner on %s', async (platform) => {
    const source = new ReplayHidSource([KEYBOARD_SCANNER]);
    const { scanner } = deskScanner(source, platform);

    const status = await scanner.connect({ key: '05e0:1200:KB9', settings: DEFAULT_SCANNER_SETTINGS });

    expect(status.state).toBe('error');
    expect(status.error?.code).toBe('hid_keyboard_refused');
    expect(source.opened).toHaveLength(0);
    const error = status.error ?? { code: 'hid_open_failed', params: {} };
    expect(hidErrorMessage('en', error)).toContain('"USB HID POS" setup barcode');
    expect(hidErrorMessage('id', error)).toContain('Zebra DS2208 (05e0:1200)');
  });

  it('reads a keyboard-mode scanner on Linux', async () => {
    const source = new ReplayHidSource([KEYBOARD_SCANNER]);
    const { scanner, codes } = deskScanner(source, 'linux');

    await scanner.connect({ key: '05e0:1200:KB9', settings: DEFAULT_SCANNER_SETTINGS });
    source.play(keyboardDigitReports('6957842208856'));

    expect(codes()).toEqual([{ code: '6957842208856' }]);
  });

  it('gives the udev rule when Linux denies access', async () => {
    const source = new ReplayHidSource();
    source.openError = new Error(
      "Failed to open a device with path '/dev/hidraw-replay0': Permission denied",
    );
    const { scanner } = deskScanner(source, 'linux');

    const status = await scanner.connect({ key: KEY, settings: DEFAULT_SCANNER_SETTINGS });

    expect(status.state).toBe('error');
    expect(status.error?.code).toBe('hid_permission_denied');
    expect(status.error?.params['rule']).toBe(
      'SUBSYSTEM=="hidraw", ATTRS{idVendor}=="0c2e", ATTRS{idProduct}=="0b8f", MODE="0660", TAG+="uaccess"',
    );
    const error = status.error ?? { code: 'hid_open_failed', params: {} };
    expect(hidErrorMessage('en', error)).toContain('sudo udevadm control --reload-rules');
    expect(hidErrorMessage('id', error)).toContain('/etc/udev/rules.d/70-dealpos-label-desk-scanner.rules');
  });

  it('turns a missing node-hid into hid_unavailable', async () => {
    const source = createNodeHidSource(() => Promise.reject(new Error("Cannot find module 'node-hid'")));
    const { scanner, states } = deskScanner(source);

    const list = await scanner.listDevices();
    expect(list).toEqual({
      devices: [],
      error: { code: 'hid_unavailable', params: { reason: "Cannot find module 'node-hid'" } },
    });

    const status = await scanner.connect({ key: KEY, settings: DEFAULT_SCANNER_SETTINGS });
    expect(status.state).toBe('error');
    expect(status.error?.code).toBe('hid_unavailable');
    expect(states()).toEqual(['connecting', 'error']);
  });

  it('stops sending codes after disconnect', async () => {
    const source = new ReplayHidSource();
    const { scanner, codes, states } = deskScanner(source);
    await scanner.connect({ key: KEY, settings: DEFAULT_SCANNER_SETTINGS });

    const status = await scanner.disconnect();
    source.plug();
    source.play(hidPosReports('1000'));

    expect(status).toEqual({ state: 'idle', device: null, error: null });
    expect(source.connection()).toBeNull();
    expect(codes()).toEqual([]);
    expect(states().at(-1)).toBe('idle');
  });

  it('keeps the open device when the same scanner is chosen again', async () => {
    const source = new ReplayHidSource();
    const { scanner } = deskScanner(source);

    await scanner.connect({ key: KEY, settings: DEFAULT_SCANNER_SETTINGS });
    await scanner.connect({ key: KEY, settings: DEFAULT_SCANNER_SETTINGS });
    expect(source.opened).toHaveLength(1);

    await scanner.connect({ key: KEY, settings: { ...DEFAULT_SCANNER_SETTINGS, prefix: '#' } });
    expect(source.opened).toHaveLength(2);
    expect(source.opened[0]?.closed).toBe(true);
  });

  it('closes the device on close', async () => {
    const source = new ReplayHidSource();
    const { scanner } = deskScanner(source);
    await scanner.connect({ key: KEY, settings: DEFAULT_SCANNER_SETTINGS });

    await scanner.close();

    expect(source.opened[0]?.closed).toBe(true);
    expect(scanner.status.state).toBe('idle');
  });
});
