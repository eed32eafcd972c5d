import { createRequire } from 'node:module';
import type {
  BarcodeItem,
  Dpi,
  FontMetrics,
  LabelDrawing,
  RectItem,
  Symbology,
} from '../../../shared/labels/types.ts';

// Hand-made label drawings for the PDF writer tests, with bars from JsBarcode's encoders, so these tests
// do not depend on the layout engine.

interface JsBarcodeEncoding {
  data: string;
}
interface JsBarcodeEncoder {
  valid(): boolean;
  encode(): JsBarcodeEncoding | JsBarcodeEncoding[];
}
type JsBarcodeEncoderClass = new (data: string, options: object) => JsBarcodeEncoder;

// JsBarcode ships CommonJS without type declarations; its encoders are the `default` export of this file.
const require = createRequire(import.meta.url);
const encoders = (
  require('jsbarcode/bin/barcodes/index.js') as { default: Record<string, JsBarcodeEncoderClass> }
).default;

const ENCODER_NAMES: Record<Symbology, string> = {
  code128: 'CODE128',
  ean13: 'EAN13',
  ean8: 'EAN8',
  upca: 'UPC',
};

/** Returns JsBarcode's module pattern for `data`: one character per module, '1' dark and '0' light. */
export function encodeModules(symbology: Symbology, data: string): string {
  const Encoder = encoders[ENCODER_NAMES[symbology]];
  if (Encoder === undefined) {
    throw new Error(`JsBarcode has no encoder for ${symbology}`);
  }
  const encoder = new Encoder(data, {});
  if (!encoder.valid()) {
    throw new Error(`JsBarcode rejects ${symbology} data ${data}`);
  }
  const encoded = encoder.encode();
  return (Array.isArray(encoded) ? encoded : [encoded]).map((part) => part.data).join('');
}

/** Lays out a barcode at (x, y) with adjacent dark modules merged into one bar. */
export function barcodeItem(
  symbology: Symbology,
  data: string,
  at: { x: number; y: number; moduleDots: number; height: number },
): BarcodeItem {
  const modules = encodeModules(symbology, data);
  const bars: RectItem[] = [];
  let runStart = -1;
  for (let index = 0; index <= modules.length; index++) {
    const dark = modules[index] === '1';
    if (dark && runStart < 0) {
      runStart = index;
    } else if (!dark && runStart >= 0) {
      const width = (index - runStart) * at.moduleDots;
      bars.push({ kind: 'rect', x: at.x + runStart * at.moduleDots, y: at.y, width, height: at.height });
      runStart = -1;
    }
  }
  return {
    kind: 'barcode',
    symbology,
    data,
    x: at.x,
    y: at.y,
    moduleDots: at.moduleDots,
    height: at.height,
    width: modules.length * at.moduleDots,
    bars,
  };
}

/** Converts millimetres to whole dots at `dpi`. */
export function mmToDots(mm: number, dpi: number): number {
  return Math.round((mm / 25.4) * dpi);
}

/**
 * Builds a label: the barcode centred near the top with 10-module quiet zones kept clear, and one
 * line of text centred under it with its baseline `fontSize` below the bars.
 */
export function sampleLabel(options: {
  metrics: FontMetrics;
  dpi?: Dpi;
  widthMm: number;
  heightMm: number;
  symbology: Symbology;
  data: string;
  moduleDots: number;
  barHeightMm: number;
  text: string;
  fontSizePt: number;
}): LabelDrawing {
  const dpi = options.dpi ?? 203;
  const widthDots = mmToDots(options.widthMm, dpi);
  const heightDots = mmToDots(options.heightMm, dpi);
  const symbolWidth = encodeModules(options.symbology, options.data).length * options.moduleDots;
  const quietZone = 10 * options.moduleDots;
  if (symbolWidth + 2 * quietZone > widthDots) {
    throw new Error(
      `${options.data} with quiet zones is ${symbolWidth + 2 * quietZone} dots, wider than the label`,
    );
  }
  const barTop = Math.round(heightDots * 0.08);
  const barcode = barcodeItem(options.symbology, options.data, {
    x: Math.floor((widthDots - symbolWidth) / 2),
    y: barTop,
    moduleDots: options.moduleDots,
    height: mmToDots(options.barHeightMm, dpi),
  });
  const fontSize = (options.fontSizePt * dpi) / 72;
  const textWidth = options.metrics.widthOf(options.text, fontSize);
  return {
    dpi,
    widthDots,
    heightDots,
    items: [
      barcode,
      {
        kind: 'text',
        role: 'name',
        text: options.text,
        x: (widthDots - textWidth) / 2,
        y: barcode.y + barcode.height + fontSize,
        fontSize,
        width: textWidth,
      },
    ],
  };
}
