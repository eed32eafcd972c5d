/**
 * Parses single HID input reports from scanners: HID POS scanned data reports and keyboard boot reports.
 * Parsing never throws; a report that does not fit its layout comes back as `invalid` with a reason.
 */

import { codeForHidUsage, usCharacter } from '../../shared/scanning/us-layout.ts';

/**
 * Layout of the scanned data report that HID POS scanners send (usage page 0x8C; Honeywell's report
 * descriptor, and appendix B "HID reports" of the Access-IS LSR118 product manual, lay it out this way):
 *
 *   byte 0       report ID 0x02
 *   byte 1       number of decoded data bytes in this report, 0 to 56
 *   bytes 2–4    AIM symbology identifier, e.g. `]E0` for EAN-13 (usages Symbology Identifier 1–3)
 *   bytes 5–60   decoded data, zero padded (usage Decoded Data)
 *   bytes 61–62  maker's own symbology code and a reserved byte
 *   byte 63      bit 0 set when the next report continues this code (usage Decode Data Continued)
 *
 * NOTE: the real layout is whatever the device's report descriptor says, and node-hid 3 does not expose
 * descriptors, so a scanner with another layout is read wrongly. Reports shorter than 64 bytes have no
 * continuation byte and are each taken as a whole code.
 */
export const HID_POS_SCANNED_DATA_REPORT_ID = 0x02;
const HID_POS_DATA_OFFSET = 5;
const HID_POS_MAX_DATA = 56;
const HID_POS_REPORT_LENGTH = 64;
const HID_POS_CONTINUED_BYTE = 63;

/** One scanned data report. */
export interface HidPosReport {
  /** The AIM symbology identifier, or '' when the scanner sends none. */
  symbologyId: string;
  data: Uint8Array;
  /** True when the next report carries more of the same code. */
  continued: boolean;
}

export type HidPosParse =
  | { kind: 'data'; report: HidPosReport }
  /** Any other report of the scanner (status, trigger, vendor), which carries no code. */
  | { kind: 'other_report'; reportId: number }
  | { kind: 'invalid'; reason: string };

/** Parses one input report from a scanner in HID POS mode. */
export function parseHidPosReport(report: Uint8Array): HidPosParse {
  if (report.length === 0) {
    return { kind: 'invalid', reason: 'empty report' };
  }
  const reportId = report[0] ?? 0;
  if (reportId !== HID_POS_SCANNED_DATA_REPORT_ID) {
    return { kind: 'other_report', reportId };
  }
  if (report.length < HID_POS_DATA_OFFSET) {
    return {
      kind: 'invalid',
      reason: `scanned data report of ${report.length} bytes is shorter than its header`,
    };
  }
  const count = report[1] ?? 0;
  const capacity = Math.min(HID_POS_MAX_DATA, report.length - HID_POS_DATA_OFFSET);
  if (count > capacity) {
    return {
      kind: 'invalid',
      reason: `data length ${count} exceeds the ${capacity} bytes the report can hold`,
    };
  }

  const symbologyBytes = report.subarray(2, HID_POS_DATA_OFFSET);
  const symbologyId = symbologyBytes.every((byte) => byte === 0)
    ? ''
    : String.fromCharCode(...symbologyBytes);
  const continued =
    report.length >= HID_POS_REPORT_LENGTH && ((report[HID_POS_CONTINUED_BYTE] ?? 0) & 0x01) === 0x01;
  return {
    kind: 'data',
    report: {
      symbologyId,
      data: report.slice(HID_POS_DATA_OFFSET, HID_POS_DATA_OFFSET + count),
      continued,
    },
  };
}

/**
 * Modifier byte of a keyboard boot report (HID 1.11, appendix B.1): one bit per modifier key, left keys
 * in the low nibble and right keys in the high nibble.
 */
export const MODIFIER_BITS = {
  leftControl: 0x01,
  leftShift: 0x02,
  leftAlt: 0x04,
  leftGui: 0x08,
  rightControl: 0x10,
  rightShift: 0x20,
  rightAlt: 0x40,
  rightGui: 0x80,
} as const;

const SHIFT_MASK = MODIFIER_BITS.leftShift | MODIFIER_BITS.rightShift;
/** Control, Alt and GUI on either side: a key pressed with any of them is a shortcut. */
export const SHORTCUT_MASK = 0xff & ~SHIFT_MASK;

/** Keyboard page usages 0x01–0x03 are error codes; 0x01 (ErrorRollOver) fills the key slots when too many keys are down. */
const FIRST_KEY_USAGE = 0x04;
/** Highest usage of the Keyboard/Keypad page, Right GUI. */
const LAST_KEYBOARD_USAGE = 0xe7;
const FIRST_MODIFIER_USAGE = 0xe0;

/** A keyboard boot report: the modifier bitmask and the usage IDs of the keys held down, in slot order. */
export interface KeyboardReport {
  modifiers: number;
  keys: number[];
}

export type KeyboardParse =
  | { kind: 'keys'; report: KeyboardReport }
  /** The keyboard could not tell which keys are down, so the report carries no presses or releases. */
  | { kind: 'rollover' }
  | { kind: 'invalid'; reason: string };

/**
 * Parses a keyboard boot report: modifier byte, reserved byte, six key slots. A 9-byte report is taken as
 * the same with a report ID in front, as devices with several report IDs send it.
 */
export function parseKeyboardReport(report: Uint8Array): KeyboardParse {
  let bytes = report;
  if (bytes.length === 9) {
    bytes = bytes.subarray(1);
  }
  if (bytes.length !== 8) {
    return { kind: 'invalid', reason: `keyboard report of ${report.length} bytes, expected 8` };
  }
  const slots = [...bytes.subarray(2)];
  if (slots.some((usage) => usage > 0 && usage < FIRST_KEY_USAGE)) {
    return { kind: 'rollover' };
  }
  if (slots.some((usage) => usage > LAST_KEYBOARD_USAGE)) {
    return { kind: 'invalid', reason: `key usage above 0x${LAST_KEYBOARD_USAGE.toString(16)}` };
  }
  // Some keyboards also list modifier keys in the slots; the modifier byte already carries them.
  const keys = slots.filter((usage) => usage !== 0 && usage < FIRST_MODIFIER_USAGE);
  return { kind: 'keys', report: { modifiers: bytes[0] ?? 0, keys } };
}

/**
 * Returns the character a key press types on the US layout scanners use, or null: for keys without a character
 * and for presses with Control, Alt or GUI held, which are shortcuts (scanners send them as suffixes).
 * Left and right Shift both count as Shift.
 */
export function keyboardCharacter(usage: number, modifiers: number): string | null {
  if ((modifiers & SHORTCUT_MASK) !== 0) {
    return null;
  }
  const code = codeForHidUsage(usage);
  return code === null ? null : usCharacter(code, (modifiers & SHIFT_MASK) !== 0);
}

/** Returns the `KeyboardEvent.code` of a key usage, to tell terminators from characters. */
export function keyboardCode(usage: number): string | null {
  return codeForHidUsage(usage);
}
