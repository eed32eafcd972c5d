import type { Page } from 'playwright-core';
import { usKeystroke } from '../shared/scanning/us-layout.ts';

// Scan pace of the receiving check: a keyboard-wedge scanner's bursts, 30 codes in one second, sent into
// the desk page in Chromium, with the time from each code's Enter key to its visible feedback.
//
// The page dispatches the key events itself, each from its own timer scheduled before the burst starts.
// While the page's main thread is free, the keys therefore keep the scanner's pace (2 to 5 ms apart).
// A key the page is too busy to handle waits in the task queue, as a real key event would. This
// matches a real scanner better than Playwright's keyboard, whose every key is a DevTools round trip
// from Node: on a busy machine those round trips alone exceed the detector's 30 ms gap. The synthetic
// events skip the browser's input path (operating system to browser process to renderer), so real
// latency is higher by that path's cost.
//
// Feedback is measured from the Enter key's dispatch to (a) the first change inside the receiving panel
// and (b) the end of the main-thread work of the first frame after that change. For (b), a message posted
// from a requestAnimationFrame callback runs once Chromium has done the frame's style, layout and paint,
// as in bench/desktop-page.ts. Compositing and rasterising on other threads are not included.

/** One frame at 60 Hz, the usual refresh rate of desk monitors, in milliseconds. */
const FRAME_MS = 1000 / 60;
const SHIFT = { key: 'Shift', code: 'ShiftLeft' } as const;
const ENTER = { key: 'Enter', code: 'Enter' } as const;

/** One key event of a planned burst, `atMs` after the burst starts. */
export interface PlannedKey {
  atMs: number;
  type: 'keydown' | 'keyup';
  key: string;
  code: string;
  shiftKey: boolean;
  /** Index of the scan (the code) this key belongs to. */
  scan: number;
  /** Index of the scan this Enter key ends, or null for other keys. */
  endsScan: number | null;
}

/** Timing of a burst: codes start `scanIntervalMs` apart, and keys of one code are `keyGapsMs` apart. */
export interface BurstOptions {
  /** Time between the starts of two codes, in milliseconds. The default is 1000 / 30. */
  scanIntervalMs?: number;
  /** Gaps between two keys of one code, used in turn, in milliseconds. The default is 2 to 5 ms. */
  keyGapsMs?: readonly number[];
  /** Hold time of a key, in milliseconds. The default is 1. */
  holdMs?: number;
}

/** A planned burst: every key event in time order, and when the last one goes out. */
export interface BurstPlan {
  keys: PlannedKey[];
  /** Time of the last key event after the burst starts, in milliseconds. */
  durationMs: number;
  scans: number;
}

/**
 * Plans the key events of a US-layout scanner typing each code followed by Enter. Shift goes down before
 * a shifted character and up after it. When a code's keys at the planned gaps would run into the next
 * code's start, that code uses 2 ms gaps, the fastest pace of common wedge scanners.
 */
export function planScanBurst(codes: readonly string[], options: BurstOptions = {}): BurstPlan {
  const interval = options.scanIntervalMs ?? 1000 / 30;
  const gaps = options.keyGapsMs ?? [2, 3, 4, 5, 3, 2, 4];
  const hold = options.holdMs ?? 1;
  const keys: PlannedKey[] = [];
  let gapIndex = 0;

  codes.forEach((code, scan) => {
    const start = scan * interval;
    const strokes = [...code].map((character) => {
      const stroke = usKeystroke(character);
      if (stroke === null) {
        throw new Error(`a US-layout scanner cannot type ${JSON.stringify(character)} of ${code}`);
      }
      return { character, ...stroke };
    });
    // Gaps between the code's keys and before its Enter, which has to go down before the next code starts.
    let codeGaps = strokes.map(() => {
      const gap = gaps[gapIndex % gaps.length] ?? 2;
      gapIndex += 1;
      return gap;
    });
    if (codeGaps.reduce((total, gap) => total + gap, 0) + hold >= interval) {
      codeGaps = codeGaps.map(() => 2);
    }

    let at = start;
    strokes.forEach((stroke, index) => {
      if (stroke.shift) {
        keys.push({ atMs: at, type: 'keydown', ...SHIFT, shiftKey: true, scan, endsScan: null });
      }
      const event = {
        key: stroke.character,
        code: stroke.code,
        shiftKey: stroke.shift,
        scan,
        endsScan: null,
      };
      keys.push({ atMs: at, type: 'keydown', ...event });
      keys.push({ atMs: at + hold, type: 'keyup', ...event });
      if (stroke.shift) {
        keys.push({ atMs: at + hold, type: 'keyup', ...SHIFT, shiftKey: false, scan, endsScan: null });
      }
      at += codeGaps[index] ?? 2;
    });
    keys.push({ atMs: at, type: 'keydown', ...ENTER, shiftKey: false, scan, endsScan: scan });
    keys.push({ atMs: at + hold, type: 'keyup', ...ENTER, shiftKey: false, scan, endsScan: null });
  });

  // A stable sort keeps Shift before its character and key down before key up at equal times.
  keys.sort((a, b) => a.atMs - b.atMs);
  return { keys, durationMs: keys.at(-1)?.atMs ?? 0, scans: codes.length };
}

