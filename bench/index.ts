import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { labelFontPath, loadFontMetrics } from '../electron/pdf/font.ts';
import { findTemplate } from '../shared/labels/templates.ts';
import { measureCancelLatency, type CancelResult } from './cancel-latency.ts';
import {
  BENCH_DOCUMENT_NUMBER,
  BENCH_DPI,
  BENCH_TEMPLATE_ID,
  combineRuns,
  parseCaseResult,
  type CaseResult,
  type CaseSpec,
} from './case-spec.ts';
import { OUTPUT_KINDS, OUTPUTS, type OutputKind } from './outputs.ts';
import { measureRawBuild, median, planEntries, scaleQuantities } from './raw-build.ts';
import {
  extraTargetLines,
  machineLine,
  markdownTable,
  rawBuildTable,
  startRssRange,
  targetLines,
  type CaseRow,
  type Machine,
  type RawBuildRow,
} from './report.ts';

// `npm run bench`: measures the PDF writer against a naive pdfkit program, and the raw printer jobs
// when they exist, for jobs of 1,000, 10,000 and 100,000 labels. Each case runs in a child process of
// its own (bench/run-case.ts), so one case's memory cannot inflate another's peak RSS. Prints a table
// and writes it, with the machine and the targets, to docs/benchmarks.md.

const REPOSITORY = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RUN_CASE = join(REPOSITORY, 'bench', 'run-case.ts');
const DEFAULT_OUTPUT = join(REPOSITORY, 'docs', 'benchmarks.md');

/** Job sizes: labels spread over document lines as in a large outlet delivery. */
const SIZES = [
  { lines: 20, labels: 1_000 },
  { lines: 200, labels: 10_000 },
  { lines: 2_000, labels: 100_000 },
];
/** Time a case other than the naive PDF may take before it counts as failed. */
const CASE_TIMEOUT_S = 600;

/** Runs of each case in the full benchmark; the table shows the median, which other work disturbs less. */
const FULL_RUNS = 3;
/**
 * Minimum number of raw builds timed per row. Each takes milliseconds, so one build slowed by garbage
 * collection or other work on the machine moves a median of 3 too easily.
 */
const RAW_BUILD_RUNS = 7;

const USAGE = `Usage: npm run bench -- [--quick] [--runs N] [--out FILE] [--naive-timeout SECONDS]
  --quick                  only the smallest job (1,000 labels from 20 lines), run once, as CI runs it
  --runs N                 runs of each case (default ${FULL_RUNS}, or 1 with --quick)
  --out FILE               Markdown file to write (default docs/benchmarks.md)
  --naive-timeout SECONDS  stop a naive PDF case after this many seconds (default 300)
  --desktop                measure the desk screen in Chromium instead (--desktop --help for its options)`;

