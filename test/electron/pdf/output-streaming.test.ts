import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import PDFDocument from 'pdfkit';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadFontMetrics } from '../../../electron/pdf/font.ts';
import { batchDocumentOutput } from '../../../electron/pdf/output-batching.ts';
import {
  writeLabelsPdf,
  type PdfPage,
  type WriteLabelsPdfOptions,
} from '../../../electron/pdf/pdf-writer.ts';
import { paginate, planJobEntries, type JobReport } from '../../../shared/labels/job.ts';
import { readDocumentLines } from '../../../shared/labels/lines.ts';
import { findTemplate } from '../../../shared/labels/templates.ts';
import type { DocumentLine, FontMetrics, LabelDrawing } from '../../../shared/labels/types.ts';
import { pdfPageSizes } from '../../support/pdf-tools.ts';
import { crossReferenceOffsets, objectsOfType, readPdfObjects } from './pdf-objects.ts';
import { sampleLabel } from './sample-drawings.ts';

const CREATION_DATE = new Date('2024-05-01T08:00:00Z');
const ROLL_50X30 = { widthMm: 50, heightMm: 30 };

let metrics: FontMetrics;
let dir: string;

beforeAll(async () => {
  metrics = await loadFontMetrics();
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pdf-streaming-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function options(name: string, extra: Partial<WriteLabelsPdfOptions> = {}): WriteLabelsPdfOptions {
  return {
    outputPath: join(dir, name),
    pageSize: ROLL_50X30,
    title: 'Labels TO-0001',
    creationDate: CREATION_DATE,
    ...extra,
  };
}

function rollLabel(data: string, text: string): LabelDrawing {
  return sampleLabel({
    metrics,
    ...ROLL_50X30,
    symbology: 'code128',
    data,
    moduleDots: 3,
    barHeightMm: 14,
    text,
    fontSizePt: 8,
  });
}

/** Returns `count` document lines with `quantity` each, as the label engine reads them from DealPOS. */
function documentLines(count: number, quantity: number): DocumentLine[] {
  return readDocumentLines(
    Array.from({ length: count }, (_, index) => ({
      VariantID: `line-${index + 1}`,
      Name: `Kaos Polos Katun — Hitam (${index + 1})`,
      Code: `KPC-${String(index + 1).padStart(4, '0')}`,
      Quantity: quantity,
      UnitPrice: 45_000,
    })),
  );
}

describe('writeLabelsPdf output', () => {
  it('reports the start of output once', async () => {
    const drawing = rollLabel('SKU-0001', 'Kaos');
    let pagesRequested = 0;
    const pagesAtStart: number[] = [];
    function* pages(): Generator<PdfPage> {
      for (let index = 0; index < 500; index++) {
        pagesRequested += 1;
        yield { labels: [{ xMm: 0, yMm: 0, drawing, drawingKey: 'a' }] };
      }
    }

    await writeLabelsPdf(
      options('start.pdf', { onOutputStarted: () => pagesAtStart.push(pagesRequested) }),
      pages(),
    );

    // The first page is handed to the file before the writer requests the second.
    expect(pagesAtStart).toEqual([1]);
  });

  it('starts output before the last line is laid out', async () => {
    const template = findTemplate('roll-50x30');
    if (template === undefined) {
      throw new Error('built-in template roll-50x30 is missing');
    }
    const lines = documentLines(20, 5);
    let linesRead = 0;
    function* readLines(): Generator<DocumentLine> {
      for (const line of lines) {
        linesRead += 1;
        yield line;
      }
    }
    const report: JobReport = { refused: [], warnings: [], totalLabels: 0 };
    const entries = planJobEntries(
      readLines(),
      { template, dpi: 203, showPrice: true, documentNumber: 'TO/2026/10/00417', metrics },
      report,
    );
    let linesReadAtStart: number | null = null;

    const result = await writeLabelsPdf(
      options('lazy.pdf', { onOutputStarted: () => (linesReadAtStart = linesRead) }),
      paginate(entries, template),
    );

    expect(linesReadAtStart).toBe(1);
    expect(linesRead).toBe(20);
    expect(result.labels).toBe(100);
    expect(report.totalLabels).toBe(100);
    expect(report.refused).toEqual([]);
  });

  it('writes offsets that point at their objects', async () => {
    const drawings = ['SKU-0001', 'SKU-0002', 'SKU-0003'].map((code) => rollLabel(code, `Kopi ${code}`));
    const pages = Array.from({ length: 900 }, (_, index): PdfPage => {
      const line = Math.floor(index / 300);
      return { labels: [{ xMm: 0, yMm: 0, drawing: drawings[line] as LabelDrawing, drawingKey: `${line}` }] };
    });

    const result = await writeLabelsPdf(options('offsets.pdf'), pages);

    const file = await readFile(result.path);
    const offsets = crossReferenceOffsets(file);
    expect(offsets.length).toBeGreaterThan(2700);
    offsets.forEach((offset, index) => {
      const id = index + 1;
      expect(file.toString('latin1', offset, offset + `${id} 0 obj`.length), `object ${id}`).toBe(
        `${id} 0 obj`,
      );
    });
  });

  it('lists every page in the page tree', async () => {
    const drawing = rollLabel('SKU-0001', 'Kaos');
    const pages = Array.from({ length: 5 }, (): PdfPage => ({
      labels: [{ xMm: 0, yMm: 0, drawing, drawingKey: 'a' }],
    }));

    const result = await writeLabelsPdf(options('tree.pdf'), pages);

    const objects = readPdfObjects(await readFile(result.path));
    const pageIds = objectsOfType(objects, 'Page')
      .sort((left, right) => left.offset - right.offset)
      .map((page) => page.id);
    const [tree] = objectsOfType(objects, 'Pages');
    expect(tree?.dictionary).toContain(`/Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}]`);
    expect(tree?.dictionary).toContain('/MediaBox [0 0 141.732283 85.03937]');
    for (const id of pageIds) {
      expect(objects.get(id)?.dictionary).not.toContain('/MediaBox');
    }
    expect(await pdfPageSizes(result.path)).toHaveLength(5);
  });

  it('lists thousands of pages in order', async () => {
    // More pages than the page tree's first block of 1,024 object numbers, so that block grows.
    const drawing = rollLabel('SKU-0001', 'Kaos');
    const pages = Array.from({ length: 2_500 }, (): PdfPage => ({
      labels: [{ xMm: 0, yMm: 0, drawing, drawingKey: 'a' }],
    }));

    const result = await writeLabelsPdf(options('many.pdf'), pages);

    const objects = readPdfObjects(await readFile(result.path));
    const pageIds = objectsOfType(objects, 'Page')
      .sort((left, right) => left.offset - right.offset)
      .map((page) => page.id);
    expect(pageIds).toHaveLength(2_500);
    const [tree] = objectsOfType(objects, 'Pages');
    expect(tree?.dictionary).toContain('/Count 2500');
    expect(tree?.dictionary).toContain(`/Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}]`);
  });
});

describe('batchDocumentOutput', () => {
  /**
   * Writes a 200-page pdfkit document to a destination that keeps the chunks it receives and writes
   * (copies) them one at a time, lagging behind, as a slow disk would. Returns the bytes written.
   */
  async function writeSlowly(batchBytes: number | null): Promise<Buffer> {
    const doc = new PDFDocument({
      autoFirstPage: false,
      size: [200, 100],
      info: { CreationDate: CREATION_DATE },
    });
    const received: Buffer[] = [];
    const written: Buffer[] = [];
    let writtenBytes = 0;
    const writeOldest = (): void => {
      const chunk = received.shift();
      if (chunk !== undefined) {
        written.push(Buffer.from(chunk));
        writtenBytes += chunk.length;
      }
    };
    if (batchBytes !== null) {
      batchDocumentOutput(doc, batchBytes, () => writtenBytes);
    }
    doc.on('data', (chunk: Buffer) => received.push(chunk));
    const ended = once(doc, 'end');

    for (let page = 0; page < 200; page++) {
      doc.addPage({ size: [200, 100], margin: 0 });
      doc.text(`Page ${page}: Kaos Polos Katun — Hitam`, 10, 10, { lineBreak: false });
      if (page % 3 === 0) {
        writeOldest();
      }
      await nextMacrotask();
    }
    doc.end();
    await ended;
    while (received.length > 0) {
      writeOldest();
    }
    return Buffer.concat(written);
  }

  it('keeps bytes while reusing buffers', async () => {
    const unbatched = await writeSlowly(null);

    const batched = await writeSlowly(1024);

    expect(batched.length).toBeGreaterThan(20 * 1024);
    expect(batched.equals(unbatched)).toBe(true);
  });
});
