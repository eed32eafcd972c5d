import { z } from 'zod';
import { ERROR_CODES } from './errors.ts';
import { LOCALES } from './i18n/index.ts';
import { MAX_LABELS_PER_LINE } from './labels/lines.ts';
import { templateSchema } from './labels/templates.ts';
import { SUPPORTED_DPI } from './labels/types.ts';
import { scannerSettingsSchema } from './scanning/wedge.ts';
import {
  receivingReportFieldsSchema,
  receivingReportResultSchema,
} from './scanning/receiving-report-schema.ts';
import { printerProfileSchema } from './printing/profile.ts';

// ---------------------------------------------------------------------------------------------------
// Values that cross the boundary. Main parses every request and every result with these schemas.
// ---------------------------------------------------------------------------------------------------

const dpiSchema = z.union([
  z.literal(SUPPORTED_DPI[0]),
  z.literal(SUPPORTED_DPI[1]),
  z.literal(SUPPORTED_DPI[2]),
]);
const localeSchema = z.enum(LOCALES);

/** An expected failure as a value: the code picks the translated message, params fill it. */
export const ipcErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type IpcError = z.infer<typeof ipcErrorSchema>;

/**
 * A result that may fail in an expected way. Handlers never throw expected errors across IPC, because
 * Electron turns a thrown error into a bare message string and the code would be lost.
 */
