import type { Page } from 'playwright-core';

// In-page instrumentation of the desktop benchmark. The script runs in the page before the app's own
// scripts (Playwright's init script) and records, on performance.now()'s clock:
// - each `document:fetch` request: when it was sent and when its body had fully arrived, then when the
//   first table row was in the DOM and when the first frames showing rows and the label preview had
//   been painted;
// - each `input` event: its start (the preceding keydown's timestamp for typed text, else the event's own
//   timestamp), when the app had handled it, and the vsync time and end of the next frame painted after it;
// - every long task (50 ms or more) the browser reports.
// "Painted" is the first task that runs after a requestAnimationFrame callback. Chromium runs style, layout
// and paint for the frame right after the rAF callbacks, in the same task. A message posted from the
// callback is therefore handled once the frame's main-thread work is done. Compositing and rasterising on
// other threads are not included. The code is source text because the bench's type settings have no DOM
// types.

const INSTRUMENTATION = String.raw`(() => {
  'use strict';
  const state = { loads: [], inputs: [], longTasks: [] };
  window.__deskBench = state;

  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      state.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }
  }).observe({ type: 'longtask', buffered: true });

  // The rAF callback's argument is the frame's time: the vsync the frame was begun for.
  const afterNextPaint = (callback) => {
    requestAnimationFrame((frameTime) => {
      const frameStart = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => callback(frameStart, performance.now(), frameTime);
      channel.port2.postMessage(null);
    });
  };

  const rowCount = () => document.querySelectorAll('#lines-table [role="row"][data-line]').length;

  // Polls once per frame, so the first frame whose rAF callback finds rows is the frame that paints them.
  const watchRows = (load) => {
    const observer = new MutationObserver(() => {
      if (load.rowsInDom === undefined && rowCount() > 0) {
        load.rowsInDom = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document.body, { childList: true, subtree: true });
    const poll = () => {
      requestAnimationFrame(() => {
        if (rowCount() === 0) {
          poll();
          return;
        }
        const frameStart = performance.now();
        const rows = rowCount();
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          load.painted = performance.now();
          load.frameStart = frameStart;
          load.rows = rows;
          load.rowsInDom = load.rowsInDom ?? frameStart;
          observer.disconnect();
          pollPreview();
        };
        channel.port2.postMessage(null);
      });
    };
    // Then the output panel's preview: a page of labels, or its note that no label can be shown.
    const pollPreview = () => {
      requestAnimationFrame(() => {
        if (document.querySelector('.preview-area svg.page, .preview-area .preview > .note') === null) {
          pollPreview();
          return;
        }
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          load.previewPainted = performance.now();
          load.done = true;
        };
        channel.port2.postMessage(null);
      });
    };
    poll();
  };

  const originalFetch = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    let url = input;
    if (input instanceof URL) {
      url = input.href;
    } else if (typeof input !== 'string') {
      url = input.url;
    }
    if (!url.includes('/__ipc/document%3Afetch') && !url.includes('/__ipc/document:fetch')) {
      return originalFetch(input, init);
    }
    const load = { requestStart: performance.now(), done: false };
    state.loads.push(load);
    const response = await originalFetch(input, init);
    // The harness's IPC shim reads the body with response.json(). This replacement reads the text first, so
    // "arrived" means every byte is in the renderer. It then parses the text as json() would, and the
    // parsing counts as render time. Nothing is read or parsed twice.
    response.json = async () => {
      const text = await response.text();
      load.responseEnd = performance.now();
      load.bytes = Number(response.headers.get('content-length') ?? text.length);
      watchRows(load);
      return JSON.parse(text);
    };
    return response;
  };

  let lastKeydown;
  window.addEventListener('keydown', (event) => { lastKeydown = event.timeStamp; }, { capture: true });
  // A key that caused no input event must not lend its timestamp to a later one.
  window.addEventListener('keyup', () => { lastKeydown = undefined; }, { capture: true });

  const kindOf = (target) => {
    if (!(target instanceof Element)) return 'other';
    if (target.matches('.lines .filter input')) return 'filter';
    if (target.id === 'output-template') return 'template';
    if (target.closest('dialog, [role="dialog"]') !== null) return 'editor';
    return 'other';
  };

  const signatureOf = (kind) => {
    if (kind === 'filter') {
      // aria-rowcount counts the header row too.
      return String(Number(document.querySelector('#lines-table')?.getAttribute('aria-rowcount') ?? 1) - 1);
    }
    if (kind === 'template') {
      const page = document.querySelector('.preview-area svg.page');
      if (page !== null) return page.getAttribute('viewBox') ?? '';
      // The preview's note that every line is refused, as on a template too small for the codes.
      return document.querySelector('.preview-area .preview .note') === null ? '' : 'note';
    }
    if (kind === 'editor') {
      const barcode = document.querySelector('dialog [data-preview-label] [data-barcode]');
      return barcode === null ? '' : String(barcode.getBBox().height);
    }
    return '';
  };

  const samplesByEvent = new WeakMap();

  window.addEventListener('input', (event) => {
    const kind = kindOf(event.target);
    const typed = kind === 'filter' && lastKeydown !== undefined;
    const sample = { kind, start: typed ? lastKeydown : event.timeStamp, done: false };
    lastKeydown = undefined;
    state.inputs.push(sample);
    samplesByEvent.set(event, sample);
    afterNextPaint((frameStart, painted, frameTime) => {
      sample.frameStart = frameStart;
      sample.painted = painted;
      sample.frameTime = frameTime;
      sample.signature = signatureOf(kind);
      sample.done = true;
    });
  }, { capture: true });

  // The window is the last stop of a bubbling event. A microtask queued here runs after the app's
  // listeners and after Svelte's update, which is a microtask queued by those listeners. A <select> also
  // fires change right after input, and Svelte binds a select's value on change, so a change event of the
  // same element moves the end of the handling to its own microtask.
  const latestByTarget = new WeakMap();
  window.addEventListener('input', (event) => {
    const sample = samplesByEvent.get(event);
    if (sample !== undefined) {
      latestByTarget.set(event.target, sample);
      queueMicrotask(() => { sample.handled = performance.now(); });
    }
  });
  window.addEventListener('change', (event) => {
    const sample = latestByTarget.get(event.target);
    if (sample !== undefined && !sample.done) {
      queueMicrotask(() => { sample.handled = performance.now(); });
    }
  });

  state.waitForInputs = (count) => new Promise((resolve) => {
    const check = () => {
      if (state.inputs.length >= count && state.inputs.every((sample) => sample.done)) {
        // One more frame, so the next change starts on a quiet page.
        requestAnimationFrame(() => resolve(true));
        return;
      }
      requestAnimationFrame(check);
    };
    check();
  });

  state.waitForLoads = (count) => new Promise((resolve) => {
    const check = () => {
      if (state.loads.length >= count && state.loads.every((load) => load.done)) {
        requestAnimationFrame(() => resolve(true));
        return;
      }
      requestAnimationFrame(check);
    };
    check();
  });
})();`;

