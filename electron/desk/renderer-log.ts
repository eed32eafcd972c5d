import type { AppLogger } from '../logging/logger.ts';

/** One log line from the renderer, as the contract's `log:write` channel carries it. */
export interface RendererLogEntry {
  level: 'info' | 'warn' | 'error';
  scope: string;
  message: string;
}

/** Lines accepted from the renderer per window; the rest are counted and reported once. */
export const RENDERER_LOG_LINES_PER_WINDOW = 100;
export const RENDERER_LOG_WINDOW_MS = 10_000;

/**
 * Writes renderer log lines to main's log under `[renderer:<scope>]`. A renderer stuck in a loop could
 * fill the disk, so at most {@link RENDERER_LOG_LINES_PER_WINDOW} lines are written per window, and the
 * number dropped is logged when the next window starts.
 */
export class RendererLogForwarder {
  readonly #logger: AppLogger;
  readonly #now: () => Date;
  #windowStart = Number.NEGATIVE_INFINITY;
  #written = 0;
  #dropped = 0;

  constructor(logger: AppLogger, now: () => Date) {
    this.#logger = logger;
    this.#now = now;
  }

  write(entry: RendererLogEntry): void {
    const time = this.#now().getTime();
    if (time - this.#windowStart >= RENDERER_LOG_WINDOW_MS) {
      if (this.#dropped > 0) {
        this.#logger.scope('renderer').warn('Dropped renderer log lines over the rate limit', {
          dropped: this.#dropped,
          windowMs: RENDERER_LOG_WINDOW_MS,
        });
      }
      this.#windowStart = time;
      this.#written = 0;
      this.#dropped = 0;
    }
    if (this.#written >= RENDERER_LOG_LINES_PER_WINDOW) {
      this.#dropped += 1;
      return;
    }
    this.#written += 1;
    this.#logger.scope(`renderer:${entry.scope}`)[entry.level](entry.message);
  }
}
