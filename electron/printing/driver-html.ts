import type { JobEntry } from '../../shared/labels/job.ts';
import { labelSymbolSvg } from '../../shared/labels/svg-markup.ts';
import { rowWidthMm, type PrinterProfile } from '../../shared/printing/profile.ts';
import { driverPageCss } from './driver-print.ts';

/** The font family name the driver document gives the embedded label font. */
export const DRIVER_FONT_FAMILY = 'Label Desk Print Font';

/**
 * The only policy the driver document needs: inline styles and the font in a data: URL, nothing fetched,
 * no scripts. A data: URL keeps the font working offline and in a sandboxed window that may read no files.
 */
export const DRIVER_CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:";

/** The profile fields the driver document uses: page size, columns and offsets. */
export type DriverHtmlProfile = Pick<
  PrinterProfile,
  'queue' | 'dpi' | 'label' | 'columns' | 'columnGapMm' | 'offsetMm'
>;

/** A label and how many times it prints, in print order. A `JobEntry` fits. */
export type DriverHtmlEntry = Pick<JobEntry, 'drawingKey' | 'drawing' | 'count'>;

/**
 * Builds the HTML document a driver-mode job prints: one page per row of labels (one page per label on a
 * single-column roll), sized by the profile through the `@page` rule. Each distinct label is drawn once
 * as an SVG `<symbol>`, and every page is a small SVG that places it with `<use>`, so the document grows
 * with the number of lines, not with the label count. `font` is the TrueType file the labels were
 * measured with, embedded as a data: URL.
 */
export function buildDriverHtml(
  entries: readonly DriverHtmlEntry[],
  profile: DriverHtmlProfile,
  font: Uint8Array,
): string {
  const symbolIds = new Map<string, string>();
  const symbols: string[] = [];
  const sequence: string[] = [];
  for (const entry of entries) {
    if (entry.count <= 0) {
      continue;
    }
    let id = symbolIds.get(entry.drawingKey);
    if (id === undefined) {
      id = `label-${symbolIds.size + 1}`;
      symbolIds.set(entry.drawingKey, id);
      symbols.push(labelSymbolSvg(id, entry.drawing, DRIVER_FONT_FAMILY));
    }
    const labelId = id;
    const sizeMm = drawingSizeMm(entry.drawing);
    for (let copy = 0; copy < entry.count; copy++) {
      sequence.push(useElement(labelId, sizeMm, sequence.length % profile.columns, profile));
    }
  }

  const pages: string[] = [];
  for (let start = 0; start < sequence.length; start += profile.columns) {
    pages.push(pageSvg(sequence.slice(start, start + profile.columns), profile));
  }

  const fontUrl = `data:font/ttf;base64,${Buffer.from(font).toString('base64')}`;
  const style = [
    driverPageCss(profile),
    `@font-face { font-family: "${DRIVER_FONT_FAMILY}"; src: url("${fontUrl}") format("truetype"); }`,
    'html, body { margin: 0; padding: 0; background: #fff; }',
    'svg.page { display: block; overflow: hidden; break-after: page; }',
    'svg.page:last-of-type { break-after: auto; }',
  ].join('\n');
  return [
    '<!doctype html>',
    '<html><head><meta charset="utf-8">',
    // The policy contains single quotes only, so it goes into the double-quoted attribute as it is.
    `<meta http-equiv="Content-Security-Policy" content="${DRIVER_CONTENT_SECURITY_POLICY}">`,
    '<title>Labels</title>',
    `<style>\n${style}\n</style>`,
    '</head><body>',
    `<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs>${symbols.join('')}</defs></svg>`,
    ...pages,
    '</body></html>',
    '',
  ].join('\n');
}

/** Returns a drawing's size in millimetres, from its own dots and dpi. */
function drawingSizeMm(drawing: DriverHtmlEntry['drawing']): { width: number; height: number } {
  return {
    width: (drawing.widthDots * 25.4) / drawing.dpi,
    height: (drawing.heightDots * 25.4) / drawing.dpi,
  };
}

function useElement(
  id: string,
  sizeMm: { width: number; height: number },
  column: number,
  profile: DriverHtmlProfile,
): string {
  const x = column * (profile.label.widthMm + profile.columnGapMm) + profile.offsetMm.x;
  const y = profile.offsetMm.y;
  return `<use href="#${id}" x="${round(x)}" y="${round(y)}" width="${round(sizeMm.width)}" height="${round(sizeMm.height)}"/>`;
}

/** Writes one page: an SVG exactly one row of labels wide and one label high, in millimetres. */
function pageSvg(uses: readonly string[], profile: DriverHtmlProfile): string {
  const width = round(rowWidthMm(profile));
  const height = round(profile.label.heightMm);
  return (
    `<svg class="page" xmlns="http://www.w3.org/2000/svg" width="${width}mm" height="${height}mm" ` +
    `viewBox="0 0 ${width} ${height}">${uses.join('')}</svg>`
  );
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
