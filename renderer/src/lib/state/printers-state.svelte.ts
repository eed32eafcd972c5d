import type {
  IpcError,
  LabelDeskApi,
  PrinterJobView,
  PrintQueueView,
} from '../../../../shared/ipc-contract.ts';
import type { PrinterProfile } from '../../../../shared/printing/profile.ts';
import { settle } from '../api/call.ts';

/** Destination of the next print: the PDF save dialog, or a saved printer profile by id. */
export type OutputTarget = { kind: 'pdf' } | { kind: 'printer'; profileId: string };

/** State of a profile's queue as the operating system lists it right now. */
export type QueueStatus = 'ready' | 'printing' | 'stopped' | 'not_accepting' | 'missing' | 'unknown';

/** The printer dialogs the desk opens on top of the desk, one at a time. */
export type PrintersDialog = 'profiles' | 'printed';

/** Refresh interval of the queues while a printer is the output target and the window is visible. */
export const QUEUE_REFRESH_MS = 15_000;

/** The timer and page visibility that `PrintersState.watchQueues` uses. Tests pass a fake. */
export interface QueueWatchHost {
  /** Calls `tick` every `intervalMs` milliseconds and returns a function that stops it. */
  every(intervalMs: number, tick: () => void): () => void;
  /** Whether the window is on screen (`document.visibilityState` is `visible`). */
  isVisible(): boolean;
  /** Calls `listener` whenever the window comes back on screen and returns a function that stops it. */
  onVisible(listener: () => void): () => void;
}

/** Builds the watch host of this window from `setInterval` and the document's visibility events. */
export function documentQueueWatchHost(doc: Document = globalThis.document): QueueWatchHost {
  return {
    every(intervalMs, tick) {
      const handle = setInterval(tick, intervalMs);
      return () => clearInterval(handle);
    },
    isVisible: () => doc.visibilityState === 'visible',
    onVisible(listener) {
      const onChange = (): void => {
        if (doc.visibilityState === 'visible') {
          listener();
        }
      };
      doc.addEventListener('visibilitychange', onChange);
      return () => doc.removeEventListener('visibilitychange', onChange);
    },
  };
}

/** Key of the last chosen output target in the renderer's `localStorage`. */
export const OUTPUT_TARGET_KEY = 'label-desk.output-target';

// NOTE: the output target lives in this window's localStorage, as the scanner settings do, because main's
// settings have no field for it. It is lost when the app's browser storage is cleared.

/** Reads the stored output target. A missing or unreadable value means PDF. */
export function loadOutputTarget(storage: Storage | undefined = globalThis.localStorage): OutputTarget {
  const text = storage?.getItem(OUTPUT_TARGET_KEY) ?? null;
  if (text === null || text === 'pdf') {
    return { kind: 'pdf' };
  }
  return text.startsWith('printer:') && text.length > 'printer:'.length
    ? { kind: 'printer', profileId: text.slice('printer:'.length) }
    : { kind: 'pdf' };
}

/** Stores the output target. A storage failure keeps the choice for this session only. */
export function saveOutputTarget(
  target: OutputTarget,
  storage: Storage | undefined = globalThis.localStorage,
): void {
  try {
    storage?.setItem(OUTPUT_TARGET_KEY, target.kind === 'pdf' ? 'pdf' : `printer:${target.profileId}`);
  } catch {
    // The choice still applies until the window closes.
  }
}

/**
 * Printer profiles, the operating system's queues, the chosen output target and the printer jobs that did
 * not finish. Printing itself (progress, resume) runs in PrintState, which owns the one running job.
 */
export class PrintersState {
  profiles = $state.raw<PrinterProfile[]>([]);
  examples = $state.raw<PrinterProfile[]>([]);
  queues = $state.raw<PrintQueueView[]>([]);
  /** Reason the queues could not be listed. The profiles are listed even then. */
  queuesError = $state.raw<IpcError | null>(null);
  /** Reason the profiles could not be listed at all. */
  loadError = $state.raw<IpcError | null>(null);
  loaded = $state(false);
  /** Interrupted jobs, and jobs another window is printing, newest first. */
  jobs = $state.raw<PrinterJobView[]>([]);
  /** The last failure of Resume or Cancel, per job id. */
  jobErrors = $state.raw<Readonly<Record<string, IpcError>>>({});
  /** Set while the clerk must say whether the unconfirmed labels of this job printed. */
  uncertain = $state.raw<{ jobId: string; error: IpcError } | null>(null);
  dialog = $state<PrintersDialog | null>(null);
  /** The profile the editor opens with, or null for the list. */
  editProfileId = $state<string | null>(null);
  /** The stored choice. `target` falls back to PDF while the profile is not (or no longer) listed. */
  chosenTarget = $state.raw<OutputTarget>({ kind: 'pdf' });

  readonly #api: LabelDeskApi;
  readonly #storage: Storage | undefined;
  /** The `listPrinters` request in flight, or null. */
  #loading: Promise<void> | null = null;
  /** The one reload that runs after the request in flight, for requests made while it ran. */
  #reloadAfter: Promise<void> | null = null;

  /** The output target in use: the chosen profile while it exists, otherwise PDF. */
  target: OutputTarget = $derived.by(() => {
    const chosen = this.chosenTarget;
    if (chosen.kind === 'printer' && this.profiles.some((profile) => profile.id === chosen.profileId)) {
      return chosen;
    }
    return { kind: 'pdf' };
  });

  /** The profile of the printer target, or null for PDF. */
  targetProfile: PrinterProfile | null = $derived.by(() => {
    const target = this.target;
    return target.kind === 'printer' ? (this.find(target.profileId) ?? null) : null;
  });

