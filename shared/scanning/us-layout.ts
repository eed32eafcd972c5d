/**
 * The US keyboard layout that barcode scanners type with, keyed by physical key position.
 *
 * A wedge scanner sends USB key codes for a US layout. The operating system turns them into characters
 * with whatever layout the user has chosen, so `KeyboardEvent.key` can be wrong (on French AZERTY the key
 * a scanner presses for `A` produces `Q`). `KeyboardEvent.code` names the physical key and does not
 * depend on the layout, so looking codes up here recovers what the scanner meant.
 */

/** Unshifted and shifted character for each key position of the US layout. */
const US_CHARACTERS: Readonly<Record<string, readonly [string, string]>> = {
  Backquote: ['`', '~'],
  Digit1: ['1', '!'],
  Digit2: ['2', '@'],
  Digit3: ['3', '#'],
  Digit4: ['4', '$'],
  Digit5: ['5', '%'],
  Digit6: ['6', '^'],
  Digit7: ['7', '&'],
  Digit8: ['8', '*'],
  Digit9: ['9', '('],
  Digit0: ['0', ')'],
  Minus: ['-', '_'],
  Equal: ['=', '+'],
  BracketLeft: ['[', '{'],
  BracketRight: [']', '}'],
  Backslash: ['\\', '|'],
  Semicolon: [';', ':'],
  Quote: ["'", '"'],
  Comma: [',', '<'],
  Period: ['.', '>'],
  Slash: ['/', '?'],
  Space: [' ', ' '],
  // Scanners in keypad mode rely on Num Lock being on; Shift does not change these keys then.
  NumpadDivide: ['/', '/'],
  NumpadMultiply: ['*', '*'],
  NumpadSubtract: ['-', '-'],
  NumpadAdd: ['+', '+'],
  NumpadDecimal: ['.', '.'],
  Numpad0: ['0', '0'],
  Numpad1: ['1', '1'],
  Numpad2: ['2', '2'],
  Numpad3: ['3', '3'],
  Numpad4: ['4', '4'],
  Numpad5: ['5', '5'],
  Numpad6: ['6', '6'],
  Numpad7: ['7', '7'],
  Numpad8: ['8', '8'],
  Numpad9: ['9', '9'],
  ...letterKeys(),
};

function letterKeys(): Record<string, readonly [string, string]> {
  const keys: Record<string, readonly [string, string]> = {};
  for (let index = 0; index < 26; index++) {
    const upper = String.fromCharCode(65 + index);
    keys[`Key${upper}`] = [upper.toLowerCase(), upper];
  }
  return keys;
}

/** Returns the character a US-layout keyboard produces at key position `code`, or null for keys without one. */
export function usCharacter(code: string, shift: boolean): string | null {
  const pair = US_CHARACTERS[code];
  if (pair === undefined) {
    return null;
  }
  return shift ? pair[1] : pair[0];
}

/** One key press on a US layout: the key position and whether Shift is held. */
export interface UsKeystroke {
  code: string;
  shift: boolean;
}

const KEYSTROKE_BY_CHARACTER: ReadonlyMap<string, UsKeystroke> = (() => {
  const map = new Map<string, UsKeystroke>();
  for (const [code, [plain, shifted]] of Object.entries(US_CHARACTERS)) {
    // The main block comes first in the table, so a digit maps to its top-row key, not the keypad.
    if (!map.has(plain)) {
      map.set(plain, { code, shift: false });
    }
    if (!map.has(shifted)) {
      map.set(shifted, { code, shift: true });
    }
  }
  return map;
})();

/** Returns the key a US-layout scanner presses to type `character`, or null when the layout has no such key. */
export function usKeystroke(character: string): UsKeystroke | null {
  return KEYSTROKE_BY_CHARACTER.get(character) ?? null;
}

/** Key positions that end a scan. */
export const ENTER_CODES: ReadonlySet<string> = new Set(['Enter', 'NumpadEnter']);
export const TAB_CODE = 'Tab';

/**
 * `KeyboardEvent.code` for each USB HID keyboard usage ID (HID Usage Tables, Keyboard/Keypad page 0x07),
 * as the W3C "UI Events KeyboardEvent code Values" specification maps them. Usage 0x32 (Non-US # and ~)
 * sits where ISO keyboards have the backslash key, so it maps to `Backslash` like 0x31.
 */
const CODE_BY_HID_USAGE: ReadonlyMap<number, string> = (() => {
  const map = new Map<number, string>();
  for (let index = 0; index < 26; index++) {
    map.set(0x04 + index, `Key${String.fromCharCode(65 + index)}`);
  }
  for (let digit = 1; digit <= 9; digit++) {
    map.set(0x1d + digit, `Digit${digit}`);
    map.set(0x58 + digit, `Numpad${digit}`);
  }
  const named: Array<[number, string]> = [
    [0x27, 'Digit0'],
    [0x28, 'Enter'],
    [0x29, 'Escape'],
    [0x2a, 'Backspace'],
    [0x2b, 'Tab'],
    [0x2c, 'Space'],
    [0x2d, 'Minus'],
    [0x2e, 'Equal'],
    [0x2f, 'BracketLeft'],
    [0x30, 'BracketRight'],
    [0x31, 'Backslash'],
    [0x32, 'Backslash'],
    [0x33, 'Semicolon'],
    [0x34, 'Quote'],
    [0x35, 'Backquote'],
    [0x36, 'Comma'],
    [0x37, 'Period'],
    [0x38, 'Slash'],
    [0x39, 'CapsLock'],
    [0x54, 'NumpadDivide'],
    [0x55, 'NumpadMultiply'],
    [0x56, 'NumpadSubtract'],
    [0x57, 'NumpadAdd'],
    [0x58, 'NumpadEnter'],
    [0x62, 'Numpad0'],
    [0x63, 'NumpadDecimal'],
    [0x64, 'IntlBackslash'],
  ];
  for (const [usage, code] of named) {
    map.set(usage, code);
  }
  return map;
})();

/** Returns the `KeyboardEvent.code` of a HID keyboard usage ID, or null for usages this app does not use. */
export function codeForHidUsage(usage: number): string | null {
  return CODE_BY_HID_USAGE.get(usage) ?? null;
}
