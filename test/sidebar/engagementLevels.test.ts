// v2 §10 in the sidebar (Chromium, the built sidebar against the emulation): the Engagement levels editor,
// like the grades one, shows a level's problem beside its field and saves exactly the levels typed.
import { afterEach, describe, expect, it } from 'vitest';
import { starterModel } from '../../src/core/starterModel';
import { parseModel } from '../../src/core/validate';
import { openSidebar, type SidebarSession } from '../support/sidebarHarness';
import { messageText, ready, sheetModel } from './helpers';

const TIMEOUT = 60_000;
let session: SidebarSession | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

describe('the Engagement levels editor', () => {
  it(
    'adds levels, names the one out of order beside its field, and saves the levels',
    async () => {
      session = await openSidebar({ seed: 'starter' });
      const { page, emulator } = session;
      await ready(page);
      const levels = page.getByTestId('section-levels');
      await levels.locator('summary').click();
      expect(await levels.textContent()).toContain('No engagement levels.');
      for (let i = 0; i < 3; i++) await page.getByTestId('add-level').click();
      await page.getByTestId('level-0-name').fill('3');
      await page.getByTestId('level-1-name').fill('2');
      await page.getByTestId('level-1-min').fill('15');
      await page.getByTestId('level-2-name').fill('1');
      await page.getByTestId('level-2-min').fill('10');
      // The problem is shown beside the third level's lowest score, and the section counts it.
      await expect.poll(() => levels.locator('.badge').textContent(), { timeout: 15_000 }).toBe('1 problem');
      expect(await levels.textContent()).toContain('engagement levels must ascend: "1" (10) after "2" (15)');
      await page.getByTestId('level-2-min').fill('30');
      await expect.poll(() => page.getByTestId('save').isEnabled()).toBe(true);
      await page.getByTestId('save').click();
      await expect.poll(() => messageText(page), { timeout: 15_000 }).toMatch(/^Saved/);
      const expected = parseModel({
        ...starterModel(),
        engagementLevels: [
          { name: '3', min: null },
          { name: '2', min: 15 },
          { name: '1', min: 30 },
        ],
      });
      expect(expected.ok && sheetModel(emulator)).toEqual(expected.ok && expected.model);
    },
    TIMEOUT,
  );
});
