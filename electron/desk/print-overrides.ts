import type { PdfPrintRequest, Reprint } from '../../shared/ipc-contract.ts';
import type { DocumentLine, LineOverride } from '../../shared/labels/types.ts';

/**
 * Turns a print request's line changes into the overrides the label engine takes, keyed by line number.
 * Without `reprint`, the clerk's changes apply and a later change to the same line wins. With `reprint`,
 * the clerk's changes are ignored: every line is left out except the reprinted one, which prints
 * `reprint.labels` labels. The result is plain data, so a print job journal can store it and a resumed
 * job prints the same labels.
 */
export function printOverrides(
  overrides: PdfPrintRequest['overrides'],
  reprint: Reprint | null | undefined,
  lines: readonly Pick<DocumentLine, 'lineNumber'>[],
): Map<number, LineOverride> {
  const map = new Map<number, LineOverride>();
  // Undefined counts as no reprint, for callers that build a request without the schema's default.
  if (reprint !== null && reprint !== undefined) {
    for (const line of lines) {
      map.set(line.lineNumber, { include: false });
    }
    map.set(reprint.lineNumber, { quantity: reprint.labels, include: true });
    return map;
  }
  for (const { lineNumber, quantity, include } of overrides) {
    const override: LineOverride = {};
    if (quantity !== undefined) {
      override.quantity = quantity;
    }
    if (include !== undefined) {
      override.include = include;
    }
    map.set(lineNumber, override);
  }
  return map;
}
