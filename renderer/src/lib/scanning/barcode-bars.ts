import { QUIET_ZONE_MODULES, encodeModules } from '../../../../shared/labels/symbology.ts';

/** One dark bar, in modules from the left edge of the symbol including its quiet zone. */
export interface BarcodeBar {
  x: number;
  width: number;
}

/** A Code 128 symbol as bars, ready to draw in an SVG whose width is `widthModules`. */
export interface BarcodeBars {
  bars: BarcodeBar[];
  /** Symbol width with both quiet zones. */
  widthModules: number;
}

/** Encodes `text` as Code 128 and joins neighbouring dark modules into bars, with the 10-module quiet zones. */
export function code128Bars(text: string): BarcodeBars {
  const modules = encodeModules(text, 'code128');
  const quiet = QUIET_ZONE_MODULES.code128;
  const bars: BarcodeBar[] = [];
  let start = -1;
  for (let index = 0; index <= modules.length; index++) {
    const dark = modules[index] === '1';
    if (dark && start < 0) {
      start = index;
    } else if (!dark && start >= 0) {
      bars.push({ x: quiet.left + start, width: index - start });
      start = -1;
    }
  }
  return { bars, widthModules: quiet.left + modules.length + quiet.right };
}
