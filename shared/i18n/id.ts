import type { MessageKey } from './en.ts';
import { appId } from './messages/app.ts';
import { errorsId } from './messages/errors.ts';
import { linesId } from './messages/lines.ts';
import { cliId } from './messages/cli.ts';
import { deskId } from './messages/desk.ts';
import { printingId } from './messages/printing.ts';
import { printersId } from './messages/printers.ts';
import { scanId } from './messages/scan.ts';
import { scannerUiId } from './messages/scanner-ui.ts';
import { receivingReportId } from './messages/receiving-report.ts';
import { deskMainId } from './messages/desk-main.ts';
import { printerDeskId } from './messages/printer-desk.ts';
import { printersUiId } from './messages/printers-ui.ts';
import { templateNamesId } from './messages/template-names.ts';

/** Indonesian messages in ICU MessageFormat; the type makes a missing or extra key a compile error. */
export const id: Record<MessageKey, string> = {
  ...appId,
  ...errorsId,
  ...linesId,
  ...cliId,
  ...deskId,
  ...printingId,
  ...printersId,
  ...scanId,
  ...scannerUiId,
  ...receivingReportId,
  ...deskMainId,
  ...printerDeskId,
  ...printersUiId,
  ...templateNamesId,
};
