import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { AppError, ERROR_CODES } from '../../shared/errors.ts';
import { lineOverrideSchema } from '../../shared/labels/lines.ts';
import { SUPPORTED_DPI } from '../../shared/labels/types.ts';
import { printerProfileSchema } from '../../shared/printing/profile.ts';

/*
 * One JSON file per print job in `<userData>/jobs/`, rewritten atomically (temporary file, fsync,
 * rename) after every step, so a crash or power cut leaves either the old or the new state.
 *
 * The journal stores what rebuilds the bytes, not the bytes: the DealPOS lines as fetched, the clerk's
 * overrides, the template, dpi, price flag and a copy of the printer profile. That is a few kilobytes
 * where bitmap text makes printer bytes grow to megabytes, needs no DealPOS connection to resume, and
 * keeps a job printing with the profile it started with even if the profile is edited meanwhile.
 * Rebuilding assumes the same app version lays labels out the same way; the runner checks that the
 * label count still matches before it sends anything.
 */

export const JOB_STATUSES = ['active', 'interrupted', 'completed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Job ids are `YYYYMMDD-HHMMSS-xxxx`: sortable by time, short enough to type after `resume`. */
export const JOB_ID_PATTERN = /^\d{8}-\d{6}-[0-9a-f]{4}$/;

/** Completed and cancelled journals older than this are deleted when the folder is listed. */
export const FINISHED_JOURNAL_RETENTION_DAYS = 30;

const paramsSchema = z.record(z.string(), z.union([z.string(), z.number()]));

/** A spool job that was submitted (or was about to be) and is not yet known to have printed. */
const inFlightSchema = z.object({
  /** The spool job's title, unique per attempt, to find the job when the submit response was lost. */
  title: z.string(),
  /** 0-based index of the chunk's first label in the job. */
  firstLabel: z.number().int().nonnegative(),
  labelCount: z.number().int().positive(),
  /** Null between saving this entry and the spooler returning the id. */
  spoolJobId: z.string().nullable(),
  submittedAt: z.string(),
});

export const jobJournalSchema = z.object({
  version: z.literal(1),
  id: z.string().regex(JOB_ID_PATTERN),
  createdAt: z.string(),
  updatedAt: z.string(),
  status: z.enum(JOB_STATUSES),
  document: z.object({
    kind: z.enum(['bill', 'delivery']),
    outlet: z.string(),
    number: z.string(),
  }),
  templateId: z.string(),
  /** True when the clerk requested these labels again. Journals written before this field read as false. */
  reprint: z.boolean().default(false),
  profile: printerProfileSchema,
  language: z.enum(['zpl', 'tspl']),
  queue: z.string().min(1),
  totalLabels: z.number().int().nonnegative(),
  /** Everything needed to lay the labels out again. */
  plan: z.object({
    rawLines: z.array(z.record(z.string(), z.unknown())),
    overrides: z.array(z.tuple([z.number().int(), lineOverrideSchema])),
    dpi: z.union(
      SUPPORTED_DPI.map((dpi) => z.literal(dpi)) as [z.ZodLiteral<203>, z.ZodLiteral<300>, z.ZodLiteral<600>],
    ),
    showPrice: z.boolean(),
  }),
  /** Labels the spooler confirmed, always a prefix of the job: labels 1 to `confirmedLabels`. */
  confirmedLabels: z.number().int().nonnegative(),
  /** Spool job submissions so far, counting retries; numbers the titles. */
  attempts: z.number().int().nonnegative(),
  inFlight: inFlightSchema.nullable(),
  /** Why the job stopped last time: an error code with its message parameters. */
  interruption: z
    .object({
      code: z.enum(ERROR_CODES),
      params: paramsSchema,
      at: z.string(),
      /** 1-based number of the first label not printed. */
      label: z.number().int().positive(),
    })
    .nullable(),
  /** Spool jobs that printed, in order, for support and audits. */
  spoolJobs: z.array(
    z.object({
      spoolJobId: z.string(),
      firstLabel: z.number().int().nonnegative(),
      labelCount: z.number().int().positive(),
      confirmedAt: z.string(),
    }),
  ),
});

/** The on-disk record of one print job. */
export type JobJournal = z.infer<typeof jobJournalSchema>;
export type InFlightChunk = z.infer<typeof inFlightSchema>;

/** Makes a new job id from the clock and 16 random bits. */
export function newJobId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

/** Releases a journal lock; calling it twice is harmless. */
export interface JournalLock {
  release(): Promise<void>;
}

export interface JournalListing {
  journals: JobJournal[];
  /** New paths of the unreadable journal files moved aside during this listing. */
  movedAside: string[];
}

/**
 * Reads and writes the journals of `<userData>/jobs/`. A per-job lock file keeps two processes (the
 * desktop app and the command line) from sending the same job at once.
 */
export class JobJournalStore {
  readonly folder: string;

  constructor(userDataFolder: string) {
    this.folder = join(userDataFolder, 'jobs');
  }

  pathOf(id: string): string {
    return join(this.folder, `${id}.json`);
  }

  /** Writes the journal atomically and sets `updatedAt`. */
  async save(journal: JobJournal, now: Date = new Date()): Promise<void> {
    journal.updatedAt = now.toISOString();
    const valid = jobJournalSchema.parse(journal);
    await mkdir(this.folder, { recursive: true });
    await writeFileAtomic(this.pathOf(journal.id), `${JSON.stringify(valid, null, 2)}\n`, {
      encoding: 'utf8',
      mode: 0o600,
    });
  }

  /**
   * Loads one journal, or throws `print_job_not_found` when the file is missing. An unreadable file is
   * moved aside so it can be inspected, and is reported as `print_job_not_found` with its new path in
   * `detail`.
   */
  async load(id: string): Promise<JobJournal> {
    if (!JOB_ID_PATTERN.test(id)) {
      throw new AppError('print_job_not_found', { id });
    }
    const result = await this.#read(this.pathOf(id));
    if (result.kind === 'missing') {
      throw new AppError('print_job_not_found', { id });
    }
    if (result.kind === 'moved') {
      throw new AppError(
        'print_job_not_found',
        { id },
        { detail: `unreadable journal moved to ${result.path}` },
      );
    }
    return result.journal;
  }

  /**
   * Lists all journals, oldest first. Unreadable files are moved aside and named in `movedAside`;
   * finished journals past the retention period are deleted.
   */
  async list(now: Date = new Date()): Promise<JournalListing> {
    let names: string[];
    try {
      names = await readdir(this.folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return { journals: [], movedAside: [] };
      }
      throw error;
    }
    const listing: JournalListing = { journals: [], movedAside: [] };
    const retentionMs = FINISHED_JOURNAL_RETENTION_DAYS * 24 * 60 * 60 * 1000;
    for (const name of names.filter((item) => item.endsWith('.json')).sort()) {
      const path = join(this.folder, name);
      const result = await this.#read(path);
      if (result.kind === 'moved') {
        listing.movedAside.push(result.path);
      } else if (result.kind === 'ok') {
        const finished = result.journal.status === 'completed' || result.journal.status === 'cancelled';
        if (finished && now.getTime() - Date.parse(result.journal.updatedAt) > retentionMs) {
          await unlink(path).catch(() => undefined);
          continue;
        }
        listing.journals.push(result.journal);
      }
    }
    return listing;
  }

  /**
   * Takes the job's lock, or throws `print_job_busy` while another live process holds it. A lock left
   * by a process that no longer runs is taken over.
   * NOTE: liveness is judged by process id alone, so after a reboot an unrelated process that happens
   * to get the same id makes the job look busy until the lock file is deleted.
   */
  async acquire(id: string): Promise<JournalLock> {
    await mkdir(this.folder, { recursive: true });
    const path = join(this.folder, `${id}.lock`);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const handle = await open(path, 'wx', 0o600);
        await handle.writeFile(String(process.pid));
        await handle.close();
        let released = false;
        return {
          release: async () => {
            if (!released) {
              released = true;
              await unlink(path).catch(() => undefined);
            }
          },
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw error;
        }
      }
      const holder = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(holder) && holder > 0 && isProcessAlive(holder)) {
        throw new AppError('print_job_busy', { id });
      }
      await unlink(path).catch(() => undefined);
    }
    throw new AppError('print_job_busy', { id });
  }

  /** Leaves a request for the process that holds the lock to cancel the job before its next chunk. */
  async requestCancel(id: string): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    await writeFileAtomic(join(this.folder, `${id}.cancel`), `${new Date().toISOString()}\n`);
  }

  async isCancelRequested(id: string): Promise<boolean> {
    return stat(join(this.folder, `${id}.cancel`)).then(
      () => true,
      () => false,
    );
  }

  async clearCancelRequest(id: string): Promise<void> {
    await unlink(join(this.folder, `${id}.cancel`)).catch(() => undefined);
  }

  async #read(
    path: string,
  ): Promise<{ kind: 'ok'; journal: JobJournal } | { kind: 'missing' } | { kind: 'moved'; path: string }> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return { kind: 'missing' };
      }
      throw error;
    }
    let parsed: JobJournal | undefined;
    try {
      const result = jobJournalSchema.safeParse(JSON.parse(text));
      parsed = result.success ? result.data : undefined;
    } catch {
      parsed = undefined;
    }
    if (parsed !== undefined) {
      return { kind: 'ok', journal: parsed };
    }
    // The new name no longer ends in .json, so listings skip it from now on.
    const asidePath = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await rename(path, asidePath);
    return { kind: 'moved', path: asidePath };
  }
}

function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) {
    return true;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
