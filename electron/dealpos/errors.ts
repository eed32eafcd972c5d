import { AppError, type ErrorParams } from '../../shared/errors.ts';
import type { HttpResponse, TransportFailure } from './http.ts';
import { errorBodySchema } from './schemas.ts';

/** Description of a DealPOS call, so that an HTTP status can be mapped to the error a user can act on. */
export interface CallContext {
  method: 'GET' | 'POST';
  /** Path relative to the API base, e.g. `Barcode/ByBillNumber`. */
  endpoint: string;
  role: 'token' | 'document' | 'variants';
  outlet?: string;
  number?: string;
}

const MAX_MESSAGE_CHARS = 200;
const REDACTED = '[redacted]';

/** OAuth2 error codes (RFC 6749, section 5.2) that mean the client id or secret was not accepted. */
const OAUTH_CREDENTIAL_ERRORS = new Set(['invalid_client', 'unauthorized_client', 'invalid_grant']);

/**
 * Replaces known secrets (the client secret and every token seen) with `[redacted]`, so that text a server
 * echoes back, or an error message that quotes a request, cannot carry them into errors or logs.
 */
export class Redactor {
  readonly #secrets = new Set<string>();

  add(secret: string): void {
    if (secret !== '') {
      this.#secrets.add(secret);
    }
  }

  apply(text: string): string {
    let result = text;
    for (const secret of this.#secrets) {
      result = result.split(secret).join(REDACTED);
    }
    return result;
  }
}

/**
 * Parses a `Retry-After` header (RFC 9110, section 10.2.3): whole seconds, or an HTTP date measured
 * against `nowMs`. Returns milliseconds, or undefined when the header is missing or unreadable.
 */
export function parseRetryAfterMs(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    return Number.parseInt(trimmed, 10) * 1000;
  }
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) {
    return undefined;
  }
  return Math.max(0, date - nowMs);
}

/** Extracts the DealPOS `Message` (or an OAuth2 error) from an error body; undefined for HTML or empty bodies. */
export function readErrorMessage(response: HttpResponse): { message?: string; oauthError?: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.text);
  } catch {
    return {};
  }
  const result = errorBodySchema.safeParse(parsed);
  if (!result.success) {
    return {};
  }
  const body = result.data;
  const message = body.Message ?? body.message ?? body.error_description ?? body.error;
  return {
    ...(message === undefined ? {} : { message: message.slice(0, MAX_MESSAGE_CHARS) }),
    ...(body.error === undefined ? {} : { oauthError: body.error }),
  };
}

/**
 * Maps a final non-2xx response to the `AppError` a user can act on. `detail` names the call, the status and
 * the DealPOS message, with secrets removed.
 */
export function mapStatusToError(
  response: HttpResponse,
  context: CallContext,
  redactor: Redactor,
  retryAfterMs?: number,
): AppError {
  const { message, oauthError } = readErrorMessage(response);
  const detail = redactor.apply(
    `${context.method} ${context.endpoint} returned HTTP ${response.status}` +
      (message === undefined ? describeNonJsonBody(response) : `: ${message}`),
  );
  const status = response.status;

  if (status === 401) {
    return new AppError('auth_failed', {}, { detail });
  }
  if (status === 403) {
    const role = message === undefined ? undefined : parseRole(message);
    return new AppError('forbidden', role === undefined ? {} : { role: redactor.apply(role) }, { detail });
  }
  if (status === 400 && context.role === 'token' && oauthError !== undefined) {
    if (OAUTH_CREDENTIAL_ERRORS.has(oauthError)) {
      return new AppError('auth_failed', {}, { detail });
    }
  }
  if (status === 400 && context.role === 'document' && message !== undefined) {
    const outlet = /^Outlet\s+(.+?)\s+not found/i.exec(message)?.[1];
    if (outlet !== undefined) {
      // The outlet we sent is exact; the name inside the message is only a fallback.
      return new AppError(
        'outlet_not_found',
        { outlet: context.outlet ?? redactor.apply(outlet) },
        { detail },
      );
    }
  }
  if (status === 404 && context.role === 'document') {
    return new AppError('document_not_found', { number: context.number ?? '' }, { detail });
  }
  if (status === 429) {
    return new AppError('rate_limited', retryAfterParams(retryAfterMs), { detail });
  }
  if (status >= 500 && status <= 599) {
    return new AppError('server_error', { status, ...retryAfterParams(retryAfterMs) }, { detail });
  }
  return new AppError('bad_response', { status }, { detail });
}

/** Maps a transport failure that is not retried any more to `network`, `timeout` or `bad_response`. */
export function mapTransportFailure(
  failure: TransportFailure,
  context: CallContext,
  attempts: number,
  redactor: Redactor,
): AppError {
  const call = `${context.method} ${context.endpoint}`;
  // OpenSSL messages end in a line break.
  const message = failure.message.trim();
  const code = failure.code === undefined || message.includes(failure.code) ? '' : ` (${failure.code})`;
  const cause = new Error(redactor.apply(`${message}${code}`));
  const after = attempts === 1 ? '' : ` after ${attempts} attempts`;

  if (failure.kind === 'timeout') {
    return new AppError(
      'timeout',
      {},
      { detail: redactor.apply(`${call} timed out${after}: ${message}`), cause },
    );
  }
  if (failure.kind === 'too_large') {
    return new AppError('bad_response', {}, { detail: redactor.apply(`${call}: ${message}`), cause });
  }
  return new AppError(
    'network',
    {},
    { detail: redactor.apply(`${call} failed${after}: ${message}${code}`), cause },
  );
}

/** Builds a `bad_response` error for a 2xx response whose body is not what the endpoint documents. */
export function badResponse(context: CallContext, problem: string, redactor: Redactor): AppError {
  return new AppError(
    'bad_response',
    {},
    { detail: redactor.apply(`${context.method} ${context.endpoint}: ${problem}`) },
  );
}

/** Describes a non-JSON body by its content type for `detail`, so that an HTML proxy page is recognisable. */
export function describeNonJsonBody(response: HttpResponse): string {
  if (response.text.trim() === '') {
    return ' with an empty body';
  }
  const type = response.contentType.split(';')[0]?.trim();
  return type === undefined || type === '' ? ' with a non-JSON body' : ` with a ${type} body`;
}

function parseRole(message: string): string | undefined {
  // DealPOS names the missing role after a colon: "You don't have permission: Inventory - VIEW".
  const role = /permission\s*:\s*(.+?)\s*\.?\s*$/i.exec(message)?.[1];
  return role === undefined || role === '' ? undefined : role;
}

function retryAfterParams(retryAfterMs: number | undefined): ErrorParams {
  return retryAfterMs === undefined ? {} : { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) };
}
