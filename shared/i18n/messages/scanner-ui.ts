// The scanner section of Settings: input choice (keyboard or USB HID POS), scanner state and the
// calibration barcode.

export const scannerUiEn = {
  'scanner_ui.input_title': 'Input',
  'scanner_ui.input_keyboard': 'Keyboard mode (wedge): the scanner types each code like a keyboard',
  'scanner_ui.input_hid': 'USB HID POS scanner: {name}',
  'scanner_ui.input_hid_unlisted': 'USB HID POS scanner {key} (not plugged in)',
  'scanner_ui.input_hint':
    'A scanner in USB HID POS mode is read directly, so codes never pass through the keyboard. The choice is kept on this computer only.',
  'scanner_ui.refresh': 'Refresh list',
  'scanner_ui.refreshing': 'Looking for devices…',
  'scanner_ui.no_devices': 'No USB HID scanner found. Plug the scanner in, then press Refresh list.',
  'scanner_ui.unusable_title': 'Devices the app cannot read',
  'scanner_ui.kind_keyboard': 'keyboard mode',
  'scanner_ui.kind_other': 'not a scanner',

  'scanner_ui.status_idle': 'Keyboard mode: codes arrive as key presses.',
  'scanner_ui.status_connecting': 'Waiting for the scanner {name} to be plugged in.',
  'scanner_ui.status_connected': 'Scanner {name} is connected.',
  'scanner_ui.status_disconnected':
    'Scanner {name} was unplugged. Plug it in again; the app opens it again by itself.',
  'scanner_ui.status_error': "Couldn't read the scanner {name}.",
  'scanner_ui.indicator_connecting': 'Scanner: waiting',
  'scanner_ui.indicator_connected': 'Scanner: connected',
  'scanner_ui.indicator_disconnected': 'Scanner: unplugged',
  'scanner_ui.indicator_error': 'Scanner: error',

  'scanner_ui.calibration_title': 'Calibration code',
  'scanner_ui.calibration_hint':
    'Scan this barcode from the screen or from a printout to check that the settings above match the scanner.',
  'scanner_ui.calibration_image': 'Calibration barcode (Code 128) for the text {code}',
  'scanner_ui.calibration_print': 'Print',
  'scanner_ui.calibration_start': 'Scan it now',
  'scanner_ui.calibration_waiting': 'Scan the calibration barcode now. Press Escape to cancel.',
  'scanner_ui.calibration_cancel': 'Cancel',
  'scanner_ui.calibration_again': 'Scan again',
  'scanner_ui.calibration_problems': 'Change this so that scans work:',
  'scanner_ui.calibration_notes': 'Good to know:',
  'scanner_ui.calibration_hid_note':
    'This check is for keyboard mode. A USB HID POS scanner sends codes without key presses, so it needs no calibration.',
} as const;

export const scannerUiId: Record<keyof typeof scannerUiEn, string> = {
  'scanner_ui.input_title': 'Masukan',
  'scanner_ui.input_keyboard': 'Mode keyboard (wedge): pemindai mengetik setiap kode seperti keyboard',
  'scanner_ui.input_hid': 'Pemindai USB HID POS: {name}',
  'scanner_ui.input_hid_unlisted': 'Pemindai USB HID POS {key} (tidak tercolok)',
  'scanner_ui.input_hint':
    'Pemindai dalam mode USB HID POS dibaca langsung, jadi kode tidak lewat keyboard. Pilihan ini hanya disimpan di komputer ini.',
  'scanner_ui.refresh': 'Muat ulang daftar',
  'scanner_ui.refreshing': 'Mencari perangkat…',
  'scanner_ui.no_devices': 'Tidak ada pemindai USB HID. Colokkan pemindai, lalu tekan Muat ulang daftar.',
  'scanner_ui.unusable_title': 'Perangkat yang tidak dapat dibaca aplikasi',
  'scanner_ui.kind_keyboard': 'mode keyboard',
  'scanner_ui.kind_other': 'bukan pemindai',

  'scanner_ui.status_idle': 'Mode keyboard: kode masuk sebagai tekanan tombol.',
  'scanner_ui.status_connecting': 'Menunggu pemindai {name} dicolokkan.',
  'scanner_ui.status_connected': 'Pemindai {name} terhubung.',
  'scanner_ui.status_disconnected':
    'Pemindai {name} dicabut. Colokkan lagi; aplikasi membukanya kembali dengan sendirinya.',
  'scanner_ui.status_error': 'Tidak dapat membaca pemindai {name}.',
  'scanner_ui.indicator_connecting': 'Pemindai: menunggu',
  'scanner_ui.indicator_connected': 'Pemindai: terhubung',
  'scanner_ui.indicator_disconnected': 'Pemindai: dicabut',
  'scanner_ui.indicator_error': 'Pemindai: galat',

  'scanner_ui.calibration_title': 'Kode kalibrasi',
  'scanner_ui.calibration_hint':
    'Pindai barcode ini dari layar atau dari hasil cetak untuk memeriksa apakah pengaturan di atas cocok dengan pemindai.',
  'scanner_ui.calibration_image': 'Barcode kalibrasi (Code 128) untuk teks {code}',
  'scanner_ui.calibration_print': 'Cetak',
  'scanner_ui.calibration_start': 'Pindai sekarang',
  'scanner_ui.calibration_waiting': 'Pindai barcode kalibrasi sekarang. Tekan Escape untuk membatalkan.',
  'scanner_ui.calibration_cancel': 'Batal',
  'scanner_ui.calibration_again': 'Pindai lagi',
  'scanner_ui.calibration_problems': 'Ubah ini agar pemindaian berfungsi:',
  'scanner_ui.calibration_notes': 'Perlu diketahui:',
  'scanner_ui.calibration_hid_note':
    'Pemeriksaan ini untuk mode keyboard. Pemindai USB HID POS mengirim kode tanpa tekanan tombol, jadi tidak perlu kalibrasi.',
};
