import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { ready } from 'zpl-renderer-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFontMetrics } from '../../../electron/pdf/font.ts';
import { calibrationBytes, calibrationEntry } from '../../../electron/printing/calibration-job.ts';
import type { FontMetrics, LabelDrawing, TextItem } from '../../../shared/labels/types.ts';
import { buildCalibrationLabel } from '../../../shared/printing/calibration.ts';
import {
  EXAMPLE_PRINTER_PROFILES,
  millimetresToWholeDots,
  printerProfileSchema,
  rowWidthMm,
  type PrinterProfile,
} from '../../../shared/printing/profile.ts';

/** Folder for the rendered labels, for a person to look at. Git ignores it. */
const SCREENSHOT_FOLDER = resolve(import.meta.dirname, '..', '..', '..', 'test-results', 'screenshots');
const THREE_ACROSS = EXAMPLE_PRINTER_PROFILES.find((profile) => profile.id === 'xprinter-xp-360b-3up')!;
const SIZES = [
  [33, 15],
  [50, 30],
  [100, 50],
] as const;
const CASES = SIZES.flatMap(([widthMm, heightMm]) =>
  ([203, 300] as const).map(
    (dpi) => [`${widthMm} x ${heightMm} mm at ${dpi} dpi`, widthMm, heightMm, dpi] as const,
  ),
);

let metrics: FontMetrics;

beforeAll(async () => {
  metrics = await loadFontMetrics();
});

function singleProfile(widthMm: number, heightMm: number, dpi: 203 | 300): PrinterProfile {
  return printerProfileSchema.parse({
    id: 'desk',
    name: 'Xprinter 3-up back desk',
    queue: 'Labels',
    mode: 'zpl',
    dpi,
    label: { widthMm, heightMm, gapMm: 2 },
  });
}

/** Lists every text item whose box (advance width, ascent to descent) overlaps a rectangle or another text. */
function overlaps(drawing: LabelDrawing): string[] {
  const textBox = (item: TextItem) => ({
    left: item.x,
    right: item.x + item.width,
    top: item.y - metrics.ascent * item.fontSize,
    bottom: item.y + metrics.descent * item.fontSize,
  });
  type Box = ReturnType<typeof textBox>;
  const intersect = (a: Box, b: Box) =>
    a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const texts = drawing.items.filter((item): item is TextItem => item.kind === 'text');
  const found: string[] = [];
  for (const [index, item] of texts.entries()) {
    for (const other of drawing.items) {
      if (other.kind === 'rect') {
        const box = {
          left: other.x,
          right: other.x + other.width,
          top: other.y,
          bottom: other.y + other.height,
        };
        if (intersect(textBox(item), box)) {
          found.push(`"${item.text}" overlaps the rectangle at ${other.x},${other.y}`);
        }
      }
    }
    for (const other of texts.slice(index + 1)) {
      if (intersect(textBox(item), textBox(other))) {
        found.push(`"${item.text}" overlaps "${other.text}"`);
      }
    }
  }
  return found;
}

/** Decodes an 8-bit greyscale PNG, the format zpl-renderer-js writes, into rows of grey values. */
function readGreyPng(png: Buffer): { width: number; height: number; grey: (x: number, y: number) => number } {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  expect({ bitDepth: png[24], colourType: png[25], interlace: png[28] }).toEqual({
    bitDepth: 8,
    colourType: 0,
    interlace: 0,
  });
  const data: Buffer[] = [];
  for (let offset = 8; offset < png.length;) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    if (type === 'IDAT') {
      data.push(png.subarray(offset + 8, offset + 8 + length));
    }
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const pixels = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (width + 1)]!;
    for (let x = 0; x < width; x++) {
      const value = raw[y * (width + 1) + 1 + x]!;
      const left = x > 0 ? pixels[y * width + x - 1]! : 0;
      const up = y > 0 ? pixels[(y - 1) * width + x]! : 0;
      const upLeft = x > 0 && y > 0 ? pixels[(y - 1) * width + x - 1]! : 0;
      pixels[y * width + x] = (value + unfilter(filter, left, up, upLeft)) & 0xff;
    }
  }
  return { width, height, grey: (x, y) => pixels[y * width + x]! };
}

/** Returns the predictor of PNG filter types 0–4 for one byte. */
function unfilter(filter: number, left: number, up: number, upLeft: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return left;
    case 2:
      return up;
    case 3:
      return Math.floor((left + up) / 2);
    case 4: {
      // Paeth: the neighbour nearest to left + up - upLeft, ties going to left, then up.
      const estimate = left + up - upLeft;
      const toLeft = Math.abs(estimate - left);
      const toUp = Math.abs(estimate - up);
      const toUpLeft = Math.abs(estimate - upLeft);
      if (toLeft <= toUp && toLeft <= toUpLeft) {
        return left;
      }
      return toUp <= toUpLeft ? up : upLeft;
    }
    default:
      throw new Error(`PNG filter type ${filter} is not defined`);
  }
}

describe('calibration label layout with the label font', () => {
  it.each(CASES)(
    'keeps text clear of ticks, the cross and other text on %s',
    (_name, widthMm, heightMm, dpi) => {
      const drawing = buildCalibrationLabel(singleProfile(widthMm, heightMm, dpi), metrics);
      expect(overlaps(drawing)).toEqual([]);
    },
  );

  it.each([203, 300] as const)('keeps text clear on the 3-across example profile at %i dpi', (dpi) => {
    const drawing = buildCalibrationLabel({ ...THREE_ACROSS, dpi }, metrics);
    expect(overlaps(drawing)).toEqual([]);
    const texts = drawing.items.flatMap((item) => (item.kind === 'text' ? [item.text] : []));
    expect(texts.join(' ')).toMatch(/Xprinter XP-360B/);
  });
});

