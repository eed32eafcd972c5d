import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DealposClient, type DealposClientOptions } from '../../electron/dealpos/client.ts';
import {
  startDealposSimulator,
  type DealposSimulator,
  type SimulatorEndpoint,
  type SimulatorFault,
} from '../../electron/dealpos-simulator/index.ts';
import { labelFontPath, loadFontMetrics } from '../../electron/pdf/font.ts';
import { printDocumentLabels, type PrintRequest } from '../../electron/services/print-labels.ts';
import { AppError } from '../../shared/errors.ts';
import { cellPositions, paginate, planJob, type JobPlan } from '../../shared/labels/job.ts';
import { readDocumentLines } from '../../shared/labels/lines.ts';
import { findTemplate } from '../../shared/labels/templates.ts';
import type { FontMetrics } from '../../shared/labels/types.ts';
import { freshHome, runCliCaptured } from '../support/cli-runner.ts';
import { decodeLabels } from '../support/pdf-tools.ts';

// The corpus lives in test/fixtures/bad-input as JSON, one array of cases per group. Every case goes through
// the simulator over real HTTP and the real DealposClient, then through readDocumentLines and planJob.

interface ExpectedPlan {
  labels: Array<{ line: number; code: string; count: number }>;
  refused: Array<{ line: number; problems: string[] }>;
  /** Warning codes of the whole plan, each listed once, in any order. */
  warnings: string[];
}

/** A document served by the simulator: `lines` through `setDocument`, or `rawBody` as the exact JSON text. */
interface LinesCase {
  name: string;
  note?: string;
  lines?: unknown[];
  rawBody?: string;
  expect: ExpectedPlan;
}

/** A document response body that the client must reject as a whole. */
interface BodyCase {
  name: string;
  fault: SimulatorFault;
  times?: number;
  error: string;
}

/** A failing status or transport fault on one endpoint. `error: null` means the retry succeeds. */
interface TransportCase {
  name: string;
  endpoint: SimulatorEndpoint;
  fault: SimulatorFault;
  times?: number;
  error: string | null;
}

const FIXTURES = new URL('../fixtures/bad-input/', import.meta.url);
const CLIENT_ID = 'hardening';
const SECRET = 'hardening-secret-51c2';
const OUTLET = 'Pluit';
const TEMPLATE = findTemplate('roll-50x30')!;

async function loadCases<T>(file: string): Promise<T[]> {
  return JSON.parse(await readFile(new URL(file, FIXTURES), 'utf8')) as T[];
}

const groups = {
  fields: await loadCases<LinesCase>('fields.json'),
  text: await loadCases<LinesCase>('text.json'),
  quantities: await loadCases<LinesCase>('quantities.json'),
  bodies: await loadCases<BodyCase>('bodies.json'),
  transport: await loadCases<TransportCase>('transport.json'),
};

let simulator: DealposSimulator;
let metrics: FontMetrics;
let documentCounter = 0;
const unexpectedFailures: unknown[] = [];
const recordFailure = (error: unknown): void => {
  unexpectedFailures.push(error);
};

beforeAll(async () => {
  process.on('uncaughtException', recordFailure);
  process.on('unhandledRejection', recordFailure);
  simulator = await startDealposSimulator({ clientId: CLIENT_ID, clientSecret: SECRET });
  metrics = await loadFontMetrics();
});

afterAll(async () => {
  process.off('uncaughtException', recordFailure);
  process.off('unhandledRejection', recordFailure);
  await simulator.close();
});

beforeEach(() => {
  simulator.faults.clear();
});

afterEach(() => {
  // Any exception or rejection that escaped the code under test fails the case that caused it.
  expect(unexpectedFailures).toEqual([]);
  unexpectedFailures.length = 0;
});

function makeClient(options: Partial<DealposClientOptions> = {}): DealposClient {
  return new DealposClient({
    baseUrl: simulator.url,
    clientId: CLIENT_ID,
    clientSecret: SECRET,
    timeoutMs: 5_000,
    maxAttempts: 3,
    sleep: () => Promise.resolve(),
    ...options,
  });
}

/** Serves the case's document under a fresh bill number and returns that number. */
function serve(testCase: LinesCase): string {
  documentCounter += 1;
  const number = `HARD-${documentCounter}`;
  if (testCase.rawBody !== undefined) {
    simulator.faults.inject('bill', {
      kind: 'raw',
      status: 200,
      contentType: 'application/json; charset=utf-8',
      body: testCase.rawBody,
    });
  } else {
    simulator.setDocument('bill', OUTLET, number, testCase.lines ?? []);
  }
  return number;
}

function planOf(rawLines: Record<string, unknown>[], number: string): JobPlan {
  return planJob(readDocumentLines(rawLines), {
    template: TEMPLATE,
    dpi: 203,
    showPrice: true,
    documentNumber: number,
    metrics,
  });
}

