import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { labelFontPath, loadFontMetrics } from '../pdf/font.ts';
import { calibrationBytes, sendCalibrationLabel } from '../printing/calibration-job.ts';
import { createSpooler } from '../printing/print-job-runner.ts';
import { PrinterProfilesStore } from '../printing/printer-profiles-store.ts';
import type { RawLanguage } from '../printing/raw-job.ts';
import { AppError } from '../../shared/errors.ts';
import { translate } from '../../shared/i18n/index.ts';
import { EXIT } from './exit-codes.ts';
import { writeLine } from './io.ts';
import type { PrintingCommandContext } from './printing-commands.ts';

/** Options of `printers calibrate PROFILE`. */
export interface CalibrateCommandOptions {
  zpl?: string;
  tspl?: string;
  /** Seconds to wait for the spool job. */
  wait?: number;
}

/**
 * Prints a profile's calibration label (the `printers calibrate PROFILE` command). With `--zpl` or
 * `--tspl` the label is written to those files instead of being sent. Driver profiles can only print
 * from the desktop app, so sending one fails with `print_mode_unsupported`.
 */
export async function calibratePrinter(
  profileId: string,
  options: CalibrateCommandOptions,
  context: PrintingCommandContext,
): Promise<number> {
  const { io, locale } = context;
  const { profiles, movedAsidePath } = await new PrinterProfilesStore(context.userDataFolder).load();
  if (movedAsidePath !== null) {
    writeLine(io.stderr, translate(locale, 'printers.profiles_moved_aside', { path: movedAsidePath }));
  }
  const profile = profiles.find((candidate) => candidate.id === profileId);
  if (profile === undefined) {
    throw new AppError('printer_profile_not_found', { id: profileId });
  }
  const metrics = await loadFontMetrics(labelFontPath());

  const files: Array<[RawLanguage, string | undefined]> = [
    ['zpl', options.zpl],
    ['tspl', options.tspl],
  ];
  if (files.some(([, file]) => file !== undefined)) {
    for (const [language, file] of files) {
      if (file === undefined) {
        continue;
      }
      const path = resolve(file);
      await mkdir(dirname(path), { recursive: true });
      await writeFileAtomic(path, await calibrationBytes(language, profile, metrics));
      writeLine(
        io.stdout,
        translate(locale, 'printers.raw_written', { language: language.toUpperCase(), path }),
      );
    }
    return EXIT.ok;
  }

  if (profile.mode === 'driver') {
    throw new AppError('print_mode_unsupported');
  }
  const spoolJobId = await sendCalibrationLabel(profile.mode, profile, {
    spooler: context.spooler ?? createSpooler(io.env),
    metrics,
    timeoutMs: options.wait === undefined ? undefined : options.wait * 1000,
  });
  writeLine(
    io.stdout,
    translate(locale, 'printer_desk.calibration_sent', { queue: profile.queue, spoolJob: spoolJobId }),
  );
  return EXIT.ok;
}
