import { describe, expect, it } from 'vitest';
import {
  assertTrustedSender,
  guardInvokeHandler,
  IpcRequestRejectedError,
  parseInvokeArgs,
  registerInvokeHandlers,
  type GuardedListener,
  type InvokeEventSender,
  type InvokeHandlers,
  type TrustedSender,
} from '../../../electron/main/ipc-guard.ts';
import { INVOKE_CHANNELS, type AppInfo, type InvokeChannel } from '../../../shared/ipc-contract.ts';

const APP_URL = 'file:///opt/label-desk/out/renderer/index.html';

const trusted: TrustedSender = {
  webContentsId: 7,
  isAppPageUrl: (url) => url.split(/[?#]/)[0] === APP_URL,
};

function eventFrom(webContentsId: number, url: string | null, parent: unknown = null): InvokeEventSender {
  return { sender: { id: webContentsId }, senderFrame: url === null ? null : { url, parent } };
}

const info: AppInfo = { version: '1.2.3', locale: 'id' };

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
      () => ({ version: '1.0.0', locale: 'fr' }) as unknown as AppInfo,
      trusted,
    );
    await expect(listener(eventFrom(7, APP_URL))).rejects.toThrow();
  });
});

describe('registerInvokeHandlers', () => {
  it('registers a guarded listener for every contract channel', async () => {
    const registered = new Map<string, GuardedListener<InvokeChannel>>();
    const handlers: InvokeHandlers = { 'app:get-info': () => info };

    registerInvokeHandlers(
      { handle: (channel, listener) => registered.set(channel, listener) },
      handlers,
      trusted,
    );

    expect([...registered.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    const listener = registered.get('app:get-info');
    await expect(listener?.(eventFrom(7, APP_URL))).resolves.toEqual(info);
    await expect(listener?.(eventFrom(8, APP_URL))).rejects.toThrow(IpcRequestRejectedError);
  });
});
