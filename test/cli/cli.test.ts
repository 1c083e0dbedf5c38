// The built CLI (dist-cli/leadscore.mjs), run as a user runs it, on files it writes itself.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { starterModel } from '../../src/core/starterModel';
import { addonWithStarter, sheetValues } from '../support/addon';
import { CLI_PATH } from '../support/paths';

function leadscore(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI_PATH, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'leadscore-'));
});

describe('leadscore score', () => {
  it('gives the same scores, bands, grades and reasons as the custom functions on the sample leads', () => {
    const emulator = addonWithStarter();
    const sheet = sheetValues(emulator, 'Sample leads');
    writeFileSync(join(dir, 'leads.csv'), stringify(sheet.map((row) => row.slice(0, 13))));
    writeFileSync(join(dir, 'model.json'), JSON.stringify(starterModel()));
    const { code, stdout, stderr } = leadscore(
      'score',
      '--model',
      join(dir, 'model.json'),
      '--input',
      join(dir, 'leads.csv'),
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = parse(stdout) as string[][];
    expect(out[0]?.slice(13)).toEqual(['Score', 'Band', 'Grade', 'Reasons']);
    expect(out).toHaveLength(201);
    const cli = out.slice(1).map((row) => [Number(row[13]), row[14], row[16]]);
    const sheets = sheet.slice(1).map((row) => [row[13], row[14], row[15]]);
    expect(cli).toEqual(sheets);
    // Grades come from the same model: compare with LEADGRADE.
    emulator.spreadsheet
      .getSheetByName('Sample leads')
      ?.getRange('R1')
      .setFormula('=LEADGRADE(A1:M201, LeadModel)');
    emulator.recalculate();
    const grades = sheetValues(emulator, 'Sample leads')
      .slice(1)
      .map((row) => row[17]);
    expect(out.slice(1).map((row) => row[15])).toEqual(grades);
  });

  it('with engagement levels (v2 §10), adds a Cell column beside Grade, equal to LEADCELL, and replaces it on a re-run', () => {
    const emulator = addonWithStarter();
    const model = {
      ...starterModel(),
      engagementLevels: [
        { name: '3', min: null },
        { name: '2', min: 5 },
        { name: '1', min: 12 },
      ],
    };
    const sheet = sheetValues(emulator, 'Sample leads');
    writeFileSync(join(dir, 'leads.csv'), stringify(sheet.map((row) => row.slice(0, 13))));
    writeFileSync(join(dir, 'levels.json'), JSON.stringify(model));
    const run = (input: string) =>
      leadscore('score', '--model', join(dir, 'levels.json'), '--input', join(dir, input));
    const { code, stdout, stderr } = run('leads.csv');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = parse(stdout) as string[][];
    expect(out[0]?.slice(13)).toEqual(['Score', 'Band', 'Grade', 'Cell', 'Reasons']);
    const state = emulator.run('getSidebarState', [], 'FULL') as { revision: string };
    emulator.run('saveModel', [model, state.revision], 'FULL');
    const leads = emulator.spreadsheet.getSheetByName('Sample leads');
    leads?.getRange('R1').setFormula('=LEADCELL(A1:M201, LeadModel)');
    emulator.recalculate();
    const cells = sheetValues(emulator, 'Sample leads')
      .slice(1)
      .map((row) => row[17]);
    expect(out.slice(1).map((row) => row[16])).toEqual(cells);
    expect(new Set(cells).size).toBeGreaterThan(3);
    // Scoring the scored file again replaces Score, Band, Grade, Cell and Reasons.
    writeFileSync(join(dir, 'scored-levels.csv'), stdout);
    const again = run('scored-levels.csv');
    expect(parse(again.stdout)).toEqual(out);
  });

  it('writes to --output and honours --as-of', () => {
    const csv = 'Last activity,Converted\n2026-01-01,yes\n';
    writeFileSync(join(dir, 'dated.csv'), csv);
    const model = {
      name: 'Recency',
      groups: [{ name: 'Web', kind: 'engagement' }],
      rules: [
        {
          name: 'Recent',
          group: 'Web',
          column: 'Last activity',
          operator: 'within days',
          value: 30,
          points: 10,
        },
      ],
      bands: [
        { name: 'Cold', min: null },
        { name: 'Hot', min: 10 },
      ],
    };
    writeFileSync(join(dir, 'recency.json'), JSON.stringify(model));
    const early = leadscore(
      'score',
      '--model',
      join(dir, 'recency.json'),
      '--input',
      join(dir, 'dated.csv'),
      '--as-of',
      '2026-01-20',
      '--output',
      join(dir, 'out.csv'),
    );
    expect(early.code).toBe(0);
    expect(early.stdout).toBe('');
    expect(readFileSync(join(dir, 'out.csv'), 'utf8').split('\n')[1]).toBe(
      '2026-01-01,yes,10,Hot,,Recent +10',
    );
    const late = leadscore(
      'score',
      '--model',
      join(dir, 'recency.json'),
      '--input',
      join(dir, 'dated.csv'),
      '--as-of',
      '2026-03-01',
    );
    expect(late.stdout.split('\n')[1]).toBe('2026-01-01,yes,0,Cold,,');
  });

  it('says in the Reasons when a group cap cut a rule, also for points an earlier row gave uncut', () => {
    writeFileSync(join(dir, 'sizes.csv'), 'Employees,Demo\n10,no\n10,yes\n655,no\n');
    const model = {
      name: 'Caps',
      groups: [{ name: 'Fit', kind: 'fit', maxPoints: 40 }],
      rules: [
        { name: 'Size ×3', group: 'Fit', column: 'Employees', operator: 'per', points: 3 },
        { name: 'Demo', group: 'Fit', column: 'Demo', operator: 'is true', points: 25 },
      ],
      bands: [{ name: 'Any', min: null }],
    };
    writeFileSync(join(dir, 'caps.json'), JSON.stringify(model));
    const run = leadscore('score', '--model', join(dir, 'caps.json'), '--input', join(dir, 'sizes.csv'));
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n').slice(1)).toEqual([
      '10,no,30,Any,,Size ×3 +30',
      '10,yes,40,Any,,"Size ×3 +30 (its group capped to 40), Demo +25 (its group capped to 40)"',
      '655,no,40,Any,,Size ×3 +1965 (its group capped to 40)',
    ]);
  });

  it('--bom starts the file with a UTF-8 byte-order mark for Excel; without it the bytes are the rows alone', () => {
    writeFileSync(join(dir, 'minus.csv'), 'Lead,Visits\nAda −5,3\n');
    const model = {
      name: 'Visits',
      groups: [{ name: 'Web', kind: 'engagement' }],
      rules: [{ name: 'Visited', group: 'Web', column: 'Visits', operator: '>=', value: 1, points: 10 }],
      bands: [
        { name: 'Cold', min: null },
        { name: 'Hot', min: 10 },
      ],
    };
    writeFileSync(join(dir, 'minus.json'), JSON.stringify(model));
    const run = (...extra: string[]) => {
      const out = join(dir, `minus-${extra.length}.csv`);
      const result = leadscore(
        'score',
        '--model',
        join(dir, 'minus.json'),
        '--input',
        join(dir, 'minus.csv'),
        '--output',
        out,
        ...extra,
      );
      return { ...result, bytes: readFileSync(out) };
    };
    const plain = run();
    const marked = run('--bom');
    expect(marked.code, marked.stderr).toBe(0);
    expect([...plain.bytes.subarray(0, 4)]).toEqual([...Buffer.from('Lead')]);
    expect([...marked.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(marked.bytes.subarray(3).equals(plain.bytes)).toBe(true);
    expect(marked.bytes.toString('utf8')).toContain('Ada −5,3,10,Hot');
  });

  it('refuses a bad model, listing every problem with the file name, and exits 1', () => {
    const model = starterModel() as unknown as { rules: Record<string, unknown>[] };
    (model.rules[0] as Record<string, unknown>).points = 'ten';
    (model.rules[1] as Record<string, unknown>).group = 'Nowhere';
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(model));
    writeFileSync(join(dir, 'one.csv'), 'Company size\n10\n');
    const { code, stderr, stdout } = leadscore(
      'score',
      '--model',
      join(dir, 'bad.json'),
      '--input',
      join(dir, 'one.csv'),
    );
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(
      lines.some((l) =>
        l.includes('bad.json: rule "Company size 50–1,000": points must be a number, got "ten"'),
      ),
    ).toBe(true);
    expect(lines.some((l) => l.includes('bad.json') && l.includes('"Nowhere"'))).toBe(true);
  });

  it('names the CSV line of malformed data and the missing columns', () => {
    writeFileSync(join(dir, 'model.json'), JSON.stringify(starterModel()));
    const sizeOnly = {
      ...starterModel(),
      groups: [{ name: 'Fit', kind: 'fit' }],
      rules: [{ name: 'Big', group: 'Fit', column: 'Company size', operator: '>', value: 50, points: 5 }],
    };
    writeFileSync(join(dir, 'size-only.json'), JSON.stringify(sizeOnly));
    // A quoted cell with CRLF inside (one record on lines 3–4), then a quote left open on line 5.
    writeFileSync(join(dir, 'broken.csv'), 'Lead,Company size\r\nA,10\r\n"B\r\nC",20\r\nD,"unclosed\r\n');
    const broken = leadscore(
      'score',
      '--model',
      join(dir, 'size-only.json'),
      '--input',
      join(dir, 'broken.csv'),
    );
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(
      'broken.csv line 5: a cell that starts with a quote (") here is never closed',
    );
    writeFileSync(join(dir, 'ragged.csv'), 'Lead,Company size\n"A\r\nB",10\nC,1,2\n');
    const ragged = leadscore(
      'score',
      '--model',
      join(dir, 'size-only.json'),
      '--input',
      join(dir, 'ragged.csv'),
    );
    expect(ragged.stderr.trim()).toBe(
      `${join(dir, 'ragged.csv')} line 4: this row has 3 cells but the header row has 2. A cell holding the separator must be quoted.`,
    );
    expect(ragged.stderr).not.toMatch(/trimable|Invalid Record|CSV_/);
    writeFileSync(join(dir, 'narrow.csv'), 'Lead,Company size\nA,10\n');
    const narrow = leadscore('score', '--model', join(dir, 'model.json'), '--input', join(dir, 'narrow.csv'));
    expect(narrow.code).toBe(1);
    expect(narrow.stderr).toMatch(/narrow\.csv: .*"Position".*Lead, Company size/);
  });

  it('explains a missing file or a bad --as-of without a stack trace', () => {
    const missing = leadscore('score', '--model', join(dir, 'nope.json'), '--input', join(dir, 'nope.csv'));
    expect(missing.code).toBe(1);
    // Both missing files in one run.
    expect(missing.stderr.trim()).toBe(
      `${join(dir, 'nope.json')}: no such file\n${join(dir, 'nope.csv')}: no such file`,
    );
    const asOf = leadscore(
      'score',
      '--model',
      join(dir, 'model.json'),
      '--input',
      join(dir, 'narrow.csv'),
      '--as-of',
      '30/06/2026',
    );
    expect(asOf.stderr.trim()).toBe('--as-of must be a date as YYYY-MM-DD, got "30/06/2026"');
  });
});

