import { fireEvent, screen, waitFor } from '@testing-library/svelte';
import { tick } from 'svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { EXAMPLE_PRINTER_PROFILES, type PrinterProfile } from '../../shared/printing/profile.ts';
import { DEFAULT_SCANNER_SETTINGS, type WedgeKeyEvent } from '../../shared/scanning/wedge.ts';
import { WedgeInput } from '../../renderer/src/lib/scanning/wedge-input.ts';
import { scannerEvents, typingEvents } from '../shared/scanning/keyboard-events.ts';
import { FakeLabelDeskApi, TOKO_BANDUNG } from './fake-api.ts';
import { renderApp } from './render-desk.ts';

type Clock = { now: number };

const XP_360B: PrinterProfile = { ...EXAMPLE_PRINTER_PROFILES[0]!, id: 'gudang-xp', name: 'Gudang XP-360B' };

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

/** Types `text` and then Enter, a key every 150 ms, far slower than the 30 ms gap setting of a scan. */
async function typeSlowlyWithEnter(clock: Clock, text: string): Promise<void> {
  await sendKeys(clock, typingEvents(text, clock.now + 500, 150));
  await sendKeys(clock, [{ code: 'Enter', key: 'Enter', shiftKey: false, timeStamp: clock.now + 150 }]);
}

function scannedCell(line: number): string {
  return document.querySelector(`[data-line="${line}"] .scanned`)?.textContent?.trim() ?? '';
}

async function startCheckOnBill(api = new FakeLabelDeskApi({ recentOutlets: [TOKO_BANDUNG.outlet] })) {
  const parts = await renderApp(api);
  await sendKeys(parts.clock, scannerEvents(TOKO_BANDUNG.number, { start: parts.clock.now + 500, gapMs: 5 }));
  await screen.findByText('Kemeja Flanel Kotak (M)', { selector: '[role="cell"]' });
  await fireEvent.click(screen.getByRole('button', { name: 'Cek barang masuk' }));
  await screen.findByRole('button', { name: 'Selesai cek' });
  return parts;
}

beforeEach(() => {
  localStorage.clear();
});

describe('receiving check entry', () => {
  it('explains keys too slow for a scan that end in Enter', async () => {
    const { clock, sounds } = await startCheckOnBill();
    expect(document.activeElement).toBe(screen.getByTestId('receiving-panel'));

    await typeSlowlyWithEnter(clock, 'KF-M-0101');

    const last = screen.getByTestId('check-last');
    await waitFor(() =>
      expect(last.textContent).toContain('Tidak dihitung: "KF-M-0101" masuk terlalu lambat'),
    );
    expect(last.getAttribute('data-feedback')).toBe('unknown');
    expect(sounds).toEqual(['unknown']);
    expect(scannedCell(1)).toBe('0');
  });

  it('ignores slow keys outside the check', async () => {
    const { clock, sounds, api } = await renderApp(
      new FakeLabelDeskApi({ recentOutlets: [TOKO_BANDUNG.outlet] }),
    );
    screen.getByLabelText<HTMLInputElement>('Nomor dokumen').blur();

    await typeSlowlyWithEnter(clock, 'KF-M-0101');

    expect(sounds).toEqual([]);
    expect(api.callsOf('fetchDocument')).toHaveLength(0);
  });

  it('counts a code typed into the code field', async () => {
    const { clock, sounds } = await startCheckOnBill();
    const field = screen.getByLabelText<HTMLInputElement>('Kode');
    field.focus();

    await sendKeys(clock, typingEvents('KF-M-0101', clock.now + 500, 150));
    clock.now += 200;
    await waitFor(() => expect(field.value).toBe('KF-M-0101'));
    await fireEvent.click(screen.getByRole('button', { name: 'Hitung' }));

    await waitFor(() => expect(scannedCell(1)).toBe('1'));
    expect(sounds).toEqual(['accepted']);
    expect(field.value).toBe('');
    expect(screen.getByTestId('check-last').textContent).toContain('KF-M-0101 dihitung di baris 1');
  });

  it('names the chosen printer after applying the scanned quantities', async () => {
    const api = new FakeLabelDeskApi({ recentOutlets: [TOKO_BANDUNG.outlet] });
    api.printerProfiles = [XP_360B];
    const { clock, desk } = await startCheckOnBill(api);
    await sendKeys(clock, scannerEvents('KF-M-0101', { start: clock.now + 500, gapMs: 5 }));
    await fireEvent.click(screen.getByRole('button', { name: 'Selesai cek' }));
    await fireEvent.click(
      await screen.findByRole('button', { name: 'Cetak label sesuai jumlah yang dipindai' }),
    );
    const applied = await screen.findByTestId('check-applied');
    expect(applied.textContent).toContain('Tekan Cetak ke PDF');

    await waitFor(() => expect(desk.print.printers.loaded).toBe(true));
    await fireEvent.change(screen.getByLabelText('Cetak ke'), { target: { value: 'printer:gudang-xp' } });
    await tick();

    expect(applied.textContent).toContain('Tekan Cetak ke Gudang XP-360B');
    expect(applied.textContent).not.toContain('PDF');
  });
});

describe('WedgeInput onSlowTyping', () => {
  /** Builds a wedge on a fake clock whose timers never fire, recording what it reports. */
  function slowTypingWedge() {
    const clock = { now: 0 };
    const reports: string[] = [];
    const scans: string[] = [];
    const wedge = new WedgeInput({
      now: () => clock.now,
      settings: () => DEFAULT_SCANNER_SETTINGS,
      listensAt: () => true,
      onScan: (code) => scans.push(code),
      onSlowTyping: (text) => reports.push(text),
      setTimer: () => null,
      clearTimer: () => undefined,
    });
    /** Presses `key` on `target` 150 ms after the previous key. */
    const press = (target: Element, key: string): void => {
      clock.now += 150;
      const code = key === 'Enter' ? 'Enter' : '';
      const event = new KeyboardEvent('keydown', { key, code, bubbles: true, cancelable: true });
      target.addEventListener('keydown', (received) => wedge.handleKeydown(received as KeyboardEvent), {
        once: true,
      });
      target.dispatchEvent(event);
    };
    return { reports, scans, press };
  }

  it('reports slow keys that end in Enter', () => {
    const { reports, scans, press } = slowTypingWedge();
    const panel = document.createElement('section');
    document.body.append(panel);

    for (const key of ['A', 'B', '1', 'Enter']) {
      press(panel, key);
    }

    expect(reports).toEqual(['AB1']);
    expect(scans).toEqual([]);
    panel.remove();
  });

  it('ignores keys aimed at another element', () => {
    const { reports, press } = slowTypingWedge();
    const panel = document.createElement('section');
    const other = document.createElement('div');
    document.body.append(panel, other);

    press(panel, 'A');
    press(panel, 'B');
    press(other, 'Enter');

    expect(reports).toEqual([]);
    panel.remove();
    other.remove();
  });

  it('ignores Enter on a button', () => {
    const { reports, press } = slowTypingWedge();
    const button = document.createElement('button');
    document.body.append(button);

    press(button, 'A');
    press(button, 'Enter');

    expect(reports).toEqual([]);
    button.remove();
  });
});
