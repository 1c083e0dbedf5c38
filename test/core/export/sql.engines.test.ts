// The exported SQL run on real engines, in-process: every row's score, band, grade and reasons must be the
// engine's, over messy cells and every operator, and a hostile model must give correct, safe SQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utcDayOfDate } from '../../../src/core/cells';
import { compileModel, formatReasons } from '../../../src/core/engine';
import { modelToSql } from '../../../src/core/export/sql';
import type { Model } from '../../../src/core/model';
import { sampleActivities, sampleLeadsV2 } from '../../../src/core/sampleLeads';
import { starterModelV2 } from '../../../src/core/starterModel';
import { duckdb, pglite, type Row, type SqlEngine } from './sqlEngines';
import {
  ACTIVITY_HEADERS,
  MESSY_HEADERS,
  messyActivities,
  messyModel,
  messyModelV2,
  messyRows,
  messyRowsV2,
  V2_HEADERS,
} from './sqlFixtures';

const ROWS = messyRows(5000);
const ROWS_V2 = messyRowsV2(5000);
const ACTIVITIES = messyActivities(20_000);

function expected(
  model: Model,
  headers: readonly string[],
  rows: readonly string[][],
  activities?: { headers: readonly string[]; rows: readonly string[][] },
) {
  const compiled = compileModel(model, headers, { timeZone: 'UTC', activities });
  if (!compiled.ok) throw new Error(compiled.problems.map((p) => p.message).join('\n'));
  return rows.map((row) => {
    const result = compiled.compiled.score(row);
    return {
      score: result.score,
      band: result.band,
      grade: result.grade ?? null,
      reasons: formatReasons(result.reasons),
    };
  });
}

function actual(rows: Row[], idColumn: string) {
  return [...rows]
    .sort((a, b) => Number(a[idColumn]) - Number(b[idColumn]))
    .map((row) => ({ score: row.score, band: row.band, grade: row.grade, reasons: row.reasons }));
}

function sqlFor(model: Model, dialect: 'postgres' | 'duckdb', table: string, headers?: string[]) {
  const result = modelToSql(model, {
    dialect,
    table,
    headers,
    activitiesTable: 'activity log',
    activityHeaders: ACTIVITY_HEADERS,
  });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.sql;
}

const HOSTILE_COLUMN = `Robert"); DROP TABLE leads; -- \\ 'x' ünï`;
const HOSTILE_TABLE = `lead"s; --`;

function hostileModel(): Model {
  return {
    name: `Hostile'; DROP TABLE leads; --`,
    settings: { asOf: '2026-06-30' },
    groups: [{ name: `G"; --`, kind: 'fit' }],
    rules: [
      {
        name: `It's "1"; --\\`,
        group: `G"; --`,
        column: HOSTILE_COLUMN,
        operator: 'equals',
        value: `O'Brien"; --\\n`,
        points: 10,
      },
      {
        name: 'Semicolon',
        group: `G"; --`,
        column: HOSTILE_COLUMN,
        operator: 'contains',
        value: `;--`,
        points: 5,
      },
      {
        name: 'Backslash',
        group: `G"; --`,
        column: HOSTILE_COLUMN,
        operator: 'one of',
        value: ['a\\b', '🎉', `'`],
        points: 3,
      },
    ],
    bands: [
      { name: `Cold'`, min: null },
      { name: `Hot"; --`, min: 5 },
    ],
  };
}
const HOSTILE_VALUES = [
  `O'Brien"; --\\n`,
  ` o'brien"; --\\N `,
  `x;--y`,
  'a\\b',
  'A\\B',
  '🎉',
  `'`,
  `''`,
  '',
  'safe',
  `"; DROP TABLE leads; --`,
];

