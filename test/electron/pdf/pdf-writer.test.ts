import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import type { FontMetrics, LabelDrawing, Symbology } from '../../../shared/labels/types.ts';
import { labelFontPath, loadFontMetrics } from '../../../electron/pdf/font.ts';
import {
  writeLabelsPdf,
  type PdfPage,
  type WriteLabelsPdfOptions,
} from '../../../electron/pdf/pdf-writer.ts';
import {
  decodeLabels,
  pdfInfo,
  pdfPageSizes,
  pdfText,
  renderPageGray,
  renderPagePng,
  type GrayImage,
} from '../../support/pdf-tools.ts';
import { sampleLabel } from './sample-drawings.ts';

const CREATION_DATE = new Date('2024-05-01T08:00:00Z');
const ROLL_50X30 = { widthMm: 50, heightMm: 30 };
const ROLL_105X15 = { widthMm: 105, heightMm: 15 };
/** The three 33 × 15 mm labels of a 105 mm roll, 1 mm liner at each side and 2 mm gaps. */
const CELLS_3UP = [1, 36, 71].map((xMm) => ({ xMm, yMm: 0, widthMm: 33, heightMm: 15 }));

let metrics: FontMetrics;
let dir: string;

beforeAll(async () => {
  metrics = await loadFontMetrics();
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pdf-writer-'));
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

function smallLabel(symbology: Symbology, data: string, text: string): LabelDrawing {
  return sampleLabel({
    metrics,
    widthMm: 33,
    heightMm: 15,
    symbology,
    data,
    moduleDots: 2,
    barHeightMm: 7,
    text,
    fontSizePt: 5,
  });
}

function rollPage(drawing: LabelDrawing, key: string): PdfPage {
  return { labels: [{ xMm: 0, yMm: 0, drawing, drawingKey: key }] };
}

function options(name: string, extra: Partial<WriteLabelsPdfOptions> = {}): WriteLabelsPdfOptions {
  return {
    outputPath: join(dir, name),
    pageSize: ROLL_50X30,
    title: 'Labels PB-0001',
    creationDate: CREATION_DATE,
    ...extra,
  };
}

/** Yields `count` roll pages, calling `onFinally` when the writer stops iterating early or at the end. */
function* manyPages(
  count: number,
  drawing: LabelDrawing,
  onFinally: () => void = () => {},
): Generator<PdfPage> {
  try {
    for (let index = 0; index < count; index++) {
      yield rollPage(drawing, 'same');
    }
  } finally {
    onFinally();
  }
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

interface PixelBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Smallest box holding every pixel darker than mid grey inside `window`; right and bottom are exclusive. */
function inkBox(image: GrayImage, window: PixelBox): PixelBox | null {
  const box: PixelBox = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
  for (let y = window.top; y < window.bottom; y++) {
    for (let x = window.left; x < window.right; x++) {
      if ((image.pixels[y * image.width + x] ?? 255) < 128) {
        box.left = Math.min(box.left, x);
        box.top = Math.min(box.top, y);
        box.right = Math.max(box.right, x + 1);
        box.bottom = Math.max(box.bottom, y + 1);
      }
    }
  }
  return box.left === Infinity ? null : box;
}

describe('writeLabelsPdf', () => {
  it('sizes a 50 × 30 mm page to 141.73 × 85.04 pt', async () => {
    const result = await writeLabelsPdf(options('roll.pdf'), [
      rollPage(rollLabel('code128', 'SKU-0001', 'Kaos'), 'a'),
    ]);

    const sizes = await pdfPageSizes(result.path);
    expect(sizes).toHaveLength(1);
    expect(sizes[0]?.widthPt).toBeCloseTo((50 * 72) / 25.4, 2);
    expect(sizes[0]?.heightPt).toBeCloseTo((30 * 72) / 25.4, 2);
    expect(sizes[0]?.widthPt.toFixed(2)).toBe('141.73');
    expect(sizes[0]?.heightPt.toFixed(2)).toBe('85.04');
  });

  it('returns path, counts and file size', async () => {
    const drawing = rollLabel('code128', 'SKU-0001', 'Kaos');
    const result = await writeLabelsPdf(options('counts.pdf'), [
      rollPage(drawing, 'a'),
      rollPage(drawing, 'a'),
    ]);

    expect(result.path).toBe(join(dir, 'counts.pdf'));
    expect(result.pages).toBe(2);
    expect(result.labels).toBe(2);
    expect(result.bytes).toBe((await stat(result.path)).size);
  });

  it('decodes every label back in page order', async () => {
    const specs = [
      { symbology: 'code128', data: 'SKU-0001', zbar: 'CODE-128' },
      { symbology: 'ean13', data: '5901234123457', zbar: 'EAN-13' },
      { symbology: 'upca', data: '036000291452', zbar: 'UPC-A' },
      { symbology: 'ean8', data: '96385074', zbar: 'EAN-8' },
    ] as const;
    const pages = specs.map((spec) => rollPage(rollLabel(spec.symbology, spec.data, spec.data), spec.data));

    const result = await writeLabelsPdf(options('symbologies.pdf'), pages);

    const decoded = await decodeLabels(result.path, {
      pageSizeMm: ROLL_50X30,
      cells: [{ xMm: 0, yMm: 0, ...ROLL_50X30 }],
    });
    expect(decoded).toEqual(
      specs.map((spec, index) => ({ page: index + 1, cell: 0, symbology: spec.zbar, data: spec.data })),
    );
  });

  it('places three labels across a 105 × 15 mm page', async () => {
    const label = (data: string) => smallLabel('ean8', data, data);
    const page = (drawings: Array<LabelDrawing | null>): PdfPage => ({
      labels: drawings.flatMap((drawing, cell) =>
        drawing === null
          ? []
          : [{ xMm: CELLS_3UP[cell]?.xMm ?? 0, yMm: 0, drawing, drawingKey: String(cell) }],
      ),
    });
    const pages = [
      page([label('96385074'), label('12345670'), label('55123457')]),
      page([label('40123455'), null, null]),
    ];

    const result = await writeLabelsPdf(options('three-up.pdf', { pageSize: ROLL_105X15 }), pages);

    const sizes = await pdfPageSizes(result.path);
    expect(sizes).toEqual([
      { widthPt: 297.638, heightPt: 42.5197 },
      { widthPt: 297.638, heightPt: 42.5197 },
    ]);
    const decoded = await decodeLabels(result.path, { pageSizeMm: ROLL_105X15, cells: CELLS_3UP });
    expect(decoded).toEqual([
      { page: 1, cell: 0, symbology: 'EAN-8', data: '96385074' },
      { page: 1, cell: 1, symbology: 'EAN-8', data: '12345670' },
      { page: 1, cell: 2, symbology: 'EAN-8', data: '55123457' },
      { page: 2, cell: 0, symbology: 'EAN-8', data: '40123455' },
      { page: 2, cell: 1, symbology: null, data: null },
      { page: 2, cell: 2, symbology: null, data: null },
    ]);
    expect(result.labels).toBe(4);
  });

  it('keeps Latin, Cyrillic and Greek text intact', async () => {
    const texts = ['Dompet Kulit — Coklat', 'Кофе 250 г', 'Καφές Rp 12.500'];
    const pages = texts.map((text) => rollPage(rollLabel('code128', 'SKU-0001', text), text));

    const result = await writeLabelsPdf(options('unicode.pdf'), pages);

    const pageTexts = (await pdfText(result.path)).split('\f').map((page) => page.trim());
    expect(pageTexts.slice(0, texts.length)).toEqual(texts);
  });

  it('places rectangles and text baseline exactly', async () => {
    // At 203 dpi rendered at 406 dpi one dot is two pixels, and the label's corner at 25.4 × 12.7 mm
    // lands on pixel (406, 203).
    const fontSize = 40;
    const drawing: LabelDrawing = {
      dpi: 203,
      widthDots: 400,
      heightDots: 240,
      items: [
        { kind: 'rect', x: 10, y: 20, width: 30, height: 40 },
        {
          kind: 'text',
          role: 'name',
          text: 'HHHH',
          x: 100,
          y: 150,
          fontSize,
          width: metrics.widthOf('HHHH', fontSize),
        },
      ],
    };
    const page: PdfPage = { labels: [{ xMm: 25.4, yMm: 12.7, drawing, drawingKey: 'geometry' }] };
    const result = await writeLabelsPdf(
      options('geometry.pdf', { pageSize: { widthMm: 100, heightMm: 60 } }),
      [page],
    );

    const image = await renderPageGray(result.path, 1, 406);
    const rect = inkBox(image, { left: 380, top: 180, right: 560, bottom: 360 });
    expect(rect).toEqual({ left: 426, top: 243, right: 486, bottom: 323 });

    const font = fontkit.create(await readFile(labelFontPath())) as fontkit.Font;
    const glyph = font.glyphForCodePoint('H'.codePointAt(0) ?? 0);
    const pixelsPerUnit = (fontSize * 2) / font.unitsPerEm;
    const baselineRow = 203 + 150 * 2;
    const textLeft = 406 + 100 * 2;
    const text = inkBox(image, { left: 580, top: 380, right: 1000, bottom: 560 });
    expect(text).not.toBeNull();
    // H sits on the baseline and its bars are straight, so its ink ends exactly at the baseline.
    expect(Math.abs((text?.bottom ?? 0) - baselineRow)).toBeLessThanOrEqual(1);
    expect(Math.abs((text?.top ?? 0) - (baselineRow - glyph.bbox.maxY * pixelsPerUnit))).toBeLessThanOrEqual(
      1,
    );
    expect(Math.abs((text?.left ?? 0) - (textLeft + glyph.bbox.minX * pixelsPerUnit))).toBeLessThanOrEqual(1);
    const lastRight = textLeft + (3 * glyph.advanceWidth + glyph.bbox.maxX) * pixelsPerUnit;
    expect(Math.abs((text?.right ?? 0) - lastRight)).toBeLessThanOrEqual(1);
  });

  it('writes only title, producer and date', async () => {
    const result = await writeLabelsPdf(options('info.pdf', { title: 'Label PB-0001 — Gudang' }), [
      rollPage(rollLabel('code128', 'SKU-0001', 'Kaos'), 'a'),
    ]);

    const info = await pdfInfo(result.path);
    expect(info['Title']).toBe('Label PB-0001 — Gudang');
    expect(info['Producer']).toBe('DealPOS Label Desk');
    expect(info['Creator']).toBe('DealPOS Label Desk');
    expect(info['CreationDate']).toBe('2024-05-01T08:00:00Z');
    for (const field of ['Author', 'Subject', 'Keywords', 'ModDate']) {
      expect(info[field], field).toBeUndefined();
    }
    expect(info['Metadata Stream']).toBe('no');
  });

  it('repeats bytes with a fixed date', async () => {
    const pages = [
      rollPage(rollLabel('code128', 'SKU-0001', 'Dompet Kulit — Coklat'), 'a'),
      rollPage(rollLabel('ean13', '5901234123457', 'Кофе 250 г'), 'b'),
    ];

    const first = await writeLabelsPdf(options('first.pdf'), pages);
    const second = await writeLabelsPdf(options('second.pdf'), pages);

    expect(Buffer.compare(await readFile(first.path), await readFile(second.path))).toBe(0);
  });

  it('reports growing label counts per page', async () => {
    const drawing = rollLabel('code128', 'SKU-0001', 'Kaos');
    const labels = (count: number): PdfPage => ({
      labels: Array.from({ length: count }, () => ({ xMm: 0, yMm: 0, drawing, drawingKey: 'a' })),
    });
    const counts: number[] = [];

    await writeLabelsPdf(options('progress.pdf', { onProgress: (written) => counts.push(written) }), [
      labels(3),
      labels(3),
      labels(2),
    ]);

    expect(counts).toEqual([3, 6, 8]);
  });

  it('reads pages from an async iterable', async () => {
    async function* pages(): AsyncGenerator<PdfPage> {
      for (const data of ['SKU-0001', 'SKU-0002']) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        yield rollPage(rollLabel('code128', data, data), data);
      }
    }

    const result = await writeLabelsPdf(options('async.pdf'), pages());

    const decoded = await decodeLabels(result.path, {
      pageSizeMm: ROLL_50X30,
      cells: [{ xMm: 0, yMm: 0, ...ROLL_50X30 }],
    });
    expect(decoded.map((label) => label.data)).toEqual(['SKU-0001', 'SKU-0002']);
  });

  it('streams a 3,000-page job', async () => {
    const drawing = rollLabel('code128', 'SKU-0001', 'Dompet Kulit — Coklat');

    const result = await writeLabelsPdf(options('long.pdf'), manyPages(3000, drawing));

    expect(result.pages).toBe(3000);
    expect((await pdfPageSizes(result.path)).length).toBe(3000);
    expect(result.bytes).toBe((await stat(result.path)).size);
  });

  it('renders a page to PNG', async () => {
    const result = await writeLabelsPdf(options('look.pdf'), [
      rollPage(rollLabel('code128', 'SKU-0001', 'Dompet Kulit — Coklat'), 'a'),
    ]);

    const png = await renderPagePng(result.path, 1, 300);
    expect((await stat(png)).size).toBeGreaterThan(0);
  });
});

describe('writeLabelsPdf failures', () => {
  const drawing = (): LabelDrawing => rollLabel('code128', 'SKU-0001', 'Kaos');

  it('rejects a missing output folder', async () => {
    const outputPath = join(dir, 'missing', 'labels.pdf');

    const error = await rejection(
      writeLabelsPdf({ ...options('x'), outputPath }, [rollPage(drawing(), 'a')]),
    );

    expect(error.code).toBe('output_failed');
    expect(error.params).toEqual({ path: outputPath });
    expect(error.detail).toMatch(/ENOENT/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('abort half way keeps the old file', async () => {
    const target = join(dir, 'labels.pdf');
    await writeFile(target, 'previous labels');
    const controller = new AbortController();
    let iterationClosed = false;
    let written = 0;

    const error = await rejection(
      writeLabelsPdf(
        options('labels.pdf', {
          signal: controller.signal,
          onProgress: (count) => {
            written = count;
            if (count === 1000) {
              controller.abort();
            }
          },
        }),
        manyPages(3000, drawing(), () => {
          iterationClosed = true;
        }),
      ),
    );

    expect(error.code).toBe('output_cancelled');
    expect(written).toBeLessThan(3000);
    expect(iterationClosed).toBe(true);
    expect(await readdir(dir)).toEqual(['labels.pdf']);
    expect(await readFile(target, 'utf8')).toBe('previous labels');
  });

  it('writes nothing when already aborted', async () => {
    const error = await rejection(
      writeLabelsPdf(options('labels.pdf', { signal: AbortSignal.abort() }), [rollPage(drawing(), 'a')]),
    );

    expect(error.code).toBe('output_cancelled');
    expect(await readdir(dir)).toEqual([]);
  });

  it('failing pages keep the old file', async () => {
    const target = join(dir, 'labels.pdf');
    await writeFile(target, 'previous labels');
    const failure = new Error('layout failed on line 51');
    function* pages(): Generator<PdfPage> {
      for (let index = 0; index < 50; index++) {
        yield rollPage(drawing(), 'a');
      }
      throw failure;
    }

    const error = await rejection(writeLabelsPdf(options('labels.pdf'), pages()));

    expect(error.code).toBe('output_failed');
    expect(error.params).toEqual({ path: target });
    expect(error.detail).toBe('layout failed on line 51');
    expect(error.cause).toBe(failure);
    expect(await readdir(dir)).toEqual(['labels.pdf']);
    expect(await readFile(target, 'utf8')).toBe('previous labels');
  });

  it('passes on an AppError from the pages unchanged', async () => {
    const failure = new AppError('template_not_found', { id: 'roll-99' });
    function* pages(): Generator<PdfPage> {
      yield rollPage(drawing(), 'a');
      throw failure;
    }

    const error = await rejection(writeLabelsPdf(options('labels.pdf'), pages()));

    expect(error).toBe(failure);
    expect(await readdir(dir)).toEqual([]);
  });

  it('rejects a job without pages', async () => {
    const error = await rejection(writeLabelsPdf(options('labels.pdf'), []));

    expect(error.code).toBe('output_failed');
    expect(error.detail).toBe('no pages to write');
    expect(await readdir(dir)).toEqual([]);
  });

  it('failed rename leaves target untouched', async () => {
    const target = join(dir, 'labels.pdf');
    await mkdir(target);
    await writeFile(join(target, 'keep.txt'), 'keep');

    const error = await rejection(writeLabelsPdf(options('labels.pdf'), [rollPage(drawing(), 'a')]));

    expect(error.code).toBe('output_failed');
    expect(await readdir(dir)).toEqual(['labels.pdf']);
    expect(await readdir(target)).toEqual(['keep.txt']);
  });
});
