// The Suggest section in a real browser (Chromium) against the emulation: Suggest from the sidebar, open the
// suggestion as a draft, see its rules and the preview, save it; and the Calibration section's refitted points
// opened as a draft. Screenshots go to the temp directory; UPDATE_SCREENSHOTS=1 writes docs/screenshots/suggest-*.png
// (they hold the build time, so a plain test run leaves the docs alone).
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Suggestion } from '../../src/shared/sidebarApi';
import { ROOT_DIR } from '../support/paths';
import { openSidebar, type SidebarSession } from '../support/sidebarHarness';
import { bandCounts, countsChangedFrom, ready, sheetModel } from './helpers';

const TIMEOUT = 60_000;
const SHOTS = process.env.UPDATE_SCREENSHOTS ? join(ROOT_DIR, 'docs', 'screenshots') : tmpdir();
let session: SidebarSession | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

async function openSection(page: SidebarSession['page'], id: string): Promise<void> {
  await page.evaluate((section) => {
    const details = document.getElementById(`section-${section}`) as HTMLDetailsElement | null;
    if (details) details.open = true;
  }, id);
}

describe('Suggest section', () => {
  it(
    'suggests from the sidebar, opens the suggestion as a draft (its rules and the preview), and saves it as a version',
    async () => {
      session = await openSidebar();
      const { page, emulator } = session;
      await ready(page);
      const before = await bandCounts(page);
      await openSection(page, 'suggest');
      await page.getByTestId('suggest').click();
      const summary = page.getByTestId('suggest-summary');
      await summary.first().waitFor({ timeout: 20_000 });
      expect(await summary.textContent()).toMatch(/^\d+ rules, held-out AUC 0\.\d\d/);
      const stored = emulator.run('getSuggestion', [], 'FULL') as Suggestion;
      const listed = await page.getByTestId('suggest-rules').locator('li').allTextContents();
      expect(listed).toHaveLength(stored.model.rules.length);
      expect(emulator.spreadsheet.getSheetByName('Suggested model')).not.toBeNull();

      await page.getByTestId('suggest-open').click();
      // The editor now holds the suggested rules, unsaved; the preview scores the leads with them.
      const names = await page.getByTestId('rule-row').allTextContents();
      for (const rule of stored.model.rules) expect(names.some((n) => n.includes(rule.name))).toBe(true);
      expect(names).toHaveLength(stored.model.rules.length);
      const after = await countsChangedFrom(page, before);
      expect(after.reduce((a, b) => a + b, 0)).toBe(200);
      await page.getByTestId('save-reason').filter({ hasText: 'Unsaved changes.' }).waitFor();
      await page.waitForTimeout(300);
      await page.screenshot({
        path: join(SHOTS, 'suggest-draft.png'),
        fullPage: true,
      });

      await page.getByTestId('save').click();
      await page
        .getByText(/Saved as version 2\./)
        .first()
        .waitFor();
      expect(sheetModel(emulator).rules.map((r) => r.name)).toEqual(stored.model.rules.map((r) => r.name));
    },
    TIMEOUT,
  );

  it(
    'Apply as new version from the sidebar, and the Calibration section opens the refitted points as a draft',
    async () => {
      session = await openSidebar();
      const { page, emulator } = session;
      await ready(page);
      await openSection(page, 'suggest');
      await page.getByTestId('suggest').click();
      await page.getByTestId('suggest-apply').first().waitFor({ timeout: 20_000 });
      await page.getByTestId('suggest-apply').click();
      await page
        .getByText(/The suggested model is version 2\./)
        .first()
        .waitFor({ timeout: 20_000 });
      const stored = emulator.run('getSuggestion', [], 'FULL') as Suggestion;
      expect(sheetModel(emulator)).toEqual(stored.model);
      await page.screenshot({
        path: join(SHOTS, 'suggest-applied.png'),
        fullPage: true,
      });

      await openSection(page, 'calibration');
      await page.getByTestId('refit-open').click();
      await page
        .getByText(/refitted points are in the editor as a draft/)
        .first()
        .waitFor({ timeout: 20_000 });
      await page.getByTestId('save-reason').filter({ hasText: 'Unsaved changes.' }).waitFor();
      expect(sheetModel(emulator)).toEqual(stored.model); // a draft: nothing saved
    },
    TIMEOUT,
  );
});
