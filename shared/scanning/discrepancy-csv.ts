/**
 * The receiving check's discrepancies as CSV: the lines that are short, over or have an unreadable
 * document quantity, in document order, then the codes that are not on the document.
 */

import { translate, type Locale, type MessageKey } from '../i18n/index.ts';
import type { LineStatus, ReceivingSummary, UnknownCodeStatus } from './receiving-check.ts';

/** Options for the CSV text. */
export interface DiscrepancyCsvOptions {
  /**
   * Field separator, `,` by default as RFC 4180 has it. Excel opens a double-clicked CSV with the list
   * separator of the Windows region settings, which is `;` for Indonesian, so pass `;` for those desks.
   */
  delimiter?: ',' | ';';
}

/** UTF-8 byte order mark: without it Excel reads the file in the Windows ANSI code page. */
const UTF8_BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

const LINE_STATUS_KEYS: Record<LineStatus, MessageKey> = {
  complete: 'scan.status_complete',
  short: 'scan.status_short',
  over: 'scan.status_over',
  expected_unknown: 'scan.status_expected_unknown',
};

const UNKNOWN_STATUS_KEYS: Record<UnknownCodeStatus, MessageKey> = {
  pending: 'scan.unknown_pending',
  in_dealpos: 'scan.unknown_in_dealpos',
  not_found: 'scan.unknown_not_found',
  lookup_failed: 'scan.unknown_lookup_failed',
};

/**
 * Keeps a spreadsheet from running text as a formula: text starting with `=`, `+`, `-`, `@`, tab or
 * carriage return gets a leading apostrophe, which Excel and LibreOffice show as plain text. Only text
 * columns go through this; numbers such as a negative difference stay numbers.
 */
function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Quotes a field when RFC 4180 requires it (separator, quote, CR or LF) and doubles inner quotes. */
function quoteField(field: string, delimiter: string): string {
  if (field.includes(delimiter) || /["\r\n]/.test(field)) {
    return `"${field.replace(/"/g, '""')}"`;
  }
  return field;
}

function numberField(value: number | null): string {
  return value === null ? '' : String(value);
}

/** Writes the discrepancy table as CSV text: header in `locale`, CRLF line ends, no byte order mark. */
export function discrepancyCsvText(
  summary: ReceivingSummary,
  locale: Locale,
  options: DiscrepancyCsvOptions = {},
): string {
  const delimiter = options.delimiter ?? ',';
  const rows: string[][] = [];

  rows.push(
    (
      [
        'scan.csv_line',
        'scan.csv_code',
        'scan.csv_name',
        'scan.csv_expected',
        'scan.csv_scanned',
        'scan.csv_difference',
        'scan.csv_status',
      ] as const
    ).map((key) => translate(locale, key)),
  );

  for (const line of summary.lines) {
    if (line.status === 'complete') {
      continue;
    }
    rows.push([
      String(line.lineNumber),
      neutraliseFormula(line.code ?? ''),
      neutraliseFormula(line.name),
      numberField(line.expected),
      String(line.scanned),
      numberField(line.difference),
      translate(locale, LINE_STATUS_KEYS[line.status]),
    ]);
  }

  for (const unknown of summary.unknownCodes) {
    rows.push([
      '',
      neutraliseFormula(unknown.code),
      '',
      '',
      String(unknown.scans),
      '',
      translate(locale, UNKNOWN_STATUS_KEYS[unknown.status]),
    ]);
  }

  return rows
    .map((row) => row.map((field) => quoteField(field, delimiter)).join(delimiter) + '\r\n')
    .join('');
}

/** Writes the discrepancy table as the bytes of a `.csv` file: UTF-8 with a byte order mark, for Excel. */
export function discrepancyCsv(
  summary: ReceivingSummary,
  locale: Locale,
  options: DiscrepancyCsvOptions = {},
): Uint8Array {
  const text = new TextEncoder().encode(discrepancyCsvText(summary, locale, options));
  const bytes = new Uint8Array(UTF8_BOM.length + text.length);
  bytes.set(UTF8_BOM, 0);
  bytes.set(text, UTF8_BOM.length);
  return bytes;
}