  constructor(api: LabelDeskApi, storage: Storage | undefined = globalThis.localStorage) {
    this.#api = api;
    this.#storage = storage;
    this.chosenTarget = loadOutputTarget(storage);
  }

  find(id: string): PrinterProfile | undefined {
    return this.profiles.find((profile) => profile.id === id);
  }

  /**
   * Reads the profiles, examples and queues. Requests never overlap: a call made while one runs waits for
   * it and then reads once more, so the result is never older than the call, and many such calls share
   * that one extra read.
   */
  load(): Promise<void> {
    if (this.#loading === null) {
      this.#loading = this.#read().finally(() => {
        this.#loading = null;
      });
      return this.#loading;
    }
    this.#reloadAfter ??= this.#loading.then(() => {
      this.#reloadAfter = null;
      return this.load();
    });
    return this.#reloadAfter;
  }

  /**
   * Reads the queues every `QUEUE_REFRESH_MS` and when the window comes back on screen, while a printer is
   * the output target and the window is visible. A tick is skipped while a read is in flight. Returns the
   * function that stops watching.
   */
  watchQueues(host: QueueWatchHost): () => void {
    const refresh = (): void => {
      if (this.target.kind === 'printer' && host.isVisible() && this.#loading === null) {
        void this.load();
      }
    };
    const stopTimer = host.every(QUEUE_REFRESH_MS, refresh);
    const stopVisible = host.onVisible(refresh);
    return () => {
      stopTimer();
      stopVisible();
    };
  }

  async #read(): Promise<void> {
    const result = await settle(this.#api, 'printers', () => this.#api.listPrinters());
    this.loaded = true;
    if (!result.ok) {
      this.loadError = result.error;
      return;
    }
    this.loadError = null;
    this.profiles = result.value.profiles;
    this.examples = result.value.examples;
    this.queues = result.value.queues;
    this.queuesError = result.value.queuesError;
  }

  /** Reads the printer jobs that did not finish, for the interrupted-jobs banner. */
  async loadJobs(): Promise<void> {
    const result = await settle(this.#api, 'printers', () => this.#api.listPrinterJobs());
    if (result.ok) {
      this.#setJobs(result.value);
    }
  }

  /** Replaces the job list. When the banner of unfinished jobs appears, the queues are read again. */
  #setJobs(jobs: PrinterJobView[]): void {
    const appeared = this.jobs.length === 0 && jobs.length > 0;
    this.jobs = jobs;
    if (appeared) {
      void this.load();
    }
  }

  /** Chooses and stores where the next print goes. Choosing a printer reads the queues again. */
  choose(target: OutputTarget): void {
    this.chosenTarget = target;
    saveOutputTarget(target, this.#storage);
    if (target.kind === 'printer') {
      void this.load();
    }
  }

  /** Looks up the state of the queue of `profile` in the operating system's list. */
  queueStatus(profile: PrinterProfile): QueueStatus {
    if (this.queuesError !== null || !this.loaded) {
      return 'unknown';
    }
    const queue = this.queues.find((candidate) => candidate.name === profile.queue);
    if (queue === undefined) {
      return 'missing';
    }
    if (queue.state === 'stopped') {
      return 'stopped';
    }
    if (!queue.acceptingJobs) {
      return 'not_accepting';
    }
    return queue.state === 'printing' ? 'printing' : 'ready';
  }

  /** Saves a new or changed profile and returns the error main reported, or null. */
  async saveProfile(profile: PrinterProfile): Promise<IpcError | null> {
    const result = await settle(this.#api, 'printers', () => this.#api.savePrinterProfile(profile));
    if (!result.ok) {
      return result.error;
    }
    this.profiles = result.value;
    return null;
  }

  /** Deletes a profile and returns the error main reported, or null. The target then falls back to PDF. */
  async deleteProfile(id: string): Promise<IpcError | null> {
    const result = await settle(this.#api, 'printers', () => this.#api.deletePrinterProfile(id));
    if (!result.ok) {
      return result.error;
    }
    this.profiles = result.value;
    if (this.chosenTarget.kind === 'printer' && this.chosenTarget.profileId === id) {
      this.choose({ kind: 'pdf' });
    }
    return null;
  }

  /** Prints one calibration label with the saved profile and returns the error main reported, or null. */
  async printCalibration(id: string): Promise<IpcError | null> {
    const result = await settle(this.#api, 'printers', () => this.#api.printCalibrationLabel(id));
    return result.ok ? null : result.error;
  }

  /** Replaces or adds a job after a report from main. Finished jobs leave the banner. */
  updateJob(job: PrinterJobView): void {
    const others = this.jobs.filter((candidate) => candidate.id !== job.id);
    this.#setJobs(job.status === 'interrupted' || job.status === 'active' ? [job, ...others] : others);
    this.setJobError(job.id, null);
  }

  setJobError(jobId: string, error: IpcError | null): void {
    const errors = { ...this.jobErrors };
    if (error === null) {
      delete errors[jobId];
    } else {
      errors[jobId] = error;
    }
    this.jobErrors = errors;
  }

  /** Cancels an unfinished job so it is never resumed. */
  async cancelJob(id: string): Promise<void> {
    const result = await settle(this.#api, 'printers', () => this.#api.cancelPrinterJob(id));
    if (this.uncertain?.jobId === id) {
      this.uncertain = null;
    }
    if (!result.ok) {
      this.setJobError(id, result.error);
      return;
    }
    this.updateJob(result.value);
  }

  /** Opens a printer dialog. `profileId` opens the editor on that profile. */
  openDialog(dialog: PrintersDialog, profileId: string | null = null): void {
    this.editProfileId = profileId;
    this.dialog = dialog;
  }

  closeDialog(): void {
    this.dialog = null;
  }
}
