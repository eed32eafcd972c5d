import type { CaseResult } from './case-spec.ts';
import type { OutputKind } from './outputs.ts';

// Turns case results into the table printed on the terminal and the page written to docs/benchmarks.md.

/** One row of the table: a measured case, or a case that did not produce figures and why. */
export type CaseRow =
  | { kind: 'measured'; title: string; result: CaseResult }
  | { kind: 'missing'; title: string; output: OutputKind; lines: number; labels: number; reason: string };

/** The machine the figures were measured on. */
export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  platform: string;
  /** One-minute load average when the benchmark started; other work on the machine slows every case. */
  loadAverage: number;
}

/** Column headings, in order; the smoke test checks for them. */
export const COLUMNS = [
  'Output',
  'Lines',
  'Labels',
  'Time (s)',
  'Labels/s',
  'Peak RSS (MB)',
  'Output (MB)',
  'Bytes/label',
  'First bytes (ms)',
  'vs naive',
] as const;

/** Targets for 100,000 labels from 2,000 lines, reported against but never asserted. */
export const TARGETS = {
  speedUp: 15,
  peakRssMb: 250,
  /** Growth of an output's peak RSS from the smallest to the largest job still counted as flat. */
  rssGrowthMb: 50,
  pdfMb: 40,
  firstBytesMs: 150,
};

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** Megabytes are 10^6 bytes throughout, the stricter reading of the targets. */
const MB = 1_000_000;

/** Returns the table rows as cells, in the order of COLUMNS. */
export function tableCells(rows: readonly CaseRow[]): string[][] {
  return rows.map((row) => {
    if (row.kind === 'missing') {
      return [
        row.title,
        integer.format(row.lines),
        integer.format(row.labels),
        `not measured: ${row.reason}`,
      ];
    }
    const { result } = row;
    const naive = rows.find(
      (other): other is Extract<CaseRow, { kind: 'measured' }> =>
        other.kind === 'measured' &&
        other.result.output === 'pdf-naive' &&
        other.result.lines === result.lines,
    );
    const speedUp =
      result.output === 'pdf' && naive !== undefined
        ? `${oneDecimal.format(naive.result.wallMs / result.wallMs)}×`
        : '';
    return [
      row.title,
      integer.format(result.lines),
      integer.format(result.labels),
      twoDecimals.format(result.wallMs / 1000),
      integer.format(result.labels / (result.wallMs / 1000)),
      integer.format(result.peakRssBytes / MB),
      twoDecimals.format(result.outputBytes / MB),
      integer.format(result.outputBytes / result.labels),
      result.firstBytesMs === null ? 'none' : integer.format(result.firstBytesMs),
      speedUp,
    ];
  });
}