/** Per-scan timing from the page, in milliseconds on its `performance.now()` clock. */
export interface ScanTiming {
  scan: number;
  /** Time the Enter key was dispatched. */
  enter: number;
  /** Time the receiving panel first changed after that Enter, or null when it never did. */
  domChanged: number | null;
  /** Time the main-thread work of the first frame after that change ended, or null. */
  painted: number | null;
  /**
   * Animation frames from the Enter key to the frame that showed the change: 1 when the change made the
   * very next frame, or null when it never showed.
   */
  frames: number | null;
}

/** Timings of one burst as the page recorded them. */
export interface BurstRecord {
  timings: ScanTiming[];
  /** Run times of the first and the last key event, so the real length of the burst can be checked. */
  firstKeyAt: number;
  lastKeyAt: number;
  /**
   * Maximum time between two key downs of one code as the page ran them, which is the gap the wedge
   * detector saw. Above the detector's gap setting (30 ms by default), the page was too busy to keep the
   * scanner's pace and a code may be split, whatever the app does.
   */
  maxKeyGapMs: number;
}

// The page-side runner is source text because the bench's type settings have no DOM types. It schedules
// one timer per key event before the first one fires, dispatches each event at the focused element, and
// resolves once every scan's frame is recorded or two seconds after the last key.
const RUN_BURST = String.raw`async (plan) => {
  const panel = document.querySelector('[data-testid="receiving-panel"]');
  if (panel === null) {
    throw new Error('the receiving panel is not on the page');
  }
  const timings = [];
  const waitingForChange = [];
  let firstKeyAt = null;
  let lastKeyAt = null;
  let maxKeyGapMs = 0;
  let previousKeyDown = null;
  // Counts animation frames. This callback re-registers itself inside each frame, so in every frame it
  // runs before the callbacks that tasks registered between frames, such as afterNextPaint's.
  let frame = 0;
  let counting = true;
  const countFrames = () => {
    frame += 1;
    if (counting) {
      requestAnimationFrame(countFrames);
    }
  };
  requestAnimationFrame(countFrames);

  const afterNextPaint = (timing) => {
    requestAnimationFrame(() => {
      timing.frames = frame - timing.frameAtEnter;
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        timing.painted = performance.now();
      };
      channel.port2.postMessage(null);
    });
  };
  const observer = new MutationObserver(() => {
    const now = performance.now();
    for (const timing of waitingForChange.splice(0)) {
      timing.domChanged = now;
      afterNextPaint(timing);
    }
  });
  observer.observe(panel, { subtree: true, childList: true, characterData: true, attributes: true });

  const dispatch = (planned) => {
    const now = performance.now();
    firstKeyAt ??= now;
    lastKeyAt = now;
    if (planned.type === 'keydown' && planned.key !== 'Shift') {
      if (previousKeyDown !== null && previousKeyDown.scan === planned.scan) {
        maxKeyGapMs = Math.max(maxKeyGapMs, now - previousKeyDown.at);
      }
      previousKeyDown = { scan: planned.scan, at: now };
    }
    const target = document.activeElement ?? document.body;
    const event = new KeyboardEvent(planned.type, {
      key: planned.key,
      code: planned.code,
      shiftKey: planned.shiftKey,
      bubbles: true,
      cancelable: true,
      composed: true,
    });
    if (planned.endsScan !== null) {
      const timing = { scan: planned.endsScan, enter: now, domChanged: null, painted: null, frames: null, frameAtEnter: frame };
      timings.push(timing);
      waitingForChange.push(timing);
    }
    target.dispatchEvent(event);
  };

  await new Promise((resolve) => {
    const start = performance.now() + 50;
    let remaining = plan.keys.length;
    for (const planned of plan.keys) {
      setTimeout(() => {
        dispatch(planned);
        remaining -= 1;
        if (remaining === 0) {
          resolve();
        }
      }, Math.max(0, start + planned.atMs - performance.now()));
    }
  });

  const deadline = performance.now() + 2000;
  while (timings.some((timing) => timing.painted === null) && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  observer.disconnect();
  counting = false;
  return { timings, firstKeyAt, lastKeyAt, maxKeyGapMs };
}`;

