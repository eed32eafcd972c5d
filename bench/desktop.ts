import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { BUILT_IN_TEMPLATES, DEFAULT_TEMPLATE_ID } from '../shared/labels/templates.ts';
import { MemorySecretStore } from '../test/e2e/harness/memory-secret-store.ts';
import { startHarness, type Harness } from '../test/e2e/harness/server.ts';
import {
  instrumentPage,
  readRecording,
  waitForInputs,
  waitForLoads,
  type RecordedInput,
  type RecordedLoad,
  type RecordedLongTask,
} from './desktop-page.ts';
import { buildSyntheticDocument } from './synthetic-document.ts';

const REPOSITORY = resolve(import.meta.dirname, '..');

/** Path of Debian's Chromium, because Playwright's own browser download is not used. */
const CHROMIUM_PATH = '/usr/bin/chromium';
/** The app's default window size. */
const VIEWPORT = { width: 1280, height: 800 };
/** Outlet and number of the synthetic document the bench adds to the harness's simulator. */
const BENCH_OUTLET = 'Toko Bandung';
const BENCH_NUMBER_PREFIX = 'PB/BENCH/';
/** Filter words. Each is typed key by key and then deleted with Backspace, key by key. */
const FILTER_WORDS = ['kaos hitam', '899', 'tsk-', 'sepatu 42', 'kopi', 'xl'];
/** Barcode heights in mm the editor bench types into the template editor, in turn. */
const EDITOR_BARCODE_HEIGHTS = [8, 11, 9, 13, 10, 12];

/** Options of {@link runDesktopBench}. */
export interface DesktopBenchOptions {
  /** Lines of the synthetic document (default 5,000). */
  lines?: number;
  /** Labels in the document, spread unevenly over the lines (default three per line). */
  labels?: number;
  /** Rounds, each in a fresh page (default 5). */
  rounds?: number;
  /** Filter keystrokes per round (default 30). */
  keystrokes?: number;
  /** Template selections per round (default 20). */
  templateChanges?: number;
  /** Template editor field changes per round (default 20). */
  editorChanges?: number;
  /** The built renderer (default `out/renderer`). */
  rendererFolder?: string;
  /** Writes a Chromium performance trace of the first round to this file. */
  tracePath?: string;
  /** Runs `measureScanPace(page)` from bench/scan-pace.ts after the last round when that file exists. */
  scanPace?: boolean;
  /** Receives one line per step, for the console. */
  progress?: (message: string) => void;
}

/** Samples of one figure in milliseconds with their median, 95th percentile and maximum. */
export interface Figures {
  samples: number[];
  median: number;
  p95: number;
  max: number;
}

/**
 * Figures of one kind of change. Latency runs from the input to the end of the next painted frame, so it
 * includes the wait for that frame (up to 16.7 ms at 60 Hz). Work leaves the wait out: the time until the
 * handlers and their updates were done, plus the frame's own style, layout and paint.
 */
export interface InputFigures {
  latency: Figures;
  work: Figures;
  /** Inputs whose change was painted in the very next frame (see {@link paintedInNextFrame}). */
  nextFrame: number;
}

/** One frame of a 60 Hz display, in ms. Headless Chromium begins its frames on this grid. */
export const FRAME_MS = 1000 / 60;

/**
 * Tells whether the frame that showed a change was the very next one. That is the first frame begun at a
 * vsync after the input, and its main-thread work (style, layout, paint) must end before the following
 * vsync, so the compositor can show it there. Frames begin on a 60 Hz grid, so the first vsync after the input is
 * the painting frame's time moved by whole frames. A change that took longer than the rest of the frame
 * in which it arrived plus one frame is shown one vsync later or more.
 */
export function paintedInNextFrame(input: Pick<RecordedInput, 'start' | 'frameTime' | 'painted'>): boolean {
  // rAF times are rounded to 0.1 ms, so a vsync may look up to that much early or late.
  const tolerance = 0.2;
  const framesAfter = Math.ceil((input.start - input.frameTime - tolerance) / FRAME_MS);
  const firstVsync = input.frameTime + framesAfter * FRAME_MS;
  return input.painted <= firstVsync + FRAME_MS + tolerance;
}

