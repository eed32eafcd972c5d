import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

// Reads PDFs back with Debian's poppler-utils (pdftoppm, pdftotext, pdfinfo) and zbar-tools (zbarimg).

const execFileAsync = promisify(execFile);

/** Where the labels sit on each page, in millimetres from the page's top-left corner. */
export interface PdfLabelLayout {
  pageSizeMm: { widthMm: number; heightMm: number };
  cells: Array<{ xMm: number; yMm: number; widthMm: number; heightMm: number }>;
}

/** What zbar read in one label cell; `symbology` is zbar's name (`CODE-128`, `EAN-13`, `EAN-8`, `UPC-A`). */
export interface DecodedLabel {
  page: number;
  cell: number;
  symbology: string | null;
  data: string | null;
}

/**
 * zbar 0.23 reports UPC-A as EAN-13 with a leading 0 unless UPC-A is enabled on its own. With
 * `-Supca.enable` a UPC-A symbol comes back as `UPC-A` with its 12 digits, and EAN-13 stays `EAN-13`.
 */
const ZBAR_ARGS = ['--xml', '-q', '-Supca.enable'];

/** zbarimg exits with 4 when it ran fine but found no symbol in any image. */
const ZBAR_NOTHING_FOUND = 4;

const DECODE_POOL_SIZE = 2;

/**
 * Decodes the barcode in each cell of each page, returning one entry per page and cell in that order,
 * with nulls where nothing decodes. Each cell is rendered on its own (`pdftoppm -x -y -W -H`, all pages in
 * one call), so a neighbouring label cannot be read in its place.
 */
export async function decodeLabels(
  pdfPath: string,
  layout: PdfLabelLayout,
  options: { dpi?: number } = {},
): Promise<DecodedLabel[]> {
  const dpi = options.dpi ?? 300;
  const { widthMm, heightMm } = layout.pageSizeMm;
  layout.cells.forEach((cell, index) => {
    if (
      cell.xMm < 0 ||
      cell.yMm < 0 ||
      cell.xMm + cell.widthMm > widthMm ||
      cell.yMm + cell.heightMm > heightMm
    ) {
      throw new Error(`cell ${index} lies outside the ${widthMm} × ${heightMm} mm page`);
    }
  });
  const pageCount = await pdfPageCount(pdfPath);
  const workDir = await mkdtemp(join(tmpdir(), 'decode-labels-'));
  try {
    const perCell = await mapWithPool(layout.cells, DECODE_POOL_SIZE, (cell, cellIndex) =>
      decodeCell(pdfPath, pageCount, cell, cellIndex, dpi, join(workDir, `cell-${cellIndex}`)),
    );
    const results: DecodedLabel[] = [];
    for (let page = 1; page <= pageCount; page++) {
      perCell.forEach((pages, cell) => {
        const symbol = pages.get(page);
        results.push({ page, cell, symbology: symbol?.symbology ?? null, data: symbol?.data ?? null });
      });
    }
    return results;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Returns the text of every page as `pdftotext` extracts it (UTF-8, pages separated by form feeds). */
export async function pdfText(pdfPath: string): Promise<string> {
  const { stdout } = await execFileAsync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], {
    maxBuffer: 1 << 30,
  });
  return stdout;
}

/** Returns each page's size in points as `pdfinfo` prints it (six significant digits, e.g. 141.732). */
export async function pdfPageSizes(pdfPath: string): Promise<Array<{ widthPt: number; heightPt: number }>> {
  const pageCount = await pdfPageCount(pdfPath);
  const { stdout } = await execFileAsync('pdfinfo', ['-f', '1', '-l', String(pageCount), pdfPath], {
    maxBuffer: 1 << 30,
  });
  const sizes: Array<{ widthPt: number; heightPt: number }> = [];
  for (const match of stdout.matchAll(/^Page\s+\d+\s+size:\s+([\d.]+) x ([\d.]+) pts/gm)) {
    sizes.push({ widthPt: Number(match[1]), heightPt: Number(match[2]) });
  }
  return sizes;
}

/** Returns the fields `pdfinfo` prints (Title, Producer, Pages, ...), keyed by their names. */
export async function pdfInfo(pdfPath: string): Promise<Record<string, string>> {
  const { stdout } = await execFileAsync('pdfinfo', ['-isodates', pdfPath]);
  const fields: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) {
      fields[match[1].trim()] = match[2].trim();
    }
  }
  return fields;
}

/** Renders one page (1-based) to `<pdfPath>-p<page>-<dpi>dpi.png` and returns that path, for looking at output. */
export async function renderPagePng(pdfPath: string, page: number, dpi: number): Promise<string> {
  const outputBase = `${pdfPath.replace(/\.pdf$/i, '')}-p${page}-${dpi}dpi`;
  const pageText = String(page);
  await execFileAsync('pdftoppm', [
    '-png',
    '-singlefile',
    '-r',
    String(dpi),
    '-f',
    pageText,
    '-l',
    pageText,
    pdfPath,
    outputBase,
  ]);
  return `${outputBase}.png`;
}

