// Takes the screenshots of docs/sidebar.md: the built sidebar at 300 px, full page, against the Apps Script
// emulation with the starter model and the sample leads. Run: node build.mjs && npx tsx test/sidebar/screenshots.ts
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { MODEL_SHEET_NAME } from '../../src/core/modelSheet';
import { ROOT_DIR } from '../support/paths';
import { openSidebar } from '../support/sidebarHarness';
import { messageText, openRule, ready, ruleCell, ruleField } from './helpers';

const OUT_DIR = join(ROOT_DIR, 'docs', 'screenshots');

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300); // past the preview's debounce
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.mouse.move(299, 0); // no hover highlight
  await page.screenshot({ path: join(OUT_DIR, `${name}.png`), fullPage: true });
  console.log(`docs/screenshots/${name}.png`);
}

async function setOpen(page: Page, sections: string[]): Promise<void> {
  await page.evaluate((open) => {
    for (const details of document.querySelectorAll('details')) {
      details.open = open.includes(details.id.replace('section-', ''));
    }
  }, sections);
}

await mkdir(OUT_DIR, { recursive: true });
const session = await openSidebar();
try {
  const { page, emulator } = session;
  await ready(page);
  await shot(page, 'overview');

  await openRule(page, 'Requested a demo');
  await ruleField(page, 'Points').fill('30');
  await page.getByTestId('rule-row').filter({ hasText: 'Requested a demo' }).scrollIntoViewIfNeeded();
  await shot(page, 'rule-editing');

  await ruleField(page, 'Points').fill('ten');
  await shot(page, 'problems');
  await ruleField(page, 'Points').fill('30');

  await setOpen(page, ['groups', 'bands']);
  await shot(page, 'groups-and-bands');
  await setOpen(page, ['grades', 'outcome', 'model']);
  await shot(page, 'grades-outcome-settings');

  // Someone edits a cell of the model sheet; this sidebar's save is refused.
  emulator.spreadsheet
    .getSheetByName(MODEL_SHEET_NAME)!
    .getRange(ruleCell(emulator, 'Manager', 'F'))
    .setValue(9);
  await setOpen(page, ['preview', 'rules']);
  await page.getByTestId('save').click();
  await messageText(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'conflict');

  await page.getByTestId('reload').click();
  await page.getByTestId('message-text').getByText('Reloaded the current model').waitFor();
  await openRule(page, 'Student');
  await ruleField(page, 'Points').fill('-15');
  await page.getByTestId('save').click();
  await page
    .getByTestId('message-text')
    .getByText(/^Saved as version/)
    .waitFor();
  await setOpen(page, ['history', 'calibration']);
  await page.getByTestId('calibrate').click();
  await page.waitForFunction(
    () => (document.querySelector('[data-testid="calibration-result"]')?.textContent ?? '') !== '',
  );
  await shot(page, 'history-and-calibration');
} finally {
  await session.close();
}
