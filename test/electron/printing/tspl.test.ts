import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import type { JobEntry } from '../../../shared/labels/job.ts';
import type { BarcodeItem, LabelDrawing, TextItem } from '../../../shared/labels/types.ts';
import {
  printerProfileSchema,
  type PrinterProfile,
  type PrinterProfileInput,
} from '../../../shared/printing/profile.ts';
import { buildRawJob } from '../../../electron/printing/raw-job.ts';
import { tsplString } from '../../../electron/printing/tspl.ts';
import { barcodeItem } from '../pdf/sample-drawings.ts';

// Expected bytes were worked out by hand from the TSPL/TSPL2 manual. TEXT's y is the top of the line,
// here the baseline minus 0.8 × the font size. Font "0" takes its size in points (dots × 72 / 203), and
// EAN13, EAN8 and UPCA take the code without its check digit.

const execFileAsync = promisify(execFile);

function tsplProfile(overrides: Partial<PrinterProfileInput> = {}): PrinterProfile {
  return printerProfileSchema.parse({
    id: 'test-tspl',
    name: 'Test TSPL',
    queue: 'test',
    mode: 'tspl',
    dpi: 203,
    label: { widthMm: 50, heightMm: 30, gapMm: 2 },
    ...overrides,
  });
}

function text(value: string): TextItem {
  return { kind: 'text', role: 'name', text: value, x: 30.4, y: 140.6, fontSize: 22.56, width: 200 };
}

function drawing(...items: LabelDrawing['items']): LabelDrawing {
  return { dpi: 203, widthDots: 399.6, heightDots: 239.8, items };
}

function entry(label: LabelDrawing, count: number): JobEntry {
  return { lineNumber: 1, code: 'X', count, drawing: label, drawingKey: 'line-1' };
}

const code128 = (data: string): BarcodeItem =>
  barcodeItem('code128', data, { x: 40, y: 20, moduleDots: 2, height: 80 });

async function tsplOf(label: LabelDrawing, count = 1, profile = tsplProfile()): Promise<Buffer> {
  const job = await buildRawJob('tspl', [entry(label, count)], profile);
  return job.chunks[0]!.bytes;
}

interface TsplCommand {
  /** The command line without its CR LF; for BITMAP only the part before the binary data. */
  text: string;
  bitmap?: { x: number; y: number; widthBytes: number; height: number; data: Buffer };
}

/**
 * Splits TSPL output into commands, checking that each one ends with CR LF and contains no other
 * line break. BITMAP's binary data is skipped by its declared size, as the printer reads it.
 */
function tsplCommands(bytes: Buffer): TsplCommand[] {
  const commands: TsplCommand[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const head = /^BITMAP (\d+),(\d+),(\d+),(\d+),0,/.exec(
      bytes.subarray(offset, offset + 64).toString('latin1'),
    );
    if (head !== null) {
      const [x, y, widthBytes, height] = head.slice(1, 5).map(Number) as [number, number, number, number];
      const start = offset + head[0].length;
      const end = start + widthBytes * height;
      expect(bytes.subarray(end, end + 2).toString('latin1')).toBe('\r\n');
      commands.push({
        text: head[0],
        bitmap: { x, y, widthBytes, height, data: bytes.subarray(start, end) },
      });
      offset = end + 2;
      continue;
    }
    const lineEnd = bytes.indexOf('\r\n', offset);
    expect(lineEnd).toBeGreaterThanOrEqual(offset);
    const line = bytes.subarray(offset, lineEnd).toString('utf8');
    expect(line).not.toMatch(/[\r\n]/);
    commands.push({ text: line });
    offset = lineEnd + 2;
  }
  return commands;
}

/** Share of dots a TSPL bitmap prints; TSPL prints its 0 bits. */
function printedShare(bitmap: NonNullable<TsplCommand['bitmap']>): number {
  let zeros = 0;
  for (const byte of bitmap.data) {
    for (let bit = 0; bit < 8; bit++) {
      zeros += (byte >> bit) & 1 ? 0 : 1;
    }
  }
  return zeros / (bitmap.data.length * 8);
}

describe('tsplString', () => {
  it('escapes double quotes the TSPL way', () => {
    expect(tsplString('Kopi "Toraja" 250g')).toBe('"Kopi \\["]Toraja\\["] 250g"');
  });

  it('rejects escape-like text', () => {
    expect(tsplString('C:\\[x]')).toBeNull();
    expect(tsplString('a\tb')).toBeNull();
    expect(tsplString('back\\slash')).toBe('"back\\slash"');
  });
});

