// The local page draws what Sheets would (issue 12, item 9): the band colours of the conditional formats,
// the calibration chart, checkboxes, long text wrapped in full; the grid follows a sidebar save at once; a
// reload does not show old toasts again.
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  cell,
  type LocalPageSession,
  openLocalPage,
  openTab,
  runMenu,
  shown,
  sidebar,
  textOf,
} from './localPage';

const TIMEOUT = 120_000;
let session: LocalPageSession | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

/** Column O of the sample sheet (Band): each drawn band name with its background. */
async function bandFills(page: Page): Promise<Map<string, Set<string>>> {
  const cells = await page
    .locator('#grid tbody tr:not(.frozen) > td:nth-of-type(15)')
    .evaluateAll((tds) =>
      tds.map((td) => [td.textContent ?? '', getComputedStyle(td).backgroundColor] as const),
    );
  const fills = new Map<string, Set<string>>();
  // The empty cells drawn below the leads (room to type) have no band.
  for (const [band, fill] of cells)
    if (band !== '') fills.set(band, (fills.get(band) ?? new Set()).add(fill));
  return fills;
}

describe('the local page draws what Sheets would', () => {
  it(
    'colours each band as the conditional formats of Score this sheet say, and draws the calibration chart',
    async () => {
      session = await openLocalPage();
      const { page } = session;
      await openTab(page, 'Sample leads');
      const white = 'rgb(255, 255, 255)';
      const before = await bandFills(page);
      expect(
        [...before.values()].every((fills) =>
          [...fills].every((f) => f === 'rgba(0, 0, 0, 0)' || f === white),
        ),
      ).toBe(true);

      await runMenu(page, 'Score this sheet');
      await textOf(page.locator('#toast'), 'Scored 200 leads');
      await expect.poll(async () => (await bandFills(page)).get('Cold')?.has(white) === false).toBe(true);
      const after = await bandFills(page);
      expect([...after.keys()].sort()).toEqual(['Cold', 'Hot', 'Very hot', 'Warm']);
      for (const fills of after.values()) expect(fills.size).toBe(1); // one colour per band
      expect(new Set([...after.values()].map((fills) => [...fills][0])).size).toBe(4); // four different colours

      await runMenu(page, 'Build calibration sheet');
      await shown(page.getByRole('tab', { name: 'Calibration', selected: true }));
      const charts = page.getByTestId('chart');
      await expect.poll(() => charts.count(), { timeout: 20_000 }).toBe(3);
      expect(await charts.locator('figcaption').allInnerTexts()).toEqual([
        'Conversion rate per band (leads in brackets)',
        'Leads per score band, converted and not',
        'Gains: share of conversions in the top share of leads',
      ]);
      const chart = charts.nth(0);
      const bars = await chart.locator('rect').evaluateAll((rects) =>
        rects.map((r) => ({
          label: (r as SVGElement).dataset.label,
          value: Number((r as SVGElement).dataset.value),
          height: Number(r.getAttribute('height')),
        })),
      );
      expect(bars.map((b) => b.label?.replace(/ \(.*\)$/, ''))).toEqual(['Cold', 'Warm', 'Hot', 'Very hot']);
      // The bars follow the sheet's conversion rates: hotter bands convert more in the sample, and are taller.
      for (const bar of bars) expect(bar.value).toBeGreaterThanOrEqual(0);
      expect(bars[3]!.height).toBeGreaterThan(bars[0]!.height);

      // The score histogram: per band a converted part stacked on the not-converted one, as many leads as
      // the band table says; the gains curve: the model's line above the random-order diagonal.
      const parts = await charts
        .nth(1)
        .locator('rect[data-series]')
        .evaluateAll((rects) =>
          rects.map((r) => ({
            band: (r as SVGElement).dataset.label,
            series: (r as SVGElement).dataset.series,
            value: Number((r as SVGElement).dataset.value),
            y: Number(r.getAttribute('y')),
            height: Number(r.getAttribute('height')),
          })),
        );
      expect(parts).toHaveLength(8);
      const cold = parts.filter((p) => p.band === 'Cold');
      expect(cold.map((p) => p.series)).toEqual(['Converted', 'Not converted']);
      expect(cold[1]!.y + cold[1]!.height).toBeCloseTo(cold[0]!.y, 5); // stacked, not side by side
      const leadsPerBand = bars.map((b) => Number(/\((\d+)\)$/.exec(b.label ?? '')?.[1]));
      const stackedTotals = ['Cold', 'Warm', 'Hot', 'Very hot'].map((band) =>
        parts.filter((p) => p.band === band).reduce((sum, p) => sum + p.value, 0),
      );
      expect(stackedTotals).toEqual(leadsPerBand);
      const gains = charts.nth(2);
      expect(await gains.locator('polyline').count()).toBe(2);
      const points = await gains.locator('circle').evaluateAll((dots) =>
        dots.map((d) => ({
          series: (d as SVGElement).dataset.series,
          label: (d as SVGElement).dataset.label,
          value: Number((d as SVGElement).dataset.value),
        })),
      );
      const model = points.filter((p) => p.series === 'Share of conversions');
      const random = points.filter((p) => p.series === 'In random order');
      expect(model.map((p) => p.label)).toEqual(random.map((p) => p.label));
      expect(model[1]!.label).toBe('20.0%');
      expect(model[1]!.value).toBeGreaterThan(random[1]!.value);
      await charts.nth(1).scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${process.env.SHOTS_DIR ?? '/tmp'}/local-calibration-charts.png` });
    },
    TIMEOUT,
  );

  it(
    'draws the model sheet’s checkboxes as checkboxes that the user can tick, and long text as Sheets does: one line, spilling over empty cells or clipped',
    async () => {
      session = await openLocalPage();
      const { page } = session;
      await openTab(page, 'Sample leads');
      const reasons = cell(page, 'P3');
      const text = await reasons.innerText();
      expect(text.length).toBeGreaterThan(60);
      // No wrap set: one line, kept at the column's width; the last column's text spills to the right.
      const box = await reasons.evaluate((td) => ({
        overflow: getComputedStyle(td).overflow,
        whiteSpace: getComputedStyle(td).whiteSpace,
        width: td.getBoundingClientRect().width,
        height: td.getBoundingClientRect().height,
      }));
      expect(box).toMatchObject({ overflow: 'visible', whiteSpace: 'pre' });
      expect(box.width).toBeLessThanOrEqual(101);
      expect(box.height).toBeLessThan(30);
      // A long text whose right neighbour has content is clipped at the cell's edge (Activities, then Converted…).
      const clipped = await cell(page, 'A3').evaluate((td) => getComputedStyle(td).overflow);
      expect(clipped).toBe('hidden');

      await openTab(page, 'Lead Scoring Model');
      const boxes = page.locator('#grid input[type=checkbox]');
      await shown(boxes);
      expect(await boxes.count()).toBeGreaterThan(10);
      const first = boxes.first();
      const label = (await first.getAttribute('aria-label')) ?? '';
      const was = await first.isChecked();
      await first.click();
      await expect.poll(() => page.getByLabel(label, { exact: true }).isChecked()).toBe(!was);
      await session.reload();
      await openTab(page, 'Lead Scoring Model');
      await expect.poll(() => page.getByLabel(label, { exact: true }).isChecked()).toBe(!was);
    },
    TIMEOUT,
  );

  it(
    'redraws the scores at once after a save in the sidebar, and shows no old toast after a reload',
    async () => {
      session = await openLocalPage();
      const { page } = session;
      await openTab(page, 'Sample leads');
      const scores = () => page.locator('#grid tbody tr:not(.frozen) > td:nth-of-type(14)').allInnerTexts();
      const before = (await scores()).join(',');

      const panel = sidebar(page);
      await panel.getByTestId('save').waitFor({ timeout: 20_000 });
      await panel.getByTestId('rule-row').filter({ hasText: 'Decision maker' }).first().click();
      await panel.getByTestId('rule-form').getByLabel('Points', { exact: true }).fill('40');
      await panel.getByTestId('save').click();
      await panel
        .getByTestId('message-text')
        .getByText(/^Saved as version/)
        .waitFor({ timeout: 20_000 });
      // No reload and no polling interval: the page hears of the change and redraws.
      await expect.poll(async () => (await scores()).join(','), { timeout: 5_000 }).not.toBe(before);

      await runMenu(page, 'Score this sheet');
      await textOf(page.locator('#toast'), 'Scored 200 leads');
      await session.reload();
      await shown(page.locator('#grid table'));
      await page.waitForTimeout(1_000);
      expect(await page.locator('#toast').isVisible()).toBe(false);
    },
    TIMEOUT,
  );
});
