import JsBarcode from 'jsbarcode/bin/barcodes/index.js';
import type { SymbologyPreference } from './templates.ts';
import type { Dpi, Symbology } from './types.ts';

/** Nominal EAN/UPC module width (GS1 General Specifications, 100 % magnification). */
const EAN_NOMINAL_MODULE_MM = 0.33;
/**
 * Narrowest EAN/UPC module printed: 0.25 mm, which is 2 dots at 203 dpi and 3 dots at 300 dpi. Rounding the
 * GS1 retail minimum (80 % magnification, 0.264 mm) up to whole dots would give 3 dots (0.375 mm) at
 * 203 dpi. An EAN-13 with its quiet zones is 113 modules, so it would need 42.4 mm and fit no 33 mm label.
 * NOTE: 0.25 mm is about 76 % magnification, below the GS1 80 % minimum for retail point-of-sale scanning.
 * zbar decodes it from the app's PDFs, but a barcode verifier grading to the GS1 specification fails it.
 */
const EAN_MIN_MODULE_MM = 0.25;
/** Up to 200 % magnification is still within the GS1 range; wider bars gain nothing. */
const EAN_MAX_MAGNIFICATION = 2;
/**
 * Narrowest Code 128 module printed. 0.24 mm is 2 dots at 203 dpi, the smallest that thermal printers
 * print reliably and handheld scanners read on the first pass; higher dpi keeps the same physical size.
 */
const CODE128_MIN_MODULE_MM = 0.24;
/** Wider modules only lengthen the symbol; 0.6 mm already reads from a distance. */
const CODE128_MAX_MODULE_MM = 0.6;

/** Quiet zones in modules: at least 10 for Code 128, 11 left and 7 right for EAN-13 and UPC-A, 7 for EAN-8. */
export const QUIET_ZONE_MODULES: Record<Symbology, { left: number; right: number }> = {
  code128: { left: 10, right: 10 },
  ean13: { left: 11, right: 7 },
  upca: { left: 9, right: 9 },
  ean8: { left: 7, right: 7 },
};

export const SYMBOLOGY_LABELS: Record<Symbology, string> = {
  ean13: 'EAN-13',
  ean8: 'EAN-8',
  upca: 'UPC-A',
  code128: 'Code 128',
};

