import { IntlMessageFormat } from 'intl-messageformat';
import { en, type MessageKey } from './en.ts';
import { id } from './id.ts';

export type { MessageKey } from './en.ts';

export const LOCALES = ['id', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Values for a message's ICU placeholders. */
export type MessageParams = Record<string, string | number>;

const catalogues: Record<Locale, Record<MessageKey, string>> = { en, id };

/** BCP 47 tags used for numbers, dates and Rupiah in each locale. */
export const INTL_LOCALE: Record<Locale, string> = { id: 'id-ID', en: 'en-US' };

const formatCache = new Map<string, IntlMessageFormat>();

/** Formats the catalogue message `key` in `locale`, filling ICU placeholders from `params`. */
export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const cacheKey = `${locale}\u0000${key}`;
  let format = formatCache.get(cacheKey);
  if (format === undefined) {
    format = new IntlMessageFormat(catalogues[locale][key], INTL_LOCALE[locale]);
    formatCache.set(cacheKey, format);
  }
  return String(format.format(params));
}

/** Checks whether `key` names a message in the catalogues, for codes that arrive as plain strings. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/**
 * Picks Indonesian or English from POSIX locale variables or a BCP 47 tag (`id_ID.UTF-8`, `id-ID`, `in`).
 * Anything that is not Indonesian falls back to English.
 */
export function localeFromTag(tag: string | undefined | null): Locale {
  if (tag === undefined || tag === null) {
    return 'en';
  }
  const language = tag
    .trim()
    .toLowerCase()
    .split(/[-_.@]/)[0];
  // Old Java and Android code reports Indonesian as "in".
  return language === 'id' || language === 'in' ? 'id' : 'en';
}

// Building an Intl.NumberFormat costs far more than using one, and labels format a price per line.
const rupiahFormat = new Intl.NumberFormat('id-ID', {
  style: 'currency',
  currency: 'IDR',
  minimumFractionDigits: 0,
  maximumFractionDigits: 0,
});

/** Formats a Rupiah amount the way Indonesian price tags write it: `Rp 189.000`, no decimals. */
export function formatRupiah(amount: number): string {
  const formatted = rupiahFormat.format(amount);
  // Intl puts a no-break space after "Rp"; labels and text extraction expect a plain space.
  return formatted.replace(/\u00a0/g, ' ');
}

const countFormats = new Map<Locale, Intl.NumberFormat>();

/** Formats a count with the locale's digit grouping (`45.000` in Indonesian, `45,000` in English). */
export function formatCount(locale: Locale, value: number): string {
  // Building a formatter costs about a millisecond, too much for every row of a table being redrawn.
  let format = countFormats.get(locale);
  if (format === undefined) {
    format = new Intl.NumberFormat(INTL_LOCALE[locale]);
    countFormats.set(locale, format);
  }
  return format.format(value);
}
