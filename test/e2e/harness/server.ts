import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { AccountService } from '../../../electron/credentials/account.ts';
import { KeychainSecretStore, type SecretStore } from '../../../electron/credentials/credentials.ts';
import type { DealposClientTuning } from '../../../electron/desk/dealpos-accounts.ts';
import { createDeskServices, type DeskServices } from '../../../electron/desk/desk-services.ts';
import {
  startDealposSimulator,
  type DealposSimulator,
  type DealposSimulatorOptions,
} from '../../../electron/dealpos-simulator/index.ts';
import { createLogger } from '../../../electron/logging/logger.ts';
import {
  guardInvokeHandler,
  IpcRequestRejectedError,
  type TrustedSender,
} from '../../../electron/main/ipc-guard.ts';
import { createEventSender } from '../../../electron/main/ipc-events.ts';
import type { Spooler } from '../../../electron/printing/spooler.ts';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/window-options.ts';
import type { HidDeviceSource } from '../../../electron/scanning/hid-device.ts';
import { SettingsStore } from '../../../electron/settings/settings.ts';
import type { Locale } from '../../../shared/i18n/index.ts';
import { INVOKE_CHANNELS, type InvokeChannel } from '../../../shared/ipc-contract.ts';
import { ReplayHidSource, hidPosReports } from '../../support/replay-hid-source.ts';
import { MemorySecretStore } from './memory-secret-store.ts';
import { HARNESS_SHIM_PATH, IPC_EVENTS_PATH, IPC_PATH_PREFIX, labelDeskShimSource } from './page-shim.ts';

const REPOSITORY = resolve(import.meta.dirname, '..', '..', '..');
const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** The webContents id the guard trusts; every request from the harness's own origin uses it. */
const HARNESS_WEB_CONTENTS_ID = 1;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

/** Options of {@link startHarness}. */
export interface HarnessOptions {
  /** The built renderer; `out/renderer` of this repository by default (`npx electron-vite build`). */
  rendererFolder?: string;
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** The secret store; by default the OS keychain when `LABEL_DESK_KEYRING=1`, else one in memory. */
  secrets?: SecretStore;
  clock?: () => Date;
  /** Language the app starts in before the clerk picks one; English by default. */
  systemLocale?: Locale;
  /** Options of the harness's own DealPOS simulator (not the demo mode's one). */
  simulator?: DealposSimulatorOptions;
  /**
   * DealPOS client options. By default retries happen without waiting, so an offline test takes
   * milliseconds instead of the seconds of the app's backoff.
   */
  clientTuning?: DealposClientTuning;
  /** Prints nothing on start. */
  quiet?: boolean;
  /** USB HID devices for the scanner; by default a replay source with one HID POS scanner plugged in. */
  hidSource?: HidDeviceSource;
  /** The print spooler, such as a CupsSpooler on a private cupsd; the platform's own by default. */
  spooler?: Spooler;
}

/** One driver-mode print: the HTML document the desk would print, saved instead of printed. */
export interface DriverPrint {
  path: string;
  profileId: string;
  queue: string;
}

/** One call of the desk's `openPath` or `revealPath`; the harness records them instead of opening anything. */
export interface OpenedFile {
  path: string;
  reveal: boolean;
}

/** A running harness. */
export interface Harness {
  /** The page's URL, e.g. `http://127.0.0.1:41234/`. */
  url: string;
  /** A DealPOS simulator for the account form; its client id and secret are the simulator's defaults. */
  simulator: DealposSimulator;
  userDataFolder: string;
  /** Where PDFs go unless a test chose another path. */
  outputFolder: string;
  secretStore: 'keychain' | 'memory';
  /** Calls of `files:open`, in order. */
  openedFiles: OpenedFile[];
  /** Driver-mode prints, in order; each document is saved under the harness's temporary folder. */
  driverPrints: DriverPrint[];
  /** The main log of the desk services. */
  logFile: string;
  /** Sets the result of the next save dialog: a path, or null for a cancelled dialog. */
  setNextSavePath(path: string | null): void;
  /**
   * The replay HID source, for tests to play recorded reports, unplug and plug the scanner; null when
   * the options passed another source.
   */
  hid: ReplayHidSource | null;
  /** Stops the server, the simulators and the services, and deletes the temporary folder. Idempotent. */
  close(): Promise<void>;
}

