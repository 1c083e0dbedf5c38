// Opens the built sidebar (dist/Sidebar.html) in Chromium, with google.script.run bridged to the Apps Script
// emulation running the built dist/addon.js — the same path `npm start` uses.
import type { Browser, Page } from 'playwright-core';
import { type DevServer, startDevServer } from '../../src/devserver/server';
import type { Emulator } from '../../src/emulation';
import { launchBrowser } from './browser';
import { DIST_DIR } from './paths';

export { launchBrowser };

export interface SidebarSession {
  page: Page;
  emulator: Emulator;
  server: DevServer;
  browser: Browser;
  /** Opens the sidebar again (a second person, or a reload), on the same spreadsheet. */
  openAnother(): Promise<Page>;
  close(): Promise<void>;
}

/** Run `node build.mjs` first (npm test does). `seed: 'starter'` (default) inserts the starter model and the
 *  200 sample leads; 'empty' leaves the spreadsheet with one empty sheet. */
export async function openSidebar(
  options: { seed?: 'starter' | 'empty'; width?: number } = {},
): Promise<SidebarSession> {
  const server = await startDevServer({
    distDir: DIST_DIR,
    seed:
      options.seed === 'empty'
        ? undefined
        : (emulator) => emulator.run('insertSimpleStarterModel', [], 'FULL'),
  });
  const browser = await launchBrowser();
  const open = async () => {
    const page = await browser.newPage({ viewport: { width: options.width ?? 300, height: 900 } });
    await page.goto(`${server.url}/sidebar`);
    return page;
  };
  const page = await open();
  return {
    page,
    emulator: server.emulator,
    server,
    browser,
    openAnother: open,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
