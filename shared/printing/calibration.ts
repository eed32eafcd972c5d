import type { FontMetrics, LabelDrawing, RectItem, TextItem } from '../labels/types.ts';
import { millimetresToWholeDots, type PrinterProfile } from './profile.ts';

/** Tick lengths of the millimetre rulers: every millimetre, every 5 mm and every 10 mm. */
const TICK_MM = { one: 1, five: 2, ten: 3 } as const;
/** Half the length of each arm of the centre cross. */
const CROSS_ARM_MM = 3;
/** Font size of the ruler numbers, and the largest size of the profile lines. */
const NUMBER_FONT_MM = 1.6;
const INFO_FONT_MM = 2.2;
/** Smallest profile text: 1.25 mm, which is 10 dots (about 3.5 pt) at 203 dpi. */
const MIN_INFO_FONT_MM = 1.25;
/**
 * ZPL prints font 0 no smaller than 10 dots (the raw ZPL writer raises smaller sizes to it), so the layout
 * never measures text smaller than that.
 */
const MIN_FONT_DOTS = 10;
/** Blank space between a ruler number or the profile text and the nearest mark. */
const TEXT_MARGIN_MM = 1;
/** Space between two lines of profile text, in dots. */
const LINE_GAP_DOTS = 1;
/** Separator between profile facts on one line. */
const SEPARATOR = ' | ';
const ELLIPSIS = '...';

/** The profile fields the calibration label shows and is sized by. */
export type CalibrationProfile = Pick<PrinterProfile, 'name' | 'dpi' | 'label' | 'offsetMm'>;

/**
 * Draws the calibration label of a printer profile, at the profile's label size and dpi:
 * - a 1-dot border on the outermost dots of the label (dots 0 and width − 1, 0 and height − 1), so every
 *   side shows whether the printer's offsets put the label edges where they belong;
 * - millimetre rulers along the top and left edges, 1 mm ticks short, 5 mm longer, 10 mm longest with
 *   the number of millimetres beside it;
 * - a cross at the centre of the label;
 * - the profile's name, label size, dpi and offsets below the cross and right of the left ruler's
 *   numbers, wrapped and shrunk to fit, with the name shortened when even the smallest size does not fit.
 * No text item overlaps a tick, the cross or another text item, by the bounding boxes the font metrics give.
 * Ruler and profile text is digits, units and the profile's own name, so it needs no translation.
 * The drawing is one label; a raw job with several columns prints it in each column (`calibrationEntry`).
 */
