import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '../../shared/errors.ts';

/** Why an output file cannot be written, as the `reason` of an `output_failed` error. */
export type OutputFailureReason = 'folder_missing' | 'is_directory' | 'permission' | 'disk_full' | 'other';

const REASON_BY_ERRNO: Record<string, OutputFailureReason> = {
  ENOENT: 'folder_missing',
  ENOTDIR: 'folder_missing',
  EISDIR: 'is_directory',
  EACCES: 'permission',
  EPERM: 'permission',
  EROFS: 'permission',
  ENOSPC: 'disk_full',
  EDQUOT: 'disk_full',
};

/** Maps a Node file-system error to the reason shown to the user. */
export function outputFailureReason(error: unknown): OutputFailureReason {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === undefined ? 'other' : (REASON_BY_ERRNO[code] ?? 'other');
}

/**
 * Checks, before any work starts, that a file can be created at `path`: its folder exists and is
 * writable, and the path is not a folder itself. Throws `output_failed` with the reason otherwise.
 * Creating the file can still fail later (a full disk); the writer reports that the same way.
 */
export async function checkOutputPath(path: string): Promise<void> {
  const fail = (reason: OutputFailureReason, cause?: unknown): never => {
    throw new AppError('output_failed', { path, reason }, { detail: `output path check: ${reason}`, cause });
  };

  const target = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') {
      return null;
    }
    return fail(outputFailureReason(error), error);
  });
  if (target?.isDirectory() === true) {
    fail('is_directory');
  }

  const folder = dirname(path);
  const folderStat = await stat(folder).catch((error: unknown) => fail(outputFailureReason(error), error));
  if (!folderStat.isDirectory()) {
    fail('folder_missing');
  }
  await access(folder, constants.W_OK).catch((error: unknown) => fail('permission', error));
}
