import { duckdb, pglite } from '/work/wt/sql/test/core/export/sqlEngines';
import { differences, sampleCases } from '/work/wt/sql/test/core/export/sqlRandom';
const which = process.argv[2] as 'postgres' | 'duckdb';
const n = Number(process.argv[3] ?? 30);
const engine = which === 'postgres' ? await pglite() : await duckdb();
const cases = sampleCases(n, 20, Number(process.argv[4] ?? 2101));
const t = Date.now();
const r = await differences(engine, which, cases, 'random');
console.log(which, 'ms', Date.now() - t, 'rows', r.rows, 'diffs', r.differences.length, 'errors', r.differences.filter((d) => d.error).length);
const seen = new Set<string>();
for (const d of r.differences) {
  const key = d.error ? d.error.slice(0, 80) : JSON.stringify([d.want, d.got]).slice(0, 60);
  if (seen.has(key)) continue; seen.add(key);
  if (seen.size > 6) break;
  console.log(JSON.stringify({ case: d.caseIndex, error: d.error?.slice(0, 300), row: d.row, want: d.want, got: d.got }));
}