/** Long tasks seen while one kind of change was measured. */
export interface LongTaskSummary {
  count: number;
  /** Duration of the longest task in ms, 0 when there was none. */
  maxMs: number;
}

/** Figures measured by {@link runDesktopBench}. */
export interface DesktopBenchResult {
  lines: number;
  labels: number;
  rounds: number;
  chromium: string;
  /** Size of the `document:fetch` response body in bytes. */
  responseBytes: number;
  /** Table rows in the DOM in the first painted frame of each load (the window around the visible rows). */
  rowsPainted: number[];
  /** First load in a fresh page: request sent → response body in the renderer. */
  loadFetch: Figures;
  /** First load in a fresh page: response body in the renderer → first table row in the DOM. */
  loadScript: Figures;
  /** First load in a fresh page: response body in the renderer → first frame with rows painted. */
  loadRender: Figures;
  /** First load in a fresh page: style, layout and paint of the frame that first shows rows. */
  loadFrame: Figures;
  /** First load in a fresh page: response body in the renderer → first frame with the label preview painted. */
  loadPreview: Figures;
  /** The same document fetched again in the same page. */
  reloadFetch: Figures;
  reloadRender: Figures;
  /** Keydown in the lines filter → next frame painted. */
  filter: InputFigures;
  /** Rows left by the filter after each keystroke, so a reader can see the filter did work. */
  filterRows: number[];
  /** Input event of the template select → next frame painted. */
  template: InputFigures;
  /** Input event of the template editor's barcode height → next frame painted. */
  editor: InputFigures;
  longTasks: {
    load: LongTaskSummary;
    filter: LongTaskSummary;
    template: LongTaskSummary;
    editor: LongTaskSummary;
  };
  /**
   * Whatever `measureScanPace` returned, `{ failed: message }` when it threw, or null when it was not run.
   */
  scanPace: unknown;
}

/** Thrown when `out/renderer` has not been built, so the caller can print the fix and exit. */
export class RendererNotBuiltError extends Error {
  override name = 'RendererNotBuiltError';
}

/**
 * Measures the desk screen in Chromium against the browser test harness: the load of a large synthetic
 * document, filter keystrokes and template changes, each from the input to the next painted frame. It uses
 * the renderer already built in `out/renderer` and builds nothing itself.
 */
export async function runDesktopBench(options: DesktopBenchOptions = {}): Promise<DesktopBenchResult> {
  const settings = {
    lines: options.lines ?? 5_000,
    rounds: options.rounds ?? 5,
    keystrokes: options.keystrokes ?? 30,
    templateChanges: options.templateChanges ?? 20,
    editorChanges: options.editorChanges ?? 20,
  };
  const labels = options.labels ?? settings.lines * 3;
  const rendererFolder = resolve(options.rendererFolder ?? join(REPOSITORY, 'out', 'renderer'));
  await requireBuiltRenderer(rendererFolder);
  const progress = options.progress ?? (() => undefined);

  const harness = await startHarness({ rendererFolder, quiet: true, secrets: new MemorySecretStore() });
  const browser = await launchChromium().catch(async (error: unknown) => {
    await harness.close();
    throw error;
  });
  try {
    const documentLines = buildSyntheticDocument(settings.lines, labels);
    const rounds: RoundResult[] = [];
    let scanPace: unknown = null;
    for (let round = 1; round <= settings.rounds; round++) {
      // Each round fetches its own number, so no round gets main's cached copy of another's document.
      const number = `${BENCH_NUMBER_PREFIX}${String(round).padStart(5, '0')}`;
      harness.simulator.setDocument('bill', BENCH_OUTLET, number, documentLines);
      progress(`Round ${round} of ${settings.rounds}…`);
      const trace = round === 1 ? options.tracePath : undefined;
      const last = round === settings.rounds;
      const result = await runRound(browser, harness, number, settings, trace, async (page) => {
        if (last && options.scanPace === true) {
          scanPace = await measureScanPaceIfPresent(page, progress);
        }
      });
      rounds.push(result);
    }
    return summarize(rounds, { ...settings, labels, chromium: browser.version(), scanPace });
  } finally {
    await browser.close();
    await harness.close();
  }
}

