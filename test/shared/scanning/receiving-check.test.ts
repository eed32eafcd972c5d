import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { translate } from '../../../shared/i18n/index.ts';
import { readDocumentLines, resolveLine } from '../../../shared/labels/lines.ts';
import type { DocumentLine } from '../../../shared/labels/types.ts';
import { ReceivingCheck, gtinKey, type ScanOutcome } from '../../../shared/scanning/receiving-check.ts';

async function fixtureLines(name: string): Promise<DocumentLine[]> {
  const text = await readFile(new URL(`../../fixtures/dealpos/${name}`, import.meta.url), 'utf8');
  const fixture = JSON.parse(text) as { response: Record<string, unknown>[] };
  return readDocumentLines(fixture.response);
}

/** The Toko Bandung bill: KF-M-0101 ×6, KF-L-0101 ×4, 8991111222233 ×12, 89900017 ×8, UPC-A 049634060004 ×3, … */
const bill = (): Promise<DocumentLine[]> => fixtureLines('bill-toko-bandung-PB-2026-10-00318.json');

function scanAll(check: ReceivingCheck, code: string, times: number): ScanOutcome[] {
  return Array.from({ length: times }, () => {
    const outcome = check.scan(code);
    if (outcome === null) {
      throw new Error('scan counted nothing');
    }
    return outcome;
  });
}

