// Contract v2 §9 in the SQL export: with settings.asOfColumn each lead is judged as of its own day (its
// cell there when it is a date, else the model's as-of) in every day count: `within days` / `older than
// days`, row decay, event windows and decayed event sums, and events after the lead's day do not count.
import { parse } from 'sql-parser-cst';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileModel, formatReasons } from '../../../src/core/engine';
import { DIALECT_NAMES, modelToSql } from '../../../src/core/export/sql';
import type { Model } from '../../../src/core/model';
import { starterModel } from '../../../src/core/starterModel';
import { duckdb, pglite, type Row, type SqlEngine } from './sqlEngines';

const LEAD_HEADERS = ['Id', 'Email', 'Signed up', 'Decided on'];
const LOG_HEADERS = ['Key', 'Type', 'When'];

function model(): Model {
  return {
    name: 'Decided leads',
    settings: { asOf: '2026-06-30', asOfColumn: 'decided ON', blankValues: ['n/a'] },
    activities: { leadKey: 'Email', activityKey: 'Key', typeColumn: 'Type', dateColumn: 'When' },
    groups: [
      { name: 'Fit', kind: 'fit', decay: { dateColumn: 'Signed up', percent: 10, everyDays: 7 } },
      {
        name: 'Engagement',
        kind: 'engagement',
        decay: { dateColumn: 'Signed up', percent: 25, everyDays: 7 },
      },
    ],
    rules: [
      {
        name: 'Recent sign-up',
        group: 'Fit',
        column: 'Signed up',
        operator: 'within days',
        value: 14,
        points: 30,
      },
      {
        name: 'Old sign-up',
        group: 'Fit',
        column: 'Signed up',
        operator: 'older than days',
        value: 60,
        points: -5,
      },
      {
        name: 'Visits in 7 days',
        group: 'Engagement',
        event: 'Visit',
        withinDays: 7,
        operator: '>=',
        value: 2,
        points: 15,
      },
      { name: 'Each visit', group: 'Engagement', event: 'Visit', operator: 'per', points: 3 },
      { name: 'Demo booked', group: 'Engagement', event: 'Demo', operator: '>=', value: 1, points: 20 },
      {
        name: 'Visit in the last 3 days',
        group: 'Engagement',
        event: 'Visit',
        where: { all: [{ column: 'When', operator: 'within days', value: 3 }] },
        operator: '>=',
        value: 1,
        points: 4,
      },
    ],
    bands: [
      { name: 'Cold', min: null },
      { name: 'Warm', min: 20 },
      { name: 'Hot', min: 40 },
    ],
  };
}

// Leads sharing a key on different days; as-of cells that are dates (padded too), blank, text, a blank
// value, an impossible date; days before, between and after the events.
const LEADS = [
  ['1', 'a@x.com', '2026-03-01', '2026-03-10'],
  ['2', 'A@X.com ', '2026-03-01', ''],
  ['3', 'b@y.com', '2026-06-20', 'soon'],
  ['4', 'b@y.com', '2026-06-20', ' 2026-06-25 '],
  ['5', 'c@z.com', '2026-01-01', '2025-12-31'],
  ['6', 'c@z.com', '2026-01-01', '2026-02-30'],
  ['7', '', '2026-03-01', '2026-03-10'],
  ['8', 'a@x.com', '2026-03-01', 'n/a'],
  ['9', 'a@x.com', '2026-03-01', '2026-03-21T08:00'],
];
const LOG = [
  ['a@x.com', 'Visit', '2026-03-05'],
  ['a@x.com', 'Visit', '2026-03-08'],
  ['a@x.com', 'Visit', '2026-03-09'],
  ['a@x.com', 'Demo', '2026-03-20'],
  ['a@x.com', 'Visit', '2026-06-28'],
  ['A@X.COM', 'Visit', '2026-06-29'],
  ['b@y.com', 'Visit', '2026-06-22'],
  ['b@y.com', 'Visit', '2026-06-24'],
  ['b@y.com', 'Demo', '2026-06-26'],
  ['b@y.com', 'Visit', '2026-06-27'],
  ['c@z.com', 'Visit', '2026-01-05'],
  ['c@z.com', 'Demo', '2026-02-01'],
];

