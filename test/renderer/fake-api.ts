import billEdgeCases from '../fixtures/dealpos/bill-edge-cases.json' with { type: 'json' };
import billTokoBandung from '../fixtures/dealpos/bill-toko-bandung-PB-2026-10-00318.json' with { type: 'json' };
import type { Locale } from '../../shared/i18n/index.ts';
import type {
  AppInfo,
  DiagnosticsExportResult,
  DocumentRef,
  DocumentView,
  HistoryEntry,
  InvokeArgs,
  IpcError,
  LabelDeskApi,
  Outcome,
  LedgerEntry,
  PdfPrintResult,
  PrinterJobView,
  PrintersView,
  PrintProgress,
  PrintQueueView,
  ScannerDeviceList,
  ScannerStatus,
  SettingsView,
  TemplateListItem,
} from '../../shared/ipc-contract.ts';
import { readDocumentLines } from '../../shared/labels/lines.ts';
import { BUILT_IN_TEMPLATES, type LabelTemplate } from '../../shared/labels/templates.ts';
import { EXAMPLE_PRINTER_PROFILES, type PrinterProfile } from '../../shared/printing/profile.ts';
import type { ReceivingReportResult } from '../../shared/scanning/receiving-report-schema.ts';

/** The secret the fake account accepts. */
export const FAKE_SECRET = 'rahasia-toko-123';

/** The outlet and number of the fixture bill the fake serves. */
export const TOKO_BANDUNG: DocumentRef = {
  kind: 'bill',
  outlet: billTokoBandung.request.Outlet,
  number: billTokoBandung.request.Number,
};

/** The fixture bill of odd lines (missing code, negative quantity, and so on). */
export const EDGE_CASES: DocumentRef = {
  kind: 'bill',
  outlet: billEdgeCases.request.Outlet,
  number: billEdgeCases.request.Number,
};

/** One call the renderer made, for tests that check what crossed the boundary. */
export interface RecordedCall {
  method: string;
  args: unknown[];
}

export interface FakeApiOptions {
  locale?: Locale;
  /** Whether an account (address, client id and secret) is stored; true by default. */
  configured?: boolean;
  demo?: boolean;
  recentOutlets?: string[];
}

const refKey = (ref: DocumentRef): string => `${ref.kind}|${ref.outlet}|${ref.number}`;

/** Raw DealPOS lines for a document of `count` lines, for the large-document tests. */
export function manyRawLines(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, index) => ({
    VariantID: `v-${index + 1}`,
    Name: `Barang nomor ${index + 1}`,
    Code: `SKU-${String(index + 1).padStart(5, '0')}`,
    Quantity: (index % 4) + 1,
    UnitPrice: 1000 * ((index % 9) + 1),
  }));
}

/**
 * An in-memory `LabelDeskApi` for component tests: documents from the DealPOS fixtures, one account whose
 * secret is `FAKE_SECRET`, and print jobs that can wait for `finishPrint`. Every call is recorded.
 */
