// The exported SQL equals the engine on random contract-v2 models × messy rows, on DuckDB (issue 21); see
// sql.differential.test.ts.
import { describe } from 'vitest';
import { differentialSuite } from './sqlDifferential';
import { duckdb } from './sqlEngines';

describe('the SQL on DuckDB against the engine', () => differentialSuite('duckdb', duckdb, 2102));
