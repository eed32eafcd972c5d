import type { ErrorCode } from '../../shared/errors.ts';

/** Exit codes of the `dealpos-labels` command. */
export const EXIT = {
  ok: 0,
  /** Unexpected failure inside the app, or the PDF could not be written. */
  failure: 1,
  usage: 2,
  notFound: 3,
  auth: 4,
  remote: 5,
  /** Some lines were refused; every other label was written. */
  partial: 6,
} as const;

const EXIT_BY_ERROR: Record<ErrorCode, number> = {
  usage: EXIT.usage,
  config_invalid: EXIT.usage,
  credentials_missing: EXIT.usage,
  keychain_unavailable: EXIT.usage,
  template_not_found: EXIT.usage,
  confirmation_required: EXIT.usage,
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
  output_cancelled: EXIT.failure,
  unexpected: EXIT.failure,
};

export function exitCodeFor(code: ErrorCode): number {
  return EXIT_BY_ERROR[code];
}