export class FakeLabelDeskApi implements LabelDeskApi {
  readonly calls: RecordedCall[] = [];
  readonly info: AppInfo;
  settings: SettingsView;
  templates: TemplateListItem[] = BUILT_IN_TEMPLATES.map((template) => ({ template, builtIn: true }));
  history: HistoryEntry[] = [];
  /** Documents DealPOS would return, by kind, outlet and number. */
  readonly documents = new Map<string, Record<string, unknown>[]>();
  /** Documents fetched before, as main's cache keeps them. */
  readonly cache = new Map<string, DocumentView>();
  /** When set, every fetch fails with this error (with `cached` filled in for network errors). */
  fetchFailure: IpcError | null = null;
  /** The next print jobs' results; a job without one writes `/tmp/labels.pdf`. */
  readonly printResults: Array<Outcome<PdfPrintResult>> = [];
  /** The result of the next `exportDiagnostics` calls. */
  diagnosticsResult: Outcome<DiagnosticsExportResult> = {
    ok: true,
    value: { status: 'written', path: '/tmp/label-desk-diagnostics-2026-03-14.json' },
  };
  /** The result of the next `exportReceivingPdf` calls. */
  receivingPdfResult: Outcome<ReceivingReportResult> = {
    ok: true,
    value: { status: 'written', path: '/tmp/receiving-check.pdf', pages: 1 },
  };
  /** Printer profiles, OS queues and the queue listing's failure that `listPrinters` returns. */
  printerProfiles: PrinterProfile[] = [];
  printQueues: PrintQueueView[] = [];
  printQueuesError: IpcError | null = null;
  /** Unfinished printer jobs for `listPrinterJobs`. */
  printerJobs: PrinterJobView[] = [];
  /** Results of the next printer jobs and resumes. Without one, a job completes with 41 labels. */
  readonly printerResults: Array<Outcome<PrinterJobView>> = [];
  readonly resumeResults: Array<Outcome<PrinterJobView>> = [];
  /** The result of the next `printCalibrationLabel` calls. */
  calibrationResult: Outcome<null> = { ok: true, value: null };
  /** Print ledger entries by document, newest first. */
  readonly ledgers = new Map<string, LedgerEntry[]>();
  /** Variants DealPOS knows, by code, for `lookupVariants`. */
  readonly variants = new Map<string, { id: string; productId: string }>();
  /** When set, every variant lookup fails with this error. */
  lookupFailure: IpcError | null = null;
  /** When true, print jobs wait until `finishPrint` is called. */
  holdPrints = false;
  readonly #progressListeners = new Set<(payload: PrintProgress) => void>();
  #pendingPrint: (() => void) | null = null;
  #storedSecret: string | null;

  constructor(options: FakeApiOptions = {}) {
    const configured = options.configured ?? true;
    this.info = {
      version: '0.1.0',
      locale: options.locale ?? 'id',
      demo: options.demo ?? false,
      settingsMovedAsidePath: null,
    };
    this.#storedSecret = configured ? FAKE_SECRET : null;
    this.settings = {
      dealposUrl: configured ? 'https://tokobandung.dealpos.net/api/v3/' : null,
      clientId: configured ? 'label-desk' : null,
      hasSecret: configured,
      demo: options.demo ?? false,
      locale: options.locale ?? 'id',
      defaultTemplateId: 'roll-50x30',
      defaultDpi: 203,
      recentOutlets: options.recentOutlets ?? [],
    };
    this.documents.set(refKey(TOKO_BANDUNG), billTokoBandung.response);
    this.documents.set(refKey(EDGE_CASES), billEdgeCases.response as Record<string, unknown>[]);
  }

  /** Adds a document DealPOS would return. */
  addDocument(ref: DocumentRef, rawLines: Record<string, unknown>[]): void {
    this.documents.set(refKey(ref), rawLines);
  }

  callsOf(method: keyof LabelDeskApi): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Sends a progress event as main does while a job writes. */
  emitProgress(payload: PrintProgress): void {
    for (const listener of this.#progressListeners) {
      listener(payload);
    }
  }

  /** Lets a held print job finish with its queued result. */
  finishPrint(): void {
    this.#pendingPrint?.();
    this.#pendingPrint = null;
  }

