import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KeychainSecretStore, keychainAccount } from '../../../electron/credentials/credentials.ts';
import { MemorySecretStore } from '../../e2e/harness/memory-secret-store.ts';
import {
  createDeskFixture,
  errorOf,
  FailingSecretStore,
  saveStoreAccount,
  STORE_CLIENT_ID,
  STORE_SECRET,
  valueOf,
  type DeskFixture,
} from './desk-fixture.ts';

const hasKeyring = process.env.LABEL_DESK_KEYRING === '1';

let fixture: DeskFixture | undefined;

afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('settings:get', () => {
  it('shows the defaults on a fresh folder', async () => {
    fixture = await createDeskFixture();
    expect(await fixture.handlers['settings:get']()).toEqual({
      dealposUrl: null,
      clientId: null,
      hasSecret: false,
      demo: false,
      locale: 'id',
      defaultTemplateId: 'roll-50x30',
      defaultDpi: 203,
      recentOutlets: [],
    });
  });

  it('never contains the secret, only that one is stored', async () => {
    fixture = await createDeskFixture();
    await saveStoreAccount(fixture);

    const view = await fixture.handlers['settings:get']();
    expect(view.hasSecret).toBe(true);
    expect(view.clientId).toBe(STORE_CLIENT_ID);
    expect(JSON.stringify(view)).not.toContain(STORE_SECRET);
    expect(JSON.stringify(await fixture.handlers['app:get-info']())).not.toContain(STORE_SECRET);
  });

  it('keeps the secret out of every file and log line', async () => {
    fixture = await createDeskFixture();
    await saveStoreAccount(fixture);
    valueOf(
      await fixture.handlers['account:test']({
        url: fixture.simulator.url,
        clientId: STORE_CLIENT_ID,
        secret: null,
      }),
    );
    valueOf(
      await fixture.handlers['document:fetch']({ kind: 'bill', outlet: 'Pluit', number: '2023.09.00001' }),
    );

    const text = await fixture.allUserDataText();
    expect(text).toContain('Fetched a document');
    expect(text).not.toContain(STORE_SECRET);
  });
});

describe('settings:update', () => {
  it('saves the language, template and dpi', async () => {
    fixture = await createDeskFixture();
    const view = valueOf(
      await fixture.handlers['settings:update']({
        locale: 'en',
        defaultTemplateId: 'sheet-a4-3x8',
        defaultDpi: 300,
      }),
    );
    expect(view).toMatchObject({ locale: 'en', defaultTemplateId: 'sheet-a4-3x8', defaultDpi: 300 });
    expect((await fixture.handlers['app:get-info']()).locale).toBe('en');
  });

  it('rejects an unknown default template', async () => {
    fixture = await createDeskFixture();
    const outcome = await fixture.handlers['settings:update']({ defaultTemplateId: 'no-such-template' });
    expect(outcome).toEqual({
      ok: false,
      error: { code: 'template_not_found', params: { id: 'no-such-template' } },
    });
  });
});