interface RoundSettings {
  keystrokes: number;
  templateChanges: number;
  editorChanges: number;
}

interface RoundResult {
  loads: RecordedLoad[];
  filter: RecordedInput[];
  template: RecordedInput[];
  editor: RecordedInput[];
  longTasks: RecordedLongTask[];
}

async function runRound(
  browser: Browser,
  harness: Harness,
  number: string,
  settings: RoundSettings,
  tracePath: string | undefined,
  beforeClose: (page: Page) => Promise<void>,
): Promise<RoundResult> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  try {
    await instrumentPage(page);
    // Explicitly no CPU throttling (rate 1), as the figures are for this machine as it is.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await page.goto(harness.url);
    await page.locator('.document-form, #account-url').first().waitFor();
    if ((await page.locator('#account-url').count()) > 0) {
      await setUpAccount(page, harness);
    }
    if (tracePath !== undefined) {
      await browser.startTracing(page, { path: tracePath, screenshots: false });
    }

    await fetchDocument(page, number);
    await waitForLoads(page, 1);
    await page.locator('.document-form .number input').press('Enter');
    await waitForLoads(page, 2);

    const filterRange = await measureFilter(page, settings.keystrokes);
    const templates = await measureTemplateSelect(page, settings.templateChanges);
    const editorRange = await measureEditor(page, settings.editorChanges);

    if (tracePath !== undefined) {
      await browser.stopTracing();
    }
    await beforeClose(page);
    const recording = await readRecording(page);
    const pick = (range: [number, number]) => recording.inputs.slice(range[0], range[1]);
    const result = {
      loads: recording.loads,
      filter: pick(filterRange),
      template: pick(templates.range),
      editor: pick(editorRange),
      longTasks: recording.longTasks,
    };
    checkFrames(result, templates.viewBoxes);
    return result;
  } finally {
    await page.close();
  }
}

/** Types the filter words key by key and deletes them again. Returns the range of recorded inputs. */
async function measureFilter(page: Page, keystrokes: number): Promise<[number, number]> {
  const keys: string[] = [];
  for (let index = 0; keys.length < keystrokes; index++) {
    const word = FILTER_WORDS[index % FILTER_WORDS.length] ?? '';
    keys.push(...word.split(''), ...Array<string>(word.length).fill('Backspace'));
  }
  const field = page.locator('.lines .filter input');
  await field.focus();
  const first = await inputCount(page);
  for (const key of keys.slice(0, keystrokes)) {
    const before = await inputCount(page);
    if (key === 'Backspace') {
      await page.keyboard.press('Backspace');
    } else {
      await page.keyboard.type(key);
    }
    await waitForInputs(page, before + 1);
  }
  // Leave the table unfiltered for the template changes.
  await field.fill('');
  return [first, first + keystrokes];
}

/**
 * Selects the built-in templates in turn in the output panel. Returns the range of recorded inputs and
 * the preview page's viewBox each selection must show.
 */
async function measureTemplateSelect(
  page: Page,
  changes: number,
): Promise<{ range: [number, number]; viewBoxes: string[] }> {
  const ids = BUILT_IN_TEMPLATES.map((template) => template.id);
  const start = Math.max(0, ids.indexOf(await page.locator('#output-template').inputValue()));
  const first = await inputCount(page);
  const viewBoxes: string[] = [];
  for (let change = 1; change <= changes; change++) {
    const template = BUILT_IN_TEMPLATES[(start + change) % ids.length] ?? BUILT_IN_TEMPLATES[0];
    const before = await inputCount(page);
    await page.locator('#output-template').selectOption(template?.id ?? DEFAULT_TEMPLATE_ID);
    await waitForInputs(page, before + 1);
    viewBoxes.push(`0 0 ${template?.page.widthMm} ${template?.page.heightMm}`);
  }
  return { range: [first, first + changes], viewBoxes };
}

