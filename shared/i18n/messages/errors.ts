// One message per expected error code, in the form "Couldn't X. Try Y."

export const errorsEn = {
  'errors.auth_failed':
    "Couldn't sign in to DealPOS: the client ID or secret was rejected. Check them in settings (or in DEALPOS_CLIENT_ID and DEALPOS_CLIENT_SECRET) or run login again.",
  'errors.forbidden':
    'DealPOS refused access{role, select, none {} other { (needs the role "{role}")}}. Ask your DealPOS administrator to give this API client that role.',
  'errors.outlet_not_found':
    'Couldn\'t find the outlet "{outlet}" in DealPOS. Check the outlet name as it is written in DealPOS.',
  'errors.document_not_found':
    'Couldn\'t find document {number} at outlet "{outlet}". Check the number and the document type (bill or outlet delivery).',
  'errors.rate_limited':
    'DealPOS is limiting requests right now. Wait {retryAfterSeconds, select, unknown {a minute} other {{retryAfterSeconds} seconds}} and try again.',
  'errors.network':
    "Couldn't reach DealPOS at {host}. Check the internet connection and the DealPOS address, then try again.",
  'errors.timeout': 'DealPOS did not answer in time. Try again in a moment.',
  'errors.server_error': 'DealPOS had a server error (HTTP {status}). Try again in a few minutes.',
  'errors.bad_response':
    'DealPOS sent an answer this app cannot read. Try again; if it keeps happening, report it with the document number.',
  'errors.config_invalid':
    'The DealPOS address "{value}" is not valid. Use your store name, such as mystore or https://mystore.dealpos.net (plain http:// works only for this computer\'s own address).',
  'errors.credentials_missing':
    'No DealPOS account is set up. Run login (or set DEALPOS_URL, DEALPOS_CLIENT_ID and DEALPOS_CLIENT_SECRET) first.',
  'errors.keychain_unavailable':
    "Couldn't use the system keychain ({reason}), so the secret was not saved anywhere. Start a keyring service (Secret Service) or set DEALPOS_CLIENT_SECRET.",
  'errors.template_not_found': 'There is no label template "{id}". Run templates to list them.',
  'errors.output_failed':
    "Couldn't write {file, select, printer_file {the printer file} other {the PDF}} to {path}: {reason, select, folder_missing {the folder does not exist. Create it or choose another folder} is_directory {that is a folder. Give a file name such as labels.pdf} permission {there is no permission to write there. Choose a folder you can write to} disk_full {the disk is full. Free some space} other {the file could not be written. Check the folder and free space}}, then try again.",
  'errors.confirmation_required':
    'This job would print {labels} labels, more than {threshold}. The largest lines: {largest}. Check the quantities (change one with --set LINE=COUNT), then run again with --yes to print them all.',
  'errors.start_position_invalid':
    'Start position {value} does not exist on template {template}: use 1 to {max}. Only sheet templates can start part way.',
  'errors.settings_unreadable':
    "Couldn't read the settings at {path} ({reason}). Check that it is a file this user can read, or set DEALPOS_LABELS_HOME to another folder.",
  'errors.output_cancelled': 'Printing to {path} was cancelled. No file was written.',
  'errors.usage': '{message}',
  'errors.unexpected':
    'Something went wrong inside the app. Try again; if it keeps happening, run with --verbose and report the output.',
} as const;

export const errorsId: Record<keyof typeof errorsEn, string> = {
  'errors.auth_failed':
    'Tidak bisa masuk ke DealPOS: client ID atau secret ditolak. Periksa di pengaturan (atau di DEALPOS_CLIENT_ID dan DEALPOS_CLIENT_SECRET) atau jalankan login lagi.',
  'errors.forbidden':
    'DealPOS menolak akses{role, select, none {} other { (perlu peran "{role}")}}. Minta administrator DealPOS memberi peran itu ke klien API ini.',
  'errors.outlet_not_found':
    'Outlet "{outlet}" tidak ditemukan di DealPOS. Periksa nama outlet sesuai yang tertulis di DealPOS.',
  'errors.document_not_found':
    'Dokumen {number} di outlet "{outlet}" tidak ditemukan. Periksa nomor dan jenis dokumen (pembelian atau pengiriman outlet).',
  'errors.rate_limited':
    'DealPOS sedang membatasi permintaan. Tunggu {retryAfterSeconds, select, unknown {satu menit} other {{retryAfterSeconds} detik}} lalu coba lagi.',
  'errors.network':
    'Tidak bisa terhubung ke DealPOS di {host}. Periksa koneksi internet dan alamat DealPOS, lalu coba lagi.',
  'errors.timeout': 'DealPOS tidak menjawab tepat waktu. Coba lagi sebentar lagi.',
  'errors.server_error': 'Server DealPOS mengalami galat (HTTP {status}). Coba lagi beberapa menit lagi.',
  'errors.bad_response':
    'Jawaban DealPOS tidak dapat dibaca aplikasi ini. Coba lagi; jika terus terjadi, laporkan beserta nomor dokumennya.',
  'errors.config_invalid':
    'Alamat DealPOS "{value}" tidak valid. Gunakan nama toko Anda, misalnya mystore atau https://mystore.dealpos.net (http:// biasa hanya untuk alamat komputer ini sendiri).',
  'errors.credentials_missing':
    'Belum ada akun DealPOS yang diatur. Jalankan login (atau isi DEALPOS_URL, DEALPOS_CLIENT_ID dan DEALPOS_CLIENT_SECRET) terlebih dahulu.',
  'errors.keychain_unavailable':
    'Keychain sistem tidak dapat dipakai ({reason}), jadi secret tidak disimpan di mana pun. Jalankan layanan keyring (Secret Service) atau isi DEALPOS_CLIENT_SECRET.',
  'errors.template_not_found': 'Template label "{id}" tidak ada. Jalankan templates untuk melihat daftarnya.',
  'errors.output_failed':
    'Tidak bisa menulis {file, select, printer_file {berkas printer} other {PDF}} ke {path}: {reason, select, folder_missing {foldernya tidak ada. Buat foldernya atau pilih folder lain} is_directory {itu adalah folder. Berikan nama berkas seperti label.pdf} permission {tidak ada izin menulis di sana. Pilih folder yang bisa Anda tulisi} disk_full {disk penuh. Kosongkan sebagian ruang} other {berkas tidak dapat ditulis. Periksa folder dan ruang disknya}}, lalu coba lagi.',
  'errors.confirmation_required':
    'Pekerjaan ini akan mencetak {labels} label, lebih dari {threshold}. Baris terbesar: {largest}. Periksa jumlahnya (ubah dengan --set BARIS=JUMLAH), lalu jalankan lagi dengan --yes untuk mencetak semuanya.',
  'errors.start_position_invalid':
    'Posisi awal {value} tidak ada pada template {template}: pakai 1 sampai {max}. Hanya template lembar yang bisa dimulai di tengah.',
  'errors.settings_unreadable':
    'Pengaturan di {path} tidak dapat dibaca ({reason}). Pastikan itu berkas yang bisa dibaca pengguna ini, atau arahkan DEALPOS_LABELS_HOME ke folder lain.',
  'errors.output_cancelled': 'Pencetakan ke {path} dibatalkan. Tidak ada berkas yang ditulis.',
  'errors.usage': '{message}',
  'errors.unexpected':
    'Terjadi kesalahan di dalam aplikasi. Coba lagi; jika terus terjadi, jalankan dengan --verbose dan laporkan keluarannya.',
};
