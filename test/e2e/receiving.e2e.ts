import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { usKeystroke } from '../../shared/scanning/us-layout.ts';
import { decodeLabels, pdfText, type PdfLabelLayout } from '../support/pdf-tools.ts';
import {
  expectNoBrowserProblems,
  useDeskSession,
  setUpAccount,
  totalLabels,
  type DeskPage,
} from './desk-page.ts';
import type { Harness } from './harness/server.ts';

/** Template `roll-50x30`: one 50 × 30 mm label per page. */
const ROLL_50X30: PdfLabelLayout = {
  pageSizeMm: { widthMm: 50, heightMm: 30 },
  cells: [{ xMm: 0, yMm: 0, widthMm: 50, heightMm: 30 }],
};

const BILL = { outlet: 'Toko Bandung', number: 'PB/2026/10/00318' };

let harness: Harness | undefined;
let desk: DeskPage | undefined;

const session = useDeskSession();

/**
 * Types `text` and Enter the way a US-layout scanner does: by key position, with Shift held around
 * shifted characters, and about 2 ms between key down and key up.
 */
async function scan(page: Page, text: string): Promise<void> {
  for (const character of text) {
    const stroke = usKeystroke(character);
    if (stroke === null) {
      throw new Error(`a US scanner cannot type ${character}`);
    }
    if (stroke.shift) {
      await page.keyboard.down('Shift');
    }
    await page.keyboard.press(stroke.code, { delay: 2 });
    if (stroke.shift) {
      await page.keyboard.up('Shift');
    }
  }
  await page.keyboard.press('Enter', { delay: 2 });
}

function scannedCell(page: Page, line: number) {
  return page.locator(`[role="row"][data-line="${line}"] .scanned`);
}

function unknownCode(page: Page, code: string) {
  return page.locator(`[data-testid="unknown-codes"] [data-code="${code}"]`);
}

describe('receiving check in Chromium', () => {
  it('loads by scan, checks the goods and prints the scanned quantities', async () => {
    ({ harness, desk } = await session.open());
    const { page } = desk;
    await setUpAccount(page, harness);

    // Each synthetic key costs a DevTools protocol round trip, which on a loaded two-core CI machine can
    // exceed the 30 ms default gap, so the test widens the gap through the settings dialog.
    await page.keyboard.press('Control+Comma');
    await page.locator('#scanner-max-gap').fill('150');
    await page.locator('#scanner-max-gap').dispatchEvent('change');
    await page.keyboard.press('Escape');
    await page.locator('dialog[open]').waitFor({ state: 'detached' });

    await page.locator('.document-form .outlet input').fill(BILL.outlet);
    await page.evaluate('document.activeElement.blur()');
    await scan(page, BILL.number);
    await expect.poll(() => totalLabels(page).textContent()).toBe('41 labels to print');
    expect(await page.locator('.document-form .number input').inputValue()).toBe(BILL.number);

    await page.getByRole('button', { name: 'Check received goods' }).click();
    await scan(page, 'KF-M-0101');
    await scan(page, '1000');
    await scan(page, 'XX-404');
    await scan(page, '200542');
    await scan(page, '200542');
    await scan(page, '200542');
    await expect.poll(() => scannedCell(page, 9).textContent()).toBe('3');
    expect(await page.getByTestId('check-last').getAttribute('data-feedback')).toBe('over');
    expect(await scannedCell(page, 1).textContent()).toBe('1');

    await page.keyboard.press('Control+z');
    await expect.poll(() => scannedCell(page, 9).textContent()).toBe('2');

    await expect.poll(() => unknownCode(page, '1000').getAttribute('data-status')).toBe('in_dealpos');
    await expect.poll(() => unknownCode(page, 'XX-404').getAttribute('data-status')).toBe('not_found');
    expect(await unknownCode(page, '1000').textContent()).toContain('In DealPOS but not on this document');
    expect(await unknownCode(page, 'XX-404').textContent()).toContain('Unknown code');

    await page.getByRole('button', { name: 'Finish check' }).click();
    const summary = page.getByTestId('check-summary');
    await expect.poll(() => summary.textContent()).toContain('Over: 1 line, 1 unit');

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export differences (CSV)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('receiving-check-PB-2026-10-00318.csv');
    const csvPath = join(harness.outputFolder, 'differences.csv');
    await download.saveAs(csvPath);
    const csv = (await readFile(csvPath, 'utf8')).replace(/^\uFEFF/, '');
    expect(csv.split('\r\n')[0]).toBe('Line,Code,Name,Expected,Scanned,Difference,Status');
    expect(csv).toContain('9,200542,Sepatu Lari Pria (42),1,2,1,Over\r\n');
    expect(csv).toContain(',1000,,,1,,In DealPOS but not on this document\r\n');

    const summaryPdfPath = join(harness.outputFolder, 'receiving-summary.pdf');
    harness.setNextSavePath(summaryPdfPath);
    await page.getByRole('button', { name: 'Save PDF summary' }).click();
    await expect.poll(() => page.getByTestId('check-pdf-path').textContent()).toContain(summaryPdfPath);
    const summaryText = await pdfText(summaryPdfPath);
    expect(summaryText).toContain('Over: 1 line, 1 unit too many');
    expect(summaryText).toContain('200542');
    expect(summaryText).toContain('Sepatu Lari Pria (42)');
    expect(summaryText).toContain('XX-404');

    await page.getByRole('button', { name: 'Print labels for the scanned quantities' }).click();
    await expect.poll(() => totalLabels(page).textContent()).toBe('3 labels to print');

    const pdfPath = join(harness.outputFolder, 'scanned.pdf');
    harness.setNextSavePath(pdfPath);
    await page.getByRole('button', { name: 'Print to PDF' }).click();
    await expect.poll(() => page.getByTestId('print-outcome').textContent()).toContain('3 labels on 3 pages');

    const decoded = await decodeLabels(pdfPath, ROLL_50X30);
    expect(decoded.map((label) => label.data)).toEqual(['KF-M-0101', '200542', '200542']);
    expectNoBrowserProblems(desk);
  });
});
