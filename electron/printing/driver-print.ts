import type { WebContents, WebContentsPrintOptions } from 'electron';
import { AppError } from '../../shared/errors.ts';
import { rowWidthMm, type PrinterProfile } from '../../shared/printing/profile.ts';

const MICRONS_PER_MM = 1000;

/** Chromium rejects custom page sizes below 353 microns on either side (Electron's print() docs). */
const MIN_PAGE_MICRONS = 353;

/** The printer profile fields a driver-mode print uses. */
export type DriverProfile = Pick<PrinterProfile, 'queue' | 'dpi' | 'label' | 'columns' | 'columnGapMm'>;

/**
 * Print options for one row of labels through the OS driver: a custom page exactly one row wide and
 * one label high, in whole microns (50 × 30 mm is 50000 × 30000), no margins, no dialog, the profile's
 * dpi. The page size is always given, because Electron's default page is the printer's default paper
 * (often A4 or Letter), not the label.
 */
export function driverPrintOptions(profile: DriverProfile): WebContentsPrintOptions {
  const width = Math.round(rowWidthMm(profile) * MICRONS_PER_MM);
  const height = Math.round(profile.label.heightMm * MICRONS_PER_MM);
  if (width < MIN_PAGE_MICRONS || height < MIN_PAGE_MICRONS) {
    throw new RangeError(
      `page ${width} × ${height} µm is below Chromium's minimum of ${MIN_PAGE_MICRONS} µm`,
    );
  }
  // NOTE: not tried with a real driver. Bug reports against Electron 22–26 on Windows describe pages
  // wider than high printed rotated; landscape stays false so the label keeps its own axes.
  return {
    silent: true,
    deviceName: profile.queue,
    printBackground: true,
    color: false,
    landscape: false,
    margins: { marginType: 'none' },
    pageSize: { width, height },
    dpi: { horizontal: profile.dpi, vertical: profile.dpi },
    copies: 1,
  };
}

/** Returns the CSS `@page` rule matching {@link driverPrintOptions}, so Chromium lays out the same size. */
export function driverPageCss(profile: DriverProfile): string {
  return `@page { size: ${rowWidthMm(profile)}mm ${profile.label.heightMm}mm; margin: 0; }`;
}

/**
 * Prints the page loaded in `contents` (one label row per page) through the profile's queue and
 * resolves when Chromium handed the job to the OS spooler. Electron reports no spooler job id, so a
 * driver-mode job cannot be confirmed label by label like a raw job.
 */
export function printWithDriver(contents: Pick<WebContents, 'print'>, profile: DriverProfile): Promise<void> {
  const options = driverPrintOptions(profile);
  return new Promise((resolve, reject) => {
    contents.print(options, (success, failureReason) => {
      if (success) {
        resolve();
        return;
      }
      reject(new AppError('print_job_failed', { queue: profile.queue, reason: failureReason || 'unknown' }));
    });
  });
}
