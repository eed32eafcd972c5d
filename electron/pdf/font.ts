import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import { createFontkitMetrics } from '../../shared/labels/font-metrics.ts';
import type { FontMetrics } from '../../shared/labels/types.ts';

const require = createRequire(import.meta.url);

const fontFiles = new Map<string, Promise<Buffer>>();
const fontMetrics = new Map<string, Promise<FontMetrics>>();
const parsedFonts = new Map<string, Promise<Font>>();

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
    metrics = loadFont(path).then(createFontkitMetrics);
    fontMetrics.set(path, metrics);
    metrics.catch(() => fontMetrics.delete(path));
  }
  return metrics;
}

/** Parses a TrueType font with fontkit once per path, for code that needs its glyphs and layout. */
export function loadFont(path: string = labelFontPath()): Promise<Font> {
  let font = parsedFonts.get(path);
  if (font === undefined) {
    font = readFontFile(path).then((data) => openFont(data, path));
    parsedFonts.set(path, font);
    font.catch(() => parsedFonts.delete(path));
  }
  return font;
}

function openFont(data: Buffer, path: string): Font {
  const font = fontkit.create(data);
  if ('fonts' in font) {
    throw new Error(`${path} is a font collection; the label font must be a single TrueType font`);
  }
  return font;
}
