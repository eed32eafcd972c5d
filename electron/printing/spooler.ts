/** A print queue as the operating system's spooler lists it. */
export interface PrintQueue {
  /** The name jobs are sent to (CUPS printer name, Windows printer name). */
  name: string;
  state: 'idle' | 'printing' | 'stopped';
  acceptingJobs: boolean;
  /** The spooler's description or driver name, for display only. */
  description: string;
  /** The spooler's last status message for the queue, often empty. */
  message: string;
}

/**
 * A spool job's state in the spooler's own terms. `unknown` means the spooler no longer lists the job
 * (purged from its history, or submitted to another spooler).
 */
export type SpoolJobState =
  'pending' | 'held' | 'processing' | 'stopped' | 'canceled' | 'aborted' | 'completed' | 'unknown';

/** A spool job's state with the spooler's reason text (often English, straight from CUPS or Windows). */
export interface SpoolJobStatus {
  state: SpoolJobState;
  reason: string;
}

export interface SubmitOptions {
  /** The job name the spooler shows; the journal uses it to find a job whose submission was cut off. */
  title: string;
}

export interface WaitOptions {
  signal?: AbortSignal;
  /** Gives up with `print_timeout` when the job is not finished after this long. */
  timeoutMs?: number;
}

/**
 * Delivers raw printer-language bytes to an OS print queue without any driver filter, and reports
 * whether the spooler finished sending them. Expected failures are `AppError`s: `printer_not_found`,
 * `printer_stopped`, `printer_raw_unsupported`, `print_job_failed`, `print_timeout`,
 * `print_spooler_unavailable`.
 */
export interface Spooler {
  /** Queues `bytes` as one raw spool job and returns the spooler's job id. */
  submit(queue: string, bytes: Buffer, options: SubmitOptions): Promise<string>;
  /** Resolves once the spooler reports the job completed; throws a coded error for any other end. */
  waitForCompletion(jobId: string, options?: WaitOptions): Promise<'completed'>;
  listQueues(): Promise<PrintQueue[]>;
  /** The job's current state without waiting, for a journal that lost track of a job. */
  jobStatus(jobId: string): Promise<SpoolJobStatus>;
  /** Cancels a job that has not finished. A job that already ended or is unknown is left as it is. */
  cancel(jobId: string): Promise<void>;
  /** The id of this user's most recent job named `title` on `queue`, or null when there is none. */
  findJob(queue: string, title: string): Promise<string | null>;
}

/** States after which the spooler does nothing more with a job. */
export const FINISHED_SPOOL_STATES: ReadonlySet<SpoolJobState> = new Set([
  'canceled',
  'aborted',
  'completed',
]);

/**
 * How long one spool job may take by default before the runner gives up on it. Thermal printers take a
 * chunk into their buffer in well under a second, so this mostly bounds how long an unplugged or
 * switched-off printer blocks the job before the runner reports it.
 */
export const DEFAULT_SPOOL_TIMEOUT_MS = 60_000;

/** Spool job ids look like lp's request ids, `QUEUE-123`, so a clerk can find them with `lpstat -o`. */
export function formatSpoolJobId(queue: string, jobNumber: number): string {
  return `${queue}-${jobNumber}`;
}

/** Splits `QUEUE-123` at its last hyphen, because queue names may contain hyphens themselves. */
export function parseSpoolJobId(jobId: string): { queue: string; jobNumber: number } {
  const match = /^(.+)-(\d+)$/.exec(jobId);
  if (match === null) {
    throw new Error(`"${jobId}" is not a spool job id of the form QUEUE-NUMBER`);
  }
  return { queue: match[1]!, jobNumber: Number(match[2]) };
}
