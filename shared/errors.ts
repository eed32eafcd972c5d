/**
 * Expected failures travel as values with a code, never as bare strings. Each code maps to one
 * translated message in `errors.<code>` of the catalogues; `params` fill that message's placeholders.
 */
export const ERROR_CODES = [
  'auth_failed',
  'forbidden',
  'outlet_not_found',
  'document_not_found',
  'rate_limited',
  'network',
  'timeout',
  'server_error',
  'bad_response',
  'config_invalid',
  'credentials_missing',
  'keychain_unavailable',
  'template_not_found',
  'output_failed',
  'output_cancelled',
  'confirmation_required',
  'start_position_invalid',
  'settings_unreadable',
  'template_built_in',
  'nothing_to_print',
  'file_open_failed',
  'printer_not_found',
  'printer_stopped',
  'printer_raw_unsupported',
  'printer_profile_not_found',
  'print_job_failed',
  'print_timeout',
  'print_spooler_unavailable',
  'print_interrupted',
  'print_stopped',
  'print_job_uncertain',
  'print_job_not_found',
  'print_job_busy',
  'print_job_closed',
  'print_plan_changed',
  'print_mode_unsupported',
  'label_does_not_fit_printer',
  'driver_print_unavailable',
  'summary_invalid',
  'usage',
  'unexpected',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Values substituted into a translated message: numbers, names, the DealPOS role, a file path. */
export type ErrorParams = Record<string, string | number>;

/** An expected failure: the code picks the message, the params fill it, `detail` is for --verbose only. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams;
  readonly detail: string | undefined;

  constructor(code: ErrorCode, params: ErrorParams = {}, options: { detail?: string; cause?: unknown } = {}) {
    super(`${code}${options.detail === undefined ? '' : `: ${options.detail}`}`, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.params = params;
    this.detail = options.detail;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
