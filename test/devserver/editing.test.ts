// Editing cells in the local page's grid as in Sheets (issue 16, minor): in place, no browser prompt; empty
// cells right of the data (and below it) to type a new formula into, such as a LEADEXPLAIN of one lead.
import { afterEach, describe, expect, it } from 'vitest';
import { cell, type LocalPageSession, openLocalPage, openTab, textOf } from './localPage';

const TIMEOUT = 90_000;
let session: LocalPageSession | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

describe('editing cells in the local page', () => {
  it(
    'edits a cell in place and types LEADEXPLAIN into an empty cell beside the leads, without a browser prompt',
    async () => {
      session = await openLocalPage();
      const { page } = session;
      let prompted = false;
      page.on('dialog', (dialog) => {
        prompted = true;
        void dialog.dismiss();
      });
      await openTab(page, 'Sample leads');
      const headers = await page.locator('#grid tr[data-row="1"] > td').allInnerTexts();
      const lastData = headers.length - [...headers].reverse().findIndex((text) => text !== '');
      // Empty cells are drawn right of the data, and below it on the last page.
      expect(headers.length).toBeGreaterThan(lastData);
      const letter = String.fromCharCode(64 + lastData + 1);
      const target = `${letter}1`;
      expect(await cell(page, target).innerText()).toBe('');
      expect(await page.locator('#grid tr[data-row="203"]').count()).toBe(1);

      // Click selects; typing opens the editor with that key, as in Sheets; Enter writes it.
      await cell(page, target).click();
      await page.keyboard.type('=LEADEXPLAIN(A1:M2, LeadModel)');
      const editor = cell(page, target).locator('input.cell-editor');
      expect(await editor.inputValue()).toBe('=LEADEXPLAIN(A1:M2, LeadModel)');
      await page.screenshot({ path: `${process.env.SHOTS_DIR ?? '/tmp'}/local-cell-editor.png` });
      await editor.press('Enter');
      await textOf(cell(page, target), 'Rule');
      const next = `${String.fromCharCode(64 + lastData + 2)}1`;
      await textOf(cell(page, next), 'Points');
      const explained = await page
        .locator(`#grid td[data-a1^="${letter}"]`)
        .allInnerTexts()
        .then((texts) => texts.filter((text) => text !== ''));
      expect(explained.length).toBeGreaterThan(10); // one line per rule of the model
      expect(await cell(page, target).getAttribute('title')).toBe('=LEADEXPLAIN(A1:M2, LeadModel)');
      await cell(page, `${letter}5`).scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${process.env.SHOTS_DIR ?? '/tmp'}/local-leadexplain.png` });

      // Double-click edits a filled cell in place, starting from its content; Escape leaves it as it was.
      const lead = cell(page, 'A2');
      const before = await lead.innerText();
      await lead.dblclick();
      const inPlace = lead.locator('input.cell-editor');
      expect(await inPlace.inputValue()).toBe(before);
      await inPlace.fill('Changed, then not');
      await inPlace.press('Escape');
      await textOf(lead, before);
      await lead.dblclick();
      await lead.locator('input.cell-editor').fill('Ada Lovelace');
      await lead.locator('input.cell-editor').press('Enter');
      await textOf(lead, 'Ada Lovelace');
      // Enter moved the selection down, as in Sheets.
      await expect.poll(() => cell(page, 'A3').getAttribute('class')).toContain('current');
      expect(prompted).toBe(false);
    },
    TIMEOUT,
  );
});