export function buildCalibrationLabel(profile: CalibrationProfile, metrics: FontMetrics): LabelDrawing {
  const dpi = profile.dpi;
  const dots = (millimetres: number): number => millimetresToWholeDots(millimetres, dpi);
  const widthDots = dots(profile.label.widthMm);
  const heightDots = dots(profile.label.heightMm);
  const rects: RectItem[] = [];
  const texts: TextItem[] = [];

  // Border: four 1-dot rectangles on the outermost rows and columns of dots.
  rects.push(rect(0, 0, widthDots, 1), rect(0, heightDots - 1, widthDots, 1));
  rects.push(rect(0, 0, 1, heightDots), rect(widthDots - 1, 0, 1, heightDots));

  const numberSize = Math.max(MIN_FONT_DOTS, dots(NUMBER_FONT_MM));
  const numberAscent = Math.ceil(metrics.ascent * numberSize);
  // Top ruler: ticks hang down from the top edge, and each number sits right of its 10 mm tick, low
  // enough to clear the 1 mm ticks that follow it.
  for (let millimetre = 1; dots(millimetre) < widthDots - 1; millimetre++) {
    const x = dots(millimetre);
    rects.push(rect(x, 1, 1, dots(tickLengthMm(millimetre))));
    if (millimetre % 10 === 0) {
      const baseline = 1 + dots(TICK_MM.one) + 2 + numberAscent;
      const number = text(String(millimetre), x + 2, baseline, numberSize, metrics);
      if (number.x + number.width <= widthDots - 2) {
        texts.push(number);
      }
    }
  }
  // Left ruler: ticks point right from the left edge, and each number sits just below its 10 mm tick,
  // right of the 5 mm ticks.
  let leftNumbersRight = 1 + dots(TICK_MM.ten);
  for (let millimetre = 1; dots(millimetre) < heightDots - 1; millimetre++) {
    const y = dots(millimetre);
    rects.push(rect(1, y, dots(tickLengthMm(millimetre)), 1));
    if (millimetre % 10 === 0) {
      const number = text(
        String(millimetre),
        1 + dots(TICK_MM.five) + 2,
        y + 2 + numberAscent,
        numberSize,
        metrics,
      );
      if (number.y + metrics.descent * numberSize <= heightDots - 2) {
        texts.push(number);
        leftNumbersRight = Math.max(leftNumbersRight, Math.ceil(number.x + number.width));
      }
    }
  }

  // Centre cross, 1 dot thick, centred on the middle dot.
  const centreX = Math.floor(widthDots / 2);
  const centreY = Math.floor(heightDots / 2);
  const arm = dots(CROSS_ARM_MM);
  rects.push(rect(centreX - arm, centreY, 2 * arm + 1, 1), rect(centreX, centreY - arm, 1, 2 * arm + 1));

  // Profile text: below the cross, right of the left ruler's numbers, clear of the right and bottom borders.
  const margin = dots(TEXT_MARGIN_MM);
  const box = {
    left: leftNumbersRight + margin,
    top: centreY + arm + 1 + Math.ceil(margin / 2),
    right: widthDots - 3,
    bottom: heightDots - 2,
  };
  const sizes = { largest: dots(INFO_FONT_MM), smallest: Math.max(MIN_FONT_DOTS, dots(MIN_INFO_FONT_MM)) };
  texts.push(...profileLines(profile, box, sizes, metrics));

  return { dpi, widthDots, heightDots, items: [...rects, ...texts] };
}

/**
 * Returns the line of profile facts the calibration label prints on a label wide enough, such as
 * `Zebra | 50x30 mm | 203 dpi | offset x +0.5 y -1 mm`. It is ASCII apart from the profile's name, so
 * printer fonts show it as text without the bitmap fallback.
 */
export function calibrationText(profile: CalibrationProfile): string {
  return [profile.name, ...calibrationFacts(profile)].join(SEPARATOR);
}

/**
 * Lists the label size, dpi and offsets, each kept whole on one line of the calibration label. The short
 * form drops the word "offset", for labels too small to show the name beside the long form.
 */
function calibrationFacts(profile: CalibrationProfile, form: 'long' | 'short' = 'long'): string[] {
  const signed = (value: number): string => (value >= 0 ? `+${value}` : String(value));
  const offsets = `x ${signed(profile.offsetMm.x)} y ${signed(profile.offsetMm.y)} mm`;
  return [
    `${profile.label.widthMm}x${profile.label.heightMm} mm`,
    `${profile.dpi} dpi`,
    form === 'long' ? `offset ${offsets}` : offsets,
  ];
}

interface TextBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * Lays the profile's name and facts out as lines inside `box`: at the largest font size whose wrapped
 * lines fit, else at the smallest size with the facts whole and the name cut to the lines left over.
 * NOTE: a box with fewer lines than the facts need at the smallest size drops the name and the last facts.
 */
function profileLines(
  profile: CalibrationProfile,
  box: TextBox,
  sizes: { largest: number; smallest: number },
  metrics: FontMetrics,
): TextItem[] {
  const width = box.right - box.left;
  const facts = calibrationFacts(profile);
  for (let size = sizes.largest; size >= sizes.smallest; size--) {
    const lines = wrapPieces([profile.name, ...facts], width, size, metrics);
    if (lines.length <= lineCapacity(box, size, metrics)) {
      return placeLines(lines, box, size, metrics);
    }
  }

  // Nothing fits whole even at the smallest size: keep the facts, in the short offset form when the long
  // one leaves no line for the name, and cut the name to the lines left over.
  const size = sizes.smallest;
  const capacity = lineCapacity(box, size, metrics);
  const factForms = [facts, calibrationFacts(profile, 'short')].map((form) =>
    wrapPieces(form, width, size, metrics),
  );
  const factLines = factForms.find((lines) => lines.length < capacity) ?? factForms[1]!;
  const nameRoom = Math.max(0, capacity - factLines.length);
  const nameLines = wrapPieces([profile.name], width, size, metrics);
  const kept = nameLines.slice(0, nameRoom);
  if (nameLines.length > nameRoom && kept.length > 0) {
    kept[kept.length - 1] = withEllipsis(kept[kept.length - 1]!, width, size, metrics);
  }
  const lines = [...kept, ...factLines].slice(0, capacity);
  return placeLines(lines, box, size, metrics);
}

