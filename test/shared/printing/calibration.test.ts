import { describe, expect, it } from 'vitest';
import type { FontMetrics, LabelDrawing, RectItem, TextItem } from '../../../shared/labels/types.ts';
import { buildCalibrationLabel, calibrationText } from '../../../shared/printing/calibration.ts';
import { printerProfileSchema, type PrinterProfile } from '../../../shared/printing/profile.ts';
import { monospaceMetrics } from '../../support/fake-metrics.ts';

function profile(dpi: 203 | 300, changes: Partial<PrinterProfile> = {}): PrinterProfile {
  return printerProfileSchema.parse({
    id: 'desk-zebra',
    name: 'Desk Zebra',
    queue: 'Zebra',
    mode: 'zpl',
    dpi,
    label: { widthMm: 50, heightMm: 30, gapMm: 2 },
    ...changes,
  });
}

function rects(items: ReturnType<typeof buildCalibrationLabel>['items']): RectItem[] {
  return items.filter((item): item is RectItem => item.kind === 'rect');
}

describe('buildCalibrationLabel', () => {
  it.each([
    [203, 400, 240],
    [300, 591, 354],
  ] as const)('draws the border on the edge dots at %i dpi', (dpi, width, height) => {
    const drawing = buildCalibrationLabel(profile(dpi), monospaceMetrics());

    expect(drawing).toMatchObject({ dpi, widthDots: width, heightDots: height });
    const boxes = rects(drawing.items);
    expect(boxes).toContainEqual({ kind: 'rect', x: 0, y: 0, width, height: 1 });
    expect(boxes).toContainEqual({ kind: 'rect', x: 0, y: height - 1, width, height: 1 });
    expect(boxes).toContainEqual({ kind: 'rect', x: 0, y: 0, width: 1, height });
    expect(boxes).toContainEqual({ kind: 'rect', x: width - 1, y: 0, width: 1, height });
  });

  it('keeps every item on the label', () => {
    const drawing = buildCalibrationLabel(profile(203), monospaceMetrics());
    for (const item of rects(drawing.items)) {
      expect(item.x).toBeGreaterThanOrEqual(0);
      expect(item.y).toBeGreaterThanOrEqual(0);
      expect(item.x + item.width).toBeLessThanOrEqual(drawing.widthDots);
      expect(item.y + item.height).toBeLessThanOrEqual(drawing.heightDots);
    }
    for (const item of drawing.items) {
      if (item.kind === 'text') {
        expect(item.x + item.width).toBeLessThanOrEqual(drawing.widthDots);
      }
    }
  });

  it('ticks every millimetre with longer 5 and 10 mm ticks', () => {
    const drawing = buildCalibrationLabel(profile(203), monospaceMetrics());
    // Top ruler ticks start one dot below the border: 1 mm is 8 dots long at 203 dpi.
    const topTicks = rects(drawing.items).filter((item) => item.y === 1 && item.width === 1 && item.x > 0);
    expect(topTicks).toHaveLength(49);
    const lengthAt = (millimetre: number) =>
      topTicks.find((item) => item.x === Math.round((millimetre * 203) / 25.4))?.height;
    expect(lengthAt(1)).toBe(8);
    expect(lengthAt(5)).toBe(16);
    expect(lengthAt(10)).toBe(24);
    const numbers = drawing.items.flatMap((item) => (item.kind === 'text' ? [item.text] : []));
    expect(numbers).toEqual(expect.arrayContaining(['10', '20', '30', '40']));
  });

  it('draws a cross at the centre', () => {
    const drawing = buildCalibrationLabel(profile(203), monospaceMetrics());
    const boxes = rects(drawing.items);
    expect(
      boxes.some((item) => item.y === 120 && item.height === 1 && item.x < 200 && item.x + item.width > 200),
    ).toBe(true);
    expect(
      boxes.some((item) => item.x === 200 && item.width === 1 && item.y < 120 && item.y + item.height > 120),
    ).toBe(true);
  });

  it('prints the profile facts in one line on a wide label', () => {
    const shifted = profile(300, {
      label: { widthMm: 100, heightMm: 50, gapMm: 2 },
      offsetMm: { x: 0.5, y: -1 },
    });
    const drawing = buildCalibrationLabel(shifted, monospaceMetrics());
    const texts = drawing.items.flatMap((item) => (item.kind === 'text' ? [item.text] : []));
    expect(texts).toContain('Desk Zebra | 100x50 mm | 300 dpi | offset x +0.5 y -1 mm');
    expect(calibrationText(shifted)).toBe('Desk Zebra | 100x50 mm | 300 dpi | offset x +0.5 y -1 mm');
  });

  it('wraps the profile text below the cross on a small label', () => {
    const small = profile(203, { name: 'Back desk', label: { widthMm: 33, heightMm: 15, gapMm: 2 } });
    const drawing = buildCalibrationLabel(small, monospaceMetrics());
    const lines = textsOf(drawing).filter((item) => !/^\d+$/.test(item.text));
    expect(lines.map((item) => item.text).join(' | ')).toBe(calibrationText(small));
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) {
      expect(line.y - 0.8 * line.fontSize).toBeGreaterThan(heightOf(drawing) / 2 + 24);
    }
  });

  it('shortens a long name and keeps the facts whole', () => {
    const name = 'Xprinter XP-360B at the back receiving desk next to the loading bay';
    const small = profile(203, { name, label: { widthMm: 33, heightMm: 15, gapMm: 2 } });
    const lines = textsOf(buildCalibrationLabel(small, monospaceMetrics()))
      .filter((item) => !/^\d+$/.test(item.text))
      .map((item) => item.text);
    expect(lines[0]).toMatch(/^Xprinter .*\.\.\.$/);
    // The short form of the offsets leaves a line for the name.
    expect(lines[1]).toBe('33x15 mm | 203 dpi | x +0 y +0 mm');
  });

  it.each(SIZES)('keeps text clear of ticks, the cross and other text on %s', (_name, size, dpi) => {
    const drawing = buildCalibrationLabel(profile(dpi, { label: { ...size, gapMm: 2 } }), monospaceMetrics());
    expect(overlaps(drawing, monospaceMetrics())).toEqual([]);
    for (const item of textsOf(drawing)) {
      expect(item.x + item.width).toBeLessThanOrEqual(drawing.widthDots - 2);
      expect(item.y + 0.2 * item.fontSize).toBeLessThanOrEqual(drawing.heightDots - 1);
    }
  });
});

