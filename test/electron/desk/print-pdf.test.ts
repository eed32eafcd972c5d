import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultPdfName } from '../../../electron/desk/pdf-print-jobs.ts';
import type { DocumentRef, PdfPrintRequest } from '../../../shared/ipc-contract.ts';
import { cellPositions } from '../../../shared/labels/job.ts';
import { findTemplate } from '../../../shared/labels/templates.ts';
import { decodeLabels, pdfText } from '../../support/pdf-tools.ts';
import { createDeskFixture, errorOf, saveStoreAccount, valueOf, type DeskFixture } from './desk-fixture.ts';

const PLUIT_BILL: DocumentRef = { kind: 'bill', outlet: 'Pluit', number: '2023.09.00001' };
const BIG_BILL: DocumentRef = { kind: 'bill', outlet: 'Pluit', number: 'BIG/2026/0001' };

function layoutOf(templateId: string) {
  const template = findTemplate(templateId);
  if (template === undefined) {
    throw new Error(`no template ${templateId}`);
  }
  return {
    pageSizeMm: template.page,
    cells: cellPositions(template).map((cell) => ({ ...cell, ...template.label })),
  };
}

function printRequest(document: DocumentRef, changes: Partial<PdfPrintRequest> = {}): PdfPrintRequest {
  return {
    jobId: 'job-00000001',
    document,
    overrides: [],
    templateId: 'roll-50x30',
    dpi: 203,
    showPrice: true,
    startPosition: 1,
    reprint: null,
    ...changes,
  };
}

let fixture: DeskFixture | undefined;

afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

/** A fixture with the store account saved and the Pluit bill fetched (3 lines: 10, 15 and 20 units). */
async function fetchedFixture(): Promise<DeskFixture> {
  fixture = await createDeskFixture();
  await saveStoreAccount(fixture);
  valueOf(await fixture.handlers['document:fetch'](PLUIT_BILL));
  return fixture;
}

