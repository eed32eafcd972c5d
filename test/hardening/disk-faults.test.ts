import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const execFileAsync = promisify(execFile);
const CHILD = join(import.meta.dirname, 'support', 'disk-fault-child.ts');

/**
 * Runs the PDF job in a private mount namespace (`unshare -rm`) where `folder` is a tmpfs mounted with
 * `mountOptions`, so a full or read-only disk is real without touching the machine's own file systems.
 */
async function writeJobOn(mountOptions: string): Promise<Record<string, unknown>> {
  const folder = await mkdtemp(join(tmpdir(), 'label-desk-disk-'));
  const script = `mount -t tmpfs -o ${mountOptions} tmpfs "$1" && exec "$2" --import tsx "$3" "$1"`;
  const { stdout } = await execFileAsync(
    'unshare',
    ['-rm', 'bash', '-c', script, 'disk-fault', folder, process.execPath, CHILD],
    {
      cwd: process.cwd(),
    },
  );
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('PDF export on a failing disk', () => {
  it('reports a full disk and leaves no file', async () => {
    // 2,000 labels need several hundred KB; the disk holds 64 KB.
    const result = await writeJobOn('size=64k');
    expect(result.ok).toBe(false);
    expect(result.code).toBe('output_failed');
    expect(result.params).toMatchObject({ reason: 'disk_full' });
    expect(result.files).toEqual([]);
  });

  it('reports a read-only folder before writing', async () => {
    const result = await writeJobOn('ro');
    expect(result.ok).toBe(false);
    expect(result.code).toBe('output_failed');
    expect(result.params).toMatchObject({ reason: 'permission' });
    expect(result.files).toEqual([]);
  });
});
