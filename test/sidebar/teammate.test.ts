// Two people edit the model in their own sidebars (issue 16, minor): the one still editing is told that the
// other saved, and Reload can re-apply their unsaved edit to the saved model instead of throwing it away.
// Against the built sidebar and the emulation (`node build.mjs` first).
import { afterEach, describe, expect, it } from 'vitest';
import { openSidebar, type SidebarSession } from '../support/sidebarHarness';
import { messageText, openRule, ready, ruleField, sheetModel } from './helpers';

const TIMEOUT = 120_000;
let session: SidebarSession | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

describe('a teammate saved meanwhile', () => {
  it(
    'tells the one still editing, and Reload and keep my changes puts their edit on the saved model',
    async () => {
      session = await openSidebar();
      const { emulator, browser, server } = session;
      const open = async () => {
        const page = await browser.newPage({ viewport: { width: 300, height: 900 } });
        await page.addInitScript(() => Object.assign(window, { leadScoringPollMs: 500 }));
        await page.goto(`${server.url}/sidebar`);
        await ready(page);
        return page;
      };
      const mine = await open();
      const theirs = await open();
      await openRule(mine, 'Requested a demo');
      await ruleField(mine, 'Points').fill('16');
      await openRule(theirs, 'Manager');
      await ruleField(theirs, 'Points').fill('7');
      await expect.poll(() => theirs.getByTestId('save').isEnabled()).toBe(true);
      await theirs.getByTestId('save').click();
      await expect.poll(() => messageText(theirs), { timeout: 15_000 }).toMatch(/^Saved as version/);

      await expect
        .poll(() => messageText(mine), { timeout: 15_000 })
        .toMatch(/changed since you opened it \(a teammate’s save/);
      await mine.screenshot({ path: 'test-results/teammate-saved.png' });
      await mine.getByTestId('reload-keep').click();
      await expect
        .poll(() => messageText(mine), { timeout: 15_000 })
        .toMatch(
          /^Reloaded the model saved meanwhile and re-applied your unsaved changes \(rule "Requested a demo": points \d+ → 16\)/,
        );
      await mine.getByTestId('save').click();
      await expect.poll(() => messageText(mine), { timeout: 15_000 }).toMatch(/^Saved as version/);
      const saved = sheetModel(emulator);
      expect(saved.rules.find((rule) => rule.name === 'Requested a demo')?.points).toBe(16);
      expect(saved.rules.find((rule) => rule.name === 'Manager')?.points).toBe(7);
    },
    TIMEOUT,
  );
});
