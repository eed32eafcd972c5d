import type { ErrorCode } from '../../shared/errors.ts';

/** Exit codes of the `dealpos-labels` command. */
export const EXIT = {
  ok: 0,
  /**
   * The PDF or a printer file could not be written, the print service failed outside a resumable job,
   * or an unexpected failure inside the app.
   */
  failure: 1,
  /** Bad command line or configuration, or a request that cannot apply (a job already finished). */
  usage: 2,
  /** Something named was not found: outlet, document, printer profile, print queue or print job. */
  notFound: 3,
  auth: 4,
  remote: 5,
  /** Some lines were refused; every other label was written. */
  partial: 6,
  /** A print job stopped part-way; `resume JOB` sends the rest, `cancel JOB` gives it up. */
  printInterrupted: 7,
  /** Interrupted with Ctrl+C (128 + SIGINT, as shells report it); nothing partial is left. */
  interrupted: 130,
} as const;

const EXIT_BY_ERROR: Record<ErrorCode, number> = {
  usage: EXIT.usage,
  config_invalid: EXIT.usage,
  credentials_missing: EXIT.usage,
  keychain_unavailable: EXIT.usage,
  template_not_found: EXIT.usage,
  confirmation_required: EXIT.usage,
  start_position_invalid: EXIT.usage,
  settings_unreadable: EXIT.usage,
  outlet_not_found: EXIT.notFound,
  document_not_found: EXIT.notFound,
  auth_failed: EXIT.auth,
  forbidden: EXIT.auth,
  network: EXIT.remote,
  timeout: EXIT.remote,
  server_error: EXIT.remote,
  bad_response: EXIT.remote,
  rate_limited: EXIT.remote,
  output_failed: EXIT.failure,
  output_cancelled: EXIT.interrupted,
  unexpected: EXIT.failure,
  printer_not_found: EXIT.notFound,
  printer_profile_not_found: EXIT.notFound,
  print_job_not_found: EXIT.notFound,
  printer_raw_unsupported: EXIT.usage,
  print_mode_unsupported: EXIT.usage,
  print_job_closed: EXIT.usage,
  printer_stopped: EXIT.failure,
  print_job_failed: EXIT.failure,
  print_timeout: EXIT.failure,
  print_spooler_unavailable: EXIT.failure,
  print_job_busy: EXIT.failure,
  print_plan_changed: EXIT.failure,
  print_interrupted: EXIT.printInterrupted,
  print_stopped: EXIT.printInterrupted,
  print_job_uncertain: EXIT.printInterrupted,
  // The desktop app's codes: the command line never raises them.
  template_built_in: EXIT.usage,
  nothing_to_print: EXIT.failure,
  file_open_failed: EXIT.failure,
  label_does_not_fit_printer: EXIT.usage,
  driver_print_unavailable: EXIT.usage,
  summary_invalid: EXIT.failure,
};

export function exitCodeFor(code: ErrorCode): number {
  return EXIT_BY_ERROR[code];
}
