/**
 * The receiving check's finish summary as it crosses IPC for the PDF export. The schema checks shapes and
 * limits, and main checks that the numbers agree with each other before it writes anything.
 */

import { z } from 'zod';
import { LOCALES, type Locale } from '../i18n/index.ts';
import { MAX_LABELS_PER_LINE } from '../labels/lines.ts';
import type { ReceivingSummary } from './receiving-check.ts';

/** Maximum number of document lines in a summary. DealPOS documents have far fewer. */
export const MAX_REPORT_LINES = 10_000;
/** Largest number of distinct codes not on the document that a summary may carry. */
export const MAX_REPORT_UNKNOWN_CODES = 5_000;
/** Largest count of one line or code: the same bound as the labels of one line. */
export const MAX_REPORT_COUNT = MAX_LABELS_PER_LINE;
/** Maximum length of a code, on a document line or scanned, in characters. */
export const MAX_REPORT_CODE_LENGTH = 1000;
/** Maximum length of a product name in characters. {@link receivingReportFields} shortens longer ones. */
export const MAX_REPORT_NAME_LENGTH = 2000;

const countSchema = z.number().int().min(0).max(MAX_REPORT_COUNT);
/** Sums over every line. A document at the limits cannot exceed this. */
const totalSchema = z
  .number()
  .int()
  .min(0)
  .max(MAX_REPORT_COUNT * MAX_REPORT_LINES);

/** One document line of the summary, as `ReceivingCheck.lines()` returns it. */
export const reportLineSchema = z
  .object({
    lineNumber: z.number().int().positive().max(1_000_000),
    code: z.string().max(MAX_REPORT_CODE_LENGTH).nullable(),
    name: z.string().max(MAX_REPORT_NAME_LENGTH),
    /** Null when the document's quantity could not be read. */
    expected: countSchema.nullable(),
    scanned: countSchema,
    /** `scanned - expected`, or null with `expected`. */
    difference: z.number().int().min(-MAX_REPORT_COUNT).max(MAX_REPORT_COUNT).nullable(),
    status: z.enum(['complete', 'short', 'over', 'expected_unknown']),
  })
  .strict();
export type ReportLine = z.infer<typeof reportLineSchema>;

/** One scanned code that is not on the document, with its DealPOS lookup result. */
export const reportUnknownCodeSchema = z
  .object({
    code: z.string().min(1).max(MAX_REPORT_CODE_LENGTH),
    scans: countSchema.min(1),
    status: z.enum(['pending', 'in_dealpos', 'not_found', 'lookup_failed']),
  })
  .strict();
export type ReportUnknownCode = z.infer<typeof reportUnknownCodeSchema>;

/** The summary's totals, as `ReceivingSummary.totals` has them. */
export const reportTotalsSchema = z
  .object({
    lines: z.number().int().min(0).max(MAX_REPORT_LINES),
    linesComplete: z.number().int().min(0).max(MAX_REPORT_LINES),
    linesShort: z.number().int().min(0).max(MAX_REPORT_LINES),
    linesOver: z.number().int().min(0).max(MAX_REPORT_LINES),
    expectedUnits: totalSchema,
    scannedUnits: totalSchema,
    shortUnits: totalSchema,
    overUnits: totalSchema,
    unknownScans: totalSchema,
  })
  .strict();
export type ReportTotals = z.infer<typeof reportTotalsSchema>;

/**
 * Every field of a PDF summary request except the document reference, which the IPC contract adds. The
 * times are ISO 8601 with an offset, as `Date.toISOString()` writes them.
 */
export const receivingReportFieldsSchema = z
  .object({
    /** Language of the PDF, the one the clerk sees on screen. */
    locale: z.enum(LOCALES),
    startedAt: z.iso.datetime({ offset: true }),
    finishedAt: z.iso.datetime({ offset: true }),
    /** Every document line, in document order. */
    lines: z.array(reportLineSchema).max(MAX_REPORT_LINES),
    unknownCodes: z.array(reportUnknownCodeSchema).max(MAX_REPORT_UNKNOWN_CODES),
    totals: reportTotalsSchema,
  })
  .strict();

/** Result of a PDF summary export: the written file, or `cancelled` when the clerk closed the save dialog. */
export const receivingReportResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('written'), path: z.string(), pages: z.number().int().positive() }),
  z.object({ status: z.literal('cancelled') }),
]);
export type ReceivingReportResult = z.infer<typeof receivingReportResultSchema>;

/**
 * Builds the fields of a PDF summary request from a finish summary, without the document, which the caller
 * adds. Times are dates or milliseconds since the epoch.
 */
export function receivingReportFields(
  summary: ReceivingSummary,
  options: { locale: Locale; startedAt: Date | number; finishedAt: Date | number },
): z.input<typeof receivingReportFieldsSchema> {
  return {
    locale: options.locale,
    startedAt: new Date(options.startedAt).toISOString(),
    finishedAt: new Date(options.finishedAt).toISOString(),
    lines: summary.lines.map((line) => ({
      lineNumber: line.lineNumber,
      code: line.code,
      name: line.name.slice(0, MAX_REPORT_NAME_LENGTH),
      expected: line.expected,
      scanned: line.scanned,
      difference: line.difference,
      status: line.status,
    })),
    unknownCodes: summary.unknownCodes.map((unknown) => ({
      code: unknown.code,
      scans: unknown.scans,
      status: unknown.status,
    })),
    totals: { ...summary.totals },
  };
}
