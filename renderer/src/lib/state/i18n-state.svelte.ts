import { errorMessage, lineProblemMessage, type ErrorContext } from '../../../../shared/error-messages.ts';
import {
  INTL_LOCALE,
  formatCount,
  formatRupiah,
  translate,
  type Locale,
  type MessageKey,
  type MessageParams,
} from '../../../../shared/i18n/index.ts';
import type { IpcError } from '../../../../shared/ipc-contract.ts';
import type { LineProblem } from '../../../../shared/labels/types.ts';

/**
 * Error codes whose shared message speaks to command-line users ("run login", "--verbose"). The desk
 * shows its own sentence for them, in the same "Couldn't X. Try Y." form.
 */
const DESK_ERROR_KEYS: Partial<Record<IpcError['code'], MessageKey>> = {
  auth_failed: 'desk.error.auth_failed',
  credentials_missing: 'desk.error.credentials_missing',
  template_not_found: 'desk.error.template_not_found',
  unexpected: 'desk.error.unexpected',
};

/** The interface language and the locale-aware formatters every component reads. */
export class I18nState {
  locale = $state<Locale>('id');

  constructor(initial: Locale = 'id') {
    this.locale = initial;
  }

  /** Translates a catalogue message into the current language. */
  t = (key: MessageKey, params: MessageParams = {}): string => translate(this.locale, key, params);

  /** Formats a count with the language's digit grouping. */
  count = (value: number): string => formatCount(this.locale, value);

  /** Formats a Rupiah amount as price tags write it (`Rp 189.000`) in both languages. */
  rupiah = (amount: number): string => formatRupiah(amount);

  /** Formats an ISO timestamp as a medium date and short time; returns the input when it is not a date. */
  dateTime = (iso: string): string => {
    const time = Date.parse(iso);
    if (Number.isNaN(time)) {
      return iso;
    }
    return new Intl.DateTimeFormat(INTL_LOCALE[this.locale], {
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(time);
  };

  /** The translated sentence for an expected error, with what the caller knows filled in. */
  error = (error: IpcError, context: ErrorContext = {}): string => {
    const deskKey = DESK_ERROR_KEYS[error.code];
    if (deskKey !== undefined) {
      return translate(this.locale, deskKey, { id: '?', ...error.params });
    }
    return errorMessage(this.locale, error, context);
  };

  /** The translated reason for a problem on one document line. */
  lineProblem = (problem: LineProblem): string => lineProblemMessage(this.locale, problem);
}
