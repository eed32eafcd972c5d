import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../shared/errors.ts';
import { en } from '../../../shared/i18n/en.ts';
import { id } from '../../../shared/i18n/id.ts';
import { formatRupiah, localeFromTag, translate } from '../../../shared/i18n/index.ts';

/** The placeholder names a message uses, found by walking its ICU syntax tree. */
function placeholders(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: MessageFormatElement[]): void => {
    for (const element of elements) {
      if (element.type === TYPE.literal || element.type === TYPE.pound) {
        continue;
      }
      names.add(element.value);
      if (element.type === TYPE.select || element.type === TYPE.plural) {
        for (const option of Object.values(element.options)) {
          walk(option.value);
        }
      }
    }
  };
  walk(parse(message));
  return [...names].sort();
}

describe('message catalogues', () => {
  it('have the same keys in Indonesian and English', () => {
    expect(Object.keys(id).sort()).toEqual(Object.keys(en).sort());
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect({ key, names: placeholders(id[key]) }).toEqual({ key, names: placeholders(en[key]) });
    }
  });

  it('have a message for every error code', () => {
    for (const code of ERROR_CODES) {
      expect(Object.keys(en)).toContain(`errors.${code}`);
    }
  });

  it('have no empty or untranslated Indonesian message', () => {
    const sameOnPurpose = new Set(['app.title', 'errors.usage', 'cli.detail']);
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(id[key].trim()).not.toBe('');
      if (!sameOnPurpose.has(key)) {
        expect({ key, same: id[key] === en[key] }).toEqual({ key, same: false });
      }
    }
  });
});

describe('translate', () => {
  it('fills placeholders and plurals', () => {
    expect(translate('en', 'cli.summary', { lines: 1, labels: 45, refused: 0 })).toBe(
      '1 line, 45 labels written, 0 lines refused.',
    );
    expect(translate('id', 'cli.summary', { lines: 1, labels: 45, refused: 0 })).toBe(
      '1 baris, 45 label ditulis, 0 baris ditolak.',
    );
  });
});

describe('localeFromTag', () => {
  it('reads Indonesian from POSIX and BCP 47 tags', () => {
    for (const tag of ['id_ID.UTF-8', 'id-ID', 'id', 'in_ID', 'ID']) {
      expect(localeFromTag(tag)).toBe('id');
    }
  });

  it('falls back to English', () => {
    for (const tag of ['en_US.UTF-8', 'C', 'fr_FR', '', undefined, null]) {
      expect(localeFromTag(tag)).toBe('en');
    }
  });
});

describe('formatRupiah', () => {
  it('writes Rupiah with dots for thousands, no decimals and a plain space', () => {
    expect(formatRupiah(189000)).toBe('Rp 189.000');
    expect(formatRupiah(1500)).toBe('Rp 1.500');
    expect(formatRupiah(0)).toBe('Rp 0');
  });
});
