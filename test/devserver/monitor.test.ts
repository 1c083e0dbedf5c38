// The local page shows the Monitor sheet with its two charts (issue 15): 12,000 generated leads over 12 months
// imported as a CSV, the model for their columns saved, then Build monitor sheet from the menu. The screenshot
// goes to the temp directory; UPDATE_SCREENSHOTS=1 writes docs/screenshots/local-monitor.png.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { MONITOR_HEADERS, MONITOR_MODEL, monitorLeads } from '../core/monitor/generate';
import { ROOT_DIR } from '../support/paths';
import { type LocalPageSession, openLocalPage, runMenu, shown, textOf } from './localPage';

const TIMEOUT = 180_000;
const SHOTS = process.env.UPDATE_SCREENSHOTS ? join(ROOT_DIR, 'docs', 'screenshots') : tmpdir();
let session: LocalPageSession | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

async function rpc(page: Page, name: string, args: unknown[]): Promise<{ ok: boolean; value: unknown }> {
  return page.evaluate(
    async ({ name, args }) =>
      (await fetch('/rpc', { method: 'POST', body: JSON.stringify({ name, args }) })).json(),
    { name, args },
  );
}

describe('the local page shows the Monitor sheet', () => {
  it(
    'draws conversion per band and AUC over time as lines, from 12,000 imported leads',
    async () => {
      session = await openLocalPage({ height: 1000 });
      const { page } = session;
      const state = (await rpc(page, 'getSidebarState', [])) as { value: { revision: string } };
      const saved = (await rpc(page, 'saveModel', [MONITOR_MODEL, state.value.revision])) as {
        value: { ok: boolean };
      };
      expect(saved.value.ok).toBe(true);
      const leads = [...monitorLeads({ months: 12, leadsPerMonth: 1000, breakMonth: 8, seed: 11 })];
      await page.locator('#import-file').setInputFiles({
        name: 'monitor-leads.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(stringify([MONITOR_HEADERS, ...leads.map((l) => l.row)])),
      });
      await shown(page.getByRole('tab', { name: 'monitor-leads', selected: true }), 'visible', 120_000);

      await runMenu(page, 'Build monitor sheet');
      await shown(page.getByRole('tab', { name: 'Monitor', selected: true }), 'visible', 60_000);
      const charts = page.getByTestId('chart');
      await expect.poll(() => charts.count(), { timeout: 20_000 }).toBe(2);
      expect(await charts.locator('figcaption').allInnerTexts()).toEqual([
        'Conversion per band over time',
        'AUC over time (0.5 = no better than chance)',
      ]);
      // Four bands as four lines; the AUC line falls from month 8 on while the baseline's stays level.
      expect(await charts.nth(0).locator('polyline').count()).toBe(4);
      const auc = await charts
        .nth(1)
        .locator('circle')
        .evaluateAll((dots) =>
          dots.map((d) => ({
            series: (d as SVGElement).dataset.series,
            value: Number((d as SVGElement).dataset.value),
          })),
        );
      const own = auc.filter((d) => d.series === 'AUC').map((d) => d.value);
      expect(own).toHaveLength(12);
      expect(Math.min(...own.slice(0, 7))).toBeGreaterThan(0.65);
      expect(Math.max(...own.slice(8))).toBeLessThan(0.6);
      await textOf(page.locator('#grid'), 'Verdicts (newest first)');
      await page.locator('#toast').waitFor({ state: 'hidden', timeout: 15_000 });
      await page.mouse.move(0, 0);
      await page.screenshot({ path: join(SHOTS, 'local-monitor.png') });
    },
    TIMEOUT,
  );
});
