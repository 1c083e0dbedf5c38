// `leadscore monitor`, run as a user runs the built CLI, on generated leads whose outcomes stop following the
// score in month 8.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { monitorModel } from '../../src/core/monitor';
import { MONITOR_HEADERS, MONITOR_MODEL, monitorLeads } from '../core/monitor/generate';
import { CLI_PATH } from '../support/paths';

function leadscore(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI_PATH, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const leads = [
  ...monitorLeads({ months: 12, leadsPerMonth: 400, breakMonth: 8, salesVerdicts: true, seed: 4 }),
];
let dir: string;
let csv: string;
let model: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'leadscore-monitor-'));
  csv = join(dir, 'leads.csv');
  writeFileSync(csv, stringify([MONITOR_HEADERS, ...leads.map((l) => l.row)]));
  model = join(dir, 'model.json');
  writeFileSync(model, JSON.stringify(MONITOR_MODEL));
});

describe('leadscore monitor', () => {
  it('prints JSON with every period, every band, the baseline and the verdicts, as monitorModel gives', () => {
    const run = leadscore('monitor', '--model', model, '--input', csv, '--date-column', 'Created', '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.every).toBe('month');
    expect(json.dateColumn).toBe('Created');
    expect(json.baseline).toMatchObject({ start: '2026-01-01', end: '2026-03-31' });
    expect(typeof json.baseline.auc).toBe('number');
    expect(json.periods).toHaveLength(12);
    for (const p of json.periods) {
      expect(p.start).toMatch(/^2026-\d\d-01$/);
      for (const key of [
        'end',
        'leads',
        'known',
        'conversions',
        'auc',
        'aucLow',
        'aucHigh',
        'psi',
        'status',
      ]) {
        expect(p).toHaveProperty(key);
      }
      expect(p.bands.map((b: { band: string }) => b.band)).toEqual(['Cold', 'Warm', 'Hot', 'Very hot']);
    }
    const inMemory = monitorModel(
      MONITOR_MODEL,
      MONITOR_HEADERS,
      leads.map((l) => l.row),
      { dateColumn: 'Created' },
    );
    if (!inMemory.ok) throw new Error('monitorModel');
    expect(json).toEqual(JSON.parse(JSON.stringify(inMemory.report)));
    const firstWorse = json.periods.findIndex((p: { status: string }) => p.status === 'worse') + 1;
    expect([8, 9]).toContain(firstWorse);
  });

  it('prints a readable report by quarter, with a baseline given and sales acceptance', () => {
    const run = leadscore(
      'monitor',
      '--model',
      model,
      '--input',
      csv,
      '--date-column',
      'created',
      '--every',
      'quarter',
      '--baseline',
      '2026-01-01..2026-06-30',
      '--sales-verdict',
      'Sales verdict',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Monitor of .*leads\.csv, every quarter by "Created"\nBaseline Q1–Q2 2026 \(2026-01-01 to 2026-06-30\)/,
    );
    expect(run.stdout).toContain('Accepted');
    expect(run.stdout).toMatch(/Q3 2026 .* worse, too generous/);
    expect(run.stdout).toMatch(/Q1 2026 \*/);
  });

  it('says what is wrong with the date column, the baseline and the period, all at once where it can', () => {
    const noColumn = leadscore('monitor', '--model', model, '--input', csv, '--date-column', 'Signed up');
    expect(noColumn.code).toBe(1);
    expect(noColumn.stderr).toMatch(
      /leads\.csv: monitor: there is no date column "Signed up" \(columns: Lead, Created/,
    );
    const badBaseline = leadscore(
      'monitor',
      '--model',
      model,
      '--input',
      csv,
      '--date-column',
      'Created',
      '--baseline',
      '2026-01-01',
    );
    expect(badBaseline.code).toBe(1);
    expect(badBaseline.stderr).toMatch(/--baseline: write the dates as FROM\.\.TO/);
    const badDay = leadscore(
      'monitor',
      '--model',
      model,
      '--input',
      csv,
      '--date-column',
      'Created',
      '--baseline',
      '2026-13-01..',
    );
    expect(badDay.stderr).toMatch(/the baseline's "from" must be a date as YYYY-MM-DD, got "2026-13-01"/);
    const badEvery = leadscore(
      'monitor',
      '--model',
      model,
      '--input',
      csv,
      '--date-column',
      'Created',
      '--every',
      'day',
    );
    expect(badEvery.code).not.toBe(0);
    expect(badEvery.stderr).toMatch(/Allowed choices are week, month, quarter/);
  });

  it('export sql --monitor prints the per-period, per-band counts as one SELECT', () => {
    const run = leadscore(
      'export',
      'sql',
      '--model',
      model,
      '--dialect',
      'duckdb',
      '--monitor',
      'Created',
      '--every',
      'week',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^SELECT period_start, band, COUNT\(\*\) AS leads,/);
    expect(run.stdout).toContain("date_trunc('week'");
    expect(run.stdout.trim().endsWith('ORDER BY period_start, band_order;')).toBe(true);
  });

  it('export sql --monitor adds the counts per fit × engagement cell for a model with grades and levels', () => {
    const graded = join(dir, 'graded-sql.json');
    writeFileSync(
      graded,
      JSON.stringify({
        ...MONITOR_MODEL,
        grades: [
          { name: 'B', min: null },
          { name: 'A', min: 30 },
        ],
        engagementLevels: [
          { name: '2', min: null },
          { name: '1', min: 30 },
        ],
      }),
    );
    const run = leadscore(
      'export',
      'sql',
      '--model',
      graded,
      '--dialect',
      'bigquery',
      '--monitor',
      'Created',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^SELECT period_start, band, cell, grade, engagement_level, leads, known, conversions\n/,
    );
    expect(run.stdout).toContain('GROUP BY GROUPING SETS');
    expect(run.stdout.trim().endsWith('ORDER BY period_start, row_order;')).toBe(true);
  });

  it('names the CSV line of a sales verdict it cannot read', () => {
    const odd = join(dir, 'odd.csv');
    const rows = leads.slice(0, 50).map((l) => [...l.row]);
    rows[4]![7] = 'maybe';
    writeFileSync(odd, stringify([MONITOR_HEADERS, ...rows]));
    const run = leadscore(
      'monitor',
      '--model',
      model,
      '--input',
      odd,
      '--date-column',
      'Created',
      '--sales-verdict',
      'Sales verdict',
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/odd\.csv: line 6: "Sales verdict" says "maybe", which is neither accepted/);
  });

  it('--review-sample counts the ticked leads of the review sample sales should call, as monitorModel does', () => {
    const calibrated = leadscore('calibrate', '--model', model, '--input', csv, '--json');
    expect(calibrated.code).toBe(0);
    const sample = JSON.parse(calibrated.stdout).reviewSample as {
      row: number;
      line: number;
      score: number;
    }[];
    expect(sample.length).toBeGreaterThan(6);
    // The review table as someone fills it in: six leads ticked, four that sales should call.
    const answers = ['Yes', 'no', 'yes: wants a demo', 'Good', '', 'Y'];
    const review = join(dir, 'review.csv');
    writeFileSync(
      review,
      stringify([
        ['Line', 'Lead', 'Score', 'Band', 'Checked (tick)', 'Should sales call? (notes)'],
        ...sample.map((lead, i) => [
          lead.line,
          leads[lead.row]!.row[0],
          lead.score,
          '',
          i < answers.length ? 'x' : '',
          answers[i] ?? '',
        ]),
      ]),
    );
    const run = leadscore(
      'monitor',
      '--model',
      model,
      '--input',
      csv,
      '--date-column',
      'Created',
      '--review-sample',
      review,
      '--json',
    );
    expect(run.stderr).toBe('');
    const json = JSON.parse(run.stdout);
    expect(json.reviewSample).toMatchObject({ checked: 6, good: 4, notGood: 1, unanswered: 1, moved: 0 });
    const months = sample.slice(0, 6).map((lead) => Number(leads[lead.row]!.row[1]!.slice(5, 7)));
    expect(json.periods.map((p: { review: { checked: number } }) => p.review.checked)).toEqual(
      json.periods.map((_: unknown, i: number) => months.filter((m) => m === i + 1).length),
    );
    expect(json.verdicts.join('\n')).toContain('sales should call 4 (80%');
    const text = leadscore(
      'monitor',
      '--model',
      model,
      '--input',
      csv,
      '--date-column',
      'Created',
      '--review-sample',
      review,
    );
    expect(text.stdout).toMatch(/Reviewed {2}Should call/);

    writeFileSync(
      review,
      stringify([
        ['Line', 'Lead', 'Checked', 'Should sales call?'],
        [2, 'Lead 1', 'maybe', 'yes'],
      ]),
    );
    const bad = leadscore(
      'monitor',
      '--model',
      model,
      '--input',
      csv,
      '--date-column',
      'Created',
      '--review-sample',
      review,
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/review\.csv line 2, column C: "Checked \(tick\)" says "maybe"/);
  });

  it('reports leads and conversion per fit × engagement cell in monitor and calibrate --json (contract v2 §10)', () => {
    const graded = join(dir, 'graded.json');
    const model = {
      ...MONITOR_MODEL,
      grades: [
        { name: 'B', min: null },
        { name: 'A', min: 30 },
      ],
      engagementLevels: [
        { name: '2', min: null },
        { name: '1', min: 30 },
      ],
    };
    writeFileSync(graded, JSON.stringify(model));
    const run = leadscore('monitor', '--model', graded, '--input', csv, '--date-column', 'Created', '--json');
    expect(run.stderr).toBe('');
    const json = JSON.parse(run.stdout);
    expect(json.periods[0].cells.map((c: { cell: string }) => c.cell)).toEqual(['A1', 'A2', 'B1', 'B2']);
    const inMemory = monitorModel(
      model,
      MONITOR_HEADERS,
      leads.map((l) => l.row),
      { dateColumn: 'Created' },
    );
    if (!inMemory.ok) throw new Error('monitorModel');
    expect(json).toEqual(JSON.parse(JSON.stringify(inMemory.report)));
    const text = leadscore('monitor', '--model', graded, '--input', csv, '--date-column', 'Created');
    expect(text.stdout).toMatch(
      /Conversion per cell \(grade and engagement level\)\n {2}Period +A1 +A2 +B1 +B2/,
    );
    const calibrated = leadscore('calibrate', '--model', graded, '--input', csv, '--json');
    const cells = JSON.parse(calibrated.stdout).cells as { cell: string; leads: number }[];
    expect(cells.map((c) => c.cell)).toEqual(['A1', 'A2', 'B1', 'B2']);
    expect(cells.reduce((sum, c) => sum + c.leads, 0)).toBe(
      json.periods.reduce((s: number, p: { known: number }) => s + p.known, 0),
    );
    const plain = leadscore('calibrate', '--model', join(dir, 'model.json'), '--input', csv, '--json');
    expect(JSON.parse(plain.stdout)).not.toHaveProperty('cells');
  });
});
