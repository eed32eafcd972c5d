import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';

import { startDealposSimulator, type DealposSimulator } from '../../../electron/dealpos-simulator/index.ts';

interface RawResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

interface CallOptions {
  method?: 'GET' | 'POST' | 'PUT';
  body?: string;
  token?: string;
  contentType?: string | null;
}

let simulator: DealposSimulator | undefined;

async function start(options: Parameters<typeof startDealposSimulator>[0] = {}): Promise<DealposSimulator> {
  simulator = await startDealposSimulator(options);
  return simulator;
}

afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

async function call(sim: DealposSimulator, path: string, options: CallOptions = {}): Promise<RawResult> {
  const headers: Record<string, string> = {};
  if (options.contentType !== null) {
    headers['content-type'] = options.contentType ?? 'application/json';
  }
  if (options.token !== undefined) {
    headers.authorization = `Bearer ${options.token}`;
  }
  const response = await request(new URL(path, sim.url), {
    method: options.method ?? 'GET',
    headers,
    ...(options.body === undefined ? {} : { body: options.body }),
  });
  return { status: response.statusCode, headers: response.headers, text: await response.body.text() };
}

async function issueToken(sim: DealposSimulator): Promise<string> {
  const result = await call(sim, 'Token/Oauth2', {
    method: 'POST',
    body: JSON.stringify({ client_id: 'demo', client_secret: 'demo-secret' }),
  });
  const body = JSON.parse(result.text) as { Token: string };
  return body.Token;
}

function getBill(
  sim: DealposSimulator,
  token: string | undefined,
  outlet = 'Pluit',
  number = '2023.09.00001',
) {
  return call(sim, 'Barcode/ByBillNumber', {
    ...(token === undefined ? {} : { token }),
    body: JSON.stringify({ Outlet: outlet, Number: number }),
  });
}

