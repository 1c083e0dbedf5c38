// Contract v2 §10 in the SQL export: with engagement levels, `engagement_level` and `cell` (grade + level)
// beside `grade`, equal to the engine on PGlite and DuckDB; BigQuery parses; no new column without levels.
import { parse } from 'sql-parser-cst';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utcDayOfDate } from '../../../src/core/cells';
import { compileModel } from '../../../src/core/engine';
import { modelToSql } from '../../../src/core/export/sql';
import type { Model } from '../../../src/core/model';
import { sampleLeads } from '../../../src/core/sampleLeads';
import { starterModel } from '../../../src/core/starterModel';
import { duckdb, pglite, type Row, type SqlEngine } from './sqlEngines';

const withLevels = (grades = true): Model => {
  const model: Model = {
    ...starterModel(),
    settings: { ...starterModel().settings, asOf: '2026-06-30' },
    engagementLevels: [
      { name: '3', min: null },
      { name: "2'", min: 5 },
      { name: '1', min: 12.5 },
    ],
  };
  if (!grades) delete model.grades;
  return model;
};

/** The sample leads as text, as a CSV load gives them, with a row number. */
function leadsTable(): { headers: string[]; rows: string[][] } {
  const [headers = [], ...rows] = sampleLeads({ count: 400, today: utcDayOfDate(new Date('2026-06-30')) });
  const text = (cell: unknown) =>
    cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell ?? '');
  return {
    headers: ['Row', ...headers.map(text)],
    rows: rows.map((row, index) => [String(index), ...row.map(text)]),
  };
}

function expected(model: Model, headers: readonly string[], rows: readonly string[][]) {
  const compiled = compileModel(model, headers, { timeZone: 'UTC' });
  if (!compiled.ok) throw new Error(compiled.problems.map((p) => p.message).join('\n'));
  return rows.map((row) => {
    const result = compiled.compiled.score(row);
    return { grade: result.grade ?? null, level: result.engagementLevel, cell: result.cell ?? null };
  });
}

function actual(rows: Row[]) {
  return [...rows]
    .sort((a, b) => Number(a.Row) - Number(b.Row))
    .map((row) => ({ grade: row.grade, level: row.engagement_level, cell: row.cell }));
}

describe.each([
  ['postgres', pglite],
  ['duckdb', duckdb],
] as const)('the cell in the SQL on %s', (dialect, open) => {
  let engine: SqlEngine;
  const table = leadsTable();
  beforeAll(async () => {
    engine = await open();
    await engine.load('leads', table.headers, table.rows);
  }, 180_000);
  afterAll(() => engine.close());

  const run = async (model: Model) => {
    const result = modelToSql(model, { dialect, table: 'leads' });
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
    return engine.query(result.sql);
  };

  it('gives every lead the engine’s grade, engagement level and cell, beside the grade', async () => {
    const rows = await run(withLevels());
    const want = expected(withLevels(), table.headers, table.rows);
    expect(actual(rows)).toEqual(want);
    expect(new Set(want.map((row) => row.cell)).size).toBeGreaterThan(4);
    expect(Object.keys(rows[0]!).slice(-6)).toEqual([
      'score',
      'band',
      'grade',
      'engagement_level',
      'cell',
      'reasons',
    ]);
  });

  it('without grades, the level and a NULL cell; without levels, no new column', async () => {
    const rows = await run(withLevels(false));
    expect(actual(rows)).toEqual(expected(withLevels(false), table.headers, table.rows));
    expect(Object.keys((await run(starterModel()))[0]!).slice(-4)).toEqual([
      'score',
      'band',
      'grade',
      'reasons',
    ]);
  });
});

describe('the cell in BigQuery SQL', () => {
  it('is one SELECT that parses', () => {
    const result = modelToSql(withLevels(), { dialect: 'bigquery', table: 'my-project.crm.leads' });
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
    const statements = parse(result.sql, { dialect: 'bigquery' }).statements.filter(
      (s) => s.type !== 'empty',
    );
    expect(statements.map((statement) => statement.type)).toEqual(['select_stmt']);
    expect(result.sql).toContain('AS `cell`');
  });
});
