// The Export model JSON dialog in a real browser (Debian's Chromium). The dialog is a cross-origin frame in
// Sheets, where the browser may refuse navigator.clipboard and execCommand('copy'): it must then say so and
// leave the whole JSON selected for Ctrl+C, never claim "Copied.".
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { starterModel } from '../../src/core/starterModel';
import { exportDialogHtml } from '../../src/server/modelJson';
import { launchBrowser } from '../support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const model = starterModel();
const json = JSON.stringify(model, null, 2);

/** The dialog with the clipboard API answering `clipboard` and execCommand('copy') answering `execCopy`. */
async function dialog(clipboard: 'resolves' | 'rejects' | 'missing', execCopy: boolean): Promise<Page> {
  const page = await browser.newPage();
  await page.setContent(exportDialogHtml(model, json));
  await page.evaluate(
    ([clipboardAnswer, execAnswer]) => {
      const writeText =
        clipboardAnswer === 'resolves'
          ? () => Promise.resolve()
          : () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
      Object.defineProperty(navigator, 'clipboard', {
        configurable: true,
        value: clipboardAnswer === 'missing' ? undefined : { writeText },
      });
      document.execCommand = () => execAnswer as boolean;
    },
    [clipboard, execCopy] as const,
  );
  await page.click('#copy');
  return page;
}

async function selectedText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const box = document.getElementById('json') as HTMLTextAreaElement;
    return box.value.slice(box.selectionStart, box.selectionEnd);
  });
}

describe('the Export model JSON dialog', () => {
  it('says "Copied." when the clipboard takes the JSON', async () => {
    const page = await dialog('resolves', false);
    await expect.poll(() => page.textContent('#status')).toBe('Copied.');
    await page.close();
  });

  it('copies the selection when the clipboard API is refused but the browser copies', async () => {
    const page = await dialog('rejects', true);
    await expect.poll(() => page.textContent('#status')).toBe('Copied.');
    await page.close();
  });

  it('says the copy failed and leaves the whole JSON selected for Ctrl+C when both are refused', async () => {
    for (const clipboard of ['rejects', 'missing'] as const) {
      const page = await dialog(clipboard, false);
      await expect.poll(() => page.textContent('#status')).toMatch(/did not allow copying.*press Ctrl\+C/);
      expect(await selectedText(page)).toBe(json);
      if (clipboard === 'rejects') {
        // For a look by eye: what the user sees then.
        writeFileSync(join(tmpdir(), 'export-copy-refused.png'), await page.screenshot());
      }
      await page.close();
    }
  });
});
