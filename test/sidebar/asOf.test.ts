// The sidebar's "As of column" (contract v2 §9), in Chromium: the picker lists the leads' columns, the live
// preview judges each lead as of its day there, and the save writes the setting to the model sheet.
// Run `node build.mjs` first (npm test does).
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileModel } from '../../src/core/engine';
import type { Model } from '../../src/core/model';
import { starterModel } from '../../src/core/starterModel';
import type { Emulator } from '../../src/emulation';
import { ROOT_DIR } from '../support/paths';
import { openSidebar, type SidebarSession } from '../support/sidebarHarness';
import { bandCounts, countsChangedFrom, messageText, ready, sheetModel } from './helpers';

const TIMEOUT = 90_000;
let session: SidebarSession | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

function engineCounts(emulator: Emulator, model: Model): number[] {
  const [headers, ...rows] = emulator.spreadsheet.getSheetByName('Sample leads')!.getDataRange().getValues();
  const compiled = compileModel(model, headers!, { timeZone: emulator.spreadsheet.getSpreadsheetTimeZone() });
  if (!compiled.ok) throw new Error(compiled.problems.map((p) => p.message).join('\n'));
  const counts = model.bands.map(() => 0);
  for (const row of rows) counts[compiled.compiled.bandIndex(compiled.compiled.scoreValue(row))]! += 1;
  return counts;
}

describe('sidebar: As of column', () => {
  it(
    'picks a column, previews each lead as of its day there, saves it to the model sheet and shows it again',
    async () => {
      session = await openSidebar();
      const { page, emulator } = session;
      await ready(page);
      const before = await bandCounts(page);
      expect(before).toEqual(engineCounts(emulator, starterModel()));

      await page.getByTestId('section-model').locator('summary').click();
      const picker = page.getByTestId('settings-asof-column');
      const options = await picker.locator('option').allTextContents();
      expect(options[0]).toBe('(none: every lead as of the date above)');
      expect(options).toContain('Last activity');
      await picker.selectOption('Last activity');
      // Judged as of its last activity, no lead's activity has decayed: the preview shows the engine's counts.
      const withAsOf: Model = {
        ...starterModel(),
        settings: { ...starterModel().settings, asOfColumn: 'Last activity' },
      };
      const after = await countsChangedFrom(page, before);
      expect(after).toEqual(engineCounts(emulator, withAsOf));
      await picker.evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: join(ROOT_DIR, 'test-results', 'sidebar-as-of-column.png') });

      await page.getByTestId('save').click();
      await expect.poll(() => messageText(page), { timeout: 15_000 }).toMatch(/^Saved as version \d+\.$/);
      expect(sheetModel(emulator).settings?.asOfColumn).toBe('Last activity');

      const again = await session.openAnother();
      await ready(again);
      await again.getByTestId('section-model').locator('summary').click();
      expect(await again.getByTestId('settings-asof-column').inputValue()).toBe('Last activity');
      await again.getByTestId('settings-asof-column').selectOption('');
      await again.getByTestId('save').click();
      await expect.poll(() => messageText(again), { timeout: 15_000 }).toMatch(/^Saved as version \d+\.$/);
      expect(sheetModel(emulator).settings?.asOfColumn).toBeUndefined();
    },
    TIMEOUT,
  );
});
