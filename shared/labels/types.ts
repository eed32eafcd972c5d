/**
 * The label model that every output shares. Lengths in templates are millimetres; a laid-out label
 * (a `LabelDrawing`) is in printer dots at the job's dpi, origin top left, y growing downwards, so that
 * barcode bars can sit exactly on the printer's dot grid.
 */

export const SUPPORTED_DPI = [203, 300, 600] as const;
export type Dpi = (typeof SUPPORTED_DPI)[number];

export type Symbology = 'ean13' | 'ean8' | 'upca' | 'code128';

/** A reason a line cannot be printed (`error`) or prints with a caveat (`warning`). */
export type LineProblemCode =
  | 'code_missing'
  | 'code_not_text'
  | 'code_not_encodable'
  | 'code_too_long'
  | 'check_digit_invalid'
  | 'quantity_invalid'
  | 'quantity_negative'
  | 'quantity_fractional'
  | 'quantity_too_large'
  | 'name_missing'
  | 'glyph_missing'
  | 'duplicate_variant';

export interface LineProblem {
  code: LineProblemCode;
  severity: 'error' | 'warning';
  /** Placeholder values for the translated message `lines.<code>`. */
  params: Record<string, string | number>;
}

/** One document line after validation: fields keep DealPOS's meaning, `code` is trimmed text. */
export interface DocumentLine {
  /** 1-based position in the DealPOS response, used in every message about the line. */
  lineNumber: number;
  variantId: string | null;
  name: string;
  /** Trimmed variant code, or null when DealPOS sent none or sent something other than text. */
  code: string | null;
  /** Whole, non-negative units, or null when the value cannot be used. */
  quantity: number | null;
  /** Price from the document: for a bill this is the purchase price (cost). */
  unitPrice: number | null;
  problems: LineProblem[];
}

/** Per-line changes the clerk makes before printing. */
export interface LineOverride {
  quantity?: number;
  include?: boolean;
}

/** A filled rectangle in dots; bars of a barcode are rectangles whose x and width are whole dots. */
export interface RectItem {
  kind: 'rect';
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A barcode with its bars already laid out, kept whole so raw printer languages can use native commands. */
export interface BarcodeItem {
  kind: 'barcode';
  symbology: Symbology;
  /** The text the barcode encodes. */
  data: string;
  x: number;
  y: number;
  /** Module (narrowest bar) width in whole dots. */
  moduleDots: number;
  height: number;
  /** Width of the bars from first to last, without quiet zones. */
  width: number;
  /** Dark runs with adjacent modules merged, in label dots. */
  bars: RectItem[];
}

export type TextRole = 'name' | 'code' | 'price' | 'document';

/** One line of text. `y` is the baseline; `x` is the left edge of the run after alignment. */
export interface TextItem {
  kind: 'text';
  role: TextRole;
  text: string;
  x: number;
  y: number;
  /** Font size in dots (points = dots * 72 / dpi). */
  fontSize: number;
  /** Measured advance width in dots. */
  width: number;
}

export type DisplayItem = RectItem | BarcodeItem | TextItem;

/** One laid-out label: what every output (PDF, preview, printers) draws. */
export interface LabelDrawing {
  dpi: Dpi;
  widthDots: number;
  heightDots: number;
  items: DisplayItem[];
}

/**
 * Font measurements the layout needs. Main implements it with the embedded font file, the renderer
 * with the same font, so the preview and the PDF break lines in the same places.
 */
export interface FontMetrics {
  /** Advance width of `text` at `fontSize`, in the same unit as `fontSize`. */
  widthOf(text: string, fontSize: number): number;
  /** Ascent above the baseline per unit of font size (for example 0.93). */
  ascent: number;
  /** Descent below the baseline per unit of font size, as a positive number. */
  descent: number;
  /** Whether the font has a glyph for this code point. */
  hasGlyph(codePoint: number): boolean;
}