describe('ReceivingCheck', () => {
  it('counts scans and flags over-scans', async () => {
    const check = new ReceivingCheck(await bill());
    const outcomes = scanAll(check, 'KF-M-0101', 7);
    expect(outcomes.map((outcome) => outcome.feedback)).toEqual([
      'accepted',
      'accepted',
      'accepted',
      'accepted',
      'accepted',
      'accepted',
      'over',
    ]);
    expect(outcomes[6]).toEqual({
      feedback: 'over',
      code: 'KF-M-0101',
      lineNumber: 1,
      documentCode: 'KF-M-0101',
      leadingZeroMatch: false,
      scanned: 7,
      expected: 6,
    });
    expect(check.line(1)).toMatchObject({ expected: 6, scanned: 7, difference: 1, status: 'over' });
    expect(check.line(2)).toMatchObject({ expected: 4, scanned: 0, difference: -4, status: 'short' });
    expect(check.line(99)).toBeUndefined();
  });

  it('matches codes after trimming what the scanner adds', async () => {
    const check = new ReceivingCheck(await bill());
    expect(check.scan('  KF-L-0101\r\n')).toMatchObject({
      feedback: 'accepted',
      code: 'KF-L-0101',
      lineNumber: 2,
    });
  });

  it('counts nothing for a blank scan', async () => {
    const check = new ReceivingCheck(await bill());
    expect(check.scan(' \t')).toBeNull();
    expect(check.scanCount).toBe(0);
    expect(check.undo()).toBeNull();
  });

  it('resolves unknown codes through lookup', async () => {
    const check = new ReceivingCheck(await bill());
    expect(check.scan('8999999000017')).toMatchObject({
      feedback: 'unknown',
      lineNumber: null,
      scanned: 1,
      expected: null,
    });
    expect(check.scan('8999999000017')?.scanned).toBe(2);
    check.scan('NOPE-1');
    check.scan('FLAKY-9');
    expect(check.unknownCodes().map((tally) => tally.status)).toEqual(['pending', 'pending', 'pending']);

    const looked: string[] = [];
    let flaky = true;
    const lookup = async (code: string): Promise<string | null> => {
      looked.push(code);
      if (code === 'FLAKY-9' && flaky) {
        throw new Error('DealPOS timed out');
      }
      if (code === 'FLAKY-9') {
        return 'variant-flaky';
      }
      return code === '8999999000017' ? 'variant-42' : null;
    };

    expect(await check.resolveUnknownCodes(lookup)).toEqual([
      { code: '8999999000017', scans: 2, status: 'in_dealpos', variantId: 'variant-42' },
      { code: 'NOPE-1', scans: 1, status: 'not_found', variantId: null },
      { code: 'FLAKY-9', scans: 1, status: 'lookup_failed', variantId: null },
    ]);

    // Only the failed code is looked up again.
    flaky = false;
    await check.resolveUnknownCodes(lookup);
    expect(looked).toEqual(['8999999000017', 'NOPE-1', 'FLAKY-9', 'FLAKY-9']);
    expect(check.unknownCodes()[2]).toEqual({
      code: 'FLAKY-9',
      scans: 1,
      status: 'in_dealpos',
      variantId: 'variant-flaky',
    });

    // A code scanned again after its lookup keeps its resolution; a new code is pending.
    expect(check.scan('NOPE-1')?.feedback).toBe('unknown');
    check.scan('LATE-1');
    expect(check.unknownCodes().map((tally) => [tally.code, tally.scans, tally.status])).toEqual([
      ['8999999000017', 2, 'in_dealpos'],
      ['NOPE-1', 2, 'not_found'],
      ['FLAKY-9', 1, 'in_dealpos'],
      ['LATE-1', 1, 'pending'],
    ]);
  });

  it('ignores lookups of undone codes', async () => {
    const check = new ReceivingCheck(await bill());
    check.scan('GONE-1');
    await check.resolveUnknownCodes(async () => {
      check.undo();
      return 'variant-1';
    });
    expect(check.unknownCodes()).toEqual([]);
  });

  it('undoes scans newest first', async () => {
    const check = new ReceivingCheck(await bill());
    scanAll(check, 'KF-L-0101', 5);
    check.scan('UNKNOWN-1');
    check.scan('UNKNOWN-1');
    const revision = check.revision;

    expect(check.undo()).toMatchObject({ feedback: 'unknown', code: 'UNKNOWN-1', scanned: 1 });
    expect(check.unknownCodes()).toEqual([
      { code: 'UNKNOWN-1', scans: 1, status: 'pending', variantId: null },
    ]);
    check.undo();
    expect(check.unknownCodes()).toEqual([]);
    expect(check.undo()).toMatchObject({ feedback: 'over', lineNumber: 2, scanned: 4, expected: 4 });
    expect(check.line(2)).toMatchObject({ scanned: 4, status: 'complete' });
    expect(check.undo()).toMatchObject({ feedback: 'accepted', scanned: 3 });
    expect(check.revision).toBe(revision + 4);
    expect(check.scanCount).toBe(3);
  });

  it('matches UPC-A to its EAN-13 form', async () => {
    const check = new ReceivingCheck(await bill());
    const outcome = check.scan('0049634060004');
    expect(outcome).toEqual({
      feedback: 'accepted',
      code: '0049634060004',
      lineNumber: 5,
      documentCode: '049634060004',
      leadingZeroMatch: true,
      scanned: 1,
      expected: 3,
    });
    expect(check.scan('049634060004')?.leadingZeroMatch).toBe(false);
    expect(check.line(5)).toMatchObject({ scanned: 2, leadingZeroScans: 1 });
    expect(
      translate('en', 'scan.matched_leading_zero', { scanned: '0049634060004', code: '049634060004' }),
    ).toBe(
      'Scanned 0049634060004 counted as 049634060004: a UPC-A code and the same code with a leading zero (EAN-13) are one product.',
    );

    check.undo();
    check.undo();
    expect(check.line(5)).toMatchObject({ scanned: 0, leadingZeroScans: 0 });
  });

  it('matches EAN-13 scanned as UPC-A', () => {
    const lines = readDocumentLines([{ VariantID: 'v1', Name: 'Soup', Code: '0036000291452', Quantity: 2 }]);
    const check = new ReceivingCheck(lines);
    expect(check.scan('036000291452')).toMatchObject({
      feedback: 'accepted',
      lineNumber: 1,
      leadingZeroMatch: true,
    });
  });

  it('keeps digit codes with a wrong check digit apart', async () => {
    // 5901234123458 fails the GS1 check digit (it should end in 7), so a leading zero makes another code.
    expect(gtinKey('5901234123458')).toBeNull();
    expect(gtinKey('00036000291452')).toBe('036000291452');
    expect(gtinKey('4006381333931')).toBe('4006381333931');
    const check = new ReceivingCheck(await fixtureLines('bill-edge-cases.json'));
    expect(check.scan('05901234123458')?.feedback).toBe('unknown');
    expect(check.scan('5901234123458')?.feedback).toBe('accepted');
  });

  it('fills lines that share a code in document order', async () => {
    // Lines 1 (×2) and 9 (×1) both carry OK-001.
    const check = new ReceivingCheck(await fixtureLines('bill-edge-cases.json'));
    const outcomes = scanAll(check, 'OK-001', 4);
    expect(outcomes.map((outcome) => [outcome.lineNumber, outcome.feedback])).toEqual([
      [1, 'accepted'],
      [1, 'accepted'],
      [9, 'accepted'],
      [9, 'over'],
    ]);
    check.undo();
    expect(check.line(9)).toMatchObject({ scanned: 1, status: 'complete' });
  });

  it('handles missing codes and quantities', async () => {
    const check = new ReceivingCheck(await fixtureLines('bill-edge-cases.json'));
    expect(check.line(3)).toMatchObject({ code: null, scannable: false, expected: 1, status: 'short' });
    // Line 4 has quantity -2, which the document reader rejects.
    expect(check.scan('RET-01')).toMatchObject({ feedback: 'accepted', expected: null });
    expect(check.line(4)).toMatchObject({
      expected: null,
      scanned: 1,
      difference: null,
      status: 'expected_unknown',
    });
    expect(check.scan('SP-01')).toMatchObject({ feedback: 'accepted', lineNumber: 8 });
  });

  it('summarises short, over and unknown', async () => {
    const check = new ReceivingCheck(await bill());
    scanAll(check, 'KF-M-0101', 6);
    scanAll(check, 'KF-L-0101', 5);
    scanAll(check, '8991111222233', 10);
    scanAll(check, '89900017', 8);
    scanAll(check, '049634060004', 3);
    scanAll(check, 'TSK-PRK-01', 2);
    scanAll(check, 'CPW-NIA5', 5);
    scanAll(check, '200542', 1);
    scanAll(check, '7701', 1);
    scanAll(check, 'MYSTERY', 2);

    const summary = check.summary();
    expect(summary.short.map((line) => [line.lineNumber, line.difference])).toEqual([[3, -2]]);
    expect(summary.over.map((line) => [line.lineNumber, line.difference])).toEqual([
      [2, 1],
      [6, 1],
    ]);
    expect(summary.expectedUnknown).toEqual([]);
    expect(summary.unknownCodes).toEqual([{ code: 'MYSTERY', scans: 2, status: 'pending', variantId: null }]);
    expect(summary.totals).toEqual({
      lines: 9,
      linesComplete: 6,
      linesShort: 1,
      linesOver: 2,
      expectedUnits: 41,
      scannedUnits: 41,
      shortUnits: 2,
      overUnits: 2,
      unknownScans: 2,
    });
    expect(summary.matches).toBe(false);
    expect(summary.lines).toHaveLength(9);
  });

  it('reports a full match', () => {
    const check = new ReceivingCheck(
      readDocumentLines([{ VariantID: 'v', Name: 'A', Code: 'A-1', Quantity: 2 }]),
    );
    scanAll(check, 'A-1', 2);
    expect(check.summary().matches).toBe(true);
  });

  it('gives the checked counts as print quantities', async () => {
    const lines = await bill();
    const check = new ReceivingCheck(lines);
    scanAll(check, 'KF-M-0101', 4);
    scanAll(check, '0049634060004', 5);
    const quantities = check.quantitiesForPrinting();
    expect([...quantities]).toEqual([
      [1, 4],
      [2, 0],
      [3, 0],
      [4, 0],
      [5, 5],
      [6, 0],
      [7, 0],
      [8, 0],
      [9, 0],
    ]);
    const overrides = check.printOverrides();
    expect(lines.map((line) => resolveLine(line, overrides.get(line.lineNumber)).labels)).toEqual([
      4, 0, 0, 0, 5, 0, 0, 0, 0,
    ]);
  });

  it('counts 10,000 scans exactly', async () => {
    const lines = await bill();
    const check = new ReceivingCheck(lines);
    const codes = [...lines.map((line) => line.code ?? ''), 'UNKNOWN-A', 'UNKNOWN-B', '0049634060004'];
    const expectedByLine = new Map<number, number>();
    const expectedUnknown = new Map<string, number>();

    // A fixed linear congruential sequence, so the test is the same on every run.
    let seed = 12345;
    for (let scan = 0; scan < 10_000; scan++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const code = codes[seed % codes.length] ?? '';
      check.scan(code);
      const lineNumber = code === '0049634060004' ? 5 : lines.find((line) => line.code === code)?.lineNumber;
      if (lineNumber === undefined) {
        expectedUnknown.set(code, (expectedUnknown.get(code) ?? 0) + 1);
      } else {
        expectedByLine.set(lineNumber, (expectedByLine.get(lineNumber) ?? 0) + 1);
      }
    }

    expect(check.scanCount).toBe(10_000);
    for (const line of lines) {
      expect({ line: line.lineNumber, scanned: check.line(line.lineNumber)?.scanned }).toEqual({
        line: line.lineNumber,
        scanned: expectedByLine.get(line.lineNumber) ?? 0,
      });
    }
    expect(Object.fromEntries(check.unknownCodes().map((tally) => [tally.code, tally.scans]))).toEqual(
      Object.fromEntries(expectedUnknown),
    );
    const summary = check.summary();
    expect(summary.totals.scannedUnits + summary.totals.unknownScans).toBe(10_000);
  });
});