/** Lines of `size` that fit between the box's top and bottom, descenders included. */
function lineCapacity(box: TextBox, size: number, metrics: FontMetrics): number {
  const first = Math.ceil((metrics.ascent + metrics.descent) * size);
  if (first > box.bottom - box.top) {
    return 0;
  }
  return 1 + Math.floor((box.bottom - box.top - first) / linePitch(size, metrics));
}

function linePitch(size: number, metrics: FontMetrics): number {
  return Math.ceil((metrics.ascent + metrics.descent) * size) + LINE_GAP_DOTS;
}

function placeLines(lines: readonly string[], box: TextBox, size: number, metrics: FontMetrics): TextItem[] {
  const firstBaseline = box.top + Math.ceil(metrics.ascent * size);
  return lines.map((line, index) =>
    text(line, box.left, firstBaseline + index * linePitch(size, metrics), size, metrics),
  );
}

/**
 * Wraps pieces into lines no wider than `width`. Pieces join with " | " while they fit, and a piece that
 * fits a line of its own starts one. A piece wider than a line breaks at spaces, and a word wider than a
 * line breaks between characters.
 */
function wrapPieces(pieces: readonly string[], width: number, size: number, metrics: FontMetrics): string[] {
  const fits = (value: string): boolean => metrics.widthOf(value, size) <= width;
  const lines: string[] = [];
  let current = '';
  const addWord = (word: string, joiner: string): void => {
    if (current !== '' && fits(current + joiner + word)) {
      current += joiner + word;
      return;
    }
    if (current !== '') {
      lines.push(current);
    }
    current = '';
    for (const character of word) {
      if (current !== '' && !fits(current + character)) {
        lines.push(current);
        current = '';
      }
      current += character;
    }
  };
  for (const piece of pieces) {
    const words = piece.split(' ').filter((word) => word !== '');
    if (current !== '' && fits(current + SEPARATOR + piece)) {
      current += SEPARATOR + piece;
      continue;
    }
    if (fits(piece)) {
      if (current !== '') {
        lines.push(current);
      }
      current = piece;
      continue;
    }
    words.forEach((word, index) => addWord(word, index === 0 ? SEPARATOR : ' '));
  }
  if (current !== '') {
    lines.push(current);
  }
  return lines;
}

/** Cuts `line` at the end until it fits `width` with "..." after it. */
function withEllipsis(line: string, width: number, size: number, metrics: FontMetrics): string {
  let kept = Array.from(line);
  while (kept.length > 0 && metrics.widthOf(kept.join('').trimEnd() + ELLIPSIS, size) > width) {
    kept = kept.slice(0, -1);
  }
  return kept.join('').trimEnd() + ELLIPSIS;
}

function tickLengthMm(millimetre: number): number {
  if (millimetre % 10 === 0) {
    return TICK_MM.ten;
  }
  return millimetre % 5 === 0 ? TICK_MM.five : TICK_MM.one;
}

function rect(x: number, y: number, width: number, height: number): RectItem {
  return { kind: 'rect', x, y, width, height };
}

function text(value: string, x: number, y: number, fontSize: number, metrics: FontMetrics): TextItem {
  return {
    kind: 'text',
    role: 'document',
    text: value,
    x,
    y,
    fontSize,
    width: metrics.widthOf(value, fontSize),
  };
}
