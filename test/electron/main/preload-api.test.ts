import { beforeAll, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS, invokeChannels } from '../../../shared/ipc-contract.ts';

// The real `electron` module needs the Electron binary, so the preload is loaded against a fake that
// records what it exposes and what it invokes.
const { exposed, invocations } = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invocations: [] as unknown[][],
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
      return Promise.resolve({ version: '0.1.0', locale: 'en' });
    },
  },
}));

let api: Record<string, unknown>;

beforeAll(async () => {
  await import('../../../electron/preload/index.ts');
  api = exposed.get('labelDesk') as Record<string, unknown>;
});

describe('preload', () => {
  it('exposes only window.labelDesk', () => {
    expect([...exposed.keys()]).toEqual(['labelDesk']);
  });

  it('exposes exactly one function per contract channel', () => {
    const methods = INVOKE_CHANNELS.map((channel) => invokeChannels[channel].method);
    expect(Object.keys(api).sort()).toEqual([...methods].sort());
    for (const method of methods) {
      expect(api[method], method).toBeTypeOf('function');
    }
  });

  it('sends each method on its own channel', async () => {
    for (const channel of INVOKE_CHANNELS) {
      const method = api[invokeChannels[channel].method] as () => Promise<unknown>;
      invocations.length = 0;
      await method();
      expect(invocations).toEqual([[channel]]);
    }
  });

  it('exposes no raw ipcRenderer or generic invoke', () => {
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');
    expect(api).not.toHaveProperty('send');
  });
});
