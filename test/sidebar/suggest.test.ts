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

const SUGGESTED = 'Suggested model';

/** Adds "Sales verdict" to the sample leads: typed in by sales after the outcome, so it all but records it. */
function addLeakyColumn(emulator: SidebarSession['emulator']): void {
  const leads = emulator.spreadsheet.getSheetByName('Sample leads')!;
  const outcome = sheetModel(emulator).outcome!;
  const [headers = [], ...rows] = leads.getDataRange().getValues();
  const at = headers.indexOf(outcome.column);
  const won = new Set(outcome.positive.map((v) => v.toLowerCase()));
  leads.insertColumnsAfter(leads.getMaxColumns(), 1);
  const verdicts = rows.map((row) => [won.has(String(row[at]).toLowerCase()) ? 'Closed won' : 'Closed lost']);
  leads.getRange(1, leads.getMaxColumns(), rows.length + 1, 1).setValues([['Sales verdict'], ...verdicts]);
}

/** The Keep tick of "Sales verdict" in the Suggested model sheet's leakage table (null: not listed). */
function sheetTick(emulator: SidebarSession['emulator']): unknown {
  const values = emulator.spreadsheet.getSheetByName(SUGGESTED)!.getDataRange().getValues();
  const heading = values.findIndex((row) => row[0] === 'Column' && row[3] === 'Keep');
  const row = values.slice(heading + 1).find((r) => r[0] === 'Sales verdict');
  return heading < 0 || !row ? null : row[3];
}

function rulesOnVerdict(emulator: SidebarSession['emulator']): number {
  const stored = emulator.run('getSuggestion', [], 'FULL') as Suggestion;
  return stored.model.rules.filter((rule) => rule.column === 'Sales verdict').length;
}

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

  it(
    'shows a flagged column with the guard’s figures; Keep keeps it at the next Suggest, ticked on the sheet too, and unticking leaves it out again',
    async () => {
      session = await openSidebar();
      const { page, emulator } = session;
      await ready(page);
      addLeakyColumn(emulator);
      await openSection(page, 'suggest');
      await page.getByTestId('suggest').click();
      const finding = page.getByTestId('suggest-leakage').filter({ hasText: '“Sales verdict”' });
      await finding.filter({ hasText: 'was left out' }).waitFor({ timeout: 20_000 });
      expect(await finding.textContent()).toMatch(/AUC \d\.\d\d/);
      const keep = finding.getByTestId('suggest-keep');
      expect(await keep.isChecked()).toBe(false);
      expect(rulesOnVerdict(emulator)).toBe(0);
      expect(sheetTick(emulator)).toBe(false);

      // Tick Keep in the sidebar: stored, and the sheet's tick shows it before any new fit.
      await keep.check();
      await page.getByTestId('message-suggest').filter({ hasText: 'is kept at the next Suggest' }).waitFor();
      expect(sheetTick(emulator)).toBe(true);
      await page.getByTestId('suggest').click();
      await finding.filter({ hasText: 'was kept on purpose' }).waitFor({ timeout: 20_000 });
      expect(rulesOnVerdict(emulator)).toBeGreaterThan(0);
      expect(sheetTick(emulator)).toBe(true);
      expect(await finding.getByTestId('suggest-keep').isChecked()).toBe(true);
      await page.waitForTimeout(300);
      expect(await page.getByTestId('message-suggest').isVisible()).toBe(false); // the tick's note is done
      await page.locator('#section-suggest').screenshot({ path: join(SHOTS, 'suggest-keep-leaky.png') });

      // Untick: the guard leaves it out again at the next Suggest.
      await finding.getByTestId('suggest-keep').uncheck();
      await page.getByTestId('message-suggest').filter({ hasText: 'is left out again' }).waitFor();
      expect(sheetTick(emulator)).toBe(false);
      await page.getByTestId('suggest').click();
      await finding.filter({ hasText: 'was left out' }).waitFor({ timeout: 20_000 });
      expect(rulesOnVerdict(emulator)).toBe(0);

      // One list: a tick on the sheet shows in a sidebar opened afterwards.
      const values = emulator.spreadsheet.getSheetByName(SUGGESTED)!.getDataRange().getValues();
      const r = values.findIndex((row) => row[0] === 'Sales verdict' && typeof row[3] === 'boolean');
      emulator.spreadsheet
        .getSheetByName(SUGGESTED)!
        .getRange(r + 1, 4)
        .setValue(true);
      const other = await session.openAnother();
      await ready(other);
      await openSection(other, 'suggest');
      const shown = other.getByTestId('suggest-leakage').filter({ hasText: '“Sales verdict”' });
      await shown.waitFor({ timeout: 20_000 });
      expect(await shown.getByTestId('suggest-keep').isChecked()).toBe(true);
    },
    TIMEOUT,
  );
});
