// Takes the screenshots of docs/sidebar.md: the built sidebar at 300 px, full page, against the Apps Script
// emulation with the starter model and the sample leads (and, for the v2 editors, a small activity log). Run: node build.mjs && npx tsx test/sidebar/screenshots.ts
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { MODEL_SHEET_NAME } from '../../src/core/modelSheet';
import { ROOT_DIR } from '../support/paths';
import { openSidebar } from '../support/sidebarHarness';
import { addActivitySheet, openRule, ready, ruleCell, ruleField, ruleForm } from './helpers';

const OUT_DIR = join(ROOT_DIR, 'docs', 'screenshots');

/** `fullPage: false` shows what the user sees in the 900 px sidebar (the save bar sticks to its bottom). */
async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.waitForTimeout(300); // past the preview's debounce
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.mouse.move(299, 0); // no hover highlight
  const path = join(OUT_DIR, `${name}.png`);
  if (!fullPage) {
    await page.screenshot({ path });
  } else {
    // A window as tall as the page, so that the sticky save bar is drawn at the bottom, not mid-page.
    const viewport = page.viewportSize()!;
    const scrollY = await page.evaluate(() => window.scrollY);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: viewport.width, height });
    await page.screenshot({ path });
    await page.setViewportSize(viewport);
    await page.evaluate((y) => window.scrollTo(0, y), scrollY);
  }
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

  // v2 §10: engagement levels beside the grades, one out of order.
  await setOpen(page, ['grades', 'levels']);
  for (let i = 0; i < 3; i++) await page.getByTestId('add-level').click();
  await page.getByTestId('level-0-name').fill('3');
  await page.getByTestId('level-1-name').fill('2');
  await page.getByTestId('level-1-min').fill('15');
  await page.getByTestId('level-2-name').fill('1');
  await page.getByTestId('level-2-min').fill('10');
  await shot(page, 'engagement-levels');
  await page.getByTestId('level-2-min').fill('30');
  for (let i = 2; i >= 0; i--) await page.getByTestId(`level-${i}-delete`).click();

  // With Rules open and a rule expanded, scrolled halfway: the save bar is still at the bottom.
  await setOpen(page, ['preview', 'rules']);
  await openRule(page, 'Manager');
  await page.getByTestId('rule-form').scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 200));
  await shot(page, 'save-bar-in-view', false);

  // Someone edits a cell of the model sheet; this sidebar's save is refused, beside Save.
  emulator.spreadsheet
    .getSheetByName(MODEL_SHEET_NAME)!
    .getRange(ruleCell(emulator, 'Manager', 'F'))
    .setValue(9);
  await page.getByTestId('save').click();
  await page.getByTestId('message-save').getByTestId('reload').waitFor();
  await shot(page, 'conflict', false);
  await page.getByTestId('reload').click();
  await page.getByTestId('message-text').getByText('Reloaded the current model').waitFor();

  // The value picker: the column's most frequent values, picked into a "one of" rule.
  await page.getByTestId('message-save').getByTestId('dismiss').click();
  await openRule(page, 'Manager');
  await ruleField(page, 'Operator').selectOption('one of');
  await ruleField(page, 'Values (comma-separated)').fill('');
  await page.getByTestId('value-chip').nth(1).click();
  await page.getByTestId('value-chip').nth(4).click();
  await ruleField(page, 'Values (comma-separated)').fill(
    `${await ruleField(page, 'Values (comma-separated)').inputValue()}, Head of Ops`,
  );
  await page.getByTestId('rule-form').scrollIntoViewIfNeeded();
  await page.getByTestId('value-picker').evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await shot(page, 'value-picker', false);
  await page.getByTestId('start-load').click(); // back to the model sheet
  await page.getByTestId('message-start').getByTestId('confirm').click();
  await page.getByTestId('message-text').getByText('Loaded the model sheet').waitFor();
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

  // Restore asks first, naming what it replaces.
  await setOpen(page, ['history']);
  await page.getByRole('button', { name: 'Restore version 1' }).click();
  await page.getByTestId('message-history').getByTestId('confirm').scrollIntoViewIfNeeded();
  await page.getByTestId('section-history').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot(page, 'restore-confirm', false);
  await page.getByTestId('message-history').getByTestId('cancel').click();

  // The model as JSON: Download, Copy, and a refused import with every problem listed beside it.
  await setOpen(page, ['json']);
  await page.getByTestId('json-show').click();
  await page
    .getByTestId('json-import')
    .fill(JSON.stringify({ name: 'Pasted', groups: [], rules: [{ name: 'X', points: 'ten' }], bands: [] }));
  await page.getByTestId('json-load').click();
  await page.getByTestId('message-json').getByTestId('message-text').waitFor();
  await page.getByTestId('json-download').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot(page, 'model-json', false);

  // A column renamed in a new export: remap it for every rule and decay in one step.
  const leads = emulator.spreadsheet.getSheetByName('Sample leads')!;
  const headers = leads.getRange(1, 1, 1, leads.getLastColumn()).getValues()[0] as unknown[];
  leads.getRange(1, headers.indexOf('Position') + 1).setValue('Job title');
  await page.reload();
  await ready(page);
  await openRule(page, 'Manager');
  await page
    .getByTestId('remap')
    .getByLabel(/Replace it with/)
    .selectOption('Job title');
  await page.getByTestId('rule-form').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot(page, 'remap', false);
} finally {
  await session.close();
}

