import type { FontMetrics } from './types.ts';

const ELLIPSIS = '…';

/** Splits a word that is wider than `maxWidth` on its own into pieces that fit. */
function breakLongWord(word: string, maxWidth: number, fontSize: number, metrics: FontMetrics): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const character of word) {
    const candidate = current + character;
    if (current !== '' && metrics.widthOf(candidate, fontSize) > maxWidth) {
      pieces.push(current);
      current = character;
    } else {
      current = candidate;
    }
  }
  if (current !== '') {
    pieces.push(current);
  }
  return pieces;
}

/**
 * Greedy word wrap: every returned line fits `maxWidth` at `fontSize`. With `lineLimit`, wrapping stops
 * once more than that many lines exist, so a very long name costs no more than the label can show.
 */
export function wrapText(
  text: string,
  maxWidth: number,
  fontSize: number,
  metrics: FontMetrics,
  lineLimit = Number.POSITIVE_INFINITY,
): string[] {
  const words = text.split(' ').filter((word) => word !== '');
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const pieces =
      metrics.widthOf(word, fontSize) > maxWidth ? breakLongWord(word, maxWidth, fontSize, metrics) : [word];
    for (const piece of pieces) {
      const candidate = current === '' ? piece : `${current} ${piece}`;
      if (current !== '' && metrics.widthOf(candidate, fontSize) > maxWidth) {
        lines.push(current);
        current = piece;
        if (lines.length > lineLimit) {
          return lines;
        }
      } else {
        current = candidate;
      }
    }
  }
  if (current !== '') {
    lines.push(current);
  }
  return lines;
}

/** Shortens `text` and appends an ellipsis so the result fits `maxWidth`. */
export function truncateWithEllipsis(
  text: string,
  maxWidth: number,
  fontSize: number,
  metrics: FontMetrics,
): string {
  if (metrics.widthOf(text, fontSize) <= maxWidth) {
    return text;
  }
  // No glyph of a text font is narrower than about 0.15 em, so characters past this count never fit.
  const characters = Array.from(text).slice(0, Math.ceil(maxWidth / (fontSize * 0.15)) + 1);
  while (characters.length > 0) {
    characters.pop();
    const candidate = `${characters.join('').trimEnd()}${ELLIPSIS}`;
    if (metrics.widthOf(candidate, fontSize) <= maxWidth) {
      return candidate;
    }
  }
  return ELLIPSIS;
}

export interface FittedText {
  lines: string[];
  fontSize: number;
  truncated: boolean;
}

/**
 * Fits text into at most `maxLines` lines: the largest size from `fontSize` down to `minFontSize` (in
 * steps of `step`) at which it wraps without loss; failing that, the minimum size with the last line
 * cut short by an ellipsis.
 */
export function fitText(
  text: string,
  options: { maxWidth: number; maxLines: number; fontSize: number; minFontSize: number; step: number },
  metrics: FontMetrics,
): FittedText {
  const { maxWidth, maxLines, minFontSize, step } = options;
  for (let size = options.fontSize; size >= minFontSize - 1e-9; size -= step) {
    const lines = wrapText(text, maxWidth, size, metrics, maxLines);
    if (lines.length <= maxLines) {
      return { lines, fontSize: size, truncated: false };
    }
  }
  const lines = wrapText(text, maxWidth, minFontSize, metrics, maxLines);
  if (lines.length <= maxLines) {
    return { lines, fontSize: minFontSize, truncated: false };
  }
  const kept = lines.slice(0, maxLines);
  const rest = lines.slice(maxLines - 1).join(' ');
  kept[maxLines - 1] = truncateWithEllipsis(rest, maxWidth, minFontSize, metrics);
  return { lines: kept, fontSize: minFontSize, truncated: true };
}
