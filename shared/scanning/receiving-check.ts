/**
 * The receiving check: the clerk scans every unit that arrived, and the check compares the counts with
 * the document's quantities. Each scan costs a few map lookups, so bursts of scans keep up.
 */

import { hasValidGs1CheckDigit } from '../labels/symbology.ts';
import type { DocumentLine, LineOverride } from '../labels/types.ts';

/** Sound and colour of one scan: on the document and still expected, beyond the expected count, or not on it. */
export type ScanFeedback = 'accepted' | 'over' | 'unknown';

/** Result of one scan. */
export interface ScanOutcome {
  feedback: ScanFeedback;
  /** The scanned code, trimmed. */
  code: string;
  /** The document line the scan counted for, or null for a code not on the document. */
  lineNumber: number | null;
  /** The line's code as the document writes it, which differs from `code` after a leading-zero match. */
  documentCode: string | null;
  /**
   * True when the scan matched only by treating a UPC-A code and the same code as a 13-digit EAN with a
   * leading zero as equal (message `scan.matched_leading_zero`).
   */
  leadingZeroMatch: boolean;
  /** Scans now counted on that line, or of that unknown code. */
  scanned: number;
  /** The line's expected quantity; null for unknown codes and unreadable document quantities. */
  expected: number | null;
}

/** Status of a line: `expected_unknown` when the document's quantity could not be read. */
export type LineStatus = 'complete' | 'short' | 'over' | 'expected_unknown';

/** Counts for one document line. */
export interface LineTally {
  lineNumber: number;
  variantId: string | null;
  name: string;
  code: string | null;
  expected: number | null;
  scanned: number;
  /** `scanned - expected`: negative when units are missing; null when `expected` is. */
  difference: number | null;
  status: LineStatus;
  /** False for lines without a code, which no scan can reach. */
  scannable: boolean;
  /** Scans of this line that matched through the UPC-A / EAN-13 leading zero. */
  leadingZeroScans: number;
}

/**
 * Lookup result for a code that is not on the document: `in_dealpos` when DealPOS has the
 * variant, `not_found` when it does not, `pending` before the lookup, `lookup_failed` when it failed.
 */
export type UnknownCodeStatus = 'pending' | 'in_dealpos' | 'not_found' | 'lookup_failed';

/** A scanned code that is not on the document. */
export interface UnknownCodeTally {
  code: string;
  scans: number;
  status: UnknownCodeStatus;
  /** The DealPOS variant ID when `status` is `in_dealpos`. */
  variantId: string | null;
}

/**
 * Finds the DealPOS variant ID for a code (the app calls `Variant/GetIDByListCode`). Resolves to null when
 * DealPOS has no such code; rejects when the lookup itself failed.
 */
export type VariantLookup = (code: string) => Promise<string | null>;

/** The finish summary, plain data for the summary screen and a PDF export. */
export interface ReceivingSummary {
  /** Every document line, in document order. */
  lines: LineTally[];
  short: LineTally[];
  over: LineTally[];
  expectedUnknown: LineTally[];
  unknownCodes: UnknownCodeTally[];
  totals: {
    lines: number;
    linesComplete: number;
    linesShort: number;
    linesOver: number;
    /** Sum of the readable expected quantities. */
    expectedUnits: number;
    /** Scans counted on document lines. */
    scannedUnits: number;
    /** Units missing on short lines. */
    shortUnits: number;
    /** Units beyond the expected count on over lines. */
    overUnits: number;
    /** Scans of codes not on the document. */
    unknownScans: number;
  };
  /** True when every line is complete and no unknown code was scanned. */
  matches: boolean;
}

type ScanRecord =
  { kind: 'line'; index: number; code: string; leadingZero: boolean } | { kind: 'unknown'; code: string };

/**
 * Returns the key under which UPC-A, EAN-13 and GTIN-14 forms of one article meet, or null for codes
 * outside that scheme. GS1 defines a UPC-A code as an EAN-13 with a leading zero, and some scanners
 * report UPC-A labels as those 13 digits, so `036000291452` and `0036000291452` must count for the same
 * line. Only all-digit codes of 12 to 14 digits with a valid check digit take part, because a leading
 * zero does not change the GS1 check digit. NOTE: a digit-only internal code passes that check by
 * chance one time in ten, and then also matches its forms with leading zeros.
 */
export function gtinKey(code: string): string | null {
  if (!/^\d{12,14}$/.test(code) || !hasValidGs1CheckDigit(code)) {
    return null;
  }
  let key = code;
  while (key.length > 12 && key.startsWith('0')) {
    key = key.slice(1);
  }
  return key;
}

