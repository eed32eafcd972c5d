import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { EXAMPLE_PRINTER_PROFILES, type PrinterProfile } from '../../shared/printing/profile.ts';
import {
  PrintersState,
  QUEUE_REFRESH_MS,
  type QueueWatchHost,
} from '../../renderer/src/lib/state/printers-state.svelte.ts';
import { FakeLabelDeskApi, TOKO_BANDUNG, fakePrinterJob } from './fake-api.ts';
import { renderApp } from './render-desk.ts';

const XP_360B: PrinterProfile = { ...EXAMPLE_PRINTER_PROFILES[0]!, id: 'gudang-xp', name: 'Gudang XP-360B' };

function printerApi(): FakeLabelDeskApi {
  const api = new FakeLabelDeskApi();
  api.printerProfiles = [XP_360B];
  api.printQueues = [
    { name: 'XP-360B', state: 'idle', acceptingJobs: true, description: 'Xprinter', message: '' },
  ];
  return api;
}

/** A watch host whose timer and visibility the test drives by hand. */
class FakeWatchHost implements QueueWatchHost {
  visible = true;
  intervalMs: number | null = null;
  #tick: (() => void) | null = null;
  #visibleListener: (() => void) | null = null;

  every(intervalMs: number, tick: () => void): () => void {
    this.intervalMs = intervalMs;
    this.#tick = tick;
    return () => {
      this.#tick = null;
    };
  }

  isVisible(): boolean {
    return this.visible;
  }

  onVisible(listener: () => void): () => void {
    this.#visibleListener = listener;
    return () => {
      this.#visibleListener = null;
    };
  }

  fire(): void {
    this.#tick?.();
  }

  show(): void {
    this.visible = true;
    this.#visibleListener?.();
  }
}

/** Waits until every pending `listPrinters` call has settled. */
async function settled(): Promise<void> {
  for (let round = 0; round < 5; round += 1) {
    await Promise.resolve();
  }
  await tick();
}

const listCalls = (api: FakeLabelDeskApi): number => api.callsOf('listPrinters').length;

async function loadBill(api: FakeLabelDeskApi) {
  const parts = await renderApp(api);
  parts.desk.document.outlet = TOKO_BANDUNG.outlet;
  parts.desk.document.number = TOKO_BANDUNG.number;
  await parts.desk.document.fetch();
  await tick();
  await waitFor(() => expect(parts.desk.print.printers.loaded).toBe(true));
  return parts;
}

async function choosePrinter(): Promise<void> {
  await fireEvent.change(screen.getByLabelText('Cetak ke'), { target: { value: 'printer:gudang-xp' } });
}

beforeEach(() => {
  localStorage.clear();
});

describe('PrintersState queue refresh', () => {
  it('never runs two list requests at once', async () => {
    const api = printerApi();
    const printers = new PrintersState(api, undefined);

    const loads = [printers.load(), printers.load(), printers.load()];
    expect(listCalls(api)).toBe(1);
    await Promise.all(loads);

    // The two calls made during the first request share one read after it.
    expect(listCalls(api)).toBe(2);
    expect(printers.queues).toHaveLength(1);
  });

  it('reads the queues when a printer is chosen', async () => {
    const api = printerApi();
    const printers = new PrintersState(api, undefined);

    printers.choose({ kind: 'pdf' });
    expect(listCalls(api)).toBe(0);
    printers.choose({ kind: 'printer', profileId: 'gudang-xp' });
    expect(listCalls(api)).toBe(1);
    await settled();
  });

  it('polls only for a printer target in a visible window', async () => {
    const api = printerApi();
    const printers = new PrintersState(api, undefined);
    await printers.load();
    const host = new FakeWatchHost();
    const stop = printers.watchQueues(host);
    expect(host.intervalMs).toBe(QUEUE_REFRESH_MS);

    host.fire();
    expect(listCalls(api)).toBe(1);

    printers.choose({ kind: 'printer', profileId: 'gudang-xp' });
    await settled();
    expect(listCalls(api)).toBe(2);

    api.printQueues = [
      { name: 'XP-360B', state: 'stopped', acceptingJobs: true, description: '', message: 'Paper out' },
    ];
    host.fire();
    await settled();
    expect(listCalls(api)).toBe(3);
    expect(printers.queueStatus(XP_360B)).toBe('stopped');

    host.visible = false;
    host.fire();
    expect(listCalls(api)).toBe(3);

    host.show();
    await settled();
    expect(listCalls(api)).toBe(4);

    stop();
    host.fire();
    host.show();
    expect(listCalls(api)).toBe(4);
  });

  it('skips a poll while a read is in flight', async () => {
    const api = printerApi();
    const printers = new PrintersState(api, undefined);
    printers.choose({ kind: 'printer', profileId: 'gudang-xp' });
    const host = new FakeWatchHost();
    printers.watchQueues(host);

    host.fire();
    expect(listCalls(api)).toBe(1);
    await settled();
    expect(listCalls(api)).toBe(1);
  });

  it('reads the queues when the unfinished-jobs banner appears', async () => {
    const api = printerApi();
    const printers = new PrintersState(api, undefined);
    await printers.loadJobs();
    await settled();
    expect(listCalls(api)).toBe(0);

    api.printerJobs = [fakePrinterJob({ status: 'interrupted' })];
    await printers.loadJobs();
    await settled();
    expect(listCalls(api)).toBe(1);

    // The banner was already on screen, so reading the same jobs again reads no queues.
    await printers.loadJobs();
    await settled();
    expect(listCalls(api)).toBe(1);
  });
});

