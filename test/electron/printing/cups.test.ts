import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CupsSpooler,
  decodeIppResponse,
  encodeIppRequest,
  parseServerName,
  resolveCupsAddress,
} from '../../../electron/printing/cups.ts';
import { AppError } from '../../../shared/errors.ts';
import {
  startLabelListener,
  startPrivateCups,
  type LabelListener,
  type PrivateCups,
} from '../../support/cups.ts';

let cups: PrivateCups;
let listener: LabelListener;
let spooler: CupsSpooler;

beforeAll(async () => {
  cups = await startPrivateCups();
  listener = await startLabelListener();
  await cups.addRawQueue('zebra', listener.port);
  spooler = new CupsSpooler({ env: cups.env });
});

afterAll(async () => {
  await listener?.close();
  await cups?.stop();
});

async function expectAppError(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

describe('CupsSpooler', () => {
  it('delivers every byte value unchanged', async () => {
    // All 256 byte values: a filter or a text conversion would change some of them.
    const bytes = Buffer.concat([
      Buffer.from('^XA^FDraw^FS^PQ2^XZ\n'),
      Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
    ]);
    const before = listener.connections.length;

    const jobId = await spooler.submit('zebra', bytes, { title: 'Raw bytes 1' });
    expect(jobId).toMatch(/^zebra-\d+$/);
    await expect(spooler.waitForCompletion(jobId, { timeoutMs: 10_000 })).resolves.toBe('completed');

    expect(listener.connections).toHaveLength(before + 1);
    expect(listener.connections.at(-1)!.equals(bytes)).toBe(true);
    expect((await spooler.jobStatus(jobId)).state).toBe('completed');
  });

  it('finds its own job by title', async () => {
    const jobId = await spooler.submit('zebra', Buffer.from('^XA^PQ1^XZ\n'), {
      title: 'PB/7 1-1/1 (find-me#1)',
    });
    await spooler.waitForCompletion(jobId, { timeoutMs: 10_000 });
    await expect(spooler.findJob('zebra', 'PB/7 1-1/1 (find-me#1)')).resolves.toBe(jobId);
    await expect(spooler.findJob('zebra', 'no job has this title')).resolves.toBeNull();
  });

  it('lists queues with their state', async () => {
    await cups.addRawQueue('paused', listener.port);
    await cups.disable('paused', 'Out of labels');
    const queues = await spooler.listQueues();

    expect(queues.find((queue) => queue.name === 'zebra')).toMatchObject({
      state: 'idle',
      acceptingJobs: true,
    });
    expect(queues.find((queue) => queue.name === 'paused')).toMatchObject({
      state: 'stopped',
      message: 'Out of labels',
    });
  });

  it('rejects a queue that does not exist', async () => {
    const error = await expectAppError(
      spooler.submit('no-such-queue', Buffer.from('x'), { title: 'x' }),
      'printer_not_found',
    );
    expect(error.params).toEqual({ queue: 'no-such-queue' });
  });

  it('refuses to queue a job on a stopped printer', async () => {
    await cups.addRawQueue('stopped', listener.port);
    await cups.disable('stopped', 'Cover open');
    const error = await expectAppError(
      spooler.submit('stopped', Buffer.from('x'), { title: 'x' }),
      'printer_stopped',
    );
    expect(error.params).toEqual({ queue: 'stopped', message: 'Cover open' });
  });

  it('reports a printer that stops while the job waits', async () => {
    const unreachable = await startLabelListener();
    await unreachable.close();
    await cups.addRawQueue('stops-later', unreachable.port);
    const jobId = await spooler.submit('stops-later', Buffer.from('^XA^PQ1^XZ\n'), { title: 'stops later' });
    await cups.disable('stops-later', 'Paper out');

    const error = await expectAppError(
      spooler.waitForCompletion(jobId, { timeoutMs: 10_000 }),
      'printer_stopped',
    );
    expect(error.params.queue).toBe('stops-later');
    await spooler.cancel(jobId);
  });

  it('times out on an unreachable printer and cancels the job', async () => {
    const unreachable = await startLabelListener();
    await unreachable.close();
    await cups.addRawQueue('unplugged', unreachable.port);
    const jobId = await spooler.submit('unplugged', Buffer.from('^XA^PQ1^XZ\n'), { title: 'unplugged' });

    const error = await expectAppError(spooler.waitForCompletion(jobId, { timeoutMs: 300 }), 'print_timeout');
    expect(error.params).toEqual({ queue: 'unplugged', seconds: 0 });
    expect(['pending', 'processing']).toContain((await spooler.jobStatus(jobId)).state);

    await spooler.cancel(jobId);
    expect((await spooler.jobStatus(jobId)).state).toBe('canceled');
    // Cancelling again is harmless.
    await spooler.cancel(jobId);
  });

  it('stops waiting when the signal aborts', async () => {
    const unreachable = await startLabelListener();
    await unreachable.close();
    await cups.addRawQueue('aborted-wait', unreachable.port);
    const jobId = await spooler.submit('aborted-wait', Buffer.from('x'), { title: 'abort me' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);

    await expect(
      spooler.waitForCompletion(jobId, { signal: controller.signal, timeoutMs: 10_000 }),
    ).rejects.toThrow();
    await spooler.cancel(jobId);
  });

  it('reports a job CUPS does not know as unknown', async () => {
    await expect(spooler.jobStatus('zebra-999999')).resolves.toEqual({ state: 'unknown', reason: '' });
  });

  it('reports an unreachable scheduler', async () => {
    const missing = new CupsSpooler({ env: { CUPS_SERVER: join(tmpdir(), 'no-cupsd-here.sock') } });
    await expectAppError(missing.listQueues(), 'print_spooler_unavailable');
  });
});

describe('resolveCupsAddress', () => {
  it('prefers CUPS_SERVER', async () => {
    await expect(resolveCupsAddress({ CUPS_SERVER: '/tmp/cups.sock' }, 'linux')).resolves.toEqual({
      socketPath: '/tmp/cups.sock',
    });
    await expect(resolveCupsAddress({ CUPS_SERVER: 'printhost:8631' }, 'linux')).resolves.toEqual({
      host: 'printhost',
      port: 8631,
    });
  });

  it('reads ServerName from the user client.conf', async () => {
    const home = await mkdtemp(join(tmpdir(), 'label-desk-cups-home-'));
    await mkdir(join(home, '.cups'));
    await writeFile(join(home, '.cups', 'client.conf'), '# comment\nServerName print.local/version=1.1\n');
    await expect(resolveCupsAddress({ HOME: home, CUPS_SERVERROOT: home }, 'linux')).resolves.toEqual({
      host: 'print.local',
      port: 631,
    });
    await rm(home, { recursive: true, force: true });
  });

  it('falls back to localhost and IPP_PORT', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'label-desk-cups-empty-'));
    await expect(
      resolveCupsAddress({ HOME: empty, CUPS_SERVERROOT: empty, IPP_PORT: '8631' }, 'aix'),
    ).resolves.toEqual({ host: 'localhost', port: 8631 });
    await rm(empty, { recursive: true, force: true });
  });

  it('parses bracketed IPv6 server names', () => {
    expect(parseServerName('[::1]:8631')).toEqual({ host: '::1', port: 8631 });
  });
});

