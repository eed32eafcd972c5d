import { formatRupiah } from '../i18n/index.ts';
import {
  QUIET_ZONE_MODULES,
  encodeModules,
  maximumModuleDots,
  millimetresToDots,
  minimumModuleDots,
} from './symbology.ts';
import type { LabelTemplate } from './templates.ts';
import { fitText } from './text-fit.ts';
import type {
  BarcodeItem,
  DisplayItem,
  Dpi,
  FontMetrics,
  LabelDrawing,
  LineProblem,
  RectItem,
  Symbology,
  TextItem,
  TextRole,
} from './types.ts';

/** The content of one label. */
export interface LabelContent {
  lineNumber: number;
  name: string;
  code: string;
  symbology: Symbology;
  /** Amount in Rupiah, printed only when the job requests prices and the template shows them. */
  price: number | null;
  documentNumber: string | null;
}

export interface LayoutOptions {
  template: LabelTemplate;
  dpi: Dpi;
  showPrice: boolean;
  metrics: FontMetrics;
}

export type LayoutResult =
  { ok: true; drawing: LabelDrawing; warnings: LineProblem[] } | { ok: false; problem: LineProblem };

/** Space between stacked blocks, and line spacing as a multiple of the font size. */
const BLOCK_GAP_MM = 0.4;
const LINE_HEIGHT = 1.15;
/** Name font sizes are tried in these steps between the template's size and its minimum. */
const FONT_STEP_PT = 0.5;
/** Below this height a barcode is hard to hit with a handheld scanner's line. */
const MIN_BARCODE_HEIGHT_MM = 4;

const pointsToDots = (points: number, dpi: number): number => (points * dpi) / 72;

/**
 * Returns how far a barcode's quiet zone may extend past the label's left and right edges: half the blank gap
 * between neighbouring labels on a multi-column roll, and nothing where labels touch or stand alone.
 */
export function quietZoneAllowanceMm(template: LabelTemplate): number {
  if (template.media !== 'roll' || template.grid.columns < 2) {
    return 0;
  }
  const gap = template.grid.pitchXMm - template.label.widthMm;
  return Math.max(0, Math.min(gap / 2, template.grid.marginLeftMm));
}

/** Replaces characters the font cannot draw with "?" and lists them, so nothing prints as a blank box. */
function replaceMissingGlyphs(text: string, metrics: FontMetrics): { text: string; missing: string[] } {
  const missing: string[] = [];
  let result = '';
  for (const character of text) {
    const codePoint = character.codePointAt(0) ?? 0;
    if (character === ' ' || metrics.hasGlyph(codePoint)) {
      result += character;
    } else {
      if (!missing.includes(character)) {
        missing.push(character);
      }
      result += '?';
    }
  }
  return { text: result, missing };
}

/** Merges runs of dark modules into rectangles whose x and width are whole dots. */
function barsFromModules(
  modules: string,
  x: number,
  y: number,
  moduleDots: number,
  height: number,
): RectItem[] {
  const bars: RectItem[] = [];
  let runStart = -1;
  for (let index = 0; index <= modules.length; index++) {
    const dark = modules[index] === '1';
    if (dark && runStart < 0) {
      runStart = index;
    } else if (!dark && runStart >= 0) {
      bars.push({
        kind: 'rect',
        x: x + runStart * moduleDots,
        y,
        width: (index - runStart) * moduleDots,
        height,
      });
      runStart = -1;
    }
  }
  return bars;
}

/** Shrinks a single line of text until it fits `maxWidth`, down to `minFontSize`. */
function singleLineText(
  role: TextRole,
  text: string,
  fontSize: number,
  minFontSize: number,
  maxWidth: number,
  metrics: FontMetrics,
): TextItem | null {
  let size = fontSize;
  while (metrics.widthOf(text, size) > maxWidth && size > minFontSize) {
    size = Math.max(minFontSize, size * 0.9);
  }
  const width = metrics.widthOf(text, size);
  if (width > maxWidth) {
    return null;
  }
  return { kind: 'text', role, text, x: 0, y: 0, fontSize: size, width };
}