/** Computes the GS1 mod-10 check digit for the digits before it (weights 3,1,3,... from the right). */
export function gs1CheckDigit(digitsWithoutCheck: string): number {
  let sum = 0;
  for (let index = 0; index < digitsWithoutCheck.length; index++) {
    const digit = digitsWithoutCheck.charCodeAt(digitsWithoutCheck.length - 1 - index) - 48;
    sum += index % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** Checks whether an all-digit code ends in its correct GS1 check digit. */
export function hasValidGs1CheckDigit(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) {
    return false;
  }
  return gs1CheckDigit(digits.slice(0, -1)) === Number(digits.at(-1));
}

export interface SymbologyChoice {
  symbology: Symbology;
  /** Set when a 13-digit code failed its EAN check digit: the right digit, for the warning. */
  expectedCheckDigit?: number;
}

/**
 * Picks the symbology for a variant code. With `auto`, a code is EAN-13, EAN-8 or UPC-A only when the
 * length fits and the check digit is right, so a scanner reads back exactly the code DealPOS stores.
 * Everything else is Code 128, which encodes any printable ASCII text as it is. With `code128`, every code
 * is Code 128 and no check digit is checked, because the barcode does not claim to be an EAN.
 */
export function chooseSymbology(code: string, preference: SymbologyPreference = 'auto'): SymbologyChoice {
  if (preference === 'code128') {
    return { symbology: 'code128' };
  }
  if (/^\d{13}$/.test(code)) {
    return hasValidGs1CheckDigit(code)
      ? { symbology: 'ean13' }
      : { symbology: 'code128', expectedCheckDigit: gs1CheckDigit(code.slice(0, 12)) };
  }
  if (/^\d{12}$/.test(code) && hasValidGs1CheckDigit(code)) {
    return { symbology: 'upca' };
  }
  if (/^\d{8}$/.test(code) && hasValidGs1CheckDigit(code)) {
    return { symbology: 'ean8' };
  }
  return { symbology: 'code128' };
}

/** The first character a barcode cannot hold, with its 1-based position, or null when all are fine. */
export interface UnencodableCharacter {
  position: number;
  character: string;
}

/**
 * Finds the first character outside printable ASCII (U+0020–U+007E). JsBarcode maps some accented letters
 * to Code 128 control symbols without complaint and throws on others, so the engine checks first.
 */
export function findUnencodableCharacter(code: string): UnencodableCharacter | null {
  let position = 0;
  for (const character of code) {
    position += 1;
    const codePoint = character.codePointAt(0) ?? 0;
    if (codePoint < 0x20 || codePoint > 0x7e) {
      return { position, character };
    }
  }
  return null;
}

/** Writes a control or invisible character as `U+0009` so a message can show it. */
export function describeCharacter(character: string): string {
  const codePoint = character.codePointAt(0) ?? 0;
  const visible = codePoint > 0x20 && codePoint !== 0x7f && !(codePoint >= 0x80 && codePoint < 0xa0);
  const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  return visible ? `"${character}" (${hex})` : hex;
}

interface JsBarcodeSegment {
  data: string;
}

type JsBarcodeEncoder = new (
  data: string,
  options: Record<string, unknown>,
) => {
  valid(): boolean;
  encode(): JsBarcodeSegment | JsBarcodeSegment[];
};

const JSBARCODE_CLASS_NAMES: Record<Symbology, string> = {
  code128: 'CODE128',
  ean13: 'EAN13',
  ean8: 'EAN8',
  upca: 'UPC',
};

function encoderFor(symbology: Symbology): JsBarcodeEncoder {
  const name = JSBARCODE_CLASS_NAMES[symbology];
  const encoder = JsBarcode[name] ?? JsBarcode.default?.[name];
  if (encoder === undefined) {
    throw new Error(`JsBarcode has no encoder named ${name}`);
  }
  return encoder;
}

/**
 * Encodes `code` as a string of modules, `1` dark and `0` light, without quiet zones. Callers check the
 * code with `chooseSymbology` and `findUnencodableCharacter` first; an encoder that still refuses is a bug.
 */
export function encodeModules(code: string, symbology: Symbology): string {
  // JsBarcode's automatic Code 128 mode switches to subset C for runs of digits, halving their width.
  const Encoder = encoderFor(symbology);
  const encoder = new Encoder(code, { flat: true });
  if (!encoder.valid()) {
    throw new Error(`JsBarcode rejected ${symbology} data of length ${code.length}`);
  }
  const encoded = encoder.encode();
  const segments = Array.isArray(encoded) ? encoded : [encoded];
  return segments.map((segment) => segment.data).join('');
}

/** Smallest module, in whole dots, that still scans reliably for this symbology at this dpi. */
export function minimumModuleDots(symbology: Symbology, dpi: Dpi): number {
  const millimetres = symbology === 'code128' ? CODE128_MIN_MODULE_MM : EAN_MIN_MODULE_MM;
  return Math.max(1, Math.ceil(millimetresToDots(millimetres, dpi) - 1e-9));
}

/** Largest module, in whole dots, worth printing for this symbology at this dpi. */
export function maximumModuleDots(symbology: Symbology, dpi: Dpi): number {
  const millimetres =
    symbology === 'code128' ? CODE128_MAX_MODULE_MM : EAN_NOMINAL_MODULE_MM * EAN_MAX_MAGNIFICATION;
  return Math.max(minimumModuleDots(symbology, dpi), Math.floor(millimetresToDots(millimetres, dpi)));
}

export function millimetresToDots(millimetres: number, dpi: number): number {
  return (millimetres * dpi) / 25.4;
}