/** One `document:fetch` as the page recorded it, in milliseconds on the page's performance.now() clock. */
export interface RecordedLoad {
  requestStart: number;
  responseEnd: number;
  /** Time the first table row was inserted into the DOM. */
  rowsInDom: number;
  /** Start of the first frame whose rAF callback saw rows. */
  frameStart: number;
  /** Time that frame's main-thread work (style, layout, paint) was done. */
  painted: number;
  /** Time the first frame showing the output panel's preview had been painted. */
  previewPainted: number;
  /** Rows in the DOM in that frame: the windowed table draws only those near the visible area. */
  rows: number;
  /** Size of the IPC response body in bytes. */
  bytes: number;
}

/** One `input` event as the page recorded it, in milliseconds on the page's clock. */
export interface RecordedInput {
  kind: 'filter' | 'template' | 'editor' | 'other';
  /** The keydown's timestamp for typed filter text, else the input event's own timestamp. */
  start: number;
  /**
   * Time the app's listeners and Svelte's update had run. Work the browser does after the event, such as
   * the layout an edited text field needs to place its caret, comes later and is not included.
   */
  handled: number;
  frameStart: number;
  painted: number;
  /** The `requestAnimationFrame` time of that frame: the vsync it was begun for. */
  frameTime: number;
  /**
   * Content of the frame: rows left by the filter (filter), the preview page's viewBox or `note` when the
   * preview shows a note in place of labels (template), or the height of the editor preview's first
   * barcode in dots (editor).
   */
  signature: string;
}

/** A long task the browser reported (50 ms or more on the main thread). */
export interface RecordedLongTask {
  start: number;
  duration: number;
}

/** Installs the instrumentation. Call it before the page loads the app. */
export async function instrumentPage(page: Page): Promise<void> {
  await page.addInitScript({ content: INSTRUMENTATION });
}

/** Resolves once `count` document loads have painted their rows. */
export async function waitForLoads(page: Page, count: number): Promise<void> {
  await page.evaluate(`window.__deskBench.waitForLoads(${count})`);
}

/** Resolves once `count` input events have been followed by a painted frame, plus one quiet frame. */
export async function waitForInputs(page: Page, count: number): Promise<void> {
  await page.evaluate(`window.__deskBench.waitForInputs(${count})`);
}

/** Returns what the page recorded so far. */
export async function readRecording(page: Page): Promise<{
  loads: RecordedLoad[];
  inputs: RecordedInput[];
  longTasks: RecordedLongTask[];
}> {
  const json = await page.evaluate(
    `JSON.stringify({ loads: window.__deskBench.loads, inputs: window.__deskBench.inputs, longTasks: window.__deskBench.longTasks })`,
  );
  return JSON.parse(String(json)) as {
    loads: RecordedLoad[];
    inputs: RecordedInput[];
    longTasks: RecordedLongTask[];
  };
}
