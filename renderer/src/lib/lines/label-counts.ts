import { MAX_LABELS_PER_LINE } from '../../../../shared/labels/lines.ts';

/** Label counts the clerk typed, by line number. Each change makes a new map, so state can hold it raw. */
export type LabelCounts = ReadonlyMap<number, number>;

export const NO_LABEL_COUNTS: LabelCounts = new Map();

/**
 * Returns `counts` with one line's count set (clamped to 0…`MAX_LABELS_PER_LINE`), or removed when `labels`
 * is null. Entries stay in line order, so requests list them the same way whatever the editing order.
 */
export function withLabelCount(counts: LabelCounts, lineNumber: number, labels: number | null): LabelCounts {
  const entries = [...counts].filter(([line]) => line !== lineNumber);
  if (labels !== null) {
    entries.push([lineNumber, Math.min(MAX_LABELS_PER_LINE, Math.max(0, Math.trunc(labels)))]);
  }
  entries.sort(([a], [b]) => a - b);
  return new Map(entries);
}
