import { describe, expect, it } from 'vitest';
import {
  keyboardCharacter,
  parseHidPosReport,
  parseKeyboardReport,
} from '../../../electron/scanning/hid-reports.ts';
import { hidPosReport } from './hid-fixtures.ts';

function hex(text: string): Uint8Array {
  return Uint8Array.from(text.split(' ').map((byte) => Number.parseInt(byte, 16)));
}

/** The characters a single report types when no key was down before it. */
function typed(report: string): string {
  const parsed = parseKeyboardReport(hex(report));
  if (parsed.kind !== 'keys') {
    throw new Error(`expected keys, got ${parsed.kind}`);
  }
  return parsed.report.keys.map((usage) => keyboardCharacter(usage, parsed.report.modifiers) ?? '').join('');
}

describe('parseKeyboardReport', () => {
  it('reads left Shift with key 0x21 as a dollar sign', () => {
    expect(typed('02 00 21 00 00 00 00 00')).toBe('$');
  });

  it('reads right Shift with key 0x04 as capital A', () => {
    expect(typed('20 00 04 00 00 00 00 00')).toBe('A');
  });

  it('reads the modifier byte as a bitmask', () => {
    expect(typed('00 00 04 00 00 00 00 00')).toBe('a');
    expect(typed('22 00 1e 00 00 00 00 00')).toBe('!');
    // Control (left 0x01, right 0x10), Alt and GUI make a shortcut, not a character.
    expect(typed('01 00 04 00 00 00 00 00')).toBe('');
    expect(typed('03 00 0d 00 00 00 00 00')).toBe('');
    expect(typed('10 00 04 00 00 00 00 00')).toBe('');
    expect(typed('40 00 04 00 00 00 00 00')).toBe('');
    expect(typed('08 00 04 00 00 00 00 00')).toBe('');
  });

  it('lists every key slot in order', () => {
    expect(typed('00 00 04 05 06 27 1e 2d')).toBe('abc01-');
  });

  it('drops modifier usages listed in the key slots', () => {
    const parsed = parseKeyboardReport(hex('02 00 e1 04 00 00 00 00'));
    expect(parsed).toEqual({ kind: 'keys', report: { modifiers: 0x02, keys: [0x04] } });
  });

  it('reads keypad digits', () => {
    expect(typed('00 00 59 62 63 00 00 00')).toBe('10.');
  });

  it('skips a report ID in front of a 9-byte report', () => {
    const parsed = parseKeyboardReport(hex('01 20 00 04 00 00 00 00 00'));
    expect(parsed).toEqual({ kind: 'keys', report: { modifiers: 0x20, keys: [0x04] } });
  });

  it('reports rollover instead of keys', () => {
    expect(parseKeyboardReport(hex('00 00 01 01 01 01 01 01')).kind).toBe('rollover');
  });

  it('rejects reports of the wrong length or with impossible usages', () => {
    expect(parseKeyboardReport(hex('00 00 04')).kind).toBe('invalid');
    expect(parseKeyboardReport(new Uint8Array(64)).kind).toBe('invalid');
    expect(parseKeyboardReport(hex('00 00 f0 00 00 00 00 00')).kind).toBe('invalid');
  });
});

describe('parseHidPosReport', () => {
  it('reads the data, symbology identifier and continuation bit', () => {
    const parsed = parseHidPosReport(hidPosReport('4006381333931', { symbologyId: ']E0', continued: true }));
    expect(parsed.kind).toBe('data');
    if (parsed.kind !== 'data') {
      return;
    }
    expect(Buffer.from(parsed.report.data).toString('latin1')).toBe('4006381333931');
    expect(parsed.report.symbologyId).toBe(']E0');
    expect(parsed.report.continued).toBe(true);
  });

  it('reads a final report as not continued', () => {
    const parsed = parseHidPosReport(hidPosReport('ABC'));
    expect(parsed.kind === 'data' && parsed.report.continued).toBe(false);
  });

  it('reads an all-zero symbology identifier as none', () => {
    const report = hidPosReport('ABC');
    report.fill(0, 2, 5);
    const parsed = parseHidPosReport(report);
    expect(parsed.kind === 'data' && parsed.report.symbologyId).toBe('');
  });

  it('takes a short report as a whole code', () => {
    const parsed = parseHidPosReport(hex('02 03 5d 43 30 41 42 43'));
    expect(parsed.kind).toBe('data');
    expect(parsed.kind === 'data' && Buffer.from(parsed.report.data).toString('latin1')).toBe('ABC');
    expect(parsed.kind === 'data' && parsed.report.continued).toBe(false);
  });

  it('passes over other report IDs', () => {
    expect(parseHidPosReport(hex('04 01 00'))).toEqual({ kind: 'other_report', reportId: 4 });
  });

  it('rejects reports that do not fit the layout', () => {
    expect(parseHidPosReport(new Uint8Array(0)).kind).toBe('invalid');
    expect(parseHidPosReport(hex('02 01 5d')).kind).toBe('invalid');
    const tooLong = hidPosReport('X');
    tooLong[1] = 57;
    expect(parseHidPosReport(tooLong).kind).toBe('invalid');
    expect(parseHidPosReport(hex('02 09 5d 43 30 41 42 43')).kind).toBe('invalid');
  });
});
