import type { Dispatcher } from 'undici';

import { AppError } from '../../shared/errors.ts';
import { normalizeDealposAddress } from './address.ts';
import {
  badResponse,
  describeNonJsonBody,
  mapStatusToError,
  mapTransportFailure,
  parseRetryAfterMs,
  Redactor,
  type CallContext,
} from './errors.ts';
import { sendHttpRequest, TransportFailure, type HttpResponse } from './http.ts';
import { documentLinesSchema, tokenResponseSchema, variantIdsSchema } from './schemas.ts';

/** A DealPOS document that lists variants to label. */
export type DocumentKind = 'bill' | 'delivery';

/** Log sink; the client never passes the client secret or a token to it. */
export type DealposLog = (
  level: 'info' | 'warn' | 'error',
  message: string,
  fields?: Record<string, unknown>,
) => void;

/** Options of `DealposClient`. */
export interface DealposClientOptions {
  /** API base URL as `normalizeDealposAddress` returns it, ending in `/api/v3/`. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Limit for one HTTP request (connect, headers and body), in milliseconds. */
  timeoutMs?: number;
  /** Attempts in all for one request when it meets network errors, timeouts, 5xx or 429. */
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Clock in epoch milliseconds, for token expiry and HTTP-date `Retry-After` values. */
  now?: () => number;
  log?: DealposLog;
  /** undici dispatcher to use instead of the global one. */
  dispatcher?: Dispatcher;
}

/** Internal ids of a variant, as `Variant/GetIDByListCode` returns them. */
export interface VariantIds {
  id: string;
  productId: string;
  code: string;
}

/** A `Retry-After` longer than this ends the call at once instead of keeping the user waiting. */
export const MAX_RETRY_AFTER_MS = 60_000;

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_ATTEMPTS = 3;
const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 8_000;
/** A token is renewed this long before its stated expiry (at most), to absorb clock skew and request time. */
const TOKEN_REFRESH_MARGIN_MS = 60_000;

const DOCUMENT_ENDPOINTS: Record<DocumentKind, string> = {
  bill: 'Barcode/ByBillNumber',
  delivery: 'Barcode/ByOutletDeliveryNumber',
};
const TOKEN_ENDPOINT = 'Token/Oauth2';
const VARIANT_IDS_ENDPOINT = 'Variant/GetIDByListCode';

interface CachedToken {
  value: string;
  /** Epoch milliseconds after which the token is renewed; undefined means "use until a 401". */
  renewAt: number | undefined;
}

/**
 * DealPOS API v3 client for the calls the label desk needs.
 *
 * One OAuth2 client-credentials token is shared by all calls until it expires or DealPOS responds with 401, and then
 * it is renewed once. Network errors, timeouts, 5xx and 429 are retried with exponential backoff that honours
 * `Retry-After`. Every failure is an `AppError`, and no error or log line contains the client secret or a token.
 */
export class DealposClient {
  readonly #baseUrl: string;
  readonly #clientId: string;
  readonly #clientSecret: string;
  readonly #timeoutMs: number;
  readonly #maxAttempts: number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #now: () => number;
  readonly #log: DealposLog;
  readonly #dispatcher: Dispatcher | undefined;
  readonly #redactor = new Redactor();

  #token: CachedToken | undefined;
  #pendingToken: Promise<string> | undefined;

