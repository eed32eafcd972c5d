import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, platform, release, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { RendererNotBuiltError, runDesktopBench, type DesktopBenchResult } from './desktop.ts';
import {
  desktopMachineLine,
  desktopPage,
  desktopTable,
  desktopTargetLines,
  longTaskLines,
  type DesktopMachine,
} from './desktop-report.ts';

const REPOSITORY = resolve(import.meta.dirname, '..');
const DEFAULT_OUTPUT = join(REPOSITORY, 'docs', 'benchmarks-desktop.md');

const USAGE = `Usage: npm run bench -- --desktop [--lines N] [--rounds N] [--keystrokes N]
                                [--template-changes N] [--editor-changes N] [--out FILE] [--trace FILE]
                                [--renderer FOLDER]
  Measures the desk screen in Chromium; needs the renderer built first (npx electron-vite build).
  --lines N             lines of the synthetic document (default 5000)
  --rounds N            rounds, each in a fresh page (default 5)
  --keystrokes N        filter keystrokes per round (default 30)
  --template-changes N  template selections per round (default 20)
  --editor-changes N    template editor field changes per round (default 20)
  --out FILE            Markdown file to write (default docs/benchmarks-desktop.md)
  --trace FILE          also write a Chromium performance trace of the first round (JSON, for chrome://tracing)
  --renderer FOLDER     the built renderer to measure (default out/renderer), such as one built with
                        npx electron-vite build --outDir FOLDER/..`;

/** Runs `npm run bench -- --desktop` with the given arguments and returns the process exit code. */
export async function runDesktopCommand(args: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      desktop: { type: 'boolean', default: true },
      lines: { type: 'string', default: '5000' },
      rounds: { type: 'string', default: '5' },
      keystrokes: { type: 'string', default: '30' },
      'template-changes': { type: 'string', default: '20' },
      'editor-changes': { type: 'string', default: '20' },
      out: { type: 'string', default: DEFAULT_OUTPUT },
      trace: { type: 'string' },
      renderer: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const count = (name: string, text: string, minimum: number): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < minimum) {
      throw new Error(`--${name} must be a whole number of at least ${minimum}, got ${text}`);
    }
    return value;
  };
  const options = {
    lines: count('lines', values.lines, 1),
    rounds: count('rounds', values.rounds, 1),
    keystrokes: count('keystrokes', values.keystrokes, 1),
    templateChanges: count('template-changes', values['template-changes'], 1),
    editorChanges: count('editor-changes', values['editor-changes'], 1),
  };

  const machine = await describeMachine();
  let result: DesktopBenchResult;
  try {
    result = await runDesktopBench({
      ...options,
      ...(values.trace === undefined ? {} : { tracePath: resolve(values.trace) }),
      ...(values.renderer === undefined ? {} : { rendererFolder: resolve(values.renderer) }),
      scanPace: true,
      progress: (message) => process.stderr.write(`${message}\n`),
    });
  } catch (error) {
    if (error instanceof RendererNotBuiltError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  machine.loadAfter = loadavg()[0] ?? 0;

  const scanPace = result.scanPace === null ? null : formatScanPace(result.scanPace);
  process.stdout.write(
    `Machine: ${desktopMachineLine(machine, result.chromium)}\n\n${desktopTable(result)}\n\n` +
      `${desktopTargetLines(result).join('\n')}\n\nLong tasks:\n${longTaskLines(result).join('\n')}\n` +
      (scanPace === null ? '' : `\nScan pace:\n${scanPace}\n`),
  );
  const outPath = resolve(values.out);
  await mkdir(dirname(outPath), { recursive: true });
  const date = new Date().toISOString().slice(0, 10);
  await writeFile(outPath, desktopPage(result, machine, { date, scanPace }));
  process.stderr.write(`Wrote ${outPath}\n`);
  if (values.trace !== undefined) {
    process.stderr.write(`Wrote the trace of round 1 to ${resolve(values.trace)}\n`);
  }
  return 0;
}

/**
 * Formats what `measureScanPace` returned. Its shape belongs to bench/scan-pace.ts, so each field is
 * shown as it came.
 */
function formatScanPace(figures: unknown): string {
  if (typeof figures !== 'object' || figures === null) {
    return `- ${JSON.stringify(figures)}`;
  }
  return Object.entries(figures)
    .map(
      ([name, value]) =>
        `- ${name}: ${typeof value === 'number' ? formatNumber(value) : JSON.stringify(value)}`,
    )
    .join('\n');
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

async function describeMachine(): Promise<DesktopMachine> {
  const cpuinfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  const cpu = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown CPU';
  const load = loadavg()[0] ?? 0;
  return {
    cpu,
    cores: availableParallelism(),
    memoryGb: totalmem() / 1024 ** 3,
    platform: `${platform()} ${release()}`,
    node: process.versions.node,
    loadBefore: load,
    loadAfter: load,
  };
}
