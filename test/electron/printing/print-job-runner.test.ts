import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { labelFontPath, loadFontMetrics } from '../../../electron/pdf/font.ts';
import { CupsSpooler } from '../../../electron/printing/cups.ts';
import { JobJournalStore, newJobId, type JobJournal } from '../../../electron/printing/job-journal.ts';
import {
  cancelPrintJob,
  resumePrintJob,
  startPrintJob,
  type NewPrintJob,
  type RunnerContext,
} from '../../../electron/printing/print-job-runner.ts';
import { buildRawJob, type RawJob } from '../../../electron/printing/raw-job.ts';
import type { Spooler } from '../../../electron/printing/spooler.ts';
import { AppError } from '../../../shared/errors.ts';
import { planJob } from '../../../shared/labels/job.ts';
import { readDocumentLines } from '../../../shared/labels/lines.ts';
import { findTemplate } from '../../../shared/labels/templates.ts';
import type { FontMetrics } from '../../../shared/labels/types.ts';
import { EXAMPLE_PRINTER_PROFILES, type PrinterProfile } from '../../../shared/printing/profile.ts';
import {
  countPrintedLabels,
  startLabelListener,
  startPrivateCups,
  type LabelListener,
  type PrivateCups,
} from '../../support/cups.ts';

// Three lines, 3 + 2 + 4 = 9 labels: three chunks, one per line.
const RAW_LINES = [
  { VariantID: 'v1', Name: 'Cardigan Rajut', Code: '1315L', Quantity: 3, UnitPrice: 150000 },
  { VariantID: 'v2', Name: 'Sepatu Lari Pria (42)', Code: '200536', Quantity: 2, UnitPrice: 325000 },
  { VariantID: 'v3', Name: 'Cardigan Rajut XL', Code: '1315XL', Quantity: 4, UnitPrice: 150000 },
];
const ZEBRA = EXAMPLE_PRINTER_PROFILES.find((profile) => profile.mode === 'zpl')!;
const XPRINTER = EXAMPLE_PRINTER_PROFILES.find(
  (profile) => profile.mode === 'tspl' && profile.columns === 1,
)!;

let cups: PrivateCups;
let metrics: FontMetrics;
let spooler: CupsSpooler;
let store: JobJournalStore;
let listener: LabelListener;
let queueNumber = 0;

beforeAll(async () => {
  cups = await startPrivateCups();
  metrics = await loadFontMetrics(labelFontPath());
  spooler = new CupsSpooler({ env: cups.env });
});

afterAll(async () => {
  await cups?.stop();
});

let storeFolder: string;

beforeEach(async () => {
  storeFolder = await mkdtemp(join(tmpdir(), 'label-desk-runner-'));
  store = new JobJournalStore(storeFolder);
  listener = await startLabelListener();
});

afterEach(async () => {
  await listener.close();
  await rm(storeFolder, { recursive: true, force: true });
});

/** Adds a fresh raw queue for each test, so spool job ids and states never mix between tests. */
async function newQueue(options: { port?: number } = {}): Promise<string> {
  queueNumber += 1;
  const queue = `labels-${queueNumber}`;
  await cups.addRawQueue(queue, options.port ?? listener.port);
  return queue;
}

function newJob(queue: string, profile: PrinterProfile = ZEBRA): NewPrintJob {
  return {
    document: { kind: 'bill', outlet: 'Pluit', number: '2023.09.00001' },
    templateId: 'roll-50x30',
    profile: { ...profile, queue },
    language: profile.mode === 'tspl' ? 'tspl' : 'zpl',
    queue,
    totalLabels: 9,
    plan: { rawLines: RAW_LINES, overrides: [], dpi: 203, showPrice: false },
  };
}

