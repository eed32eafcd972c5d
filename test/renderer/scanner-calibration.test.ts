import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  CALIBRATION_CODE,
  DEFAULT_SCANNER_SETTINGS,
  type WedgeKeyEvent,
} from '../../shared/scanning/wedge.ts';
import { translate } from '../../shared/i18n/index.ts';
import type { ScannerDevice } from '../../shared/ipc-contract.ts';
import { code128Bars } from '../../renderer/src/lib/scanning/barcode-bars.ts';
import { CalibrationCapture } from '../../renderer/src/lib/scanning/calibration-capture.ts';
import { SCANNER_INPUT_KEY } from '../../renderer/src/lib/scanning/scanner-settings-storage.ts';
import { scannerEvents } from '../shared/scanning/keyboard-events.ts';
import { FakeLabelDeskApi, TOKO_BANDUNG } from './fake-api.ts';
import { renderApp } from './render-desk.ts';

type Clock = { now: number };

const SCANNER: ScannerDevice = {
  key: '0c2e:0b8f:REPLAY1',
  kind: 'hid_pos',
  vendorId: 0x0c2e,
  productId: 0x0b8f,
  product: 'Voyager 1400g',
  manufacturer: 'Honeywell',
  serialNumber: 'REPLAY1',
  name: 'Honeywell Voyager 1400g (0c2e:0b8f)',
  refusal: null,
};

const KEYBOARD_ON_WINDOWS: ScannerDevice = {
  ...SCANNER,
  key: '05e0:1200',
  kind: 'keyboard',
  vendorId: 0x05e0,
  productId: 0x1200,
  product: 'DS2208',
  manufacturer: 'Zebra',
  serialNumber: null,
  name: 'Zebra DS2208 (05e0:1200)',
  refusal: { code: 'hid_keyboard_refused', params: { product: 'Zebra DS2208 (05e0:1200)' } },
};

/** Sends keydown events to the focused element, moving the desk clock to each event's time. */
async function sendKeys(clock: Clock, events: readonly WedgeKeyEvent[]): Promise<void> {
  for (const event of events) {
    clock.now = event.timeStamp;
    await fireEvent.keyDown(document.activeElement ?? document.body, {
      key: event.key,
      code: event.code,
      shiftKey: event.shiftKey,
    });
  }
}

async function openScannerSettings(api = new FakeLabelDeskApi({ locale: 'en' })) {
  const parts = await renderApp(api);
  const name = translate(api.info.locale, 'desk.header.settings');
  await fireEvent.click(screen.getByRole('button', { name }));
  const dialog = await screen.findByRole('dialog', { name });
  return { ...parts, dialog };
}

beforeEach(() => {
  localStorage.clear();
});

describe('CalibrationCapture', () => {
  it('ends the burst at its terminator', () => {
    const capture = new CalibrationCapture(DEFAULT_SCANNER_SETTINGS);
    const events = scannerEvents(CALIBRATION_CODE, { gapMs: 5 });
    const ends = events.map((event) => capture.handleKey(event));
    expect(ends.at(-1)).toBe(true);
    expect(ends.slice(0, -1).every((ended) => !ended)).toBe(true);
    expect(capture.finish()).toEqual({ ok: true, detected: CALIBRATION_CODE, findings: [] });
  });

  it('ignores a stray Enter before the scan', () => {
    const capture = new CalibrationCapture(DEFAULT_SCANNER_SETTINGS);
    expect(capture.handleKey({ code: 'Enter', key: 'Enter', shiftKey: false, timeStamp: 1 })).toBe(false);
    expect(capture.characters).toBe(0);
  });

  it('reports a missing terminator when finished by the idle timer', () => {
    const capture = new CalibrationCapture(DEFAULT_SCANNER_SETTINGS);
    for (const event of scannerEvents(CALIBRATION_CODE, { gapMs: 5, terminator: null })) {
      expect(capture.handleKey(event)).toBe(false);
    }
    const result = capture.finish();
    expect(result.ok).toBe(false);
    expect(result.findings.map((finding) => finding.code)).toContain('terminator_missing');
  });
});

describe('code128Bars', () => {
  it('draws the calibration code with quiet zones', () => {
    const symbol = code128Bars(CALIBRATION_CODE);
    // Start, 11 data characters, check character: 11 modules each, then the 13-module stop, 10 + 10 quiet.
    expect(symbol.widthModules).toBe(13 * 11 + 13 + 20);
    expect(symbol.bars[0]?.x).toBe(10);
    const last = symbol.bars.at(-1);
    expect((last?.x ?? 0) + (last?.width ?? 0)).toBe(symbol.widthModules - 10);
  });
});

