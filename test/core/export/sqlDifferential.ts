// The check that the exported SQL on PGlite and DuckDB gives every row the engine's score, band, grade and
// reasons, over random contract-v2 models and messy text rows (test/support/v2ModelArbitrary.ts). Used by the
// differential test (fixed seeds) and by bench/sql-differential.ts (more runs).
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { compileModel, formatReasons } from '../../../src/core/engine';
import { modelToSql } from '../../../src/core/export/sql';
import type { Model } from '../../../src/core/model';
import {
  SQL_LEAD_HEADERS as LEAD_HEADERS,
  SQL_LOG_HEADERS as LOG_HEADERS,
  sqlModelArbitrary,
} from '../../support/v2ModelArbitrary';
import { sqlLogArbitrary, sqlRowsArbitrary } from '../../support/v2RowArbitrary';
import type { Row, SqlEngine } from './sqlEngines';

export interface Case {
  model: Model;
  rows: string[][];
  log: string[][];
}

export function sampleCases(count: number, rowsPerModel: number, seed: number): Case[] {
  return fc.sample(
    fc.record({ model: sqlModelArbitrary, rows: sqlRowsArbitrary(rowsPerModel), log: sqlLogArbitrary }),
    { numRuns: count, seed },
  );
}

export interface Outcome {
  score: unknown;
  band: unknown;
  grade: unknown;
  /** v2 §10: only for a model with engagement levels (the SQL has these columns only then). */
  engagementLevel?: unknown;
  cell?: unknown;
  reasons: unknown;
}

export function engineOutcomes(c: Case): Outcome[] {
  const headers = LEAD_HEADERS.slice(1);
  const compiled = compileModel(c.model, headers, {
    timeZone: 'UTC',
    activities: { headers: LOG_HEADERS, rows: c.log },
  });
  if (!compiled.ok) throw new Error(compiled.problems.map((p) => p.message).join('\n'));
  return c.rows.map((row) => {
    const result = compiled.compiled.score(row);
    return {
      score: result.score,
      band: result.band,
      grade: result.grade ?? null,
      ...(c.model.engagementLevels && { engagementLevel: result.engagementLevel, cell: result.cell ?? null }),
      reasons: formatReasons(result.reasons),
    };
  });
}

export interface Difference {
  caseIndex: number;
  model: Model;
  row?: string[];
  want?: Outcome;
  got?: Outcome;
  error?: string;
}

/**
 * Runs the cases on one database: loads every case's rows and log into two tables (a column naming the
 * case), a view per case, then each case's SQL; returns the rows that differ and the queries that fail.
 */
export async function differences(
  engine: SqlEngine,
  dialect: 'postgres' | 'duckdb',
  cases: readonly Case[],
  prefix: string,
): Promise<{ differences: Difference[]; rows: number }> {
  const leads = `${prefix} leads`;
  const log = `${prefix} log`;
  await engine.load(
    leads,
    ['Case', ...LEAD_HEADERS],
    cases.flatMap((c, i) => c.rows.map((row, r) => [String(i), String(r), ...row])),
  );
  await engine.load(
    log,
    ['Case', ...LOG_HEADERS],
    cases.flatMap((c, i) => c.log.map((row) => [String(i), ...row])),
  );
  const found: Difference[] = [];
  let rows = 0;
  for (const [i, c] of cases.entries()) {
    const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
    await engine.query(
      `CREATE VIEW ${q(`${leads} ${i}`)} AS SELECT * FROM ${q(leads)} WHERE "Case" = '${i}'`,
    );
    await engine.query(`CREATE VIEW ${q(`${log} ${i}`)} AS SELECT * FROM ${q(log)} WHERE "Case" = '${i}'`);
    const sql = modelToSql(c.model, {
      dialect,
      table: `${leads} ${i}`,
      activitiesTable: `${log} ${i}`,
      headers: ['Case', ...LEAD_HEADERS],
      activityHeaders: ['Case', ...LOG_HEADERS],
    });
    if (!sql.ok) {
      found.push({ caseIndex: i, model: c.model, error: sql.problems.map((p) => p.message).join('; ') });
      continue;
    }
    let got: Row[];
    try {
      got = await engine.query(sql.sql);
    } catch (error) {
      found.push({ caseIndex: i, model: c.model, error: (error as Error).message });
      continue;
    }
    const byId = new Map(got.map((row) => [Number(row.Id), row]));
    engineOutcomes(c).forEach((want, r) => {
      rows++;
      const row = byId.get(r);
      const have = row && {
        score: row.score,
        band: row.band,
        grade: row.grade,
        ...('cell' in row && { engagementLevel: row.engagement_level, cell: row.cell }),
        reasons: row.reasons,
      };
      if (JSON.stringify(have) !== JSON.stringify(want))
        found.push({ caseIndex: i, model: c.model, row: c.rows[r], want, got: have });
    });
  }
  return { differences: found, rows };
}

/** The CI run: 300 random models × 20 rows on one database, 0 failed queries and 0 differing rows. */
export function differentialSuite(
  dialect: 'postgres' | 'duckdb',
  open: () => Promise<SqlEngine>,
  seed: number,
) {
  const models = 300;
  const rows = 20;
  let engine: SqlEngine;
  beforeAll(async () => {
    engine = await open();
  }, 180_000);
  afterAll(() => engine.close());
  it(`gives ${models} random v2 models × ${rows} messy rows the engine's results, with no query failing`, async () => {
    const result = await differences(engine, dialect, sampleCases(models, rows, seed), 'random');
    expect(result.differences.slice(0, 2)).toEqual([]);
    expect(result.rows).toBe(models * rows);
  }, 900_000);
}
