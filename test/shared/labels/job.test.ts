import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cellPositions, paginate, planJob } from '../../../shared/labels/job.ts';
import { readDocumentLines } from '../../../shared/labels/lines.ts';
import { findTemplate } from '../../../shared/labels/templates.ts';
import { monospaceMetrics } from '../../support/fake-metrics.ts';

function fixtureLines(name: string): Record<string, unknown>[] {
  const parsed = JSON.parse(
    readFileSync(new URL(`../../fixtures/dealpos/${name}`, import.meta.url), 'utf8'),
  ) as {
    response: Record<string, unknown>[];
  };
  return parsed.response;
}

const roll50x30 = findTemplate('roll-50x30')!;
const baseOptions = {
  template: roll50x30,
  dpi: 203 as const,
  showPrice: false,
  documentNumber: 'PB/2026/10/00318',
  metrics: monospaceMetrics(),
};

describe('planJob', () => {
  it('makes one label per unit and skips zero quantities', () => {
    const lines = readDocumentLines(fixtureLines('bill-toko-bandung-PB-2026-10-00318.json'));
    const plan = planJob(lines, baseOptions);
    expect(plan.entries.map((entry) => [entry.code, entry.count])).toEqual([
      ['KF-M-0101', 6],
      ['KF-L-0101', 4],
      ['8991111222233', 12],
      ['89900017', 8],
      ['049634060004', 3],
      ['TSK-PRK-01', 2],
      ['CPW-NIA5', 5],
      ['200542', 1],
    ]);
    expect(plan.totalLabels).toBe(41);
    expect(plan.refused).toEqual([]);
  });

  it('refuses bad lines with reasons and prints the rest', () => {
    const lines = readDocumentLines(fixtureLines('bill-edge-cases.json'));
    const plan = planJob(lines, baseOptions);
    expect(plan.refused.map((item) => [item.lineNumber, item.problems.map((p) => p.code)])).toEqual([
      [3, ['code_missing']],
      [4, ['quantity_negative']],
      [5, ['quantity_fractional']],
      [7, ['code_not_encodable']],
      [10, ['code_not_text']],
    ]);
    expect(plan.entries.map((entry) => entry.lineNumber)).toEqual([1, 2, 6, 8, 9, 11]);
    expect(plan.warnings.map((item) => item.code)).toEqual([
      'name_missing',
      'duplicate_variant',
      'check_digit_invalid',
    ]);
  });

  it('applies the clerk overrides', () => {
    const lines = readDocumentLines(fixtureLines('bill-toko-bandung-PB-2026-10-00318.json'));
    const overrides = new Map([
      [1, { quantity: 1 }],
      [2, { include: false }],
      [6, { quantity: 2 }],
    ]);
    const plan = planJob(lines, { ...baseOptions, overrides });
    expect(plan.entries.slice(0, 2).map((entry) => [entry.code, entry.count])).toEqual([
      ['KF-M-0101', 1],
      ['8991111222233', 12],
    ]);
    expect(plan.entries.find((entry) => entry.code === '7701')?.count).toBe(2);
  });
});

describe('paginate', () => {
  const lines = readDocumentLines([
    { Name: 'A', Code: 'A1', Quantity: 2 },
    { Name: 'B', Code: 'B1', Quantity: 3 },
  ]);

  it('puts one label per page on a single roll', () => {
    const plan = planJob(lines, baseOptions);
    const pages = [...paginate(plan.entries, roll50x30)];
    expect(pages.map((page) => page.labels.map((label) => label.lineNumber))).toEqual([
      [1],
      [1],
      [2],
      [2],
      [2],
    ]);
  });

  it('fills three across on the 33 x 15 roll and leaves the last row short', () => {
    const template = findTemplate('roll-33x15-3up')!;
    const plan = planJob(lines, { ...baseOptions, template });
    const pages = [...paginate(plan.entries, template)];
    expect(pages.map((page) => page.labels.map((label) => label.xMm))).toEqual([
      [1, 36, 71],
      [1, 36],
    ]);
  });

  it('starts part way through a used sheet', () => {
    const template = findTemplate('sheet-a4-3x8')!;
    const plan = planJob(lines, { ...baseOptions, template });
    const [first] = [...paginate(plan.entries, template, 23)];
    expect(first!.labels.map((label) => [label.xMm, label.yMm])).toEqual([
      [70, 259.5],
      [140, 259.5],
    ]);
  });

  it('rejects a start position outside the sheet', () => {
    const template = findTemplate('sheet-a4-3x8')!;
    expect(() => [...paginate([], template, 25)]).toThrow(RangeError);
    expect(() => [...paginate([], template, 0)]).toThrow(RangeError);
  });

  it('lists the cells left to right, then top to bottom', () => {
    expect(cellPositions(findTemplate('sheet-a4-3x8')!).slice(0, 4)).toEqual([
      { xMm: 0, yMm: 0.5 },
      { xMm: 70, yMm: 0.5 },
      { xMm: 140, yMm: 0.5 },
      { xMm: 0, yMm: 37.5 },
    ]);
  });
});
