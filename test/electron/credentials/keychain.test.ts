import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeychainSecretStore } from '../../../electron/credentials/credentials.ts';
import { startDealposSimulator, type DealposSimulator } from '../../../electron/dealpos-simulator/index.ts';
import { freshHome, runCliCaptured } from '../../support/cli-runner.ts';

const execFileAsync = promisify(execFile);
const SECRET = 'keychain-test-secret-51c0de';
const hasKeyring = process.env.LABEL_DESK_KEYRING === '1';

let simulator: DealposSimulator;

beforeAll(async () => {
  simulator = await startDealposSimulator({ clientId: 'desk', clientSecret: SECRET });
});

afterAll(async () => {
  await simulator.close();
});

/** Reads every file under `folder` as text, so a test can prove the secret is in none of them. */
async function allFileContents(folder: string): Promise<string> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const texts = await Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map((entry) => readFile(join(entry.parentPath, entry.name), 'utf8')),
  );
  return texts.join('\n');
}

/** Runs the real `dealpos-labels` bin as a separate process. */
async function runBin(
  args: string[],
  env: NodeJS.ProcessEnv,
  input = '',
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['bin/dealpos-labels.js', ...args],
      { env, cwd: process.cwd() },
      (error, stdout, stderr) => {
        let code = 0;
        if (error !== null) {
          code = typeof error.code === 'number' ? error.code : 1;
        }
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(input);
  });
}

describe('keychain test environment', () => {
  it('has a keyring whenever it runs in CI, so the keychain tests below never skip there', () => {
    expect(process.env.CI !== 'true' || hasKeyring).toBe(true);
  });
});

describe.skipIf(!hasKeyring)('KeychainSecretStore with GNOME Keyring (run through scripts/test.sh)', () => {
  it('stores, reads and deletes a secret', async () => {
    const store = new KeychainSecretStore();
    const account = `test-${Date.now()}@http://127.0.0.1/api/v3/`;
    await store.set(account, SECRET);
    expect(await store.get(account)).toBe(SECRET);
    expect(await store.delete(account)).toBe(true);
    expect(await store.get(account)).toBeNull();
  });

  it('logs in, prints with the stored secret, and logs out', async () => {
    const home = await freshHome();
    const env = { PATH: process.env.PATH, LANG: 'en_US.UTF-8', DEALPOS_LABELS_HOME: home };

    const login = await runCliCaptured(['login', '--url', simulator.url, '--client-id', 'desk'], env, {
      stdin: `${SECRET}\n`,
    });
    expect(login.code).toBe(0);
    expect(login.stdout).toContain('The secret is stored in the system keychain.');
    const settings = JSON.parse(await readFile(join(home, 'settings.json'), 'utf8')) as {
      dealpos: { url: string; clientId: string };
    };
    expect(settings.dealpos).toEqual({ url: simulator.url, clientId: 'desk' });
    expect(await allFileContents(home)).not.toContain(SECRET);

    const pdf = join(await mkdtemp(join(tmpdir(), 'label-desk-keychain-')), 'labels.pdf');
    const print = await runCliCaptured(
      ['print', '--bill', '2023.09.00001', '--outlet', 'Pluit', '--pdf', pdf],
      env,
    );
    expect(print.code).toBe(0);

    const logout = await runCliCaptured(['logout'], env);
    expect(logout.code).toBe(0);
    expect(logout.stdout).toContain('Signed out');
    const afterLogout = await runCliCaptured(
      ['print', '--bill', '2023.09.00001', '--outlet', 'Pluit', '--pdf', pdf],
      env,
    );
    expect(afterLogout.code).toBe(2);
    expect(await new KeychainSecretStore().get(`desk@${simulator.url}`)).toBeNull();
  });

  it('refuses a wrong secret at login and stores nothing', async () => {
    const home = await freshHome();
    const env = { PATH: process.env.PATH, LANG: 'en_US.UTF-8', DEALPOS_LABELS_HOME: home };
    const login = await runCliCaptured(['login', '--url', simulator.url, '--client-id', 'desk'], env, {
      stdin: 'not-the-secret\n',
    });
    expect(login.code).toBe(4);
    expect(await readdir(home)).toEqual([]);
    expect(await new KeychainSecretStore().get(`desk@${simulator.url}`)).toBeNull();
  });
});

describe('login without a keychain', () => {
  it('fails with a clear message, exit 2, and writes the secret nowhere', async () => {
    const home = await freshHome();
    const result = await runBin(
      ['login', '--url', simulator.url, '--client-id', 'desk'],
      {
        PATH: process.env.PATH,
        HOME: home,
        LANG: 'en_US.UTF-8',
        DEALPOS_LABELS_HOME: home,
        // No session bus and no display: libsecret cannot reach any Secret Service.
        DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(home, 'no-such-bus')}`,
      },
      `${SECRET}\n`,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Couldn't use the system keychain");
    expect(result.stderr).not.toContain(SECRET);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await allFileContents(home)).not.toContain(SECRET);
    expect(await readdir(home)).not.toContain('settings.json');
  });
});

describe('dealpos-labels bin', () => {
  it('exits with the code of the failure as a real process', async () => {
    const result = await runBin(
      ['print', '--bill', '2023.09.00999', '--outlet', 'Pluit', '--pdf', join(tmpdir(), 'x.pdf')],
      {
        PATH: process.env.PATH,
        LANG: 'en_US.UTF-8',
        DEALPOS_LABELS_HOME: await freshHome(),
        DEALPOS_URL: simulator.url,
        DEALPOS_CLIENT_ID: 'desk',
        DEALPOS_CLIENT_SECRET: SECRET,
      },
    );
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('2023.09.00999');
  });

  it('lists the templates', async () => {
    const { stdout } = await execFileAsync(process.execPath, ['bin/dealpos-labels.js', 'templates'], {
      env: { PATH: process.env.PATH, LANG: 'en_US.UTF-8', DEALPOS_LABELS_HOME: await freshHome() },
    });
    expect(stdout).toContain('roll-50x30');
    expect(stdout).toContain('roll-33x15-3up');
    expect(stdout).toContain('sheet-a4-3x8');
  });
});
