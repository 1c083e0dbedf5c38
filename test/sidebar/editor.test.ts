// The sidebar model editor in Chromium: the built dist/Sidebar.html, with google.script.run bridged to the
// Apps Script emulation running the built dist/addon.js. Run `node build.mjs` first (npm test does).
import { afterEach, describe, expect, it } from 'vitest';
import type { Model } from '../../src/core/model';
import { MODEL_SHEET_NAME } from '../../src/core/modelSheet';
import { starterModel } from '../../src/core/starterModel';
import { parseModel } from '../../src/core/validate';
import { openSidebar, type SidebarSession } from '../support/sidebarHarness';
import {
  bandCounts,
  countsChangedFrom,
  messageText,
  openAllSections,
  openRule,
  ready,
  ruleCell,
  ruleField,
  ruleForm,
  sheetModel,
} from './helpers';

const TIMEOUT = 60_000;
let session: SidebarSession | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

async function open(seed: 'starter' | 'empty' = 'starter'): Promise<SidebarSession> {
  session = await openSidebar({ seed });
  await ready(session.page);
  return session;
}

function normalised(model: unknown): Model {
  const parsed = parseModel(model);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
  return parsed.model;
}

describe('sidebar editor', () => {
  it(
    'shows the effect of a new rule and a changed weight before saving, saves exactly that model, and shows it after a reload',
    async () => {
      const { page, emulator } = await open();
      const initial = await bandCounts(page);
      expect(initial).toHaveLength(4);
      expect(initial.reduce((a, b) => a + b, 0)).toBe(200);
      expect(sheetModel(emulator)).toEqual(normalised(starterModel()));

      // Add a rule: 20 points for a budget of $20,000 or more.
      await page.getByTestId('add-rule').click();
      await ruleField(page, 'Rule name').fill('Big budget');
      await ruleField(page, 'Column').selectOption('Budget');
      await ruleField(page, 'Operator').selectOption('>=');
      await ruleField(page, 'Number').fill('20000');
      await ruleField(page, 'Points').fill('20');
      const afterRule = await countsChangedFrom(page, initial);
      expect(afterRule.reduce((a, b) => a + b, 0)).toBe(200);

      // Change a weight.
      await openRule(page, 'Requested a demo');
      await ruleField(page, 'Points').fill('30');
      const afterWeight = await countsChangedFrom(page, afterRule);
      expect(afterWeight).not.toEqual(afterRule);
      await expect.poll(() => page.getByTestId('status').textContent()).toBe('Unsaved changes');

      // Nothing is saved yet.
      expect(sheetModel(emulator)).toEqual(normalised(starterModel()));

      await page.getByTestId('save').click();
      await expect.poll(() => messageText(page), { timeout: 15_000 }).toMatch(/^Saved as version \d+\.$/);
      const expected = starterModel();
      expected.rules.find((rule) => rule.name === 'Requested a demo')!.points = 30;
      expected.rules.push({
        name: 'Big budget',
        group: 'Company fit',
        column: 'Budget',
        operator: '>=',
        value: 20000,
        points: 20,
      });
      expect(sheetModel(emulator)).toEqual(normalised(expected));
      await expect.poll(() => page.getByTestId('status').textContent()).toBe('Saved');
      await expect.poll(() => page.getByTestId('save').isDisabled()).toBe(true);

      // A fresh sidebar shows the saved model and the same numbers.
      await page.reload();
      await ready(page);
      expect(await bandCounts(page)).toEqual(afterWeight);
      await expect(page.getByTestId('rule-row').last().textContent()).resolves.toContain('Big budget');
      await openRule(page, 'Big budget');
      expect(await ruleField(page, 'Column').inputValue()).toBe('Budget');
      expect(await ruleField(page, 'Operator').inputValue()).toBe('>=');
      expect(await ruleField(page, 'Number').inputValue()).toBe('20000');
      expect(await ruleField(page, 'Points').inputValue()).toBe('20');
      await expect(
        page.getByTestId('rule-row').filter({ hasText: 'Requested a demo' }).textContent(),
      ).resolves.toContain('+30');
    },
    TIMEOUT,
  );

  it(
    'refuses a save when someone else saved since loading, keeps their version, and reloads on request',
    async () => {
      const { page, emulator } = await open();
      const other = await session!.openAnother();
      await ready(other);

      // The other person saves first.
      await openRule(other, 'Manager');
      await ruleField(other, 'Points').fill('12');
      await other.getByTestId('save').click();
      expect(await messageText(other)).toMatch(/^Saved as version/);
      const theirs = sheetModel(emulator);
      expect(theirs.rules.find((rule) => rule.name === 'Manager')!.points).toBe(12);

      // This sidebar still holds the old revision: its save is refused and nothing is overwritten.
      await openRule(page, 'Student');
      await ruleField(page, 'Points').fill('-20');
      await page.getByTestId('save').click();
      await expect.poll(() => messageText(page), { timeout: 15_000 }).toMatch(/changed since you opened it/);
      expect(sheetModel(emulator)).toEqual(theirs);
      expect(await ruleField(page, 'Points').inputValue()).toBe('-20');

      await page.getByTestId('reload').click();
      await expect.poll(() => messageText(page)).toMatch(/Reloaded/);
      await openRule(page, 'Manager');
      expect(await ruleField(page, 'Points').inputValue()).toBe('12');
      await expect(
        page.getByTestId('rule-row').filter({ hasText: 'Student' }).textContent(),
      ).resolves.toContain('−10');
      await other.close();
    },
    TIMEOUT,
  );

  it(
    'refuses a save after a cell edit on the model sheet since loading',
    async () => {
      const { page, emulator } = await open();
      const cell = ruleCell(emulator, 'Requested a demo', 'F');
      emulator.spreadsheet.getSheetByName(MODEL_SHEET_NAME)!.getRange(cell).setValue(99);
      const edited = sheetModel(emulator);
      expect(edited.rules.find((rule) => rule.name === 'Requested a demo')!.points).toBe(99);

      await openRule(page, 'Manager');
      await ruleField(page, 'Points').fill('9');
      await page.getByTestId('save').click();
      await expect.poll(() => messageText(page), { timeout: 15_000 }).toMatch(/changed since you opened it/);
      await page.getByTestId('reload').waitFor();
      expect(sheetModel(emulator)).toEqual(edited);
    },
    TIMEOUT,
  );

  it(
    'keeps a note typed beside Save with the version, and the History shows it with what changed',
    async () => {
      const { page, emulator } = await open();
      await openRule(page, 'Manager');
      await ruleField(page, 'Points').fill('12');
      const note = page.getByTestId('save-note');
      await note.fill('=Try a higher Manager weight, per Sam');
      await page
        .getByTestId('save-bar')
        .screenshot({ path: `${process.env.SHOTS_DIR ?? '/tmp'}/sidebar-save-note.png` });
      await page.getByTestId('save').click();
      await expect.poll(() => messageText(page), { timeout: 15_000 }).toMatch(/^Saved as version 2/);
      expect(await note.inputValue()).toBe(''); // the note went with that version
      await page.getByTestId('section-history').locator('summary').click();
      const newest = page.getByTestId('version').first();
      await expect
        .poll(() => newest.getByTestId('version-note').textContent())
        .toBe('“=Try a higher Manager weight, per Sam”');
      expect(await newest.locator('.summary').textContent()).toBe('rule "Manager": points 8 → 12');
      const state = emulator.run('getSidebarState', [], 'FULL') as { versions: { note?: string }[] };
      expect(state.versions[0]?.note).toBe('=Try a higher Manager weight, per Sam');
      const shots = process.env.SHOTS_DIR ?? '/tmp';
      await page.getByTestId('section-history').screenshot({ path: `${shots}/sidebar-version-note.png` });
    },
    TIMEOUT,
  );

  it(
    'restores version 1 as a new version',
    async () => {
      const { page, emulator } = await open();
      const versionOne = sheetModel(emulator);
      await openRule(page, 'Manager');
      await ruleField(page, 'Points').fill('11');
      await page.getByTestId('save').click();
      const saved = await messageText(page);
      const savedVersion = Number(/version (\d+)/.exec(saved)![1]);
      expect(sheetModel(emulator).rules.find((r) => r.name === 'Manager')!.points).toBe(11);

      await page.getByTestId('section-history').locator('summary').click();
      const versions = page.getByTestId('version');
      await expect.poll(() => versions.count()).toBe(savedVersion);
      await page.getByRole('button', { name: 'Restore version 1' }).click();
      // Nothing happens before the user confirms, beside the history, what the restore replaces.
      const asked = page.getByTestId('message-history');
      await expect.poll(() => asked.textContent()).toMatch(/^Restore version 1 \(.*\)\? It replaces:/);
      expect(await asked.textContent()).toContain(
        `The current model on the model sheet: “B2B starter”, ${versionOne.rules.length} rules, last saved as version ${savedVersion}`,
      );
      expect(sheetModel(emulator).rules.find((r) => r.name === 'Manager')!.points).toBe(11);
      await asked.getByTestId('confirm').click();
      await expect
        .poll(() => page.getByTestId('message-history').textContent(), { timeout: 15_000 })
        .toMatch(
          new RegExp(`^Version 1 is the current model again \\(saved as version ${savedVersion + 1}\\)`),
        );
      expect(sheetModel(emulator)).toEqual(versionOne);
      await expect.poll(() => versions.count()).toBe(savedVersion + 1);
      await expect(versions.first().textContent()).resolves.toContain(`Version ${savedVersion + 1}`);
      await expect(
        page.getByTestId('rule-row').filter({ hasText: 'Manager' }).textContent(),
      ).resolves.toContain('+8');
    },
    TIMEOUT,
  );

  it(
    'shows markup in names and cells as text, and runs no script',
    async () => {
      const { page, emulator } = await open();
      const events: string[] = [];
      page.on('dialog', (dialog) => {
        events.push(`dialog: ${dialog.message()}`);
        void dialog.dismiss();
      });
      page.on('console', (message) => {
        if (message.type() === 'error' && !/favicon|404/.test(message.text())) events.push(message.text());
      });
      page.on('pageerror', (error) => events.push(`pageerror: ${error.message}`));
      const evil = '<img src=x onerror=alert(1)>';

      await page.getByTestId('add-rule').click();
      await ruleField(page, 'Rule name').fill(evil);
      await ruleField(page, 'Operator').selectOption('contains');
      await ruleField(page, 'Text').fill('<script>alert(2)</script>');
      await page.getByTestId('save').click();
      await expect.poll(() => messageText(page), { timeout: 15_000 }).toMatch(/^Saved/);
      expect(sheetModel(emulator).rules.at(-1)!.name).toBe(evil);

      // A header with markup: shown in the column drop-downs and quoted by the problems of the rules that
      // used the column it replaced. The history summary names the rule too. Reload to render it all again.
      const leads = emulator.spreadsheet
        .getSheets()
        .find((sheet) => sheet.getRange('A1').getValue() === 'Lead')!;
      const positionCell = `${String.fromCharCode(65 + (leads.getRange('1:1').getValues()[0] as unknown[]).indexOf('Position'))}1`;
      leads.getRange(positionCell).setValue('<img src=x onerror=alert(4)>');
      await page.reload();
      await ready(page);
      await openAllSections(page);
      await expect(page.getByTestId('rule-row').last().textContent()).resolves.toContain(evil);
      // The rules on the renamed column warn (the preview needs the column; saving is still allowed).
      await expect(page.getByTestId('preview-unavailable').textContent()).resolves.toContain('does not have');
      await expect(page.getByTestId('history').textContent()).resolves.toContain(evil);
      await openRule(page, 'Decision maker');
      await expect(ruleForm(page).textContent()).resolves.toContain('column "Position" is not in the data');
      await expect(ruleForm(page).textContent()).resolves.toContain('<img src=x onerror=alert(4)>');
      expect(await page.locator('.save-reason').textContent()).toBe('No unsaved changes.'); // a warning, not a block
      await ruleField(page, 'Column').selectOption('<img src=x onerror=alert(4)>');
      await openRule(page, evil);
      await ruleField(page, 'Rule name').fill(`${evil}"><svg onload=alert(3)>`);
      await page.waitForTimeout(400);
      expect(await page.evaluate(() => document.querySelectorAll('img, svg, iframe, object').length)).toBe(0);
      expect(await page.locator('script').count()).toBe(2); // the bridge and the sidebar's own
      expect(events).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'shows invalid values beside their fields and refuses to save them',
    async () => {
      const { page, emulator } = await open();
      const before = sheetModel(emulator);
      await openRule(page, 'Requested a demo');
      const points = ruleField(page, 'Points');
      await points.fill('ten');
      const pointsId = await points.getAttribute('id');
      const pointsError = page.locator(`#${pointsId}-error`);
      await expect.poll(() => pointsError.textContent()).toBe('points must be a number, got "ten"');
      expect(await points.getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByTestId('save').isDisabled()).toBe(true);
      expect(await page.getByTestId('save-reason').textContent()).toMatch(/fix 1 problem/);
      await expect(page.getByTestId('problems').textContent()).resolves.toContain(
        'rule "Requested a demo": points must be a number, got "ten"',
      );
      expect(await page.getByTestId('band-table').count()).toBe(0);

      await points.fill('15');
      await expect.poll(() => pointsError.isHidden()).toBe(true);
      await page.getByTestId('band-table').waitFor();

      // between with min > max
      await openRule(page, 'Company size 50–1,000');
      await ruleField(page, 'From').fill('2000');
      const valueError = page.locator('[id$="-value-error"]');
      await expect
        .poll(() => valueError.textContent())
        .toBe('value must be two numbers [min, max] with min no more than max, got [2000, 1000]');
      expect(await page.getByTestId('save').isDisabled()).toBe(true);
      await page.getByTestId('save').click({ force: true });
      expect(sheetModel(emulator)).toEqual(before);

      // A collapsed rule with a problem is marked in the list.
      await page.getByTestId('rule-row').filter({ hasText: 'Company size 50–1,000' }).click();
      const mark = page
        .getByTestId('rule-row')
        .filter({ hasText: 'Company size 50–1,000' })
        .locator('.item-mark');
      expect(await mark.isVisible()).toBe(true);
      expect(await page.getByTestId('section-rules').locator('.badge').textContent()).toBe('1 problem');
    },
    TIMEOUT,
  );

  it(
    'edits groups, bands, grades, settings and outcome, and saves them',
    async () => {
      const { page, emulator } = await open();
      await openAllSections(page);
      await page.getByTestId('group-0-max').fill('50');
      await page.getByTestId('group-1-decay').uncheck();
      await page.getByTestId('band-1-min').fill('25');
      await page.getByTestId('band-1-ready').check();
      await page.getByTestId('add-grade').click();
      await page.getByTestId('grade-4-name').fill('A+');
      await page.getByTestId('grade-4-min').fill('38');
      await page.getByTestId('outcome-negative').fill('');
      await page.getByTestId('settings-max').fill('90');
      await page.getByTestId('settings-asof').fill('2026-06-30');
      await page.getByTestId('model-name').fill('Tuned model');
      await expect.poll(() => page.getByTestId('save').isEnabled()).toBe(true);
      await page.getByTestId('save').click();
      await expect.poll(() => messageText(page), { timeout: 15_000 }).toMatch(/^Saved/);
      const saved = sheetModel(emulator);
      const expected = starterModel();
      expected.name = 'Tuned model';
      expected.settings = { minScore: 0, maxScore: 90, asOf: '2026-06-30' };
      expected.groups[0]!.maxPoints = 50;
      delete expected.groups[1]!.decay;
      expected.bands[1] = { name: 'Warm', min: 25, salesReady: true };
      expected.grades!.push({ name: 'A+', min: 38 });
      delete expected.outcome!.negative;
      expect(saved).toEqual(normalised(expected));
    },
    TIMEOUT,
  );

  it(
    'starts from a blank model, moves and duplicates rules',
    async () => {
      const { page } = await open();
      await page.getByLabel('Start from').selectOption('blank');
      await page.getByTestId('start-load').click();
      await expect.poll(() => messageText(page), { timeout: 15_000 }).toMatch(/Started from a blank model/);
      expect(await page.getByTestId('rule-row').count()).toBe(0);
      await page.getByTestId('add-rule').click();
      await ruleField(page, 'Rule name').fill('First');
      await page.getByTestId('rule-duplicate').click();
      expect(await ruleField(page, 'Rule name').inputValue()).toBe('First (copy)');
      await page.getByTestId('rule-up').click();
      const names = await page.locator('.rule-name').allTextContents();
      expect(names).toEqual(['First (copy)', 'First']);
      // Replacing unsaved work asks first.
      await page.getByLabel('Start from').selectOption('starter');
      await page.getByTestId('start-load').click();
      await expect.poll(() => messageText(page), { timeout: 15_000 }).toMatch(/Replace your unsaved changes/);
      await page.getByTestId('confirm').click();
      await expect.poll(() => page.getByTestId('rule-row').count()).toBe(starterModel().rules.length);
    },
    TIMEOUT,
  );

  it(
    'builds the calibration sheet and shows its verdicts',
    async () => {
      const { page, emulator } = await open();
      await page.getByTestId('section-calibration').locator('summary').click();
      await page.getByTestId('calibrate').click();
      await page.getByTestId('verdicts').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('calibration-result').textContent()).toMatch(
        /Sheet “Calibration”: 193 leads, \d+ conversions/,
      );
      expect(await page.getByTestId('verdicts').locator('li').count()).toBeGreaterThan(3);
      expect(emulator.spreadsheet.getSheetByName('Calibration')?.getRange('A1').getValue()).toBe(
        'Calibration of "B2B starter" on "Sample leads"',
      );
      expect(await page.getByTestId('calibrate').isEnabled()).toBe(true);
    },
    TIMEOUT,
  );

  it(
    'passes the calibration options: a period, no comparison, a review share',
    async () => {
      const { page, emulator } = await open();
      await page.getByTestId('section-calibration').locator('summary').click();
      await page.getByLabel('Compare with').selectOption('none');
      await page.getByLabel('Only leads dated within a period').selectOption('Last activity');
      const dates = (
        emulator.spreadsheet.getSheetByName('Sample leads')?.getRange('L2:L201').getValues() ?? []
      )
        .map((row) => String(row[0]))
        .sort();
      await page.getByTestId('calibration-from').fill(dates[100] ?? '');
      await page.getByLabel('Review sample (% of the leads kept from sales)').fill('20');
      await page.getByTestId('calibrate').click();
      await page.getByTestId('verdicts').waitFor({ timeout: 30_000 });
      const sheet = emulator.spreadsheet.getSheetByName('Calibration');
      const text = (sheet?.getDataRange().getValues() ?? []).map((row) => String(row[0]));
      expect(text[1]).toContain(`period: Last activity ${dates[100]} to …`);
      expect(text.some((t) => t.startsWith('Compare:'))).toBe(false);
      const leads = Number(/(\d+) leads with a known outcome/.exec(text[1] ?? '')?.[1]);
      expect(leads).toBeLessThan(193);
      const review = () =>
        (emulator.spreadsheet.getSheetByName('Calibration')?.getDataRange().getValues() ?? [])
          .map((row) => String(row[0]))
          .find((t) => t.includes('picked at random'));
      const withTwenty = review();
      expect(withTwenty).toMatch(/^\d+ leads picked at random/);
      // Not a percent: said, and no sheet is built with a silent 10% instead.
      await page.getByLabel('Review sample (% of the leads kept from sales)').fill('twenty');
      await page.getByTestId('calibrate').click();
      await expect
        .poll(() => page.getByTestId('calibration-result').textContent())
        .toContain('Review sample: type a percent from 0 to 100, e.g. 10 (got "twenty")');
      // 20% is 20.
      emulator.spreadsheet.deleteSheet(emulator.spreadsheet.getSheetByName('Calibration')!);
      await page.getByLabel('Review sample (% of the leads kept from sales)').fill('20%');
      await page.getByTestId('calibrate').click();
      await page.getByTestId('verdicts').waitFor({ timeout: 30_000 });
      expect(review()).toBe(withTwenty);
    },
    TIMEOUT,
  );

  it(
    'fits 300 px without horizontal scrolling, with every section open and a rule expanded',
    async () => {
      const { page } = await open();
      await openAllSections(page);
      await page.getByTestId('add-rule').click();
      await ruleField(page, 'Rule name').fill(
        'A very long rule name that goes on and on without any end in sight at all',
      );
      await ruleField(page, 'Operator').selectOption('one of');
      await ruleField(page, 'Values (comma-separated)').fill('x'.repeat(80));
      await page.waitForTimeout(300);
      const [scrollWidth, clientWidth] = await page.evaluate(() => [
        document.documentElement.scrollWidth,
        document.documentElement.clientWidth,
      ]);
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
      // Every form control has a label.
      const unlabelled = await page.evaluate(() =>
        [...document.querySelectorAll('input, select')]
          .filter((el) => !(el.id && document.querySelector(`label[for="${el.id}"]`)))
          .map((el) => el.outerHTML),
      );
      expect(unlabelled).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'shows progress while the server works, and a server error as a message, with the panel still usable',
    async () => {
      const { page, emulator } = await open();
      const before = sheetModel(emulator);
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      await page.route('**/rpc', async (route) => {
        await held;
        await route.fulfill({ json: { ok: false, error: 'Exception: Service Spreadsheets timed out' } });
      });
      await openRule(page, 'Manager');
      await ruleField(page, 'Points').fill('9');
      await expect.poll(() => page.getByTestId('save').isEnabled()).toBe(true);
      await page.getByTestId('save').click();
      await expect.poll(() => page.getByTestId('busy').textContent()).toBe('Saving…');
      expect(await page.getByTestId('save').isDisabled()).toBe(true);
      await page.getByTestId('section-history').locator('summary').click();
      expect(await page.getByRole('button', { name: 'Restore version 1' }).isDisabled()).toBe(true);
      expect(await page.locator('#app').getAttribute('aria-busy')).toBe('true');
      release();
      await expect
        .poll(() => messageText(page), { timeout: 15_000 })
        .toBe('Could not save: Exception: Service Spreadsheets timed out');
      expect(await page.getByTestId('busy').isHidden()).toBe(true);
      expect(await page.getByTestId('save').isEnabled()).toBe(true);
      expect(await page.getByRole('button', { name: 'Restore version 1' }).isEnabled()).toBe(true);
      expect(await ruleField(page, 'Points').inputValue()).toBe('9');
      expect(sheetModel(emulator)).toEqual(before);

      // The server is back: the same edit saves.
      await page.unroute('**/rpc');
      await page.getByTestId('save').click();
      await expect.poll(() => messageText(page), { timeout: 15_000 }).toMatch(/^Saved as version 2\./);
    },
    TIMEOUT,
  );

  it(
    'works with the keyboard: open a rule with Enter, tab into its form, toggle a section with Space',
    async () => {
      const { page } = await open();
      const row = page.getByTestId('rule-row').filter({ hasText: 'Manager' });
      await row.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => row.getAttribute('aria-expanded')).toBe('true');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('rule-row');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
        'rule-name',
      );
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Enter');
      await expect.poll(() => row.getAttribute('aria-expanded')).toBe('false');

      const groups = page.getByTestId('section-groups');
      await groups.locator('summary').focus();
      await page.keyboard.press('Space');
      await expect.poll(() => groups.getAttribute('open')).toBe('');
      // The focused control has a visible outline.
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
      expect(outline).not.toBe('none');
    },
    TIMEOUT,
  );

  it(
    'starts from the starter model when the spreadsheet has no model and no leads',
    async () => {
      const { page, emulator } = await open('empty');
      await expect.poll(() => messageText(page), { timeout: 15_000 }).toMatch(/no model sheet yet/);
      await expect(page.getByTestId('preview').textContent()).resolves.toMatch(/No leads sheet/);
      // Without data the column is free text.
      await openRule(page, 'Manager');
      expect(await ruleField(page, 'Column').evaluate((el) => el.tagName)).toBe('INPUT');
      await page.getByTestId('save').click();
      await expect.poll(() => messageText(page), { timeout: 15_000 }).toMatch(/^Saved as version 1\./);
      expect(sheetModel(emulator)).toEqual(normalised(starterModel()));
    },
    TIMEOUT,
  );

  it(
    'shows the model as JSON for the command line, and loads a pasted model that Save then writes',
    async () => {
      const { page, emulator } = await open();
      await page.getByTestId('section-json').locator('summary').click();
      await page.getByTestId('json-show').click();
      const exported = JSON.parse(await page.getByTestId('json-export').inputValue());
      expect(exported).toEqual(sheetModel(emulator));

      await page.getByTestId('json-import').fill('{ "name": "Broken", ');
      await page.getByTestId('json-load').click();
      await expect
        .poll(() => page.getByTestId('message-json').textContent(), { timeout: 15_000 })
        .toMatch(/^The pasted text is not valid JSON, so nothing was loaded/);
      const pasted = { ...exported, name: 'From the CLI', rules: exported.rules.slice(0, 3) };
      await page.getByTestId('json-import').fill(JSON.stringify(pasted));
      await page.getByTestId('json-load').click();
      await expect
        .poll(() => messageText(page), { timeout: 15_000 })
        .toMatch(/^Loaded “From the CLI” from JSON/);
      expect(sheetModel(emulator).name).toBe('B2B starter'); // nothing saved yet
      await page.getByTestId('save').click();
      await expect.poll(() => messageText(page), { timeout: 15_000 }).toMatch(/^Saved as version/);
      expect(sheetModel(emulator)).toEqual(pasted);
    },
    TIMEOUT,
  );
});
