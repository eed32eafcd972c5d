import { arch, platform, release } from 'node:os';
import { dirname } from 'node:path';
import type { SecretStore } from '../credentials/credentials.ts';
import { startDealposSimulator, type DealposSimulator } from '../dealpos-simulator/index.ts';
import type { AppLogger } from '../logging/logger.ts';
import type { InvokeHandlers } from '../main/ipc-guard.ts';
import type { Spooler } from '../printing/spooler.ts';
import { createNodeHidSource, type HidDeviceSource } from '../scanning/hid-device.ts';
import { AppError } from '../../shared/errors.ts';
import type { Locale } from '../../shared/i18n/index.ts';
import type { AppInfo, SettingsView } from '../../shared/ipc-contract.ts';
import { DEFAULT_TEMPLATE_ID, findTemplate } from '../../shared/labels/templates.ts';
import type { Settings } from '../settings/settings.ts';
import {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DealposAccounts,
  type DealposClientTuning,
} from './dealpos-accounts.ts';
import { DeskScanner } from './desk-scanner.ts';
import { DeskSettings, MAX_RECENT_OUTLETS } from './desk-settings.ts';
import { DiagnosticsExport } from './diagnostics.ts';
import { ReceivingReports } from './receiving-report.ts';
import { DocumentCache } from './document-cache.ts';
import { DeskDocuments } from './documents.ts';
import { HistoryStore } from './history-store.ts';
import { runExpected, runInfallible } from './outcome.ts';
import { PdfPrintJobs, type EventEmitter } from './pdf-print-jobs.ts';
import { PrintLedger } from './print-ledger.ts';
import { DeskPrinters, type PrintDriverPages } from './printer-desk.ts';
import { RendererLogForwarder } from './renderer-log.ts';
import { TemplateStore } from './template-store.ts';
import { DeskVariants } from './variants.ts';

/**
 * Host services and settings the desk services depend on. Main passes Electron's dialog and shell, and
 * the browser test harness passes a temporary folder and records the calls.
 */
export interface DeskDependencies {
  /** Folder of settings, templates, history and cached documents. */
  userDataFolder: string;
  secrets: SecretStore;
  clock: () => Date;
  /** Asks where to save a PDF, suggesting `defaultFileName`; null when the clerk cancels. */
  chooseSavePath: (defaultFileName: string, locale: Locale) => Promise<string | null>;
  /** Opens a file in its default app; throws when that fails. */
  openPath: (path: string) => Promise<void>;
  /** Shows a file in its folder. */
  revealPath: (path: string) => Promise<void> | void;
  /** Sends an event to the renderer. */
  emit: EventEmitter;
  logger: AppLogger;
  appVersion: string;
  /**
   * Runtime and OS versions for the diagnostics bundle. Main passes Electron's, Chromium's and Node's;
   * by default Node's version and the OS.
   */
  runtimeVersions?: Readonly<Record<string, string>>;
  /** Language of the operating system, used until the clerk picks one. */
  systemLocale: Locale;
  /** Starts the demo mode's DealPOS simulator; the bundled one on a free loopback port by default. */
  startSimulator?: () => Promise<DealposSimulator>;
  /** DealPOS client options for tests, such as a sleep that returns at once. */
  clientTuning?: DealposClientTuning;
  /** TrueType font for the labels; DejaVu Sans by default. */
  fontPath?: string;
  /** The OS print spooler; the platform's one (CUPS or Windows) by default. */
  spooler?: Spooler;
  /** Prints a driver-mode HTML document; without it driver profiles fail with `driver_print_unavailable`. */
  printDriverPages?: PrintDriverPages;
  /** How long one spool job may take before a printer job is interrupted; 60 s by default. */
  spoolTimeoutMs?: number;
  /** USB HID devices for the scanner; node-hid, loaded on first use, by default. */
  hidSource?: HidDeviceSource;
}

/** The desk's services, ready to register as IPC handlers. */
export interface DeskServices {
  /**
   * One handler per contract channel, taking parsed arguments. Channels with an `Outcome` result return
   * every failure as a value; the others throw only on a bug, with a message that names the channel.
   */
  readonly handlers: InvokeHandlers;
  /** Stops the demo simulator, cancels running print jobs and closes the HID scanner. */
  close(): Promise<void>;
}

