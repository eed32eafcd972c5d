// Problems on one document line; `{line}` is its 1-based number.

export const linesEn = {
  'lines.code_missing': 'Line {line}: the variant has no code, so no barcode can be printed.',
  'lines.code_not_text':
    'Line {line}: the code arrived as {type, select, number {a number} boolean {true or false} array {a list} object {an object} null {null} other {another type}} instead of text, so its exact digits are unknown. Check the variant code in DealPOS.',
  'lines.code_not_encodable':
    'Line {line}: code "{code}" has the character {character} at position {position}, which barcodes cannot hold. Use letters A–Z, digits and common symbols only.',
  'lines.code_too_long':
    'Line {line}: code "{code}" is too long to scan reliably on a {labelWidth} mm label. Use a wider template.',
  'lines.check_digit_invalid':
    'Line {line}: code "{code}" looks like an EAN-13 but its check digit should be {expected}, so it is printed as Code 128.',
  'lines.quantity_invalid': 'Line {line}: the quantity {quantity} is not a number.',
  'lines.quantity_negative': 'Line {line}: the quantity {quantity} is negative.',
  'lines.quantity_fractional':
    'Line {line}: the quantity {quantity} is not a whole number of labels. Set the label count by hand.',
  'lines.quantity_too_large':
    'Line {line}: the quantity {quantity} is more than {max} labels for one line. Check the document in DealPOS, or set the label count by hand.',
  'lines.name_missing': 'Line {line}: the variant has no name; the label shows the code only.',
  'lines.glyph_missing':
    'Line {line}: the label font has no character for {characters}; it is printed as "?".',
  'lines.duplicate_variant': 'Line {line}: the same variant also appears on line {otherLine}.',
} as const;

export const linesId: Record<keyof typeof linesEn, string> = {
  'lines.code_missing': 'Baris {line}: varian tidak punya kode, jadi barcode tidak bisa dicetak.',
  'lines.code_not_text':
    'Baris {line}: kode dikirim sebagai {type, select, number {angka} boolean {nilai benar/salah} array {daftar} object {objek} null {null} other {tipe lain}}, bukan teks, jadi digit persisnya tidak diketahui. Periksa kode varian di DealPOS.',
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
  'lines.quantity_too_large':
    'Baris {line}: jumlah {quantity} melebihi {max} label untuk satu baris. Periksa dokumen di DealPOS, atau atur jumlah label secara manual.',
  'lines.name_missing': 'Baris {line}: varian tidak punya nama; label hanya menampilkan kode.',
  'lines.glyph_missing': 'Baris {line}: font label tidak punya karakter {characters}; dicetak sebagai "?".',
  'lines.duplicate_variant': 'Baris {line}: varian yang sama juga ada di baris {otherLine}.',
};
