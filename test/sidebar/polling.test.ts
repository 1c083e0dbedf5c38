// A visible sidebar notices a model changed from the menu without spending a script run every 20 s
// (issue 16): it backs off while nothing changes, checks again soon after the user leaves it for the sheet
// (where the menu is), and at once when the user comes back. Intervals shortened through
// window.leadScoringPollMs / leadScoringPollMaxMs. Against the built sidebar (`node build.mjs` first).
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { nextPollDelay } from '../../src/sidebar/server';
import { openSidebar, type SidebarSession } from '../support/sidebarHarness';
import { messageText, ready, sheetModel } from './helpers';

const TIMEOUT = 90_000;
let session: SidebarSession | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

/** Counts the sidebar's getModelRevision calls (each one a script run in Sheets). */
function countRevisionCalls(page: Page): { count: number } {
  const calls = { count: 0 };
  page.on('request', (request) => {
    if (request.url().endsWith('/rpc') && request.postDataJSON()?.name === 'getModelRevision')
      calls.count += 1;
  });
  return calls;
}

describe('sidebar revision checks', () => {
  it('doubles the wait after each quiet check, up to the maximum, and starts again after a change', () => {
    const waits: number[] = [];
    let wait = 20_000;
    for (let i = 0; i < 6; i++) {
      wait = nextPollDelay(wait, 20_000, 300_000, false);
      waits.push(wait);
    }
    expect(waits).toEqual([40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
    expect(nextPollDelay(300_000, 20_000, 300_000, true)).toBe(20_000);
  });

  it(
    'backs off while nothing changes, yet notices a menu command soon after the user went to the sheet',
    async () => {
      session = await openSidebar();
      const { emulator, browser, server } = session;
      const page = await browser.newPage({ viewport: { width: 300, height: 900 } });
      await page.addInitScript(() =>
        Object.assign(window, { leadScoringPollMs: 300, leadScoringPollMaxMs: 60_000 }),
      );
      const calls = countRevisionCalls(page);
      await page.goto(`${server.url}/sidebar`);
      await ready(page);

      // 10 s of nothing: a fixed 300 ms interval would have asked ~33 times; backing off asks ~5.
      await page.waitForTimeout(10_000);
      expect(calls.count).toBeGreaterThanOrEqual(2);
      expect(calls.count).toBeLessThanOrEqual(7);

      // The user goes to the sheet and runs a menu command: the next check comes after the base wait,
      // not after the backed-off one (~10 s away by now).
      await page.evaluate(() => window.dispatchEvent(new Event('blur')));
      emulator.ui.queueAlertResponse('YES');
      emulator.run('insertStarterModel', [], 'FULL');
      await expect
        .poll(() => messageText(page), { timeout: 6_000 })
        .toMatch(/^The model sheet changed since the sidebar loaded it \(a menu command/);
      await expect.poll(() => page.getByTestId('rule-row').count()).toBe(sheetModel(emulator).rules.length);

      // Coming back to the sidebar asks once, at once.
      const before = calls.count;
      await page.evaluate(() => window.dispatchEvent(new Event('focus')));
      await expect.poll(() => calls.count, { timeout: 2_000 }).toBe(before + 1);
    },
    TIMEOUT,
  );
});
