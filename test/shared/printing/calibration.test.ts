import { describe, expect, it } from 'vitest';
import type { RectItem } from '../../../shared/labels/types.ts';
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

  it('prints the profile facts in one line', () => {
    const shifted = profile(300, { offsetMm: { x: 0.5, y: -1 } });
    const drawing = buildCalibrationLabel(shifted, monospaceMetrics());
    const texts = drawing.items.flatMap((item) => (item.kind === 'text' ? [item.text] : []));
    expect(texts).toContain('Desk Zebra | 50x30 mm | 300 dpi | offset x +0.5 y -1 mm');
    expect(calibrationText(shifted)).toBe('Desk Zebra | 50x30 mm | 300 dpi | offset x +0.5 y -1 mm');
  });
});