describe('leadscore calibrate', () => {
  it('--json holds the report with bands and rules, matching the readable report', () => {
    expect(leadscore('example', '--dir', dir).code).toBe(0);
    const args = [
      'calibrate',
      '--model',
      join(dir, 'starter-model.json'),
      '--input',
      join(dir, 'sample-leads.csv'),
    ];
    const json = leadscore(...args, '--json');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining(['leads', 'conversions', 'rate', 'auc', 'ks', 'bands', 'rules']),
    );
    expect(report.bands.map((b: { name: string }) => b.name)).toEqual(['Cold', 'Warm', 'Hot', 'Very hot']);
    expect(Object.keys(report.bands[0])).toEqual(
      expect.arrayContaining(['name', 'leads', 'conversions', 'rate', 'low', 'high', 'lift']),
    );
    expect(Object.keys(report.rules[0])).toEqual(
      expect.arrayContaining(['name', 'matched', 'rateMatched', 'rateUnmatched', 'lift', 'flag']),
    );
    expect(report.suggestedPoints.rules).toHaveLength(report.rules.length);
    expect(report.suggestedPoints.refusedBecause).toMatch(/Too little data/);
    const text = leadscore(...args);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      `${report.leads} leads with a known outcome, ${report.conversions} converted`,
    );
    expect(text.stdout).toContain(`AUC ${report.auc.toFixed(2)}`);
  });

  it('refuses a model without an outcome', () => {
    const model = { ...starterModel(), outcome: undefined };
    writeFileSync(join(dir, 'no-outcome.json'), JSON.stringify(model));
    const { code, stderr } = leadscore(
      'calibrate',
      '--model',
      join(dir, 'no-outcome.json'),
      '--input',
      join(dir, 'sample-leads.csv'),
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(/no outcome column/);
  });
});
