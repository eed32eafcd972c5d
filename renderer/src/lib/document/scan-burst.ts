/**
 * Maximum gap between the keys of a scanner burst. Handheld scanners in keyboard mode commonly send a key
 * every 1–20 ms, while even fast typists leave more than about 60 ms between most keys. The 35 ms limit is
 * an estimate between the two, not a measurement of a particular scanner.
 */
export const SCAN_MAX_KEY_GAP_MS = 35;

/** Shortest burst taken as a scan: document numbers are longer, and single fast key pairs happen when typing. */
export const SCAN_MIN_LENGTH = 4;

/** A completed scan: the characters of one fast burst that ended with Enter. */
export interface ScanBurst {
  text: string;
}

/**
 * Tells a barcode scanner's keystrokes from typing. Each keydown is fed in with a timestamp. When Enter ends
 * a run of at least `SCAN_MIN_LENGTH` printable keys, each at most `SCAN_MAX_KEY_GAP_MS` after the previous
 * one, the run is returned. Text typed before a burst is not part of it.
 */
export class ScanBurstDetector {
  #text = '';
  #lastKeyAt = Number.NEGATIVE_INFINITY;

  /** Records one key; returns the scan when this key is the Enter that completes one. */
  key(key: string, now: number): ScanBurst | null {
    const fast = now - this.#lastKeyAt <= SCAN_MAX_KEY_GAP_MS;
    if (key === 'Enter') {
      const burst = fast && this.#text.length >= SCAN_MIN_LENGTH ? { text: this.#text } : null;
      this.reset();
      return burst;
    }
    if (key.length !== 1) {
      // Shift, arrows and other named keys: a scanner sends Shift before capitals, so it does not end a burst.
      if (key !== 'Shift') {
        this.reset();
      }
      return null;
    }
    this.#text = fast ? this.#text + key : key;
    this.#lastKeyAt = now;
    return null;
  }

  reset(): void {
    this.#text = '';
    this.#lastKeyAt = Number.NEGATIVE_INFINITY;
  }
}
