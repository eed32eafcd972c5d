import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { labelFontPath, loadFontMetrics, readFontFile } from '../electron/pdf/font.ts';
import { findTemplate } from '../shared/labels/templates.ts';
import {
  BENCH_DOCUMENT_NUMBER,
  BENCH_DPI,
  BENCH_TEMPLATE_ID,
  parseCaseSpec,
  type CaseResult,
} from './case-spec.ts';
import { OUTPUTS } from './outputs.ts';
import { buildSyntheticDocument } from './synthetic-document.ts';

// Runs one benchmark case in a process of its own, so its peak RSS is its own, and prints the result as
// one line of JSON on stdout. Started by bench/index.ts as `node --import tsx bench/run-case.ts SPEC`.

async function main(): Promise<void> {
  const spec = parseCaseSpec(process.argv[2]);
  const template = findTemplate(BENCH_TEMPLATE_ID);
  if (template === undefined) {
    throw new Error(`built-in template ${BENCH_TEMPLATE_ID} is missing`);
  }
  // The app loads the font once at start-up, so that cost stays outside the job's clock.
  const fontPath = labelFontPath();
  const metrics = await loadFontMetrics(fontPath);
  await readFontFile(fontPath);
  // The document as the DealPOS client hands it over, before the job starts.
  const rawLines = buildSyntheticDocument(spec.lines, spec.labels);
  const outputPath = join(spec.workDir, `${spec.output}-${spec.labels}.out`);

  let firstBytesMs: number | null = null;
  const startRssBytes = process.memoryUsage.rss();
  const start = performance.now();
  try {
    const written = await OUTPUTS[spec.output].run({
      rawLines,
      template,
      jobOptions: { dpi: BENCH_DPI, showPrice: true, documentNumber: BENCH_DOCUMENT_NUMBER, metrics },
      fontPath,
      outputPath,
      onOutputStarted: () => {
        firstBytesMs ??= performance.now() - start;
      },
    });
    const wallMs = performance.now() - start;
    const result: CaseResult = {
      output: spec.output,
      lines: spec.lines,
      labels: written.labels,
      wallMs,
      firstBytesMs,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      startRssBytes,
      outputBytes: written.bytes,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await rm(outputPath, { force: true });
  }
}

await main();
