import type { Font } from 'fontkit';
import type { TextItem } from '../../shared/labels/types.ts';
import { labelFontPath, loadFont } from '../pdf/font.ts';
import { GlyphMasks, packInk, type GlyphMask } from './glyph-masks.ts';

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

/**
 * Glyph origins are rounded to this fraction of a dot, horizontally and vertically, so each glyph of a
 * font size is drawn at most 16 times. Quarter dots reproduce the whole-text canvas drawing to within a
 * few edge dots, as text-bitmap.test.ts checks.
 */
const SUBDOT_STEPS = 4;

/** Distinct text runs whose glyph layout is kept per font before that cache starts over. */
const RUN_CACHE_LIMIT = 20_000;

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
 * Draws the whole text in one canvas call, the way the PDF draws it (same font, size, left edge and
 * baseline), and returns its ink in label dots, or null when the text has no ink. This is the reference
 * that `rasteriseText` reproduces, and its fallback for text that glyph composition cannot draw.
 * Costs about 0.25 ms a text, most of it in reading the pixels back.
 */
export async function rasteriseTextWithCanvas(
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

  const packed = packInk(isInk, width, height);
  return packed === null
    ? null
    : {
        x: left + packed.left,
        y: top + packed.top,
        widthBytes: packed.widthBytes,
        height: packed.height,
        data: packed.bits,
      };
}

/** A text run's glyphs and advances in font units, or null when glyph composition cannot draw it. */
type RunLayout = { glyphIds: number[]; characters: string[]; advances: number[] } | null;

/** Per font: its fontkit object, the glyph masks drawn so far and the layout of recent text runs. */
interface FontState {
  font: Font;
  masks: GlyphMasks;
  runs: Map<string, RunLayout>;
}

const fontStates = new Map<string, Promise<FontState>>();

function fontState(fontPath: string): Promise<FontState> {
  let state = fontStates.get(fontPath);
  if (state === undefined) {
    state = (async () => {
      const font = await loadFont(fontPath);
      const { canvas, family } = await canvasWithFont(fontPath);
      return { font, masks: new GlyphMasks(font, canvas, family, SUBDOT_STEPS), runs: new Map() };
    })();
    fontStates.set(fontPath, state);
    state.catch(() => fontStates.delete(fontPath));
  }
  return state;
}

/** Right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo and their presentation forms). */
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/u;

/**
 * Lays out one run with fontkit, as pdfkit's embedded font does. Returns null when a glyph has an x or
 * y offset (a positioned combining mark) or the font has no glyph for a character (the canvas would
 * fall back to another font), because single glyph masks cannot reproduce either.
 */
function layoutRun(state: FontState, run: string): RunLayout {
  if (state.runs.has(run)) {
    return state.runs.get(run) ?? null;
  }
  const glyphRun = state.font.layout(run);
  let layout: RunLayout = { glyphIds: [], characters: [], advances: [] };
  for (let index = 0; index < glyphRun.glyphs.length; index++) {
    const glyph = glyphRun.glyphs[index]!;
    const position = glyphRun.positions[index]!;
    if (glyph.id === 0 || position.xOffset !== 0 || position.yOffset !== 0) {
      layout = null;
      break;
    }
    layout.glyphIds.push(glyph.id);
    layout.characters.push(String.fromCodePoint(...glyph.codePoints));
    layout.advances.push(position.xAdvance);
  }
  if (state.runs.size >= RUN_CACHE_LIMIT) {
    state.runs.clear();
  }
  state.runs.set(run, layout);
  return layout;
}

/**
 * Draws a text item the way the PDF draws it (same font, size, left edge and baseline) and returns
 * the ink as a bitmap in label dots, or null when the text has no ink (only spaces, for example).
 * `fontPath` defaults to the label font the layout measured with.
 *
 * Glyphs are placed as pdfkit and the layout's metrics place them: fontkit lays out each run that ends
 * after a space or tab, with kerning inside a run and none across a space. Each glyph of a font size is
 * drawn with the canvas once per quarter-dot position and kept as a 1-bit mask, and a text is the union
 * of its glyphs' masks. Right-to-left text, text with positioned combining marks and text with
 * characters the font lacks are drawn with the canvas as a whole (`rasteriseTextWithCanvas`).
 *
 * NOTE: a dot that two glyphs' antialiased edges each cover less than half prints blank here. The canvas
 * blends both edges and may print it, so the two drawings can differ in a few edge dots of a text.
 */