/**
 * Sends a planned burst into the page, at the focused element, and returns each scan's timing. The
 * receiving check must be running and the focus outside text fields, as after pressing its start button.
 */
export async function sendScanBurst(page: Page, plan: BurstPlan): Promise<BurstRecord> {
  return (await page.evaluate(`(${RUN_BURST})(${JSON.stringify(plan)})`)) as BurstRecord;
}

/** Median, 95th percentile (nearest rank) and maximum of a list of milliseconds. */
export interface LatencyFigures {
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

/** Computes the figures of a non-empty list. */
export function latencyFigures(samples: readonly number[]): LatencyFigures {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (fraction: number): number =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ?? Number.NaN;
  return { medianMs: at(0.5), p95Ms: at(0.95), maxMs: sorted.at(-1) ?? Number.NaN };
}

/** Result of {@link measureScanPace}: flat numbers, so a report can print each one as it comes. */
export interface ScanPaceResult {
  scans: number;
  /** Scans after which the receiving panel changed. Fewer than `scans` means feedback was lost. */
  scansWithFeedback: number;
  /** Time from the first to the last key event as the page ran them. */
  burstMs: number;
  /** Maximum gap between two keys of one code as the page ran them (see {@link BurstRecord}). */
  maxKeyGapMs: number;
  domMedianMs: number;
  domP95Ms: number;
  domMaxMs: number;
  paintedMedianMs: number;
  paintedP95Ms: number;
  paintedMaxMs: number;
  /** The painted figures in frames of a 60 Hz display. */
  paintedMedianFrames: number;
  paintedP95Frames: number;
  paintedMaxFrames: number;
  /** Animation frames from Enter to the frame that showed the change, where 1 is the very next frame. */
  framesToFeedbackMedian: number;
  framesToFeedbackP95: number;
  framesToFeedbackMax: number;
  /** Scans whose change showed later than the very next frame. */
  scansAfterNextFrame: number;
}

const SCANS_PER_BURST = 30;

/**
 * Measures the scan pace on a page that shows a loaded document. It starts the receiving check when it
 * is not running and sends 30 scans in one second, made of the codes of the rows on screen. Returns the
 * feedback latency figures. The desktop bench (`npm run bench -- --desktop`) calls it.
 */
export async function measureScanPace(page: Page): Promise<ScanPaceResult> {
  const startButton = page.locator('[data-testid="receiving-panel"] > button');
  if ((await startButton.count()) > 0) {
    await startButton.click();
  }
  await page.getByTestId('check-count').waitFor();

  const codes = (
    await page
      .locator('[role="row"][data-line] .code')
      .evaluateAll((cells) => cells.map((cell) => (cell as unknown as { title: string }).title))
  ).filter((code) => code.trim() !== '' && [...code].every((character) => usKeystroke(character) !== null));
  if (codes.length === 0) {
    throw new Error('no row on screen has a code a US-layout scanner can type');
  }
  const burst = Array.from({ length: SCANS_PER_BURST }, (_, index) => codes[index % codes.length] ?? '');
  const record = await sendScanBurst(page, planScanBurst(burst));

  const changed = record.timings.filter((timing) => timing.domChanged !== null);
  const painted = record.timings.filter((timing) => timing.painted !== null);
  const dom = latencyFigures(changed.map((timing) => (timing.domChanged ?? 0) - timing.enter));
  const frame = latencyFigures(painted.map((timing) => (timing.painted ?? 0) - timing.enter));
  const frameCounts = painted.map((timing) => timing.frames ?? 0);
  const frames = latencyFigures(frameCounts);
  return {
    scans: record.timings.length,
    scansWithFeedback: changed.length,
    burstMs: record.lastKeyAt - record.firstKeyAt,
    maxKeyGapMs: record.maxKeyGapMs,
    domMedianMs: dom.medianMs,
    domP95Ms: dom.p95Ms,
    domMaxMs: dom.maxMs,
    paintedMedianMs: frame.medianMs,
    paintedP95Ms: frame.p95Ms,
    paintedMaxMs: frame.maxMs,
    paintedMedianFrames: frame.medianMs / FRAME_MS,
    paintedP95Frames: frame.p95Ms / FRAME_MS,
    paintedMaxFrames: frame.maxMs / FRAME_MS,
    framesToFeedbackMedian: frames.medianMs,
    framesToFeedbackP95: frames.p95Ms,
    framesToFeedbackMax: frames.maxMs,
    scansAfterNextFrame: frameCounts.filter((count) => count > 1).length,
  };
}
