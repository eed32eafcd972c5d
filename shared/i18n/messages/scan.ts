// Scanner input (wedge calibration, USB HID) and the receiving check.

export const scanEn = {
  'scan.calibration_ok': 'The scanner is set up correctly.',
  'scan.calibration_no_input':
    'No scan arrived. Click in the calibration field, then scan the calibration barcode.',
  'scan.calibration_terminator_missing':
    "The scanner sends no Enter or Tab after the code, so the app cannot tell where a code ends. Program the scanner to send Enter after each code (see the scanner's manual).",
  'scan.calibration_terminator_not_allowed':
    'The scanner ends each code with {terminator, select, tab {Tab} other {Enter}}, which the terminator setting does not accept. Change the terminator setting to match.',
  'scan.calibration_too_slow':
    'The scanner paused up to {gapMs} ms between two characters, longer than the maximum gap setting. Raise the maximum gap to {suggestedMs} ms.',
  'scan.calibration_min_length_too_high':
    'The calibration code has {length} characters, but a scan needs at least {minLength}. Lower the minimum length setting.',
  'scan.calibration_layout_differs':
    'The system keyboard layout typed the code as "{typed}". This app reads key positions, so codes arrive correctly here; other programs see wrong characters unless the system layout is US.',
  'scan.calibration_caps_lock_on':
    'Caps Lock is on, so other programs get letters in the wrong case. This app reads the keys correctly; turn Caps Lock off for other programs.',
  'scan.calibration_read_by_position':
    'The code arrived as "{typed}" because the system keyboard layout is not US. Set "Read codes by" to key position.',
  'scan.calibration_scanner_layout_not_us':
    'The scanner types with a keyboard layout other than US. Set "Read codes by" to characters, or set the scanner to the US keyboard layout (see its manual).',
  'scan.calibration_prefix_present':
    'The scanner sends "{prefix}" before each code. Enter it as the prefix setting, or turn the prefix off on the scanner.',
  'scan.calibration_prefix_missing':
    'The prefix setting is "{prefix}", but the scanner does not send it. Clear the prefix setting.',
  'scan.calibration_suffix_present':
    'The scanner sends "{suffix}" after each code. Enter it as the suffix setting, or turn the suffix off on the scanner.',
  'scan.calibration_suffix_missing':
    'The suffix setting is "{suffix}", but the scanner does not send it. Clear the suffix setting.',
  'scan.calibration_wrong_code':
    'The scan read "{received}" instead of "{expected}". Scan the calibration barcode shown on the screen.',

  'scan.hid_unavailable':
    "Couldn't load USB HID support ({reason}). Use the scanner in keyboard (wedge) mode instead.",
  'scan.hid_keyboard_refused':
    'The scanner "{product}" is in keyboard mode, and Windows and macOS do not let apps read keyboards directly. Scan the "USB HID POS" setup barcode from the scanner\'s manual, or use keyboard (wedge) input.',
  'scan.hid_not_scanner':
    'The device "{product}" is neither a HID POS scanner nor a keyboard. Choose another device, or use keyboard (wedge) input.',
  'scan.hid_permission_denied':
    'Couldn\'t open the scanner at {path}: permission denied. Save this line as {rulePath}: {rule} Then run "sudo udevadm control --reload-rules && sudo udevadm trigger" and plug the scanner in again.',
  'scan.hid_open_failed':
    "Couldn't open the scanner at {path} ({reason}). Unplug it, plug it in again, and close other programs that may use it.",
  'scan.hid_state_searching': 'Waiting for the scanner to be plugged in.',
  'scan.hid_state_connected': 'Scanner "{product}" is ready.',
  'scan.hid_state_disconnected':
    'Scanner "{product}" was unplugged; a code it was sending was dropped. Plug it in again to go on scanning.',

  'scan.matched_leading_zero':
    'Scanned {scanned} counted as {code}: a UPC-A code and the same code with a leading zero (EAN-13) are one product.',
  'scan.status_complete': 'Complete',
  'scan.status_short': 'Short',
  'scan.status_over': 'Over',
  'scan.status_expected_unknown': 'Document quantity unreadable',
  'scan.unknown_pending': 'Not on this document (not looked up yet)',
  'scan.unknown_in_dealpos': 'In DealPOS but not on this document',
  'scan.unknown_not_found': 'Unknown code',
  'scan.unknown_lookup_failed': 'Not on this document (DealPOS lookup failed)',
  'scan.csv_line': 'Line',
  'scan.csv_code': 'Code',
  'scan.csv_name': 'Name',
  'scan.csv_expected': 'Expected',
  'scan.csv_scanned': 'Scanned',
  'scan.csv_difference': 'Difference',
  'scan.csv_status': 'Status',

  'scan.settings_title': 'Barcode scanner',
  'scan.settings_hint':
    'For a scanner in keyboard (wedge) mode. These settings are kept on this computer only.',
  'scan.settings_min_length': 'Minimum code length',
  'scan.settings_max_gap': 'Maximum gap between keys (ms)',
  'scan.settings_prefix': 'Prefix the scanner sends',
  'scan.settings_suffix': 'Suffix the scanner sends',
  'scan.settings_terminator': 'Code ends with',
  'scan.settings_terminator_enter': 'Enter key',
  'scan.settings_terminator_tab': 'Tab key',
  'scan.settings_terminator_enter_or_tab': 'Enter or Tab',
  'scan.settings_decode_by': 'Read codes by',
  'scan.settings_decode_key_position': 'Key position (US layout)',
  'scan.settings_decode_character': 'Characters',
  'scan.settings_invalid': 'That value is out of range, so the previous setting is kept.',

  'scan.check_start': 'Check received goods',
  'scan.check_title': 'Receiving check',
  'scan.check_hint': 'Scan every unit that arrived. Each scan adds one to its line.',
  'scan.check_undo': 'Undo last scan',
  'scan.check_finish': 'Finish check',
  'scan.check_resume': 'Continue scanning',
  'scan.check_stop': 'Close check',
  'scan.check_last_accepted': 'Counted {code} on line {line}: {scanned} scanned.',
  'scan.check_last_over':
    'Too many: {code} on line {line} is scanned {scanned} times, but the document lists {expected}.',
  'scan.check_last_unknown': '{code} is not on this document.',
  'scan.check_last_undone': 'Undid the last scan of {code}.',
  'scan.check_nothing_to_undo': 'There is no scan to undo.',
  'scan.check_unknown_title': 'Codes not on this document',
  'scan.check_unknown_item': '{code} (scanned {scans, plural, one {once} other {# times}}): {status}',
  'scan.check_lookup_retry': 'Look up again',
  'scan.check_scanned_count': '{scanned} of {expected} units scanned',
  'scan.summary_title': 'Check result',
  'scan.summary_matches': 'Everything arrived as the document lists.',
  'scan.summary_short':
    'Short: {lines, plural, one {# line} other {# lines}}, {units, plural, one {# unit} other {# units}}',
  'scan.summary_over':
    'Over: {lines, plural, one {# line} other {# lines}}, {units, plural, one {# unit} other {# units}}',
  'scan.summary_expected_unknown':
    'Document quantity unreadable: {lines, plural, one {# line} other {# lines}}',
  'scan.summary_unknown':
    'Codes not on the document: {codes} ({scans, plural, one {# scan} other {# scans}})',
  'scan.summary_export_csv': 'Export differences (CSV)',
  'scan.summary_csv_file_name': 'receiving-check-{number}.csv',
  'scan.summary_print_scanned': 'Print labels for the scanned quantities',
  'scan.summary_print_applied':
    'The label counts now follow the scanned quantities. Press Print to PDF to print them.',
} as const;

