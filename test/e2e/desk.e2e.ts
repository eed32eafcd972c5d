import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { decodeLabels, type PdfLabelLayout } from '../support/pdf-tools.ts';
import {
  expectNoBrowserProblems,
  fetchDocument,
  labelsField,
  useDeskSession,
  saveScreenshot,
  setUpAccount,
  totalLabels,
  type DeskPage,
} from './desk-page.ts';
import type { Harness, HarnessOptions } from './harness/server.ts';

/** Template `roll-50x30`: one 50 × 30 mm label per page. */
const ROLL_50X30: PdfLabelLayout = {
  pageSizeMm: { widthMm: 50, heightMm: 30 },
  cells: [{ xMm: 0, yMm: 0, widthMm: 50, heightMm: 30 }],
};

const BILL = { outlet: 'Toko Bandung', number: 'PB/2026/10/00318' };

/** Codes of the fixture bill in document order with their quantities. */
const BILL_LINES: ReadonlyArray<{ code: string; quantity: number }> = [
  { code: 'KF-M-0101', quantity: 6 },
  { code: 'KF-L-0101', quantity: 4 },
  { code: '8991111222233', quantity: 12 },
  { code: '89900017', quantity: 8 },
  { code: '049634060004', quantity: 3 },
  { code: '7701', quantity: 0 },
  { code: 'TSK-PRK-01', quantity: 2 },
  { code: 'CPW-NIA5', quantity: 5 },
  { code: '200542', quantity: 1 },
];

/** Lists the codes a PDF of the bill contains, label by label, with some lines' counts replaced. */
function expectedCodes(counts: Record<number, number> = {}): string[] {
  return BILL_LINES.flatMap((line, index) =>
    Array<string>(counts[index + 1] ?? line.quantity).fill(line.code),
  );
}

let harness: Harness | undefined;
let desk: DeskPage | undefined;

const session = useDeskSession();

async function start(options: HarnessOptions = {}): Promise<Page> {
  ({ harness, desk } = await session.open(options));
  return desk.page;
}

// Code that runs inside the page is passed as source text, because this project's Node type settings
// have no DOM types.

/** Returns the number of focused elements matching `selector`: 1 when the focus is there, else 0. */
function focusedCount(page: Page, selector: string): Promise<number> {
  return page.locator(`${selector}:focus`).count();
}

