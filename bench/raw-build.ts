import { buildRawJob, type RawLanguage } from '../electron/printing/raw-job.ts';
import { rasteriseText } from '../electron/printing/text-bitmap.ts';
import { tsplGenerator } from '../electron/printing/tspl.ts';
import { zplGenerator } from '../electron/printing/zpl.ts';
import { planJob, type JobEntry, type JobOptions } from '../shared/labels/job.ts';
import { readDocumentLines } from '../shared/labels/lines.ts';
import { EXAMPLE_PRINTER_PROFILES, type PrinterProfile } from '../shared/printing/profile.ts';
import { buildSyntheticDocument } from './synthetic-document.ts';

// Times `buildRawJob` alone, on entries planned before the clock starts, so the figure is the printer
// language's own cost without layout. The same lines with ten times the quantities show whether the job
// size grows with quantities (it should not: a line's quantity becomes a printer-side copy count).

/** One measured raw build. Times are milliseconds. */
export interface RawBuildResult {
  language: RawLanguage;
  lines: number;
  labels: number;
  /** Median build time over the runs. */
  buildMs: number;
  /** Time the first run took, which includes loading the rasteriser and warming up. */
  firstRunMs: number;
  /** Median time spent drawing text as bitmaps, measured on its own over the same labels. */
  textBitmapMs: number;
  /** Text items drawn as bitmaps in one build. */
  textBitmaps: number;
  bytes: number;
}

const PROFILE_IDS: Record<RawLanguage, string> = { zpl: 'zebra-zd220', tspl: 'xprinter-xp-360b' };
const GENERATORS = { zpl: zplGenerator, tspl: tsplGenerator };

/** Plans a synthetic document with `labels` labels over `lines` lines, outside any clock. */
export function planEntries(lines: number, labels: number, jobOptions: JobOptions): JobEntry[] {
  return planJob(readDocumentLines(buildSyntheticDocument(lines, labels)), jobOptions).entries;
}

/** Returns the same entries with every quantity multiplied by `factor`. */
export function scaleQuantities(entries: readonly JobEntry[], factor: number): JobEntry[] {
  return entries.map((entry) => ({ ...entry, count: entry.count * factor }));
}

/** Builds the raw job `runs` times and returns the median time, the bytes and the text-bitmap share. */
export async function measureRawBuild(
  language: RawLanguage,
  entries: readonly JobEntry[],
  runs: number,
): Promise<RawBuildResult> {
  const profile = exampleProfile(language);
  const buildTimes: number[] = [];
  let bytes = 0;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    const job = await buildRawJob(language, entries, profile);
    buildTimes.push(performance.now() - start);
    bytes = job.header.length + job.chunks.reduce((sum, chunk) => sum + chunk.bytes.length, 0);
  }

  const bitmapTimes: number[] = [];
  let textBitmaps = 0;
  for (let run = 0; run < runs; run++) {
    const measured = await timeTextBitmaps(language, entries, profile);
    bitmapTimes.push(measured.ms);
    textBitmaps = measured.count;
  }
  return {
    language,
    lines: entries.length,
    labels: entries.reduce((sum, entry) => sum + entry.count, 0),
    buildMs: median(buildTimes),
    firstRunMs: buildTimes[0] ?? 0,
    textBitmapMs: median(bitmapTimes),
    textBitmaps,
    bytes,
  };
}

/** Draws, on its own, every text item that `buildRawJob` would draw as a bitmap for these entries. */
async function timeTextBitmaps(
  language: RawLanguage,
  entries: readonly JobEntry[],
  profile: PrinterProfile,
): Promise<{ ms: number; count: number }> {
  const generator = GENERATORS[language];
  let count = 0;
  const start = performance.now();
  for (const entry of entries) {
    for (const item of entry.drawing.items) {
      if (item.kind === 'text' && generator.drawsTextAsBitmap(item.text, profile)) {
        await rasteriseText(item);
        count += 1;
      }
    }
  }
  return { ms: performance.now() - start, count };
}

function exampleProfile(language: RawLanguage): PrinterProfile {
  const profile = EXAMPLE_PRINTER_PROFILES.find((candidate) => candidate.id === PROFILE_IDS[language]);
  if (profile === undefined) {
    throw new Error(`no example printer profile ${PROFILE_IDS[language]}`);
  }
  return profile;
}

/** Returns the median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