describe('output target picker refresh', () => {
  it('reads the queues when the picker gets the focus', async () => {
    const api = printerApi();
    await loadBill(api);
    await settled();
    const before = listCalls(api);

    api.printQueues = [
      { name: 'XP-360B', state: 'stopped', acceptingJobs: true, description: '', message: 'Paper out' },
    ];
    await fireEvent.focus(screen.getByLabelText('Cetak ke'));

    await waitFor(() => expect(listCalls(api)).toBe(before + 1));
    const options = within(screen.getByLabelText('Cetak ke')).getAllByRole('option');
    await waitFor(() => expect(options[1]?.textContent).toContain('berhenti'));
  });

  it('reads the queues after a printer job ends', async () => {
    const api = printerApi();
    await loadBill(api);
    await choosePrinter();
    await settled();
    const before = listCalls(api);

    await fireEvent.click(screen.getByRole('button', { name: 'Cetak ke Gudang XP-360B' }));
    await screen.findByTestId('print-outcome');

    await waitFor(() => expect(listCalls(api)).toBeGreaterThan(before));
  });
});

describe('stale print messages', () => {
  it('clears the outcome when the target changes', async () => {
    const api = printerApi();
    await loadBill(api);
    await fireEvent.click(screen.getByRole('button', { name: 'Cetak ke PDF' }));
    await screen.findByTestId('print-outcome');

    await fireEvent.change(screen.getByLabelText('Cetak ke'), { target: { value: 'pdf' } });
    expect(screen.queryByTestId('print-outcome')).not.toBeNull();

    await choosePrinter();
    expect(screen.queryByTestId('print-outcome')).toBeNull();
  });

  const interrupted = fakePrinterJob({
    status: 'interrupted',
    confirmedLabels: 0,
    interruption: {
      error: { code: 'print_job_failed', params: { queue: 'XP-360B', reason: 'connection refused' } },
      label: 1,
    },
  });

  it('replaces the stopped report when its job is cancelled on the banner', async () => {
    const api = printerApi();
    api.printerResults.push({ ok: true, value: interrupted });
    await loadBill(api);
    await choosePrinter();
    api.printerJobs = [interrupted];

    await fireEvent.click(screen.getByRole('button', { name: 'Cetak ke Gudang XP-360B' }));
    expect((await screen.findByTestId('print-outcome')).textContent).toContain(
      'Pencetakan berhenti di label 1 dari 41.',
    );

    const banner = screen.getByTestId('interrupted-jobs');
    await fireEvent.click(within(banner).getByRole('button', { name: 'Batalkan pekerjaan' }));

    await waitFor(() => expect(screen.queryByTestId('interrupted-jobs')).toBeNull());
    const outcome = screen.getByTestId('print-outcome').textContent ?? '';
    expect(outcome).not.toContain('berhenti');
    expect(outcome).toContain('Pencetakan dibatalkan');
  });
});
