/**
 * English messages in ICU MessageFormat. The Indonesian catalogue must have exactly these keys; the
 * type below makes a missing key a compile error there, and a test checks the placeholders match.
 */
export const en = {
  'app.title': 'DealPOS Label Desk',
  'app.demo_badge': 'Demo: practice data, not your store',

  'errors.auth_failed': "Couldn't sign in to DealPOS: the client ID or secret was rejected. Check them in settings or run login again.",
  'errors.forbidden':
    "DealPOS refused access{role, select, none {} other { (needs the role \"{role}\")}}. Ask your DealPOS administrator to give this API client that role.",
  'errors.outlet_not_found': "Couldn't find the outlet \"{outlet}\" in DealPOS. Check the outlet name as it is written in DealPOS.",
  'errors.document_not_found': "Couldn't find document {number} at outlet \"{outlet}\". Check the number and the document type (bill or outlet delivery).",
  'errors.rate_limited': 'DealPOS is limiting requests right now. Wait {retryAfterSeconds, select, unknown {a minute} other {{retryAfterSeconds} seconds}} and try again.',
  'errors.network': "Couldn't reach DealPOS at {host}. Check the internet connection and the DealPOS address, then try again.",
  'errors.timeout': 'DealPOS did not answer in time. Try again in a moment.',
  'errors.server_error': 'DealPOS had a server error (HTTP {status}). Try again in a few minutes.',
  'errors.bad_response': 'DealPOS sent an answer this app cannot read. Try again; if it keeps happening, report it with the document number.',
  'errors.config_invalid': 'The DealPOS address "{value}" is not valid. Use your store name, such as mystore or https://mystore.dealpos.net.',
  'errors.credentials_missing': 'No DealPOS account is set up. Run login (or set DEALPOS_URL, DEALPOS_CLIENT_ID and DEALPOS_CLIENT_SECRET) first.',
  'errors.keychain_unavailable': "Couldn't use the system keychain ({reason}), so the secret was not saved anywhere. Start a keyring service (Secret Service) or set DEALPOS_CLIENT_SECRET.",
  'errors.template_not_found': 'There is no label template "{id}". Run templates to list them.',
  'errors.output_failed': "Couldn't write the PDF to {path}. Check that the folder exists and has free space, then try again.",
  'errors.output_cancelled': 'Printing to {path} was cancelled. No file was written.',
  'errors.usage': '{message}',
  'errors.unexpected': 'Something went wrong inside the app. Try again; if it keeps happening, run with --verbose and report the output.',

  'lines.code_missing': 'Line {line}: the variant has no code, so no barcode can be printed.',
  'lines.code_not_text': 'Line {line}: the code arrived as {type} instead of text, so its exact digits are unknown. Check the variant code in DealPOS.',
  'lines.code_not_encodable': 'Line {line}: code "{code}" has the character {character} at position {position}, which barcodes cannot hold. Use letters A–Z, digits and common symbols only.',
  'lines.code_too_long': 'Line {line}: code "{code}" is too long to scan reliably on a {labelWidth} mm label. Use a wider template.',
  'lines.check_digit_invalid': 'Line {line}: code "{code}" looks like an EAN-13 but its check digit should be {expected}, so it is printed as Code 128.',
  'lines.quantity_invalid': 'Line {line}: the quantity {quantity} is not a number.',
  'lines.quantity_negative': 'Line {line}: the quantity {quantity} is negative.',
  'lines.quantity_fractional': 'Line {line}: the quantity {quantity} is not a whole number of labels. Set the label count by hand.',
  'lines.name_missing': 'Line {line}: the variant has no name; the label shows the code only.',
  'lines.glyph_missing': 'Line {line}: the label font has no character for {characters}; it is printed as "?".',
  'lines.duplicate_variant': 'Line {line}: the same variant also appears on line {otherLine}.',

  'cli.summary': '{lines, plural, one {# line} other {# lines}}, {labels, plural, one {# label} other {# labels}} written, {refused, plural, one {# line} other {# lines}} refused.',
  'cli.written': 'PDF written: {path}',
  'cli.refused_line': 'Refused: {message}',
  'cli.warning_line': 'Warning: {message}',
  'cli.login_saved': 'Signed in to {url} as client {clientId}. The secret is stored in the system keychain.',
  'cli.login_secret_prompt': 'Client secret (input from standard input):',
  'cli.login_secret_empty': 'No client secret was given on standard input.',
  'cli.logout_done': 'Signed out: the stored secret and account were removed.',
  'cli.logout_nothing': 'There was no stored account to remove.',
  'cli.templates_header': 'Templates (ID, size, labels per page):',
  'cli.demo_started': 'Demo: using the built-in DealPOS simulator at {url}',
  'cli.nothing_to_print': 'Nothing to print: the document has no labels to print.',
  'cli.detail': 'Detail: {detail}',
} as const;

export type MessageKey = keyof typeof en;