describe('print:pdf', () => {
  it('writes labels that decode back, with the overrides applied', async () => {
    const desk = await fetchedFixture();
    const result = valueOf(
      await desk.handlers['print:pdf'](
        printRequest(PLUIT_BILL, {
          overrides: [
            { lineNumber: 1, quantity: 2 },
            { lineNumber: 3, include: false },
          ],
        }),
      ),
    );

    const path = join(desk.outputFolder, 'labels-2023.09.00001.pdf');
    expect(result).toEqual({ status: 'written', path, labels: 17, pages: 17 });
    const decoded = await decodeLabels(path, layoutOf('roll-50x30'));
    expect(decoded.map((label) => label.data)).toEqual([
      ...Array<string>(2).fill('1315L'),
      ...Array<string>(15).fill('200536'),
    ]);
    expect(await pdfText(path)).toContain('Rp 280.000');
  });

  it('prints from the cached copy without asking DealPOS again', async () => {
    const desk = await fetchedFixture();
    await desk.simulator.close();

    const result = valueOf(await desk.handlers['print:pdf'](printRequest(PLUIT_BILL)));
    expect(result).toMatchObject({ status: 'written', labels: 45 });
    expect(desk.simulator.requests.filter((request) => request.endpoint === 'bill')).toHaveLength(1);
  });

  it('records the printed labels in the history', async () => {
    const desk = await fetchedFixture();
    valueOf(
      await desk.handlers['print:pdf'](
        printRequest(PLUIT_BILL, { overrides: [{ lineNumber: 2, quantity: 0 }] }),
      ),
    );
    valueOf(await desk.handlers['print:pdf'](printRequest(PLUIT_BILL, { jobId: 'job-00000002' })));

    const [entry] = await desk.handlers['history:list']();
    expect(entry).toMatchObject({ labelsPrinted: 30 + 45, lastPrintedAt: '2026-01-15T08:00:00.000Z' });
  });

  it('reprints one label and records it in the ledger', async () => {
    const desk = await fetchedFixture();
    valueOf(await desk.handlers['print:pdf'](printRequest(PLUIT_BILL)));
    const reprint = valueOf(
      await desk.handlers['print:pdf'](
        printRequest(PLUIT_BILL, {
          jobId: 'job-00000002',
          overrides: [{ lineNumber: 2, include: false }],
          reprint: { lineNumber: 2, labels: 1 },
        }),
      ),
    );

    expect(reprint).toMatchObject({ status: 'written', labels: 1, pages: 1 });
    if (reprint.status !== 'written') {
      return;
    }
    const decoded = await decodeLabels(reprint.path, layoutOf('roll-50x30'));
    expect(decoded.map((label) => label.data)).toEqual(['200536']);
    const ledger = valueOf(await desk.handlers['ledger:get'](PLUIT_BILL));
    expect(ledger.map((entry) => [entry.reprint, entry.labels])).toEqual([
      [true, 1],
      [false, 45],
    ]);
    expect(ledger[0]).toMatchObject({
      status: 'completed',
      target: { kind: 'pdf', path: reprint.path },
      lines: [{ lineNumber: 2, code: '200536', name: 'Boots (36)', labels: 1 }],
    });
  });

  it('emits progress with rising counts and a final total', async () => {
    const desk = await fetchedFixture();
    valueOf(await desk.handlers['print:pdf'](printRequest(PLUIT_BILL)));

    expect(desk.progress.length).toBeGreaterThan(1);
    expect(desk.progress.every((event) => event.jobId === 'job-00000001' && event.total === 45)).toBe(true);
    const counts = desk.progress.map((event) => event.written);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(new Set(counts).size).toBe(counts.length);
    expect(desk.progress.at(-1)).toEqual({ jobId: 'job-00000001', written: 45, total: 45 });
  });

  it('limits progress events on a long job', async () => {
    const desk = await fetchedFixture();
    desk.simulator.setDocument('bill', 'Pluit', BIG_BILL.number, [
      { VariantID: 'big-1', Name: 'Kaos Polos Putih', Code: '1315L', Quantity: 1200, UnitPrice: 45000 },
    ]);
    valueOf(await desk.handlers['document:fetch'](BIG_BILL));
    valueOf(await desk.handlers['print:pdf'](printRequest(BIG_BILL, { templateId: 'roll-33x15-3up' })));

    // The writer reports after each of the 400 pages of 3 labels. The fixture's clock never moves, so
    // after the first page an event goes out once per 12 labels (one percent), plus the final count.
    expect(desk.progress).toHaveLength(101);
    expect(desk.progress.slice(0, 3).map((event) => event.written)).toEqual([3, 15, 27]);
    expect(desk.progress.at(-1)).toMatchObject({ written: 1200, total: 1200 });
  });

  it('suggests a file name without path separators', async () => {
    const desk = await fetchedFixture();
    const bandung: DocumentRef = { kind: 'bill', outlet: 'Toko Bandung', number: 'PB/2026/10/00318' };
    valueOf(await desk.handlers['document:fetch'](bandung));
    const result = valueOf(
      await desk.handlers['print:pdf'](printRequest(bandung, { templateId: 'sheet-a4-3x8' })),
    );

    expect(desk.suggestedNames).toEqual(['labels-PB-2026-10-00318.pdf']);
    expect(result).toMatchObject({ path: join(desk.outputFolder, 'labels-PB-2026-10-00318.pdf') });
  });

  it('returns cancelled when the save dialog is closed', async () => {
    const desk = await fetchedFixture();
    desk.savePaths.push(null);
    const outcome = await desk.handlers['print:pdf'](printRequest(PLUIT_BILL));
    expect(outcome).toEqual({ ok: true, value: { status: 'cancelled' } });
    expect(await readdir(desk.outputFolder)).toEqual([]);
  });

  it('leaves no file when cancelled mid-job', async () => {
    const desk = await fetchedFixture();
    desk.simulator.setDocument('bill', 'Pluit', BIG_BILL.number, [
      {
        VariantID: 'big-1',
        Name: 'Kaos Polos Putih',
        Code: '8991234567895',
        Quantity: 3000,
        UnitPrice: 45000,
      },
    ]);
    valueOf(await desk.handlers['document:fetch'](BIG_BILL));

    const cancels: Array<Promise<boolean>> = [];
    desk.onProgress = (event) => {
      if (cancels.length === 0) {
        cancels.push(Promise.resolve(desk.handlers['print:cancel'](event.jobId)));
      }
    };
    const outcome = await desk.handlers['print:pdf'](printRequest(BIG_BILL));

    expect(outcome).toEqual({ ok: true, value: { status: 'cancelled' } });
    expect(await Promise.all(cancels)).toEqual([true]);
    expect(desk.progress.at(-1)?.written).toBeLessThan(3000);
    expect(await readdir(desk.outputFolder)).toEqual([]);
    const [entry] = await desk.handlers['history:list']();
    expect(entry?.labelsPrinted).toBe(0);
  });

  it('returns unexpected for a bug and logs its stack', async () => {
    const desk = await fetchedFixture();
    desk.simulator.setDocument('bill', 'Pluit', BIG_BILL.number, [
      { VariantID: 'big-1', Name: 'Kaos Polos Putih', Code: '1315L', Quantity: 500, UnitPrice: 45000 },
    ]);
    valueOf(await desk.handlers['document:fetch'](BIG_BILL));

    // Reusing the id of a running job is a renderer bug.
    const second: Array<Promise<unknown>> = [];
    desk.onProgress = (event) => {
      if (second.length === 0) {
        second.push(
          Promise.resolve(desk.handlers['print:pdf'](printRequest(BIG_BILL, { jobId: event.jobId }))),
        );
      }
    };
    const first = await desk.handlers['print:pdf'](printRequest(BIG_BILL));

    expect(first).toMatchObject({ ok: true, value: { status: 'written', labels: 500 } });
    expect(await Promise.all(second)).toEqual([{ ok: false, error: { code: 'unexpected', params: {} } }]);
    const log = await readFile(desk.logFile, 'utf8');
    expect(log).toMatch(
      /\[desk\] print:pdf failed inside the app error="Error: print job job-00000001 is already running"\n/,
    );
    expect(log).toMatch(/is already running\n +at /);
  });

  it('fails with nothing_to_print when every line is left out', async () => {
    const desk = await fetchedFixture();
    const outcome = await desk.handlers['print:pdf'](
      printRequest(PLUIT_BILL, {
        overrides: [1, 2, 3].map((lineNumber) => ({ lineNumber, include: false })),
      }),
    );
    expect(outcome).toEqual({ ok: false, error: { code: 'nothing_to_print', params: {} } });
    expect(await readdir(desk.outputFolder)).toEqual([]);
  });

  it('fails before the save dialog for an unknown template or document', async () => {
    const desk = await fetchedFixture();
    const template = await desk.handlers['print:pdf'](printRequest(PLUIT_BILL, { templateId: 'no-such' }));
    expect(errorOf(template)).toEqual({ code: 'template_not_found', params: { id: 'no-such' } });
    const document = await desk.handlers['print:pdf'](
      printRequest({ ...PLUIT_BILL, number: 'never-fetched' }),
    );
    expect(errorOf(document).code).toBe('document_not_found');
    expect(desk.suggestedNames).toEqual([]);
  });

  it('reports output_failed for a folder that does not exist', async () => {
    const desk = await fetchedFixture();
    const missing = join(desk.outputFolder, 'missing-folder', 'labels.pdf');
    desk.savePaths.push(missing);
    const outcome = await desk.handlers['print:pdf'](printRequest(PLUIT_BILL));
    expect(errorOf(outcome)).toMatchObject({ code: 'output_failed', params: { path: missing } });
  });
});

