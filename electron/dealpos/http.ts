import { request, type Dispatcher } from 'undici';

/** Responses larger than this are rejected; a bill with thousands of lines is well under 1 MiB. */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** One HTTP exchange as the client needs it: status, the headers it reads, and the body as text. */
export interface HttpResponse {
  status: number;
  contentType: string;
  retryAfter: string | undefined;
  text: string;
}

/** Kind of failure of a request that got no complete response. */
export type TransportFailureKind = 'network' | 'timeout' | 'too_large';

/** A request that got no usable HTTP response; `code` is the Node or undici error code when there is one. */
export class TransportFailure extends Error {
  readonly kind: TransportFailureKind;
  readonly code: string | undefined;
  /** True for failures that the same request will meet again, such as an untrusted TLS certificate. */
  readonly permanent: boolean;

  constructor(kind: TransportFailureKind, message: string, code?: string, permanent = false) {
    super(message);
    this.name = 'TransportFailure';
    this.kind = kind;
    this.code = code;
    this.permanent = permanent;
  }
}

/** One request to send; `body` is sent as UTF-8 bytes with an exact Content-Length. */
export interface HttpRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers: Record<string, string>;
  body: string | undefined;
  timeoutMs: number;
  dispatcher?: Dispatcher;
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/** undici codes that mean our own call was wrong, not that the network failed: these are bugs. */
const ARGUMENT_ERROR_CODES = new Set([
  'UND_ERR_INVALID_ARG',
  'UND_ERR_NOT_SUPPORTED',
  'UND_ERR_INVALID_RETURN_VALUE',
]);

/** Node codes for TLS failures (untrusted certificates, protocol mismatches) that a retry meets again. */
const PERMANENT_TLS_CODE = /CERT|UNABLE_TO_|SELF_SIGNED|ERR_TLS_|ERR_SSL_/;

class RequestTimeout extends Error {
  constructor(timeoutMs: number) {
    super(`no complete response within ${timeoutMs} ms`);
    this.name = 'RequestTimeout';
  }
}

/**
 * Sends one HTTP request with undici and reads the whole body.
 *
 * undici's `request` is used instead of `fetch` because DealPOS expects GET requests with a JSON body,
 * which `fetch` rejects. The timeout covers connecting, the headers and the body. Throws `TransportFailure`
 * for network errors, timeouts and oversized bodies; any other error is a bug and propagates unchanged.
 */
export async function sendHttpRequest(options: HttpRequest): Promise<HttpResponse> {
  const controller = new AbortController();
  const timeout = new RequestTimeout(options.timeoutMs);
  const timer = setTimeout(() => controller.abort(timeout), options.timeoutMs);

  const headers: Record<string, string> = { ...options.headers };
  let body: Buffer | undefined;
  if (options.body !== undefined) {
    body = Buffer.from(options.body, 'utf8');
    headers['content-length'] = String(body.byteLength);
  }

  try {
    const response = await request(options.url, {
      method: options.method,
      headers,
      body,
      signal: controller.signal,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
    });

    const chunks: Buffer[] = [];
    let received = 0;
    for await (const chunk of response.body) {
      const buffer = chunk as Buffer;
      received += buffer.byteLength;
      if (received > MAX_RESPONSE_BYTES) {
        response.body.destroy();
        throw new TransportFailure('too_large', `response body exceeds ${MAX_RESPONSE_BYTES} bytes`);
      }
      chunks.push(buffer);
    }

    return {
      status: response.statusCode,
      contentType: headerValue(response.headers['content-type']) ?? '',
      retryAfter: headerValue(response.headers['retry-after']),
      text: Buffer.concat(chunks).toString('utf8'),
    };
  } catch (error) {
    throw classifyTransportError(error, timeout);
  } finally {
    clearTimeout(timer);
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function classifyTransportError(error: unknown, timeout: RequestTimeout): unknown {
  if (error instanceof TransportFailure) {
    return error;
  }
  if (error === timeout) {
    return new TransportFailure('timeout', timeout.message);
  }
  if (!(error instanceof Error)) {
    return error;
  }

  const code = errorCode(error);
  if (code !== undefined && TIMEOUT_CODES.has(code)) {
    return new TransportFailure('timeout', error.message, code);
  }
  if (code === undefined || ARGUMENT_ERROR_CODES.has(code) || code.startsWith('ERR_INVALID_')) {
    return error;
  }
  return new TransportFailure('network', error.message, code, PERMANENT_TLS_CODE.test(code));
}

function errorCode(error: Error): string | undefined {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    return code;
  }
  // Connection failures to a host with several addresses arrive as an AggregateError without a code.
  if (error instanceof AggregateError) {
    for (const inner of error.errors as unknown[]) {
      const innerCode = inner instanceof Error ? (inner as { code?: unknown }).code : undefined;
      if (typeof innerCode === 'string') {
        return innerCode;
      }
    }
  }
  return undefined;
}
