import { describe, expect, it } from 'vitest';
import {
  driverPageCss,
  driverPrintOptions,
  printWithDriver,
} from '../../../electron/printing/driver-print.ts';
import { AppError } from '../../../shared/errors.ts';
import { EXAMPLE_PRINTER_PROFILES, type PrinterProfile } from '../../../shared/printing/profile.ts';

const ROLL_50X30 = EXAMPLE_PRINTER_PROFILES.find((profile) => profile.id === 'xprinter-xp-360b')!;
const ROLL_33X15_3UP = EXAMPLE_PRINTER_PROFILES.find((profile) => profile.id === 'xprinter-xp-360b-3up')!;

describe('driverPrintOptions', () => {
  it('gives 50 × 30 mm as 50000 × 30000 microns', () => {
    expect(driverPrintOptions(ROLL_50X30)).toEqual({
      silent: true,
      deviceName: 'XP-360B',
      printBackground: true,
      color: false,
      landscape: false,
      margins: { marginType: 'none' },
      pageSize: { width: 50000, height: 30000 },
      dpi: { horizontal: 203, vertical: 203 },
      copies: 1,
    });
  });

  it('makes the page one row of labels wide', () => {
    // Three 33 mm labels with two 2 mm gaps between them.
    expect(driverPrintOptions(ROLL_33X15_3UP).pageSize).toEqual({ width: 103000, height: 15000 });
  });

  it('rounds fractional millimetres to whole microns', () => {
    const profile: PrinterProfile = {
      ...ROLL_50X30,
      dpi: 300,
      label: { widthMm: 38.1, heightMm: 25.4, gapMm: 3 },
    };
    const options = driverPrintOptions(profile);
    expect(options.pageSize).toEqual({ width: 38100, height: 25400 });
    expect(options.dpi).toEqual({ horizontal: 300, vertical: 300 });
  });

  it('rejects a page below the Chromium minimum', () => {
    const tiny: PrinterProfile = { ...ROLL_50X30, label: { widthMm: 0.3, heightMm: 30, gapMm: 2 } };
    expect(() => driverPrintOptions(tiny)).toThrow(RangeError);
  });
});

describe('driverPageCss', () => {
  it('declares the same page size with no margin', () => {
    expect(driverPageCss(ROLL_33X15_3UP)).toBe('@page { size: 103mm 15mm; margin: 0; }');
  });
});

describe('printWithDriver', () => {
  it('passes the options to print and resolves on success', async () => {
    const calls: unknown[] = [];
    await printWithDriver(
      {
        print: (options, callback) => {
          calls.push(options);
          callback?.(true, '');
        },
      },
      ROLL_50X30,
    );
    expect(calls).toEqual([driverPrintOptions(ROLL_50X30)]);
  });

  it('turns a failure into print_job_failed with the reason', async () => {
    const error = await printWithDriver(
      { print: (_options, callback) => callback?.(false, 'Print job canceled') },
      ROLL_50X30,
    ).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'print_job_failed',
      params: { queue: 'XP-360B', reason: 'Print job canceled' },
    });
  });
});
