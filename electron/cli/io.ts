import type { Readable, Writable } from 'node:stream';

/** The streams and environment a CLI run uses, passed in so tests can run it in-process. */
export interface CliIo {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
}

export function writeLine(stream: Writable, text: string): void {
  stream.write(`${text}\n`);
}

/** Reads all of standard input as text (a secret piped in, for example). */
export async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Reads one line from a terminal without echoing it, for the client secret. Raw mode is restored on
 * every path, including Ctrl+C, which ends the read with an empty result.
 */
export async function readHiddenLine(
  stream: Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => void },
): Promise<string> {
  if (stream.setRawMode === undefined) {
    return (await readAll(stream)).split(/\r?\n/)[0] ?? '';
  }
  stream.setRawMode(true);
  stream.resume();
  try {
    return await new Promise<string>((resolve) => {
      let line = '';
      const onData = (chunk: Buffer | string): void => {
        for (const character of chunk.toString()) {
          if (character === '\r' || character === '\n' || character === '\u0004') {
            stream.off('data', onData);
            resolve(line);
            return;
          }
          if (character === '\u0003') {
            stream.off('data', onData);
            resolve('');
            return;
          }
          line = character === '\u007f' ? line.slice(0, -1) : line + character;
        }
      };
      stream.on('data', onData);
    });
  } finally {
    stream.setRawMode(false);
    stream.pause();
  }
}
