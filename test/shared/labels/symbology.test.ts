import { describe, expect, it } from 'vitest';
import {
  chooseSymbology,
  encodeModules,
  findUnencodableCharacter,
  gs1CheckDigit,
  hasValidGs1CheckDigit,
  minimumModuleDots,
} from '../../../shared/labels/symbology.ts';

describe('gs1CheckDigit', () => {
  it('computes the published check digits', () => {
    expect(gs1CheckDigit('590123412345')).toBe(7);
    expect(gs1CheckDigit('03600029145')).toBe(2);
    expect(gs1CheckDigit('9638507')).toBe(4);
    expect(gs1CheckDigit('04787584061')).toBe(4);
  });

  it('rejects a 13-digit code whose last digit is wrong', () => {
    expect(hasValidGs1CheckDigit('5901234123457')).toBe(true);
    expect(hasValidGs1CheckDigit('5901234123458')).toBe(false);
  });
});

describe('chooseSymbology', () => {
  it('picks EAN-13 for 13 digits with a valid check digit', () => {
    expect(chooseSymbology('5901234123457')).toEqual({ symbology: 'ean13' });
  });

  it('prints a 13-digit code with a wrong check digit as Code 128 and names the right digit', () => {
    expect(chooseSymbology('5901234123458')).toEqual({ symbology: 'code128', expectedCheckDigit: 7 });
  });

  it('keeps a valid 12-digit UPC-A as UPC-A', () => {
    expect(chooseSymbology('036000291452')).toEqual({ symbology: 'upca' });
    expect(chooseSymbology('047875840614')).toEqual({ symbology: 'upca' });
  });

  it('picks EAN-8 for 8 digits with a valid check digit', () => {
    expect(chooseSymbology('96385074')).toEqual({ symbology: 'ean8' });
  });

  it('uses Code 128 for everything else', () => {
    for (const code of ['1315L', '200536', '96385075', '036000291453', 'SKU-0001', '12345678901234']) {
      expect(chooseSymbology(code).symbology).toBe('code128');
    }
  });
});

describe('findUnencodableCharacter', () => {
  it('accepts printable ASCII including inner spaces', () => {
    expect(findUnencodableCharacter('A B~!0')).toBeNull();
  });

  it('reports the first accented letter with its position', () => {
    expect(findUnencodableCharacter('CAFÉ')).toEqual({ position: 4, character: 'É' });
    expect(findUnencodableCharacter('PIÑA-01')).toEqual({ position: 3, character: 'Ñ' });
  });

  it('reports a control character', () => {
    expect(findUnencodableCharacter('1234\tab')).toEqual({ position: 5, character: '\t' });
  });

  it('counts an emoji as one position', () => {
    expect(findUnencodableCharacter('A😀B')).toEqual({ position: 2, character: '😀' });
  });
});

describe('encodeModules', () => {
  it('encodes EAN-13 5901234123457 to its known 95-module pattern', () => {
    expect(encodeModules('5901234123457', 'ean13')).toBe(
      '101' +
        '0001011' +
        '0100111' +
        '0110011' +
        '0010011' +
        '0111101' +
        '0011101' +
        '01010' +
        '1100110' +
        '1101100' +
        '1000010' +
        '1011100' +
        '1001110' +
        '1000100' +
        '101',
    );
  });

  it('encodes UPC-A and EAN-8 to 95 and 67 modules', () => {
    expect(encodeModules('036000291452', 'upca')).toHaveLength(95);
    expect(encodeModules('96385074', 'ean8')).toHaveLength(67);
  });

  it('uses Code 128 subset C for a run of digits', () => {
    // Start C, three digit pairs, check symbol: 5 symbols of 11 modules plus the 13-module stop.
    expect(encodeModules('200536', 'code128')).toHaveLength(5 * 11 + 13);
    // Start C is symbol 105, pattern 11010011100 in the Code 128 symbol table.
    expect(encodeModules('200536', 'code128').slice(0, 11)).toBe('11010011100');
  });

  it('encodes SKU-0001 in 112 modules, switching to subset C for 0001', () => {
    // Start B, four letters, Code C, "00", "01", check: 9 symbols of 11 modules plus the stop.
    expect(encodeModules('SKU-0001', 'code128')).toHaveLength(9 * 11 + 13);
    expect(encodeModules('SKU-0001', 'code128').slice(0, 11)).toBe('11010010000');
  });
});

describe('minimumModuleDots', () => {
  it('allows 2 dots for Code 128 at 203 dpi and keeps the same size at higher dpi', () => {
    expect(minimumModuleDots('code128', 203)).toBe(2);
    expect(minimumModuleDots('code128', 300)).toBe(3);
    expect(minimumModuleDots('code128', 600)).toBe(6);
  });

  it('keeps EAN at 0.25 mm or more, 2 dots at 203 dpi', () => {
    for (const dpi of [203, 300, 600] as const) {
      const millimetres = (minimumModuleDots('ean13', dpi) * 25.4) / dpi;
      expect(millimetres).toBeGreaterThanOrEqual(0.25 - 1e-3);
    }
    expect(minimumModuleDots('ean13', 203)).toBe(2);
    expect(minimumModuleDots('ean13', 300)).toBe(3);
    expect(minimumModuleDots('upca', 203)).toBe(2);
  });
});
