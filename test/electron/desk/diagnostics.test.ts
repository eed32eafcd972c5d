import { appendFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DiagnosticsExport,
  defaultDiagnosticsName,
  LOG_TAIL_BYTES,
} from '../../../electron/desk/diagnostics.ts';
import { createLogger } from '../../../electron/logging/logger.ts';
import type { SettingsView } from '../../../shared/ipc-contract.ts';
import { createDeskFixture, saveStoreAccount, STORE_SECRET, type DeskFixture } from './desk-fixture.ts';

const BEARER_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.sig-4f2a9b';

let fixture: DeskFixture | undefined;
let tempRoot: string | undefined;

afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
  if (tempRoot !== undefined) {
    await rm(tempRoot, { recursive: true, force: true });
    tempRoot = undefined;
  }
});

interface Bundle {
  versions: Record<string, string>;
  settings: SettingsView;
  printerProfiles: unknown;
  cachedDocuments: Array<{ ref: unknown }>;
  logs: Array<{ file: string; truncated: boolean; text: string }>;
}

async function exportBundle(desk: DeskFixture): Promise<{ path: string; text: string; bundle: Bundle }> {
  const outcome = await desk.handlers['diagnostics:export']();
  if (!outcome.ok || outcome.value.status !== 'written') {
    throw new Error(`diagnostics:export did not write a file: ${JSON.stringify(outcome)}`);
  }
  const text = await readFile(outcome.value.path, 'utf8');
  return { path: outcome.value.path, text, bundle: JSON.parse(text) as Bundle };
}

describe('diagnostics:export', () => {
  it('writes versions, settings and log lines', async () => {
    fixture = await createDeskFixture();
    await saveStoreAccount(fixture);
    await fixture.handlers['log:write']({ level: 'warn', scope: 'print-panel', message: 'Printer busy' });

    const { path, bundle } = await exportBundle(fixture);

    expect(fixture.suggestedNames).toEqual(['label-desk-diagnostics-2026-01-15.json']);
    expect(path).toBe(join(fixture.outputFolder, 'label-desk-diagnostics-2026-01-15.json'));
    expect(bundle.versions.app).toBe('9.8.7');
    expect(bundle.versions.node).toBe(process.versions.node);
    expect(bundle.versions.os).toMatch(/\S/);
    expect(bundle.settings.clientId).toBe('desk-client');
    expect(bundle.settings.hasSecret).toBe(true);
    expect(bundle.printerProfiles).toEqual([]);
    expect(bundle.logs.map((log) => log.file)).toEqual(['main.log']);
    expect(bundle.logs[0]?.text).toContain('[renderer:print-panel] Printer busy');
  });

  it('lists the recent documents by reference', async () => {
    fixture = await createDeskFixture();
    await saveStoreAccount(fixture);
    const ref = { kind: 'bill', outlet: 'Pluit', number: '2023.09.00001' } as const;
    const fetched = await fixture.handlers['document:fetch'](ref);
    expect(fetched.ok).toBe(true);

    const { bundle } = await exportBundle(fixture);

    expect(bundle.cachedDocuments.map((entry) => entry.ref)).toEqual([ref]);
    expect(JSON.stringify(bundle.cachedDocuments)).not.toContain('lines');
  });

  it('leaves out the secret and Bearer tokens', async () => {
    fixture = await createDeskFixture();
    await saveStoreAccount(fixture);
    await fixture.handlers['log:write']({
      level: 'error',
      scope: 'account',
      message: `Retrying with client_secret=${STORE_SECRET} and Authorization: Bearer ${BEARER_TOKEN}`,
    });
    // A line written without the logger, as by an older app version before the secret was registered.
    await appendFile(fixture.logFile, `[old] secret was ${STORE_SECRET}, header Bearer ${BEARER_TOKEN}\n`);
    expect(await readFile(fixture.logFile, 'utf8')).toContain(STORE_SECRET);

    const { text } = await exportBundle(fixture);

    expect(text).toContain('Retrying with');
    expect(text).toContain('[old] secret was');
    expect(text).not.toContain(STORE_SECRET);
    expect(text).not.toContain(BEARER_TOKEN);
    expect(text).not.toContain('sig-4f2a9b');
  });

  it('writes nothing when the dialog is cancelled', async () => {
    fixture = await createDeskFixture();
    fixture.savePaths.push(null);

    const outcome = await fixture.handlers['diagnostics:export']();

    expect(outcome).toEqual({ ok: true, value: { status: 'cancelled' } });
    await expect(stat(join(fixture.outputFolder, 'label-desk-diagnostics-2026-01-15.json'))).rejects.toThrow(
      /ENOENT/,
    );
  });
});

describe('DiagnosticsExport', () => {
  it('keeps only the end of a long log, from a line start', async () => {
    tempRoot = await mkdtemp(join(tmpdir(), 'diagnostics-'));
    const logFolder = join(tempRoot, 'logs');
    await mkdir(logFolder);
    const line = `${'x'.repeat(99)}\n`;
    const lines = Array.from({ length: 2000 }, (_, index) => `${String(index).padStart(4, '0')}${line}`);
    await writeFile(join(logFolder, 'main.log'), lines.join(''));
    await writeFile(join(logFolder, 'main.1.log'), 'rotated line\n');
    await writeFile(join(logFolder, 'other.txt'), 'not a log\n');
    const logger = await createLogger({ folder: join(tempRoot, 'own-logs') });

    const diagnostics = new DiagnosticsExport({
      userDataFolder: tempRoot,
      logFolder,
      appVersion: '1.0.0',
      runtimeVersions: { electron: '45.6.1' },
      settingsView: () => Promise.resolve({} as SettingsView),
      history: () => Promise.resolve([]),
      chooseSavePath: () => Promise.resolve(null),
      locale: () => Promise.resolve('en'),
      now: () => new Date(Date.UTC(2026, 2, 14)),
      redact: (text) => logger.redact(text),
      log: logger.scope('diagnostics'),
    });
    const tails = (JSON.parse(await diagnostics.build(new Date(Date.UTC(2026, 2, 14)))) as Bundle).logs;

    expect(tails.map((tail) => tail.file)).toEqual(['main.log', 'main.1.log']);
    const current = tails[0];
    expect(current?.truncated).toBe(true);
    expect(current?.text.length).toBeLessThanOrEqual(LOG_TAIL_BYTES);
    expect(current?.text.split('\n')[0]).toMatch(/^\d{4}x{99}$/);
    expect(current?.text.endsWith(`1999${line}`)).toBe(true);
    expect(tails[1]).toEqual({ file: 'main.1.log', truncated: false, text: 'rotated line\n' });
  });
});

describe('defaultDiagnosticsName', () => {
  it('names the file after the UTC date', () => {
    expect(defaultDiagnosticsName(new Date(Date.UTC(2026, 11, 31, 23, 30)))).toBe(
      'label-desk-diagnostics-2026-12-31.json',
    );
  });
});