async function main(): Promise<void> {
  // `--desktop` runs only the desk screen bench in Chromium, with options of its own (bench/desktop-cli.ts).
  if (process.argv.includes('--desktop')) {
    const { runDesktopCommand } = await import('./desktop-cli.ts');
    process.exitCode = await runDesktopCommand(process.argv.slice(2));
    return;
  }
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      out: { type: 'string', default: DEFAULT_OUTPUT },
      'naive-timeout': { type: 'string', default: '300' },
      runs: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const naiveTimeoutS = Number(values['naive-timeout']);
  if (!Number.isFinite(naiveTimeoutS) || naiveTimeoutS <= 0) {
    throw new Error(`--naive-timeout must be a positive number of seconds, got ${values['naive-timeout']}`);
  }
  const runs = Number(values.runs ?? (values.quick ? 1 : FULL_RUNS));
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(`--runs must be a whole number of at least 1, got ${values.runs}`);
  }
  const sizes = values.quick ? SIZES.slice(0, 1) : SIZES;
  const machine = await describeMachine();
  process.stderr.write(`Machine: ${machineLine(machine)}\n`);

  const workDir = await mkdtemp(join(tmpdir(), 'dealpos-bench-'));
  const rows: CaseRow[] = [];
  let extras: Extras | null = null;
  try {
    for (const size of sizes) {
      for (const output of OUTPUT_KINDS) {
        rows.push(await measure(output, size, { workDir, naiveTimeoutS, runs }));
      }
    }
    // The quick run is CI's smoke test and prints one table only.
    extras = values.quick ? null : await measureExtras(workDir, runs);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }

  const table = markdownTable(rows);
  const targets = targetLines(rows, sizes.at(-1)?.labels ?? 0, naiveTimeoutS);
  process.stdout.write(`Machine: ${machineLine(machine)}\n\n${table}\n\n${targets.join('\n')}\n`);
  if (extras !== null) {
    process.stdout.write(`\n${extras.table}\n\n${extras.targets.join('\n')}\n`);
  }

  const outPath = resolve(values.out);
  await mkdir(dirname(outPath), { recursive: true });
  const page = benchmarkPage({
    machine,
    table,
    targets,
    quick: values.quick,
    naiveTimeoutS,
    runs,
    rows,
    extras,
  });
  await writeFile(outPath, page);
  process.stderr.write(`Wrote ${outPath}\n`);
}

/** Raw job build times and cancel latency, measured in this process after the cases. */
interface Extras {
  table: string;
  targets: string[];
  cancel: CancelResult;
}

/**
 * Times `buildRawJob` alone for each job size and with 10× quantities, then cancels a 100,000-label PDF
 * job `runs` times. Runs in the parent process, after the cases, so no case's memory is counted here.
 */
async function measureExtras(workDir: string, runs: number): Promise<Extras> {
  const template = findTemplate(BENCH_TEMPLATE_ID);
  if (template === undefined) {
    throw new Error(`built-in template ${BENCH_TEMPLATE_ID} is missing`);
  }
  const fontPath = labelFontPath();
  const jobOptions = {
    template,
    dpi: BENCH_DPI,
    showPrice: true,
    documentNumber: BENCH_DOCUMENT_NUMBER,
    metrics: await loadFontMetrics(fontPath),
  } as const;

  const rawRows: RawBuildRow[] = [];
  for (const size of SIZES) {
    const entries = planEntries(size.lines, size.labels, jobOptions);
    for (const [factor, entriesAtFactor] of [
      [1, entries],
      [10, scaleQuantities(entries, 10)],
    ] as const) {
      for (const language of ['zpl', 'tspl'] as const) {
        const title = `${language.toUpperCase()}${factor === 1 ? '' : ', 10× quantities'}`;
        process.stderr.write(`${title} build, ${size.lines} lines… `);
        const result = await measureRawBuild(language, entriesAtFactor, Math.max(runs, RAW_BUILD_RUNS));
        process.stderr.write(`${result.buildMs.toFixed(1)} ms\n`);
        rawRows.push({ title, ...result });
      }
    }
  }

  const cancels: CancelResult[] = [];
  for (let attempt = 1; attempt <= runs; attempt++) {
    process.stderr.write(`Cancel of a 100,000-label PDF, run ${attempt}… `);
    const cancel = await measureCancelLatency(workDir, jobOptions, fontPath);
    process.stderr.write(`${cancel.cleanMs.toFixed(1)} ms\n`);
    cancels.push(cancel);
  }
  const cancel: CancelResult = {
    rejectMs: median(cancels.map((item) => item.rejectMs)),
    cleanMs: median(cancels.map((item) => item.cleanMs)),
    labelsAtAbort: median(cancels.map((item) => item.labelsAtAbort)),
  };
  return { table: rawBuildTable(rawRows), targets: extraTargetLines(rawRows, cancel), cancel };
}

/**
 * Runs one case `runs` times, each in a child process, and returns its row: the combined figures, or the
 * reason when a run gave none.
 */
