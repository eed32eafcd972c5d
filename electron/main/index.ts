import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { arch, platform, release, tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  session,
  shell,
  type SaveDialogOptions,
  type Session,
  type WebContents,
} from 'electron';
import { KeychainSecretStore } from '../credentials/credentials.ts';
import { createDeskServices, type DeskServices } from '../desk/desk-services.ts';
import { createLogger, type AppLogger } from '../logging/logger.ts';
import { printWithDriver } from '../printing/driver-print.ts';
import { userDataFolder } from '../settings/app-paths.ts';
import { localeFromTag, translate, type Locale } from '../../shared/i18n/index.ts';
import type { PrinterProfile } from '../../shared/printing/profile.ts';
import { isAppPageUrl, resolveAppPage, type AppPage } from './app-page.ts';
import { createEventSender } from './ipc-events.ts';
import { IpcRequestRejectedError, registerInvokeHandlers, reportingFailures } from './ipc-guard.ts';
import { buildContentSecurityPolicy, createWindowOptions } from './window-options.ts';

// The built main script runs from out/main, next to out/preload and out/renderer.
const mainDir = import.meta.dirname;
const page = resolveAppPage(process.env.ELECTRON_RENDERER_URL, app.isPackaged, mainDir);
// The command line computes the same folder, so both share settings, the keychain entry and the logs.
const dataFolder = userDataFolder();

let mainWindow: BrowserWindow | null = null;
let logger: AppLogger | null = null;
let desk: DeskServices | null = null;

