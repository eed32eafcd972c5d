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
};
