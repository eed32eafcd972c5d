import type { FontMetrics } from '../../shared/labels/types.ts';

/**
 * Monospaced metrics for unit tests: every character is `advance` em wide, and code points listed in
 * `missing` have no glyph. Real font metrics are tested with the PDF writer.
 */
export function monospaceMetrics(advance = 0.6, missing: readonly number[] = []): FontMetrics {
  return {
    widthOf: (text, fontSize) => Array.from(text).length * advance * fontSize,
    ascent: 0.8,
    descent: 0.2,
    hasGlyph: (codePoint) => !missing.includes(codePoint),
  };
}
