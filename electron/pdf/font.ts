import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import type { FontMetrics } from '../../shared/labels/types.ts';

const require = createRequire(import.meta.url);

/** Widths of this many distinct word runs are kept per font before the cache starts over. */
const WIDTH_CACHE_LIMIT = 10_000;

const fontFiles = new Map<string, Promise<Buffer>>();
const fontMetrics = new Map<string, Promise<FontMetrics>>();

/** Returns the path of DejaVu Sans, the one font every label is measured and drawn with. */
export function labelFontPath(): string {
  return require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
}

/** Reads a font file once per path; the PDF writer embeds these bytes so it draws with the measured font. */
export function readFontFile(path: string = labelFontPath()): Promise<Buffer> {
  let file = fontFiles.get(path);
  if (file === undefined) {
    file = readFile(path);
    fontFiles.set(path, file);
    // A failed read is not cached, so a later call can succeed once the file is there.
    file.catch(() => fontFiles.delete(path));
  }
  return file;
}

/**
 * Loads the metrics of a TrueType font (DejaVu Sans unless `path` is given), cached per path.
 * Widths come from the same layout pdfkit uses when it draws, so measured and drawn text agree.
 */
export function loadFontMetrics(path: string = labelFontPath()): Promise<FontMetrics> {
  let metrics = fontMetrics.get(path);
  if (metrics === undefined) {
    metrics = readFontFile(path).then((data) => createFontMetrics(openFont(data, path)));
    fontMetrics.set(path, metrics);
    metrics.catch(() => fontMetrics.delete(path));
  }
  return metrics;
}

function openFont(data: Buffer, path: string): Font {
  const font = fontkit.create(data);
  if ('fonts' in font) {
    throw new Error(`${path} is a font collection; the label font must be a single TrueType font`);
  }
  return font;
}

function createFontMetrics(font: Font): FontMetrics {
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
      // pdfkit 0.20 lays text out word by word: each run ends after a space or tab and keeps it, so no
      // kerning applies across a space. Measuring the same runs makes the width equal to what it draws.
      let units = 0;
      let start = 0;
      for (let index = 0; index < text.length; index++) {
        const char = text[index];
        if (char === ' ' || char === '\t') {
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