describe.each([
  ['PGlite (Postgres)', 'postgres', pglite],
  ['DuckDB', 'duckdb', duckdb],
] as const)('the SQL on %s', (_name, dialect, open) => {
  let engine: SqlEngine;
  let scored: Row[];
  let scoredV2: Row[];
  beforeAll(async () => {
    engine = await open();
    await engine.load('leads', MESSY_HEADERS, ROWS);
    await engine.load('leads v2', V2_HEADERS, ROWS_V2);
    await engine.load('activity log', ACTIVITY_HEADERS, ACTIVITIES);
    scored = await engine.query(sqlFor(messyModel(), dialect, 'leads', MESSY_HEADERS));
    scoredV2 = await engine.query(sqlFor(messyModelV2(), dialect, 'leads v2', V2_HEADERS));
    await engine.load(
      HOSTILE_TABLE,
      ['Id', HOSTILE_COLUMN],
      HOSTILE_VALUES.map((value, index) => [String(index + 1), value]),
    );
  }, 300_000);
  afterAll(() => engine.close());

  it('gives every one of 5,000 messy rows the engine’s score, band, grade and reasons', async () => {
    expect(scored).toHaveLength(ROWS.length);
    const got = actual(scored, 'Id');
    const want = expected(messyModel(), MESSY_HEADERS, ROWS);
    const mismatches = want.flatMap((row, index) =>
      JSON.stringify(row) === JSON.stringify(got[index])
        ? []
        : [{ cells: ROWS[index], want: row, got: got[index] }],
    );
    expect(mismatches.slice(0, 3)).toEqual([]);
    // The data really exercises the model: several bands and grades, scores capped at both ends.
    expect(new Set(want.map((row) => row.band)).size).toBe(4);
    expect(new Set(want.map((row) => row.grade)).size).toBe(4);
    expect(want.some((row) => row.score === 60)).toBe(true);
    expect(want.some((row) => row.score === -20)).toBe(true);
  });

  it('gives v2 (conditions, weights, tiers, override, blank values, 20,000 events) the engine’s results', () => {
    expect(scoredV2).toHaveLength(ROWS_V2.length);
    const got = actual(scoredV2, 'Id');
    const want = expected(messyModelV2(), V2_HEADERS, ROWS_V2, {
      headers: ACTIVITY_HEADERS,
      rows: ACTIVITIES,
    });
    const mismatches = want.flatMap((row, index) =>
      JSON.stringify(row) === JSON.stringify(got[index])
        ? []
        : [{ cells: ROWS_V2[index], want: row, got: got[index] }],
    );
    expect(mismatches.slice(0, 3)).toEqual([]);
    const reasons = want.map((row) => row.reasons).join('\n');
    for (const used of [
      'Manual override',
      'Email opens (30 days)',
      'Pricing 3+ in a week',
      'No events at all',
      'Some page views',
      'Senior and engaged',
      'Quiet, no phone',
      'Large',
      'Medium',
      'Any size',
    ])
      expect(reasons).toContain(used);
  });

  it('gives the v2 starter model on its sample leads and sample activities the engine’s results', async () => {
    const today = utcDayOfDate(new Date('2026-06-30'));
    const asText = (rows: unknown[][]) =>
      rows.map((row) =>
        row.map((cell) => (cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell ?? ''))),
      );
    const leads = asText(sampleLeadsV2({ count: 1000, today }));
    const log = asText(sampleActivities(sampleLeadsV2({ count: 1000, today }), { count: 1000, today }));
    const [leadHeaders = [], ...leadRows] = leads;
    const [logHeaders = [], ...logRows] = log;
    const withId = ['Row', ...leadHeaders];
    const rows = leadRows.map((row, index) => [String(index + 1), ...row]);
    await engine.load('starter v2', withId, rows);
    await engine.load('starter activities', logHeaders, logRows);
    const model = { ...starterModelV2(), settings: { ...starterModelV2().settings, asOf: '2026-06-30' } };
    const result = modelToSql(model, { dialect, table: 'starter v2', activitiesTable: 'starter activities' });
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
    const got = actual(await engine.query(result.sql), 'Row');
    const want = expected(model, withId, rows, { headers: logHeaders, rows: logRows });
    expect(got).toEqual(want);
    expect(new Set(want.map((row) => row.band)).size).toBeGreaterThan(2);
  });

  it('returns the table’s own columns unchanged', async () => {
    const first = scored.find((row) => row.Id === '1')!;
    expect(Object.keys(first)).toEqual([...MESSY_HEADERS, 'score', 'band', 'grade', 'reasons']);
    expect(MESSY_HEADERS.map((header) => first[header])).toEqual(ROWS[0]);
  });

  it('quotes hostile column, table and rule names and escapes hostile values', async () => {
    const sql = sqlFor(hostileModel(), dialect, HOSTILE_TABLE);
    const rows = await engine.query(sql);
    const want = expected(
      hostileModel(),
      ['Id', HOSTILE_COLUMN],
      HOSTILE_VALUES.map((value, index) => [String(index + 1), value]),
    );
    expect(actual(rows, 'Id')).toEqual(want);
    expect(want.filter((row) => row.score > 0).length).toBeGreaterThan(3);
    // The leads table is still there: nothing in the model ran as SQL.
    expect(await engine.query(`SELECT COUNT(*) AS n FROM "leads"`)).toEqual([
      { n: dialect === 'duckdb' ? 5000n : 5000 },
    ]);
  });
});
