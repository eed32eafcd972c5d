import { describe, expect, it } from 'vitest';
import { en } from '../../../shared/i18n/en.ts';
import { translate, type MessageKey } from '../../../shared/i18n/index.ts';
import { codeForHidUsage, usCharacter, usKeystroke } from '../../../shared/scanning/us-layout.ts';
import {
  CALIBRATION_CODE,
  CALIBRATION_FINDING_CODES,
  WedgeDetector,
  checkCalibration,
  scannerSettingsSchema,
  type CalibrationResult,
  type ScannerSettings,
  type WedgeKeyEvent,
  type WedgeOutput,
  type WedgeStep,
} from '../../../shared/scanning/wedge.ts';
import { keyOn, scannerEvents, typingEvents } from './keyboard-events.ts';

interface Run {
  steps: WedgeStep[];
  outputs: WedgeOutput[];
  scans: string[];
  typed: string;
}

/** Feeds events to a detector the way a UI does, flushing idle keys after the last one. */
function run(events: readonly WedgeKeyEvent[], settings?: Partial<ScannerSettings>): Run {
  const detector = new WedgeDetector(scannerSettingsSchema.parse(settings ?? {}));
  const steps = events.map((event) => detector.handleKey(event));
  const outputs = steps.flatMap((step) => step.outputs);
  outputs.push(...detector.flushIdle(Number.MAX_SAFE_INTEGER));
  return {
    steps,
    outputs,
    scans: outputs.flatMap((output) => (output.kind === 'scan' ? [output.code] : [])),
    typed: outputs.map((output) => (output.kind === 'typed' ? output.text : '')).join(''),
  };
}

describe('us layout', () => {
  it('types every printable ASCII character with one key', () => {
    for (let codePoint = 0x20; codePoint <= 0x7e; codePoint++) {
      const character = String.fromCharCode(codePoint);
      const stroke = usKeystroke(character);
      expect({ character, back: stroke === null ? null : usCharacter(stroke.code, stroke.shift) }).toEqual({
        character,
        back: character,
      });
    }
  });

  it('maps HID keyboard usages to key positions', () => {
    expect(codeForHidUsage(0x04)).toBe('KeyA');
    expect(codeForHidUsage(0x1e)).toBe('Digit1');
    expect(codeForHidUsage(0x27)).toBe('Digit0');
    expect(codeForHidUsage(0x28)).toBe('Enter');
    expect(codeForHidUsage(0x59)).toBe('Numpad1');
    expect(codeForHidUsage(0x62)).toBe('Numpad0');
    expect(codeForHidUsage(0xe0)).toBeNull();
  });
});

