import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDealposSimulator, type DealposSimulator } from '../../electron/dealpos-simulator/index.ts';
import { createDeskServices, type DeskServices } from '../../electron/desk/desk-services.ts';
import { createLogger } from '../../electron/logging/logger.ts';
import type { DocumentRef, PdfPrintRequest } from '../../shared/ipc-contract.ts';
import { freshHome, runCliCaptured, type CliResult } from '../support/cli-runner.ts';
import { MemorySecretStore } from '../e2e/harness/memory-secret-store.ts';
import { pdfInfo, pdfText } from '../support/pdf-tools.ts';

// Runs the desk services and the CLI through good and failing flows with a distinctive client secret, then
// searches everything they left behind (files, PDFs, IPC results, console output) for the secret and for
// every token the simulator issued.

const SECRET = `S3cr3t-audit-${randomBytes(6).toString('hex')}`;
const WRONG_SECRET = `Wr0ng-audit-${randomBytes(6).toString('hex')}`;
const CLIENT_ID = 'audit-desk';
const PLUIT_BILL: DocumentRef = { kind: 'bill', outlet: 'Pluit', number: '2023.09.00001' };

let simulator: DealposSimulator;
const issuedTokens: string[] = [];

/** Every value that must never be found: the secret, the wrong secret typed once, and each issued token. */
function forbiddenValues(): string[] {
  return [SECRET, WRONG_SECRET, ...issuedTokens];
}

/** Lists each forbidden value found in `text`, naming where it was found, so a failure shows both. */
function leaksIn(where: string, text: string): string[] {
  return forbiddenValues()
    .filter((value) => text.includes(value))
    .map((value) => `${where} contains ${value === SECRET ? 'the secret' : value}`);
}

async function leaksInFolder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const leaks: string[] = [];
  for (const entry of entries.filter((item) => item.isFile())) {
    const path = join(entry.parentPath, entry.name);
    const bytes = await readFile(path);
    // latin1 keeps every byte as one character, so a match is found in binary files too.
    leaks.push(...leaksIn(path, bytes.toString('latin1')), ...leaksIn(path, bytes.toString('utf8')));
  }
  return leaks;
}

async function leaksInPdf(path: string): Promise<string[]> {
  const bytes = await readFile(path);
  return [
    ...leaksIn(`${path} bytes`, bytes.toString('latin1')),
    ...leaksIn(`${path} text`, await pdfText(path)),
    ...leaksIn(`${path} metadata`, JSON.stringify(await pdfInfo(path))),
  ];
}

beforeAll(async () => {
  simulator = await startDealposSimulator({
    clientId: CLIENT_ID,
    clientSecret: SECRET,
    tokenFactory: () => {
      const token = `tok-audit-${randomBytes(12).toString('hex')}`;
      issuedTokens.push(token);
      return token;
    },
  });
});

afterAll(async () => {
  await simulator.close();
});

describe('secrets audit: desk services', () => {
  let root: string;
  let userDataFolder: string;
  let outputFolder: string;
  let services: DeskServices;
  const results: Array<{ call: string; result: unknown }> = [];
  const events: unknown[] = [];

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'secrets-audit-desk-'));
    userDataFolder = join(root, 'user-data');
    outputFolder = join(root, 'pdf');
    await mkdir(outputFolder, { recursive: true });
    services = await createDeskServices({
      userDataFolder,
      secrets: new MemorySecretStore(),
      clock: () => new Date(Date.UTC(2026, 0, 15, 8, 0, 0)),
      chooseSavePath: (defaultFileName) => Promise.resolve(join(outputFolder, defaultFileName)),
      openPath: () => Promise.resolve(),
      revealPath: () => undefined,
      emit: (_channel, payload) => {
        events.push(payload);
      },
      logger: await createLogger({ folder: join(userDataFolder, 'logs') }),
      appVersion: '1.0.0-audit',
      systemLocale: 'en',
      // Retries do not sleep, and a request that hangs times out quickly.
      clientTuning: { sleep: () => Promise.resolve(), timeoutMs: 500 },
    });
  });

  afterAll(async () => {
    await services.close();
    await rm(root, { recursive: true, force: true });
  });

  async function call<T>(name: string, run: () => T | Promise<T>): Promise<T> {
    const result = await run();
    results.push({ call: name, result });
    return result;
  }

  it('runs the main flows, failures included', async () => {
    const handlers = services.handlers;
    const url = simulator.url;

    const wrongTest = await call('account:test wrong secret', () =>
      handlers['account:test']({ url, clientId: CLIENT_ID, secret: WRONG_SECRET }),
    );
    expect(wrongTest.ok ? 'ok' : wrongTest.error.code).toBe('auth_failed');

    const saved = await call('account:save', () =>
      handlers['account:save']({ url, clientId: CLIENT_ID, secret: SECRET }),
    );
    expect(saved.ok).toBe(true);
    const tested = await call('account:test stored secret', () =>
      handlers['account:test']({ url, clientId: CLIENT_ID, secret: null }),
    );
    expect(tested.ok).toBe(true);
    const testedTyped = await call('account:test typed secret', () =>
      handlers['account:test']({ url, clientId: CLIENT_ID, secret: SECRET }),
    );
    expect(testedTyped.ok).toBe(true);

    const fetched = await call('document:fetch', () => handlers['document:fetch'](PLUIT_BILL));
    expect(fetched.ok).toBe(true);

    simulator.faults.inject('bill', { kind: 'status', status: 401 }, 10);
    const denied = await call('document:fetch 401', () => handlers['document:fetch'](PLUIT_BILL));
    expect(denied.ok ? 'ok' : denied.error.code).toBe('auth_failed');
    simulator.faults.clear();

    simulator.faults.inject('bill', { kind: 'status', status: 500 }, 10);
    const failing = await call('document:fetch 500', () => handlers['document:fetch'](PLUIT_BILL));
    expect(failing.ok ? 'ok' : failing.error.code).toBe('server_error');
    simulator.faults.clear();

    simulator.faults.inject('bill', { kind: 'hang' }, 10);
    const hanging = await call('document:fetch timeout', () => handlers['document:fetch'](PLUIT_BILL));
    expect(hanging.ok ? 'ok' : hanging.error.code).toBe('timeout');
    simulator.faults.clear();

    const request: PdfPrintRequest = {
      jobId: 'audit-job-0001',
      document: PLUIT_BILL,
      reprint: null,
      overrides: [],
      templateId: 'roll-50x30',
      dpi: 203,
      showPrice: true,
      startPosition: 1,
    };
    const printed = await call('print:pdf', () => handlers['print:pdf'](request));
    expect(printed.ok).toBe(true);
    expect(printed.ok ? printed.value.status : 'failed').toBe('written');

    await call('settings:get', () => handlers['settings:get']());
    await call('history:list', () => handlers['history:list']());
    await call('templates:list', () => handlers['templates:list']());
    await call('app:get-info', () => handlers['app:get-info']());

    // The wrong secret and at least two tokens went over the wire, so the search below looks for them.
    expect(issuedTokens.length).toBeGreaterThanOrEqual(2);
  });

  it('leaves the secret and tokens out of every IPC result and event', () => {
    expect(results.length).toBeGreaterThan(10);
    const leaks = [
      ...results.flatMap(({ call: name, result }) => leaksIn(name, JSON.stringify(result))),
      ...leaksIn('print:progress events', JSON.stringify(events)),
    ];
    expect(leaks).toEqual([]);
  });

  it('leaves the secret and tokens out of every user data file', async () => {
    const files = await readdir(userDataFolder, { recursive: true });
    // The logs and settings at least exist, so an empty search cannot pass by accident.
    expect(files.some((name) => name.endsWith('.log'))).toBe(true);
    expect(await leaksInFolder(userDataFolder)).toEqual([]);
  });

  it('leaves the secret and tokens out of the PDF', async () => {
    const pdfs = (await readdir(outputFolder)).filter((name) => name.endsWith('.pdf'));
    expect(pdfs).toHaveLength(1);
    expect(await leaksInPdf(join(outputFolder, pdfs[0]!))).toEqual([]);
  });
});

