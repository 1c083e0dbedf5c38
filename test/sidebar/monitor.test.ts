// The Monitor section in a real browser (Chromium) against the emulation: pick the date column, the period, the
// baseline and the sales-verdict column, build the Monitor sheet, read the findings. Screenshots go to the temp
// directory; UPDATE_SCREENSHOTS=1 writes docs/screenshots/sidebar-monitor.png.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MONITOR_HEADERS, MONITOR_MODEL, monitorLeads } from '../core/monitor/generate';
import { ROOT_DIR } from '../support/paths';
import { openSidebar, type SidebarSession } from '../support/sidebarHarness';
import { ready } from './helpers';

const TIMEOUT = 90_000;
const SHOTS = process.env.UPDATE_SCREENSHOTS ? join(ROOT_DIR, 'docs', 'screenshots') : tmpdir();
let session: SidebarSession | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

describe('Monitor section', () => {
  it(
    'builds the Monitor sheet by quarter with a baseline and sales verdicts, and lists what it found',
    async () => {
      session = await openSidebar();
      const { emulator } = session;
      const state = emulator.run('getSidebarState', [], 'FULL') as { revision: string };
      expect(emulator.run('saveModel', [MONITOR_MODEL, state.revision], 'FULL')).toMatchObject({ ok: true });
      const leads = [
        ...monitorLeads({ months: 12, leadsPerMonth: 300, breakMonth: 8, salesVerdicts: true, seed: 5 }),
      ];
      const sheet = emulator.spreadsheet.insertSheet('Leads');
      sheet.insertRowsAfter(sheet.getMaxRows(), leads.length + 1 - sheet.getMaxRows());
      sheet
        .getRange(1, 1, leads.length + 1, MONITOR_HEADERS.length)
        .setValues([MONITOR_HEADERS, ...leads.map((l) => l.row)]);
      sheet.activate();
      // The sidebar opened again reads the new leads' columns.
      const page = await session.openAnother();
      await ready(page);
      await page.evaluate(() => {
        (document.getElementById('section-monitor') as HTMLDetailsElement).open = true;
      });
      const dateChoices = await page.getByTestId('monitor-date-column').locator('option').allTextContents();
      expect(dateChoices).toEqual(['Found by itself (e.g. Created)', ...MONITOR_HEADERS]);
      await page.getByTestId('monitor-date-column').selectOption('Created');
      await page.getByTestId('monitor-every').selectOption('quarter');
      await page.getByTestId('monitor-from').fill('2026-01-01');
      await page.getByTestId('monitor-to').fill('2026-06-30');
      await page.getByTestId('monitor-sales-verdict').selectOption('Sales verdict');
      await page.getByTestId('build-monitor').click();
      const result = page.getByTestId('monitor-result');
      await result.getByText(/^Sheet “Monitor”/).waitFor({ timeout: 30_000 });
      expect(await result.locator('p').first().textContent()).toMatch(
        /^Sheet “Monitor”: 4 quarters by “Created”, [12] ranked worse than the baseline\.$/,
      );
      const verdicts = await page.getByTestId('monitor-verdicts').locator('li').allTextContents();
      expect(verdicts[0]).toMatch(
        /came in since Q3 2026 .* worse .*refit with Suggest on the leads since Q3 2026\./,
      );
      const written = emulator.spreadsheet.getSheetByName('Monitor')!.getDataRange().getValues();
      expect(
        written.filter(
          (row) => /^Q\d 2026/.test(String(row[0])) && row[1] !== '' && /^\d{4}-/.test(String(row[1])),
        ),
      ).toHaveLength(4);
      expect(written.some((row) => row.includes('Sales accepted'))).toBe(true);
      await result.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, 'sidebar-monitor.png'), fullPage: false });
    },
    TIMEOUT,
  );

  it(
    'says in the section, in plain words, when the date column is not there',
    async () => {
      session = await openSidebar();
      const { page, emulator } = session;
      await ready(page);
      await page.evaluate(() => {
        (document.getElementById('section-monitor') as HTMLDetailsElement).open = true;
      });
      // The sample leads have no outcome dates named like "Created": the last activity is the date found.
      await page.getByTestId('monitor-every').selectOption('week');
      await page.getByTestId('build-monitor').click();
      const result = page.getByTestId('monitor-result');
      await result.getByText(/^Sheet “Monitor”/).waitFor({ timeout: 30_000 });
      expect(await result.locator('p').first().textContent()).toMatch(/weeks by “Last activity”/);
      emulator.spreadsheet.getSheetByName('Sample leads')!.getRange('L1').setValue('Last touch');
      await page.getByTestId('monitor-date-column').selectOption('Last activity');
      await page.getByTestId('build-monitor').click();
      await result.getByRole('alert').waitFor({ timeout: 30_000 });
      expect(await result.getByRole('alert').textContent()).toMatch(
        /no date column "Last activity" \(columns: Lead, /,
      );
    },
    TIMEOUT,
  );
});
