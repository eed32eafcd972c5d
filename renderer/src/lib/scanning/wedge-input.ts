import {
  WedgeDetector,
  type ScannerSettings,
  type WedgeKeyEvent,
  type WedgeOutput,
} from '../../../../shared/scanning/wedge.ts';

/** Desk services the window's wedge input calls. */
export interface WedgeInputHost {
  /** Milliseconds from the clock the detector compares key times with (`performance.now()` in the app). */
  now(): number;
  /** Time of `event` on the clock of `now`. The default is the time the handler runs. */
  keyTime?(event: KeyboardEvent): number;
  settings(): ScannerSettings;
  /** Whether the detector reads keys aimed at `target`; keys it does not read pass untouched. */
  listensAt(target: EventTarget | null): boolean;
  /** Receives a finished scan. */
  onScan(code: string): void;
  /**
   * Receives characters typed outside any text field and ended with Enter, which the browser drops. They
   * came too slowly for a scan, from a person typing a code or a scanner slower than the maximum gap.
   */
  onSlowTyping?(text: string): void;
  setTimer(callback: () => void, delayMs: number): unknown;
  clearTimer(handle: unknown): void;
}

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'url', 'tel', 'password', 'email', '']);
const PRESSABLE_INPUT_TYPES = new Set(['button', 'checkbox', 'radio', 'submit', 'reset']);

function isTextField(target: Element | null): target is HTMLInputElement | HTMLTextAreaElement {
  return (
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(target.type))
  );
}

function isPressable(target: Element | null): target is HTMLButtonElement | HTMLInputElement {
  return (
    target instanceof HTMLButtonElement ||
    (target instanceof HTMLInputElement && PRESSABLE_INPUT_TYPES.has(target.type))
  );
}

/**
 * Inserts text a person typed into the element the keys were aimed at, as the browser would have: at the
 * caret of a text field, followed by an `input` event so bound values update. A held Space on a button,
 * checkbox or radio button presses it, because that is what the browser would have done with the key.
 * Returns false when the text was dropped because no text field had the focus.
 */
export function replayTypedText(target: Element | null, text: string): boolean {
  if (text === '') {
    return true;
  }
  if (isTextField(target)) {
    const start = target.selectionStart ?? target.value.length;
    const end = target.selectionEnd ?? start;
    target.setRangeText(text, start, end, 'end');
    target.dispatchEvent(new Event('input', { bubbles: true }));
    return true;
  }
  if (isPressable(target) && text.includes(' ')) {
    target.click();
  }
  // NOTE: other characters held while no text field had the focus are dropped, as the browser drops them too,
  // so access keys or type-to-select in a list box would not see them. WedgeInput reports them once an Enter
  // follows (`onSlowTyping`).
  return false;
}

/**
 * The desk's keyboard-wedge input: one `WedgeDetector` for the window, driven as its module comment
 * describes. Keys are held until the detector knows whether they are a scan or typing; typing is then
 * replayed into the field it was aimed at, and a scan goes to `host.onScan`.
 */
export class WedgeInput {
  readonly #host: WedgeInputHost;
  #detector: WedgeDetector;
  #settings: ScannerSettings;
  /** The element the held keys were aimed at, where typing is replayed. */
  #heldTarget: Element | null = null;
  #timer: unknown = null;
  /** Typed characters dropped since the last Enter or scan, for `host.onSlowTyping`. */
  #dropped = '';
  /** Target element of those characters. An Enter on another element does not report them. */
  #droppedTarget: Element | null = null;

  constructor(host: WedgeInputHost) {
    this.#host = host;
    this.#settings = host.settings();
    this.#detector = new WedgeDetector(this.#settings);
  }

