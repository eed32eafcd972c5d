import type { MessageKey } from './en.ts';

/** Indonesian messages in ICU MessageFormat; the type makes a missing or extra key a compile error. */
export const id: Record<MessageKey, string> = {
  'app.title': 'DealPOS Label Desk',
  'app.demo_badge': 'Demo: data latihan, bukan data toko Anda',

  'errors.auth_failed':
    'Tidak bisa masuk ke DealPOS: client ID atau secret ditolak. Periksa di pengaturan atau jalankan login lagi.',
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
    'Alamat DealPOS "{value}" tidak valid. Gunakan nama toko Anda, misalnya mystore atau https://mystore.dealpos.net.',
  'errors.credentials_missing':
    'Belum ada akun DealPOS yang diatur. Jalankan login (atau isi DEALPOS_URL, DEALPOS_CLIENT_ID dan DEALPOS_CLIENT_SECRET) terlebih dahulu.',
  'errors.keychain_unavailable':
    'Keychain sistem tidak dapat dipakai ({reason}), jadi secret tidak disimpan di mana pun. Jalankan layanan keyring (Secret Service) atau isi DEALPOS_CLIENT_SECRET.',
  'errors.template_not_found': 'Template label "{id}" tidak ada. Jalankan templates untuk melihat daftarnya.',
  'errors.output_failed':
    'Tidak bisa menulis PDF ke {path}. Periksa bahwa foldernya ada dan ruang disk cukup, lalu coba lagi.',
  'errors.confirmation_required':
    'Pekerjaan ini akan mencetak {labels} label, lebih dari {threshold}. Periksa jumlahnya, lalu jalankan lagi dengan --yes untuk mencetak semuanya.',
  'errors.output_cancelled': 'Pencetakan ke {path} dibatalkan. Tidak ada berkas yang ditulis.',
  'errors.usage': '{message}',
  'errors.unexpected':
    'Terjadi kesalahan di dalam aplikasi. Coba lagi; jika terus terjadi, jalankan dengan --verbose dan laporkan keluarannya.',

  'lines.code_missing': 'Baris {line}: varian tidak punya kode, jadi barcode tidak bisa dicetak.',
  'lines.code_not_text':
    'Baris {line}: kode dikirim sebagai {type}, bukan teks, jadi digit persisnya tidak diketahui. Periksa kode varian di DealPOS.',
  'lines.code_not_encodable':
    'Baris {line}: kode "{code}" memuat karakter {character} di posisi {position} yang tidak bisa masuk barcode. Pakai huruf A–Z, angka, dan simbol umum saja.',
  'lines.code_too_long':
    'Baris {line}: kode "{code}" terlalu panjang untuk dipindai dengan andal pada label {labelWidth} mm. Pakai template yang lebih lebar.',
  'lines.check_digit_invalid':
    'Baris {line}: kode "{code}" tampak seperti EAN-13 tetapi digit pemeriksanya seharusnya {expected}, jadi dicetak sebagai Code 128.',
  'lines.quantity_invalid': 'Baris {line}: jumlah {quantity} bukan angka.',
  'lines.quantity_negative': 'Baris {line}: jumlah {quantity} bernilai negatif.',
  'lines.quantity_fractional':
    'Baris {line}: jumlah {quantity} bukan bilangan bulat label. Atur jumlah label secara manual.',
  'lines.name_missing': 'Baris {line}: varian tidak punya nama; label hanya menampilkan kode.',
  'lines.glyph_missing': 'Baris {line}: font label tidak punya karakter {characters}; dicetak sebagai "?".',
  'lines.duplicate_variant': 'Baris {line}: varian yang sama juga ada di baris {otherLine}.',

  'cli.summary': '{lines} baris, {labels} label ditulis, {refused} baris ditolak.',
  'cli.written': 'PDF ditulis: {path}',
  'cli.refused_line': 'Ditolak: {message}',
  'cli.warning_line': 'Peringatan: {message}',
  'cli.login_saved': 'Masuk ke {url} sebagai klien {clientId}. Secret disimpan di keychain sistem.',
  'cli.login_secret_prompt': 'Client secret (masukan dari standard input):',
  'cli.login_secret_empty': 'Tidak ada client secret di standard input.',
  'cli.logout_done': 'Keluar: secret dan akun yang tersimpan sudah dihapus.',
  'cli.logout_nothing': 'Tidak ada akun tersimpan untuk dihapus.',
  'cli.templates_header': 'Template (ID, ukuran, label per halaman):',
  'cli.demo_started': 'Demo: memakai simulator DealPOS bawaan di {url}',
  'cli.nothing_to_print': 'Tidak ada yang dicetak: dokumen tidak punya label untuk dicetak.',
  'cli.detail': 'Detail: {detail}',
  'cli.settings_moved_aside':
    'Berkas pengaturan tidak dapat dibaca, jadi dipindahkan ke {path} dan pengaturan bawaan dipakai.',
  'cli.help.program':
    'Mencetak satu label barcode per unit dari faktur pembelian atau pengiriman outlet DealPOS.',
  'cli.help.verbose': 'tampilkan detail teknis galat dan percobaan ulang (tanpa rahasia)',
  'cli.help.lang': 'bahasa pesan: id (Indonesia) atau en (Inggris)',
  'cli.help.help': 'tampilkan bantuan untuk perintah',
  'cli.help.print': 'ambil dokumen dari DealPOS dan tulis labelnya ke PDF',
  'cli.help.bill': 'nomor faktur pembelian, misalnya 2023.09.00001',
  'cli.help.delivery': 'nomor pengiriman outlet (transfer stok)',
  'cli.help.outlet': 'nama outlet sesuai di DealPOS (untuk pengiriman: outlet pengirim)',
  'cli.help.template': 'ID template label (lihat perintah templates); bawaan dari pengaturan',
  'cli.help.dpi': 'resolusi printer dalam titik per inci: 203, 300 atau 600',
  'cli.help.show_price': 'cetak harga dokumen (untuk faktur pembelian ini adalah harga beli)',
  'cli.help.start': 'posisi label pertama pada lembar yang sudah terpakai sebagian, mulai dari 1',
  'cli.help.pdf': 'berkas PDF yang ditulis',
  'cli.help.yes': 'cetak pekerjaan lebih dari 5.000 label tanpa bertanya',
  'cli.help.login': 'simpan akun DealPOS; client secret dibaca dari standard input',
  'cli.help.url': 'alamat DealPOS, misalnya mystore atau https://mystore.dealpos.net',
  'cli.help.client_id': 'client ID API DealPOS',
  'cli.help.no_verify': 'simpan akun tanpa mengujinya ke DealPOS terlebih dahulu',
  'cli.help.logout': 'hapus akun dan secret DealPOS yang tersimpan',
  'cli.help.templates': 'tampilkan daftar template label',
  'cli.usage.dpi': 'Pakai salah satu dari {allowed}.',
  'cli.usage.positive_integer': 'Pakai bilangan bulat 1 atau lebih.',
  'cli.usage.empty_value': 'Nilainya kosong.',
  'cli.usage.document_required': 'Berikan nomor dokumen dengan --bill NOMOR atau --delivery NOMOR.',
  'cli.usage.document_conflict': 'Berikan --bill atau --delivery, jangan keduanya.',
  'cli.usage.missing_option': 'Opsi {option} wajib diisi. Jalankan dengan --help untuk melihat opsinya.',
  'cli.usage.missing_value': 'Opsi {option} memerlukan nilai.',
  'cli.usage.unknown_option': 'Opsi {option} tidak dikenal. Jalankan dengan --help untuk melihat opsinya.',
  'cli.usage.unknown_command': 'Perintah {command} tidak dikenal. Perintah: print, login, logout, templates.',
  'cli.usage.invalid_value': 'Nilai untuk {option} tidak valid. {reason}',
  'cli.usage.extra_arguments': 'Argumen terlalu banyak. Opsi ditulis dalam bentuk --nama nilai.',
  'cli.usage.command_required': 'Berikan perintah: print, login, logout atau templates.',
  'cli.usage.generic':
    'Baris perintah tidak dapat dibaca. Jalankan dengan --help untuk melihat cara pakainya.',
};
