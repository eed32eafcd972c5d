#!/usr/bin/env node
import { runCli } from './run.ts';

// The command-line entry: `npm run labels -- <command>` or the `dealpos-labels` bin. Ctrl+C or a
// termination signal cancels the job, so the PDF writer removes its temporary file before exiting.
const controller = new AbortController();
const cancel = (): void => {
  controller.abort();
};
process.once('SIGINT', cancel);
process.once('SIGTERM', cancel);

const exitCode = await runCli(
  process.argv.slice(2),
  { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env },
  { signal: controller.signal },
);
process.exitCode = exitCode;