function expected(m: Model) {
  const compiled = compileModel(m, LEAD_HEADERS, {
    timeZone: 'UTC',
    activities: { headers: LOG_HEADERS, rows: LOG },
  });
  if (!compiled.ok) throw new Error(compiled.problems.map((p) => p.message).join('\n'));
  return LEADS.map((row) => {
    const result = compiled.compiled.score(row);
    return { score: result.score, band: result.band, reasons: formatReasons(result.reasons) };
  });
}

function withoutAsOfColumn(): Model {
  const m = model();
  delete m.settings!.asOfColumn;
  return m;
}

describe('modelToSql and settings.asOfColumn', () => {
  it('exports the model in every dialect (no longer refused)', () => {
    for (const dialect of DIALECT_NAMES) {
      const m = starterModel();
      m.settings = { ...m.settings, asOfColumn: 'Decided on' };
      expect(modelToSql(m, { dialect }).ok).toBe(true);
    }
  });

  it('writes the model with events as one BigQuery SELECT that parses', () => {
    const result = modelToSql(model(), { dialect: 'bigquery', table: 'my-project.crm.leads' });
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
    const statements = parse(result.sql, { dialect: 'bigquery' }).statements.filter(
      (s) => s.type !== 'empty',
    );
    expect(statements.map((statement) => statement.type)).toEqual(['select_stmt']);
    // The events are summed as of each lead's day: joined back on the key and the as-of cell.
    expect(result.sql).toMatch(/AS ev ON ev\.`__ls_key` = .* AND ev\.`__ls_asraw` = /s);
  });

  it('names an as-of column the table does not have', () => {
    const result = modelToSql(model(), {
      headers: ['Id', 'Email', 'Signed up'],
      activityHeaders: LOG_HEADERS,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.message)).toContain(
      'settings: column "decided ON" is not in the table (columns: Id, Email, Signed up)',
    );
  });

  it('judges each lead as of its own day in the engine: the fixture would catch an SQL that ignored it', () => {
    const own = expected(model());
    const one = expected(withoutAsOfColumn());
    // Lead 1 (decided 2026-03-10): sign-up 9 days before (30 × 0.9), 3 visits in the week (+15, 3 × 3 each,
    // 2 in the last 3 days +4); the demo came after the decision and does not count.
    expect(own[0]).toEqual({
      score: 55,
      band: 'Hot',
      reasons: 'Recent sign-up +27, Visits in 7 days +15, Each visit +9, Visit in the last 3 days +4',
    });
    expect(own[0]!.reasons).not.toContain('Demo booked');
    // Leads with a date in the column differ from the one-day model; the others do not.
    const differs = own.map((row, index) => JSON.stringify(row) !== JSON.stringify(one[index]));
    expect(differs).toEqual([true, false, false, true, true, false, true, false, true]);
  });

  describe.each([
    ['PGlite (Postgres)', 'postgres', pglite],
    ['DuckDB', 'duckdb', duckdb],
  ] as const)('on %s', (_name, dialect, open) => {
    let engine: SqlEngine;
    beforeAll(async () => {
      engine = await open();
      await engine.load('leads', LEAD_HEADERS, LEADS);
      await engine.load('activity log', LOG_HEADERS, LOG);
    }, 120_000);
    afterAll(() => engine.close());

    const run = async (m: Model) => {
      const sql = modelToSql(m, {
        dialect,
        table: 'leads',
        headers: LEAD_HEADERS,
        activitiesTable: 'activity log',
        activityHeaders: LOG_HEADERS,
      });
      if (!sql.ok) throw new Error(sql.problems.map((p) => p.message).join('\n'));
      const rows: Row[] = await engine.query(sql.sql);
      return [...rows]
        .sort((a, b) => Number(a.Id) - Number(b.Id))
        .map((row) => ({ score: row.score, band: row.band, reasons: row.reasons }));
    };

    it('gives every lead the engine’s score, band and reasons as of its own day', async () => {
      expect(await run(model())).toEqual(expected(model()));
    });

    it('still scores every lead as of the model’s day without the setting', async () => {
      expect(await run(withoutAsOfColumn())).toEqual(expected(withoutAsOfColumn()));
    });
  });
});
