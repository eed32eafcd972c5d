import writeFileAtomic from 'write-file-atomic';
import { labelFontPath, loadFontMetrics } from '../pdf/font.ts';
import { calibrationBytes, sendCalibrationLabel } from '../printing/calibration-job.ts';
import { createSpooler } from '../printing/print-job-runner.ts';
import { PrinterProfilesStore } from '../printing/printer-profiles-store.ts';
import { AppError } from '../../shared/errors.ts';
import { translate } from '../../shared/i18n/index.ts';
import { EXIT } from './exit-codes.ts';
import { writeLine } from './io.ts';
import {
  asRawOutputError,
  checkRawOutputPaths,
  rawOutputFiles,
  type PrintingCommandContext,
} from './printing-commands.ts';

/** Options of `printers calibrate PROFILE`. */
export interface CalibrateCommandOptions {
  zpl?: string;
  tspl?: string;
  /** Seconds to wait for the spool job. */
  wait?: number;
}

/**
 * Prints a profile's calibration label (the `printers calibrate PROFILE` command). With `--zpl` or
 * `--tspl` the label is written to those files instead of being sent. Driver profiles print only from
 * the desktop app, so sending one is a usage error that explains the alternatives.
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
  const files = rawOutputFiles(options);
  await checkRawOutputPaths(options);
  const metrics = await loadFontMetrics(labelFontPath());

  if (files.length > 0) {
    for (const [language, path] of files) {
      const bytes = await calibrationBytes(language, profile, metrics);
      await writeFileAtomic(path, bytes).catch((error: unknown) => {
        throw asRawOutputError(error, path);
      });
      writeLine(
        io.stdout,
        translate(locale, 'printers.raw_written', { language: language.toUpperCase(), path }),
      );
    }
    return EXIT.ok;
  }

  if (profile.mode === 'driver') {
    // Driver profiles print through the desktop app's print dialog, which the command line does not have.
    throw new AppError('usage', {
      message: translate(locale, 'cli.usage.calibrate_driver', { id: profileId }),
    });
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
