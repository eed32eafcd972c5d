import { z } from 'zod';
import { LOCALES } from './i18n/index.ts';

/** Schema of the app facts the renderer reads at start-up: the package version and the UI language. */
export const appInfoSchema = z.object({
  version: z.string(),
  locale: z.enum(LOCALES),
});

/** The running app's version and UI language, as `app:get-info` returns them. */
export type AppInfo = z.infer<typeof appInfoSchema>;

/** One invoke channel: the preload method name, a tuple schema for its arguments, a schema for its result. */
interface InvokeDefinition {
  readonly method: string;
  readonly args: z.ZodTuple;
  readonly result: z.ZodType;
}

/** One event channel (main → renderer): a schema for its payload. */
interface EventDefinition {
  readonly payload: z.ZodType;
}

/**
 * Renderer → main requests. Main handles each with `ipcMain.handle`, and the preload exposes each as
 * `labelDesk.<method>(...args)`, which returns a Promise of the result.
 */
export const invokeChannels = {
  'app:get-info': { method: 'getInfo', args: z.tuple([]), result: appInfoSchema },
} as const satisfies Record<string, InvokeDefinition>;

/** Main → renderer notifications. None exist yet. */
export const eventChannels = {} as const satisfies Record<string, EventDefinition>;

/** Name of an invoke channel, such as `app:get-info`. */
export type InvokeChannel = keyof typeof invokeChannels;

/** Name of an event channel. */
export type EventChannel = keyof typeof eventChannels;

/** Every invoke channel name, for registering handlers and for tests that compare both sides. */
export const INVOKE_CHANNELS = Object.keys(invokeChannels) as InvokeChannel[];

/** Arguments the renderer passes to a channel's preload method. */
export type InvokeArgs<C extends InvokeChannel> = z.input<(typeof invokeChannels)[C]['args']>;

/** Arguments a channel's handler in main receives, after its schema parsed them. */
export type ParsedInvokeArgs<C extends InvokeChannel> = z.output<(typeof invokeChannels)[C]['args']>;

/** Value a channel's handler resolves with. */
export type InvokeResult<C extends InvokeChannel> = z.output<(typeof invokeChannels)[C]['result']>;

/** Preload method name of a channel, such as `getInfo`. */
export type InvokeMethod<C extends InvokeChannel> = (typeof invokeChannels)[C]['method'];

/**
 * The API the preload puts on `window.labelDesk`: one function per invoke channel, named by the channel's
 * `method`. A channel added to the contract is a compile error in the preload until it is exposed there.
 */
export type LabelDeskApi = {
  readonly [C in InvokeChannel as InvokeMethod<C>]: (...args: InvokeArgs<C>) => Promise<InvokeResult<C>>;
};
