// `leadscore suggest` and `leadscore describe`, run as a user runs the built CLI, on generated CSVs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseModel } from '../../src/core/validate';
import { generateLeads } from '../core/suggest/generate';
import { EVENTS_AS_OF, generateEventLeads } from '../core/suggest/generateEvents';
import { CLI_PATH } from '../support/paths';

function leadscore(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI_PATH, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let dir: string;
let leadsCsv: string;
let leakyCsv: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'leadscore-suggest-'));
  const leads = generateLeads(3000, 21);
  leadsCsv = join(dir, 'leads.csv');
  writeFileSync(leadsCsv, stringify([leads.headers, ...leads.rows]));
  const leaky = generateLeads(3000, 22, { leak: true, open: 200 });
  leakyCsv = join(dir, 'leaky.csv');
  writeFileSync(leakyCsv, stringify([leaky.headers, ...leaky.rows]));
});

describe('leadscore suggest', () => {
  it('writes a contract model the other commands accept, and prints the evaluation', () => {
    const out = join(dir, 'suggested.json');
    const run = leadscore(
      'suggest',
      '--input',
      leadsCsv,
      '--outcome',
      'Converted',
      '--out',
      out,
      '--seed',
      '3',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const model = JSON.parse(readFileSync(out, 'utf8'));
    expect(parseModel(model).ok).toBe(true);
    // The outcome's words were found in the column: yes converted, no did not, blank is open.
    expect(model.outcome).toEqual({ column: 'Converted', positive: ['yes'], negative: ['no'] });
    expect(run.stdout).toMatch(/^Suggested model written to .*suggested\.json: \d+ rules, \d bands\./);
    expect(run.stdout).toMatch(/Held-out AUC\n {2}Suggested \(whole points\) {2}Unrounded fit/);
    expect(run.stdout).toContain('Demo is Yes');
    const scored = leadscore('score', '--model', out, '--input', leadsCsv);
    expect(scored.code).toBe(0);
  });

  it('prints JSON with the AUCs, the rules and the leakage guard, and compares with --base', () => {
    const base = join(dir, 'base.json');
    writeFileSync(
      base,
      JSON.stringify({
        name: 'Current',
        groups: [{ name: 'Fit', kind: 'fit' }],
        rules: [{ name: 'Demo', group: 'Fit', column: 'Demo', operator: 'equals', value: 'yes', points: 20 }],
        bands: [
          { name: 'Cold', min: null },
          { name: 'Hot', min: 20 },
        ],
      }),
    );
    const run = leadscore(
      'suggest',
      '--input',
      leakyCsv,
      '--outcome',
      'Converted',
      '--positive',
      'yes',
      '--negative',
      'no',
      '--base',
      base,
      '--out',
      join(dir, 'hybrid.json'),
      '--json',
    );
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    expect(report.holdoutAuc).toBeGreaterThan(0.7);
    expect(report.unroundedAuc).toBeGreaterThan(0.7);
    expect(report.baseAuc).toBeGreaterThan(0.55);
    expect(report.baseAuc).toBeLessThan(report.holdoutAuc);
    expect(report.leakage).toEqual([expect.objectContaining({ column: 'Status', kept: false })]);
    expect(report.leakage[0].auc).toBeGreaterThanOrEqual(0.95);
    const demo = report.rules.find((r: { name: string }) => r.name === 'Demo');
    expect(demo).toMatchObject({ source: 'current', currentPoints: 20, status: 'kept' });
    const model = JSON.parse(readFileSync(join(dir, 'hybrid.json'), 'utf8'));
    expect(model.rules.some((r: { column: string }) => r.column === 'Status')).toBe(false);
  });

  it('keeps a flagged column with --keep-leaky, and honours --exclude and --time-split', () => {
    const kept = leadscore(
      'suggest',
      '--input',
      leakyCsv,
      '--outcome',
      'Converted',
      '--keep-leaky',
      'Status',
      '--out',
      join(dir, 'kept.json'),
      '--json',
    );
    expect(JSON.parse(kept.stdout).leakage[0]).toMatchObject({ column: 'Status', kept: true });
    const timed = leadscore(
      'suggest',
      '--input',
      leadsCsv,
      '--outcome',
      'Converted',
      '--exclude',
      'Demo,Visits',
      '--time-split',
      'Created',
      '--out',
      join(dir, 'timed.json'),
      '--json',
    );
    const report = JSON.parse(timed.stdout);
    expect(report.split).toMatchObject({ kind: 'time', column: 'Created' });
    const model = JSON.parse(readFileSync(join(dir, 'timed.json'), 'utf8'));
    expect(model.rules.some((r: { column: string }) => ['Demo', 'Visits'].includes(r.column))).toBe(false);
  });

  it('says clearly what is wrong with the command line, and writes nothing', () => {
    const out = join(dir, 'never.json');
    const both = leadscore(
      'suggest',
      '--input',
      leadsCsv,
      '--outcome',
      'Converted',
      '--out',
      out,
      '--columns',
      'Demo',
      '--exclude',
      'Visits',
    );
    expect(both.code).toBe(1);
    expect(both.stderr).toMatch(/--columns and --exclude cannot be used together/);
    const missing = leadscore('suggest', '--input', leadsCsv, '--outcome', 'Won', '--out', out);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/there is no column "Won"/);
    const words = leadscore('suggest', '--input', leadsCsv, '--outcome', 'Source', '--out', out);
    expect(words.stderr).toMatch(/--positive: say which values of "Source" mean converted \(it holds: /);
    const share = leadscore(
      'suggest',
      '--input',
      leadsCsv,
      '--outcome',
      'Converted',
      '--out',
      out,
      '--holdout',
      '1.5',
    );
    expect(share.stderr).toMatch(/--holdout must be a share above 0 and below 1/);
    expect(() => readFileSync(out)).toThrow();
  });
});

describe('leadscore suggest --activities', () => {
  it('reads the activity log, detects its mapping, and writes event rules the score command accepts', () => {
    const log = generateEventLeads(2500, 31);
    const leads = join(dir, 'event-leads.csv');
    const events = join(dir, 'events.csv');
    writeFileSync(leads, stringify([log.headers, ...log.rows]));
    writeFileSync(events, stringify([log.activities.headers, ...log.activities.rows]));
    const out = join(dir, 'with-events.json');
    const args = [
      'suggest',
      '--input',
      leads,
      '--outcome',
      'Converted',
      '--out',
      out,
      '--as-of',
      EVENTS_AS_OF,
    ];
    const run = leadscore(...args, '--activities', events);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const model = JSON.parse(readFileSync(out, 'utf8'));
    expect(parseModel(model).ok).toBe(true);
    expect(model.activities).toEqual({
      leadKey: 'Lead',
      activityKey: 'Lead',
      typeColumn: 'Activity',
      dateColumn: 'Date',
    });
    expect(model.rules.some((r: { event?: string }) => r.event === 'Webinar attended')).toBe(true);
    const scored = leadscore(
      'score',
      '--model',
      out,
      '--input',
      leads,
      '--activities',
      events,
      '--as-of',
      EVENTS_AS_OF,
    );
    expect(scored.stderr).toBe('');
    expect(scored.code).toBe(0);

    // Flags name the mapping; a part left out is named.
    const flagged = leadscore(
      ...args,
      '--activities',
      events,
      '--lead-key',
      'Lead',
      '--activity-type',
      'Activity',
    );
    expect(flagged.stderr).toMatch(/--activity-date/);
    expect(flagged.code).not.toBe(0);
    const named = leadscore(
      ...args,
      '--activities',
      events,
      '--lead-key',
      'Lead',
      '--activity-type',
      'Activity',
      '--activity-date',
      'Date',
    );
    expect(named.code).toBe(0);
    // Without --activities the flags are a usage error.
    expect(leadscore(...args, '--lead-key', 'Lead').stderr).toMatch(/need --activities/);
  });
});

describe('leadscore describe', () => {
  it('lists each column with its type, blanks, values and range', () => {
    const run = leadscore('describe', '--input', leadsCsv, '--top', '2');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^.*leads\.csv: 3,000 rows, 11 columns/);
    expect(run.stdout).toMatch(/\n {2}Lead ID +text +0 \(0%\) +3,000 +identifier\n/);
    expect(run.stdout).toMatch(/\n {2}Visits +number +0 \(0%\) +20 +0 to 19\n/);
    expect(run.stdout).toMatch(/\n {2}Source +text +\d+ \(\d+%\) +4 +\d+ placeholders\n/);
    expect(run.stdout).toMatch(/\nSource \(text\): top 2 of 4 values\n {2}Value +Leads\n/);
    const json = JSON.parse(leadscore('describe', '--input', leadsCsv, '--json').stdout);
    expect(json.columns.find((c: { name: string }) => c.name === 'Created')).toMatchObject({ type: 'date' });
  });
});
