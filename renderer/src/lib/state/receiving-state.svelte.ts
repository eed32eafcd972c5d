import { SvelteMap } from 'svelte/reactivity';
import type { Locale } from '../../../../shared/i18n/index.ts';
import type { DocumentView, IpcError, LabelDeskApi } from '../../../../shared/ipc-contract.ts';
import { discrepancyCsv } from '../../../../shared/scanning/discrepancy-csv.ts';
import { receivingReportFields } from '../../../../shared/scanning/receiving-report-schema.ts';
import {
  ReceivingCheck,
  type LineTally,
  type ReceivingSummary,
  type ScanOutcome,
  type UnknownCodeTally,
} from '../../../../shared/scanning/receiving-check.ts';
import { settle } from '../api/call.ts';
import { MAX_LOOKUP_CODES, batchLookup, scannedLabelCounts, talliesByLine } from '../receiving/check-data.ts';
import type { ScanSound } from '../receiving/scan-sound.ts';
import type { DocumentState } from './document-state.svelte.ts';

const NO_TALLIES: ReadonlyMap<number, LineTally> = talliesByLine(new ReceivingCheck([]));

/** The newest scan or undo, for the line under the check's buttons. */
export type CheckEvent =
  | { kind: 'scan'; outcome: ScanOutcome }
  | { kind: 'undo'; outcome: ScanOutcome }
  | { kind: 'nothing_to_undo' }
  /** Keys that ended in Enter but came too slowly for a scan, so nothing was counted. */
  | { kind: 'too_slow'; text: string };

/**
 * The receiving check of the loaded document: scans count units per line through `ReceivingCheck`, codes
 * not on the document are looked up in DealPOS, and the finished check can set the label counts.
 * A check belongs to one loaded document; loading another one ends it.
 */
export class ReceivingState {
  /** `checking` while scans count, `finished` while the summary shows. */
  phase = $state<'off' | 'checking' | 'finished'>('off');
  lastEvent = $state.raw<CheckEvent | null>(null);
  lookupBusy = $state(false);
  /** The error of the last failed lookup call, or null. */
  lookupError = $state.raw<IpcError | null>(null);
  /** Set once the label counts follow the scanned quantities. */
  appliedToLabels = $state(false);
  /** Increases whenever the counts change; the getters below read it so components update. */
  revision = $state(0);
  /** True while main shows the save dialog and writes the PDF summary. */
  pdfBusy = $state(false);
  /** Path of the last PDF summary of this check, or null. */
  pdfPath = $state<string | null>(null);
  /** The error of the last failed PDF summary, or null. */
  pdfError = $state.raw<IpcError | null>(null);

  readonly #api: LabelDeskApi;
  readonly #document: DocumentState;
  readonly #sound: ScanSound;
  #check: ReceivingCheck | null = null;
  #view: DocumentView | null = null;
  /** Start and last finish times of the check, in milliseconds since the epoch. */
  #startedAt = 0;
  #finishedAt = 0;
  /** Increases with every PDF export and every reset, so the result of an older export is ignored. */
  #pdfRequest = 0;
  /**
   * Counts per line number, updated one line per scan or undo. A reactive map lets only the row whose
   * count changed update, instead of rebuilding every line's counts on each scan of a long document.
   */
  #tallies = new SvelteMap<number, LineTally>();
  #expectedUnits = 0;
  #scannedUnits = 0;

  constructor(api: LabelDeskApi, document: DocumentState, sound: ScanSound) {
    this.#api = api;
    this.#document = document;
    this.#sound = sound;
  }

  /** True while a check of the document on screen is running or shows its summary. */
  get active(): boolean {
    return this.phase !== 'off' && this.#view !== null && this.#view === this.#document.view;
  }

  /** True while scans count for the check. */
  get checking(): boolean {
    return this.active && this.phase === 'checking';
  }

  /** Counts per line number, or an empty map when no check runs. */
  get tallies(): ReadonlyMap<number, LineTally> {
    void this.revision;
    return this.#check === null || !this.active ? NO_TALLIES : this.#tallies;
  }

