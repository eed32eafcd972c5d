import { z } from 'zod';

const lengthMm = z.number().finite().nonnegative().max(1000);
const positiveMm = z.number().finite().positive().max(1000);
const fontSizePt = z.number().finite().min(3).max(72);

/**
 * The rule a template uses to pick the barcode symbology. `auto` follows each code: EAN-13, EAN-8 or UPC-A when the
 * length and check digit fit, else Code 128. `code128` prints every code as Code 128, for shops whose
 * scanners are set to read Code 128 only.
 */
export const symbologyPreferenceSchema = z.enum(['auto', 'code128']);

/** The template's barcode symbology setting. */
export type SymbologyPreference = z.infer<typeof symbologyPreferenceSchema>;

const textFieldSchema = z.object({
  show: z.boolean(),
  fontSizePt,
});

/**
 * A label template. Lengths are millimetres, font sizes points. A roll prints one row of `columns`
 * labels per page; a sheet prints `rows` × `columns` and may start part way through a used sheet.
 */
export const templateSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
    name: z.string().min(1).max(100),
    media: z.enum(['roll', 'sheet']),
    page: z.object({ widthMm: positiveMm, heightMm: positiveMm }),
    label: z.object({ widthMm: positiveMm, heightMm: positiveMm }),
    grid: z.object({
      columns: z.number().int().min(1).max(20),
      rows: z.number().int().min(1).max(50),
      /** Distance from the page's left and top edge to the first label. */
      marginLeftMm: lengthMm,
      marginTopMm: lengthMm,
      /** Distance between the left edges of neighbouring labels, and between their top edges. */
      pitchXMm: positiveMm,
      pitchYMm: positiveMm,
    }),
    /** Blank border kept inside each label, except for the barcode's quiet zones. */
    paddingMm: z.number().finite().min(0).max(10),
    fields: z.object({
      name: textFieldSchema.extend({
        maxLines: z.number().int().min(1).max(4),
        minFontSizePt: fontSizePt,
      }),
      barcode: z.object({
        show: z.boolean(),
        heightMm: positiveMm.max(100),
        // Templates saved before this setting existed have no `symbology`, so they keep the automatic choice.
        symbology: symbologyPreferenceSchema.default('auto'),
      }),
      code: textFieldSchema,
      price: textFieldSchema,
      documentNumber: textFieldSchema,
    }),
  })
  .superRefine((template, context) => {
    const { page, label, grid } = template;
    const right = grid.marginLeftMm + (grid.columns - 1) * grid.pitchXMm + label.widthMm;
    const bottom = grid.marginTopMm + (grid.rows - 1) * grid.pitchYMm + label.heightMm;
    const tolerance = 0.01;
    if (right > page.widthMm + tolerance) {
      context.addIssue({ code: 'custom', path: ['grid', 'columns'], message: 'labels_wider_than_page' });
    }
    if (bottom > page.heightMm + tolerance) {
      context.addIssue({ code: 'custom', path: ['grid', 'rows'], message: 'labels_taller_than_page' });
    }
    if (grid.columns > 1 && grid.pitchXMm < label.widthMm - tolerance) {
      context.addIssue({ code: 'custom', path: ['grid', 'pitchXMm'], message: 'labels_overlap' });
    }
    if (grid.rows > 1 && grid.pitchYMm < label.heightMm - tolerance) {
      context.addIssue({ code: 'custom', path: ['grid', 'pitchYMm'], message: 'labels_overlap' });
    }
    if (template.fields.name.minFontSizePt > template.fields.name.fontSizePt) {
      context.addIssue({
        code: 'custom',
        path: ['fields', 'name', 'minFontSizePt'],
        message: 'min_above_size',
      });
    }
  });

export type LabelTemplate = z.infer<typeof templateSchema>;

const rollFields: LabelTemplate['fields'] = {
  name: { show: true, fontSizePt: 8, minFontSizePt: 6, maxLines: 2 },
  barcode: { show: true, heightMm: 12, symbology: 'auto' },
  code: { show: true, fontSizePt: 7 },
  price: { show: true, fontSizePt: 8 },
  documentNumber: { show: true, fontSizePt: 5 },
};

/** Templates shipped with the app; custom ones use the same schema. */
export const BUILT_IN_TEMPLATES: readonly LabelTemplate[] = [
  {
    id: 'roll-50x30',
    name: 'Roll 50 × 30 mm',
    media: 'roll',
    page: { widthMm: 50, heightMm: 30 },
    label: { widthMm: 50, heightMm: 30 },
    grid: { columns: 1, rows: 1, marginLeftMm: 0, marginTopMm: 0, pitchXMm: 50, pitchYMm: 30 },
    paddingMm: 1.5,
    fields: rollFields,
  },
  {
    // Three 33 mm labels with 2 mm gaps on a 105 mm roll leave 1 mm of liner at each side.
    id: 'roll-33x15-3up',
    name: 'Roll 33 × 15 mm, 3 across',
    media: 'roll',
    page: { widthMm: 105, heightMm: 15 },
    label: { widthMm: 33, heightMm: 15 },
    grid: { columns: 3, rows: 1, marginLeftMm: 1, marginTopMm: 0, pitchXMm: 35, pitchYMm: 15 },
    paddingMm: 0.8,
    fields: {
      name: { show: true, fontSizePt: 5, minFontSizePt: 4, maxLines: 1 },
      barcode: { show: true, heightMm: 6.5, symbology: 'auto' },
      code: { show: true, fontSizePt: 5 },
      price: { show: false, fontSizePt: 5 },
      documentNumber: { show: false, fontSizePt: 4 },
    },
  },
  {
    // A4 sheet of 3 × 8 labels of 70 × 37 mm, the common office label sheet with no gaps.
    id: 'sheet-a4-3x8',
    name: 'A4 sheet, 3 × 8 labels of 70 × 37 mm',
    media: 'sheet',
    page: { widthMm: 210, heightMm: 297 },
    label: { widthMm: 70, heightMm: 37 },
    grid: { columns: 3, rows: 8, marginLeftMm: 0, marginTopMm: 0.5, pitchXMm: 70, pitchYMm: 37 },
    paddingMm: 3,
    fields: {
      name: { show: true, fontSizePt: 9, minFontSizePt: 7, maxLines: 2 },
      barcode: { show: true, heightMm: 14, symbology: 'auto' },
      code: { show: true, fontSizePt: 8 },
      price: { show: true, fontSizePt: 9 },
      documentNumber: { show: true, fontSizePt: 6 },
    },
  },
];

export const DEFAULT_TEMPLATE_ID = 'roll-50x30';

export function findTemplate(id: string, custom: readonly LabelTemplate[] = []): LabelTemplate | undefined {
  return [...BUILT_IN_TEMPLATES, ...custom].find((template) => template.id === id);
}

/** Labels per page for a template. */
export function labelsPerPage(template: LabelTemplate): number {
  return template.grid.columns * template.grid.rows;
}
