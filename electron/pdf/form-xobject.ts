import { isDeepStrictEqual } from 'node:util';
import type { LabelDrawing, TextItem } from '../../shared/labels/types.ts';

// Draws each distinct label once as a PDF form XObject and places it on pages with one `Do` operator.
// pdfkit 0.20 has no public API for form XObjects, so this module writes the form's content stream itself.
// It registers forms the way `doc.image` registers image XObjects: `doc.ref()` makes the object and the
// page's `xobjects` dictionary names it. Text inside a form is encoded with pdfkit's embedded font object,
// so its glyphs land in the one font subset that pdfkit writes when the document ends. package.json pins
// pdfkit to exactly 0.20.2 because of these internals.

/** Glyph placement returned by pdfkit's `EmbeddedFont.encode`, in thousandths of the font size. */
interface GlyphPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

/** The parts of pdfkit 0.20's `EmbeddedFont` that text inside a form needs. */
interface EmbeddedFont {
  /** Resource name pdfkit gave the font, such as `F1`. */
  id: string;
  /** Returns the font dictionary object; pdfkit writes it, with the subset, when the document ends. */
  ref(): PDFKit.PDFKitReference;
  /** Lays out `text` and adds its glyphs to the subset; returns 4-digit hex glyph ids and positions. */
  encode(text: string): [string[], GlyphPosition[]];
}

/** A form that has been written: its resource name and the object pages point at. */
interface WrittenForm {
  name: string;
  ref: PDFKit.PDFKitReference;
  /**
   * The drawing the form was built from, to tell apart drawings that share a key by mistake. Held weakly,
   * so the cache does not keep every line's drawing alive until the job ends.
   */
  drawing: WeakRef<LabelDrawing>;
}

const UNSUPPORTED_PDFKIT = 'the PDF writer relies on internals of pdfkit 0.20.2';

/**
 * Returns pdfkit's current font object after checking that it has the internals forms rely on.
 * Throws an Error naming the missing part when pdfkit's internals differ from 0.20.2.
 */
export function currentEmbeddedFont(doc: PDFKit.PDFDocument): EmbeddedFont {
  const font = (doc as { _font?: unknown })._font;
  if (typeof font !== 'object' || font === null) {
    throw new Error(`pdfkit document has no current font (_font); ${UNSUPPORTED_PDFKIT}`);
  }
  const candidate = font as Partial<Record<'id' | 'ref' | 'encode' | 'subset', unknown>>;
  if (typeof candidate.id !== 'string') {
    throw new Error(`pdfkit font has no resource name (id); ${UNSUPPORTED_PDFKIT}`);
  }
  if (typeof candidate.ref !== 'function' || typeof candidate.encode !== 'function') {
    throw new Error(`pdfkit font has no ref() or encode(); ${UNSUPPORTED_PDFKIT}`);
  }
  if (candidate.subset === undefined) {
    throw new Error(`pdfkit font is not an embedded font with a subset; ${UNSUPPORTED_PDFKIT}`);
  }
  return font as EmbeddedFont;
}

/**
 * Writes each distinct label drawing once as a form XObject and places it on pages.
 *
 * Forms are keyed by `drawingKey`. A key that comes back with a drawing that differs from the one its
 * form was built from gets a new form, so a caller that reuses a key by mistake still gets right output.
 * So does a key whose first drawing has since been garbage-collected, because the cache keeps only weak
 * references to drawings. A caller that passes the same drawing object for every copy keeps it alive.
 *
 * At most `limit` keys are remembered. When more distinct drawings arrive, the least recently placed key
 * is forgotten: its form stays in the file and pages already placed keep pointing at it, but if that key
 * comes back it is written again as a new form. Only the name and object of each form are kept, because
 * its content is written to the document as soon as it is built.
 */
export class LabelForms {
  readonly #doc: PDFKit.PDFDocument;
  readonly #font: EmbeddedFont;
  readonly #limit: number;
  readonly #forms = new Map<string, WrittenForm>();
  #formCount = 0;
  #textsEncoded = 0;