/** Counts scans against one loaded document. Undo reverses scans one at a time, newest first. */
export class ReceivingCheck {
  readonly #lines: readonly DocumentLine[];
  readonly #scanned: number[];
  readonly #leadingZeroScans: number[];
  /** Line indexes per exact code and per GTIN key; several lines can carry one code. */
  readonly #byCode = new Map<string, number[]>();
  readonly #byGtin = new Map<string, number[]>();
  readonly #unknown = new Map<string, UnknownCodeTally>();
  readonly #history: ScanRecord[] = [];
  #revision = 0;

  constructor(lines: readonly DocumentLine[]) {
    this.#lines = lines;
    this.#scanned = lines.map(() => 0);
    this.#leadingZeroScans = lines.map(() => 0);
    lines.forEach((line, index) => {
      if (line.code === null) {
        return;
      }
      appendTo(this.#byCode, line.code, index);
      const key = gtinKey(line.code);
      if (key !== null) {
        appendTo(this.#byGtin, key, index);
      }
    });
  }

  /** Increases on every scan and undo, so a UI can tell that the counts changed. */
  get revision(): number {
    return this.#revision;
  }

  /** Number of scans that undo can still reverse. */
  get scanCount(): number {
    return this.#history.length;
  }

  /** Counts one scan. Returns null, counting nothing, when the code is empty after trimming. */
  scan(rawCode: string): ScanOutcome | null {
    const code = rawCode.trim();
    if (code === '') {
      return null;
    }
    this.#revision += 1;

    let candidates = this.#byCode.get(code);
    let leadingZero = false;
    if (candidates === undefined) {
      const key = gtinKey(code);
      candidates = key === null ? undefined : this.#byGtin.get(key);
      leadingZero = candidates !== undefined;
    }

    if (candidates === undefined) {
      const tally = this.#unknown.get(code) ?? { code, scans: 0, status: 'pending', variantId: null };
      tally.scans += 1;
      this.#unknown.set(code, tally);
      this.#history.push({ kind: 'unknown', code });
      return {
        feedback: 'unknown',
        code,
        lineNumber: null,
        documentCode: null,
        leadingZeroMatch: false,
        scanned: tally.scans,
        expected: null,
      };
    }

    const index = this.#pickLine(candidates);
    this.#scanned[index] = (this.#scanned[index] ?? 0) + 1;
    if (leadingZero) {
      this.#leadingZeroScans[index] = (this.#leadingZeroScans[index] ?? 0) + 1;
    }
    this.#history.push({ kind: 'line', index, code, leadingZero });
    return this.#lineOutcome(index, code, leadingZero);
  }

  /** Reverses the newest scan not yet undone and returns what it had done, or null when none is left. */
  undo(): ScanOutcome | null {
    const record = this.#history.pop();
    if (record === undefined) {
      return null;
    }
    this.#revision += 1;

    if (record.kind === 'unknown') {
      const tally = this.#unknown.get(record.code);
      const scans = tally?.scans ?? 1;
      if (tally !== undefined && scans > 1) {
        tally.scans -= 1;
      } else {
        this.#unknown.delete(record.code);
      }
      return {
        feedback: 'unknown',
        code: record.code,
        lineNumber: null,
        documentCode: null,
        leadingZeroMatch: false,
        scanned: scans - 1,
        expected: null,
      };
    }

    const outcome = this.#lineOutcome(record.index, record.code, record.leadingZero);
    this.#scanned[record.index] = (this.#scanned[record.index] ?? 1) - 1;
    if (record.leadingZero) {
      this.#leadingZeroScans[record.index] = (this.#leadingZeroScans[record.index] ?? 1) - 1;
    }
    return { ...outcome, scanned: outcome.scanned - 1 };
  }

  /** Returns the counts of one line by its 1-based line number, or undefined when the document has no such line. */
  line(lineNumber: number): LineTally | undefined {
    const index = this.#lines.findIndex((line) => line.lineNumber === lineNumber);
    return index < 0 ? undefined : this.#tally(index);
  }

  /** Returns the counts of every line, in document order. */
  lines(): LineTally[] {
    return this.#lines.map((_line, index) => this.#tally(index));
  }

  /** Returns the scanned codes that are not on the document, in the order first scanned. */
  unknownCodes(): UnknownCodeTally[] {
    return [...this.#unknown.values()].map((tally) => ({ ...tally }));
  }

  /**
   * Looks up every unknown code that is pending or whose lookup failed, one at a time so DealPOS's rate
   * limit is not hit by a burst. A rejected lookup marks that code `lookup_failed`; this never rejects.
   */
  async resolveUnknownCodes(lookup: VariantLookup): Promise<UnknownCodeTally[]> {
    const codes = [...this.#unknown.values()]
      .filter((tally) => tally.status === 'pending' || tally.status === 'lookup_failed')
      .map((tally) => tally.code);
    for (const code of codes) {
      let status: UnknownCodeStatus;
      let variantId: string | null = null;
      try {
        variantId = await lookup(code);
        status = variantId === null ? 'not_found' : 'in_dealpos';
      } catch {
        status = 'lookup_failed';
      }
      // Scans and undos go on while the lookup runs; an undo may have removed the code meanwhile.
      const tally = this.#unknown.get(code);
      if (tally !== undefined) {
        tally.status = status;
        tally.variantId = status === 'in_dealpos' ? variantId : null;
        this.#revision += 1;
      }
    }
    return this.unknownCodes();
  }

  /** Builds the finish summary: short and over lines, unknown codes and totals. */
  summary(): ReceivingSummary {
    const lines = this.lines();
    const short = lines.filter((line) => line.status === 'short');
    const over = lines.filter((line) => line.status === 'over');
    const expectedUnknown = lines.filter((line) => line.status === 'expected_unknown');
    const unknownCodes = this.unknownCodes();

    const sum = (items: LineTally[], value: (line: LineTally) => number): number =>
      items.reduce((total, line) => total + value(line), 0);

    const totals = {
      lines: lines.length,
      linesComplete: lines.filter((line) => line.status === 'complete').length,
      linesShort: short.length,
      linesOver: over.length,
      expectedUnits: sum(lines, (line) => line.expected ?? 0),
      scannedUnits: sum(lines, (line) => line.scanned),
      shortUnits: sum(short, (line) => -(line.difference ?? 0)),
      overUnits: sum(over, (line) => line.difference ?? 0),
      unknownScans: unknownCodes.reduce((total, tally) => total + tally.scans, 0),
    };
    const matches =
      short.length === 0 && over.length === 0 && expectedUnknown.length === 0 && unknownCodes.length === 0;
    return { lines, short, over, expectedUnknown, unknownCodes, totals, matches };
  }

  /**
   * Returns the checked count per line number, for `LineOverride.quantity`, so the label job prints one
   * label per unit that actually arrived. Lines without scans get 0.
   */
  quantitiesForPrinting(): Map<number, number> {
    return new Map(this.#lines.map((line, index) => [line.lineNumber, this.#scanned[index] ?? 0]));
  }

  /** Returns `quantitiesForPrinting` as the overrides map that `planJob` takes. */
  printOverrides(): Map<number, LineOverride> {
    return new Map(
      [...this.quantitiesForPrinting()].map(([lineNumber, quantity]) => [lineNumber, { quantity }]),
    );
  }

  /**
   * Picks the line a scan counts for when several lines carry the code: the first one still short, else
   * the last one, which then goes over. The list is one line long for almost every code.
   */
  #pickLine(candidates: readonly number[]): number {
    for (const index of candidates) {
      const expected = this.#lines[index]?.quantity ?? null;
      if (expected === null || (this.#scanned[index] ?? 0) < expected) {
        return index;
      }
    }
    return candidates[candidates.length - 1] ?? 0;
  }

  #lineOutcome(index: number, code: string, leadingZero: boolean): ScanOutcome {
    const line = this.#lines[index];
    const expected = line?.quantity ?? null;
    const scanned = this.#scanned[index] ?? 0;
    return {
      feedback: expected !== null && scanned > expected ? 'over' : 'accepted',
      code,
      lineNumber: line?.lineNumber ?? null,
      documentCode: line?.code ?? null,
      leadingZeroMatch: leadingZero,
      scanned,
      expected,
    };
  }

  #tally(index: number): LineTally {
    const line = this.#lines[index];
    if (line === undefined) {
      throw new RangeError(`no document line at index ${index}`);
    }
    const scanned = this.#scanned[index] ?? 0;
    const expected = line.quantity;
    const difference = expected === null ? null : scanned - expected;
    let status: LineStatus;
    if (difference === null) {
      status = 'expected_unknown';
    } else if (difference < 0) {
      status = 'short';
    } else {
      status = difference > 0 ? 'over' : 'complete';
    }
    return {
      lineNumber: line.lineNumber,
      variantId: line.variantId,
      name: line.name,
      code: line.code,
      expected,
      scanned,
      difference,
      status,
      scannable: line.code !== null,
      leadingZeroScans: this.#leadingZeroScans[index] ?? 0,
    };
  }
}

function appendTo(map: Map<string, number[]>, key: string, index: number): void {
  const list = map.get(key);
  if (list === undefined) {
    map.set(key, [index]);
  } else {
    list.push(index);
  }
}
