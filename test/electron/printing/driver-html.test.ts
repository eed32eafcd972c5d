import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import PLUIT_LINES from '../../../electron/dealpos-simulator/seed/bill-pluit-2023.09.00001.json' with { type: 'json' };
import { labelFontPath, loadFontMetrics, readFontFile } from '../../../electron/pdf/font.ts';
import { buildDriverHtml, DRIVER_FONT_FAMILY } from '../../../electron/printing/driver-html.ts';
import { driverPageCss } from '../../../electron/printing/driver-print.ts';
import { planJob, type JobEntry } from '../../../shared/labels/job.ts';
import { readDocumentLines } from '../../../shared/labels/lines.ts';
import { findTemplate } from '../../../shared/labels/templates.ts';
import type { LabelDrawing } from '../../../shared/labels/types.ts';
import { printerProfileSchema, type PrinterProfile } from '../../../shared/printing/profile.ts';
import { decodeLabels, pdfPageSizes, pdfText } from '../../support/pdf-tools.ts';

const PROFILE: PrinterProfile = printerProfileSchema.parse({
  id: 'office-driver',
  name: 'Office driver',
  queue: 'Office',
  mode: 'driver',
  dpi: 203,
  label: { widthMm: 50, heightMm: 30, gapMm: 2 },
});
const FONT = new Uint8Array([0, 1, 0, 0]);

function drawing(text: string): LabelDrawing {
  return {
    dpi: 203,
    widthDots: 400,
    heightDots: 240,
    items: [
      { kind: 'rect', x: 10, y: 10, width: 4, height: 100 },
      { kind: 'text', role: 'name', text, x: 10, y: 150, fontSize: 20, width: 120 },
    ],
  };
}

function entry(key: string, count: number, text = key): JobEntry {
  return { lineNumber: 1, code: '1000', count, drawing: drawing(text), drawingKey: key };
}

describe('buildDriverHtml', () => {
  it('sizes the page from the profile', () => {
    const html = buildDriverHtml([entry('a', 1)], PROFILE, FONT);
    expect(html).toContain(driverPageCss(PROFILE));
    expect(html).toContain('@page { size: 50mm 30mm; margin: 0; }');
    expect(html).toContain('<svg class="page" xmlns="http://www.w3.org/2000/svg" width="50mm" height="30mm"');
  });

  it('draws each distinct label once and prints a page per label', () => {
    const html = buildDriverHtml([entry('a', 2), entry('b', 3), entry('a', 1), entry('c', 0)], PROFILE, FONT);
    expect(html.match(/<symbol /g)).toHaveLength(2);
    expect(html.match(/<svg class="page"/g)).toHaveLength(6);
    expect(html.match(/<use href="#label-1"/g)).toHaveLength(3);
    expect(html.match(/<use href="#label-2"/g)).toHaveLength(3);
  });

  it('puts a row of labels on each page for several columns', () => {
    const threeAcross = printerProfileSchema.parse({
      ...PROFILE,
      label: { widthMm: 33, heightMm: 15, gapMm: 2 },
      columns: 3,
      columnGapMm: 2,
    });
    const html = buildDriverHtml([entry('a', 7)], threeAcross, FONT);
    expect(html.match(/<svg class="page"/g)).toHaveLength(3);
    expect(html).toContain('@page { size: 103mm 15mm; margin: 0; }');
    expect(html).toContain('<use href="#label-1" x="70" y="0"');
  });

  it('escapes label text', () => {
    const html = buildDriverHtml([entry('a', 1, 'Kaos <b>"Biru" & Co\'s</b>')], PROFILE, FONT);
    expect(html).toContain('Kaos &lt;b&gt;&quot;Biru&quot; &amp; Co&#39;s&lt;/b&gt;');
    expect(html).not.toContain('<b>');
  });

  it('embeds the font as a data URL', () => {
    const html = buildDriverHtml([entry('a', 1)], PROFILE, FONT);
    expect(html).toContain(`font-family: "${DRIVER_FONT_FAMILY}"; src: url("data:font/ttf;base64,AAEAAA==")`);
    expect(html).toContain("default-src 'none'; style-src 'unsafe-inline'; font-src data:");
    expect(html).not.toMatch(/<script/i);
  });
});

describe('driver document in Chromium', () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'driver-html-'));
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('prints labels whose barcodes decode back', async () => {
    const fontPath = labelFontPath();
    const plan = planJob(readDocumentLines(PLUIT_LINES), {
      template: findTemplate('roll-50x30')!,
      dpi: 203,
      showPrice: true,
      documentNumber: '2023.09.00001',
      metrics: await loadFontMetrics(fontPath),
      overrides: new Map([
        [1, { quantity: 2 }],
        [2, { quantity: 1 }],
        [3, { quantity: 2 }],
      ]),
    });
    const htmlPath = join(folder, 'labels.html');
    await writeFile(htmlPath, buildDriverHtml(plan.entries, PROFILE, await readFontFile(fontPath)));

    // Debian's Chromium is the engine Electron prints with, and it only opens the local file.
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    const pdfPath = join(folder, 'labels.pdf');
    try {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(htmlPath).href);
      // A string, because this test's TypeScript project has no DOM types.
      expect(await page.evaluate('document.fonts.ready.then((fonts) => fonts.status)')).toBe('loaded');
      // The embedded label font loaded under the document's own Content-Security-Policy.
      expect(
        await page.evaluate('[...document.fonts].map((face) => face.family + " " + face.status)'),
      ).toEqual([`${DRIVER_FONT_FAMILY} loaded`]);
      await page.pdf({ path: pdfPath, preferCSSPageSize: true, printBackground: true });
    } finally {
      await browser.close();
    }

    const sizes = await pdfPageSizes(pdfPath);
    expect(sizes).toHaveLength(5);
    for (const size of sizes) {
      expect((size.widthPt * 25.4) / 72).toBeCloseTo(50, 0);
      expect((size.heightPt * 25.4) / 72).toBeCloseTo(30, 0);
    }
    const decoded = await decodeLabels(pdfPath, {
      pageSizeMm: { widthMm: 50, heightMm: 30 },
      cells: [{ xMm: 0, yMm: 0, widthMm: 50, heightMm: 30 }],
    });
    expect(decoded.map((label) => label.data)).toEqual(['1315L', '1315L', '200536', '1315XL', '1315XL']);
    expect(await pdfText(pdfPath)).toContain('Cardigan');
  });
});
