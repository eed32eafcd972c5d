// Names of the label templates shipped with the app. Custom templates keep the name the clerk gave them.

export const templateNamesEn = {
  'template_names.roll_50x30': 'Roll 50 × 30 mm',
  'template_names.roll_33x15_3up': 'Roll 33 × 15 mm, 3 across',
  'template_names.sheet_a4_3x8': 'A4 sheet, 3 × 8 labels of 70 × 37 mm',
} as const;

export const templateNamesId: Record<keyof typeof templateNamesEn, string> = {
  'template_names.roll_50x30': 'Rol 50 × 30 mm',
  'template_names.roll_33x15_3up': 'Rol 33 × 15 mm, 3 berjajar',
  'template_names.sheet_a4_3x8': 'Lembar A4, 3 × 8 label 70 × 37 mm',
};
