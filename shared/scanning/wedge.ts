/**
 * Keyboard-wedge scanner input: distinguishes a scanner's burst of key presses from a person typing,
 * decodes the burst by key position, and checks a calibration scan.
 *
 * Contract for a UI (one `WedgeDetector` per focused scan field or per window):
 *
 * 1. On every `keydown`, call `handleKey(event)`. It returns `{ action, outputs }`.
 * 2. `action === 'hold'`: call `event.preventDefault()`. The detector keeps the key until it can tell whether
 *    the key belongs to a scan or to typing. `action === 'pass'`: let the browser handle the key.
 * 3. Apply `outputs` in order, before the browser handles a passed key (that is, inside the same handler):
 *    a `scan` output is a finished code; a `typed` output holds keys that turned out to be typing, and the
 *    UI inserts `output.text` where the caret is (for example with `input.setRangeText(text, start, end,
 *    'end')` and an `input` event), so the person sees what they typed.
 * 4. After each held key, schedule a timer for just after `deadline` (same clock as `KeyboardEvent.timeStamp`,
 *    which is `performance.now()` in a browser) and apply what `flushIdle(performance.now())` returns. This
 *    releases a single typed key about `maxGapMs` later, which a person does not notice.
 * 5. On blur, or before the UI moves focus, apply `flushAll()`.
 *
 * A burst is at least `minLength` characters, each at most `maxGapMs` after the previous one, ended by
 * the terminator key also within `maxGapMs`. Typed text is rebuilt from `KeyboardEvent.key` (the person's
 * own layout); a scan is decoded from `KeyboardEvent.code` against the US layout that scanners type with,
 * unless the settings say to read characters.
 */

import { z } from 'zod';
import { ENTER_CODES, TAB_CODE, usCharacter } from './us-layout.ts';

/** Scanner settings shared by wedge and HID input; times are milliseconds. */
export const scannerSettingsSchema = z.object({
  /** Minimum number of characters before the terminator that make a scan. */
  minLength: z.number().int().min(1).max(64).default(4),
  /** Largest gap between two key presses of one scan, in milliseconds. */
  maxGapMs: z.number().finite().min(5).max(1000).default(30),
  /** Characters the scanner is set to send before each code; removed from scans. */
  prefix: z.string().max(16).default(''),
  /** Characters the scanner is set to send after each code, before the terminator; removed from scans. */
  suffix: z.string().max(16).default(''),
  /** Key that ends a scan. */
  terminator: z.enum(['enter', 'tab', 'enter_or_tab']).default('enter_or_tab'),
  /**
   * `key_position` decodes `KeyboardEvent.code` with the US layout, right for scanners typing in US layout
   * whatever the system layout. `character` uses `KeyboardEvent.key`, for a scanner set to the system's layout.
   */
  decodeBy: z.enum(['key_position', 'character']).default('key_position'),
});

export type ScannerSettings = z.infer<typeof scannerSettingsSchema>;

/** Settings used until the clerk changes them: 4 characters, 30 ms, Enter or Tab, key positions. */
export const DEFAULT_SCANNER_SETTINGS: ScannerSettings = scannerSettingsSchema.parse({});

/** The fields of a DOM `KeyboardEvent` the detector reads. */
export interface WedgeKeyEvent {
  /** Physical key position, `KeyboardEvent.code`, e.g. `KeyA`. */
  code: string;
  /** Character or key name the system layout produced, `KeyboardEvent.key`. */
  key: string;
  shiftKey: boolean;
  /** Milliseconds, `KeyboardEvent.timeStamp`. */
  timeStamp: number;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  /** True for auto-repeat events of a held key: people hold keys, scanners do not. */
  repeat?: boolean;
}

/** A finished scan, or held keys that turned out to be typing. */
export type WedgeOutput =
  | {
      kind: 'scan';
      /** The decoded code with prefix and suffix removed. */
      code: string;
      /** The decoded characters before removing prefix and suffix. */
      raw: string;
      terminator: 'enter' | 'tab';
      events: WedgeKeyEvent[];
    }
  | {
      kind: 'typed';
      /** Text the person typed, from `KeyboardEvent.key`, to insert at the caret. */
      text: string;
      events: WedgeKeyEvent[];
    };

/** Instruction for one key event: hold it (prevent default) or pass it, after applying `outputs`. */
export interface WedgeStep {
  action: 'hold' | 'pass';
  outputs: WedgeOutput[];
}

