import type { IpcError, LabelDeskApi, Outcome } from '../../../../shared/ipc-contract.ts';

/** The error shown when a request to main failed in a way no error code describes (a bug or a lost IPC link). */
export const UNEXPECTED_ERROR: IpcError = { code: 'unexpected', params: {} };

/** Sends a renderer failure to main's log; a failing log call is dropped, because there is nowhere else to send it. */
export function logFailure(
  api: LabelDeskApi,
  scope: string,
  error: unknown,
  level: 'warn' | 'error' = 'error',
): void {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  api.log({ level, scope, message: message.slice(0, 2000) }).catch(() => undefined);
}

/**
 * Runs a request that returns an `Outcome`. A rejected promise means a bug or a broken IPC link, never an
 * expected failure, so it is logged and turned into the `unexpected` error for the screen.
 */
export async function settle<T>(
  api: LabelDeskApi,
  scope: string,
  request: () => Promise<Outcome<T>>,
): Promise<Outcome<T>> {
  try {
    return await request();
  } catch (error) {
    logFailure(api, scope, error);
    return { ok: false, error: UNEXPECTED_ERROR };
  }
}

/** Runs a request that cannot fail in an expected way; a rejection is logged and returns `fallback`. */
export async function settleValue<T>(
  api: LabelDeskApi,
  scope: string,
  request: () => Promise<T>,
  fallback: T,
): Promise<T> {
  try {
    return await request();
  } catch (error) {
    logFailure(api, scope, error);
    return fallback;
  }
}