async function rebuild(
  journal: Pick<JobJournal, 'plan' | 'templateId' | 'document' | 'language' | 'profile'>,
  startLabel: number,
): Promise<RawJob> {
  const plan = planJob(readDocumentLines(journal.plan.rawLines), {
    template: findTemplate(journal.templateId)!,
    dpi: journal.plan.dpi,
    showPrice: journal.plan.showPrice,
    documentNumber: journal.document.number,
    metrics,
    overrides: new Map(journal.plan.overrides),
  });
  return buildRawJob(journal.language, plan.entries, journal.profile, { startLabel });
}

function context(overrides: Partial<RunnerContext> = {}): RunnerContext {
  return { spooler, store, rebuild, timeoutMs: 10_000, ...overrides };
}

/** Each spool job as the printer should receive it: the header, then one chunk. */
async function expectedJobs(job: NewPrintJob): Promise<Buffer[]> {
  const raw = await rebuild(job, 0);
  return raw.chunks.map((chunk) => Buffer.concat([raw.header, chunk.bytes]));
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('startPrintJob', () => {
  it('sends one spool job per line', async () => {
    const queue = await newQueue();
    const job = newJob(queue);

    const journal = await startPrintJob(job, context());

    expect(journal.status).toBe('completed');
    expect(journal.confirmedLabels).toBe(9);
    expect(journal.inFlight).toBeNull();
    expect(journal.spoolJobs.map((entry) => [entry.firstLabel, entry.labelCount])).toEqual([
      [0, 3],
      [3, 2],
      [5, 4],
    ]);
    const expected = await expectedJobs(job);
    expect(listener.connections).toHaveLength(3);
    listener.connections.forEach((bytes, index) => expect(bytes.equals(expected[index]!)).toBe(true));
    expect(listener.connections.map(countPrintedLabels)).toEqual([3, 2, 4]);
    expect(await store.load(journal.id)).toEqual(journal);
  });

  it('refuses an unknown queue before recording a job', async () => {
    const error = await rejection(startPrintJob(newJob('no-such-queue'), context()));
    expect(error.code).toBe('printer_not_found');
    expect((await store.list()).journals).toEqual([]);
  });
});

describe('resumePrintJob', () => {
  it('resumes after a stopped printer without repeats', async () => {
    const queue = await newQueue();
    const job = newJob(queue, XPRINTER);
    listener.onFinished = async (connection) => {
      if (connection === 1) {
        await cups.disable(queue, 'Out of labels');
      }
    };

    const error = await rejection(startPrintJob(job, context()));
    expect(error.code).toBe('print_interrupted');
    expect(error.params).toMatchObject({ label: 4, total: 9 });
    expect(error.cause).toMatchObject({
      code: 'printer_stopped',
      params: { queue, message: 'Out of labels' },
    });
    const [interrupted] = (await store.list()).journals;
    expect(interrupted).toMatchObject({ status: 'interrupted', confirmedLabels: 3, inFlight: null });
    expect(interrupted!.interruption).toMatchObject({ code: 'printer_stopped', label: 4 });
    expect(listener.connections).toHaveLength(1);

    listener.onFinished = null;
    await cups.enable(queue);
    const resumed = await resumePrintJob(interrupted!.id, context());

    expect(resumed).toMatchObject({ status: 'completed', confirmedLabels: 9, interruption: null });
    const expected = await expectedJobs(job);
    expect(listener.connections).toHaveLength(3);
    listener.connections.forEach((bytes, index) => expect(bytes.equals(expected[index]!)).toBe(true));
    expect(listener.connections.map(countPrintedLabels)).toEqual([3, 2, 4]);
  });

  it('resends a timed-out, cancelled chunk', async () => {
    const queue = await newQueue();
    listener.refuseAfter(2);

    const error = await rejection(startPrintJob(newJob(queue), context({ timeoutMs: 500 })));
    expect(error.params).toMatchObject({ label: 6, total: 9 });
    expect(error.cause).toMatchObject({ code: 'print_timeout' });
    const [interrupted] = (await store.list()).journals;
    expect(interrupted).toMatchObject({ confirmedLabels: 5, inFlight: null });
    const cancelled = await spooler.findJob(queue, `2023.09.00001 6-9/9 (${interrupted!.id}#3)`);
    expect((await spooler.jobStatus(cancelled!)).state).toBe('canceled');

    await listener.reopen();
    await resumePrintJob(interrupted!.id, context());
    expect(listener.connections.map(countPrintedLabels)).toEqual([3, 2, 4]);
  });

  it('counts a lost confirmation CUPS completed', async () => {
    const queue = await newQueue();
    let failures = 0;
    // Waiting and reading the state both fail once, as if the app lost CUPS right after submitting.
    const flaky: Spooler = {
      ...bind(spooler),
      waitForCompletion: async (jobId, options) => {
        await spooler.waitForCompletion(jobId, options);
        failures += 1;
        throw new Error('connection to CUPS lost');
      },
      jobStatus: async () => {
        throw new Error('connection to CUPS lost');
      },
    };

    const error = await rejection(startPrintJob(newJob(queue), context({ spooler: flaky })));
    expect(error.cause).toMatchObject({ code: 'unexpected' });
    const [interrupted] = (await store.list()).journals;
    expect(interrupted).toMatchObject({ confirmedLabels: 0, inFlight: { firstLabel: 0, labelCount: 3 } });
    expect(interrupted!.inFlight!.spoolJobId).toMatch(new RegExp(`^${queue}-\\d+$`));
    expect(failures).toBe(1);

    const resumed = await resumePrintJob(interrupted!.id, context());
    expect(resumed.confirmedLabels).toBe(9);
    expect(listener.connections.map(countPrintedLabels)).toEqual([3, 2, 4]);
    expect(resumed.spoolJobs[0]!.spoolJobId).toBe(interrupted!.inFlight!.spoolJobId);
  });

  it('finds a job whose submit response was lost', async () => {
    const queue = await newQueue();
    let lost = false;
    const losing: Spooler = {
      ...bind(spooler),
      submit: async (name, bytes, options) => {
        const jobId = await spooler.submit(name, bytes, options);
        if (!lost) {
          lost = true;
          throw new AppError('print_spooler_unavailable', { reason: 'ECONNRESET' });
        }
        return jobId;
      },
    };

    const journal = await startPrintJob(newJob(queue), context({ spooler: losing }));
    expect(lost).toBe(true);
    expect(journal.status).toBe('completed');
    expect(listener.connections.map(countPrintedLabels)).toEqual([3, 2, 4]);
  });

  it('asks about a chunk CUPS forgot', async () => {
    const queue = await newQueue();
    const skipped = await saveJournalWithLostChunk(queue);
    const resent = await saveJournalWithLostChunk(queue);

    const error = await rejection(resumePrintJob(skipped.id, context()));
    expect(error.code).toBe('print_interrupted');
    expect(error.cause).toMatchObject({
      code: 'print_job_uncertain',
      params: { id: skipped.id, first: 1, last: 3, spoolJob: `${queue}-999999` },
    });
    expect(listener.connections).toHaveLength(0);
    expect((await store.load(skipped.id)).inFlight).not.toBeNull();

    await resumePrintJob(skipped.id, context(), { unconfirmed: 'skip' });
    expect(listener.connections.map(countPrintedLabels)).toEqual([2, 4]);

    await resumePrintJob(resent.id, context(), { unconfirmed: 'resend' });
    expect(listener.connections.map(countPrintedLabels)).toEqual([2, 4, 3, 2, 4]);
  });

  it('rejects a rebuild with another label count', async () => {
    const queue = await newQueue();
    const journal = await saveJournalWithLostChunk(queue, { inFlight: null });
    const shorter: RunnerContext['rebuild'] = async (saved, startLabel) => {
      const raw = await rebuild(saved, startLabel);
      return { ...raw, chunks: raw.chunks.slice(1) };
    };

    const error = await rejection(resumePrintJob(journal.id, context({ rebuild: shorter })));
    expect(error.code).toBe('print_plan_changed');
    expect(error.params).toEqual({ id: journal.id, expected: 9, actual: 6 });
    expect(listener.connections).toHaveLength(0);
  });

  it('cancels the chunk on abort', async () => {
    const unreachable = await startLabelListener();
    await unreachable.close();
    const queue = await newQueue({ port: unreachable.port });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);

    const error = await rejection(startPrintJob(newJob(queue), context({ signal: controller.signal })));
    expect(error.cause).toMatchObject({ code: 'print_stopped', params: { queue } });
    const [interrupted] = (await store.list()).journals;
    expect(interrupted).toMatchObject({ status: 'interrupted', confirmedLabels: 0, inFlight: null });
    const spoolJob = await spooler.findJob(queue, `2023.09.00001 1-3/9 (${interrupted!.id}#1)`);
    expect((await spooler.jobStatus(spoolJob!)).state).toBe('canceled');
  });
});

