import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { labelFontPath, loadFontMetrics } from '../../../electron/pdf/font.ts';
import { currentEmbeddedFont, LabelForms } from '../../../electron/pdf/form-xobject.ts';
import {
  writeLabelsPdf,
  type PdfPage,
  type WriteLabelsPdfOptions,
} from '../../../electron/pdf/pdf-writer.ts';
import type { FontMetrics, LabelDrawing, Symbology } from '../../../shared/labels/types.ts';
import { decodeLabels, pdfText, renderPageGray } from '../../support/pdf-tools.ts';
import { objectsOfType, readPdfObjects, referenceOf, xobjectsOf, type PdfObject } from './pdf-objects.ts';
import { sampleLabel } from './sample-drawings.ts';

const CREATION_DATE = new Date('2024-05-01T08:00:00Z');
const POINTS_PER_MM = 72 / 25.4;
const ROLL_50X30 = { widthMm: 50, heightMm: 30 };
const ROLL_105X15 = { widthMm: 105, heightMm: 15 };
const CELLS_3UP = [1, 36, 71].map((xMm) => ({ xMm, yMm: 0, widthMm: 33, heightMm: 15 }));
const A4 = { widthMm: 210, heightMm: 297 };
/** The 3 × 8 grid of 70 × 37 mm labels on an A4 sheet. */
const A4_CELLS = Array.from({ length: 24 }, (_, index) => ({
  xMm: (index % 3) * 70,
  yMm: 0.5 + Math.floor(index / 3) * 37,
}));

let metrics: FontMetrics;
let dir: string;

