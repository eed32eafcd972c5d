import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hidErrorMessage } from '../../../electron/scanning/hid-device.ts';
import {
  HidPosJoiner,
  HidScanner,
  KeyboardJoiner,
  chooseScannerInterface,
  scannerChoices,
  type HidScan,
  type HidScannerOptions,
  type HidScannerState,
} from '../../../electron/scanning/hid-scanner.ts';
import { scannerSettingsSchema } from '../../../shared/scanning/wedge.ts';
import { FakeHidSource, ManualTimer, deviceInfo, hidPosReport, loadReports } from './hid-fixtures.ts';

function hex(text: string): Buffer {
  return Buffer.from(text.split(' ').map((byte) => Number.parseInt(byte, 16)));
}

function codesFrom(joiner: KeyboardJoiner | HidPosJoiner, reports: readonly Uint8Array[]): string[] {
  return reports.flatMap((report) => joiner.push(report).codes.map((item) => item.code));
}

/** Key press reports for usages, each followed by an all-keys-up report, then Enter. */
function keyStream(usages: number[], options: { release?: boolean; modifiers?: number } = {}): Buffer[] {
  const reports: Buffer[] = [];
  for (const usage of usages) {
    reports.push(Buffer.from([options.modifiers ?? 0, 0, usage, 0, 0, 0, 0, 0]));
    if (options.release !== false) {
      reports.push(Buffer.alloc(8));
    }
  }
  reports.push(Buffer.from([0, 0, 0x28, 0, 0, 0, 0, 0]), Buffer.alloc(8));
  return reports;
}

/** Lets pending promise callbacks and `void` polls run. */
async function settle(): Promise<void> {
  for (let round = 0; round < 10; round++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

interface Harness {
  source: FakeHidSource;
  timer: ManualTimer;
  scanner: HidScanner;
  codes: HidScan[];
  states: HidScannerState[];
  warnings: string[];
}

function harness(options: Partial<HidScannerOptions> = {}): Harness {
  const source = new FakeHidSource();
  const timer = new ManualTimer();
  const warnings: string[] = [];
  const scanner = new HidScanner({
    source,
    vendorId: 0x0c2e,
    productId: 0x0b8f,
    platform: 'linux',
    timer,
    logger: { info: () => undefined, warn: (message) => warnings.push(message) },
    ...options,
  });
  const codes: HidScan[] = [];
  const states: HidScannerState[] = [];
  scanner.on('code', (scan) => codes.push(scan));
  scanner.on('state', (state) => states.push(state));
  return { source, timer, scanner, codes, states, warnings };
}

describe('KeyboardJoiner', () => {
  it('decodes the public keyboard dump to exactly 6957842208856', async () => {
    const reports = await loadReports('keyboard-6957842208856.hex');
    expect(reports).toHaveLength(33);
    expect(codesFrom(new KeyboardJoiner(), reports)).toEqual(['6957842208856']);
  });

  it('types a repeated key once per press with releases between', () => {
    expect(codesFrom(new KeyboardJoiner(), keyStream([0x1e, 0x1e, 0x1e]))).toEqual(['111']);
  });

  it('types a key held across reports once', () => {
    const reports = [hex('00 00 1e 00 00 00 00 00'), hex('00 00 1e 00 00 00 00 00'), ...keyStream([])];
    expect(codesFrom(new KeyboardJoiner(), reports)).toEqual(['1']);
  });

  it('types a new key pressed while another is still down', () => {
    const reports = [
      hex('00 00 1e 00 00 00 00 00'),
      hex('00 00 1e 1f 00 00 00 00'),
      hex('00 00 1f 00 00 00 00 00'),
      hex('00 00 1e 00 00 00 00 00'),
      ...keyStream([]),
    ];
    expect(codesFrom(new KeyboardJoiner(), reports)).toEqual(['121']);
  });

  it('counts left and right Shift alike', () => {
    const reports = [
      hex('02 00 0b 00 00 00 00 00'),
      hex('20 00 04 00 00 00 00 00'),
      hex('00 00 00 00 00 00 00 00'),
      hex('02 00 21 00 00 00 00 00'),
      ...keyStream([]),
    ];
    expect(codesFrom(new KeyboardJoiner(), reports)).toEqual(['HA$']);
  });

  it('ends codes with Tab only when the settings allow it', () => {
    const withTab = [...keyStream([0x04, 0x05]).slice(0, -2), hex('00 00 2b 00 00 00 00 00')];
    expect(codesFrom(new KeyboardJoiner(), withTab)).toEqual(['ab']);
    const enterOnly = new KeyboardJoiner(scannerSettingsSchema.parse({ terminator: 'enter' }));
    expect(codesFrom(enterOnly, withTab)).toEqual([]);
  });

  it('ends a code with keypad Enter', () => {
    const reports = [hex('00 00 1e 00 00 00 00 00'), hex('00 00 58 00 00 00 00 00')];
    expect(codesFrom(new KeyboardJoiner(), reports)).toEqual(['1']);
  });

  it('removes the configured prefix and suffix', () => {
    const joiner = new KeyboardJoiner(scannerSettingsSchema.parse({ prefix: '*', suffix: '#' }));
    // * is Shift+8 and # is Shift+3 on the US layout.
    const reports = [
      hex('02 00 25 00 00 00 00 00'),
      hex('00 00 1e 00 00 00 00 00'),
      hex('00 00 1f 00 00 00 00 00'),
      hex('02 00 20 00 00 00 00 00'),
      ...keyStream([]),
    ];
    expect(codesFrom(joiner, reports)).toEqual(['12']);
  });

  it('ignores rollover reports and reports garbage without losing the code', () => {
    const joiner = new KeyboardJoiner();
    const outputs = [
      joiner.push(hex('00 00 1e 00 00 00 00 00')),
      joiner.push(hex('00 00 01 01 01 01 01 01')),
      joiner.push(hex('ff ff')),
      joiner.push(hex('00 00 00 00 00 00 00 00')),
      joiner.push(hex('00 00 1f 00 00 00 00 00')),
      joiner.push(hex('00 00 28 00 00 00 00 00')),
    ];
    expect(outputs.map((output) => output.invalid === null)).toEqual([true, true, false, true, true, true]);
    expect(outputs.flatMap((output) => output.codes.map((item) => item.code))).toEqual(['12']);
  });

  it('never throws on arbitrary bytes', () => {
    const joiner = new KeyboardJoiner();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        joiner.push(bytes);
      }),
    );
  });
});

