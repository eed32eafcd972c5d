import { filterWords, matchesEvery, type LineRow } from './line-rows.ts';

/** Filter results {@link RowFilter} keeps per set of rows. */
const KEPT_FILTERS = 32;

/**
 * Filters rows as `filterRows` does, keeping recent results. A filter typed before (as after
 * Backspace) returns its kept result, the same array, and a filter that only adds letters or words to a
 * kept one searches that result instead of every row. Results are dropped when the rows change.
 */
export class RowFilter {
  #rows: readonly LineRow[] | null = null;
  /** Results by the filter's words joined with one space, oldest first. */
  readonly #results = new Map<string, { words: readonly string[]; rows: readonly LineRow[] }>();

  /** Returns the rows matching `filter`, in the order of `rows`. */
  filter(rows: readonly LineRow[], filter: string): readonly LineRow[] {
    if (rows !== this.#rows) {
      this.#results.clear();
      this.#rows = rows;
    }
    const words = filterWords(filter);
    if (words.length === 0) {
      return rows;
    }
    const key = words.join(' ');
    const kept = this.#results.get(key);
    if (kept !== undefined) {
      this.#results.delete(key);
      this.#results.set(key, kept);
      return kept.rows;
    }

    // A row matching every new word matches every kept word that is part of a new word, so such a
    // kept result contains all the rows this filter can match.
    let source = rows;
    for (const result of this.#results.values()) {
      const covers = result.words.every((word) => words.some((newWord) => newWord.includes(word)));
      if (covers && result.rows.length < source.length) {
        source = result.rows;
      }
    }
    const matching = source.filter((row) => matchesEvery(row, words));
    this.#results.set(key, { words, rows: matching });
    for (const oldest of this.#results.keys()) {
      if (this.#results.size <= KEPT_FILTERS) {
        break;
      }
      this.#results.delete(oldest);
    }
    return matching;
  }
}
