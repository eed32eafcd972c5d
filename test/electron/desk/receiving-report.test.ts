import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReceivingReports, defaultReportName } from '../../../electron/desk/receiving-report.ts';
import {
  registerInvokeHandlers,
  type GuardedListener,
  type InvokeEventSender,
} from '../../../electron/main/ipc-guard.ts';
import { translate, type Locale } from '../../../shared/i18n/index.ts';
import type { InvokeChannel, ReceivingReportRequest } from '../../../shared/ipc-contract.ts';
import { receivingReportRequestSchema } from '../../../shared/ipc-contract.ts';
import type { DocumentLine } from '../../../shared/labels/types.ts';
import { ReceivingCheck } from '../../../shared/scanning/receiving-check.ts';
import { receivingReportFields } from '../../../shared/scanning/receiving-report-schema.ts';
import { pdfInfo } from '../../support/pdf-tools.ts';
import { createDeskFixture, errorOf, valueOf, type DeskFixture } from './desk-fixture.ts';

const execFileAsync = promisify(execFile);

const REF = { kind: 'bill', outlet: 'Toko Bandung', number: 'PB/2026/10/00318' } as const;
const STARTED = new Date(Date.UTC(2026, 0, 15, 7, 30, 0));
const FINISHED = new Date(Date.UTC(2026, 0, 15, 7, 52, 0));

function line(lineNumber: number, code: string | null, name: string, quantity: number | null): DocumentLine {
  return { lineNumber, variantId: `v-${lineNumber}`, name, code, quantity, unitPrice: null, problems: [] };
}

/** Four lines: one short, one over, one complete and one without a readable quantity. */
const LINES: DocumentLine[] = [
  line(1, 'KF-M-0101', 'Kemeja Flanel Kotak (M)', 6),
  line(2, '8991111222233', 'Sabun Cuci Piring Jeruk 750ml', 2),
  line(3, '200542', 'Чай зелёный Ωmega Ñusantara', 1),
  line(4, 'QTY-X', 'Tas Belanja Lipat', null),
];

function scanTimes(check: ReceivingCheck, code: string, times: number): void {
  for (let index = 0; index < times; index++) {
    check.scan(code);
  }
}

/** Builds a request the way the renderer does, from a real check's finish summary. */
function requestFor(
  check: ReceivingCheck,
  locale: Locale,
  document: ReceivingReportRequest['document'] = REF,
): ReceivingReportRequest {
  const fields = receivingReportFields(check.summary(), { locale, startedAt: STARTED, finishedAt: FINISHED });
  return receivingReportRequestSchema.parse({ ...fields, document });
}

/** KF-M-0101 4 of 6, 8991111222233 2 of 2, 200542 3 of 1, QTY-X once, XX-404 twice, 1000 once. */
function checkedBill(): ReceivingCheck {
  const check = new ReceivingCheck(LINES);
  scanTimes(check, 'KF-M-0101', 4);
  scanTimes(check, '8991111222233', 2);
  scanTimes(check, '200542', 3);
  scanTimes(check, 'QTY-X', 1);
  scanTimes(check, 'XX-404', 2);
  scanTimes(check, '1000', 1);
  return check;
}

/** Extracts the text of each page with pdftotext in physical layout, so table rows stay on one line. */
async function pageTexts(path: string): Promise<string[]> {
  const { stdout } = await execFileAsync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout.split('\f').filter((page) => page.trim() !== '');
}

/** Collapses runs of spaces, so a test can match a table row without counting layout columns. */
function squeeze(text: string): string {
  return text.replace(/[ \t]+/g, ' ');
}

let fixture: DeskFixture;

beforeAll(async () => {
  fixture = await createDeskFixture();
});

afterAll(async () => {
  await fixture.close();
});

