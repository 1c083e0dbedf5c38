// The Monitor's per-period, per-band (and per fit × engagement cell) counts as SQL, run on PGlite and DuckDB
// in-process: equal to monitorModel on the same generated leads (with messy dates: blanks, text, an impossible
// day). BigQuery's is parsed. A model without cells gives the SQL it gave before the cells (frozen text).
import { parse } from 'sql-parser-cst';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIsoDay } from '../../../src/core/cells';
import { monitorCountsSql } from '../../../src/core/export/monitorSql';
import { DIALECTS } from '../../../src/core/export/sqlDialects';
import type { Model } from '../../../src/core/model';
import { type Every, monitorModel } from '../../../src/core/monitor';
import { MONITOR_HEADERS, MONITOR_MODEL, monitorLeads } from '../monitor/generate';
import { FROZEN_CASES, scoringPlaceholder } from './monitorSql.frozen';
import FROZEN from './monitorSql.frozen.json';
import { duckdb, pglite, type Row, type SqlEngine } from './sqlEngines';

const LEADS = [
  ...monitorLeads({
    months: 14,
    leadsPerMonth: 150,
    breakMonth: 8,
    openShareLastMonth: 0.5,
    seed: 13,
    firstMonth: 11,
    firstYear: 2025,
  }),
];
const ROWS = LEADS.map((l) => [...l.row]);
ROWS[0]![1] = '';
ROWS[1]![1] = 'soon';
ROWS[2]![1] = '2026-02-30';
ROWS[3]![1] = '  2026-03-04 10:30 ';
ROWS[4]![6] = ' YES ';

// Contract v2 §9: each lead judged as of its own day (the Decided column, 0–120 days after Created, or not
// a date), with rules and decay that count days, so the bands depend on each lead's day.
const AS_OF_HEADERS = [...MONITOR_HEADERS, 'Decided'];
const AS_OF_ROWS = ROWS.map((row, i) => {
  const created = Date.parse(`${String(row[1]).trim().slice(0, 10)}T00:00:00Z`);
  const decided = Number.isNaN(created)
    ? '2026-01-15'
    : i % 17 === 0
      ? ['', 'n/a', '2026-02-30'][i % 3]!
      : formatIsoDay(created / 86_400_000 + ((i * 37) % 121));
  return [...row, i % 11 === 0 ? ` ${decided} ` : decided];
});
const AS_OF_MODEL: Model = {
  ...MONITOR_MODEL,
  settings: { ...MONITOR_MODEL.settings, asOf: '2026-12-31', asOfColumn: 'Decided' },
  groups: MONITOR_MODEL.groups.map((g) =>
    g.kind === 'engagement' ? { ...g, decay: { dateColumn: 'Created', percent: 25, everyDays: 30 } } : g,
  ),
  rules: [
    ...MONITOR_MODEL.rules,
    { name: 'Fresh', group: 'Engagement', column: 'Created', operator: 'within days', value: 45, points: 25 },
    { name: 'Stale', group: 'Fit', column: 'Created', operator: 'older than days', value: 90, points: -15 },
  ],
};

// Contract v2 §10 with §9: grades and engagement levels (names a user could type: a quote, a formula-like
// name, a line break) over the as-of model, so each lead's cell depends on its own day too.
const CELLS_MODEL: Model = {
  ...AS_OF_MODEL,
  grades: [
    { name: 'C', min: null },
    { name: "B'", min: 20 },
    { name: '=A', min: 40 },
  ],
  engagementLevels: [
    { name: '3\ncold', min: null },
    { name: '2', min: 30 },
    { name: '1', min: 50 },
  ],
};

function expected(every: Every, model = MONITOR_MODEL, headers = MONITOR_HEADERS, rows = ROWS) {
  const result = monitorModel(model, headers, rows, { dateColumn: 'Created', every });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.report.periods.flatMap((p) =>
    p.bands
      .filter((b) => b.leads > 0)
      .map((b) => ({
        period_start: p.start,
        band: b.band,
        leads: b.leads,
        known: b.known,
        conversions: b.conversions,
      })),
  );
}

/** Per period, the bands with leads (no cell), then the cells with leads (no band), as monitorModel gives. */
function expectedWithCells(model: Model, headers: readonly string[], rows: unknown[][], every: Every) {
  const result = monitorModel(model, headers, rows, { dateColumn: 'Created', every });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.report.periods.flatMap((p) => [
    ...p.bands
      .filter((b) => b.leads > 0)
      .map((b) => ({
        period_start: p.start,
        band: b.band,
        cell: null,
        grade: null,
        engagement_level: null,
        leads: b.leads,
        known: b.known,
        conversions: b.conversions,
      })),
    ...p
      .cells!.filter((c) => c.leads > 0)
      .map((c) => ({
        period_start: p.start,
        band: null,
        cell: c.cell,
        grade: c.grade,
        engagement_level: c.level,
        leads: c.leads,
        known: c.known,
        conversions: c.conversions,
      })),
  ]);
}

const text = (value: unknown) => (value === null ? null : String(value));
const cellRows = (rows: Row[]) =>
  rows.map((r) => ({
    period_start: String(r.period_start),
    band: text(r.band),
    cell: text(r.cell),
    grade: text(r.grade),
    engagement_level: text(r.engagement_level),
    leads: Number(r.leads),
    known: Number(r.known),
    conversions: Number(r.conversions),
  }));

const engines: [string, () => Promise<SqlEngine>][] = [
  ['postgres', pglite],
  ['duckdb', duckdb],
];

