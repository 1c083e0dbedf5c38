// The CLI's exports and its handling of real-world files, run as a user runs the built command.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { startsLikeFormula } from '../../src/core/export/csvSafety';
import type { Model } from '../../src/core/model';
import { CLI_PATH } from '../support/paths';

function leadscore(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI_PATH, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let dir: string;
const file = (name: string) => join(dir, name);

const model: Model = {
  name: 'Small',
  settings: { asOf: '2026-06-30' },
  groups: [
    { name: 'Fit', kind: 'fit' },
    { name: 'Negative', kind: 'engagement' },
  ],
  rules: [
    { name: 'Software', group: 'Fit', column: 'Industry', operator: 'equals', value: 'Software', points: 40 },
    { name: 'Visits', group: 'Fit', column: 'Visits', operator: 'per', points: 5, maxPoints: 30 },
    {
      name: 'Unsubscribed',
      group: 'Negative',
      column: 'Status',
      operator: 'equals',
      value: 'Unsubscribed',
      points: -30,
    },
  ],
  bands: [
    { name: 'Cold', min: null },
    { name: 'Warm', min: 20 },
    { name: 'Hot', min: 50, salesReady: true },
  ],
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'leadscore-export-'));
  writeFileSync(file('model.json'), JSON.stringify(model));
});

describe('leadscore score: a file safe to open in a spreadsheet', () => {
  const hostile =
    'Email,Industry,Visits,Status\n' +
    'a@x.com,"=HYPERLINK(""http://evil.example"",""Click"")",2,Active\n' +
    'b@x.com,@SUM(1),-3,Unsubscribed\n' +
    'c@x.com,+1+cmd,-0.5,"\tTab"\n' +
    'd@x.com,Software,-2+3,-1\n';

  it('neutralises every formula-starting text cell, keeps negatives as numbers, and says what it wrote', () => {
    writeFileSync(file('hostile.csv'), hostile);
    const run = leadscore(
      'score',
      '--model',
      file('model.json'),
      '--input',
      file('hostile.csv'),
      '--output',
      file('safe.csv'),
    );
    expect(run.code).toBe(0);
    expect(run.stderr.trim()).toBe(`Scored 4 leads → ${file('safe.csv')}: 3 Cold, 1 Warm, 0 Hot.`);
    const bytes = readFileSync(file('safe.csv'), 'utf8');
    const cells = (parse(bytes) as string[][]).flat();
    expect(cells.filter(startsLikeFormula)).toEqual([]);
    expect(bytes).toContain(`"'=HYPERLINK(""http://evil.example"",""Click"")"`);
    expect(bytes).toContain(`'@SUM(1)`);
    expect(bytes).toContain(`'-2+3`);
    // Negative numbers in the input and negative scores stay plain numbers.
    const rows = parse(bytes) as string[][];
    expect(rows[2]).toEqual([
      'b@x.com',
      "'@SUM(1)",
      '-3',
      'Unsubscribed',
      '-45',
      'Cold',
      '',
      'Unsubscribed −30, Visits −15',
    ]);
    expect(rows[3]?.[2]).toBe('-0.5');
    expect(rows[4]?.[3]).toBe('-1');
  });

  it('--no-sanitize writes the cells as they are', () => {
    const run = leadscore(
      'score',
      '--model',
      file('model.json'),
      '--input',
      file('hostile.csv'),
      '--no-sanitize',
    );
    expect(run.code).toBe(0);
    const rows = parse(run.stdout) as string[][];
    expect(rows[1]?.[1]).toBe('=HYPERLINK("http://evil.example","Click")');
    expect(rows[2]?.[1]).toBe('@SUM(1)');
  });
});

