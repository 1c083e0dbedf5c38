// Ui.prompt and Yes/No confirmations in the local page, with a tiny script of our own (the add-on itself asks
// only OK/Cancel questions): what the user types and which button they press is exactly what the script gets.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LocalPage, startLocalPage } from '../../src/devserver/server';
import { launchBrowser } from '../support/browser';
import { DIST_DIR } from '../support/paths';
import { cell, runMenu, shown, textOf } from './localPage';

const SCRIPT = `
function onOpen() {
  SpreadsheetApp.getUi().createAddonMenu()
    .addItem('Ask a name', 'askName')
    .addItem('Ask yes or no', 'askYesNo')
    .addToUi();
}
function askName() {
  var ui = SpreadsheetApp.getUi();
  var response = ui.prompt('Your name', 'Who is calling?', ui.ButtonSet.OK_CANCEL);
  SpreadsheetApp.getActiveSheet().getRange('A1').setValue(String(response.getSelectedButton()) + ' / ' + response.getResponseText());
}
function askYesNo() {
  var ui = SpreadsheetApp.getUi();
  var button = ui.alert('Go on?', 'Shall I write B1?', ui.ButtonSet.YES_NO);
  SpreadsheetApp.getActiveSheet().getRange('B1').setValue(String(button));
}
`;

const TIMEOUT = 90_000;
let distDir = '';
let server: LocalPage | undefined;
let close: (() => Promise<void>) | undefined;

beforeAll(() => {
  distDir = mkdtempSync(join(tmpdir(), 'local-page-'));
  writeFileSync(join(distDir, 'addon.js'), SCRIPT);
  writeFileSync(join(distDir, 'Sidebar.html'), '<!doctype html><title>none</title><script></script>');
  copyFileSync(join(DIST_DIR, 'appsscript.json'), join(distDir, 'appsscript.json'));
});
afterAll(() => rmSync(distDir, { recursive: true, force: true }));
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function open(): Promise<Page> {
  server = await startLocalPage({ distDir, setup: [] });
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  close = async () => {
    await browser.close();
    await server?.close();
  };
  await page.goto(server.url);
  await shown(page.getByRole('tab', { name: 'Sheet1' }));
  return page;
}

describe('prompts and Yes/No questions in the local page', () => {
  it(
    'gives the script the text typed and the button pressed',
    async () => {
      const page = await open();
      await runMenu(page, 'Ask a name');
      const dialog = page.getByRole('dialog', { name: 'Your name' });
      await shown(dialog);
      expect(await dialog.getByRole('button').allInnerTexts()).toEqual(['×', 'Cancel', 'OK']);
      await dialog.getByRole('textbox', { name: 'Your answer' }).fill('=Ana, 007');
      await dialog.getByRole('button', { name: 'OK' }).click();
      await textOf(cell(page, 'A1'), 'OK / =Ana, 007');

      await runMenu(page, 'Ask a name');
      await dialog.getByRole('textbox', { name: 'Your answer' }).fill('never mind');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await textOf(cell(page, 'A1'), 'CANCEL / never mind');

      await runMenu(page, 'Ask yes or no');
      const question = page.getByRole('dialog', { name: 'Go on?' });
      await shown(question);
      expect(await question.getByRole('button').allInnerTexts()).toEqual(['×', 'No', 'Yes']);
      await question.getByRole('button', { name: 'No' }).click();
      await textOf(cell(page, 'B1'), 'NO');
      await runMenu(page, 'Ask yes or no');
      await question.press('Escape'); // the dialog's close: CLOSE, as the × in Sheets
      await textOf(cell(page, 'B1'), 'CLOSE');
    },
    TIMEOUT,
  );
});