  /**
   * Feeds one `keydown`. Returns true when the key was consumed (held or part of a scan), so the caller
   * must not treat it as a shortcut; false when the key passes to the browser and the caller's shortcuts.
   */
  handleKeydown(event: KeyboardEvent): boolean {
    this.#applySettings();
    if (!this.#host.listensAt(event.target)) {
      this.flushAll();
      this.#dropped = '';
      return false;
    }

    const target = event.target instanceof Element ? event.target : null;
    if (target !== this.#heldTarget) {
      this.flushAll();
    }
    const step = this.#detector.handleKey(
      toWedgeEvent(event, this.#host.keyTime?.(event) ?? this.#host.now()),
    );
    if (step.action === 'hold') {
      event.preventDefault();
      this.#heldTarget = target;
    }
    this.#apply(step.outputs, target);
    this.#schedule();
    if (step.action === 'pass' && event.key === 'Enter') {
      this.#reportDropped(target);
    }
    return step.action === 'hold';
  }

  /** Releases held keys as typing, for a blur or a focus change. */
  flushAll(): void {
    const target = this.#heldTarget;
    this.#apply(this.#detector.flushAll(), target);
    this.#schedule();
  }

  /** Stops the idle timer; held keys are dropped with the window. */
  dispose(): void {
    this.#cancelTimer();
  }

  #applySettings(): void {
    const settings = this.#host.settings();
    if (settings !== this.#settings) {
      this.flushAll();
      this.#settings = settings;
      this.#detector = new WedgeDetector(settings);
    }
  }

  /**
   * Hands typed characters that Enter ended to `host.onSlowTyping`. Enter on a button presses it, so
   * characters before it are then not reported.
   */
  #reportDropped(target: Element | null): void {
    const text = this.#dropped;
    const droppedAt = this.#droppedTarget;
    this.#dropped = '';
    this.#droppedTarget = null;
    if (text.trim() !== '' && droppedAt === target && !isPressable(target)) {
      this.#host.onSlowTyping?.(text);
    }
  }

  #apply(outputs: readonly WedgeOutput[], target: Element | null): void {
    for (const output of outputs) {
      if (output.kind === 'scan') {
        this.#dropped = '';
        this.#host.onScan(output.code);
      } else if (!replayTypedText(target, output.text)) {
        this.#dropped = target === this.#droppedTarget ? this.#dropped + output.text : output.text;
        this.#droppedTarget = target;
      }
    }
    if (this.#detector.heldCount === 0) {
      this.#heldTarget = null;
    }
  }

  #schedule(): void {
    this.#cancelTimer();
    const deadline = this.#detector.deadline;
    if (deadline === null) {
      return;
    }
    // One millisecond past the deadline, because flushIdle releases keys only once `now` is beyond it.
    const delay = Math.max(0, deadline - this.#host.now()) + 1;
    this.#timer = this.#host.setTimer(() => {
      this.#timer = null;
      this.#apply(this.#detector.flushIdle(this.#host.now()), this.#heldTarget);
      this.#schedule();
    }, delay);
  }

  #cancelTimer(): void {
    if (this.#timer !== null) {
      this.#host.clearTimer(this.#timer);
      this.#timer = null;
    }
  }
}

/**
 * Returns the key position of a terminator key for events without `code`, which scripts and some
 * on-screen or remote-desktop keyboards send. Other keys keep an empty code, so the detector reads
 * their characters.
 */
function codeFromKey(key: string): string {
  return key === 'Enter' || key === 'Tab' ? key : '';
}

/**
 * Copies the fields the detector reads, with `time` as the key's time. The app passes the event's own
 * time stamp and tests a fake clock.
 */
export function toWedgeEvent(event: KeyboardEvent, time: number): WedgeKeyEvent {
  return {
    code: event.code === '' ? codeFromKey(event.key) : event.code,
    key: event.key,
    shiftKey: event.shiftKey,
    ctrlKey: event.ctrlKey,
    altKey: event.altKey,
    metaKey: event.metaKey,
    repeat: event.repeat,
    timeStamp: time,
  };
}
