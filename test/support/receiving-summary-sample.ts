import type { DocumentRef } from '../../shared/ipc-contract.ts';

/**
 * Builds a receiving-summary request the contract accepts: one line checked in full and one unknown code.
 * Tests that list an argument for every IPC channel share it.
 */
export function receivingSummarySample(document: DocumentRef) {
  return {
    document,
    locale: 'en',
    startedAt: '2026-01-15T07:30:00.000Z',
    finishedAt: '2026-01-15T07:52:00.000Z',
    lines: [
      {
        lineNumber: 1,
        code: 'KF-M-0101',
        name: 'Kemeja',
        expected: 2,
        scanned: 2,
        difference: 0,
        status: 'complete',
      },
    ],
    unknownCodes: [{ code: 'XX-404', scans: 1, status: 'not_found' }],
    totals: {
      lines: 1,
      linesComplete: 1,
      linesShort: 0,
      linesOver: 0,
      expectedUnits: 2,
      scannedUnits: 2,
      shortUnits: 0,
      overUnits: 0,
      unknownScans: 1,
    },
  } as const;
}
