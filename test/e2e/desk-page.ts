import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type ConsoleMessage, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startHarness, type Harness, type HarnessOptions } from './harness/server.ts';

/** Debian's Chromium; Playwright's own browser download is not used. */
const CHROMIUM_PATH = '/usr/bin/chromium';

/** Where screenshots are kept as artifacts (the folder is gitignored). */
export const SCREENSHOT_FOLDER = resolve(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

/** Starts Chromium headless with no network services of its own, so it only talks to 127.0.0.1. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** A page on the harness, with the problems the browser reported while the test ran. */
export interface DeskPage {
  page: Page;
  /** Console errors other than the favicon the harness does not serve, and uncaught exceptions. */
  problems: string[];
}

/** Opens the desk in a new page the size of the app's default window (1280 × 800). */
export async function openDesk(browser: Browser, harness: Harness): Promise<DeskPage> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) {
      problems.push(`console: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(harness.url);
  await page.locator('h1').first().waitFor();
  return { page, problems };
}

/** One test file's Chromium, and the harness and desk page each test opens with it. */
export interface DeskSession {
  /** Starts a quiet harness with `options` and opens the desk in a new page. Both close after the test. */
  open(options?: HarnessOptions): Promise<{ harness: Harness; desk: DeskPage }>;
}

/**
 * Launches one Chromium for the calling test file and closes each test's desk page and harness after
 * it. Call it at the top level of the file, where it registers the hooks.
 */
export function useDeskSession(): DeskSession {
  let browser: Browser | undefined;
  let harness: Harness | undefined;
  let desk: DeskPage | undefined;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(async () => {
    await desk?.page.close();
    await harness?.close();
    desk = undefined;
    harness = undefined;
  });

  return {
    async open(options = {}) {
      if (browser === undefined) {
        throw new Error('useDeskSession() must be called at the top level of a test file');
      }
      // The harness is recorded before the page opens, so it is closed even when opening the desk fails.
      harness = await startHarness({ quiet: true, ...options });
      desk = await openDesk(browser, harness);
      return { harness, desk };
    },
  };
}

/**
 * Fills the first-run form with the harness simulator's account and saves it. The simulator accepts
 * client id `demo` with secret `demo-secret` unless the harness was started with others.
 */
export async function setUpAccount(page: Page, harness: Harness, secret = 'demo-secret'): Promise<void> {
  await page.locator('#account-url').fill(harness.simulator.url);
  await page.locator('#account-client-id').fill('demo');
  await page.locator('#account-secret').fill(secret);
  await page.locator('form.account-form button[type="submit"]').click();
  await page.locator('.document-form').waitFor();
}

/** Types the outlet and number and presses Enter in the number field. */
export async function fetchDocument(page: Page, outlet: string, number: string): Promise<void> {
  await page.locator('.document-form .outlet input').fill(outlet);
  const numberField = page.locator('.document-form .number input');
  await numberField.fill(number);
  await numberField.press('Enter');
}

/** Returns the labels field of one document line. */
export function labelsField(page: Page, line: number): Locator {
  return page.locator(`[data-labels-line="${line}"]`);
}

/** Returns the label total under the table, whose text reads like "41 labels to print". */
export function totalLabels(page: Page): Locator {
  return page.locator('[data-total="labels"]');
}

/** Saves a screenshot of the whole window under test-results/screenshots/. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_FOLDER, { recursive: true });
  const path = join(SCREENSHOT_FOLDER, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Fails the test when the browser reported an error, such as a Content Security Policy violation. */
export function expectNoBrowserProblems(desk: DeskPage): void {
  expect(desk.problems).toEqual([]);
}
