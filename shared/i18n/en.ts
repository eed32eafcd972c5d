/**
 * English messages in ICU MessageFormat. The Indonesian catalogue must have exactly these keys; the
 * type below makes a missing key a compile error there, and a test checks the placeholders match.
 */
export const en = {
  'app.title': 'DealPOS Label Desk',
  'app.demo_badge': 'Demo: practice data, not your store',

  'errors.auth_failed':
    "Couldn't sign in to DealPOS: the client ID or secret was rejected. Check them in settings or run login again.",
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
    'The DealPOS address "{value}" is not valid. Use your store name, such as mystore or https://mystore.dealpos.net.',
  'errors.credentials_missing':
    'No DealPOS account is set up. Run login (or set DEALPOS_URL, DEALPOS_CLIENT_ID and DEALPOS_CLIENT_SECRET) first.',
  'errors.keychain_unavailable':
    "Couldn't use the system keychain ({reason}), so the secret was not saved anywhere. Start a keyring service (Secret Service) or set DEALPOS_CLIENT_SECRET.",
  'errors.template_not_found': 'There is no label template "{id}". Run templates to list them.',
  'errors.output_failed':
    "Couldn't write the PDF to {path}. Check that the folder exists and has free space, then try again.",
  'errors.confirmation_required':
    'This job would print {labels} labels, more than {threshold}. Check the quantities, then run again with --yes to print them all.',
  'errors.output_cancelled': 'Printing to {path} was cancelled. No file was written.',
  'errors.usage': '{message}',
  'errors.unexpected':
    'Something went wrong inside the app. Try again; if it keeps happening, run with --verbose and report the output.',

  'lines.code_missing': 'Line {line}: the variant has no code, so no barcode can be printed.',
  'lines.code_not_text':
    'Line {line}: the code arrived as {type} instead of text, so its exact digits are unknown. Check the variant code in DealPOS.',
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
  'lines.name_missing': 'Line {line}: the variant has no name; the label shows the code only.',
  'lines.glyph_missing':
    'Line {line}: the label font has no character for {characters}; it is printed as "?".',
  'lines.duplicate_variant': 'Line {line}: the same variant also appears on line {otherLine}.',

  'cli.summary':
    '{lines, plural, one {# line} other {# lines}}, {labels, plural, one {# label} other {# labels}} written, {refused, plural, one {# line} other {# lines}} refused.',
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
  'cli.settings_moved_aside':
    'The settings file could not be read, so it was moved to {path} and default settings are used.',
  'cli.help.program': 'Prints one barcode label per unit of a DealPOS purchase bill or outlet delivery.',
  'cli.help.verbose': 'show technical detail of errors and retries (never secrets)',
  'cli.help.lang': 'message language: id (Indonesian) or en (English)',
  'cli.help.help': 'show help for a command',
  'cli.help.print': 'fetch a document from DealPOS and write its labels to a PDF',
  'cli.help.bill': 'purchase bill number, e.g. 2023.09.00001',
  'cli.help.delivery': 'outlet delivery (stock transfer) number',
  'cli.help.outlet': 'outlet name as written in DealPOS (for a delivery: the sending outlet)',
  'cli.help.template': 'label template ID (see the templates command); default from settings',
  'cli.help.dpi': 'printer resolution in dots per inch: 203, 300 or 600',
  'cli.help.show_price': 'print the document price (for a bill this is the purchase price)',
  'cli.help.start': 'first label position on a partly used sheet, counted from 1',
  'cli.help.pdf': 'PDF file to write',
  'cli.help.yes': 'print jobs of more than 5,000 labels without asking',
  'cli.help.login': 'store a DealPOS account; the client secret is read from standard input',
  'cli.help.url': 'DealPOS address, e.g. mystore or https://mystore.dealpos.net',
  'cli.help.client_id': 'DealPOS API client ID',
  'cli.help.no_verify': 'store the account without testing it against DealPOS first',
  'cli.help.logout': 'remove the stored DealPOS account and secret',
  'cli.help.templates': 'list the label templates',
  'cli.usage.dpi': 'Use one of {allowed}.',
  'cli.usage.positive_integer': 'Use a whole number of 1 or more.',
  'cli.usage.empty_value': 'The value is empty.',
  'cli.usage.document_required': 'Give the document number with --bill NUMBER or --delivery NUMBER.',
  'cli.usage.document_conflict': 'Give either --bill or --delivery, not both.',
  'cli.usage.missing_option': 'The option {option} is required. Run with --help to see the options.',
  'cli.usage.missing_value': 'The option {option} needs a value.',
  'cli.usage.unknown_option': 'Unknown option {option}. Run with --help to see the options.',
  'cli.usage.unknown_command': 'Unknown command {command}. Commands: print, login, logout, templates.',
  'cli.usage.invalid_value': 'Invalid value for {option}. {reason}',
  'cli.usage.extra_arguments': 'Too many arguments. Options take the form --name value.',
  'cli.usage.command_required': 'Give a command: print, login, logout or templates.',
  'cli.usage.generic': 'The command line could not be read. Run with --help to see the usage.',
} as const;

export type MessageKey = keyof typeof en;
