// The sidebar edits the model language v2 in Chromium, as a marketer would: a rule over several columns, a
// rule that counts events in an activity log, a group's weight. The live preview follows each edit (with
// the events), and the saved model has the v2 keys. Run `node build.mjs` first (npm test does).
import { afterEach, describe, expect, it } from 'vitest';
import { compileModel } from '../../src/core/engine';
import type { Model, Rule } from '../../src/core/model';
import { starterModel } from '../../src/core/starterModel';
import type { Emulator } from '../../src/emulation';
import { openSidebar, type SidebarSession } from '../support/sidebarHarness';
import { addActivitySheet, bandCounts, messageText, ready, ruleField, ruleForm } from './helpers';

const TIMEOUT = 90_000;
let session: SidebarSession | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

/** The model of the newest version in the history sheet (the JSON the add-on saved). */
function savedModel(emulator: Emulator): Model {
  const history = emulator.spreadsheet.getSheetByName('Lead Scoring History')!.getDataRange().getValues();
  return JSON.parse(String(history[history.length - 1]![5])) as Model;
}

/** The band counts the core engine gives for a model on the sample leads and the activity sheet. */
function engineCounts(emulator: Emulator, model: Model): number[] {
  const values = (name: string) => emulator.spreadsheet.getSheetByName(name)!.getDataRange().getValues();
  const [headers, ...rows] = values('Sample leads');
  const [activityHeaders, ...activityRows] = values('Activities');
  const compiled = compileModel(model, headers!, {
    timeZone: emulator.spreadsheet.getSpreadsheetTimeZone(),
    activities: { headers: activityHeaders!, rows: activityRows },
  });
  if (!compiled.ok) throw new Error(compiled.problems.map((p) => p.message).join('\n'));
  const counts = model.bands.map(() => 0);
  for (const row of rows) counts[compiled.compiled.bandIndex(compiled.compiled.scoreValue(row))]! += 1;
  return counts;
}

const OPENS_NO_CLICKS: Rule = {
  name: 'Opens but no clicks',
  group: 'Negative signals',
  when: {
    all: [
      { column: 'Email opens', operator: '>=', value: 4 },
      { column: 'Email clicks', operator: 'equals', value: 0 },
    ],
  },
  points: -10,
};

const PRICING_VISITS: Rule = {
  name: 'Pricing page 3+ in a week',
  group: 'Web activity',
  event: 'Visited pricing page',
  withinDays: 7,
  operator: '>=',
  value: 3,
  points: 30,
};

const ACTIVITIES = { leadKey: 'Lead', activityKey: 'Lead', typeColumn: 'Activity', dateColumn: 'Date' };

