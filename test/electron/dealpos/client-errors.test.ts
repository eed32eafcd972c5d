import { afterEach, describe, expect, it } from 'vitest';

import {
  startDealposSimulator,
  type DealposSimulator,
  type SimulatorEndpoint,
  type SimulatorFault,
} from '../../../electron/dealpos-simulator/index.ts';
import type { ErrorCode } from '../../../shared/errors.ts';
import { captureAppError, createClient, requestCount } from './harness.ts';

let simulator: DealposSimulator | undefined;

async function start(): Promise<DealposSimulator> {
  simulator = await startDealposSimulator();
  return simulator;
}

afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

interface FaultCase {
  name: string;
  fault: SimulatorFault;
  code: ErrorCode;
  attempts: number;
  sleeps: number[];
  params: Record<string, string | number>;
}

const FAULT_CASES: FaultCase[] = [
  {
    name: '500 with a JSON Message',
    fault: { kind: 'status', status: 500, message: 'An error has occurred.' },
    code: 'server_error',
    attempts: 3,
    sleeps: [500, 1000],
    params: { status: 500 },
  },
  {
    name: '503 with a JSON Message',
    fault: { kind: 'status', status: 503, message: 'Service Unavailable' },
    code: 'server_error',
    attempts: 3,
    sleeps: [500, 1000],
    params: { status: 503 },
  },
  {
    name: '502 HTML page from a proxy',
    fault: { kind: 'bad_gateway_html' },
    code: 'server_error',
    attempts: 3,
    sleeps: [500, 1000],
    params: { status: 502 },
  },
  {
    name: '429 with Retry-After',
    fault: { kind: 'rate_limited', retryAfter: '2' },
    code: 'rate_limited',
    attempts: 3,
    sleeps: [2000, 2000],
    params: { retryAfterSeconds: 2 },
  },
  {
    name: '403 naming the role',
    fault: { kind: 'forbidden' },
    code: 'forbidden',
    attempts: 1,
    sleeps: [],
    params: { role: 'Inventory - VIEW' },
  },
  {
    name: 'truncated JSON with 200',
    fault: { kind: 'malformed_json' },
    code: 'bad_response',
    attempts: 1,
    sleeps: [],
    params: {},
  },
  {
    name: 'connection reset',
    fault: { kind: 'reset' },
    code: 'network',
    attempts: 3,
    sleeps: [500, 1000],
    params: {},
  },
  {
    name: 'request without response',
    fault: { kind: 'hang' },
    code: 'timeout',
    attempts: 3,
    sleeps: [500, 1000],
    params: {},
  },
  {
    name: '200 HTML login page',
    fault: { kind: 'raw', status: 200, contentType: 'text/html', body: '<html><body>Login</body></html>' },
    code: 'bad_response',
    attempts: 1,
    sleeps: [],
    params: {},
  },
  {
    name: '200 JSON object instead of an array',
    fault: { kind: 'status', status: 200, message: 'not a list' },
    code: 'bad_response',
    attempts: 1,
    sleeps: [],
    params: {},
  },
  {
    name: 'unexpected 418',
    fault: { kind: 'status', status: 418, message: "I'm a teapot" },
    code: 'bad_response',
    attempts: 1,
    sleeps: [],
    params: { status: 418 },
  },
  {
    name: '400 for another reason',
    fault: { kind: 'status', status: 400, message: 'The request is invalid.' },
    code: 'bad_response',
    attempts: 1,
    sleeps: [],
    params: { status: 400 },
  },
];

describe('DealposClient faults', () => {
  it.each(FAULT_CASES)('maps $name to $code after $attempts attempt(s)', async (testCase) => {
    const sim = await start();
    const { client, sleeps, logs } = createClient(sim, { timeoutMs: 200 });
    sim.faults.inject('bill', testCase.fault, Infinity);

    const error = await captureAppError(client.fetchDocument('bill', 'Pluit', '2023.09.00001'));

    expect(error.code).toBe(testCase.code);
    expect(requestCount(sim, 'bill')).toBe(testCase.attempts);
    expect(sleeps).toEqual(testCase.sleeps);
    expect(error.params).toEqual(testCase.params);
    expect(error.detail).toContain('Barcode/ByBillNumber');
    expect(logs.filter((entry) => entry.message === 'Retrying DealPOS request')).toHaveLength(
      testCase.attempts - 1,
    );
  });

  it.each<[string, SimulatorFault]>([
    ['500', { kind: 'status', status: 500 }],
    ['502 HTML', { kind: 'bad_gateway_html' }],
    ['429', { kind: 'rate_limited', retryAfter: '1' }],
    ['reset', { kind: 'reset' }],
    ['hang', { kind: 'hang' }],
  ])('recovers when a single %s is followed by success', async (_name, fault) => {
    const sim = await start();
    const { client, sleeps } = createClient(sim, { timeoutMs: 200 });
    sim.faults.inject('bill', fault, 1);

    const lines = await client.fetchDocument('bill', 'Pluit', '2023.09.00001');

    expect(lines).toHaveLength(3);
    expect(requestCount(sim, 'bill')).toBe(2);
    expect(sleeps).toHaveLength(1);
  });

  it('never makes more than maxAttempts attempts', async () => {
    const sim = await start();
    sim.faults.inject('bill', { kind: 'status', status: 503 }, Infinity);

    const defaultClient = createClient(sim);
    await captureAppError(defaultClient.client.fetchDocument('bill', 'Pluit', '2023.09.00001'));
    expect(requestCount(sim, 'bill')).toBe(3);

    const singleAttempt = createClient(sim, { maxAttempts: 1 });
    const error = await captureAppError(singleAttempt.client.fetchDocument('bill', 'Pluit', '2023.09.00001'));
    expect(error.code).toBe('server_error');
    expect(requestCount(sim, 'bill')).toBe(4);
    expect(singleAttempt.sleeps).toEqual([]);
  });

  it('logs each retry without document data', async () => {
    const sim = await start();
    const { client, logs } = createClient(sim);
    sim.faults.inject('bill', { kind: 'status', status: 503 }, 2);

    await client.fetchDocument('bill', 'Pluit', '2023.09.00001');

    const retries = logs.filter((entry) => entry.message === 'Retrying DealPOS request');
    expect(retries.map((entry) => entry.level)).toEqual(['warn', 'warn']);
    expect(retries[0]?.fields).toEqual({
      endpoint: 'Barcode/ByBillNumber',
      failedAttempt: 1,
      maxAttempts: 3,
      delayMs: 500,
      reason: 'HTTP 503',
    });
    expect(JSON.stringify(logs)).not.toContain('Pluit');
  });
});