  constructor(doc: PDFKit.PDFDocument, font: EmbeddedFont, limit: number) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`form cache limit must be a positive whole number, got ${limit}`);
    }
    this.#doc = doc;
    this.#font = font;
    this.#limit = limit;
  }

  /** Number of form XObjects written so far. */
  get formCount(): number {
    return this.#formCount;
  }

  /** Number of text runs encoded into forms so far; each may have added words to pdfkit's layout cache. */
  get textsEncoded(): number {
    return this.#textsEncoded;
  }

  /**
   * Draws `drawing` on the current page with its top-left corner at (`xPt`, `yPt`), measured in points
   * from the page's top-left corner, writing its form first if this key has not been seen.
   */
  place(drawingKey: string, drawing: LabelDrawing, xPt: number, yPt: number): void {
    const form = this.#formFor(drawingKey, drawing);
    const page = this.#doc.page;
    const xobjects = page.xobjects as Record<string, PDFKit.PDFKitReference | undefined>;
    if (xobjects[form.name] === undefined) {
      xobjects[form.name] = form.ref;
    }
    // pdfkit starts every page with a y-flip, so page content runs in points from the top-left corner,
    // y downwards, the same as the label's own coordinates.
    this.#doc.addContent(`q 1 0 0 1 ${formatNumber(xPt)} ${formatNumber(yPt)} cm /${form.name} Do Q`);
  }

  #formFor(drawingKey: string, drawing: LabelDrawing): WrittenForm {
    const known = this.#forms.get(drawingKey);
    const knownDrawing = known?.drawing.deref();
    // A drawing that has been garbage-collected cannot be compared, so its key gets a new form.
    if (
      known !== undefined &&
      knownDrawing !== undefined &&
      (knownDrawing === drawing || isDeepStrictEqual(knownDrawing, drawing))
    ) {
      // Moves the key to the end of the map's order, so the first key is always the least recently used.
      this.#forms.delete(drawingKey);
      this.#forms.set(drawingKey, known);
      return known;
    }
    this.#forms.delete(drawingKey);
    if (this.#forms.size >= this.#limit) {
      const oldest = this.#forms.keys().next();
      if (oldest.done !== true) {
        this.#forms.delete(oldest.value);
      }
    }
    const form = this.#writeForm(drawing);
    this.#forms.set(drawingKey, form);
    return form;
  }

  #writeForm(drawing: LabelDrawing): WrittenForm {
    this.#formCount += 1;
    const name = `X${this.#formCount}`;
    const scale = 72 / drawing.dpi;
    const content: string[] = [];
    let usesFont = false;

    // Black fill, whatever the page's graphics state is when the form is drawn.
    content.push('0 g');
    // All rectangles go into one path filled once.
    const rects: string[] = [];
    for (const item of drawing.items) {
      if (item.kind === 'rect') {
        rects.push(rectangle(item.x, item.y, item.width, item.height));
      } else if (item.kind === 'barcode') {
        for (const bar of item.bars) {
          rects.push(rectangle(bar.x, bar.y, bar.width, bar.height));
        }
      }
    }
    if (rects.length > 0) {
      content.push(...rects, 'f');
    }
    for (const item of drawing.items) {
      // Like pdfkit's own text drawing, line breaks are dropped and empty text draws nothing.
      const text = item.kind === 'text' ? item.text.replace(/\n/g, '') : '';
      if (item.kind === 'text' && text.length > 0) {
        content.push(...this.#textOperators(item, text));
        usesFont = true;
        this.#textsEncoded += 1;
      }
    }

    const ref = this.#doc.ref({
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, 0, drawing.widthDots, drawing.heightDots],
      // Form space is the label's dot grid: one unit per printer dot, origin top-left, y downwards.
      Matrix: [scale, 0, 0, scale, 0, 0],
      Resources: usesFont
        ? { ProcSet: ['PDF', 'Text'], Font: { [this.#font.id]: this.#font.ref() } }
        : { ProcSet: ['PDF'] },
    });
    ref.end(content.join('\n'));
    // The object is written now; dropping its dictionary keeps only the object number for the pages.
    (ref as { data: object }).data = {};
    return { name, ref, drawing: new WeakRef(drawing) };
  }

  /**
   * Returns the operators that draw `text`, the item's text, as one line with its baseline at the item's
   * y. This follows pdfkit 0.20's `_fragment`: kerning goes into TJ arrays, and glyphs with an x or y
   * offset (combining marks) get their own text matrix.
   */
  #textOperators(item: TextItem, text: string): string[] {
    const [glyphIds, positions] = this.#font.encode(text);
    const scale = item.fontSize / 1000;
    // Form space runs y downwards, so the text matrix flips y back to draw glyphs upright.
    const textMatrix = (x: number, y: number): string => `1 0 0 -1 ${formatNumber(x)} ${formatNumber(y)} Tm`;
    const operators = [
      'BT',
      `/${this.#font.id} ${formatNumber(item.fontSize)} Tf`,
      textMatrix(item.x, item.y),
    ];

    const segments: string[] = [];
    let segmentStart = 0;
    const addSegment = (end: number): void => {
      if (segmentStart < end) {
        const last = positions[end - 1];
        const kerning = last === undefined ? 0 : last.xAdvance - last.advanceWidth;
        segments.push(`<${glyphIds.slice(segmentStart, end).join('')}> ${formatNumber(-kerning)}`);
      }
      segmentStart = end;
    };
    const flush = (end: number): void => {
      addSegment(end);
      if (segments.length > 0) {
        operators.push(`[${segments.join(' ')}] TJ`);
        segments.length = 0;
      }
    };

    let x = item.x;
    let hadOffset = false;
    for (let index = 0; index < positions.length; index++) {
      const position = positions[index]!;
      if (position.xOffset !== 0 || position.yOffset !== 0) {
        flush(index);
        operators.push(textMatrix(x + position.xOffset * scale, item.y - position.yOffset * scale));
        flush(index + 1);
        hadOffset = true;
      } else {
        if (hadOffset) {
          operators.push(textMatrix(x, item.y));
          hadOffset = false;
        }
        if (position.xAdvance - position.advanceWidth !== 0) {
          addSegment(index + 1);
        }
      }
      x += position.xAdvance * scale;
    }
    flush(positions.length);
    operators.push('ET');
    return operators;
  }
}

function rectangle(x: number, y: number, width: number, height: number): string {
  return `${formatNumber(x)} ${formatNumber(y)} ${formatNumber(width)} ${formatNumber(height)} re`;
}

/** Formats a number as pdfkit 0.20 does: rounded to 6 decimals, never in exponent notation. */
function formatNumber(value: number): string {
  if (!Number.isFinite(value) || Math.abs(value) >= 1e21) {
    throw new RangeError(`cannot write ${value} as a PDF number`);
  }
  const rounded = Math.round(value * 1e6) / 1e6;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}
