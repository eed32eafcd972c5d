import { access, stat } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeLabelsPdf } from '../electron/pdf/pdf-writer.ts';
import {
  paginate,
  planJob,
  planJobEntries,
  type JobEntry,
  type JobOptions,
  type JobReport,
} from '../shared/labels/job.ts';
import { readDocumentLines } from '../shared/labels/lines.ts';
import type { LabelTemplate } from '../shared/labels/templates.ts';
import { EXAMPLE_PRINTER_PROFILES, type PrinterProfile } from '../shared/printing/profile.ts';
import { writeNaivePdf } from './naive-pdf.ts';

// One function per output the benchmark measures. Each runs a whole job, from the document lines as
// DealPOS returns them to a closed output file, and calls `onOutputStarted` when its first bytes reach
// the output stream. Adding an output means adding one entry to OUTPUTS.

/** Everything one job needs; the font and its metrics are loaded before the job's clock starts. */
export interface JobInput {
  rawLines: readonly Record<string, unknown>[];
  template: LabelTemplate;
  jobOptions: Omit<JobOptions, 'template'>;
  fontPath: string;
  outputPath: string;
  onOutputStarted: () => void;
}

/** Counts of a finished job's output. */
export interface JobOutput {
  labels: number;
  bytes: number;
}

/** One measured output: its name in the table and how to run a job with it. */
export interface OutputDefinition {
  title: string;
  run(input: JobInput): Promise<JobOutput>;
  /** Returns why this output cannot run here, or null when it can. */
  unavailable?(): Promise<string | null>;
}

export const OUTPUT_KINDS = ['pdf', 'pdf-naive', 'zpl', 'tspl'] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];

/** The raw printer job module. Its rows appear in the benchmark whenever this file exists. */
const RAW_JOB_MODULE = fileURLToPath(new URL('../electron/printing/raw-job.ts', import.meta.url));
const RAW_FILE_MODULE = fileURLToPath(new URL('../electron/printing/raw-file.ts', import.meta.url));

export const OUTPUTS: Record<OutputKind, OutputDefinition> = {
  pdf: { title: 'PDF', run: runPdf },
  'pdf-naive': { title: 'PDF, naive', run: runNaivePdf },
  zpl: {
    title: 'ZPL',
    run: (input) => runRawJob('zpl', 'zebra-zd220', input),
    unavailable: rawJobUnavailable,
  },
  tspl: {
    title: 'TSPL',
    run: (input) => runRawJob('tspl', 'xprinter-xp-360b', input),
    unavailable: rawJobUnavailable,
  },
};

/** Runs the app's PDF path: lines are laid out as pages need them and pages stream to the file. */
async function runPdf(input: JobInput): Promise<JobOutput> {
  const lines = readDocumentLines(input.rawLines);
  const entries = planJobEntries(lines, { ...input.jobOptions, template: input.template });
  const result = await writeLabelsPdf(
    {
      outputPath: input.outputPath,
      pageSize: input.template.page,
      title: 'Benchmark',
      fontPath: input.fontPath,
      onOutputStarted: input.onOutputStarted,
    },
    paginate(entries, input.template),
  );
  return { labels: result.labels, bytes: result.bytes };
}

/** Runs the baseline: plans every line first, then draws each label in full on its own page. */
async function runNaivePdf(input: JobInput): Promise<JobOutput> {
  const lines = readDocumentLines(input.rawLines);
  const plan = planJob(lines, { ...input.jobOptions, template: input.template });
  await writeNaivePdf(input.outputPath, plan.entries, {
    pageSize: input.template.page,
    fontPath: input.fontPath,
    onOutputStarted: input.onOutputStarted,
  });
  return { labels: plan.totalLabels, bytes: (await stat(input.outputPath)).size };
}

/**
 * The parts of `electron/printing/raw-job.ts` and `raw-file.ts` this benchmark uses. They are loaded at
 * run time, so the PDF cases still run while they are missing or do not load.
 */
type StreamRawJob = (
  language: 'zpl' | 'tspl',
  entries: Iterable<JobEntry>,
  profile: PrinterProfile,
) => AsyncGenerator<Buffer, { totalLabels: number; bytes: number }>;
type WriteRawJobFile = (
  path: string,
  pieces: AsyncIterable<Buffer>,
  options: { onOutputStarted?: () => void },
) => Promise<number>;

async function rawJobUnavailable(): Promise<string | null> {
  try {
    await access(RAW_JOB_MODULE);
    return null;
  } catch {
    return 'electron/printing/raw-job.ts does not exist yet';
  }
}

/**
 * Runs a raw printer job as the CLI writes `--zpl`/`--tspl` files. Lines are laid out one at a time as
 * the job needs them, and the header and each line's chunk go to the file as soon as they are built.
 */
async function runRawJob(language: 'zpl' | 'tspl', profileId: string, input: JobInput): Promise<JobOutput> {
  const rawJob = (await import(pathToFileURL(RAW_JOB_MODULE).href)) as { streamRawJob?: unknown };
  const rawFile = (await import(pathToFileURL(RAW_FILE_MODULE).href)) as { writeRawJobFile?: unknown };
  if (typeof rawJob.streamRawJob !== 'function' || typeof rawFile.writeRawJobFile !== 'function') {
    throw new Error(`${RAW_JOB_MODULE} or ${RAW_FILE_MODULE} lacks streamRawJob or writeRawJobFile`);
  }
  const streamRawJob = rawJob.streamRawJob as StreamRawJob;
  const writeRawJobFile = rawFile.writeRawJobFile as WriteRawJobFile;
  const profile = EXAMPLE_PRINTER_PROFILES.find((candidate) => candidate.id === profileId);
  if (profile === undefined) {
    throw new Error(`no example printer profile ${profileId}`);
  }

  const lines = readDocumentLines(input.rawLines);
  const report: JobReport = { refused: [], warnings: [], totalLabels: 0 };
  const entries = planJobEntries(lines, { ...input.jobOptions, template: input.template }, report);
  const bytes = await writeRawJobFile(input.outputPath, streamRawJob(language, entries, profile), {
    onOutputStarted: input.onOutputStarted,
  });
  return { labels: report.totalLabels, bytes };
}
