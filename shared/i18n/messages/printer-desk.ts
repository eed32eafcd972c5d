// Printing to label printers from the desktop app: the error codes only the desk's printer jobs raise
// (under `errors.<code>`, the key `errorMessage` looks up), and the `printers calibrate` command.

export const printerDeskEn = {
  'errors.label_does_not_fit_printer':
    'The labels are {labelWidth} × {labelHeight} mm, larger than the {printerWidth} × {printerHeight} mm labels set for printer "{printer}". Pick a template that fits, or correct the label size in the printer profile.',
  'errors.driver_print_unavailable':
    "Couldn't print through the system driver, because this window cannot open the app's print view. Print to a PDF instead, or set the printer profile to ZPL or TSPL.",
  'printer_desk.help.calibrate':
    'Print one calibration label with a printer profile: a border on the label edges, millimetre rulers and a centre cross, to measure the offsets',
  'printer_desk.help.profile': 'ID of the printer profile (run printers to list them)',
  'printer_desk.calibration_sent':
    'Calibration label printed on "{queue}" (spool job {spoolJob}). Measure how far the border is from the label edges, then set the offsets in the profile.',
} as const;

export const printerDeskId: Record<keyof typeof printerDeskEn, string> = {
  'errors.label_does_not_fit_printer':
    'Label berukuran {labelWidth} × {labelHeight} mm, lebih besar dari label {printerWidth} × {printerHeight} mm yang diatur untuk printer "{printer}". Pilih template yang muat, atau perbaiki ukuran label di profil printer.',
  'errors.driver_print_unavailable':
    'Tidak bisa mencetak lewat driver sistem, karena jendela ini tidak bisa membuka tampilan cetak aplikasi. Cetak ke PDF saja, atau atur profil printer ke ZPL atau TSPL.',
  'printer_desk.help.calibrate':
    'Cetak satu label kalibrasi dengan profil printer: bingkai di tepi label, penggaris milimeter dan tanda silang di tengah, untuk mengukur offset',
  'printer_desk.help.profile': 'ID profil printer (jalankan printers untuk melihat daftarnya)',
  'printer_desk.calibration_sent':
    'Label kalibrasi dicetak di "{queue}" (pekerjaan spool {spoolJob}). Ukur jarak bingkai dari tepi label, lalu atur offset di profil.',
};
