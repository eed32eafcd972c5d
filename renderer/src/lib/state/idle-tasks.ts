/** A job that works in steps: each `next()` call does a small part, until the iterator is done. */
export type SteppedJob = () => Iterator<unknown, unknown>;

/** Time left in an idle period below which no further step starts, in ms. */
const MIN_STEP_TIME_MS = 2;

/**
 * Time one idle callback spends on steps at most, in ms. An idle period lasts up to 50 ms, and a key
 * pressed meanwhile waits until the callback returns, so the callback returns well before that.
 */
const MAX_SLICE_MS = 3;

/**
 * Runs the jobs one after the other in the page's idle periods, as many steps as fit in a short slice of
 * each period. This keeps work that nothing awaits yet from delaying input and frames by more than a few
 * milliseconds.
 * Returns a function that cancels what has not run. Where the browser has no `requestIdleCallback`
 * (jsdom in tests), one step runs from each zero-delay timer.
 */
export function runWhenIdle(jobs: readonly SteppedJob[]): () => void {
  let cancelled = false;
  let handle: { idle: number } | { timer: ReturnType<typeof setTimeout> } | null = null;
  let index = 0;
  let current: Iterator<unknown, unknown> | null = null;

  /** Runs one step and returns false once every job is done. */
  const step = (): boolean => {
    while (!cancelled) {
      if (current === null) {
        const job = jobs[index];
        index += 1;
        if (job === undefined) {
          return false;
        }
        current = job();
      }
      if (current.next().done !== true) {
        return true;
      }
      current = null;
    }
    return false;
  };

  const schedule = (): void => {
    handle =
      typeof requestIdleCallback === 'function'
        ? {
            idle: requestIdleCallback((deadline) => {
              const started = performance.now();
              let more = step();
              while (
                more &&
                deadline.timeRemaining() > MIN_STEP_TIME_MS &&
                performance.now() - started < MAX_SLICE_MS
              ) {
                more = step();
              }
              if (more) {
                schedule();
              }
            }),
          }
        : {
            timer: setTimeout(() => {
              if (step()) {
                schedule();
              }
            }, 0),
          };
  };

  schedule();
  return () => {
    cancelled = true;
    if (handle !== null && 'idle' in handle) {
      cancelIdleCallback(handle.idle);
    } else if (handle !== null) {
      clearTimeout(handle.timer);
    }
  };
}
