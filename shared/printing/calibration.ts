import type { FontMetrics, LabelDrawing, RectItem, TextItem } from '../labels/types.ts';
import { millimetresToWholeDots, type PrinterProfile } from './profile.ts';

/** Tick lengths of the millimetre rulers: every millimetre, every 5 mm and every 10 mm. */
const TICK_MM = { one: 1, five: 2, ten: 3 } as const;
/** Half the length of each arm of the centre cross. */
const CROSS_ARM_MM = 3;
/** Font size of the ruler numbers and of the profile line, before the line is shrunk to fit. */
const NUMBER_FONT_MM = 1.6;
const INFO_FONT_MM = 2.2;

/** The profile fields the calibration label shows and is sized by. */
export type CalibrationProfile = Pick<PrinterProfile, 'name' | 'dpi' | 'label' | 'offsetMm'>;

/**
 * Draws the calibration label of a printer profile, at the profile's label size and dpi:
 * - a 1-dot border on the outermost dots of the label (dots 0 and width − 1, 0 and height − 1), so every
 *   side shows whether the printer's offsets put the label edges where they belong;
 * - millimetre rulers along the top and left edges, 1 mm ticks short, 5 mm longer, 10 mm longest with
 *   the number of millimetres beside it;
 * - a cross at the centre of the label;
 * - one line with the profile's name, label size, dpi and offsets, shrunk until it fits the width.
 * Ruler and profile text is digits, units and the profile's own name, so it needs no translation.
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

  const numberSize = dots(NUMBER_FONT_MM);
  // Top ruler: ticks hang down from the top edge, and each number sits right of its 10 mm tick.
  for (let millimetre = 1; dots(millimetre) < widthDots - 1; millimetre++) {
    const x = dots(millimetre);
    const length = dots(tickLengthMm(millimetre));
    rects.push(rect(x, 1, 1, length));
    if (millimetre % 10 === 0) {
      texts.push(text(String(millimetre), x + 2, 1 + dots(TICK_MM.ten), numberSize, metrics));
    }
  }
  // Left ruler: ticks point right from the left edge, and each number sits just below its 10 mm tick.
  for (let millimetre = 1; dots(millimetre) < heightDots - 1; millimetre++) {
    const y = dots(millimetre);
    const length = dots(tickLengthMm(millimetre));
    rects.push(rect(1, y, length, 1));
    if (millimetre % 10 === 0) {
      texts.push(text(String(millimetre), 1 + dots(TICK_MM.five), y + numberSize + 1, numberSize, metrics));
    }
  }

  // Centre cross, 1 dot thick, centred on the middle dot.
  const centreX = Math.floor(widthDots / 2);
  const centreY = Math.floor(heightDots / 2);
  const arm = dots(CROSS_ARM_MM);
  rects.push(rect(centreX - arm, centreY, 2 * arm + 1, 1), rect(centreX, centreY - arm, 1, 2 * arm + 1));

  // Profile line, left-aligned past the left ruler, below the cross.
  const left = 1 + dots(TICK_MM.ten) + 2;
  const available = widthDots - left - 3;
  const info = calibrationText(profile);
  let size = dots(INFO_FONT_MM);
  while (size > 4 && metrics.widthOf(info, size) > available) {
    size -= 1;
  }
  const baseline = Math.min(heightDots - 3, centreY + arm + size + 2);
  texts.push(text(info, left, baseline, size, metrics));

  return { dpi, widthDots, heightDots, items: [...rects, ...texts] };
}

/**
 * Returns the line of profile facts the calibration label prints, such as
 * `Zebra | 50x30 mm | 203 dpi | offset x +0.5 y -1 mm`. It is ASCII apart from the profile's name, so
 * printer fonts show it as text without the bitmap fallback.
 */
export function calibrationText(profile: CalibrationProfile): string {
  const signed = (value: number): string => (value >= 0 ? `+${value}` : String(value));
  return (
    `${profile.name} | ${profile.label.widthMm}x${profile.label.heightMm} mm | ${profile.dpi} dpi | ` +
    `offset x ${signed(profile.offsetMm.x)} y ${signed(profile.offsetMm.y)} mm`
  );
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
