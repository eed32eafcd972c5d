import { appEn } from './messages/app.ts';
import { errorsEn } from './messages/errors.ts';
import { linesEn } from './messages/lines.ts';
import { cliEn } from './messages/cli.ts';

/**
 * English messages in ICU MessageFormat, one file per area under messages/. Each area's Indonesian
 * object is typed from its English one, so a missing key fails to compile; a test checks placeholders.
 */
export const en = {
  ...appEn,
  ...errorsEn,
  ...linesEn,
  ...cliEn,
} as const;

export type MessageKey = keyof typeof en;