const MODIFIER_CODES: ReadonlySet<string> = new Set([
  'ShiftLeft',
  'ShiftRight',
  'ControlLeft',
  'ControlRight',
  'AltLeft',
  'AltRight',
  'MetaLeft',
  'MetaRight',
  'CapsLock',
  'NumLock',
]);

const MODIFIER_KEYS: ReadonlySet<string> = new Set([
  'Shift',
  'Control',
  'Alt',
  'AltGraph',
  'Meta',
  'CapsLock',
]);

/** Reports whether an event is a lone modifier key press, which neither starts nor breaks a burst. */
export function isModifierEvent(event: WedgeKeyEvent): boolean {
  return MODIFIER_CODES.has(event.code) || MODIFIER_KEYS.has(event.key);
}

/** Returns the terminator a key event is, or null. */
export function terminatorOf(event: WedgeKeyEvent): 'enter' | 'tab' | null {
  if (ENTER_CODES.has(event.code)) {
    return 'enter';
  }
  return event.code === TAB_CODE ? 'tab' : null;
}

function terminatorAllowed(terminator: 'enter' | 'tab', setting: ScannerSettings['terminator']): boolean {
  return setting === 'enter_or_tab' || setting === terminator;
}

function isSingleCharacter(key: string): boolean {
  return key.length > 0 && [...key].length === 1;
}

/** Returns the character one key event adds to a scan: by US key position, or the layout's character. */
export function scanCharacter(event: WedgeKeyEvent, decodeBy: ScannerSettings['decodeBy']): string {
  if (decodeBy === 'key_position') {
    const character = usCharacter(event.code, event.shiftKey);
    if (character !== null) {
      return character;
    }
  }
  // Keys outside the US table (an ISO key, a dead key) fall back to what the layout produced.
  return isSingleCharacter(event.key) ? event.key : '';
}

/** Decodes the key events of one burst, without the terminator, to the characters the scanner sent. */
export function decodeKeys(events: readonly WedgeKeyEvent[], decodeBy: ScannerSettings['decodeBy']): string {
  return events.map((event) => scanCharacter(event, decodeBy)).join('');
}

/**
 * Removes surrounding white space (a CR or LF a scanner adds), then the configured prefix and suffix when
 * the code carries them.
 */
export function stripAffixes(raw: string, settings: Pick<ScannerSettings, 'prefix' | 'suffix'>): string {
  let code = raw.trim();
  if (settings.prefix !== '' && code.startsWith(settings.prefix)) {
    code = code.slice(settings.prefix.length);
  }
  if (settings.suffix !== '' && code.endsWith(settings.suffix)) {
    code = code.slice(0, code.length - settings.suffix.length);
  }
  return code.trim();
}

function typedText(events: readonly WedgeKeyEvent[]): string {
  // A dead key's own text is unknown until the next key composes with it, so it adds nothing here.
  return events.map((event) => (isSingleCharacter(event.key) ? event.key : '')).join('');
}

/**
 * Burst detector for one input stream. It keeps no timers: the UI passes times in and calls
 * `flushIdle` after `deadline`, which keeps the detector testable with recorded events.
 */
export class WedgeDetector {
  readonly #settings: ScannerSettings;
  #held: WedgeKeyEvent[] = [];

  constructor(settings: ScannerSettings = DEFAULT_SCANNER_SETTINGS) {
    this.#settings = settings;
  }

  /** Time after which `flushIdle` releases the held keys as typing, or null when nothing is held. */
  get deadline(): number | null {
    const last = this.#held.at(-1);
    return last === undefined ? null : last.timeStamp + this.#settings.maxGapMs;
  }

  /** Number of keys held, waiting to become a scan or typing. */
  get heldCount(): number {
    return this.#held.length;
  }

