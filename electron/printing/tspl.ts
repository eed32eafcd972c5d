import type { BarcodeItem, RectItem, TextItem } from '../../shared/labels/types.ts';
import { rowWidthMm, type PrinterProfile } from '../../shared/printing/profile.ts';
import type { DotPoint, PreparedLabel, RawGenerator } from './raw-job.ts';
import type { TextBitmap } from './text-bitmap.ts';

// Command syntax follows TSC's TSPL/TSPL2 programming manual, as quoted by TSPL driver libraries. Every
// command line ends with CR LF, and BITMAP carries binary data between its parameters and that line end.

const CRLF = '\r\n';

/**
 * Baseline depth below the top of a TEXT line in font "0", as a fraction of the font size. TEXT places
 * the top of the line while the display list gives the baseline.
 * NOTE: an estimate for a Helvetica-like font; it is not measured on a printer. Profiles that need the
 * exact position use rasterText.
 */
const FONT0_ASCENT = 0.8;

/** TSPL type names and data lengths: EAN and UPC take the code without its check digit. */
const TSPL_SYMBOLOGY: Record<BarcodeItem['symbology'], { type: string; pattern: RegExp; keep: number }> = {
  ean13: { type: 'EAN13', pattern: /^\d{13}$/, keep: 12 },
  ean8: { type: 'EAN8', pattern: /^\d{8}$/, keep: 7 },
  upca: { type: 'UPCA', pattern: /^\d{12}$/, keep: 11 },
  code128: { type: '128', pattern: /^[\x20-\x7e]+$/, keep: Infinity },
};

/**
 * Writes text as a TSPL string: a double quote becomes `\["]`. Returns null when the text contains a
 * backslash followed by `[`, which TSPL would read as the start of another escape, or a control
 * character; such text prints as a bitmap instead.
 */
export function tsplString(text: string): string | null {
  if (text.includes('\\[') || /\p{Cc}/u.test(text)) {
    return null;
  }
  return `"${text.replaceAll('"', '\\["]')}"`;
}

