// Problems between a label job and a printer profile; `{printer}` is the profile's name.

export const printingEn = {
  'printing.dpi_mismatch':
    'The labels were laid out for {layoutDpi} dpi, but printer "{printer}" prints at {printerDpi} dpi. Set the job to {printerDpi} dpi and print again.',
  'printing.label_too_large':
    'The labels are {labelWidth} × {labelHeight} mm, larger than the {printerWidth} × {printerHeight} mm labels set for printer "{printer}". Pick a template that fits, or correct the label size in the printer profile.',
  'printing.row_wider_than_print_head':
    'The labels across one row are wider than any label printer can print (220 mm). Use fewer columns or narrower labels.',
} as const;

export const printingId: Record<keyof typeof printingEn, string> = {
  'printing.dpi_mismatch':
    'Label disusun untuk {layoutDpi} dpi, tetapi printer "{printer}" mencetak pada {printerDpi} dpi. Atur pekerjaan ke {printerDpi} dpi lalu cetak lagi.',
  'printing.label_too_large':
    'Label berukuran {labelWidth} × {labelHeight} mm, lebih besar dari label {printerWidth} × {printerHeight} mm yang diatur untuk printer "{printer}". Pilih template yang muat, atau perbaiki ukuran label di profil printer.',
  'printing.row_wider_than_print_head':
    'Label dalam satu baris lebih lebar daripada yang bisa dicetak printer label mana pun (220 mm). Kurangi jumlah kolom atau pakai label yang lebih sempit.',
};
