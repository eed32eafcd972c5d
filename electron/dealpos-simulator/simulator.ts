import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { SimulatorFaults, type SimulatorEndpoint, type SimulatorFault } from './faults.ts';
import {
  BAD_GATEWAY_HTML,
  QUOTA_MESSAGE,
  QUOTA_RETRY_AFTER,
  SEED_DOCUMENTS,
  SEED_VARIANT_IDS,
  type SeedVariantId,
  type SimulatorDocumentKind,
} from './seed-data.ts';

/**
 * Field names of the token response. The DealPOS reference does not document them, so the simulator offers
 * each shape the client accepts.
 */
export type SimulatorTokenStyle = 'Token' | 'access_token' | 'token';

/** Options of `startDealposSimulator`. */
export interface DealposSimulatorOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  port?: number;
  clientId?: string;
  clientSecret?: string;
  /** Field names of the token response: `{Token, Expires}`, `{access_token, token_type, expires_in}` or `{token}`. */
  tokenStyle?: SimulatorTokenStyle;
  /** Token lifetime in seconds, enforced by the simulator and stated in the response (except in `token` style). */
  tokenLifetimeSeconds?: number;
  /** Makes the token values; random by default. Tests use it to know which token to look for. */
  tokenFactory?: () => string;
}

/** One request the simulator received. Secrets are not kept: see `authorization` and `body`. */
export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/api/v3/Barcode/ByBillNumber`. */
  path: string;
  endpoint: SimulatorEndpoint | undefined;
  /** Request headers with lower-case names, without `authorization`. */
  headers: Record<string, string | string[] | undefined>;
  /** Kind of `Authorization` header sent. The token itself is not recorded. */
  authorization: 'bearer' | 'other' | 'none';
  /** Body as UTF-8 text; in a token request the client secret is replaced by `[redacted]`. */
  body: string;
  /** Length of the body as received, in bytes. */
  bodyBytes: number;
  /** The `Content-Length` header as a number, when sent. */
  contentLength: number | undefined;
}

/** A running simulator. */
export interface DealposSimulator {
  /** API base URL, e.g. `http://127.0.0.1:41234/api/v3/`. */
  url: string;
  /** Every request received, oldest first. */
  requests: RecordedRequest[];
  faults: SimulatorFaults;
  /** Adds or replaces a document; `lines` are served back exactly as given. */
  setDocument(kind: SimulatorDocumentKind, outlet: string, number: string, lines: unknown[]): void;
  /** Stops listening and destroys open connections, including requests held by a `hang` fault. Idempotent. */
  close(): Promise<void>;
}

interface IssuedToken {
  expiresAt: number;
  calls: number;
  limitVersion: number;
}

const API_PREFIX = '/api/v3/';
const MAX_REQUEST_BYTES = 1024 * 1024;
const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;
const DENIED = 'Authorization has been denied for this request.';
const INVALID_REQUEST = 'The request is invalid.';

/**
 * Routes by lower-case path after `/api/v3/`. DealPOS error bodies have the ASP.NET Web API shape, and Web API
 * routing ignores case. NOTE: this case rule is inferred, not checked against a live DealPOS server.
 */
const ROUTES: Record<string, { endpoint: SimulatorEndpoint; method: 'GET' | 'POST' }> = {
  'token/oauth2': { endpoint: 'token', method: 'POST' },
  'barcode/bybillnumber': { endpoint: 'bill', method: 'GET' },
  'barcode/byoutletdeliverynumber': { endpoint: 'delivery', method: 'GET' },
  'variant/getidbylistcode': { endpoint: 'variants', method: 'GET' },
};

/**
 * Starts a local stand-in for the DealPOS API v3 endpoints the label desk uses, on 127.0.0.1 only.
 *
 * It follows the DealPOS reference: GET requests carry a JSON body, `Token/Oauth2` issues Bearer tokens, and
 * errors are JSON `{"Message": ...}` bodies. Outlet names and document numbers must match exactly, including
 * case, so a test never passes on a name that a real store might reject. It starts with seeded documents
 * (outlets "Pluit" and "Toko Bandung").
 */