/**
 * Checks that each measured frame showed what the change requested: rows after a load, the chosen
 * template's page (or the note that no label fits it) in the preview, a barcode in the editor's preview. A frame that did not would make the
 * figures meaningless, so the run stops.
 */
function checkFrames(round: RoundResult, viewBoxes: readonly string[]): void {
  for (const load of round.loads) {
    if (!(load.rows > 0)) {
      throw new Error('a document load painted no table rows');
    }
  }
  round.template.forEach((input, index) => {
    // A template too small for every code in the document shows a note in place of labels.
    if (input.signature !== viewBoxes[index] && input.signature !== 'note') {
      throw new Error(
        `template change ${index + 1} painted a preview page with viewBox "${input.signature}", ` +
          `expected "${viewBoxes[index]}"`,
      );
    }
  });
  round.editor.forEach((input, index) => {
    if (!(Number(input.signature) > 0)) {
      throw new Error(`template editor change ${index + 1} painted no barcode in the editor's preview`);
    }
  });
}

/**
 * Opens the template editor on a copy of the default template and types barcode heights. Returns the
 * range of recorded inputs. Playwright's `fill` sets the whole value with one input event.
 */
async function measureEditor(page: Page, changes: number): Promise<[number, number]> {
  const select = page.locator('#output-template');
  if ((await select.inputValue()) !== DEFAULT_TEMPLATE_ID) {
    const before = await inputCount(page);
    await select.selectOption(DEFAULT_TEMPLATE_ID);
    await waitForInputs(page, before + 1);
  }
  await page.locator('#output-template + button').click();
  const height = page.locator('#template-barcode-height');
  await height.waitFor();
  const first = await inputCount(page);
  for (let change = 0; change < changes; change++) {
    const value = EDITOR_BARCODE_HEIGHTS[change % EDITOR_BARCODE_HEIGHTS.length] ?? 10;
    const before = await inputCount(page);
    await height.fill(String(value));
    await waitForInputs(page, before + 1);
  }
  await page.keyboard.press('Escape');
  await height.waitFor({ state: 'detached' });
  return [first, first + changes];
}

async function inputCount(page: Page): Promise<number> {
  return Number(await page.evaluate('window.__deskBench.inputs.length'));
}

/** Fills the first-run form with the simulator's default account, as the e2e tests do. */
async function setUpAccount(page: Page, harness: Harness): Promise<void> {
  await page.locator('#account-url').fill(harness.simulator.url);
  await page.locator('#account-client-id').fill('demo');
  await page.locator('#account-secret').fill('demo-secret');
  await page.locator('form.account-form button[type="submit"]').click();
  await page.locator('.document-form').waitFor();
}

async function fetchDocument(page: Page, number: string): Promise<void> {
  await page.locator('.document-form .outlet input').fill(BENCH_OUTLET);
  const numberField = page.locator('.document-form .number input');
  await numberField.fill(number);
  await numberField.press('Enter');
}

function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

async function requireBuiltRenderer(rendererFolder: string): Promise<void> {
  const index = await stat(join(rendererFolder, 'index.html')).catch(() => null);
  if (index === null || !index.isFile()) {
    throw new RendererNotBuiltError(
      `${join(rendererFolder, 'index.html')} is missing. Build the renderer with \`npx electron-vite build\` ` +
        'and run the desktop bench again.',
    );
  }
}

/** Signature of `measureScanPace` in bench/scan-pace.ts, checked at run time because the file may be missing. */
type MeasureScanPace = (page: Page) => Promise<unknown>;

