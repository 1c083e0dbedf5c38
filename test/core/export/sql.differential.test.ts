// The exported SQL equals the engine on random contract-v2 models × messy rows, on PGlite (Postgres): every
// row's score, band, grade and reasons; no query fails (issue 21). DuckDB: sql.differential.duckdb.test.ts
// (a separate file, so the two run in parallel). Seeds are fixed; more runs: `npm run bench:sql`.
import { describe } from 'vitest';
import { differentialSuite } from './sqlDifferential';
import { pglite } from './sqlEngines';

describe('the SQL on PGlite (Postgres) against the engine', () =>
  differentialSuite('postgres', pglite, 2101));