/** Formats rows as a Markdown table whose columns line up in a terminal too. */
export function markdownTable(rows: readonly CaseRow[]): string {
  const cells = tableCells(rows);
  const complete = cells.filter((row) => row.length === COLUMNS.length);
  const widths = COLUMNS.map((heading, column) =>
    Math.max(heading.length, ...complete.map((row) => row[column]?.length ?? 0)),
  );
  // The first column is text and aligned left; the figures are aligned right.
  const pad = (cell: string, column: number): string =>
    column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0);
  const line = (row: readonly string[]): string => {
    if (row.length < COLUMNS.length) {
      // A row without figures: its reason fills the rest of the row.
      return `| ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
    }
    return `| ${row.map(pad).join(' | ')} |`;
  };
  const rule = widths.map((width, column) =>
    column === 0 ? `:${'-'.repeat(width + 1)}` : `${'-'.repeat(width + 1)}:`,
  );
  return [line(COLUMNS), `|${rule.join('|')}|`, ...cells.map(line)].join('\n');
}

/** Formats the machine in one line. */
export function machineLine(machine: Machine): string {
  return [
    machine.cpu,
    `${machine.cores} cores`,
    `${integer.format(machine.memoryGb)} GB RAM`,
    `Node ${machine.node}`,
    machine.platform,
    `load average ${twoDecimals.format(machine.loadAverage)} at start`,
  ].join(', ');
}

/**
 * Compares the figures of the largest job with the targets: speed and size for the PDF, peak RSS and
 * first bytes for every output but the naive PDF. Returns one line per target, or a
 * single line saying why no comparison is possible.
 */
export function targetLines(
  rows: readonly CaseRow[],
  largestLabels: number,
  naiveTimeoutS: number,
): string[] {
  const measured = rows.flatMap((row) => (row.kind === 'measured' ? [row.result] : []));
  const pdfRows = measured.filter((result) => result.output === 'pdf').sort((a, b) => a.labels - b.labels);
  const pdf = pdfRows.find((result) => result.labels >= largestLabels);
  if (largestLabels < 100_000 || pdf === undefined) {
    return ['Targets apply to 100,000 labels from 2,000 lines: run the full benchmark (`npm run bench`).'];
  }
  const target = (name: string, figure: string, met: boolean): string =>
    `- ${name}: ${figure} — ${met ? 'met' : 'NOT met'}`;
  const lines: string[] = [];

  const speedName = `Speed, at least ${TARGETS.speedUp}× the naive PDF`;
  const naive = measured.find((result) => result.output === 'pdf-naive' && result.lines === pdf.lines);
  if (naive !== undefined) {
    const speedUp = naive.wallMs / pdf.wallMs;
    lines.push(target(speedName, `${oneDecimal.format(speedUp)}×`, speedUp >= TARGETS.speedUp));
  } else {
    // The naive case was stopped or failed, so its time is at least the time it was given.
    const lowerBound = (naiveTimeoutS * 1000) / pdf.wallMs;
    const figure = `at least ${oneDecimal.format(lowerBound)}×, because the naive PDF was not measured`;
    lines.push(target(speedName, figure, lowerBound >= TARGETS.speedUp));
  }

  lines.push(
    target(
      `PDF of ${integer.format(pdf.labels)} labels at most ${TARGETS.pdfMb} MB`,
      `${twoDecimals.format(pdf.outputBytes / MB)} MB`,
      pdf.outputBytes / MB <= TARGETS.pdfMb,
    ),
  );

  // Memory and first bytes apply to every output the app writes, but the naive PDF is only the baseline.
  for (const output of STREAMED_OUTPUTS) {
    const outputRows = measured
      .filter((result) => result.output === output)
      .sort((a, b) => a.labels - b.labels);
    if (outputRows.length === 0) {
      continue;
    }
    const title = OUTPUT_TITLES[output];
    const peaks = outputRows.map((result) => result.peakRssBytes / MB);
    const maxPeak = Math.max(...peaks);
    const growth = (peaks.at(-1) ?? 0) - (peaks[0] ?? 0);
    const sizes = `${integer.format(outputRows[0]?.labels ?? 0)} to ${integer.format(outputRows.at(-1)?.labels ?? 0)} labels`;
    const firstBytes = outputRows.map((result) => result.firstBytesMs ?? Infinity);
    lines.push(
      target(
        `${title}: peak RSS at most ${TARGETS.peakRssMb} MB`,
        `${integer.format(maxPeak)} MB`,
        maxPeak <= TARGETS.peakRssMb,
      ),
      target(
        `${title}: peak RSS flat, growing less than ${TARGETS.rssGrowthMb} MB from ${sizes}`,
        `${peaks.map((peak) => integer.format(peak)).join(' → ')} MB`,
        growth < TARGETS.rssGrowthMb,
      ),
      target(
        `${title}: first output bytes within ${TARGETS.firstBytesMs} ms at every size`,
        `${firstBytes.map((value) => integer.format(value)).join(', ')} ms`,
        Math.max(...firstBytes) <= TARGETS.firstBytesMs,
      ),
    );
  }
  return lines;
}

/** Outputs held to the memory and first-bytes targets, with their names in the target lines. */
const STREAMED_OUTPUTS = ['pdf', 'zpl', 'tspl'] as const;
const OUTPUT_TITLES: Record<(typeof STREAMED_OUTPUTS)[number], string> = {
  pdf: 'PDF',
  zpl: 'ZPL',
  tspl: 'TSPL',
};

/** Returns the range of RSS that case processes held before their job started, in MB. */
export function startRssRange(rows: readonly CaseRow[]): string {
  const starts = rows.flatMap((row) => (row.kind === 'measured' ? [row.result.startRssBytes / MB] : []));
  if (starts.length === 0) {
    return 'unknown';
  }
  return `${integer.format(Math.min(...starts))}–${integer.format(Math.max(...starts))} MB`;
}

/** Targets for the raw printer jobs and for cancelling, reported against but never asserted. */
export const EXTRA_TARGETS = {
  /** Time `buildRawJob` may take for a document of 2,000 lines, in either language. */
  rawBuildMs: 50,
  rawBuildLines: 2_000,
  /** Growth of a raw job's bytes at 10× quantities still counted as independent: the count's digits. */
  quantityGrowthPercent: 1,
  /** Time from abort to the writer's rejection with its temporary file gone. */
  cancelMs: 100,
};

/** A raw build row: which job, and the figures `bench/raw-build.ts` measured. */
export interface RawBuildRow {
  title: string;
  lines: number;
  labels: number;
  buildMs: number;
  firstRunMs: number;
  textBitmapMs: number;
  textBitmaps: number;
  bytes: number;
}

/** Formats raw build rows as a Markdown table. */
export function rawBuildTable(rows: readonly RawBuildRow[]): string {
  const headings = [
    'Output',
    'Lines',
    'Labels',
    'Build (ms)',
    'First run (ms)',
    'Text bitmaps (ms)',
    'Bitmaps',
    'Bytes',
  ];
  const cells = rows.map((row) => [
    row.title,
    integer.format(row.lines),
    integer.format(row.labels),
    oneDecimal.format(row.buildMs),
    oneDecimal.format(row.firstRunMs),
    oneDecimal.format(row.textBitmapMs),
    integer.format(row.textBitmaps),
    integer.format(row.bytes),
  ]);
  return simpleTable(headings, cells);
}

/** Compares the raw build of the largest document, and the cancel latency, with their targets. */
export function extraTargetLines(
  rawRows: readonly RawBuildRow[],
  cancel: { rejectMs: number; cleanMs: number } | null,
): string[] {
  const lines: string[] = [];
  const largest = rawRows.filter((row) => row.lines === EXTRA_TARGETS.rawBuildLines);
  for (const row of largest) {
    lines.push(
      `- ${row.title} for ${integer.format(row.lines)} lines (${integer.format(row.labels)} labels) built in at ` +
        `most ${EXTRA_TARGETS.rawBuildMs} ms: ${oneDecimal.format(row.buildMs)} ms — ` +
        `${row.buildMs <= EXTRA_TARGETS.rawBuildMs ? 'met' : 'NOT met'}`,
    );
  }
  // A quantity is a printer-side copy count, so ten times the quantities adds only the count's digits.
  const growths = rawRows.flatMap((row) => {
    const base = rawRows.find(
      (other) => other.lines === row.lines && `${other.title}, 10× quantities` === row.title,
    );
    return base === undefined ? [] : [row.bytes / base.bytes - 1];
  });
  if (growths.length > 0) {
    const maxGrowth = Math.max(...growths.map((growth) => Math.abs(growth)));
    lines.push(
      `- Raw job size independent of quantities, within ${EXTRA_TARGETS.quantityGrowthPercent}% at 10× quantities: ` +
        `largest change ${twoDecimals.format(maxGrowth * 100)}% — ` +
        `${maxGrowth * 100 <= EXTRA_TARGETS.quantityGrowthPercent ? 'met' : 'NOT met'}`,
    );
  }
  if (cancel !== null) {
    lines.push(
      `- Cancel of a 100,000-label PDF within ${EXTRA_TARGETS.cancelMs} ms: rejected after ` +
        `${oneDecimal.format(cancel.rejectMs)} ms, temporary file gone after ${oneDecimal.format(cancel.cleanMs)} ms — ` +
        `${cancel.cleanMs <= EXTRA_TARGETS.cancelMs ? 'met' : 'NOT met'}`,
    );
  }
  return lines;
}

function simpleTable(headings: readonly string[], cells: readonly string[][]): string {
  const widths = headings.map((heading, column) =>
    Math.max(heading.length, ...cells.map((row) => row[column]?.length ?? 0)),
  );
  const pad = (cell: string, column: number): string =>
    column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0);
  const line = (row: readonly string[]): string => `| ${row.map(pad).join(' | ')} |`;
  const rule = widths.map((width, column) =>
    column === 0 ? `:${'-'.repeat(width + 1)}` : `${'-'.repeat(width + 1)}:`,
  );
  return [line(headings), `|${rule.join('|')}|`, ...cells.map(line)].join('\n');
}
