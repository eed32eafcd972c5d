import { describe, expect, it } from 'vitest';
import { layoutLabel, type LabelContent } from '../../../shared/labels/layout.ts';
import { QUIET_ZONE_MODULES } from '../../../shared/labels/symbology.ts';
import { findTemplate, type LabelTemplate } from '../../../shared/labels/templates.ts';
import type { BarcodeItem, Dpi, LabelDrawing, TextItem } from '../../../shared/labels/types.ts';
import { monospaceMetrics } from '../../support/fake-metrics.ts';

const roll50x30 = findTemplate('roll-50x30')!;
const roll33x15 = findTemplate('roll-33x15-3up')!;
const metrics = monospaceMetrics();

function content(overrides: Partial<LabelContent> = {}): LabelContent {
  return {
    lineNumber: 1,
    name: 'Cardigan (L)',
    code: 'SKU-0001',
    symbology: 'code128',
    price: 189000,
    documentNumber: '2023.09.00001',
    ...overrides,
  };
}

function drawingOf(
  labelContent: LabelContent,
  template: LabelTemplate = roll50x30,
  dpi: Dpi = 203,
  showPrice = false,
): LabelDrawing {
  const result = layoutLabel(labelContent, { template, dpi, showPrice, metrics });
  if (!result.ok) {
    throw new Error(`layout refused: ${result.problem.code}`);
  }
  return result.drawing;
}

const barcodeOf = (drawing: LabelDrawing): BarcodeItem =>
  drawing.items.find((item): item is BarcodeItem => item.kind === 'barcode')!;
const textsOf = (drawing: LabelDrawing, role: TextItem['role']): TextItem[] =>
  drawing.items.filter((item): item is TextItem => item.kind === 'text' && item.role === role);

