import type { Font } from 'fontkit';

type CanvasModule = typeof import('@napi-rs/canvas');

/**
 * The ink of one glyph drawn at one sub-dot position, as 1-bit rows with the most significant bit
 * leftmost. `left` and `top` place the first column and row relative to the whole dot that contains the
 * glyph's origin (its left edge on the baseline).
 */
export interface GlyphMask {
  left: number;
  top: number;
  /** Columns of ink. */
  width: number;
  widthBytes: number;
  height: number;
  bits: Uint8Array;
}

/** A pixel counts as ink from this alpha up, as in the whole-text canvas drawing. */
const INK_ALPHA = 128;

/** Maximum masks cached per font before the cache starts over, about 200 bytes each at label sizes. */
const MASK_CACHE_LIMIT = 50_000;

/**
 * Glyph masks of one font, each drawn with the canvas the first time a glyph, size and sub-dot position
 * is needed. A mask value of null is a glyph without ink, such as a space. Undefined marks a glyph that
 * the canvas would draw differently on its own, such as a contextual form that its characters alone do
 * not select.
 */
export class GlyphMasks {
  readonly #font: Font;
  readonly #canvas: CanvasModule;
  readonly #family: string;
  readonly #steps: number;
  /** Keyed by font size, then by glyph id × steps² + sub-dot row × steps + sub-dot column. */
  readonly #masks = new Map<number, Map<number, GlyphMask | null | undefined>>();
  #count = 0;
  #probe: ReturnType<ReturnType<CanvasModule['createCanvas']>['getContext']> | undefined;

  constructor(font: Font, canvas: CanvasModule, family: string, steps: number) {
    this.#font = font;
    this.#canvas = canvas;
    this.#family = family;
    this.#steps = steps;
  }

  /**
   * Returns the mask of `glyphId` at `fontSize` dots with its origin at (`x`, `y`), both counted in
   * 1/steps of a dot. `characters` are the code points the glyph was laid out from.
   */
  get(
    fontSize: number,
    glyphId: number,
    characters: string,
    x: number,
    y: number,
  ): GlyphMask | null | undefined {
    const steps = this.#steps;
    const column = ((x % steps) + steps) % steps;
    const row = ((y % steps) + steps) % steps;
    let masks = this.#masks.get(fontSize);
    if (masks === undefined) {
      masks = new Map();
      this.#masks.set(fontSize, masks);
    }
    const key = (glyphId * steps + row) * steps + column;
    if (masks.has(key)) {
      return masks.get(key);
    }

    if (this.#count >= MASK_CACHE_LIMIT) {
      this.#masks.clear();
      this.#count = 0;
      masks = new Map();
      this.#masks.set(fontSize, masks);
    }
    // One canvas call draws the glyph at every sub-dot column of this row, which later texts will need.
    const drawn = this.#drawsAlone(glyphId, characters)
      ? this.#draw(fontSize, characters, row / steps)
      : Array.from({ length: steps }, () => undefined);
    const rowKey = (glyphId * steps + row) * steps;
    drawn.forEach((mask, index) => masks.set(rowKey + index, mask));
    this.#count += steps;
    return drawn[column];
  }

  /** Whether laying out `characters` on their own gives exactly this glyph, unmoved. */
  #drawsAlone(glyphId: number, characters: string): boolean {
    const run = this.#font.layout(characters);
    const position = run.positions[0];
    return (
      run.glyphs.length === 1 &&
      run.glyphs[0]!.id === glyphId &&
      position !== undefined &&
      position.xOffset === 0 &&
      position.yOffset === 0
    );
  }

  /**
   * Draws the characters once for each sub-dot column, with their origin `dy` dots below a whole dot,
   * side by side on one canvas, and returns the masks in column order.
   */
  #draw(fontSize: number, characters: string, dy: number): Array<GlyphMask | null> {
    const steps = this.#steps;
    const font = `${fontSize}px "${this.#family}"`;
    this.#probe ??= this.#canvas.createCanvas(1, 1).getContext('2d');
    this.#probe.font = font;
    const box = this.#probe.measureText(characters);
    // Two spare dots around the measured box leave room for antialiasing and the sub-dot shift.
    const originX = Math.ceil(box.actualBoundingBoxLeft) + 2;
    const originY = Math.ceil(box.actualBoundingBoxAscent) + 2;
    const cellWidth = Math.max(1, originX + Math.ceil(box.actualBoundingBoxRight) + 3);
    const height = Math.max(1, originY + Math.ceil(box.actualBoundingBoxDescent) + 3);
    const width = cellWidth * steps;

    const context = this.#canvas.createCanvas(width, height).getContext('2d');
    context.font = font;
    context.fillStyle = '#000000';
    context.textBaseline = 'alphabetic';
    for (let column = 0; column < steps; column++) {
      context.fillText(characters, column * cellWidth + originX + column / steps, originY + dy);
    }
    const alpha = context.getImageData(0, 0, width, height).data;

    const masks: Array<GlyphMask | null> = [];
    for (let column = 0; column < steps; column++) {
      const cellLeft = column * cellWidth;
      const isInk = (x: number, y: number): boolean =>
        alpha[(y * width + cellLeft + x) * 4 + 3]! >= INK_ALPHA;
      const packed = packInk(isInk, cellWidth, height);
      masks.push(
        packed === null
          ? null
          : {
              left: packed.left - originX,
              top: packed.top - originY,
              width: packed.width,
              widthBytes: packed.widthBytes,
              height: packed.height,
              bits: packed.bits,
            },
      );
    }
    return masks;
  }
}

/** Crops the ink to its bounding box and packs it 8 dots to a byte. Returns null when there is no ink. */
export function packInk(
  isInk: (column: number, row: number) => boolean,
  width: number,
  height: number,
): { left: number; top: number; width: number; widthBytes: number; height: number; bits: Buffer } | null {
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

  const inkWidth = maxColumn - minColumn + 1;
  const widthBytes = Math.ceil(inkWidth / 8);
  const rows = maxRow - minRow + 1;
  const bits = Buffer.alloc(widthBytes * rows);
  for (let row = 0; row < rows; row++) {
    for (let column = minColumn; column <= maxColumn; column++) {
      if (isInk(column, minRow + row)) {
        const offset = column - minColumn;
        bits[row * widthBytes + (offset >> 3)]! |= 0x80 >> (offset & 7);
      }
    }
  }
  return { left: minColumn, top: minRow, width: inkWidth, widthBytes, height: rows, bits };
}
