import { describe, expect, it } from 'vitest';
import { planScanBurst, sendScanBurst, type BurstRecord } from '../../bench/scan-pace.ts';
import { DEFAULT_SCANNER_SETTINGS } from '../../shared/scanning/wedge.ts';
import {
  expectNoBrowserProblems,
  fetchDocument,
  useDeskSession,
  setUpAccount,
  type DeskPage,
} from './desk-page.ts';
import type { Harness } from './harness/server.ts';

const BILL = { outlet: 'Toko Bandung', number: 'PB/2026/10/00318' };
/** Bursts tried before the test gives up on a machine too busy to keep the scanner's pace. */
const MAX_ATTEMPTS = 3;

/**
 * Scans per code and the document line each counts for. XX-404 is not on the bill. 30 scans in all,
 * with codes of 4 to 13 characters, shifted letters, and lines that end short, complete and over.
 */
const SCANS: ReadonlyArray<{ code: string; times: number; line: number | null }> = [
  { code: 'KF-M-0101', times: 6, line: 1 },
  { code: 'KF-L-0101', times: 4, line: 2 },
  { code: '8991111222233', times: 5, line: 3 },
  { code: '89900017', times: 4, line: 4 },
  { code: '049634060004', times: 3, line: 5 },
  { code: '7701', times: 1, line: 6 },
  { code: 'TSK-PRK-01', times: 1, line: 7 },
  { code: 'CPW-NIA5', times: 2, line: 8 },
  { code: '200542', times: 2, line: 9 },
  { code: 'XX-404', times: 2, line: null },
];

/** Orders the scans round-robin, so most neighbours differ, as when a clerk empties a mixed carton. */
function interleavedCodes(): string[] {
  const remaining = SCANS.map((entry) => ({ ...entry }));
  const codes: string[] = [];
  while (remaining.some((entry) => entry.times > 0)) {
    for (const entry of remaining) {
      if (entry.times > 0) {
        codes.push(entry.code);
        entry.times -= 1;
      }
    }
  }
  return codes;
}

let harness: Harness | undefined;
let desk: DeskPage | undefined;

const session = useDeskSession();

describe('receiving check at scanner pace', () => {
  it('counts a burst of 30 scans in one second', async () => {
    ({ harness, desk } = await session.open());
    const { page } = desk;
    await setUpAccount(page, harness);
    await fetchDocument(page, BILL.outlet, BILL.number);
    await page.locator('[role="row"][data-line="9"]').waitFor();
    const codes = interleavedCodes();
    const plan = planScanBurst(codes);
    expect(plan.scans).toBe(30);
    // The plan, not a measurement: every key of the 30 scans is due within one second.
    expect(plan.durationMs).toBeLessThan(1000);

    // The scanner settings stay at their defaults (30 ms gap, Enter or Tab ends a scan). A busy machine
    // can make the page itself run two keys of one code more than 30 ms apart. A real scanner's keys
    // would then be split as well, so that attempt does not test the app and is repeated.
    const gaps: number[] = [];
    let record: BurstRecord | undefined;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await page.getByRole('button', { name: 'Check received goods' }).click();
      record = await sendScanBurst(page, plan);
      gaps.push(record.maxKeyGapMs);
      if (record.maxKeyGapMs <= DEFAULT_SCANNER_SETTINGS.maxGapMs) {
        break;
      }
      await page.getByRole('button', { name: 'Close check' }).click();
    }
    expect(gaps.at(-1), `largest key gap per attempt: ${gaps.join(', ')} ms`).toBeLessThanOrEqual(
      DEFAULT_SCANNER_SETTINGS.maxGapMs,
    );
    if (record === undefined) {
      throw new Error('no burst was sent');
    }

    expect(record.timings).toHaveLength(30);
    await expect
      .poll(() => page.getByTestId('check-count').textContent())
      .toContain('28 of 41 units scanned');
    for (const entry of SCANS) {
      if (entry.line !== null) {
        const cell = page.locator(`[role="row"][data-line="${entry.line}"] .scanned`);
        expect({ code: entry.code, scanned: await cell.textContent() }).toEqual({
          code: entry.code,
          scanned: String(entry.times),
        });
      }
    }
    // A merged or split code would show up here as a code that is not on the bill.
    const unknown = page.locator('[data-testid="unknown-codes"] li');
    await expect
      .poll(() => unknown.evaluateAll((items) => items.map((item) => item.getAttribute('data-code'))))
      .toEqual(['XX-404']);
    expect(await unknown.first().textContent()).toContain('2');
    expect(await page.locator('.document-form .number input').inputValue()).toBe(BILL.number);
    expectNoBrowserProblems(desk);
  });
});