describe('layoutLabel barcode', () => {
  it('gives SKU-0001 a 3-dot module on a 50 mm label at 203 dpi', () => {
    const barcode = barcodeOf(drawingOf(content()));
    expect(barcode.moduleDots).toBe(3);
    expect((barcode.moduleDots * 25.4) / 203).toBeCloseTo(0.375, 3);
  });

  it('puts every bar edge on a whole dot at each dpi', () => {
    for (const dpi of [203, 300, 600] as const) {
      const barcode = barcodeOf(drawingOf(content(), roll50x30, dpi));
      for (const bar of barcode.bars) {
        expect(Number.isInteger(bar.x)).toBe(true);
        expect(Number.isInteger(bar.width)).toBe(true);
        expect(bar.width % barcode.moduleDots).toBe(0);
      }
    }
  });

  it('merges adjacent dark modules into one rectangle', () => {
    const barcode = barcodeOf(drawingOf(content()));
    // Code 128 starts with the Start B pattern 11010010000: bars of 2, 1 and 1 modules.
    expect(barcode.bars.slice(0, 3).map((bar) => bar.width / barcode.moduleDots)).toEqual([2, 1, 1]);
    for (let index = 1; index < barcode.bars.length; index++) {
      const previous = barcode.bars[index - 1]!;
      expect(barcode.bars[index]!.x).toBeGreaterThan(previous.x + previous.width);
    }
  });

  it('keeps the quiet zones inside the label', () => {
    for (const [code, symbology] of [
      ['SKU-0001', 'code128'],
      ['5901234123457', 'ean13'],
      ['036000291452', 'upca'],
      ['96385074', 'ean8'],
    ] as const) {
      const drawing = drawingOf(content({ code, symbology }));
      const barcode = barcodeOf(drawing);
      const quiet = QUIET_ZONE_MODULES[symbology];
      expect(barcode.x).toBeGreaterThanOrEqual(quiet.left * barcode.moduleDots);
      expect(drawing.widthDots - (barcode.x + barcode.width)).toBeGreaterThanOrEqual(
        quiet.right * barcode.moduleDots,
      );
    }
  });

  it('refuses a code too long for the label instead of shrinking the bars', () => {
    const result = layoutLabel(content({ code: 'ABCDEFGHIJKLMNOPQRSTUVWX' }), {
      template: roll33x15,
      dpi: 203,
      showPrice: false,
      metrics,
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toEqual({
      code: 'code_too_long',
      severity: 'error',
      params: { line: 1, code: 'ABCDEFGHIJKLMNOPQRSTUVWX', labelWidth: 33 },
    });
  });

  it('lets quiet zones reach into half the gap between labels on a 3-across roll', () => {
    // 88 modules with quiet zones at 3 dots need 264 dots; the 33 mm label is 263.8 dots wide.
    const drawing = drawingOf(content({ code: '200542' }), roll33x15);
    const barcode = barcodeOf(drawing);
    const allowance = (1 * 203) / 25.4;
    expect(barcode.moduleDots).toBe(3);
    expect(barcode.x + allowance).toBeGreaterThanOrEqual(10 * 3);
    expect(drawing.widthDots + allowance - (barcode.x + barcode.width)).toBeGreaterThanOrEqual(10 * 3);
    expect(barcode.x).toBeGreaterThanOrEqual(0);
    expect(barcode.x + barcode.width).toBeLessThanOrEqual(drawing.widthDots);
  });

  it('fits a short code on the 33 mm label at the smallest readable module', () => {
    const barcode = barcodeOf(drawingOf(content({ code: '1315L' }), roll33x15));
    expect(barcode.moduleDots).toBeGreaterThanOrEqual(2);
  });
});

describe('layoutLabel text', () => {
  it('wraps a long name into at most two lines that fit the label', () => {
    const name = 'Tas Selempang Kanvas Motif Batik Parang Rusak Edisi Kolaborasi Pengrajin Pekalongan';
    const drawing = drawingOf(content({ name }));
    const lines = textsOf(drawing, 'name');
    expect(lines.length).toBeLessThanOrEqual(2);
    for (const line of lines) {
      expect(line.x).toBeGreaterThanOrEqual(0);
      expect(line.x + line.width).toBeLessThanOrEqual(drawing.widthDots);
    }
    expect(lines.at(-1)!.text.endsWith('…')).toBe(true);
  });

  it('shrinks a name before cutting it', () => {
    const full = drawingOf(content({ name: 'Kemeja Flanel Kotak (M)' }));
    const lines = textsOf(full, 'name');
    expect(lines.map((line) => line.text).join(' ')).toBe('Kemeja Flanel Kotak (M)');
  });

  it('replaces a character the font lacks and warns', () => {
    const result = layoutLabel(content({ name: 'Kopi ☕ Aceh' }), {
      template: roll50x30,
      dpi: 203,
      showPrice: false,
      metrics: monospaceMetrics(0.6, ['☕'.codePointAt(0)!]),
    });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(textsOf(result.drawing, 'name')[0]!.text).toBe('Kopi ? Aceh');
      expect(result.warnings).toEqual([
        { code: 'glyph_missing', severity: 'warning', params: { line: 1, characters: '☕' } },
      ]);
    }
  });

  it('leaves the price off unless asked', () => {
    expect(textsOf(drawingOf(content()), 'price')).toEqual([]);
  });

  it('writes the price as Rupiah when asked', () => {
    const [price] = textsOf(drawingOf(content(), roll50x30, 203, true), 'price');
    expect(price!.text).toBe('Rp 189.000');
  });

  it('prints the code under the barcode', () => {
    const drawing = drawingOf(content());
    const [codeText] = textsOf(drawing, 'code');
    const barcode = barcodeOf(drawing);
    expect(codeText!.text).toBe('SKU-0001');
    expect(codeText!.y).toBeGreaterThan(barcode.y + barcode.height);
  });

  it('keeps every item inside the label on each template and dpi', () => {
    for (const template of [roll50x30, roll33x15, findTemplate('sheet-a4-3x8')!]) {
      for (const dpi of [203, 300, 600] as const) {
        const drawing = drawingOf(content({ code: '1315L' }), template, dpi, true);
        for (const item of drawing.items) {
          if (item.kind === 'text') {
            expect(item.x).toBeGreaterThanOrEqual(0);
            expect(item.x + item.width).toBeLessThanOrEqual(drawing.widthDots + 1e-6);
            expect(item.y).toBeLessThanOrEqual(drawing.heightDots);
          } else {
            expect(item.y).toBeGreaterThanOrEqual(0);
            expect(item.y + item.height).toBeLessThanOrEqual(drawing.heightDots);
          }
        }
      }
    }
  });
});
