import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll } from 'vitest';
import { runCli, type CliOverrides } from '../../electron/cli/run.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function collect(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return () => Buffer.concat(chunks).toString('utf8');
}

/** Runs the real CLI code in-process with captured output and the given environment and input. */
export async function runCliCaptured(
  argv: string[],
  env: NodeJS.ProcessEnv,
  options: { stdin?: string; overrides?: CliOverrides } = {},
): Promise<CliResult> {
  const stdin = new PassThrough();
  stdin.end(options.stdin ?? '');
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const readOut = collect(stdout);
  const readErr = collect(stderr);
  const code = await runCli(argv, { stdin, stdout, stderr, env }, options.overrides);
  return { code, stdout: readOut(), stderr: readErr() };
}

const homes: string[] = [];

// Registered when a test file imports this module, so every file removes the homes it made.
afterAll(async () => {
  const created = homes.splice(0);
  await Promise.all(created.map((home) => rm(home, { recursive: true, force: true })));
});

/**
 * Creates a fresh settings folder, so no test reads another test's account or the developer's own.
 * The folder is removed after the last test of the file that created it.
 */
export async function freshHome(): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), 'label-desk-home-'));
  homes.push(home);
  return home;
}