describe('WedgeDetector', () => {
  it('reads a fast burst as a scan', () => {
    const events = scannerEvents('HA112');
    const result = run(events);
    expect(result.scans).toEqual(['HA112']);
    expect(result.typed).toBe('');
    // Shift keydowns pass; characters and Enter are held.
    expect(result.steps.map((step) => step.action)).toEqual(
      events.map((event) => (event.code === 'ShiftLeft' ? 'pass' : 'hold')),
    );
    expect(result.outputs[0]).toMatchObject({ kind: 'scan', terminator: 'enter' });
  });

  it('releases slow typing as typed', () => {
    const events = [
      ...typingEvents('abcd', 1000, 150),
      { code: 'Enter', key: 'Enter', shiftKey: false, timeStamp: 1600 },
    ];
    const result = run(events);
    expect(result.scans).toEqual([]);
    expect(result.typed).toBe('abcd');
    expect(result.steps.at(-1)?.action).toBe('pass');
    // Each key is released when the next one shows the gap was too long for a scanner.
    expect(
      result.steps
        .slice(1, 4)
        .map((step) => step.outputs.map((output) => output.kind === 'typed' && output.text)),
    ).toEqual([['a'], ['b'], ['c']]);
  });

  it('releases a lone key after the gap has passed', () => {
    const detector = new WedgeDetector();
    expect(detector.handleKey({ code: 'KeyA', key: 'a', shiftKey: false, timeStamp: 500 }).action).toBe(
      'hold',
    );
    expect(detector.deadline).toBe(530);
    expect(detector.flushIdle(530)).toEqual([]);
    const released = detector.flushIdle(531);
    expect(released).toMatchObject([{ kind: 'typed', text: 'a' }]);
    expect(detector.heldCount).toBe(0);
    expect(detector.deadline).toBeNull();
  });

  it('separates typing from a scan that follows it', () => {
    const events = [...typingEvents('ab', 1000), ...scannerEvents('4006381333931', { start: 2000 })];
    const result = run(events);
    expect(
      result.outputs.map((output) =>
        output.kind === 'scan' ? `scan:${output.code}` : `typed:${output.text}`,
      ),
    ).toEqual(['typed:a', 'typed:b', 'scan:4006381333931']);
  });

  it('treats a burst with a pause in the middle as typing', () => {
    const first = scannerEvents('HA1', { start: 1000, terminator: null });
    const second = scannerEvents('12', { start: 1100 });
    const result = run([...first, ...second]);
    expect(result.scans).toEqual([]);
    expect(result.typed).toBe('HA112');
    expect(result.steps.at(-1)?.action).toBe('pass');
  });

  it('reads a long part after a pause', () => {
    const result = run([
      ...scannerEvents('HA11', { terminator: null }),
      ...scannerEvents('2345', { start: 1200 }),
    ]);
    expect(result.typed).toBe('HA11');
    expect(result.scans).toEqual(['2345']);
  });

  it('ignores bursts below minimum length', () => {
    const result = run(scannerEvents('123'));
    expect(result.scans).toEqual([]);
    expect(result.typed).toBe('123');
    expect(run(scannerEvents('123'), { minLength: 3 }).scans).toEqual(['123']);
  });

  it('does not read a burst whose Enter comes late', () => {
    const events = scannerEvents('4006381333931');
    const enter = events.at(-1);
    if (enter !== undefined) {
      enter.timeStamp += 100;
    }
    const result = run(events);
    expect(result.scans).toEqual([]);
    expect(result.typed).toBe('4006381333931');
  });

  it('reads a burst ended by Tab and holds the Tab', () => {
    const result = run(scannerEvents('HA112', { terminator: 'Tab' }));
    expect(result.scans).toEqual(['HA112']);
    expect(result.steps.at(-1)?.action).toBe('hold');
    expect(result.outputs[0]).toMatchObject({ kind: 'scan', terminator: 'tab' });
  });

  it('passes Tab when only Enter ends scans', () => {
    const result = run(scannerEvents('HA112', { terminator: 'Tab' }), { terminator: 'enter' });
    expect(result.scans).toEqual([]);
    expect(result.typed).toBe('HA112');
    expect(result.steps.at(-1)?.action).toBe('pass');
  });

  it('strips the configured prefix and suffix', () => {
    const result = run(scannerEvents(']C1HA112#'), { prefix: ']C1', suffix: '#' });
    expect(result.scans).toEqual(['HA112']);
    expect(result.outputs[0]).toMatchObject({ kind: 'scan', raw: ']C1HA112#' });
  });

  it('keeps a code that lacks the configured prefix', () => {
    expect(run(scannerEvents('HA112'), { prefix: '#' }).scans).toEqual(['HA112']);
  });

  it('returns affix-only bursts as typing', () => {
    const result = run(scannerEvents('#$$#'), { prefix: '#$', suffix: '$#' });
    expect(result.scans).toEqual([]);
    expect(result.typed).toBe('#$$#');
  });

  it('passes shortcuts, editing keys, auto-repeat', () => {
    const detector = new WedgeDetector();
    detector.handleKey({ code: 'KeyA', key: 'a', shiftKey: false, timeStamp: 0 });
    expect(
      detector.handleKey({ code: 'KeyV', key: 'v', shiftKey: false, ctrlKey: true, timeStamp: 5 }),
    ).toEqual({
      action: 'pass',
      outputs: [
        { kind: 'typed', text: 'a', events: [{ code: 'KeyA', key: 'a', shiftKey: false, timeStamp: 0 }] },
      ],
    });
    expect(
      detector.handleKey({ code: 'Backspace', key: 'Backspace', shiftKey: false, timeStamp: 10 }),
    ).toEqual({
      action: 'pass',
      outputs: [],
    });
    expect(
      detector.handleKey({ code: 'KeyB', key: 'b', shiftKey: false, repeat: true, timeStamp: 15 }).action,
    ).toBe('pass');
    expect(detector.heldCount).toBe(0);
  });

  it('passes a leading dead key only', () => {
    const detector = new WedgeDetector();
    const dead = { code: 'BracketLeft', key: 'Dead', shiftKey: false, timeStamp: 0 };
    expect(detector.handleKey(dead).action).toBe('pass');
    const burst = scannerEvents('AB[12', { layout: 'azerty' });
    expect(burst.some((event) => event.key === 'Dead')).toBe(true);
    expect(run(burst).scans).toEqual(['AB[12']);
  });

  it('reads HA112 on French AZERTY', () => {
    const events = scannerEvents('HA112', { layout: 'azerty' });
    const typedByLayout = events
      .filter((event) => event.code !== 'ShiftLeft' && event.code !== 'Enter')
      .map((event) => event.key)
      .join('');
    expect(typedByLayout).toBe('HQ&&é');
    expect(run(events).scans).toEqual(['HA112']);
  });

  it('reads characters when set to', () => {
    expect(run(scannerEvents('HA112', { layout: 'azerty' }), { decodeBy: 'character' }).scans).toEqual([
      'HQ&&é',
    ]);
  });

  it('replays AZERTY typing as typed', () => {
    const events = typingEvents('qa1').map((event) => ({
      ...event,
      key: keyOn('azerty', event.code, event.shiftKey),
    }));
    expect(run(events).typed).toBe('aq&');
  });

  it('keeps up with many scans in a row', () => {
    const codes = Array.from({ length: 200 }, (_, index) => `CODE${String(index).padStart(4, '0')}`);
    const events = codes.flatMap((code, index) => scannerEvents(code, { start: index * 100 }));
    expect(run(events).scans).toEqual(codes);
  });
});

