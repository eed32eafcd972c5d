import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';

/** Bytes the file stream buffers before the writer waits for the disk. */
const FILE_BUFFER_BYTES = 1024 * 1024;

/** Settings of one raw job file. */
export interface WriteRawFileOptions {
  /** Called once, when the first bytes are handed to the file stream. */
  onOutputStarted?: () => void;
}

/**
 * Writes the pieces of a raw printer job (as `streamRawJob` yields them) to `path` as they come, with
 * backpressure, so memory does not grow with the job. The bytes go to a temporary file beside `path`,
 * which is synced to disk and then renamed, so `path` contains either its old content or the whole job.
 * On any error, including one thrown by `pieces`, the temporary file is deleted and the error passed on.
 * Returns the number of bytes written.
 */
export async function writeRawJobFile(
  path: string,
  pieces: AsyncIterable<Buffer>,
  options: WriteRawFileOptions = {},
): Promise<number> {
  await mkdir(dirname(path), { recursive: true });
  const tempPath = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.partial`);
  // 'wx' fails instead of overwriting, and flush fsyncs before the stream closes.
  const handle = await open(tempPath, 'wx');
  const file = handle.createWriteStream({ flush: true, highWaterMark: FILE_BUFFER_BYTES });
  let fileError: unknown;
  file.on('error', (error) => {
    fileError = error;
  });
  try {
    let bytes = 0;
    for await (const piece of pieces) {
      if (fileError !== undefined) {
        throw fileError;
      }
      const hasRoom = file.write(piece);
      if (bytes === 0) {
        options.onOutputStarted?.();
      }
      bytes += piece.length;
      if (!hasRoom) {
        await once(file, 'drain');
      }
    }
    file.end();
    await finished(file);
    await rename(tempPath, path);
    return bytes;
  } catch (error) {
    file.destroy();
    await finished(file).catch(() => undefined);
    await rm(tempPath, { force: true });
    throw error;
  }
}
