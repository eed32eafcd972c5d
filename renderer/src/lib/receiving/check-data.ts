import type { Outcome } from '../../../../shared/ipc-contract.ts';
import { MAX_LABELS_PER_LINE } from '../../../../shared/labels/lines.ts';
import type {
  LineTally,
  ReceivingCheck,
  VariantLookup,
} from '../../../../shared/scanning/receiving-check.ts';
import type { LabelCounts } from '../lines/label-counts.ts';

/** Largest number of codes one `variants:lookup` call takes, as the IPC contract limits it. */
export const MAX_LOOKUP_CODES = 200;

/** Returns the check's counts by line number. */
export function talliesByLine(check: ReceivingCheck): ReadonlyMap<number, LineTally> {
  return new Map(check.lines().map((tally) => [tally.lineNumber, tally]));
}

/**
 * Turns the result of one batched `lookupVariants` call into the per-code lookup that
 * `ReceivingCheck.resolveUnknownCodes` takes. Codes outside the batch, and every code of a failed call,
 * reject, so the check marks them `lookup_failed`.
 */
export function batchLookup(
  requested: readonly string[],
  result: Outcome<Array<{ code: string; id: string }>>,
): VariantLookup {
  const asked = new Set(requested);
  const found = new Map(result.ok ? result.value.map((item) => [item.code, item.id]) : []);
  return async (code) => {
    if (!result.ok || !asked.has(code)) {
      throw new Error(`no lookup result for ${code}`);
    }
    return found.get(code) ?? null;
  };
}

/** Returns the label counts of the scanned quantities (`printOverrides()`), in line order. */
export function scannedLabelCounts(check: ReceivingCheck): LabelCounts {
  const entries = [...check.printOverrides()].map(([lineNumber, override]): [number, number] => [
    lineNumber,
    Math.min(MAX_LABELS_PER_LINE, override.quantity ?? 0),
  ]);
  entries.sort(([a], [b]) => a - b);
  return new Map(entries);
}
