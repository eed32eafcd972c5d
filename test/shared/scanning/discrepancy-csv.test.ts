import { describe, expect, it } from 'vitest';
import { readDocumentLines } from '../../../shared/labels/lines.ts';
import { discrepancyCsv, discrepancyCsvText } from '../../../shared/scanning/discrepancy-csv.ts';
import { ReceivingCheck, type ReceivingSummary } from '../../../shared/scanning/receiving-check.ts';

async function checkedSummary(): Promise<ReceivingSummary> {
  const lines = readDocumentLines([
    { VariantID: 'v1', Name: 'Kaos Polos, Hitam (L)', Code: 'KP-L', Quantity: 3 },
    { VariantID: 'v2', Name: 'Mug "Jogja" 350ml', Code: 'MUG-350', Quantity: 2 },
    { VariantID: 'v3', Name: 'Complete line', Code: 'OK-1', Quantity: 1 },
    { VariantID: 'v4', Name: '=HYPERLINK("http://example.invalid")', Code: '-SALE-1', Quantity: 1 },
    { VariantID: 'v5', Name: 'Baris\ndua', Code: 'NL-1', Quantity: -1 },
  ]);
  const check = new ReceivingCheck(lines);
  for (const code of ['KP-L', 'MUG-350', 'MUG-350', 'MUG-350', 'OK-1', 'NL-1', 'X;1', 'X;1', 'FOUND-1']) {
    check.scan(code);
  }
  await check.resolveUnknownCodes(async (code) => (code === 'FOUND-1' ? 'variant-found' : null));
  return check.summary();
}

describe('discrepancyCsv', () => {
  it('writes short, over, unreadable and unknown rows with an English header', async () => {
    expect(discrepancyCsvText(await checkedSummary(), 'en')).toBe(
      [
        'Line,Code,Name,Expected,Scanned,Difference,Status',
        '1,KP-L,"Kaos Polos, Hitam (L)",3,1,-2,Short',
        '2,MUG-350,"Mug ""Jogja"" 350ml",2,3,1,Over',
        `4,'-SALE-1,"'=HYPERLINK(""http://example.invalid"")",1,0,-1,Short`,
        '5,NL-1,Baris dua,,1,,Document quantity unreadable',
        ',X;1,,,2,,Unknown code',
        ',FOUND-1,,,1,,In DealPOS but not on this document',
        '',
      ].join('\r\n'),
    );
  });

  it('writes the header and statuses in Indonesian', async () => {
    const text = discrepancyCsvText(await checkedSummary(), 'id');
    const rows = text.split('\r\n');
    expect(rows[0]).toBe('Baris,Kode,Nama,Jumlah dokumen,Dipindai,Selisih,Keterangan');
    expect(rows[1]?.endsWith(',Kurang')).toBe(true);
    expect(rows[2]?.endsWith(',Lebih')).toBe(true);
    expect(rows[5]).toBe(',X;1,,,2,,Kode tidak dikenal');
  });

  it('quotes fields that hold the chosen separator', async () => {
    const rows = discrepancyCsvText(await checkedSummary(), 'en', { delimiter: ';' }).split('\r\n');
    expect(rows[1]).toBe('1;KP-L;Kaos Polos, Hitam (L);3;1;-2;Short');
    expect(rows[5]).toBe(';"X;1";;;2;;Unknown code');
  });

  it('quotes line breaks inside a field', () => {
    // readDocumentLines collapses line breaks in names, so this summary is built by hand.
    const summary: ReceivingSummary = {
      lines: [
        {
          lineNumber: 1,
          variantId: null,
          name: 'two\r\nlines',
          code: 'C',
          expected: 1,
          scanned: 0,
          difference: -1,
          status: 'short',
          scannable: true,
          leadingZeroScans: 0,
        },
      ],
      short: [],
      over: [],
      expectedUnknown: [],
      unknownCodes: [],
      totals: {
        lines: 1,
        linesComplete: 0,
        linesShort: 1,
        linesOver: 0,
        expectedUnits: 1,
        scannedUnits: 0,
        shortUnits: 1,
        overUnits: 0,
        unknownScans: 0,
      },
      matches: false,
    };
    expect(discrepancyCsvText(summary, 'en')).toBe(
      'Line,Code,Name,Expected,Scanned,Difference,Status\r\n1,C,"two\r\nlines",1,0,-1,Short\r\n',
    );
  });

  it('starts the file with a UTF-8 byte order mark', async () => {
    const summary = await checkedSummary();
    const bytes = discrepancyCsv(summary, 'id');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.subarray(3))).toBe(discrepancyCsvText(summary, 'id'));
    expect(Buffer.from(bytes.subarray(3, 12)).toString('hex')).toBe(Buffer.from('Baris,Kod').toString('hex'));
  });

  it('writes only the header when everything matches', () => {
    const check = new ReceivingCheck(
      readDocumentLines([{ VariantID: 'v', Name: 'A', Code: 'A', Quantity: 1 }]),
    );
    check.scan('A');
    expect(discrepancyCsvText(check.summary(), 'en')).toBe(
      'Line,Code,Name,Expected,Scanned,Difference,Status\r\n',
    );
  });
});
