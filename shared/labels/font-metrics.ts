import type { Font } from 'fontkit';
import type { FontMetrics } from './types.ts';

/** Widths of this many distinct word runs are kept per font before the cache starts over. */
const WIDTH_CACHE_LIMIT = 10_000;

/**
 * Builds label font metrics from a font parsed by fontkit. Main (for the PDF) and the renderer (for the
 * preview) both use this, so names break at the same places in both. Text is measured in runs that end
 * after each space or tab and keep it, because pdfkit 0.20 lays text out word by word and applies no
 * kerning across a space; the measured width then equals what pdfkit draws.
 */
export function createFontkitMetrics(font: Font): FontMetrics {
  const unitsPerEm = font.unitsPerEm;
  const runWidths = new Map<string, number>();

  // Advance width of one run in font units, with kerning and ligatures applied by fontkit.
  const runWidth = (run: string): number => {
    let width = runWidths.get(run);
    if (width === undefined) {
      width = font.layout(run).advanceWidth;
      if (runWidths.size >= WIDTH_CACHE_LIMIT) {
        runWidths.clear();
      }
      runWidths.set(run, width);
    }
    return width;
  };

  return {
    widthOf(text: string, fontSize: number): number {
      let units = 0;
      let start = 0;
      for (let index = 0; index < text.length; index++) {
        const character = text[index];
        if (character === ' ' || character === '\t') {
          units += runWidth(text.slice(start, index + 1));
          start = index + 1;
        }
      }
      if (start < text.length) {
        units += runWidth(text.slice(start));
      }
      return (units / unitsPerEm) * fontSize;
    },
    ascent: font.ascent / unitsPerEm,
    descent: Math.abs(font.descent) / unitsPerEm,
    hasGlyph(codePoint: number): boolean {
      return font.hasGlyphForCodePoint(codePoint);
    },
  };
}
