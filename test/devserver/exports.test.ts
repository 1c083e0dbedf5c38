// Export model JSON and Export SQL… from the menu of the local page (issue 16, item 6): the add-on's HTML
// dialog is shown, its Copy and Download work, and the SQL comes in each dialect.
import { afterEach, describe, expect, it } from 'vitest';
import { type LocalPageSession, openLocalPage, runMenu, shown } from './localPage';

const TIMEOUT = 120_000;
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

describe('exports from the menu on the local page', () => {
  it(
    'Export model JSON shows the JSON in a dialog and downloads it',
    async () => {
      session = await openLocalPage();
      const { page } = session;
      await runMenu(page, 'Export model JSON');
      const dialog = page.getByRole('dialog', { name: 'Model JSON' });
      await shown(dialog);
      const frame = page.frameLocator('#html-dialog-frame');
      const json = JSON.parse(await frame.locator('#json').inputValue()) as {
        name: string;
        rules: unknown[];
      };
      expect(json.rules.length).toBeGreaterThan(5);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        frame.getByRole('button', { name: 'Download' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`${json.name}.json`);
      expect(JSON.parse(await streamText(await download.createReadStream()))).toEqual(json);
      await dialog.getByRole('button', { name: 'Close' }).click();
      await shown(dialog, 'hidden');
    },
    TIMEOUT,
  );

  it(
    'Export SQL… offers Postgres, DuckDB and BigQuery, copies and downloads the SELECT',
    async () => {
      session = await openLocalPage();
      const { page } = session;
      await runMenu(page, 'Export SQL…');
      const dialog = page.getByRole('dialog', { name: 'Model as SQL' });
      await shown(dialog);
      const frame = page.frameLocator('#html-dialog-frame');
      const postgres = await frame.getByLabel('SQL').inputValue();
      expect(postgres).toMatch(/SELECT/);
      expect(postgres).toMatch(/FROM "?leads"? /);
      await frame.getByLabel('Database').selectOption('bigquery');
      const bigquery = await frame.getByLabel('SQL').inputValue();
      expect(bigquery).toMatch(/SELECT/);
      expect(bigquery).not.toBe(postgres);
      await page.screenshot({ path: `${SHOTS}/local-export-sql.png` });
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        frame.getByRole('button', { name: 'Download' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\(bigquery\)\.sql$/);
      expect(await streamText(await download.createReadStream())).toBe(bigquery);
    },
    TIMEOUT,
  );
});
