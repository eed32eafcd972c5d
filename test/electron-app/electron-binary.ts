import { access, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Whether the Electron executable can be launched here, with the reason when it cannot. */
export type ElectronBinary =
  { installed: true; executablePath: string } | { installed: false; reason: string };

const require = createRequire(import.meta.url);

const NOT_INSTALLED =
  'Electron binary not installed (installed with ELECTRON_SKIP_BINARY_DOWNLOAD); run on a machine with the binary';

/** The folder of the installed `electron` npm package. */
export function electronPackageFolder(): string {
  return dirname(require.resolve('electron/package.json'));
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds the Electron executable that the `electron` package in `packageFolder` points to. The package's
 * `require('electron')` returns that path, but when `path.txt` or the binary is missing it first runs its
 * installer, which downloads Electron from GitHub. So both files are checked before the package is loaded,
 * and a missing one reports the binary as not installed without any network access.
 */
export async function findElectronBinary(
  packageFolder: string = electronPackageFolder(),
  environment: NodeJS.ProcessEnv = process.env,
): Promise<ElectronBinary> {
  const overrideFolder = environment.ELECTRON_OVERRIDE_DIST_PATH;
  if (overrideFolder === undefined || overrideFolder === '') {
    let relativePath: string;
    try {
      relativePath = await readFile(join(packageFolder, 'path.txt'), 'utf8');
    } catch {
      return { installed: false, reason: `${NOT_INSTALLED}: ${join(packageFolder, 'path.txt')} is missing` };
    }
    const expected = join(packageFolder, 'dist', relativePath);
    if (!(await exists(expected))) {
      return { installed: false, reason: `${NOT_INSTALLED}: ${expected} is missing` };
    }
  }

  let executablePath: unknown;
  try {
    executablePath = require(packageFolder);
  } catch (error) {
    // The package throws "Electron failed to install correctly" when its installer fails.
    const message = error instanceof Error ? error.message : String(error);
    return { installed: false, reason: `${NOT_INSTALLED}: ${message}` };
  }
  if (typeof executablePath !== 'string' || !(await exists(executablePath))) {
    return { installed: false, reason: `${NOT_INSTALLED}: ${String(executablePath)} does not exist` };
  }
  return { installed: true, executablePath };
}
