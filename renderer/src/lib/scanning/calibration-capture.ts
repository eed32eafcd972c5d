import {
  CALIBRATION_CODE,
  checkCalibration,
  isModifierEvent,
  terminatorOf,
  type CalibrationResult,
  type ScannerSettings,
  type WedgeKeyEvent,
} from '../../../../shared/scanning/wedge.ts';

/**
 * Time after the last key at which a burst without Enter or Tab counts as finished, in milliseconds. It is
 * far above any gap setting (1000 ms at most), so a slow scanner is still measured, not cut off.
 */
export const CALIBRATION_IDLE_END_MS = 1500;

/**
 * Collects the key events of one calibration scan and checks them with `checkCalibration`. The burst ends
 * with its first Enter or Tab, or, for a scanner that sends neither, when the UI calls `finish` once
 * `CALIBRATION_IDLE_END_MS` passed without a key.
 */
export class CalibrationCapture {
  readonly #settings: ScannerSettings;
  readonly #expected: string;
  #events: WedgeKeyEvent[] = [];
  #characters = 0;

  constructor(settings: ScannerSettings, expected: string = CALIBRATION_CODE) {
    this.#settings = settings;
    this.#expected = expected;
  }

  /** Number of character keys received so far. */
  get characters(): number {
    return this.#characters;
  }

  /**
   * Records one `keydown`. Returns true when it ended the burst: a terminator after at least one
   * character. A terminator before any character (a stray Enter) is not recorded.
   */
  handleKey(event: WedgeKeyEvent): boolean {
    const terminator = isModifierEvent(event) ? null : terminatorOf(event);
    if (terminator !== null && this.#characters === 0) {
      return false;
    }
    this.#events.push(event);
    if (terminator !== null) {
      return true;
    }
    if (!isModifierEvent(event)) {
      this.#characters += 1;
    }
    return false;
  }

  /** Checks what arrived against the calibration code with the current settings. */
  finish(): CalibrationResult {
    return checkCalibration(this.#expected, this.#events, this.#settings);
  }
}
