// The CLI at scale: `leadscore score` on 1,000,000 leads × 20 rules (a ~100 MB CSV generated in a temp
// folder) must take ≤ 10 s and ≤ 300 MB peak memory (a child process, measured by /usr/bin/time -v, or
// by its own resource usage where that is missing). For scale, DuckDB runs the generated SQL on the same
// CSV in the same run. Run: npx tsx bench/cli.bench.ts (after node build.mjs).
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { modelToSql } from '../src/core/export/sql';
import { starterModel } from '../src/core/starterModel';
import { writeSampleLeads } from './leadFiles';
import { measure } from './measure';

const LEADS = Number(process.env.LEADS ?? 1_000_000);
const TARGET_SECONDS = 10;
const TARGET_MB = 300;
const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist-cli', 'leadscore.mjs');

const dir = mkdtempSync(join(tmpdir(), 'leadscore-bench-'));
let failed = false;
try {
  // The starter model without its last rule: 20 rules, over the sample leads' 13 columns.
  const model = starterModel();
  model.rules = model.rules.slice(0, 20);
  model.settings = { ...model.settings, asOf: '2026-06-30' };
  const modelPath = join(dir, 'model.json');
  writeFileSync(modelPath, JSON.stringify(model));
  const input = join(dir, 'leads.csv');
  await writeSampleLeads(input, LEADS);
  const size = statSync(input).size;
  console.log(
    `${LEADS.toLocaleString('en-US')} leads, ${(size / 1e6).toFixed(0)} MB CSV, ${model.rules.length} rules`,
  );

  const output = join(dir, 'scored.csv');
  const run = measure([cli, 'score', '--model', modelPath, '--input', input, '--output', output]);
  console.log(
    `leadscore score: ${run.seconds.toFixed(1)} s (${run.cpuSeconds.toFixed(1)} s of CPU), peak ${run.peakMb.toFixed(0)} MB (targets ≤ ${TARGET_SECONDS} s, ≤ ${TARGET_MB} MB); ${run.stderr.trim()}`,
  );
  if (run.status !== 0 || run.seconds > TARGET_SECONDS || run.peakMb > TARGET_MB) failed = true;

  const calibrate = measure([cli, 'calibrate', '--model', modelPath, '--input', input, '--json']);
  console.log(
    `leadscore calibrate: ${calibrate.seconds.toFixed(1)} s, peak ${calibrate.peakMb.toFixed(0)} MB`,
  );

  const duck = await duckdbSeconds(model, input, join(dir, 'duckdb.csv'));
  console.log(
    `DuckDB, the generated SQL on the same CSV: ${duck.toFixed(1)} s; leadscore score takes ${(run.seconds / duck).toFixed(2)}× DuckDB's time`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (failed) {
  console.error('MISSED: leadscore score on 1,000,000 leads within 10 s and 300 MB');
  process.exitCode = 1;
}

async function duckdbSeconds(
  model: ReturnType<typeof starterModel>,
  input: string,
  output: string,
): Promise<number> {
  const sql = modelToSql(model, { dialect: 'duckdb', table: 'leads' });
  if (!sql.ok) throw new Error(sql.problems.map((p) => p.message).join('\n'));
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const started = performance.now();
  await connection.run(
    `CREATE VIEW leads AS SELECT * FROM read_csv('${input.replace(/'/g, "''")}', header = true, all_varchar = true)`,
  );
  await connection.run(
    `COPY (${sql.sql.trim().replace(/;$/, '')}) TO '${output.replace(/'/g, "''")}' (HEADER)`,
  );
  const seconds = (performance.now() - started) / 1000;
  connection.closeSync();
  instance.closeSync();
  return seconds;
}