/** Events of a scanner set to AZERTY typing `text` on an AZERTY system: the right characters at other keys. */
function azertyScannerEvents(text: string, start = 1000): WedgeKeyEvent[] {
  const codes = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((letter) => `Key${letter}`);
  const positions = [
    ...codes,
    'Digit0',
    'Digit1',
    'Digit2',
    'Digit3',
    'Digit4',
    'Digit5',
    'Digit6',
    'Digit7',
    'Digit8',
    'Digit9',
    'Minus',
    'Comma',
    'Period',
    'Slash',
    'Semicolon',
  ];
  const events: WedgeKeyEvent[] = [];
  let time = start;
  for (const character of text) {
    let found: WedgeKeyEvent | null = null;
    for (const code of positions) {
      for (const shift of [false, true]) {
        if (found === null && keyOn('azerty', code, shift) === character) {
          found = { code, key: character, shiftKey: shift, timeStamp: time };
        }
      }
    }
    if (found === null) {
      throw new Error(`AZERTY has no key for ${character}`);
    }
    events.push(found);
    time += 8;
  }
  events.push({ code: 'Enter', key: 'Enter', shiftKey: false, timeStamp: time });
  return events;
}

function codes(result: CalibrationResult): string[] {
  return result.findings.map((finding) => finding.code);
}

