import type { MessageKey, MessageParams } from '../../../../shared/i18n/index.ts';
import type { ScannerError, ScannerStatus } from '../../../../shared/ipc-contract.ts';

/** The translating function of the desk's `I18nState`. */
type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Translates a HID scanner error into its sentence with advice, `scan.<code>` in the catalogues. */
export function scannerErrorText(t: Translate, error: ScannerError): string {
  return t(`scan.${error.code}` as MessageKey, error.params);
}

/** Builds the HID scanner's status line: its state, and for an error what failed and what to do. */
export function scannerStatusText(t: Translate, status: ScannerStatus): string {
  const name = status.device?.name ?? status.device?.key ?? '';
  switch (status.state) {
    case 'idle':
      return t('scanner_ui.status_idle');
    case 'connecting':
      return t('scanner_ui.status_connecting', { name });
    case 'connected':
      return t('scanner_ui.status_connected', { name });
    case 'disconnected':
      return t('scanner_ui.status_disconnected', { name });
    case 'error': {
      const failed = t('scanner_ui.status_error', { name });
      return status.error === null ? failed : `${failed} ${scannerErrorText(t, status.error)}`;
    }
  }
}

/** Returns the short label of the header's scanner indicator. */
export function scannerIndicatorText(t: Translate, status: ScannerStatus): string {
  switch (status.state) {
    case 'connected':
      return t('scanner_ui.indicator_connected');
    case 'disconnected':
      return t('scanner_ui.indicator_disconnected');
    case 'error':
      return t('scanner_ui.indicator_error');
    case 'idle':
    case 'connecting':
      // Idle while a HID scanner is chosen means the connect request has not returned yet.
      return t('scanner_ui.indicator_connecting');
  }
}
