import type { LabelTemplate, SymbologyPreference } from '../../../../shared/labels/templates.ts';
import type { DocumentLine, Dpi, Symbology } from '../../../../shared/labels/types.ts';
import {
  buildLineRow,
  buildLineRows,
  isCodeBlocked,
  symbologyChoice,
  type BarcodeFitCache,
  type LineRow,
  type RowOptions,
} from './line-rows.ts';

/** Templates whose rows {@link LineRowsByTemplate} keeps. */
export const KEPT_TEMPLATES = 4;

/** Lines built or grouped between two pauses of a stepped build: well under a millisecond of work. */
const STEP_LINES = 250;

/** Rows built for one template, with the inputs they were built from. */
interface BuiltRows {
  lines: readonly DocumentLine[];
  overrides: ReadonlyMap<number, number>;
  template: LabelTemplate;
  dpi: Dpi;
  rows: readonly LineRow[];
}

/** Lines whose codes get the same symbology and fit the same templates, as indexes into the lines. */
interface BarcodeGroup {
  /** The first line of the group and its code, for asking the fit cache. */
  line: DocumentLine;
  code: string;
  symbology: Symbology;
  indexes: number[];
}

/**
 * Keeps the rows of the last few templates, so switching back and forth between templates rebuilds
 * nothing. Rows are reused only while the lines, the clerk's counts and the dpi are the same objects as
 * when they were built.
 *
 * A template not kept is built from the last rows. Only the lines whose barcode does not fit both
 * templates are built again. The others keep their row objects, so the table redraws only rows that
 * changed. That needs the same symbology preference in both
 * templates; otherwise every row is built and compared with the last one.
 */
export class LineRowsByTemplate {
  /** Oldest first. */
  readonly #built = new Map<LabelTemplate, BuiltRows>();
  readonly #cache: BarcodeFitCache;
  #last: BuiltRows | null = null;
  /** Barcode groups of the last lines, by symbology preference. */
  #groups: { lines: readonly DocumentLine[]; byPreference: Map<SymbologyPreference, BarcodeGroup[]> } | null =
    null;

  constructor(cache: BarcodeFitCache) {
    this.#cache = cache;
  }

  /** Returns the rows for these inputs, built now or kept from an earlier call. */
  rowsFor(
    lines: readonly DocumentLine[],
    overrides: ReadonlyMap<number, number>,
    template: LabelTemplate,
    dpi: Dpi,
  ): readonly LineRow[] {
    const kept = this.#built.get(template);
    this.#built.delete(template);
    let built: BuiltRows;
    if (kept !== undefined && kept.lines === lines && kept.overrides === overrides && kept.dpi === dpi) {
      built = kept;
    } else {
      built = { lines, overrides, template, dpi, rows: this.#build(lines, overrides, { template, dpi }) };
    }
    this.#last = built;
    this.#built.set(template, built);
    for (const oldest of this.#built.keys()) {
      if (this.#built.size <= KEPT_TEMPLATES) {
        break;
      }
      this.#built.delete(oldest);
    }
    return built.rows;
  }

  /**
   * Builds and caches the rows of another template for these inputs, as `rowsFor` would, without making
   * them the last rows. The work pauses after every {@link STEP_LINES} lines, so it can run in idle time
   * a few milliseconds at a time. The rows are cached when the generator is done, so a later switch to
   * that template finds them. The caller prepares fewer templates than the cache capacity, so the rows in
   * use are never dropped.
   */
  *prepareSteps(
    lines: readonly DocumentLine[],
    overrides: ReadonlyMap<number, number>,
    template: LabelTemplate,
    dpi: Dpi,
  ): Generator<void, void> {
    const kept = this.#built.get(template);
    if (kept !== undefined && kept.lines === lines && kept.overrides === overrides && kept.dpi === dpi) {
      return;
    }
    const rows = yield* this.#buildSteps(lines, overrides, { template, dpi });
    this.#built.delete(template);
    this.#built.set(template, { lines, overrides, template, dpi, rows });
    for (const oldest of this.#built.keys()) {
      if (this.#built.size <= KEPT_TEMPLATES) {
        break;
      }
      this.#built.delete(oldest);
    }
  }

  /** Builds the rows at once. {@link LineRowsByTemplate.prepareSteps} does the same work in steps. */
  #build(
    lines: readonly DocumentLine[],
    overrides: ReadonlyMap<number, number>,
    options: RowOptions,
  ): readonly LineRow[] {
    const steps = this.#buildSteps(lines, overrides, options);
    for (;;) {
      const step = steps.next();
      if (step.done === true) {
        return step.value;
      }
    }
  }