describe('HidPosJoiner', () => {
  it('joins a recorded Honeywell message', async () => {
    const reports = await loadReports('honeywell-revinf.hex');
    const joiner = new HidPosJoiner();
    const outputs = reports.map((report) => joiner.push(report));
    const codes = outputs.flatMap((output) => output.codes);

    expect(outputs.slice(0, 5).every((output) => output.codes.length === 0)).toBe(true);
    expect(codes).toHaveLength(2);
    expect(codes[0]?.symbologyId).toBe(']X0');
    expect(codes[0]?.code.startsWith('Product Name: Voyager 1602g\r\nBoot Revision')).toBe(true);
    expect(codes[0]?.code.endsWith('Serial Number: N/A   Checksum: N/A')).toBe(true);
    expect(codes[0]?.code).toContain('Software Revision: $ProjectRevision: 16345');
    expect(codes[1]).toEqual({ code: 'REVINF\u0006.', symbologyId: ']Z6' });
  });

  it('joins a code that spans two reports', () => {
    const long = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrst-';
    const joiner = new HidPosJoiner();
    const first = joiner.push(hidPosReport(long.slice(0, 56), { continued: true, symbologyId: ']C0' }));
    expect(first.codes).toEqual([]);
    expect(joiner.hasPartial).toBe(true);
    const second = joiner.push(hidPosReport(long.slice(56), { symbologyId: ']C0' }));
    expect(second.codes).toEqual([{ code: long, symbologyId: ']C0' }]);
    expect(joiner.hasPartial).toBe(false);
  });

  it('decodes a UTF-8 character split between reports', () => {
    const joiner = new HidPosJoiner();
    const first = hidPosReport('Caf', { continued: true, symbologyId: ']Q1' });
    first[1] = 4;
    first[8] = 0xc3;
    const second = hidPosReport('', { symbologyId: ']Q1' });
    second[1] = 1;
    second[5] = 0xa9;
    joiner.push(first);
    expect(joiner.push(second).codes[0]?.code).toBe('Café');
  });

  it('reads bytes that are not UTF-8 as Windows-1252', () => {
    const report = hidPosReport('Caf');
    report[1] = 4;
    report[8] = 0xe9;
    expect(new HidPosJoiner().push(report).codes[0]?.code).toBe('Café');
  });

  it('removes a trailing CR and the configured affixes', () => {
    const joiner = new HidPosJoiner(scannerSettingsSchema.parse({ prefix: 'P', suffix: 'S' }));
    expect(joiner.push(hidPosReport('P8992003611302S\r\n')).codes[0]?.code).toBe('8992003611302');
  });

  it('drops a partial code when a broken report arrives', () => {
    const joiner = new HidPosJoiner();
    joiner.push(hidPosReport('PARTIAL', { continued: true }));
    const broken = joiner.push(hex('02 40 00'));
    expect(broken.invalid).not.toBeNull();
    expect(joiner.hasPartial).toBe(false);
    expect(joiner.push(hidPosReport('NEXT')).codes.map((item) => item.code)).toEqual(['NEXT']);
  });

  it('passes over status reports', () => {
    expect(new HidPosJoiner().push(hex('04 01 02 03'))).toEqual({ codes: [], invalid: null });
  });

  it('never throws on arbitrary bytes', () => {
    const joiner = new HidPosJoiner();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        joiner.push(bytes);
      }),
    );
  });
});

