import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import BILL_SEED from '../../electron/dealpos-simulator/seed/bill-toko-bandung-PB-2026-10-00318.json' with { type: 'json' };
import { labelFontPath, loadFontMetrics } from '../../electron/pdf/font.ts';
import { CupsSpooler } from '../../electron/printing/cups.ts';
import { buildRawJob } from '../../electron/printing/raw-job.ts';
import { planJob } from '../../shared/labels/job.ts';
import { readDocumentLines } from '../../shared/labels/lines.ts';
import { findTemplate } from '../../shared/labels/templates.ts';
import type { LineOverride } from '../../shared/labels/types.ts';
import { EXAMPLE_PRINTER_PROFILES, type PrinterProfile } from '../../shared/printing/profile.ts';
import {
  countPrintedLabels,
  startLabelListener,
  startPrivateCups,
  type LabelListener,
  type PrivateCups,
} from '../support/cups.ts';
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
const BILL_LINES = BILL_SEED.response;
/** Labels per spool job: one job per document line with labels, in document order (line 6 has none). */
const LABELS_PER_LINE = [6, 4, 12, 8, 3, 2, 5, 1];
/** The Zebra example the clerk starts from. The saved profile differs only in name, id and queue. */
const ZEBRA = EXAMPLE_PRINTER_PROFILES[2]!;

let cups: PrivateCups;
let listener: LabelListener | undefined;
let harness: Harness | undefined;
let desk: DeskPage | undefined;
let queueNumber = 0;

const session = useDeskSession();

beforeAll(async () => {
  cups = await startPrivateCups();
});

afterAll(async () => {
  await cups?.stop();
});

afterEach(async () => {
  await listener?.close();
  listener = undefined;
});

/**
 * Starts a label listener with a raw CUPS queue in front of it and the desk with the bill loaded.
 * `connectTimeoutSeconds` makes the queue give up soon on a refused connection.
 */
async function start(
  options: { connectTimeoutSeconds?: number } = {},
): Promise<{ page: Page; queue: string }> {
  listener = await startLabelListener();
  queueNumber += 1;
  const queue = `desk-e2e-${queueNumber}`;
  await cups.addRawQueue(queue, listener.port, { errorPolicy: 'abort-job', ...options });
  ({ harness, desk } = await session.open({ spooler: new CupsSpooler({ env: cups.env }) }));
  const page = desk.page;
  await setUpAccount(page, harness);
  await fetchDocument(page, BILL.outlet, BILL.number);
  await expect.poll(() => page.locator('[data-total="labels"]').textContent()).toBe('41 labels to print');
  return { page, queue };
}

/** Adds a profile from the Zebra example in the profiles editor and picks it as the output target. */
async function addZebraProfile(page: Page, queue: string, screenshot: string | null = null): Promise<void> {
  await page.getByRole('button', { name: 'Printers…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Printer profiles' });
  await dialog.getByLabel('Start from').selectOption(ZEBRA.id);
  await dialog.getByRole('button', { name: 'Add profile' }).click();
  await dialog.getByLabel('Name', { exact: true }).fill('Gudang Zebra');
  await dialog.getByLabel('System print queue').fill(queue);
  if (screenshot !== null) {
    await saveScreenshot(page, screenshot);
  }
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => dialog.getByRole('status').textContent()).toBe('Profile "Gudang Zebra" saved.');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.locator('#output-target').selectOption({ label: `Gudang Zebra (${queue})` });
}

/** The spool jobs the printer should receive for these line overrides: the header, then one line each. */
async function expectedSpoolJobs(
  queue: string,
  overrides: Map<number, LineOverride> = new Map(),
): Promise<Buffer[]> {
  const profile: PrinterProfile = { ...ZEBRA, queue };
  const plan = planJob(readDocumentLines(BILL_LINES), {
    template: findTemplate('roll-50x30')!,
    dpi: profile.dpi,
    showPrice: false,
    documentNumber: BILL.number,
    metrics: await loadFontMetrics(labelFontPath()),
    overrides,
  });
  const raw = await buildRawJob('zpl', plan.entries, profile);
  return raw.chunks.map((chunk) => Buffer.concat([raw.header, chunk.bytes]));
}

