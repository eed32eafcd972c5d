#!/usr/bin/env node
import { runCli } from './run.ts';

// The command-line entry: `npm run labels -- <command>` or the `dealpos-labels` bin.
const exitCode = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
process.exitCode = exitCode;