describe('leadscore score: files as they come from CRMs and spreadsheets', () => {
  it('reads a semicolon-separated file and says so', () => {
    writeFileSync(file('semi.csv'), 'Email;Industry;Visits;Status\na@x.com;Software;"1,5";Active\n');
    const run = leadscore('score', '--model', file('model.json'), '--input', file('semi.csv'));
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      'semi.csv: columns are separated by semicolons (detected; --delimiter sets it)',
    );
    // A decimal comma in a semicolon file is a number (1,5 = 1.5 visits × 5 points), carried through as written.
    expect(run.stderr).toContain('numbers with a decimal comma (such as "1,5") are read as 1.5');
    expect((parse(run.stdout) as string[][])[1]).toEqual([
      'a@x.com',
      'Software',
      '1,5',
      'Active',
      '47.5',
      'Warm',
      '',
      'Software +40, Visits +7.5',
    ]);
  });

  it('refuses Latin-1 with a way out, and reads it with --encoding latin1', () => {
    writeFileSync(
      file('latin1.csv'),
      Buffer.from('Email,Industry,Visits,Status\nm@x.com,Café Müller,1,Active\n', 'latin1'),
    );
    const refused = leadscore('score', '--model', file('model.json'), '--input', file('latin1.csv'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('latin1.csv line 2: the file is not UTF-8 text; it looks like Latin-1');
    expect(refused.stderr).toContain('--encoding latin1');
    const read = leadscore(
      'score',
      '--model',
      file('model.json'),
      '--input',
      file('latin1.csv'),
      '--encoding',
      'latin1',
    );
    expect(read.code).toBe(0);
    expect(read.stdout).toContain('Café Müller');
  });

  it('refuses an Excel workbook given as CSV', () => {
    writeFileSync(file('leads.csv.xlsx'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]));
    const run = leadscore('score', '--model', file('model.json'), '--input', file('leads.csv.xlsx'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('this is an Excel workbook (.xlsx), not a CSV file');
  });

  it('names the column it uses when a header appears twice', () => {
    writeFileSync(
      file('dup.csv'),
      'Email,Industry,Visits,industry ,Status\na@x.com,Software,0,Retail,Active\n',
    );
    const run = leadscore('score', '--model', file('model.json'), '--input', file('dup.csv'));
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      'the header "Industry" appears 2 times (columns B, D); the model reads column B, the first',
    );
  });

  it('accepts a model JSON with a BOM and names line and column of invalid JSON', () => {
    writeFileSync(file('bom.json'), `\ufeff${JSON.stringify(model)}`);
    writeFileSync(file('ok.csv'), 'Email,Industry,Visits,Status\na@x.com,Software,0,Active\n');
    expect(leadscore('score', '--model', file('bom.json'), '--input', file('ok.csv')).code).toBe(0);
    writeFileSync(file('typo.json'), '{\n  "name": "Typo",\n  "groups": [,]\n}\n');
    const run = leadscore('score', '--model', file('typo.json'), '--input', file('ok.csv'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/typo\.json: not valid JSON at line 3, column 14: /);
  });

  it('reports the model’s problems and the missing columns in one run', () => {
    const bad = {
      ...model,
      rules: [
        { ...model.rules[0], points: 'ten' },
        { ...model.rules[1], column: 'Web visits' },
      ],
    };
    writeFileSync(file('bad.json'), JSON.stringify(bad));
    const run = leadscore('score', '--model', file('bad.json'), '--input', file('ok.csv'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('bad.json: rule "Software": points must be a number, got "ten"');
    expect(run.stderr).toContain(
      'ok.csv: rule "Visits": column "Web visits" is not in the data (columns: Email, Industry, Visits, Status)',
    );
  });

  it('exits 2 when the output cannot be written, 0 without a stack when the reader of a pipe goes away', () => {
    const unwritable = leadscore(
      'score',
      '--model',
      file('model.json'),
      '--input',
      file('ok.csv'),
      '--output',
      join(dir, 'no-such-folder', 'out.csv'),
    );
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr.trim()).toBe(
      `${join(dir, 'no-such-folder', 'out.csv')}: cannot write the output (its folder does not exist)`,
    );
    const many = [
      'Email,Industry,Visits,Status',
      ...Array.from({ length: 50_000 }, (_, i) => `l${i}@x.com,Software,${i % 7},Active`),
    ];
    writeFileSync(file('many.csv'), `${many.join('\n')}\n`);
    const piped = spawnSync(
      'sh',
      [
        '-c',
        `"${process.execPath}" "${CLI_PATH}" score --model "${file('model.json')}" --input "${file('many.csv')}" | head -n 2`,
      ],
      { encoding: 'utf8' },
    );
    expect(piped.stdout.split('\n')).toHaveLength(3);
    expect(piped.stderr).toBe('');
  });
});

describe('leadscore score --changed-since: the hand-over queue', () => {
  it('lists the leads that entered or left the sales-ready bands, with the reasons that changed', () => {
    writeFileSync(
      file('monday.csv'),
      'Email,Industry,Visits,Status\na@x.com,Software,0,Active\nb@x.com,Software,3,Active\nc@x.com,Retail,1,Active\ngone@x.com,Software,6,Active\n',
    );
    writeFileSync(
      file('tuesday.csv'),
      'Email,Industry,Visits,Status\na@x.com,Software,4,Active\nb@x.com,Software,3,Unsubscribed\nc@x.com,Retail,2,Active\nnew@x.com,Software,9,Active\n',
    );
    expect(
      leadscore(
        'score',
        '--model',
        file('model.json'),
        '--input',
        file('monday.csv'),
        '--output',
        file('monday-scored.csv'),
      ).code,
    ).toBe(0);
    const run = leadscore(
      'score',
      '--model',
      file('model.json'),
      '--input',
      file('tuesday.csv'),
      '--output',
      file('tuesday-scored.csv'),
      '--changed-since',
      file('monday-scored.csv'),
    );
    expect(run.code).toBe(0);
    expect(parse(run.stdout)).toEqual([
      ['Lead', 'Change', 'Band before', 'Band now', 'Score before', 'Score now', 'Why'],
      ['a@x.com', 'entered sales-ready', 'Warm', 'Hot', '40', '60', 'gained Visits +20'],
      [
        'new@x.com',
        'entered sales-ready',
        '',
        'Hot',
        '',
        '70',
        'new lead; gained Software +40; gained Visits +30',
      ],
      ['b@x.com', 'left sales-ready', 'Hot', 'Warm', '55', '25', 'gained Unsubscribed −30'],
      ['gone@x.com', 'left sales-ready', 'Hot', '', '70', '', 'no longer in the data'],
    ]);
    expect(run.stderr).toContain('2 entered and 2 left the sales-ready bands (leads matched by "Email")');
  });
});

describe('leadscore score and calibrate --activities (model v2)', () => {
  it('counts each lead’s events from the activity log, and says when the log is missing', () => {
    const events: Model = {
      name: 'Events',
      settings: { asOf: '2026-06-30' },
      activities: { leadKey: 'Email', activityKey: 'Lead email', typeColumn: 'Activity', dateColumn: 'Date' },
      groups: [{ name: 'Web', kind: 'engagement' }],
      rules: [
        { name: 'Opens', group: 'Web', event: 'Email opened', withinDays: 30, operator: 'per', points: 3 },
      ],
      bands: [
        { name: 'Cold', min: null },
        { name: 'Hot', min: 6 },
      ],
      outcome: { column: 'Won', positive: ['yes'] },
    };
    writeFileSync(file('events.json'), JSON.stringify(events));
    writeFileSync(file('event-leads.csv'), 'Email,Won\na@x.com,yes\nb@x.com,no\n');
    writeFileSync(
      file('log.csv'),
      'Lead email,Activity,Date\nA@x.com ,Email opened,2026-06-29\na@x.com,email OPENED,2026-06-20\nb@x.com,Email opened,2025-01-01\n',
    );
    const scored = leadscore(
      'score',
      '--model',
      file('events.json'),
      '--input',
      file('event-leads.csv'),
      '--activities',
      file('log.csv'),
    );
    expect(scored.stdout).toBe(
      'Email,Won,Score,Band,Grade,Reasons\na@x.com,yes,6,Hot,,Opens +6\nb@x.com,no,0,Cold,,\n',
    );
    const calibrated = leadscore(
      'calibrate',
      '--model',
      file('events.json'),
      '--input',
      file('event-leads.csv'),
      '--activities',
      file('log.csv'),
      '--json',
    );
    expect(JSON.parse(calibrated.stdout).bands.map((b: { leads: number }) => b.leads)).toEqual([1, 1]);
    const missing = leadscore('score', '--model', file('events.json'), '--input', file('event-leads.csv'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('the model counts events, but no activity table was given');
  });
});

describe('leadscore export', () => {
  it('prints the SQL for a dialect and refuses an unknown one', () => {
    const sql = leadscore(
      'export',
      'sql',
      '--model',
      file('model.json'),
      '--dialect',
      'duckdb',
      '--table',
      'crm.leads',
    );
    expect(sql.code).toBe(0);
    // DuckDB runs the stages over the table's own columns and drops the working ones (no LATERAL).
    expect(sql.stdout).toMatch(/^SELECT \* EXCLUDE \(/);
    expect(sql.stdout).toMatch(/"__ls_score" AS "score",\n/);
    expect(sql.stdout).toMatch(/\n *FROM "crm"\."leads" AS t\n/);
    const unknown = leadscore('export', 'sql', '--model', file('model.json'), '--dialect', 'oracle');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe('--dialect must be one of postgres, duckdb, bigquery, got "oracle"');
  });

  it('prints the hand-over page with hostile names escaped in HTML and Markdown', () => {
    const hostileModel = {
      ...model,
      rules: [{ ...model.rules[0], name: '<img src=x onerror=alert(1)> | *bold*' }],
    };
    writeFileSync(file('hostile-model.json'), JSON.stringify(hostileModel));
    const html = leadscore('export', 'handover', '--model', file('hostile-model.json'), '--format', 'html');
    expect(html.code).toBe(0);
    expect(html.stdout).not.toContain('<img');
    expect(html.stdout).toContain('&#60;img src=x onerror=alert(1)&#62; | *bold*');
    const markdown = leadscore('export', 'handover', '--model', file('hostile-model.json'));
    expect(markdown.stdout).toContain(
      '| \\<img src=x onerror=alert(1)\\> \\| \\*bold\\* | Industry is "Software" | +40 |',
    );
  });

  it('adds the calibration summary from leads with outcomes', () => {
    expect(leadscore('example', '--dir', dir).code).toBe(0);
    const run = leadscore(
      'export',
      'handover',
      '--model',
      file('starter-model.json'),
      '--input',
      file('sample-leads.csv'),
      '--as-of',
      '2026-06-30',
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /Checked on 2026-06-30 with .*sample-leads\.csv: \d+ leads with a known outcome, \d+ converted \(\d+(\.\d)?%\)\. AUC 0\.\d\d/,
    );
    expect(run.stdout).toContain('| Band | Leads | Converted | Conversion |');
  });

  it('checks a model and prints it normalised', () => {
    const run = leadscore('export', 'model', '--model', file('bom.json'));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(model);
  });
});