describe('scanner calibration step', () => {
  it('shows the calibration barcode as SVG', async () => {
    const { dialog } = await openScannerSettings();
    const image = within(dialog).getByRole('img', {
      name: `Calibration barcode (Code 128) for the text ${CALIBRATION_CODE}`,
    });
    expect(image.tagName.toLowerCase()).toBe('svg');
    expect(image.querySelectorAll('rect').length).toBe(code128Bars(CALIBRATION_CODE).bars.length + 1);
    expect(within(dialog).getByRole('button', { name: 'Print' })).toBeTruthy();
  });

  it('confirms a scanner that matches the settings', async () => {
    const { dialog, clock } = await openScannerSettings();
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Scan it now' }));
    expect(within(dialog).getByTestId('calibration-waiting').textContent).toContain(
      'Scan the calibration barcode now',
    );

    await sendKeys(clock, scannerEvents(CALIBRATION_CODE, { start: clock.now + 500, gapMs: 5 }));

    const result = await within(dialog).findByTestId('calibration-result');
    expect(result.dataset['ok']).toBe('true');
    expect(result.textContent).toContain('The scanner is set up correctly.');
  });

  it('names the settings to change', async () => {
    const { dialog, clock, desk } = await openScannerSettings();
    desk.settings.updateScanner({ terminator: 'enter', maxGapMs: 30 });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Scan it now' }));

    await sendKeys(
      clock,
      scannerEvents(`${CALIBRATION_CODE}*`, { start: clock.now + 500, gapMs: 45, terminator: 'Tab' }),
    );

    const result = await within(dialog).findByTestId('calibration-result');
    expect(result.dataset['ok']).toBe('false');
    const problems = [...result.querySelectorAll<HTMLElement>('.problems li')];
    expect(problems.map((item) => item.dataset['finding'])).toEqual([
      'terminator_not_allowed',
      'too_slow',
      'suffix_present',
    ]);
    expect(problems[0]?.textContent).toContain('The scanner ends each code with Tab');
    expect(problems[1]?.textContent).toContain('Raise the maximum gap to 55 ms.');
    expect(problems[2]?.textContent).toContain('The scanner sends "*" after each code.');
  });

  it('explains a non-US system layout in Indonesian', async () => {
    const { dialog, clock } = await openScannerSettings(new FakeLabelDeskApi({ locale: 'id' }));
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Pindai sekarang' }));

    await sendKeys(
      clock,
      scannerEvents(CALIBRATION_CODE, { start: clock.now + 500, gapMs: 5, layout: 'azerty' }),
    );

    const result = await within(dialog).findByTestId('calibration-result');
    expect(result.dataset['ok']).toBe('true');
    expect(result.textContent).toContain('Pemindai sudah diatur dengan benar.');
    expect(result.querySelector('.notes li')?.getAttribute('data-finding')).toBe('layout_differs');
  });

  it('cancels with Escape and keeps the dialog open', async () => {
    const { dialog } = await openScannerSettings();
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Scan it now' }));

    await fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Escape', code: 'Escape' });

    expect(within(dialog).queryByTestId('calibration-waiting')).toBeNull();
    expect(within(dialog).queryByTestId('calibration-result')).toBeNull();
    expect(screen.getByRole('dialog', { name: 'Settings' })).toBe(dialog);
  });
});

