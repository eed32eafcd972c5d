import { layoutLabel } from '../../../../shared/labels/layout.ts';
import { resolveLine } from '../../../../shared/labels/lines.ts';
import { chooseSymbology, encodeModules, type SymbologyChoice } from '../../../../shared/labels/symbology.ts';
import type { LabelTemplate, SymbologyPreference } from '../../../../shared/labels/templates.ts';
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
 * Maximum code length encoded here. No label is wide enough for a longer code, and JsBarcode's Code 128
 * encoder recurses once per character, so a very long code would overflow the call stack. `layoutLabel`
 * rejects such a code before encoding it.
 */
const MAX_ENCODED_CODE_LENGTH = 256;

/** Encoded codes kept before the module counts are forgotten, so a long session's memory stays bounded. */
const MAX_CACHED_CODES = 50_000;

/**
 * Remembers whether a code fits a template's label at a dpi, so that editing one count or switching the
 * template of a 5,000-line document does not encode every barcode again. Encoding (the costly part) is kept
 * per code for every template. Whether a barcode fits is kept per template object, by symbology and module
 * count, because `layoutLabel` decides it from the module count, the symbology, the dpi and the template
 * alone. A test compares these results with `layoutLabel`'s for each code.
 */
export class BarcodeFitCache {
  /** Module counts by symbology, then code. Nested maps spare building a key string for every line. */
  readonly #modules = new Map<Symbology, Map<string, number>>();
  #cachedCodes = 0;
  /** Results by template object, then dpi, then symbology, then module count (or code, when too long to encode). */
  readonly #byTemplate = new WeakMap<
    LabelTemplate,
    Map<Dpi, Map<Symbology, Map<number | string, LineProblem | null>>>
  >();

  /** Returns the `code_too_long` problem from `layoutLabel` for this code, or null when it fits. */
  tooLong(line: DocumentLine, code: string, symbology: Symbology, options: RowOptions): LineProblem | null {
    if (!options.template.fields.barcode.show) {
      return null;
    }
    let byDpi = this.#byTemplate.get(options.template);
    if (byDpi === undefined) {
      byDpi = new Map();
      this.#byTemplate.set(options.template, byDpi);
    }
    let bySymbology = byDpi.get(options.dpi);
    if (bySymbology === undefined) {
      bySymbology = new Map();
      byDpi.set(options.dpi, bySymbology);
    }
    let results = bySymbology.get(symbology);
    if (results === undefined) {
      results = new Map();
      bySymbology.set(symbology, results);
    }
    const key = this.fitKey(code, symbology);
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
    // The cached problem names the line and code that were checked first, so the result is a copy that
    // names this line and code.
    return problem === null
      ? null
      : { ...problem, params: { ...problem.params, line: line.lineNumber, code } };
  }

  /**
   * Returns what decides whether a code fits a template's label: its module count, or the code itself
   * when it is too long to encode. Codes with the same key fit the same templates.
   */
  fitKey(code: string, symbology: Symbology): number | string {
    return this.#moduleCount(code, symbology) ?? code;
  }

  /** Returns the modules of the encoded code without quiet zones, or null for a code too long to encode. */
  #moduleCount(code: string, symbology: Symbology): number | null {
    if (code.length > MAX_ENCODED_CODE_LENGTH) {
      return null;
    }
    let counts = this.#modules.get(symbology);
    if (counts === undefined) {
      counts = new Map();
      this.#modules.set(symbology, counts);
    }
    let modules = counts.get(code);
    if (modules === undefined) {
      if (this.#cachedCodes >= MAX_CACHED_CODES) {
        this.#modules.clear();
        this.#cachedCodes = 0;
        counts = new Map();
        this.#modules.set(symbology, counts);
      }
      modules = encodeModules(code, symbology).length;
      counts.set(code, modules);
      this.#cachedCodes += 1;
    }
    return modules;
  }
}

/** One cache for the lines table and the preview, so each code is encoded once per session. */
export const sharedBarcodeFitCache = new BarcodeFitCache();

function severityOrder(problem: LineProblem): number {
  return problem.severity === 'error' ? 0 : 1;
}

/** Symbology choices of the `auto` preference by line, so a template change does not check digits again. */
const autoChoices = new WeakMap<DocumentLine, SymbologyChoice>();

/** Returns `chooseSymbology(code, preference)` for the line's code. */
export function symbologyChoice(
  line: DocumentLine,
  code: string,
  preference: SymbologyPreference,
): SymbologyChoice {
  if (preference !== 'auto') {
    return chooseSymbology(code, preference);
  }
  let choice = autoChoices.get(line);
  if (choice === undefined) {
    choice = chooseSymbology(code, preference);
    autoChoices.set(line, choice);
  }
  return choice;
}

