import { describe, expect, it } from 'vitest';
import { planJobEntries, paginate } from '../../shared/labels/job.ts';
import { layoutLabel } from '../../shared/labels/layout.ts';
import { readDocumentLines } from '../../shared/labels/lines.ts';
import { chooseSymbology } from '../../shared/labels/symbology.ts';
import { BUILT_IN_TEMPLATES, type LabelTemplate } from '../../shared/labels/templates.ts';
import { SUPPORTED_DPI, type DocumentLine, type Dpi } from '../../shared/labels/types.ts';
import { BarcodeFitCache, buildLineRows } from '../../renderer/src/lib/lines/line-rows.ts';
import { LineRowsByTemplate } from '../../renderer/src/lib/lines/rows-by-template.ts';
import { PreviewCache, previewPages } from '../../renderer/src/lib/output/preview-plan.ts';
import { monospaceMetrics } from '../support/fake-metrics.ts';

const roll = BUILT_IN_TEMPLATES.find((template) => template.id === 'roll-50x30') as LabelTemplate;
const small = BUILT_IN_TEMPLATES.find((template) => template.id === 'roll-33x15-3up') as LabelTemplate;
const code128Roll: LabelTemplate = {
  ...roll,
  id: 'roll-50x30-code128',
  fields: { ...roll.fields, barcode: { ...roll.fields.barcode, symbology: 'code128' } },
};
const TEMPLATES = [...BUILT_IN_TEMPLATES, code128Roll];

/** Codes around every template's limit: EAN-8, EAN-13, UPC-A, and Code 128 letters and digits of growing length. */
const CODES = [
  '96385074',
  '5901234123457',
  '036000291452',
  ...Array.from({ length: 40 }, (_, index) => 'KF-'.padEnd(index + 1, 'X')),
  ...Array.from({ length: 40 }, (_, index) => '1234567890'.repeat(5).slice(0, index + 1)),
  ...Array.from({ length: 20 }, (_, index) => `A1B2C3D4E5F6G7H8I9J0`.slice(0, index + 1)),
];

function line(lineNumber: number, code: string): DocumentLine {
  return { lineNumber, variantId: null, name: '', code, quantity: 1, unitPrice: null, problems: [] };
}

/** Returns `layoutLabel`'s result for the barcode alone, which the cache stores. */
function directAnswer(code: string, template: LabelTemplate, dpi: Dpi): string | null {
  const fields = template.fields;
  const hidden = {
    ...fields,
    name: { ...fields.name, show: false },
    code: { ...fields.code, show: false },
    price: { ...fields.price, show: false },
    documentNumber: { ...fields.documentNumber, show: false },
  };
  const { symbology } = chooseSymbology(code, template.fields.barcode.symbology);
  const layout = layoutLabel(
    { lineNumber: 1, name: '', code, symbology, price: null, documentNumber: null },
    { template: { ...template, fields: hidden }, dpi, showPrice: false, metrics: monospaceMetrics() },
  );
  return layout.ok ? null : layout.problem.code;
}

describe('BarcodeFitCache', () => {
  it('matches layoutLabel for each code, template and dpi', () => {
    const cache = new BarcodeFitCache();
    let refusals = 0;
    for (const template of TEMPLATES) {
      for (const dpi of SUPPORTED_DPI) {
        CODES.forEach((code, index) => {
          const { symbology } = chooseSymbology(code, template.fields.barcode.symbology);
          const cached = cache.tooLong(line(index + 1, code), code, symbology, { template, dpi });
          const expected = directAnswer(code, template, dpi);
          expect(cached?.code ?? null, `${code} on ${template.id} at ${dpi} dpi`).toBe(expected);
          refusals += expected === null ? 0 : 1;
        });
      }
    }
    // The codes are chosen so that both results occur.
    expect(refusals).toBeGreaterThan(0);
    expect(refusals).toBeLessThan(TEMPLATES.length * SUPPORTED_DPI.length * CODES.length);
  });

  it('names the line and code of the request', () => {
    const cache = new BarcodeFitCache();
    const options = { template: small, dpi: 203 as const };

    cache.tooLong(line(1, 'ABCDEFGHIJKLMNOPQRST'), 'ABCDEFGHIJKLMNOPQRST', 'code128', options);
    const problem = cache.tooLong(
      line(7, 'TSRQPONMLKJIHGFEDCBA'),
      'TSRQPONMLKJIHGFEDCBA',
      'code128',
      options,
    );

    expect(problem?.params).toMatchObject({ line: 7, code: 'TSRQPONMLKJIHGFEDCBA', labelWidth: 33 });
  });

  it('rejects a 10,000-character code without encoding it', () => {
    const code = 'A'.repeat(10_000);
    const problem = new BarcodeFitCache().tooLong(line(1, code), code, 'code128', {
      template: roll,
      dpi: 600,
    });

    expect(problem?.code).toBe('code_too_long');
  });
});