export async function startDealposSimulator(
  options: DealposSimulatorOptions = {},
): Promise<DealposSimulator> {
  const clientId = options.clientId ?? 'demo';
  const clientSecret = options.clientSecret ?? 'demo-secret';
  const tokenStyle = options.tokenStyle ?? 'Token';
  const lifetimeSeconds = options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
  const makeToken = options.tokenFactory ?? (() => randomBytes(16).toString('hex'));

  const faults = new SimulatorFaults();
  const requests: RecordedRequest[] = [];
  const tokens = new Map<string, IssuedToken>();
  const documents = new Map<string, unknown[]>();
  for (const seed of SEED_DOCUMENTS) {
    documents.set(documentKey(seed.kind, seed.outlet, seed.number), structuredClone(seed.lines));
  }

  const handleToken = (body: string, response: ServerResponse): void => {
    const credentials = parseJson(body);
    if (credentials === undefined) {
      sendJson(response, 400, { Message: INVALID_REQUEST });
      return;
    }
    if (
      !isRecord(credentials) ||
      credentials.client_id !== clientId ||
      credentials.client_secret !== clientSecret
    ) {
      sendJson(response, 401, { Message: 'Invalid client credentials' });
      return;
    }

    const token = makeToken();
    tokens.set(token, {
      expiresAt: Date.now() + lifetimeSeconds * 1000,
      calls: 0,
      limitVersion: faults.tokenCallLimit.version,
    });
    if (tokenStyle === 'Token') {
      sendJson(response, 200, { Token: token, Expires: lifetimeSeconds });
    } else if (tokenStyle === 'access_token') {
      sendJson(response, 200, { access_token: token, token_type: 'bearer', expires_in: lifetimeSeconds });
    } else {
      sendJson(response, 200, { token });
    }
  };

  /** Checks the Bearer token and counts the call against it; false when the request must get a 401. */
  const authorize = (request: IncomingMessage): boolean => {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    const issued = match?.[1] === undefined ? undefined : tokens.get(match[1]);
    if (issued === undefined || Date.now() >= issued.expiresAt) {
      return false;
    }

    const limit = faults.tokenCallLimit;
    if (issued.limitVersion !== limit.version) {
      // The limit was set or cleared after this token was last used: count from now.
      issued.limitVersion = limit.version;
      issued.calls = 0;
    }
    if (limit.calls !== undefined && issued.calls >= limit.calls) {
      return false;
    }
    issued.calls += 1;
    return true;
  };

  const handleDocument = (kind: SimulatorDocumentKind, body: unknown, response: ServerResponse): void => {
    if (!isRecord(body) || typeof body.Outlet !== 'string' || typeof body.Number !== 'string') {
      sendJson(response, 400, { Message: INVALID_REQUEST });
      return;
    }
    const outlet = body.Outlet;
    if (!knownOutlets().has(outlet)) {
      sendJson(response, 400, { Message: `Outlet ${outlet} not found` });
      return;
    }
    const lines = documents.get(documentKey(kind, outlet, body.Number));
    if (lines === undefined) {
      sendJson(response, 404, { Message: `Number ${body.Number} not found` });
      return;
    }
    sendJson(response, 200, lines);
  };

  const handleVariants = (body: unknown, response: ServerResponse): void => {
    if (!Array.isArray(body) || !body.every((code) => typeof code === 'string')) {
      sendJson(response, 400, { Message: INVALID_REQUEST });
      return;
    }
    const index = variantIndex(documents);
    const found = (body as string[]).flatMap((code) => index.get(code) ?? []);
    sendJson(response, 200, found);
  };

  const knownOutlets = (): Set<string> => {
    const outlets = new Set<string>();
    for (const key of documents.keys()) {
      outlets.add(parseDocumentKey(key).outlet);
    }
    return outlets;
  };

  const handleRequest = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const raw = await readBody(request);
    if (raw === undefined) {
      sendJson(response, 413, { Message: 'The request body is too large.' });
      return;
    }

    const path = request.url ?? '/';
    const pathname = path.split('?')[0] ?? '';
    const route = pathname.toLowerCase().startsWith(API_PREFIX)
      ? ROUTES[pathname.slice(API_PREFIX.length).toLowerCase()]
      : undefined;
    requests.push(recordRequest(request, path, route?.endpoint, raw));

    if (route === undefined) {
      sendJson(response, 404, {
        Message: `No HTTP resource was found that matches the request URI '${path}'.`,
      });
      return;
    }
    if (request.method !== route.method) {
      sendJson(response, 405, {
        Message: `The requested resource does not support http method '${request.method}'.`,
      });
      return;
    }

    const fault = faults.take(route.endpoint);
    if (fault !== undefined) {
      playFault(fault, route.endpoint, request, response);
      return;
    }

    const text = raw.toString('utf8');
    if (route.endpoint === 'token') {
      handleToken(text, response);
      return;
    }

    if (!authorize(request)) {
      sendJson(response, 401, { Message: DENIED });
      return;
    }
    const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (mediaType !== 'application/json') {
      sendJson(response, 415, {
        Message: `The request entity's media type '${mediaType ?? ''}' is not supported for this resource.`,
      });
      return;
    }
    const body = parseJson(text);
    if (body === undefined) {
      sendJson(response, 400, { Message: INVALID_REQUEST });
      return;
    }

    if (route.endpoint === 'variants') {
      handleVariants(body, response);
    } else {
      handleDocument(route.endpoint, body, response);
    }
  };

  const server = createServer((request, response) => {
    handleRequest(request, response).catch((error: unknown) => {
      if (!response.headersSent) {
        sendJson(response, 500, { Message: 'An error has occurred.', ExceptionMessage: String(error) });
      } else {
        response.destroy();
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;

  return {
    url: `http://127.0.0.1:${port}${API_PREFIX}`,
    requests,
    faults,
    setDocument(kind, outlet, number, lines) {
      documents.set(documentKey(kind, outlet, number), structuredClone(lines));
    },
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        // Requests held by a `hang` fault and idle keep-alive sockets would otherwise keep close() waiting.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function playFault(
  fault: SimulatorFault,
  endpoint: SimulatorEndpoint,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  switch (fault.kind) {
    case 'status':
      sendJson(response, fault.status, { Message: fault.message ?? 'An error has occurred.' }, fault.headers);
      return;
    case 'raw':
      send(response, fault.status, fault.contentType, fault.body, fault.headers);
      return;
    case 'bad_gateway_html':
      send(response, 502, 'text/html', BAD_GATEWAY_HTML);
      return;
    case 'rate_limited':
      sendJson(
        response,
        429,
        { Message: QUOTA_MESSAGE },
        { 'Retry-After': fault.retryAfter ?? QUOTA_RETRY_AFTER },
      );
      return;
    case 'forbidden':
      sendJson(response, 403, { Message: `You don't have permission: ${fault.role ?? 'Inventory - VIEW'}` });
      return;
    case 'malformed_json':
      send(
        response,
        200,
        'application/json; charset=utf-8',
        endpoint === 'token'
          ? '{"Token":"9f1c0b7e4d2a'
          : '[{"VariantID":"6f96d108-1af5-45de-a593-74719a0ee8e2","Na',
      );
      return;
    case 'hang':
      // Send no response. close() destroys the socket.
      return;
    case 'reset':
      request.socket.resetAndDestroy();
      return;
  }
}

function recordRequest(
  request: IncomingMessage,
  path: string,
  endpoint: SimulatorEndpoint | undefined,
  raw: Buffer,
): RecordedRequest {
  const { authorization, ...headers } = request.headers;
  let body = raw.toString('utf8');
  if (endpoint === 'token') {
    const credentials = parseJson(body);
    if (
      isRecord(credentials) &&
      typeof credentials.client_secret === 'string' &&
      credentials.client_secret !== ''
    ) {
      body = body.split(credentials.client_secret).join('[redacted]');
    }
  }
  const lengthHeader = request.headers['content-length'];

  return {
    method: request.method ?? '',
    path,
    endpoint,
    headers,
    authorization:
      authorization === undefined ? 'none' : /^Bearer\s/i.test(authorization) ? 'bearer' : 'other',
    body,
    bodyBytes: raw.byteLength,
    contentLength: lengthHeader === undefined ? undefined : Number.parseInt(lengthHeader, 10),
  };
}

/** Reads the whole request body; undefined when it is larger than the simulator accepts. */
async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.byteLength;
    if (size > MAX_REQUEST_BYTES) {
      return undefined;
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Builds the `GetIDByListCode` lookup from the DealPOS reference example and every code of every stored document.
 * A line's `VariantID` becomes the variant id. Product ids are hashed from the code, so they are the same in
 * every run. A numeric Code is looked up by its JSON text, and the first line with a given code wins.
 */
function variantIndex(documents: Map<string, unknown[]>): Map<string, SeedVariantId> {
  const index = new Map<string, SeedVariantId>();
  for (const item of SEED_VARIANT_IDS) {
    index.set(item.Code, item);
  }
  for (const lines of documents.values()) {
    for (const line of lines) {
      if (!isRecord(line)) {
        continue;
      }
      const code = typeof line.Code === 'number' ? JSON.stringify(line.Code) : line.Code;
      if (typeof code !== 'string' || index.has(code)) {
        continue;
      }
      index.set(code, {
        ID: typeof line.VariantID === 'string' ? line.VariantID : stableUuid(`variant:${code}`),
        ProductID: stableUuid(`product:${code}`),
        Code: code,
      });
    }
  }
  return index;
}

/** Formats a SHA-256 digest of `seed` as a version-4-shaped UUID. */
function stableUuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function documentKey(kind: SimulatorDocumentKind, outlet: string, number: string): string {
  return JSON.stringify([kind, outlet, number]);
}

function parseDocumentKey(key: string): { outlet: string } {
  const [, outlet] = JSON.parse(key) as [string, string, string];
  return { outlet };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(body), headers);
}

function send(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  const bytes = Buffer.from(body, 'utf8');
  response.writeHead(status, { ...headers, 'Content-Type': contentType, 'Content-Length': bytes.byteLength });
  response.end(bytes);
}