beforeAll(async () => {
  metrics = await loadFontMetrics();
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'label-reuse-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function rollLabel(symbology: Symbology, data: string, text: string): LabelDrawing {
  return sampleLabel({
    metrics,
    ...ROLL_50X30,
    symbology,
    data,
    moduleDots: 3,
    barHeightMm: 14,
    text,
    fontSizePt: 8,
  });
}

function options(name: string, extra: Partial<WriteLabelsPdfOptions> = {}): WriteLabelsPdfOptions {
  return {
    outputPath: join(dir, name),
    pageSize: ROLL_50X30,
    title: 'Labels TO-0001',
    creationDate: CREATION_DATE,
    ...extra,
  };
}

/** Returns one roll page per copy: `copies` of each drawing in turn, keyed by its position in `drawings`. */
function rollPages(drawings: readonly LabelDrawing[], copies: number): PdfPage[] {
  return drawings.flatMap((drawing, index) =>
    Array.from({ length: copies }, () => ({
      labels: [{ xMm: 0, yMm: 0, drawing, drawingKey: `line-${index + 1}` }],
    })),
  );
}

/** Yields `count` copies of one drawing, 24 to an A4 sheet. */
function* sheetPages(drawing: LabelDrawing, count: number): Generator<PdfPage> {
  for (let first = 0; first < count; first += A4_CELLS.length) {
    const cells = A4_CELLS.slice(0, Math.min(A4_CELLS.length, count - first));
    yield { labels: cells.map((cell) => ({ ...cell, drawing, drawingKey: 'line-1' })) };
  }
}

function pageObjects(objects: Map<number, PdfObject>): PdfObject[] {
  return objectsOfType(objects, 'Page').sort((left, right) => left.offset - right.offset);
}

/** Returns, for each page in file order, the form XObjects its resources name. */
function formsPerPage(objects: Map<number, PdfObject>): number[][] {
  return pageObjects(objects).map((page) => {
    const resources = objects.get(referenceOf(page.dictionary, 'Resources') ?? -1);
    return [...xobjectsOf(resources?.dictionary ?? '').values()];
  });
}

/** Draws labels with pdfkit's own drawing API, as the writer did before it reused forms. */
async function writeInlinePdf(path: string, pageSize: typeof ROLL_50X30, pages: PdfPage[]): Promise<void> {
  const size = [pageSize.widthMm * POINTS_PER_MM, pageSize.heightMm * POINTS_PER_MM];
  const doc = new PDFDocument({ autoFirstPage: false, size, margin: 0 });
  const file = createWriteStream(path);
  doc.pipe(file);
  doc.registerFont('label', labelFontPath());
  doc.font('label');
  for (const page of pages) {
    doc.addPage({ size, margin: 0 });
    for (const label of page.labels) {
      doc.save();
      doc.translate(label.xMm * POINTS_PER_MM, label.yMm * POINTS_PER_MM);
      doc.scale(72 / label.drawing.dpi);
      for (const item of label.drawing.items) {
        if (item.kind === 'rect') {
          doc.rect(item.x, item.y, item.width, item.height);
        } else if (item.kind === 'barcode') {
          for (const bar of item.bars) {
            doc.rect(bar.x, bar.y, bar.width, bar.height);
          }
        }
      }
      doc.fill('black');
      for (const item of label.drawing.items) {
        if (item.kind === 'text') {
          doc
            .fontSize(item.fontSize)
            .text(item.text, item.x, item.y, { baseline: 'alphabetic', lineBreak: false });
        }
      }
      doc.restore();
    }
  }
  doc.end();
  await finished(file);
}

describe('writeLabelsPdf label reuse', () => {
  it('writes one form per distinct label', async () => {
    const drawings = [
      rollLabel('code128', 'SKU-0001', 'Dompet Kulit — Coklat'),
      rollLabel('ean13', '5901234123457', 'Кофе 250 г'),
      rollLabel('code128', 'KPC-0042', 'Kaos Polos (XL)'),
    ];

    const result = await writeLabelsPdf(options('reuse.pdf'), rollPages(drawings, 200));

    const objects = readPdfObjects(await readFile(result.path));
    const forms = objectsOfType(objects, 'XObject', 'Form');
    expect(result.pages).toBe(600);
    expect(forms).toHaveLength(3);
    const perPage = formsPerPage(objects);
    expect(perPage).toHaveLength(600);
    const formIds = forms.map((form) => form.id);
    for (const [index, pageForms] of perPage.entries()) {
      expect(pageForms, `page ${index + 1}`).toEqual([formIds[Math.floor(index / 200)]]);
    }
  });

  it('draws each page with one form placement', async () => {
    const drawing = rollLabel('code128', 'SKU-0001', 'Dompet Kulit — Coklat');

    const result = await writeLabelsPdf(options('content.pdf'), rollPages([drawing], 3));

    const objects = readPdfObjects(await readFile(result.path));
    for (const page of pageObjects(objects)) {
      const content = objects.get(referenceOf(page.dictionary, 'Contents') ?? -1)?.stream?.toString('latin1');
      expect(content).toMatch(/^q 1 0 0 1 0 0 cm \/X1 Do Q$/m);
      expect(content).not.toMatch(/ re$/m);
      expect(content).not.toMatch(/\bTJ\b/);
    }
    const [form] = objectsOfType(objects, 'XObject', 'Form');
    expect(form?.dictionary).toMatch(/\/BBox \[0 0 400 240\]/);
    expect(form?.stream?.toString('latin1')).toMatch(/ re\nf\nBT\n/);
  });

  it('adds little per extra copy', async () => {
    const drawing = sampleLabel({
      metrics,
      widthMm: 70,
      heightMm: 37,
      symbology: 'ean13',
      data: '8991111222233',
      moduleDots: 3,
      barHeightMm: 14,
      text: 'Sabun Cuci Piring Jeruk 750ml',
      fontSizePt: 9,
    });

    const few = await writeLabelsPdf(options('few.pdf', { pageSize: A4 }), sheetPages(drawing, 200));
    const many = await writeLabelsPdf(options('many.pdf', { pageSize: A4 }), sheetPages(drawing, 2000));

    // Drawing the label inline would add its bars and text to every copy. With reuse, a copy adds one
    // placement plus a share of its page's objects: a small fraction of the form that contains the drawing.
    const [form] = objectsOfType(readPdfObjects(await readFile(many.path)), 'XObject', 'Form');
    const formBytes = (form?.dictionary.length ?? 0) + (form?.stream?.length ?? 0);
    const bytesPerExtraCopy = (many.bytes - few.bytes) / 1800;
    expect(many.pages).toBe(84);
    expect(formBytes).toBeGreaterThan(500);
    expect(bytesPerExtraCopy).toBeLessThan(formBytes / 10);
  });

  it('renders like the label drawn inline', async () => {
    // The third text has combining marks, which fontkit places with glyph offsets.
    const pages = rollPages(
      [
        rollLabel('code128', 'SKU-0001', 'Dompet Kulit — Coklat'),
        rollLabel('ean13', '5901234123457', 'Кофе 250 г'),
        rollLabel('code128', 'SKU-0003', 'Cafe\u0301 Nguye\u0302\u0303n'),
      ],
      1,
    );
    const inlinePath = join(dir, 'inline.pdf');
    await writeInlinePdf(inlinePath, ROLL_50X30, pages);

    const result = await writeLabelsPdf(options('forms.pdf'), pages);

    for (const page of [1, 2, 3]) {
      const expected = await renderPageGray(inlinePath, page, 300);
      const actual = await renderPageGray(result.path, page, 300);
      expect(actual.width).toBe(expected.width);
      expect(actual.height).toBe(expected.height);
      let differing = 0;
      let inked = 0;
      for (let index = 0; index < expected.pixels.length; index++) {
        const want = expected.pixels[index] ?? 255;
        if (want < 128) {
          inked += 1;
        }
        if (Math.abs(want - (actual.pixels[index] ?? 255)) > 64) {
          differing += 1;
        }
      }
      expect(inked, `page ${page}`).toBeGreaterThan(10_000);
      expect(differing, `page ${page}`).toBe(0);
    }
  });

  it('keeps text extractable on every copy', async () => {
    const texts = ['Dompet Kulit — Coklat', 'Кофе 250 г'];
    const drawings = texts.map((text) => rollLabel('code128', 'SKU-0001', text));

    const result = await writeLabelsPdf(options('text.pdf'), rollPages(drawings, 3));

    const pageTexts = (await pdfText(result.path)).split('\f').map((page) => page.trim());
    expect(pageTexts.slice(0, 6)).toEqual([...texts.flatMap((text) => [text, text, text])]);
  });

  it('decodes reused labels in every cell', async () => {
    const labels = ['96385074', '12345670', '55123457'].map((data) =>
      sampleLabel({
        metrics,
        widthMm: 33,
        heightMm: 15,
        symbology: 'ean8',
        data,
        moduleDots: 2,
        barHeightMm: 7,
        text: data,
        fontSizePt: 5,
      }),
    );
    // Page 1: A A B, page 2: B C C. The same drawing sits in different cells on different pages.
    const order = [0, 0, 1, 1, 2, 2];
    const pages: PdfPage[] = [0, 3].map((first) => ({
      labels: order.slice(first, first + 3).map((labelIndex, cell) => ({
        xMm: CELLS_3UP[cell]?.xMm ?? 0,
        yMm: 0,
        drawing: labels[labelIndex] as LabelDrawing,
        drawingKey: `line-${labelIndex + 1}`,
      })),
    }));

    const result = await writeLabelsPdf(options('three-up.pdf', { pageSize: ROLL_105X15 }), pages);

    const decoded = await decodeLabels(result.path, { pageSizeMm: ROLL_105X15, cells: CELLS_3UP });
    expect(decoded.map((label) => label.data)).toEqual([
      '96385074',
      '96385074',
      '12345670',
      '12345670',
      '55123457',
      '55123457',
    ]);
    expect(objectsOfType(readPdfObjects(await readFile(result.path)), 'XObject', 'Form')).toHaveLength(3);
  });

  it('draws a reused key with a new drawing', async () => {
    const first = rollLabel('code128', 'SKU-0001', 'SKU-0001');
    const second = rollLabel('code128', 'SKU-0002', 'SKU-0002');
    // An equal copy of the drawing reuses its form; a different drawing under the same key does not.
    const pages: PdfPage[] = [first, { ...first }, second, first].map((drawing) => ({
      labels: [{ xMm: 0, yMm: 0, drawing, drawingKey: 'same-key' }],
    }));

    const result = await writeLabelsPdf(options('same-key.pdf'), pages);

    const decoded = await decodeLabels(result.path, {
      pageSizeMm: ROLL_50X30,
      cells: [{ xMm: 0, yMm: 0, ...ROLL_50X30 }],
    });
    expect(decoded.map((label) => label.data)).toEqual(['SKU-0001', 'SKU-0001', 'SKU-0002', 'SKU-0001']);
    expect(objectsOfType(readPdfObjects(await readFile(result.path)), 'XObject', 'Form')).toHaveLength(3);
  });
});

describe('LabelForms', () => {
  /** Opens a document with one page and the label font, as the writer sets it up. */
  function openDocument(): PDFKit.PDFDocument {
    const doc = new PDFDocument({ autoFirstPage: false, size: [141.73, 85.04], margin: 0 });
    doc.registerFont('label', labelFontPath());
    doc.font('label');
    doc.addPage({ size: [141.73, 85.04], margin: 0 });
    return doc;
  }

  it('forgets the least recently placed key', () => {
    const doc = openDocument();
    const forms = new LabelForms(doc, currentEmbeddedFont(doc), 2);
    const [a, b, c] = ['SKU-A', 'SKU-B', 'SKU-C'].map((code) => rollLabel('code128', code, code)) as [
      LabelDrawing,
      LabelDrawing,
      LabelDrawing,
    ];

    forms.place('a', a, 0, 0);
    forms.place('b', b, 0, 0);
    forms.place('a', a, 0, 0);
    expect(forms.formCount).toBe(2);
    // c evicts b, the least recently placed, so b needs a new form and a is still known.
    forms.place('c', c, 0, 0);
    forms.place('a', a, 0, 0);
    expect(forms.formCount).toBe(3);
    forms.place('b', b, 0, 0);
    expect(forms.formCount).toBe(4);
    doc.destroy();
  });

  it('rejects a cache limit below one', () => {
    const doc = openDocument();

    expect(() => new LabelForms(doc, currentEmbeddedFont(doc), 0)).toThrow(RangeError);
    doc.destroy();
  });

  it('names the missing internals of another font object', () => {
    const doc = new PDFDocument({ autoFirstPage: false });

    // pdfkit's default font is Helvetica, a standard font with no subset to add glyphs to.
    expect(() => currentEmbeddedFont(doc)).toThrow(/not an embedded font.*pdfkit 0\.20\.2/);
    doc.destroy();
  });
});

describe('pdfkit version', () => {
  it('is the version whose internals the writer uses', async () => {
    // The form, page and output code reads pdfkit internals; a new version needs those checked again.
    const require = createRequire(import.meta.url);
    const packagePath = join(dirname(require.resolve('pdfkit')), '..', 'package.json');
    const pkg = JSON.parse(await readFile(packagePath, 'utf8')) as { version: string };

    expect(pkg.version).toBe('0.20.2');
  });
});
