// The desk's printer screens: the output target picker, the printer profile editor, unfinished printer
// jobs, the per-document print ledger ("Printed"), and desk wordings of printer errors whose shared
// message names command-line commands.

export const printersUiEn = {
  'printers_ui.target.label': 'Print to',
  'printers_ui.target.pdf': 'PDF file',
  'printers_ui.target.printers': 'Printers',
  'printers_ui.target.option':
    '{name} ({queue}){status, select, stopped { – stopped} not_accepting { – not accepting jobs} missing { – queue not found} other {}}',
  'printers_ui.target.manage': 'Printers…',
  'printers_ui.profile.summary':
    '{mode, select, driver {System driver} zpl {ZPL} other {TSPL}}, {dpi} dpi, {width} × {height} mm{columns, plural, =1 {} other {, # across}}',
  'printers_ui.queue.status':
    'Queue {queue}: {status, select, ready {ready} printing {printing} stopped {stopped. Resume it in the system printer settings.} not_accepting {not accepting jobs. Turn job acceptance on in the system printer settings.} missing {not found. Check the queue name in the printer profile.} other {status unknown}}',

  'printers_ui.print.button': 'Print to {name}',
  'printers_ui.print.summary': '{labels, plural, one {# label} other {# labels}} to print',
  'printers_ui.print.progress': 'Label {written} of {total} printed',
  'printers_ui.print.sent': '{labels, plural, one {# label} other {# labels}} sent to {name} ({queue}).',
  'printers_ui.print.interrupted':
    'Printing stopped at label {label} of {total}. Use Resume above when the printer is ready.',

  'printers_ui.jobs.title': 'Unfinished printer jobs',
  'printers_ui.jobs.document': '{kind, select, bill {Bill} other {Delivery}} {number} ({outlet})',
  'printers_ui.jobs.printer': 'on {name} ({queue})',
  'printers_ui.jobs.stopped_at': 'stopped at label {label} of {total}',
  'printers_ui.jobs.active': 'printing in another window: {confirmed} of {total} labels so far',
  'printers_ui.jobs.resume': 'Resume',
  'printers_ui.jobs.cancel': 'Cancel job',
  'printers_ui.jobs.details': 'Details',
  'printers_ui.jobs.uncertain_question':
    'The app cannot tell whether labels {first} to {last} printed. Look at the printer: did they come out?',
  'printers_ui.jobs.uncertain_skip': 'Yes, they printed',
  'printers_ui.jobs.uncertain_resend': 'No, print them again',

  'printers_ui.error.printer_not_found':
    'Couldn\'t find the print queue "{queue}". Check the queue name in the printer profile, or choose a queue the system lists.',
  'printers_ui.error.printer_profile_not_found':
    'Couldn\'t find the printer profile "{id}". Choose another printer, or add the profile again under Printers….',
  'printers_ui.error.print_interrupted':
    'Printing stopped at label {label} of {total}. When the printer is ready, choose Resume, or Cancel job to give up.',
  'printers_ui.error.print_job_uncertain':
    "Couldn't tell whether labels {first} to {last} printed. Look at the printer, then answer the question.",
  'printers_ui.error.print_job_not_found':
    "Couldn't find print job {id}. Another window may have finished or cancelled it.",
  'printers_ui.error.print_job_busy':
    'Job {id} is being printed by another window right now. Wait until it ends, or cancel it there.',
  'printers_ui.error.print_plan_changed':
    "Couldn't resume job {id}: it now has {actual} labels instead of {expected}. Cancel the job, then print the document again.",

  'printers_ui.editor.title': 'Printer profiles',
  'printers_ui.editor.empty': 'No printer profiles yet. Add one to print straight to a label printer.',
  'printers_ui.editor.edit': 'Edit',
  'printers_ui.editor.edit_named': 'Edit {name}',
  'printers_ui.editor.delete': 'Delete',
  'printers_ui.editor.delete_named': 'Delete {name}',
  'printers_ui.editor.confirm_delete': 'Delete the profile "{name}"?',
  'printers_ui.editor.start_from': 'Start from',
  'printers_ui.editor.start_blank': 'A blank profile',
  'printers_ui.editor.add': 'Add profile',
  'printers_ui.editor.back': 'Back to the list',
  'printers_ui.editor.section_printer': 'Printer and queue',
  'printers_ui.editor.section_label': 'Label size',
  'printers_ui.editor.section_output': 'Position and print quality',
  'printers_ui.editor.check_fields': "Couldn't save the profile. Correct the marked fields.",
  'printers_ui.editor.saved': 'Profile "{name}" saved.',
  'printers_ui.editor.calibrate': 'Print calibration label',
  'printers_ui.editor.calibrate_hint':
    'The calibration label shows the label edges and millimetre rulers, so you can set the offsets.',
  'printers_ui.editor.calibrate_save_first':
    'Save the profile first: the calibration label uses the saved values.',
  'printers_ui.editor.calibration_sent': 'Calibration label sent to {queue}.',

  'printers_ui.field.name': 'Name',
  'printers_ui.field.queue': 'System print queue',
  'printers_ui.field.queue_hint': 'Choose or type a queue. The system lists: {queues}.',
  'printers_ui.field.queue_hint_none': 'The system lists no queues right now; type the queue name.',
  'printers_ui.field.mode': 'Printer language',
  'printers_ui.field.mode_option':
    '{mode, select, driver {System driver} zpl {ZPL (Zebra)} other {TSPL (TSC, Xprinter)}}',
  'printers_ui.field.dpi': 'Resolution (dpi)',
  'printers_ui.field.width': 'Label width (mm)',
  'printers_ui.field.height': 'Label height (mm)',
  'printers_ui.field.gap': 'Gap between labels (mm)',
  'printers_ui.field.columns': 'Labels across',
  'printers_ui.field.column_gap': 'Gap between columns (mm)',
  'printers_ui.field.offset_x': 'Move right (mm)',
  'printers_ui.field.offset_y': 'Move down (mm)',
  'printers_ui.field.offset_hint': 'Negative values move the print left or up.',
  'printers_ui.field.darkness': 'Darkness (0–{max})',
  'printers_ui.field.speed': 'Speed (inches per second)',
  'printers_ui.field.utf8_text': 'The printer prints UTF-8 text',
  'printers_ui.field.raster_text': 'Print text as an image (looks like the PDF, larger jobs)',

  'printers_ui.invalid.required': 'Enter a value.',
  'printers_ui.invalid.too_long': 'Use at most {max} characters.',
  'printers_ui.invalid.number': 'Enter a number.',
  'printers_ui.invalid.whole': 'Enter a whole number.',
  'printers_ui.invalid.min': 'Enter {min} or more.',
  'printers_ui.invalid.more_than': 'Enter a number above {min}.',
  'printers_ui.invalid.max': 'Enter {max} or less.',
  'printers_ui.invalid.step': 'Use steps of {step}.',
  'printers_ui.invalid.control_character': 'Remove the control characters from the queue name.',
  'printers_ui.invalid.row_too_wide':
    'The labels across and the gaps between them are wider than {max} mm. Use fewer columns or narrower labels.',
  'printers_ui.invalid.other': 'Check this value.',

  'printers_ui.ledger.open': 'Printed ({count})',
  'printers_ui.ledger.title': 'Printed labels of {number}',
  'printers_ui.ledger.loading': 'Loading…',
  'printers_ui.ledger.empty': 'Nothing has been printed for this document yet.',
  'printers_ui.ledger.reprint_to_pdf': 'Reprints are written to a PDF file, the current output.',
  'printers_ui.ledger.reprint_to_printer': 'Reprints go to {name}, the current output.',
  'printers_ui.ledger.target_pdf': 'PDF file {path}',
  'printers_ui.ledger.target_printer': '{name} ({queue})',
  'printers_ui.ledger.template': 'template {template}, {dpi} dpi',
  'printers_ui.ledger.labels': '{labels, plural, one {# label} other {# labels}}',
  'printers_ui.ledger.status':
    '{status, select, completed {completed} interrupted {stopped before the end} other {cancelled}}',
  'printers_ui.ledger.reprint_badge': 'reprint',
  'printers_ui.ledger.column_line': 'Line',
  'printers_ui.ledger.column_code': 'Code',
  'printers_ui.ledger.column_name': 'Name',
  'printers_ui.ledger.column_labels': 'Labels',
  'printers_ui.ledger.column_actions': 'Reprint',
  'printers_ui.ledger.reprint_one': 'Reprint one label',
  'printers_ui.ledger.reprint_one_named': 'Reprint one label of line {line}',
  'printers_ui.ledger.reprint_line': 'Reprint line',
  'printers_ui.ledger.reprint_line_named':
    'Reprint line {line} ({labels, plural, one {# label} other {# labels}})',

  'printers_ui.settings.title': 'Printers',
  'printers_ui.settings.hint':
    '{count, plural, =0 {No printer profiles yet.} one {# printer profile.} other {# printer profiles.}} A profile sets the print queue, language, label size and offsets.',
  'printers_ui.settings.open': 'Printer profiles…',

  'printers_ui.receiving.print_applied':
    'The label counts now follow the scanned quantities. Press Print to {name} to print them.',
} as const;