describe('sidebar editor: model language v2', () => {
  it(
    'edits a condition rule, an event rule and a weight; the preview follows each, with the events; the save has the v2 keys',
    async () => {
      session = await openSidebar();
      const { page, emulator } = session;
      const events = addActivitySheet(emulator);
      await page.reload();
      await ready(page);
      const initial = await bandCounts(page);
      expect(initial.reduce((a, b) => a + b, 0)).toBe(200);
      // The model after each step, as the user builds it; the preview must show the engine's counts for it.
      const model = starterModel();
      expect(initial).toEqual(engineCounts(emulator, model));
      const shows = async (expected: number[], before: number[]) => {
        expect(expected).not.toEqual(before); // the edit changes what the user sees
        await expect.poll(() => bandCounts(page), { timeout: 5_000 }).toEqual(expected);
        return expected;
      };

      // A rule over several columns (a seed example): opened 4+ emails but clicked none → −10.
      await page.getByTestId('add-rule').click();
      await ruleField(page, 'Rule name').fill('Opens but no clicks');
      await ruleField(page, 'Group').selectOption('Negative signals');
      await ruleField(page, 'The rule reads').selectOption('when');
      const conditions = ruleForm(page).getByTestId('condition');
      await expect.poll(() => conditions.count()).toBe(1);
      await conditions.nth(0).getByLabel('Column', { exact: true }).selectOption('Email opens');
      await conditions.nth(0).getByLabel('Operator', { exact: true }).selectOption('>=');
      await conditions.nth(0).getByLabel('Number', { exact: true }).fill('4');
      await ruleForm(page).getByTestId('condition-add').first().click();
      await conditions.nth(1).getByLabel('Column', { exact: true }).selectOption('Email clicks');
      await conditions.nth(1).getByLabel('Operator', { exact: true }).selectOption('equals');
      await conditions.nth(1).getByLabel('Value', { exact: true }).fill('0');
      await ruleField(page, 'Points').fill('-10');
      model.rules.push(OPENS_NO_CLICKS);
      const afterCondition = await shows(engineCounts(emulator, model), initial);
      // The list says what the rule tests, in one line.
      await expect
        .poll(() => page.getByTestId('rule-row').last().textContent())
        .toContain('Email opens >= 4 and Email clicks equals 0');

      // A rule that counts events: 3+ pricing-page visits in 7 days, the type picked from the log.
      await page.getByTestId('add-rule').click();
      await ruleField(page, 'Rule name').fill('Pricing page 3+ in a week');
      await ruleField(page, 'Group').selectOption('Web activity');
      await ruleField(page, 'The rule reads').selectOption('event');
      await expect(ruleForm(page).getByTestId('activity-log-note').textContent()).resolves.toContain(
        `sheet “Activities”, ${events.length} events`,
      );
      const visits = events.filter((row) => row[1] === 'Visited pricing page').length;
      const chip = ruleForm(page).getByTestId('value-chip').filter({ hasText: 'Visited pricing page' });
      await expect(chip.textContent()).resolves.toBe(`Visited pricing page ${visits}`);
      await chip.click();
      expect(await ruleField(page, 'Event types (comma-separated)').inputValue()).toBe(
        'Visited pricing page',
      );
      await ruleField(page, 'Within the last (days)').fill('7');
      expect(await ruleField(page, 'Count').inputValue()).toBe('>=');
      await ruleField(page, 'Events').fill('3');
      await ruleField(page, 'Points').fill('30');
      model.activities = ACTIVITIES;
      model.rules.push(PRICING_VISITS);
      const afterEvent = await shows(engineCounts(emulator, model), afterCondition);
      // The activity setting was filled in from the two tables' headers.
      await page.getByTestId('section-activities').locator('summary').click();
      expect(await page.getByTestId('activities-lead-key').inputValue()).toBe('Lead');
      expect(await page.getByTestId('activities-activity-key').inputValue()).toBe('Lead');
      expect(await page.getByTestId('activities-type').inputValue()).toBe('Activity');
      expect(await page.getByTestId('activities-date').inputValue()).toBe('Date');

      // A criterion's weight.
      await page.getByTestId('section-groups').locator('summary').click();
      await page.getByTestId('group-0-weight').fill('2');
      model.groups[0]!.weight = 2;
      await shows(engineCounts(emulator, model), afterEvent);

      await page.getByTestId('save').click();
      await expect.poll(() => messageText(page), { timeout: 15_000 }).toMatch(/^Saved as version \d+\.$/);
      // The saved JSON has the v2 keys: exactly the model built above.
      expect(savedModel(emulator)).toEqual(model);
    },
    TIMEOUT,
  );

  it(
    'shows a condition’s problem beside it, keeps each kind’s input across switches, and saves tiers, blank values and the override',
    async () => {
      session = await openSidebar();
      const { page, emulator } = session;
      await page.getByTestId('add-rule').click();
      await ruleField(page, 'Rule name').fill('Big and ready');
      await ruleField(page, 'Column').selectOption('Budget');
      await ruleField(page, 'Operator').selectOption('>=');
      await ruleField(page, 'Number').fill('10000');
      // The one-column test becomes the first condition.
      await ruleField(page, 'The rule reads').selectOption('when');
      const condition = ruleForm(page).getByTestId('condition').nth(0);
      expect(await condition.getByLabel('Column', { exact: true }).inputValue()).toBe('Budget');
      expect(await condition.getByLabel('Number', { exact: true }).inputValue()).toBe('10000');
      await condition.getByLabel('Number', { exact: true }).fill('lots');
      await expect
        .poll(() => condition.locator('.field-error:not([hidden])').first().textContent())
        .toBe('value must be a number, got "lots"');
      await expect.poll(() => page.getByTestId('save').isDisabled()).toBe(true);
      await condition.getByLabel('Number', { exact: true }).fill('20000');
      // An event type typed, then back to one column: the column test is as it was, and so is the type.
      await ruleField(page, 'The rule reads').selectOption('event');
      await ruleField(page, 'Event types (comma-separated)').fill('Webinar');
      await ruleField(page, 'The rule reads').selectOption('column');
      expect(await ruleField(page, 'Column').inputValue()).toBe('Budget');
      expect(await ruleField(page, 'Number').inputValue()).toBe('10000');
      await ruleField(page, 'The rule reads').selectOption('event');
      expect(await ruleField(page, 'Event types (comma-separated)').inputValue()).toBe('Webinar');
      await ruleField(page, 'The rule reads').selectOption('when');
      expect(await condition.getByLabel('Number', { exact: true }).inputValue()).toBe('20000');

      await page.getByTestId('section-groups').locator('summary').click();
      await page.getByTestId('group-0-match').selectOption('first');
      await page.getByTestId('section-model').locator('summary').click();
      await page.getByTestId('settings-blank-values').fill('Select, n/a');
      await page.getByTestId('settings-override').selectOption('Email opens');
      await page.getByTestId('save').click();
      await expect.poll(() => messageText(page), { timeout: 15_000 }).toMatch(/^Saved as version \d+\.$/);
      const saved = savedModel(emulator);
      expect(saved.groups[0]!.match).toBe('first');
      expect(saved.settings).toEqual({
        minScore: 0,
        maxScore: 100,
        blankValues: ['Select', 'n/a'],
        overrideColumn: 'Email opens',
      });
      expect(saved.rules.at(-1)).toEqual({
        name: 'Big and ready',
        group: 'Company fit',
        when: { all: [{ column: 'Budget', operator: '>=', value: 20000 }] },
        points: 5,
      });
      // No activity log was set up: the model does not gain one.
      expect(saved.activities).toBeUndefined();
    },
    TIMEOUT,
  );
});
