import type { JobEntry } from '../../shared/labels/job.ts';
import type { FontMetrics } from '../../shared/labels/types.ts';
import { buildCalibrationLabel } from '../../shared/printing/calibration.ts';
import type { PrinterProfile } from '../../shared/printing/profile.ts';
import { AppError } from '../../shared/errors.ts';
import { buildRawJob, type RawLanguage } from './raw-job.ts';
import type { Spooler } from './spooler.ts';

/**
 * Draws the calibration label of a profile as a job entry of one row, for the raw and driver outputs. The
 * row has one label per column, so a roll with several labels across shows every column's border and
 * rulers, and the gaps between columns can be measured.
 */
export function calibrationEntry(profile: PrinterProfile, metrics: FontMetrics): JobEntry {
  const drawing = buildCalibrationLabel(profile, metrics);
  return { lineNumber: 1, code: 'calibration', count: profile.columns, drawing, drawingKey: 'calibration' };
}

/** Builds the complete ZPL or TSPL bytes of a profile's calibration label: the header, then the label. */
export async function calibrationBytes(
  language: RawLanguage,
  profile: PrinterProfile,
  metrics: FontMetrics,
): Promise<Buffer> {
  const job = await buildRawJob(language, [calibrationEntry(profile, metrics)], profile);
  return Buffer.concat([job.header, ...job.chunks.map((chunk) => chunk.bytes)]);
}

/**
 * Sends a profile's calibration label to its queue as one raw spool job and waits until the spooler
 * finished it. Throws `printer_not_found` when the spooler does not list the queue, and the spooler's
 * coded errors when the job fails. Returns the spool job id.
 */
export async function sendCalibrationLabel(
  language: RawLanguage,
  profile: PrinterProfile,
  options: { spooler: Spooler; metrics: FontMetrics; timeoutMs?: number },
): Promise<string> {
  const bytes = await calibrationBytes(language, profile, options.metrics);
  const queues = await options.spooler.listQueues();
  // CUPS and Windows both compare printer names without regard to case.
  if (!queues.some((queue) => queue.name.toLowerCase() === profile.queue.toLowerCase())) {
    throw new AppError('printer_not_found', { queue: profile.queue });
  }
  const spoolJobId = await options.spooler.submit(profile.queue, bytes, {
    title: `Calibration ${profile.name}`,
  });
  await options.spooler.waitForCompletion(spoolJobId, { timeoutMs: options.timeoutMs });
  return spoolJobId;
}