async function measureScanPaceIfPresent(page: Page, progress: (message: string) => void): Promise<unknown> {
  const file = join(REPOSITORY, 'bench', 'scan-pace.ts');
  if ((await stat(file).catch(() => null)) === null) {
    progress('bench/scan-pace.ts is missing, so scan pace is not measured.');
    return null;
  }
  const module = (await import(pathToFileURL(file).href)) as { measureScanPace?: unknown };
  if (typeof module.measureScanPace !== 'function') {
    progress('bench/scan-pace.ts exports no measureScanPace, so scan pace is not measured.');
    return null;
  }
  progress('Scan pace…');
  try {
    return await (module.measureScanPace as MeasureScanPace)(page);
  } catch (error) {
    // The other figures stay valid, so a failing scan pace is reported in their place.
    const message = error instanceof Error ? error.message : String(error);
    progress(`Scan pace failed: ${message}`);
    return { failed: message };
  }
}

function summarize(
  rounds: readonly RoundResult[],
  details: {
    lines: number;
    labels: number;
    rounds: number;
    chromium: string;
    scanPace: unknown;
  },
): DesktopBenchResult {
  const firstLoads = rounds.map((round) => round.loads[0]).filter((load) => load !== undefined);
  const reloads = rounds.map((round) => round.loads[1]).filter((load) => load !== undefined);
  const allLoads = [...firstLoads, ...reloads];
  const filter = rounds.flatMap((round) => round.filter);
  const template = rounds.flatMap((round) => round.template);
  const editor = rounds.flatMap((round) => round.editor);

  const tasksDuring = (pick: (round: RoundResult) => Array<[number, number]>): LongTaskSummary => {
    const durations = rounds.flatMap((round) =>
      round.longTasks
        .filter((task) =>
          pick(round).some(([from, to]) => task.start < to && task.start + task.duration > from),
        )
        .map((task) => task.duration),
    );
    return { count: durations.length, maxMs: durations.length === 0 ? 0 : Math.max(...durations) };
  };
  const inputWindows = (inputs: readonly RecordedInput[]): Array<[number, number]> =>
    inputs.map((input) => [input.start, input.painted]);

  return {
    ...details,
    responseBytes: firstLoads[0]?.bytes ?? 0,
    rowsPainted: allLoads.map((load) => load.rows),
    loadFetch: figures(firstLoads.map((load) => load.responseEnd - load.requestStart)),
    loadScript: figures(firstLoads.map((load) => load.rowsInDom - load.responseEnd)),
    loadRender: figures(firstLoads.map((load) => load.painted - load.responseEnd)),
    loadFrame: figures(firstLoads.map((load) => load.painted - load.frameStart)),
    loadPreview: figures(firstLoads.map((load) => load.previewPainted - load.responseEnd)),
    reloadFetch: figures(reloads.map((load) => load.responseEnd - load.requestStart)),
    reloadRender: figures(reloads.map((load) => load.painted - load.responseEnd)),
    filter: inputFigures(filter),
    filterRows: filter.map((input) => Number(input.signature)),
    template: inputFigures(template),
    editor: inputFigures(editor),
    longTasks: {
      load: tasksDuring((round) => round.loads.map((load) => [load.responseEnd, load.painted])),
      filter: tasksDuring((round) => inputWindows(round.filter)),
      template: tasksDuring((round) => inputWindows(round.template)),
      editor: tasksDuring((round) => inputWindows(round.editor)),
    },
  };
}

function inputFigures(inputs: readonly RecordedInput[]): InputFigures {
  return {
    latency: figures(inputs.map((input) => input.painted - input.start)),
    work: figures(inputs.map((input) => input.handled - input.start + (input.painted - input.frameStart))),
    nextFrame: inputs.filter(paintedInNextFrame).length,
  };
}

/** Returns the samples with their median, 95th percentile (nearest rank) and maximum. */
export function figures(samples: readonly number[]): Figures {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (fraction: number): number =>
    sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)] ?? NaN;
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length === 0
      ? NaN
      : sorted.length % 2 === 1
        ? (sorted[middle] ?? NaN)
        : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
  return { samples: [...samples], median, p95: rank(0.95), max: sorted.at(-1) ?? NaN };
}
