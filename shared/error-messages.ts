import type { AppError } from './errors.ts';
import { translate, type Locale, type MessageKey, type MessageParams } from './i18n/index.ts';
import type { LineProblem } from './labels/types.ts';

/**
 * Values every error message may name. A failure deep in the client does not always know the outlet,
 * document number or host, so callers pass what they know and the error's own params win.
 */
export interface ErrorContext {
  outlet?: string;
  number?: string;
  host?: string;
  path?: string;
}

// ICU select and plural need a value for every placeholder; these stand in when nothing better is known.
const PLACEHOLDER_DEFAULTS: MessageParams = {
  role: 'none',
  retryAfterSeconds: 'unknown',
  status: '?',
  outlet: '?',
  number: '?',
  host: '?',
  path: '?',
  file: 'pdf',
  value: '',
  reason: '?',
  largest: '?',
  template: '?',
  max: '?',
  id: '?',
  message: '',
};

/** The translated sentence for an expected error, e.g. for the CLI or a toast in the app. */
export function errorMessage(
  locale: Locale,
  error: Pick<AppError, 'code' | 'params'>,
  context: ErrorContext = {},
): string {
  const params: MessageParams = { ...PLACEHOLDER_DEFAULTS };
  for (const [key, value] of Object.entries(context)) {
    if (value !== undefined && value !== '') {
      params[key] = value;
    }
  }
  for (const [key, value] of Object.entries(error.params)) {
    if (value !== '') {
      params[key] = value;
    }
  }
  // A reason quoted from other software (CUPS: "The printer is not responding.") sits inside a sentence
  // of ours, in parentheses, so its own closing full stop would double up.
  if (typeof params['reason'] === 'string') {
    params['reason'] = params['reason'].replace(/\.+$/, '');
  }
  return translate(locale, `errors.${error.code}` as MessageKey, params);
}

/** The translated sentence for a problem on one document line. */
export function lineProblemMessage(locale: Locale, problem: LineProblem): string {
  return translate(locale, `lines.${problem.code}` as MessageKey, problem.params);
}
