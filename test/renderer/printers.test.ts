import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../shared/ipc-contract.ts';
import { EXAMPLE_PRINTER_PROFILES, type PrinterProfile } from '../../shared/printing/profile.ts';
import { FakeLabelDeskApi, TOKO_BANDUNG, fakePrinterJob } from './fake-api.ts';
import { renderApp } from './render-desk.ts';

const XP_360B: PrinterProfile = { ...EXAMPLE_PRINTER_PROFILES[0]!, id: 'gudang-xp', name: 'Gudang XP-360B' };
const ZEBRA: PrinterProfile = { ...EXAMPLE_PRINTER_PROFILES[2]!, id: 'kasir-zebra', name: 'Kasir Zebra' };

function printerApi(): FakeLabelDeskApi {
  const api = new FakeLabelDeskApi();
  api.printerProfiles = [XP_360B, ZEBRA];
  api.printQueues = [
    { name: 'XP-360B', state: 'idle', acceptingJobs: true, description: 'Xprinter', message: '' },
  ];
  return api;
}

async function loadBill(api: FakeLabelDeskApi) {
  const parts = await renderApp(api);
  parts.desk.document.outlet = TOKO_BANDUNG.outlet;
  parts.desk.document.number = TOKO_BANDUNG.number;
  await parts.desk.document.fetch();
  await tick();
  await waitFor(() => expect(parts.desk.print.printers.loaded).toBe(true));
  return parts;
}