export const scanId: Record<keyof typeof scanEn, string> = {
  'scan.calibration_ok': 'Pemindai sudah diatur dengan benar.',
  'scan.calibration_no_input':
    'Tidak ada hasil pindai yang masuk. Klik kolom kalibrasi, lalu pindai barcode kalibrasi.',
  'scan.calibration_terminator_missing':
    'Pemindai tidak mengirim Enter atau Tab setelah kode, jadi aplikasi tidak tahu di mana kode berakhir. Atur pemindai agar mengirim Enter setelah setiap kode (lihat manual pemindai).',
  'scan.calibration_terminator_not_allowed':
    'Pemindai mengakhiri setiap kode dengan {terminator, select, tab {Tab} other {Enter}}, yang tidak diterima pengaturan penutup kode. Ubah pengaturan penutup kode agar sesuai.',
  'scan.calibration_too_slow':
    'Pemindai berhenti hingga {gapMs} ms di antara dua karakter, lebih lama dari pengaturan jeda maksimum. Naikkan jeda maksimum menjadi {suggestedMs} ms.',
  'scan.calibration_min_length_too_high':
    'Kode kalibrasi memiliki {length} karakter, tetapi satu pindaian perlu minimal {minLength}. Turunkan pengaturan panjang minimum.',
  'scan.calibration_layout_differs':
    'Tata letak keyboard sistem mengetik kode sebagai "{typed}". Aplikasi ini membaca posisi tombol, jadi kode tetap benar di sini; program lain menerima karakter yang salah kecuali tata letak sistem adalah US.',
  'scan.calibration_caps_lock_on':
    'Caps Lock menyala, jadi program lain menerima huruf dengan besar-kecil terbalik. Aplikasi ini tetap membaca tombol dengan benar; matikan Caps Lock untuk program lain.',
  'scan.calibration_read_by_position':
    'Kode masuk sebagai "{typed}" karena tata letak keyboard sistem bukan US. Atur "Baca kode menurut" ke posisi tombol.',
  'scan.calibration_scanner_layout_not_us':
    'Pemindai mengetik dengan tata letak keyboard selain US. Atur "Baca kode menurut" ke karakter, atau atur pemindai ke tata letak keyboard US (lihat manualnya).',
  'scan.calibration_prefix_present':
    'Pemindai mengirim "{prefix}" sebelum setiap kode. Isikan sebagai pengaturan awalan, atau matikan awalan di pemindai.',
  'scan.calibration_prefix_missing':
    'Pengaturan awalan adalah "{prefix}", tetapi pemindai tidak mengirimnya. Kosongkan pengaturan awalan.',
  'scan.calibration_suffix_present':
    'Pemindai mengirim "{suffix}" setelah setiap kode. Isikan sebagai pengaturan akhiran, atau matikan akhiran di pemindai.',
  'scan.calibration_suffix_missing':
    'Pengaturan akhiran adalah "{suffix}", tetapi pemindai tidak mengirimnya. Kosongkan pengaturan akhiran.',
  'scan.calibration_wrong_code':
    'Hasil pindai "{received}", bukan "{expected}". Pindai barcode kalibrasi yang tampil di layar.',

  'scan.hid_unavailable':
    'Dukungan USB HID tidak dapat dimuat ({reason}). Gunakan pemindai dalam mode keyboard (wedge).',
  'scan.hid_keyboard_refused':
    'Pemindai "{product}" berada dalam mode keyboard, dan Windows serta macOS tidak mengizinkan aplikasi membaca keyboard secara langsung. Pindai barcode pengaturan "USB HID POS" dari manual pemindai, atau gunakan input keyboard (wedge).',
  'scan.hid_not_scanner':
    'Perangkat "{product}" bukan pemindai HID POS dan bukan keyboard. Pilih perangkat lain, atau gunakan input keyboard (wedge).',
  'scan.hid_permission_denied':
    'Pemindai di {path} tidak dapat dibuka: izin ditolak. Simpan baris ini sebagai {rulePath}: {rule} Lalu jalankan "sudo udevadm control --reload-rules && sudo udevadm trigger" dan colok ulang pemindai.',
  'scan.hid_open_failed':
    'Pemindai di {path} tidak dapat dibuka ({reason}). Cabut lalu colok lagi, dan tutup program lain yang mungkin memakainya.',
  'scan.hid_state_searching': 'Menunggu pemindai dicolokkan.',
  'scan.hid_state_connected': 'Pemindai "{product}" siap.',
  'scan.hid_state_disconnected':
    'Pemindai "{product}" dicabut; kode yang sedang dikirim dibuang. Colokkan lagi untuk melanjutkan pemindaian.',

  'scan.matched_leading_zero':
    'Hasil pindai {scanned} dihitung sebagai {code}: kode UPC-A dan kode yang sama dengan nol di depan (EAN-13) adalah satu produk.',
  'scan.status_complete': 'Lengkap',
  'scan.status_short': 'Kurang',
  'scan.status_over': 'Lebih',
  'scan.status_expected_unknown': 'Jumlah di dokumen tidak terbaca',
  'scan.unknown_pending': 'Tidak ada di dokumen ini (belum dicek)',
  'scan.unknown_in_dealpos': 'Ada di DealPOS tetapi tidak di dokumen ini',
  'scan.unknown_not_found': 'Kode tidak dikenal',
  'scan.unknown_lookup_failed': 'Tidak ada di dokumen ini (pengecekan DealPOS gagal)',
  'scan.csv_line': 'Baris',
  'scan.csv_code': 'Kode',
  'scan.csv_name': 'Nama',
  'scan.csv_expected': 'Jumlah dokumen',
  'scan.csv_scanned': 'Dipindai',
  'scan.csv_difference': 'Selisih',
  'scan.csv_status': 'Keterangan',

  'scan.settings_title': 'Pemindai barcode',
  'scan.settings_hint':
    'Untuk pemindai dalam mode keyboard (wedge). Pengaturan ini hanya disimpan di komputer ini.',
  'scan.settings_min_length': 'Panjang kode minimum',
  'scan.settings_max_gap': 'Jeda maksimum antar tombol (ms)',
  'scan.settings_prefix': 'Awalan yang dikirim pemindai',
  'scan.settings_suffix': 'Akhiran yang dikirim pemindai',
  'scan.settings_terminator': 'Kode diakhiri dengan',
  'scan.settings_terminator_enter': 'Tombol Enter',
  'scan.settings_terminator_tab': 'Tombol Tab',
  'scan.settings_terminator_enter_or_tab': 'Enter atau Tab',
  'scan.settings_decode_by': 'Baca kode menurut',
  'scan.settings_decode_key_position': 'Posisi tombol (tata letak US)',
  'scan.settings_decode_character': 'Karakter',
  'scan.settings_invalid': 'Nilai itu di luar batas, jadi pengaturan sebelumnya tetap dipakai.',

  'scan.check_start': 'Cek barang masuk',
  'scan.check_title': 'Cek penerimaan',
  'scan.check_hint': 'Pindai setiap unit yang datang. Setiap pindaian menambah satu pada barisnya.',
  'scan.check_undo': 'Batalkan pindaian terakhir',
  'scan.check_finish': 'Selesai cek',
  'scan.check_resume': 'Lanjut memindai',
  'scan.check_stop': 'Tutup cek',
  'scan.check_last_accepted': '{code} dihitung di baris {line}: {scanned} dipindai.',
  'scan.check_last_over':
    'Terlalu banyak: {code} di baris {line} sudah dipindai {scanned} kali, padahal dokumen mencatat {expected}.',
  'scan.check_last_unknown': '{code} tidak ada di dokumen ini.',
  'scan.check_last_undone': 'Pindaian terakhir {code} dibatalkan.',
  'scan.check_nothing_to_undo': 'Tidak ada pindaian yang bisa dibatalkan.',
  'scan.check_unknown_title': 'Kode yang tidak ada di dokumen ini',
  'scan.check_unknown_item': '{code} (dipindai {scans}×): {status}',
  'scan.check_lookup_retry': 'Cek lagi',
  'scan.check_scanned_count': '{scanned} dari {expected} unit dipindai',
  'scan.summary_title': 'Hasil cek',
  'scan.summary_matches': 'Semua barang datang sesuai dokumen.',
  'scan.summary_short': 'Kurang: {lines} baris, {units} unit',
  'scan.summary_over': 'Lebih: {lines} baris, {units} unit',
  'scan.summary_expected_unknown': 'Jumlah di dokumen tidak terbaca: {lines} baris',
  'scan.summary_unknown': 'Kode yang tidak ada di dokumen: {codes} ({scans} pindaian)',
  'scan.summary_export_csv': 'Ekspor selisih (CSV)',
  'scan.summary_csv_file_name': 'cek-penerimaan-{number}.csv',
  'scan.summary_print_scanned': 'Cetak label sesuai jumlah yang dipindai',
  'scan.summary_print_applied':
    'Jumlah label kini mengikuti jumlah yang dipindai. Tekan Cetak ke PDF untuk mencetaknya.',
};