describe('account:save', () => {
  it('stores the secret in the keychain and the rest in settings', async () => {
    const secrets = new MemorySecretStore();
    fixture = await createDeskFixture({ secrets });
    const view = valueOf(
      await fixture.handlers['account:save']({
        url: fixture.simulator.url,
        clientId: STORE_CLIENT_ID,
        secret: STORE_SECRET,
      }),
    );

    expect(view).toMatchObject({
      dealposUrl: fixture.simulator.url,
      clientId: STORE_CLIENT_ID,
      hasSecret: true,
    });
    expect(secrets.values.get(keychainAccount(fixture.simulator.url, STORE_CLIENT_ID))).toBe(STORE_SECRET);
    const settings = await readFile(join(fixture.userDataFolder, 'settings.json'), 'utf8');
    expect(settings).toContain(STORE_CLIENT_ID);
    expect(settings).not.toContain(STORE_SECRET);
  });

  it.runIf(hasKeyring)('stores the secret in the OS keychain', async () => {
    const secrets = new KeychainSecretStore();
    fixture = await createDeskFixture({ secrets });
    const account = keychainAccount(fixture.simulator.url, STORE_CLIENT_ID);
    try {
      await saveStoreAccount(fixture);
      expect(await secrets.get(account)).toBe(STORE_SECRET);

      const restarted = await fixture.restart();
      expect((await restarted.handlers['settings:get']()).hasSecret).toBe(true);
      const document = valueOf(
        await restarted.handlers['document:fetch']({
          kind: 'bill',
          outlet: 'Pluit',
          number: '2023.09.00001',
        }),
      );
      expect(document.source).toBe('dealpos');
      expect(await fixture.allUserDataText()).not.toContain(STORE_SECRET);
    } finally {
      await secrets.delete(account);
    }
  });

  it('keeps the stored secret when the secret is null', async () => {
    const secrets = new MemorySecretStore();
    fixture = await createDeskFixture({ secrets });
    await saveStoreAccount(fixture);

    const view = valueOf(
      await fixture.handlers['account:save']({
        url: fixture.simulator.url,
        clientId: 'renamed-client',
        secret: null,
      }),
    );
    expect(view).toMatchObject({ clientId: 'renamed-client', hasSecret: true });
    // The secret moved to the new keychain entry; the old entry is gone.
    expect([...secrets.values.entries()]).toEqual([
      [keychainAccount(fixture.simulator.url, 'renamed-client'), STORE_SECRET],
    ]);
  });

  it('saves the address alone when no secret was ever stored', async () => {
    fixture = await createDeskFixture();
    const view = valueOf(
      await fixture.handlers['account:save']({ url: 'mystore', clientId: STORE_CLIENT_ID, secret: null }),
    );
    expect(view).toMatchObject({
      dealposUrl: 'https://mystore.dealpos.net/api/v3/',
      clientId: STORE_CLIENT_ID,
      hasSecret: false,
    });
  });

  it('stores nothing when the keychain is unavailable', async () => {
    fixture = await createDeskFixture({ secrets: new FailingSecretStore() });
    const outcome = await fixture.handlers['account:save']({
      url: fixture.simulator.url,
      clientId: STORE_CLIENT_ID,
      secret: STORE_SECRET,
    });

    expect(errorOf(outcome).code).toBe('keychain_unavailable');
    expect(await readdir(fixture.userDataFolder)).not.toContain('settings.json');
    const view = await fixture.handlers['settings:get']();
    expect(view).toMatchObject({ dealposUrl: null, hasSecret: false });
  });

  it('rejects an invalid address before storing anything', async () => {
    const secrets = new MemorySecretStore();
    fixture = await createDeskFixture({ secrets });
    const outcome = await fixture.handlers['account:save']({
      url: 'http://store.example.com',
      clientId: STORE_CLIENT_ID,
      secret: STORE_SECRET,
    });
    expect(errorOf(outcome).code).toBe('config_invalid');
    expect(secrets.values.size).toBe(0);
  });
});

describe('account:test', () => {
  it('gets a token with good credentials', async () => {
    fixture = await createDeskFixture();
    const outcome = await fixture.handlers['account:test']({
      url: fixture.simulator.url,
      clientId: STORE_CLIENT_ID,
      secret: STORE_SECRET,
    });
    expect(outcome).toEqual({ ok: true, value: { url: fixture.simulator.url } });
  });

  it('reports auth_failed for a wrong secret', async () => {
    fixture = await createDeskFixture();
    const outcome = await fixture.handlers['account:test']({
      url: fixture.simulator.url,
      clientId: STORE_CLIENT_ID,
      secret: 'wrong-secret',
    });
    expect(outcome).toEqual({ ok: false, error: { code: 'auth_failed', params: {} } });
  });

  it('uses the stored secret when the secret is null', async () => {
    fixture = await createDeskFixture();
    await saveStoreAccount(fixture);
    const outcome = await fixture.handlers['account:test']({
      url: fixture.simulator.url,
      clientId: STORE_CLIENT_ID,
      secret: null,
    });
    expect(outcome.ok).toBe(true);
  });

  it('reports credentials_missing with no secret anywhere', async () => {
    fixture = await createDeskFixture();
    const outcome = await fixture.handlers['account:test']({
      url: fixture.simulator.url,
      clientId: STORE_CLIENT_ID,
      secret: null,
    });
    expect(errorOf(outcome).code).toBe('credentials_missing');
  });

  it('reports keychain_unavailable when the stored secret cannot be read', async () => {
    fixture = await createDeskFixture({ secrets: new FailingSecretStore() });
    await writeFile(
      join(fixture.userDataFolder, 'settings.json'),
      JSON.stringify({
        version: 1,
        dealpos: { url: fixture.simulator.url, clientId: STORE_CLIENT_ID },
        locale: null,
        defaultTemplateId: 'roll-50x30',
        defaultDpi: 203,
      }),
    );
    const outcome = await fixture.handlers['account:test']({
      url: fixture.simulator.url,
      clientId: STORE_CLIENT_ID,
      secret: null,
    });
    expect(errorOf(outcome).code).toBe('keychain_unavailable');
    // The settings view still loads, showing no stored secret.
    expect((await fixture.handlers['settings:get']()).hasSecret).toBe(false);
  });
});

