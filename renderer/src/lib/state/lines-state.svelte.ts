import type { LabelTemplate } from '../../../../shared/labels/templates.ts';
import { sharedBarcodeFitCache, totalRows, type LineRow, type LineTotals } from '../lines/line-rows.ts';
import { RowFilter } from '../lines/row-filter.ts';
import { KEPT_TEMPLATES, LineRowsByTemplate } from '../lines/rows-by-template.ts';
import { runWhenIdle } from './idle-tasks.ts';
import type { DocumentState } from './document-state.svelte.ts';
import type { PrintState } from './print-state.svelte.ts';

/** The lines table's rows and totals, derived from the document, the clerk's counts and the output choices. */
export class LinesState {
  readonly #document: DocumentState;
  readonly #print: PrintState;
  readonly #built = new LineRowsByTemplate(sharedBarcodeFitCache);
  readonly #filter = new RowFilter();
  /** Totals by rows array, so switching back to a template whose rows were kept adds nothing up. */
  readonly #totals = new WeakMap<readonly LineRow[], LineTotals>();

  rows: readonly LineRow[] = $derived.by(() => {
    const view = this.#document.view;
    if (view === null) {
      return [];
    }
    return this.#built.rowsFor(
      view.lines,
      this.#document.labelOverrides,
      this.#print.template,
      this.#print.dpi,
    );
  });

  visibleRows: readonly LineRow[] = $derived.by(() => this.#filter.filter(this.rows, this.#document.filter));

  totals: LineTotals = $derived.by(() => {
    let totals = this.#totals.get(this.rows);
    if (totals === undefined) {
      totals = totalRows(this.rows);
      this.#totals.set(this.rows, totals);
    }
    return totals;
  });

  constructor(document: DocumentState, print: PrintState) {
    this.#document = document;
    this.#print = print;
  }

  /**
   * Builds the rows of other templates for the current document, counts and dpi in idle time, one
   * template per idle period, so switching to one of them later builds nothing. Only as many templates
   * as the rows cache keeps besides the current one are prepared, in the order given. Returns a function
   * that cancels what has not run yet; call it when any of those inputs changes.
   */
  prepare(templates: readonly LabelTemplate[]): () => void {
    const view = this.#document.view;
    if (view === null) {
      return () => undefined;
    }
    const overrides = this.#document.labelOverrides;
    const dpi = this.#print.dpi;
    const current = this.#print.template;
    const others = templates.filter((template) => template !== current).slice(0, KEPT_TEMPLATES - 1);
    return runWhenIdle(
      others.map((template) => () => this.#built.prepareSteps(view.lines, overrides, template, dpi)),
    );
  }
}
