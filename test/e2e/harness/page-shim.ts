import {
  EVENT_CHANNELS,
  eventChannels,
  INVOKE_CHANNELS,
  invokeChannels,
} from '../../../shared/ipc-contract.ts';

/** Path at which the harness serves the shim; its index.html loads it before the app's own script. */
export const HARNESS_SHIM_PATH = '/__harness/shim.js';

/** Path prefix of the invoke endpoints: `POST /__ipc/<channel>` with the arguments as a JSON array. */
export const IPC_PATH_PREFIX = '/__ipc/';

/** Path of the Server-Sent Events stream that carries the contract's events. */
export const IPC_EVENTS_PATH = '/__ipc/events';

/**
 * Returns the browser script that defines `window.labelDesk` with exactly the contract's methods, each
 * calling the harness over HTTP on the page's own origin. Pass it to Playwright's `page.addInitScript`,
 * or let the harness's index.html load it from {@link HARNESS_SHIM_PATH}. Once the event stream is
 * connected, the script sets `data-harness-events="open"` on `<html>`, so a test can wait for it.
 */
export function labelDeskShimSource(): string {
  const invokeMethods = Object.fromEntries(
    INVOKE_CHANNELS.map((channel) => [invokeChannels[channel].method, channel]),
  );
  const eventMethods = Object.fromEntries(
    EVENT_CHANNELS.map((channel) => [eventChannels[channel].method, channel]),
  );

  return `(() => {
  'use strict';
  if (window.labelDesk !== undefined) {
    return;
  }
  const invokeMethods = ${JSON.stringify(invokeMethods)};
  const eventMethods = ${JSON.stringify(eventMethods)};
  const ipcPrefix = ${JSON.stringify(IPC_PATH_PREFIX)};

  // Rejects the way Electron's ipcRenderer.invoke does when main throws: an Error naming the channel.
  async function invoke(channel, args) {
    const response = await fetch(ipcPrefix + encodeURIComponent(channel), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
    const body = await response.json();
    if (!response.ok) {
      throw new Error("Error invoking remote method '" + channel + "': " + body.error);
    }
    return body.result;
  }

  const listeners = new Map();
  const source = new EventSource(${JSON.stringify(IPC_EVENTS_PATH)});
  source.addEventListener('open', () => {
    document.documentElement.setAttribute('data-harness-events', 'open');
  });
  for (const channel of Object.values(eventMethods)) {
    listeners.set(channel, new Set());
    source.addEventListener(channel, (message) => {
      const payload = JSON.parse(message.data);
      for (const listener of [...listeners.get(channel)]) {
        listener(payload);
      }
    });
  }

  const api = {};
  for (const [method, channel] of Object.entries(invokeMethods)) {
    api[method] = (...args) => invoke(channel, args);
  }
  for (const [method, channel] of Object.entries(eventMethods)) {
    api[method] = (listener) => {
      // Each subscription gets its own wrapper, so subscribing one function twice needs two unsubscribes.
      const wrapper = (payload) => listener(payload);
      listeners.get(channel).add(wrapper);
      return () => {
        listeners.get(channel).delete(wrapper);
      };
    };
  }
  Object.defineProperty(window, 'labelDesk', { value: Object.freeze(api), enumerable: true });
})();
`;
}
