import { mkdir, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { z } from 'zod';

/** The content of a JSON file read by {@link readJsonFile}. */
export type JsonFileRead<T> =
  | { status: 'missing' }
  | { status: 'ok'; value: T }
  /** The file was not valid JSON or did not match the schema; it now sits at `movedAsidePath`. */
  | { status: 'moved_aside'; movedAsidePath: string };

/**
 * Reads a JSON file and checks it with `schema`. A file that cannot be parsed or does not match is
 * renamed to `<path>.corrupt-<time>`, so the caller can start afresh while the old content stays on
 * disk. Read errors other than a missing file are thrown.
 */
export async function readJsonFile<S extends z.ZodType>(
  path: string,
  schema: S,
  now: Date,
): Promise<JsonFileRead<z.output<S>>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { status: 'missing' };
    }
    throw error;
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const result = schema.safeParse(parsed);
  if (result.success) {
    return { status: 'ok', value: result.data };
  }

  const movedAsidePath = `${path}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  await rename(path, movedAsidePath);
  return { status: 'moved_aside', movedAsidePath };
}

/** Writes a value as JSON atomically: a temporary file, flushed, then renamed over the old one. */
export async function writeJsonFile(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`, { encoding: 'utf8', mode: 0o600 });
}