describe.each(engines)('monitor counts on %s', (dialect, open) => {
  let engine: SqlEngine;
  beforeAll(async () => {
    engine = await open();
    await engine.load('leads', MONITOR_HEADERS, ROWS);
    await engine.load('asof leads', AS_OF_HEADERS, AS_OF_ROWS);
  }, 60_000);
  afterAll(async () => {
    await engine.close();
  });

  it.each(['week', 'month', 'quarter'] as Every[])('equal monitorModel every %s', async (every) => {
    const made = monitorCountsSql(MONITOR_MODEL, {
      dialect: dialect as 'postgres' | 'duckdb',
      table: 'leads',
      dateColumn: 'created',
      every,
      headers: MONITOR_HEADERS,
    });
    if (!made.ok) throw new Error(made.problems.map((p) => p.message).join('\n'));
    const rows = (await engine.query(made.sql)).map((r) => ({
      period_start: String(r.period_start),
      band: String(r.band),
      leads: Number(r.leads),
      known: Number(r.known),
      conversions: Number(r.conversions),
    }));
    expect(rows).toEqual(expected(every));
  });

  it('equal monitorModel with an as-of column (each lead as of its own day)', async () => {
    const made = monitorCountsSql(AS_OF_MODEL, {
      dialect: dialect as 'postgres' | 'duckdb',
      table: 'asof leads',
      dateColumn: 'Created',
      every: 'month',
      headers: AS_OF_HEADERS,
    });
    if (!made.ok) throw new Error(made.problems.map((p) => p.message).join('\n'));
    const rows = (await engine.query(made.sql)).map((r) => ({
      period_start: String(r.period_start),
      band: String(r.band),
      leads: Number(r.leads),
      known: Number(r.known),
      conversions: Number(r.conversions),
    }));
    const want = expected('month', AS_OF_MODEL, AS_OF_HEADERS, AS_OF_ROWS);
    // The as-of column changes the bands (else this would not test it).
    const { asOfColumn: _, ...withoutColumn } = AS_OF_MODEL.settings!;
    expect(want).not.toEqual(
      expected('month', { ...AS_OF_MODEL, settings: withoutColumn }, AS_OF_HEADERS, AS_OF_ROWS),
    );
    expect(rows).toEqual(want);
  });

  it.each(['month', 'week'] as Every[])(
    'equal monitorModel per band and per fit × engagement cell, with an as-of column, every %s',
    async (every) => {
      const made = monitorCountsSql(CELLS_MODEL, {
        dialect: dialect as 'postgres' | 'duckdb',
        table: 'asof leads',
        dateColumn: 'Created',
        every,
        headers: AS_OF_HEADERS,
      });
      if (!made.ok) throw new Error(made.problems.map((p) => p.message).join('\n'));
      const rows = await engine.query(made.sql);
      expect(Object.keys(rows[0]!)).toEqual([
        'period_start',
        'band',
        'cell',
        'grade',
        'engagement_level',
        'leads',
        'known',
        'conversions',
      ]);
      const want = expectedWithCells(CELLS_MODEL, AS_OF_HEADERS, AS_OF_ROWS, every);
      // Every cell has leads somewhere, and the as-of column moves leads between cells (else this tests less).
      expect(new Set(want.map((r) => r.cell)).size).toBe(10);
      const { asOfColumn: _, ...withoutColumn } = CELLS_MODEL.settings!;
      expect(want).not.toEqual(
        expectedWithCells({ ...CELLS_MODEL, settings: withoutColumn }, AS_OF_HEADERS, AS_OF_ROWS, every),
      );
      expect(cellRows(rows)).toEqual(want);
    },
  );
});

describe('monitorCountsSql', () => {
  it.each(FROZEN_CASES)('gives a model without cells the SQL it gave before the cells: $name', (c) => {
    const made = monitorCountsSql(c.model, c.options);
    if (!made.ok) throw new Error(made.problems.map((p) => p.message).join('\n'));
    expect(scoringPlaceholder(made.sql, c.model, c.options)).toBe((FROZEN as Record<string, string>)[c.name]);
  });

  it.each(['week', 'month', 'quarter'] as Every[])(
    'gives BigQuery SQL with cells that parses, every %s',
    (every) => {
      const made = monitorCountsSql(CELLS_MODEL, {
        dialect: 'bigquery',
        table: 'my-project.crm.leads',
        dateColumn: 'Created',
        every,
        headers: AS_OF_HEADERS,
      });
      if (!made.ok) throw new Error(made.problems.map((p) => p.message).join('\n'));
      expect(() => parse(made.sql, { dialect: 'bigquery' })).not.toThrow();
      expect(made.sql).toContain('GROUP BY GROUPING SETS');
    },
  );

  it('writes grade and level names only as quoted literals, never split or indented', () => {
    for (const dialect of ['postgres', 'duckdb', 'bigquery'] as const) {
      const made = monitorCountsSql(CELLS_MODEL, { dialect, dateColumn: 'Created', headers: AS_OF_HEADERS });
      if (!made.ok) throw new Error(made.problems.map((p) => p.message).join('\n'));
      const wrapper = scoringPlaceholder(made.sql, CELLS_MODEL, { dialect, headers: AS_OF_HEADERS });
      // As the dialect quotes any text (the level's line break kept as it is, no indent after it).
      for (const name of ["B'", '=A', '3\ncold'])
        expect(wrapper).toContain(`WHEN ${DIALECTS[dialect].string(name)} THEN`);
    }
  });

  it('names a missing date column and a model without outcome', () => {
    const made = monitorCountsSql(
      { ...MONITOR_MODEL, outcome: undefined },
      { dateColumn: 'Signed up', headers: MONITOR_HEADERS },
    );
    expect(made.ok).toBe(false);
    if (!made.ok)
      expect(made.problems.map((p) => p.message)).toEqual([
        'the model has no outcome column: say which column records conversions',
        'monitor: there is no date column "Signed up"',
      ]);
  });
});
