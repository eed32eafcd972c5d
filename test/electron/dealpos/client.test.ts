import { afterEach, describe, expect, it } from 'vitest';

import { startDealposSimulator, type DealposSimulator } from '../../../electron/dealpos-simulator/index.ts';
import { captureAppError, createClient, requestCount } from './harness.ts';

const REFERENCE_BILL = [
  {
    VariantID: '6f96d108-1af5-45de-a593-74719a0ee8e2',
    Name: 'Cardigan (L)',
    Code: '1315L',
    Quantity: 10,
    UnitPrice: 280000,
  },
  {
    VariantID: 'bb5fd4fc-e7fb-4e99-92f4-b3caac23c183',
    Name: 'Boots (36)',
    Code: '200536',
    Quantity: 15,
    UnitPrice: 540000,
  },
  {
    VariantID: 'f4adff17-6e0c-499d-af3f-db8c16e62375',
    Name: 'Cardigan (XL)',
    Code: '1315XL',
    Quantity: 20,
    UnitPrice: 280000,
  },
];

let simulator: DealposSimulator | undefined;

async function start(options: Parameters<typeof startDealposSimulator>[0] = {}): Promise<DealposSimulator> {
  simulator = await startDealposSimulator(options);
  return simulator;
}

afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

describe('DealposClient.fetchDocument', () => {
  it('fetches a bill with a GET request carrying a JSON body', async () => {
    const sim = await start();
    const { client } = createClient(sim);

    const lines = await client.fetchDocument('bill', 'Pluit', '2023.09.00001');

    expect(lines).toEqual(REFERENCE_BILL);
    const request = sim.requests.find((entry) => entry.endpoint === 'bill');
    expect(request?.method).toBe('GET');
    expect(request?.path).toBe('/api/v3/Barcode/ByBillNumber');
    expect(request?.body).toBe('{"Outlet":"Pluit","Number":"2023.09.00001"}');
    expect(request?.contentLength).toBe(Buffer.byteLength(request?.body ?? '', 'utf8'));
    expect(request?.bodyBytes).toBe(request?.contentLength);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.authorization).toBe('bearer');
  });

  it('fetches an outlet delivery from its own endpoint', async () => {
    const sim = await start();
    const { client } = createClient(sim);

    const lines = await client.fetchDocument('delivery', 'Pluit', '2023.09.00001');

    expect(lines).toEqual(REFERENCE_BILL.slice(0, 2));
    const request = sim.requests.find((entry) => entry.endpoint === 'delivery');
    expect(request?.method).toBe('GET');
    expect(request?.path).toBe('/api/v3/Barcode/ByOutletDeliveryNumber');
    expect(request?.contentLength).toBe(Buffer.byteLength(request?.body ?? '', 'utf8'));
    expect(request?.authorization).toBe('bearer');
  });

  it('counts Content-Length in UTF-8 bytes', async () => {
    const sim = await start();
    sim.setDocument('bill', 'Cabang Cañar', 'PB/2026/ÑO-1', [REFERENCE_BILL[0]]);
    const { client } = createClient(sim);

    const lines = await client.fetchDocument('bill', 'Cabang Cañar', 'PB/2026/ÑO-1');

    expect(lines).toHaveLength(1);
    const request = sim.requests.find((entry) => entry.endpoint === 'bill');
    const body = JSON.stringify({ Outlet: 'Cabang Cañar', Number: 'PB/2026/ÑO-1' });
    expect(request?.body).toBe(body);
    expect(request?.contentLength).toBe(Buffer.byteLength(body, 'utf8'));
    expect(request?.contentLength).toBeGreaterThan(body.length);
  });

  it('keeps a leading zero in a string Code', async () => {
    const sim = await start();
    sim.setDocument('bill', 'Pluit', 'PB/ZERO', [
      { VariantID: 'v-1', Name: 'Snack', Code: '047875840614', Quantity: 1, UnitPrice: 1000 },
    ]);
    const { client } = createClient(sim);

    const [line] = await client.fetchDocument('bill', 'Pluit', 'PB/ZERO');

    expect(line?.Code).toBe('047875840614');
  });

  it('returns odd lines unchanged for the label engine to judge', async () => {
    const sim = await start();
    const { client } = createClient(sim);

    const lines = await client.fetchDocument('bill', 'Pluit', 'PB/2026/10/00999');

    expect(lines).toHaveLength(11);
    expect(lines[1]?.Name).toBeNull();
    expect(lines[2]).not.toHaveProperty('Code');
    expect(lines[3]?.Quantity).toBe(-2);
    expect(lines[4]?.Quantity).toBe(2.5);
    expect(lines[7]?.Code).toBe('  SP-01 ');
    expect(lines[9]?.Code).toBe(47875840614);
  });

  it('returns a bill with many lines', async () => {
    const sim = await start();
    const many = Array.from({ length: 5000 }, (_, index) => ({
      VariantID: `v-${index}`,
      Name: `Item ${index}`,
      Code: String(index).padStart(8, '0'),
      Quantity: 1,
      UnitPrice: 1000,
    }));
    sim.setDocument('bill', 'Pluit', 'PB/BIG', many);
    const { client } = createClient(sim);

    const lines = await client.fetchDocument('bill', 'Pluit', 'PB/BIG');

    expect(lines).toHaveLength(5000);
    expect(lines[7]?.Code).toBe('00000007');
  });
});