export function outcomeSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: ipcErrorSchema }),
  ]);
}
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** Schema of the app facts the renderer reads at start-up. */
export const appInfoSchema = z.object({
  version: z.string(),
  locale: localeSchema,
  /** True while the app talks to the bundled DealPOS simulator instead of a real account. */
  demo: z.boolean(),
  /** Set when a corrupt settings file was moved aside at start-up: where it went. */
  settingsMovedAsidePath: z.string().nullable(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** The settings as the renderer sees them: never the secret, only whether one is stored. */
export const settingsViewSchema = z.object({
  dealposUrl: z.string().nullable(),
  clientId: z.string().nullable(),
  hasSecret: z.boolean(),
  demo: z.boolean(),
  locale: localeSchema,
  defaultTemplateId: z.string(),
  defaultDpi: dpiSchema,
  recentOutlets: z.array(z.string()).max(20),
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

export const settingsUpdateSchema = z
  .object({
    locale: localeSchema,
    defaultTemplateId: z.string().min(1).max(64),
    defaultDpi: dpiSchema,
  })
  .partial()
  .strict();

/** Account fields from the settings form. A null secret keeps (or tests) the one already stored. */
export const accountInputSchema = z
  .object({
    url: z.string().trim().min(1).max(300),
    clientId: z.string().trim().min(1).max(200),
    secret: z.string().min(1).max(500).nullable(),
  })
  .strict();

export const documentKindSchema = z.enum(['bill', 'delivery']);

/** A reference to a DealPOS purchase bill or outlet delivery, by outlet and number. */
export const documentRefSchema = z
  .object({
    kind: documentKindSchema,
    outlet: z.string().trim().min(1).max(200),
    number: z.string().trim().min(1).max(200),
  })
  .strict();
export type DocumentRef = z.infer<typeof documentRefSchema>;

const lineProblemSchema = z.object({
  code: z.enum([
    'code_missing',
    'code_not_text',
    'code_not_encodable',
    'code_too_long',
    'check_digit_invalid',
    'quantity_invalid',
    'quantity_negative',
    'quantity_fractional',
    'quantity_too_large',
    'name_missing',
    'glyph_missing',
    'duplicate_variant',
  ]),
  severity: z.enum(['error', 'warning']),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});

const documentLineSchema = z.object({
  lineNumber: z.number().int().positive(),
  variantId: z.string().nullable(),
  name: z.string(),
  code: z.string().nullable(),
  quantity: z.number().int().nonnegative().nullable(),
  unitPrice: z.number().nullable(),
  problems: z.array(lineProblemSchema),
});

/** A fetched document with its validated lines, and where it came from. */
export const documentViewSchema = z.object({
  ref: documentRefSchema,
  lines: z.array(documentLineSchema),
  fetchedAt: z.string(),
  source: z.enum(['dealpos', 'cache', 'demo']),
});
export type DocumentView = z.infer<typeof documentViewSchema>;

/** One recently opened document, reopened from the local cache (so reprinting works offline). */
export const historyEntrySchema = z.object({
  ref: documentRefSchema,
  fetchedAt: z.string(),
  lineCount: z.number().int().nonnegative(),
  labelsPrinted: z.number().int().nonnegative(),
  lastPrintedAt: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const templateListItemSchema = z.object({ template: templateSchema, builtIn: z.boolean() });
export type TemplateListItem = z.infer<typeof templateListItemSchema>;

/** The clerk's change to one line: a label count (0 leaves it out) or an explicit exclusion. */
export const lineOverrideInputSchema = z
  .object({
    lineNumber: z.number().int().positive(),
    quantity: z.number().int().min(0).max(MAX_LABELS_PER_LINE).optional(),
    include: z.boolean().optional(),
  })
  .strict();

/**
 * A reprint of `labels` labels of one line of a document the clerk already printed. `labels` is 1 for
 * "one label" and the line's count for "the whole line". The rest of the request (template, dpi, prices)
 * still applies.
 */
export const reprintSchema = z
  .object({
    lineNumber: z.number().int().positive(),
    labels: z.number().int().min(1).max(MAX_LABELS_PER_LINE),
  })
  .strict();
export type Reprint = z.infer<typeof reprintSchema>;

/** A print-to-PDF request. `jobId` is chosen by the renderer so it can match progress events and cancel. */
export const pdfPrintRequestSchema = z
  .object({
    jobId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
    document: documentRefSchema,
    overrides: z.array(lineOverrideInputSchema).max(100_000),
    templateId: z.string().min(1).max(64),
    dpi: dpiSchema,
    showPrice: z.boolean(),
    startPosition: z.number().int().min(1).max(1000),
    /** The part to print again. Null prints the whole document with the overrides. */
    reprint: reprintSchema.nullable().default(null),
  })
  .strict();
export type PdfPrintRequest = z.infer<typeof pdfPrintRequestSchema>;

export const pdfPrintResultSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('written'),
    path: z.string(),
    labels: z.number().int(),
    pages: z.number().int(),
  }),
  /** The clerk closed the save dialog, or cancelled while the file was being written (nothing is left). */
  z.object({ status: z.literal('cancelled') }),
]);
export type PdfPrintResult = z.infer<typeof pdfPrintResultSchema>;

/** A print request to a printer profile. `jobId` is chosen by the renderer, as for PDF, to match progress. */
export const printerPrintRequestSchema = z
  .object({
    jobId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
    profileId: z.string().min(1).max(64),
    document: documentRefSchema,
    overrides: z.array(lineOverrideInputSchema).max(100_000),
    templateId: z.string().min(1).max(64),
    showPrice: z.boolean(),
    /** The part to print again. Null prints the whole document with the overrides. */
    reprint: reprintSchema.nullable(),
  })
  .strict();
export type PrinterPrintRequest = z.infer<typeof printerPrintRequestSchema>;

/** A print queue of the operating system, as the printer picker lists it. */
export const printQueueSchema = z.object({
  name: z.string(),
  state: z.enum(['idle', 'printing', 'stopped']),
  acceptingJobs: z.boolean(),
  description: z.string(),
  message: z.string(),
});
export type PrintQueueView = z.infer<typeof printQueueSchema>;

/** The printer profiles and the OS print queues. `queuesError` is set when the spooler cannot list them. */
export const printersViewSchema = z.object({
  profiles: z.array(printerProfileSchema),
  /** Shipped examples the clerk can copy into a profile of their own. */
  examples: z.array(printerProfileSchema),
  queues: z.array(printQueueSchema),
  queuesError: ipcErrorSchema.nullable(),
});
export type PrintersView = z.infer<typeof printersViewSchema>;

/**
 * A job sent to a printer, from its journal. Driver-mode jobs are sent in one piece and never resumable,
 * so they are `completed` or fail as an error result.
 */
export const printerJobViewSchema = z.object({
  /** The journal id (`YYYYMMDD-HHMMSS-xxxx`), used to resume or cancel. */
  id: z.string(),
  status: z.enum(['active', 'interrupted', 'completed', 'cancelled']),
  document: documentRefSchema,
  profileName: z.string(),
  queue: z.string(),
  templateId: z.string(),
  /** Labels the spooler confirmed, always labels 1 to `confirmedLabels`. */
  confirmedLabels: z.number().int().nonnegative(),
  totalLabels: z.number().int().nonnegative(),
  /** The stop reason: a coded error and the 1-based number of the first label not printed. */
  interruption: z.object({ error: ipcErrorSchema, label: z.number().int().positive() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PrinterJobView = z.infer<typeof printerJobViewSchema>;

/** A request to resume an interrupted printer job. Progress events carry the renderer's `requestId`. */
export const printerJobResumeSchema = z
  .object({
    id: z.string().regex(/^\d{8}-\d{6}-[0-9a-f]{4}$/),
    requestId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
    /**
     * The clerk's decision, after checking the printer, for a chunk the spooler no longer lists. `skip`
     * counts it as printed and `resend` sends it again. Null stops the resume with `print_job_uncertain`.
     */
    unconfirmed: z.enum(['skip', 'resend']).nullable(),
  })
  .strict();

/**
 * One entry of a document's print ledger: what was printed, when, where and with which template.
 * Entries are added when a job ends (completed, interrupted or cancelled), with the labels that printed.
 */
export const ledgerEntrySchema = z.object({
  at: z.string(),
  target: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('pdf'), path: z.string() }),
    z.object({
      kind: z.literal('printer'),
      profileName: z.string(),
      queue: z.string(),
      jobId: z.string().nullable(),
    }),
  ]),
  templateId: z.string(),
  dpi: dpiSchema,
  status: z.enum(['completed', 'interrupted', 'cancelled']),
  /** True when the clerk requested this as a reprint. */
  reprint: z.boolean(),
  /** Labels printed per line, in document order. Lines with no printed label are left out. */
  lines: z.array(
    z.object({
      lineNumber: z.number().int().positive(),
      code: z.string().nullable(),
      name: z.string(),
      labels: z.number().int().positive(),
    }),
  ),
  labels: z.number().int().nonnegative(),
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

/** Error that stops a HID scanner from being listed, opened or read. Its message key is `scan.<code>`. */
export const scannerErrorSchema = z.object({
  code: z.enum([
    'hid_unavailable',
    'hid_keyboard_refused',
    'hid_not_scanner',
    'hid_permission_denied',
    'hid_open_failed',
  ]),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type ScannerError = z.infer<typeof scannerErrorSchema>;

/** Key of a physical scanner: USB vendor and product id in 4 hex digits, then its serial number if it has one. */
export const scannerKeySchema = z.string().regex(/^[0-9a-f]{4}:[0-9a-f]{4}(:[\x20-\x7e]{1,126})?$/);

/** A USB HID device in the scanner picker. `refusal` is the reason the app cannot read it here, or null. */
export const scannerDeviceSchema = z.object({
  key: scannerKeySchema,
  kind: z.enum(['hid_pos', 'keyboard', 'other']),
  vendorId: z.number().int().min(0).max(0xffff),
  productId: z.number().int().min(0).max(0xffff),
  product: z.string().nullable(),
  manufacturer: z.string().nullable(),
  serialNumber: z.string().nullable(),
  /** Manufacturer and product with the ids, e.g. `Honeywell Voyager 1400g (0c2e:0b8f)`. */
  name: z.string(),
  refusal: scannerErrorSchema.nullable(),
});
export type ScannerDevice = z.infer<typeof scannerDeviceSchema>;

/** The HID devices present, or `error` when USB HID support could not load. */
export const scannerDeviceListSchema = z.object({
  devices: z.array(scannerDeviceSchema),
  error: scannerErrorSchema.nullable(),
});
export type ScannerDeviceList = z.infer<typeof scannerDeviceListSchema>;

/** A scanner to read, with the settings that strip its prefix and suffix and end keyboard-mode codes. */
export const scannerConnectRequestSchema = z
  .object({ key: scannerKeySchema, settings: scannerSettingsSchema })
  .strict();
export type ScannerConnectRequest = z.infer<typeof scannerConnectRequestSchema>;

/**
 * State of the HID scanner. `idle`: none chosen. `connecting`: chosen, not plugged in yet.
 * `disconnected`: it was unplugged, and is reopened when it is back. `error`: present but unreadable.
 */
export const scannerStatusSchema = z.object({
  state: z.enum(['idle', 'connecting', 'connected', 'disconnected', 'error']),
  /** The chosen scanner. Its `name` is null until the scanner has been seen. */
  device: z.object({ key: scannerKeySchema, name: z.string().nullable() }).nullable(),
  error: scannerErrorSchema.nullable(),
});
export type ScannerStatus = z.infer<typeof scannerStatusSchema>;

/** The receiving check's finish summary of one document, for its PDF export. */
export const receivingReportRequestSchema = receivingReportFieldsSchema
  .extend({ document: documentRefSchema })
  .strict();
export type ReceivingReportRequest = z.infer<typeof receivingReportRequestSchema>;

/** Where the support bundle went, or `cancelled` when the clerk closed the save dialog. */
export const diagnosticsExportResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('written'), path: z.string() }),
  z.object({ status: z.literal('cancelled') }),
]);
export type DiagnosticsExportResult = z.infer<typeof diagnosticsExportResultSchema>;

export const printProgressSchema = z.object({
  jobId: z.string(),
  written: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type PrintProgress = z.infer<typeof printProgressSchema>;

export const logEntrySchema = z
  .object({
    level: z.enum(['info', 'warn', 'error']),
    scope: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/),
    message: z.string().max(2000),
  })
  .strict();

// ---------------------------------------------------------------------------------------------------
// Channels
// ---------------------------------------------------------------------------------------------------

/** One invoke channel: the preload method name, a tuple schema for its arguments, a schema for its result. */
interface InvokeDefinition {
  readonly method: string;
  readonly args: z.ZodTuple;
  readonly result: z.ZodType;
}

/** One event channel (main → renderer): the preload subscription method and a schema for its payload. */
interface EventDefinition {
  readonly method: string;
  readonly payload: z.ZodType;
}

/**
 * Renderer → main requests. Main handles each with `ipcMain.handle`, and the preload exposes each as
 * `labelDesk.<method>(...args)`, which returns a Promise of the result.
 */
export const invokeChannels = {
  'app:get-info': { method: 'getInfo', args: z.tuple([]), result: appInfoSchema },

  'settings:get': { method: 'getSettings', args: z.tuple([]), result: settingsViewSchema },
  'settings:update': {
    method: 'updateSettings',
    args: z.tuple([settingsUpdateSchema]),
    result: outcomeSchema(settingsViewSchema),
  },
  /** Stores the address and client id in settings and the secret (when given) in the OS keychain. */
  'account:save': {
    method: 'saveAccount',
    args: z.tuple([accountInputSchema]),
    result: outcomeSchema(settingsViewSchema),
  },
  /** Fetches a token with these credentials (a null secret means the stored one) and reports the outcome. */
  'account:test': {
    method: 'testAccount',
    args: z.tuple([accountInputSchema]),
    result: outcomeSchema(z.object({ url: z.string() })),
  },
  /** Switches demo mode on (the bundled DealPOS simulator) or off (the stored account). */
  'account:set-demo': {
    method: 'setDemoMode',
    args: z.tuple([z.boolean()]),
    result: outcomeSchema(settingsViewSchema),
  },

  /** Fetches a document from DealPOS. On a network failure the error's `cached` param tells whether a cached copy exists. */
  'document:fetch': {
    method: 'fetchDocument',
    args: z.tuple([documentRefSchema]),
    result: outcomeSchema(documentViewSchema),
  },
  'document:open-cached': {
    method: 'openCachedDocument',
    args: z.tuple([documentRefSchema]),
    result: outcomeSchema(documentViewSchema),
  },
  /**
   * Looks scanned codes up in DealPOS (`Variant/GetIDByListCode`) for the receiving check. Codes DealPOS does
   * not know are missing from the result.
   */
  'variants:lookup': {
    method: 'lookupVariants',
    args: z.tuple([z.array(z.string().max(200)).max(200)]),
    result: outcomeSchema(z.array(z.object({ code: z.string(), id: z.string(), productId: z.string() }))),
  },
  'history:list': { method: 'listHistory', args: z.tuple([]), result: z.array(historyEntrySchema) },

  'templates:list': { method: 'listTemplates', args: z.tuple([]), result: z.array(templateListItemSchema) },
  'templates:save': {
    method: 'saveTemplate',
    args: z.tuple([templateSchema]),
    result: outcomeSchema(z.array(templateListItemSchema)),
  },
  'templates:delete': {
    method: 'deleteTemplate',
    args: z.tuple([z.string().min(1).max(64)]),
    result: outcomeSchema(z.array(templateListItemSchema)),
  },

  /** Asks main for a file name (save dialog), then writes the PDF with progress events. */
  'print:pdf': {
    method: 'printPdf',
    args: z.tuple([pdfPrintRequestSchema]),
    result: outcomeSchema(pdfPrintResultSchema),
  },
  'print:cancel': { method: 'cancelPrint', args: z.tuple([z.string().max(64)]), result: z.boolean() },
  /** Printer profiles and the operating system's print queues. */
  'printers:list': { method: 'listPrinters', args: z.tuple([]), result: outcomeSchema(printersViewSchema) },
  /** Adds a profile, or replaces the one with the same id, and returns every profile. */
  'printers:save-profile': {
    method: 'savePrinterProfile',
    args: z.tuple([printerProfileSchema]),
    result: outcomeSchema(z.array(printerProfileSchema)),
  },
  'printers:delete-profile': {
    method: 'deletePrinterProfile',
    args: z.tuple([z.string().min(1).max(64)]),
    result: outcomeSchema(z.array(printerProfileSchema)),
  },
  /** Prints one calibration label (label edges and millimetre rulers) with the profile as saved. */
  'printers:calibrate': {
    method: 'printCalibrationLabel',
    args: z.tuple([z.string().min(1).max(64)]),
    result: outcomeSchema(z.null()),
  },
  /**
   * Sends a document's labels to a printer profile, with `print:progress` events under the request's
   * `jobId`. `print:cancel` with that id stops it. A printer failure gives an `interrupted` job, not an error.
   */
  'print:printer': {
    method: 'printToPrinter',
    args: z.tuple([printerPrintRequestSchema]),
    result: outcomeSchema(printerJobViewSchema),
  },
  /** Printer jobs that are not finished (interrupted, or active in another window), newest first. */
  'printer-jobs:list': {
    method: 'listPrinterJobs',
    args: z.tuple([]),
    result: outcomeSchema(z.array(printerJobViewSchema)),
  },
  /** Sends what an interrupted job has not printed yet. No confirmed label is sent again. */
  'printer-jobs:resume': {
    method: 'resumePrinterJob',
    args: z.tuple([printerJobResumeSchema]),
    result: outcomeSchema(printerJobViewSchema),
  },
  'printer-jobs:cancel': {
    method: 'cancelPrinterJob',
    args: z.tuple([z.string().regex(/^\d{8}-\d{6}-[0-9a-f]{4}$/)]),
    result: outcomeSchema(printerJobViewSchema),
  },
  /** The print ledger of one document, newest entry first. */
  'ledger:get': {
    method: 'getLedger',
    args: z.tuple([documentRefSchema]),
    result: outcomeSchema(z.array(ledgerEntrySchema)),
  },
  /** Opens a PDF this app wrote, or shows it in its folder. Paths the app did not write are refused. */
  'files:open': {
    method: 'openFile',
    args: z.tuple([z.object({ path: z.string().max(4096), reveal: z.boolean() }).strict()]),
    result: outcomeSchema(z.null()),
  },

  'log:write': { method: 'log', args: z.tuple([logEntrySchema]), result: z.null() },

  /** USB HID devices, with the reason the app cannot read some of them here. */
  'scanner:list-devices': {
    method: 'listScannerDevices',
    args: z.tuple([]),
    result: scannerDeviceListSchema,
  },
  /** Reads codes from this scanner, replacing any other, until `scanner:disconnect`. Returns the new state. */
  'scanner:connect': {
    method: 'connectScanner',
    args: z.tuple([scannerConnectRequestSchema]),
    result: scannerStatusSchema,
  },
  'scanner:disconnect': { method: 'disconnectScanner', args: z.tuple([]), result: scannerStatusSchema },

  /**
   * Shows a save dialog for the file name, then writes the receiving check's summary as an A4 PDF in the
   * request's language. Closing the dialog gives `cancelled` and writes nothing.
   */
  'receiving:export-pdf': {
    method: 'exportReceivingPdf',
    args: z.tuple([receivingReportRequestSchema]),
    result: outcomeSchema(receivingReportResultSchema),
  },
  /**
   * Asks main for a file name (save dialog), then writes one JSON file for support: versions, settings
   * without the secret, printer profiles, recent documents and the end of each log file.
   */
  'diagnostics:export': {
    method: 'exportDiagnostics',
    args: z.tuple([]),
    result: outcomeSchema(diagnosticsExportResultSchema),
  },
} as const satisfies Record<string, InvokeDefinition>;

/** Main → renderer notifications. */
export const eventChannels = {
  'print:progress': { method: 'onPrintProgress', payload: printProgressSchema },
  /** A code read from the HID scanner, with prefix and suffix removed. */
  'scanner:code': { method: 'onScannerCode', payload: z.object({ code: z.string().min(1).max(4096) }) },
  'scanner:status': { method: 'onScannerStatus', payload: scannerStatusSchema },
} as const satisfies Record<string, EventDefinition>;

/** Name of an invoke channel, such as `app:get-info`. */
export type InvokeChannel = keyof typeof invokeChannels;

/** Name of an event channel. */
export type EventChannel = keyof typeof eventChannels;

/** Every invoke channel name, for registering handlers and for tests that compare both sides. */
export const INVOKE_CHANNELS = Object.keys(invokeChannels) as InvokeChannel[];

/** Every event channel name. */
export const EVENT_CHANNELS = Object.keys(eventChannels) as EventChannel[];

/** Arguments the renderer passes to a channel's preload method. */
export type InvokeArgs<C extends InvokeChannel> = z.input<(typeof invokeChannels)[C]['args']>;

/** Arguments a channel's handler in main receives, after its schema parsed them. */
export type ParsedInvokeArgs<C extends InvokeChannel> = z.output<(typeof invokeChannels)[C]['args']>;

/** Value a channel's handler resolves with. */
export type InvokeResult<C extends InvokeChannel> = z.output<(typeof invokeChannels)[C]['result']>;

/** Preload method name of a channel, such as `getInfo`. */
export type InvokeMethod<C extends InvokeChannel> = (typeof invokeChannels)[C]['method'];

/** Payload of an event channel. */
export type EventPayload<E extends EventChannel> = z.output<(typeof eventChannels)[E]['payload']>;

/** Preload subscription method name of an event channel, such as `onPrintProgress`. */
export type EventMethod<E extends EventChannel> = (typeof eventChannels)[E]['method'];

/**
 * The API the preload puts on `window.labelDesk`: one function per invoke channel, named by the channel's
 * `method`, and one subscription per event channel that returns its unsubscribe function. A channel added
 * to the contract is a compile error in the preload until it is exposed there.
 */
export type LabelDeskApi = {
  readonly [C in InvokeChannel as InvokeMethod<C>]: (...args: InvokeArgs<C>) => Promise<InvokeResult<C>>;
} & {
  readonly [E in EventChannel as EventMethod<E>]: (
    listener: (payload: EventPayload<E>) => void,
  ) => () => void;
};
