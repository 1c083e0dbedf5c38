// The value picker under "contains" offers the parts of multi-value cells ("Pricing page; Price list" →
// "Pricing page", "Price list"), split on the separator the data uses (issue 16 item 14); whole-cell
// operators keep whole cells. Against the built sidebar and the emulation (`node build.mjs` first).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../support/paths';
import { openSidebar, type SidebarSession } from '../support/sidebarHarness';
import { ready, ruleField, ruleForm } from './helpers';

const TIMEOUT = 60_000;
let session: SidebarSession | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

const PAGES = [
  'Pricing page; Price list',
  'Pricing page',
  'Price list; Case studies; Pricing page',
  '',
  'Blog',
];

describe('value picker parts', () => {
  it(
    'offers the parts of multi-value cells for contains, counted per lead, and whole cells for one of',
    async () => {
      session = await openSidebar();
      const { page, emulator } = session;
      const leads = emulator.spreadsheet.getSheetByName('Sample leads')!;
      const rows = leads.getLastRow();
      const column = leads.getLastColumn() + 1;
      const cells = [
        ['Pages visited'],
        ...Array.from({ length: rows - 1 }, (_, i) => [PAGES[i % PAGES.length]!]),
      ];
      leads.getRange(1, column, rows, 1).setValues(cells);
      await page.reload();
      await ready(page);
      const count = (text: string) =>
        cells.slice(1).filter(([cell]) => cell!.split('; ').includes(text)).length;
      const whole = (text: string) => cells.slice(1).filter(([cell]) => cell === text).length;

      await page.getByTestId('add-rule').click();
      await ruleField(page, 'Rule name').fill('Saw prices');
      await ruleField(page, 'Column').selectOption('Pages visited');
      await ruleField(page, 'Operator').selectOption('contains');
      const picker = ruleForm(page).getByTestId('value-picker');
      await expect(picker.getByTestId('value-picker-summary').textContent()).resolves.toContain(
        'Cells hold several values separated by “;”',
      );
      const chips = await picker.getByTestId('value-chip').allTextContents();
      expect(chips).toEqual([
        `Pricing page ${count('Pricing page')}`,
        `Price list ${count('Price list')}`,
        `Case studies ${count('Case studies')}`, // ties in first-seen order
        `Blog ${count('Blog')}`,
      ]);
      await picker.getByTestId('value-chip').filter({ hasText: 'Price list' }).click();
      await expect.poll(() => ruleField(page, 'Text').inputValue()).toBe('Price list');
      await expect.poll(() => page.getByTestId('value-not-in-data').isHidden()).toBe(true);
      await mkdir(join(ROOT_DIR, 'test-results'), { recursive: true });
      await ruleForm(page).screenshot({ path: join(ROOT_DIR, 'test-results', 'value-picker-parts.png') });

      // "one of" compares whole cells: the picker offers whole cells.
      await ruleField(page, 'Operator').selectOption('one of');
      const wholeChips = await ruleForm(page).getByTestId('value-chip').allTextContents();
      expect(wholeChips).toContain(`Pricing page; Price list ${whole('Pricing page; Price list')}`);
      expect(wholeChips).not.toContain(`Price list ${count('Price list')}`);
    },
    TIMEOUT,
  );
});
