import { describe, expect, it } from 'vitest';
import { createEventSender, type EventTarget } from '../../../electron/main/ipc-events.ts';
import type { PrintProgress } from '../../../shared/ipc-contract.ts';

function recordingTarget(): EventTarget & { sent: unknown[][]; destroyed: boolean } {
  const target = {
    sent: [] as unknown[][],
    destroyed: false,
    isDestroyed: () => target.destroyed,
    send: (channel: string, payload: unknown) => {
      target.sent.push([channel, payload]);
    },
  };
  return target;
}

describe('createEventSender', () => {
  it('sends only the fields the contract lists', () => {
    const target = recordingTarget();
    const send = createEventSender(() => target);
    const leaky = { jobId: 'job-0001', written: 3, total: 45, outputPath: '/home/desk/labels.pdf' };
    send('print:progress', leaky as PrintProgress);
    expect(target.sent).toEqual([['print:progress', { jobId: 'job-0001', written: 3, total: 45 }]]);
  });

  it('drops events when there is no window or it is destroyed', () => {
    const target = recordingTarget();
    let current: EventTarget | null = null;
    const send = createEventSender(() => current);
    send('print:progress', { jobId: 'job-0001', written: 1, total: 2 });
    current = target;
    target.destroyed = true;
    send('print:progress', { jobId: 'job-0001', written: 2, total: 2 });
    expect(target.sent).toEqual([]);
  });

  it('throws on a payload that breaks the contract', () => {
    const send = createEventSender(() => recordingTarget());
    expect(() => send('print:progress', { jobId: 'job-0001', written: -1, total: 2 })).toThrow();
  });
});
