import { describe, expect, it } from 'vitest';
import { translate } from '../../../shared/i18n/index.ts';
import {
  checkDrawingFitsProfile,
  EXAMPLE_PRINTER_PROFILES,
  printerProfileSchema,
  rowWidthMm,
  type PrinterProfileInput,
} from '../../../shared/printing/profile.ts';

const minimal: PrinterProfileInput = {
  id: 'desk-1',
  name: 'Desk 1',
  queue: 'XP-360B',
  mode: 'tspl',
  dpi: 203,
  label: { widthMm: 50, heightMm: 30, gapMm: 2 },
};

const withChange = (change: Record<string, unknown>): unknown => ({ ...minimal, ...change });

describe('printerProfileSchema', () => {
  it('fills in the defaults', () => {
    const profile = printerProfileSchema.parse(minimal);
    expect(profile).toEqual({
      ...minimal,
      columns: 1,
      columnGapMm: 0,
      offsetMm: { x: 0, y: 0 },
      darkness: 16,
      speed: 3,
      utf8Text: false,
      rasterText: false,
    });
  });

  it('trims spaces around the queue name', () => {
    expect(printerProfileSchema.parse(withChange({ queue: ' label-zpl ' })).queue).toBe('label-zpl');
    expect(printerProfileSchema.safeParse(withChange({ queue: '   ' })).success).toBe(false);
  });

  it('accepts the example profiles', () => {
    expect(EXAMPLE_PRINTER_PROFILES.map((profile) => [profile.id, profile.mode, profile.dpi])).toEqual([
      ['xprinter-xp-360b', 'tspl', 203],
      ['xprinter-xp-360b-3up', 'tspl', 203],
      ['zebra-zd220', 'zpl', 203],
    ]);
    for (const profile of EXAMPLE_PRINTER_PROFILES) {
      expect(printerProfileSchema.parse(profile)).toEqual(profile);
    }
  });

  it('accepts small negative offsets and half-step speeds', () => {
    const profile = printerProfileSchema.parse(withChange({ offsetMm: { x: -1.5, y: -10 }, speed: 1.5 }));
    expect(profile.offsetMm).toEqual({ x: -1.5, y: -10 });
    expect(profile.speed).toBe(1.5);
  });

  it('rejects values outside the printer ranges', () => {
    const invalid: Array<[string, Record<string, unknown>]> = [
      ['darkness above 30', { darkness: 31 }],
      ['fractional darkness', { darkness: 2.5 }],
      ['offset beyond 10 mm', { offsetMm: { x: 10.5, y: 0 } }],
      ['600 dpi', { dpi: 600 }],
      ['speed off the half steps', { speed: 3.3 }],
      ['zero columns', { columns: 0 }],
      ['queue with a line break', { queue: 'XP\n360B' }],
      ['empty name', { name: '  ' }],
      ['unknown mode', { mode: 'epl' }],
      ['negative gap', { label: { widthMm: 50, heightMm: 30, gapMm: -1 } }],
    ];
    for (const [reason, change] of invalid) {
      expect({ reason, success: printerProfileSchema.safeParse(withChange(change)).success }).toEqual({
        reason,
        success: false,
      });
    }
  });

  it('rejects a row wider than a print head', () => {
    const result = printerProfileSchema.safeParse(
      withChange({ label: { widthMm: 100, heightMm: 30, gapMm: 2 }, columns: 3, columnGapMm: 2 }),
    );
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['columns', 'row_wider_than_print_head'],
    ]);
  });
});

describe('rowWidthMm', () => {
  it('adds the columns and the gaps between them', () => {
    expect(rowWidthMm({ label: { widthMm: 33, heightMm: 15, gapMm: 2 }, columns: 3, columnGapMm: 2 })).toBe(
      103,
    );
    expect(rowWidthMm({ label: { widthMm: 50, heightMm: 30, gapMm: 2 }, columns: 1, columnGapMm: 5 })).toBe(
      50,
    );
  });
});

describe('checkDrawingFitsProfile', () => {
  const profile = printerProfileSchema.parse(minimal);

  it('accepts a drawing of the profile label size at its dpi', () => {
    expect(checkDrawingFitsProfile({ dpi: 203, widthDots: 399.6, heightDots: 239.8 }, profile)).toBeNull();
    expect(checkDrawingFitsProfile({ dpi: 203, widthDots: 300, heightDots: 200 }, profile)).toBeNull();
  });

  it('reports a dpi mismatch', () => {
    expect(checkDrawingFitsProfile({ dpi: 300, widthDots: 590, heightDots: 354 }, profile)).toEqual({
      code: 'dpi_mismatch',
      params: { printer: 'Desk 1', layoutDpi: 300, printerDpi: 203 },
    });
  });

  it('reports a label larger than the profile label', () => {
    expect(checkDrawingFitsProfile({ dpi: 203, widthDots: 560, heightDots: 239.8 }, profile)).toEqual({
      code: 'label_too_large',
      params: { printer: 'Desk 1', labelWidth: 70.1, labelHeight: 30, printerWidth: 50, printerHeight: 30 },
    });
  });

  it('has a message for each problem in both languages', () => {
    const problems = [
      checkDrawingFitsProfile({ dpi: 300, widthDots: 590, heightDots: 354 }, profile)!,
      checkDrawingFitsProfile({ dpi: 203, widthDots: 560, heightDots: 239.8 }, profile)!,
    ];
    for (const problem of problems) {
      for (const locale of ['en', 'id'] as const) {
        const message = translate(locale, `printing.${problem.code}`, problem.params);
        expect(message).toContain('"Desk 1"');
        expect(message).not.toMatch(/[{}]/);
      }
    }
  });
});
