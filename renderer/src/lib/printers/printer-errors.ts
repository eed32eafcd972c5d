import type { MessageKey } from '../../../../shared/i18n/index.ts';
import type { IpcError } from '../../../../shared/ipc-contract.ts';
import type { I18nState } from '../state/i18n-state.svelte.ts';

/**
 * Printer error codes whose shared message names command-line commands ("run resume {id}",
 * "--unconfirmed skip"). The desk shows its own sentence, which names its buttons instead.
 */
const DESK_PRINTER_ERROR_KEYS: Partial<Record<IpcError['code'], MessageKey>> = {
  printer_not_found: 'printers_ui.error.printer_not_found',
  printer_profile_not_found: 'printers_ui.error.printer_profile_not_found',
  print_interrupted: 'printers_ui.error.print_interrupted',
  print_job_uncertain: 'printers_ui.error.print_job_uncertain',
  print_job_not_found: 'printers_ui.error.print_job_not_found',
  print_job_busy: 'printers_ui.error.print_job_busy',
  print_plan_changed: 'printers_ui.error.print_plan_changed',
};

// ICU needs a value for every placeholder, so these are the fallback values when main omits one.
const PLACEHOLDERS = {
  queue: '?',
  id: '?',
  label: '?',
  total: '?',
  first: '?',
  last: '?',
  actual: '?',
  expected: '?',
};

/** Translates an error of a printer request into a sentence worded for the desk. */
export function printerErrorText(i18n: I18nState, error: IpcError): string {
  const key = DESK_PRINTER_ERROR_KEYS[error.code];
  if (key === undefined) {
    return i18n.error(error);
  }
  return i18n.t(key, { ...PLACEHOLDERS, ...error.params });
}
