// Shared steps for the sidebar browser tests: read the model sheet back, read the live preview, edit a rule.
import type { Page } from 'playwright-core';
import type { Model } from '../../src/core/model';
import { gridToModel, MODEL_SHEET_NAME } from '../../src/core/modelSheet';
import type { Emulator } from '../../src/emulation';

const DAY_MS = 86_400_000;

/** The model on the model sheet, read with the core reader (as the server and custom functions do). */
export function sheetModel(emulator: Emulator): Model {
  const sheet = emulator.spreadsheet.getSheetByName(MODEL_SHEET_NAME);
  if (!sheet) throw new Error('no model sheet');
  const values = sheet.getDataRange().getValues() as unknown[][];
  const result = gridToModel(values, {
    sheetName: MODEL_SHEET_NAME,
    dateToIso: (date) => date.toISOString().slice(0, 10),
  });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.model;
}

/** Where a rule's cell sits on the model sheet (A1), found by the rule's name in column A. */
export function ruleCell(emulator: Emulator, ruleName: string, column: 'F' | 'G'): string {
  const sheet = emulator.spreadsheet.getSheetByName(MODEL_SHEET_NAME)!;
  const values = sheet.getDataRange().getValues() as unknown[][];
  const index = values.findIndex((row) => row[0] === ruleName);
  if (index < 0) throw new Error(`rule "${ruleName}" is not on the model sheet`);
  return `${column}${index + 1}`;
}

/** Waits until the sidebar has loaded the model and shows the editor. */
export async function ready(page: Page): Promise<void> {
  await page.getByTestId('save').waitFor({ timeout: 15_000 });
}

/** The live preview's lead count per band, in band order. */
export async function bandCounts(page: Page): Promise<number[]> {
  const texts = await page.getByTestId('band-count').allTextContents();
  return texts.map(Number);
}

/** Waits until the preview shows counts different from `before`, and returns them. */
export async function countsChangedFrom(page: Page, before: number[]): Promise<number[]> {
  await page.waitForFunction(
    (old) => {
      const now = [...document.querySelectorAll('[data-testid="band-count"]')].map((e) =>
        Number(e.textContent),
      );
      return now.length > 0 && JSON.stringify(now) !== JSON.stringify(old);
    },
    before,
    { timeout: 5_000 },
  );
  return bandCounts(page);
}

/** Opens (expands) the rule with this name in the rule list. */
export async function openRule(page: Page, name: string): Promise<void> {
  const row = page.getByTestId('rule-row').filter({ hasText: name }).first();
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  await page.getByTestId('rule-form').waitFor();
}

/** The message shown after a save, restore or reload. */
export async function messageText(page: Page): Promise<string> {
  const message = page.getByTestId('message-text');
  await message.waitFor({ timeout: 10_000 });
  return (await message.textContent()) ?? '';
}

/** The edit form of the expanded rule (only one rule is expanded at a time). */
export function ruleForm(page: Page) {
  return page.getByTestId('rule-form');
}

/** A field of the expanded rule's form, by its exact label. */
export function ruleField(page: Page, label: string) {
  return ruleForm(page).getByLabel(label, { exact: true });
}

/** Opens every collapsed section. */
export async function openAllSections(page: Page): Promise<void> {
  while ((await page.locator('details:not([open]) > summary').count()) > 0) {
    await page.locator('details:not([open]) > summary').first().click();
  }
}

export const ACTIVITY_HEADERS = ['Lead', 'Activity', 'Date', 'URL'];

/** A small activity log for the sample leads: lead i visits the pricing page i % 6 times in the last days,
 *  every third lead opened an email, and a few events are older than a week. */
export function addActivitySheet(emulator: Emulator, name = 'Activities'): (string | Date)[][] {
  const leads = emulator.spreadsheet.getSheetByName('Sample leads')!.getDataRange().getValues();
  const now = Date.now();
  const rows: (string | Date)[][] = [];
  leads.slice(1, 121).forEach((lead, i) => {
    const key = String(lead[0]);
    for (let k = 0; k < i % 6; k++) {
      rows.push([key, 'Visited pricing page', new Date(now - (k % 5) * DAY_MS), '/pricing']);
    }
    if (i % 3 === 0) rows.push([key, 'Email opened', new Date(now - 2 * DAY_MS), '']);
    if (i % 7 === 0) rows.push([key, 'Visited pricing page', new Date(now - 40 * DAY_MS), '/pricing']);
  });
  const sheet = emulator.spreadsheet.insertSheet(name);
  sheet.getRange(1, 1, rows.length + 1, ACTIVITY_HEADERS.length).setValues([ACTIVITY_HEADERS, ...rows]);
  // insertSheet makes the new sheet active, and the sidebar previews the active sheet as the leads.
  emulator.spreadsheet.setActiveSheet(emulator.spreadsheet.getSheetByName('Sample leads')!);
  return rows;
}
