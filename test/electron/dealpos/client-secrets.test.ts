import { afterEach, describe, expect, it } from 'vitest';

import type { DealposClient } from '../../../electron/dealpos/client.ts';
import { startDealposSimulator, type DealposSimulator } from '../../../electron/dealpos-simulator/index.ts';
import type { ErrorCode } from '../../../shared/errors.ts';
import { captureAppError, createClient, type ClientHarness } from './harness.ts';

const SECRET = 'S3cr3t-7f1e9a0c-client-secret';
const TOKEN_PREFIX = 'Tok3n-5b2c8d41';

interface SecretCase {
  name: string;
  code: ErrorCode;
  /** Prepares the failure; returns the call that meets it. */
  arrange: (simulator: DealposSimulator, harness: ClientHarness) => Promise<unknown>;
  /** Overrides for the client, e.g. a wrong secret. */
  clientSecret?: string;
}

const fetchBill = (client: DealposClient): Promise<unknown> =>
  client.fetchDocument('bill', 'Pluit', '2023.09.00001');

/** Obtains a token first, so that the failing call has one the errors could leak. */
async function withToken(harness: ClientHarness): Promise<void> {
  await harness.client.fetchDocument('bill', 'Pluit', '2023.09.00001');
}

const CASES: SecretCase[] = [
  {
    name: 'credentials rejected',
    code: 'auth_failed',
    clientSecret: `${SECRET}-wrong`,
    arrange: (_sim, { client }) => client.testConnection(),
  },
  {
    name: 'token rejected twice',
    code: 'auth_failed',
    arrange: async (sim, harness) => {
      await withToken(harness);
      sim.faults.expireTokensAfterCalls(0);
      return fetchBill(harness.client);
    },
  },
  {
    name: 'forbidden with a role echoing the token',
    code: 'forbidden',
    arrange: async (sim, harness) => {
      await withToken(harness);
      sim.faults.inject('bill', { kind: 'forbidden', role: `${TOKEN_PREFIX}-1 ${SECRET}` });
      return fetchBill(harness.client);
    },
  },
  {
    name: 'outlet not found',
    code: 'outlet_not_found',
    arrange: async (_sim, harness) => {
      await withToken(harness);
      return harness.client.fetchDocument('bill', 'Puit', '1');
    },
  },
  {
    name: 'document not found',
    code: 'document_not_found',
    arrange: async (_sim, harness) => {
      await withToken(harness);
      return harness.client.fetchDocument('bill', 'Pluit', '404');
    },
  },
  {
    name: 'rate limited',
    code: 'rate_limited',
    arrange: async (sim, harness) => {
      await withToken(harness);
      sim.faults.inject('bill', { kind: 'rate_limited', retryAfter: '1' }, Infinity);
      return fetchBill(harness.client);
    },
  },
  {
    name: 'server error echoing the secret and token',
    code: 'server_error',
    arrange: async (sim, harness) => {
      await withToken(harness);
      const message = `Bearer ${TOKEN_PREFIX}-1 client_secret=${SECRET}`;
      sim.faults.inject('bill', { kind: 'status', status: 500, message }, Infinity);
      return fetchBill(harness.client);
    },
  },
  {
    name: 'token endpoint error echoing the secret',
    code: 'server_error',
    arrange: (sim, { client }) => {
      sim.faults.inject('token', { kind: 'status', status: 503, message: `bad secret ${SECRET}` }, Infinity);
      return client.testConnection();
    },
  },
  {
    name: 'malformed JSON',
    code: 'bad_response',
    arrange: async (sim, harness) => {
      await withToken(harness);
      sim.faults.inject('bill', { kind: 'malformed_json' });
      return fetchBill(harness.client);
    },
  },
  {
    name: 'HTML page',
    code: 'server_error',
    arrange: async (sim, harness) => {
      await withToken(harness);
      sim.faults.inject('bill', { kind: 'bad_gateway_html' }, Infinity);
      return fetchBill(harness.client);
    },
  },
  {
    name: 'timeout',
    code: 'timeout',
    arrange: async (sim, harness) => {
      await withToken(harness);
      sim.faults.inject('bill', { kind: 'hang' }, Infinity);
      return fetchBill(harness.client);
    },
  },
  {
    name: 'connection reset',
    code: 'network',
    arrange: async (sim, harness) => {
      await withToken(harness);
      sim.faults.inject('bill', { kind: 'reset' }, Infinity);
      return fetchBill(harness.client);
    },
  },
  {
    name: 'connection refused',
    code: 'network',
    arrange: async (sim, harness) => {
      await withToken(harness);
      await sim.close();
      return fetchBill(harness.client);
    },
  },
];

let simulator: DealposSimulator | undefined;

afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

describe('DealposClient secrets', () => {
  it.each(CASES)('keeps secrets out of a $name failure', async (testCase) => {
    let issued = 0;
    simulator = await startDealposSimulator({
      clientSecret: SECRET,
      tokenFactory: () => {
        issued += 1;
        return `${TOKEN_PREFIX}-${issued}`;
      },
    });
    const harness = createClient(simulator, {
      clientSecret: testCase.clientSecret ?? SECRET,
      timeoutMs: 200,
    });

    const error = await captureAppError(testCase.arrange(simulator, harness));

    expect(error.code).toBe(testCase.code);
    const surfaces = {
      string: String(error),
      message: error.message,
      detail: error.detail ?? '',
      params: JSON.stringify(error.params),
      cause: String(error.cause),
      logs: JSON.stringify(harness.logs),
    };
    for (const [surface, text] of Object.entries(surfaces)) {
      expect(text, surface).not.toContain(SECRET);
      expect(text, surface).not.toContain(TOKEN_PREFIX);
    }
  });

  it('redacts the token and secret a server echoes', async () => {
    simulator = await startDealposSimulator({
      clientSecret: SECRET,
      tokenFactory: () => `${TOKEN_PREFIX}-x`,
    });
    const harness = createClient(simulator, { clientSecret: SECRET });
    await harness.client.testConnection();
    simulator.faults.inject('bill', { kind: 'forbidden', role: `${TOKEN_PREFIX}-x` });

    const error = await captureAppError(fetchBill(harness.client));

    expect(error.params).toEqual({ role: '[redacted]' });
    expect(error.detail).toContain('[redacted]');
  });
});
