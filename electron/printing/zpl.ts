import { createRequire } from 'node:module';
import type { BarcodeItem, DisplayItem, RectItem, TextItem } from '../../shared/labels/types.ts';
import { millimetresToWholeDots, rowWidthMm, type PrinterProfile } from '../../shared/printing/profile.ts';
import type { DotPoint, PreparedLabel, RawGenerator } from './raw-job.ts';
import type { TextBitmap } from './text-bitmap.ts';

// ZPL II reference: Zebra's "ZPL II Programming Guide". Line feeds between commands are ignored by
// the printer and only make the output readable.

/** `^BY` accepts module widths of 1 to 10 dots; wider barcodes print as boxes. */
const MAX_ZPL_MODULE_DOTS = 10;
/** Scalable font 0 takes heights from 10 dots up. */
const MIN_FONT_DOTS = 10;

const require = createRequire(import.meta.url);
// JsBarcode's Code 128 table, the one the label engine encoded with: entry n is the module pattern of
// symbol value n written as decimal digits, 11 modules each and 13 for the stop pattern (value 106).
const { BARS } = require('jsbarcode/bin/barcodes/CODE128/constants.js') as { BARS: number[] };
const CODE128_VALUE_BY_PATTERN = new Map(BARS.slice(0, 106).map((bars, value) => [String(bars), value]));
const CODE128_STOP_PATTERN = String(BARS[106]);
const CODE128_START_A = 103;
const CODE128_START_B = 104;
const CODE128_START_C = 105;

/**
 * Writes text or barcode data as a ZPL field: `^FH_` makes `_` the hex escape, and `^`, `~`, `_` and
 * control characters are written as `_` plus two upper-case hex digits, so no data byte can act as a
 * command. Other characters stay as they are (UTF-8 after `^CI28`).
 */
export function zplField(data: string): string {
  let escaped = '';
  for (const character of data) {
    const code = character.codePointAt(0) ?? 0;
    if (character === '^' || character === '~' || character === '_' || code < 0x20 || code === 0x7f) {
      escaped += `_${code.toString(16).toUpperCase().padStart(2, '0')}`;
    } else {
      escaped += character;
    }
  }
  return `^FH_^FD${escaped}^FS`;
}

/** Rebuilds the modules of a barcode from its bars; null when the bars do not sit on its module grid. */
function barcodeModules(item: BarcodeItem): string | null {
  const moduleDots = item.moduleDots;
  const count = item.width / moduleDots;
  if (!Number.isInteger(moduleDots) || moduleDots < 1 || !Number.isInteger(count)) {
    return null;
  }
  const modules = new Array<string>(count).fill('0');
  for (const bar of item.bars) {
    const start = (bar.x - item.x) / moduleDots;
    const length = bar.width / moduleDots;
    if (!Number.isInteger(start) || !Number.isInteger(length) || start < 0 || start + length > count) {
      return null;
    }
    modules.fill('1', start, start + length);
  }
  return modules.join('');
}

/**
 * Reads the symbol values of a Code 128 barcode back from its bars: the start value and the data
 * values, without check and stop. Null when the bars are not a Code 128 symbol with a valid check value.
 */
export function code128Values(item: BarcodeItem): number[] | null {
  const modules = barcodeModules(item);
  if (modules === null || modules.length < 2 * 11 + 13 || (modules.length - 13) % 11 !== 0) {
    return null;
  }
  if (!modules.endsWith(CODE128_STOP_PATTERN)) {
    return null;
  }
  const values: number[] = [];
  for (let offset = 0; offset < modules.length - 13; offset += 11) {
    const value = CODE128_VALUE_BY_PATTERN.get(modules.slice(offset, offset + 11));
    if (value === undefined) {
      return null;
    }
    values.push(value);
  }
  const check = values.pop()!;
  const weighted = values.reduce((sum, value, index) => sum + value * Math.max(1, index), 0);
  return weighted % 103 === check ? values : null;
}

/** Writes one Code 128 subset B character as ZPL field data; `^`, `>` and `~` need invocation codes. */
function subsetBCharacter(code: number): string {
  switch (code) {
    case 0x3e:
      return '>0';
    case 0x5e:
      return '><';
    case 0x7e:
      return '>=';
    default:
      return String.fromCharCode(code);
  }
}