  constructor(options: DealposClientOptions) {
    this.#baseUrl = normalizeDealposAddress(options.baseUrl);
    if (options.clientId.trim() === '' || options.clientSecret === '') {
      throw new AppError(
        'credentials_missing',
        {},
        { detail: 'the DealPOS client id or client secret is empty' },
      );
    }
    this.#clientId = options.clientId;
    this.#clientSecret = options.clientSecret;
    this.#redactor.add(options.clientSecret);

    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (!(this.#timeoutMs > 0)) {
      throw new RangeError(`timeoutMs must be positive, got ${this.#timeoutMs}`);
    }
    if (!Number.isInteger(this.#maxAttempts) || this.#maxAttempts < 1) {
      throw new RangeError(`maxAttempts must be a whole number of at least 1, got ${this.#maxAttempts}`);
    }

    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#now = options.now ?? Date.now;
    this.#log = options.log ?? (() => undefined);
    this.#dispatcher = options.dispatcher;
  }

  /**
   * Fetches the variant lines of a purchase bill or an outlet delivery. Only the shape "array of objects" is
   * checked here; the fields of each line are left exactly as JSON.parse gave them (a Code stays a string).
   */
  async fetchDocument(
    kind: DocumentKind,
    outlet: string,
    number: string,
  ): Promise<Record<string, unknown>[]> {
    const context: CallContext = {
      method: 'GET',
      endpoint: DOCUMENT_ENDPOINTS[kind],
      role: 'document',
      outlet,
      number,
    };
    const response = await this.#authorizedCall(context, JSON.stringify({ Outlet: outlet, Number: number }));

    const body = this.#parseJson(response, context);
    if (!documentLinesSchema.safeParse(body).success) {
      throw badResponse(context, 'expected a JSON array of objects', this.#redactor);
    }
    // The parsed value is returned rather than zod's copy, which would drop keys such as "__proto__".
    return body as Record<string, unknown>[];
  }

  /** Looks up the internal variant and product ids of variant codes; codes DealPOS does not know are absent. */
  async getVariantIdsByCodes(codes: string[]): Promise<VariantIds[]> {
    if (codes.length === 0) {
      return [];
    }
    const context: CallContext = { method: 'GET', endpoint: VARIANT_IDS_ENDPOINT, role: 'variants' };
    const response = await this.#authorizedCall(context, JSON.stringify(codes));

    const result = variantIdsSchema.safeParse(this.#parseJson(response, context));
    if (!result.success) {
      throw badResponse(context, 'expected a JSON array of {ID, ProductID, Code} strings', this.#redactor);
    }
    return result.data.map((item) => ({ id: item.ID, productId: item.ProductID, code: item.Code }));
  }

  /** Requests a new token, which proves that the address and the credentials work. */
  async testConnection(): Promise<void> {
    this.#token = undefined;
    await this.#getToken();
  }

  async #authorizedCall(context: CallContext, body: string): Promise<HttpResponse> {
    const token = await this.#getToken();
    const response = await this.#sendWithRetries(context, body, token);
    if (response.status !== 401) {
      return response;
    }

    // The token expired early or was revoked: renew it once, and retry the call once.
    this.#dropToken(token);
    this.#writeLog('info', 'DealPOS rejected the access token; requesting a new one', {
      endpoint: context.endpoint,
    });
    const freshToken = await this.#getToken();
    const retried = await this.#sendWithRetries(context, body, freshToken);
    if (retried.status === 401) {
      this.#dropToken(freshToken);
      throw mapStatusToError(retried, context, this.#redactor);
    }
    return retried;
  }

  /**
   * Sends one request, retrying transient failures. Returns a 2xx response, or a 401 when a token was sent
   * (the caller renews the token); throws an `AppError` for everything else.
   */
  async #sendWithRetries(
    context: CallContext,
    body: string,
    token: string | undefined,
  ): Promise<HttpResponse> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'content-type': 'application/json',
    };
    if (token !== undefined) {
      headers.authorization = `Bearer ${token}`;
    }

    for (let attempt = 1; ; attempt += 1) {
      let response: HttpResponse;
      try {
        response = await sendHttpRequest({
          method: context.method,
          url: new URL(context.endpoint, this.#baseUrl),
          headers,
          body,
          timeoutMs: this.#timeoutMs,
          ...(this.#dispatcher === undefined ? {} : { dispatcher: this.#dispatcher }),
        });
      } catch (error) {
        if (!(error instanceof TransportFailure)) {
          throw error;
        }
        const final = error.kind === 'too_large' || error.permanent || attempt >= this.#maxAttempts;
        if (final) {
          throw mapTransportFailure(error, context, attempt, this.#redactor);
        }
        await this.#waitBeforeRetry(context, attempt, this.#backoffMs(attempt), error.code ?? error.kind);
        continue;
      }

      const { status } = response;
      if ((status >= 200 && status < 300) || (status === 401 && token !== undefined)) {
        return response;
      }
      if (status !== 429 && (status < 500 || status > 599)) {
        throw mapStatusToError(response, context, this.#redactor);
      }

      const retryAfterMs = parseRetryAfterMs(response.retryAfter, this.#now());
      if (retryAfterMs !== undefined && retryAfterMs > MAX_RETRY_AFTER_MS) {
        this.#writeLog('warn', 'Not retrying DealPOS request because Retry-After exceeds 60 s', {
          endpoint: context.endpoint,
          status,
          retryAfterMs,
        });
        throw mapStatusToError(response, context, this.#redactor, retryAfterMs);
      }
      if (attempt >= this.#maxAttempts) {
        throw mapStatusToError(response, context, this.#redactor, retryAfterMs);
      }
      await this.#waitBeforeRetry(
        context,
        attempt,
        retryAfterMs ?? this.#backoffMs(attempt),
        `HTTP ${status}`,
      );
    }
  }

  async #waitBeforeRetry(
    context: CallContext,
    attempt: number,
    delayMs: number,
    reason: string,
  ): Promise<void> {
    this.#writeLog('warn', 'Retrying DealPOS request', {
      endpoint: context.endpoint,
      failedAttempt: attempt,
      maxAttempts: this.#maxAttempts,
      delayMs,
      reason,
    });
    await this.#sleep(delayMs);
  }

  #backoffMs(failedAttempt: number): number {
    // NOTE: no random jitter. A desk sends a handful of requests, so synchronised retries are not a concern.
    return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (failedAttempt - 1));
  }

  async #getToken(): Promise<string> {
    const cached = this.#token;
    if (cached !== undefined && (cached.renewAt === undefined || this.#now() < cached.renewAt)) {
      return cached.value;
    }
    // Calls made while a token request is in flight share it instead of each requesting one.
    if (this.#pendingToken === undefined) {
      this.#pendingToken = this.#requestToken().finally(() => {
        this.#pendingToken = undefined;
      });
    }
    return this.#pendingToken;
  }

  async #requestToken(): Promise<string> {
    const context: CallContext = { method: 'POST', endpoint: TOKEN_ENDPOINT, role: 'token' };
    const requestedAt = this.#now();
    const body = JSON.stringify({ client_id: this.#clientId, client_secret: this.#clientSecret });
    const response = await this.#sendWithRetries(context, body, undefined);

    const result = tokenResponseSchema.safeParse(this.#parseJson(response, context));
    if (!result.success) {
      throw badResponse(context, 'the response has no access_token, Token or token string', this.#redactor);
    }
    const value = result.data.access_token ?? result.data.Token ?? result.data.token ?? '';
    this.#redactor.add(value);

    const expiresAt = readExpiry(result.data.expires_in ?? result.data.Expires, requestedAt);
    const renewAt =
      expiresAt === undefined
        ? undefined
        : expiresAt - Math.min(TOKEN_REFRESH_MARGIN_MS, Math.floor((expiresAt - requestedAt) / 10));
    this.#token = { value, renewAt };
    this.#writeLog('info', 'Received a DealPOS access token', {
      lifetimeSeconds: expiresAt === undefined ? 'unknown' : Math.round((expiresAt - requestedAt) / 1000),
    });
    return value;
  }

  #dropToken(token: string): void {
    if (this.#token?.value === token) {
      this.#token = undefined;
    }
  }

  #parseJson(response: HttpResponse, context: CallContext): unknown {
    try {
      return JSON.parse(response.text);
    } catch {
      throw badResponse(
        context,
        `HTTP ${response.status} response is not valid JSON${describeNonJsonBody(response)}`,
        this.#redactor,
      );
    }
  }

  #writeLog(level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown>): void {
    const safeFields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(fields)) {
      safeFields[key] = typeof value === 'string' ? this.#redactor.apply(value) : value;
    }
    this.#log(level, this.#redactor.apply(message), safeFields);
  }
}

/**
 * Reads a token lifetime: seconds as a number or numeric string, or (for `Expires`) an absolute date.
 * Returns the expiry in epoch milliseconds, or undefined when there is no usable value.
 */
function readExpiry(value: number | string | null | undefined, requestedAt: number): number | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) && value > 0 ? requestedAt + value * 1000 : undefined;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    return undefined;
  }
  const trimmed = value.trim();
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) {
    const seconds = Number.parseFloat(trimmed);
    return seconds > 0 ? requestedAt + seconds * 1000 : undefined;
  }
  const date = Date.parse(trimmed);
  return Number.isNaN(date) || date <= requestedAt ? undefined : date;
}
