import { readFileSync } from 'node:fs';
import type { JobEntry } from '../../../shared/labels/job.ts';
import { findTemplate } from '../../../shared/labels/templates.ts';
import type { FontMetrics, LabelDrawing } from '../../../shared/labels/types.ts';
import {
  printerProfileSchema,
  type PrinterProfile,
  type PrinterProfileInput,
} from '../../../shared/printing/profile.ts';
import type { RawLanguage } from '../../../electron/printing/raw-job.ts';

/** Builds a 203-dpi, 50 × 30 mm printer profile of one language, with `overrides` applied. */
export function profile(mode: RawLanguage, overrides: Partial<PrinterProfileInput> = {}): PrinterProfile {
  return printerProfileSchema.parse({
    id: `test-${mode}`,
    name: `Test ${mode}`,
    queue: 'test',
    mode,
    dpi: 203,
    label: { widthMm: 50, heightMm: 30, gapMm: 2 },
    ...overrides,
  });
}

/** Reads the lines of the Toko Bandung sample bill, as DealPOS returns them. */
export function fixtureLines(): Record<string, unknown>[] {
  const path = new URL('../../fixtures/dealpos/bill-toko-bandung-PB-2026-10-00318.json', import.meta.url);
  return (JSON.parse(readFileSync(path, 'utf8')) as { response: Record<string, unknown>[] }).response;
}

/** Returns the layout options of the sample bill on the 50 × 30 mm roll with prices. */
export function fixturePlanOptions(metrics: FontMetrics) {
  return {
    template: findTemplate('roll-50x30')!,
    dpi: 203,
    showPrice: true,
    documentNumber: 'PB/2026/10/00318',
    metrics,
  } as const;
}

/** A small 50 × 30 mm label at 203 dpi with one text item. */
export const label: LabelDrawing = {
  dpi: 203,
  widthDots: 399.6,
  heightDots: 239.8,
  items: [{ kind: 'text', role: 'code', text: 'K', x: 10, y: 30, fontSize: 20, width: 12 }],
};

/** Builds one entry per count, all drawing {@link label}. */
export function entries(...counts: number[]): JobEntry[] {
  return counts.map((count, index) => ({
    lineNumber: index + 1,
    code: `C${index + 1}`,
    count,
    drawing: label,
    drawingKey: `line-${index + 1}`,
  }));
}