/**
 * Field data for `^BC` in mode N that reproduces the display list's symbol: the same start subset and
 * the same switches between subset C (digit pairs) and the character subsets. Subset A segments are
 * written in subset B, which contains the same printable characters with one symbol each, so the symbol
 * keeps its width (minus any SHIFT or A-to-B switch symbols, which become unnecessary) and the printer
 * never needs ZPL's digit-pair notation for subset A. Returns null for symbols this cannot express
 * (function characters, control characters), which print as boxes instead.
 */
export function code128FieldData(item: BarcodeItem): string | null {
  const values = code128Values(item);
  if (values === null) {
    return null;
  }
  const [start, ...data] = values;
  let set: 'A' | 'B' | 'C';
  let fieldData: string;
  if (start === CODE128_START_C) {
    set = 'C';
    fieldData = '>;';
  } else if (start === CODE128_START_A || start === CODE128_START_B) {
    set = start === CODE128_START_A ? 'A' : 'B';
    fieldData = '>:';
  } else {
    return null;
  }

  let shifted = false;
  for (const value of data) {
    // SHIFT reads the next single character from the other one of subsets A and B.
    let current = set;
    if (shifted) {
      current = set === 'A' ? 'B' : 'A';
      shifted = false;
    }
    if (current === 'C') {
      if (value < 100) {
        fieldData += String(value).padStart(2, '0');
      } else if (value === 100 || value === 101) {
        set = value === 100 ? 'B' : 'A';
        fieldData += '>6';
      } else {
        return null;
      }
      continue;
    }
    if (value < 96) {
      // Subset B values 0 to 95 are ASCII 32 to 127. Subset A shares values 0 to 63 with it and puts
      // control characters at 64 to 95.
      const code = value + 32;
      if ((current === 'A' && value >= 64) || code > 0x7e) {
        return null;
      }
      fieldData += subsetBCharacter(code);
    } else if (value === 98) {
      shifted = true;
    } else if (value === 99) {
      set = 'C';
      fieldData += '>5';
    } else if ((value === 100 && current === 'A') || (value === 101 && current === 'B')) {
      // A switch between subsets A and B adds nothing, because both are written in subset B here.
      set = value === 100 ? 'B' : 'A';
    } else {
      return null;
    }
  }
  return fieldData;
}

/** Returns the native ZPL barcode command and field data, or null when the barcode must print as boxes. */
function nativeBarcode(item: BarcodeItem): string | null {
  if (item.moduleDots > MAX_ZPL_MODULE_DOTS) {
    return null;
  }
  const height = item.height;
  // EAN and UPC take the data without the check digit and compute it. The label engine chooses these
  // symbologies only for codes whose check digit is right, so the printed symbol encodes the same code.
  switch (item.symbology) {
    case 'ean13':
      return /^\d{13}$/.test(item.data) ? `^BEN,${height},N,N${zplField(item.data.slice(0, 12))}` : null;
    case 'ean8':
      return /^\d{8}$/.test(item.data) ? `^B8N,${height},N,N${zplField(item.data.slice(0, 7))}` : null;
    case 'upca':
      return /^\d{12}$/.test(item.data) ? `^BUN,${height},N,N,Y${zplField(item.data.slice(0, 11))}` : null;
    case 'code128': {
      const fieldData = code128FieldData(item);
      return fieldData === null ? null : `^BCN,${height},N,N,N${zplField(fieldData)}`;
    }
  }
}

/** Writes a filled box: `^GB` fills the box when the border is as thick as its smaller side. */
function box(x: number, y: number, width: number, height: number): string {
  return `^FO${x},${y}^GB${width},${height},${Math.min(width, height)}^FS`;
}

