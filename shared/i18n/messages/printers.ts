// Sending labels to printer queues: spooler errors (under `errors.<code>`, the key `errorMessage` looks
// up), the printers, jobs, resume and cancel commands, and the print options for raw output.

export const printersEn = {
  'errors.printer_not_found':
    'Couldn\'t find the print queue "{queue}". Run printers to list the queues, then check the name given with --printer or in the printer profile.',
  'errors.printer_stopped':
    'The printer "{queue}" is paused or not accepting jobs{message, select, none {} other { ({message})}}. Check the labels, ribbon and cover, resume the queue in the system printer settings, then try again.',
  'errors.printer_raw_unsupported':
    'The print queue "{queue}" does not accept raw printer commands. Set the queue up as a raw (generic) printer, or print through the driver.',
  'errors.printer_profile_not_found':
    'There is no printer profile "{id}". Run printers to list the profiles.',
  'errors.print_job_failed':
    'The printer "{queue}" did not finish the job ({reason}). Check that the printer is on, connected and has labels, then try again.',
  'errors.print_timeout':
    'The printer "{queue}" did not take the job within {seconds} seconds. Check that it is switched on, connected and has labels, then try again.',
  'errors.print_spooler_unavailable':
    "Couldn't reach the system print service ({reason}). Check that CUPS (or the Windows print spooler) is running, then try again.",
  'errors.print_interrupted':
    'Printing stopped at label {label} of {total}. When the printer is ready, run resume {id} to print the rest, or cancel {id} to give up.',
  'errors.print_stopped': 'Printing to "{queue}" was stopped on request.',
  'errors.print_job_uncertain':
    "Couldn't tell whether labels {first} to {last} of job {id} printed, because the print system no longer lists its spool job {spoolJob}. Look at the printer, then run resume {id} --unconfirmed skip if they printed, or --unconfirmed resend if not.",
  'errors.print_job_not_found': 'There is no print job "{id}". Run jobs to list the unfinished jobs.',
  'errors.print_job_busy':
    'Job {id} is being printed by another window or command right now. Wait until it ends, or cancel it there.',
  'errors.print_job_closed':
    'Job {id} is already {status, select, completed {finished} other {cancelled}}. Print the document again to start a new job.',
  'errors.print_plan_changed':
    "Couldn't rebuild job {id} as it started: it now has {actual} labels instead of {expected}. Run cancel {id}, then print the document again.",
  'errors.print_mode_unsupported':
    'Printing through the system driver is only available in the desktop app. Use --language zpl or --language tspl, or write a PDF with --pdf.',
  'printers.queues_header': 'Print queues:',
  'printers.profiles_header': 'Printer profiles (ID, queue, language, resolution, label size):',
  'printers.none': '  (none)',
  'printers.state':
    '{state, select, stopped {stopped} printing {printing} other {ready}}{accepting, select, no {, not accepting jobs} other {}}',
  'printers.profiles_moved_aside':
    'The printer profiles file could not be read, so it was moved to {path} and no profiles are used.',
  'printers.jobs_header': 'Unfinished print jobs:',
  'printers.jobs_none': 'There are no unfinished print jobs.',
  'printers.job_line':
    '{id}  {kind, select, bill {bill} other {delivery}} {number} ({outlet}) to {queue}: {confirmed} of {total} labels printed, {status, select, interrupted {interrupted} other {not finished}}',
  'printers.journal_moved_aside': 'The print job file could not be read, so it was moved to {path}.',
  'printers.raw_written': '{language} written: {path}',
  'printers.sent': 'Job {id} finished: {labels, plural, one {# label} other {# labels}} sent to {queue}.',
  'printers.cancelled': 'Job {id} cancelled; {confirmed} of {total} labels had printed.',
  'printers.cancel_requested':
    'Job {id} is being printed by another window or command; it stops before its next line.',
  'printers.help.printers': 'list the print queues and the stored printer profiles',
  'printers.help.jobs': 'list print jobs that did not finish',
  'printers.help.resume': 'print the labels of an interrupted job that have not printed yet',
  'printers.help.cancel': 'cancel an unfinished print job so it is never resumed',
  'printers.help.job_id': 'print job ID, as listed by the jobs command',
  'printers.help.zpl': 'ZPL file to write (Zebra printers)',
  'printers.help.tspl': 'TSPL file to write (TSC and Xprinter printers)',
  'printers.help.printer': 'print queue to send the labels to (see the printers command)',
  'printers.help.language': 'language sent to --printer: zpl or tspl; default from the printer profile',
  'printers.help.profile':
    'printer profile ID (see the printers command); its resolution and label size are used for raw output',
  'printers.help.wait':
    'seconds to wait for the printer to take each line of the job before stopping it (default 60)',
  'printers.help.unconfirmed':
    'for labels the print system can no longer confirm: skip (they printed) or resend',
  'printers.usage.output_required':
    'Give at least one output: --pdf FILE, --zpl FILE, --tspl FILE or --printer QUEUE.',
  'printers.usage.language': 'Use zpl, tspl or driver.',
  'printers.usage.unconfirmed': 'Use skip or resend.',
  'printers.usage.language_required':
    'No printer profile is stored for the queue "{queue}". Give --language zpl or --language tspl, or a profile with --profile.',
  'printers.usage.raw_dpi': 'Raw printer output is made at 203 or 300 dpi. Give --dpi 203 or --dpi 300.',
} as const;