describe('account:set-demo', () => {
  it('fetches from the bundled simulator while demo mode is on', async () => {
    fixture = await createDeskFixture();
    const view = valueOf(await fixture.handlers['account:set-demo'](true));
    expect(view.demo).toBe(true);
    expect((await fixture.handlers['app:get-info']()).demo).toBe(true);

    const document = valueOf(
      await fixture.handlers['document:fetch']({ kind: 'bill', outlet: 'Pluit', number: '2023.09.00001' }),
    );
    expect(document.source).toBe('demo');
    expect(document.lines).toHaveLength(3);
    // The store's simulator was never asked.
    expect(fixture.simulator.requests).toHaveLength(0);
  });

  it('comes back in demo mode after a restart', async () => {
    fixture = await createDeskFixture();
    valueOf(await fixture.handlers['account:set-demo'](true));

    const restarted = await fixture.restart();
    expect((await restarted.handlers['app:get-info']()).demo).toBe(true);
    const document = valueOf(
      await restarted.handlers['document:fetch']({
        kind: 'delivery',
        outlet: 'Pluit',
        number: '2023.09.00001',
      }),
    );
    expect(document.source).toBe('demo');
  });

  it('returns to the stored account when switched off', async () => {
    fixture = await createDeskFixture();
    await saveStoreAccount(fixture);
    valueOf(await fixture.handlers['account:set-demo'](true));
    const demoDocument = valueOf(
      await fixture.handlers['document:fetch']({ kind: 'bill', outlet: 'Pluit', number: '2023.09.00001' }),
    );
    expect(demoDocument.source).toBe('demo');

    const view = valueOf(await fixture.handlers['account:set-demo'](false));
    expect(view.demo).toBe(false);
    const storeDocument = valueOf(
      await fixture.handlers['document:fetch']({ kind: 'bill', outlet: 'Pluit', number: '2023.09.00001' }),
    );
    expect(storeDocument.source).toBe('dealpos');
    expect(fixture.simulator.requests.some((request) => request.endpoint === 'bill')).toBe(true);
  });

  it('stops the demo simulator when switched off', async () => {
    fixture = await createDeskFixture();
    valueOf(await fixture.handlers['account:set-demo'](true));
    valueOf(
      await fixture.handlers['document:fetch']({ kind: 'bill', outlet: 'Pluit', number: '2023.09.00001' }),
    );
    const log = await readFile(fixture.logFile, 'utf8');
    const demoUrl = /Started the demo DealPOS simulator url="([^"]+)"/.exec(log)?.[1];
    expect(demoUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v3\/$/);

    valueOf(await fixture.handlers['account:set-demo'](false));
    await expect(fetch(new URL('Token/Oauth2', demoUrl), { method: 'POST' })).rejects.toThrow();
  });

  it('keeps demo documents apart from the store account history', async () => {
    fixture = await createDeskFixture();
    await saveStoreAccount(fixture);
    valueOf(await fixture.handlers['account:set-demo'](true));
    valueOf(
      await fixture.handlers['document:fetch']({ kind: 'bill', outlet: 'Pluit', number: '2023.09.00001' }),
    );
    expect(await fixture.handlers['history:list']()).toHaveLength(1);

    valueOf(await fixture.handlers['account:set-demo'](false));
    expect(await fixture.handlers['history:list']()).toEqual([]);
    const cached = await fixture.handlers['document:open-cached']({
      kind: 'bill',
      outlet: 'Pluit',
      number: '2023.09.00001',
    });
    expect(errorOf(cached).code).toBe('document_not_found');
  });
});

describe('app:get-info', () => {
  it('reports where a corrupt settings file was moved', async () => {
    fixture = await createDeskFixture();
    expect((await fixture.handlers['app:get-info']()).settingsMovedAsidePath).toBeNull();
    await writeFile(join(fixture.userDataFolder, 'settings.json'), '{ not json');

    const restarted = await fixture.restart();
    const info = await restarted.handlers['app:get-info']();
    expect(info).toMatchObject({ version: '9.8.7', locale: 'id', demo: false });
    expect(info.settingsMovedAsidePath).toMatch(/settings\.json\.corrupt-/);
    expect(await readFile(info.settingsMovedAsidePath ?? '', 'utf8')).toBe('{ not json');
  });
});
