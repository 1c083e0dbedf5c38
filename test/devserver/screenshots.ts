// Takes the screenshots of docs/local-page.md: the local page (`npm start`) in Chromium at 1400×900.
// Run: node build.mjs && npx tsx test/devserver/screenshots.ts
// The imported-leads picture uses /work/shared/data/x-education-leads.csv with docs/examples/x-education-model.json
// when they are there (else a generated file of the same size and the starter model).
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Page } from 'playwright-core';
import { sampleLeads } from '../../src/core/sampleLeads';
import { ROOT_DIR } from '../support/paths';
import { openLocalPage, openTab, runMenu, shown, textOf } from './localPage';

const OUT_DIR = join(ROOT_DIR, 'docs', 'screenshots');
const X_EDUCATION = '/work/shared/data/x-education-leads.csv';

async function shot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(OUT_DIR, `${name}.png`) });
  console.log(`docs/screenshots/${name}.png`);
}

async function rpc(page: Page, name: string, args: unknown[]): Promise<unknown> {
  return page.evaluate(
    async ({ name, args }) =>
      (await fetch('/rpc', { method: 'POST', body: JSON.stringify({ name, args }) })).json(),
    { name, args },
  );
}

await mkdir(OUT_DIR, { recursive: true });
const session = await openLocalPage();
try {
  const { page } = session;
  // A confirmation the add-on raises: the script waits for the answer.
  await runMenu(page, 'Insert simple starter (no activity log)');
  await shown(page.getByRole('dialog', { name: 'Replace the model?' }));
  await shot(page, 'local-dialog');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

  // The calibration sheet with its chart drawn.
  await runMenu(page, 'Score this sheet');
  await textOf(page.locator('#toast'), 'Scored');
  await runMenu(page, 'Build calibration sheet');
  await shown(page.getByTestId('chart'));
  await page.locator('#toast').waitFor({ state: 'hidden', timeout: 15_000 });
  await shot(page, 'local-calibration-chart');

  // Someone's own export: X Education's 9,237 rows with a model for its columns.
  let csv: string;
  let fileName: string;
  if (existsSync(X_EDUCATION)) {
    const model = JSON.parse(readFileSync(join(ROOT_DIR, 'docs/examples/x-education-model.json'), 'utf8'));
    const state = (await rpc(page, 'getSidebarState', [])) as { value: { revision: string } };
    const saved = (await rpc(page, 'saveModel', [model, state.value.revision])) as {
      ok: boolean;
      value: unknown;
    };
    console.log('model saved:', JSON.stringify(saved).slice(0, 120));
    csv = readFileSync(X_EDUCATION, 'utf8');
    fileName = 'x-education-leads.csv';
  } else {
    const rows = sampleLeads({ count: 9237, today: Date.UTC(2026, 0, 15) / 86_400_000 });
    csv = stringify(rows);
    fileName = 'generated-leads.csv';
  }
  const started = Date.now();
  await page
    .locator('#import-file')
    .setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const sheet = fileName.replace(/\.csv$/, '');
  await shown(page.getByRole('tab', { name: sheet, selected: true }), 'visible', 120_000);
  await shown(page.locator('#grid tr[data-row="2"]'));
  console.log(`imported and drawn in ${Date.now() - started} ms`);
  await openTab(page, sheet);
  const paging = Date.now();
  await page.getByRole('button', { name: 'Next ▶' }).click();
  await textOf(page.getByTestId('page-info'), 'Rows 202–401');
  console.log(`next page drawn in ${Date.now() - paging} ms`);
  await page.getByRole('button', { name: '◀ Previous' }).click();
  await textOf(page.getByTestId('page-info'), 'Rows 2–201');
  // Band colours come with Score this sheet; a reload brings the sidebar up to date with the new model.
  await runMenu(page, 'Score this sheet');
  await textOf(page.locator('#toast'), 'Scored', 120_000);
  await session.reload();
  await shown(page.locator('#grid tr[data-row="2"]'));
  await page.locator('#scroller').evaluate((scroller) => {
    scroller.scrollLeft = scroller.scrollWidth; // the score, band and reasons columns at the right
  });
  await page.waitForTimeout(1_500);
  await shot(page, 'local-imported-leads');
} finally {
  await session.close();
}