describe('cancelPrintJob', () => {
  it('cancels the queued chunk and closes the job', async () => {
    const unreachable = await startLabelListener();
    await unreachable.close();
    const queue = await newQueue({ port: unreachable.port });
    const spoolJobId = await spooler.submit(queue, Buffer.from('^XA^PQ3^XZ\n'), { title: 'queued' });
    const journal = await saveJournalWithLostChunk(queue, {
      inFlight: {
        title: 'queued',
        firstLabel: 0,
        labelCount: 3,
        spoolJobId,
        submittedAt: new Date().toISOString(),
      },
    });

    const outcome = await cancelPrintJob(journal.id, context());
    expect(outcome.deferred).toBe(false);
    expect(outcome.journal).toMatchObject({ status: 'cancelled', inFlight: null, confirmedLabels: 0 });
    expect((await spooler.jobStatus(spoolJobId)).state).toBe('canceled');

    const error = await rejection(resumePrintJob(journal.id, context()));
    expect(error.code).toBe('print_job_closed');
    expect(error.params).toEqual({ id: journal.id, status: 'cancelled' });
  });

  it('defers to the process printing the job', async () => {
    const queue = await newQueue();
    const journal = await saveJournalWithLostChunk(queue, { inFlight: null });
    const lock = await store.acquire(journal.id);

    const outcome = await cancelPrintJob(journal.id, context());
    expect(outcome.deferred).toBe(true);
    expect((await store.load(journal.id)).status).toBe('interrupted');
    await lock.release();

    const finished = await resumePrintJob(journal.id, context());
    expect(finished.status).toBe('cancelled');
    expect(listener.connections).toHaveLength(0);
    expect(await store.isCancelRequested(journal.id)).toBe(false);
    expect(await readdir(store.folder)).toEqual([`${journal.id}.json`]);
  });
});

/** Binds the Spooler methods of `target`, so a test can replace some of them. */
function bind(target: Spooler): Spooler {
  return {
    submit: target.submit.bind(target),
    waitForCompletion: target.waitForCompletion.bind(target),
    listQueues: target.listQueues.bind(target),
    jobStatus: target.jobStatus.bind(target),
    cancel: target.cancel.bind(target),
    findJob: target.findJob.bind(target),
  };
}

/** Saves an interrupted journal whose first chunk went to a spool job CUPS does not know. */
async function saveJournalWithLostChunk(
  queue: string,
  overrides: Partial<JobJournal> = {},
): Promise<JobJournal> {
  const now = new Date();
  const journal: JobJournal = {
    version: 1,
    id: newJobId(now),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    reprint: false,
    status: 'interrupted',
    ...newJob(queue),
    confirmedLabels: 0,
    attempts: 1,
    inFlight: {
      title: 'lost',
      firstLabel: 0,
      labelCount: 3,
      spoolJobId: `${queue}-999999`,
      submittedAt: now.toISOString(),
    },
    interruption: null,
    spoolJobs: [],
    ...overrides,
  };
  await store.save(journal, now);
  return journal;
}