export const printersId: Record<keyof typeof printersEn, string> = {
  'errors.printer_not_found':
    'Antrean cetak "{queue}" tidak ditemukan. Jalankan printers untuk melihat daftar antrean, lalu periksa nama yang diberikan lewat --printer atau di profil printer.',
  'errors.printer_stopped':
    'Printer "{queue}" sedang dijeda atau tidak menerima pekerjaan{message, select, none {} other { ({message})}}. Periksa label, pita dan penutupnya, lanjutkan antrean di pengaturan printer sistem, lalu coba lagi.',
  'errors.printer_raw_unsupported':
    'Antrean cetak "{queue}" tidak menerima perintah printer mentah (raw). Atur antrean sebagai printer raw (generik), atau cetak lewat driver.',
  'errors.printer_profile_not_found':
    'Profil printer "{id}" tidak ada. Jalankan printers untuk melihat daftar profil.',
  'errors.print_job_failed':
    'Printer "{queue}" tidak menyelesaikan pekerjaan ({reason}). Periksa bahwa printer menyala, terhubung dan berisi label, lalu coba lagi.',
  'errors.print_timeout':
    'Printer "{queue}" tidak menerima pekerjaan dalam {seconds} detik. Periksa bahwa printer menyala, terhubung dan berisi label, lalu coba lagi.',
  'errors.print_spooler_unavailable':
    'Layanan cetak sistem tidak dapat dihubungi ({reason}). Periksa bahwa CUPS (atau print spooler Windows) berjalan, lalu coba lagi.',
  'errors.print_interrupted':
    'Pencetakan berhenti di label {label} dari {total}. Setelah printer siap, jalankan resume {id} untuk mencetak sisanya, atau cancel {id} untuk membatalkannya.',
  'errors.print_stopped': 'Pencetakan ke "{queue}" dihentikan atas permintaan.',
  'errors.print_job_uncertain':
    'Tidak dapat dipastikan apakah label {first} sampai {last} dari pekerjaan {id} sudah tercetak, karena sistem cetak tidak lagi mencantumkan spool job {spoolJob}. Lihat printernya, lalu jalankan resume {id} --unconfirmed skip jika sudah tercetak, atau --unconfirmed resend jika belum.',
  'errors.print_job_not_found':
    'Pekerjaan cetak "{id}" tidak ada. Jalankan jobs untuk melihat pekerjaan yang belum selesai.',
  'errors.print_job_busy':
    'Pekerjaan {id} sedang dicetak oleh jendela atau perintah lain. Tunggu sampai selesai, atau batalkan di sana.',
  'errors.print_job_closed':
    'Pekerjaan {id} sudah {status, select, completed {selesai} other {dibatalkan}}. Cetak dokumennya lagi untuk memulai pekerjaan baru.',
  'errors.print_plan_changed':
    'Pekerjaan {id} tidak dapat disusun ulang seperti awalnya: sekarang jumlahnya {actual} label, bukan {expected}. Jalankan cancel {id}, lalu cetak dokumennya lagi.',
  'errors.print_mode_unsupported':
    'Mencetak lewat driver sistem hanya tersedia di aplikasi desktop. Pakai --language zpl atau --language tspl, atau tulis PDF dengan --pdf.',
  'printers.queues_header': 'Antrean cetak:',
  'printers.profiles_header': 'Profil printer (ID, antrean, bahasa, resolusi, ukuran label):',
  'printers.none': '  (tidak ada)',
  'printers.state':
    '{state, select, stopped {berhenti} printing {mencetak} other {siap}}{accepting, select, no {, tidak menerima pekerjaan} other {}}',
  'printers.profiles_moved_aside':
    'Berkas profil printer tidak dapat dibaca, jadi dipindahkan ke {path} dan tidak ada profil yang dipakai.',
  'printers.jobs_header': 'Pekerjaan cetak yang belum selesai:',
  'printers.jobs_none': 'Tidak ada pekerjaan cetak yang belum selesai.',
  'printers.job_line':
    '{id}  {kind, select, bill {faktur} other {pengiriman}} {number} ({outlet}) ke {queue}: {confirmed} dari {total} label tercetak, {status, select, interrupted {terhenti} other {belum selesai}}',
  'printers.journal_moved_aside': 'Berkas pekerjaan cetak tidak dapat dibaca, jadi dipindahkan ke {path}.',
  'printers.raw_written': '{language} ditulis: {path}',
  'printers.sent': 'Pekerjaan {id} selesai: {labels} label dikirim ke {queue}.',
  'printers.cancelled': 'Pekerjaan {id} dibatalkan; {confirmed} dari {total} label sudah tercetak.',
  'printers.cancel_requested':
    'Pekerjaan {id} sedang dicetak oleh jendela atau perintah lain; pekerjaan itu berhenti sebelum baris berikutnya.',
  'printers.help.printers': 'tampilkan antrean cetak dan profil printer yang tersimpan',
  'printers.help.jobs': 'tampilkan pekerjaan cetak yang belum selesai',
  'printers.help.resume': 'cetak label dari pekerjaan yang terhenti yang belum tercetak',
  'printers.help.cancel': 'batalkan pekerjaan cetak yang belum selesai agar tidak dilanjutkan',
  'printers.help.job_id': 'ID pekerjaan cetak, seperti yang ditampilkan perintah jobs',
  'printers.help.zpl': 'berkas ZPL yang ditulis (printer Zebra)',
  'printers.help.tspl': 'berkas TSPL yang ditulis (printer TSC dan Xprinter)',
  'printers.help.printer': 'antrean cetak tujuan label (lihat perintah printers)',
  'printers.help.language': 'bahasa yang dikirim ke --printer: zpl atau tspl; bawaan dari profil printer',
  'printers.help.profile':
    'ID profil printer (lihat perintah printers); resolusi dan ukuran labelnya dipakai untuk keluaran raw',
  'printers.help.wait': 'detik menunggu printer menerima tiap baris pekerjaan sebelum dihentikan (bawaan 60)',
  'printers.help.unconfirmed':
    'untuk label yang tidak lagi dapat dipastikan oleh sistem cetak: skip (sudah tercetak) atau resend (kirim ulang)',
  'printers.usage.output_required':
    'Berikan paling sedikit satu keluaran: --pdf BERKAS, --zpl BERKAS, --tspl BERKAS atau --printer ANTREAN.',
  'printers.usage.language': 'Pakai zpl, tspl atau driver.',
  'printers.usage.unconfirmed': 'Pakai skip atau resend.',
  'printers.usage.language_required':
    'Belum ada profil printer untuk antrean "{queue}". Berikan --language zpl atau --language tspl, atau profil dengan --profile.',
  'printers.usage.raw_dpi':
    'Keluaran printer raw dibuat pada 203 atau 300 dpi. Berikan --dpi 203 atau --dpi 300.',
};
