// The sidebar as a marketer's daily tool (issue 12 items 1–7, issue 11 item 1): the save bar in view, each
// message beside its action, restore confirmed, the rule column drop-down without the add-on's outputs, the
// value picker, remapping a renamed column, undo/redo, an open sidebar brought up to date, JSON out and in.
// Against the built sidebar and the Apps Script emulation running the built add-on (`node build.mjs` first).
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { MODEL_SHEET_NAME } from '../../src/core/modelSheet';
import { starterModel } from '../../src/core/starterModel';
import type { Emulator } from '../../src/emulation';
import { openSidebar, type SidebarSession } from '../support/sidebarHarness';
import { bandCounts, openRule, ready, ruleCell, ruleField, sheetModel } from './helpers';

const TIMEOUT = 60_000;
let session: SidebarSession | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

async function open(): Promise<SidebarSession> {
  session = await openSidebar();
  await ready(session.page);
  return session;
}

/** The element's box against the viewport: is all of it on screen? */
async function inView(page: Page, testid: string): Promise<boolean> {
  return page.getByTestId(testid).evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
  });
}

async function renameHeader(emulator: Emulator, from: string, to: string): Promise<void> {
  const leads = emulator.spreadsheet.getSheetByName('Sample leads')!;
  const headers = leads.getRange(1, 1, 1, leads.getLastColumn()).getValues()[0] as unknown[];
  const index = headers.indexOf(from);
  if (index < 0) throw new Error(`no header ${from}`);
  leads.getRange(1, index + 1).setValue(to);
}

/** The sidebar gets focus again (the user comes back from the sheet). */
async function comeBack(page: Page): Promise<void> {
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
}

