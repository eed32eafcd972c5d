import { z } from 'zod';
import {
  INVOKE_CHANNELS,
  invokeChannels,
  type InvokeChannel,
  type InvokeResult,
  type ParsedInvokeArgs,
} from '../../shared/ipc-contract.ts';

/** The parts of Electron's `IpcMainInvokeEvent` the sender check reads. */
export interface InvokeEventSender {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/** Whose requests main accepts: the top frame of one window's webContents, showing one of the app's pages. */
export interface TrustedSender {
  readonly webContentsId: number;
  readonly isAppPageUrl: (url: string) => boolean;
}

/** Thrown when an IPC request comes from an untrusted sender or carries arguments the contract rejects. */
export class IpcRequestRejectedError extends Error {
  readonly channel: string;

  constructor(channel: string, reason: string, options: { cause?: unknown } = {}) {
    super(`Rejected IPC request on ${channel}: ${reason}`, options);
    this.name = 'IpcRequestRejectedError';
    this.channel = channel;
  }
}

/**
 * Throws unless the request comes from the trusted window's webContents, from its top-level frame (the app
 * has no iframes), and from a page that is one of the app's own.
 */
export function assertTrustedSender(channel: string, event: InvokeEventSender, trusted: TrustedSender): void {
  if (event.sender.id !== trusted.webContentsId) {
    throw new IpcRequestRejectedError(channel, `sender webContents ${event.sender.id} is not the app window`);
  }

  const frame = event.senderFrame;
  // Electron reports no frame when the sender navigated away or was destroyed before main read the event.
  if (frame === null) {
    throw new IpcRequestRejectedError(channel, 'the sending frame no longer exists');
  }
  if (frame.parent !== null) {
    throw new IpcRequestRejectedError(channel, 'the sender is a subframe');
  }
  if (!trusted.isAppPageUrl(frame.url)) {
    // Only the origin goes into the message: a full URL could carry query data.
    throw new IpcRequestRejectedError(channel, `the sender page ${originOf(frame.url)} is not an app page`);
  }
}

/** Parses a request's arguments with the channel's tuple schema, throwing on extra, missing or invalid ones. */
export function parseInvokeArgs<C extends InvokeChannel>(
  channel: C,
  args: readonly unknown[],
): ParsedInvokeArgs<C> {
  const result = invokeChannels[channel].args.safeParse(args);
  if (!result.success) {
    throw new IpcRequestRejectedError(channel, `invalid arguments: ${z.prettifyError(result.error)}`, {
      cause: result.error,
    });
  }
  return result.data as ParsedInvokeArgs<C>;
}

/** Main's implementation of one invoke channel. It receives arguments that already passed the schema. */
export type InvokeHandler<C extends InvokeChannel> = (
  ...args: ParsedInvokeArgs<C>
) => InvokeResult<C> | Promise<InvokeResult<C>>;

/** One handler per contract channel: a channel added to the contract is a compile error here until handled. */
export type InvokeHandlers = { readonly [C in InvokeChannel]: InvokeHandler<C> };

/** An `ipcMain.handle` listener, in terms the guard can check without Electron's types. */
export type GuardedListener<C extends InvokeChannel> = (
  event: InvokeEventSender,
  ...args: unknown[]
) => Promise<InvokeResult<C>>;

/**
 * Wraps a handler so every request is checked: the sender first, then the arguments. The result is parsed
 * with the channel's result schema, which also drops any field the contract does not list, so nothing
 * beyond the contract reaches the renderer.
 */
export function guardInvokeHandler<C extends InvokeChannel>(
  channel: C,
  handler: InvokeHandler<C>,
  trusted: TrustedSender,
): GuardedListener<C> {
  return async (event, ...args) => {
    assertTrustedSender(channel, event, trusted);
    const parsedArgs = parseInvokeArgs(channel, args);
    const result = await handler(...parsedArgs);
    return invokeChannels[channel].result.parse(result) as InvokeResult<C>;
  };
}

/** The one method of Electron's `ipcMain` that registration uses. */
export interface InvokeRegistry {
  handle(channel: string, listener: GuardedListener<InvokeChannel>): void;
}

/** Registers a guarded listener for every channel of the contract. */
export function registerInvokeHandlers(
  registry: InvokeRegistry,
  handlers: InvokeHandlers,
  trusted: TrustedSender,
): void {
  for (const channel of INVOKE_CHANNELS) {
    registry.handle(channel, guardChannel(channel, handlers, trusted));
  }
}

// A generic helper keeps `handlers[channel]` tied to its own channel's types inside the loop above.
function guardChannel<C extends InvokeChannel>(
  channel: C,
  handlers: InvokeHandlers,
  trusted: TrustedSender,
): GuardedListener<C> {
  return guardInvokeHandler(channel, handlers[channel], trusted);
}

function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    // The origin of every file: URL is the opaque "null", which is useless in a message.
    return parsed.protocol === 'file:' ? 'file:' : parsed.origin;
  } catch {
    return '(invalid URL)';
  }
}

/**
 * Wraps a registry so that every failed request (an untrusted sender, rejected arguments, a result that
 * breaks the contract, a bug) is reported to `report` before Electron passes the error to the renderer.
 */
export function reportingFailures(
  registry: InvokeRegistry,
  report: (channel: string, error: unknown) => void,
): InvokeRegistry {
  return {
    handle(channel, listener) {
      registry.handle(channel, async (event, ...args) => {
        try {
          return await listener(event, ...args);
        } catch (error) {
          report(channel, error);
          throw error;
        }
      });
    },
  };
}
