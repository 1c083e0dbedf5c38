// More runs of the SQL-against-engine differential test (issue 21) than CI does:
//   npx tsx bench/sql-differential.ts [--models 1000] [--rows 20] [--seed 7] [--dialect postgres|duckdb]
// Prints the failed queries and differing rows (at most 5 of each kind) and exits non-zero on any.
import { parseArgs } from 'node:util';
import { differences, sampleCases } from '../test/core/export/sqlDifferential';
import { duckdb, pglite } from '../test/core/export/sqlEngines';

const { values } = parseArgs({
  options: {
    models: { type: 'string', default: '1000' },
    rows: { type: 'string', default: '20' },
    seed: { type: 'string', default: String(Date.now() % 100_000) },
    dialect: { type: 'string' },
  },
});
const dialects = values.dialect
  ? [values.dialect as 'postgres' | 'duckdb']
  : (['postgres', 'duckdb'] as const);
let failed = false;
for (const dialect of dialects) {
  const engine = dialect === 'postgres' ? await pglite() : await duckdb();
  const cases = sampleCases(Number(values.models), Number(values.rows), Number(values.seed));
  const started = performance.now();
  const result = await differences(engine, dialect, cases, 'bench');
  const errors = result.differences.filter((d) => d.error !== undefined);
  const rows = result.differences.filter((d) => d.error === undefined);
  console.log(
    `${dialect}: seed ${values.seed}, ${cases.length} models, ${result.rows} rows: ${errors.length} failed queries, ${rows.length} differing rows (${((performance.now() - started) / 1000).toFixed(0)} s)`,
  );
  for (const d of [...errors.slice(0, 5), ...rows.slice(0, 5)]) console.log(JSON.stringify(d));
  if (result.differences.length > 0) failed = true;
  await engine.close();
}
process.exit(failed ? 1 : 0);