describe('checkCalibration', () => {
  const settings = scannerSettingsSchema.parse({});

  it('accepts a US scanner on a US system', () => {
    const result = checkCalibration(CALIBRATION_CODE, scannerEvents(CALIBRATION_CODE), settings);
    expect(result).toEqual({ ok: true, detected: CALIBRATION_CODE, findings: [] });
  });

  it('accepts AZERTY with an info finding', () => {
    const result = checkCalibration(
      CALIBRATION_CODE,
      scannerEvents(CALIBRATION_CODE, { layout: 'azerty' }),
      settings,
    );
    expect(result.ok).toBe(true);
    expect(result.findings).toEqual([
      { code: 'layout_differs', severity: 'info', params: { typed: 'LD)Cql)àç!x' } },
    ]);
  });

  it('notices Caps Lock', () => {
    const events = scannerEvents(CALIBRATION_CODE).map((event) =>
      /^[a-z]$/i.test(event.key)
        ? {
            ...event,
            key: event.key === event.key.toUpperCase() ? event.key.toLowerCase() : event.key.toUpperCase(),
          }
        : event,
    );
    const result = checkCalibration(CALIBRATION_CODE, events, settings);
    expect(result.ok).toBe(true);
    expect(codes(result)).toEqual(['caps_lock_on']);
  });

  it('asks for a longer gap when the scanner is slow', () => {
    const result = checkCalibration(
      CALIBRATION_CODE,
      scannerEvents(CALIBRATION_CODE, { gapMs: 45 }),
      settings,
    );
    expect(result.ok).toBe(false);
    expect(result.findings).toEqual([
      { code: 'too_slow', severity: 'problem', params: { gapMs: 45, suggestedMs: 55 } },
    ]);
    const raised = scannerSettingsSchema.parse({ maxGapMs: 55 });
    expect(
      checkCalibration(CALIBRATION_CODE, scannerEvents(CALIBRATION_CODE, { gapMs: 45 }), raised).ok,
    ).toBe(true);
  });

  it('asks for a terminator when the scanner sends none', () => {
    const result = checkCalibration(
      CALIBRATION_CODE,
      scannerEvents(CALIBRATION_CODE, { terminator: null }),
      settings,
    );
    expect(result.ok).toBe(false);
    expect(codes(result)).toEqual(['terminator_missing']);
  });

  it('names a terminator the settings do not accept', () => {
    const enterOnly = scannerSettingsSchema.parse({ terminator: 'enter' });
    const result = checkCalibration(
      CALIBRATION_CODE,
      scannerEvents(CALIBRATION_CODE, { terminator: 'Tab' }),
      enterOnly,
    );
    expect(result.findings).toEqual([
      { code: 'terminator_not_allowed', severity: 'problem', params: { terminator: 'tab' } },
    ]);
  });

  it('finds a prefix and a suffix the scanner adds', () => {
    const events = scannerEvents(`]C1${CALIBRATION_CODE}%`);
    const result = checkCalibration(CALIBRATION_CODE, events, settings);
    expect(result.ok).toBe(false);
    expect(result.findings).toEqual([
      { code: 'prefix_present', severity: 'problem', params: { prefix: ']C1' } },
      { code: 'suffix_present', severity: 'problem', params: { suffix: '%' } },
    ]);
    const configured = scannerSettingsSchema.parse({ prefix: ']C1', suffix: '%' });
    expect(checkCalibration(CALIBRATION_CODE, events, configured)).toEqual({
      ok: true,
      detected: CALIBRATION_CODE,
      findings: [],
    });
  });

  it('finds a configured prefix the scanner does not send', () => {
    const result = checkCalibration(
      CALIBRATION_CODE,
      scannerEvents(CALIBRATION_CODE),
      scannerSettingsSchema.parse({ prefix: '#' }),
    );
    expect(result.findings).toEqual([{ code: 'prefix_missing', severity: 'info', params: { prefix: '#' } }]);
    expect(result.ok).toBe(true);
  });

  it('suggests reading key positions when set to characters on AZERTY', () => {
    const byCharacter = scannerSettingsSchema.parse({ decodeBy: 'character' });
    const result = checkCalibration(
      CALIBRATION_CODE,
      scannerEvents(CALIBRATION_CODE, { layout: 'azerty' }),
      byCharacter,
    );
    expect(result.ok).toBe(false);
    expect(codes(result)).toEqual(['read_by_position']);
  });

  it('detects a scanner that is not set to the US layout', () => {
    const events = azertyScannerEvents(CALIBRATION_CODE);
    expect(events.map((event) => event.key).join('')).toBe(`${CALIBRATION_CODE}Enter`);
    const result = checkCalibration(CALIBRATION_CODE, events, settings);
    expect(result.ok).toBe(false);
    expect(codes(result)).toEqual(['scanner_layout_not_us']);
    const byCharacter = scannerSettingsSchema.parse({ decodeBy: 'character' });
    expect(checkCalibration(CALIBRATION_CODE, events, byCharacter).ok).toBe(true);
  });

  it('asks for a lower minimum length when the code is shorter', () => {
    const result = checkCalibration(
      CALIBRATION_CODE,
      scannerEvents(CALIBRATION_CODE),
      scannerSettingsSchema.parse({ minLength: 20 }),
    );
    expect(result.ok).toBe(false);
    expect(result.findings).toEqual([
      { code: 'min_length_too_high', severity: 'problem', params: { minLength: 20, length: 11 } },
    ]);
  });

  it('reports no input and a wrong barcode', () => {
    expect(checkCalibration(CALIBRATION_CODE, [], settings)).toEqual({
      ok: false,
      detected: null,
      findings: [{ code: 'no_input', severity: 'problem', params: {} }],
    });
    const wrong = checkCalibration(CALIBRATION_CODE, scannerEvents('4006381333931'), settings);
    expect(wrong.ok).toBe(false);
    expect(wrong.findings).toEqual([
      {
        code: 'wrong_code',
        severity: 'problem',
        params: { expected: CALIBRATION_CODE, received: '4006381333931' },
      },
    ]);
  });

  it('reports a burst broken by a non-character key', () => {
    const events = scannerEvents(CALIBRATION_CODE);
    events.splice(3, 0, {
      code: 'ArrowLeft',
      key: 'ArrowLeft',
      shiftKey: false,
      timeStamp: events[2]?.timeStamp ?? 0,
    });
    const result = checkCalibration(CALIBRATION_CODE, events, settings);
    expect(result.ok).toBe(false);
    expect(codes(result)).toContain('wrong_code');
  });

  it('has a message in both languages for every finding', () => {
    const params = {
      typed: 'x',
      gapMs: 1,
      suggestedMs: 2,
      minLength: 3,
      length: 4,
      terminator: 'tab',
      prefix: 'p',
      suffix: 's',
      expected: 'e',
      received: 'r',
    };
    for (const code of CALIBRATION_FINDING_CODES) {
      const key = `scan.calibration_${code}` as MessageKey;
      expect(Object.keys(en)).toContain(key);
      expect(translate('en', key, params)).not.toBe('');
      expect(translate('id', key, params)).not.toBe('');
    }
    expect(translate('en', 'scan.calibration_too_slow', { gapMs: 45, suggestedMs: 55 })).toBe(
      'The scanner paused up to 45 ms between two characters, longer than the maximum gap setting. Raise the maximum gap to 55 ms.',
    );
  });
});
