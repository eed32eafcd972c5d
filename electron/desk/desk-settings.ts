import { SettingsStore, type Settings } from '../settings/settings.ts';
import type { ScopedLogger } from '../logging/logger.ts';
import { SerialQueue } from './serial-queue.ts';

/** How many outlets the desk remembers for its outlet field. */
export const MAX_RECENT_OUTLETS = 10;

/**
 * The settings file as the desk uses it. Every change runs through one queue, so a fetch that records a
 * recent outlet cannot overwrite a settings change made at the same moment. The file is read on every
 * call, so a `login` from the command line shows up without a restart.
 */
export class DeskSettings {
  readonly store: SettingsStore;
  readonly #queue = new SerialQueue();
  readonly #log: ScopedLogger;
  #movedAsidePath: string | null = null;

  constructor(folder: string, log: ScopedLogger) {
    this.store = new SettingsStore(folder);
    this.#log = log;
  }

  /** Path a corrupt settings file was moved to during this run, or null. The first such move is kept. */
  get movedAsidePath(): string | null {
    return this.#movedAsidePath;
  }

  async load(): Promise<Settings> {
    const loaded = await this.store.load();
    if (loaded.movedAsidePath !== null) {
      this.#log.warn('The settings file was corrupt; it was moved aside and the defaults are used', {
        movedAsidePath: loaded.movedAsidePath,
      });
      this.#movedAsidePath ??= loaded.movedAsidePath;
    }
    return loaded.settings;
  }

  /** Applies `change` to the current settings and saves the result, after every earlier change. */
  update(change: (settings: Settings) => Settings): Promise<Settings> {
    return this.#queue.run(async () => {
      const next = change(await this.load());
      await this.store.save(next);
      return next;
    });
  }

  /** Runs `task` in the settings queue, for work that saves settings through another class. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    return this.#queue.run(task);
  }

  /** Moves `outlet` to the front of the recent outlets. */
  async addRecentOutlet(outlet: string): Promise<void> {
    await this.update((settings) => ({
      ...settings,
      recentOutlets: [outlet, ...settings.recentOutlets.filter((item) => item !== outlet)].slice(
        0,
        MAX_RECENT_OUTLETS,
      ),
    }));
  }
}
