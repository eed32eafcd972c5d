// The receiving check's PDF summary: its texts, the button and status in the finish summary, and the
// error for a summary whose numbers do not agree (under `errors.<code>`, the key `errorMessage` looks up).
// Also the check's code field and its notice for keys too slow to count as a scan (`receiving_check.*`).

export const receivingReportEn = {
  'errors.summary_invalid':
    "Couldn't save the check summary because its numbers do not agree ({problem}). Finish the check again; if this keeps happening, export diagnostics for support.",
  'receiving_report.save_pdf': 'Save PDF summary',
  'receiving_report.saving_pdf': 'Saving PDF…',
  'receiving_report.written': 'Summary saved to {path}',
  'receiving_report.file_name': 'receiving-check-{number}.pdf',
  'receiving_report.title': 'Receiving check summary',
  'receiving_report.document':
    '{kind, select, bill {Purchase bill} other {Outlet delivery}} {number}, outlet {outlet}',
  'receiving_report.times': 'Check started {started}, finished {finished}',
  'receiving_report.result_matches': 'Everything arrived as the document lists.',
  'receiving_report.result_differs': 'The goods received differ from the document.',
  'receiving_report.order_note':
    'Lines with differences come first (short, then over, then unreadable quantities), then matching lines, each in document order.',
  'receiving_report.section_short':
    'Short: {lines, plural, one {# line} other {# lines}}, {units, plural, one {# unit} other {# units}} missing',
  'receiving_report.section_over':
    'Over: {lines, plural, one {# line} other {# lines}}, {units, plural, one {# unit} other {# units}} too many',
  'receiving_report.section_expected_unknown':
    'Document quantity unreadable: {lines, plural, one {# line} other {# lines}}',
  'receiving_report.section_complete': 'Matching: {lines, plural, one {# line} other {# lines}}',
  'receiving_report.section_unknown':
    'Codes not on the document: {codes, plural, one {# code} other {# codes}}, {scans, plural, one {# scan} other {# scans}}',
  'receiving_report.section_totals': 'Totals',
  'receiving_report.continued': '{section} (continued)',
  'receiving_report.column_line': 'Line',
  'receiving_report.column_code': 'Code',
  'receiving_report.column_name': 'Name',
  'receiving_report.column_expected': 'Expected',
  'receiving_report.column_scanned': 'Scanned',
  'receiving_report.column_difference': 'Difference',
  'receiving_report.column_scans': 'Scans',
  'receiving_report.column_lookup': 'DealPOS lookup',
  'receiving_report.no_code': '(no code)',
  'receiving_report.total_lines':
    'Document lines: {lines} ({complete} matching, {short} short, {over} over, {unknown} unreadable)',
  'receiving_report.total_units': 'Units: {expected} expected, {scanned} scanned',
  'receiving_report.total_differences':
    'Missing: {short, plural, one {# unit} other {# units}}. Too many: {over, plural, one {# unit} other {# units}}.',
  'receiving_report.total_unknown_scans': 'Scans of codes not on the document: {scans}',
  'receiving_report.page': 'Page {page} of {pages}',

  'receiving_check.not_counted_slow':
    'Not counted: "{text}" came in too slowly for a scanner. Type the code in the code field and press Enter, or raise the maximum gap in Settings → Barcode scanner.',
  'receiving_check.code_label': 'Code',
  'receiving_check.code_placeholder': 'Type a code and press Enter',
  'receiving_check.count': 'Count',
} as const;

export const receivingReportId: Record<keyof typeof receivingReportEn, string> = {
  'errors.summary_invalid':
    'Ringkasan cek tidak dapat disimpan karena angkanya tidak cocok ({problem}). Selesaikan cek lagi; jika terus terjadi, ekspor diagnostik untuk dukungan.',
  'receiving_report.save_pdf': 'Simpan ringkasan PDF',
  'receiving_report.saving_pdf': 'Menyimpan PDF…',
  'receiving_report.written': 'Ringkasan disimpan di {path}',
  'receiving_report.file_name': 'cek-penerimaan-{number}.pdf',
  'receiving_report.title': 'Ringkasan cek penerimaan',
  'receiving_report.document':
    '{kind, select, bill {Faktur pembelian} other {Pengiriman outlet}} {number}, outlet {outlet}',
  'receiving_report.times': 'Cek dimulai {started}, selesai {finished}',
  'receiving_report.result_matches': 'Semua barang datang sesuai dokumen.',
  'receiving_report.result_differs': 'Barang yang diterima berbeda dari dokumen.',
  'receiving_report.order_note':
    'Baris yang berselisih tercantum lebih dulu (kurang, lalu lebih, lalu jumlah tidak terbaca), lalu baris yang cocok, masing-masing sesuai urutan dokumen.',
  'receiving_report.section_short': 'Kurang: {lines} baris, {units} unit tidak ada',
  'receiving_report.section_over': 'Lebih: {lines} baris, {units} unit kelebihan',
  'receiving_report.section_expected_unknown': 'Jumlah di dokumen tidak terbaca: {lines} baris',
  'receiving_report.section_complete': 'Cocok: {lines} baris',
  'receiving_report.section_unknown': 'Kode yang tidak ada di dokumen: {codes} kode, {scans} pindaian',
  'receiving_report.section_totals': 'Jumlah',
  'receiving_report.continued': '{section} (lanjutan)',
  'receiving_report.column_line': 'Baris',
  'receiving_report.column_code': 'Kode',
  'receiving_report.column_name': 'Nama',
  'receiving_report.column_expected': 'Dokumen',
  'receiving_report.column_scanned': 'Dipindai',
  'receiving_report.column_difference': 'Selisih',
  'receiving_report.column_scans': 'Pindaian',
  'receiving_report.column_lookup': 'Cek DealPOS',
  'receiving_report.no_code': '(tanpa kode)',
  'receiving_report.total_lines':
    'Baris dokumen: {lines} ({complete} cocok, {short} kurang, {over} lebih, {unknown} tidak terbaca)',
  'receiving_report.total_units': 'Unit: {expected} menurut dokumen, {scanned} dipindai',
  'receiving_report.total_differences':
    'Kurang: {short, plural, other {# unit}}. Lebih: {over, plural, other {# unit}}.',
  'receiving_report.total_unknown_scans': 'Pindaian kode yang tidak ada di dokumen: {scans}',
  'receiving_report.page': 'Halaman {page} dari {pages}',

  'receiving_check.not_counted_slow':
    'Tidak dihitung: "{text}" masuk terlalu lambat untuk pemindai. Ketik kodenya di kolom kode lalu tekan Enter, atau naikkan jeda maksimum di Pengaturan → Pemindai barcode.',
  'receiving_check.code_label': 'Kode',
  'receiving_check.code_placeholder': 'Ketik kode lalu tekan Enter',
  'receiving_check.count': 'Hitung',
} as const;