  /** Builds the rows, pausing after every {@link STEP_LINES} lines of work. */
  *#buildSteps(
    lines: readonly DocumentLine[],
    overrides: ReadonlyMap<number, number>,
    options: RowOptions,
  ): Generator<void, readonly LineRow[]> {
    const last = this.#last;
    const preference = options.template.fields.barcode.symbology;
    if (
      last === null ||
      last.lines !== lines ||
      last.overrides !== overrides ||
      last.template.fields.barcode.symbology !== preference
    ) {
      const previous = last?.rows ?? [];
      const rows: LineRow[] = [];
      for (let start = 0; start < lines.length; start += STEP_LINES) {
        const end = start + STEP_LINES;
        const slice = buildLineRows(
          lines.slice(start, end),
          overrides,
          options,
          this.#cache,
          previous.slice(start, end),
        );
        rows.push(...slice);
        yield;
      }
      return rows;
    }

    const groups = yield* this.#groupSteps(lines, preference);
    const lastOptions = { template: last.template, dpi: last.dpi };
    let rows: LineRow[] | null = null;
    let work = 0;
    for (const group of groups) {
      const fitBefore = this.#cache.tooLong(group.line, group.code, group.symbology, lastOptions) === null;
      const fitsNow = this.#cache.tooLong(group.line, group.code, group.symbology, options) === null;
      if (fitBefore && fitsNow) {
        continue;
      }
      rows ??= [...last.rows];
      for (const index of group.indexes) {
        const line = lines[index] as DocumentLine;
        rows[index] = buildLineRow(line, overrides.get(line.lineNumber), options, this.#cache);
        work += 1;
        if (work % STEP_LINES === 0) {
          yield;
        }
      }
    }
    // Every code fits both templates: the rows are the same, and so is the array.
    return rows ?? last.rows;
  }

  /**
   * Groups the lines with a printable code by symbology and fit key, pausing after every
   * {@link STEP_LINES} lines. Lines without such a code have the same row on every template.
   */
  *#groupSteps(
    lines: readonly DocumentLine[],
    preference: SymbologyPreference,
  ): Generator<void, BarcodeGroup[]> {
    if (this.#groups?.lines !== lines) {
      this.#groups = { lines, byPreference: new Map() };
    }
    const byPreference = this.#groups.byPreference;
    let groups = byPreference.get(preference);
    if (groups !== undefined) {
      return groups;
    }
    const byKey = new Map<string, BarcodeGroup>();
    for (const [index, line] of lines.entries()) {
      if (index % STEP_LINES === STEP_LINES - 1) {
        yield;
      }
      if (line.code === null || isCodeBlocked(line)) {
        continue;
      }
      const { symbology } = symbologyChoice(line, line.code, preference);
      const key = `${symbology}|${this.#cache.fitKey(line.code, symbology)}`;
      const group = byKey.get(key);
      if (group === undefined) {
        byKey.set(key, { line, code: line.code, symbology, indexes: [index] });
      } else {
        group.indexes.push(index);
      }
    }
    groups = [...byKey.values()];
    byPreference.set(preference, groups);
    return groups;
  }
}
