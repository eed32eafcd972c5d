import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FINISHED_JOURNAL_RETENTION_DAYS,
  JobJournalStore,
  newJobId,
  type JobJournal,
} from '../../../electron/printing/job-journal.ts';
import { AppError } from '../../../shared/errors.ts';
import { EXAMPLE_PRINTER_PROFILES } from '../../../shared/printing/profile.ts';

let folder: string;
let store: JobJournalStore;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'label-desk-journal-'));
  store = new JobJournalStore(folder);
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

function journal(overrides: Partial<JobJournal> = {}): JobJournal {
  const createdAt = new Date('2026-03-02T08:15:00Z');
  return {
    version: 1,
    id: newJobId(createdAt),
    createdAt: createdAt.toISOString(),
    updatedAt: createdAt.toISOString(),
    status: 'active',
    reprint: false,
    document: { kind: 'bill', outlet: 'Pluit', number: '2023.09.00001' },
    templateId: 'roll-50x30',
    profile: EXAMPLE_PRINTER_PROFILES[2]!,
    language: 'zpl',
    queue: 'Zebra_ZD220',
    totalLabels: 45,
    plan: {
      rawLines: [{ VariantID: 'a', Name: 'Cardigan', Code: '1315L', Quantity: 10, UnitPrice: 150000 }],
      overrides: [[1, { quantity: 3 }]],
      dpi: 203,
      showPrice: false,
    },
    confirmedLabels: 10,
    attempts: 2,
    inFlight: {
      title: '2023.09.00001 11-25/45 (x#2)',
      firstLabel: 10,
      labelCount: 15,
      spoolJobId: 'Zebra_ZD220-17',
      submittedAt: createdAt.toISOString(),
    },
    interruption: null,
    spoolJobs: [
      { spoolJobId: 'Zebra_ZD220-16', firstLabel: 0, labelCount: 10, confirmedAt: createdAt.toISOString() },
    ],
    ...overrides,
  };
}

async function expectAppError(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

describe('newJobId', () => {
  it('starts with the UTC date and time', () => {
    expect(newJobId(new Date('2026-03-02T08:15:09Z'))).toMatch(/^20260302-081509-[0-9a-f]{4}$/);
  });
});

describe('JobJournalStore', () => {
  it('reads back what it saved from a new store instance', async () => {
    const saved = journal();
    await store.save(saved, new Date('2026-03-02T08:16:00Z'));

    const reloaded = await new JobJournalStore(folder).load(saved.id);
    expect(reloaded).toEqual({ ...saved, updatedAt: '2026-03-02T08:16:00.000Z' });
  });

  it('replaces the file by rename and leaves no temporary files', async () => {
    const saved = journal();
    await store.save(saved);
    const before = await stat(store.pathOf(saved.id));

    saved.confirmedLabels = 25;
    saved.inFlight = null;
    await store.save(saved);
    const after = await stat(store.pathOf(saved.id));

    // write-file-atomic writes a temporary file and renames it over the old one: a new inode.
    expect(after.ino).not.toBe(before.ino);
    expect(await readdir(join(folder, 'jobs'))).toEqual([`${saved.id}.json`]);
    expect(JSON.parse(await readFile(store.pathOf(saved.id), 'utf8')).confirmedLabels).toBe(25);
  });

  it('refuses to save an invalid journal', async () => {
    await expect(store.save(journal({ confirmedLabels: -1 }))).rejects.toThrow();
    expect(await readdir(folder)).toEqual([]);
  });

  it('reports a missing or malformed job id as not found', async () => {
    await expectAppError(store.load('20260302-081500-abcd'), 'print_job_not_found');
    await expectAppError(store.load('../settings'), 'print_job_not_found');
  });

  it('moves a corrupt journal aside on load', async () => {
    const saved = journal();
    await store.save(saved);
    await writeFile(store.pathOf(saved.id), '{"version": 1, "id": "trunc');

    const error = await expectAppError(store.load(saved.id), 'print_job_not_found');
    expect(error.detail).toContain('.corrupt-');
    const names = await readdir(join(folder, 'jobs'));
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(new RegExp(`^${saved.id}\\.json\\.corrupt-`));
  });

  it('lists readable journals and moves corrupt ones aside', async () => {
    const first = journal({ id: '20260302-081500-0001' });
    const second = journal({ id: '20260302-081500-0002', status: 'interrupted' });
    await store.save(first);
    await store.save(second);
    await writeFile(join(folder, 'jobs', '20260302-081500-0003.json'), 'not json');
    await writeFile(join(folder, 'jobs', '20260302-081500-0004.json'), JSON.stringify({ version: 2 }));

    const listing = await store.list();
    expect(listing.journals.map((item) => item.id)).toEqual([first.id, second.id]);
    expect(listing.movedAside).toHaveLength(2);
    expect((await store.list()).movedAside).toEqual([]);
  });

  it('deletes finished journals after the retention period', async () => {
    const old = journal({ id: '20260101-000000-0001', status: 'completed' });
    const oldButOpen = journal({ id: '20260101-000000-0002', status: 'interrupted' });
    const recent = journal({ id: '20260101-000000-0003', status: 'cancelled' });
    const savedAt = new Date('2026-01-01T00:00:00Z');
    await store.save(old, savedAt);
    await store.save(oldButOpen, savedAt);
    await store.save(recent, new Date('2026-01-30T00:00:00Z'));

    const later = new Date(savedAt.getTime() + (FINISHED_JOURNAL_RETENTION_DAYS + 1) * 24 * 60 * 60 * 1000);
    const listing = await store.list(later);
    expect(listing.journals.map((item) => item.id)).toEqual([oldButOpen.id, recent.id]);
    expect(await readdir(join(folder, 'jobs'))).not.toContain(`${old.id}.json`);
  });

  it('lets one holder at a time take a job lock', async () => {
    const lock = await store.acquire('20260302-081500-0001');
    await expectAppError(store.acquire('20260302-081500-0001'), 'print_job_busy');
    await lock.release();
    await lock.release();

    const again = await store.acquire('20260302-081500-0001');
    await again.release();
  });

  it('takes over a lock left by a process that has exited', async () => {
    const child = spawn(process.execPath, ['-e', '']);
    const pid = child.pid!;
    await new Promise((resolve) => child.once('exit', resolve));
    await store.acquire('20260302-081500-0001').then((lock) => lock.release());
    await writeFile(join(folder, 'jobs', '20260302-081500-0001.lock'), String(pid));

    const lock = await store.acquire('20260302-081500-0001');
    expect(await readFile(join(folder, 'jobs', '20260302-081500-0001.lock'), 'utf8')).toBe(
      String(process.pid),
    );
    await lock.release();
  });

  it('records and clears a cancel request', async () => {
    const id = '20260302-081500-0001';
    expect(await store.isCancelRequested(id)).toBe(false);
    await store.requestCancel(id);
    expect(await store.isCancelRequested(id)).toBe(true);
    await store.clearCancelRequest(id);
    expect(await store.isCancelRequested(id)).toBe(false);
  });
});
