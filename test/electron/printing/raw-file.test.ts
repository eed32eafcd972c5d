import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeRawJobFile } from '../../../electron/printing/raw-file.ts';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'raw-file-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function* pieces(...parts: Array<string | Error>): AsyncGenerator<Buffer> {
  for (const part of parts) {
    if (part instanceof Error) {
      throw part;
    }
    yield Buffer.from(part, 'latin1');
  }
}

describe('writeRawJobFile', () => {
  it('writes every piece in order', async () => {
    const path = join(dir, 'sub', 'job.zpl');
    let started = 0;
    const bytes = await writeRawJobFile(path, pieces('^XA\n', '^FDone^FS\n', '^XZ\n'), {
      onOutputStarted: () => (started += 1),
    });
    expect(await readFile(path, 'latin1')).toBe('^XA\n^FDone^FS\n^XZ\n');
    expect(bytes).toBe(18);
    expect(started).toBe(1);
    expect(await readdir(join(dir, 'sub'))).toEqual(['job.zpl']);
  });

  it('streams more than the file buffer', async () => {
    const path = join(dir, 'big.tspl');
    // 4 MB in 64 KB pieces, beyond the stream's 1 MB buffer, so the writer waits for drain.
    async function* big(): AsyncGenerator<Buffer> {
      for (let index = 0; index < 64; index++) {
        yield Buffer.alloc(64 * 1024, index);
      }
    }
    expect(await writeRawJobFile(path, big())).toBe(4 * 1024 * 1024);
    const written = await readFile(path);
    expect(written.length).toBe(4 * 1024 * 1024);
    expect(written[64 * 1024 * 63]).toBe(63);
  });

  it('keeps the old file when a piece fails', async () => {
    const path = join(dir, 'job.tspl');
    await writeFile(path, 'old job');
    await expect(writeRawJobFile(path, pieces('SIZE 50 mm\r\n', new Error('line 2 failed')))).rejects.toThrow(
      'line 2 failed',
    );
    expect(await readFile(path, 'utf8')).toBe('old job');
    expect(await readdir(dir)).toEqual(['job.tspl']);
  });

  it('fails when the folder is a file', async () => {
    const blocker = join(dir, 'blocker');
    await writeFile(blocker, '');
    await expect(writeRawJobFile(join(blocker, 'job.zpl'), pieces('^XA\n'))).rejects.toThrow();
  });
});