describe('tsplGenerator', () => {
  it('writes the set-up header', async () => {
    const job = await buildRawJob('tspl', [entry(drawing(), 1)], tsplProfile());
    expect(job.header.toString('ascii')).toBe(
      'SIZE 50 mm,30 mm\r\nGAP 2 mm,0 mm\r\nDIRECTION 1\r\nREFERENCE 0,0\r\nDENSITY 8\r\nSPEED 3\r\n',
    );
  });

  it('writes a label with PRINT copies', async () => {
    const tspl = await tsplOf(drawing(code128('AB-12345'), text('Kopi "Toraja" 250g')), 5);
    expect(tspl.toString('utf8')).toBe(
      [
        'CLS',
        'BARCODE 40,20,"128",80,0,0,2,2,"AB-12345"',
        'TEXT 30,123,"0",0,8,8,"Kopi \\["]Toraja\\["] 250g"',
        'PRINT 1,5',
        '',
      ].join('\r\n'),
    );
  });

  it('writes each symbology command', async () => {
    const at = { x: 40, y: 20, moduleDots: 3, height: 80 };
    const commands = async (symbology: BarcodeItem['symbology'], data: string): Promise<string> =>
      (await tsplOf(drawing(barcodeItem(symbology, data, at)))).toString('ascii');
    expect(await commands('ean13', '8991111222233')).toContain(
      'BARCODE 40,20,"EAN13",80,0,0,3,3,"899111122223"\r\n',
    );
    expect(await commands('ean8', '89900017')).toContain('BARCODE 40,20,"EAN8",80,0,0,3,3,"8990001"\r\n');
    expect(await commands('upca', '049634060004')).toContain(
      'BARCODE 40,20,"UPCA",80,0,0,3,3,"04963406000"\r\n',
    );
    expect(await commands('code128', 'TSK-PRK-01')).toContain(
      'BARCODE 40,20,"128",80,0,0,3,3,"TSK-PRK-01"\r\n',
    );
  });

  it('ends every line with CR LF', async () => {
    const label = drawing(code128('AB-12345'), text('Kopi "Toraja" 250g'), text('Кофе 250 г'));
    const commands = tsplCommands(await tsplOf(label, 3));
    expect(commands.map((command) => command.text.split(' ')[0])).toEqual([
      'CLS',
      'BITMAP',
      'BARCODE',
      'TEXT',
      'PRINT',
    ]);
  });

  it('sends UTF-8 text after CODEPAGE', async () => {
    const name = 'Кофе 250 г';
    const profile = tsplProfile({ utf8Text: true });
    const job = await buildRawJob('tspl', [entry(drawing(text(name)), 1)], profile);
    expect(job.header.toString('ascii').endsWith('SPEED 3\r\nCODEPAGE UTF-8\r\n')).toBe(true);
    expect(job.chunks[0]!.bytes.includes(Buffer.from(`TEXT 30,123,"0",0,8,8,"${name}"\r\n`, 'utf8'))).toBe(
      true,
    );
  });

  it('draws non-ASCII text without UTF-8 as bitmap', async () => {
    const name = 'Кофе 250 г';
    const job = await buildRawJob('tspl', [entry(drawing(text(name)), 1)], tsplProfile());
    const commands = tsplCommands(job.chunks[0]!.bytes);
    expect(job.header.toString('ascii')).not.toContain('CODEPAGE');
    expect(commands.map((command) => command.text.split(' ')[0])).toEqual(['CLS', 'BITMAP', 'PRINT']);
    // Outside the bitmap's binary data every byte is ASCII, and no letter of the name is sent as text.
    expect(commands.every((command) => /^[\x20-\x7e]*$/.test(command.text))).toBe(true);
    expect(job.chunks[0]!.bytes.includes(Buffer.from('Кофе', 'utf8'))).toBe(false);
    // The bitmap starts at the text's left edge and its ink sits around the baseline.
    const bitmap = commands[1]!.bitmap!;
    expect(Math.abs(bitmap.x - 30)).toBeLessThanOrEqual(3);
    expect(bitmap.y).toBeLessThan(141);
    expect(bitmap.y + bitmap.height).toBeGreaterThan(141);
    // Text ink covers a minority of its box; with the polarity reversed it would be the majority.
    expect(printedShare(bitmap)).toBeGreaterThan(0.1);
    expect(printedShare(bitmap)).toBeLessThan(0.5);
  });

  it('prints ink as 0 bits in bitmaps', async () => {
    // U+2588 FULL BLOCK is solid ink more than 8 dots wide, so every row starts with a 0 byte.
    const bitmap = tsplCommands(await tsplOf(drawing(text('\u2588'))))[1]!.bitmap!;
    expect(bitmap.widthBytes).toBeGreaterThan(1);
    const firstBytes = Array.from(
      { length: bitmap.height },
      (_, row) => bitmap.data[row * bitmap.widthBytes],
    );
    expect(firstBytes).toEqual(Array(bitmap.height).fill(0x00));
    // Padding after the ink's right edge stays blank: the last bit of each row is 1.
    expect(bitmap.data[bitmap.widthBytes - 1]! & 1).toBe(1);
  });

  it('draws escape-like text as bitmap', async () => {
    const commands = tsplCommands(await tsplOf(drawing(text('C:\\[x]'))));
    expect(commands.map((command) => command.text.split(' ')[0])).toEqual(['CLS', 'BITMAP', 'PRINT']);
  });

  it('keeps size when quantity grows', async () => {
    const label = drawing(code128('AB-12345'), text('Kopi 250 g'));
    const ten = (await tsplOf(label, 10)).toString('ascii');
    const tenThousand = (await tsplOf(label, 10_000)).toString('ascii');
    expect(tenThousand.length - ten.length).toBe(3);
    expect(tenThousand.replace('PRINT 1,10000', 'PRINT 1,10')).toBe(ten);
  });

  it('applies profile offset, density and speed', async () => {
    const profile = tsplProfile({ offsetMm: { x: 1, y: -0.5 }, darkness: 24, speed: 1.5 });
    const job = await buildRawJob('tspl', [entry(drawing(code128('AB-12345'), text('Kopi')), 1)], profile);
    const tspl = job.chunks[0]!.bytes.toString('ascii');
    expect(job.header.toString('ascii')).toContain('DENSITY 12\r\nSPEED 1.5\r\n');
    expect(tspl).toContain('BARCODE 48,16,"128"');
    expect(tspl).toContain('TEXT 38,119,"0"');
  });

  it('prints multi-column rows, then the rest', async () => {
    const profile = tsplProfile({
      label: { widthMm: 33, heightMm: 15, gapMm: 2 },
      columns: 3,
      columnGapMm: 2,
      offsetMm: { x: 1, y: 0 },
    });
    const label: LabelDrawing = {
      dpi: 203,
      widthDots: 263.8,
      heightDots: 119.9,
      items: [{ kind: 'text', role: 'code', text: 'A', x: 10, y: 30, fontSize: 14, width: 8 }],
    };
    const job = await buildRawJob('tspl', [entry(label, 4)], profile);
    // The row is 103 mm, and the 1 mm offset to the right widens the print area to 104 mm.
    expect(job.header.toString('ascii').startsWith('SIZE 104 mm,15 mm\r\nGAP 2 mm,0 mm\r\n')).toBe(true);
    // Columns start at 1, 36 and 71 mm: 8, 288 and 567 dots. 14 dots is 5 points.
    expect(job.chunks[0]!.bytes.toString('ascii')).toBe(
      [
        'CLS',
        'TEXT 18,19,"0",0,5,5,"A"',
        'TEXT 298,19,"0",0,5,5,"A"',
        'TEXT 577,19,"0",0,5,5,"A"',
        'PRINT 1,1',
        'CLS',
        'TEXT 18,19,"0",0,5,5,"A"',
        'PRINT 1,1',
        '',
      ].join('\r\n'),
    );
  });

  it('prints scannable bars for special data', async () => {
    const data = 'A"B!C\\D';
    const barcode = code128(data);
    const label = drawing(barcode, text('Кофе \u2588'));
    const commands = tsplCommands(await tsplOf(label));
    expect(commands.some((command) => command.text.startsWith('BARCODE'))).toBe(false);
    expect(commands.filter((command) => command.text.startsWith('BAR '))).toHaveLength(barcode.bars.length);

    // Renders the BAR and BITMAP commands back to an image, as a printer would, and reads it.
    const png = renderTspl(commands, 400, 240);
    const dir = await mkdtemp(join(tmpdir(), 'tspl-render-'));
    try {
      const path = join(dir, 'label.png');
      await writeFile(path, png.image);
      const { stdout } = await execFileAsync('zbarimg', ['--raw', '-q', path]);
      expect(stdout.trim()).toBe(data);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    // The full block ends the text line, so a few dots above the baseline its last 8 dots print black.
    const bitmap = commands.find((command) => command.bitmap)!.bitmap!;
    let right = bitmap.x + bitmap.widthBytes * 8 - 1;
    while (right > bitmap.x && !png.isBlack(right, 136)) {
      right -= 1;
    }
    const run = Array.from({ length: 8 }, (_, index) => png.isBlack(right - index, 136));
    expect(run).toEqual(Array(8).fill(true));
  });
});

/** Draws TSPL BAR and BITMAP commands on white, dots as pixels; other commands are ignored. */
function renderTspl(
  commands: TsplCommand[],
  width: number,
  height: number,
): { image: Buffer; isBlack: (x: number, y: number) => boolean } {
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#000000';
  for (const command of commands) {
    const bar = /^BAR (\d+),(\d+),(\d+),(\d+)$/.exec(command.text);
    if (bar !== null) {
      const [x, y, w, h] = bar.slice(1).map(Number) as [number, number, number, number];
      context.fillRect(x, y, w, h);
    }
    const bitmap = command.bitmap;
    if (bitmap !== undefined) {
      for (let row = 0; row < bitmap.height; row++) {
        for (let column = 0; column < bitmap.widthBytes * 8; column++) {
          const byte = bitmap.data[row * bitmap.widthBytes + (column >> 3)]!;
          if ((byte & (0x80 >> (column & 7))) === 0) {
            context.fillRect(bitmap.x + column, bitmap.y + row, 1, 1);
          }
        }
      }
    }
  }
  const pixels = context.getImageData(0, 0, width, height).data;
  return {
    image: canvas.toBuffer('image/png'),
    isBlack: (x, y) => pixels[(y * width + x) * 4]! < 128,
  };
}