  /** Feeds one `keydown` event; see the module comment for what the UI does with the result. */
  handleKey(event: WedgeKeyEvent): WedgeStep {
    if (isModifierEvent(event)) {
      return { action: 'pass', outputs: [] };
    }

    const terminator = terminatorOf(event);
    if (terminator !== null) {
      return this.#handleTerminator(event, terminator);
    }

    // A dead key inside a burst is a scanner character, such as `[` on a French layout. A dead key that
    // starts a run is a person composing an accented letter, so it passes to keep the composition.
    const isCharacter = isSingleCharacter(event.key) || (event.key === 'Dead' && this.#continuesBurst(event));
    const isShortcut = event.ctrlKey === true || event.altKey === true || event.metaKey === true;
    if (!isCharacter || isShortcut || event.repeat === true) {
      // Editing keys, shortcuts, held-down keys and a dead key that starts a run are a person's.
      return { action: 'pass', outputs: this.flushAll() };
    }

    const outputs: WedgeOutput[] = [];
    if (!this.#continuesBurst(event)) {
      outputs.push(...this.flushAll());
    }
    this.#held.push(event);
    return { action: 'hold', outputs };
  }

  /** Releases held keys as typing once the burst can no longer continue at time `now`. */
  flushIdle(now: number): WedgeOutput[] {
    const deadline = this.deadline;
    if (deadline === null || now <= deadline) {
      return [];
    }
    return this.flushAll();
  }

  /** Releases every held key as typing, for blur or a focus change. */
  flushAll(): WedgeOutput[] {
    if (this.#held.length === 0) {
      return [];
    }
    const events = this.#held;
    this.#held = [];
    return [{ kind: 'typed', text: typedText(events), events }];
  }

  #continuesBurst(event: WedgeKeyEvent): boolean {
    const last = this.#held.at(-1);
    return last !== undefined && event.timeStamp - last.timeStamp <= this.#settings.maxGapMs;
  }

