import { describe, expect, it } from 'vitest';
import billEdgeCases from '../fixtures/dealpos/bill-edge-cases.json' with { type: 'json' };
import { readDocumentLines } from '../../shared/labels/lines.ts';
import { BUILT_IN_TEMPLATES, type LabelTemplate } from '../../shared/labels/templates.ts';
import {
  BarcodeFitCache,
  buildLineRows,
  filterRows,
  totalRows,
} from '../../renderer/src/lib/lines/line-rows.ts';

const roll = BUILT_IN_TEMPLATES.find((template) => template.id === 'roll-50x30') as LabelTemplate;
const small = BUILT_IN_TEMPLATES.find((template) => template.id === 'roll-33x15-3up') as LabelTemplate;

function lines(raw: Record<string, unknown>[]) {
  return readDocumentLines(raw);
}

describe('buildLineRows', () => {
  it('applies label counts, exclusions and errors like planJob', () => {
    const rows = buildLineRows(
      lines(billEdgeCases.response as Record<string, unknown>[]),
      new Map([
        [1, 0],
        [4, 3],
      ]),
      { template: roll, dpi: 203 },
      new BarcodeFitCache(),
    );

    // Line 1 left out by the clerk, line 3 has no code, line 4's negative quantity is replaced by 3.
    expect(rows[0]).toMatchObject({ labels: 0, refused: false, overridden: true });
    expect(rows[2]).toMatchObject({ labels: 0, refused: true, editable: false, symbology: null });
    expect(rows[3]).toMatchObject({ labels: 3, refused: false, labelsInput: 3 });
    expect(rows[3]?.problems.map((problem) => problem.code)).not.toContain('quantity_negative');
    // Line 5 (2.5 units) stays refused until the clerk types a count.
    expect(rows[4]).toMatchObject({ labels: 0, refused: true, editable: true, labelsInput: null });
  });

  it('adds the check-digit warning and keeps such a line printing', () => {
    const [row] = buildLineRows(
      lines([{ Name: 'Wrong EAN', Code: '5901234123458', Quantity: 2 }]),
      new Map(),
      { template: roll, dpi: 203 },
      new BarcodeFitCache(),
    );

    expect(row?.symbology).toBe('code128');
    expect(row?.problems).toEqual([
      {
        code: 'check_digit_invalid',
        severity: 'warning',
        params: { line: 1, code: '5901234123458', expected: 7 },
      },
    ]);
    expect(row?.labels).toBe(2);
  });

  it('marks a code too long for the current template', () => {
    // Ten letters need 165 Code 128 modules with quiet zones: 2 dots each fit 50 mm at 203 dpi, not 33 mm.
    const raw = [{ Name: 'Long', Code: 'ABCDEFGHIJ', Quantity: 4 }];
    const cache = new BarcodeFitCache();

    const [onWide] = buildLineRows(lines(raw), new Map(), { template: roll, dpi: 203 }, cache);
    const [onSmall] = buildLineRows(lines(raw), new Map(), { template: small, dpi: 203 }, cache);

    expect(onWide?.refused).toBe(false);
    expect(onSmall).toMatchObject({ refused: true, labels: 0, editable: false });
    expect(onSmall?.problems[0]).toMatchObject({
      code: 'code_too_long',
      severity: 'error',
      params: { line: 1, labelWidth: 33 },
    });
  });

  it('names each line in a cached too-long problem', () => {
    const raw = [
      { Name: 'A', Code: 'ABCDEFGHIJKLMNOPQRSTUVWX', Quantity: 1 },
      { Name: 'B', Code: 'ABCDEFGHIJKLMNOPQRSTUVWX', Quantity: 1 },
    ];
    const rows = buildLineRows(lines(raw), new Map(), { template: small, dpi: 203 }, new BarcodeFitCache());

    expect(rows[1]?.problems.find((problem) => problem.code === 'code_too_long')?.params['line']).toBe(2);
  });
});

describe('buildLineRows with a Code 128 template', () => {
  const code128Roll: LabelTemplate = {
    ...roll,
    fields: { ...roll.fields, barcode: { ...roll.fields.barcode, symbology: 'code128' } },
  };

  it('shows Code 128 for EAN, UPC and text codes alike', () => {
    const rows = buildLineRows(
      lines([
        { Name: 'EAN-13', Code: '5901234123457', Quantity: 1 },
        { Name: 'UPC-A', Code: '036000291452', Quantity: 1 },
        { Name: 'Text', Code: 'KF-M-0101', Quantity: 1 },
      ]),
      new Map(),
      { template: code128Roll, dpi: 203 },
      new BarcodeFitCache(),
    );

    expect(rows.map((row) => row.symbology)).toEqual(['code128', 'code128', 'code128']);
  });

  it('gives no check-digit warning for a wrong EAN check digit', () => {
    const [row] = buildLineRows(
      lines([{ Name: 'Wrong EAN', Code: '5901234123458', Quantity: 2 }]),
      new Map(),
      { template: code128Roll, dpi: 203 },
      new BarcodeFitCache(),
    );

    expect(row?.symbology).toBe('code128');
    expect(row?.problems).toEqual([]);
    expect(row?.labels).toBe(2);
  });
});

describe('totalRows', () => {
  it('counts printing, left-out and refused lines and their labels', () => {
    const rows = buildLineRows(
      lines(billEdgeCases.response as Record<string, unknown>[]),
      new Map([[1, 0]]),
      { template: roll, dpi: 203 },
      new BarcodeFitCache(),
    );

    // Printing: lines 2, 6, 8, 9 and 11. Refused: 3 (no code), 4, 5 (quantity), 7 (Ñ), 10 (numeric code).
    expect(totalRows(rows)).toEqual({ lines: 11, printing: 5, labels: 250_004, refused: 5, excluded: 1 });
  });
});

describe('filterRows', () => {
  it('keeps rows containing every word, ignoring case', () => {
    const rows = buildLineRows(
      lines([
        { Name: 'Kemeja Flanel (M)', Code: 'KF-M', Quantity: 1 },
        { Name: 'Kemeja Polos (L)', Code: 'KP-L', Quantity: 1 },
        { Name: 'Sepatu', Code: 'SP-42', Quantity: 1 },
      ]),
      new Map(),
      { template: roll, dpi: 203 },
      new BarcodeFitCache(),
    );

    expect(filterRows(rows, 'KEMEJA').map((row) => row.line.lineNumber)).toEqual([1, 2]);
    expect(filterRows(rows, 'kemeja l').map((row) => row.line.lineNumber)).toEqual([1, 2]);
    expect(filterRows(rows, 'kemeja (l)').map((row) => row.line.lineNumber)).toEqual([2]);
    expect(filterRows(rows, 'sp-42').map((row) => row.line.lineNumber)).toEqual([3]);
    expect(filterRows(rows, '  ')).toHaveLength(3);
  });
});
