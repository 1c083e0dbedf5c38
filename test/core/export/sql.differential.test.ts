// The exported SQL equals the engine on random contract-v2 models × messy rows, on PGlite (Postgres) and
// DuckDB: every row's score, band, grade and reasons; no query fails (issue 21). Seeds are fixed; more runs:
// `npx tsx bench/sql-differential.ts`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duckdb, pglite, type SqlEngine } from './sqlEngines';
import { differences, sampleCases } from './sqlRandom';

const MODELS = 300;
const ROWS = 20;

describe.each([
  ['PGlite (Postgres)', 'postgres', pglite, 2101],
  ['DuckDB', 'duckdb', duckdb, 2102],
] as const)('the SQL on %s against the engine', (_name, dialect, open, seed) => {
  let engine: SqlEngine;
  beforeAll(async () => {
    engine = await open();
  }, 180_000);
  afterAll(() => engine.close());

  it(`gives ${MODELS} random v2 models × ${ROWS} messy rows the engine's results, with no query failing`, async () => {
    const cases = sampleCases(MODELS, ROWS, seed);
    const result = await differences(engine, dialect, cases, 'random');
    expect(result.differences.slice(0, 2)).toEqual([]);
    expect(result.rows).toBe(MODELS * ROWS);
  }, 600_000);
});
