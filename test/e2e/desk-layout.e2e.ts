import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { PrintQueue, Spooler } from '../../electron/printing/spooler.ts';
import { AppError } from '../../shared/errors.ts';
import type { Locale } from '../../shared/i18n/index.ts';
import { EXAMPLE_PRINTER_PROFILES, type PrinterProfile } from '../../shared/printing/profile.ts';
import {
  expectNoBrowserProblems,
  fetchDocument,
  useDeskSession,
  saveScreenshot,
  setUpAccount,
  type DeskPage,
} from './desk-page.ts';
import type { Harness } from './harness/server.ts';

const BILL = { outlet: 'Toko Bandung', number: 'PB/2026/10/00318' };
const QUEUE = 'label-zpl';
const PROFILE: PrinterProfile = {
  ...EXAMPLE_PRINTER_PROFILES[2]!,
  id: 'gudang-zebra',
  name: 'Gudang Zebra',
  queue: QUEUE,
};

let harness: Harness | undefined;
let desk: DeskPage | undefined;

const session = useDeskSession();

/** Builds a spooler with one idle queue that rejects every job, so each print stops at its first label. */
function refusingSpooler(): Spooler {
  const queue: PrintQueue = { name: QUEUE, state: 'idle', acceptingJobs: true, description: '', message: '' };
  const reject = (): never => {
    throw new AppError('print_job_failed', { queue: QUEUE, reason: 'connection refused' });
  };
  return {
    submit: async () => reject(),
    waitForCompletion: async () => reject(),
    listQueues: async () => [queue],
    jobStatus: async () => reject(),
    cancel: async () => undefined,
    findJob: async () => null,
  };
}

// The page scripts below are strings because this project's e2e TypeScript has no DOM types.

/**
 * Checks whether the first element matching `selector` is on top at the middle of its top and bottom edges and at
 * its four corners, so no scroll container clips it and nothing, such as a sticky bar, covers it.
 */
async function onScreen(page: Page, selector: string): Promise<boolean> {
  const result = await page.evaluate(`(() => {
    const element = document.querySelector(${JSON.stringify(selector)});
    if (element === null) {
      return false;
    }
    const box = element.getBoundingClientRect();
    const inset = 2;
    const points = [
      [box.left + box.width / 2, box.top + inset],
      [box.left + box.width / 2, box.bottom - inset],
      [box.left + inset, box.top + inset],
      [box.right - inset, box.top + inset],
      [box.left + inset, box.bottom - inset],
      [box.right - inset, box.bottom - inset],
    ];
    return points.every(([x, y]) => {
      const hit = document.elementFromPoint(x, y);
      return hit !== null && (element === hit || element.contains(hit));
    });
  })()`);
  return result === true;
}

/** Number of lines table rows whose middle is on screen, neither scrolled away nor covered. */
async function visibleLineRows(page: Page): Promise<number> {
  const result = await page.evaluate(`(() => {
    const rows = [...document.querySelectorAll('[role="row"][data-line]')];
    return rows.filter((row) => {
      const box = row.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return hit !== null && row.contains(hit);
    }).length;
  })()`);
  return Number(result);
}

/**
 * Measures the widest option of each select in the printer profile editor against the room the select
 * gives its text, and returns the ids of the selects that cut an option off.
 */
async function selectsCuttingOptions(page: Page): Promise<string[]> {
  const result = await page.evaluate(`(() => {
    const cut = [];
    for (const select of document.querySelectorAll('#profile-mode, #profile-dpi')) {
      const probe = document.createElement('span');
      probe.style.font = getComputedStyle(select).font;
      probe.style.whiteSpace = 'pre';
      probe.style.position = 'absolute';
      document.body.append(probe);
      const widest = Math.max(...[...select.options].map((option) => {
        probe.textContent = option.textContent;
        return probe.getBoundingClientRect().width;
      }));
      probe.remove();
      // About 32 px of a select's width go to its padding, border and drop-down arrow in Chromium.
      if (widest > select.clientWidth - 32) {
        cut.push(select.id);
      }
    }
    return cut;
  })()`);
  return result as string[];
}

/** Loads the bill with the Zebra profile as the target and a stopped job in the unfinished-jobs banner. */
async function deskWithStoppedJob(locale: Locale): Promise<Page> {
  ({ harness, desk } = await session.open({ spooler: refusingSpooler(), systemLocale: locale }));
  const page = desk.page;
  await setUpAccount(page, harness);
  await page.evaluate(`window.labelDesk.savePrinterProfile(${JSON.stringify(PROFILE)})`);
  await page.reload();
  await page.locator('.document-form').waitFor();
  await fetchDocument(page, BILL.outlet, BILL.number);
  await page.locator('[role="row"][data-line="1"]').waitFor();
  await page.locator('#output-target').selectOption(`printer:${PROFILE.id}`);

  await page.locator('.print-job button.print').click();
  await page.getByTestId('interrupted-jobs').waitFor();
  await page.getByTestId('print-outcome').waitFor();
  return page;
}

describe('desk layout at 1280 × 800', () => {
  for (const locale of ['en', 'id'] as const) {
    it(`keeps Print, the lines and the preview on screen (${locale})`, async () => {
      const page = await deskWithStoppedJob(locale);
      expect(await page.getByTestId('interrupted-job').count()).toBe(1);
      expect(await onScreen(page, '.print-job button.print')).toBe(true);
      expect(await onScreen(page, '[data-testid="print-outcome"]')).toBe(true);
      expect(await onScreen(page, '.preview-area svg.page')).toBe(true);
      await saveScreenshot(page, `layout-banner-${locale}`);

      // Finish a receiving check, so its summary sits above the lines as well.
      await page.locator('[data-testid="receiving-panel"] > button').click();
      await page.locator('#check-code').fill('KF-M-0101');
      await page.locator('#check-code').press('Enter');
      await page.locator('[data-testid="receiving-panel"] .actions button.primary').click();
      await page.getByTestId('check-summary').waitFor();

      expect(await onScreen(page, '.print-job button.print')).toBe(true);
      expect(await onScreen(page, '.preview-area svg.page')).toBe(true);
      expect(await visibleLineRows(page)).toBeGreaterThanOrEqual(3);
      await saveScreenshot(page, `layout-banner-check-${locale}`);

      // The profile editor opens on the chosen profile, with every option text readable.
      await page.locator('.output-panel .with-button button').first().click();
      await page.locator('#profile-mode').waitFor();
      expect(await selectsCuttingOptions(page)).toEqual([]);
      await saveScreenshot(page, `layout-profile-editor-${locale}`);
      expectNoBrowserProblems(desk!);
    }, 30_000);
  }
});