/**
 * Starts the browser test harness: an HTTP server on 127.0.0.1 that serves the built renderer and replaces
 * the preload. `POST /__ipc/<channel>` runs the same guard as main (sender check with the request's
 * `Origin` as the page URL, argument and result parsing) around the real desk services, and the contract's
 * events stream from `GET /__ipc/events`. The pages carry the app's own Content-Security-Policy.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const rendererFolder = resolve(options.rendererFolder ?? join(REPOSITORY, 'out', 'renderer'));
  const root = await mkdtemp(join(tmpdir(), 'label-desk-harness-'));
  const userDataFolder = join(root, 'user-data');
  const outputFolder = join(root, 'pdf');
  await mkdir(outputFolder, { recursive: true });

  const useKeychain = options.secrets === undefined && process.env.LABEL_DESK_KEYRING === '1';
  const secrets = options.secrets ?? (useKeychain ? new KeychainSecretStore() : new MemorySecretStore());
  const secretStore = useKeychain ? 'keychain' : 'memory';

  const simulator = await startDealposSimulator(options.simulator);
  const logger = await createLogger({ folder: join(userDataFolder, 'logs') });
  const eventClients = new Set<ServerResponse>();
  const openedFiles: OpenedFile[] = [];
  const driverPrints: DriverPrint[] = [];
  let nextSavePath: { path: string | null } | undefined;
  const replayHid = options.hidSource === undefined ? new ReplayHidSource() : null;

  let desk: DeskServices;
  try {
    desk = await createDeskServices({
      userDataFolder,
      secrets,
      clock: options.clock ?? (() => new Date()),
      chooseSavePath: (defaultFileName) => {
        const chosen = nextSavePath;
        nextSavePath = undefined;
        return Promise.resolve(chosen === undefined ? join(outputFolder, defaultFileName) : chosen.path);
      },
      openPath: (path) => {
        openedFiles.push({ path, reveal: false });
        return Promise.resolve();
      },
      revealPath: (path) => {
        openedFiles.push({ path, reveal: true });
      },
      // The same sender as main's, so payloads are parsed with the contract's schemas here too.
      emit: createEventSender(() => ({
        isDestroyed: () => false,
        send: (channel, payload) => broadcast(eventClients, channel, payload),
      })),
      logger,
      appVersion: await packageVersion(),
      systemLocale: options.systemLocale ?? 'en',
      clientTuning: options.clientTuning ?? { sleep: () => Promise.resolve() },
      hidSource: options.hidSource ?? replayHid ?? undefined,
      spooler: options.spooler,
      printDriverPages: async (html, profile) => {
        const folder = join(root, 'driver-prints');
        await mkdir(folder, { recursive: true });
        const path = join(folder, `print-${driverPrints.length + 1}.html`);
        await writeFile(path, html, 'utf8');
        driverPrints.push({ path, profileId: profile.id, queue: profile.queue });
      },
    });
  } catch (error) {
    await simulator.close();
    await rm(root, { recursive: true, force: true });
    throw error;
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      sendJson(response, 500, { error: error instanceof Error ? error.message : String(error) });
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const trusted: TrustedSender = {
    webContentsId: HARNESS_WEB_CONTENTS_ID,
    isAppPageUrl: (url) => URL.canParse(url) && new URL(url).origin === origin,
  };
  const shimSource = labelDeskShimSource();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', origin);
    const path = url.pathname;

    if (request.method === 'GET' && path === IPC_EVENTS_PATH) {
      openEventStream(response, eventClients);
      return;
    }
    if (path.startsWith(IPC_PATH_PREFIX)) {
      await handleInvoke(request, response, decodeURIComponent(path.slice(IPC_PATH_PREFIX.length)));
      return;
    }
    if (request.method === 'GET' && path === HARNESS_SHIM_PATH) {
      send(response, 200, CONTENT_TYPES['.js'] ?? '', shimSource);
      return;
    }
    if (path === '/__harness/next-save-path') {
      await handleNextSavePath(request, response);
      return;
    }
    if (path === '/__harness/hid') {
      await handleHid(request, response);
      return;
    }
    if (request.method === 'GET' && path === '/__harness/state') {
      sendJson(response, 200, {
        userDataFolder,
        outputFolder,
        secretStore,
        simulatorUrl: simulator.url,
        openedFiles,
        driverPrints,
      });
      return;
    }
    if (request.method === 'GET') {
      await serveRendererFile(response, rendererFolder, path);
      return;
    }
    sendJson(response, 405, { error: `${request.method ?? '?'} is not supported on ${path}` });
  }

  async function handleInvoke(request: IncomingMessage, response: ServerResponse, channel: string) {
    if (request.method !== 'POST') {
      sendJson(response, 405, { error: 'invoke endpoints take POST' });
      return;
    }
    if (!(INVOKE_CHANNELS as string[]).includes(channel)) {
      sendJson(response, 404, { error: `no invoke channel named ${channel}` });
      return;
    }
    const args = await readJsonBody(request);
    if (!Array.isArray(args)) {
      sendJson(response, 400, { error: 'the body must be a JSON array of arguments' });
      return;
    }
    // The browser's Origin header plays the part of the sending frame's URL in Electron.
    const pageUrl = request.headers.origin ?? '';
    const event = {
      sender: { id: HARNESS_WEB_CONTENTS_ID },
      senderFrame: { url: pageUrl, parent: null },
    };
    try {
      const result = await guardChannel(channel as InvokeChannel, desk, trusted)(event, ...args);
      sendJson(response, 200, { result });
    } catch (error) {
      const status = error instanceof IpcRequestRejectedError ? 400 : 500;
      sendJson(response, status, { error: error instanceof Error ? error.message : String(error) });
    }
  }

  async function handleNextSavePath(request: IncomingMessage, response: ServerResponse) {
    const body = await readJsonBody(request);
    const path = (body as { path?: unknown } | null)?.path;
    if (request.method !== 'POST' || (path !== null && (typeof path !== 'string' || !isAbsolute(path)))) {
      sendJson(response, 400, { error: 'POST {"path": "/absolute/file.pdf"} or {"path": null}' });
      return;
    }
    nextSavePath = { path };
    sendJson(response, 200, { path });
  }

  /**
   * Drives the replay HID scanner: `{"action": "play", "code": "..."}` sends the code as HID POS reports
   * (`"partial": true` sends only its first report, as if the scanner were pulled out mid-code),
   * `{"action": "unplug"}` and `{"action": "plug"}` pull the scanner out and put it back.
   */
  async function handleHid(request: IncomingMessage, response: ServerResponse) {
    const body = (await readJsonBody(request)) as {
      action?: unknown;
      code?: unknown;
      partial?: unknown;
    } | null;
    if (request.method !== 'POST' || replayHid === null) {
      sendJson(response, 400, { error: 'POST only, and only while the harness uses its replay HID source' });
      return;
    }
    if (body?.action === 'play' && typeof body.code === 'string' && body.code !== '') {
      const reports = hidPosReports(body.code, { chunkBytes: 8 });
      sendJson(response, 200, {
        played: replayHid.play(body.partial === true ? reports.slice(0, 1) : reports),
      });
    } else if (body?.action === 'unplug') {
      sendJson(response, 200, { unplugged: replayHid.unplug() !== null });
    } else if (body?.action === 'plug') {
      replayHid.plug();
      sendJson(response, 200, { plugged: true });
    } else {
      sendJson(response, 400, {
        error: 'expected {"action": "play", "code": "..."}, {"action": "unplug"} or {"action": "plug"}',
      });
    }
  }

  if (options.quiet !== true) {
    console.log(
      `[harness] serving ${rendererFolder} at ${origin}/ with ` +
        (useKeychain
          ? 'the OS keychain for secrets'
          : 'an in-memory secret store (set LABEL_DESK_KEYRING=1 to use the OS keychain)'),
    );
  }

  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/`,
    simulator,
    userDataFolder,
    outputFolder,
    secretStore,
    openedFiles,
    driverPrints,
    logFile: logger.filePath,
    setNextSavePath(path) {
      nextSavePath = { path };
    },
    hid: replayHid,
    close() {
      closing ??= (async () => {
        for (const client of eventClients) {
          client.end();
        }
        await new Promise<void>((resolveClose) => {
          server.close(() => resolveClose());
          server.closeAllConnections();
        });
        await desk.close();
        await simulator.close();
        if (useKeychain) {
          // The keyring outlives the harness, so the secret a test saved is removed from it.
          await new AccountService(new SettingsStore(userDataFolder), secrets).logout().catch(() => false);
        }
        await rm(root, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}

/** Wraps one channel's desk handler in main's guard. */
function guardChannel<C extends InvokeChannel>(channel: C, desk: DeskServices, trusted: TrustedSender) {
  return guardInvokeHandler(channel, desk.handlers[channel], trusted);
}

function openEventStream(response: ServerResponse, clients: Set<ServerResponse>): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  // A comment line makes the browser fire `open` at once.
  response.write(': connected\n\n');
  clients.add(response);
  response.on('close', () => clients.delete(response));
}

function broadcast(clients: Set<ServerResponse>, channel: string, payload: unknown): void {
  const message = `event: ${channel}\ndata: ${JSON.stringify(payload)}\n\n`;
  for (const client of clients) {
    client.write(message);
  }
}

async function serveRendererFile(response: ServerResponse, rendererFolder: string, path: string) {
  const relativePath = decodeURIComponent(path === '/' ? '/index.html' : path).replace(/^\/+/, '');
  const file = resolve(rendererFolder, relativePath);
  const inside = relative(rendererFolder, file);
  if (inside.startsWith('..') || isAbsolute(inside)) {
    sendJson(response, 404, { error: 'not found' });
    return;
  }
  const info = await stat(file).catch(() => null);
  if (info === null || !info.isFile()) {
    const hint = relativePath === 'index.html' ? ' (run `npx electron-vite build` first)' : '';
    sendJson(response, 404, { error: `${relativePath} is not in ${rendererFolder}${hint}` });
    return;
  }
  const extension = extname(file).toLowerCase();
  const type = CONTENT_TYPES[extension] ?? 'application/octet-stream';
  if (extension === '.html') {
    send(response, 200, type, insertShim(await readFile(file, 'utf8')));
    return;
  }
  send(response, 200, type, await readFile(file));
}

/** Loads the shim before the app's first script, so `window.labelDesk` exists when the app starts. */
function insertShim(html: string): string {
  const tag = `<script src="${HARNESS_SHIM_PATH}"></script>`;
  const firstScript = html.search(/<script\b/i);
  if (firstScript >= 0) {
    return `${html.slice(0, firstScript)}${tag}\n    ${html.slice(firstScript)}`;
  }
  return html.replace(/<\/head>/i, `${tag}\n  </head>`);
}

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.byteLength;
    if (size > MAX_BODY_BYTES) {
      throw new Error(`the request body is larger than ${MAX_BODY_BYTES} bytes`);
    }
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text === '' ? null : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

async function packageVersion(): Promise<string> {
  const manifest = JSON.parse(await readFile(join(REPOSITORY, 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  send(response, status, CONTENT_TYPES['.json'] ?? '', JSON.stringify(body));
}

function send(response: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  response.writeHead(status, {
    'content-type': contentType,
    'content-length': bytes.byteLength,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  response.end(bytes);
}