describe('IPP encoding', () => {
  it('encodes attributes with names only on the first value', () => {
    const message = encodeIppRequest(0x000b, 7, [
      { tag: 0x44, name: 'requested-attributes', values: ['printer-state', 'printer-name'] },
    ]);
    const expected = Buffer.concat([
      Buffer.from([1, 1, 0x00, 0x0b, 0, 0, 0, 7, 0x01]),
      Buffer.from([0x44, 0, 20]),
      Buffer.from('requested-attributes'),
      Buffer.from([0, 13]),
      Buffer.from('printer-state'),
      Buffer.from([0x44, 0, 0, 0, 12]),
      Buffer.from('printer-name'),
      Buffer.from([0x03]),
    ]);
    expect(message.equals(expected)).toBe(true);
  });

  it('decodes integers, enums, booleans and multi-valued keywords', () => {
    const body = Buffer.concat([
      Buffer.from([1, 1, 0x04, 0x06, 0, 0, 0, 7, 0x02]),
      Buffer.from([0x23, 0, 9]),
      Buffer.from('job-state'),
      Buffer.from([0, 4, 0, 0, 0, 9]),
      Buffer.from([0x22, 0, 1]),
      Buffer.from('b'),
      Buffer.from([0, 1, 1]),
      Buffer.from([0x44, 0, 1]),
      Buffer.from('k'),
      Buffer.from([0, 1]),
      Buffer.from('x'),
      Buffer.from([0x44, 0, 0, 0, 1]),
      Buffer.from('y'),
      Buffer.from([0x03]),
    ]);
    const response = decodeIppResponse(body);
    expect(response.status).toBe(0x0406);
    const job = response.groups[0]!.attributes;
    expect(job.get('job-state')).toEqual([9]);
    expect(job.get('b')).toEqual([true]);
    expect(job.get('k')).toEqual(['x', 'y']);
  });
});