describe('DealposClient tokens', () => {
  it.each(['Token', 'access_token', 'token'] as const)('accepts the %s token style', async (tokenStyle) => {
    const sim = await start({ tokenStyle });
    const { client } = createClient(sim);

    await expect(client.fetchDocument('bill', 'Pluit', '2023.09.00001')).resolves.toHaveLength(3);
    expect(requestCount(sim, 'token')).toBe(1);
  });

  it('sends client_id and client_secret as JSON in a POST', async () => {
    const sim = await start();
    const { client } = createClient(sim);

    await client.testConnection();

    const request = sim.requests[0];
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/api/v3/Token/Oauth2');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.authorization).toBe('none');
    expect(JSON.parse(request?.body ?? '')).toEqual({ client_id: 'demo', client_secret: '[redacted]' });
  });

  it('reuses one token for three calls', async () => {
    const sim = await start();
    const { client } = createClient(sim);

    await client.fetchDocument('bill', 'Pluit', '2023.09.00001');
    await client.fetchDocument('delivery', 'Pluit', '2023.09.00001');
    await client.getVariantIdsByCodes(['1000']);

    expect(requestCount(sim, 'token')).toBe(1);
    expect(sim.requests.filter((request) => request.authorization === 'bearer')).toHaveLength(3);
  });

  it('shares one token request between concurrent calls', async () => {
    const sim = await start();
    const { client } = createClient(sim);

    await Promise.all([
      client.fetchDocument('bill', 'Pluit', '2023.09.00001'),
      client.fetchDocument('delivery', 'Pluit', '2023.09.00001'),
      client.getVariantIdsByCodes(['1000']),
    ]);

    expect(requestCount(sim, 'token')).toBe(1);
  });

  it('renews the token shortly before Expires passes', async () => {
    const sim = await start({ tokenStyle: 'Token', tokenLifetimeSeconds: 3600 });
    const { client, clock } = createClient(sim);

    await client.fetchDocument('bill', 'Pluit', '2023.09.00001');
    clock.now += 3000 * 1000;
    await client.fetchDocument('bill', 'Pluit', '2023.09.00001');
    expect(requestCount(sim, 'token')).toBe(1);

    clock.now += 600 * 1000;
    await client.fetchDocument('bill', 'Pluit', '2023.09.00001');
    expect(requestCount(sim, 'token')).toBe(2);
  });

  it('renews the token after expires_in passes', async () => {
    const sim = await start({ tokenStyle: 'access_token', tokenLifetimeSeconds: 120 });
    const { client, clock } = createClient(sim);

    await client.fetchDocument('bill', 'Pluit', '2023.09.00001');
    clock.now += 121 * 1000;
    await client.fetchDocument('bill', 'Pluit', '2023.09.00001');

    expect(requestCount(sim, 'token')).toBe(2);
  });

  it('keeps a token without a lifetime until a 401', async () => {
    const sim = await start({ tokenStyle: 'token' });
    const { client, clock } = createClient(sim);

    await client.fetchDocument('bill', 'Pluit', '2023.09.00001');
    clock.now += 30 * 24 * 3600 * 1000;
    await client.fetchDocument('bill', 'Pluit', '2023.09.00001');
    expect(requestCount(sim, 'token')).toBe(1);

    sim.faults.expireTokensAfterCalls(1);
    await client.fetchDocument('bill', 'Pluit', '2023.09.00001');
    await client.fetchDocument('bill', 'Pluit', '2023.09.00001');
    expect(requestCount(sim, 'token')).toBe(2);
  });

  it('renews the token once after a 401 and then succeeds', async () => {
    const sim = await start();
    const { client } = createClient(sim);
    sim.faults.expireTokensAfterCalls(1);

    await client.fetchDocument('bill', 'Pluit', '2023.09.00001');
    const lines = await client.fetchDocument('bill', 'Pluit', '2023.09.00001');

    expect(lines).toHaveLength(3);
    expect(requestCount(sim, 'token')).toBe(2);
    expect(requestCount(sim, 'bill')).toBe(3);
  });

  it('reports auth_failed after exactly one renewal when 401 repeats', async () => {
    const sim = await start();
    const { client } = createClient(sim);
    sim.faults.expireTokensAfterCalls(0);

    const error = await captureAppError(client.fetchDocument('bill', 'Pluit', '2023.09.00001'));

    expect(error.code).toBe('auth_failed');
    expect(requestCount(sim, 'token')).toBe(2);
    expect(requestCount(sim, 'bill')).toBe(2);
  });

  it('reports auth_failed when the token endpoint rejects the credentials', async () => {
    const sim = await start();
    const { client } = createClient(sim, { clientSecret: 'wrong-secret' });

    const error = await captureAppError(client.fetchDocument('bill', 'Pluit', '2023.09.00001'));

    expect(error.code).toBe('auth_failed');
    expect(error.detail).toContain('Invalid client credentials');
    expect(requestCount(sim, 'token')).toBe(1);
    expect(requestCount(sim, 'bill')).toBe(0);
  });
});

