import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadFontMetrics } from '../../../electron/pdf/font.ts';
import { writeLabelsPdf } from '../../../electron/pdf/pdf-writer.ts';
import { paginate, planJob } from '../../../shared/labels/job.ts';
import { findTemplate, type LabelTemplate } from '../../../shared/labels/templates.ts';
import type { DocumentLine, FontMetrics } from '../../../shared/labels/types.ts';
import { decodeLabels } from '../../support/pdf-tools.ts';

const CREATION_DATE = new Date('2024-05-01T08:00:00Z');
const roll50x30 = findTemplate('roll-50x30')!;
const ROLL_LAYOUT = {
  pageSizeMm: { widthMm: 50, heightMm: 30 },
  cells: [{ xMm: 0, yMm: 0, widthMm: 50, heightMm: 30 }],
};

let metrics: FontMetrics;
let dir: string;

beforeAll(async () => {
  metrics = await loadFontMetrics();
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'symbology-override-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function withSymbology(symbology: 'auto' | 'code128'): LabelTemplate {
  return {
    ...roll50x30,
    fields: { ...roll50x30.fields, barcode: { ...roll50x30.fields.barcode, symbology } },
  };
}

async function printAndDecode(template: LabelTemplate, code: string): Promise<string[]> {
  const lines: DocumentLine[] = [
    { lineNumber: 1, variantId: null, name: 'Kaos Polos', code, quantity: 1, unitPrice: 50000, problems: [] },
  ];
  const plan = planJob(lines, { template, dpi: 300, showPrice: false, documentNumber: null, metrics });
  const outputPath = join(dir, `${template.fields.barcode.symbology}.pdf`);
  await writeLabelsPdf(
    { outputPath, pageSize: template.page, title: 'Labels', creationDate: CREATION_DATE },
    paginate(plan.entries, template),
  );
  const decoded = await decodeLabels(outputPath, ROLL_LAYOUT);
  return decoded.map((label) => `${label.symbology ?? 'none'}:${label.data ?? ''}`);
}

describe('symbology override in the PDF', () => {
  it('prints a valid EAN-13 as Code 128 under code128', async () => {
    expect(await printAndDecode(withSymbology('code128'), '5901234123457')).toEqual([
      'CODE-128:5901234123457',
    ]);
  });

  it('prints the same code as EAN-13 under auto', async () => {
    expect(await printAndDecode(withSymbology('auto'), '5901234123457')).toEqual(['EAN-13:5901234123457']);
  });
});