function summarize(plan: JobPlan): ExpectedPlan {
  return {
    labels: plan.entries.map((entry) => ({ line: entry.lineNumber, code: entry.code, count: entry.count })),
    refused: plan.refused.map((item) => ({
      line: item.lineNumber,
      problems: item.problems.map((problem) => problem.code),
    })),
    warnings: [...new Set(plan.warnings.map((warning) => warning.code))],
  };
}

async function errorCodeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) {
      return error.code;
    }
    throw error;
  }
  throw new Error('expected the call to fail with an AppError');
}

function pdfLayout() {
  return {
    pageSizeMm: TEMPLATE.page,
    cells: cellPositions(TEMPLATE).map((cell) => ({ ...cell, ...TEMPLATE.label })),
  };
}

for (const [group, cases] of [
  ['fields', groups.fields],
  ['text', groups.text],
  ['quantities', groups.quantities],
] as const) {
  describe(`bad document lines: ${group}`, () => {
    it.each(cases.map((testCase) => [testCase.name, testCase] as const))('%s', async (_name, testCase) => {
      const number = serve(testCase);
      const rawLines = await makeClient().fetchDocument('bill', OUTLET, number);
      const plan = planOf(rawLines, number);
      const summary = summarize(plan);

      expect(summary.labels).toEqual(testCase.expect.labels);
      expect(summary.refused).toEqual(testCase.expect.refused);
      expect(summary.warnings.sort()).toEqual([...testCase.expect.warnings].sort());
      expect(plan.totalLabels).toBe(testCase.expect.labels.reduce((sum, label) => sum + label.count, 0));

      // Every entry has a drawing that pagination can place, without laying out millions of pages.
      if (plan.totalLabels <= 2_000) {
        let placed = 0;
        for (const page of paginate(plan.entries, TEMPLATE, 1)) {
          placed += page.labels.length;
        }
        expect(placed).toBe(plan.totalLabels);
      }
    });
  });
}

describe('bad document bodies', () => {
  it.each(groups.bodies.map((testCase) => [testCase.name, testCase] as const))(
    '%s',
    async (_name, testCase) => {
      simulator.faults.inject('bill', testCase.fault, testCase.times ?? 1);
      const code = await errorCodeOf(makeClient().fetchDocument('bill', OUTLET, '2023.09.00001'));
      expect(code).toBe(testCase.error);
    },
  );
});

