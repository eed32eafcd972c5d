import { describe, expect, it } from 'vitest';
import { labelFontPath, loadFontMetrics } from '../../../electron/pdf/font.ts';
import { buildRawJob } from '../../../electron/printing/raw-job.ts';
import { buildCalibrationLabel } from '../../../shared/printing/calibration.ts';
import { printerProfileSchema } from '../../../shared/printing/profile.ts';

async function calibrationBytes(language: 'zpl' | 'tspl', dpi: 203 | 300): Promise<string> {
  const profile = printerProfileSchema.parse({
    id: 'calibration',
    name: 'Calibration',
    queue: 'Labels',
    mode: language,
    dpi,
    label: { widthMm: 50, heightMm: 30, gapMm: 2 },
  });
  const drawing = buildCalibrationLabel(profile, await loadFontMetrics(labelFontPath()));
  const job = await buildRawJob(
    language,
    [{ lineNumber: 1, code: 'calibration', count: 1, drawing, drawingKey: 'calibration' }],
    profile,
  );
  return Buffer.concat([job.header, ...job.chunks.map((chunk) => chunk.bytes)]).toString('latin1');
}

describe('calibration label in printer languages', () => {
  it.each([
    [203, 400, 240],
    [300, 591, 354],
  ] as const)('ZPL draws the border box at %i dpi', async (dpi, width, height) => {
    const zpl = await calibrationBytes('zpl', dpi);
    expect(zpl).toContain(`^FO0,0^GB${width},1,1^FS`);
    expect(zpl).toContain(`^FO0,${height - 1}^GB${width},1,1^FS`);
    expect(zpl).toContain(`^FO0,0^GB1,${height},1^FS`);
    expect(zpl).toContain(`^FO${width - 1},0^GB1,${height},1^FS`);
    expect(zpl).toContain('^PQ1');
  });

  it.each([
    [203, 400, 240],
    [300, 591, 354],
  ] as const)('TSPL draws the border box at %i dpi', async (dpi, width, height) => {
    const tspl = await calibrationBytes('tspl', dpi);
    expect(tspl).toContain(`BAR 0,0,${width},1`);
    expect(tspl).toContain(`BAR 0,${height - 1},${width},1`);
    expect(tspl).toContain(`BAR 0,0,1,${height}`);
    expect(tspl).toContain(`BAR ${width - 1},0,1,${height}`);
    expect(tspl).toMatch(/^PRINT 1,1\r?$/m);
  });
});