describe('scanner input choice', () => {
  it('lists scanners and explains rejected devices', async () => {
    const api = new FakeLabelDeskApi({ locale: 'en' });
    api.scannerDevices = { devices: [SCANNER, KEYBOARD_ON_WINDOWS], error: null };
    const { dialog } = await openScannerSettings(api);

    await within(dialog).findByLabelText('USB HID POS scanner: Honeywell Voyager 1400g (0c2e:0b8f)');
    expect(within(dialog).getByLabelText<HTMLInputElement>(/Keyboard mode \(wedge\)/).checked).toBe(true);
    const refused = dialog.querySelector<HTMLElement>('[data-key="05e0:1200"]');
    expect(refused?.textContent).toContain('keyboard mode');
    expect(refused?.textContent).toContain('Scan the "USB HID POS" setup barcode');
    expect(within(dialog).getByTestId('scanner-status').textContent).toContain(
      'Keyboard mode: codes arrive as key presses.',
    );
  });

  it('shows why USB HID support is missing', async () => {
    const api = new FakeLabelDeskApi({ locale: 'en' });
    api.scannerDevices = {
      devices: [],
      error: { code: 'hid_unavailable', params: { reason: 'no prebuilt binary' } },
    };
    const { dialog } = await openScannerSettings(api);

    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toBe(
      "Couldn't load USB HID support (no prebuilt binary). Use the scanner in keyboard (wedge) mode instead.",
    );
  });

  it('connects the chosen scanner and remembers it', async () => {
    const api = new FakeLabelDeskApi({ locale: 'en' });
    api.scannerDevices = { devices: [SCANNER], error: null };
    const { dialog } = await openScannerSettings(api);

    await fireEvent.click(await within(dialog).findByLabelText(/USB HID POS scanner: Honeywell/));

    await waitFor(() => expect(api.callsOf('connectScanner')).toHaveLength(1));
    expect(api.callsOf('connectScanner')[0]?.args).toEqual([
      { key: SCANNER.key, settings: DEFAULT_SCANNER_SETTINGS },
    ]);
    expect(JSON.parse(localStorage.getItem(SCANNER_INPUT_KEY) ?? 'null')).toEqual({
      mode: 'hid',
      key: SCANNER.key,
    });
    await waitFor(() =>
      expect(within(dialog).getByTestId('scanner-status').textContent).toContain(
        'Scanner Honeywell Voyager 1400g (0c2e:0b8f) is connected.',
      ),
    );
    expect(screen.getByTestId('scanner-indicator').dataset['state']).toBe('connected');

    await fireEvent.click(within(dialog).getByLabelText(/Keyboard mode \(wedge\)/));
    await waitFor(() => expect(api.callsOf('disconnectScanner')).toHaveLength(1));
    expect(screen.queryByTestId('scanner-indicator')).toBeNull();
  });

  it('reopens the scanner when a setting changes', async () => {
    localStorage.setItem(SCANNER_INPUT_KEY, JSON.stringify({ mode: 'hid', key: SCANNER.key }));
    const api = new FakeLabelDeskApi({ locale: 'en' });
    const { dialog } = await openScannerSettings(api);
    await waitFor(() => expect(api.callsOf('connectScanner')).toHaveLength(1));

    const prefix = within(dialog).getByLabelText<HTMLInputElement>('Prefix the scanner sends');
    await fireEvent.change(prefix, { target: { value: '#' } });

    await waitFor(() => expect(api.callsOf('connectScanner')).toHaveLength(2));
    expect(api.callsOf('connectScanner')[1]?.args).toEqual([
      { key: SCANNER.key, settings: { ...DEFAULT_SCANNER_SETTINGS, prefix: '#' } },
    ]);
  });

  it('shows unplugging in the header indicator', async () => {
    localStorage.setItem(SCANNER_INPUT_KEY, JSON.stringify({ mode: 'hid', key: SCANNER.key }));
    const api = new FakeLabelDeskApi({ locale: 'en' });
    await renderApp(api);
    await waitFor(() => expect(screen.getByTestId('scanner-indicator').dataset['state']).toBe('connected'));

    api.emitScannerStatus({
      state: 'disconnected',
      device: { key: SCANNER.key, name: SCANNER.name },
      error: null,
    });

    await waitFor(() =>
      expect(screen.getByTestId('scanner-indicator').textContent).toContain('Scanner: unplugged'),
    );
    expect(screen.getByTestId('scanner-indicator').getAttribute('title')).toContain(
      'Scanner Honeywell Voyager 1400g (0c2e:0b8f) was unplugged.',
    );
  });

  it('loads a document from a HID code', async () => {
    localStorage.setItem(SCANNER_INPUT_KEY, JSON.stringify({ mode: 'hid', key: SCANNER.key }));
    const api = new FakeLabelDeskApi({ locale: 'en', recentOutlets: [TOKO_BANDUNG.outlet] });
    await renderApp(api);
    await waitFor(() => expect(api.callsOf('connectScanner')).toHaveLength(1));

    api.emitScannerCode(TOKO_BANDUNG.number);

    await waitFor(() => expect(api.callsOf('fetchDocument')).toHaveLength(1));
    expect(api.callsOf('fetchDocument')[0]?.args).toEqual([TOKO_BANDUNG]);
  });

  it('ignores HID codes in keyboard mode', async () => {
    const api = new FakeLabelDeskApi({ locale: 'en', recentOutlets: [TOKO_BANDUNG.outlet] });
    await renderApp(api);

    api.emitScannerCode(TOKO_BANDUNG.number);

    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(api.callsOf('fetchDocument')).toHaveLength(0);
  });
});
