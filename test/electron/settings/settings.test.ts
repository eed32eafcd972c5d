import { mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SettingsStore } from '../../../electron/settings/settings.ts';
import { AppError } from '../../../shared/errors.ts';

async function storeIn(): Promise<{ store: SettingsStore; folder: string }> {
  const folder = await mkdtemp(join(tmpdir(), 'label-desk-settings-'));
  return { store: new SettingsStore(folder), folder };
}

const account = { url: 'https://mystore.dealpos.net/api/v3/', clientId: 'desk' };

describe('SettingsStore', () => {
  it('gives the defaults when no file exists', async () => {
    const { store } = await storeIn();
    expect(await store.load()).toEqual({ settings: DEFAULT_SETTINGS, movedAsidePath: null });
  });

  it('saves and loads the settings with owner-only permissions', async () => {
    const { store } = await storeIn();
    await store.save({ ...DEFAULT_SETTINGS, dealpos: account, defaultDpi: 300 });
    const loaded = await store.load();
    expect(loaded.settings.dealpos).toEqual(account);
    expect(loaded.settings.defaultDpi).toBe(300);
    expect((await stat(store.path)).mode & 0o777).toBe(0o600);
  });

  it('moves a file that is not JSON aside and uses the defaults', async () => {
    const { store, folder } = await storeIn();
    await writeFile(store.path, '{ not json');
    const loaded = await store.load();
    expect(loaded.settings).toEqual(DEFAULT_SETTINGS);
    expect(loaded.movedAsidePath).not.toBeNull();
    expect(await readFile(loaded.movedAsidePath!, 'utf8')).toBe('{ not json');
    expect(await readdir(folder)).not.toContain('settings.json');
  });

  it('keeps the account when one other field is invalid', async () => {
    const { store } = await storeIn();
    const original = JSON.stringify({ ...DEFAULT_SETTINGS, dealpos: account, defaultDpi: 250, locale: 'id' });
    await writeFile(store.path, original);
    const loaded = await store.load();
    expect(loaded.settings.dealpos).toEqual(account);
    expect(loaded.settings.locale).toBe('id');
    expect(loaded.settings.defaultDpi).toBe(203);
    expect(await readFile(loaded.movedAsidePath!, 'utf8')).toBe(original);
    // The repaired file is written back, so the next load needs no repair.
    expect(await store.load()).toEqual({ settings: loaded.settings, movedAsidePath: null });
  });

  it('raises settings_unreadable when a folder stands in for the file', async () => {
    const { store } = await storeIn();
    await mkdir(store.path);
    const error = await store.load().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('settings_unreadable');
    expect((error as AppError).params).toEqual({ path: store.path, reason: 'EISDIR' });
  });
});
