// Messages the desktop app's main process shows: its save dialog, and the error codes only the desk
// raises (their keys follow the `errors.<code>` rule that `errorMessage` looks up).

export const deskMainEn = {
  'desk_main.save_dialog_title': 'Save labels as PDF',
  'desk_main.pdf_filter_name': 'PDF documents',
  'desk_main.diagnostics_dialog_title': 'Save diagnostics for support',
  'desk_main.json_filter_name': 'JSON files',
  'errors.template_built_in':
    'The template "{id}" comes with the app, so it cannot be changed or deleted. Save your changes as a new template with another ID.',
  'errors.nothing_to_print':
    "Couldn't print: no line has labels to print. Give at least one line a label count or fix the lines marked with errors, then print again.",
  'errors.file_open_failed':
    "Couldn't open {path}. Check that the file still exists and that a PDF viewer is installed, or open its folder instead.",
} as const;

export const deskMainId: Record<keyof typeof deskMainEn, string> = {
  'desk_main.save_dialog_title': 'Simpan label sebagai PDF',
  'desk_main.pdf_filter_name': 'Dokumen PDF',
  'desk_main.diagnostics_dialog_title': 'Simpan diagnostik untuk dukungan',
  'desk_main.json_filter_name': 'Berkas JSON',
  'errors.template_built_in':
    'Template "{id}" bawaan aplikasi, jadi tidak bisa diubah atau dihapus. Simpan perubahan sebagai template baru dengan ID lain.',
  'errors.nothing_to_print':
    'Tidak bisa mencetak: tidak ada baris dengan label untuk dicetak. Isi jumlah label pada minimal satu baris atau perbaiki baris yang bertanda galat, lalu cetak lagi.',
  'errors.file_open_failed':
    'Tidak bisa membuka {path}. Periksa bahwa berkasnya masih ada dan penampil PDF terpasang, atau buka foldernya saja.',
};
