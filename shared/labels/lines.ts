import { z } from 'zod';
import { findUnencodableCharacter, describeCharacter } from './symbology.ts';
import type { DocumentLine, LineOverride, LineProblem } from './types.ts';

// Each field is checked on its own so that one odd value marks that line and never fails the document.
const textSchema = z.string();
const quantitySchema = z.number().finite();
const priceSchema = z.number().finite();

function problem(
  code: LineProblem['code'],
  severity: LineProblem['severity'],
  params: LineProblem['params'],
): LineProblem {
  return { code, severity, params };
}

function jsonTypeName(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'array';
  }
  return typeof value;
}

/** Removes control characters and collapses runs of white space, so a name prints as one clean run. */
function cleanName(name: string): string {
  return name
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function readCode(raw: unknown, lineNumber: number, problems: LineProblem[]): string | null {
  if (raw === undefined || raw === null) {
    problems.push(problem('code_missing', 'error', { line: lineNumber }));
    return null;
  }
  const parsed = textSchema.safeParse(raw);
  if (!parsed.success) {
    // A code sent as a JSON number has already lost any leading zero, so printing it would be a guess.
    problems.push(problem('code_not_text', 'error', { line: lineNumber, type: jsonTypeName(raw) }));
    return null;
  }
  const code = parsed.data.trim();
  if (code === '') {
    problems.push(problem('code_missing', 'error', { line: lineNumber }));
    return null;
  }
  const unencodable = findUnencodableCharacter(code);
  if (unencodable !== null) {
    problems.push(
      problem('code_not_encodable', 'error', {
        line: lineNumber,
        code,
        character: describeCharacter(unencodable.character),
        position: unencodable.position,
      }),
    );
  }
  return code;
}

function readQuantity(raw: unknown, lineNumber: number, problems: LineProblem[]): number | null {
  const parsed = quantitySchema.safeParse(raw);
  if (!parsed.success) {
    const shown = raw === undefined ? 'missing' : JSON.stringify(raw);
    problems.push(problem('quantity_invalid', 'error', { line: lineNumber, quantity: shown }));
    return null;
  }
  const quantity = parsed.data;
  if (quantity < 0) {
    problems.push(problem('quantity_negative', 'error', { line: lineNumber, quantity: String(quantity) }));
    return null;
  }
  if (!Number.isInteger(quantity)) {
    problems.push(problem('quantity_fractional', 'error', { line: lineNumber, quantity: String(quantity) }));
    return null;
  }
  if (quantity > MAX_LABELS_PER_LINE) {
    problems.push(
      problem('quantity_too_large', 'error', {
        line: lineNumber,
        quantity: String(quantity),
        max: String(MAX_LABELS_PER_LINE),
      }),
    );
    return null;
  }
  return quantity;
}

/**
 * Turns DealPOS's document lines into validated `DocumentLine`s. Problems are recorded per line: errors
 * keep that line from printing (until the clerk overrides a bad quantity), warnings still print.
 */
export function readDocumentLines(rawLines: readonly Record<string, unknown>[]): DocumentLine[] {
  // A variant is the same when DealPOS gives the same variant ID or the same code: both print alike.
  const firstLineOfVariant = new Map<string, number>();

  return rawLines.map((raw, index) => {
    const lineNumber = index + 1;
    const problems: LineProblem[] = [];

    const code = readCode(raw.Code, lineNumber, problems);
    const quantity = readQuantity(raw.Quantity, lineNumber, problems);

    const parsedName = textSchema.safeParse(raw.Name);
    const name = parsedName.success ? cleanName(parsedName.data) : '';
    if (name === '') {
      problems.push(problem('name_missing', 'warning', { line: lineNumber }));
    }

    const parsedVariant = textSchema.safeParse(raw.VariantID);
    const variantId = parsedVariant.success && parsedVariant.data !== '' ? parsedVariant.data : null;
    const keys = [variantId === null ? null : `id:${variantId}`, code === null ? null : `code:${code}`];
    const otherLine = keys
      .map((key) => (key === null ? undefined : firstLineOfVariant.get(key)))
      .find((value) => value !== undefined);
    if (otherLine !== undefined) {
      problems.push(problem('duplicate_variant', 'warning', { line: lineNumber, otherLine }));
    }
    for (const key of keys) {
      if (key !== null && !firstLineOfVariant.has(key)) {
        firstLineOfVariant.set(key, lineNumber);
      }
    }

    const parsedPrice = priceSchema.safeParse(raw.UnitPrice);

    return {
      lineNumber,
      variantId,
      name,
      code,
      quantity,
      unitPrice: parsedPrice.success ? parsedPrice.data : null,
      problems,
    };
  });
}

const QUANTITY_PROBLEMS = new Set<LineProblem['code']>([
  'quantity_invalid',
  'quantity_negative',
  'quantity_fractional',
  'quantity_too_large',
]);

/** Largest label count the engine accepts for one line, whatever the document or the clerk requests. */
export const MAX_LABELS_PER_LINE = 1_000_000;

export const lineOverrideSchema = z.object({
  quantity: z.number().int().min(0).max(MAX_LABELS_PER_LINE).optional(),
  include: z.boolean().optional(),
});

/**
 * Computes the number of labels a line gets after the clerk's override, and the errors that still stop it.
 * A quantity the clerk typed replaces a bad document quantity, so those errors no longer apply.
 */
export function resolveLine(
  line: DocumentLine,
  override: LineOverride | undefined,
): { labels: number; errors: LineProblem[] } {
  const overrideQuantity = override?.quantity;
  const errors = line.problems.filter(
    (item) =>
      item.severity === 'error' && !(overrideQuantity !== undefined && QUANTITY_PROBLEMS.has(item.code)),
  );
  if (override?.include === false) {
    return { labels: 0, errors: [] };
  }
  const labels = overrideQuantity ?? line.quantity ?? 0;
  return { labels: errors.length > 0 ? 0 : labels, errors };
}
