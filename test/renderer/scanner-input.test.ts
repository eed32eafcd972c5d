import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { WedgeKeyEvent } from '../../shared/scanning/wedge.ts';
import { scannerEvents, typingEvents } from '../shared/scanning/keyboard-events.ts';
import { FakeLabelDeskApi, TOKO_BANDUNG } from './fake-api.ts';
import { renderApp } from './render-desk.ts';

type Clock = { now: number };

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

/** Sends a scanner's burst: `text` with 5 ms between keys and Enter, starting well after the last key. */
async function scanCode(clock: Clock, text: string): Promise<void> {
  await sendKeys(clock, scannerEvents(text, { start: clock.now + 500, gapMs: 5 }));
}

function row(line: number): HTMLElement {
  const element = document.querySelector<HTMLElement>(`[data-line="${line}"]`);
  if (element === null) {
    throw new Error(`no row for line ${line}`);
  }
  return element;
}

function scannedCell(line: number): string {
  return row(line).querySelector('.scanned')?.textContent?.trim() ?? '';
}

function differenceCell(line: number): string {
  return row(line).querySelector('.difference')?.textContent?.trim() ?? '';
}

/** Renders the desk with the outlet filled in and loads the fixture bill by a scan of its number. */
async function loadBillByScan(api = new FakeLabelDeskApi({ recentOutlets: [TOKO_BANDUNG.outlet] })) {
  const parts = await renderApp(api);
  await scanCode(parts.clock, TOKO_BANDUNG.number);
  await screen.findByText('Kemeja Flanel Kotak (M)', { selector: '[role="cell"]' });
  return parts;
}

async function startCheck(): Promise<void> {
  await fireEvent.click(screen.getByRole('button', { name: 'Cek barang masuk' }));
  await screen.findByRole('button', { name: 'Selesai cek' });
}

describe('wedge input', () => {
  it('loads a document from a fast burst in the number field', async () => {
    const { api, clock } = await renderApp(new FakeLabelDeskApi({ recentOutlets: [TOKO_BANDUNG.outlet] }));
    expect(document.activeElement).toBe(screen.getByLabelText('Nomor dokumen'));

    await scanCode(clock, TOKO_BANDUNG.number);

    await screen.findByText('Kemeja Flanel Kotak (M)', { selector: '[role="cell"]' });
    expect(api.callsOf('fetchDocument')[0]?.args).toEqual([TOKO_BANDUNG]);
    expect(screen.getByLabelText<HTMLInputElement>('Nomor dokumen').value).toBe(TOKO_BANDUNG.number);
  });

  it('loads a document from a burst while no field has the focus', async () => {
    const { api, clock } = await renderApp(new FakeLabelDeskApi({ recentOutlets: [TOKO_BANDUNG.outlet] }));
    screen.getByLabelText<HTMLInputElement>('Nomor dokumen').blur();
    expect(document.activeElement).toBe(document.body);

    await scanCode(clock, TOKO_BANDUNG.number);

    await waitFor(() => expect(api.callsOf('fetchDocument')).toHaveLength(1));
    expect(document.activeElement).toBe(screen.getByLabelText('Nomor dokumen'));
  });

  it('keeps slow typing as typing', async () => {
    const { api, clock } = await renderApp();
    const field = screen.getByLabelText<HTMLInputElement>('Nomor dokumen');

    await sendKeys(clock, typingEvents('PB/18', clock.now + 500, 150));
    // The last key is held until the gap setting has passed with no further key.
    clock.now += 200;

    await waitFor(() => expect(field.value).toBe('PB/18'));
    await sendKeys(clock, [{ code: 'Enter', key: 'Enter', shiftKey: false, timeStamp: clock.now + 150 }]);
    expect(api.callsOf('fetchDocument')).toHaveLength(0);
  });

  it('reads scans with the prefix from the scanner settings', async () => {
    const { api, clock, desk } = await renderApp(
      new FakeLabelDeskApi({ recentOutlets: [TOKO_BANDUNG.outlet] }),
    );
    expect(desk.settings.updateScanner({ prefix: ']C1' })).toBe(true);

    await scanCode(clock, `]C1${TOKO_BANDUNG.number}`);

    await waitFor(() => expect(api.callsOf('fetchDocument')[0]?.args).toEqual([TOKO_BANDUNG]));
  });

  it('shows and stores the scanner settings in the settings dialog', async () => {
    const { desk } = await renderApp();
    await fireEvent.keyDown(window, { key: ',', ctrlKey: true });

    const gap = await screen.findByLabelText<HTMLInputElement>('Jeda maksimum antar tombol (ms)');
    expect(gap.value).toBe('30');
    await fireEvent.change(gap, { target: { value: '45' } });

    expect(desk.settings.scanner.maxGapMs).toBe(45);
    expect(JSON.parse(localStorage.getItem('label-desk.scanner-settings') ?? '{}')).toMatchObject({
      maxGapMs: 45,
    });

    await fireEvent.change(gap, { target: { value: '2' } });

    expect(
      await screen.findByText('Nilai itu di luar batas, jadi pengaturan sebelumnya tetap dipakai.'),
    ).toBeTruthy();
    expect(desk.settings.scanner.maxGapMs).toBe(45);
    expect(gap.value).toBe('45');
    localStorage.clear();
  });
});

