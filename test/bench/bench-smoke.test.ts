import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COLUMNS } from '../../bench/report.ts';

const execFileAsync = promisify(execFile);
const REPOSITORY = resolve(import.meta.dirname, '..', '..');

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bench-smoke-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Splits a Markdown table row into its trimmed cells. */
function cells(row: string): string[] {
  return row
    .split('|')
    .slice(1, -1)
    .map((cell) => cell.trim());
}

describe('npm run bench --quick', () => {
  it('prints the table and writes the page', async () => {
    const outPath = join(dir, 'benchmarks.md');

    const { stdout } = await execFileAsync(
      process.execPath,
      ['--import', 'tsx', join(REPOSITORY, 'bench', 'index.ts'), '--quick', '--out', outPath],
      { cwd: REPOSITORY, timeout: 120_000, maxBuffer: 1 << 20 },
    );

    const rows = stdout.split('\n').filter((line) => line.startsWith('|'));
    expect(rows[0] === undefined ? [] : cells(rows[0])).toEqual([...COLUMNS]);
    const body = rows.slice(2).map(cells);
    const pdf = body.find((row) => row[0] === 'PDF');
    const naive = body.find((row) => row[0] === 'PDF, naive');
    expect(pdf?.slice(1, 3)).toEqual(['20', '1,000']);
    expect(pdf).toHaveLength(COLUMNS.length);
    expect(naive?.slice(1, 3)).toEqual(['20', '1,000']);
    expect(naive).toHaveLength(COLUMNS.length);
    // Every measured figure is a number; a row that could not be measured gives the reason instead.
    for (const row of body.filter((candidate) => candidate.length === COLUMNS.length)) {
      for (const figure of row.slice(3, 8)) {
        expect(figure, row[0]).toMatch(/^[\d,]+(\.\d+)?$/);
      }
    }
    for (const row of body.filter((candidate) => candidate.length < COLUMNS.length)) {
      expect(row[3], row[0]).toMatch(/^not measured: /);
    }
    expect(stdout).toMatch(/^Machine: .+, \d+ cores, .*Node \d+\.\d+\.\d+/m);

    const page = await readFile(outPath, 'utf8');
    expect(page).toMatch(/^# Benchmarks\n/);
    expect(page).toContain(rows[0]);
    expect(page).toContain('## Targets');
  }, 150_000);
});
