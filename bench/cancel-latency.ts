import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeLabelsPdf } from '../electron/pdf/pdf-writer.ts';
import { isAppError } from '../shared/errors.ts';
import { paginate, planJobEntries, type JobOptions } from '../shared/labels/job.ts';
import { readDocumentLines } from '../shared/labels/lines.ts';
import { buildSyntheticDocument } from './synthetic-document.ts';

// Measures how long a PDF job takes to stop: from `AbortController.abort()`, called by a timer while a
// 100,000-label job is writing, to the writer's `output_cancelled` rejection with its temporary file
// removed. The abort comes from a timer, as a clerk's cancel arrives from an event, so the figure
// includes waiting for the writer to give the event loop a turn.

/** One cancel measurement, in milliseconds. */
export interface CancelResult {
  /** From `abort()` to the writer's rejection. */
  rejectMs: number;
  /** From `abort()` until the rejection arrived and no temporary file was left in the folder. */
  cleanMs: number;
  /** Labels the writer had finished when the abort was called. */
  labelsAtAbort: number;
}

/** Labels in the job, spread over document lines as in the largest benchmark case. */
export const CANCEL_JOB = { lines: 2_000, labels: 100_000 };
/** How long after its first bytes the job is cancelled. */
const ABORT_AFTER_MS = 500;

/** Starts a 100,000-label PDF job in `workDir`, cancels it part way and returns the latency. */
export async function measureCancelLatency(
  workDir: string,
  jobOptions: JobOptions,
  fontPath: string,
): Promise<CancelResult> {
  const lines = readDocumentLines(buildSyntheticDocument(CANCEL_JOB.lines, CANCEL_JOB.labels));
  const controller = new AbortController();
  let abortedAt = 0;
  let labelsWritten = 0;
  let labelsAtAbort = 0;
  let timer: NodeJS.Timeout | undefined;

  const job = writeLabelsPdf(
    {
      outputPath: join(workDir, 'cancelled.pdf'),
      pageSize: jobOptions.template.page,
      title: 'Benchmark, cancelled',
      fontPath,
      signal: controller.signal,
      onProgress: (labels) => (labelsWritten = labels),
      onOutputStarted: () => {
        timer = setTimeout(() => {
          labelsAtAbort = labelsWritten;
          abortedAt = performance.now();
          controller.abort();
        }, ABORT_AFTER_MS);
      },
    },
    paginate(planJobEntries(lines, jobOptions), jobOptions.template),
  );

  let rejectedAt: number;
  try {
    await job;
    throw new Error(`the job finished before the abort, ${ABORT_AFTER_MS} ms after its first bytes`);
  } catch (error) {
    rejectedAt = performance.now();
    if (!isAppError(error) || error.code !== 'output_cancelled') {
      throw error;
    }
  } finally {
    clearTimeout(timer);
  }
  const left = await readdir(workDir);
  if (left.some((name) => name.includes('cancelled.pdf'))) {
    throw new Error(`the cancelled job left ${left.join(', ')} behind`);
  }
  const cleanAt = performance.now();
  return { rejectMs: rejectedAt - abortedAt, cleanMs: cleanAt - abortedAt, labelsAtAbort };
}
