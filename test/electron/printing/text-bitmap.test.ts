import { describe, expect, it } from 'vitest';
import { loadFont } from '../../../electron/pdf/font.ts';
import {
  rasteriseText,
  rasteriseTextWithCanvas,
  type TextBitmap,
} from '../../../electron/printing/text-bitmap.ts';

// rasteriseText composes texts from glyph masks; rasteriseTextWithCanvas draws the whole text in one
// canvas call, as every text bitmap was drawn before. Both must print the same dots but for a few on the
// edges of glyphs, where a quarter-dot rounding or two overlapping antialiased edges tip a dot either way.

/** Ink dots of a bitmap as "x,y" strings in label dots. */
function inkDots(bitmap: TextBitmap | null): Set<string> {
  const dots = new Set<string>();
  if (bitmap === null) {
    return dots;
  }
  for (let row = 0; row < bitmap.height; row++) {
    for (let column = 0; column < bitmap.widthBytes * 8; column++) {
      if (bitmap.data[row * bitmap.widthBytes + (column >> 3)]! & (0x80 >> (column & 7))) {
        dots.add(`${bitmap.x + column},${bitmap.y + row}`);
      }
    }
  }
  return dots;
}

/** Dots set in one set and not the other. */
function differingDots(a: Set<string>, b: Set<string>): string[] {
  return [...[...a].filter((dot) => !b.has(dot)), ...[...b].filter((dot) => !a.has(dot))];
}

/** Returns whether one of a dot's eight neighbours is in `ink`. */
function touchesInk(dot: string, ink: Set<string>): boolean {
  const [x, y] = dot.split(',').map(Number) as [number, number];
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      if ((dx !== 0 || dy !== 0) && ink.has(`${x + dx},${y + dy}`)) {
        return true;
      }
    }
  }
  return false;
}

const NAMES = [
  'Kaos Polos Katun Combed 30s — Hitam (XL)',
  'Teh Melati Celup isi 25 — Hijau Army (43)',
  'Crème Pelembap Wajah Niacinamide 5%',
  'Kopi "Toraja" ‘Kalosi’ 250g',
  'Àçcéntš ÿ Ñoño naïve façade',
  'Beras Pandan Wangi 5 kg — «Premium»',
  'AVAWAY Tô Yo fi fl ffi',
  'Кофе молотый 250 г',
  'Ωμέγα Straße',
];
/** Font sizes in dots: whole and fractional, as the layout's fitted sizes are. */
const SIZES = [14, 18.27, 22.56, 28];
/** Baseline starts with whole, half and uneven fractions of a dot. */
const POSITIONS = [
  { x: 30.4, y: 140.6 },
  { x: 12, y: 50 },
  { x: 7.13, y: 33.9 },
];

describe('rasteriseText', () => {
  it('matches the whole-text canvas drawing', async () => {
    let worst = 0;
    for (const text of NAMES) {
      for (const fontSize of SIZES) {
        for (const position of POSITIONS) {
          const item = { text, fontSize, ...position };
          const reference = inkDots(await rasteriseTextWithCanvas(item));
          const composed = inkDots(await rasteriseText(item));
          const differing = differingDots(reference, composed);
          const where = `${JSON.stringify(text)} at ${fontSize} dots, x ${position.x}, y ${position.y}`;

          expect(reference.size, where).toBeGreaterThan(0);
          // A few dots, and never more than 1% of the text's ink.
          expect(differing.length, where).toBeLessThanOrEqual(Math.max(3, reference.size * 0.01));
          // Each differing dot sits on an edge: it touches ink of both drawings.
          for (const dot of differing) {
            expect(touchesInk(dot, reference), `${where}: ${dot} next to old ink`).toBe(true);
            expect(touchesInk(dot, composed), `${where}: ${dot} next to new ink`).toBe(true);
          }
          worst = Math.max(worst, differing.length);
        }
      }
    }
    // Almost every text matches to within 2 dots, but one or two cases round a glyph a quarter dot apart.
    expect(worst).toBeLessThanOrEqual(20);
  });

  it('draws text the font lacks like the canvas', async () => {
    // DejaVu Sans has no CJK glyphs, so the canvas falls back to another font for them.
    const font = await loadFont();
    expect(font.hasGlyphForCodePoint('茶'.codePointAt(0)!)).toBe(false);
    for (const text of ['日本茶 緑茶', 'Teh 茶 — Hijau']) {
      const item = { text, fontSize: 22.56, x: 30.4, y: 140.6 };
      expect(await rasteriseText(item)).toEqual(await rasteriseTextWithCanvas(item));
    }
  });

  it('draws combining marks like the canvas', async () => {
    // "e" followed by U+0301 COMBINING ACUTE ACCENT, which fontkit positions with an offset.
    const item = { text: 'Cafe\u0301 Kopi', fontSize: 22.56, x: 12, y: 50 };
    const differing = differingDots(
      inkDots(await rasteriseTextWithCanvas(item)),
      inkDots(await rasteriseText(item)),
    );
    expect(differing.length).toBeLessThanOrEqual(3);
  });

  it('returns null for text without ink', async () => {
    expect(await rasteriseText({ text: '   ', fontSize: 20, x: 10, y: 30 })).toBeNull();
    expect(await rasteriseText({ text: '', fontSize: 20, x: 10, y: 30 })).toBeNull();
  });

  it('crops to the ink with blank padding bits', async () => {
    const bitmap = (await rasteriseText({ text: 'Kopi — 250 g', fontSize: 22.56, x: 30.4, y: 140.6 }))!;
    expect(bitmap.data.length).toBe(bitmap.widthBytes * bitmap.height);
    const rowHasInk = (row: number): boolean =>
      bitmap.data.subarray(row * bitmap.widthBytes, (row + 1) * bitmap.widthBytes).some((byte) => byte !== 0);
    expect(rowHasInk(0)).toBe(true);
    expect(rowHasInk(bitmap.height - 1)).toBe(true);
    const firstColumn = Array.from(
      { length: bitmap.height },
      (_, row) => bitmap.data[row * bitmap.widthBytes]! & 0x80,
    );
    expect(firstColumn.some((bit) => bit !== 0)).toBe(true);
  });

  it('gives the same bitmap on every call', async () => {
    const item = { text: 'Sepatu Lari Pria — Biru Dongker (42)', fontSize: 18.27, x: 7.13, y: 33.9 };
    const first = await rasteriseText(item);
    expect(await rasteriseText(item)).toEqual(first);
  });
});