describe('DealposClient Retry-After', () => {
  it('sleeps for the seconds Retry-After asks', async () => {
    const sim = await start();
    const { client, sleeps } = createClient(sim);
    sim.faults.inject('bill', { kind: 'rate_limited', retryAfter: '7' }, 2);

    await client.fetchDocument('bill', 'Pluit', '2023.09.00001');

    expect(sleeps).toEqual([7000, 7000]);
  });

  it('sleeps until an HTTP-date Retry-After', async () => {
    const sim = await start();
    const { client, sleeps, clock } = createClient(sim);
    const retryAt = new Date(clock.now + 5000).toUTCString();
    sim.faults.inject('bill', { kind: 'rate_limited', retryAfter: retryAt }, 1);

    await client.fetchDocument('bill', 'Pluit', '2023.09.00001');

    expect(sleeps).toEqual([5000]);
  });

  it('honours Retry-After on a 503', async () => {
    const sim = await start();
    const { client, sleeps } = createClient(sim);
    sim.faults.inject('bill', { kind: 'status', status: 503, headers: { 'Retry-After': '4' } }, 1);

    await client.fetchDocument('bill', 'Pluit', '2023.09.00001');

    expect(sleeps).toEqual([4000]);
  });

  it('reports rate_limited at once when Retry-After exceeds 60 s', async () => {
    const sim = await start();
    const { client, sleeps } = createClient(sim);
    sim.faults.inject('bill', { kind: 'rate_limited', retryAfter: '120' }, Infinity);

    const error = await captureAppError(client.fetchDocument('bill', 'Pluit', '2023.09.00001'));

    expect(error.code).toBe('rate_limited');
    expect(error.params).toEqual({ retryAfterSeconds: 120 });
    expect(requestCount(sim, 'bill')).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('reports server_error at once when a 503 asks to wait over 60 s', async () => {
    const sim = await start();
    const { client, sleeps } = createClient(sim);
    sim.faults.inject('bill', { kind: 'status', status: 503, headers: { 'Retry-After': '300' } }, Infinity);

    const error = await captureAppError(client.fetchDocument('bill', 'Pluit', '2023.09.00001'));

    expect(error.code).toBe('server_error');
    expect(error.params).toEqual({ status: 503, retryAfterSeconds: 300 });
    expect(requestCount(sim, 'bill')).toBe(1);
    expect(sleeps).toEqual([]);
  });
});

describe('DealposClient token endpoint faults', () => {
  it.each<[string, ErrorCode, SimulatorFault, number]>([
    ['500', 'server_error', { kind: 'status', status: 500 }, 3],
    ['reset', 'network', { kind: 'reset' }, 3],
    ['hang', 'timeout', { kind: 'hang' }, 3],
    ['truncated JSON', 'bad_response', { kind: 'malformed_json' }, 1],
    ['response without a token', 'bad_response', { kind: 'status', status: 200, message: 'ok' }, 1],
    ['403', 'forbidden', { kind: 'forbidden' }, 1],
  ])('maps a token %s to %s', async (_name, code, fault, attempts) => {
    const sim = await start();
    const { client } = createClient(sim, { timeoutMs: 200 });
    sim.faults.inject('token', fault, Infinity);

    const error = await captureAppError(client.fetchDocument('bill', 'Pluit', '2023.09.00001'));

    expect(error.code).toBe(code);
    expect(requestCount(sim, 'token')).toBe(attempts);
    expect(requestCount(sim, 'bill')).toBe(0);
  });

  it('treats an OAuth2 invalid_client response as auth_failed', async () => {
    const sim = await start();
    const { client } = createClient(sim);
    const body = JSON.stringify({
      error: 'invalid_client',
      error_description: 'Client authentication failed.',
    });
    sim.faults.inject('token', { kind: 'raw', status: 400, contentType: 'application/json', body });

    const error = await captureAppError(client.testConnection());

    expect(error.code).toBe('auth_failed');
  });

  it('treats a 404 from the token endpoint as bad_response', async () => {
    const sim = await start();
    const { client } = createClient(sim);
    sim.faults.inject('token', {
      kind: 'raw',
      status: 404,
      contentType: 'text/html',
      body: '<h1>Not Found</h1>',
    });

    const error = await captureAppError(client.testConnection());

    expect(error.code).toBe('bad_response');
    expect(error.detail).toContain('text/html');
  });
});

describe('DealposClient DealPOS errors', () => {
  it('reports forbidden with the role DealPOS names', async () => {
    const sim = await start();
    const { client } = createClient(sim);
    sim.faults.inject('variants', { kind: 'forbidden', role: 'Product - VIEW' });

    const error = await captureAppError(client.getVariantIdsByCodes(['1000']));

    expect(error.code).toBe('forbidden');
    expect(error.params).toEqual({ role: 'Product - VIEW' });
  });

  it('reports forbidden without a role when the message names none', async () => {
    const sim = await start();
    const { client } = createClient(sim);
    sim.faults.inject('bill', { kind: 'status', status: 403, message: 'Access denied' });

    const error = await captureAppError(client.fetchDocument('bill', 'Pluit', '2023.09.00001'));

    expect(error.code).toBe('forbidden');
    expect(error.params).toEqual({});
  });

  it('reports outlet_not_found for an unknown outlet', async () => {
    const sim = await start();
    const { client } = createClient(sim);

    const error = await captureAppError(client.fetchDocument('bill', 'Puit', '2023.09.00001'));

    expect(error.code).toBe('outlet_not_found');
    expect(error.params).toEqual({ outlet: 'Puit' });
    expect(error.detail).toContain('Outlet Puit not found');
    expect(requestCount(sim, 'bill')).toBe(1);
  });

  it('matches outlet names exactly, including case', async () => {
    const sim = await start();
    const { client } = createClient(sim);

    const error = await captureAppError(client.fetchDocument('delivery', 'pluit', '2023.09.00001'));

    expect(error.code).toBe('outlet_not_found');
  });

  it('reports document_not_found for an unknown number', async () => {
    const sim = await start();
    const { client } = createClient(sim);

    const error = await captureAppError(client.fetchDocument('bill', 'Pluit', '2023.09.00999'));

    expect(error.code).toBe('document_not_found');
    expect(error.params).toEqual({ number: '2023.09.00999' });
    expect(requestCount(sim, 'bill')).toBe(1);
  });

  it('reports bad_response for an array of non-objects', async () => {
    const sim = await start();
    sim.setDocument('bill', 'Pluit', 'PB/NUMBERS', [1, 'two', null]);
    const { client } = createClient(sim);

    const error = await captureAppError(client.fetchDocument('bill', 'Pluit', 'PB/NUMBERS'));

    expect(error.code).toBe('bad_response');
  });

  it.each<[string, SimulatorEndpoint, SimulatorFault]>([
    ['a Message object', 'variants', { kind: 'status', status: 200, message: 'ok' }],
    [
      'items without ProductID',
      'variants',
      { kind: 'raw', status: 200, contentType: 'application/json', body: '[{"ID":"a","Code":"1000"}]' },
    ],
    [
      'a numeric Code',
      'variants',
      {
        kind: 'raw',
        status: 200,
        contentType: 'application/json',
        body: '[{"ID":"a","ProductID":"b","Code":1000}]',
      },
    ],
  ])('reports bad_response for variant ids as %s', async (_name, endpoint, fault) => {
    const sim = await start();
    const { client } = createClient(sim);
    sim.faults.inject(endpoint, fault);

    const error = await captureAppError(client.getVariantIdsByCodes(['1000']));

    expect(error.code).toBe('bad_response');
  });
});

describe('DealposClient TLS', () => {
  it('reports network without retrying for a TLS failure', async () => {
    const sim = await start();
    const { client, sleeps } = createClient(sim, { baseUrl: sim.url.replace('http:', 'https:') });

    const error = await captureAppError(client.testConnection());

    expect(error.code).toBe('network');
    expect(error.detail).toContain('ERR_SSL_');
    expect(sleeps).toEqual([]);
  });
});

describe('DealposClient response size', () => {
  it('reports bad_response for a body over 16 MiB', async () => {
    const sim = await start();
    sim.setDocument('bill', 'Pluit', 'PB/HUGE', [
      { Code: 'X', Name: 'n'.repeat(17 * 1024 * 1024), Quantity: 1 },
    ]);
    const { client, sleeps } = createClient(sim);

    const error = await captureAppError(client.fetchDocument('bill', 'Pluit', 'PB/HUGE'));

    expect(error.code).toBe('bad_response');
    expect(error.detail).toContain('exceeds');
    expect(sleeps).toEqual([]);
  });
});