describe('calibrationEntry', () => {
  it('prints one label in every column', () => {
    expect(calibrationEntry(THREE_ACROSS, metrics).count).toBe(3);
    expect(calibrationEntry(singleProfile(50, 30, 203), metrics).count).toBe(1);
  });
});

describe('calibrationBytes on a 3-across roll', () => {
  // Columns start at the x offset plus one label and one gap per column before them.
  const columnLefts = (profile: PrinterProfile) =>
    [0, 1, 2].map((column) =>
      millimetresToWholeDots(
        profile.offsetMm.x + column * (profile.label.widthMm + profile.columnGapMm),
        profile.dpi,
      ),
    );

  it('draws the border and top ruler of every column in ZPL', async () => {
    const zpl = (await calibrationBytes('zpl', { ...THREE_ACROSS, mode: 'zpl' }, metrics)).toString('latin1');
    const width = millimetresToWholeDots(33, 203);
    const height = millimetresToWholeDots(15, 203);
    for (const left of columnLefts(THREE_ACROSS)) {
      expect(zpl).toContain(`^FO${left},0^GB1,${height},1^FS`);
      expect(zpl).toContain(`^FO${left + width - 1},0^GB1,${height},1^FS`);
      expect(zpl).toContain(`^FO${left},0^GB${width},1,1^FS`);
      // The 10 mm tick of the top ruler.
      expect(zpl).toContain(`^FO${left + millimetresToWholeDots(10, 203)},1^GB1,24,1^FS`);
    }
    expect(zpl).toContain('^PQ1');
  });

  it('draws the border of every column in TSPL', async () => {
    const tspl = (await calibrationBytes('tspl', THREE_ACROSS, metrics)).toString('latin1');
    const width = millimetresToWholeDots(33, 203);
    const height = millimetresToWholeDots(15, 203);
    for (const left of columnLefts(THREE_ACROSS)) {
      expect(tspl).toContain(`BAR ${left},0,1,${height}`);
      expect(tspl).toContain(`BAR ${left + width - 1},0,1,${height}`);
    }
    expect(tspl).toMatch(/^PRINT 1,1\r?$/m);
  });
});

// zpl-renderer-js wraps zebrash, a ZPL renderer independent of the app's layout, so the PNGs show what a
// Zebra printer would print from the generated ZPL.
describe('calibration ZPL rendered back', () => {
  const profiles: Array<[string, PrinterProfile]> = [
    ['3up-33x15-203', { ...THREE_ACROSS, mode: 'zpl' }],
    ['3up-33x15-300', { ...THREE_ACROSS, mode: 'zpl', dpi: 300 }],
    ...SIZES.flatMap(([widthMm, heightMm]) =>
      ([203, 300] as const).map(
        (dpi) =>
          [`${widthMm}x${heightMm}-${dpi}`, singleProfile(widthMm, heightMm, dpi)] as [
            string,
            PrinterProfile,
          ],
      ),
    ),
  ];

  it.each(profiles)('prints the left and right border of every column for %s', async (name, profile) => {
    const { api } = await ready;
    const zpl = (await calibrationBytes('zpl', profile, metrics)).toString('utf8');
    const pageWidthMm = rowWidthMm(profile) + profile.offsetMm.x + 1;
    const dotsPerMm = profile.dpi === 203 ? 8 : 12;
    const png = Buffer.from(
      await api.zplToBase64Async(zpl, pageWidthMm, profile.label.heightMm, dotsPerMm),
      'base64',
    );
    await mkdir(SCREENSHOT_FOLDER, { recursive: true });
    await writeFile(join(SCREENSHOT_FOLDER, `calibration-${name}.png`), png);

    const image = readGreyPng(png);
    const width = millimetresToWholeDots(profile.label.widthMm, profile.dpi);
    const middleRow = Math.floor(millimetresToWholeDots(profile.label.heightMm, profile.dpi) * 0.75);
    // zebrash centres the ^PW print width in a wider image, so the first dark dot of the top border
    // gives the image's x for dot 0 of the row.
    let firstDark = 0;
    while (firstDark < image.width && image.grey(firstDark, 0) >= 128) {
      firstDark++;
    }
    const shift = firstDark - millimetresToWholeDots(profile.offsetMm.x, profile.dpi);
    for (let column = 0; column < profile.columns; column++) {
      const left =
        shift +
        millimetresToWholeDots(
          profile.offsetMm.x + column * (profile.label.widthMm + profile.columnGapMm),
          profile.dpi,
        );
      expect(image.grey(left, middleRow), `left border of column ${column + 1}`).toBeLessThan(128);
      // zebrash renders 300-dpi jobs at 12 dots/mm rather than 11.8 and clips the row at its own idea of
      // ^PW, which cuts the last column's right edge. At 203 dpi (exactly 8 dots/mm) every border is checked.
      if (profile.dpi === 203 || column < profile.columns - 1) {
        expect(image.grey(left + width - 1, middleRow), `right border of column ${column + 1}`).toBeLessThan(
          128,
        );
        expect(
          image.grey(left + width + 1, middleRow),
          `liner right of column ${column + 1}`,
        ).toBeGreaterThan(127);
      } else {
        expect(profile.dpi).toBe(300);
      }
    }
  });
});
