import { appEn } from './messages/app.ts';
import { errorsEn } from './messages/errors.ts';
import { linesEn } from './messages/lines.ts';
import { cliEn } from './messages/cli.ts';
import { deskEn } from './messages/desk.ts';
import { printingEn } from './messages/printing.ts';
import { printersEn } from './messages/printers.ts';
import { scanEn } from './messages/scan.ts';
import { scannerUiEn } from './messages/scanner-ui.ts';
import { receivingReportEn } from './messages/receiving-report.ts';
import { deskMainEn } from './messages/desk-main.ts';
import { printerDeskEn } from './messages/printer-desk.ts';
import { printersUiEn } from './messages/printers-ui.ts';
import { templateNamesEn } from './messages/template-names.ts';

/**
 * English messages in ICU MessageFormat, one file per area under messages/. Each area's Indonesian
 * object is typed from its English one, so a missing key fails to compile; a test checks placeholders.
 */
export const en = {
  ...appEn,
  ...errorsEn,
  ...linesEn,
  ...cliEn,
  ...deskEn,
  ...printingEn,
  ...printersEn,
  ...scanEn,
  ...scannerUiEn,
  ...receivingReportEn,
  ...deskMainEn,
  ...printerDeskEn,
  ...printersUiEn,
  ...templateNamesEn,
} as const;

export type MessageKey = keyof typeof en;