  /** Units scanned on document lines and the document's readable expected units, kept per scan. */
  get progress(): { scanned: number; expected: number } {
    void this.revision;
    return { scanned: this.#scannedUnits, expected: this.#expectedUnits };
  }

  get unknownCodes(): UnknownCodeTally[] {
    void this.revision;
    return this.#check?.unknownCodes() ?? [];
  }

  get scanCount(): number {
    void this.revision;
    return this.#check?.scanCount ?? 0;
  }

  get summary(): ReceivingSummary | null {
    void this.revision;
    return this.#check?.summary() ?? null;
  }

  /** Starts a new check of the loaded document; false when no document is loaded. */
  start(): boolean {
    const view = this.#document.view;
    if (view === null) {
      return false;
    }
    this.#view = view;
    this.#check = new ReceivingCheck(view.lines);
    this.#tallies = new SvelteMap(talliesByLine(this.#check));
    this.#expectedUnits = view.lines.reduce((total, line) => total + (line.quantity ?? 0), 0);
    this.#scannedUnits = 0;
    this.#startedAt = Date.now();
    this.#sound.prepare?.();
    this.phase = 'checking';
    this.lastEvent = null;
    this.lookupError = null;
    this.appliedToLabels = false;
    this.#clearPdf();
    this.revision += 1;
    return true;
  }

  /** Counts one scanned code, beeps for its result, and looks the code up when it is not on the document. */
  scan(code: string): ScanOutcome | null {
    const check = this.#check;
    if (check === null || !this.checking) {
      return null;
    }
    const outcome = check.scan(code);
    if (outcome === null) {
      return null;
    }
    this.#countLine(check, outcome.lineNumber, 1);
    this.lastEvent = { kind: 'scan', outcome };
    this.revision += 1;
    this.#sound(outcome.feedback);
    if (outcome.feedback === 'unknown' && outcome.scanned === 1) {
      void this.lookUpUnknownCodes();
    }
    return outcome;
  }

  /**
   * Reports keys that ended in Enter outside a text field but came too slowly for a scan. Nothing is
   * counted, and the unknown-code sound plays beside a message that gives the reason.
   */
  notCounted(text: string): void {
    if (!this.checking) {
      return;
    }
    this.lastEvent = { kind: 'too_slow', text };
    this.#sound('unknown');
  }

  /** Reverses the newest scan. */
  undo(): ScanOutcome | null {
    const check = this.#check;
    if (check === null || !this.checking) {
      return null;
    }
    const outcome = check.undo();
    if (outcome !== null) {
      this.#countLine(check, outcome.lineNumber, -1);
    }
    this.lastEvent = outcome === null ? { kind: 'nothing_to_undo' } : { kind: 'undo', outcome };
    this.revision += 1;
    return outcome;
  }

  /** Refreshes one line's counts after a scan (`change` 1) or undo (-1). Unknown codes have no line. */
  #countLine(check: ReceivingCheck, lineNumber: number | null, change: 1 | -1): void {
    const tally = lineNumber === null ? undefined : check.line(lineNumber);
    if (lineNumber === null || tally === undefined) {
      return;
    }
    this.#tallies.set(lineNumber, tally);
    this.#scannedUnits += change;
  }

  /**
   * Looks up in DealPOS, in one call, the codes not on the document that are not looked up yet or whose
   * lookup failed. A failed call marks them `lookup_failed`, and the clerk can try again.
   */
  async lookUpUnknownCodes(): Promise<void> {
    const check = this.#check;
    if (check === null) {
      return;
    }
    const codes = check
      .unknownCodes()
      .filter((tally) => tally.status === 'pending' || tally.status === 'lookup_failed')
      .map((tally) => tally.code);
    if (codes.length === 0) {
      return;
    }

    this.lookupBusy = true;
    // More unknown codes than one call takes wait for the next lookup.
    const batch = codes.slice(0, MAX_LOOKUP_CODES);
    const result = await settle(this.#api, 'receiving', () => this.#api.lookupVariants(batch));
    this.lookupError = result.ok ? null : result.error;
    await check.resolveUnknownCodes(batchLookup(batch, result));
    this.lookupBusy = false;
    this.revision += 1;
  }

  /** Ends scanning and shows the summary. */
  finish(): void {
    if (this.checking) {
      this.#finishedAt = Date.now();
      this.phase = 'finished';
    }
  }

  /** Goes back from the summary to scanning, keeping the counts. */
  resume(): void {
    if (this.active && this.phase === 'finished') {
      this.phase = 'checking';
      this.#clearPdf();
    }
  }

  /** Ends the check and drops its counts. */
  stop(): void {
    this.phase = 'off';
    this.#check = null;
    this.#view = null;
    this.lastEvent = null;
    this.lookupError = null;
    this.appliedToLabels = false;
    this.#clearPdf();
    this.revision += 1;
  }

  /**
   * Requests main to save the finish summary as a PDF in `locale`. Main shows the save dialog, and closing
   * it leaves no path and no error. A result that arrives after the check was stopped or resumed is dropped.
   */
  async exportPdf(locale: Locale): Promise<void> {
    const check = this.#check;
    const view = this.#view;
    if (check === null || view === null || !this.active || this.phase !== 'finished' || this.pdfBusy) {
      return;
    }
    const request = {
      ...receivingReportFields(check.summary(), {
        locale,
        startedAt: this.#startedAt,
        finishedAt: this.#finishedAt,
      }),
      document: view.ref,
    };
    this.pdfBusy = true;
    this.pdfPath = null;
    this.pdfError = null;
    const token = ++this.#pdfRequest;
    const result = await settle(this.#api, 'receiving', () => this.#api.exportReceivingPdf(request));
    if (token !== this.#pdfRequest) {
      return;
    }
    this.pdfBusy = false;
    if (!result.ok) {
      this.pdfError = result.error;
    } else if (result.value.status === 'written') {
      this.pdfPath = result.value.path;
    }
  }

  #clearPdf(): void {
    this.#pdfRequest += 1;
    this.pdfBusy = false;
    this.pdfPath = null;
    this.pdfError = null;
  }

  /** The discrepancy table as CSV bytes; `;` separates fields for Indonesian, as Excel there expects. */
  discrepancyCsv(locale: Locale): Uint8Array | null {
    const summary = this.summary;
    if (summary === null) {
      return null;
    }
    return discrepancyCsv(summary, locale, { delimiter: locale === 'id' ? ';' : ',' });
  }

  /** Sets every line's label count to its scanned quantity (`printOverrides()`), for the normal print flow. */
  applyToLabels(): void {
    const check = this.#check;
    if (check === null || !this.active) {
      return;
    }
    this.#document.labelOverrides = scannedLabelCounts(check);
    this.appliedToLabels = true;
  }
}