describe('sidebar workbench', () => {
  it(
    'keeps the save bar in view while scrolling through the open Rules, and shows a refused save beside Save with its Reload',
    async () => {
      const { page, emulator } = await open();
      await openRule(page, 'Decision maker');
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      expect(height).toBeGreaterThan(1500); // far taller than the 900 px sidebar
      for (const y of [0, 700, height]) {
        await page.evaluate((to) => window.scrollTo(0, to), y);
        expect(await inView(page, 'save')).toBe(true);
      }
      await page.evaluate(() => window.scrollTo(0, 600));

      // Someone edits a cell of the model sheet; this sidebar's save is refused, beside the Save button.
      emulator.spreadsheet
        .getSheetByName(MODEL_SHEET_NAME)!
        .getRange(ruleCell(emulator, 'Manager', 'F'))
        .setValue(9);
      await ruleField(page, 'Points').fill('16');
      await page.getByTestId('save').click();
      const beside = page.getByTestId('save-bar').getByTestId('message-save');
      await expect
        .poll(() => beside.textContent(), { timeout: 15_000 })
        .toMatch(/changed since you opened it/);
      expect(await inView(page, 'message-save')).toBe(true);
      expect(await page.getByTestId('message-top').isHidden()).toBe(true);
      // Still announced to screen readers.
      const live = page.locator('[aria-live="assertive"]');
      expect(await live.textContent()).toMatch(/changed since you opened it/);
      await beside.getByTestId('reload').click();
      await expect.poll(() => beside.textContent()).toMatch(/^Reloaded the current model/);
      await expect(
        page.getByTestId('rule-row').filter({ hasText: 'Manager' }).textContent(),
      ).resolves.toContain('+9');
    },
    TIMEOUT,
  );

  it(
    'leaves the add-on’s outputs and the outcome column out of a rule’s Column choices',
    async () => {
      const { page } = await open();
      await openRule(page, 'Manager');
      const options = await ruleField(page, 'Column')
        .locator('option')
        .evaluateAll((all) =>
          all.map((o) => ({ label: o.textContent, disabled: (o as HTMLOptionElement).disabled })),
        );
      const usable = options.filter((o) => !o.disabled).map((o) => o.label);
      expect(usable).toContain('Position');
      for (const name of ['Score', 'Band', 'Reasons', 'Converted']) expect(usable).not.toContain(name);
      expect(options.filter((o) => o.disabled).map((o) => o.label)).toEqual([
        'Converted (the outcome column)',
        'Score (the add-on’s output)',
        'Band (the add-on’s output)',
        'Reasons (the add-on’s output)',
      ]);
    },
    TIMEOUT,
  );

  it(
    'shows a column’s most frequent values and range, picks them into the rule, and says when a value is not in the data',
    async () => {
      const { page, emulator } = await open();
      const leads = emulator.spreadsheet.getSheetByName('Sample leads')!;
      const positions = (leads.getRange('C2:C201').getValues() as unknown[][]).map((row) => String(row[0]));
      const tally = new Map<string, number>();
      for (const p of positions) if (p.trim() !== '') tally.set(p, (tally.get(p) ?? 0) + 1);
      const [topValue, topCount] = [...tally.entries()].sort((a, b) => b[1] - a[1])[0]!;

      await openRule(page, 'Manager');
      const picker = page.getByTestId('value-picker');
      await expect(picker.getByTestId('value-picker-summary').textContent()).resolves.toContain(
        `${tally.size} different values`,
      );
      const first = picker.getByTestId('value-chip').first();
      expect(await first.textContent()).toBe(`${topValue} ${topCount}`);

      // one of: pick two values, then take one out again.
      await ruleField(page, 'Operator').selectOption('one of');
      await ruleField(page, 'Values (comma-separated)').fill('');
      const chips = page.getByTestId('value-picker').getByTestId('value-chip');
      const second = (await chips.nth(1).textContent())!.replace(/ \d+$/, '');
      await chips.nth(0).click();
      await chips.nth(1).click();
      await expect
        .poll(() => ruleField(page, 'Values (comma-separated)').inputValue())
        .toBe(`${topValue}, ${second}`);
      expect(await chips.nth(0).getAttribute('aria-pressed')).toBe('true');
      await chips.nth(0).click();
      await expect.poll(() => ruleField(page, 'Values (comma-separated)').inputValue()).toBe(second);

      // A value the data does not have is named, as it is typed.
      await ruleField(page, 'Values (comma-separated)').fill(`${second}, Chief Wizard`);
      await expect
        .poll(() => page.getByTestId('value-not-in-data').textContent())
        .toBe(
          'Not in the data (200 leads): “Chief Wizard”. Check the spelling, or the rule matches no lead yet.',
        );

      // equals: a pick sets the value.
      await ruleField(page, 'Operator').selectOption('equals');
      await page.getByTestId('value-picker').getByTestId('value-chip').nth(2).click();
      const third = [...tally.entries()].sort((a, b) => b[1] - a[1])[2]![0];
      await expect.poll(() => ruleField(page, 'Value').inputValue()).toBe(third);
      await expect.poll(() => page.getByTestId('value-not-in-data').isHidden()).toBe(true);

      // between: a numeric column shows its range, which the rule can take.
      await openRule(page, 'Budget $10,000+');
      const budgets = (leads.getRange('D2:D201').getValues() as unknown[][])
        .map((row) => Number(String(row[0]).replace(/[$,]/g, '')))
        .filter((n) => String(n) !== 'NaN' && n !== 0);
      expect(budgets.length).toBeGreaterThan(50);
      await ruleField(page, 'Operator').selectOption('between');
      const range = await page.getByTestId('value-range').textContent();
      const [, low, high] = /^Numbers from ([\d,.]+) to ([\d,.]+)\.$/.exec(range ?? '')!;
      expect(Number(high!.replace(/,/g, ''))).toBe(Math.max(...budgets));
      await page.getByTestId('use-range').click();
      await expect.poll(() => ruleField(page, 'From').inputValue()).toBe(low!.replace(/,/g, ''));
      expect(await ruleField(page, 'To').inputValue()).toBe(high!.replace(/,/g, ''));
    },
    TIMEOUT,
  );

  it(
    'remaps a column renamed in a new export for every rule and decay that names it, in one step',
    async () => {
      const { page, emulator } = await open();
      await renameHeader(emulator, 'Position', 'Job title');
      await renameHeader(emulator, 'Last activity', 'Last touch');
      await page.reload();
      await ready(page);
      expect(await page.getByTestId('preview-unavailable').isVisible()).toBe(true);

      await openRule(page, 'Manager');
      const remap = page.getByTestId('rule-form').getByTestId('remap');
      expect(await remap.textContent()).toContain('“Position” is not a column of “Sample leads”');
      await remap.getByLabel(/Replace it with/).selectOption('Job title');
      await remap.getByRole('button', { name: 'Use it for all 3 rules' }).click();
      await openRule(page, 'No activity for 90 days');
      const remap2 = page.getByTestId('rule-form').getByTestId('remap');
      await remap2.getByLabel(/Replace it with/).selectOption('Last touch');
      await remap2.getByRole('button', { name: 'Use it for all 1 rule and 2 decays' }).click();

      await page.getByTestId('band-table').waitFor(); // the preview is back
      expect(await bandCounts(page)).toHaveLength(4);
      await page.getByTestId('save').click();
      await expect
        .poll(() => page.getByTestId('message-save').textContent(), { timeout: 15_000 })
        .toMatch(/^Saved as version/);
      const saved = sheetModel(emulator);
      const expected = starterModel();
      for (const rule of expected.rules) {
        if (rule.column === 'Position') rule.column = 'Job title';
        if (rule.column === 'Last activity') rule.column = 'Last touch';
      }
      for (const group of expected.groups) if (group.decay) group.decay.dateColumn = 'Last touch';
      expect(saved.rules.map((r) => r.column)).toEqual(expected.rules.map((r) => r.column));
      expect(saved.groups.map((g) => g.decay?.dateColumn)).toEqual(
        expected.groups.map((g) => g.decay?.dateColumn),
      );
    },
    TIMEOUT,
  );

  it(
    'undoes and redoes draft edits with the buttons and Ctrl+Z / Ctrl+Shift+Z, at least 20 steps back',
    async () => {
      const { page } = await open();
      const rows = page.getByTestId('rule-row');
      const count = await rows.count();
      await page.getByTestId('add-rule').click();
      await expect.poll(() => rows.count()).toBe(count + 1);
      await page.getByTestId('undo').click();
      await expect.poll(() => rows.count()).toBe(count);
      expect(await page.getByTestId('status').textContent()).toBe('Saved');
      await page.getByTestId('redo').click();
      await expect.poll(() => rows.count()).toBe(count + 1);

      // Keyboard, outside a text field; inside one, Ctrl+Z is the field's own undo.
      await page.getByTestId('save').focus();
      await page.keyboard.press('Control+z');
      await expect.poll(() => rows.count()).toBe(count);
      await page.keyboard.press('Control+Shift+z');
      await expect.poll(() => rows.count()).toBe(count + 1);
      await ruleField(page, 'Rule name').focus();
      await page.keyboard.press('Control+z');
      await page.waitForTimeout(300);
      expect(await rows.count()).toBe(count + 1);

      // 22 more edits, each its own step; 22 undos bring the first back.
      await openRule(page, 'Manager');
      for (let i = 1; i <= 22; i++) {
        await ruleField(page, 'Points').fill(String(100 + i));
        await page.waitForTimeout(220); // one step per pause in typing
      }
      await page.getByTestId('save').focus();
      for (let i = 0; i < 22; i++) await page.keyboard.press('Control+z');
      await expect.poll(() => ruleField(page, 'Points').inputValue()).toBe('8');
      expect(await rows.count()).toBe(count + 1);
    },
    TIMEOUT,
  );

  it(
    'brings an open sidebar up to date when the model changed on the sheet, and keeps unsaved edits when there are some',
    async () => {
      const { page, emulator } = await open();
      const sheet = emulator.spreadsheet.getSheetByName(MODEL_SHEET_NAME)!;
      sheet.getRange(ruleCell(emulator, 'Manager', 'F')).setValue(12);
      await comeBack(page);
      await expect
        .poll(() => page.getByTestId('rule-row').filter({ hasText: 'Manager' }).textContent())
        .toContain('+12');
      expect(await page.getByTestId('status').textContent()).toBe('Saved');
      expect(await page.getByTestId('message-save').textContent()).toContain('now shows the current model');

      // With unsaved edits, nothing is overwritten: the sidebar says the model changed and offers Reload.
      await openRule(page, 'Student');
      await ruleField(page, 'Points').fill('-40');
      await expect.poll(() => page.getByTestId('status').textContent()).toBe('Unsaved changes');
      sheet.getRange(ruleCell(emulator, 'Manager', 'F')).setValue(13);
      await comeBack(page);
      await expect
        .poll(() => page.getByTestId('message-save').textContent())
        .toMatch(/^The model sheet changed since you opened it/);
      expect(await ruleField(page, 'Points').inputValue()).toBe('-40');
      expect(await page.getByTestId('status').textContent()).toBe('Unsaved changes · the sheet changed');
      await page.getByTestId('message-save').getByTestId('reload').click();
      await expect
        .poll(() => page.getByTestId('rule-row').filter({ hasText: 'Manager' }).textContent())
        .toContain('+13');
    },
    TIMEOUT,
  );

  it(
    'downloads and copies the model as JSON, and refuses a broken import beside it, listing every problem, changing nothing',
    async () => {
      const { page, emulator } = await open();
      await page
        .context()
        .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session!.server.url });
      await page.getByTestId('section-json').locator('summary').click();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('json-download').click(),
      ]);
      expect(download.suggestedFilename()).toBe('b2b-starter.json');
      const file = JSON.parse(await readFile((await download.path())!, 'utf8'));
      expect(file).toEqual(sheetModel(emulator));
      await expect
        .poll(() => page.getByTestId('message-json').getByTestId('message-text').textContent())
        .toBe('Downloaded the model as b2b-starter.json.');

      await page.getByTestId('json-copy').click();
      await expect
        .poll(() => page.getByTestId('message-json').getByTestId('message-text').textContent())
        .toBe('Copied the model as JSON to the clipboard.');
      expect(JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))).toEqual(file);

      // Two problems: both listed, beside the import; the editor keeps its model.
      const broken = structuredClone(file);
      broken.rules[0].points = 'ten';
      broken.bands[1].min = 'warm';
      const rows = await page.getByTestId('rule-row').count();
      await page.getByTestId('json-import').fill(JSON.stringify(broken));
      await page.getByTestId('json-load').click();
      const box = page.getByTestId('section-json').getByTestId('message-json');
      await expect
        .poll(() => box.textContent())
        .toMatch(/^The pasted text has 2 problems, so nothing was loaded:/);
      const listed = await box.locator('li').allTextContents();
      expect(listed).toHaveLength(2);
      expect(listed.join('\n')).toContain('points must be a number, got "ten"');
      expect(await page.getByTestId('rule-row').count()).toBe(rows);
      expect(await page.getByTestId('status').textContent()).toBe('Saved');

      // From a file.
      const other = { ...file, name: 'From a file', rules: file.rules.slice(0, 2) };
      await page.getByTestId('json-file').setInputFiles({
        name: 'model.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(other)),
      });
      await expect.poll(() => box.textContent()).toMatch(/^Loaded “From a file” from JSON/);
      expect(await page.getByTestId('rule-row').count()).toBe(2);
    },
    TIMEOUT,
  );
});
