import { eventChannels, type EventChannel, type EventPayload } from '../../shared/ipc-contract.ts';

/** The parts of Electron's `WebContents` that sending an event uses. */
export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

/** Sends one main → renderer event; see {@link createEventSender}. */
export type EventSender = <E extends EventChannel>(channel: E, payload: EventPayload<E>) => void;

/**
 * Creates the sender of the contract's events. Each payload is parsed with its channel's schema, so only
 * fields the contract lists reach the renderer. With no window, or a destroyed one, the event is dropped.
 */
export function createEventSender(target: () => EventTarget | null): EventSender {
  return (channel, payload) => {
    const contents = target();
    if (contents === null || contents.isDestroyed()) {
      return;
    }
    contents.send(channel, eventChannels[channel].payload.parse(payload));
  };
}