/** A greyscale page image: one byte a pixel, row by row from the top, 0 black and 255 white. */
export interface GrayImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** Renders one page (1-based) in greyscale at `dpi`, for measuring where ink lands. */
export async function renderPageGray(pdfPath: string, page: number, dpi: number): Promise<GrayImage> {
  const workDir = await mkdtemp(join(tmpdir(), 'render-gray-'));
  try {
    const pageText = String(page);
    const outputBase = join(workDir, 'page');
    await execFileAsync('pdftoppm', [
      '-gray',
      '-singlefile',
      '-r',
      String(dpi),
      '-f',
      pageText,
      '-l',
      pageText,
      pdfPath,
      outputBase,
    ]);
    return parsePgm(await readFile(`${outputBase}.pgm`));
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Parses a binary PGM (P5) with 8-bit samples, the format `pdftoppm -gray` writes. */
function parsePgm(file: Buffer): GrayImage {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(file.subarray(0, 64).toString('latin1'));
  if (header?.[1] === undefined || header[2] === undefined || header[3] !== '255') {
    throw new Error('pdftoppm output is not an 8-bit binary PGM');
  }
  const width = Number(header[1]);
  const height = Number(header[2]);
  const pixels = new Uint8Array(file.subarray(header[0].length, header[0].length + width * height));
  if (pixels.length !== width * height) {
    throw new Error(`PGM has ${pixels.length} pixels, expected ${width * height}`);
  }
  return { width, height, pixels };
}

async function pdfPageCount(pdfPath: string): Promise<number> {
  const info = await pdfInfo(pdfPath);
  const pages = Number(info['Pages']);
  if (!Number.isInteger(pages) || pages < 0) {
    throw new Error(`pdfinfo printed no page count for ${pdfPath}`);
  }
  return pages;
}

/** Renders one cell of every page and decodes them all with one zbarimg run; returns page → first symbol. */
async function decodeCell(
  pdfPath: string,
  pageCount: number,
  cell: PdfLabelLayout['cells'][number],
  cellIndex: number,
  dpi: number,
  outputDir: string,
): Promise<Map<number, { symbology: string; data: string }>> {
  const toPixels = (mm: number): number => (mm / 25.4) * dpi;
  const left = Math.floor(toPixels(cell.xMm));
  const top = Math.floor(toPixels(cell.yMm));
  const width = Math.ceil(toPixels(cell.xMm + cell.widthMm)) - left;
  const height = Math.ceil(toPixels(cell.yMm + cell.heightMm)) - top;
  const crop = ['-x', left, '-y', top, '-W', width, '-H', height].map(String);
  await mkdir(outputDir);
  await execFileAsync('pdftoppm', [
    '-gray',
    '-png',
    '-r',
    String(dpi),
    ...crop,
    pdfPath,
    join(outputDir, 'page'),
  ]);

  // pdftoppm names the images page-<n>.png, n zero-padded to the width of the last page number.
  const images = new Map<string, number>();
  for (const name of await readdir(outputDir)) {
    const match = /^page-(\d+)\.png$/.exec(name);
    if (match?.[1] !== undefined) {
      images.set(join(outputDir, name), Number(match[1]));
    }
  }
  if (images.size !== pageCount) {
    throw new Error(`pdftoppm wrote ${images.size} images for cell ${cellIndex}, expected ${pageCount}`);
  }

  const symbols = new Map<number, { symbology: string; data: string }>();
  const xml = await runZbar([...images.keys()]);
  for (const source of xml.matchAll(/<source href='([^']*)'>([\s\S]*?)<\/source>/g)) {
    const page = images.get(unescapeXml(source[1] ?? ''));
    const symbol = /<symbol type='([^']+)'[^>]*>\s*<data( format='base64')?[^>]*>([\s\S]*?)<\/data>/.exec(
      source[2] ?? '',
    );
    if (page !== undefined && symbol?.[1] !== undefined && symbol[3] !== undefined) {
      const text = readCdata(symbol[3]);
      const data = symbol[2] === undefined ? text : Buffer.from(text, 'base64').toString('latin1');
      symbols.set(page, { symbology: symbol[1], data });
    }
  }
  return symbols;
}

async function runZbar(images: string[]): Promise<string> {
  try {
    const { stdout } = await execFileAsync('zbarimg', [...ZBAR_ARGS, ...images], { maxBuffer: 1 << 30 });
    return stdout;
  } catch (error) {
    const failure = error as { code?: unknown; stdout?: unknown };
    if (failure.code === ZBAR_NOTHING_FOUND && typeof failure.stdout === 'string') {
      return failure.stdout;
    }
    throw error;
  }
}

/** Joins the CDATA sections zbar writes (it splits data containing `]]>` across two sections). */
function readCdata(content: string): string {
  const sections = [...content.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((match) => match[1] ?? '');
  return sections.length > 0 ? sections.join('') : unescapeXml(content);
}

function unescapeXml(text: string): string {
  return text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');
}

/** Runs `task` on every item with at most `limit` running at once; results keep the items' order. */
async function mapWithPool<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
