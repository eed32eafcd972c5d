import { fireEvent, screen, waitFor } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it } from 'vitest';
import { FakeLabelDeskApi, TOKO_BANDUNG, manyRawLines } from './fake-api.ts';
import { renderApp } from './render-desk.ts';

async function loadBill(api: FakeLabelDeskApi = new FakeLabelDeskApi()) {
  const parts = await renderApp(api);
  parts.desk.document.outlet = TOKO_BANDUNG.outlet;
  parts.desk.document.number = TOKO_BANDUNG.number;
  await parts.desk.document.fetch();
  await tick();
  return parts;
}

describe('printing', () => {
  it('shows progress from events of its own job and cancels it', async () => {
    const api = new FakeLabelDeskApi();
    api.holdPrints = true;
    api.printResults.push({ ok: true, value: { status: 'cancelled' } });
    await loadBill(api);

    await fireEvent.click(screen.getByRole('button', { name: 'Cetak ke PDF' }));
    expect(await screen.findByText('Menyiapkan…')).toBeTruthy();
    api.emitProgress({ jobId: 'job-00000001', written: 12, total: 41 });
    api.emitProgress({ jobId: 'some-other-job', written: 1, total: 2 });
    await tick();
    expect(screen.getByText('12 dari 41 label ditulis')).toBeTruthy();
    expect(screen.getByRole('progressbar').getAttribute('value')).toBe('12');

    await fireEvent.click(screen.getByRole('button', { name: 'Batal' }));
    expect(api.callsOf('cancelPrint')[0]?.args).toEqual(['job-00000001']);
    api.finishPrint();

    expect((await screen.findByTestId('print-outcome')).textContent).toContain('Pencetakan dibatalkan');
  });

  it('offers to open the written file or its folder', async () => {
    const api = new FakeLabelDeskApi();
    api.printResults.push({
      ok: true,
      value: { status: 'written', path: '/tmp/pb.pdf', labels: 41, pages: 41 },
    });
    await loadBill(api);

    await fireEvent.click(screen.getByRole('button', { name: 'Cetak ke PDF' }));

    const outcome = await screen.findByTestId('print-outcome');
    expect(outcome.textContent).toContain('PDF tersimpan: 41 label di 41 halaman.');
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Buka PDF' })),
    );
    await fireEvent.click(screen.getByRole('button', { name: 'Tampilkan di folder' }));
    expect(api.callsOf('openFile')[0]?.args).toEqual([{ path: '/tmp/pb.pdf', reveal: true }]);
  });

  it('shows a failed job with its translated reason', async () => {
    const api = new FakeLabelDeskApi();
    api.printResults.push({
      ok: false,
      error: { code: 'output_failed', params: { path: '/media/usb/x.pdf' } },
    });
    await loadBill(api);

    await fireEvent.click(screen.getByRole('button', { name: 'Cetak ke PDF' }));

    expect((await screen.findByTestId('print-outcome')).textContent).toContain(
      'Tidak bisa menulis PDF ke /media/usb/x.pdf',
    );
  });

  it('prints with Ctrl+P', async () => {
    const { api } = await loadBill();

    await fireEvent.keyDown(window, { key: 'p', ctrlKey: true });

    await screen.findByTestId('print-outcome');
    expect(api.callsOf('printPdf')).toHaveLength(1);
  });

  it('asks before printing more than 5,000 labels', async () => {
    const api = new FakeLabelDeskApi();
    api.addDocument(TOKO_BANDUNG, manyRawLines(2100));
    await loadBill(api);

    await fireEvent.click(screen.getByRole('button', { name: 'Cetak ke PDF' }));
    expect(api.callsOf('printPdf')).toHaveLength(0);
    const confirm = await screen.findByRole('button', { name: 'Cetak semua 5.250 label' });

    await fireEvent.click(confirm);

    await screen.findByTestId('print-outcome');
    expect(api.callsOf('printPdf')).toHaveLength(1);
  });

  it('draws preview labels from the layout of the first lines', async () => {
    await loadBill();

    await waitFor(() => expect(document.querySelectorAll('[data-preview-label]').length).toBe(3));
    const first = document.querySelector('[data-preview-label]');
    expect(first?.getAttribute('data-line')).toBe('1');
    expect(first?.querySelector('[data-barcode]')?.getAttribute('data-barcode')).toBe('KF-M-0101');
    expect(first?.querySelector('[data-role="name"]')?.textContent).toContain('Kemeja');
  });

  it('starts a sheet preview at the chosen position', async () => {
    const { desk } = await loadBill();

    desk.print.templateId = 'sheet-a4-3x8';
    await tick();
    await fireEvent.input(screen.getByLabelText('Mulai dari label'), { target: { value: '5' } });

    await waitFor(() => expect(document.querySelectorAll('[data-preview-label]').length).toBe(20));
    expect(document.querySelectorAll('.cell.used')).toHaveLength(4);
    expect(screen.getByTestId('print-summary').textContent).toBe('41 label di 2 halaman');
  });
});
