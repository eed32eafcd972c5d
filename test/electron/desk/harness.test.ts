import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/window-options.ts';
import {
  EVENT_CHANNELS,
  eventChannels,
  INVOKE_CHANNELS,
  invokeChannels,
  type PrintProgress,
} from '../../../shared/ipc-contract.ts';
import { startHarness, type Harness } from '../../e2e/harness/server.ts';

const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <title>DealPOS Label Desk</title>
    <script type="module" crossorigin src="./assets/index-test.js"></script>
  </head>
  <body><div id="app"></div></body>
</html>
`;

let harness: Harness;
let origin: string;
let rendererFolder: string;

beforeAll(async () => {
  // A stand-in for out/renderer, so the test does not need a renderer build.
  rendererFolder = await mkdtemp(join(tmpdir(), 'harness-renderer-'));
  await mkdir(join(rendererFolder, 'assets'));
  await writeFile(join(rendererFolder, 'index.html'), INDEX_HTML);
  await writeFile(join(rendererFolder, 'assets', 'index-test.js'), 'export {};\n');
  harness = await startHarness({ rendererFolder, quiet: true });
  origin = new URL(harness.url).origin;
});

afterAll(async () => {
  await harness.close();
  await rm(rendererFolder, { recursive: true, force: true });
});

/** Calls one invoke endpoint the way the page shim does, from the harness's own origin by default. */
async function invoke(channel: string, args: unknown[], from: string | null = origin) {
  const response = await fetch(new URL(`/__ipc/${channel}`, harness.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(from === null ? {} : { origin: from }) },
    body: JSON.stringify(args),
  });
  return { status: response.status, body: (await response.json()) as { result?: unknown; error?: string } };
}

/** Sends a GET with a raw path, which `fetch` would normalize. */
function rawGet(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(new URL(harness.url), { path, method: 'GET' }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end();
  });
}

describe('browser harness', () => {
  it('serves the page with the app CSP and the shim first', async () => {
    const response = await fetch(harness.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const html = await response.text();
    expect(html.indexOf('<script src="/__harness/shim.js"></script>')).toBeGreaterThan(0);
    expect(html.indexOf('/__harness/shim.js')).toBeLessThan(html.indexOf('./assets/index-test.js'));

    const asset = await fetch(new URL('/assets/index-test.js', harness.url));
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('serves no file outside the renderer folder', async () => {
    expect(await rawGet('/%2e%2e/%2e%2e/%2e%2e/etc/passwd')).toBe(404);
    expect(await rawGet('/assets/missing.js')).toBe(404);
  });

  it('states which secret store it uses', () => {
    expect(harness.secretStore).toBe(process.env.LABEL_DESK_KEYRING === '1' ? 'keychain' : 'memory');
  });

  it('runs a channel through the guard and the real services', async () => {
    const { status, body } = await invoke('app:get-info', []);
    expect(status).toBe(200);
    expect(body.result).toEqual({
      version: expect.any(String),
      locale: 'en',
      demo: false,
      settingsMovedAsidePath: null,
    });
  });

  it('rejects a request from another origin or with bad arguments', async () => {
    const foreign = await invoke('settings:get', [], 'http://attacker.example');
    expect(foreign.status).toBe(400);
    expect(foreign.body.error).toMatch(/http:\/\/attacker\.example is not an app page/);
    expect((await invoke('settings:get', [], null)).status).toBe(400);

    const malformed = await invoke('document:fetch', [{ kind: 'invoice', outlet: 'Pluit', number: '1' }]);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatch(/invalid arguments/);
    expect((await invoke('no:such-channel', [])).status).toBe(404);
  });

  it('defines window.labelDesk with exactly the contract methods', async () => {
    const source = await (await fetch(new URL('/__harness/shim.js', harness.url))).text();
    const window: { labelDesk?: Record<string, (...args: unknown[]) => unknown> } = {};
    const attributes = new Map<string, string>();
    class FakeEventSource {
      readonly listeners = new Map<string, () => void>();
      addEventListener(type: string, listener: () => void) {
        this.listeners.set(type, listener);
        if (type === 'open') {
          listener();
        }
      }
    }
    runInNewContext(source, {
      window,
      EventSource: FakeEventSource,
      document: {
        documentElement: { setAttribute: (name: string, value: string) => attributes.set(name, value) },
      },
      // The page's fetch resolves paths against its origin and sends that origin along.
      fetch: (path: string, init: RequestInit) =>
        fetch(new URL(path, harness.url), { ...init, headers: { ...init.headers, origin } }),
    });

    const api = window.labelDesk ?? {};
    const methods = [
      ...INVOKE_CHANNELS.map((channel) => invokeChannels[channel].method),
      ...EVENT_CHANNELS.map((channel) => eventChannels[channel].method),
    ];
    expect(Object.keys(api).sort()).toEqual([...methods].sort());
    expect(attributes.get('data-harness-events')).toBe('open');
    await expect(api.listHistory?.()).resolves.toEqual([]);
    await expect(api.fetchDocument?.({ kind: 'invoice' })).rejects.toThrow(
      /Error invoking remote method 'document:fetch': .*invalid arguments/,
    );
  });

  it('prints a PDF and streams its progress events', async () => {
    const events = await fetch(new URL('/__ipc/events', harness.url));
    expect(events.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = events.body?.getReader();

    const saved = await invoke('account:save', [
      { url: harness.simulator.url, clientId: 'demo', secret: 'demo-secret' },
    ]);
    expect(saved.body.result).toMatchObject({ ok: true, value: { hasSecret: true } });
    const document = { kind: 'bill', outlet: 'Pluit', number: '2023.09.00001' };
    expect((await invoke('document:fetch', [document])).body.result).toMatchObject({ ok: true });

    const request = {
      jobId: 'harness-job-1',
      document,
      overrides: [{ lineNumber: 3, include: false }],
      templateId: 'roll-50x30',
      dpi: 203,
      showPrice: false,
      startPosition: 1,
    };
    const printed = await invoke('print:pdf', [request]);
    expect(printed.body.result).toEqual({
      ok: true,
      value: {
        status: 'written',
        path: join(harness.outputFolder, 'labels-2023.09.00001.pdf'),
        labels: 25,
        pages: 25,
      },
    });

    // Read the stream until the final progress event of the job.
    const progress: PrintProgress[] = [];
    let buffered = '';
    while (progress.at(-1)?.written !== 25 && reader !== undefined) {
      const chunk = await reader.read();
      if (chunk.done) {
        break;
      }
      buffered += new TextDecoder().decode(chunk.value);
      const messages = buffered.split('\n\n');
      buffered = messages.pop() ?? '';
      for (const message of messages) {
        const data = /^event: print:progress\ndata: (.*)$/m.exec(message)?.[1];
        if (data !== undefined) {
          progress.push(JSON.parse(data) as PrintProgress);
        }
      }
    }
    await reader?.cancel();
    expect(progress.at(-1)).toEqual({ jobId: 'harness-job-1', written: 25, total: 25 });

    const path = join(harness.outputFolder, 'labels-2023.09.00001.pdf');
    expect((await invoke('files:open', [{ path, reveal: true }])).body.result).toEqual({
      ok: true,
      value: null,
    });
    expect(harness.openedFiles).toEqual([{ path, reveal: true }]);
  });

  it('answers the next save dialog as a control request says', async () => {
    const control = await fetch(new URL('/__harness/next-save-path', harness.url), {
      method: 'POST',
      body: JSON.stringify({ path: null }),
    });
    expect(control.status).toBe(200);
    const request = {
      jobId: 'harness-job-2',
      document: { kind: 'bill', outlet: 'Pluit', number: '2023.09.00001' },
      overrides: [],
      templateId: 'roll-50x30',
      dpi: 203,
      showPrice: false,
      startPosition: 1,
    };
    expect((await invoke('print:pdf', [request])).body.result).toEqual({
      ok: true,
      value: { status: 'cancelled' },
    });

    const chosen = join(harness.outputFolder, 'chosen.pdf');
    harness.setNextSavePath(chosen);
    const printed = await invoke('print:pdf', [{ ...request, jobId: 'harness-job-3' }]);
    expect(printed.body.result).toMatchObject({ ok: true, value: { status: 'written', path: chosen } });
    expect((await readdir(harness.outputFolder)).sort()).toEqual(['chosen.pdf', 'labels-2023.09.00001.pdf']);
  });
});
