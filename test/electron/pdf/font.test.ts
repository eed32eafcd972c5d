import { access } from 'node:fs/promises';
import { basename } from 'node:path';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { labelFontPath, loadFontMetrics, readFontFile } from '../../../electron/pdf/font.ts';

/** Width of `text` as pdfkit measures it when drawing with the same font file. */
async function pdfkitWidth(text: string, fontSize: number): Promise<number> {
  const doc = new PDFDocument({ autoFirstPage: false });
  doc.registerFont('label', await readFontFile());
  return doc.font('label').fontSize(fontSize).widthOfString(text);
}

describe('labelFontPath', () => {
  it('points to the DejaVu Sans file', async () => {
    const path = labelFontPath();

    expect(basename(path)).toBe('DejaVuSans.ttf');
    await expect(access(path)).resolves.toBeUndefined();
  });
});

describe('loadFontMetrics', () => {
  it('measures widths exactly as pdfkit draws them', async () => {
    const metrics = await loadFontMetrics();
    const samples = [
      'Dompet Kulit — Coklat',
      'Кофе 250 г',
      'Καφές',
      'AVAWAY Tower',
      'To  Yo\tVa',
      'fi fl ffi',
      'Rp 125.000',
      ' leading and trailing ',
    ];

    for (const text of samples) {
      expect(metrics.widthOf(text, 11), text).toBeCloseTo(await pdfkitWidth(text, 11), 9);
    }
  });

  it('applies kerning within a word', async () => {
    const metrics = await loadFontMetrics();

    expect(metrics.widthOf('AV', 10)).toBeLessThan(metrics.widthOf('A', 10) + metrics.widthOf('V', 10));
  });

  it('scales widths linearly with font size', async () => {
    const metrics = await loadFontMetrics();

    expect(metrics.widthOf('SKU-0001', 30)).toBeCloseTo(3 * metrics.widthOf('SKU-0001', 10), 9);
    expect(metrics.widthOf('', 10)).toBe(0);
  });

  it('reports ascent and descent per unit of size', async () => {
    const metrics = await loadFontMetrics();

    // DejaVu Sans 2.37: hhea ascender 1901 and descender -483 at 2048 units per em.
    expect(metrics.ascent).toBeCloseTo(1901 / 2048, 9);
    expect(metrics.descent).toBeCloseTo(483 / 2048, 9);
  });

  it('has glyphs for Latin, Cyrillic and Greek but not Chinese', async () => {
    const metrics = await loadFontMetrics();

    for (const char of ['A', 'é', '—', 'К', 'ё', 'Ω', 'Rp']) {
      expect(metrics.hasGlyph(char.codePointAt(0) ?? 0), char).toBe(true);
    }
    expect(metrics.hasGlyph(0x4e2d)).toBe(false);
  });

  it('returns the cached metrics on a second load', async () => {
    const first = await loadFontMetrics();
    const second = await loadFontMetrics(labelFontPath());

    expect(second).toBe(first);
  });

  it('rejects a font path that does not exist', async () => {
    await expect(loadFontMetrics('/nonexistent/font.ttf')).rejects.toThrow(/ENOENT/);
  });
});
