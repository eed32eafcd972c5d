import type { ScopedLogger } from '../logging/logger.ts';
import { AppError, isAppError } from '../../shared/errors.ts';
import { CupsSpooler } from './cups.ts';
import { JobJournalStore, newJobId, type JobJournal } from './job-journal.ts';
import type { RawJob } from './raw-job.ts';
import { FINISHED_SPOOL_STATES, type Spooler, type SpoolJobStatus } from './spooler.ts';
import { WindowsSpooler } from './windows-spooler.ts';

/*
 * How a job gets through failures without printing a label twice:
 *
 * 1. Each chunk (one document line, or what is left of it) goes as its own spool job, and the next
 *    chunk is sent only once the spooler reports this one completed. `confirmedLabels` in the journal
 *    therefore always counts a prefix of the job.
 * 2. Before submitting, the journal records the chunk as in flight with a title unique to this attempt.
 *    Once the spooler returns the job id, the id is recorded too.
 * 3. When the confirmation is lost (the app crashed, the spooler was unreachable, a wait timed out and
 *    the cancel raced with the printer), the in-flight entry stays. Resume asks the spooler for that
 *    spool job's final state first (found by id, or by title when the id was never recorded):
 *    completed counts as printed, canceled or aborted is sent again, still queued is waited for.
 * 4. Only when the spooler no longer lists the job at all (CUPS purged its history, Windows deleted a
 *    printed job) is the outcome unknown; resume then stops with `print_job_uncertain` and the clerk
 *    decides with `unconfirmed: 'skip' | 'resend'` after looking at the printer.
 * 5. A failed or timed-out chunk is cancelled in the spooler before the job is marked interrupted, so
 *    it cannot print later behind the clerk's back. NOTE: a chunk cancelled while the spooler was
 *    already sending it may have reached the printer in part; ZPL and TSPL print a label only after its
 *    closing ^XZ or PRINT command, so at most that chunk's labels are affected.
 */

/** A raw job as the runner needs it; `buildRawJob` returns one. */
export type RawJobParts = Pick<RawJob, 'header' | 'chunks'>;

/** Builds the remaining chunks of a journal's job, starting at the 0-based label `startLabel`. */
export type RebuildJob = (journal: JobJournal, startLabel: number) => Promise<RawJobParts> | RawJobParts;

export interface RunnerContext {
  spooler: Spooler;
  store: JobJournalStore;
  rebuild: RebuildJob;
  /** Per spool job; see `DEFAULT_SPOOL_TIMEOUT_MS`. */
  timeoutMs?: number;
  /** Stops the job after cancelling the chunk in flight; the journal stays resumable. */
  signal?: AbortSignal;
  /** Called after each confirmed chunk. */
  onProgress?: (journal: JobJournal) => void;
  log?: ScopedLogger;
  now?: () => Date;
}

/** A new job: the values the journal records before anything is sent. `reprint` is false when absent. */
export type NewPrintJob = Pick<
  JobJournal,
  'document' | 'templateId' | 'profile' | 'language' | 'queue' | 'totalLabels' | 'plan'
> & { reprint?: boolean };

export interface ResumeOptions {
  /** How to count a chunk whose outcome the spooler can no longer tell: printed (`skip`) or not. */
  unconfirmed?: 'skip' | 'resend';
}

/** Creates the spooler of the platform the app runs on: the Windows spooler on Windows, CUPS elsewhere. */
export function createSpooler(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): Spooler {
  return platform === 'win32' ? new WindowsSpooler() : new CupsSpooler({ env, platform });
}

/**
 * Records a new job and sends it. Resolves with the completed (or cancelled) journal; throws
 * `print_interrupted` with the printer's error as `cause` when a chunk fails, leaving the journal
 * resumable. Throws `printer_not_found` before recording anything when the queue does not exist.
 */
