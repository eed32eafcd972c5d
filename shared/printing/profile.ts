import { z } from 'zod';
import type { LabelDrawing } from '../labels/types.ts';

/**
 * Ways of sending labels to a printer: `driver` prints through the operating system's driver (the PDF path),
 * `zpl` and `tspl` send raw printer language to the queue.
 */
export const PRINTER_MODES = ['driver', 'zpl', 'tspl'] as const;
export type PrinterMode = (typeof PRINTER_MODES)[number];

/** Thermal label printers print at 203 or 300 dpi; the label engine lays labels out at the same dpi. */
export const PRINTER_DPI = [203, 300] as const;
export type PrinterDpi = (typeof PRINTER_DPI)[number];

/** Largest value of `darkness`, which uses the ZPL `~SD` scale (0–30); TSPL `DENSITY` gets half of it. */
export const MAX_DARKNESS = 30;
/** Offsets only correct a printer's small feed or head misalignment, so they stay within this range. */
export const MAX_OFFSET_MM = 10;
/** Upper bound for a row of labels: the widest label print heads are about 8.5 inches (216 mm), an estimate. */
export const MAX_ROW_WIDTH_MM = 220;

const positiveMm = (max: number) => z.number().finite().positive().max(max);
const offsetMm = z.number().finite().min(-MAX_OFFSET_MM).max(MAX_OFFSET_MM);

/**
 * A label printer as the app sends jobs to it. Lengths are millimetres, speed is inches per second.
 * `darkness` is one scale for both languages, 0–30 as in ZPL `~SD`; TSPL `DENSITY` (0–15) gets
 * `round(darkness / 2)`, so switching `mode` never makes a saved value invalid.
 */
export const printerProfileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
    name: z.string().trim().min(1).max(100),
    /** Print queue name in the operating system (CUPS or Windows), without surrounding spaces. */
    queue: z
      .string()
      .trim()
      .min(1)
      .max(255)
      .refine((queue) => !/\p{Cc}/u.test(queue), 'control_character'),
    mode: z.enum(PRINTER_MODES),
    dpi: z.union([z.literal(203), z.literal(300)]),
    /** One label, and the blank liner between two labels in the feed direction. */
    label: z.object({
      widthMm: positiveMm(MAX_ROW_WIDTH_MM),
      heightMm: positiveMm(1000),
      gapMm: z.number().finite().min(0).max(20),
    }),
    /** Labels side by side on the roll, and the blank liner between neighbouring columns. */
    columns: z.number().int().min(1).max(10).default(1),
    columnGapMm: z.number().finite().min(0).max(50).default(0),
    /** Moves everything printed; negative values move left or up. */
    offsetMm: z.object({ x: offsetMm, y: offsetMm }).default({ x: 0, y: 0 }),
    darkness: z.number().int().min(0).max(MAX_DARKNESS).default(16),
    /** TSPL accepts half steps such as 1.5; ZPL `^PR` gets the value rounded to whole inches per second. */
    speed: z.number().finite().min(1).max(14).multipleOf(0.5).default(3),
    /** The firmware accepts UTF-8 text (ZPL `^CI28`, TSPL `CODEPAGE UTF-8`) and its font has the glyphs. */
    utf8Text: z.boolean().default(false),
    /**
     * Draws every text as a bitmap in the app's own font instead of a printer font: the print then matches
     * the PDF exactly and works on firmware without a scalable font, at the cost of larger jobs.
     */
    rasterText: z.boolean().default(false),
  })
  .superRefine((profile, context) => {
    if (rowWidthMm(profile) > MAX_ROW_WIDTH_MM) {
      context.addIssue({ code: 'custom', path: ['columns'], message: 'row_wider_than_print_head' });
    }
  });

/** A validated printer profile, with every default filled in. */
export type PrinterProfile = z.infer<typeof printerProfileSchema>;
/** Profile data before defaults are applied, as stored in settings or typed in the profile editor. */
export type PrinterProfileInput = z.input<typeof printerProfileSchema>;