  #record(method: string, args: unknown[]): void {
    this.calls.push({ method, args: structuredClone(args) });
  }

  readonly getInfo = async (): Promise<AppInfo> => {
    this.#record('getInfo', []);
    return this.info;
  };

  readonly getSettings = async (): Promise<SettingsView> => {
    this.#record('getSettings', []);
    return this.settings;
  };

  readonly updateSettings = async (
    ...args: InvokeArgs<'settings:update'>
  ): Promise<Outcome<SettingsView>> => {
    this.#record('updateSettings', args);
    this.settings = { ...this.settings, ...args[0] };
    return { ok: true, value: this.settings };
  };

  readonly saveAccount = async (...args: InvokeArgs<'account:save'>): Promise<Outcome<SettingsView>> => {
    this.#record('saveAccount', args);
    const [input] = args;
    if (input.secret !== null) {
      this.#storedSecret = input.secret;
    }
    this.settings = {
      ...this.settings,
      dealposUrl: input.url,
      clientId: input.clientId,
      hasSecret: this.#storedSecret !== null,
    };
    return { ok: true, value: this.settings };
  };

  readonly testAccount = async (...args: InvokeArgs<'account:test'>): Promise<Outcome<{ url: string }>> => {
    this.#record('testAccount', args);
    const [input] = args;
    const secret = input.secret ?? this.#storedSecret;
    if (secret !== FAKE_SECRET) {
      return { ok: false, error: { code: 'auth_failed', params: {} } };
    }
    return { ok: true, value: { url: input.url } };
  };

  readonly setDemoMode = async (...args: InvokeArgs<'account:set-demo'>): Promise<Outcome<SettingsView>> => {
    this.#record('setDemoMode', args);
    this.settings = { ...this.settings, demo: args[0] };
    return { ok: true, value: this.settings };
  };

  readonly fetchDocument = async (...args: InvokeArgs<'document:fetch'>): Promise<Outcome<DocumentView>> => {
    this.#record('fetchDocument', args);
    const [ref] = args;
    if (!this.settings.demo && this.#storedSecret !== FAKE_SECRET) {
      return { ok: false, error: { code: 'auth_failed', params: {} } };
    }
    if (this.fetchFailure !== null) {
      const cached = this.cache.has(refKey(ref)) ? 'yes' : 'no';
      return { ok: false, error: { ...this.fetchFailure, params: { ...this.fetchFailure.params, cached } } };
    }
    const raw = this.documents.get(refKey(ref));
    if (raw === undefined) {
      return {
        ok: false,
        error: { code: 'document_not_found', params: { outlet: ref.outlet, number: ref.number } },
      };
    }
    const view: DocumentView = {
      ref,
      lines: readDocumentLines(raw),
      fetchedAt: '2026-10-21T03:15:00.000Z',
      source: this.settings.demo ? 'demo' : 'dealpos',
    };
    this.cache.set(refKey(ref), { ...view, source: 'cache' });
    this.settings = {
      ...this.settings,
      recentOutlets: [ref.outlet, ...this.settings.recentOutlets.filter((outlet) => outlet !== ref.outlet)],
    };
    return { ok: true, value: view };
  };

  readonly openCachedDocument = async (
    ...args: InvokeArgs<'document:open-cached'>
  ): Promise<Outcome<DocumentView>> => {
    this.#record('openCachedDocument', args);
    const cached = this.cache.get(refKey(args[0]));
    if (cached === undefined) {
      return { ok: false, error: { code: 'document_not_found', params: {} } };
    }
    return { ok: true, value: cached };
  };

  readonly lookupVariants = async (
    ...args: InvokeArgs<'variants:lookup'>
  ): Promise<Outcome<Array<{ code: string; id: string; productId: string }>>> => {
    this.#record('lookupVariants', args);
    if (this.lookupFailure !== null) {
      return { ok: false, error: this.lookupFailure };
    }
    const found = args[0].flatMap((code) => {
      const variant = this.variants.get(code);
      return variant === undefined ? [] : [{ code, ...variant }];
    });
    return { ok: true, value: found };
  };

  readonly listHistory = async (): Promise<HistoryEntry[]> => {
    this.#record('listHistory', []);
    return this.history;
  };

  readonly listTemplates = async (): Promise<TemplateListItem[]> => {
    this.#record('listTemplates', []);
    return this.templates;
  };

  readonly saveTemplate = async (
    ...args: InvokeArgs<'templates:save'>
  ): Promise<Outcome<TemplateListItem[]>> => {
    this.#record('saveTemplate', args);
    const template = args[0] as LabelTemplate;
    this.templates = [
      ...this.templates.filter((item) => item.template.id !== template.id),
      { template, builtIn: false },
    ];
    return { ok: true, value: this.templates };
  };

  readonly deleteTemplate = async (
    ...args: InvokeArgs<'templates:delete'>
  ): Promise<Outcome<TemplateListItem[]>> => {
    this.#record('deleteTemplate', args);
    this.templates = this.templates.filter((item) => item.builtIn || item.template.id !== args[0]);
    return { ok: true, value: this.templates };
  };

  readonly printPdf = async (...args: InvokeArgs<'print:pdf'>): Promise<Outcome<PdfPrintResult>> => {
    this.#record('printPdf', args);
    const [request] = args;
    if (this.holdPrints) {
      await new Promise<void>((resolve) => {
        this.#pendingPrint = resolve;
      });
    }
    return (
      this.printResults.shift() ?? {
        ok: true,
        value: {
          status: 'written',
          path: `/tmp/${request.document.number.replaceAll('/', '-')}.pdf`,
          labels: 1,
          pages: 1,
        },
      }
    );
  };

  readonly cancelPrint = async (...args: InvokeArgs<'print:cancel'>): Promise<boolean> => {
    this.#record('cancelPrint', args);
    return true;
  };

  readonly openFile = async (...args: InvokeArgs<'files:open'>): Promise<Outcome<null>> => {
    this.#record('openFile', args);
    return { ok: true, value: null };
  };

  readonly log = async (...args: InvokeArgs<'log:write'>): Promise<null> => {
    this.#record('log', args);
    return null;
  };

  readonly exportDiagnostics = async (): Promise<Outcome<DiagnosticsExportResult>> => {
    this.#record('exportDiagnostics', []);
    return this.diagnosticsResult;
  };

  readonly exportReceivingPdf = async (
    ...args: InvokeArgs<'receiving:export-pdf'>
  ): Promise<Outcome<ReceivingReportResult>> => {
    this.#record('exportReceivingPdf', args);
    return this.receivingPdfResult;
  };

  readonly listPrinters = async (): Promise<Outcome<PrintersView>> => {
    this.#record('listPrinters', []);
    return {
      ok: true,
      value: {
        profiles: this.printerProfiles,
        examples: [...EXAMPLE_PRINTER_PROFILES],
        queues: this.printQueues,
        queuesError: this.printQueuesError,
      },
    };
  };

  readonly savePrinterProfile = async (
    ...args: InvokeArgs<'printers:save-profile'>
  ): Promise<Outcome<PrinterProfile[]>> => {
    this.#record('savePrinterProfile', args);
    const profile = args[0] as PrinterProfile;
    const index = this.printerProfiles.findIndex((candidate) => candidate.id === profile.id);
    this.printerProfiles =
      index === -1
        ? [...this.printerProfiles, profile]
        : this.printerProfiles.map((candidate) => (candidate.id === profile.id ? profile : candidate));
    return { ok: true, value: this.printerProfiles };
  };

  readonly deletePrinterProfile = async (
    ...args: InvokeArgs<'printers:delete-profile'>
  ): Promise<Outcome<PrinterProfile[]>> => {
    this.#record('deletePrinterProfile', args);
    this.printerProfiles = this.printerProfiles.filter((profile) => profile.id !== args[0]);
    return { ok: true, value: this.printerProfiles };
  };

  readonly printCalibrationLabel = async (
    ...args: InvokeArgs<'printers:calibrate'>
  ): Promise<Outcome<null>> => {
    this.#record('printCalibrationLabel', args);
    return this.calibrationResult;
  };

  readonly printToPrinter = async (
    ...args: InvokeArgs<'print:printer'>
  ): Promise<Outcome<PrinterJobView>> => {
    this.#record('printToPrinter', args);
    const [request] = args;
    if (this.holdPrints) {
      await new Promise<void>((resolve) => {
        this.#pendingPrint = resolve;
      });
    }
    const profile = this.printerProfiles.find((candidate) => candidate.id === request.profileId);
    return (
      this.printerResults.shift() ?? {
        ok: true,
        value: fakePrinterJob({
          document: request.document,
          profileName: profile?.name ?? '?',
          queue: profile?.queue ?? '?',
        }),
      }
    );
  };

  readonly listPrinterJobs = async (): Promise<Outcome<PrinterJobView[]>> => {
    this.#record('listPrinterJobs', []);
    return { ok: true, value: this.printerJobs };
  };

  readonly resumePrinterJob = async (
    ...args: InvokeArgs<'printer-jobs:resume'>
  ): Promise<Outcome<PrinterJobView>> => {
    this.#record('resumePrinterJob', args);
    if (this.holdPrints) {
      await new Promise<void>((resolve) => {
        this.#pendingPrint = resolve;
      });
    }
    const job = this.printerJobs.find((candidate) => candidate.id === args[0].id);
    const result = this.resumeResults.shift() ?? {
      ok: true,
      value: fakePrinterJob({
        ...job,
        status: 'completed',
        confirmedLabels: job?.totalLabels ?? 41,
        interruption: null,
      }),
    };
    if (result.ok && result.value.status !== 'interrupted') {
      this.printerJobs = this.printerJobs.filter((candidate) => candidate.id !== args[0].id);
    }
    return result;
  };

  readonly cancelPrinterJob = async (
    ...args: InvokeArgs<'printer-jobs:cancel'>
  ): Promise<Outcome<PrinterJobView>> => {
    this.#record('cancelPrinterJob', args);
    const job = this.printerJobs.find((candidate) => candidate.id === args[0]);
    if (job === undefined) {
      return { ok: false, error: { code: 'print_job_not_found', params: { id: args[0] } } };
    }
    this.printerJobs = this.printerJobs.filter((candidate) => candidate.id !== args[0]);
    return { ok: true, value: { ...job, status: 'cancelled' } };
  };

  readonly getLedger = async (...args: InvokeArgs<'ledger:get'>): Promise<Outcome<LedgerEntry[]>> => {
    this.#record('getLedger', args);
    return { ok: true, value: this.ledgers.get(refKey(args[0])) ?? [] };
  };

  /** Sets the print ledger `getLedger` returns for `ref`. */
  setLedger(ref: DocumentRef, entries: LedgerEntry[]): void {
    this.ledgers.set(refKey(ref), entries);
  }

  readonly onPrintProgress = (listener: (payload: PrintProgress) => void): (() => void) => {
    this.#progressListeners.add(listener);
    return () => this.#progressListeners.delete(listener);
  };

  /** HID devices `listScannerDevices` returns. */
  scannerDevices: ScannerDeviceList = { devices: [], error: null };
  readonly #scannerCodeListeners = new Set<(payload: { code: string }) => void>();
  readonly #scannerStatusListeners = new Set<(payload: ScannerStatus) => void>();

  /** Sends a HID scanner code as main does. */
  emitScannerCode(code: string): void {
    for (const listener of this.#scannerCodeListeners) {
      listener({ code });
    }
  }

  /** Sends a HID scanner state change as main does. */
  emitScannerStatus(status: ScannerStatus): void {
    for (const listener of this.#scannerStatusListeners) {
      listener(status);
    }
  }

  readonly listScannerDevices = async (): Promise<ScannerDeviceList> => {
    this.#record('listScannerDevices', []);
    return this.scannerDevices;
  };

  readonly connectScanner = async (...args: InvokeArgs<'scanner:connect'>): Promise<ScannerStatus> => {
    this.#record('connectScanner', args);
    const key = args[0].key;
    const name = this.scannerDevices.devices.find((device) => device.key === key)?.name ?? null;
    return { state: 'connected', device: { key, name }, error: null };
  };

  readonly disconnectScanner = async (): Promise<ScannerStatus> => {
    this.#record('disconnectScanner', []);
    return { state: 'idle', device: null, error: null };
  };

  readonly onScannerCode = (listener: (payload: { code: string }) => void): (() => void) => {
    this.#scannerCodeListeners.add(listener);
    return () => this.#scannerCodeListeners.delete(listener);
  };

  readonly onScannerStatus = (listener: (payload: ScannerStatus) => void): (() => void) => {
    this.#scannerStatusListeners.add(listener);
    return () => this.#scannerStatusListeners.delete(listener);
  };
}

/** Builds a printer job view for the fake's results: by default a completed 41-label job of the Toko Bandung bill. */
export function fakePrinterJob(fields: Partial<PrinterJobView> = {}): PrinterJobView {
  return {
    id: '20261021-101500-a1b2',
    status: 'completed',
    document: TOKO_BANDUNG,
    profileName: 'Gudang XP-360B',
    queue: 'XP-360B',
    templateId: 'roll-50x30',
    confirmedLabels: 41,
    totalLabels: 41,
    interruption: null,
    createdAt: '2026-10-21T03:15:00.000Z',
    updatedAt: '2026-10-21T03:16:00.000Z',
    ...fields,
  };
}
