import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFontMetrics } from '../../../electron/pdf/font.ts';
import { writeLabelsPdf } from '../../../electron/pdf/pdf-writer.ts';
import { cellPositions, paginate, planJob } from '../../../shared/labels/job.ts';
import { quietZoneAllowanceMm } from '../../../shared/labels/layout.ts';
import { readDocumentLines } from '../../../shared/labels/lines.ts';
import { QUIET_ZONE_MODULES } from '../../../shared/labels/symbology.ts';
import { findTemplate } from '../../../shared/labels/templates.ts';
import type { BarcodeItem, FontMetrics } from '../../../shared/labels/types.ts';
import { decodeLabels } from '../../support/pdf-tools.ts';

const CREATION_DATE = new Date('2024-05-01T08:00:00Z');
const template = findTemplate('roll-33x15-3up')!;
const LAYOUT = {
  pageSizeMm: template.page,
  cells: cellPositions(template).map((cell) => ({ ...cell, ...template.label })),
};
/** The Toko Bandung bill's retail codes: EAN-13, EAN-8 and UPC-A, one label each. */
const RETAIL_CODES = ['8991111222233', '89900017', '049634060004'];

let metrics: FontMetrics;
let rawLines: Record<string, unknown>[];
let dir: string;

beforeAll(async () => {
  metrics = await loadFontMetrics();
  const fixture = JSON.parse(
    await readFile(
      new URL('../../fixtures/dealpos/bill-toko-bandung-PB-2026-10-00318.json', import.meta.url),
      'utf8',
    ),
  ) as { response: Record<string, unknown>[] };
  rawLines = fixture.response
    .filter((line) => RETAIL_CODES.includes(String(line['Code'])))
    .map((line) => ({ ...line, Quantity: 1 }));
  dir = await mkdtemp(join(tmpdir(), 'roll-33x15-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('roll-33x15-3up with retail codes', () => {
  it.each([203, 300] as const)('lays out and decodes EAN-13, EAN-8 and UPC-A at %i dpi', async (dpi) => {
    const lines = readDocumentLines(rawLines);
    const plan = planJob(lines, { template, dpi, showPrice: false, documentNumber: null, metrics });

    expect(plan.refused).toEqual([]);
    const barcodes = plan.entries.map((entry) =>
      entry.drawing.items.find((item): item is BarcodeItem => item.kind === 'barcode')!,
    );
    expect(barcodes.map((barcode) => barcode.symbology)).toEqual(['ean13', 'ean8', 'upca']);
    // The bars stay on the 33 mm label, and the quiet zones reach at most half the 2 mm gap past it.
    const labelDots = (33 * dpi) / 25.4;
    const allowanceDots = (quietZoneAllowanceMm(template) * dpi) / 25.4;
    for (const barcode of barcodes) {
      const quiet = QUIET_ZONE_MODULES[barcode.symbology];
      expect(barcode.x).toBeGreaterThanOrEqual(0);
      expect(barcode.x + barcode.width).toBeLessThanOrEqual(labelDots);
      expect(barcode.x + allowanceDots).toBeGreaterThanOrEqual(quiet.left * barcode.moduleDots);
      expect(barcode.x + barcode.width + quiet.right * barcode.moduleDots).toBeLessThanOrEqual(
        labelDots + allowanceDots,
      );
    }

    const outputPath = join(dir, `retail-${dpi}.pdf`);
    await writeLabelsPdf(
      { outputPath, pageSize: template.page, title: 'Labels', creationDate: CREATION_DATE },
      paginate(plan.entries, template),
    );
    const decoded = await decodeLabels(outputPath, LAYOUT);
    expect(decoded.map((label) => `${label.symbology}:${label.data}`)).toEqual([
      'EAN-13:8991111222233',
      'EAN-8:89900017',
      'UPC-A:049634060004',
    ]);
  });
});