describe('previewPages', () => {
  const metrics = monospaceMetrics();
  const options = {
    dpi: 203 as const,
    showPrice: false,
    documentNumber: 'PB/1',
    metrics,
    startPosition: 1,
    rollPages: 3,
  };

  it('shows no page when no code fits the template', () => {
    const lines = readDocumentLines(
      Array.from({ length: 50 }, (_, index) => ({
        Name: `Item ${index}`,
        Code: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
        Quantity: 2,
      })),
    );

    expect(previewPages(lines, new Map(), { ...options, template: small })).toEqual([]);
  });

  it('lays out the same pages as planJobEntries', () => {
    const lines = readDocumentLines([
      { Name: 'Too long', Code: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', Quantity: 2 },
      { Name: 'Short', Code: 'KF-1', Quantity: 2 },
      { Name: 'No code', Code: null, Quantity: 1 },
      { Name: 'EAN', Code: '96385074', Quantity: 2 },
    ]);
    const template = small;
    const direct = [
      ...paginate(
        planJobEntries(lines, { template, dpi: 203, showPrice: false, documentNumber: 'PB/1', metrics }),
        template,
      ),
    ].slice(0, 3);

    const pages = previewPages(lines, new Map(), { ...options, template });

    expect(pages.map((page) => page.labels.map((label) => label.lineNumber))).toEqual(
      direct.map((page) => page.labels.map((label) => label.lineNumber)),
    );
    expect(pages.flatMap((page) => page.labels.map((label) => label.lineNumber))).toContain(2);
  });
});

describe('PreviewCache', () => {
  const metrics = monospaceMetrics();
  const lines = readDocumentLines([
    { Name: 'Short', Code: 'KF-1', Quantity: 2 },
    { Name: 'EAN', Code: '96385074', Quantity: 3 },
  ]);
  const counts = new Map<number, number>();
  const options = {
    template: roll,
    dpi: 203 as const,
    showPrice: false,
    documentNumber: 'PB/1',
    metrics,
    startPosition: 1,
    rollPages: 3,
  };

  it('returns the kept pages for the same inputs', () => {
    const cache = new PreviewCache();

    const first = cache.pagesFor(lines, counts, options);
    cache.pagesFor(lines, counts, { ...options, template: small });

    expect(cache.pagesFor(lines, counts, { ...options })).toBe(first);
    expect(first).toEqual(previewPages(lines, counts, options));
  });

  it('lays out again when any input differs', () => {
    const cache = new PreviewCache();
    const first = cache.pagesFor(lines, counts, options);
    const changes = [
      { ...options, dpi: 300 as const },
      { ...options, showPrice: true },
      { ...options, documentNumber: 'PB/2' },
      { ...options, metrics: monospaceMetrics() },
      { ...options, rollPages: 2 },
      { ...options, template: { ...roll } },
    ];

    for (const [index, changed] of changes.entries()) {
      expect(cache.pagesFor(lines, counts, changed), `change ${index + 1}`).not.toBe(first);
    }
    expect(cache.pagesFor(lines, new Map([[1, 1]]), options)).not.toBe(first);
    expect(cache.pagesFor([...lines], counts, options)).not.toBe(first);
  });
});

describe('LineRowsByTemplate', () => {
  const lines = readDocumentLines([
    { Name: 'A', Code: 'KF-1', Quantity: 2 },
    { Name: 'B', Code: '96385074', Quantity: 1 },
    // Fits the 50 × 30 mm roll but not the 33 × 15 mm label.
    { Name: 'Long', Code: 'KAOS-POLOS-HITAM-XL', Quantity: 3 },
    { Name: 'No code', Code: null, Quantity: 1 },
    // A wrong EAN-13 check digit: Code 128 with a warning under the auto preference.
    { Name: 'Bad digit', Code: '8991000007911', Quantity: 1 },
    { Name: 'Bad count', Code: 'KF-2', Quantity: -2 },
  ]);
  const [first, second, third] = BUILT_IN_TEMPLATES as [LabelTemplate, LabelTemplate, LabelTemplate];
  const counts = new Map<number, number>();

  it('returns the same rows when switching back to a template', () => {
    const built = new LineRowsByTemplate(new BarcodeFitCache());

    const onFirst = built.rowsFor(lines, counts, first, 203);
    const onSmall = built.rowsFor(lines, counts, small, 203);

    expect(built.rowsFor(lines, counts, first, 203)).toBe(onFirst);
    expect(onSmall).not.toBe(onFirst);
  });

  it('keeps the row objects of lines the new template does not change', () => {
    const built = new LineRowsByTemplate(new BarcodeFitCache());

    const onSheet = built.rowsFor(lines, counts, third, 203);
    const onSmall = built.rowsFor(lines, counts, small, 203);

    // The long code and the 13-digit Code 128 fit the A4 sheet's labels but not the 33 × 15 mm ones.
    [2, 4].forEach((index) => {
      expect(onSheet[index]?.refused, `row ${index + 1} on the sheet`).toBe(false);
      expect(onSmall[index]?.refused, `row ${index + 1} on the small label`).toBe(true);
    });
    [0, 1, 3, 5].forEach((index) => expect(onSmall[index], `row ${index + 1}`).toBe(onSheet[index]));
  });

  it('returns the last rows when every code fits both templates', () => {
    const fitting = lines.filter((line) => line.code !== 'KAOS-POLOS-HITAM-XL');
    const built = new LineRowsByTemplate(new BarcodeFitCache());

    const onSheet = built.rowsFor(fitting, counts, third, 203);

    expect(built.rowsFor(fitting, counts, roll, 203)).toBe(onSheet);
  });

  it('builds new rows for new counts, lines or dpi', () => {
    const built = new LineRowsByTemplate(new BarcodeFitCache());
    const before = built.rowsFor(lines, counts, first, 203);

    const recounted = built.rowsFor(lines, new Map([[1, 5]]), first, 203);
    expect(recounted).not.toBe(before);
    expect(recounted[0]?.labels).toBe(5);
    expect(built.rowsFor([...lines], counts, first, 203)).not.toBe(before);
  });

  it('gives buildLineRows’ rows for every sequence of changes', () => {
    const hidden: LabelTemplate = {
      ...roll,
      id: 'roll-no-barcode',
      fields: { ...roll.fields, barcode: { ...roll.fields.barcode, show: false } },
    };
    const templates = [first, small, second, code128Roll, third, hidden, { ...small }, first];
    const countSets = [counts, new Map([[3, 4]]), new Map([[6, 1]])];
    const built = new LineRowsByTemplate(new BarcodeFitCache());

    for (const [step, template] of templates.entries()) {
      for (const dpi of [203, 300] as const) {
        for (const countSet of countSets) {
          const expected = buildLineRows(lines, countSet, { template, dpi }, new BarcodeFitCache());
          expect(built.rowsFor(lines, countSet, template, dpi), `step ${step} at ${dpi} dpi`).toEqual(
            expected,
          );
        }
      }
    }
  });

  it('keeps rows prepared in steps for a later switch', () => {
    let checks = 0;
    class CountingCache extends BarcodeFitCache {
      override tooLong(
        ...args: Parameters<BarcodeFitCache['tooLong']>
      ): ReturnType<BarcodeFitCache['tooLong']> {
        checks += 1;
        return super.tooLong(...args);
      }
    }
    const built = new LineRowsByTemplate(new CountingCache());
    built.rowsFor(lines, counts, third, 203);

    const steps = built.prepareSteps(lines, counts, small, 203);
    let step = steps.next();
    while (step.done !== true) {
      step = steps.next();
    }
    checks = 0;
    const prepared = built.rowsFor(lines, counts, small, 203);

    expect(checks).toBe(0);
    expect(prepared).toEqual(
      buildLineRows(lines, counts, { template: small, dpi: 203 }, new BarcodeFitCache()),
    );
  });

  it('forgets the least recently used of five templates', () => {
    const built = new LineRowsByTemplate(new BarcodeFitCache());
    // Copies of one template on which the long code does not fit, so each build makes a new array.
    const templates = Array.from({ length: 5 }, () => ({ ...first }));
    const rows = templates.map((template) => built.rowsFor(lines, counts, template, 203));

    // The first template was the least recently used, so its rows were dropped. The last four are kept.
    expect(built.rowsFor(lines, counts, templates[4]!, 203)).toBe(rows[4]);
    expect(built.rowsFor(lines, counts, templates[1]!, 203)).toBe(rows[1]);
    expect(built.rowsFor(lines, counts, templates[0]!, 203)).not.toBe(rows[0]);
  });
});