describe('printing to a label printer in Chromium', () => {
  it('prints the bill with progress, lists it as printed and reprints one label', async () => {
    const { page, queue } = await start();
    await addZebraProfile(page, queue, 'printers-editor');
    await expect.poll(() => page.getByTestId('target-queue-status').textContent()).toContain('ready');

    // Records every progress text the page shows, because a fast job replaces it within a second.
    await page.evaluate(`(() => {
      window.progressTexts = [];
      new MutationObserver(() => {
        const text = document.querySelector('.print-job .progress span')?.textContent?.trim();
        if (text !== undefined && window.progressTexts.at(-1) !== text) {
          window.progressTexts.push(text);
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    })()`);
    await page.getByRole('button', { name: 'Print to Gudang Zebra' }).click();

    await expect
      .poll(() => page.getByTestId('print-outcome').textContent(), { timeout: 20_000 })
      .toContain(`41 labels sent to Gudang Zebra (${queue}).`);
    expect(listener!.connections.map(countPrintedLabels)).toEqual(LABELS_PER_LINE);
    const expected = await expectedSpoolJobs(queue);
    expect(listener!.connections.map((bytes, index) => bytes.equals(expected[index]!))).toEqual(
      expected.map(() => true),
    );
    // Progress counts the labels the spooler confirmed, so it moves one document line at a time.
    const confirmedTexts = LABELS_PER_LINE.map(
      (_, index) =>
        `Label ${LABELS_PER_LINE.slice(0, index + 1).reduce((sum, labels) => sum + labels)} of 41 printed`,
    );
    const seen = (await page.evaluate('window.progressTexts')) as string[];
    const progressSeen = seen.filter((text) => text.startsWith('Label '));
    expect(progressSeen.length).toBeGreaterThan(0);
    expect(progressSeen.filter((text) => !confirmedTexts.includes(text))).toEqual([]);

    await page.getByRole('button', { name: 'Printed (1)' }).click();
    const printed = page.getByRole('dialog', { name: `Printed labels of ${BILL.number}` });
    const entry = printed.getByTestId('ledger-entry');
    await entry.waitFor();
    expect(await entry.textContent()).toContain(`Gudang Zebra (${queue})`);
    expect(await entry.textContent()).toContain('41 labels');
    expect(await entry.locator('tbody tr').count()).toBe(LABELS_PER_LINE.length);
    await saveScreenshot(page, 'printers-ledger');

    await printed.getByRole('button', { name: 'Reprint one label of line 2' }).click();
    await expect
      .poll(() => page.getByTestId('print-outcome').textContent(), { timeout: 20_000 })
      .toContain(`1 label sent to Gudang Zebra (${queue}).`);
    expect(listener!.connections).toHaveLength(LABELS_PER_LINE.length + 1);
    const reprintOverrides = new Map<number, LineOverride>(
      BILL_LINES.map((_, index) => [
        index + 1,
        index + 1 === 2 ? { quantity: 1, include: true } : { include: false },
      ]),
    );
    const [reprinted] = await expectedSpoolJobs(queue, reprintOverrides);
    expect(listener!.connections.at(-1)!.equals(reprinted!)).toBe(true);
    expect(countPrintedLabels(listener!.connections.at(-1)!)).toBe(1);

    await page.getByRole('button', { name: 'Printed (2)' }).click();
    const entries = page.getByRole('dialog').getByTestId('ledger-entry');
    await expect.poll(() => entries.count()).toBe(2);
    expect(await entries.first().textContent()).toContain('reprint');
    expectNoBrowserProblems(desk!);
  }, 60_000);

  it('resumes a job after the printer dropped, so every label prints once', async () => {
    // The socket backend gives up on a refused connection after its first 5-second retry.
    const { page, queue } = await start({ connectTimeoutSeconds: 1 });
    await addZebraProfile(page, queue);
    listener!.refuseAfter(1);

    await page.getByRole('button', { name: 'Print to Gudang Zebra' }).click();
    // The queue retries the refused second line for about 5 seconds, showing the first line's progress.
    await page.getByText('Label 6 of 41 printed').waitFor();
    await saveScreenshot(page, 'printers-progress');
    await expect
      .poll(() => page.getByTestId('print-outcome').textContent(), { timeout: 30_000 })
      .toContain('Printing stopped at label 7 of 41.');
    const banner = page.getByTestId('interrupted-jobs');
    expect(await banner.textContent()).toContain('stopped at label 7 of 41');
    expect(await banner.textContent()).toContain(`on Gudang Zebra (${queue})`);
    await saveScreenshot(page, 'printers-interrupted');

    await listener!.reopen();
    await banner.getByRole('button', { name: 'Resume' }).click();

    await expect
      .poll(() => page.getByTestId('print-outcome').textContent(), { timeout: 20_000 })
      .toContain(`41 labels sent to Gudang Zebra (${queue}).`);
    await banner.waitFor({ state: 'detached' });
    expect(listener!.connections.map(countPrintedLabels)).toEqual(LABELS_PER_LINE);
    const expected = await expectedSpoolJobs(queue);
    expect(listener!.connections.map((bytes, index) => bytes.equals(expected[index]!))).toEqual(
      expected.map(() => true),
    );
    expectNoBrowserProblems(desk!);
  }, 60_000);
});
