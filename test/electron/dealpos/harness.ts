import { DealposClient, type DealposClientOptions } from '../../../electron/dealpos/client.ts';
import type { DealposSimulator, SimulatorEndpoint } from '../../../electron/dealpos-simulator/index.ts';
import { AppError } from '../../../shared/errors.ts';

/** One call of the client's `log` option. */
export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown> | undefined;
}

/** A client wired to a simulator, with its sleeps, logs and clock exposed to the test. */
export interface ClientHarness {
  client: DealposClient;
  /** Every delay the client asked to sleep, in milliseconds; sleeping itself returns at once. */
  sleeps: number[];
  logs: LogEntry[];
  /** The client's clock in epoch milliseconds; tests move it forward. */
  clock: { now: number };
}

/** Creates a client for `simulator` whose sleeps return at once and whose clock the test controls. */
export function createClient(
  simulator: DealposSimulator,
  overrides: Partial<DealposClientOptions> = {},
): ClientHarness {
  const sleeps: number[] = [];
  const logs: LogEntry[] = [];
  const clock = { now: Date.UTC(2026, 0, 15, 8, 0, 0) };
  const client = new DealposClient({
    baseUrl: simulator.url,
    clientId: 'demo',
    clientSecret: 'demo-secret',
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    now: () => clock.now,
    log: (level, message, fields) => {
      logs.push({ level, message, fields });
    },
    ...overrides,
  });
  return { client, sleeps, logs, clock };
}

/** Awaits `promise` and returns the `AppError` it rejects with; fails the test on success or another error. */
export async function captureAppError(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the call to fail with an AppError');
}

/** Counts the requests the simulator received for one endpoint. */
export function requestCount(simulator: DealposSimulator, endpoint: SimulatorEndpoint): number {
  return simulator.requests.filter((request) => request.endpoint === endpoint).length;
}