/** Denies every permission, new window and navigation that does not lead to one of the app's pages. */
function hardenWebContents(contents: WebContents, appPage: AppPage): void {
  contents.on('will-navigate', (event) => {
    if (!isAppPageUrl(event.url, appPage)) {
      event.preventDefault();
    }
  });
  contents.on('will-redirect', (event) => {
    if (!isAppPageUrl(event.url, appPage)) {
      event.preventDefault();
    }
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

function hardenSession(target: Session, appPage: AppPage): void {
  target.setPermissionRequestHandler((_contents, _permission, callback) => {
    callback(false);
  });
  target.setPermissionCheckHandler(() => false);
  target.setDevicePermissionHandler(() => false);

  const policy = buildContentSecurityPolicy({ dev: appPage.kind === 'dev-server' });
  // NOTE: Electron's security guide states that response headers cannot be set for file: pages, so the
  // built app relies on the <meta> tag in renderer/index.html. The header is certain to apply only to the
  // dev server's pages.
  target.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppPageUrl(details.url, appPage)) {
      callback({});
      return;
    }
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
}

/**
 * Electron's save dialog, attached to the window, starting in the Documents folder. A `.json` name gets
 * the diagnostics bundle's title and filter; any other name gets the label PDF's.
 */
async function chooseSavePath(defaultFileName: string, locale: Locale): Promise<string | null> {
  const json = extname(defaultFileName) === '.json';
  const options: SaveDialogOptions = {
    title: translate(locale, json ? 'desk_main.diagnostics_dialog_title' : 'desk_main.save_dialog_title'),
    defaultPath: join(app.getPath('documents'), defaultFileName),
    filters: json
      ? [{ name: translate(locale, 'desk_main.json_filter_name'), extensions: ['json'] }]
      : [{ name: translate(locale, 'desk_main.pdf_filter_name'), extensions: ['pdf'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const result =
    mainWindow === null
      ? await dialog.showSaveDialog(options)
      : await dialog.showSaveDialog(mainWindow, options);
  return result.canceled || result.filePath === '' ? null : result.filePath;
}

async function openPath(path: string): Promise<void> {
  // shell.openPath resolves with an error message, or with '' on success.
  const failure = await shell.openPath(path);
  if (failure !== '') {
    throw new Error(failure);
  }
}

/**
 * Prints a driver-mode label document through the profile's queue. A hidden, sandboxed window without
 * preload, Node or JavaScript loads the HTML from a temporary file and prints it at the profile's page
 * size. The document embeds its font, so the window reads no other file.
 */
async function printDriverPages(html: string, profile: PrinterProfile): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'label-desk-print-'));
  const file = join(folder, 'labels.html');
  const window = new BrowserWindow({
    show: false,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  try {
    await writeFile(file, html, { encoding: 'utf8', mode: 0o600 });
    await window.loadFile(file);
    await printWithDriver(window.webContents, profile);
  } finally {
    window.destroy();
    await rm(folder, { recursive: true, force: true });
  }
}

async function startDesk(appLogger: AppLogger): Promise<DeskServices> {
  return createDeskServices({
    userDataFolder: dataFolder,
    secrets: new KeychainSecretStore(),
    clock: () => new Date(),
    chooseSavePath,
    openPath,
    revealPath: (path) => shell.showItemInFolder(path),
    emit: createEventSender(() => mainWindow?.webContents ?? null),
    logger: appLogger,
    appVersion: app.getVersion(),
    runtimeVersions: {
      electron: process.versions.electron,
      chrome: process.versions.chrome,
      node: process.versions.node,
      os: `${platform()} ${release()} ${arch()}`,
    },
    systemLocale: localeFromTag(app.getLocale()),
    printDriverPages,
  });
}

async function openMainWindow(): Promise<void> {
  const appLogger = await createLogger({ folder: join(dataFolder, 'logs'), console: !app.isPackaged });
  logger = appLogger;
  appLogger.scope('main').info('Starting', { version: app.getVersion(), page: page.kind });
  const services = await startDesk(appLogger);
  desk = services;
  hardenSession(session.defaultSession, page);

  const options = createWindowOptions(mainDir);
  // The security flags are repeated literally (they equal createWindowOptions's, which a test checks) so
  // that electronegativity, which does not follow the call, can see them at the constructor.
  const window = new BrowserWindow({
    ...options,
    webPreferences: {
      ...options.webPreferences,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  mainWindow = window;
  window.on('closed', () => {
    mainWindow = null;
  });
  window.once('ready-to-show', () => {
    window.show();
  });

  const ipcLog = appLogger.scope('ipc');
  const registry = reportingFailures(ipcMain, (channel, error) => {
    if (error instanceof IpcRequestRejectedError) {
      ipcLog.warn('Rejected an IPC request', { channel, reason: error.message });
    } else {
      ipcLog.error('An IPC request failed', { channel, error });
    }
  });
  registerInvokeHandlers(registry, services.handlers, {
    webContentsId: window.webContents.id,
    isAppPageUrl: (url) => isAppPageUrl(url, page),
  });

  if (page.kind === 'dev-server') {
    await window.loadURL(page.url);
  } else {
    await window.loadFile(page.path);
  }
}

function focusMainWindow(): void {
  if (mainWindow === null) {
    return;
  }
  if (mainWindow.isMinimized()) {
    mainWindow.restore();
  }
  mainWindow.focus();
}

function showStartupFailure(error: unknown): void {
  logger?.scope('main').error('Start-up failed', { error });
  const locale = localeFromTag(app.getLocale());
  // The dialog shows only the generic message; the cause is in the log.
  dialog.showErrorBox(translate(locale, 'app.title'), translate(locale, 'errors.unexpected'));
  app.exit(1);
}

/** Stops the demo simulator and running print jobs, then quits. */
async function shutDown(): Promise<void> {
  try {
    await desk?.close();
  } catch (error) {
    logger?.scope('main').error('Shutting down the desk services failed', { error });
  }
  app.quit();
}

// A second copy of the app would fight the first over the scanner and the printer, so it hands over to
// the running window and quits.
if (app.requestSingleInstanceLock()) {
  app.on('second-instance', focusMainWindow);
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, page);
  });
  app.on('window-all-closed', () => {
    void shutDown();
  });
  app.whenReady().then(openMainWindow).catch(showStartupFailure);
} else {
  app.quit();
}