describe('DealposClient.getVariantIdsByCodes', () => {
  it('maps the reference codes to their ids', async () => {
    const sim = await start();
    const { client } = createClient(sim);

    const ids = await client.getVariantIdsByCodes(['1000', '1001', '1002']);

    expect(ids).toEqual([
      {
        id: 'e156a0a9-1552-49d4-b597-d4ca09c3ed54',
        productId: '418c0cde-1e5f-4c77-a9f4-312bc96939cb',
        code: '1000',
      },
      {
        id: 'd2dfbf1a-da61-48e4-9d4d-a921ebfcb8f5',
        productId: '6126764d-57aa-425d-ade6-bc3a847da98a',
        code: '1001',
      },
      {
        id: '1587b105-b8a9-404f-907a-f63326003558',
        productId: '7d27dc9f-06f7-4765-bfd3-437903b020fa',
        code: '1002',
      },
    ]);
    const request = sim.requests.find((entry) => entry.endpoint === 'variants');
    expect(request?.method).toBe('GET');
    expect(request?.body).toBe('["1000","1001","1002"]');
    expect(request?.contentLength).toBe(request?.bodyBytes);
  });

  it('omits codes DealPOS does not know', async () => {
    const sim = await start();
    const { client } = createClient(sim);

    const ids = await client.getVariantIdsByCodes(['1315L', 'NO-SUCH-CODE', '8991111222233']);

    expect(ids.map((item) => item.code)).toEqual(['1315L', '8991111222233']);
    expect(ids[0]?.id).toBe('6f96d108-1af5-45de-a593-74719a0ee8e2');
  });

  it('sends no request for an empty list', async () => {
    const sim = await start();
    const { client } = createClient(sim);

    await expect(client.getVariantIdsByCodes([])).resolves.toEqual([]);
    expect(sim.requests).toHaveLength(0);
  });
});

describe('DealposClient.testConnection', () => {
  it('requests a new token each time', async () => {
    const sim = await start();
    const { client } = createClient(sim);

    await client.testConnection();
    await client.testConnection();

    expect(requestCount(sim, 'token')).toBe(2);
  });

  it('reports network when nothing listens on the port', async () => {
    const closed = await startDealposSimulator();
    const url = closed.url;
    await closed.close();
    const { client, sleeps } = createClient({ ...closed, url });

    const error = await captureAppError(client.testConnection());

    expect(error.code).toBe('network');
    expect(error.detail).toContain('ECONNREFUSED');
    expect(sleeps).toEqual([500, 1000]);
  });
});
