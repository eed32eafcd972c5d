import type { DisplayItem, LabelDrawing } from './types.ts';

/** Escapes text for SVG or HTML element content and double-quoted attribute values. */
export function escapeMarkup(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Writes one display item as SVG elements in label dots. Text runs are stretched to the width the layout
 * measured (`textLength`), as in the app's preview, so a browser's own shaping cannot move a line end past
 * the label's edge.
 */
export function displayItemSvg(item: DisplayItem, fontFamily: string): string {
  switch (item.kind) {
    case 'rect':
      return rectSvg(item.x, item.y, item.width, item.height);
    case 'barcode':
      return `<g data-barcode="${escapeMarkup(item.data)}">${item.bars
        .map((bar) => rectSvg(bar.x, bar.y, bar.width, bar.height))
        .join('')}</g>`;
    case 'text': {
      const length = item.width > 0 ? ` textLength="${item.width}" lengthAdjust="spacingAndGlyphs"` : '';
      return (
        `<text x="${item.x}" y="${item.y}" font-size="${item.fontSize}" ` +
        `font-family="${escapeMarkup(fontFamily)}"${length}>${escapeMarkup(item.text)}</text>`
      );
    }
  }
}

/**
 * Writes a label's display list as an SVG `<symbol>` with the given id, its viewBox in printer dots, so
 * a `<use>` sized in any unit scales the whole label. Ink is black on no background.
 */
export function labelSymbolSvg(id: string, drawing: LabelDrawing, fontFamily: string): string {
  const items = drawing.items.map((item) => displayItemSvg(item, fontFamily)).join('');
  return (
    `<symbol id="${escapeMarkup(id)}" viewBox="0 0 ${drawing.widthDots} ${drawing.heightDots}" ` +
    `fill="#000">${items}</symbol>`
  );
}

function rectSvg(x: number, y: number, width: number, height: number): string {
  return `<rect x="${x}" y="${y}" width="${width}" height="${height}"/>`;
}
