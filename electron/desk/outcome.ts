import { AppError, isAppError } from '../../shared/errors.ts';
import type { IpcError, Outcome } from '../../shared/ipc-contract.ts';
import type { ScopedLogger } from '../logging/logger.ts';

/** Converts an expected error to its IPC form: the code and params, without the detail or stack. */
export function toIpcError(error: AppError): IpcError {
  return { code: error.code, params: { ...error.params } };
}

/**
 * Runs one request of a channel whose result is an `Outcome`. An `AppError` becomes `{ ok: false }` with
 * its code; any other error is a bug, logged with its stack, and reaches the renderer only as `unexpected`.
 */
export async function runExpected<T>(
  channel: string,
  log: ScopedLogger,
  task: () => Promise<T>,
): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await task() };
  } catch (error) {
    if (isAppError(error)) {
      log.warn(`${channel} failed`, { code: error.code, detail: error.detail ?? '' });
      return { ok: false, error: toIpcError(error) };
    }
    log.error(`${channel} failed inside the app`, { error });
    return { ok: false, error: toIpcError(new AppError('unexpected')) };
  }
}

/**
 * Runs one request of a channel whose result has no failure case. A failure there is a bug: it is logged
 * with its stack and replaced by an error that names only the channel, so no detail crosses IPC.
 */
export async function runInfallible<T>(
  channel: string,
  log: ScopedLogger,
  task: () => Promise<T>,
): Promise<T> {
  try {
    return await task();
  } catch (error) {
    log.error(`${channel} failed inside the app`, { error });
    throw new Error(`${channel} failed inside the app; the main log has the details`);
  }
}