describe('receiving check', () => {
  it('counts scans per line and flags an over-scan', async () => {
    const { clock, sounds } = await loadBillByScan();
    await startCheck();

    await scanCode(clock, 'KF-M-0101');
    await scanCode(clock, '200542');
    await scanCode(clock, '200542');

    await waitFor(() => expect(scannedCell(9)).toBe('2'));
    expect(scannedCell(1)).toBe('1');
    expect(differenceCell(1)).toBe('-5');
    expect(differenceCell(9)).toBe('+1');
    expect(row(9).querySelector('.difference')?.getAttribute('data-check-status')).toBe('over');
    expect(sounds).toEqual(['accepted', 'accepted', 'over']);
    const last = screen.getByTestId('check-last');
    expect(last.getAttribute('data-feedback')).toBe('over');
    expect(last.textContent).toContain('200542');
  });

  it('looks up codes that are not on the document', async () => {
    const api = new FakeLabelDeskApi({ recentOutlets: [TOKO_BANDUNG.outlet] });
    api.variants.set('8990001112223', { id: 'variant-77', productId: 'product-77' });
    const { clock, sounds } = await loadBillByScan(api);
    await startCheck();

    await scanCode(clock, '8990001112223');
    await scanCode(clock, 'XX-404');

    const list = await screen.findByTestId('unknown-codes');
    await waitFor(() =>
      expect(list.querySelector('[data-code="XX-404"]')?.getAttribute('data-status')).toBe('not_found'),
    );
    expect(list.querySelector('[data-code="8990001112223"]')?.getAttribute('data-status')).toBe('in_dealpos');
    expect(within(list).getByText(/Ada di DealPOS tetapi tidak di dokumen ini/)).toBeTruthy();
    expect(within(list).getByText(/Kode tidak dikenal/)).toBeTruthy();
    expect(sounds).toEqual(['unknown', 'unknown']);
    expect(screen.getByTestId('check-last').getAttribute('data-feedback')).toBe('unknown');
  });

  it('marks codes whose lookup failed and looks them up again', async () => {
    const api = new FakeLabelDeskApi({ recentOutlets: [TOKO_BANDUNG.outlet] });
    api.lookupFailure = { code: 'network', params: {} };
    const { clock } = await loadBillByScan(api);
    await startCheck();

    await scanCode(clock, 'XX-404');

    const list = await screen.findByTestId('unknown-codes');
    await waitFor(() =>
      expect(list.querySelector('[data-code="XX-404"]')?.getAttribute('data-status')).toBe('lookup_failed'),
    );
    api.lookupFailure = null;
    await fireEvent.click(screen.getByRole('button', { name: 'Cek lagi' }));

    await waitFor(() =>
      expect(list.querySelector('[data-code="XX-404"]')?.getAttribute('data-status')).toBe('not_found'),
    );
  });

  it('undoes the last scan with the button and Ctrl+Z', async () => {
    const { clock } = await loadBillByScan();
    await startCheck();
    await scanCode(clock, 'KF-M-0101');
    await scanCode(clock, 'KF-M-0101');
    await scanCode(clock, 'KF-M-0101');
    await waitFor(() => expect(scannedCell(1)).toBe('3'));

    await fireEvent.click(screen.getByRole('button', { name: 'Batalkan pindaian terakhir' }));
    expect(scannedCell(1)).toBe('2');

    clock.now += 500;
    await fireEvent.keyDown(document.activeElement ?? document.body, {
      key: 'z',
      code: 'KeyZ',
      ctrlKey: true,
    });
    expect(scannedCell(1)).toBe('1');
    expect(screen.getByTestId('check-last').textContent).toContain('dibatalkan');
  });

  it('exports the differences and prints the scanned quantities', async () => {
    const { api, clock, savedFiles } = await loadBillByScan();
    await startCheck();
    await scanCode(clock, 'KF-M-0101');
    await scanCode(clock, 'KF-M-0101');
    await scanCode(clock, '200542');
    await scanCode(clock, '200542');
    await scanCode(clock, 'XX-404');
    await waitFor(() => expect(scannedCell(9)).toBe('2'));

    await fireEvent.click(screen.getByRole('button', { name: 'Selesai cek' }));
    const summary = await screen.findByTestId('check-summary');
    expect(summary.textContent).toContain('Lebih: 1 baris, 1 unit');
    expect(summary.textContent).toContain('Kurang: 7 baris, 38 unit');

    await fireEvent.click(screen.getByRole('button', { name: 'Ekspor selisih (CSV)' }));
    expect(savedFiles).toHaveLength(1);
    expect(savedFiles[0]?.fileName).toBe('cek-penerimaan-PB-2026-10-00318.csv');
    const csv = new TextDecoder().decode(savedFiles[0]?.bytes);
    expect(csv).toContain('1;KF-M-0101;Kemeja Flanel Kotak (M);6;2;-4;Kurang\r\n');
    expect(csv).toContain('9;200542;Sepatu Lari Pria (42);1;2;1;Lebih\r\n');
    expect(csv).toContain(';XX-404;;;1;;');

    await fireEvent.click(screen.getByRole('button', { name: 'Cetak label sesuai jumlah yang dipindai' }));
    await screen.findByText(/Jumlah label kini mengikuti jumlah yang dipindai/);
    expect(within(screen.getByTestId('line-totals')).getByText('4 label akan dicetak')).toBeTruthy();

    await fireEvent.click(screen.getByRole('button', { name: 'Cetak ke PDF' }));
    await screen.findByTestId('print-outcome');
    const request = api.callsOf('printPdf')[0]?.args[0] as { overrides: unknown };
    expect(request.overrides).toEqual([
      { lineNumber: 1, quantity: 2 },
      { lineNumber: 2, quantity: 0 },
      { lineNumber: 3, quantity: 0 },
      { lineNumber: 4, quantity: 0 },
      { lineNumber: 5, quantity: 0 },
      { lineNumber: 6, quantity: 0 },
      { lineNumber: 7, quantity: 0 },
      { lineNumber: 8, quantity: 0 },
      { lineNumber: 9, quantity: 2 },
    ]);
  });
});