describe('startDealposSimulator', () => {
  it('listens on 127.0.0.1 under /api/v3/', async () => {
    const sim = await start();

    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v3\/$/);
  });

  it('issues a different random token each time', async () => {
    const sim = await start();

    const first = await issueToken(sim);
    const second = await issueToken(sim);

    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(second).not.toBe(first);
  });

  it.each([
    ['Token', { Token: 'T', Expires: 900 }],
    ['access_token', { access_token: 'T', token_type: 'bearer', expires_in: 900 }],
    ['token', { token: 'T' }],
  ] as const)('returns the token in %s style', async (tokenStyle, expected) => {
    const sim = await start({ tokenStyle, tokenLifetimeSeconds: 900, tokenFactory: () => 'T' });

    const result = await call(sim, 'Token/Oauth2', {
      method: 'POST',
      body: JSON.stringify({ client_id: 'demo', client_secret: 'demo-secret' }),
    });

    expect(result.status).toBe(200);
    expect(JSON.parse(result.text)).toEqual(expected);
  });

  it('rejects wrong client credentials with 401', async () => {
    const sim = await start({ clientId: 'desk', clientSecret: 'right' });

    const result = await call(sim, 'Token/Oauth2', {
      method: 'POST',
      body: JSON.stringify({ client_id: 'desk', client_secret: 'wrong' }),
    });

    expect(result.status).toBe(401);
    expect(JSON.parse(result.text)).toEqual({ Message: 'Invalid client credentials' });
  });

  it.each([
    ['no token', undefined],
    ['an unknown token', 'not-a-token'],
  ])('denies a data request with %s', async (_name, token) => {
    const sim = await start();

    const result = await getBill(sim, token);

    expect(result.status).toBe(401);
    expect(JSON.parse(result.text)).toEqual({ Message: 'Authorization has been denied for this request.' });
  });

  it('denies a token past its lifetime', async () => {
    const sim = await start({ tokenLifetimeSeconds: 0 });
    const token = await issueToken(sim);

    const result = await getBill(sim, token);

    expect(result.status).toBe(401);
  });

  it('serves a seeded bill to a GET with a JSON body', async () => {
    const sim = await start();
    const token = await issueToken(sim);

    const result = await getBill(sim, token);

    expect(result.status).toBe(200);
    const lines = JSON.parse(result.text) as { Quantity: number }[];
    expect(lines).toHaveLength(3);
    expect(lines.reduce((sum, line) => sum + line.Quantity, 0)).toBe(45);
  });

  it('serves the odd-lines bill byte for byte', async () => {
    const sim = await start();
    const token = await issueToken(sim);

    const result = await getBill(sim, token, 'Pluit', 'PB/2026/10/00999');

    expect(result.text).toContain('"Code":47875840614');
    expect(result.text).toContain('"Quantity":2.5');
    expect(result.text).toContain('"Code":"  SP-01 "');
    expect(result.text).toContain('"Name":null');
  });

  it('serves the Toko Bandung bill', async () => {
    const sim = await start();
    const token = await issueToken(sim);

    const result = await getBill(sim, token, 'Toko Bandung', 'PB/2026/10/00318');

    expect(result.status).toBe(200);
    expect(JSON.parse(result.text)).toHaveLength(9);
  });

  it('returns 400 for unknown outlet, 404 for unknown number', async () => {
    const sim = await start();
    const token = await issueToken(sim);

    const outlet = await getBill(sim, token, 'Puit');
    const number = await getBill(sim, token, 'Pluit', '2023.09.00999');

    expect(outlet.status).toBe(400);
    expect(JSON.parse(outlet.text)).toEqual({ Message: 'Outlet Puit not found' });
    expect(number.status).toBe(404);
    expect(JSON.parse(number.text)).toEqual({ Message: 'Number 2023.09.00999 not found' });
  });

  it('returns 400 for a non-JSON body', async () => {
    const sim = await start();
    const token = await issueToken(sim);

    const data = await call(sim, 'Barcode/ByBillNumber', { token, body: '{"Outlet":' });
    const tokenResult = await call(sim, 'Token/Oauth2', { method: 'POST', body: 'client_id=demo' });

    expect(data.status).toBe(400);
    expect(tokenResult.status).toBe(400);
  });

  it('returns 415 without JSON content type', async () => {
    const sim = await start();
    const token = await issueToken(sim);

    const result = await call(sim, 'Barcode/ByBillNumber', {
      token,
      contentType: 'text/plain',
      body: JSON.stringify({ Outlet: 'Pluit', Number: '2023.09.00001' }),
    });

    expect(result.status).toBe(415);
  });

  it('returns 405 and 404 for unknown routes', async () => {
    const sim = await start();

    const method = await call(sim, 'Barcode/ByBillNumber', { method: 'PUT', body: '{}' });
    const path = await call(sim, 'Barcode/ByInvoiceNumber', { body: '{}' });

    expect(method.status).toBe(405);
    expect(path.status).toBe(404);
  });

  it('returns variant ids for seeded codes', async () => {
    const sim = await start();
    const token = await issueToken(sim);

    const result = await call(sim, 'Variant/GetIDByListCode', {
      token,
      body: JSON.stringify(['1001', '47875840614', '  SP-01 ', 'KF-M-0101', 'unknown']),
    });

    const items = JSON.parse(result.text) as { ID: string; ProductID: string; Code: string }[];
    expect(items.map((item) => item.Code)).toEqual(['1001', '47875840614', '  SP-01 ', 'KF-M-0101']);
    expect(items[0]?.ID).toBe('d2dfbf1a-da61-48e4-9d4d-a921ebfcb8f5');
    expect(items[3]?.ID).toBe('9d1e0000-0000-4000-8000-000000000101');
    expect(items[3]?.ProductID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('keeps made-up product ids stable across instances', async () => {
    const lookUp = async (): Promise<string> => {
      const sim = await startDealposSimulator();
      try {
        const token = await issueToken(sim);
        const result = await call(sim, 'Variant/GetIDByListCode', { token, body: '["KF-M-0101"]' });
        return result.text;
      } finally {
        await sim.close();
      }
    };

    expect(await lookUp()).toBe(await lookUp());
  });

  it('adds and replaces documents with setDocument', async () => {
    const sim = await start();
    const token = await issueToken(sim);
    sim.setDocument('delivery', 'Gudang Pusat', 'DO-1', [{ Code: '047875840614', Quantity: 1 }]);
    sim.setDocument('bill', 'Pluit', '2023.09.00001', []);

    const added = await call(sim, 'Barcode/ByOutletDeliveryNumber', {
      token,
      body: JSON.stringify({ Outlet: 'Gudang Pusat', Number: 'DO-1' }),
    });
    const replaced = await getBill(sim, token);

    expect(added.text).toBe('[{"Code":"047875840614","Quantity":1}]');
    expect(replaced.text).toBe('[]');
  });

  it('records requests without the token or the client secret', async () => {
    const sim = await start({ tokenFactory: () => 'recorded-token-value' });
    const token = await issueToken(sim);
    await getBill(sim, token);

    const [tokenRequest, billRequest] = sim.requests;
    expect(tokenRequest?.body).toBe('{"client_id":"demo","client_secret":"[redacted]"}');
    expect(billRequest?.authorization).toBe('bearer');
    expect(billRequest?.headers).not.toHaveProperty('authorization');
    expect(billRequest?.contentLength).toBe(billRequest?.bodyBytes);
    expect(JSON.stringify(sim.requests)).not.toContain('recorded-token-value');
    expect(JSON.stringify(sim.requests)).not.toContain('demo-secret');
  });
});

describe('SimulatorFaults', () => {
  it('plays a fault for the next N calls only', async () => {
    const sim = await start();
    const token = await issueToken(sim);
    sim.faults.inject('bill', { kind: 'status', status: 503, message: 'Service Unavailable' }, 2);

    const statuses = [];
    for (let index = 0; index < 3; index += 1) {
      statuses.push((await getBill(sim, token)).status);
    }

    expect(statuses).toEqual([503, 503, 200]);
  });

  it('plays faults only on their endpoint and until cleared', async () => {
    const sim = await start();
    const token = await issueToken(sim);
    sim.faults.inject('delivery', { kind: 'forbidden' }, Infinity);

    const bill = await getBill(sim, token);
    sim.faults.clear('delivery');
    const delivery = await call(sim, 'Barcode/ByOutletDeliveryNumber', {
      token,
      body: JSON.stringify({ Outlet: 'Pluit', Number: '2023.09.00001' }),
    });

    expect(bill.status).toBe(200);
    expect(delivery.status).toBe(200);
  });

  it('sends the fixture bodies for 403, 429 and 502', async () => {
    const sim = await start();
    const token = await issueToken(sim);
    sim.faults.inject('bill', { kind: 'forbidden' });
    sim.faults.inject('bill', { kind: 'rate_limited' });
    sim.faults.inject('bill', { kind: 'bad_gateway_html' });

    const forbidden = await getBill(sim, token);
    const limited = await getBill(sim, token);
    const gateway = await getBill(sim, token);

    expect(forbidden.status).toBe(403);
    expect(JSON.parse(forbidden.text)).toEqual({ Message: "You don't have permission: Inventory - VIEW" });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('2');
    expect(gateway.status).toBe(502);
    expect(gateway.headers['content-type']).toBe('text/html');
    expect(gateway.text).toContain('<h1>502 Bad Gateway</h1>');
  });

  it('sends truncated JSON with a 200', async () => {
    const sim = await start();
    const token = await issueToken(sim);
    sim.faults.inject('bill', { kind: 'malformed_json' });

    const result = await getBill(sim, token);

    expect(result.status).toBe(200);
    expect(() => JSON.parse(result.text) as unknown).toThrow(SyntaxError);
  });

  it('resets the connection', async () => {
    const sim = await start();
    sim.faults.inject('token', { kind: 'reset' });

    await expect(issueToken(sim)).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('closes while a request hangs', async () => {
    const sim = await start();
    sim.faults.inject('token', { kind: 'hang' });
    const pending = issueToken(sim);
    pending.catch(() => undefined);
    while (sim.requests.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }

    await sim.close();

    await expect(pending).rejects.toThrow();
  });

  it('expires tokens after N authorised calls', async () => {
    const sim = await start();
    const token = await issueToken(sim);
    sim.faults.expireTokensAfterCalls(2);

    const statuses = [];
    for (let index = 0; index < 3; index += 1) {
      statuses.push((await getBill(sim, token)).status);
    }
    const fresh = await issueToken(sim);
    const freshStatus = (await getBill(sim, fresh)).status;
    sim.faults.clear();
    const clearedStatus = (await getBill(sim, token)).status;

    expect(statuses).toEqual([200, 200, 401]);
    expect(freshStatus).toBe(200);
    expect(clearedStatus).toBe(200);
  });
});