/** Writes a text bitmap as an ASCII-hex graphic field; ZPL prints 1 bits, the bitmap's own polarity. */
function graphicField(bitmap: TextBitmap, origin: DotPoint): string {
  const bytes = bitmap.data.length;
  const hex = bitmap.data.toString('hex').toUpperCase();
  const x = dot(origin.x + bitmap.x);
  const y = dot(origin.y + bitmap.y);
  return `^FO${x},${y}^GFA,${bytes},${bytes},${bitmap.widthBytes},${hex}^FS`;
}

/** Rounds to a whole dot; ZPL has no negative positions, so a label pushed past the edge is clamped. */
function dot(value: number): number {
  return Math.max(0, Math.round(value));
}

function rectFields(rect: RectItem, origin: DotPoint): string {
  return box(dot(origin.x + rect.x), dot(origin.y + rect.y), Math.round(rect.width), Math.round(rect.height));
}

function barcodeFields(item: BarcodeItem, origin: DotPoint): string[] {
  const native = nativeBarcode(item);
  if (native === null) {
    return item.bars.map((bar) => rectFields(bar, origin));
  }
  return [`^FO${dot(origin.x + item.x)},${dot(origin.y + item.y)}^BY${item.moduleDots}${native}`];
}

/**
 * Printer text in scalable font 0. `^FT` places the baseline's left end, the same anchor the display
 * list uses. NOTE: font 0 (a condensed font) is narrower than the label font the layout measured, so
 * centred and right-aligned text starts at its measured left edge and ends a little short.
 */
function textField(item: TextItem, origin: DotPoint): string {
  const size = Math.max(MIN_FONT_DOTS, Math.round(item.fontSize));
  const x = dot(origin.x + item.x);
  const y = dot(origin.y + item.y);
  return `^FT${x},${y}^A0N,${size},${size}${zplField(item.text)}`;
}

function itemFields(item: DisplayItem, label: PreparedLabel, origin: DotPoint): string[] {
  switch (item.kind) {
    case 'rect':
      return [rectFields(item, origin)];
    case 'barcode':
      return barcodeFields(item, origin);
    case 'text': {
      if (!label.textBitmaps.has(item)) {
        return [textField(item, origin)];
      }
      const bitmap = label.textBitmaps.get(item);
      return bitmap ? [graphicField(bitmap, origin)] : [];
    }
  }
}

const isAscii = (text: string): boolean => /^\p{ASCII}*$/u.test(text);

/** ZPL: set-up format, label formats with `^PQ` copy counts. */
export const zplGenerator: RawGenerator = {
  header(profile: PrinterProfile): Buffer {
    // A positive x offset moves the row right, so the print width grows with it or the last column is cut.
    const width = millimetresToWholeDots(rowWidthMm(profile) + Math.max(0, profile.offsetMm.x), profile.dpi);
    const length = millimetresToWholeDots(profile.label.heightMm, profile.dpi);
    const lines = [
      // ~SD sets the absolute darkness, 00 to 30; ^MD would only adjust the printer's own setting.
      `~SD${String(profile.darkness).padStart(2, '0')}`,
      '^XA',
      `^PW${width}`,
      `^LL${length}`,
      '^LH0,0',
      '^PON',
      `^PR${Math.max(1, Math.round(profile.speed))}`,
      // Gap media is tracked label by label (web sensing); without a gap the media is continuous.
      profile.label.gapMm > 0 ? '^MNY' : '^MNN',
      // Resets an international character set another program may have left selected.
      '^CI0',
      '^XZ',
    ];
    return Buffer.from(`${lines.join('\n')}\n`, 'ascii');
  },

  drawsTextAsBitmap(text: string, profile: PrinterProfile): boolean {
    return profile.rasterText || (!profile.utf8Text && !isAscii(text));
  },

  row(label: PreparedLabel, origins: readonly DotPoint[], copies: number): Buffer {
    const lines = ['^XA'];
    const hasUtf8Text = label.drawing.items.some(
      (item) => item.kind === 'text' && !label.textBitmaps.has(item) && !isAscii(item.text),
    );
    if (hasUtf8Text) {
      lines.push('^CI28');
    }
    for (const origin of origins) {
      for (const item of label.drawing.items) {
        lines.push(...itemFields(item, label, origin));
      }
    }
    lines.push(`^PQ${copies}`, '^XZ');
    return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
  },
};