  #handleTerminator(event: WedgeKeyEvent, terminator: 'enter' | 'tab'): WedgeStep {
    const isBurst =
      this.#held.length >= this.#settings.minLength &&
      this.#continuesBurst(event) &&
      terminatorAllowed(terminator, this.#settings.terminator) &&
      event.ctrlKey !== true &&
      event.altKey !== true &&
      event.metaKey !== true;
    if (!isBurst) {
      return { action: 'pass', outputs: this.flushAll() };
    }

    const events = this.#held;
    this.#held = [];
    const raw = decodeKeys(events, this.#settings.decodeBy);
    const code = stripAffixes(raw, this.#settings);
    if (code === '') {
      // Only prefix and suffix arrived: nothing to scan, so the keys go back as typing.
      return { action: 'pass', outputs: [{ kind: 'typed', text: typedText(events), events }] };
    }
    return { action: 'hold', outputs: [{ kind: 'scan', code, raw, terminator, events: [...events, event] }] };
  }
}

/** The calibration barcode's text: upper and lower case letters, digits and symbols that move between layouts. */
export const CALIBRATION_CODE = 'LD-Cal-09/x';

export const CALIBRATION_FINDING_CODES = [
  'no_input',
  'terminator_missing',
  'terminator_not_allowed',
  'too_slow',
  'min_length_too_high',
  'layout_differs',
  'caps_lock_on',
  'read_by_position',
  'scanner_layout_not_us',
  'prefix_present',
  'prefix_missing',
  'suffix_present',
  'suffix_missing',
  'wrong_code',
] as const;

export type CalibrationFindingCode = (typeof CALIBRATION_FINDING_CODES)[number];

/**
 * One thing the calibration scan showed. `problem` findings stop scans from working as set up; `info`
 * findings explain something that works but may surprise. The message is `scan.calibration_<code>`.
 */
export interface CalibrationFinding {
  code: CalibrationFindingCode;
  severity: 'problem' | 'info';
  params: Record<string, string | number>;
}

/** Outcome of a calibration scan: `ok` when the detector reads the expected code with these settings. */
export interface CalibrationResult {
  ok: boolean;
  /** The code the detector read with the current settings, or null when it read none. */
  detected: string | null;
  findings: CalibrationFinding[];
}

function finding(
  code: CalibrationFindingCode,
  severity: CalibrationFinding['severity'],
  params: CalibrationFinding['params'] = {},
): CalibrationFinding {
  return { code, severity, params };
}

function swapCase(text: string): string {
  return [...text]
    .map((character) =>
      character === character.toUpperCase() ? character.toLowerCase() : character.toUpperCase(),
    )
    .join('');
}

/** Runs the events through a detector and returns the first scan it reports. */
function detectScan(events: readonly WedgeKeyEvent[], settings: ScannerSettings): string | null {
  const detector = new WedgeDetector(settings);
  for (const event of events) {
    const scan = detector.handleKey(event).outputs.find((output) => output.kind === 'scan');
    if (scan !== undefined && scan.kind === 'scan') {
      return scan.code;
    }
  }
  return null;
}

/** Finds a prefix or suffix around the expected text and compares it with the configured one. */
function affixFindings(found: string, configured: string, side: 'prefix' | 'suffix'): CalibrationFinding[] {
  if (found === configured) {
    return [];
  }
  if (found !== '') {
    return [finding(side === 'prefix' ? 'prefix_present' : 'suffix_present', 'problem', { [side]: found })];
  }
  // A configured prefix the scanner does not send is harmless, because scans keep codes that lack it.
  return [finding(side === 'prefix' ? 'prefix_missing' : 'suffix_missing', 'info', { [side]: configured })];
}

/** Compares what the layout typed with what the scanner meant, for the layout findings. */
function layoutFindings(
  typed: string,
  byPosition: string,
  expected: string,
  settings: ScannerSettings,
): CalibrationFinding[] {
  const positionMatches = byPosition.includes(expected);
  const typedMatches = typed.includes(expected);
  if (settings.decodeBy === 'character') {
    if (!typedMatches && positionMatches) {
      return [finding('read_by_position', 'problem', { typed })];
    }
    return [];
  }
  if (positionMatches) {
    if (typedMatches) {
      return [];
    }
    if (swapCase(typed).includes(expected)) {
      return [finding('caps_lock_on', 'info')];
    }
    return [finding('layout_differs', 'info', { typed })];
  }
  if (typedMatches) {
    return [finding('scanner_layout_not_us', 'problem', { typed })];
  }
  return [];
}

/**
 * Checks a calibration scan. `expected` is the text of the barcode the clerk was asked to scan (see
 * `CALIBRATION_CODE`). `events` are all `keydown` events received meanwhile, modifier keys included.
 * Each finding names what to change: the gap setting, the scanner's terminator, prefix or suffix, its
 * keyboard layout, or how the app reads keys.
 */
export function checkCalibration(
  expected: string,
  events: readonly WedgeKeyEvent[],
  settings: ScannerSettings = DEFAULT_SCANNER_SETTINGS,
): CalibrationResult {
  const keys = events.filter((event) => !isModifierEvent(event));
  const detected = detectScan(events, settings);
  if (keys.length === 0) {
    return { ok: false, detected, findings: [finding('no_input', 'problem')] };
  }

  const findings: CalibrationFinding[] = [];
  const last = keys.at(-1);
  const terminator = last === undefined ? null : terminatorOf(last);
  const characters = terminator === null ? keys : keys.slice(0, -1);

  if (terminator === null) {
    findings.push(finding('terminator_missing', 'problem'));
  } else if (!terminatorAllowed(terminator, settings.terminator)) {
    findings.push(finding('terminator_not_allowed', 'problem', { terminator }));
  }

  let maxGap = 0;
  for (let index = 1; index < keys.length; index++) {
    maxGap = Math.max(maxGap, (keys[index]?.timeStamp ?? 0) - (keys[index - 1]?.timeStamp ?? 0));
  }
  if (maxGap > settings.maxGapMs) {
    const measured = Math.ceil(maxGap);
    findings.push(finding('too_slow', 'problem', { gapMs: measured, suggestedMs: measured + 10 }));
  }

  if (characters.length < settings.minLength) {
    findings.push(
      finding('min_length_too_high', 'problem', { minLength: settings.minLength, length: characters.length }),
    );
  }

  const typed = typedText(characters);
  const byPosition = decodeKeys(characters, 'key_position');
  findings.push(...layoutFindings(typed, byPosition, expected, settings));

  const decoded = settings.decodeBy === 'key_position' ? byPosition : typed;
  const start = decoded.indexOf(expected);
  if (start >= 0) {
    findings.push(...affixFindings(decoded.slice(0, start), settings.prefix, 'prefix'));
    findings.push(...affixFindings(decoded.slice(start + expected.length), settings.suffix, 'suffix'));
  } else if (
    !findings.some((item) => item.code === 'read_by_position' || item.code === 'scanner_layout_not_us')
  ) {
    findings.push(finding('wrong_code', 'problem', { expected, received: decoded }));
  }

  const ok = detected === expected;
  if (!ok && !findings.some((item) => item.severity === 'problem')) {
    // Every check passed one by one, yet no scan came out, e.g. a non-character key inside the burst.
    findings.push(finding('wrong_code', 'problem', { expected, received: detected ?? decoded }));
  }
  return { ok, detected, findings };
}
