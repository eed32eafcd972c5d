import { fireEvent, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { FakeLabelDeskApi, FAKE_SECRET } from './fake-api.ts';
import { renderApp } from './render-desk.ts';

function field(label: string): HTMLInputElement {
  return screen.getByLabelText(label) as HTMLInputElement;
}

describe('first run', () => {
  it('shows the setup until an account is saved', async () => {
    const api = new FakeLabelDeskApi({ configured: false });
    const { desk } = await renderApp(api);
    expect(screen.getByRole('heading', { name: 'Selamat datang di DealPOS Label Desk' })).toBeTruthy();

    await fireEvent.input(field('Alamat DealPOS'), { target: { value: 'tokobandung' } });
    await fireEvent.input(field('ID klien (client ID)'), { target: { value: 'label-desk' } });
    await fireEvent.input(field('Secret klien (client secret)'), { target: { value: FAKE_SECRET } });
    await fireEvent.click(screen.getByRole('button', { name: 'Uji koneksi' }));
    expect((await screen.findByTestId('account-status')).textContent).toContain('Terhubung');

    await fireEvent.click(screen.getByRole('button', { name: 'Simpan dan mulai' }));

    await screen.findByLabelText('Nomor dokumen');
    expect(api.callsOf('saveAccount')[0]?.args).toEqual([
      { url: 'tokobandung', clientId: 'label-desk', secret: FAKE_SECRET },
    ]);
    expect(JSON.stringify(desk.settings.view)).not.toContain(FAKE_SECRET);
    expect(JSON.stringify(desk.settings.accountStatus)).not.toContain(FAKE_SECRET);
  });

  it('reports a wrong secret when testing the connection', async () => {
    await renderApp(new FakeLabelDeskApi({ configured: false }));
    await fireEvent.input(field('Alamat DealPOS'), { target: { value: 'tokobandung' } });
    await fireEvent.input(field('ID klien (client ID)'), { target: { value: 'label-desk' } });
    await fireEvent.input(field('Secret klien (client secret)'), { target: { value: 'salah' } });

    await fireEvent.click(screen.getByRole('button', { name: 'Uji koneksi' }));

    expect((await screen.findByTestId('account-status')).textContent).toContain(
      'client ID atau secret ditolak',
    );
  });

  it('asks for the missing field before sending anything', async () => {
    const api = new FakeLabelDeskApi({ configured: false });
    await renderApp(api);
    await fireEvent.input(field('Alamat DealPOS'), { target: { value: 'tokobandung' } });

    await fireEvent.click(screen.getByRole('button', { name: 'Simpan dan mulai' }));

    expect(await screen.findByText('Isi client ID.')).toBeTruthy();
    expect(api.callsOf('saveAccount')).toHaveLength(0);
  });

  it('starts demo mode with a visible badge', async () => {
    const api = new FakeLabelDeskApi({ configured: false });
    await renderApp(api);

    await fireEvent.click(screen.getByRole('button', { name: 'Mulai mode demo' }));

    expect((await screen.findByTestId('demo-badge')).textContent).toContain('MODE DEMO');
    expect(api.callsOf('setDemoMode')[0]?.args).toEqual([true]);
  });

  it('offers English before anything is set up', async () => {
    await renderApp(new FakeLabelDeskApi({ configured: false }));

    await fireEvent.change(screen.getByLabelText('Bahasa'), { target: { value: 'en' } });

    expect(screen.getByRole('heading', { name: 'Welcome to DealPOS Label Desk' })).toBeTruthy();
  });
});

describe('settings dialog', () => {
  it('clears the secret field after saving and never keeps the secret', async () => {
    const api = new FakeLabelDeskApi();
    const { desk } = await renderApp(api);
    await fireEvent.click(screen.getByRole('button', { name: 'Pengaturan' }));
    await screen.findByRole('dialog', { name: 'Pengaturan' });
    const secret = field('Secret klien (client secret)');
    expect(secret.type).toBe('password');
    expect(secret.value).toBe('');
    expect(secret.placeholder).toBe('Tersimpan di keychain sistem');

    await fireEvent.input(secret, { target: { value: 'secret-baru-456' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Simpan' }));

    await screen.findByText('Akun tersimpan.');
    expect(secret.value).toBe('');
    expect(api.callsOf('saveAccount')[0]?.args).toEqual([
      { url: 'https://tokobandung.dealpos.net/api/v3/', clientId: 'label-desk', secret: 'secret-baru-456' },
    ]);
    const kept = JSON.stringify({
      view: desk.settings.view,
      info: desk.settings.info,
      status: desk.settings.accountStatus,
    });
    expect(kept).not.toContain('secret-baru-456');
    expect(desk.settings.view?.hasSecret).toBe(true);
  });

  it('keeps the stored secret when the field is left empty', async () => {
    const api = new FakeLabelDeskApi();
    await renderApp(api);
    await fireEvent.click(screen.getByRole('button', { name: 'Pengaturan' }));

    await fireEvent.click(await screen.findByRole('button', { name: 'Uji koneksi' }));

    expect((await screen.findByTestId('account-status')).textContent).toContain('Terhubung');
    expect(api.callsOf('testAccount')[0]?.args).toEqual([
      { url: 'https://tokobandung.dealpos.net/api/v3/', clientId: 'label-desk', secret: null },
    ]);
  });

  it('saves the default template and dpi and applies them', async () => {
    const api = new FakeLabelDeskApi();
    const { desk } = await renderApp(api);
    await fireEvent.click(screen.getByRole('button', { name: 'Pengaturan' }));

    await fireEvent.change(await screen.findByLabelText('Template bawaan'), {
      target: { value: 'sheet-a4-3x8' },
    });
    await fireEvent.change(screen.getByLabelText('Resolusi bawaan'), { target: { value: '300' } });

    expect(api.callsOf('updateSettings').map((call) => call.args[0])).toEqual([
      { defaultTemplateId: 'sheet-a4-3x8' },
      { defaultDpi: 300 },
    ]);
    expect(desk.print.templateId).toBe('sheet-a4-3x8');
    expect(desk.print.dpi).toBe(300);
  });

  it('closes with Escape and returns the focus to the number field', async () => {
    await renderApp();
    await fireEvent.keyDown(window, { key: ',', ctrlKey: true });
    const dialog = await screen.findByRole('dialog', { name: 'Pengaturan' });

    await fireEvent.keyDown(dialog, { key: 'Escape' });

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Nomor dokumen')));
  });
});