export async function startPrintJob(job: NewPrintJob, context: RunnerContext): Promise<JobJournal> {
  const queues = await context.spooler.listQueues();
  // CUPS and Windows both compare printer names without regard to case.
  if (!queues.some((queue) => queue.name.toLowerCase() === job.queue.toLowerCase())) {
    throw new AppError('printer_not_found', { queue: job.queue });
  }
  const now = (context.now ?? (() => new Date()))();
  const journal: JobJournal = {
    version: 1,
    id: newJobId(now),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    status: 'active',
    ...structuredClone(job),
    reprint: job.reprint ?? false,
    confirmedLabels: 0,
    attempts: 0,
    inFlight: null,
    interruption: null,
    spoolJobs: [],
  };
  await context.store.save(journal, now);
  context.log?.info('print job created', {
    id: journal.id,
    queue: journal.queue,
    labels: journal.totalLabels,
  });
  return runJournal(journal.id, context, {});
}

/** Sends what an interrupted job has not printed yet. Same outcomes as {@link startPrintJob}. */
export async function resumePrintJob(
  id: string,
  context: RunnerContext,
  options: ResumeOptions = {},
): Promise<JobJournal> {
  return runJournal(id, context, options);
}

/**
 * Cancels a job so it is never resumed. When another process is sending it right now, a cancel
 * request is left for that process, which stops before its next chunk (`deferred: true`). A chunk in
 * flight is cancelled in the spooler; if it had already printed, it is counted.
 */
export async function cancelPrintJob(
  id: string,
  context: Pick<RunnerContext, 'spooler' | 'store' | 'log' | 'now'>,
): Promise<{ journal: JobJournal; deferred: boolean }> {
  const existing = await context.store.load(id);
  requireOpen(existing);
  let lock;
  try {
    lock = await context.store.acquire(id);
  } catch (error) {
    if (isAppError(error) && error.code === 'print_job_busy') {
      await context.store.requestCancel(id);
      return { journal: existing, deferred: true };
    }
    throw error;
  }
  try {
    const journal = await context.store.load(id);
    requireOpen(journal);
    await finishCancel(journal, context);
    return { journal, deferred: false };
  } finally {
    await lock.release();
  }
}

function requireOpen(journal: JobJournal): void {
  if (journal.status === 'completed' || journal.status === 'cancelled') {
    throw new AppError('print_job_closed', { id: journal.id, status: journal.status });
  }
}

async function runJournal(id: string, context: RunnerContext, options: ResumeOptions): Promise<JobJournal> {
  const lock = await context.store.acquire(id);
  try {
    const journal = await context.store.load(id);
    requireOpen(journal);
    if (await context.store.isCancelRequested(id)) {
      await finishCancel(journal, context);
      return journal;
    }
    await settleInFlight(journal, context, options);

    if (journal.confirmedLabels < journal.totalLabels) {
      const raw = await context.rebuild(journal, journal.confirmedLabels);
      const rebuiltTotal =
        journal.confirmedLabels + raw.chunks.reduce((sum, chunk) => sum + chunk.labelCount, 0);
      if (rebuiltTotal !== journal.totalLabels) {
        throw new AppError('print_plan_changed', { id, expected: journal.totalLabels, actual: rebuiltTotal });
      }
      journal.status = 'active';
      journal.interruption = null;
      await context.store.save(journal, now(context));

      for (const chunk of raw.chunks) {
        if (chunk.labelCount === 0) {
          continue;
        }
        if (await context.store.isCancelRequested(id)) {
          await finishCancel(journal, context);
          return journal;
        }
        await sendChunk(journal, Buffer.concat([raw.header, chunk.bytes]), chunk.labelCount, context);
      }
    }

    journal.status = 'completed';
    await context.store.save(journal, now(context));
    context.log?.info('print job completed', { id, labels: journal.totalLabels });
    return journal;
  } finally {
    await lock.release();
  }
}

function now(context: Pick<RunnerContext, 'now'>): Date {
  return (context.now ?? (() => new Date()))();
}