const SIZES = [
  ['33 x 15 mm at 203 dpi', { widthMm: 33, heightMm: 15 }, 203],
  ['33 x 15 mm at 300 dpi', { widthMm: 33, heightMm: 15 }, 300],
  ['50 x 30 mm at 203 dpi', { widthMm: 50, heightMm: 30 }, 203],
  ['50 x 30 mm at 300 dpi', { widthMm: 50, heightMm: 30 }, 300],
  ['100 x 50 mm at 203 dpi', { widthMm: 100, heightMm: 50 }, 203],
  ['100 x 50 mm at 300 dpi', { widthMm: 100, heightMm: 50 }, 300],
] as const;

function textsOf(drawing: LabelDrawing): TextItem[] {
  return drawing.items.filter((item): item is TextItem => item.kind === 'text');
}

function heightOf(drawing: LabelDrawing): number {
  return drawing.heightDots;
}

/** Lists every text item whose box (advance width, ascent to descent) overlaps a rectangle or another text. */
function overlaps(drawing: LabelDrawing, metrics: FontMetrics): string[] {
  const box = (item: TextItem) => ({
    left: item.x,
    right: item.x + item.width,
    top: item.y - metrics.ascent * item.fontSize,
    bottom: item.y + metrics.descent * item.fontSize,
  });
  const intersect = (a: ReturnType<typeof box>, b: ReturnType<typeof box>) =>
    a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const found: string[] = [];
  const texts = textsOf(drawing);
  for (const [index, item] of texts.entries()) {
    for (const other of rects(drawing.items)) {
      const rectBox = {
        left: other.x,
        right: other.x + other.width,
        top: other.y,
        bottom: other.y + other.height,
      };
      if (intersect(box(item), rectBox)) {
        found.push(`"${item.text}" overlaps the rectangle at ${other.x},${other.y}`);
      }
    }
    for (const other of texts.slice(index + 1)) {
      if (intersect(box(item), box(other))) {
        found.push(`"${item.text}" overlaps "${other.text}"`);
      }
    }
  }
  return found;
}
