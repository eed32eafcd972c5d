import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { META_CONTENT_SECURITY_POLICY } from '../../electron/main/window-options.ts';
import { eventChannels, invokeChannels } from '../../shared/ipc-contract.ts';
import { findElectronBinary } from './electron-binary.ts';

// Drives the built desktop app (`out/main/index.js`, from `electron-vite build`) in the real Electron
// binary. Where the binary was never downloaded, every test here is skipped with the reason in its name.
//
// On Linux, Chromium refuses to start as root unless its OS sandbox is off, so `--no-sandbox` is passed
// only when the tests run as root (CI runs `scripts/test.sh` as root). The window's own
// `webPreferences.sandbox: true` is left as the app sets it. Electron also
// needs a display there: run under `xvfb-run` when neither DISPLAY nor WAYLAND_DISPLAY is set.
// NOTE: this suite was written on a machine without the Electron binary, so it has never run against a
// real Electron 45; its selectors and checks come from the Chromium e2e suite and the main process code.

const ROOT = resolve(import.meta.dirname, '..', '..');
const MAIN_SCRIPT = join(ROOT, 'out', 'main', 'index.js');

const binary = await findElectronBinary();
const hasDisplay =
  process.platform !== 'linux' ||
  (process.env.DISPLAY ?? '') !== '' ||
  (process.env.WAYLAND_DISPLAY ?? '') !== '';

function skipReason(): string | null {
  if (!binary.installed) {
    return binary.reason;
  }
  if (!hasDisplay) {
    return 'No display for the Electron window; run under xvfb-run or set DISPLAY';
  }
  return null;
}

const reason = skipReason();
const suiteName =
  reason === null ? 'desktop app in Electron' : `desktop app in Electron (skipped: ${reason})`;

/** Methods the preload must expose: one per invoke channel and one per event channel of the contract. */
const CONTRACT_METHODS = [
  ...Object.values(invokeChannels).map((definition) => definition.method),
  ...Object.values(eventChannels).map((definition) => definition.method),
].sort();

/** Arguments for Electron: the OS sandbox switch only for root, then the built main script. */
function launchArguments(): string[] {
  const runsAsRoot = process.platform === 'linux' && process.getuid?.() === 0;
  return [...(runsAsRoot ? ['--no-sandbox'] : []), MAIN_SCRIPT];
}

/** Builds the app's environment: its own data folder, and no inherited dev server URL or Node mode. */
function appEnvironment(dataFolder: string): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && name !== 'ELECTRON_RENDERER_URL' && name !== 'ELECTRON_RUN_AS_NODE') {
      environment[name] = value;
    }
  }
  environment.DEALPOS_LABELS_HOME = dataFolder;
  return environment;
}

describe.skipIf(reason !== null)(suiteName, () => {
  let app: ElectronApplication;
  let page: Page;
  let dataFolder: string;
  /** A loopback server that plays another origin and counts the requests reaching it. */
  let otherOrigin: Server;
  let otherOriginUrl: string;
  let otherOriginRequests = 0;

  beforeAll(async () => {
    dataFolder = await mkdtemp(join(tmpdir(), 'label-desk-electron-'));
    otherOrigin = createServer((_request, response) => {
      otherOriginRequests += 1;
      response.end('<h1>Another site</h1>');
    });
    await new Promise<void>((resolveListen) => otherOrigin.listen(0, '127.0.0.1', resolveListen));
    otherOriginUrl = `http://127.0.0.1:${(otherOrigin.address() as AddressInfo).port}/`;

    app = await electron.launch({
      executablePath: binary.installed ? binary.executablePath : '',
      args: launchArguments(),
      cwd: ROOT,
      env: appEnvironment(dataFolder),
    });
    page = await app.firstWindow();
    await page.locator('h1').first().waitFor();
  });

  afterAll(async () => {
    await app?.close();
    await new Promise((resolveClose) => otherOrigin?.close(resolveClose));
    if (dataFolder !== undefined) {
      await rm(dataFolder, { recursive: true, force: true });
    }
  });

  it('opens one window on the desk screen', async () => {
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    expect(page.url()).toMatch(/^file:\/\/.*\/out\/renderer\/index\.html$/);
    // A fresh data folder has no account, so the desk opens on its first-run form.
    await page.locator('main.first-run').waitFor();
  });

  it('exposes exactly the contract methods', async () => {
    const methods = await page.evaluate<string[]>('Object.keys(window.labelDesk).sort()');
    expect(methods).toEqual(CONTRACT_METHODS);
    const kinds = await page.evaluate<string[]>(
      'Object.values(window.labelDesk).map((value) => typeof value)',
    );
    expect(new Set(kinds)).toEqual(new Set(['function']));
  });

  it('keeps require and process out of the page', async () => {
    expect(await page.evaluate<string>('typeof require')).toBe('undefined');
    expect(await page.evaluate<string>('typeof process')).toBe('undefined');
    expect(await page.evaluate<string>('typeof module')).toBe('undefined');
    expect(await page.evaluate<string>('typeof window.labelDesk.require')).toBe('undefined');
  });

  it('carries the CSP meta tag and enforces it', async () => {
    const policy = await page.evaluate<string | null>(
      `document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? null`,
    );
    expect(policy).toBe(META_CONTENT_SECURITY_POLICY);
    // script-src 'self' without 'unsafe-eval' makes eval throw.
    const evalOutcome = await page.evaluate<string>(
      `(() => { try { eval('1'); return 'allowed'; } catch (error) { return error.name; } })()`,
    );
    expect(evalOutcome).toBe('EvalError');
  });

  it('blocks navigation and new windows to another origin', async () => {
    const appUrl = page.url();
    await app.evaluate(({ BrowserWindow }) => {
      const seen: string[] = [];
      Reflect.set(globalThis, 'navigationsSeenByTest', seen);
      BrowserWindow.getAllWindows()[0]?.webContents.on('will-navigate', (event) => {
        seen.push(event.url);
      });
    });

    await page.evaluate(`location.href = ${JSON.stringify(otherOriginUrl)}`);
    await expect
      .poll(() => app.evaluate(() => Reflect.get(globalThis, 'navigationsSeenByTest') as string[]))
      .toEqual([otherOriginUrl]);
    expect(page.url()).toBe(appUrl);
    await page.locator('main.first-run').waitFor();

    expect(await page.evaluate<boolean>(`window.open(${JSON.stringify(otherOriginUrl)}) === null`)).toBe(
      true,
    );
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    expect(otherOriginRequests).toBe(0);
  });

  it('fetches the demo bill with its three lines', async () => {
    await page.locator('main.first-run .demo button').click();
    await page.locator('.document-form').waitFor();

    await page.locator('.document-form .outlet input').fill('Pluit');
    const numberField = page.locator('.document-form .number input');
    await numberField.fill('2023.09.00001');
    await numberField.press('Enter');

    await expect.poll(() => page.locator('[role="row"][data-line]').count()).toBe(3);
  });
});
