import { describe, expect, it } from 'vitest';
import type { JobEntry } from '../../../shared/labels/job.ts';
import type { BarcodeItem, LabelDrawing, TextItem } from '../../../shared/labels/types.ts';
import {
  printerProfileSchema,
  type PrinterProfile,
  type PrinterProfileInput,
} from '../../../shared/printing/profile.ts';
import { buildRawJob } from '../../../electron/printing/raw-job.ts';
import { code128FieldData, zplField } from '../../../electron/printing/zpl.ts';
import { barcodeItem } from '../pdf/sample-drawings.ts';

// Expected bytes below were worked out by hand from the ZPL II Programming Guide. ^FO is the field's
// top-left corner and ^FT the baseline's left end. In Code 128 field data `>:` and `>;` start subsets B
// and C, `>5` and `>6` switch to C and B. Dots are millimetres × 203 / 25.4, rounded.

function zplProfile(overrides: Partial<PrinterProfileInput> = {}): PrinterProfile {
  return printerProfileSchema.parse({
    id: 'test-zpl',
    name: 'Test ZPL',
    queue: 'test',
    mode: 'zpl',
    dpi: 203,
    label: { widthMm: 50, heightMm: 30, gapMm: 2 },
    ...overrides,
  });
}

function text(
  value: string,
  at: { x: number; y: number; fontSize: number } = { x: 30.4, y: 140.6, fontSize: 22.56 },
): TextItem {
  return { kind: 'text', role: 'name', text: value, ...at, width: 200 };
}

function drawing(...items: LabelDrawing['items']): LabelDrawing {
  return { dpi: 203, widthDots: 399.6, heightDots: 239.8, items };
}

function entry(label: LabelDrawing, count: number, lineNumber = 1): JobEntry {
  return { lineNumber, code: 'X', count, drawing: label, drawingKey: `line-${lineNumber}` };
}

async function zplOf(label: LabelDrawing, count = 1, profile = zplProfile()): Promise<string> {
  const job = await buildRawJob('zpl', [entry(label, count)], profile);
  return job.chunks[0]!.bytes.toString('utf8');
}

const code128 = (data: string, moduleDots = 2): BarcodeItem =>
  barcodeItem('code128', data, { x: 40, y: 20, moduleDots, height: 80 });

describe('zplField', () => {
  it('hex-escapes caret, tilde and underscore', () => {
    expect(zplField('A^B~C_D')).toBe('^FH_^FDA_5EB_7EC_5FD^FS');
  });

  it('hex-escapes control characters and keeps other text', () => {
    expect(zplField('a\tb\u007fc')).toBe('^FH_^FDa_09b_7Fc^FS');
    expect(zplField('Kopi "Toraja" 100%')).toBe('^FH_^FDKopi "Toraja" 100%^FS');
    expect(zplField('Кофе')).toBe('^FH_^FDКофе^FS');
  });
});

describe('code128FieldData', () => {
  it('switches to subset C for digits', () => {
    // JsBarcode encodes AB-1 in subset B, then 2345 as the digit pairs 23 and 45.
    expect(code128FieldData(code128('AB-12345'))).toBe('>:AB-1>52345');
  });

  it('starts in subset C for leading digits', () => {
    expect(code128FieldData(code128('200542'))).toBe('>;200542');
  });

  it('writes subset A segments in subset B', () => {
    // JsBarcode switches from C to subset A for "AB"; subset B contains the same letters.
    expect(code128FieldData(code128('1234AB'))).toBe('>;1234>6AB');
    expect(code128FieldData(code128('12345'))).toBe('>;1234>65');
  });

  it('uses invocation codes for > ^ ~', () => {
    expect(code128FieldData(code128('A>B^C~D_E'))).toBe('>:A>0B><C>=D_E');
  });

  it('rejects bars that are not Code 128', () => {
    const broken = code128('AB-12345');
    broken.bars = broken.bars.slice(1);
    expect(code128FieldData(broken)).toBeNull();
  });
});