describe('receiving:export-pdf', () => {
  it('writes the English summary with rows and differences', async () => {
    const path = join(fixture.outputFolder, 'summary-en.pdf');
    fixture.savePaths.push(path);
    const check = checkedBill();
    await check.resolveUnknownCodes(async (code) => (code === '1000' ? 'variant-1000' : null));

    const result = valueOf(await fixture.handlers['receiving:export-pdf'](requestFor(check, 'en')));

    expect(result).toEqual({ status: 'written', path, pages: 1 });
    expect(fixture.suggestedNames.at(-1)).toBe('receiving-check-PB-2026-10-00318.pdf');
    const [page, ...rest] = await pageTexts(path);
    expect(rest).toEqual([]);
    const text = squeeze(page ?? '');
    expect(text).toContain('Receiving check summary');
    expect(text).toContain('Purchase bill PB/2026/10/00318, outlet Toko Bandung');
    expect(text).toContain('The goods received differ from the document.');
    expect(text).toContain('Short: 1 line, 2 units missing');
    expect(text).toContain('1 KF-M-0101 Kemeja Flanel Kotak (M) 6 4 -2');
    expect(text).toContain('Over: 1 line, 2 units too many');
    expect(text).toContain('3 200542 Чай зелёный Ωmega Ñusantara 1 3 +2');
    expect(text).toContain('Document quantity unreadable: 1 line');
    expect(text).toContain('4 QTY-X Tas Belanja Lipat – 1 –');
    expect(text).toContain('Matching: 1 line');
    expect(text).toContain('2 8991111222233 Sabun Cuci Piring Jeruk 750ml 2 2 0');
    expect(text).toContain('Codes not on the document: 2 codes, 3 scans');
    expect(text).toContain('XX-404 2 Unknown code');
    expect(text).toContain('1000 1 In DealPOS but not on this document');
    expect(text).toContain('Document lines: 4 (1 matching, 1 short, 1 over, 1 unreadable)');
    expect(text).toContain('Units: 9 expected, 10 scanned');
    expect(text).toContain('Missing: 2 units. Too many: 2 units.');
    expect(text).toContain('Page 1 of 1');
  });

  it('keeps every English column heading on one line', async () => {
    const path = join(fixture.outputFolder, 'summary-headings.pdf');
    fixture.savePaths.push(path);
    valueOf(await fixture.handlers['receiving:export-pdf'](requestFor(checkedBill(), 'en')));

    const text = squeeze((await pageTexts(path)).join('\n'));
    expect(text).toContain('Line Code Name Expected Scanned Difference');
    expect(text).not.toMatch(/Differenc\s/);
  });

  it('lists lines with differences before matching lines', async () => {
    const path = join(fixture.outputFolder, 'summary-order.pdf');
    fixture.savePaths.push(path);
    valueOf(await fixture.handlers['receiving:export-pdf'](requestFor(checkedBill(), 'en')));

    const text = squeeze((await pageTexts(path)).join('\n'));
    const positions = [
      'Short:',
      'Over:',
      'Document quantity unreadable:',
      'Matching:',
      'Codes not on',
      'Totals',
    ].map((heading) => text.indexOf(heading));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('writes the Indonesian summary', async () => {
    const path = join(fixture.outputFolder, 'summary-id.pdf');
    fixture.savePaths.push(path);
    const check = checkedBill();

    valueOf(await fixture.handlers['receiving:export-pdf'](requestFor(check, 'id')));

    expect(fixture.suggestedNames.at(-1)).toBe('cek-penerimaan-PB-2026-10-00318.pdf');
    const text = squeeze((await pageTexts(path)).join('\n'));
    expect(text).toContain('Ringkasan cek penerimaan');
    expect(text).toContain('Faktur pembelian PB/2026/10/00318, outlet Toko Bandung');
    expect(text).toContain('Kurang: 1 baris, 2 unit tidak ada');
    expect(text).toContain('Lebih: 1 baris, 2 unit kelebihan');
    expect(text).toContain('Baris Kode Nama Dokumen Dipindai Selisih');
    expect(text).toContain('XX-404 2 Tidak ada di dokumen ini (belum dicek)');
    expect(text).toContain('Kurang: 2 unit. Lebih: 2 unit.');
    expect(text).toContain('Halaman 1 dari 1');
    expect(text).not.toContain('Page 1');
  });

  it('numbers the pages of a long document', async () => {
    const path = join(fixture.outputFolder, 'summary-long.pdf');
    fixture.savePaths.push(path);
    const lines = Array.from({ length: 240 }, (_, index) =>
      line(index + 1, `SKU-${String(index + 1).padStart(4, '0')}`, `Barang nomor ${index + 1}`, 3),
    );
    const check = new ReceivingCheck(lines);
    for (const item of lines) {
      // Every tenth line is short by one, and the others are complete.
      scanTimes(check, item.code ?? '', item.lineNumber % 10 === 0 ? 2 : 3);
    }

    const result = valueOf(await fixture.handlers['receiving:export-pdf'](requestFor(check, 'en')));

    const pages = await pageTexts(path);
    expect(result).toMatchObject({ status: 'written', pages: pages.length });
    expect(pages.length).toBeGreaterThan(3);
    expect(Number((await pdfInfo(path))['Pages'])).toBe(pages.length);
    pages.forEach((page, index) => {
      expect(squeeze(page)).toContain(`Page ${index + 1} of ${pages.length}`);
    });
    const all = squeeze(pages.join('\n'));
    expect(all).toContain('Short: 24 lines, 24 units missing');
    expect(all).toContain('Matching: 216 lines (continued)');
    expect(all).toContain('240 SKU-0240 Barang nomor 240 3 2 -1');
    expect(all).toContain('239 SKU-0239 Barang nomor 239 3 3 0');
    // Each line appears exactly once.
    for (const item of lines) {
      expect(all.split(` ${item.code ?? ''} `).length - 1, item.code ?? '').toBe(1);
    }
  });

  it('rejects a summary whose numbers disagree', async () => {
    const request = requestFor(checkedBill(), 'en');
    const before = fixture.suggestedNames.length;
    const forged = {
      ...request,
      totals: { ...request.totals, scannedUnits: request.totals.scannedUnits + 1 },
    };
    const wrongDifference = {
      ...request,
      lines: request.lines.map((item, index) => (index === 0 ? { ...item, difference: 0 } : item)),
    };

    expect(errorOf(await fixture.handlers['receiving:export-pdf'](forged))).toEqual({
      code: 'summary_invalid',
      params: { problem: 'totals.scannedUnits' },
    });
    expect(errorOf(await fixture.handlers['receiving:export-pdf'](wrongDifference))).toEqual({
      code: 'summary_invalid',
      params: { problem: 'lines[0].difference' },
    });
    expect(fixture.suggestedNames).toHaveLength(before);
  });

  it('rejects malformed requests at the IPC guard', async () => {
    const listeners = new Map<string, GuardedListener<InvokeChannel>>();
    const url = 'file:///app/index.html';
    registerInvokeHandlers(
      { handle: (channel, listener) => listeners.set(channel, listener) },
      fixture.handlers,
      {
        webContentsId: 1,
        isAppPageUrl: (candidate) => candidate === url,
      },
    );
    const event: InvokeEventSender = { sender: { id: 1 }, senderFrame: { url, parent: null } };
    const listener = listeners.get('receiving:export-pdf');
    const request = requestFor(checkedBill(), 'en');
    const before = fixture.suggestedNames.length;

    const tooManyLines = {
      ...request,
      lines: Array.from({ length: 10_001 }, (_, index) => ({ ...request.lines[1], lineNumber: index + 1 })),
    };
    const malformed: unknown[] = [
      { ...request, extra: true },
      { ...request, locale: 'fr' },
      { ...request, startedAt: 'yesterday' },
      { ...request, lines: [{ ...request.lines[0], scanned: -1 }] },
      { ...request, unknownCodes: [{ code: '', scans: 1, status: 'pending' }] },
      tooManyLines,
    ];
    for (const args of malformed) {
      await expect(listener?.(event, args)).rejects.toThrow(/invalid arguments/);
    }
    expect(fixture.suggestedNames).toHaveLength(before);
  });

  it('writes nothing when the dialog is closed', async () => {
    fixture.savePaths.push(null);
    const before = await readdir(fixture.outputFolder);

    const result = valueOf(await fixture.handlers['receiving:export-pdf'](requestFor(checkedBill(), 'en')));

    expect(result).toEqual({ status: 'cancelled' });
    expect(await readdir(fixture.outputFolder)).toEqual(before);
  });

  it('leaves no partial file when writing fails', async () => {
    const folder = join(fixture.outputFolder, 'failing');
    const target = join(folder, 'is-a-folder.pdf');
    await mkdir(target, { recursive: true });
    fixture.savePaths.push(target);

    const error = errorOf(await fixture.handlers['receiving:export-pdf'](requestFor(checkedBill(), 'en')));

    expect(error).toEqual({ code: 'output_failed', params: { path: target, reason: 'is_directory' } });
    expect(await readdir(folder)).toEqual(['is-a-folder.pdf']);
    expect(await readdir(target)).toEqual([]);
  });
});

describe('ReceivingReports', () => {
  it('prints the check times in the given time zone', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'receiving-report-'));
    try {
      const path = join(folder, 'times.pdf');
      const reports = new ReceivingReports({
        chooseSavePath: () => Promise.resolve(path),
        now: () => FINISHED,
        log: { info: () => undefined, warn: () => undefined, error: () => undefined },
        timeZone: 'Asia/Jakarta',
      });

      await reports.export(requestFor(checkedBill(), 'en'));

      const text = squeeze((await pageTexts(path)).join('\n'));
      expect(text).toContain('Check started Jan 15, 2026, 2:30 PM, finished Jan 15, 2026, 2:52 PM');
      const bytes = await readFile(path);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('receiving_report.total_differences', () => {
  it('uses the singular for one unit', () => {
    expect(translate('en', 'receiving_report.total_differences', { short: 1, over: 1 })).toBe(
      'Missing: 1 unit. Too many: 1 unit.',
    );
    expect(translate('en', 'receiving_report.total_differences', { short: 0, over: 3 })).toBe(
      'Missing: 0 units. Too many: 3 units.',
    );
    expect(translate('id', 'receiving_report.total_differences', { short: 1, over: 1200 })).toBe(
      'Kurang: 1 unit. Lebih: 1.200 unit.',
    );
  });
});

describe('defaultReportName', () => {
  it('replaces characters file systems reject', () => {
    expect(defaultReportName('en', 'PB/2026/10:003*18')).toBe('receiving-check-PB-2026-10-003-18.pdf');
    expect(defaultReportName('id', '../..')).toBe('cek-penerimaan-document.pdf');
  });
});