async function measure(
  output: OutputKind,
  size: { lines: number; labels: number },
  settings: { workDir: string; naiveTimeoutS: number; runs: number },
): Promise<CaseRow> {
  const title = OUTPUTS[output].title;
  const missing = (reason: string): CaseRow => ({ kind: 'missing', title, output, ...size, reason });
  const unavailable = (await OUTPUTS[output].unavailable?.()) ?? null;
  if (unavailable !== null) {
    process.stderr.write(`${title}, ${size.labels} labels: not measured, ${unavailable}\n`);
    return missing(unavailable);
  }

  const timeoutS = output === 'pdf-naive' ? settings.naiveTimeoutS : CASE_TIMEOUT_S;
  const spec: CaseSpec = { output, ...size, workDir: settings.workDir };
  const results: CaseResult[] = [];
  for (let attempt = 1; attempt <= settings.runs; attempt++) {
    process.stderr.write(`${title}, ${size.labels} labels from ${size.lines} lines, run ${attempt}… `);
    const run = await runChild(JSON.stringify(spec), timeoutS);
    if (run.timedOut) {
      process.stderr.write(`stopped after ${timeoutS} s\n`);
      return missing(`did not finish within ${timeoutS} s on this machine, so it was stopped`);
    }
    if (run.code !== 0) {
      const detail = run.stderr.trim().split('\n').slice(-3).join(' ').slice(0, 300);
      process.stderr.write(`failed\n${run.stderr}\n`);
      return missing(`failed with exit code ${run.code}: ${detail}`);
    }
    const result = parseCaseResult(run.stdout.trim().split('\n').at(-1) ?? '');
    process.stderr.write(`${(result.wallMs / 1000).toFixed(2)} s\n`);
    results.push(result);
  }
  return { kind: 'measured', title, result: combineRuns(results) };
}

/** Runs bench/run-case.ts with `spec`, killing it after `timeoutS` seconds. */
function runChild(
  spec: string,
  timeoutS: number,
): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolvePromise, reject) => {
    // tsx is resolved from the repository, so the child runs there.
    const child = spawn(process.execPath, ['--import', 'tsx', RUN_CASE, spec], {
      cwd: REPOSITORY,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutS * 1000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr, timedOut });
    });
  });
}

async function describeMachine(): Promise<Machine> {
  const cpuinfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  const cpu = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown CPU';
  return {
    cpu,
    cores: availableParallelism(),
    memoryGb: totalmem() / 1024 ** 3,
    node: process.versions.node,
    platform: `${platform()} ${release()}`,
    loadAverage: loadavg()[0] ?? 0,
  };
}

