import { fireEvent, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { Desk } from '../../renderer/src/lib/state/desk.ts';
import { receivingReportRequestSchema } from '../../shared/ipc-contract.ts';
import { FakeLabelDeskApi, TOKO_BANDUNG } from './fake-api.ts';
import { createTestDesk, renderApp } from './render-desk.ts';

/** Loads the Toko Bandung bill, scans 200542 twice (one over) and KF-M-0101 once, and finishes. */
async function finishedCheck(desk: Desk): Promise<void> {
  desk.document.outlet = TOKO_BANDUNG.outlet;
  desk.document.number = TOKO_BANDUNG.number;
  await desk.document.fetch();
  expect(desk.receiving.start()).toBe(true);
  desk.receiving.scan('200542');
  desk.receiving.scan('200542');
  desk.receiving.scan('KF-M-0101');
  desk.receiving.finish();
}

describe('ReceivingState.exportPdf', () => {
  it('sends the finish summary', async () => {
    const { api, desk } = createTestDesk();
    await desk.start();
    await finishedCheck(desk);

    await desk.receiving.exportPdf('en');

    const [call] = api.callsOf('exportReceivingPdf');
    const request = receivingReportRequestSchema.parse(call?.args[0]);
    expect(request.document).toEqual(TOKO_BANDUNG);
    expect(request.locale).toBe('en');
    expect(request.totals).toMatchObject({ scannedUnits: 3, overUnits: 1, linesOver: 1 });
    expect(request.lines.find((line) => line.code === '200542')).toMatchObject({
      expected: 1,
      scanned: 2,
      difference: 1,
      status: 'over',
    });
    expect(Date.parse(request.finishedAt)).toBeGreaterThanOrEqual(Date.parse(request.startedAt));
    expect(desk.receiving.pdfPath).toBe('/tmp/receiving-check.pdf');
    expect(desk.receiving.pdfBusy).toBe(false);
  });

  it('keeps no path after a cancelled dialog', async () => {
    const api = new FakeLabelDeskApi();
    api.receivingPdfResult = { ok: true, value: { status: 'cancelled' } };
    const { desk } = createTestDesk(api);
    await desk.start();
    await finishedCheck(desk);

    await desk.receiving.exportPdf('id');

    expect(desk.receiving.pdfPath).toBeNull();
    expect(desk.receiving.pdfError).toBeNull();
  });

  it('drops a result that arrives after the check closed', async () => {
    const { api, desk } = createTestDesk();
    await desk.start();
    await finishedCheck(desk);

    const exporting = desk.receiving.exportPdf('id');
    desk.receiving.stop();
    await exporting;

    expect(api.callsOf('exportReceivingPdf')).toHaveLength(1);
    expect(desk.receiving.pdfPath).toBeNull();
    expect(desk.receiving.pdfBusy).toBe(false);
  });

  it('does nothing before the check is finished', async () => {
    const { api, desk } = createTestDesk();
    await desk.start();
    await finishedCheck(desk);
    desk.receiving.resume();

    await desk.receiving.exportPdf('id');

    expect(api.callsOf('exportReceivingPdf')).toHaveLength(0);
  });
});

describe('ReceivingPanel PDF button', () => {
  it('shows where the summary went', async () => {
    const { desk } = await renderApp();
    await finishedCheck(desk);

    await fireEvent.click(await screen.findByRole('button', { name: 'Simpan ringkasan PDF' }));

    const status = await screen.findByTestId('check-pdf-path');
    expect(status.textContent?.trim()).toBe('Ringkasan disimpan di /tmp/receiving-check.pdf');
  });

  it('shows the error of a failed export', async () => {
    const api = new FakeLabelDeskApi();
    api.receivingPdfResult = {
      ok: false,
      error: { code: 'output_failed', params: { path: '/media/usb/x.pdf', reason: 'disk_full' } },
    };
    const { desk } = await renderApp(api);
    await finishedCheck(desk);

    await fireEvent.click(await screen.findByRole('button', { name: 'Simpan ringkasan PDF' }));

    const alert = await screen.findByText(/\/media\/usb\/x\.pdf/);
    expect(alert.getAttribute('role')).toBe('alert');
    expect(screen.queryByTestId('check-pdf-path')).toBeNull();
  });
});