describe('chooseScannerInterface', () => {
  const keyboard = deviceInfo({ path: '/dev/hidraw1', usagePage: 0x01, usage: 0x06 });
  const hidPos = deviceInfo({ path: '/dev/hidraw2', usagePage: 0x8c, usage: 0x02 });

  it('prefers the HID POS interface', () => {
    expect(chooseScannerInterface([keyboard, hidPos], 'win32')).toMatchObject({
      device: hidPos,
      mode: 'hid_pos',
    });
  });

  it('refuses a keyboard-only scanner on Windows and macOS', () => {
    for (const platform of ['win32', 'darwin'] as const) {
      const choice = chooseScannerInterface([keyboard], platform);
      expect(choice?.refusal?.code).toBe('hid_keyboard_refused');
      expect(choice?.mode).toBeNull();
    }
  });

  it('reads a keyboard-only scanner on Linux', () => {
    expect(chooseScannerInterface([keyboard], 'linux')).toMatchObject({ mode: 'keyboard', refusal: null });
  });

  it('groups interfaces by physical device', () => {
    const other = deviceInfo({
      path: '/dev/hidraw5',
      productId: 0x1234,
      serialNumber: null,
      usagePage: 0xff00,
    });
    const choices = scannerChoices([keyboard, hidPos, other], 'darwin');
    expect(choices.map((choice) => [choice.device.path, choice.mode, choice.refusal?.code ?? null])).toEqual([
      ['/dev/hidraw2', 'hid_pos', null],
      ['/dev/hidraw5', null, 'hid_not_scanner'],
    ]);
  });
});

