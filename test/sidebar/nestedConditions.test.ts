// Issue 18, the sidebar path: "(VP and 3+ opens) or CEO" built with + Group was "Saved" and left a model sheet
// nothing could read. Built here as a marketer would, in Chromium, it saves, the model sheet reads back the same
// rule, and the sidebar opened again shows the model (not the starter). A model sheet with a problem names its
// cell once. Run `node build.mjs` first (npm test does).
import { afterEach, describe, expect, it } from 'vitest';
import type { Rule } from '../../src/core/model';
import { MODEL_SHEET_NAME } from '../../src/core/modelSheet';
import { openSidebar, type SidebarSession } from '../support/sidebarHarness';
import { messageText, ready, ruleField, ruleForm, sheetModel } from './helpers';

const TIMEOUT = 90_000;
let session: SidebarSession | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

const SENIOR_AND_ENGAGED: Rule = {
  name: 'Senior and engaged',
  group: 'Fit',
  points: 12,
  when: {
    any: [
      {
        all: [
          { column: 'Position', operator: 'contains', value: 'VP' },
          { column: 'Email opens', operator: '>=', value: 3 },
        ],
      },
      { column: 'Position', operator: 'equals', value: 'CEO' },
    ],
  },
};

describe('sidebar: nested conditions', () => {
  it(
    '"(VP and 3+ opens) or CEO" built with + Group saves, and the model sheet reads back the same rule',
    async () => {
      session = await openSidebar();
      const { page, emulator } = session;
      await ready(page);
      const group = sheetModel(emulator).groups[0]!.name;
      await page.getByTestId('add-rule').click();
      await ruleField(page, 'Rule name').fill(SENIOR_AND_ENGAGED.name);
      await ruleField(page, 'Group').selectOption(group);
      await ruleField(page, 'The rule reads').selectOption('when');
      const form = ruleForm(page);
      await form.getByTestId('condition-mode').first().selectOption('any');
      await form.getByTestId('condition-add-group').first().click();
      const nested = form.getByTestId('condition-group').nth(1);
      await nested.getByTestId('condition-add').click();
      const inGroup = nested.getByTestId('condition');
      await inGroup.nth(0).getByLabel('Column', { exact: true }).selectOption('Position');
      await inGroup.nth(0).getByLabel('Operator', { exact: true }).selectOption('contains');
      await inGroup.nth(0).getByLabel('Text', { exact: true }).fill('VP');
      await inGroup.nth(1).getByLabel('Column', { exact: true }).selectOption('Email opens');
      await inGroup.nth(1).getByLabel('Operator', { exact: true }).selectOption('>=');
      await inGroup.nth(1).getByLabel('Number', { exact: true }).fill('3');
      // The group comes first: add CEO after it and remove the condition the rule started with.
      const top = form.getByTestId('condition-group').first();
      await top.locator(':scope > .actions > [data-testid="condition-add"]').click();
      const ceo = top.locator(':scope > ol > li > [data-testid="condition"]').last();
      await ceo.getByLabel('Column', { exact: true }).selectOption('Position');
      await ceo.getByLabel('Operator', { exact: true }).selectOption('equals');
      await ceo.getByLabel('Value', { exact: true }).fill('CEO');
      await top
        .locator(':scope > ol > li > [data-testid="condition"]')
        .first()
        .getByTestId('condition-remove')
        .click();
      await ruleField(page, 'Points').fill('12');
      await page.screenshot({ path: 'test-results/nested-conditions-sidebar.png', fullPage: true });
      await page.getByTestId('save').click();
      await expect.poll(() => messageText(page)).toMatch(/Saved as version/);

      const expected = { ...SENIOR_AND_ENGAGED, group };
      expect(sheetModel(emulator).rules.at(-1)).toEqual(expected);
      const again = await session.openAnother();
      await ready(again);
      await expect(again.getByTestId('message-text').count()).resolves.toBe(0);
      await expect(again.getByTestId('rule-row').last().textContent()).resolves.toContain(
        'Senior and engaged',
      );
    },
    TIMEOUT,
  );

  it(
    'a model sheet with a problem: the sidebar names the cell once',
    async () => {
      session = await openSidebar();
      const { page, emulator } = session;
      await ready(page);
      const sheet = emulator.spreadsheet.getSheetByName(MODEL_SHEET_NAME)!;
      const values = sheet.getDataRange().getValues();
      const row = values.findIndex((r) => r[0] === 'Rules') + 3;
      sheet.getRange(row, 6).setValue('ten');
      await page.reload();
      await ready(page);
      const details = await page.getByTestId('message-top').locator('li').allTextContents();
      expect(details).toEqual([
        `'${MODEL_SHEET_NAME}'!F${row}: rule "${values[row - 1]![0]}": points must be a number, got "ten"`,
      ]);
    },
    TIMEOUT,
  );
});
