// The sidebar on your own leads (issue 16): a blank model can be saved; columns can be left out of Suggest.
import { afterEach, describe, expect, it } from 'vitest';
import { Workbench } from '../../src/devserver/workbench';
import type { Suggestion } from '../../src/shared/sidebarApi';
import { openSidebar, type SidebarSession } from '../support/sidebarHarness';
import { WIDE_EXPORT_NAME, wideExportCsv } from '../support/wideExport';
import { messageText, openRule, ready, ruleField, sheetModel } from './helpers';

const TIMEOUT = 120_000;
const SHOTS = '/tmp/jr';
let session: SidebarSession | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

describe('sidebar on your own leads', () => {
  it(
    'saves a blank model',
    async () => {
      session = await openSidebar();
      const { page, emulator } = session;
      await ready(page);
      emulator.ui.queueAlertResponse('YES'); // replace the model: the v2 starter, as the issue's user had
      emulator.run('insertStarterModel', [], 'FULL');
      emulator.recalculate();
      const imported = new Workbench(emulator).importCsv(`${WIDE_EXPORT_NAME}.csv`, wideExportCsv());
      expect(imported.ok).toBe(true);
      await page.reload();
      await ready(page);
      await page.getByLabel('Start from').selectOption('blank');
      await page.getByTestId('start-load').click();
      await page
        .getByTestId('confirm')
        .click({ timeout: 3000 })
        .catch(() => undefined);
      await expect.poll(() => messageText(page), { timeout: 15_000 }).toMatch(/Started from a blank model/);
      await page.screenshot({ path: '/tmp/jr/blank.png', fullPage: true });
      await expect.poll(() => page.getByTestId('save').isEnabled(), { timeout: 10_000 }).toBe(true);
      await page.getByTestId('save').click();
      await expect.poll(() => sheetModel(emulator).rules.length, { timeout: 15_000 }).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'leaves unticked columns out of Suggest, says the current model was not compared, and remembers the columns',
    async () => {
      session = await openSidebar();
      const { page, emulator } = session;
      await ready(page);
      const imported = new Workbench(emulator).importCsv(`${WIDE_EXPORT_NAME}.csv`, wideExportCsv());
      expect(imported.ok).toBe(true);
      await page.reload();
      await ready(page);
      const section = page.getByTestId('section-suggest');
      await section.locator('summary').first().click();
      await section.getByTestId('suggest-columns').locator('summary').click();
      for (const column of ['Tags', 'Lead Profile', 'Lead Quality']) {
        await section.getByLabel(column, { exact: true }).uncheck();
      }
      await expect(section.getByTestId('suggest-columns-count').textContent()).resolves.toBe(
        '30 of 33 columns',
      );
      await section.getByTestId('suggest').click();
      await section.getByTestId('suggest-summary').waitFor({ timeout: 60_000 });
      await expect(section.textContent()).resolves.toMatch(
        /The current model was left out of the comparison: it reads columns these leads do not have \(Company size/,
      );
      const suggestion = emulator.run('getSuggestion', [], 'FULL') as Suggestion;
      const columns = suggestion.model.rules.map((r) => r.column);
      expect(columns).not.toContain('Tags');
      expect(columns).not.toContain('Lead Profile');
      expect(columns).not.toContain('Lead Quality');
      await section.screenshot({ path: `${SHOTS}/suggest-columns.png` });

      await page.reload(); // a new sidebar: the columns are still unticked
      await ready(page);
      await page.getByTestId('section-suggest').locator('summary').first().click();
      await page.getByTestId('suggest-columns').locator('summary').click();
      await expect(
        page.getByTestId('section-suggest').getByLabel('Tags', { exact: true }).isChecked(),
      ).resolves.toBe(false);
      await expect(
        page.getByTestId('section-suggest').getByLabel('Lead Source', { exact: true }).isChecked(),
      ).resolves.toBe(true);
    },
    TIMEOUT,
  );

  it(
    'an open sidebar notices a model changed by a menu command; a stale save from another is refused as a conflict',
    async () => {
      session = await openSidebar();
      const { emulator, browser, server } = session;
      const open = async (pollMs?: number) => {
        const page = await browser.newPage({ viewport: { width: 300, height: 900 } });
        if (pollMs)
          await page.addInitScript((ms) => Object.assign(window, { leadScoringPollMs: ms }), pollMs);
        await page.goto(`${server.url}/sidebar`);
        await ready(page);
        return page;
      };
      const watching = await open(500); // visible, polling often
      const editing = await open(); // polls every 20 s: its save meets the change first
      await openRule(editing, 'Requested a demo');
      await ruleField(editing, 'Points').fill('16');
      await expect.poll(() => editing.getByTestId('save').isEnabled()).toBe(true);

      emulator.ui.queueAlertResponse('YES');
      emulator.run('insertStarterModel', [], 'FULL'); // the menu command, while both sidebars are open
      const v2Rules = sheetModel(emulator).rules.length;

      await expect
        .poll(() => messageText(watching), { timeout: 15_000 })
        .toMatch(/^The model sheet changed since the sidebar loaded it \(a menu command/);
      await expect.poll(() => watching.getByTestId('rule-row').count()).toBe(v2Rules);
      await watching.screenshot({ path: `${SHOTS}/sidebar-after-menu-change.png` });

      await editing.getByTestId('save').click();
      await expect
        .poll(() => messageText(editing), { timeout: 15_000 })
        .toMatch(/changed since you opened it/);
      await expect(editing.getByTestId('reload').isVisible()).resolves.toBe(true);
      const model = sheetModel(emulator);
      expect(model.rules.length).toBe(v2Rules); // the refused save changed nothing
      expect(model.rules.find((r) => r.name === 'Requested a demo')?.points).not.toBe(16);
      await editing.screenshot({ path: `${SHOTS}/sidebar-stale-save-refused.png` });
    },
    TIMEOUT,
  );

  it(
    'renaming a group keeps the next click and keystrokes: Weight gets the typed 2',
    async () => {
      session = await openSidebar();
      const { page } = session;
      await ready(page);
      await page.getByTestId('section-groups').locator('summary').first().click();
      await page.getByTestId('add-group').click();
      const index = (await page.getByTestId('group-card').count()) - 1;
      const name = page.getByTestId(`group-${index}-name`);
      await name.click();
      await name.pressSequentially(' Intent', { delay: 20 });
      // A real click: the mouse goes down on Weight while the name field still has focus.
      await page.getByTestId(`group-${index}-weight`).click();
      await page.keyboard.type('2', { delay: 20 });
      await expect(page.getByTestId(`group-${index}-weight`).inputValue()).resolves.toBe('2');
      await expect(page.getByTestId(`group-${index}-name`).inputValue()).resolves.toBe('New group Intent');
      // Tab from the name to the next field keeps the keystrokes too.
      await page.getByTestId(`group-${index}-name`).click();
      await page.keyboard.type('s', { delay: 20 });
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.type('7', { delay: 20 });
      await expect(page.getByTestId(`group-${index}-name`).inputValue()).resolves.toBe('New group Intents');
      await expect(page.getByTestId(`group-${index}-max`).inputValue()).resolves.toBe('7');
      // And a click on a button right after renaming is not lost.
      await page.getByTestId(`group-${index}-name`).click();
      await page.keyboard.type('!', { delay: 20 });
      const groups = await page.getByTestId('group-card').count();
      await page.getByTestId('add-group').click();
      await expect.poll(() => page.getByTestId('group-card').count()).toBe(groups + 1);
    },
    TIMEOUT,
  );

  it(
    'moves a rule to a position, shows points × weight, and keeps bands sorted by their lowest score',
    async () => {
      session = await openSidebar();
      const { page } = session;
      await ready(page);
      // Summaries in words.
      const meta = (name: string) =>
        page.getByTestId('rule-row').filter({ hasText: name }).first().locator('.rule-meta').textContent();
      await expect(meta('Email opens')).resolves.toBe('3 points per email open');
      await expect(meta('No activity for 90 days')).resolves.toBe('no activity for 90+ days');
      await page.getByTestId('add-rule').click();
      const names = () => page.locator('.rule-name').allTextContents();
      expect((await names()).at(-1)).toBe('New rule');
      await page.getByTestId('rule-position').selectOption('0');
      expect((await names())[0]).toBe('New rule');
      await expect(page.getByTestId('rule-position').inputValue()).resolves.toBe('0');

      // The list shows what a lead gets: the rule's points × its group's weight.
      await page.getByTestId('section-groups').locator('summary').first().click();
      await page.getByTestId('group-0-weight').fill('2');
      const first = page.getByTestId('rule-row').first();
      await expect.poll(() => first.locator('.rule-points').textContent()).toBe('+5 × 2 = +10');

      // A band added at 30 goes between Warm (21) and Hot (51) once typed; Save is not blocked.
      await page.getByTestId('section-bands').locator('summary').first().click();
      await page.getByTestId('add-band').click();
      const last = (await page.getByTestId('band-row').count()) - 1;
      await page.getByTestId(`band-${last}-min`).fill('30');
      await page.getByTestId(`band-${last}-min`).press('Tab');
      await expect
        .poll(async () => {
          const rows = page.getByTestId('band-row');
          const out: string[] = [];
          for (let i = 0; i < (await rows.count()); i++)
            out.push(await page.getByTestId(`band-${i}-min`).inputValue());
          return out;
        })
        .toEqual(['', '21', '30', '51', '81']);
      await expect.poll(() => page.getByTestId('save').isEnabled()).toBe(true);

      // A rule of 3 points per employee on a head count warns: it can give far more than the model's range.
      await openRule(page, 'Company size 50–1,000');
      const warning = page.getByTestId('rule-per-warning');
      await expect(warning.isVisible()).resolves.toBe(false);
      await ruleField(page, 'Operator').selectOption('per');
      await ruleField(page, 'Points').fill('3');
      await expect.poll(() => warning.isVisible()).toBe(true);
      await expect(warning.textContent()).resolves.toMatch(
        /^"Company size" goes from \d+ to [\d,]+: this rule can give [\d,]+ points, far more than the model's range of 100\./,
      );
      await ruleField(page, 'Max points').fill('20');
      await expect.poll(() => warning.isVisible()).toBe(false);
    },
    TIMEOUT,
  );
});