/** Names a spool job by document, label range and a unique attempt tag, e.g. `PB/1 5-9/45 (…#3)`. */
function chunkTitle(journal: JobJournal, firstLabel: number, labelCount: number): string {
  const range = `${firstLabel + 1}-${firstLabel + labelCount}/${journal.totalLabels}`;
  return `${journal.document.number} ${range} (${journal.id}#${journal.attempts})`;
}

async function sendChunk(
  journal: JobJournal,
  bytes: Buffer,
  labelCount: number,
  context: RunnerContext,
): Promise<void> {
  journal.attempts += 1;
  const title = chunkTitle(journal, journal.confirmedLabels, labelCount);
  journal.inFlight = {
    title,
    firstLabel: journal.confirmedLabels,
    labelCount,
    spoolJobId: null,
    submittedAt: now(context).toISOString(),
  };
  await context.store.save(journal, now(context));

  let spoolJobId: string | null;
  try {
    context.signal?.throwIfAborted();
    spoolJobId = await context.spooler.submit(journal.queue, bytes, { title });
  } catch (error) {
    // The spooler may have queued the job even though its response never arrived.
    spoolJobId = await context.spooler.findJob(journal.queue, title).catch(() => null);
    if (spoolJobId === null) {
      journal.inFlight = null;
      return interrupt(journal, error, context);
    }
  }
  journal.inFlight.spoolJobId = spoolJobId;
  await context.store.save(journal, now(context));
  await waitForChunk(journal, spoolJobId, context);
}

async function waitForChunk(journal: JobJournal, spoolJobId: string, context: RunnerContext): Promise<void> {
  try {
    await context.spooler.waitForCompletion(spoolJobId, {
      signal: context.signal,
      timeoutMs: context.timeoutMs,
    });
  } catch (error) {
    await settleFailedSpoolJob(journal, spoolJobId, context);
    return interrupt(journal, error, context);
  }
  await confirmInFlight(journal, spoolJobId, context);
}

async function confirmInFlight(
  journal: JobJournal,
  spoolJobId: string,
  context: Pick<RunnerContext, 'store' | 'now' | 'onProgress'>,
): Promise<void> {
  const inFlight = journal.inFlight;
  if (inFlight === null) {
    return;
  }
  journal.confirmedLabels = inFlight.firstLabel + inFlight.labelCount;
  journal.spoolJobs.push({
    spoolJobId,
    firstLabel: inFlight.firstLabel,
    labelCount: inFlight.labelCount,
    confirmedAt: now(context).toISOString(),
  });
  journal.inFlight = null;
  await context.store.save(journal, now(context));
  context.onProgress?.(journal);
}

/**
 * Cancels a spool job after a failed wait if it has not finished, then records its final state.
 * Completed counts as printed, and canceled or aborted clears the in-flight entry so resume sends the
 * chunk again. Anything else (the spooler unreachable, the cancel rejected) keeps the entry for resume.
 */
async function settleFailedSpoolJob(
  journal: JobJournal,
  spoolJobId: string,
  context: Pick<RunnerContext, 'spooler' | 'store' | 'log' | 'now' | 'onProgress'>,
): Promise<void> {
  let status = await readStatus(spoolJobId, context);
  if (status !== null && !FINISHED_SPOOL_STATES.has(status.state) && status.state !== 'unknown') {
    await context.spooler.cancel(spoolJobId).catch((error: unknown) => {
      context.log?.warn('could not cancel spool job', { id: journal.id, spoolJobId, error });
    });
    status = await readStatus(spoolJobId, context);
  }
  if (status?.state === 'completed') {
    await confirmInFlight(journal, spoolJobId, context);
  } else if (status?.state === 'canceled' || status?.state === 'aborted') {
    journal.inFlight = null;
  }
}

async function readStatus(
  spoolJobId: string,
  context: Pick<RunnerContext, 'spooler' | 'log'>,
): Promise<SpoolJobStatus | null> {
  try {
    return await context.spooler.jobStatus(spoolJobId);
  } catch (error) {
    context.log?.warn('could not read spool job state', { spoolJobId, error });
    return null;
  }
}

