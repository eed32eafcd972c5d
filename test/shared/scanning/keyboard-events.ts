import { usCharacter, usKeystroke } from '../../../shared/scanning/us-layout.ts';
import type { WedgeKeyEvent } from '../../../shared/scanning/wedge.ts';

/**
 * French AZERTY (the Windows "French" layout): the character each key position types, unshifted and with
 * Shift. Letters A/Q, Z/W and M move, the digit row types symbols unless Shift is held, and the US
 * `[` key is a dead circumflex.
 */
const AZERTY: Record<string, [string, string]> = {
  Digit1: ['&', '1'],
  Digit2: ['é', '2'],
  Digit3: ['"', '3'],
  Digit4: ["'", '4'],
  Digit5: ['(', '5'],
  Digit6: ['-', '6'],
  Digit7: ['è', '7'],
  Digit8: ['_', '8'],
  Digit9: ['ç', '9'],
  Digit0: ['à', '0'],
  Minus: [')', '°'],
  Equal: ['=', '+'],
  KeyQ: ['a', 'A'],
  KeyW: ['z', 'Z'],
  KeyA: ['q', 'Q'],
  KeyZ: ['w', 'W'],
  KeyM: [',', '?'],
  Semicolon: ['m', 'M'],
  Comma: [';', '.'],
  Period: [':', '/'],
  Slash: ['!', '§'],
  BracketLeft: ['Dead', 'Dead'],
  BracketRight: ['$', '£'],
  Quote: ['ù', '%'],
  Backslash: ['*', 'µ'],
};

export type Layout = 'us' | 'azerty';

/** Returns the `KeyboardEvent.key` a layout produces at a key position. */
export function keyOn(layout: Layout, code: string, shift: boolean): string {
  if (code === 'Enter' || code === 'NumpadEnter') {
    return 'Enter';
  }
  if (code === 'Tab') {
    return 'Tab';
  }
  if (layout === 'azerty') {
    const pair = AZERTY[code];
    if (pair !== undefined) {
      return shift ? pair[1] : pair[0];
    }
  }
  const character = usCharacter(code, shift);
  if (character === null) {
    throw new Error(`no character at ${code}`);
  }
  // Keys the AZERTY table leaves out (most letters, Space) type the same as on the US layout.
  return character;
}

export interface ScanOptions {
  layout?: Layout;
  start?: number;
  /** Milliseconds between key presses. */
  gapMs?: number;
  terminator?: 'Enter' | 'Tab' | null;
  /** Send a ShiftLeft keydown before each shifted key, as a real scanner does. */
  shiftEvents?: boolean;
}

/** Builds the keydown events a US-layout scanner causes when it types `text` on a system with `layout`. */
export function scannerEvents(text: string, options: ScanOptions = {}): WedgeKeyEvent[] {
  const layout = options.layout ?? 'us';
  const gap = options.gapMs ?? 8;
  let time = options.start ?? 1000;
  const events: WedgeKeyEvent[] = [];
  for (const character of text) {
    const stroke = usKeystroke(character);
    if (stroke === null) {
      throw new Error(`a US scanner cannot type ${character}`);
    }
    if (stroke.shift && options.shiftEvents !== false) {
      events.push({ code: 'ShiftLeft', key: 'Shift', shiftKey: true, timeStamp: time });
    }
    events.push({
      code: stroke.code,
      key: keyOn(layout, stroke.code, stroke.shift),
      shiftKey: stroke.shift,
      timeStamp: time,
    });
    time += gap;
  }
  const terminator = options.terminator === undefined ? 'Enter' : options.terminator;
  if (terminator !== null) {
    events.push({ code: terminator, key: terminator, shiftKey: false, timeStamp: time });
  }
  return events;
}

/** Keydown events of a person typing `text` on a US layout, `gapMs` apart (150 ms by default). */
export function typingEvents(text: string, start = 1000, gapMs = 150): WedgeKeyEvent[] {
  return scannerEvents(text, { start, gapMs, terminator: null, shiftEvents: false });
}
