import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from './electron-binary.ts';

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'electron-package-'));
  // Like the real package's index.js, minus the download: it returns the path named in path.txt.
  await writeFile(
    join(folder, 'index.js'),
    "const fs = require('fs'); const path = require('path');\n" +
      "module.exports = path.join(__dirname, 'dist', fs.readFileSync(path.join(__dirname, 'path.txt'), 'utf8'));\n",
  );
  await writeFile(join(folder, 'package.json'), JSON.stringify({ name: 'electron', main: 'index.js' }));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('findElectronBinary', () => {
  it('reports a package without path.txt as not installed', async () => {
    const binary = await findElectronBinary(folder, {});
    expect(binary.installed).toBe(false);
    expect(binary.installed ? '' : binary.reason).toContain('Electron binary not installed');
    expect(binary.installed ? '' : binary.reason).toContain('path.txt is missing');
  });

  it('reports a missing executable as not installed', async () => {
    await writeFile(join(folder, 'path.txt'), 'electron');
    const binary = await findElectronBinary(folder, {});
    expect(binary.installed ? '' : binary.reason).toContain(join(folder, 'dist', 'electron'));
  });

  it('returns the executable path when the binary exists', async () => {
    await writeFile(join(folder, 'path.txt'), 'electron');
    await mkdir(join(folder, 'dist'));
    await writeFile(join(folder, 'dist', 'electron'), '');
    await chmod(join(folder, 'dist', 'electron'), 0o755);

    const binary = await findElectronBinary(folder, {});
    expect(binary).toEqual({ installed: true, executablePath: join(folder, 'dist', 'electron') });
  });
});
