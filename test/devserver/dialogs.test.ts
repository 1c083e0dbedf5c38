// The add-on's alerts and confirmations in the local page: the script waits for the person at the page, and a
// tab click makes that sheet the active sheet, as in Sheets (issue 8).
import { afterEach, describe, expect, it } from 'vitest';
import { cell, type LocalPageSession, openLocalPage, openTab, runMenu, shown, textOf } from './localPage';

const TIMEOUT = 90_000;
let session: LocalPageSession | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

/** The model sheet's row (1-based) whose column A reads `name`. */
async function modelRow(session: LocalPageSession, name: string): Promise<number> {
  const { page } = session;
  await openTab(page, 'Lead Scoring Model');
  const row = page
    .locator('#grid tbody tr')
    .filter({ has: page.locator('td:first-of-type', { hasText: name }) });
  return Number(await row.first().getAttribute('data-row'));
}

/** Double-clicks a cell and types into the editor that opens in it, then Enter, as in Sheets. */
async function typeInto(session: LocalPageSession, a1: string, text: string): Promise<void> {
  const { page } = session;
  await cell(page, a1).dblclick();
  await cell(page, a1).locator('input.cell-editor').fill(text);
  await cell(page, a1).locator('input.cell-editor').press('Enter');
  await textOf(cell(page, a1), text);
}

describe('the local page shows the add-on’s dialogs', () => {
  it(
    'asks before the starter model replaces the model; Cancel and × keep the user’s edit, OK replaces it',
    async () => {
      session = await openLocalPage();
      const { page } = session;
      const managerPoints = `F${await modelRow(session, 'Manager')}`;
      await typeInto(session, managerPoints, '9');

      const dialog = page.getByRole('dialog', { name: 'Replace the model?' });
      await runMenu(page, 'Insert simple starter (no activity log)');
      await dialog.waitFor();
      await textOf(dialog, 'The model sheet will be replaced by the simple starter');
      await shown(page.getByRole('status').filter({ hasText: 'waiting for your answer' }));
      // The script is waiting: nothing has been written yet.
      expect(await cell(page, managerPoints).innerText()).toBe('9');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await shown(dialog, 'hidden');
      await expect.poll(() => page.locator('#busy').innerText()).toBe('');
      expect(await cell(page, managerPoints).innerText()).toBe('9');

      await runMenu(page, 'Insert simple starter (no activity log)');
      await dialog.waitFor();
      await dialog.getByRole('button', { name: 'Close' }).click();
      await expect.poll(() => page.locator('#busy').innerText()).toBe('');
      await openTab(page, 'Lead Scoring Model');
      await textOf(cell(page, managerPoints), '9');

      await runMenu(page, 'Insert simple starter (no activity log)');
      await dialog.getByRole('button', { name: 'OK' }).click();
      await shown(page.getByRole('tab', { name: 'Sample leads', selected: true }));
      await openTab(page, 'Lead Scoring Model');
      await textOf(cell(page, managerPoints), /^8$/);
    },
    TIMEOUT,
  );

  it(
    'survives a reload: the dialog the script waits on is shown again and can still be answered',
    async () => {
      session = await openLocalPage();
      const { page } = session;
      await runMenu(page, 'Insert simple starter (no activity log)');
      await page.getByRole('dialog', { name: 'Replace the model?' }).waitFor();
      await session.reload();
      const dialog = page.getByRole('dialog', { name: 'Replace the model?' });
      await dialog.getByRole('button', { name: 'OK' }).click();
      await textOf(page.locator('#toast'), 'The simple starter and 200 sample leads are ready.');
    },
    TIMEOUT,
  );
});

describe('a tab click activates the sheet', () => {
  it(
    'scores the sheet the user is looking at, also after a calibration moved to its own sheet',
    async () => {
      session = await openLocalPage();
      const { page } = session;
      await openTab(page, 'Sheet1');
      await runMenu(page, 'Score this sheet');
      const alert = page.getByRole('dialog', { name: 'Lead Scoring' });
      await textOf(alert, '"Sheet1" has no leads');
      expect(await alert.getByRole('button').allInnerTexts()).toEqual(['×', 'OK']);
      await alert.getByRole('button', { name: 'OK' }).click();
      await shown(alert, 'hidden');

      await runMenu(page, 'Build calibration sheet');
      await shown(page.getByRole('tab', { name: 'Calibration', selected: true }));
      await openTab(page, 'Sample leads');
      await runMenu(page, 'Score this sheet');
      await textOf(page.locator('#toast'), 'Scored 200 leads');
      await shown(page.getByRole('tab', { name: 'Sample leads', selected: true }));
      await shown(page.locator('#grid table'));
    },
    TIMEOUT,
  );
});