/** One part of the sidebar (a rule's form, a section), past the preview's debounce. */
async function partShot(page: Page, part: ReturnType<Page['getByTestId']>, name: string): Promise<void> {
  await page.waitForTimeout(300);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.mouse.move(299, 0);
  // A window as tall as the page, so that the sticky save bar does not cover a tall part.
  const viewport = page.viewportSize()!;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height });
  await part.screenshot({ path: join(OUT_DIR, `${name}.png`) });
  await page.setViewportSize(viewport);
  console.log(`docs/screenshots/${name}.png`);
}

// Model language v2: a condition rule with a nested group, an event rule, a group's weight and tiers.
const v2 = await openSidebar();
try {
  const { page, emulator } = v2;
  addActivitySheet(emulator);
  await page.reload();
  await ready(page);
  await setOpen(page, ['preview', 'rules']);

  await page.getByTestId('add-rule').click();
  await ruleField(page, 'Rule name').fill('Opens but no clicks');
  await ruleField(page, 'Group').selectOption('Negative signals');
  await ruleField(page, 'The rule reads').selectOption('when');
  const conditions = ruleForm(page).getByTestId('condition');
  await conditions.nth(0).getByLabel('Column', { exact: true }).selectOption('Email opens');
  await conditions.nth(0).getByLabel('Operator', { exact: true }).selectOption('>=');
  await conditions.nth(0).getByLabel('Number', { exact: true }).fill('4');
  await ruleForm(page).getByTestId('condition-add').first().click();
  await conditions.nth(1).getByLabel('Column', { exact: true }).selectOption('Email clicks');
  await conditions.nth(1).getByLabel('Operator', { exact: true }).selectOption('equals');
  await conditions.nth(1).getByLabel('Value', { exact: true }).fill('0');
  await ruleForm(page).getByTestId('condition-add-group').first().click();
  await conditions.nth(2).getByLabel('Column', { exact: true }).selectOption('Email status');
  await conditions.nth(2).getByLabel('Operator', { exact: true }).selectOption('not equals');
  await conditions.nth(2).getByLabel('Value', { exact: true }).fill('Unsubscribed');
  await ruleField(page, 'Points').fill('-10');
  await partShot(page, page.locator('.rule-item.expanded'), 'condition-editor');

  await page.getByTestId('add-rule').click();
  await ruleField(page, 'Rule name').fill('Pricing page 3+ in a week');
  await ruleField(page, 'Group').selectOption('Web activity');
  await ruleField(page, 'The rule reads').selectOption('event');
  await ruleForm(page).getByTestId('value-chip').filter({ hasText: 'Visited pricing page' }).click();
  await ruleField(page, 'Within the last (days)').fill('7');
  await ruleField(page, 'Events').fill('3');
  await ruleField(page, 'Points').fill('30');
  await ruleField(page, 'Only events where…').check();
  await ruleForm(page).getByTestId('condition').nth(0).getByLabel('Text', { exact: true }).fill('/pricing');
  await partShot(page, page.locator('.rule-item.expanded'), 'event-rule');

  await setOpen(page, ['preview', 'groups']);
  await page.getByTestId('group-0-weight').fill('2');
  await page.getByTestId('group-0-match').selectOption('first');
  await partShot(page, page.getByTestId('section-preview'), 'weights-preview');
  await partShot(page, page.getByTestId('group-card').first(), 'weights');

  await setOpen(page, ['activities', 'model']);
  await page.getByTestId('settings-blank-values').fill('Select, n/a');
  await shot(page, 'activities-and-settings');
} finally {
  await v2.close();
}
