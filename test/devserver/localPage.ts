// The local page as `npm start` serves it (the emulator in a worker thread, so the add-on's dialogs wait for
// an answer), opened in Chromium at a desktop size. Run `node build.mjs` first (npm test does).
import type { Browser, Frame, Locator, Page } from 'playwright-core';
import { type LocalPage, startLocalPage } from '../../src/devserver/server';
import { launchBrowser } from '../support/browser';
import { DIST_DIR } from '../support/paths';

export interface LocalPageSession {
  server: LocalPage;
  browser: Browser;
  page: Page;
  /** Loads the page again (a reload), on the same spreadsheet. */
  reload(): Promise<void>;
  close(): Promise<void>;
}

export async function openLocalPage(
  options: { setup?: string[]; width?: number; height?: number } = {},
): Promise<LocalPageSession> {
  const server = await startLocalPage({
    distDir: DIST_DIR,
    setup: options.setup ?? ['insertSimpleStarterModel'],
  });
  const browser = await launchBrowser();
  const page = await browser.newPage({
    viewport: { width: options.width ?? 1400, height: options.height ?? 900 },
    acceptDownloads: true,
  });
  page.on('console', (message) => {
    if (message.type() === 'error') console.error(`page console: ${message.text()}`);
  });
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  const load = async () => {
    await page.goto(server.url);
    await page.getByRole('tab').first().waitFor({ timeout: 15_000 });
  };
  await load();
  await grid(page).waitFor({ timeout: 15_000 });
  return {
    server,
    browser,
    page,
    reload: load,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

export function grid(page: Page) {
  return page.locator('#grid table');
}

/** Runs an item of the add-on menu, as a user picks it under Extensions. */
export async function runMenu(page: Page, caption: string): Promise<void> {
  await page.getByRole('button', { name: /Lead Scoring for Sheets/ }).click();
  await page.getByRole('menuitem', { name: caption }).click();
}

export async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
  await page.getByRole('tab', { name, exact: true, selected: true }).waitFor();
}

/** The drawn cell at A1 (e.g. "N1") of the sheet shown. */
export function cell(page: Page, a1: string) {
  const match = /^([A-Z]+)(\d+)$/.exec(a1);
  if (!match) throw new Error(`not an A1 cell: ${a1}`);
  const column = [...match[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return page.locator(`#grid tr[data-row="${match[2]}"] > td:nth-of-type(${column})`);
}

export function sidebar(page: Page): Frame {
  const frame = page.frame({ url: /\/sidebar$/ });
  if (!frame) throw new Error('no sidebar frame');
  return frame;
}

/** Waits until the locator's text contains `wanted` (the page redraws as the spreadsheet changes). */
export async function textOf(locator: Locator, wanted: string | RegExp, timeout = 20_000): Promise<string> {
  const matches = (text: string) => (typeof wanted === 'string' ? text.includes(wanted) : wanted.test(text));
  const end = Date.now() + timeout;
  let text = '';
  for (;;) {
    text = (await locator.count()) > 0 ? await locator.first().innerText() : '';
    if (matches(text)) return text;
    if (Date.now() > end)
      throw new Error(`expected ${locator} to show ${String(wanted)}, it shows "${text}"`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until `locator` is shown (or hidden). */
export async function shown(
  locator: Locator,
  state: 'visible' | 'hidden' = 'visible',
  timeout = 20_000,
): Promise<void> {
  await locator.first().waitFor({ state, timeout });
}