/** Formats a number without trailing zeros, the way TSPL examples write millimetres. */
function decimal(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** Rounds to a whole dot; positions stay on the label, so a label pushed past the edge is clamped. */
function dot(value: number): number {
  return Math.max(0, Math.round(value));
}

function barCommand(rect: RectItem, origin: DotPoint): string {
  return `BAR ${dot(origin.x + rect.x)},${dot(origin.y + rect.y)},${Math.round(rect.width)},${Math.round(rect.height)}`;
}

/**
 * Returns a native BARCODE command, or null when the barcode must print as bars. Code 128 uses type
 * "128", for which the printer picks subsets A, B and C itself, because "128M" reads `!` as the start of
 * a control code. The TSPL documentation leaves open how type "128" treats `!`, `"` and `\`, so data
 * containing them prints as the display list's bars, which are exact. narrow and wide are both the module width because
 * these symbologies have a fixed ratio.
 * NOTE: the printer's own subset choice can make a Code 128 symbol a few modules wider or narrower
 * than the display list planned.
 */
function barcodeCommand(item: BarcodeItem, origin: DotPoint): string | null {
  const symbology = TSPL_SYMBOLOGY[item.symbology];
  if (!symbology.pattern.test(item.data) || /[!"\\]/.test(item.data)) {
    return null;
  }
  const data = item.data.slice(0, symbology.keep);
  const x = dot(origin.x + item.x);
  const y = dot(origin.y + item.y);
  const module = item.moduleDots;
  return `BARCODE ${x},${y},"${symbology.type}",${item.height},0,0,${module},${module},"${data}"`;
}

/**
 * Printer text in font "0", the scalable font, sized in whole points (its x and y multipliers are the
 * width and height in points).
 */
function textCommand(item: TextItem, origin: DotPoint, dpi: number): string {
  const points = Math.max(1, Math.round((item.fontSize * 72) / dpi));
  const x = dot(origin.x + item.x);
  const y = dot(origin.y + item.y - FONT0_ASCENT * item.fontSize);
  // drawsTextAsBitmap sends every text that tsplString rejects to the bitmap path, so this is not null.
  const text = tsplString(item.text)!;
  return `TEXT ${x},${y},"0",0,${points},${points},${text}`;
}

/**
 * Writes a text bitmap in OVERWRITE mode (0). TSPL prints the 0 bits and leaves 1 bits blank, the opposite
 * of the bitmap's own polarity, so the bytes are inverted.
 */
function bitmapCommand(bitmap: TextBitmap, origin: DotPoint): Buffer {
  const x = dot(origin.x + bitmap.x);
  const y = dot(origin.y + bitmap.y);
  const head = `BITMAP ${x},${y},${bitmap.widthBytes},${bitmap.height},0,`;
  const source = bitmap.data;
  // Inverted 32 bits at a time in an aligned scratch array, then copied into place.
  const words = new Uint32Array(Math.ceil(source.length / 4));
  const bytes = new Uint8Array(words.buffer, 0, source.length);
  bytes.set(source);
  for (let index = 0; index < words.length; index++) {
    words[index] = ~words[index]!;
  }
  const command = Buffer.allocUnsafe(head.length + source.length + CRLF.length);
  const start = command.write(head, 0, 'ascii');
  command.set(bytes, start);
  command.write(CRLF, start + source.length, 'ascii');
  return command;
}

const isAscii = (text: string): boolean => /^\p{ASCII}*$/u.test(text);
const line = (command: string): Buffer => Buffer.from(`${command}${CRLF}`, 'utf8');

/** TSPL: set-up commands, then per row CLS, the fields and PRINT with a copy count. */
export const tsplGenerator: RawGenerator = {
  header(profile: PrinterProfile): Buffer {
    const commands = [
      // A positive x offset moves the row right, so the width grows with it or the last column is cut.
      `SIZE ${decimal(rowWidthMm(profile) + Math.max(0, profile.offsetMm.x))} mm,${decimal(profile.label.heightMm)} mm`,
      `GAP ${decimal(profile.label.gapMm)} mm,0 mm`,
      // DIRECTION 0 and 1 print the label turned 180 degrees against each other. 1 is meant to put the
      // drawing's top edge out of the printer first, as ZPL's ^PON does, so both languages agree.
      // NOTE: that orientation is taken from common TSPL practice and was not checked on a printer.
      'DIRECTION 1',
      'REFERENCE 0,0',
      // DENSITY runs from 0 to 15; the profile's darkness uses the 0 to 30 scale of ZPL.
      `DENSITY ${Math.round(profile.darkness / 2)}`,
      `SPEED ${decimal(profile.speed)}`,
    ];
    if (profile.utf8Text) {
      commands.push('CODEPAGE UTF-8');
    }
    return Buffer.concat(commands.map(line));
  },

  drawsTextAsBitmap(text: string, profile: PrinterProfile): boolean {
    return profile.rasterText || (!profile.utf8Text && !isAscii(text)) || tsplString(text) === null;
  },

  row(label: PreparedLabel, origins: readonly DotPoint[], copies: number, profile: PrinterProfile): Buffer {
    // Bitmaps go first: OVERWRITE clears the dots under a bitmap's blank bits, which must not erase
    // bars or text drawn before it.
    const bitmaps: Buffer[] = [];
    const commands: string[] = [];
    for (const origin of origins) {
      for (const item of label.drawing.items) {
        if (item.kind === 'rect') {
          commands.push(barCommand(item, origin));
        } else if (item.kind === 'barcode') {
          const command = barcodeCommand(item, origin);
          commands.push(...(command === null ? item.bars.map((bar) => barCommand(bar, origin)) : [command]));
        } else if (!label.textBitmaps.has(item)) {
          commands.push(textCommand(item, origin, profile.dpi));
        } else {
          const bitmap = label.textBitmaps.get(item);
          if (bitmap) {
            bitmaps.push(bitmapCommand(bitmap, origin));
          }
        }
      }
    }
    // One string for all text commands: a Buffer per command line costs more than the bytes themselves.
    const text = commands.length === 0 ? '' : `${commands.join(CRLF)}${CRLF}`;
    return Buffer.concat([line('CLS'), ...bitmaps, Buffer.from(`${text}PRINT 1,${copies}${CRLF}`, 'utf8')]);
  },
};
