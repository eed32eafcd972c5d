import { describe, expect, it } from 'vitest';
import { readDocumentLines } from '../../shared/labels/lines.ts';
import { BUILT_IN_TEMPLATES, type LabelTemplate } from '../../shared/labels/templates.ts';
import { BarcodeFitCache, buildLineRows, filterRows } from '../../renderer/src/lib/lines/line-rows.ts';
import { RowFilter } from '../../renderer/src/lib/lines/row-filter.ts';

const roll = BUILT_IN_TEMPLATES[0] as LabelTemplate;
const NAMES = ['Kaos Hitam', 'Kaos Putih', 'Kemeja Hitam', 'Kopi Gayo', 'Sepatu 42', 'Sandal 42'];

function rowsOf(count: number) {
  const lines = readDocumentLines(
    Array.from({ length: count }, (_, index) => ({
      Name: `${NAMES[index % NAMES.length]} ${index % 7 === 0 ? 'XL' : 'M'}`,
      Code: `KF-${index}`,
      Quantity: 1,
    })),
  );
  return buildLineRows(lines, new Map(), { template: roll, dpi: 203 }, new BarcodeFitCache());
}

describe('RowFilter', () => {
  it('matches filterRows while typing and deleting', () => {
    const rows = rowsOf(120);
    const filter = new RowFilter();
    const typed = 'kaos hitam xl';
    const steps = [...typed].map((_, index) => typed.slice(0, index + 1));
    const sequence = [...steps, ...steps.reverse(), 'kopi', 'ko', 'KAOS  HI', '42 s', 's 42', '', '  '];

    for (const text of sequence) {
      expect(filter.filter(rows, text), `filter "${text}"`).toEqual(filterRows(rows, text));
    }
  });

  it('returns the kept array for a filter typed before', () => {
    const rows = rowsOf(50);
    const filter = new RowFilter();

    const first = filter.filter(rows, 'kaos');
    filter.filter(rows, 'kaos h');

    expect(filter.filter(rows, 'kaos')).toBe(first);
    expect(filter.filter(rows, ' KAOS ')).toBe(first);
  });

  it('starts over when the rows change', () => {
    const rows = rowsOf(50);
    const others = rowsOf(30);
    const filter = new RowFilter();

    const before = filter.filter(rows, 'kaos');
    const after = filter.filter(others, 'kaos');

    expect(after).not.toBe(before);
    expect(after).toEqual(filterRows(others, 'kaos'));
  });

  it('returns every row for an empty filter', () => {
    const rows = rowsOf(10);

    expect(new RowFilter().filter(rows, '   ')).toBe(rows);
  });
});
