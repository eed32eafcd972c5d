import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { usKeystroke } from '../../shared/scanning/us-layout.ts';
import { CALIBRATION_CODE } from '../../shared/scanning/wedge.ts';
import { hidPosReports } from '../support/replay-hid-source.ts';
import {
  expectNoBrowserProblems,
  useDeskSession,
  saveScreenshot,
  SCREENSHOT_FOLDER,
  setUpAccount,
  totalLabels,
  type DeskPage,
} from './desk-page.ts';
import type { Harness } from './harness/server.ts';

const execFileAsync = promisify(execFile);

const BILL = { outlet: 'Toko Bandung', number: 'PB/2026/10/00318' };
const SCANNER_LABEL = 'USB HID POS scanner: Honeywell Voyager 1400g (0c2e:0b8f)';

let harness: Harness | undefined;
let desk: DeskPage | undefined;

const session = useDeskSession();

/** Types `text`, then the terminator key, the way a US-layout keyboard-mode scanner does: by key position. */
async function wedgeScan(page: Page, text: string, terminator: 'Enter' | 'Tab' = 'Enter'): Promise<void> {
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
  await page.keyboard.press(terminator, { delay: 2 });
}

function replayHid(current: Harness | undefined) {
  const hid = current?.hid ?? null;
  if (hid === null) {
    throw new Error('the harness runs without its replay HID source');
  }
  return hid;
}

/** Posts to the harness's test-only HID route and returns its JSON reply. */
async function driveHid(current: Harness, body: Record<string, unknown>): Promise<unknown> {
  const response = await fetch(new URL('__harness/hid', current.url), {
    method: 'POST',
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return response.json();
}

describe('HID scanner in Chromium', () => {
  it('loads a document from the replayed HID scanner', async () => {
    ({ harness, desk } = await session.open());
    const hid = replayHid(harness);
    const { page } = desk;
    await setUpAccount(page, harness);
    await page.locator('.document-form .outlet input').fill(BILL.outlet);

    await page.keyboard.press('Control+Comma');
    const dialog = page.locator('dialog[open]');
    await dialog.getByLabel(SCANNER_LABEL).check();
    const status = dialog.getByTestId('scanner-status');
    await expect.poll(() => status.getAttribute('data-state')).toBe('connected');
    expect(await status.textContent()).toContain('Scanner Honeywell Voyager 1400g (0c2e:0b8f) is connected.');
    await saveScreenshot(page, 'scanner-settings');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    const indicator = page.getByTestId('scanner-indicator');
    expect(await indicator.getAttribute('data-state')).toBe('connected');

    // The scanner is pulled out after the first report of a code: that part must not reach the desk.
    // This part goes through the harness's HTTP route, the rest through its exported replay source.
    expect(await driveHid(harness, { action: 'play', code: 'PB/2026/10/99999', partial: true })).toEqual({
      played: true,
    });
    expect(await driveHid(harness, { action: 'unplug' })).toEqual({ unplugged: true });
    await expect.poll(() => indicator.getAttribute('data-state')).toBe('disconnected');
    expect(await indicator.textContent()).toContain('Scanner: unplugged');

    hid.plug();
    await expect.poll(() => indicator.getAttribute('data-state'), { timeout: 5000 }).toBe('connected');
    expect(hid.play(hidPosReports(BILL.number, { chunkBytes: 6 }))).toBe(true);

    await expect.poll(() => totalLabels(page).textContent()).toBe('41 labels to print');
    expect(await page.locator('.document-form .number input').inputValue()).toBe(BILL.number);
    await saveScreenshot(page, 'scanner-hid-loaded');
    expectNoBrowserProblems(desk);
  });

  it('confirms the keyboard-mode setup with the calibration code', async () => {
    ({ harness, desk } = await session.open());
    const { page } = desk;
    await setUpAccount(page, harness);

    await page.keyboard.press('Control+Comma');
    const dialog = page.locator('dialog[open]');
    // Each synthetic key costs a DevTools protocol round trip, which on a loaded two-core CI machine can
    // exceed the 30 ms default gap, so the test widens the gap first.
    await page.locator('#scanner-max-gap').fill('150');
    await page.locator('#scanner-max-gap').dispatchEvent('change');

    const code = dialog.getByTestId('calibration-code');
    await code.scrollIntoViewIfNeeded();
    expect(await code.locator('svg').getAttribute('aria-label')).toBe(
      `Calibration barcode (Code 128) for the text ${CALIBRATION_CODE}`,
    );
    // The code on the screen decodes to the text the calibration step expects.
    const image = join(SCREENSHOT_FOLDER, 'scanner-calibration-code.png');
    await code.screenshot({ path: image });
    const { stdout } = await execFileAsync('zbarimg', ['-q', '--raw', image]);
    expect(stdout.trim()).toBe(CALIBRATION_CODE);

    await dialog.getByRole('button', { name: 'Scan it now' }).click();
    await dialog.getByTestId('calibration-waiting').waitFor();

    await wedgeScan(page, CALIBRATION_CODE);

    const result = dialog.getByTestId('calibration-result');
    await expect.poll(() => result.getAttribute('data-ok')).toBe('true');
    expect(await result.textContent()).toContain('The scanner is set up correctly.');
    // The scanner's Enter was taken by the calibration step, so the dialog is still open.
    expect(await dialog.count()).toBe(1);
    await result.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'scanner-calibration');

    // The print style sheet shows the code alone.
    await page.evaluate("document.body.classList.add('print-calibration')");
    await page.emulateMedia({ media: 'print' });
    expect(await code.isVisible()).toBe(true);
    expect(await dialog.getByRole('button', { name: 'Scan again' }).isVisible()).toBe(false);
    expect(await page.getByRole('heading', { name: 'DealPOS Label Desk' }).isVisible()).toBe(false);
    await saveScreenshot(page, 'scanner-calibration-print');
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate("document.body.classList.remove('print-calibration')");

    // With the terminator set to Enter, a scanner ending codes with Tab gets advice instead.
    await page.locator('#scanner-terminator').selectOption('enter');
    await dialog.getByRole('button', { name: 'Scan again' }).click();
    await dialog.getByTestId('calibration-waiting').waitFor();
    await wedgeScan(page, CALIBRATION_CODE, 'Tab');
    await expect.poll(() => result.getAttribute('data-ok')).toBe('false');
    expect(await result.locator('[data-finding="terminator_not_allowed"]').textContent()).toContain(
      'The scanner ends each code with Tab',
    );
    expectNoBrowserProblems(desk);
  });
});