export const printersUiId: Record<keyof typeof printersUiEn, string> = {
  'printers_ui.target.label': 'Cetak ke',
  'printers_ui.target.pdf': 'File PDF',
  'printers_ui.target.printers': 'Printer',
  'printers_ui.target.option':
    '{name} ({queue}){status, select, stopped { – berhenti} not_accepting { – tidak menerima pekerjaan} missing { – antrean tidak ditemukan} other {}}',
  'printers_ui.target.manage': 'Printer…',
  'printers_ui.profile.summary':
    '{mode, select, driver {Driver sistem} zpl {ZPL} other {TSPL}}, {dpi} dpi, {width} × {height} mm{columns, plural, =1 {} other {, # berjajar}}',
  'printers_ui.queue.status':
    'Antrean {queue}: {status, select, ready {siap} printing {sedang mencetak} stopped {berhenti. Lanjutkan di pengaturan printer sistem.} not_accepting {tidak menerima pekerjaan. Aktifkan penerimaan pekerjaan di pengaturan printer sistem.} missing {tidak ditemukan. Periksa nama antrean di profil printer.} other {status tidak diketahui}}',

  'printers_ui.print.button': 'Cetak ke {name}',
  'printers_ui.print.summary': '{labels, plural, other {# label}} akan dicetak',
  'printers_ui.print.progress': 'Label {written} dari {total} tercetak',
  'printers_ui.print.sent': '{labels, plural, other {# label}} terkirim ke {name} ({queue}).',
  'printers_ui.print.interrupted':
    'Pencetakan berhenti di label {label} dari {total}. Pilih Lanjutkan di atas saat printer siap.',

  'printers_ui.jobs.title': 'Pekerjaan printer yang belum selesai',
  'printers_ui.jobs.document': '{kind, select, bill {Faktur} other {Pengiriman}} {number} ({outlet})',
  'printers_ui.jobs.printer': 'di {name} ({queue})',
  'printers_ui.jobs.stopped_at': 'berhenti di label {label} dari {total}',
  'printers_ui.jobs.active': 'sedang dicetak di jendela lain: {confirmed} dari {total} label sejauh ini',
  'printers_ui.jobs.resume': 'Lanjutkan',
  'printers_ui.jobs.cancel': 'Batalkan pekerjaan',
  'printers_ui.jobs.details': 'Rincian',
  'printers_ui.jobs.uncertain_question':
    'Aplikasi tidak bisa memastikan apakah label {first} sampai {last} sudah tercetak. Lihat printernya: apakah label itu keluar?',
  'printers_ui.jobs.uncertain_skip': 'Ya, sudah tercetak',
  'printers_ui.jobs.uncertain_resend': 'Tidak, cetak ulang',

  'printers_ui.error.printer_not_found':
    'Antrean cetak "{queue}" tidak ditemukan. Periksa nama antrean di profil printer, atau pilih antrean yang terdaftar di sistem.',
  'printers_ui.error.printer_profile_not_found':
    'Profil printer "{id}" tidak ditemukan. Pilih printer lain, atau tambahkan lagi profilnya di Printer….',
  'printers_ui.error.print_interrupted':
    'Pencetakan berhenti di label {label} dari {total}. Saat printer siap, pilih Lanjutkan, atau Batalkan pekerjaan untuk menyerah.',
  'printers_ui.error.print_job_uncertain':
    'Tidak bisa memastikan apakah label {first} sampai {last} sudah tercetak. Lihat printernya, lalu jawab pertanyaannya.',
  'printers_ui.error.print_job_not_found':
    'Pekerjaan cetak {id} tidak ditemukan. Mungkin jendela lain sudah menyelesaikan atau membatalkannya.',
  'printers_ui.error.print_job_busy':
    'Pekerjaan {id} sedang dicetak oleh jendela lain. Tunggu sampai selesai, atau batalkan di sana.',
  'printers_ui.error.print_plan_changed':
    'Tidak bisa melanjutkan pekerjaan {id}: sekarang ada {actual} label, bukan {expected}. Batalkan pekerjaannya, lalu cetak dokumennya lagi.',

  'printers_ui.editor.title': 'Profil printer',
  'printers_ui.editor.empty':
    'Belum ada profil printer. Tambahkan satu untuk mencetak langsung ke printer label.',
  'printers_ui.editor.edit': 'Ubah',
  'printers_ui.editor.edit_named': 'Ubah {name}',
  'printers_ui.editor.delete': 'Hapus',
  'printers_ui.editor.delete_named': 'Hapus {name}',
  'printers_ui.editor.confirm_delete': 'Hapus profil "{name}"?',
  'printers_ui.editor.start_from': 'Mulai dari',
  'printers_ui.editor.start_blank': 'Profil kosong',
  'printers_ui.editor.add': 'Tambah profil',
  'printers_ui.editor.back': 'Kembali ke daftar',
  'printers_ui.editor.section_printer': 'Printer dan antrean',
  'printers_ui.editor.section_label': 'Ukuran label',
  'printers_ui.editor.section_output': 'Posisi dan kualitas cetak',
  'printers_ui.editor.check_fields': 'Profil tidak bisa disimpan. Perbaiki isian yang ditandai.',
  'printers_ui.editor.saved': 'Profil "{name}" tersimpan.',
  'printers_ui.editor.calibrate': 'Cetak label kalibrasi',
  'printers_ui.editor.calibrate_hint':
    'Label kalibrasi menunjukkan tepi label dan penggaris milimeter, sehingga offset bisa diatur.',
  'printers_ui.editor.calibrate_save_first':
    'Simpan profilnya dulu: label kalibrasi memakai nilai yang tersimpan.',
  'printers_ui.editor.calibration_sent': 'Label kalibrasi terkirim ke {queue}.',

  'printers_ui.field.name': 'Nama',
  'printers_ui.field.queue': 'Antrean cetak sistem',
  'printers_ui.field.queue_hint': 'Pilih atau ketik antrean. Sistem mendaftar: {queues}.',
  'printers_ui.field.queue_hint_none': 'Sistem belum mendaftar antrean apa pun; ketik nama antreannya.',
  'printers_ui.field.mode': 'Bahasa printer',
  'printers_ui.field.mode_option':
    '{mode, select, driver {Driver sistem} zpl {ZPL (Zebra)} other {TSPL (TSC, Xprinter)}}',
  'printers_ui.field.dpi': 'Resolusi (dpi)',
  'printers_ui.field.width': 'Lebar label (mm)',
  'printers_ui.field.height': 'Tinggi label (mm)',
  'printers_ui.field.gap': 'Jarak antarlabel (mm)',
  'printers_ui.field.columns': 'Label berjajar',
  'printers_ui.field.column_gap': 'Jarak antarkolom (mm)',
  'printers_ui.field.offset_x': 'Geser ke kanan (mm)',
  'printers_ui.field.offset_y': 'Geser ke bawah (mm)',
  'printers_ui.field.offset_hint': 'Nilai negatif menggeser cetakan ke kiri atau ke atas.',
  'printers_ui.field.darkness': 'Kegelapan (0–{max})',
  'printers_ui.field.speed': 'Kecepatan (inci per detik)',
  'printers_ui.field.utf8_text': 'Printer mencetak teks UTF-8',
  'printers_ui.field.raster_text': 'Cetak teks sebagai gambar (sama seperti PDF, pekerjaan lebih besar)',

  'printers_ui.invalid.required': 'Isi nilainya.',
  'printers_ui.invalid.too_long': 'Pakai paling banyak {max} karakter.',
  'printers_ui.invalid.number': 'Isi dengan angka.',
  'printers_ui.invalid.whole': 'Isi dengan bilangan bulat.',
  'printers_ui.invalid.min': 'Isi {min} atau lebih.',
  'printers_ui.invalid.more_than': 'Isi angka di atas {min}.',
  'printers_ui.invalid.max': 'Isi {max} atau kurang.',
  'printers_ui.invalid.step': 'Pakai kelipatan {step}.',
  'printers_ui.invalid.control_character': 'Hapus karakter kontrol dari nama antrean.',
  'printers_ui.invalid.row_too_wide':
    'Label berjajar beserta jaraknya lebih lebar dari {max} mm. Kurangi kolom atau pakai label yang lebih sempit.',
  'printers_ui.invalid.other': 'Periksa nilai ini.',

  'printers_ui.ledger.open': 'Tercetak ({count})',
  'printers_ui.ledger.title': 'Label tercetak untuk {number}',
  'printers_ui.ledger.loading': 'Memuat…',
  'printers_ui.ledger.empty': 'Belum ada yang dicetak untuk dokumen ini.',
  'printers_ui.ledger.reprint_to_pdf': 'Cetak ulang ditulis ke file PDF, keluaran yang dipilih sekarang.',
  'printers_ui.ledger.reprint_to_printer': 'Cetak ulang dikirim ke {name}, keluaran yang dipilih sekarang.',
  'printers_ui.ledger.target_pdf': 'File PDF {path}',
  'printers_ui.ledger.target_printer': '{name} (antrean {queue})',
  'printers_ui.ledger.template': 'templat {template}, {dpi} dpi',
  'printers_ui.ledger.labels': '{labels, plural, other {# label}}',
  'printers_ui.ledger.status':
    '{status, select, completed {selesai} interrupted {berhenti sebelum selesai} other {dibatalkan}}',
  'printers_ui.ledger.reprint_badge': 'cetak ulang',
  'printers_ui.ledger.column_line': 'Baris',
  'printers_ui.ledger.column_code': 'Kode',
  'printers_ui.ledger.column_name': 'Nama',
  'printers_ui.ledger.column_labels': 'Label',
  'printers_ui.ledger.column_actions': 'Cetak ulang',
  'printers_ui.ledger.reprint_one': 'Cetak ulang satu label',
  'printers_ui.ledger.reprint_one_named': 'Cetak ulang satu label baris {line}',
  'printers_ui.ledger.reprint_line': 'Cetak ulang baris',
  'printers_ui.ledger.reprint_line_named': 'Cetak ulang baris {line} ({labels, plural, other {# label}})',

  'printers_ui.settings.title': 'Printer',
  'printers_ui.settings.hint':
    '{count, plural, =0 {Belum ada profil printer.} other {# profil printer.}} Profil mengatur antrean cetak, bahasa printer, ukuran label dan offset.',
  'printers_ui.settings.open': 'Profil printer…',

  'printers_ui.receiving.print_applied':
    'Jumlah label kini mengikuti jumlah yang dipindai. Tekan Cetak ke {name} untuk mencetaknya.',
} as const;
