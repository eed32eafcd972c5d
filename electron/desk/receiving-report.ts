import { once } from 'node:events';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import writeFileAtomic from 'write-file-atomic';
import { AppError } from '../../shared/errors.ts';
import {
  formatCount,
  INTL_LOCALE,
  translate,
  type Locale,
  type MessageKey,
} from '../../shared/i18n/index.ts';
import type { ReceivingReportRequest } from '../../shared/ipc-contract.ts';
import type {
  ReceivingReportResult,
  ReportLine,
  ReportUnknownCode,
} from '../../shared/scanning/receiving-report-schema.ts';
import type { ScopedLogger } from '../logging/logger.ts';
import { labelFontPath, readFontFile } from '../pdf/font.ts';
import { outputFailureReason } from '../pdf/output-path.ts';

/** Collaborators of {@link ReceivingReports}. */
export interface ReceivingReportsOptions {
  /** Shows the save dialog and returns the chosen path, or null when the clerk closed the dialog. */
  chooseSavePath: (defaultFileName: string, locale: Locale) => Promise<string | null>;
  now: () => Date;
  log: ScopedLogger;
  /**
   * Regular TrueType font of the text. The default is DejaVu Sans, which covers Latin, Greek and Cyrillic.
   * NOTE: DejaVu Sans has no Chinese or Japanese glyphs, so such names print as empty boxes.
   */
  fontPath?: string;
  /** Bold font of titles and headings. The default is DejaVu Sans Bold. */
  boldFontPath?: string;
  /** IANA time zone of the printed times. The default is the system's zone. */
  timeZone?: string;
}

/** Fonts and settings of one PDF build. */
export interface ReceivingReportPdfOptions {
  regularFont: Buffer;
  boldFont: Buffer;
  /** Creation date in the document info. A fixed date makes the bytes repeatable. */
  creationDate: Date;
  timeZone?: string;
}

/**
 * Writes the receiving check's summary as an A4 PDF: the save dialog first, then the file, which appears
 * under the chosen name only when complete. The request's numbers are checked to agree before the dialog
 * opens, so an inconsistent request fails with `summary_invalid` before any dialog or file.
 */
export class ReceivingReports {
  readonly #options: ReceivingReportsOptions;

  constructor(options: ReceivingReportsOptions) {
    this.#options = options;
  }

  /** Writes the PDF to a path chosen in the save dialog. Returns `cancelled` when the dialog was closed. */
  async export(request: ReceivingReportRequest): Promise<ReceivingReportResult> {
    const { log } = this.#options;
    checkReportConsistency(request);

    const path = await this.#options.chooseSavePath(
      defaultReportName(request.locale, request.document.number),
      request.locale,
    );
    if (path === null) {
      log.info('Receiving summary export cancelled', { number: request.document.number });
      return { status: 'cancelled' };
    }

    const regularPath = this.#options.fontPath ?? labelFontPath();
    const boldPath = this.#options.boldFontPath ?? join(dirname(labelFontPath()), 'DejaVuSans-Bold.ttf');
    const { bytes, pages } = await buildReceivingReportPdf(request, {
      regularFont: await readFontFile(regularPath),
      boldFont: await readFontFile(boldPath),
      creationDate: this.#options.now(),
      timeZone: this.#options.timeZone,
    });

    try {
      // write-file-atomic writes a temporary file beside the target, fsyncs it and renames it over the
      // target. On failure it removes the temporary file, so nothing partial is left behind.
      await writeFileAtomic(path, bytes);
    } catch (error) {
      throw new AppError(
        'output_failed',
        { path, reason: outputFailureReason(error) },
        { detail: error instanceof Error ? error.message : String(error), cause: error },
      );
    }
    log.info('Wrote a receiving summary PDF', {
      number: request.document.number,
      lines: request.lines.length,
      unknownCodes: request.unknownCodes.length,
      pages,
    });
    return { status: 'written', path, pages };
  }
}