/**
 * Builds every service behind the IPC contract on plain Node modules. It reads the settings once first,
 * so a corrupt settings file is moved aside (and reported by `app:get-info`) before the window loads.
 */
export async function createDeskServices(deps: DeskDependencies): Promise<DeskServices> {
  const { logger, clock } = deps;
  const log = logger.scope('desk');
  const settings = new DeskSettings(deps.userDataFolder, logger.scope('settings'));
  await settings.load();

  const accounts = new DealposAccounts({
    settings,
    secrets: deps.secrets,
    logger,
    clientTuning: deps.clientTuning,
    startSimulator:
      deps.startSimulator ??
      (() => startDealposSimulator({ clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET })),
  });
  const templates = new TemplateStore(deps.userDataFolder, clock, logger.scope('templates'));
  const documents = new DeskDocuments({
    accounts,
    settings,
    cache: new DocumentCache(deps.userDataFolder, clock, logger.scope('documents')),
    history: new HistoryStore(deps.userDataFolder, clock, logger.scope('history')),
    now: clock,
    log: logger.scope('documents'),
  });
  const localeOf = (current: Settings): Locale => current.locale ?? deps.systemLocale;
  const ledger = new PrintLedger(deps.userDataFolder, clock, logger.scope('ledger'));
  const printJobs = new PdfPrintJobs({
    documents,
    templates,
    chooseSavePath: deps.chooseSavePath,
    openPath: deps.openPath,
    revealPath: deps.revealPath,
    emit: deps.emit,
    now: clock,
    locale: async () => localeOf(await settings.load()),
    log: logger.scope('print'),
    fontPath: deps.fontPath,
    ledger,
  });
  const printers = new DeskPrinters({
    userDataFolder: deps.userDataFolder,
    documents,
    templates,
    ledger,
    accountKey: () => accounts.currentAccountKey(),
    spooler: deps.spooler,
    printDriverPages: deps.printDriverPages,
    spoolTimeoutMs: deps.spoolTimeoutMs,
    emit: deps.emit,
    now: clock,
    log: logger.scope('printers'),
    fontPath: deps.fontPath,
  });
  const variants = new DeskVariants(accounts, logger.scope('variants'));
  const rendererLog = new RendererLogForwarder(logger, clock);
  const receivingReports = new ReceivingReports({
    chooseSavePath: deps.chooseSavePath,
    now: clock,
    log: logger.scope('receiving'),
    fontPath: deps.fontPath,
  });
  const scanner = new DeskScanner({
    source: deps.hidSource ?? createNodeHidSource(),
    emit: deps.emit,
    log: logger.scope('scanner'),
  });

  const settingsView = async (current?: Settings): Promise<SettingsView> => {
    const value = current ?? (await settings.load());
    return {
      dealposUrl: value.dealpos?.url ?? null,
      clientId: value.dealpos?.clientId ?? null,
      hasSecret: await accounts.hasStoredSecret(),
      demo: value.demo,
      locale: localeOf(value),
      defaultTemplateId: value.defaultTemplateId,
      defaultDpi: value.defaultDpi,
      recentOutlets: value.recentOutlets.slice(0, MAX_RECENT_OUTLETS),
    };
  };
  const diagnostics = new DiagnosticsExport({
    userDataFolder: deps.userDataFolder,
    logFolder: dirname(logger.filePath),
    appVersion: deps.appVersion,
    runtimeVersions: deps.runtimeVersions ?? defaultRuntimeVersions(),
    settingsView: () => settingsView(),
    history: () => documents.listHistory(),
    chooseSavePath: deps.chooseSavePath,
    locale: async () => localeOf(await settings.load()),
    now: clock,
    redact: (text) => logger.redact(text),
    log: logger.scope('diagnostics'),
  });
  const appInfo = async (): Promise<AppInfo> => {
    const value = await settings.load();
    return {
      version: deps.appVersion,
      locale: localeOf(value),
      demo: value.demo,
      settingsMovedAsidePath: settings.movedAsidePath,
    };
  };

  const handlers: InvokeHandlers = {
    'app:get-info': () => runInfallible('app:get-info', log, appInfo),
    'settings:get': () => runInfallible('settings:get', log, () => settingsView()),
    'settings:update': (update) =>
      runExpected('settings:update', log, async () => {
        if (update.defaultTemplateId !== undefined) {
          const custom = await templates.custom();
          if (findTemplate(update.defaultTemplateId, custom) === undefined) {
            throw new AppError('template_not_found', { id: update.defaultTemplateId });
          }
        }
        // A key sent as undefined means "unchanged", like a missing one.
        const changes = Object.fromEntries(
          Object.entries(update).filter(([, value]) => value !== undefined),
        ) as Partial<Settings>;
        const saved = await settings.update((current) => ({ ...current, ...changes }));
        return settingsView(saved);
      }),
    'account:save': (input) =>
      runExpected('account:save', log, async () => {
        await accounts.save(input);
        return settingsView();
      }),
    'account:test': (input) => runExpected('account:test', log, () => accounts.test(input)),
    'account:set-demo': (on) =>
      runExpected('account:set-demo', log, async () => {
        await accounts.setDemo(on);
        return settingsView();
      }),
    'document:fetch': (ref) => runExpected('document:fetch', log, () => documents.fetch(ref)),
    'document:open-cached': (ref) =>
      runExpected('document:open-cached', log, () => documents.openCached(ref)),
    'variants:lookup': (codes) => runExpected('variants:lookup', log, () => variants.lookup(codes)),
    'history:list': () => runInfallible('history:list', log, () => documents.listHistory()),
    'templates:list': () => runInfallible('templates:list', log, () => templates.list()),
    'templates:save': (template) => runExpected('templates:save', log, () => templates.save(template)),
    'templates:delete': (id) =>
      runExpected('templates:delete', log, async () => {
        const remaining = await templates.delete(id);
        // A deleted default falls back to the shipped default, so the next print does not fail.
        if ((await settings.load()).defaultTemplateId === id) {
          await settings.update((current) =>
            current.defaultTemplateId === id
              ? { ...current, defaultTemplateId: DEFAULT_TEMPLATE_ID }
              : current,
          );
        }
        return remaining;
      }),
    'print:pdf': (request) => runExpected('print:pdf', log, () => printJobs.print(request)),
    'print:cancel': (jobId) =>
      runInfallible('print:cancel', log, async () => printJobs.cancel(jobId) || printers.stop(jobId)),
    'printers:list': () => runExpected('printers:list', log, () => printers.list()),
    'printers:save-profile': (profile) =>
      runExpected('printers:save-profile', log, () => printers.saveProfile(profile)),
    'printers:delete-profile': (id) =>
      runExpected('printers:delete-profile', log, () => printers.deleteProfile(id)),
    'printers:calibrate': (id) => runExpected('printers:calibrate', log, () => printers.calibrate(id)),
    'print:printer': (request) => runExpected('print:printer', log, () => printers.print(request)),
    'printer-jobs:list': () => runExpected('printer-jobs:list', log, () => printers.listJobs()),
    'printer-jobs:resume': (request) =>
      runExpected('printer-jobs:resume', log, () => printers.resume(request)),
    'printer-jobs:cancel': (id) => runExpected('printer-jobs:cancel', log, () => printers.cancel(id)),
    'ledger:get': (ref) => runExpected('ledger:get', log, () => printers.ledgerOf(ref)),
    'files:open': ({ path, reveal }) => runExpected('files:open', log, () => printJobs.open(path, reveal)),
    'log:write': (entry) =>
      runInfallible('log:write', log, async () => {
        rendererLog.write(entry);
        return null;
      }),
    'diagnostics:export': () => runExpected('diagnostics:export', log, () => diagnostics.export()),
    'receiving:export-pdf': (request) =>
      runExpected('receiving:export-pdf', log, () => receivingReports.export(request)),
    'scanner:list-devices': () => runInfallible('scanner:list-devices', log, () => scanner.listDevices()),
    'scanner:connect': (request) => runInfallible('scanner:connect', log, () => scanner.connect(request)),
    'scanner:disconnect': () => runInfallible('scanner:disconnect', log, () => scanner.disconnect()),
  };

  return {
    handlers,
    async close() {
      printJobs.cancelAll();
      await printers.close();
      await scanner.close();
      await accounts.close();
    },
  };
}

/** Node's version and the operating system, for hosts that do not pass their own versions. */
function defaultRuntimeVersions(): Record<string, string> {
  return { node: process.versions.node, os: `${platform()} ${release()} ${arch()}` };
}
