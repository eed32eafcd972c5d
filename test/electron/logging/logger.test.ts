import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger, SecretRedactor } from '../../../electron/logging/logger.ts';

const folders: string[] = [];

async function tempFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'logger-test-'));
  folders.push(folder);
  return folder;
}

afterAll(async () => {
  for (const folder of folders) {
    await rm(folder, { recursive: true, force: true });
  }
});

async function allLogText(folder: string): Promise<string> {
  const names = await readdir(folder);
  const texts = await Promise.all(names.map((name) => readFile(join(folder, name), 'utf8')));
  return texts.join('\n');
}

describe('createLogger', () => {
  it('writes scope-tagged lines to main.log', async () => {
    const folder = await tempFolder();
    const logger = await createLogger({ folder: join(folder, 'logs') });
    logger.scope('desk').info('Fetched a document', { number: '2023.09.00001', lines: 3 });
    logger.scope('print').error('Writing failed', { error: new Error('disk full') });

    expect(logger.filePath).toBe(join(folder, 'logs', 'main.log'));
    const text = await readFile(logger.filePath, 'utf8');
    expect(text).toMatch(/\[info\] +\[desk\] Fetched a document number="2023\.09\.00001" lines=3\n/);
    expect(text).toMatch(
      /\[error\] +\[print\] Writing failed error="Error: disk full"\nError: disk full\n +at /,
    );
  });

  it('rotates at the size limit and keeps the given number of files', async () => {
    const folder = await tempFolder();
    const maxFileBytes = 2_000;
    const logger = await createLogger({ folder, maxFileBytes, keptFiles: 2 });
    const log = logger.scope('rotation');
    for (let index = 0; index < 120; index += 1) {
      log.info(`line ${String(index).padStart(3, '0')} ${'x'.repeat(60)}`);
    }

    expect((await readdir(folder)).sort()).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    // electron-log 5.4 counts the first line after a rotation twice, so a file may rotate one line early.
    const lineBytes = 120;
    for (const name of ['main.1.log', 'main.2.log']) {
      const size = (await stat(join(folder, name))).size;
      expect(size, name).toBeGreaterThan(maxFileBytes - lineBytes);
      expect(size, name).toBeLessThanOrEqual(maxFileBytes + lineBytes);
    }
    expect((await stat(logger.filePath)).size).toBeLessThanOrEqual(maxFileBytes + lineBytes);
    // The newest lines are in main.log, the ones before them in main.1.log; older files were deleted.
    expect(await readFile(logger.filePath, 'utf8')).toContain('line 119');
    const previous = await readFile(join(folder, 'main.1.log'), 'utf8');
    const firstInCurrent = Number(/line (\d+)/.exec(await readFile(logger.filePath, 'utf8'))?.[1]);
    expect(previous).toContain(`line ${String(firstInCurrent - 1).padStart(3, '0')}`);
    expect(await allLogText(folder)).not.toContain('line 000');
  });

  it('never writes a registered secret or a Bearer token', async () => {
    const folder = await tempFolder();
    const logger = await createLogger({ folder });
    const secret = 'Sup3r-Secret-Value-91';
    const token = 'eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl';
    logger.addSecret(secret);
    const log = logger.scope('dealpos');

    log.info(`login with ${secret}`);
    log.warn('Request failed', {
      authorization: `Bearer ${token}`,
      body: JSON.stringify({ client_id: 'desk', client_secret: 'unregistered-secret-1' }),
      answer: { access_token: 'unregistered-token-2', Token: 'unregistered-token-3' },
      query: 'grant_type=client_credentials&client_secret=unregistered-secret-4&x=1',
    });
    log.error('Token request crashed', { error: new Error(`server echoed ${secret} and Bearer ${token}`) });

    const text = await allLogText(folder);
    for (const value of [
      secret,
      token,
      'unregistered-secret-1',
      'unregistered-token-2',
      'unregistered-token-3',
      'unregistered-secret-4',
    ]) {
      expect(text, value).not.toContain(value);
    }
    expect(text).toContain('Bearer [redacted]');
    expect(text).toContain('client_id');
    expect(text).toContain('&x=1');
  });

  it('rejects a kept file count below one', async () => {
    await expect(createLogger({ folder: await tempFolder(), keptFiles: 0 })).rejects.toThrow(RangeError);
  });
});

describe('SecretRedactor', () => {
  it('removes a longer registered secret whole', () => {
    const redactor = new SecretRedactor();
    redactor.add('abc123');
    redactor.add('abc123-and-more');
    expect(redactor.apply('x abc123-and-more y abc123')).toBe('x [redacted] y [redacted]');
  });

  it('keeps words that only contain a secret field name', () => {
    const redactor = new SecretRedactor();
    expect(redactor.apply('hasSecret=true tokenStyle=Token')).toBe('hasSecret=true tokenStyle=Token');
    expect(redactor.apply('DealPOS rejected the access token; requesting a new one')).toBe(
      'DealPOS rejected the access token; requesting a new one',
    );
  });

  it('ignores values too short to be secrets', () => {
    const redactor = new SecretRedactor();
    redactor.add('a');
    expect(redactor.apply('a cat')).toBe('a cat');
  });
});