async function choose(label: string, value: string): Promise<void> {
  await fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

const COMPLETED_ENTRY: LedgerEntry = {
  at: '2026-10-21T03:20:00.000Z',
  target: { kind: 'printer', profileName: 'Gudang XP-360B', queue: 'XP-360B', jobId: '20261021-102000-a1b2' },
  templateId: 'roll-50x30',
  dpi: 203,
  status: 'completed',
  reprint: false,
  lines: [
    { lineNumber: 1, code: 'KF-M-0101', name: 'Kemeja Flanel Kotak (M)', labels: 6 },
    { lineNumber: 2, code: 'KF-L-0101', name: 'Kemeja Flanel Kotak (L)', labels: 4 },
  ],
  labels: 10,
};

beforeEach(() => {
  localStorage.clear();
});

describe('output target picker', () => {
  it('lists profiles with the state of their queue', async () => {
    const api = printerApi();
    api.printQueues = [
      { name: 'XP-360B', state: 'stopped', acceptingJobs: false, description: '', message: 'Paper out' },
    ];
    await loadBill(api);

    const options = within(screen.getByLabelText('Cetak ke')).getAllByRole('option');
    expect(options.map((option) => option.textContent?.trim())).toEqual([
      'File PDF',
      'Gudang XP-360B (XP-360B) – berhenti',
      'Kasir Zebra (Zebra_ZD220) – antrean tidak ditemukan',
    ]);

    await choose('Cetak ke', 'printer:kasir-zebra');
    expect(screen.getByTestId('target-queue-status').textContent).toContain(
      'Antrean Zebra_ZD220: tidak ditemukan',
    );
    expect(screen.queryByLabelText('Resolusi')).toBeNull();
  });

  it('remembers the chosen printer across restarts', async () => {
    const first = await loadBill(printerApi());
    await choose('Cetak ke', 'printer:gudang-xp');
    expect(screen.getByRole('button', { name: 'Cetak ke Gudang XP-360B' })).toBeTruthy();
    first.unmount();

    const second = await loadBill(printerApi());
    expect(second.desk.print.printers.target).toEqual({ kind: 'printer', profileId: 'gudang-xp' });
    expect((screen.getByLabelText('Cetak ke') as HTMLSelectElement).value).toBe('printer:gudang-xp');
  });

  it('falls back to PDF when the remembered profile is gone', async () => {
    localStorage.setItem('label-desk.output-target', 'printer:deleted-profile');
    const { desk } = await loadBill(printerApi());

    expect(desk.print.printers.target).toEqual({ kind: 'pdf' });
    expect(screen.getByRole('button', { name: 'Cetak ke PDF' })).toBeTruthy();
  });
});

describe('printing to a printer', () => {
  it('shows label progress from its own events and sends the cancel', async () => {
    const api = printerApi();
    api.holdPrints = true;
    api.printerResults.push({
      ok: true,
      value: fakePrinterJob({ status: 'cancelled', confirmedLabels: 12 }),
    });
    await loadBill(api);
    await choose('Cetak ke', 'printer:gudang-xp');

    await fireEvent.click(screen.getByRole('button', { name: 'Cetak ke Gudang XP-360B' }));
    api.emitProgress({ jobId: 'job-00000001', written: 12, total: 41 });
    api.emitProgress({ jobId: 'another-job', written: 1, total: 2 });
    await tick();
    expect(screen.getByText('Label 12 dari 41 tercetak')).toBeTruthy();

    await fireEvent.click(screen.getByRole('button', { name: 'Batal' }));
    expect(api.callsOf('cancelPrint')[0]?.args).toEqual(['job-00000001']);
    api.finishPrint();

    expect((await screen.findByTestId('print-outcome')).textContent).toContain('Pencetakan dibatalkan');
    expect(api.callsOf('printToPrinter')[0]?.args).toEqual([
      {
        jobId: 'job-00000001',
        profileId: 'gudang-xp',
        document: TOKO_BANDUNG,
        overrides: [],
        templateId: 'roll-50x30',
        showPrice: false,
        reprint: null,
      },
    ]);
  });

  it('reports the labels sent and refreshes the ledger', async () => {
    const api = printerApi();
    await loadBill(api);
    await choose('Cetak ke', 'printer:gudang-xp');
    const ledgerReads = api.callsOf('getLedger').length;
    api.setLedger(TOKO_BANDUNG, [COMPLETED_ENTRY]);

    await fireEvent.click(screen.getByRole('button', { name: 'Cetak ke Gudang XP-360B' }));

    expect((await screen.findByTestId('print-outcome')).textContent).toContain(
      '41 label terkirim ke Gudang XP-360B (XP-360B).',
    );
    expect(api.callsOf('getLedger').length).toBe(ledgerReads + 1);
    expect(await screen.findByRole('button', { name: 'Tercetak (1)' })).toBeTruthy();
  });
});

describe('interrupted printer jobs', () => {
  const interrupted = fakePrinterJob({
    status: 'interrupted',
    confirmedLabels: 16,
    interruption: {
      error: { code: 'print_job_failed', params: { queue: 'XP-360B', reason: 'connection refused' } },
      label: 17,
    },
  });

  it('shows a job the app found at start-up and cancels it', async () => {
    const api = printerApi();
    api.printerJobs = [interrupted];
    await renderApp(api);

    const banner = await screen.findByTestId('interrupted-jobs');
    expect(banner.textContent).toContain('Faktur PB/2026/10/00318 (Toko Bandung)');
    expect(banner.textContent).toContain('di Gudang XP-360B (XP-360B)');
    expect(banner.textContent).toContain('berhenti di label 17 dari 41');
    expect(banner.textContent).toContain('connection refused');

    await fireEvent.click(within(banner).getByRole('button', { name: 'Batalkan pekerjaan' }));

    expect(api.callsOf('cancelPrinterJob')[0]?.args).toEqual([interrupted.id]);
    await waitFor(() => expect(screen.queryByTestId('interrupted-jobs')).toBeNull());
  });

  it('offers Resume after a print stops and asks about unconfirmed labels', async () => {
    const api = printerApi();
    api.printerResults.push({ ok: true, value: interrupted });
    await loadBill(api);
    await choose('Cetak ke', 'printer:gudang-xp');
    api.printerJobs = [interrupted];

    await fireEvent.click(screen.getByRole('button', { name: 'Cetak ke Gudang XP-360B' }));
    expect((await screen.findByTestId('print-outcome')).textContent).toContain(
      'Pencetakan berhenti di label 17 dari 41.',
    );

    api.resumeResults.push({
      ok: false,
      error: {
        code: 'print_job_uncertain',
        params: { id: interrupted.id, first: 17, last: 24, spoolJob: 'XP-360B-9' },
      },
    });
    const banner = screen.getByTestId('interrupted-jobs');
    await fireEvent.click(within(banner).getByRole('button', { name: 'Lanjutkan' }));
    expect(api.callsOf('resumePrinterJob')[0]?.args).toEqual([
      { id: interrupted.id, requestId: 'job-00000002', unconfirmed: null },
    ]);
    expect((await within(banner).findByRole('alert')).textContent).toContain('label 17 sampai 24');

    await fireEvent.click(within(banner).getByRole('button', { name: 'Tidak, cetak ulang' }));

    expect(api.callsOf('resumePrinterJob')[1]?.args).toEqual([
      { id: interrupted.id, requestId: 'job-00000003', unconfirmed: 'resend' },
    ]);
    expect((await screen.findByTestId('print-outcome')).textContent).toContain('41 label terkirim');
    expect(screen.queryByTestId('interrupted-jobs')).toBeNull();
  });
});

describe('printer profiles editor', () => {
  it('adds a profile from an example with field errors in the clerk language', async () => {
    const api = printerApi();
    api.printerProfiles = [];
    await loadBill(api);
    await fireEvent.click(screen.getByRole('button', { name: 'Printer…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Profil printer' });

    await choose('Mulai dari', 'zebra-zd220');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Tambah profil' }));
    await fireEvent.input(within(dialog).getByLabelText('Nama'), { target: { value: 'Zebra Gudang' } });
    await fireEvent.input(within(dialog).getByLabelText('Lebar label (mm)'), { target: { value: '300' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Simpan' }));

    expect(within(dialog).getByText('Isi 220 atau kurang.')).toBeTruthy();
    expect(within(dialog).getByLabelText('Lebar label (mm)').getAttribute('aria-invalid')).toBe('true');
    expect(api.callsOf('savePrinterProfile')).toHaveLength(0);

    await fireEvent.input(within(dialog).getByLabelText('Lebar label (mm)'), { target: { value: '58' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Simpan' }));

    expect(await within(dialog).findByText('Profil "Zebra Gudang" tersimpan.')).toBeTruthy();
    const saved = api.callsOf('savePrinterProfile')[0]?.args[0] as PrinterProfile;
    expect(saved).toMatchObject({
      name: 'Zebra Gudang',
      queue: 'Zebra_ZD220',
      mode: 'zpl',
      label: { widthMm: 58, heightMm: 30, gapMm: 2 },
      utf8Text: true,
    });
    expect(saved.id).toMatch(/^zebra-gudang-[0-9a-f]{4}$/);

    await fireEvent.click(within(dialog).getByRole('button', { name: 'Cetak label kalibrasi' }));
    expect(api.callsOf('printCalibrationLabel')[0]?.args).toEqual([saved.id]);
    expect(await within(dialog).findByText('Label kalibrasi terkirim ke Zebra_ZD220.')).toBeTruthy();
  });

  it('opens from Settings and deletes a profile after confirming', async () => {
    const api = printerApi();
    await loadBill(api);
    await choose('Cetak ke', 'printer:kasir-zebra');
    await fireEvent.click(screen.getByRole('button', { name: 'Pengaturan' }));
    await fireEvent.click(await screen.findByRole('button', { name: 'Profil printer…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Profil printer' });

    await fireEvent.click(within(dialog).getByRole('button', { name: 'Hapus Kasir Zebra' }));
    expect(api.callsOf('deletePrinterProfile')).toHaveLength(0);
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Hapus' }));

    expect(api.callsOf('deletePrinterProfile')[0]?.args).toEqual(['kasir-zebra']);
    await waitFor(() => expect(within(dialog).queryByText('Kasir Zebra')).toBeNull());
    expect(localStorage.getItem('label-desk.output-target')).toBe('pdf');
  });
});

describe('printed view', () => {
  it('lists the ledger and reprints one label to the current printer', async () => {
    const api = printerApi();
    api.setLedger(TOKO_BANDUNG, [COMPLETED_ENTRY]);
    await loadBill(api);
    await choose('Cetak ke', 'printer:gudang-xp');

    await fireEvent.click(await screen.findByRole('button', { name: 'Tercetak (1)' }));
    const dialog = await screen.findByRole('dialog', { name: 'Label tercetak untuk PB/2026/10/00318' });
    const entry = within(dialog).getByTestId('ledger-entry');
    expect(entry.textContent).toContain('Gudang XP-360B (antrean XP-360B)');
    expect(entry.textContent).toContain('templat Rol 50 × 30 mm, 203 dpi');
    expect(entry.textContent).toContain('10 label');
    expect(entry.textContent).toContain('Kemeja Flanel Kotak (L)');

    await fireEvent.click(within(entry).getByRole('button', { name: 'Cetak ulang satu label baris 2' }));

    await screen.findByTestId('print-outcome');
    expect(api.callsOf('printToPrinter')[0]?.args[0]).toMatchObject({
      profileId: 'gudang-xp',
      reprint: { lineNumber: 2, labels: 1 },
    });
  });

  it('reprints a whole line to PDF when PDF is the output', async () => {
    const api = printerApi();
    api.setLedger(TOKO_BANDUNG, [
      { ...COMPLETED_ENTRY, target: { kind: 'pdf', path: '/tmp/PB-2026-10-00318.pdf' }, reprint: true },
    ]);
    await loadBill(api);

    await fireEvent.click(await screen.findByRole('button', { name: 'Tercetak (1)' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('Cetak ulang ditulis ke file PDF');
    const entry = within(dialog).getByTestId('ledger-entry');
    expect(entry.textContent).toContain('File PDF /tmp/PB-2026-10-00318.pdf');
    expect(entry.textContent).toContain('cetak ulang');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Cetak ulang baris 1 (6 label)' }));

    await screen.findByTestId('print-outcome');
    expect(api.callsOf('printPdf')[0]?.args[0]).toMatchObject({ reprint: { lineNumber: 1, labels: 6 } });
  });
});