describe('desk screen in Chromium', () => {
  it('exports an edited bill that decodes', async () => {
    const page = await start();
    await setUpAccount(page, harness!);

    await fetchDocument(page, BILL.outlet, BILL.number);
    await expect.poll(() => totalLabels(page).textContent()).toBe('41 labels to print');

    await labelsField(page, 1).fill('2');
    await labelsField(page, 3).fill('0');
    await expect.poll(() => totalLabels(page).textContent()).toBe('25 labels to print');
    expect(await page.locator('[role="row"][data-line="3"]').getAttribute('data-state')).toBe('excluded');

    // The preview lays out the first labels with fontkit on the bundled DejaVu Sans.
    await expect
      .poll(() =>
        page
          .locator('[data-preview-label]')
          .evaluateAll((labels) => labels.map((label) => label.getAttribute('data-line'))),
      )
      .toEqual(['1', '1', '2']);
    expect(await page.locator('.preview-area').getAttribute('data-font-metrics')).toBe('fontkit');
    expect(
      await page.locator('[data-preview-label] [data-barcode]').first().getAttribute('data-barcode'),
    ).toBe('KF-M-0101');

    const pdfPath = join(harness!.outputFolder, 'bill-edited.pdf');
    harness!.setNextSavePath(pdfPath);
    await page.getByRole('button', { name: 'Print to PDF' }).click();
    await expect
      .poll(() => page.getByTestId('print-outcome').textContent())
      .toContain('25 labels on 25 pages');

    const decoded = await decodeLabels(pdfPath, ROLL_50X30);
    expect(decoded.map((label) => label.data)).toEqual(expectedCodes({ 1: 2, 3: 0 }));
    expect(decoded.find((label) => label.data === '89900017')?.symbology).toBe('EAN-8');
    expect(decoded.find((label) => label.data === '049634060004')?.symbology).toBe('UPC-A');

    await page.getByRole('button', { name: 'Open PDF' }).click();
    await page.getByRole('button', { name: 'Show in folder' }).click();
    await expect
      .poll(() => harness!.openedFiles)
      .toEqual([
        { path: pdfPath, reveal: false },
        { path: pdfPath, reveal: true },
      ]);
    expectNoBrowserProblems(desk!);
  });

  it('names a document that is not found', async () => {
    const page = await start();
    await setUpAccount(page, harness!);

    await fetchDocument(page, BILL.outlet, 'PB/2026/10/99999');

    const failure = page.locator('[data-failure="not_found"]');
    await failure.waitFor();
    expect(await failure.locator('h2').textContent()).toBe('Document PB/2026/10/99999 not found');
    expect(await failure.textContent()).toContain('"Toko Bandung"');
    expectNoBrowserProblems(desk!);
  });

  it('fixes a wrong secret in settings', async () => {
    const page = await start();
    await setUpAccount(page, harness!, 'not-the-secret');

    await fetchDocument(page, BILL.outlet, BILL.number);
    const failure = page.locator('[data-failure="credentials"]');
    await failure.waitFor();
    expect(await failure.textContent()).toContain("Couldn't sign in to DealPOS");

    await failure.getByRole('button', { name: 'Open settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.locator('#account-secret').fill('demo-secret');
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => dialog.getByTestId('account-status').textContent()).toContain('Connected');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => dialog.getByTestId('account-status').textContent()).toBe('Account saved.');
    expect(await dialog.locator('#account-secret').inputValue()).toBe('');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await page.locator('.document-form .number input').press('Enter');
    await expect.poll(() => totalLabels(page).textContent()).toBe('41 labels to print');
    expectNoBrowserProblems(desk!);
  });

  it('prints the cached copy offline', async () => {
    const page = await start();
    await setUpAccount(page, harness!);
    await fetchDocument(page, BILL.outlet, BILL.number);
    await expect.poll(() => totalLabels(page).textContent()).toBe('41 labels to print');

    harness!.simulator.faults.inject('bill', { kind: 'reset' }, Number.POSITIVE_INFINITY);
    await page.locator('.document-form .number input').press('Enter');

    const failure = page.locator('[data-failure="offline"]');
    await failure.waitFor();
    expect(await failure.locator('h2').textContent()).toBe('DealPOS cannot be reached');
    await failure.getByRole('button', { name: 'Open the saved copy' }).click();
    await page.getByTestId('cached-badge').waitFor();
    await labelsField(page, 3).fill('1');
    await expect.poll(() => totalLabels(page).textContent()).toBe('30 labels to print');

    const pdfPath = join(harness!.outputFolder, 'bill-offline.pdf');
    harness!.setNextSavePath(pdfPath);
    await page.keyboard.press('Control+P');
    await expect
      .poll(() => page.getByTestId('print-outcome').textContent())
      .toContain('30 labels on 30 pages');
    const decoded = await decodeLabels(pdfPath, ROLL_50X30);
    expect(decoded.map((label) => label.data)).toEqual(expectedCodes({ 3: 1 }));
    expectNoBrowserProblems(desk!);
  });

  it('switches Indonesian and English', async () => {
    const page = await start({ systemLocale: 'id' });
    expect(await page.locator('h1').textContent()).toBe('Selamat datang di DealPOS Label Desk');
    await setUpAccount(page, harness!);
    await fetchDocument(page, BILL.outlet, BILL.number);
    await expect.poll(() => totalLabels(page).textContent()).toBe('41 label akan dicetak');
    await labelsField(page, 2).fill('10');
    await labelsField(page, 4).fill('0');
    await page.getByLabel('Cetak harga').check();
    await page.getByTestId('purchase-price-warning').waitFor();
    await labelsField(page, 7).focus();
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
    await saveScreenshot(page, 'desk-id');

    await page.getByRole('button', { name: 'Pengaturan' }).click();
    await page.getByLabel('Bahasa').selectOption('en');
    await page.getByRole('dialog', { name: 'Settings' }).waitFor();
    await page.keyboard.press('Escape');
    await labelsField(page, 7).focus();

    expect(await totalLabels(page).textContent()).toBe('39 labels to print');
    expect(await page.getByTestId('purchase-price-warning').textContent()).toContain('purchase price');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await saveScreenshot(page, 'desk-en');

    // The choice is stored: a reload starts in English.
    await page.reload();
    await page.locator('.document-form').waitFor();
    expect(await page.locator('.document-form .number input').getAttribute('placeholder')).toBe(
      'Scan or type, then Enter',
    );
    expectNoBrowserProblems(desk!);
  });

  it('runs a whole job by keyboard', async () => {
    const page = await start();
    expect(await focusedCount(page, '#account-url')).toBe(1);
    await page.keyboard.type(harness!.simulator.url);
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo');
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo-secret');
    await page.keyboard.press('Enter');

    // The desk opens with the focus in the number field; the outlet field is one Shift+Tab back.
    await page.locator('.document-form').waitFor();
    await expect.poll(() => focusedCount(page, '.document-form .number input')).toBe(1);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.type(BILL.outlet);
    await page.keyboard.press('Tab');
    // A person types the number. Keys less than the scanner gap setting (30 ms) apart would be read as a
    // scan, decoded by key position, and Playwright sends capitals without Shift.
    await page.keyboard.type(BILL.number, { delay: 80 });
    await page.keyboard.press('Enter');
    await expect.poll(() => totalLabels(page).textContent()).toBe('41 labels to print');

    // Filter, then step into the labels fields with the arrow keys.
    await page.keyboard.press('Control+F');
    await page.keyboard.type('flanel');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('3');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('0');
    await expect.poll(() => totalLabels(page).textContent()).toBe('34 labels to print');
    await page.keyboard.press('Control+F');
    await page.keyboard.press('Escape');
    expect(await page.locator('.viewport [role="row"]').count()).toBe(9);

    const pdfPath = join(harness!.outputFolder, 'keyboard.pdf');
    harness!.setNextSavePath(pdfPath);
    await page.keyboard.press('Control+P');
    await expect
      .poll(() => page.getByTestId('print-outcome').textContent())
      .toContain('34 labels on 34 pages');
    // The focus moves to Open PDF, and its focus ring shows.
    await expect.poll(async () => (await page.locator(':focus').textContent())?.trim()).toBe('Open PDF');
    expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).toBe('solid');
    await page.keyboard.press('Enter');
    await expect.poll(() => harness!.openedFiles).toEqual([{ path: pdfPath, reveal: false }]);

    // History opens with Ctrl+H and closes with Esc, giving the focus back to the number field.
    await page.keyboard.press('Control+H');
    const history = page.getByRole('dialog', { name: 'Recent documents' });
    await history.waitFor();
    expect(await history.locator('tbody tr').count()).toBe(1);
    await page.keyboard.press('Escape');
    await history.waitFor({ state: 'detached' });
    await expect.poll(() => focusedCount(page, '.document-form .number input')).toBe(1);

    const decoded = await decodeLabels(pdfPath, ROLL_50X30);
    expect(decoded.map((label) => label.data)).toEqual(expectedCodes({ 1: 3, 2: 0 }));
    expectNoBrowserProblems(desk!);
  });

  it('fetches a scan typed on a button', async () => {
    const page = await start();
    await setUpAccount(page, harness!);
    await page.locator('.document-form .outlet input').fill('Pluit');
    await page.getByRole('button', { name: 'Fetch' }).focus();

    // A scanner types faster than any person. The keys are sent inside the page in one go, so the test
    // does not depend on how fast this machine delivers key presses.
    await page.evaluate(`(() => {
      const target = document.activeElement ?? document.body;
      for (const key of [...${JSON.stringify('2023.09.00001')}, 'Enter']) {
        target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
      }
    })()`);

    await expect.poll(() => totalLabels(page).textContent()).toBe('45 labels to print');
    expect(await page.locator('.document-form .number input').inputValue()).toBe('2023.09.00001');
    expectNoBrowserProblems(desk!);
  });

  it('exports diagnostics without the secret', async () => {
    const secret = 'e2e-secret-91c4d7';
    const page = await start({ simulator: { clientId: 'demo', clientSecret: secret } });
    await setUpAccount(page, harness!, secret);
    await fetchDocument(page, BILL.outlet, BILL.number);
    await expect.poll(() => totalLabels(page).textContent()).toBe('41 labels to print');

    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('button', { name: 'Export diagnostics' }).click();
    const status = dialog.getByRole('region', { name: 'Support' }).getByRole('status');
    await status.waitFor();

    // The file is named after today's date, so the path comes from the status message.
    const path = /^Diagnostics saved to (.+)\.$/.exec((await status.textContent()) ?? '')?.[1] ?? '';
    expect(path.startsWith(join(harness!.outputFolder, 'label-desk-diagnostics-'))).toBe(true);
    expect(path).toMatch(/-\d{4}-\d{2}-\d{2}\.json$/);
    const text = await readFile(path, 'utf8');
    const bundle = JSON.parse(text) as { settings: { hasSecret: boolean }; cachedDocuments: unknown[] };
    expect(bundle.settings.hasSecret).toBe(true);
    expect(bundle.cachedDocuments).toHaveLength(1);
    expect(text).not.toContain(secret);
    expectNoBrowserProblems(desk!);
  });
});