/**
 * Builds one row per line, in document order, applying the clerk's counts the way `planJob` does. A row
 * of `previous` (rows of the same lines built earlier, say for another template) is returned again when
 * the new row would equal it, so the table redraws only the rows that changed.
 */
export function buildLineRows(
  lines: readonly DocumentLine[],
  overrides: ReadonlyMap<number, number>,
  options: RowOptions,
  cache: BarcodeFitCache,
  previous: readonly LineRow[] = [],
): LineRow[] {
  return lines.map((line, index) => {
    const overrideQuantity = overrides.get(line.lineNumber);
    const before = previous[index];
    if (before !== undefined && unchangedRow(before, line, overrideQuantity, options, cache)) {
      return before;
    }
    const row = buildLineRow(line, overrideQuantity, options, cache);
    return before !== undefined && sameRow(before, row) ? before : row;
  });
}

/** Builds the row of one line. `overrideQuantity` is the clerk's count for it, if any. */
export function buildLineRow(
  line: DocumentLine,
  overrideQuantity: number | undefined,
  options: RowOptions,
  cache: BarcodeFitCache,
): LineRow {
  const override = overrideQuantity === undefined ? undefined : { quantity: overrideQuantity };
  const resolved = resolveLine(line, override);

  const codeBlocked = isCodeBlocked(line);
  const problems = line.problems.filter(
    (problem) => !(overrideQuantity !== undefined && QUANTITY_PROBLEMS.has(problem.code)),
  );

  let symbology: Symbology | null = null;
  let tooLong: LineProblem | null = null;
  if (line.code !== null && !codeBlocked) {
    const choice = symbologyChoice(line, line.code, options.template.fields.barcode.symbology);
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
    searchText: searchTextOf(line),
  };
}

/** Tells whether an error other than a quantity problem keeps the line's code from printing at any count. */
export function isCodeBlocked(line: DocumentLine): boolean {
  return line.problems.some(
    (problem) => problem.severity === 'error' && !QUANTITY_PROBLEMS.has(problem.code),
  );
}

/**
 * Tells, without building a row, that `before` is still the row of `line`: the same line and count, and
 * for a printable code the same symbology with no check-digit warning and no "too long" problem, before
 * or now. Other rows are built in full and compared.
 */
function unchangedRow(
  before: LineRow,
  line: DocumentLine,
  overrideQuantity: number | undefined,
  options: RowOptions,
  cache: BarcodeFitCache,
): boolean {
  if (
    before.line !== line ||
    before.overridden !== (overrideQuantity !== undefined) ||
    before.labelsInput !== (overrideQuantity ?? line.quantity) ||
    line.code === null ||
    line.problems.length > 0 ||
    before.problems.length > 0
  ) {
    return false;
  }
  const choice = symbologyChoice(line, line.code, options.template.fields.barcode.symbology);
  return (
    choice.symbology === before.symbology &&
    choice.expectedCheckDigit === undefined &&
    cache.tooLong(line, line.code, choice.symbology, options) === null
  );
}

function sameRow(a: LineRow, b: LineRow): boolean {
  return (
    a.line === b.line &&
    a.symbology === b.symbology &&
    a.labelsInput === b.labelsInput &&
    a.overridden === b.overridden &&
    a.labels === b.labels &&
    a.editable === b.editable &&
    a.refused === b.refused &&
    a.problems.length === b.problems.length &&
    a.problems.every((problem, index) => sameProblem(problem, b.problems[index]))
  );
}

function sameProblem(a: LineProblem, b: LineProblem | undefined): boolean {
  if (b === undefined || a.code !== b.code || a.severity !== b.severity) {
    return false;
  }
  const keys = Object.keys(a.params);
  return keys.length === Object.keys(b.params).length && keys.every((key) => a.params[key] === b.params[key]);
}

const searchTexts = new WeakMap<DocumentLine, string>();

/** Returns the line's lower-case number, name and code, cached per line because no template changes it. */
function searchTextOf(line: DocumentLine): string {
  let text = searchTexts.get(line);
  if (text === undefined) {
    text = `${line.lineNumber} ${line.name} ${line.code ?? ''}`.toLocaleLowerCase();
    searchTexts.set(line, text);
  }
  return text;
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

/** Splits a filter into its lower-case words. */
export function filterWords(filter: string): string[] {
  return filter
    .toLocaleLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '');
}

/** Tells whether the row's search text contains every one of the lower-case words. */
export function matchesEvery(row: LineRow, words: readonly string[]): boolean {
  return words.every((word) => row.searchText.includes(word));
}

/** Keeps the rows whose name, code or line number contains every word of the filter, ignoring case. */
export function filterRows(rows: readonly LineRow[], filter: string): readonly LineRow[] {
  const words = filterWords(filter);
  if (words.length === 0) {
    return rows;
  }
  return rows.filter((row) => matchesEvery(row, words));
}
