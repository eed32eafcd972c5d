import { app, BrowserWindow, dialog, ipcMain, session, type Session, type WebContents } from 'electron';
import { localeFromTag, translate } from '../../shared/i18n/index.ts';
import { isAppPageUrl, resolveAppPage, type AppPage } from './app-page.ts';
import { registerInvokeHandlers, type InvokeHandlers } from './ipc-guard.ts';
import { buildContentSecurityPolicy, createWindowOptions } from './window-options.ts';

// The built main script runs from out/main, next to out/preload and out/renderer.
const mainDir = import.meta.dirname;
const page = resolveAppPage(process.env.ELECTRON_RENDERER_URL, app.isPackaged, mainDir);

const handlers: InvokeHandlers = {
  'app:get-info': () => ({ version: app.getVersion(), locale: localeFromTag(app.getLocale()) }),
};

let mainWindow: BrowserWindow | null = null;

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

async function openMainWindow(): Promise<void> {
  hardenSession(session.defaultSession, page);

  const window = new BrowserWindow(createWindowOptions(mainDir));
  mainWindow = window;
  window.on('closed', () => {
    mainWindow = null;
  });
  window.once('ready-to-show', () => {
    window.show();
  });

  registerInvokeHandlers(ipcMain, handlers, {
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

function showStartupFailure(): void {
  const locale = localeFromTag(app.getLocale());
  // TODO: log the cause once main has a logger. The dialog shows only the generic message.
  dialog.showErrorBox(translate(locale, 'app.title'), translate(locale, 'errors.unexpected'));
  app.exit(1);
}

// A second copy of the app would fight the first over the scanner and the printer, so it hands over to
// the running window and quits.
if (app.requestSingleInstanceLock()) {
  app.on('second-instance', focusMainWindow);
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, page);
  });
  app.on('window-all-closed', () => {
    app.quit();
  });
  app.whenReady().then(openMainWindow).catch(showStartupFailure);
} else {
  app.quit();
}
