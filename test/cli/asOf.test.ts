// The CLI with contract v2 §9 (settings.asOfColumn): the model JSON carries the setting, a column the CSV
// lacks is named, calibrate, suggest and the SQL export judge each past lead as of its day.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatIsoDay, parseIsoDay } from '../../src/core/cells';
import type { Model } from '../../src/core/model';
import { CLI_PATH } from '../support/paths';

function leadscore(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI_PATH, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const MODEL: Model = {
  name: 'Recent visits',
  settings: { asOf: '2026-06-30', asOfColumn: 'Closed on' },
  groups: [{ name: 'Web', kind: 'engagement' }],
  rules: [
    {
      name: 'Visited in the week before',
      group: 'Web',
      column: 'Last visit',
      operator: 'within days',
      value: 7,
      points: 20,
    },
  ],
  bands: [
    { name: 'Cold', min: null },
    { name: 'Hot', min: 20, salesReady: true },
  ],
  outcome: { column: 'Converted', positive: ['yes'], negative: ['no'] },
};

/** Leads decided in 2025: converters visited in the week before their decision. */
function leadsCsv(count = 400): string {
  const start = parseIsoDay('2025-01-01')!;
  const rows: string[][] = [['Email', 'Source', 'Last visit', 'Closed on', 'Converted']];
  for (let index = 0; index < count; index++) {
    const converted = index % 3 === 0;
    const closed = start + ((index * 7) % 330);
    const visit = closed - (converted ? index % 6 : 35 + (index % 40));
    const source = ['Ads', 'Referral', 'Event'][(index * 5 + (converted ? 1 : 0)) % 3]!;
    rows.push([
      `l${index}@x.com`,
      source,
      formatIsoDay(visit),
      formatIsoDay(closed),
      converted ? 'yes' : 'no',
    ]);
  }
  return stringify(rows);
}

let dir: string;
const file = (name: string) => join(dir, name);
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'leadscore-asof-'));
  writeFileSync(file('leads.csv'), leadsCsv());
  writeFileSync(file('model.json'), JSON.stringify(MODEL));
  const { asOfColumn: _column, ...settings } = MODEL.settings!;
  writeFileSync(file('today.json'), JSON.stringify({ ...MODEL, settings }));
});

describe('leadscore and settings.asOfColumn', () => {
  it('score judges each lead as of its Closed on day; a blank one as of --as-of', () => {
    writeFileSync(
      file('two.csv'),
      'Email,Last visit,Closed on\na@x.com,2025-03-05,2025-03-10\nb@x.com,2025-03-05,\n',
    );
    const { code, stdout, stderr } = leadscore(
      'score',
      '--model',
      file('model.json'),
      '--input',
      file('two.csv'),
      '--as-of',
      '2025-03-08',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = parse(stdout) as string[][];
    expect(out.map((row) => row.slice(3, 5))).toEqual([
      ['Score', 'Band'],
      ['20', 'Hot'],
      ['20', 'Hot'],
    ]);
    const late = leadscore(
      'score',
      '--model',
      file('model.json'),
      '--input',
      file('two.csv'),
      '--as-of',
      '2025-04-01',
    );
    expect((parse(late.stdout) as string[][]).map((row) => row[3])).toEqual(['Score', '20', '0']);
  });

  it('names the as-of column the CSV lacks, also beside the problems of an invalid model', () => {
    writeFileSync(file('no-date.csv'), 'Email,Last visit\na@x.com,2025-03-05\n');
    const missing = leadscore('score', '--model', file('model.json'), '--input', file('no-date.csv'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      'settings: as-of column "Closed on" is not in the data (columns: Email, Last visit)',
    );
    writeFileSync(file('broken.json'), JSON.stringify({ ...MODEL, bands: [] }));
    const broken = leadscore('score', '--model', file('broken.json'), '--input', file('no-date.csv'));
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('bands');
    expect(broken.stderr).toContain('as-of column "Closed on" is not in the data');
  });

  it('refuses an as-of column that is not text, naming the setting', () => {
    writeFileSync(file('bad.json'), JSON.stringify({ ...MODEL, settings: { asOfColumn: 7 } }));
    const { code, stderr } = leadscore('score', '--model', file('bad.json'), '--input', file('leads.csv'));
    expect(code).toBe(1);
    expect(stderr).toContain('settings: asOfColumn must be text, got 7');
  });

  it('calibrate judges past leads as of their day, and says so when the model does not', () => {
    const perLead = leadscore(
      'calibrate',
      '--model',
      file('model.json'),
      '--input',
      file('leads.csv'),
      '--json',
    );
    expect(perLead.stderr).toBe('');
    const report = JSON.parse(perLead.stdout) as { auc: number; verdicts: string[] };
    expect(report.auc).toBeGreaterThan(0.95);
    expect(report.verdicts.join(' ')).not.toContain('judged as of');
    const today = leadscore('calibrate', '--model', file('today.json'), '--input', file('leads.csv'));
    expect(today.stdout).toContain('Old leads are judged as of 2026-06-30');
    expect(today.stdout).toContain('Set the model\'s "As of column" to "Closed on"');
  });

  it('suggest --base keeps the as-of column in the model it writes', () => {
    const { code, stderr } = leadscore(
      'suggest',
      '--input',
      file('leads.csv'),
      '--outcome',
      'Converted',
      '--base',
      file('model.json'),
      '--out',
      file('suggested.json'),
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const suggested = JSON.parse(readFileSync(file('suggested.json'), 'utf8')) as Model;
    expect(suggested.settings?.asOfColumn).toBe('Closed on');
  });

  it('export sql counts each lead’s days to its own day: the as-of column read per row', () => {
    const { code, stdout, stderr } = leadscore('export', 'sql', '--model', file('model.json'));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('t."Closed on"');
    // The as-of day is the lead's date there, else the model's 2026-06-30 (day 20634).
    expect(stdout).toMatch(/COALESCE\("__ls_c\d+_d", 20634::float8\) AS "__ls_asof"/);
    const { stdout: oneDay } = leadscore('export', 'sql', '--model', file('today.json'));
    expect(oneDay).not.toContain('Closed on');
    expect(oneDay).toContain('20634::float8 AS "__ls_asof"');
  });
});