describe('zplGenerator', () => {
  it('writes the set-up format', async () => {
    const job = await buildRawJob('zpl', [entry(drawing(), 1)], zplProfile());
    expect(job.header.toString('ascii')).toBe(
      '~SD16\n^XA\n^PW400\n^LL240\n^LH0,0\n^PON\n^PR3\n^MNY\n^CI0\n^XZ\n',
    );
  });

  it('writes one format with ^PQ copies', async () => {
    const zpl = await zplOf(drawing(code128('AB-12345'), text('Kopi "Toraja" 250g')), 5);
    expect(zpl).toBe(
      [
        '^XA',
        '^FO40,20^BY2^BCN,80,N,N,N^FH_^FD>:AB-1>52345^FS',
        '^FT30,141^A0N,23,23^FH_^FDKopi "Toraja" 250g^FS',
        '^PQ5',
        '^XZ',
        '',
      ].join('\n'),
    );
  });

  it('escapes text and Code 128 data with ^FH', async () => {
    const zpl = await zplOf(drawing(code128('A>B^C~D_E'), text('A^B~C_D')));
    expect(zpl).toContain('^BCN,80,N,N,N^FH_^FD>:A>0B><C>=D_5FE^FS');
    expect(zpl).toContain('^A0N,23,23^FH_^FDA_5EB_7EC_5FD^FS');
  });

  it('writes each symbology command', async () => {
    const at = { x: 40, y: 20, moduleDots: 3, height: 80 };
    const ean13 = await zplOf(drawing(barcodeItem('ean13', '8991111222233', at)));
    const ean8 = await zplOf(drawing(barcodeItem('ean8', '89900017', at)));
    const upca = await zplOf(drawing(barcodeItem('upca', '049634060004', at)));
    const code = await zplOf(drawing(barcodeItem('code128', 'TSK-PRK-01', at)));
    // EAN and UPC leave the check digit to the printer.
    expect(ean13).toContain('^FO40,20^BY3^BEN,80,N,N^FH_^FD899111122223^FS');
    expect(ean8).toContain('^FO40,20^BY3^B8N,80,N,N^FH_^FD8990001^FS');
    expect(upca).toContain('^FO40,20^BY3^BUN,80,N,N,Y^FH_^FD04963406000^FS');
    expect(code).toContain('^FO40,20^BY3^BCN,80,N,N,N^FH_^FD>:TSK-PRK-01^FS');
  });

  it('prints oversized modules as boxes', async () => {
    const wide = barcodeItem('code128', 'A1', { x: 5, y: 20, moduleDots: 11, height: 80 });
    const zpl = await zplOf(drawing(wide));
    expect(zpl).not.toContain('^BC');
    expect(zpl.match(/\^GB/g)).toHaveLength(wide.bars.length);
    const first = wide.bars[0]!;
    expect(zpl).toContain(`^FO${first.x},20^GB${first.width},80,${first.width}^FS`);
  });

  it('sends UTF-8 text after ^CI28', async () => {
    const name = 'Кофе 250 г';
    const job = await buildRawJob('zpl', [entry(drawing(text(name)), 1)], zplProfile({ utf8Text: true }));
    const bytes = job.chunks[0]!.bytes;
    expect(bytes.toString('utf8').startsWith('^XA\n^CI28\n^FT30,141^A0N,23,23')).toBe(true);
    expect(bytes.includes(Buffer.from(`^FD${name}^FS`, 'utf8'))).toBe(true);
  });

  it('omits ^CI28 for ASCII text', async () => {
    const zpl = await zplOf(drawing(text('Kopi 250 g')), 1, zplProfile({ utf8Text: true }));
    expect(zpl).not.toContain('^CI28');
  });

  it('draws non-ASCII text without UTF-8 as graphics', async () => {
    const job = await buildRawJob('zpl', [entry(drawing(text('Кофе 250 г')), 1)], zplProfile());
    const zpl = job.chunks[0]!.bytes.toString('latin1');
    expect(zpl).toMatch(/\^FO\d+,\d+\^GFA,(\d+),\1,\d+,[0-9A-F]+\^FS/);
    expect(zpl).not.toContain('^CI28');
    expect(zpl).not.toContain('^A0');
    expect([...job.chunks[0]!.bytes].every((byte) => byte < 0x80)).toBe(true);
  });

  it('prints ink as 1 bits in graphic fields', async () => {
    // U+2588 FULL BLOCK is solid ink more than 8 dots wide, so every row starts with FF.
    const zpl = await zplOf(drawing(text('\u2588')));
    const [, total, rowBytes, hex] = /\^GFA,(\d+),\d+,(\d+),([0-9A-F]+)\^FS/.exec(zpl)!;
    const rowLength = Number(rowBytes) * 2;
    expect(hex!.length).toBe(Number(total) * 2);
    const rows = hex!.match(new RegExp(`.{${rowLength}}`, 'g'))!;
    expect(rowLength).toBeGreaterThan(2);
    expect(rows.map((row) => row.slice(0, 2))).toEqual(Array(rows.length).fill('FF'));
    // Padding after the ink's right edge stays blank: each row ends with a 0 bit.
    expect(parseInt(rows[0]!.slice(-1), 16) & 1).toBe(0);
  });

  it('draws all text as graphics with rasterText', async () => {
    const zpl = await zplOf(drawing(text('Kopi 250 g')), 1, zplProfile({ rasterText: true }));
    expect(zpl).toContain('^GFA,');
    expect(zpl).not.toContain('^A0');
  });

  it('keeps size when quantity grows', async () => {
    const label = drawing(code128('AB-12345'), text('Kopi 250 g'));
    const ten = await zplOf(label, 10);
    const tenThousand = await zplOf(label, 10_000);
    expect(tenThousand.length - ten.length).toBe(3);
    expect(tenThousand.replace('^PQ10000', '^PQ10')).toBe(ten);
  });

  it('applies profile offset and darkness', async () => {
    // 1 mm is 8 dots and -0.5 mm is -4 dots at 203 dpi.
    const profile = zplProfile({ offsetMm: { x: 1, y: -0.5 }, darkness: 24 });
    const job = await buildRawJob('zpl', [entry(drawing(code128('AB-12345'), text('Kopi')), 1)], profile);
    const zpl = job.chunks[0]!.bytes.toString('utf8');
    expect(job.header.toString('ascii').startsWith('~SD24\n')).toBe(true);
    expect(zpl).toContain('^FO48,16^BY2^BCN');
    expect(zpl).toContain('^FT38,137^A0N,23,23');
  });

  it('clamps fields at the left edge', async () => {
    const profile = zplProfile({ offsetMm: { x: -10, y: 0 } });
    const zpl = await zplOf(drawing(text('Kopi')), 1, profile);
    expect(zpl).toContain('^FT0,141^A0N');
  });

  it('prints multi-column rows, then the rest', async () => {
    const profile = zplProfile({
      label: { widthMm: 33, heightMm: 15, gapMm: 2 },
      columns: 3,
      columnGapMm: 2,
    });
    const small: LabelDrawing = {
      dpi: 203,
      widthDots: 263.8,
      heightDots: 119.9,
      items: [text('A', { x: 10, y: 30, fontSize: 14 })],
    };
    const job = await buildRawJob('zpl', [entry(small, 7)], profile);
    // Columns start 35 mm apart: 0, 279.7 and 559.4 dots.
    expect(job.header.toString('ascii')).toContain('^PW823\n^LL120\n');
    expect(job.chunks[0]!.bytes.toString('utf8')).toBe(
      [
        '^XA',
        '^FT10,30^A0N,14,14^FH_^FDA^FS',
        '^FT290,30^A0N,14,14^FH_^FDA^FS',
        '^FT569,30^A0N,14,14^FH_^FDA^FS',
        '^PQ2',
        '^XZ',
        '^XA',
        '^FT10,30^A0N,14,14^FH_^FDA^FS',
        '^PQ1',
        '^XZ',
        '',
      ].join('\n'),
    );
  });
});
