import { describe, expect, it } from 'vitest';
import { planJob } from '../../../shared/labels/job.ts';
import { chooseSymbology } from '../../../shared/labels/symbology.ts';
import { findTemplate, templateSchema, type LabelTemplate } from '../../../shared/labels/templates.ts';
import type { DocumentLine } from '../../../shared/labels/types.ts';
import { monospaceMetrics } from '../../support/fake-metrics.ts';

const roll50x30 = findTemplate('roll-50x30')!;

function withSymbology(template: LabelTemplate, symbology: 'auto' | 'code128'): LabelTemplate {
  return {
    ...template,
    fields: { ...template.fields, barcode: { ...template.fields.barcode, symbology } },
  };
}

function line(lineNumber: number, code: string): DocumentLine {
  return {
    lineNumber,
    variantId: null,
    name: 'Kaos Polos',
    code,
    quantity: 1,
    unitPrice: 50000,
    problems: [],
  };
}

function planFor(template: LabelTemplate, lines: DocumentLine[]): ReturnType<typeof planJob> {
  return planJob(lines, {
    template,
    dpi: 203,
    showPrice: false,
    documentNumber: null,
    metrics: monospaceMetrics(),
  });
}

describe('chooseSymbology with a template override', () => {
  it('prints a valid EAN-13 as Code 128 under code128', () => {
    expect(chooseSymbology('5901234123457', 'code128')).toEqual({ symbology: 'code128' });
  });

  it('drops the check-digit hint under code128', () => {
    expect(chooseSymbology('5901234123458', 'code128')).toEqual({ symbology: 'code128' });
  });

  it('keeps the automatic choice under auto', () => {
    expect(chooseSymbology('5901234123457', 'auto')).toEqual({ symbology: 'ean13' });
    expect(chooseSymbology('96385074', 'auto')).toEqual({ symbology: 'ean8' });
  });
});

describe('planJob with a symbology override', () => {
  const lines = [
    line(1, '5901234123457'),
    line(2, '96385074'),
    line(3, '036000291452'),
    line(4, 'KF-M-0101'),
  ];

  function barcodeSymbologies(template: LabelTemplate): string[] {
    return planFor(template, lines).entries.map((entry) => {
      const barcode = entry.drawing.items.find((item) => item.kind === 'barcode');
      return barcode?.kind === 'barcode' ? barcode.symbology : 'none';
    });
  }

  it('prints every code as Code 128 under code128', () => {
    expect(barcodeSymbologies(withSymbology(roll50x30, 'code128'))).toEqual([
      'code128',
      'code128',
      'code128',
      'code128',
    ]);
  });

  it('keeps EAN-13, EAN-8 and UPC-A under auto', () => {
    expect(barcodeSymbologies(roll50x30)).toEqual(['ean13', 'ean8', 'upca', 'code128']);
  });

  it('gives no check-digit warning under code128', () => {
    const wrongCheckDigit = [line(1, '5901234123458')];
    const plan = planFor(withSymbology(roll50x30, 'code128'), wrongCheckDigit);
    expect(plan.entries).toHaveLength(1);
    expect(plan.warnings.map((warning) => warning.code)).not.toContain('check_digit_invalid');
  });

  it('still warns about a wrong check digit under auto', () => {
    const plan = planFor(roll50x30, [line(1, '5901234123458')]);
    expect(plan.warnings.map((warning) => warning.code)).toContain('check_digit_invalid');
  });
});

describe('templateSchema barcode symbology', () => {
  function storedWithoutSymbology(): unknown {
    const barcode: Record<string, unknown> = { ...roll50x30.fields.barcode };
    delete barcode.symbology;
    return { ...roll50x30, id: 'old-custom', fields: { ...roll50x30.fields, barcode } };
  }

  it('defaults a template without the setting to auto', () => {
    const parsed = templateSchema.parse(storedWithoutSymbology());
    expect(parsed.fields.barcode.symbology).toBe('auto');
  });

  it('accepts code128', () => {
    const parsed = templateSchema.parse(withSymbology(roll50x30, 'code128'));
    expect(parsed.fields.barcode.symbology).toBe('code128');
  });

  it('rejects a symbology the setting does not offer', () => {
    const candidate = {
      ...roll50x30,
      fields: { ...roll50x30.fields, barcode: { ...roll50x30.fields.barcode, symbology: 'ean13' } },
    };
    const result = templateSchema.safeParse(candidate);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['fields', 'barcode', 'symbology']);
  });

  it('ships every built-in template with auto', () => {
    for (const id of ['roll-50x30', 'roll-33x15-3up', 'sheet-a4-3x8']) {
      expect(findTemplate(id)?.fields.barcode.symbology).toBe('auto');
    }
  });
});