/**
 * Resolves a chunk left in flight by an earlier run, before anything new is sent.
 */
async function settleInFlight(
  journal: JobJournal,
  context: RunnerContext,
  options: ResumeOptions,
): Promise<void> {
  const inFlight = journal.inFlight;
  if (inFlight === null) {
    return;
  }
  const spoolJobId = inFlight.spoolJobId ?? (await context.spooler.findJob(journal.queue, inFlight.title));
  if (spoolJobId === null) {
    // No id was recorded, so the submission had not returned, and the spooler has no job by that title.
    context.log?.info('in-flight chunk never reached the spooler', { id: journal.id, title: inFlight.title });
    journal.inFlight = null;
    await context.store.save(journal, now(context));
    return;
  }
  inFlight.spoolJobId = spoolJobId;

  const status = await context.spooler.jobStatus(spoolJobId);
  context.log?.info('in-flight chunk state', { id: journal.id, spoolJobId, state: status.state });
  switch (status.state) {
    case 'completed':
      await confirmInFlight(journal, spoolJobId, context);
      return;
    case 'canceled':
    case 'aborted':
      journal.inFlight = null;
      await context.store.save(journal, now(context));
      return;
    case 'unknown':
      if (options.unconfirmed === 'skip') {
        await confirmInFlight(journal, spoolJobId, context);
        return;
      }
      if (options.unconfirmed === 'resend') {
        journal.inFlight = null;
        await context.store.save(journal, now(context));
        return;
      }
      return interrupt(
        journal,
        new AppError('print_job_uncertain', {
          id: journal.id,
          first: inFlight.firstLabel + 1,
          last: inFlight.firstLabel + inFlight.labelCount,
          spoolJob: spoolJobId,
        }),
        context,
      );
    default:
      await waitForChunk(journal, spoolJobId, context);
  }
}

/** Cancels what is still queued and marks the journal cancelled. Spooler failures do not stop it. */
async function finishCancel(
  journal: JobJournal,
  context: Pick<RunnerContext, 'spooler' | 'store' | 'log' | 'now'>,
): Promise<void> {
  const inFlight = journal.inFlight;
  if (inFlight !== null) {
    const spoolJobId =
      inFlight.spoolJobId ?? (await context.spooler.findJob(journal.queue, inFlight.title).catch(() => null));
    if (spoolJobId !== null) {
      await settleFailedSpoolJob(journal, spoolJobId, context);
    }
  }
  // NOTE: when the spooler cannot be reached, a chunk still queued there is not cancelled and may print.
  journal.inFlight = null;
  journal.status = 'cancelled';
  await context.store.save(journal, now(context));
  await context.store.clearCancelRequest(journal.id);
  context.log?.info('print job cancelled', { id: journal.id, confirmed: journal.confirmedLabels });
}

/** Marks the journal interrupted with the cause's code and throws `print_interrupted`. */
async function interrupt(journal: JobJournal, error: unknown, context: RunnerContext): Promise<never> {
  const cause = causeOf(error, journal, context.signal);
  journal.status = 'interrupted';
  journal.interruption = {
    code: cause.code,
    params: cause.params,
    at: now(context).toISOString(),
    label: journal.confirmedLabels + 1,
  };
  await context.store.save(journal, now(context));
  context.log?.warn('print job interrupted', {
    id: journal.id,
    label: journal.confirmedLabels + 1,
    total: journal.totalLabels,
    code: cause.code,
    detail: cause.detail,
  });
  throw new AppError(
    'print_interrupted',
    { id: journal.id, label: journal.confirmedLabels + 1, total: journal.totalLabels },
    { cause, detail: cause.detail ?? cause.message },
  );
}

function causeOf(error: unknown, journal: JobJournal, signal: AbortSignal | undefined): AppError {
  if (isAppError(error)) {
    return error;
  }
  if (signal?.aborted === true) {
    return new AppError('print_stopped', { queue: journal.queue });
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new AppError('unexpected', {}, { detail, cause: error });
}
