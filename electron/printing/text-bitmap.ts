import type { TextItem } from '../../shared/labels/types.ts';
import { labelFontPath } from '../pdf/font.ts';

/**
 * One line of text drawn as a 1-bit image, cropped to its ink. Rows run top to bottom, each
 * `widthBytes` bytes with the most significant bit leftmost, and a 1 bit is ink. Printer languages
 * that use another polarity (TSPL prints 0 bits) invert the bytes themselves.
 */
export interface TextBitmap {
  /** Left edge of the first byte column, in label dots. */
  x: number;
  /** Top row, in label dots. */
  y: number;
  widthBytes: number;
  /** Number of rows. */
  height: number;
  data: Buffer;
}

type CanvasModule = typeof import('@napi-rs/canvas');

/** A pixel counts as ink from this alpha up, the middle of the antialiased edge. */
const INK_ALPHA = 128;

let canvasModule: Promise<CanvasModule> | undefined;
const fontFamilies = new Map<string, string>();

/**
 * Loads the native canvas module on first use, so jobs whose text all prints in printer fonts never
 * load it, and registers the font under a family name of its own so no system font replaces it.
 */
async function canvasWithFont(fontPath: string): Promise<{ canvas: CanvasModule; family: string }> {
  canvasModule ??= import('@napi-rs/canvas');
  const canvas = await canvasModule;
  let family = fontFamilies.get(fontPath);
  if (family === undefined) {
    family = `DealPOS Label Desk ${fontFamilies.size + 1}`;
    if (canvas.GlobalFonts.registerFromPath(fontPath, family) === null) {
      throw new Error(`The label font ${fontPath} could not be loaded for drawing text bitmaps`);
    }
    fontFamilies.set(fontPath, family);
  }
  return { canvas, family };
}

/**
 * Draws a text item the way the PDF draws it (same font, size, left edge and baseline) and returns
 * the ink as a bitmap in label dots, or null when the text has no ink (only spaces, for example).
 * `fontPath` defaults to the label font the layout measured with.
 */
export async function rasteriseText(
  item: Pick<TextItem, 'text' | 'x' | 'y' | 'fontSize'>,
  fontPath: string = labelFontPath(),
): Promise<TextBitmap | null> {
  const { canvas, family } = await canvasWithFont(fontPath);
  const font = `${item.fontSize}px "${family}"`;

  // The canvas covers the glyphs' measured box with one spare dot on each side for antialiasing.
  const probe = canvas.createCanvas(1, 1).getContext('2d');
  probe.font = font;
  const box = probe.measureText(item.text);
  const left = Math.floor(item.x - box.actualBoundingBoxLeft) - 1;
  const top = Math.floor(item.y - box.actualBoundingBoxAscent) - 1;
  const width = Math.ceil(item.x + box.actualBoundingBoxRight) + 1 - left;
  const height = Math.ceil(item.y + box.actualBoundingBoxDescent) + 1 - top;
  if (width <= 0 || height <= 0) {
    return null;
  }

  const surface = canvas.createCanvas(width, height);
  const context = surface.getContext('2d');
  context.font = font;
  context.fillStyle = '#000000';
  context.textBaseline = 'alphabetic';
  context.fillText(item.text, item.x - left, item.y - top);
  const alpha = context.getImageData(0, 0, width, height).data;
  const isInk = (column: number, row: number): boolean => alpha[(row * width + column) * 4 + 3]! >= INK_ALPHA;

  return packInk(isInk, width, height, left, top);
}

/** Crops the ink to its bounding box and packs it 8 dots to a byte; null when there is no ink. */
function packInk(
  isInk: (column: number, row: number) => boolean,
  width: number,
  height: number,
  left: number,
  top: number,
): TextBitmap | null {
  let minColumn = width;
  let maxColumn = -1;
  let minRow = height;
  let maxRow = -1;
  for (let row = 0; row < height; row++) {
    for (let column = 0; column < width; column++) {
      if (isInk(column, row)) {
        minColumn = Math.min(minColumn, column);
        maxColumn = Math.max(maxColumn, column);
        minRow = Math.min(minRow, row);
        maxRow = Math.max(maxRow, row);
      }
    }
  }
  if (maxColumn < 0) {
    return null;
  }

  const widthBytes = Math.ceil((maxColumn - minColumn + 1) / 8);
  const rows = maxRow - minRow + 1;
  const data = Buffer.alloc(widthBytes * rows);
  for (let row = 0; row < rows; row++) {
    for (let column = minColumn; column <= maxColumn; column++) {
      if (isInk(column, minRow + row)) {
        const offset = column - minColumn;
        data[row * widthBytes + (offset >> 3)]! |= 0x80 >> (offset & 7);
      }
    }
  }
  return { x: left + minColumn, y: top + minRow, widthBytes, height: rows, data };
}