function benchmarkPage(report: {
  machine: Machine;
  table: string;
  targets: readonly string[];
  quick: boolean;
  naiveTimeoutS: number;
  runs: number;
  rows: readonly CaseRow[];
  extras: Extras | null;
}): string {
  const { machine, table, targets, quick, naiveTimeoutS, runs, extras } = report;
  const date = new Date().toISOString().slice(0, 10);
  return `# Benchmarks

Written by \`npm run bench\`${quick ? ' in quick mode (`--quick`: the smallest job only)' : ''} on ${date}.
The desk screen's figures in Chromium are on [benchmarks-desktop.md](benchmarks-desktop.md).

Machine: ${machineLine(machine)}.

${table}

## Targets

${targets.join('\n')}

## What is measured

- A job starts with the document lines in memory, as the DealPOS client returns them, and ends when the
  output file is complete and closed. It includes reading the lines, laying out the labels and writing.
  The label font and its metrics are loaded before the job starts, as the app does once at start-up.
- Documents are synthetic outlet deliveries (\`bench/synthetic-document.ts\`): product names such as
  "Kaos Polos Katun Combed 30s — Hitam (XL)", half the codes EAN-13, half shop SKUs printed as Code 128,
  uneven quantities. Every label uses the built-in 50 × 30 mm roll template at 203 dpi with prices shown,
  so every PDF has one page per label.
- **PDF** is the app's writer (\`electron/pdf/pdf-writer.ts\`): lines are laid out as pages need them,
  each distinct label is written once as a form XObject and placed on its pages, output streams to the
  file with backpressure and is synced to disk before the file is renamed into place.
- **PDF, naive** is the straightforward pdfkit program (\`bench/naive-pdf.ts\`): every line is laid out
  first, then each label gets its own page with one filled rectangle per dark barcode module from
  JsBarcode's encoding and its text through \`doc.text\`, pdfkit's default options, nothing reused, and
  the document piped to the file without waiting for it. A naive case is stopped after ${naiveTimeoutS} s.
- **ZPL** and **TSPL** rows are written as the CLI writes \`--zpl\` and \`--tspl\` files. \`streamRawJob\` in
  \`electron/printing/raw-job.ts\` lays out each line when the job reaches it, and yields the header and
  then each line's chunk. \`writeRawJobFile\` hands each piece to the file stream as it comes.
- Each case runs in a fresh Node process. Peak RSS is that process's \`process.resourceUsage().maxRSS\`,
  which includes what the process held before the job started (Node, the tsx loader, the modules and
  the font): ${startRssRange(report.rows)} in this run. MB means 10^6 bytes.
- First bytes is the time from the start of the job until the first bytes of output are handed to the
  file stream. The PDF writer hands over its first page as soon as it is drawn; the naive PDF's first
  bytes leave only after every page is drawn, and a raw job's first bytes are its header.
- ${runsNote(runs)}
  Times vary between runs, and more so when other work runs on the machine (see the load average).
${extras === null ? '' : extrasSection(extras, runs)}`;
}

function extrasSection(extras: Extras, runs: number): string {
  return `
## Raw printer jobs without layout

${extras.table}

## Cancelling a PDF job

Abort called after ${integer.format(extras.cancel.labelsAtAbort)} of 100,000 labels (median of ${runs} runs):
the writer rejected with \`output_cancelled\` ${extras.cancel.rejectMs.toFixed(1)} ms later, and its temporary
file was gone ${extras.cancel.cleanMs.toFixed(1)} ms after the abort.

## Targets for raw jobs and cancelling

${extras.targets.join('\n')}

## How these are measured

- **Raw printer jobs**: entries are planned first, outside the clock, then \`buildRawJob\` builds the whole
  job in memory, nothing written; Build is the median of ${Math.max(runs, RAW_BUILD_RUNS)} builds in one process and First run is
  the first of them, which includes loading the text rasteriser and drawing each glyph's masks once (later
  builds reuse them). Text bitmaps is the time of drawing, on its own, every text item the job prints as a
  bitmap instead of printer text, composed from those glyph masks. The TSPL profile
  (\`xprinter-xp-360b\`) has no UTF-8 text, so every text with a non-ASCII character, such as the dash
  in every synthetic product name, is drawn as a bitmap; the ZPL profile (\`zebra-zd220\`) sends UTF-8
  text and draws none. The 10× rows use the same lines with every quantity multiplied by ten.
- **Cancelling**: a 100,000-label PDF job from 2,000 lines is started as the app starts it (lines laid
  out as pages need them); a timer calls \`AbortController.abort()\` 500 ms after the first output bytes,
  as a cancel arrives from an event, so the figure includes the wait for the writer to give the event loop
  a turn. The time ends when the writer's promise has rejected and the folder holds no temporary file.
- These run in the benchmark's parent process, after the cases above, and are left out with \`--quick\`.
`;
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function runsNote(runs: number): string {
  if (runs === 1) {
    return 'Each case ran once on the machine above.';
  }
  return (
    `Each case ran ${runs} times on the machine above. Times and first bytes are the medians of the ` +
    'runs, and peak RSS is the highest.'
  );
}

await main();
