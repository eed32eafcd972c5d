import { escapeMarkup } from '../../../../shared/labels/svg-markup.ts';
import type { DisplayItem, LabelDrawing, RectItem } from '../../../../shared/labels/types.ts';
import { LABEL_FONT_FAMILY } from '../preview/font-metrics.ts';

/** Markup by drawing. Copies of a line on a page share one drawing, so each is written once. */
const markups = new WeakMap<LabelDrawing, string>();

/**
 * Returns the SVG elements of one preview label, in printer dots: a white paper rectangle, then the
 * display list in black. The preview sets this as one block of markup, because the browser parses it
 * far faster than a component creates and updates the same elements one attribute at a time, and a
 * template change redraws every label of a sheet. Colours are presentation attributes, which the
 * page's Content-Security-Policy allows where it refuses inline styles.
 */
export function labelMarkup(drawing: LabelDrawing): string {
  let markup = markups.get(drawing);
  if (markup === undefined) {
    const paper = `<rect x="0" y="0" width="${drawing.widthDots}" height="${drawing.heightDots}" fill="#ffffff"/>`;
    markup = paper + drawing.items.map(itemMarkup).join('');
    markups.set(drawing, markup);
  }
  return markup;
}

function itemMarkup(item: DisplayItem): string {
  switch (item.kind) {
    case 'rect':
      return `<rect x="${item.x}" y="${item.y}" width="${item.width}" height="${item.height}" fill="#000000"/>`;
    case 'barcode':
      return (
        `<g data-barcode="${escapeMarkup(item.data)}" data-symbology="${item.symbology}">` +
        `<path d="${barsPath(item.bars)}" fill="#000000"/></g>`
      );
    case 'text': {
      // Text runs are stretched to the width the layout measured, so the browser's own shaping cannot
      // move a line end past the label's edge.
      const length = item.width > 0 ? ` textLength="${item.width}"` : '';
      return (
        `<text x="${item.x}" y="${item.y}" font-size="${item.fontSize}" ` +
        `font-family="${escapeMarkup(LABEL_FONT_FAMILY)}"${length} lengthAdjust="spacingAndGlyphs" ` +
        `fill="#000000" data-role="${item.role}">${escapeMarkup(item.text)}</text>`
      );
    }
  }
}

/**
 * Returns one SVG path for all bars of a barcode. A barcode has tens of bars and an A4 sheet shows 24
 * labels, so one element per bar would make over a thousand elements to create and paint.
 */
function barsPath(bars: readonly RectItem[]): string {
  return bars.map((bar) => `M${bar.x} ${bar.y}h${bar.width}v${bar.height}h${-bar.width}z`).join('');
}
