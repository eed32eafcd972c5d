import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDealposSimulator, type DealposSimulator } from '../../../electron/dealpos-simulator/index.ts';
import { freshHome } from '../../support/cli-runner.ts';

let simulator: DealposSimulator;
let folder: string | undefined;

beforeAll(async () => {
  simulator = await startDealposSimulator();
  simulator.setDocument('bill', 'Pluit', 'LONG-1', [
    { VariantID: 'l', Name: 'Long job', Code: 'LONG-01', Quantity: 40_000, UnitPrice: 1 },
  ]);
});

afterAll(async () => {
  await simulator.close();
  if (folder !== undefined) {
    await rm(folder, { recursive: true, force: true });
  }
});

/** Polls until `folder` holds a file whose name ends with `.partial`, or gives up after `timeoutMs`. */
async function waitForPartialFile(folder: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await readdir(folder)).some((name) => name.endsWith('.partial'))) {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

describe('dealpos-labels interrupted', () => {
  it('removes the partial PDF and exits 130 on Ctrl+C', async () => {
    folder = await mkdtemp(join(tmpdir(), 'label-desk-interrupt-'));
    const child = spawn(
      process.execPath,
      [
        'bin/dealpos-labels.js',
        'print',
        '--bill',
        'LONG-1',
        '--outlet',
        'Pluit',
        '--yes',
        '--pdf',
        join(folder, 'long.pdf'),
      ],
      {
        env: {
          PATH: process.env.PATH,
          LANG: 'en_US.UTF-8',
          DEALPOS_LABELS_HOME: await freshHome(),
          DEALPOS_URL: simulator.url,
          DEALPOS_CLIENT_ID: 'demo',
          DEALPOS_CLIENT_SECRET: 'demo-secret',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    expect(await waitForPartialFile(folder, 20_000)).toBe(true);
    child.kill('SIGINT');

    expect(await exited).toBe(130);
    expect(stderr).toContain('was cancelled. No file was written.');
    expect(await readdir(folder)).toEqual([]);
  });
});
