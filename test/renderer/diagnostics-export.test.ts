import { fireEvent, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { FakeLabelDeskApi } from './fake-api.ts';
import { renderApp } from './render-desk.ts';

async function openSettings(): Promise<void> {
  await fireEvent.click(screen.getByRole('button', { name: 'Pengaturan' }));
  await screen.findByRole('dialog', { name: 'Pengaturan' });
}

describe('DiagnosticsExport', () => {
  it('exports and shows where the file went', async () => {
    const api = new FakeLabelDeskApi();
    await renderApp(api);
    await openSettings();

    await fireEvent.click(screen.getByRole('button', { name: 'Ekspor diagnostik' }));

    const section = screen.getByRole('region', { name: 'Dukungan' });
    const status = await within(section).findByRole('status');
    expect(status.textContent).toBe('Diagnostik disimpan di /tmp/label-desk-diagnostics-2026-03-14.json.');
    expect(api.callsOf('exportDiagnostics')).toHaveLength(1);
    expect(api.callsOf('exportDiagnostics')[0]?.args).toEqual([]);
  });

  it('shows nothing after a cancelled dialog', async () => {
    const api = new FakeLabelDeskApi();
    api.diagnosticsResult = { ok: true, value: { status: 'cancelled' } };
    await renderApp(api);
    await openSettings();

    await fireEvent.click(screen.getByRole('button', { name: 'Ekspor diagnostik' }));

    await screen.findByRole('button', { name: 'Ekspor diagnostik' });
    expect(api.callsOf('exportDiagnostics')).toHaveLength(1);
    expect(screen.queryByText(/Diagnostik disimpan/)).toBeNull();
  });

  it('shows the error of a failed export', async () => {
    const api = new FakeLabelDeskApi();
    api.diagnosticsResult = { ok: false, error: { code: 'unexpected', params: {} } };
    await renderApp(api);
    await openSettings();

    await fireEvent.click(screen.getByRole('button', { name: 'Ekspor diagnostik' }));

    const section = screen.getByRole('region', { name: 'Dukungan' });
    const alert = await within(section).findByRole('alert');
    expect(alert.textContent).toContain('Terjadi kesalahan di dalam aplikasi.');
    expect(screen.queryByText(/Diagnostik disimpan/)).toBeNull();
  });

  it('is labelled in English when the app is', async () => {
    await renderApp(new FakeLabelDeskApi({ locale: 'en' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    await screen.findByRole('dialog', { name: 'Settings' });

    expect(screen.getByRole('button', { name: 'Export diagnostics' })).toBeTruthy();
  });
});