export async function rasteriseText(
  item: Pick<TextItem, 'text' | 'x' | 'y' | 'fontSize'>,
  fontPath: string = labelFontPath(),
): Promise<TextBitmap | null> {
  const state = await fontState(fontPath);
  if (RIGHT_TO_LEFT.test(item.text)) {
    return rasteriseTextWithCanvas(item, fontPath);
  }

  // Glyph origins in quarter dots: x of each glyph, and one baseline for all. Advances are scaled by the
  // font size rounded down to 1/64 dot, because the canvas (@napi-rs/canvas 1.2, Skia) measures and
  // draws at that size, as its measureText widths show. That size differs from the PDF's by less than 0.07%.
  const unitsToDots = Math.floor(item.fontSize * 64) / 64 / state.font.unitsPerEm;
  const baseline = Math.round(item.y * SUBDOT_STEPS);
  const masks: Array<GlyphMask | null> = [];
  const origins: number[] = [];
  let pen = 0;
  let runStart = 0;
  const text = item.text;
  for (let index = 0; index <= text.length; index++) {
    const character = text[index];
    if (index < text.length && character !== ' ' && character !== '\t') {
      continue;
    }
    const end = index < text.length ? index + 1 : index;
    if (end > runStart) {
      const layout = layoutRun(state, text.slice(runStart, end));
      if (layout === null) {
        return rasteriseTextWithCanvas(item, fontPath);
      }
      for (let glyph = 0; glyph < layout.glyphIds.length; glyph++) {
        const origin = Math.round((item.x + pen * unitsToDots) * SUBDOT_STEPS);
        const glyphId = layout.glyphIds[glyph]!;
        const mask = state.masks.get(item.fontSize, glyphId, layout.characters[glyph]!, origin, baseline);
        if (mask === undefined) {
          // The glyph cannot be drawn on its own (a contextual form), so the text is drawn whole.
          return rasteriseTextWithCanvas(item, fontPath);
        }
        masks.push(mask);
        origins.push(origin);
        pen += layout.advances[glyph]!;
      }
    }
    runStart = end;
  }

  return composeMasks(masks, origins, baseline);
}

/** Places each glyph's mask at its origin (in quarter dots) and returns the union, cropped to its ink. */
function composeMasks(
  masks: ReadonlyArray<GlyphMask | null>,
  origins: readonly number[],
  baseline: number,
): TextBitmap | null {
  const baselineDot = Math.floor(baseline / SUBDOT_STEPS);
  let left = Infinity;
  let right = -Infinity;
  let top = Infinity;
  let bottom = -Infinity;
  for (let index = 0; index < masks.length; index++) {
    const mask = masks[index];
    if (mask === null || mask === undefined) {
      continue;
    }
    const x = Math.floor(origins[index]! / SUBDOT_STEPS) + mask.left;
    const y = baselineDot + mask.top;
    left = Math.min(left, x);
    right = Math.max(right, x + mask.width);
    top = Math.min(top, y);
    bottom = Math.max(bottom, y + mask.height);
  }
  if (left === Infinity) {
    return null;
  }

  const widthBytes = Math.ceil((right - left) / 8);
  const height = bottom - top;
  const data = Buffer.alloc(widthBytes * height);
  for (let index = 0; index < masks.length; index++) {
    const mask = masks[index];
    if (mask === null || mask === undefined) {
      continue;
    }
    const offset = Math.floor(origins[index]! / SUBDOT_STEPS) + mask.left - left;
    const firstByte = offset >> 3;
    const shift = offset & 7;
    const bits = mask.bits;
    const maskBytes = mask.widthBytes;
    let target = (baselineDot + mask.top - top) * widthBytes + firstByte;
    let source = 0;
    for (let row = 0; row < mask.height; row++) {
      for (let column = 0; column < maskBytes; column++) {
        const byte = bits[source + column]!;
        data[target + column]! |= byte >> shift;
        if (shift !== 0 && firstByte + column + 1 < widthBytes) {
          data[target + column + 1]! |= (byte << (8 - shift)) & 0xff;
        }
      }
      source += maskBytes;
      target += widthBytes;
    }
  }
  return { x: left, y: top, widthBytes, height, data };
}