describe('secrets audit: command line', () => {
  let home: string;
  let outputFolder: string;
  const secrets = new MemorySecretStore();
  const outputs: Array<{ call: string; result: CliResult }> = [];

  beforeAll(async () => {
    home = await freshHome();
    outputFolder = await mkdtemp(join(tmpdir(), 'secrets-audit-cli-'));
  });

  afterAll(async () => {
    await rm(home, { recursive: true, force: true });
    await rm(outputFolder, { recursive: true, force: true });
  });

  async function cli(name: string, argv: string[], stdin = ''): Promise<CliResult> {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, LANG: 'en_US.UTF-8', DEALPOS_LABELS_HOME: home };
    const result = await runCliCaptured(argv, env, {
      stdin,
      overrides: { secrets, creationDate: new Date(Date.UTC(2026, 0, 15)) },
    });
    outputs.push({ call: name, result });
    return result;
  }

  function printArgs(file: string): string[] {
    return ['print', '--bill', PLUIT_BILL.number, '--outlet', PLUIT_BILL.outlet, '--verbose', '--pdf', file];
  }

  it('runs login, print and failures with --verbose', async () => {
    const login = ['login', '--url', simulator.url, '--client-id', CLIENT_ID, '--verbose'];
    const wrong = await cli('login wrong secret', login, `${WRONG_SECRET}\n`);
    expect(wrong.code).not.toBe(0);
    const right = await cli('login', login, `${SECRET}\n`);
    expect(right.code).toBe(0);

    const good = await cli('print', printArgs(join(outputFolder, 'good.pdf')));
    expect(good.code).toBe(0);

    simulator.faults.inject('bill', { kind: 'status', status: 401 }, 10);
    const denied = await cli('print 401', printArgs(join(outputFolder, 'denied.pdf')));
    expect(denied.code).not.toBe(0);
    simulator.faults.clear();

    // The CLI's client waits 0.5 s and 1 s between its three attempts.
    simulator.faults.inject('bill', { kind: 'status', status: 500 }, 10);
    const failing = await cli('print 500', printArgs(join(outputFolder, 'failing.pdf')));
    expect(failing.code).not.toBe(0);
    simulator.faults.clear();

    const templates = await cli('templates', ['templates', '--verbose']);
    expect(templates.code).toBe(0);
  });

  it('leaves the secret and tokens out of stdout and stderr', () => {
    expect(outputs.length).toBe(6);
    // --verbose logs the client's requests and retries, so stderr is not empty.
    expect(outputs.some(({ result }) => result.stderr.includes('Retrying'))).toBe(true);
    const leaks = outputs.flatMap(({ call: name, result }) => [
      ...leaksIn(`${name} stdout`, result.stdout),
      ...leaksIn(`${name} stderr`, result.stderr),
    ]);
    expect(leaks).toEqual([]);
  });

  it('leaves the secret and tokens out of the settings folder and the PDF', async () => {
    expect(await leaksInFolder(home)).toEqual([]);
    expect(await readdir(outputFolder)).toEqual(['good.pdf']);
    expect(await leaksInPdf(join(outputFolder, 'good.pdf'))).toEqual([]);
  });
});
