import { access, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { labelFontPath, loadFontMetrics } from '../../../electron/pdf/font.ts';
import {
  printDocumentLabels,
  type PrintDependencies,
  type PrintEstimate,
  type PrintRequest,
} from '../../../electron/services/print-labels.ts';
import type { FontMetrics } from '../../../shared/labels/types.ts';

// Each line's name carries a token such as `L0042` that no other line's name contains, so the texts the
// layout measured show which lines it has reached.

const LINE_COUNT = 200;
const TOO_LONG_CODE = 'T-17-ABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJ';

let fontMetrics: FontMetrics;
let folder: string;

beforeAll(async () => {
  fontMetrics = await loadFontMetrics(labelFontPath());
});

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'print-labels-'));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

function lineToken(lineNumber: number): string {
  return `L${String(lineNumber).padStart(4, '0')}`;
}

function documentLines(count: number, code: (lineNumber: number) => string): Array<Record<string, unknown>> {
  return Array.from({ length: count }, (_, index) => ({
    Name: `Kaos ${lineToken(index + 1)}`,
    Code: code(index + 1),
    Quantity: 2,
  }));
}

/** Font metrics that remember every text the layout measured. */
function recordingMetrics(): { metrics: FontMetrics; measured: string[] } {
  const measured: string[] = [];
  const metrics: FontMetrics = {
    ascent: fontMetrics.ascent,
    descent: fontMetrics.descent,
    hasGlyph: (codePoint) => fontMetrics.hasGlyph(codePoint),
    widthOf: (text, fontSize) => {
      measured.push(text);
      return fontMetrics.widthOf(text, fontSize);
    },
  };
  return { metrics, measured };
}

/** Returns the 1-based numbers of the lines whose token appears in a measured text. */
function linesLaidOut(measured: readonly string[]): Set<number> {
  const reached = new Set<number>();
  for (const text of measured) {
    for (const match of text.matchAll(/L(\d{4})/g)) {
      reached.add(Number(match[1]));
    }
  }
  return reached;
}

function request(): PrintRequest {
  return {
    kind: 'delivery',
    outlet: 'Gudang',
    number: 'TO/1',
    templateId: 'roll-50x30',
    dpi: 203,
    showPrice: false,
    outputPath: join(folder, 'labels.pdf'),
  };
}

function dependencies(
  rawLines: Array<Record<string, unknown>>,
  metrics: FontMetrics,
  extra: Partial<PrintDependencies> = {},
): PrintDependencies {
  return {
    client: { fetchDocument: () => Promise.resolve(rawLines) },
    metrics,
    fontPath: labelFontPath(),
    creationDate: new Date(Date.UTC(2026, 0, 15)),
    ...extra,
  };
}

describe('printDocumentLabels', () => {
  it('writes first bytes before the last line is laid out', async () => {
    const { metrics, measured } = recordingMetrics();
    let reachedAtFirstBytes: Set<number> | null = null;
    const outcome = await printDocumentLabels(
      request(),
      dependencies(
        documentLines(LINE_COUNT, (line) => `SKU-${line}`),
        metrics,
        {
          onOutputStarted: () => {
            reachedAtFirstBytes ??= linesLaidOut(measured);
          },
        },
      ),
    );

    expect(reachedAtFirstBytes).not.toBeNull();
    const reached = reachedAtFirstBytes ?? new Set<number>();
    expect(reached.has(LINE_COUNT)).toBe(false);
    expect(reached.size).toBeLessThan(LINE_COUNT / 10);
    expect(linesLaidOut(measured).size).toBe(LINE_COUNT);

    expect(outcome.path).toBe(join(folder, 'labels.pdf'));
    expect(outcome.labelsWritten).toBe(LINE_COUNT * 2);
    expect(outcome.pages).toBe(LINE_COUNT * 2);
    expect(outcome.plan.entries.map((entry) => entry.lineNumber)).toEqual(
      Array.from({ length: LINE_COUNT }, (_, index) => index + 1),
    );
    expect(outcome.plan.totalLabels).toBe(LINE_COUNT * 2);
    expect(outcome.plan.refused).toEqual([]);
  });

  it('asks for confirmation before laying out any line', async () => {
    const { metrics, measured } = recordingMetrics();
    const estimates: PrintEstimate[] = [];
    let measuredAtConfirm = -1;
    const rawLines = documentLines(3, (line) => (line === 2 ? TOO_LONG_CODE : `SKU-${line}`));
    rawLines.push({ Name: 'Kaos tanpa kode', Quantity: 5 });

    const outcome = await printDocumentLabels(
      request(),
      dependencies(rawLines, metrics, {
        confirm: (estimate) => {
          measuredAtConfirm = measured.length;
          estimates.push(estimate);
          return false;
        },
      }),
    );

    expect(measuredAtConfirm).toBe(0);
    // The too-long code still counts: only layout finds it too long, so the total is an upper bound.
    expect(estimates).toEqual([
      {
        totalLabels: 6,
        entries: [
          { lineNumber: 1, code: 'SKU-1', count: 2 },
          { lineNumber: 2, code: TOO_LONG_CODE, count: 2 },
          { lineNumber: 3, code: 'SKU-3', count: 2 },
        ],
      },
    ]);
    expect(outcome.confirmed).toBe(false);
    expect(outcome.path).toBeNull();
    expect(outcome.plan.refused.map((item) => item.lineNumber)).toEqual([2, 4]);
    expect(outcome.plan.totalLabels).toBe(4);
    expect(await readdir(folder)).toEqual([]);
  });

  it('completes the plan when layout refuses some lines', async () => {
    const rawLines = documentLines(4, (line) => (line % 2 === 0 ? TOO_LONG_CODE : `SKU-${line}`));
    const outcome = await printDocumentLabels(request(), dependencies(rawLines, fontMetrics));

    expect(outcome.labelsWritten).toBe(4);
    expect(outcome.plan.entries.map((entry) => entry.lineNumber)).toEqual([1, 3]);
    expect(outcome.plan.totalLabels).toBe(4);
    expect(outcome.plan.refused.map((item) => item.lineNumber)).toEqual([2, 4]);
    expect(outcome.plan.refused.map((item) => item.problems[0]?.code)).toEqual([
      'code_too_long',
      'code_too_long',
    ]);
  });

  it('writes no file when layout refuses every line', async () => {
    let confirmed = 0;
    const outcome = await printDocumentLabels(
      request(),
      dependencies(
        documentLines(3, () => TOO_LONG_CODE),
        fontMetrics,
        {
          confirm: () => {
            confirmed += 1;
            return true;
          },
        },
      ),
    );

    expect(confirmed).toBe(1);
    expect(outcome.confirmed).toBe(true);
    expect(outcome.path).toBeNull();
    expect(outcome.pages).toBe(0);
    expect(outcome.labelsWritten).toBe(0);
    expect(outcome.plan.entries).toEqual([]);
    expect(outcome.plan.totalLabels).toBe(0);
    expect(outcome.plan.refused.map((item) => item.lineNumber)).toEqual([1, 2, 3]);
    await expect(access(join(folder, 'labels.pdf'))).rejects.toThrow();
    expect(await readdir(folder)).toEqual([]);
  });
});
