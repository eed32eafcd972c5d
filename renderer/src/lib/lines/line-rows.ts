import { layoutLabel } from '../../../../shared/labels/layout.ts';
import { resolveLine } from '../../../../shared/labels/lines.ts';
import { chooseSymbology } from '../../../../shared/labels/symbology.ts';
import type { LabelTemplate } from '../../../../shared/labels/templates.ts';
import type {
  DocumentLine,
  Dpi,
  FontMetrics,
  LineProblem,
  Symbology,
} from '../../../../shared/labels/types.ts';

/** One row of the lines table: a document line with what the clerk and the current template make of it. */
export interface LineRow {
  line: DocumentLine;
  /** The barcode the code gets, or null when the code cannot be printed at all. */
  symbology: Symbology | null;
  /** The count shown in the labels field: the clerk's count, else the document quantity. */
  labelsInput: number | null;
  /** Whether the clerk changed the label count. */
  overridden: boolean;
  /** Labels this line prints: 0 when it is left out or refused. */
  labels: number;
  /** False when nothing the clerk types can make the line print (no code, or a code that cannot be encoded). */
  editable: boolean;
  /** Whether an error keeps the line from printing. */
  refused: boolean;
  /** Problems to show, errors first: the document's, the check-digit warning and "too long for the label". */
  problems: LineProblem[];
  /** Lower-case name, code and line number, for the filter. */
  searchText: string;
}

/** Totals under the lines table. */
export interface LineTotals {
  lines: number;
  /** Lines that print at least one label. */
  printing: number;
  labels: number;
  refused: number;
  /** Lines without errors that print nothing because their count is 0. */
  excluded: number;
}

export interface RowOptions {
  template: LabelTemplate;
  dpi: Dpi;
}

const QUANTITY_PROBLEMS = new Set<LineProblem['code']>([
  'quantity_invalid',
  'quantity_negative',
  'quantity_fractional',
  'quantity_too_large',
]);

// The barcode check needs no text, so the layout runs with every text field off and metrics that
// measure nothing: it then only encodes the code and sizes its module.
const NO_TEXT_METRICS: FontMetrics = { widthOf: () => 0, ascent: 0.8, descent: 0.2, hasGlyph: () => true };

function barcodeOnly(template: LabelTemplate): LabelTemplate {
  const fields = template.fields;
  return {
    ...template,
    fields: {
      ...fields,
      name: { ...fields.name, show: false },
      code: { ...fields.code, show: false },
      price: { ...fields.price, show: false },
      documentNumber: { ...fields.documentNumber, show: false },
    },
  };
}

/**
 * Remembers whether a code fits a template's label at a dpi, so that editing one count in a 5,000-line
 * document does not encode every barcode again. Entries are kept per template object.
 */
export class BarcodeFitCache {
  readonly #byTemplate = new WeakMap<LabelTemplate, Map<string, LineProblem | null>>();

  /** Returns the `code_too_long` problem from `layoutLabel` for this code, or null when it fits. */
  tooLong(line: DocumentLine, code: string, symbology: Symbology, options: RowOptions): LineProblem | null {
    if (!options.template.fields.barcode.show) {
      return null;
    }
    let results = this.#byTemplate.get(options.template);
    if (results === undefined) {
      results = new Map();
      this.#byTemplate.set(options.template, results);
    }
    const key = `${options.dpi}|${symbology}|${code}`;
    let problem = results.get(key);
    if (problem === undefined) {
      const layout = layoutLabel(
        { lineNumber: line.lineNumber, name: '', code, symbology, price: null, documentNumber: null },
        {
          template: barcodeOnly(options.template),
          dpi: options.dpi,
          showPrice: false,
          metrics: NO_TEXT_METRICS,
        },
      );
      problem = layout.ok ? null : layout.problem;
      results.set(key, problem);
    }
    // The cached problem names the line that was checked first; name this one.
    return problem === null ? null : { ...problem, params: { ...problem.params, line: line.lineNumber } };
  }
}

function severityOrder(problem: LineProblem): number {
  return problem.severity === 'error' ? 0 : 1;
}

/** Builds one row per line, in document order, applying the clerk's counts the way `planJob` does. */
export function buildLineRows(
  lines: readonly DocumentLine[],
  overrides: ReadonlyMap<number, number>,
  options: RowOptions,
  cache: BarcodeFitCache,
): LineRow[] {
  return lines.map((line) => {
    const overrideQuantity = overrides.get(line.lineNumber);
    const override = overrideQuantity === undefined ? undefined : { quantity: overrideQuantity };
    const resolved = resolveLine(line, override);

    const codeBlocked = line.problems.some(
      (problem) => problem.severity === 'error' && !QUANTITY_PROBLEMS.has(problem.code),
    );
    const problems = line.problems.filter(
      (problem) => !(overrideQuantity !== undefined && QUANTITY_PROBLEMS.has(problem.code)),
    );

    let symbology: Symbology | null = null;
    let tooLong: LineProblem | null = null;
    if (line.code !== null && !codeBlocked) {
      const choice = chooseSymbology(line.code, options.template.fields.barcode.symbology);
      symbology = choice.symbology;
      if (choice.expectedCheckDigit !== undefined) {
        problems.push({
          code: 'check_digit_invalid',
          severity: 'warning',
          params: { line: line.lineNumber, code: line.code, expected: choice.expectedCheckDigit },
        });
      }
      tooLong = cache.tooLong(line, line.code, symbology, options);
      if (tooLong !== null) {
        problems.push(tooLong);
      }
    }
    problems.sort((a, b) => severityOrder(a) - severityOrder(b));

    const refused = resolved.errors.length > 0 || line.code === null || tooLong !== null;
    return {
      line,
      symbology,
      labelsInput: overrideQuantity ?? line.quantity,
      overridden: overrideQuantity !== undefined,
      labels: refused ? 0 : resolved.labels,
      editable: line.code !== null && !codeBlocked && tooLong === null,
      refused,
      problems,
      searchText: `${line.lineNumber} ${line.name} ${line.code ?? ''}`.toLocaleLowerCase(),
    };
  });
}

/** Adds up the rows for the totals line. */
export function totalRows(rows: readonly LineRow[]): LineTotals {
  const totals: LineTotals = { lines: rows.length, printing: 0, labels: 0, refused: 0, excluded: 0 };
  for (const row of rows) {
    if (row.refused) {
      totals.refused += 1;
    } else if (row.labels === 0) {
      totals.excluded += 1;
    } else {
      totals.printing += 1;
      totals.labels += row.labels;
    }
  }
  return totals;
}

/** Keeps the rows whose name, code or line number contains every word of the filter, ignoring case. */
export function filterRows(rows: readonly LineRow[], filter: string): readonly LineRow[] {
  const words = filter
    .toLocaleLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '');
  if (words.length === 0) {
    return rows;
  }
  return rows.filter((row) => words.every((word) => row.searchText.includes(word)));
}