/**
 * Code 128 start (11), check (11) and stop (13) modules. An 11-module data symbol contains up to two digits.
 */
const CODE128_FRAME_MODULES = 35;

function codeTooLong(content: LabelContent, template: LabelTemplate): LayoutResult {
  return {
    ok: false,
    problem: {
      code: 'code_too_long',
      severity: 'error',
      params: { line: content.lineNumber, code: content.code, labelWidth: template.label.widthMm },
    },
  };
}

/**
 * Lays out one label as a display list in printer dots. The barcode's module is the widest whole number
 * of dots that fits the label with its quiet zones, so every bar edge falls on the printer's dot grid. A
 * code that needs a module below the readable minimum is refused instead of printed unreadable.
 */
export function layoutLabel(content: LabelContent, options: LayoutOptions): LayoutResult {
  const { template, dpi, metrics } = options;
  const fields = template.fields;
  const toDots = (millimetres: number): number => millimetresToDots(millimetres, dpi);

  const widthDots = toDots(template.label.widthMm);
  const heightDots = toDots(template.label.heightMm);
  const padding = toDots(template.paddingMm);
  const innerWidth = widthDots - 2 * padding;
  const gap = toDots(BLOCK_GAP_MM);
  const warnings: LineProblem[] = [];
  const items: DisplayItem[] = [];

  // Barcode geometry first: it decides whether the label can exist at all. Quiet zones only need to be
  // blank, so on a roll with gaps they may reach into the half of the gap beside each label.
  // JsBarcode 3.12's Code 128 encoder recurses once per character and overflowed Node 20's call stack on a
  // 10,000-character code, so a code that cannot fit even at the smallest module is refused before encoding.
  // NOTE: a template that hides the barcode still encodes the code, so such a code still throws there.
  const minimumModules = 11 * Math.ceil(content.code.length / 2) + CODE128_FRAME_MODULES;
  const cannotFit =
    content.symbology === 'code128' && minimumModules * minimumModuleDots('code128', dpi) > widthDots;
  if (fields.barcode.show && cannotFit) {
    return codeTooLong(content, template);
  }
  const modules = encodeModules(content.code, content.symbology);
  const quiet = QUIET_ZONE_MODULES[content.symbology];
  const totalModules = modules.length + quiet.left + quiet.right;
  const quietAllowance = toDots(quietZoneAllowanceMm(template));
  const moduleDots = Math.min(
    maximumModuleDots(content.symbology, dpi),
    Math.floor((widthDots + 2 * quietAllowance) / totalModules),
    Math.floor(widthDots / modules.length),
  );
  if (fields.barcode.show && moduleDots < minimumModuleDots(content.symbology, dpi)) {
    return codeTooLong(content, template);
  }

  // Name: up to maxLines lines, shrunk to the minimum size, then cut with an ellipsis.
  let nameLines: TextItem[] = [];
  let nameBlockHeight = 0;
  if (fields.name.show && content.name !== '') {
    const cleaned = replaceMissingGlyphs(content.name, metrics);
    if (cleaned.missing.length > 0) {
      warnings.push({
        code: 'glyph_missing',
        severity: 'warning',
        params: { line: content.lineNumber, characters: cleaned.missing.join(' ') },
      });
    }
    const fitted = fitText(
      cleaned.text,
      {
        maxWidth: innerWidth,
        maxLines: fields.name.maxLines,
        fontSize: pointsToDots(fields.name.fontSizePt, dpi),
        minFontSize: pointsToDots(fields.name.minFontSizePt, dpi),
        step: pointsToDots(FONT_STEP_PT, dpi),
      },
      metrics,
    );
    const lineHeight = fitted.fontSize * LINE_HEIGHT;
    nameLines = fitted.lines.map((line, index) => {
      const width = metrics.widthOf(line, fitted.fontSize);
      return {
        kind: 'text',
        role: 'name',
        text: line,
        x: padding + (innerWidth - width) / 2,
        y: padding + index * lineHeight + metrics.ascent * fitted.fontSize,
        fontSize: fitted.fontSize,
        width,
      };
    });
    nameBlockHeight = nameLines.length * lineHeight;
  }

  // Bottom row: price on the left, document number on the right (or either one alone, centred).
  const bottomItems: TextItem[] = [];
  if (options.showPrice && fields.price.show && content.price !== null) {
    const price = singleLineText(
      'price',
      formatRupiah(content.price),
      pointsToDots(fields.price.fontSizePt, dpi),
      pointsToDots(fields.price.fontSizePt, dpi) * 0.7,
      innerWidth,
      metrics,
    );
    if (price !== null) {
      bottomItems.push(price);
    }
  }
  if (fields.documentNumber.show && content.documentNumber !== null && content.documentNumber !== '') {
    const taken = bottomItems.reduce((sum, item) => sum + item.width + gap * 2, 0);
    const documentNumber = singleLineText(
      'document',
      content.documentNumber,
      pointsToDots(fields.documentNumber.fontSizePt, dpi),
      pointsToDots(3, dpi),
      innerWidth - taken,
      metrics,
    );
    if (documentNumber !== null) {
      bottomItems.push(documentNumber);
    }
  }
  const bottomHeight = bottomItems.reduce(
    (height, item) => Math.max(height, item.fontSize * (metrics.ascent + metrics.descent)),
    0,
  );
  const bottomBaseline =
    heightDots - padding - Math.max(...bottomItems.map((item) => item.fontSize * metrics.descent), 0);
  if (bottomItems.length === 1) {
    const only = bottomItems[0]!;
    only.x = padding + (innerWidth - only.width) / 2;
    only.y = bottomBaseline;
  } else if (bottomItems.length === 2) {
    const [left, right] = bottomItems as [TextItem, TextItem];
    left.x = padding;
    left.y = bottomBaseline;
    right.x = widthDots - padding - right.width;
    right.y = bottomBaseline;
  }

  // Code text under the barcode.
  let codeText: TextItem | null = null;
  if (fields.code.show) {
    codeText = singleLineText(
      'code',
      content.code,
      pointsToDots(fields.code.fontSizePt, dpi),
      pointsToDots(3, dpi),
      innerWidth,
      metrics,
    );
  }
  const codeHeight = codeText === null ? 0 : codeText.fontSize * (metrics.ascent + metrics.descent);

  // The barcode takes the space left between the name and the bottom row, up to the template's height.
  const top = padding + (nameBlockHeight > 0 ? nameBlockHeight + gap : 0);
  const bottom = heightDots - padding - (bottomHeight > 0 ? bottomHeight + gap : 0);
  const available = bottom - top - (codeHeight > 0 ? codeHeight + gap : 0);
  const barcodeHeight = fields.barcode.show
    ? Math.max(
        Math.min(toDots(fields.barcode.heightMm), available),
        Math.min(toDots(MIN_BARCODE_HEIGHT_MM), available),
      )
    : 0;
  let stackHeight = barcodeHeight;
  if (codeHeight > 0) {
    stackHeight += codeHeight + (barcodeHeight > 0 ? gap : 0);
  }
  const stackTop = Math.round(top + Math.max(0, (bottom - top - stackHeight) / 2));

  items.push(...nameLines);
  if (fields.barcode.show && barcodeHeight > 0) {
    const barWidth = modules.length * moduleDots;
    const symbolStart = Math.floor((widthDots - totalModules * moduleDots) / 2);
    const x = symbolStart + quiet.left * moduleDots;
    const height = Math.round(barcodeHeight);
    const barcode: BarcodeItem = {
      kind: 'barcode',
      symbology: content.symbology,
      data: content.code,
      x,
      y: stackTop,
      moduleDots,
      height,
      width: barWidth,
      bars: barsFromModules(modules, x, stackTop, moduleDots, height),
    };
    items.push(barcode);
  }
  if (codeText !== null) {
    codeText.x = (widthDots - codeText.width) / 2;
    codeText.y =
      stackTop + (barcodeHeight > 0 ? barcodeHeight + gap : 0) + metrics.ascent * codeText.fontSize;
    items.push(codeText);
  }
  items.push(...bottomItems);

  return { ok: true, drawing: { dpi, widthDots, heightDots, items }, warnings };
}
