import { describe, expect, it } from 'vitest';
import {
  assertTrustedSender,
  guardInvokeHandler,
  IpcRequestRejectedError,
  parseInvokeArgs,
  registerInvokeHandlers,
  reportingFailures,
  type GuardedListener,
  type InvokeEventSender,
  type InvokeHandlers,
  type TrustedSender,
} from '../../../electron/main/ipc-guard.ts';
import {
  INVOKE_CHANNELS,
  type AppInfo,
  type InvokeChannel,
  type InvokeResult,
  type SettingsView,
} from '../../../shared/ipc-contract.ts';
import { BUILT_IN_TEMPLATES } from '../../../shared/labels/templates.ts';
import { EXAMPLE_PRINTER_PROFILES } from '../../../shared/printing/profile.ts';
import { DEFAULT_SCANNER_SETTINGS } from '../../../shared/scanning/wedge.ts';
import { receivingSummarySample } from '../../support/receiving-summary-sample.ts';

const APP_URL = 'file:///opt/label-desk/out/renderer/index.html';

const trusted: TrustedSender = {
  webContentsId: 7,
  isAppPageUrl: (url) => url.split(/[?#]/)[0] === APP_URL,
};

function eventFrom(webContentsId: number, url: string | null, parent: unknown = null): InvokeEventSender {
  return { sender: { id: webContentsId }, senderFrame: url === null ? null : { url, parent } };
}

const info: AppInfo = { version: '1.2.3', locale: 'id', demo: false, settingsMovedAsidePath: null };

const view: SettingsView = {
  dealposUrl: null,
  clientId: null,
  hasSecret: false,
  demo: false,
  locale: 'id',
  defaultTemplateId: 'roll-50x30',
  defaultDpi: 203,
  recentOutlets: [],
};

const ref = { kind: 'bill', outlet: 'Pluit', number: '2023.09.00001' } as const;
const account = { url: 'mystore', clientId: 'desk', secret: null };

/** Arguments each channel accepts; the type makes a channel missing from this table a compile error. */
const VALID_ARGS: { readonly [C in InvokeChannel]: unknown[] } = {
  'app:get-info': [],
  'settings:get': [],
  'settings:update': [{ locale: 'en' }],
  'account:save': [account],
  'account:test': [account],
  'account:set-demo': [true],
  'document:fetch': [ref],
  'document:open-cached': [ref],
  'variants:lookup': [['1000', '8991234567890']],
  'history:list': [],
  'templates:list': [],
  'templates:save': [{ ...BUILT_IN_TEMPLATES[0], id: 'my-roll' }],
  'templates:delete': ['my-roll'],
  'print:pdf': [
    {
      jobId: 'job-0001',
      document: ref,
      overrides: [{ lineNumber: 1, quantity: 2 }],
      templateId: 'roll-50x30',
      dpi: 203,
      showPrice: true,
      startPosition: 1,
    },
  ],
  'print:cancel': ['job-0001'],
  'printers:list': [],
  'printers:save-profile': [EXAMPLE_PRINTER_PROFILES[0]],
  'printers:delete-profile': ['xprinter-xp-360b'],
  'printers:calibrate': ['xprinter-xp-360b'],
  'print:printer': [
    {
      jobId: 'job-0002',
      profileId: 'xprinter-xp-360b',
      document: ref,
      overrides: [],
      templateId: 'roll-50x30',
      showPrice: false,
      reprint: null,
    },
  ],
  'printer-jobs:list': [],
  'printer-jobs:resume': [{ id: '20260115-080000-abcd', requestId: 'job-0003', unconfirmed: 'skip' }],
  'printer-jobs:cancel': ['20260115-080000-abcd'],
  'ledger:get': [ref],
  'files:open': [{ path: '/tmp/labels.pdf', reveal: false }],
  'log:write': [{ level: 'info', scope: 'desk', message: 'ready' }],
  'diagnostics:export': [],
  'receiving:export-pdf': [receivingSummarySample(ref)],
  'scanner:list-devices': [],
  'scanner:connect': [{ key: '0c2e:0b8f:S123', settings: DEFAULT_SCANNER_SETTINGS }],
  'scanner:disconnect': [],
};

/** A result each channel's schema accepts. */
const SAMPLE_RESULTS: { readonly [C in InvokeChannel]: InvokeResult<C> } = {
  'app:get-info': info,
  'settings:get': view,
  'settings:update': { ok: true, value: view },
  'account:save': { ok: true, value: view },
  'account:test': { ok: true, value: { url: 'https://mystore.dealpos.net/api/v3/' } },
  'account:set-demo': { ok: true, value: view },
  'document:fetch': { ok: false, error: { code: 'network', params: { cached: 'no' } } },
  'document:open-cached': { ok: false, error: { code: 'document_not_found', params: {} } },
  'variants:lookup': { ok: true, value: [{ code: '1000', id: 'variant-1', productId: 'product-1' }] },
  'history:list': [],
  'templates:list': [],
  'templates:save': { ok: true, value: [] },
  'templates:delete': { ok: true, value: [] },
  'print:pdf': { ok: true, value: { status: 'cancelled' } },
  'print:cancel': false,
  'printers:list': {
    ok: true,
    value: { profiles: [], examples: [...EXAMPLE_PRINTER_PROFILES], queues: [], queuesError: null },
  },
  'printers:save-profile': { ok: true, value: [EXAMPLE_PRINTER_PROFILES[0]!] },
  'printers:delete-profile': { ok: true, value: [] },
  'printers:calibrate': { ok: true, value: null },
  'print:printer': { ok: false, error: { code: 'printer_not_found', params: { queue: 'XP-360B' } } },
  'printer-jobs:list': { ok: true, value: [] },
  'printer-jobs:resume': {
    ok: false,
    error: { code: 'print_job_not_found', params: { id: '20260115-080000-abcd' } },
  },
  'printer-jobs:cancel': {
    ok: false,
    error: { code: 'print_job_closed', params: { id: '20260115-080000-abcd' } },
  },
  'ledger:get': { ok: true, value: [] },
  'files:open': { ok: true, value: null },
  'log:write': null,
  'diagnostics:export': { ok: true, value: { status: 'written', path: '/tmp/diagnostics.json' } },
  'receiving:export-pdf': { ok: true, value: { status: 'written', path: '/tmp/receiving.pdf', pages: 1 } },
  'scanner:list-devices': {
    devices: [],
    error: { code: 'hid_unavailable', params: { reason: 'no libusb' } },
  },
  'scanner:connect': { state: 'connecting', device: { key: '0c2e:0b8f:S123', name: null }, error: null },
  'scanner:disconnect': { state: 'idle', device: null, error: null },
};

/** Handlers that return the sample results and count their calls per channel. */
function countingHandlers(calls: Map<string, number>): InvokeHandlers {
  const handlers: Record<string, () => unknown> = {};
  for (const channel of INVOKE_CHANNELS) {
    handlers[channel] = () => {
      calls.set(channel, (calls.get(channel) ?? 0) + 1);
      return SAMPLE_RESULTS[channel];
    };
  }
  return handlers as unknown as InvokeHandlers;
}

/** Registers `handlers` through the guard and returns the listeners by channel. */
function registerAll(handlers: InvokeHandlers): Map<string, GuardedListener<InvokeChannel>> {
  const registered = new Map<string, GuardedListener<InvokeChannel>>();
  registerInvokeHandlers(
    { handle: (channel, listener) => registered.set(channel, listener) },
    handlers,
    trusted,
  );
  return registered;
}

describe('assertTrustedSender', () => {
  it('accepts the app window showing an app page', () => {
    expect(() => assertTrustedSender('app:get-info', eventFrom(7, APP_URL), trusted)).not.toThrow();
    expect(() =>
      assertTrustedSender('app:get-info', eventFrom(7, `${APP_URL}#/print`), trusted),
    ).not.toThrow();
  });

  it('rejects another webContents', () => {
    expect(() => assertTrustedSender('app:get-info', eventFrom(8, APP_URL), trusted)).toThrow(
      /webContents 8 is not the app window/,
    );
  });

  it('rejects a foreign page in the app window', () => {
    expect(() =>
      assertTrustedSender('app:get-info', eventFrom(7, 'https://attacker.example/x?token=1'), trusted),
    ).toThrow(/https:\/\/attacker\.example is not an app page/);
    expect(() => assertTrustedSender('app:get-info', eventFrom(7, 'file:///etc/passwd'), trusted)).toThrow(
      IpcRequestRejectedError,
    );
  });

  it('keeps query data out of the message', () => {
    expect(() =>
      assertTrustedSender('app:get-info', eventFrom(7, 'https://attacker.example/x?token=1'), trusted),
    ).toThrow(expect.objectContaining({ message: expect.not.stringContaining('token') as unknown }));
  });

  it('rejects a destroyed frame', () => {
    expect(() => assertTrustedSender('app:get-info', eventFrom(7, null), trusted)).toThrow(
      /no longer exists/,
    );
  });

  it('rejects a subframe even on an app page', () => {
    expect(() =>
      assertTrustedSender('app:get-info', eventFrom(7, APP_URL, { url: APP_URL }), trusted),
    ).toThrow(/subframe/);
  });
});

describe('parseInvokeArgs', () => {
  it('accepts the arguments the contract lists', () => {
    expect(parseInvokeArgs('app:get-info', [])).toEqual([]);
  });

  it('rejects extra arguments', () => {
    expect(() => parseInvokeArgs('app:get-info', ['unexpected'])).toThrow(IpcRequestRejectedError);
    expect(() => parseInvokeArgs('app:get-info', [undefined])).toThrow(/invalid arguments/);
  });
});

describe('guardInvokeHandler', () => {
  it('runs the handler for a trusted request', async () => {
    const listener = guardInvokeHandler('app:get-info', () => info, trusted);
    await expect(listener(eventFrom(7, APP_URL))).resolves.toEqual(info);
  });

  it('does not run the handler for an untrusted sender', async () => {
    let calls = 0;
    const listener = guardInvokeHandler(
      'app:get-info',
      () => {
        calls += 1;
        return info;
      },
      trusted,
    );
    await expect(listener(eventFrom(9, APP_URL))).rejects.toThrow(IpcRequestRejectedError);
    await expect(listener(eventFrom(7, 'https://attacker.example/'))).rejects.toThrow(
      IpcRequestRejectedError,
    );
    expect(calls).toBe(0);
  });

  it('does not run the handler with bad arguments', async () => {
    let calls = 0;
    const listener = guardInvokeHandler(
      'app:get-info',
      () => {
        calls += 1;
        return info;
      },
      trusted,
    );
    await expect(listener(eventFrom(7, APP_URL), { version: 'x' })).rejects.toThrow(/invalid arguments/);
    expect(calls).toBe(0);
  });

  it('drops result fields the contract does not list', async () => {
    const leaky = { ...info, clientSecret: 'do-not-send' };
    const listener = guardInvokeHandler('app:get-info', () => leaky, trusted);
    await expect(listener(eventFrom(7, APP_URL))).resolves.toEqual(info);
  });

  it('rejects a result that breaks the contract', async () => {
    const listener = guardInvokeHandler(
      'app:get-info',
      () => ({ ...info, locale: 'fr' }) as unknown as AppInfo,
      trusted,
    );
    await expect(listener(eventFrom(7, APP_URL))).rejects.toThrow();
  });
});

describe('registerInvokeHandlers', () => {
  it('registers a guarded listener for every contract channel', async () => {
    const registered = registerAll(countingHandlers(new Map()));

    expect([...registered.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    const listener = registered.get('app:get-info');
    await expect(listener?.(eventFrom(7, APP_URL))).resolves.toEqual(info);
    await expect(listener?.(eventFrom(8, APP_URL))).rejects.toThrow(IpcRequestRejectedError);
  });
});

describe('guarded contract channels', () => {
  it.each(INVOKE_CHANNELS)('%s runs its handler for valid arguments', async (channel) => {
    const calls = new Map<string, number>();
    const listener = registerAll(countingHandlers(calls)).get(channel);
    await expect(listener?.(eventFrom(7, APP_URL), ...VALID_ARGS[channel])).resolves.toEqual(
      SAMPLE_RESULTS[channel],
    );
    expect(calls.get(channel)).toBe(1);
  });

  it.each(INVOKE_CHANNELS)('%s rejects a foreign sender', async (channel) => {
    const calls = new Map<string, number>();
    const listener = registerAll(countingHandlers(calls)).get(channel);
    await expect(listener?.(eventFrom(8, APP_URL), ...VALID_ARGS[channel])).rejects.toThrow(
      /is not the app window/,
    );
    await expect(
      listener?.(eventFrom(7, 'https://attacker.example/'), ...VALID_ARGS[channel]),
    ).rejects.toThrow(/not an app page/);
    expect(calls.get(channel)).toBeUndefined();
  });

  it.each(INVOKE_CHANNELS)('%s rejects malformed arguments', async (channel) => {
    const calls = new Map<string, number>();
    const listener = registerAll(countingHandlers(calls)).get(channel);
    const valid = VALID_ARGS[channel];
    const malformed: unknown[][] = [[...valid, 'extra']];
    if (valid.length > 0) {
      malformed.push([], [42], [null]);
    }
    for (const args of malformed) {
      await expect(listener?.(eventFrom(7, APP_URL), ...args), JSON.stringify(args)).rejects.toThrow(
        /invalid arguments/,
      );
    }
    expect(calls.get(channel)).toBeUndefined();
  });

  it('rejects a print request with a malformed job id or override', async () => {
    const calls = new Map<string, number>();
    const listener = registerAll(countingHandlers(calls)).get('print:pdf');
    const [request] = VALID_ARGS['print:pdf'] as [Record<string, unknown>];
    const bad = [
      { ...request, jobId: '../../x' },
      { ...request, overrides: [{ lineNumber: 0 }] },
      { ...request, overrides: [{ lineNumber: 1, quantity: -1 }] },
      { ...request, dpi: 72 },
      { ...request, outputPath: '/etc/passwd' },
    ];
    for (const args of bad) {
      await expect(listener?.(eventFrom(7, APP_URL), args)).rejects.toThrow(/invalid arguments/);
    }
    expect(calls.get('print:pdf')).toBeUndefined();
  });
});

describe('diagnostics:export', () => {
  it('rejects a path chosen by the renderer', async () => {
    const calls = new Map<string, number>();
    const listener = registerAll(countingHandlers(calls)).get('diagnostics:export');
    await expect(listener?.(eventFrom(7, APP_URL), '/etc/cron.d/x')).rejects.toThrow(/invalid arguments/);
    await expect(listener?.(eventFrom(7, APP_URL), { path: '/tmp/x.json' })).rejects.toThrow(
      /invalid arguments/,
    );
    expect(calls.get('diagnostics:export')).toBeUndefined();
  });
});

describe('reportingFailures', () => {
  it('reports a rejected request and passes the error on', async () => {
    const reports: Array<{ channel: string; error: unknown }> = [];
    const registered = new Map<string, GuardedListener<InvokeChannel>>();
    const registry = reportingFailures(
      { handle: (channel, listener) => registered.set(channel, listener) },
      (channel, error) => reports.push({ channel, error }),
    );
    registerInvokeHandlers(registry, countingHandlers(new Map()), trusted);

    await expect(registered.get('history:list')?.(eventFrom(8, APP_URL))).rejects.toThrow(
      IpcRequestRejectedError,
    );
    await expect(registered.get('history:list')?.(eventFrom(7, APP_URL))).resolves.toEqual([]);
    expect(reports).toHaveLength(1);
    expect(reports[0]?.channel).toBe('history:list');
    expect(reports[0]?.error).toBeInstanceOf(IpcRequestRejectedError);
  });
});
