import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ready } from 'zpl-renderer-js';
import { describe, expect, it } from 'vitest';
import { loadFontMetrics } from '../../../electron/pdf/font.ts';
import { buildRawJob } from '../../../electron/printing/raw-job.ts';
import { planJob } from '../../../shared/labels/job.ts';
import { readDocumentLines } from '../../../shared/labels/lines.ts';
import { findTemplate } from '../../../shared/labels/templates.ts';
import { printerProfileSchema } from '../../../shared/printing/profile.ts';

const execFileAsync = promisify(execFile);

/** Reads every barcode in a PNG with zbar, UPC-A enabled so it is not reported as EAN-13. */
async function decodePng(path: string): Promise<string[]> {
  const { stdout } = await execFileAsync('zbarimg', ['-q', '-Supca.enable', path]).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
  );
  return stdout.split('\n').filter((line) => line !== '');
}

// zpl-renderer-js wraps zebrash, an independent ZPL renderer compiled to WebAssembly, so these labels
// are drawn from the generated ZPL by code that shares nothing with the app's own layout.
// NOTE: zebrash has no parser for ^B8 (EAN-8) or ^BU (UPC-A), so those two commands are checked only
// by the byte-exact tests in zpl.test.ts.
describe('ZPL output rendered back', () => {
  it('scans as the document codes for Code 128 and EAN-13', async () => {
    const lines = readDocumentLines([
      { VariantID: 'a', Name: 'Kemeja Flanel Kotak (M)', Code: 'KF-M-0101', Quantity: 2, UnitPrice: 1 },
      { VariantID: 'b', Name: 'Sabun Cuci Piring', Code: '8991111222233', Quantity: 1, UnitPrice: 1 },
      { VariantID: 'e', Name: 'Кофе 250 г', Code: 'A^B~C_D', Quantity: 1, UnitPrice: 1 },
    ]);
    const plan = planJob(lines, {
      template: findTemplate('roll-50x30')!,
      dpi: 203,
      showPrice: false,
      documentNumber: 'PB/2026/10/00318',
      metrics: await loadFontMetrics(),
    });
    const profile = printerProfileSchema.parse({
      id: 'zebra',
      name: 'Zebra',
      queue: 'zebra',
      mode: 'zpl',
      dpi: 203,
      label: { widthMm: 50, heightMm: 30, gapMm: 2 },
    });
    const job = await buildRawJob('zpl', plan.entries, profile);
    const { api } = await ready;
    const folder = await mkdtemp(join(tmpdir(), 'zpl-render-'));

    const decoded: string[][] = [];
    for (const [index, chunk] of job.chunks.entries()) {
      const zpl = Buffer.concat([job.header, chunk.bytes]).toString('utf8');
      const png = Buffer.from(await api.zplToBase64Async(zpl, 50, 30, 8), 'base64');
      const path = join(folder, `chunk-${index}.png`);
      await writeFile(path, png);
      decoded.push(await decodePng(path));
    }
    await rm(folder, { recursive: true, force: true });

    expect(decoded).toEqual([['CODE-128:KF-M-0101'], ['EAN-13:8991111222233'], ['CODE-128:A^B~C_D']]);
  });
});
