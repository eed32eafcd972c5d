import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  EVENT_CHANNELS,
  eventChannels,
  INVOKE_CHANNELS,
  invokeChannels,
} from '../../../shared/ipc-contract.ts';

type RendererListener = (event: unknown, payload: unknown) => void;

// The real `electron` module needs the Electron binary, so the preload is loaded against a fake that
// records what it exposes, what it invokes and which event listeners it holds.
const { exposed, invocations, listeners } = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invocations: [] as unknown[][],
  listeners: new Map<string, Set<(event: unknown, payload: unknown) => void>>(),
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => {
      exposed.set(key, api);
    },
  },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      invocations.push(args);
      return Promise.resolve(null);
    },
    on: (channel: string, listener: RendererListener) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
    },
    removeListener: (channel: string, listener: RendererListener) => {
      listeners.get(channel)?.delete(listener);
    },
  },
}));

let api: Record<string, unknown>;

beforeAll(async () => {
  await import('../../../electron/preload/index.ts');
  api = exposed.get('labelDesk') as Record<string, unknown>;
});

/** Sends an event the way main's webContents.send reaches the preload's listeners. */
function emitFromMain(channel: string, payload: unknown): void {
  for (const listener of listeners.get(channel) ?? []) {
    listener({ sender: 'ipc-renderer-handle' }, payload);
  }
}

describe('preload', () => {
  it('exposes only window.labelDesk', () => {
    expect([...exposed.keys()]).toEqual(['labelDesk']);
  });

  it('exposes exactly one function per invoke and event channel', () => {
    const methods = [
      ...INVOKE_CHANNELS.map((channel) => invokeChannels[channel].method),
      ...EVENT_CHANNELS.map((channel) => eventChannels[channel].method),
    ];
    expect(Object.keys(api).sort()).toEqual([...methods].sort());
    for (const method of methods) {
      expect(api[method], method).toBeTypeOf('function');
    }
  });

  it('sends each method on its own channel with its arguments', async () => {
    for (const channel of INVOKE_CHANNELS) {
      const method = api[invokeChannels[channel].method] as (...args: unknown[]) => Promise<unknown>;
      const args = invokeChannels[channel].args.def.items.map((_item, index) => ({ channel, index }));
      invocations.length = 0;
      await method(...args);
      expect(invocations).toEqual([[channel, ...args]]);
    }
  });

  it('delivers event payloads without the IPC event object', () => {
    const subscribe = api.onPrintProgress as (listener: (payload: unknown) => void) => () => void;
    const received: unknown[][] = [];
    const unsubscribe = subscribe((...args) => received.push(args));

    const payload = { jobId: 'job-0001', written: 3, total: 45 };
    emitFromMain('print:progress', payload);
    expect(received).toEqual([[payload]]);

    unsubscribe();
    emitFromMain('print:progress', payload);
    expect(received).toHaveLength(1);
    expect(listeners.get('print:progress')?.size).toBe(0);
  });

  it('keeps separate subscriptions apart', () => {
    const subscribe = api.onPrintProgress as (listener: (payload: unknown) => void) => () => void;
    const first: unknown[] = [];
    const second: unknown[] = [];
    const unsubscribeFirst = subscribe((payload) => first.push(payload));
    const unsubscribeSecond = subscribe((payload) => second.push(payload));

    unsubscribeFirst();
    emitFromMain('print:progress', { jobId: 'job-0002', written: 1, total: 1 });
    expect(first).toEqual([]);
    expect(second).toHaveLength(1);
    unsubscribeSecond();
  });

  it('exposes no raw ipcRenderer or generic invoke', () => {
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');
    expect(api).not.toHaveProperty('send');
    expect(api).not.toHaveProperty('on');
  });
});
