import { OUTPUT_KINDS, type OutputKind } from './outputs.ts';

// The contract between bench/index.ts and the per-case child process bench/run-case.ts.

/** A case the parent process requests: output, job size and work folder. */
export interface CaseSpec {
  output: OutputKind;
  lines: number;
  labels: number;
  /** Folder for the output file, which is deleted before the case ends. */
  workDir: string;
}

/** Figures one case measured. Times are milliseconds from the start of the job. */
export interface CaseResult {
  output: OutputKind;
  lines: number;
  labels: number;
  wallMs: number;
  /** Time until the first output bytes were handed to the output stream. */
  firstBytesMs: number | null;
  /** Peak resident set size of the whole process, from `process.resourceUsage().maxRSS`. */
  peakRssBytes: number;
  /** Resident set size just before the job started: Node, tsx, the modules and the loaded font. */
  startRssBytes: number;
  outputBytes: number;
}

/** The template, dpi and options every case prints with: the app's default 50 × 30 mm roll. */
export const BENCH_TEMPLATE_ID = 'roll-50x30';
export const BENCH_DPI = 203;
export const BENCH_DOCUMENT_NUMBER = 'TO/2026/10/00417';

/** Parses the case the parent passed as the child's first argument. */
export function parseCaseSpec(text: string | undefined): CaseSpec {
  if (text === undefined) {
    throw new Error('usage: run-case.ts \'{"output":"pdf","lines":20,"labels":1000,"workDir":"/tmp/x"}\'');
  }
  const spec = JSON.parse(text) as Partial<CaseSpec>;
  if (
    !OUTPUT_KINDS.includes(spec.output as OutputKind) ||
    !Number.isInteger(spec.lines) ||
    !Number.isInteger(spec.labels) ||
    typeof spec.workDir !== 'string'
  ) {
    throw new Error(`invalid case ${text}`);
  }
  return spec as CaseSpec;
}

/** Parses the one line of JSON a case prints; throws when it is not a complete result. */
export function parseCaseResult(text: string): CaseResult {
  const result = JSON.parse(text) as Partial<CaseResult>;
  const numbers = [result.lines, result.labels, result.wallMs, result.peakRssBytes, result.startRssBytes];
  if (
    !OUTPUT_KINDS.includes(result.output as OutputKind) ||
    numbers.some((value) => typeof value !== 'number') ||
    typeof result.outputBytes !== 'number' ||
    !(result.firstBytesMs === null || typeof result.firstBytesMs === 'number')
  ) {
    throw new Error(`incomplete case result ${text}`);
  }
  return result as CaseResult;
}

/**
 * Combines the runs of one case: the median time and median first bytes, which other work on the machine
 * disturbs least, and the highest peak RSS. Throws when there are no runs.
 */
export function combineRuns(results: readonly CaseResult[]): CaseResult {
  const [first] = results;
  if (first === undefined) {
    throw new RangeError('a case needs at least one run');
  }
  const median = (values: number[]): number => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1
      ? (sorted[middle] ?? 0)
      : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  };
  const firstBytes = results.flatMap((result) => (result.firstBytesMs === null ? [] : [result.firstBytesMs]));
  return {
    ...first,
    wallMs: median(results.map((result) => result.wallMs)),
    firstBytesMs: firstBytes.length === results.length ? median(firstBytes) : null,
    peakRssBytes: Math.max(...results.map((result) => result.peakRssBytes)),
    startRssBytes: Math.min(...results.map((result) => result.startRssBytes)),
  };
}
