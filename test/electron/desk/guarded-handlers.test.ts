import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  registerInvokeHandlers,
  type GuardedListener,
  type InvokeEventSender,
  type TrustedSender,
} from '../../../electron/main/ipc-guard.ts';
import { INVOKE_CHANNELS, type InvokeChannel } from '../../../shared/ipc-contract.ts';
import { BUILT_IN_TEMPLATES } from '../../../shared/labels/templates.ts';
import { EXAMPLE_PRINTER_PROFILES } from '../../../shared/printing/profile.ts';
import { DEFAULT_SCANNER_SETTINGS } from '../../../shared/scanning/wedge.ts';
import { createDeskFixture, saveStoreAccount, type DeskFixture } from './desk-fixture.ts';
import { receivingSummarySample } from '../../support/receiving-summary-sample.ts';

const APP_URL = 'file:///opt/label-desk/out/renderer/index.html';
const trusted: TrustedSender = { webContentsId: 3, isAppPageUrl: (url) => url === APP_URL };
const fromApp: InvokeEventSender = { sender: { id: 3 }, senderFrame: { url: APP_URL, parent: null } };
const fromOtherWindow: InvokeEventSender = { sender: { id: 4 }, senderFrame: { url: APP_URL, parent: null } };

const ref = { kind: 'bill', outlet: 'Pluit', number: '2023.09.00001' } as const;

let fixture: DeskFixture;
let listeners: Map<string, GuardedListener<InvokeChannel>>;

/** Arguments each channel accepts, in the order the table runs them (the fetch comes before the print). */
function validArgs(): { readonly [C in InvokeChannel]: unknown[] } {
  const account = { url: fixture.simulator.url, clientId: 'desk-client', secret: null };
  return {
    'app:get-info': [],
    'settings:get': [],
    'settings:update': [{ defaultDpi: 300 }],
    'account:save': [account],
    'account:test': [account],
    'account:set-demo': [false],
    'document:fetch': [ref],
    'document:open-cached': [ref],
    'variants:lookup': [['1000']],
    'history:list': [],
    'templates:list': [],
    'templates:save': [{ ...BUILT_IN_TEMPLATES[0], id: 'my-roll' }],
    'templates:delete': ['my-roll'],
    'print:pdf': [
      {
        jobId: 'guard-job-1',
        document: ref,
        overrides: [],
        templateId: 'roll-50x30',
        dpi: 203,
        showPrice: false,
        startPosition: 1,
      },
    ],
    'print:cancel': ['guard-job-1'],
    'printers:list': [],
    'printers:save-profile': [
      { ...EXAMPLE_PRINTER_PROFILES[0], id: 'guard-printer', queue: 'no-such-queue' },
    ],
    'printers:delete-profile': ['guard-printer'],
    'printers:calibrate': ['guard-printer'],
    'print:printer': [
      {
        jobId: 'guard-job-2',
        profileId: 'guard-printer',
        document: ref,
        overrides: [],
        templateId: 'roll-50x30',
        showPrice: false,
        reprint: { lineNumber: 1, labels: 1 },
      },
    ],
    'printer-jobs:list': [],
    'printer-jobs:resume': [{ id: '20260115-080000-abcd', requestId: 'guard-job-3', unconfirmed: null }],
    'printer-jobs:cancel': ['20260115-080000-abcd'],
    'ledger:get': [ref],
    'files:open': [{ path: '/etc/hostname', reveal: false }],
    'log:write': [{ level: 'info', scope: 'guard-test', message: 'hello' }],
    'diagnostics:export': [],
    'receiving:export-pdf': [receivingSummarySample(ref)],
    'scanner:list-devices': [],
    'scanner:connect': [{ key: '0c2e:0b8f', settings: DEFAULT_SCANNER_SETTINGS }],
    'scanner:disconnect': [],
  };
}

beforeAll(async () => {
  fixture = await createDeskFixture();
  await saveStoreAccount(fixture);
  listeners = new Map();
  registerInvokeHandlers(
    { handle: (channel, listener) => listeners.set(channel, listener) },
    fixture.handlers,
    trusted,
  );
});

afterAll(async () => {
  await fixture.close();
});

describe('desk handlers behind the guard', () => {
  it.each(INVOKE_CHANNELS)('%s rejects another window', async (channel) => {
    const before = await readdir(fixture.userDataFolder, { recursive: true });
    await expect(listeners.get(channel)?.(fromOtherWindow, ...validArgs()[channel])).rejects.toThrow(
      /is not the app window/,
    );
    expect(await readdir(fixture.userDataFolder, { recursive: true })).toEqual(before);
  });

  it.each(INVOKE_CHANNELS)('%s rejects malformed arguments', async (channel) => {
    const valid = validArgs()[channel];
    const malformed: unknown[][] = [[...valid, { extra: true }]];
    if (valid.length > 0) {
      malformed.push([], [null], [Symbol.for('not-json')]);
    }
    for (const args of malformed) {
      await expect(listeners.get(channel)?.(fromApp, ...args)).rejects.toThrow(/invalid arguments/);
    }
  });

  it('returns results that match the contract for valid requests', async () => {
    for (const channel of INVOKE_CHANNELS) {
      // The guard parses every result with the channel's schema and throws when one does not match.
      await expect(
        listeners.get(channel)?.(fromApp, ...validArgs()[channel]),
        channel,
      ).resolves.toBeDefined();
    }
    const [entry] = await fixture.handlers['history:list']();
    expect(entry?.labelsPrinted).toBe(45);
  });
});