/** Builds the save dialog's suggested name, such as `receiving-check-PB-2026-10-00318.pdf`. */
export function defaultReportName(locale: Locale, documentNumber: string): string {
  const safe = documentNumber
    .replace(/[/\\:*?"<>|\p{Cc}\s]+/gu, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 100);
  return translate(locale, 'receiving_report.file_name', { number: safe === '' ? 'document' : safe });
}

/**
 * Checks that the numbers of a request agree, and throws `summary_invalid` naming the first field that
 * does not. Each line's difference and status must follow from its counts, and line numbers and unknown
 * codes must be unique. The totals must be the sums of the lines, and the check must finish after it
 * started. The renderer computes all of these from one `ReceivingCheck`, so a mismatch is a bug or a
 * forged request.
 */
export function checkReportConsistency(request: ReceivingReportRequest): void {
  const fail = (problem: string): never => {
    throw new AppError('summary_invalid', { problem }, { detail: problem });
  };

  if (Date.parse(request.finishedAt) < Date.parse(request.startedAt)) {
    fail('finishedAt is before startedAt');
  }

  const lineNumbers = new Set<number>();
  request.lines.forEach((line, index) => {
    if (lineNumbers.has(line.lineNumber)) {
      fail(`lines[${index}].lineNumber repeats ${line.lineNumber}`);
    }
    lineNumbers.add(line.lineNumber);
    const difference = line.expected === null ? null : line.scanned - line.expected;
    if (line.difference !== difference) {
      fail(`lines[${index}].difference`);
    }
    if (line.status !== statusOf(difference)) {
      fail(`lines[${index}].status`);
    }
  });

  const codes = new Set<string>();
  request.unknownCodes.forEach((unknown, index) => {
    if (codes.has(unknown.code)) {
      fail(`unknownCodes[${index}].code repeats`);
    }
    codes.add(unknown.code);
  });

  const { lines, totals } = request;
  const count = (status: ReportLine['status']): number =>
    lines.filter((line) => line.status === status).length;
  const sum = (value: (line: ReportLine) => number): number =>
    lines.reduce((total, line) => total + value(line), 0);
  const expectedTotals: Record<keyof typeof totals, number> = {
    lines: lines.length,
    linesComplete: count('complete'),
    linesShort: count('short'),
    linesOver: count('over'),
    expectedUnits: sum((line) => line.expected ?? 0),
    scannedUnits: sum((line) => line.scanned),
    shortUnits: sum((line) => (line.status === 'short' ? -(line.difference ?? 0) : 0)),
    overUnits: sum((line) => (line.status === 'over' ? (line.difference ?? 0) : 0)),
    unknownScans: request.unknownCodes.reduce((total, unknown) => total + unknown.scans, 0),
  };
  for (const key of Object.keys(expectedTotals) as Array<keyof typeof totals>) {
    if (totals[key] !== expectedTotals[key]) {
      fail(`totals.${key}`);
    }
  }
}

function statusOf(difference: number | null): ReportLine['status'] {
  if (difference === null) {
    return 'expected_unknown';
  }
  if (difference < 0) {
    return 'short';
  }
  return difference > 0 ? 'over' : 'complete';
}

// ---------------------------------------------------------------------------------------------------
// Drawing
// ---------------------------------------------------------------------------------------------------

/** A4 in PostScript points, as pdfkit measures. */
const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 40;
const CONTENT_WIDTH = PAGE.width - 2 * MARGIN;
/** Maximum y of the body. The footer sits below it. */
const BODY_BOTTOM = PAGE.height - MARGIN - 18;
const FOOTER_Y = PAGE.height - MARGIN;
const TEXT_SIZE = 9;
const CELL_PADDING = 3;
const RULE_COLOR = '#b8b8b8';
const HEADER_FILL = '#ececec';
const MUTED_COLOR = '#555555';

interface Column {
  key: MessageKey;
  width: number;
  align: 'left' | 'right';
}

/**
 * Width of a number column. The widest heading, English "Difference" in bold 9 pt DejaVu Sans, measures
 * 52.3 pt with pdfkit 0.20, so 62 pt keeps it on one line inside the 3 pt cell padding on each side.
 */
const NUMBER_WIDTH = 62;
const LINE_COLUMNS: Column[] = [
  { key: 'receiving_report.column_line', width: 36, align: 'right' },
  { key: 'receiving_report.column_code', width: 104, align: 'left' },
  { key: 'receiving_report.column_name', width: CONTENT_WIDTH - 140 - 3 * NUMBER_WIDTH, align: 'left' },
  { key: 'receiving_report.column_expected', width: NUMBER_WIDTH, align: 'right' },
  { key: 'receiving_report.column_scanned', width: NUMBER_WIDTH, align: 'right' },
  { key: 'receiving_report.column_difference', width: NUMBER_WIDTH, align: 'right' },
];
const UNKNOWN_COLUMNS: Column[] = [
  { key: 'receiving_report.column_code', width: 200, align: 'left' },
  { key: 'receiving_report.column_scans', width: NUMBER_WIDTH, align: 'right' },
  { key: 'receiving_report.column_lookup', width: CONTENT_WIDTH - 200 - NUMBER_WIDTH, align: 'left' },
];

const UNKNOWN_STATUS_KEYS: Record<ReportUnknownCode['status'], MessageKey> = {
  pending: 'scan.unknown_pending',
  in_dealpos: 'scan.unknown_in_dealpos',
  not_found: 'scan.unknown_not_found',
  lookup_failed: 'scan.unknown_lookup_failed',
};

/**
 * Section order: the lines a clerk has to act on come first, so they are on the first page. Short lines
 * lead because missing goods are what gets claimed from the supplier. Matching lines come last, for the
 * record. Each section keeps document order, so a row is easy to find on the paper document.
 */
const SECTION_ORDER: ReadonlyArray<{ status: ReportLine['status']; key: MessageKey }> = [
  { status: 'short', key: 'receiving_report.section_short' },
  { status: 'over', key: 'receiving_report.section_over' },
  { status: 'expected_unknown', key: 'receiving_report.section_expected_unknown' },
  { status: 'complete', key: 'receiving_report.section_complete' },
];

/** Builds the summary PDF in memory and returns its bytes and page count. */
export async function buildReceivingReportPdf(
  request: ReceivingReportRequest,
  options: ReceivingReportPdfOptions,
): Promise<{ bytes: Buffer; pages: number }> {
  const t = (key: MessageKey, params?: Record<string, string | number>): string =>
    translate(request.locale, key, params);
  const doc = new PDFDocument({
    autoFirstPage: false,
    bufferPages: true,
    size: 'A4',
    margin: 0,
    lang: INTL_LOCALE[request.locale],
    info: {
      Title: `${t('receiving_report.title')} ${request.document.number}`,
      Producer: 'DealPOS Label Desk',
      Creator: 'DealPOS Label Desk',
      CreationDate: options.creationDate,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = once(doc, 'end');

  doc.registerFont('regular', options.regularFont);
  doc.registerFont('bold', options.boldFont);
  const writer = new ReportWriter(doc, request.locale);
  writer.newPage();
  drawHeading(writer, request, options.timeZone);

  for (const section of SECTION_ORDER) {
    const lines = request.lines.filter((line) => line.status === section.status);
    if (lines.length === 0) {
      continue;
    }
    const units = lines.reduce((total, line) => total + Math.abs(line.difference ?? 0), 0);
    const title = t(section.key, { lines: lines.length, units });
    writer.table(
      title,
      LINE_COLUMNS,
      lines.map((line) => lineCells(line, request.locale)),
    );
  }
  if (request.unknownCodes.length > 0) {
    const title = t('receiving_report.section_unknown', {
      codes: request.unknownCodes.length,
      scans: request.totals.unknownScans,
    });
    const rows = request.unknownCodes.map((unknown) => [
      unknown.code,
      formatCount(request.locale, unknown.scans),
      t(UNKNOWN_STATUS_KEYS[unknown.status]),
    ]);
    writer.table(title, UNKNOWN_COLUMNS, rows);
  }
  drawTotals(writer, request);

  const range = doc.bufferedPageRange();
  const footerLeft = `${t('receiving_report.title')} · ${request.document.number}`;
  for (let index = 0; index < range.count; index++) {
    doc.switchToPage(range.start + index);
    const pageText = t('receiving_report.page', { page: index + 1, pages: range.count });
    doc.font('regular').fontSize(8).fillColor(MUTED_COLOR);
    doc.text(footerLeft, MARGIN, FOOTER_Y, { width: CONTENT_WIDTH * 0.7, lineBreak: false });
    doc.text(pageText, MARGIN, FOOTER_Y, { width: CONTENT_WIDTH, align: 'right', lineBreak: false });
  }
  doc.end();
  await ended;
  return { bytes: Buffer.concat(chunks), pages: range.count };
}

/** Formats the cells of one document line, with numbers in the locale's digit grouping. */
function lineCells(line: ReportLine, locale: Locale): string[] {
  const count = (value: number | null): string => (value === null ? '–' : formatCount(locale, value));
  let difference = count(line.difference);
  if (line.difference !== null && line.difference > 0) {
    difference = `+${difference}`;
  }
  return [
    String(line.lineNumber),
    line.code ?? translate(locale, 'receiving_report.no_code'),
    line.name,
    count(line.expected),
    count(line.scanned),
    difference,
  ];
}

function drawHeading(
  writer: ReportWriter,
  request: ReceivingReportRequest,
  timeZone: string | undefined,
): void {
  const { locale, document } = request;
  const dates = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  });
  const matches = request.totals.linesComplete === request.totals.lines && request.unknownCodes.length === 0;

  writer.paragraph(translate(locale, 'receiving_report.title'), { bold: true, size: 16, gapAfter: 6 });
  writer.paragraph(
    translate(locale, 'receiving_report.document', {
      kind: document.kind,
      number: document.number,
      outlet: document.outlet,
    }),
    { size: 11 },
  );
  writer.paragraph(
    translate(locale, 'receiving_report.times', {
      started: dates.format(new Date(request.startedAt)),
      finished: dates.format(new Date(request.finishedAt)),
    }),
    { size: 10, gapAfter: 6 },
  );
  writer.paragraph(
    translate(locale, matches ? 'receiving_report.result_matches' : 'receiving_report.result_differs'),
    { bold: true, size: 11 },
  );
  writer.paragraph(translate(locale, 'receiving_report.order_note'), { size: 8, muted: true, gapAfter: 10 });
}

function drawTotals(writer: ReportWriter, request: ReceivingReportRequest): void {
  const { locale, totals } = request;
  const count = (value: number): string => formatCount(locale, value);
  writer.paragraph(translate(locale, 'receiving_report.section_totals'), {
    bold: true,
    size: 11,
    gapAfter: 3,
  });
  writer.paragraph(
    translate(locale, 'receiving_report.total_lines', {
      lines: count(totals.lines),
      complete: count(totals.linesComplete),
      short: count(totals.linesShort),
      over: count(totals.linesOver),
      unknown: count(totals.lines - totals.linesComplete - totals.linesShort - totals.linesOver),
    }),
    { size: 10 },
  );
  writer.paragraph(
    translate(locale, 'receiving_report.total_units', {
      expected: count(totals.expectedUnits),
      scanned: count(totals.scannedUnits),
    }),
    { size: 10 },
  );
  writer.paragraph(
    // Plain numbers, because the message picks "unit" or "units" by plural rule and formats them itself.
    translate(locale, 'receiving_report.total_differences', {
      short: totals.shortUnits,
      over: totals.overUnits,
    }),
    { size: 10 },
  );
  writer.paragraph(
    translate(locale, 'receiving_report.total_unknown_scans', { scans: count(totals.unknownScans) }),
    { size: 10 },
  );
}

/** Places paragraphs and tables top to bottom, starting a new page when the next piece does not fit. */
class ReportWriter {
  readonly #doc: PDFKit.PDFDocument;
  readonly #locale: Locale;
  #y = MARGIN;

  constructor(doc: PDFKit.PDFDocument, locale: Locale) {
    this.#doc = doc;
    this.#locale = locale;
  }

  newPage(): void {
    this.#doc.addPage({ size: 'A4', margin: 0 });
    this.#y = MARGIN;
  }

  paragraph(text: string, style: { bold?: boolean; size: number; muted?: boolean; gapAfter?: number }): void {
    const doc = this.#doc;
    doc.font(style.bold === true ? 'bold' : 'regular').fontSize(style.size);
    const height = doc.heightOfString(text, { width: CONTENT_WIDTH });
    if (this.#y + height > BODY_BOTTOM) {
      this.newPage();
    }
    doc.fillColor(style.muted === true ? MUTED_COLOR : 'black');
    doc.text(text, MARGIN, this.#y, { width: CONTENT_WIDTH });
    this.#y += height + (style.gapAfter ?? 2);
  }

  /**
   * Draws a titled table. A row moves to the next page whole, unless it is taller than a page. A page
   * break repeats the title, marked as continued, and the column headings.
   */
  table(title: string, columns: readonly Column[], rows: readonly string[][]): void {
    const doc = this.#doc;
    const headings = columns.map((column) => translate(this.#locale, column.key));
    doc.font('bold').fontSize(TEXT_SIZE);
    const headerHeight = this.#rowHeight(columns, headings);
    doc.fontSize(11);
    const titleHeight = doc.heightOfString(title, { width: CONTENT_WIDTH }) + 4;

    const startBlock = (blockTitle: string): void => {
      doc.font('bold').fontSize(11).fillColor('black');
      doc.text(blockTitle, MARGIN, this.#y, { width: CONTENT_WIDTH });
      this.#y += titleHeight;
      doc.fontSize(TEXT_SIZE);
      this.#drawRow(columns, headings, headerHeight, true);
    };

    doc.font('regular').fontSize(TEXT_SIZE);
    const firstRowHeight = rows[0] === undefined ? 0 : this.#rowHeight(columns, rows[0]);
    if (this.#y + titleHeight + headerHeight + firstRowHeight > BODY_BOTTOM) {
      this.newPage();
    }
    startBlock(title);
    for (const row of rows) {
      doc.font('regular').fontSize(TEXT_SIZE);
      const height = this.#rowHeight(columns, row);
      if (this.#y + height > BODY_BOTTOM) {
        this.newPage();
        startBlock(translate(this.#locale, 'receiving_report.continued', { section: title }));
        doc.font('regular').fontSize(TEXT_SIZE);
      }
      this.#drawRow(columns, row, height, false);
    }
    this.#y += 12;
  }

  #rowHeight(columns: readonly Column[], cells: readonly string[]): number {
    let height = 0;
    columns.forEach((column, index) => {
      const text = cells[index] ?? '';
      height = Math.max(height, this.#doc.heightOfString(text, { width: column.width - 2 * CELL_PADDING }));
    });
    return height + 2 * CELL_PADDING;
  }

  #drawRow(columns: readonly Column[], cells: readonly string[], height: number, header: boolean): void {
    const doc = this.#doc;
    if (header) {
      doc.rect(MARGIN, this.#y, CONTENT_WIDTH, height).fill(HEADER_FILL);
    }
    doc
      .font(header ? 'bold' : 'regular')
      .fontSize(TEXT_SIZE)
      .fillColor('black');
    let x = MARGIN;
    columns.forEach((column, index) => {
      doc.text(cells[index] ?? '', x + CELL_PADDING, this.#y + CELL_PADDING, {
        width: column.width - 2 * CELL_PADDING,
        align: column.align,
      });
      x += column.width;
    });
    this.#y += height;
    doc
      .moveTo(MARGIN, this.#y)
      .lineTo(MARGIN + CONTENT_WIDTH, this.#y)
      .lineWidth(0.5)
      .strokeColor(RULE_COLOR)
      .stroke();
  }
}
