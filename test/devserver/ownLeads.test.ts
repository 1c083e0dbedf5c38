// Done-when of issue 16, in the browser on the local page: Import CSV… of a generated 34-column export the
// starter model does not fit → Suggest → Apply → Build calibration sheet (with Compare) → CRM hand-over →
// Download scored CSV, with no error dialog. On the way, the one-line message a command gives when the model
// does not fit, and screenshots of it and of the import.
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { WIDE_EXPORT_NAME, wideExportCsv } from '../support/wideExport';
import { cell, type LocalPageSession, openLocalPage, runMenu, shown, textOf } from './localPage';

const TIMEOUT = 240_000;
const SHOTS = process.env.SHOTS_DIR ?? '/tmp/jr';
let session: LocalPageSession | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

describe('your own leads on the local page', () => {
  it(
    'Import → Suggest → Apply → Calibration with Compare → CRM hand-over → scored CSV, with no error dialog',
    async () => {
      session = await openLocalPage();
      const { page } = session;
      const errorDialog = page.getByRole('dialog', { name: 'Lead Scoring' });
      await page.locator('#import-file').setInputFiles({
        name: `${WIDE_EXPORT_NAME}.csv`,
        mimeType: 'text/csv',
        buffer: Buffer.from(wideExportCsv()),
      });
      await shown(page.getByRole('tab', { name: WIDE_EXPORT_NAME, selected: true }), 'visible', 120_000);
      // The formulas' header cell says in a few words that the model does not fit.
      await textOf(cell(page, 'AI1'), /^LEADSCORE: \d+ rules read columns the data doesn't have/);
      await page.screenshot({ path: `${SHOTS}/local-import.png` });

      // Score this sheet with the starter: one short sentence with the remedy.
      await runMenu(page, 'Score this sheet');
      await shown(errorDialog);
      const message = await page.locator('#dialog-message').innerText();
      expect(message).toMatch(
        /^\d+ rules read columns "course-leads-export" doesn't have \(Company size, Position, [^,]+, …\): pick the model's columns with Remap in the sidebar, or Suggest a model from these leads\.$/,
      );
      await page.screenshot({ path: `${SHOTS}/local-error-message.png` });
      await errorDialog.getByRole('button', { name: 'OK' }).click();
      await shown(errorDialog, 'hidden');

      await runMenu(page, 'Suggest a model');
      await textOf(page.locator('#toast'), /left out of the comparison/, 120_000);
      expect(await errorDialog.isVisible()).toBe(false);

      await runMenu(page, 'Apply suggested model');
      const apply = page.getByRole('dialog', { name: 'Apply the suggested model?' });
      await shown(apply);
      await apply.getByRole('button', { name: 'OK' }).click();
      await textOf(page.locator('#toast'), /The suggested model is version \d+/, 60_000);
      expect(await errorDialog.isVisible()).toBe(false);

      await runMenu(page, 'Build calibration sheet');
      await shown(page.getByRole('tab', { name: 'Calibration', selected: true }), 'visible', 120_000);
      await textOf(
        page.locator('#grid'),
        /left out of the comparison: it reads columns these leads do not have/,
      );
      expect(await errorDialog.isVisible()).toBe(false);

      await runMenu(page, 'CRM hand-over');
      await shown(page.getByRole('tab', { name: 'CRM hand-over', selected: true }), 'visible', 60_000);
      expect(await errorDialog.isVisible()).toBe(false);

      await page.getByRole('tab', { name: WIDE_EXPORT_NAME, exact: true }).click();
      await shown(page.getByRole('tab', { name: WIDE_EXPORT_NAME, selected: true }));
      await textOf(cell(page, 'AI1'), 'Score');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByText('Download scored CSV').click(),
      ]);
      const rows = parse(await streamText(await download.createReadStream()), { bom: true }) as string[][];
      expect(rows).toHaveLength(1501);
      // The suggested model gives no grades: no Grade column that would only ever be empty.
      expect(rows[0]?.slice(-3)).toEqual(['Score', 'Band', 'Reasons']);
      expect(rows[1]?.at(-3)).toMatch(/^\d+(\.\d+)?$/);
      expect(await errorDialog.isVisible()).toBe(false);
    },
    TIMEOUT,
  );
});