describe('failing DealPOS responses and connections', () => {
  it.each(groups.transport.map((testCase) => [testCase.name, testCase] as const))(
    '%s',
    async (_name, testCase) => {
      simulator.faults.inject(testCase.endpoint, testCase.fault, testCase.times ?? 1);
      // A short limit keeps the hanging-request cases quick, and loopback responses arrive well within it.
      const client = makeClient({ timeoutMs: testCase.fault.kind === 'hang' ? 250 : 5_000 });
      const fetched = client.fetchDocument('bill', OUTLET, '2023.09.00001');

      if (testCase.error === null) {
        const plan = planOf(await fetched, '2023.09.00001');
        expect(plan.totalLabels).toBe(45);
        return;
      }
      expect(await errorCodeOf(fetched)).toBe(testCase.error);
    },
  );

  it('maps a TLS handshake with a plain HTTP server to network', async () => {
    const port = new URL(simulator.url).port;
    const client = makeClient({ baseUrl: `https://127.0.0.1:${port}/api/v3/` });
    expect(await errorCodeOf(client.fetchDocument('bill', OUTLET, '2023.09.00001'))).toBe('network');
  });

  it('maps an https address on a closed port to network', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));

    const client = makeClient({ baseUrl: `https://127.0.0.1:${port}/api/v3/` });
    expect(await errorCodeOf(client.testConnection())).toBe('network');
  });

  it('maps a server that closes every connection at once to network', async () => {
    const server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const client = makeClient({ baseUrl: `http://127.0.0.1:${port}/api/v3/` });
      expect(await errorCodeOf(client.testConnection())).toBe('network');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('bad input printed to PDF', () => {
  let outputFolder: string;

  beforeEach(async () => {
    outputFolder = await mkdtemp(join(tmpdir(), 'bad-input-pdf-'));
  });

  afterEach(async () => {
    await rm(outputFolder, { recursive: true, force: true });
  });

  function request(number: string): PrintRequest {
    return {
      kind: 'bill',
      outlet: OUTLET,
      number,
      templateId: TEMPLATE.id,
      dpi: 203,
      showPrice: true,
      outputPath: join(outputFolder, 'labels.pdf'),
    };
  }

  function print(number: string, client = makeClient(), signal?: AbortSignal) {
    return printDocumentLabels(request(number), {
      client,
      metrics,
      fontPath: labelFontPath(),
      creationDate: new Date(Date.UTC(2026, 0, 15)),
      ...(signal === undefined ? {} : { signal }),
    });
  }

  it('prints the good lines of a mixed document and decodes them back', async () => {
    const mixed = groups.fields.find((testCase) => testCase.name.startsWith('Good lines around'))!;
    const number = serve(mixed);
    const outcome = await print(number);

    expect(outcome.path).toBe(join(outputFolder, 'labels.pdf'));
    expect(outcome.labelsWritten).toBe(3);
    expect(outcome.plan.refused.map((item) => item.lineNumber)).toEqual([2]);
    const decoded = await decodeLabels(outcome.path!, pdfLayout());
    expect(decoded.map((label) => label.data)).toEqual(['F-27a', 'F-27c', 'F-27c']);
  });

  it('prints right-to-left, emoji and control-character names with readable barcodes', async () => {
    const number = serve({
      name: 'mixed scripts',
      lines: [
        ...groups.text.find((testCase) => testCase.name.startsWith('Arabic'))!.lines!,
        ...groups.text.find((testCase) => testCase.name.startsWith('Hebrew'))!.lines!,
        ...groups.text.find((testCase) => testCase.name.startsWith('Emoji'))!.lines!,
        ...groups.text.find((testCase) => testCase.name.startsWith('Control characters'))!.lines!,
        ...groups.text.find((testCase) => testCase.name.startsWith('Name of 10,000'))!.lines!,
      ],
      expect: { labels: [], refused: [], warnings: [] },
    });
    const outcome = await print(number);

    expect(outcome.labelsWritten).toBe(5);
    const decoded = await decodeLabels(outcome.path!, pdfLayout());
    expect(decoded.map((label) => label.data)).toEqual(['T-04', 'T-05', 'T-06', 'T-02', 'T-01']);
  });

  it('writes no file when every line is refused', async () => {
    const number = serve(groups.fields.find((testCase) => testCase.name === 'Code as an array is refused')!);
    const outcome = await print(number);

    expect(outcome.path).toBeNull();
    expect(await readdir(outputFolder)).toEqual([]);
  });

  it.each([
    ['500 on every attempt', 'bill', { kind: 'status', status: 500 }, 'server_error'],
    ['truncated JSON', 'bill', { kind: 'malformed_json' }, 'bad_response'],
    ['HTML page with status 200', 'bill', groups.bodies[10]!.fault, 'bad_response'],
    ['a request that never answers', 'bill', { kind: 'hang' }, 'timeout'],
    ['a connection reset', 'bill', { kind: 'reset' }, 'network'],
    ['401 on the token request', 'token', { kind: 'status', status: 401 }, 'auth_failed'],
  ] as const)('leaves the output folder empty after %s', async (_name, endpoint, fault, code) => {
    simulator.faults.inject(endpoint, fault, 10);
    const client = makeClient({ timeoutMs: fault.kind === 'hang' ? 250 : 5_000 });

    expect(await errorCodeOf(print('2023.09.00001', client))).toBe(code);
    expect(await readdir(outputFolder)).toEqual([]);
  });

  it('leaves the output folder empty when the job is cancelled while writing', async () => {
    const number = serve({
      name: 'long document',
      lines: [{ Name: 'Kaos', Code: 'CANCEL-1', Quantity: 400 }],
      expect: { labels: [], refused: [], warnings: [] },
    });
    const controller = new AbortController();
    const outcome = printDocumentLabels(request(number), {
      client: makeClient(),
      metrics,
      fontPath: labelFontPath(),
      signal: controller.signal,
      onProgress: (written) => {
        if (written > 0) {
          controller.abort();
        }
      },
    });

    expect(await errorCodeOf(outcome)).toBe('output_cancelled');
    expect(await readdir(outputFolder)).toEqual([]);
  });
});

describe('huge quantities through the CLI', () => {
  it('requires --yes above 5,000 labels and writes nothing', async () => {
    const number = serve({
      name: 'huge quantity',
      lines: [
        { Name: 'Kaos', Code: 'BULK-01', Quantity: 5_000 },
        { Name: 'Kaos', Code: 'BULK-02', Quantity: 1 },
      ],
      expect: { labels: [], refused: [], warnings: [] },
    });
    const outputFolder = await mkdtemp(join(tmpdir(), 'bad-input-cli-'));
    const pdf = join(outputFolder, 'bulk.pdf');
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      LANG: 'en_US.UTF-8',
      DEALPOS_LABELS_HOME: await freshHome(),
      DEALPOS_URL: simulator.url,
      DEALPOS_CLIENT_ID: CLIENT_ID,
      DEALPOS_CLIENT_SECRET: SECRET,
    };
    try {
      const result = await runCliCaptured(['print', '--bill', number, '--outlet', OUTLET, '--pdf', pdf], env);

      expect(result.code).not.toBe(0);
      // The confirmation_required message names the total, the threshold and the way out.
      expect(result.stderr).toContain('5,001 labels, more than 5,000');
      expect(result.stderr).toContain('--yes');
      expect(await readdir(outputFolder)).toEqual([]);
    } finally {
      await rm(outputFolder, { recursive: true, force: true });
    }
  });
});