/** Width of one printed row: every column and the gaps between them, without the offset. */
export function rowWidthMm(profile: Pick<PrinterProfile, 'label' | 'columns' | 'columnGapMm'>): number {
  return profile.columns * profile.label.widthMm + (profile.columns - 1) * profile.columnGapMm;
}

/** Converts millimetres to whole printer dots, the unit of every raw printer command. */
export function millimetresToWholeDots(millimetres: number, dpi: number): number {
  return Math.round((millimetres * dpi) / 25.4);
}

/** Printers set up for the desks this app was built for; a user copies one and adjusts it. */
export const EXAMPLE_PRINTER_PROFILES: readonly PrinterProfile[] = [
  printerProfileSchema.parse({
    id: 'xprinter-xp-360b',
    name: 'Xprinter XP-360B, 50 × 30 mm',
    queue: 'XP-360B',
    mode: 'tspl',
    dpi: 203,
    label: { widthMm: 50, heightMm: 30, gapMm: 2 },
    speed: 4,
  }),
  printerProfileSchema.parse({
    // Three 33 mm labels with 2 mm between them, 1 mm in from the liner's left edge.
    id: 'xprinter-xp-360b-3up',
    name: 'Xprinter XP-360B, 33 × 15 mm, 3 across',
    queue: 'XP-360B',
    mode: 'tspl',
    dpi: 203,
    label: { widthMm: 33, heightMm: 15, gapMm: 2 },
    columns: 3,
    columnGapMm: 2,
    offsetMm: { x: 1, y: 0 },
    speed: 4,
  }),
  printerProfileSchema.parse({
    // Zebra firmware reads UTF-8 field data after ^CI28. NOTE: the printer's font 0 may still lack letters
    // of some scripts; rasterText prints those names in the app's font instead.
    id: 'zebra-zd220',
    name: 'Zebra ZD220, 50 × 30 mm',
    queue: 'Zebra_ZD220',
    mode: 'zpl',
    dpi: 203,
    label: { widthMm: 50, heightMm: 30, gapMm: 2 },
    speed: 3,
    utf8Text: true,
  }),
];

/** A reason a laid-out label does not suit a printer profile; `printing.<code>` is its message. */
export interface PrinterProfileProblem {
  code: 'dpi_mismatch' | 'label_too_large';
  params: Record<string, string | number>;
}

/** Labels may be this much larger than the profile's label before they are rejected (rounding). */
const SIZE_TOLERANCE_MM = 0.1;

/**
 * Checks that a drawing was laid out at the profile's dpi and fits its label, so a raw job never prints
 * at the wrong scale or off the label. Returns null when it fits.
 */
export function checkDrawingFitsProfile(
  drawing: Pick<LabelDrawing, 'dpi' | 'widthDots' | 'heightDots'>,
  profile: PrinterProfile,
): PrinterProfileProblem | null {
  if (drawing.dpi !== profile.dpi) {
    return {
      code: 'dpi_mismatch',
      params: { printer: profile.name, layoutDpi: drawing.dpi, printerDpi: profile.dpi },
    };
  }
  const widthMm = (drawing.widthDots * 25.4) / drawing.dpi;
  const heightMm = (drawing.heightDots * 25.4) / drawing.dpi;
  if (
    widthMm > profile.label.widthMm + SIZE_TOLERANCE_MM ||
    heightMm > profile.label.heightMm + SIZE_TOLERANCE_MM
  ) {
    return {
      code: 'label_too_large',
      params: {
        printer: profile.name,
        labelWidth: roundMm(widthMm),
        labelHeight: roundMm(heightMm),
        printerWidth: profile.label.widthMm,
        printerHeight: profile.label.heightMm,
      },
    };
  }
  return null;
}

function roundMm(millimetres: number): number {
  return Math.round(millimetres * 10) / 10;
}