describe('print:cancel', () => {
  it('returns false for a job that is not running', async () => {
    const desk = await fetchedFixture();
    expect(await desk.handlers['print:cancel']('job-unknown-1')).toBe(false);
  });
});

describe('files:open', () => {
  it('opens and reveals a PDF the app wrote', async () => {
    const desk = await fetchedFixture();
    const result = valueOf(await desk.handlers['print:pdf'](printRequest(PLUIT_BILL)));
    if (result.status !== 'written') {
      throw new Error('expected a written PDF');
    }

    expect(await desk.handlers['files:open']({ path: result.path, reveal: false })).toEqual({
      ok: true,
      value: null,
    });
    expect(await desk.handlers['files:open']({ path: result.path, reveal: true })).toEqual({
      ok: true,
      value: null,
    });
    expect(desk.opened).toEqual([
      { path: result.path, reveal: false },
      { path: result.path, reveal: true },
    ]);
  });

  it('refuses a path the app did not write', async () => {
    const desk = await fetchedFixture();
    for (const path of ['/etc/passwd', join(desk.userDataFolder, 'settings.json'), 'relative.pdf']) {
      const outcome = await desk.handlers['files:open']({ path, reveal: false });
      expect(outcome).toEqual({ ok: false, error: { code: 'file_open_failed', params: { path } } });
    }
    expect(desk.opened).toEqual([]);
  });

  it('reports file_open_failed once the PDF is deleted', async () => {
    const desk = await fetchedFixture();
    const result = valueOf(await desk.handlers['print:pdf'](printRequest(PLUIT_BILL)));
    if (result.status !== 'written') {
      throw new Error('expected a written PDF');
    }
    await rm(result.path);
    const outcome = await desk.handlers['files:open']({ path: result.path, reveal: false });
    expect(errorOf(outcome).code).toBe('file_open_failed');
    expect(desk.opened).toEqual([]);
  });
});

describe('defaultPdfName', () => {
  it('replaces characters file systems reject', () => {
    expect(defaultPdfName('PB/2026/10/00318')).toBe('labels-PB-2026-10-00318.pdf');
    expect(defaultPdfName('A\\B:C*D?E"F<G>H|I')).toBe('labels-A-B-C-D-E-F-G-H-I.pdf');
    expect(defaultPdfName('..')).toBe('labels-document.pdf');
  });
});