describe('HidScanner', () => {
  it('connects to a HID POS scanner and emits joined codes', async () => {
    const { source, scanner, codes, states } = harness();
    source.devices = [deviceInfo()];
    await scanner.start();

    expect(states.map((state) => state.kind)).toEqual(['searching', 'connected']);
    expect(scanner.state).toMatchObject({ kind: 'connected', mode: 'hid_pos' });

    source.current.send(hidPosReport('89920036', { continued: true }));
    source.current.send(hidPosReport('11302'));
    expect(codes.map((scan) => [scan.code, scan.symbologyId, scan.device.path])).toEqual([
      ['8992003611302', ']E0', '/dev/hidraw3'],
    ]);
    await scanner.stop();
  });

  it('waits for a scanner that is not plugged in', async () => {
    const { source, timer, scanner, states } = harness();
    await scanner.start();
    expect(scanner.state.kind).toBe('searching');

    source.devices = [deviceInfo()];
    timer.fire();
    await settle();
    expect(states.map((state) => state.kind)).toEqual(['searching', 'connected']);
    await scanner.stop();
  });

  it('drops partial code on unplug, reconnects', async () => {
    const { source, timer, scanner, codes, states } = harness();
    source.devices = [deviceInfo()];
    await scanner.start();

    source.current.send(hidPosReport('PARTIAL-CODE-', { continued: true }));
    source.devices = [];
    source.current.unplug();
    await settle();
    expect(scanner.state).toMatchObject({ kind: 'disconnected', device: { path: '/dev/hidraw3' } });

    timer.fire();
    await settle();
    expect(scanner.state.kind).toBe('disconnected');

    source.devices = [deviceInfo()];
    timer.fire();
    await settle();
    expect(scanner.state.kind).toBe('connected');
    expect(source.connections).toHaveLength(2);
    expect(source.connections[0]?.closed).toBe(true);

    source.current.send(hidPosReport('4006381333931'));
    expect(codes.map((scan) => scan.code)).toEqual(['4006381333931']);
    expect(states.map((state) => state.kind)).toEqual([
      'searching',
      'connected',
      'disconnected',
      'connected',
    ]);
    await scanner.stop();
  });

  it('notices a scanner gone from the list', async () => {
    const { source, scanner } = harness();
    source.devices = [deviceInfo()];
    await scanner.start();
    source.devices = [];
    await scanner.poll();
    expect(scanner.state.kind).toBe('disconnected');
    expect(source.connections[0]?.closed).toBe(true);
    await scanner.stop();
  });

  it('counts garbage reports and keeps reading', async () => {
    const { source, scanner, codes, warnings } = harness();
    source.devices = [deviceInfo()];
    await scanner.start();

    for (const garbage of [
      hex('02'),
      hex('02 ff 00 00 00'),
      Buffer.alloc(0),
      hex('07 01'),
      hex('02 39 5d 45 30'),
    ]) {
      source.current.send(garbage);
    }
    source.current.send(hidPosReport('4006381333931'));

    expect(scanner.invalidReports).toBe(4);
    expect(warnings.filter((line) => line.includes('unreadable report'))).toHaveLength(1);
    expect(codes.map((scan) => scan.code)).toEqual(['4006381333931']);
    expect(scanner.state.kind).toBe('connected');
    await scanner.stop();
  });

  it('keeps going when a code listener throws', async () => {
    const { source, scanner, codes, warnings } = harness();
    scanner.prependListener('code', () => {
      throw new Error('listener bug');
    });
    source.devices = [deviceInfo()];
    await scanner.start();
    source.current.send(hidPosReport('ONE'));
    expect(warnings.some((line) => line.includes('listener threw'))).toBe(true);
    expect(codes).toEqual([]);
    source.current.send(hidPosReport('TWO'));
    expect(scanner.state.kind).toBe('connected');
    await scanner.stop();
  });

  it('explains a Linux permission failure with a udev rule', async () => {
    const { source, timer, scanner } = harness();
    source.devices = [deviceInfo()];
    source.openError = new Error(
      "cannot open device with path /dev/hidraw3: Failed to open a device with path '/dev/hidraw3': Permission denied",
    );
    await scanner.start();

    const state = scanner.state;
    expect(state.kind).toBe('failed');
    if (state.kind !== 'failed') {
      return;
    }
    expect(state.error.code).toBe('hid_permission_denied');
    const rule =
      'SUBSYSTEM=="hidraw", ATTRS{idVendor}=="0c2e", ATTRS{idProduct}=="0b8f", MODE="0660", TAG+="uaccess"';
    expect(state.error.params.rule).toBe(rule);
    expect(hidErrorMessage('en', state.error)).toContain(rule);
    expect(hidErrorMessage('en', state.error)).toContain(
      '/etc/udev/rules.d/70-dealpos-label-desk-scanner.rules',
    );
    expect(hidErrorMessage('id', state.error)).toContain(rule);

    // The same device is not reopened every poll, only after it is replugged or on retry.
    timer.fire();
    await settle();
    expect(source.openedPaths).toHaveLength(1);
    source.devices = [];
    timer.fire();
    await settle();
    expect(scanner.state.kind).toBe('searching');
    source.devices = [deviceInfo()];
    source.openError = null;
    timer.fire();
    await settle();
    expect(source.openedPaths).toHaveLength(2);
    expect(scanner.state.kind).toBe('connected');
    await scanner.stop();
  });

  it('tries a failed device again on retry', async () => {
    const { source, scanner } = harness();
    source.devices = [deviceInfo()];
    source.openError = new Error('Permission denied');
    await scanner.start();
    source.openError = null;
    await scanner.retry();
    expect(scanner.state.kind).toBe('connected');
    await scanner.stop();
  });

  it('reports other open failures without a udev rule', async () => {
    const { source, scanner } = harness({ platform: 'win32' });
    source.devices = [deviceInfo({ path: '\\\\?\\hid#vid_0c2e&pid_0b8f' })];
    source.openError = new Error('cannot open device with path \\\\?\\hid#vid_0c2e&pid_0b8f');
    await scanner.start();
    expect(scanner.state).toMatchObject({ kind: 'failed', error: { code: 'hid_open_failed' } });
    await scanner.stop();
  });

  it('refuses keyboard scanners on win32 and darwin', async () => {
    for (const platform of ['win32', 'darwin'] as const) {
      const { source, scanner } = harness({ platform });
      source.devices = [deviceInfo({ usagePage: 0x01, usage: 0x06 })];
      await scanner.start();
      const state = scanner.state;
      expect(state).toMatchObject({ kind: 'failed', error: { code: 'hid_keyboard_refused' } });
      expect(source.openedPaths).toEqual([]);
      if (state.kind === 'failed') {
        expect(hidErrorMessage('en', state.error)).toContain('USB HID POS');
        expect(hidErrorMessage('en', state.error)).toContain('Honeywell Voyager 1400g (0c2e:0b8f)');
      }
      await scanner.stop();
    }
  });

  it('reads a keyboard-class scanner on Linux', async () => {
    const { source, scanner, codes } = harness({ platform: 'linux' });
    source.devices = [deviceInfo({ usagePage: 0x01, usage: 0x06 })];
    await scanner.start();
    expect(scanner.state).toMatchObject({ kind: 'connected', mode: 'keyboard' });
    for (const report of await loadReports('keyboard-6957842208856.hex')) {
      source.current.send(report);
    }
    expect(codes.map((scan) => [scan.code, scan.symbologyId])).toEqual([['6957842208856', null]]);
    await scanner.stop();
  });

  it('survives list errors and missing HID', async () => {
    const { source, timer, scanner, states } = harness();
    source.listError = new Error('transient');
    await scanner.start();
    expect(scanner.state.kind).toBe('searching');

    const { HidError } = await import('../../../electron/scanning/hid-device.ts');
    source.listError = new HidError('hid_unavailable', { reason: 'libusb missing' });
    timer.fire();
    await settle();
    timer.fire();
    await settle();
    expect(states.map((state) => state.kind)).toEqual(['searching', 'failed']);
    await scanner.stop();
  });

  it('stops polling and closes the device', async () => {
    const { source, timer, scanner } = harness();
    source.devices = [deviceInfo()];
    await scanner.start();
    await scanner.stop();
    expect(scanner.state.kind).toBe('stopped');
    expect(source.current.closed).toBe(true);
    expect(timer.callbacks.size).toBe(0);
  });

  it('only opens the scanner it was given', async () => {
    const { source, scanner } = harness({ serialNumber: 'WANTED' });
    source.devices = [
      deviceInfo({ serialNumber: 'OTHER' }),
      deviceInfo({ productId: 0x0001, serialNumber: 'WANTED' }),
    ];
    await scanner.start();
    expect(scanner.state.kind).toBe('searching');
    expect(source.openedPaths).toEqual([]);
    await scanner.stop();
  });
});
