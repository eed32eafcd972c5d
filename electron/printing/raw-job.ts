import type { JobEntry } from '../../shared/labels/job.ts';
import type { LabelDrawing, TextItem } from '../../shared/labels/types.ts';
import {
  checkDrawingFitsProfile,
  millimetresToWholeDots,
  type PrinterProfile,
  type PrinterProfileProblem,
} from '../../shared/printing/profile.ts';
import { rasteriseText, type TextBitmap } from './text-bitmap.ts';
import { tsplGenerator } from './tspl.ts';
import { zplGenerator } from './zpl.ts';

export type RawLanguage = 'zpl' | 'tspl';

/** The labels of one document line: its label drawn once, printed with a printer-side copy count. */
export interface RawChunk {
  lineNumber: number;
  /** 0-based index of this chunk's first label among all labels of the job. */
  firstLabel: number;
  labelCount: number;
  bytes: Buffer;
}

/**
 * A job in a printer language. `header` contains the set-up commands, and `header` followed by any one chunk
 * is a complete job, so a delivery may send every chunk as its own spool job with the header before it.
 */
export interface RawJob {
  language: RawLanguage;
  header: Buffer;
  /** In document order, starting at the chunk that contains `startLabel`. */
  chunks: RawChunk[];
  /** Labels in the whole job, including any that `startLabel` skipped. */
  totalLabels: number;
}

export interface BuildRawJobOptions {
  /** 0-based index of the first label to print, to resume a job after that many labels printed. */
  startLabel?: number;
}

/** A point in printer dots from the top-left corner of the printed row. */
export interface DotPoint {
  x: number;
  y: number;
}

/** A label's drawing with the text items that print as images already drawn. */
export interface PreparedLabel {
  drawing: LabelDrawing;
  /** Text items drawn as bitmaps; null for text without ink. Items missing here print as printer text. */
  textBitmaps: ReadonlyMap<TextItem, TextBitmap | null>;
}

/** The commands of one printer language, turning prepared labels into bytes. */
export interface RawGenerator {
  /** Set-up commands for the profile, sent once before the labels. */
  header(profile: PrinterProfile): Buffer;
  /** Whether this text must print as a bitmap because the printer cannot show it exactly as text. */
  drawsTextAsBitmap(text: string, profile: PrinterProfile): boolean;
  /** One printed row holding the label at each origin, printed `copies` times. */
  row(label: PreparedLabel, origins: readonly DotPoint[], copies: number, profile: PrinterProfile): Buffer;
}

const GENERATORS: Record<RawLanguage, RawGenerator> = { zpl: zplGenerator, tspl: tsplGenerator };

/** Thrown when a line's label does not suit the printer profile; `problem.code` names a `printing.*` message. */
export class PrinterProfileMismatchError extends Error {
  readonly problem: PrinterProfileProblem;
  readonly lineNumber: number;

  constructor(problem: PrinterProfileProblem, lineNumber: number) {
    super(`Line ${lineNumber} does not suit the printer profile: ${problem.code}`);
    this.name = 'PrinterProfileMismatchError';
    this.problem = problem;
    this.lineNumber = lineNumber;
  }
}

/**
 * Builds a raw ZPL or TSPL job: one chunk per entry in document order, each holding the entry's label
 * once with its quantity as a printer-side copy count, so the bytes do not grow with quantities.
 * `language` decides the output, whatever `profile.mode` is. With `startLabel`, chunks before that
 * label are dropped and the chunk holding it prints only its remaining labels.
 *
 * NOTE: on a roll with several labels across (`profile.columns` > 1) each line prints full rows of its
 * label, then one last row with the labels left over, so that row leaves up to `columns - 1` blank
 * labels. Lines never share a row, which keeps one chunk per line and lets a job resume at any label.
 *
 * Throws `PrinterProfileMismatchError` when a drawing's dpi or size does not suit the profile, and
 * RangeError for a `startLabel` or count outside the job.
 */
export async function buildRawJob(
  language: RawLanguage,
  entries: readonly JobEntry[],
  profile: PrinterProfile,
  options: BuildRawJobOptions = {},
): Promise<RawJob> {
  const generator = GENERATORS[language];
  let totalLabels = 0;
  for (const entry of entries) {
    checkEntry(entry, profile);
    totalLabels += entry.count;
  }
  const startLabel = options.startLabel ?? 0;
  if (!Number.isInteger(startLabel) || startLabel < 0 || startLabel > totalLabels) {
    throw new RangeError(`startLabel must be a whole number from 0 to ${totalLabels}, not ${startLabel}`);
  }

  const origins = rowOrigins(profile);
  const chunks: RawChunk[] = [];
  let firstLabel = 0;
  for (const entry of entries) {
    const chunk = await buildChunk(entry, firstLabel, startLabel, { generator, profile, origins });
    if (chunk !== null) {
      chunks.push(chunk);
    }
    firstLabel += entry.count;
  }

  return { language, header: generator.header(profile), chunks, totalLabels };
}

/** Totals that `streamRawJob` returns once every chunk is out. */
export interface RawJobStreamSummary {
  /** Labels in the whole job, including any that `startLabel` skipped. */
  totalLabels: number;
  /** Bytes yielded, header included. */
  bytes: number;
}

