import { BarcodeFitCache, buildLineRows, filterRows, totalRows, type LineRow } from '../lines/line-rows.ts';
import type { DocumentState } from './document-state.svelte.ts';
import type { PrintState } from './print-state.svelte.ts';

/** The lines table's rows and totals, derived from the document, the clerk's counts and the output choices. */
export class LinesState {
  readonly #cache = new BarcodeFitCache();
  readonly #document: DocumentState;
  readonly #print: PrintState;

  rows: readonly LineRow[] = $derived.by(() => {
    const view = this.#document.view;
    if (view === null) {
      return [];
    }
    return buildLineRows(
      view.lines,
      this.#document.labelOverrides,
      { template: this.#print.template, dpi: this.#print.dpi },
      this.#cache,
    );
  });

  visibleRows: readonly LineRow[] = $derived.by(() => filterRows(this.rows, this.#document.filter));

  totals = $derived(totalRows(this.rows));

  constructor(document: DocumentState, print: PrintState) {
    this.#document = document;
    this.#print = print;
  }
}
