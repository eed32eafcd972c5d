import { layoutLabel } from './layout.ts';
import { resolveLine } from './lines.ts';
import { chooseSymbology } from './symbology.ts';
import type { LabelTemplate } from './templates.ts';
import { labelsPerPage } from './templates.ts';
import type { DocumentLine, Dpi, FontMetrics, LabelDrawing, LineOverride, LineProblem } from './types.ts';

export interface JobOptions {
  template: LabelTemplate;
  dpi: Dpi;
  showPrice: boolean;
  /** Printed on each label when the template shows it; null leaves it off. */
  documentNumber: string | null;
  metrics: FontMetrics;
  /** The clerk's changes, keyed by `DocumentLine.lineNumber`. */
  overrides?: ReadonlyMap<number, LineOverride>;
}

/** One printable line: its drawing is made once and repeated `count` times. */
export interface JobEntry {
  lineNumber: number;
  code: string;
  count: number;
  drawing: LabelDrawing;
  /** Identifies identical drawings so outputs can draw each once and reuse it. */
  drawingKey: string;
}

/** The outcome of planning a job for one document. */
export interface JobPlan {
  entries: JobEntry[];
  /** Lines that print nothing because of an error, each with its reasons. */
  refused: Array<{ lineNumber: number; code: string | null; problems: LineProblem[] }>;
  /** Caveats on lines that still print. */
  warnings: LineProblem[];
  totalLabels: number;
}

/** A plan without its entries: refused lines, warnings and the label total. */
export type JobReport = Omit<JobPlan, 'entries'>;

/**
 * Decides, line by line and in document order, what prints and how many times. A line with an error is
 * refused with its reasons and the rest of the document still prints.
 */
export function planJob(lines: readonly DocumentLine[], options: JobOptions): JobPlan {
  const plan: JobPlan = { entries: [], refused: [], warnings: [], totalLabels: 0 };
  for (const entry of planJobEntries(lines, options, plan)) {
    plan.entries.push(entry);
  }
  return plan;
}

/**
 * Plans like `planJob`, but lays out each line only when the caller asks for the next entry, so output
 * can start before the last line of a long document is laid out. Refused lines, warnings and the label
 * total go into `report` as lines are reached, and are complete once the generator is done.
 */
export function* planJobEntries(
  lines: Iterable<DocumentLine>,
  options: JobOptions,
  report: JobReport = { refused: [], warnings: [], totalLabels: 0 },
): Generator<JobEntry, JobReport> {
  for (const line of lines) {
    const override = options.overrides?.get(line.lineNumber);
    const resolved = resolveLine(line, override);
    if (resolved.errors.length > 0 || line.code === null) {
      report.refused.push({ lineNumber: line.lineNumber, code: line.code, problems: resolved.errors });
      continue;
    }
    const lineWarnings = line.problems.filter((item) => item.severity === 'warning');
    if (resolved.labels === 0) {
      continue;
    }

    const choice = chooseSymbology(line.code, options.template.fields.barcode.symbology);
    if (choice.expectedCheckDigit !== undefined) {
      lineWarnings.push({
        code: 'check_digit_invalid',
        severity: 'warning',
        params: { line: line.lineNumber, code: line.code, expected: choice.expectedCheckDigit },
      });
    }

    const layout = layoutLabel(
      {
        lineNumber: line.lineNumber,
        name: line.name,
        code: line.code,
        symbology: choice.symbology,
        price: line.unitPrice,
        documentNumber: options.documentNumber,
      },
      {
        template: options.template,
        dpi: options.dpi,
        showPrice: options.showPrice,
        metrics: options.metrics,
      },
    );
    if (!layout.ok) {
      report.refused.push({ lineNumber: line.lineNumber, code: line.code, problems: [layout.problem] });
      continue;
    }

    report.warnings.push(...lineWarnings, ...layout.warnings);
    report.totalLabels += resolved.labels;
    yield {
      lineNumber: line.lineNumber,
      code: line.code,
      count: resolved.labels,
      drawing: layout.drawing,
      drawingKey: `line-${line.lineNumber}`,
    };
  }
  return report;
}

/** A label's place on a page, in millimetres from the page's top-left corner. */
export interface PlacedLabel {
  xMm: number;
  yMm: number;
  drawing: LabelDrawing;
  drawingKey: string;
  lineNumber: number;
}

export interface PageOfLabels {
  labels: PlacedLabel[];
}

/** Lists the cells of a template's page in print order: left to right, then top to bottom. */
export function cellPositions(template: LabelTemplate): Array<{ xMm: number; yMm: number }> {
  const cells: Array<{ xMm: number; yMm: number }> = [];
  for (let row = 0; row < template.grid.rows; row++) {
    for (let column = 0; column < template.grid.columns; column++) {
      cells.push({
        xMm: template.grid.marginLeftMm + column * template.grid.pitchXMm,
        yMm: template.grid.marginTopMm + row * template.grid.pitchYMm,
      });
    }
  }
  return cells;
}

/**
 * Yields pages of placed labels in document order, one page at a time, so memory does not grow with the
 * label count. `entries` may be a lazy `planJobEntries`, which is read only as far as each page needs.
 * `startPosition` (1-based) skips cells already used on the first sheet.
 */
export function* paginate(
  entries: Iterable<JobEntry>,
  template: LabelTemplate,
  startPosition = 1,
): Generator<PageOfLabels> {
  const cells = cellPositions(template);
  const perPage = labelsPerPage(template);
  if (!Number.isInteger(startPosition) || startPosition < 1 || startPosition > perPage) {
    throw new RangeError(`startPosition must be between 1 and ${perPage}`);
  }
  let cellIndex = startPosition - 1;
  let page: PlacedLabel[] = [];
  for (const entry of entries) {
    for (let copy = 0; copy < entry.count; copy++) {
      const cell = cells[cellIndex]!;
      page.push({
        xMm: cell.xMm,
        yMm: cell.yMm,
        drawing: entry.drawing,
        drawingKey: entry.drawingKey,
        lineNumber: entry.lineNumber,
      });
      cellIndex += 1;
      if (cellIndex === perPage) {
        yield { labels: page };
        page = [];
        cellIndex = 0;
      }
    }
  }
  if (page.length > 0) {
    yield { labels: page };
  }
}
