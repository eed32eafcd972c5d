import { describe, expect, it } from 'vitest';
import { layoutLabel } from '../../shared/labels/layout.ts';
import { BUILT_IN_TEMPLATES, type LabelTemplate } from '../../shared/labels/templates.ts';
import type { LabelDrawing } from '../../shared/labels/types.ts';
import { labelMarkup } from '../../renderer/src/lib/output/label-markup.ts';
import { monospaceMetrics } from '../support/fake-metrics.ts';

const roll = BUILT_IN_TEMPLATES[0] as LabelTemplate;

function drawingOf(name: string, code: string): LabelDrawing {
  const layout = layoutLabel(
    { lineNumber: 1, name, code, symbology: 'code128', price: 125_000, documentNumber: 'PB/1' },
    { template: roll, dpi: 203, showPrice: true, metrics: monospaceMetrics() },
  );
  if (!layout.ok) {
    throw new Error(`layout failed: ${layout.problem.code}`);
  }
  return layout.drawing;
}

/** Parses the markup inside an SVG element, as the preview does. */
function parse(markup: string): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.innerHTML = markup;
  return svg;
}

describe('labelMarkup', () => {
  it('draws the paper, the texts and one path of bars', () => {
    const drawing = drawingOf('Kaos Polos Hitam', 'KF-M-0101');
    const svg = parse(labelMarkup(drawing));

    const paper = svg.firstElementChild;
    expect(paper?.tagName).toBe('rect');
    expect(paper?.getAttribute('width')).toBe(String(drawing.widthDots));
    expect(svg.querySelector('[data-barcode]')?.getAttribute('data-barcode')).toBe('KF-M-0101');
    expect(svg.querySelector('[data-barcode]')?.getAttribute('data-symbology')).toBe('code128');
    expect(svg.querySelectorAll('[data-barcode] path')).toHaveLength(1);
    const texts = drawing.items.filter((item) => item.kind === 'text');
    expect(svg.querySelectorAll('text')).toHaveLength(texts.length);
    expect(svg.querySelector('[data-role="name"]')?.textContent).toContain('Kaos');
  });

  it('draws each bar as a closed rectangle of the path', () => {
    const drawing = drawingOf('Kopi', 'KF-1');
    const barcode = drawing.items.find((item) => item.kind === 'barcode');
    const path = parse(labelMarkup(drawing)).querySelector('[data-barcode] path')?.getAttribute('d') ?? '';

    const first = barcode?.kind === 'barcode' ? barcode.bars[0] : undefined;
    expect(
      path.startsWith(`M${first?.x} ${first?.y}h${first?.width}v${first?.height}h${-(first?.width ?? 0)}z`),
    ).toBe(true);
    expect(path.match(/z/g)).toHaveLength(barcode?.kind === 'barcode' ? barcode.bars.length : -1);
  });

  it('keeps names as text, never as markup', () => {
    const svg = parse(labelMarkup(drawingOf('<img src=x onerror=alert(1)> & "Kaos"', 'KF-2')));

    expect(svg.querySelector('img')).toBeNull();
    expect(svg.querySelector('[data-role="name"]')?.textContent).toContain('<img');
  });

  it('returns the same markup for the same drawing', () => {
    const drawing = drawingOf('Kaos', 'KF-3');

    expect(labelMarkup(drawing)).toBe(labelMarkup(drawing));
  });
});
