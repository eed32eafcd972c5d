import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDocumentLines, resolveLine } from '../../../shared/labels/lines.ts';

const edgeCases = JSON.parse(
  readFileSync(new URL('../../fixtures/dealpos/bill-edge-cases.json', import.meta.url), 'utf8'),
) as { response: Record<string, unknown>[] };

function problemCodes(lineIndex: number): string[] {
  const lines = readDocumentLines(edgeCases.response);
  return lines[lineIndex]!.problems.map((item) => item.code);
}

describe('readDocumentLines', () => {
  it('keeps a normal line as it is', () => {
    const [line] = readDocumentLines(edgeCases.response);
    expect(line).toEqual({
      lineNumber: 1,
      variantId: 'e0000000-0000-4000-8000-000000000201',
      name: 'Normal line',
      code: 'OK-001',
      quantity: 2,
      unitPrice: 10000,
      problems: [],
    });
  });

  it('warns about a null name but keeps the line printable', () => {
    const line = readDocumentLines(edgeCases.response)[1]!;
    expect(line.name).toBe('');
    expect(line.problems).toEqual([{ code: 'name_missing', severity: 'warning', params: { line: 2 } }]);
  });

  it('refuses a line without a code', () => {
    expect(problemCodes(2)).toEqual(['code_missing']);
  });

  it('refuses negative and fractional quantities with the value', () => {
    const lines = readDocumentLines(edgeCases.response);
    expect(lines[3]!.problems).toEqual([
      { code: 'quantity_negative', severity: 'error', params: { line: 4, quantity: '-2' } },
    ]);
    expect(lines[4]!.problems).toEqual([
      { code: 'quantity_fractional', severity: 'error', params: { line: 5, quantity: '2.5' } },
    ]);
  });

  it('refuses a code with a non-ASCII letter and names the position', () => {
    const line = readDocumentLines(edgeCases.response)[6]!;
    expect(line.problems).toEqual([
      {
        code: 'code_not_encodable',
        severity: 'error',
        params: { line: 7, code: 'KOPI-Ñ1', character: '"Ñ" (U+00D1)', position: 6 },
      },
    ]);
  });

  it('trims spaces around a code', () => {
    expect(readDocumentLines(edgeCases.response)[7]!.code).toBe('SP-01');
  });

  it('warns when the same variant appears twice', () => {
    const line = readDocumentLines(edgeCases.response)[8]!;
    expect(line.problems).toEqual([
      { code: 'duplicate_variant', severity: 'warning', params: { line: 9, otherLine: 1 } },
    ]);
  });

  it('refuses a code sent as a JSON number instead of coercing it', () => {
    const line = readDocumentLines(edgeCases.response)[9]!;
    expect(line.code).toBeNull();
    expect(line.problems).toEqual([
      { code: 'code_not_text', severity: 'error', params: { line: 10, type: 'number' } },
    ]);
  });

  it('keeps a leading zero in a code sent as text', () => {
    const [line] = readDocumentLines([{ Name: 'UPC', Code: '047875840614', Quantity: 1 }]);
    expect(line!.code).toBe('047875840614');
  });

  it('refuses a quantity sent as text or missing', () => {
    const lines = readDocumentLines([
      { Name: 'a', Code: 'A1', Quantity: '3' },
      { Name: 'b', Code: 'B1' },
    ]);
    expect(lines[0]!.problems[0]).toMatchObject({ code: 'quantity_invalid', params: { quantity: '"3"' } });
    expect(lines[1]!.problems[0]).toMatchObject({
      code: 'quantity_invalid',
      params: { quantity: 'missing' },
    });
  });

  it('refuses a control character inside a code', () => {
    const [line] = readDocumentLines([{ Name: 'x', Code: '1234\tab', Quantity: 1 }]);
    expect(line!.problems[0]).toMatchObject({
      code: 'code_not_encodable',
      params: { position: 5, character: 'U+0009' },
    });
  });

  it('removes control characters and extra spaces from names', () => {
    const [line] = readDocumentLines([{ Name: ' Kaos\u0000  Polos\n(M) ', Code: 'K1', Quantity: 1 }]);
    expect(line!.name).toBe('Kaos Polos (M)');
  });
});

describe('resolveLine', () => {
  const lines = readDocumentLines(edgeCases.response);

  it('gives one label per unit', () => {
    expect(resolveLine(lines[0]!, undefined)).toEqual({ labels: 2, errors: [] });
  });

  it('gives no labels to an excluded line', () => {
    expect(resolveLine(lines[0]!, { include: false })).toEqual({ labels: 0, errors: [] });
  });

  it('lets a typed quantity replace a fractional one', () => {
    expect(resolveLine(lines[4]!, { quantity: 3 })).toEqual({ labels: 3, errors: [] });
  });

  it('does not let a quantity override hide a code error', () => {
    const resolved = resolveLine(lines[6]!, { quantity: 3 });
    expect(resolved.labels).toBe(0);
    expect(resolved.errors.map((item) => item.code)).toEqual(['code_not_encodable']);
  });

  it('gives zero labels for a zero quantity', () => {
    const [zero] = readDocumentLines([{ Name: 'z', Code: '7701', Quantity: 0 }]);
    expect(resolveLine(zero!, undefined)).toEqual({ labels: 0, errors: [] });
  });
});