/**
 * Yields a raw ZPL or TSPL job piece by piece: the header first, then each line's chunk as soon as it is
 * built, so output starts before a long document is laid out or built. `entries` may be lazy, such as
 * `planJobEntries`, which is read one entry at a time. The bytes, joined, equal the header and chunks
 * of `buildRawJob` for the same arguments.
 *
 * Unlike `buildRawJob`, which checks every line before it builds anything, a line is checked when it is
 * reached: `PrinterProfileMismatchError` or a RangeError for a bad count can come after earlier pieces
 * were yielded, so a caller that writes a file must delete it on error. A `startLabel` past the end of the
 * job is found only at the end, as a RangeError.
 */
export async function* streamRawJob(
  language: RawLanguage,
  entries: Iterable<JobEntry> | AsyncIterable<JobEntry>,
  profile: PrinterProfile,
  options: BuildRawJobOptions = {},
): AsyncGenerator<Buffer, RawJobStreamSummary> {
  const generator = GENERATORS[language];
  const startLabel = options.startLabel ?? 0;
  if (!Number.isInteger(startLabel) || startLabel < 0) {
    throw new RangeError(`startLabel must be a whole number of at least 0, not ${startLabel}`);
  }
  const header = generator.header(profile);
  let bytes = header.length;
  yield header;

  const origins = rowOrigins(profile);
  let totalLabels = 0;
  for await (const entry of entries) {
    checkEntry(entry, profile);
    const chunk = await buildChunk(entry, totalLabels, startLabel, { generator, profile, origins });
    totalLabels += entry.count;
    if (chunk !== null) {
      bytes += chunk.bytes.length;
      yield chunk.bytes;
    }
  }
  if (startLabel > totalLabels) {
    throw new RangeError(`startLabel must be a whole number from 0 to ${totalLabels}, not ${startLabel}`);
  }
  return { totalLabels, bytes };
}

/** Throws when an entry's count is not a whole number ≥ 0 or its drawing does not suit the profile. */
function checkEntry(entry: JobEntry, profile: PrinterProfile): void {
  if (!Number.isInteger(entry.count) || entry.count < 0) {
    throw new RangeError(`Line ${entry.lineNumber} has ${entry.count} labels; expected a whole number ≥ 0`);
  }
  const problem = checkDrawingFitsProfile(entry.drawing, profile);
  if (problem !== null) {
    throw new PrinterProfileMismatchError(problem, entry.lineNumber);
  }
}

/**
 * Builds the chunk of one entry whose first label has index `firstLabel` in the job, or returns null when
 * the entry has no labels at or after `startLabel`.
 */
async function buildChunk(
  entry: JobEntry,
  firstLabel: number,
  startLabel: number,
  job: { generator: RawGenerator; profile: PrinterProfile; origins: readonly DotPoint[] },
): Promise<RawChunk | null> {
  const endLabel = firstLabel + entry.count;
  if (endLabel <= startLabel || entry.count === 0) {
    return null;
  }
  const skipped = Math.max(0, startLabel - firstLabel);
  const labelCount = entry.count - skipped;
  const label = await prepareLabel(entry.drawing, job.generator, job.profile);
  const rows = printedRows(labelCount, job.profile.columns).map((row) =>
    job.generator.row(label, job.origins.slice(0, row.across), row.copies, job.profile),
  );
  return {
    lineNumber: entry.lineNumber,
    firstLabel: firstLabel + skipped,
    labelCount,
    bytes: rows.length === 1 ? rows[0]! : Buffer.concat(rows),
  };
}

/** Top-left corner of each column's label in the printed row, with the profile's offset applied. */
function rowOrigins(profile: PrinterProfile): DotPoint[] {
  const origins: DotPoint[] = [];
  for (let column = 0; column < profile.columns; column++) {
    const pitchMm = column * (profile.label.widthMm + profile.columnGapMm);
    origins.push({
      x: millimetresToWholeDots(profile.offsetMm.x + pitchMm, profile.dpi),
      y: millimetresToWholeDots(profile.offsetMm.y, profile.dpi),
    });
  }
  return origins;
}

/** Splits a line's labels into rows: full rows printed as copies, then one row with the rest. */
function printedRows(labels: number, columns: number): Array<{ across: number; copies: number }> {
  const rows: Array<{ across: number; copies: number }> = [];
  const fullRows = Math.floor(labels / columns);
  const rest = labels % columns;
  if (fullRows > 0) {
    rows.push({ across: columns, copies: fullRows });
  }
  if (rest > 0) {
    rows.push({ across: rest, copies: 1 });
  }
  return rows;
}

/** Draws the text items the printer cannot show as text. */
async function prepareLabel(
  drawing: LabelDrawing,
  generator: RawGenerator,
  profile: PrinterProfile,
): Promise<PreparedLabel> {
  const textBitmaps = new Map<TextItem, TextBitmap | null>();
  for (const item of drawing.items) {
    if (item.kind === 'text' && generator.drawsTextAsBitmap(item.text, profile)) {
      textBitmaps.set(item, await rasteriseText(item));
    }
  }
  return { drawing, textBitmaps };
}
