import { beforeAll, describe, expect, it } from 'vitest';
import { planJob, type JobEntry } from '../../../shared/labels/job.ts';
import { readDocumentLines } from '../../../shared/labels/lines.ts';
import type { FontMetrics, LabelDrawing } from '../../../shared/labels/types.ts';
import { entries, fixtureLines, fixturePlanOptions, label, profile } from './raw-job-fixtures.ts';
import { loadFontMetrics } from '../../../electron/pdf/font.ts';
import { buildRawJob, PrinterProfileMismatchError } from '../../../electron/printing/raw-job.ts';

let metrics: FontMetrics;

beforeAll(async () => {
  metrics = await loadFontMetrics();
});

/** Plans the fixture bill on the 50 × 30 mm roll with the real label font. */
function planFixture(overrides?: ReadonlyMap<number, { quantity: number }>): JobEntry[] {
  const plan = planJob(readDocumentLines(fixtureLines()), { ...fixturePlanOptions(metrics), overrides });
  return plan.entries;
}

const summary = (chunks: Array<{ lineNumber: number; firstLabel: number; labelCount: number }>) =>
  chunks.map(({ lineNumber, firstLabel, labelCount }) => ({ lineNumber, firstLabel, labelCount }));

describe('buildRawJob', () => {
  it('makes one chunk per line in document order', async () => {
    const planned = planFixture();
    for (const language of ['zpl', 'tspl'] as const) {
      const job = await buildRawJob(language, planned, profile(language));
      expect(job.language).toBe(language);
      expect(job.totalLabels).toBe(41);
      expect(summary(job.chunks)).toEqual([
        { lineNumber: 1, firstLabel: 0, labelCount: 6 },
        { lineNumber: 2, firstLabel: 6, labelCount: 4 },
        { lineNumber: 3, firstLabel: 10, labelCount: 12 },
        { lineNumber: 4, firstLabel: 22, labelCount: 8 },
        { lineNumber: 5, firstLabel: 30, labelCount: 3 },
        { lineNumber: 7, firstLabel: 33, labelCount: 2 },
        { lineNumber: 8, firstLabel: 35, labelCount: 5 },
        { lineNumber: 9, firstLabel: 40, labelCount: 1 },
      ]);
    }
  });

  it('prints each line with copy counts', async () => {
    const planned = planFixture();
    const zpl = await buildRawJob('zpl', planned, profile('zpl'));
    const tspl = await buildRawJob('tspl', planned, profile('tspl'));
    zpl.chunks.forEach((chunk, index) => {
      const text = chunk.bytes.toString('latin1');
      expect(text.match(/\^XA/g)).toHaveLength(1);
      expect(text.endsWith(`^PQ${planned[index]!.count}\n^XZ\n`)).toBe(true);
    });
    tspl.chunks.forEach((chunk, index) => {
      const text = chunk.bytes.toString('latin1');
      expect(text.startsWith('CLS\r\n')).toBe(true);
      expect(text.endsWith(`PRINT 1,${planned[index]!.count}\r\n`)).toBe(true);
    });
    // The fixture contains each symbology at least once.
    const allZpl = zpl.chunks.map((chunk) => chunk.bytes.toString('latin1')).join('');
    for (const command of ['^BEN,', '^B8N,', '^BUN,', '^BCN,']) {
      expect(allZpl).toContain(command);
    }
    const allTspl = tspl.chunks.map((chunk) => chunk.bytes.toString('latin1')).join('');
    for (const type of ['"EAN13"', '"EAN8"', '"UPCA"', '"128"']) {
      expect(allTspl).toContain(type);
    }
  });

  it('makes header plus chunk complete', async () => {
    const zpl = await buildRawJob('zpl', entries(2, 3), profile('zpl'));
    expect(zpl.header.toString('ascii')).toMatch(/^~SD\d\d\n\^XA\n[\s\S]*\^XZ\n$/);
    for (const chunk of zpl.chunks) {
      expect(chunk.bytes.toString('ascii')).toMatch(/^\^XA\n[\s\S]*\^PQ\d+\n\^XZ\n$/);
    }
    const tspl = await buildRawJob('tspl', entries(2, 3), profile('tspl'));
    expect(tspl.header.toString('ascii')).toMatch(/^SIZE [\s\S]*SPEED \d+\r\n$/);
    for (const chunk of tspl.chunks) {
      expect(chunk.bytes.toString('ascii')).toMatch(/^CLS\r\n[\s\S]*PRINT 1,\d+\r\n$/);
    }
  });

  it('resumes inside a line', async () => {
    const job = await buildRawJob('zpl', entries(3, 5, 2), profile('zpl'), { startLabel: 4 });
    expect(job.totalLabels).toBe(10);
    expect(summary(job.chunks)).toEqual([
      { lineNumber: 2, firstLabel: 4, labelCount: 4 },
      { lineNumber: 3, firstLabel: 8, labelCount: 2 },
    ]);
    expect(job.chunks[0]!.bytes.toString('ascii')).toContain('^PQ4\n');
  });

  it('resumes at a line boundary', async () => {
    const job = await buildRawJob('tspl', entries(3, 5, 2), profile('tspl'), { startLabel: 3 });
    expect(summary(job.chunks)).toEqual([
      { lineNumber: 2, firstLabel: 3, labelCount: 5 },
      { lineNumber: 3, firstLabel: 8, labelCount: 2 },
    ]);
    expect(job.chunks[0]!.bytes.toString('ascii')).toContain('PRINT 1,5\r\n');
  });

  it('returns no chunks when finished', async () => {
    const job = await buildRawJob('zpl', entries(3, 5, 2), profile('zpl'), { startLabel: 10 });
    expect(job.chunks).toEqual([]);
    expect(job.totalLabels).toBe(10);
  });

  it('rejects startLabel outside the job', async () => {
    for (const startLabel of [-1, 1.5, 11]) {
      await expect(buildRawJob('zpl', entries(3, 5, 2), profile('zpl'), { startLabel })).rejects.toThrow(
        RangeError,
      );
    }
  });

  it('skips lines without labels', async () => {
    const job = await buildRawJob('tspl', entries(2, 0, 1), profile('tspl'));
    expect(summary(job.chunks)).toEqual([
      { lineNumber: 1, firstLabel: 0, labelCount: 2 },
      { lineNumber: 3, firstLabel: 2, labelCount: 1 },
    ]);
  });

  it('keeps sizes from 10 to 10,000 units', async () => {
    const quantities = (quantity: number) =>
      new Map([1, 2, 3, 4, 5, 7, 8, 9].map((line) => [line, { quantity }]));
    for (const language of ['zpl', 'tspl'] as const) {
      const ten = await buildRawJob(language, planFixture(quantities(10)), profile(language));
      const tenThousand = await buildRawJob(language, planFixture(quantities(10_000)), profile(language));
      expect(tenThousand.totalLabels).toBe(80_000);
      const growth = tenThousand.chunks.map(
        (chunk, index) => chunk.bytes.length - ten.chunks[index]!.bytes.length,
      );
      // Only the copy count grows, from 2 digits to 5.
      expect(growth).toEqual(Array(8).fill(3));
    }
  });

  it('resumes inside a multi-column row', async () => {
    const threeAcross = profile('tspl', {
      label: { widthMm: 33, heightMm: 15, gapMm: 2 },
      columns: 3,
      columnGapMm: 2,
    });
    const small: LabelDrawing = { ...label, widthDots: 263.8, heightDots: 119.9 };
    const job = await buildRawJob(
      'tspl',
      [{ lineNumber: 1, code: 'K', count: 8, drawing: small, drawingKey: 'line-1' }],
      threeAcross,
      { startLabel: 1 },
    );
    // 7 labels left: two full rows of 3, then one row with a single label.
    expect(summary(job.chunks)).toEqual([{ lineNumber: 1, firstLabel: 1, labelCount: 7 }]);
    const text = job.chunks[0]!.bytes.toString('ascii');
    expect(text.match(/PRINT 1,\d+/g)).toEqual(['PRINT 1,2', 'PRINT 1,1']);
    expect(text.match(/TEXT /g)).toHaveLength(4);
  });

  it('rejects another dpi', async () => {
    const at300 = profile('zpl', { dpi: 300 });
    const error = await buildRawJob('zpl', entries(1, 2), at300).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PrinterProfileMismatchError);
    expect((error as PrinterProfileMismatchError).lineNumber).toBe(1);
    expect((error as PrinterProfileMismatchError).problem).toEqual({
      code: 'dpi_mismatch',
      params: { printer: 'Test zpl', layoutDpi: 203, printerDpi: 300 },
    });
  });

  it('rejects labels larger than profile', async () => {
    const small = profile('tspl', { label: { widthMm: 40, heightMm: 30, gapMm: 2 } });
    const error = await buildRawJob('tspl', entries(1), small).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PrinterProfileMismatchError);
    expect((error as PrinterProfileMismatchError).problem.code).toBe('label_too_large');
  });

  it('draws planned non-ASCII names as images', async () => {
    // Line 8 of the fixture is "Crème Pelembap Wajah — Niacinamide 5%".
    const planned = planFixture().filter((item) => item.lineNumber === 8);
    const zpl = await buildRawJob('zpl', planned, profile('zpl'));
    const tspl = await buildRawJob('tspl', planned, profile('tspl'));
    const graphics = zpl.chunks[0]!.bytes.toString('ascii').match(/\^GFA,/g) ?? [];
    const bitmaps = tspl.chunks[0]!.bytes.toString('latin1').match(/BITMAP /g) ?? [];
    expect(graphics.length).toBe(1);
    expect(bitmaps.length).toBe(1);
  });
});
