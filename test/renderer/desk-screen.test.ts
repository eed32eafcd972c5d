import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it } from 'vitest';
import { EDGE_CASES, FakeLabelDeskApi, TOKO_BANDUNG, manyRawLines } from './fake-api.ts';
import { renderApp } from './render-desk.ts';

/** Types a document into the form and presses the Fetch button, as Enter in the number field does. */
async function fetchDocument(outlet: string, number: string): Promise<void> {
  await fireEvent.input(screen.getByLabelText('Nama outlet'), { target: { value: outlet } });
  await fireEvent.input(screen.getByLabelText('Nomor dokumen'), { target: { value: number } });
  await fireEvent.click(screen.getByRole('button', { name: 'Ambil' }));
}

/** Waits for a line's name in the lines table (the preview draws the same name as SVG text). */
async function findLineName(name: string): Promise<HTMLElement> {
  return screen.findByText(name, { selector: '[role="cell"]' });
}

function totals(): HTMLElement {
  return screen.getByTestId('line-totals');
}

function labelsField(line: number): HTMLInputElement {
  const field = document.querySelector<HTMLInputElement>(`[data-labels-line="${line}"]`);
  if (field === null) {
    throw new Error(`no labels field for line ${line}`);
  }
  return field;
}

describe('desk screen', () => {
  it('starts with the focus in the document number field', async () => {
    await renderApp();

    expect(document.activeElement).toBe(screen.getByLabelText('Nomor dokumen'));
  });

  it('fetches a bill and lists its lines with totals', async () => {
    const { api } = await renderApp();

    await fetchDocument(TOKO_BANDUNG.outlet, TOKO_BANDUNG.number);

    await findLineName('Kemeja Flanel Kotak (M)');
    expect(api.callsOf('fetchDocument')[0]?.args).toEqual([TOKO_BANDUNG]);
    expect(within(totals()).getByText('9 baris')).toBeTruthy();
    // Labels: 6 + 4 + 12 + 8 + 3 + 0 + 2 + 5 + 1. Line 6 has quantity 0, so it is left out.
    expect(within(totals()).getByText('41 label akan dicetak')).toBeTruthy();
    expect(within(totals()).getByText('1 tidak dicetak')).toBeTruthy();
  });

  it('names the number when the document is not found', async () => {
    await renderApp();

    await fetchDocument('Toko Bandung', 'PB/2026/10/99999');

    const title = await screen.findByText('Dokumen PB/2026/10/99999 tidak ditemukan');
    const failure = title.closest('[data-failure]');
    expect(failure?.getAttribute('data-failure')).toBe('not_found');
    expect(failure?.textContent).toContain('"Toko Bandung"');
  });

  it('leads an authentication failure to settings', async () => {
    const api = new FakeLabelDeskApi();
    // A stored secret that DealPOS no longer accepts.
    await api.saveAccount({ url: 'tokobandung', clientId: 'label-desk', secret: 'old-secret' });
    await renderApp(api);

    await fetchDocument(TOKO_BANDUNG.outlet, TOKO_BANDUNG.number);

    await screen.findByText('Akun DealPOS perlu diperiksa');
    await fireEvent.click(screen.getByRole('button', { name: 'Buka pengaturan' }));
    expect(await screen.findByRole('dialog', { name: 'Pengaturan' })).toBeTruthy();
  });

  it('offers the cached copy when DealPOS cannot be reached', async () => {
    const { api } = await renderApp();
    await fetchDocument(TOKO_BANDUNG.outlet, TOKO_BANDUNG.number);
    await findLineName('Kemeja Flanel Kotak (M)');

    api.fetchFailure = { code: 'network', params: { host: 'tokobandung.dealpos.net' } };
    await fireEvent.click(screen.getByRole('button', { name: 'Ambil' }));

    await screen.findByText('DealPOS tidak dapat dihubungi');
    await fireEvent.click(screen.getByRole('button', { name: 'Buka salinan tersimpan' }));
    await findLineName('Kemeja Flanel Kotak (M)');
    expect(screen.getByTestId('cached-badge').textContent).toBe('Salinan tersimpan');
    expect(api.callsOf('openCachedDocument')[0]?.args).toEqual([TOKO_BANDUNG]);
  });

  it('says when no cached copy exists while offline', async () => {
    const api = new FakeLabelDeskApi();
    api.fetchFailure = { code: 'timeout', params: {} };
    await renderApp(api);

    await fetchDocument(TOKO_BANDUNG.outlet, TOKO_BANDUNG.number);

    await screen.findByText('Tidak ada salinan tersimpan dokumen ini di komputer ini.');
    expect(screen.queryByRole('button', { name: 'Buka salinan tersimpan' })).toBeNull();
  });

  it('updates totals when a label count changes or a line is left out', async () => {
    await renderApp();
    await fetchDocument(TOKO_BANDUNG.outlet, TOKO_BANDUNG.number);
    await findLineName('Kemeja Flanel Kotak (M)');

    await fireEvent.input(labelsField(1), { target: { value: '10' } });
    expect(within(totals()).getByText('45 label akan dicetak')).toBeTruthy();

    await fireEvent.input(labelsField(3), { target: { value: '0' } });
    expect(within(totals()).getByText('33 label akan dicetak')).toBeTruthy();
    expect(within(totals()).getByText('2 tidak dicetak')).toBeTruthy();
    expect(document.querySelector('[data-line="3"]')?.getAttribute('data-state')).toBe('excluded');
  });

  it('sends the changed counts with the print request', async () => {
    const { api } = await renderApp();
    await fetchDocument(TOKO_BANDUNG.outlet, TOKO_BANDUNG.number);
    await findLineName('Kemeja Flanel Kotak (M)');
    await fireEvent.input(labelsField(2), { target: { value: '7' } });
    await fireEvent.input(labelsField(4), { target: { value: '0' } });

    await fireEvent.click(screen.getByRole('button', { name: 'Cetak ke PDF' }));

    await screen.findByTestId('print-outcome');
    const request = api.callsOf('printPdf')[0]?.args[0] as {
      overrides: unknown;
      templateId: string;
      dpi: number;
    };
    expect(request.overrides).toEqual([
      { lineNumber: 2, quantity: 7 },
      { lineNumber: 4, quantity: 0 },
    ]);
    expect(request.templateId).toBe('roll-50x30');
    expect(request.dpi).toBe(203);
  });

  it('shows line problems with their translated reasons', async () => {
    await renderApp();
    await fetchDocument(EDGE_CASES.outlet, EDGE_CASES.number);
    await waitFor(() => expect(document.querySelector('[data-line="3"]')).not.toBeNull());

    const row3 = document.querySelector('[data-line="3"]');
    expect(row3?.getAttribute('data-state')).toBe('refused');
    expect(row3?.textContent).toContain('Baris 3: varian tidak punya kode');
    const row4 = document.querySelector('[data-line="4"]');
    expect(row4?.textContent).toContain('Baris 4: jumlah -2 bernilai negatif.');
  });

  it('filters lines by name or code', async () => {
    await renderApp();
    await fetchDocument(TOKO_BANDUNG.outlet, TOKO_BANDUNG.number);
    await findLineName('Kemeja Flanel Kotak (M)');

    await fireEvent.input(screen.getByLabelText('Saring baris'), { target: { value: 'kemeja' } });

    const rows = document.querySelectorAll('.viewport [role="row"]');
    expect(Array.from(rows, (row) => row.getAttribute('data-line'))).toEqual(['1', '2']);
    expect(within(totals()).getByText('2 ditampilkan')).toBeTruthy();

    await fireEvent.input(screen.getByLabelText('Saring baris'), { target: { value: 'kf-l' } });
    expect(
      Array.from(document.querySelectorAll('.viewport [role="row"]'), (row) => row.getAttribute('data-line')),
    ).toEqual(['2']);
  });

  it('warns that a bill price is the purchase price', async () => {
    await renderApp();
    await fetchDocument(TOKO_BANDUNG.outlet, TOKO_BANDUNG.number);
    await findLineName('Kemeja Flanel Kotak (M)');
    expect(screen.queryByTestId('purchase-price-warning')).toBeNull();

    await fireEvent.click(screen.getByLabelText('Cetak harga'));

    expect(screen.getByTestId('purchase-price-warning').textContent).toContain('harga beli');
    expect(screen.getByText('Rp 135.000', { selector: '[data-line="1"] .price' })).toBeTruthy();
  });

  it('shows no purchase-price warning for an outlet delivery', async () => {
    const api = new FakeLabelDeskApi();
    api.addDocument({ kind: 'delivery', outlet: 'Pluit', number: 'TO-1' }, manyRawLines(3));
    await renderApp(api);
    await fireEvent.click(screen.getByLabelText('Pengiriman outlet'));
    await fetchDocument('Pluit', 'TO-1');
    await findLineName('Barang nomor 1');

    await fireEvent.click(screen.getByLabelText('Cetak harga'));

    expect(screen.queryByTestId('purchase-price-warning')).toBeNull();
  });

  it('draws only a window of rows for a 5,000-line document', async () => {
    const api = new FakeLabelDeskApi();
    api.addDocument({ kind: 'bill', outlet: 'Gudang', number: 'BIG-1' }, manyRawLines(5000));
    await renderApp(api);

    await fetchDocument('Gudang', 'BIG-1');
    await findLineName('Barang nomor 1');

    const drawn = document.querySelectorAll('.viewport [role="row"]').length;
    expect(drawn).toBeGreaterThan(10);
    expect(drawn).toBeLessThan(100);
    expect(within(totals()).getByText('5.000 baris')).toBeTruthy();
    expect(screen.getByRole('table').getAttribute('aria-rowcount')).toBe('5001');
  });

  it('draws rows below the filtered ones later', async () => {
    const api = new FakeLabelDeskApi();
    api.addDocument({ kind: 'bill', outlet: 'Gudang', number: 'BIG-2' }, manyRawLines(500));
    await renderApp(api);
    await fetchDocument('Gudang', 'BIG-2');
    await findLineName('Barang nomor 1');
    const drawn = (): string[] =>
      Array.from(
        document.querySelectorAll('.viewport [role="row"]'),
        (row) => row.getAttribute('data-line') ?? '',
      );
    const unfiltered = drawn().length;

    await fireEvent.input(screen.getByLabelText('Saring baris'), { target: { value: 'barang' } });
    const atOnce = drawn();

    // The test DOM has no layout, so the viewport counts as 640 px: 15 rows of 44 px.
    expect(atOnce).toEqual(Array.from({ length: 15 }, (_, index) => String(index + 1)));
    await waitFor(() => expect(drawn()).toHaveLength(unfiltered));
    expect(screen.getByRole('table').getAttribute('aria-rowcount')).toBe('501');
  });

  it('switches the language from settings', async () => {
    const { api } = await renderApp();

    await fireEvent.click(screen.getByRole('button', { name: 'Pengaturan' }));
    await fireEvent.change(screen.getByLabelText('Bahasa'), { target: { value: 'en' } });
    await tick();

    expect(screen.getByRole('dialog', { name: 'Settings' })).toBeTruthy();
    expect(api.callsOf('updateSettings')[0]?.args).toEqual([{ locale: 'en' }]);
    expect(document.documentElement.lang).toBe('en');
    await fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByLabelText('Document number')).toBeTruthy();
  });

  it('shows the demo badge while demo mode is on', async () => {
    await renderApp(new FakeLabelDeskApi({ configured: false, demo: true }));

    expect(screen.getByTestId('demo-badge').textContent).toContain('MODE DEMO');
  });
});
