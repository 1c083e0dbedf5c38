// The warehouse SQL at scale (issue 21): `leadscore export sql --dialect duckdb` run in DuckDB over a CSV of
// LEADS leads (default 1,000,000; all columns read as text, as the exported SQL expects) against
// `leadscore score` on the same file and model (the starter model's first 20 rules), in the same run.
// Each runs in its own child process (DuckDB's a plain Node script that loads only @duckdb/node-api): CPU
// time and peak memory (maxRSS) are the child's. DuckDB runs on one thread (the comparison with the CLI),
// on two (the wall time a 2-core machine gives; rows written as they are done, `preserve_insertion_order`
// off, since the SQL promises no order), and on one under a fixed memory_limit (100 MB) that must
// hold at any size: its working memory does not grow with the data. The view reads the CSV in 1 MB buffers
// (`buffer_size`; DuckDB's default of 16 MB per thread is memory that only the file reader needs).
// Exits non-zero when DuckDB on one thread takes more CPU time than the CLI (CPU time is steadier than wall
// time on a shared machine; both are printed), when the query's own memory (peak minus the process's
// resident size with DuckDB loaded and idle) reaches half the CSV's size (from 500,000 leads on), or when a
// run fails.
// Run: npx tsx bench/sql.bench.ts (after node build.mjs); LEADS=100000 for a quick run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { starterModel } from '../src/core/starterModel';
import { writeSampleLeads } from './leadFiles';
import { measure } from './measure';

interface Run {
  seconds: number;
  cpuSeconds: number;
  peakMb: number;
  /** Resident size with Node and DuckDB loaded, before the query. */
  idleMb: number;
  ok: boolean;
  message: string;
}

const MEMORY_LIMIT_MB = 100;
const CSV_BUFFER_BYTES = 1 << 20;
const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist-cli', 'leadscore.mjs');

/** The DuckDB child: runs one SQL file over the CSV (COPY … TO a CSV) and prints its own figures as JSON. */
const DUCKDB_CHILD = `
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
const [sqlPath, input, output, threads, memoryLimit] = process.argv.slice(1);
const quote = (text) => "'" + text.replace(/'/g, "''") + "'";
const started = performance.now();
const cpu = process.cpuUsage();
let ok = true;
let message = '';
let idleMb = 0;
try {
  // On several threads DuckDB keeps finished chunks until it can write them in the input's order; the
  // exported SQL promises no order (docs/warehouse.md), so the rows may leave as they are done.
  const instance = await DuckDBInstance.create(':memory:', {
    threads,
    ...(threads === '1' ? {} : { preserve_insertion_order: 'false' }),
    ...(memoryLimit ? { memory_limit: memoryLimit } : {}),
  });
  const connection = await instance.connect();
  idleMb = process.memoryUsage().rss / 1048576;
  await connection.run('CREATE VIEW leads AS SELECT * FROM read_csv(' + quote(input) + ', header = true, all_varchar = true, buffer_size = ${CSV_BUFFER_BYTES})');
  const sql = readFileSync(sqlPath, 'utf8').trim().replace(/;$/, '');
  await connection.run('COPY (' + sql + ') TO ' + quote(output) + ' (HEADER)');
  connection.closeSync();
  instance.closeSync();
} catch (error) {
  ok = false;
  message = String(error.message).split('\\n')[0];
}
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({
  seconds: (performance.now() - started) / 1000,
  cpuSeconds: (used.user + used.system) / 1e6,
  peakMb: process.resourceUsage().maxRSS / 1024,
  idleMb,
  ok,
  message,
}));
`;

await main();

async function main(): Promise<void> {
  const leads = Number(process.env.LEADS ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'leadscore-sql-bench-'));
  let failed = false;
  try {
    const model = starterModel();
    model.rules = model.rules.slice(0, 20);
    model.settings = { ...model.settings, asOf: '2026-06-30' };
    const modelPath = join(dir, 'model.json');
    writeFileSync(modelPath, JSON.stringify(model));
    const input = join(dir, 'leads.csv');
    await writeSampleLeads(input, leads);
    const size = statSync(input).size;
    const exported = spawnSync(
      process.execPath,
      [cli, 'export', 'sql', '--model', modelPath, '--dialect', 'duckdb', '--table', 'leads'],
      { encoding: 'utf8', maxBuffer: 1e8 },
    );
    if (exported.status !== 0) throw new Error(`export sql failed: ${exported.stderr}`);
    const sqlPath = join(dir, 'score.sql');
    writeFileSync(sqlPath, exported.stdout);
    console.log(
      `${leads.toLocaleString('en-US')} leads, ${(size / 1e6).toFixed(0)} MB CSV, ${model.rules.length} rules; load ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
    );

    const score = timed([
      cli,
      'score',
      '--model',
      modelPath,
      '--input',
      input,
      '--output',
      join(dir, 'cli.csv'),
    ]);
    const duck = duckdb(sqlPath, input, join(dir, 'duckdb.csv'), 1);
    const two = duckdb(sqlPath, input, join(dir, 'duckdb-2.csv'), 2);
    const limitMb = MEMORY_LIMIT_MB;
    const limited = duckdb(sqlPath, input, join(dir, 'duckdb-limited.csv'), 1, `${limitMb}MB`);
    const line = (name: string, run: Run) =>
      `${name}: ${run.seconds.toFixed(1)} s, ${run.cpuSeconds.toFixed(1)} s of CPU, peak ${run.peakMb.toFixed(0)} MB${run.idleMb > 0 ? ` (${run.idleMb.toFixed(0)} MB with DuckDB loaded and idle: the query's own ${(run.peakMb - run.idleMb).toFixed(0)} MB)` : ''}${run.ok ? '' : ` — FAILED: ${run.message}`}`;
    console.log(line('leadscore score', score));
    console.log(line('DuckDB, the exported SQL, 1 thread', duck));
    console.log(line('DuckDB, 2 threads', two));
    console.log(line(`DuckDB, 1 thread, memory_limit ${limitMb} MB`, limited));
    console.log(
      `DuckDB (1 thread) / CLI: ${(duck.seconds / score.seconds).toFixed(2)}× the wall time, ${(duck.cpuSeconds / score.cpuSeconds).toFixed(2)}× the CPU time; 2 threads: ${(two.seconds / score.seconds).toFixed(2)}× the wall time; load ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
    );
    if (!score.ok || !duck.ok || !two.ok || !limited.ok) failed = true;
    if (duck.cpuSeconds > score.cpuSeconds) {
      console.error('MISSED: DuckDB runs the exported SQL at least as fast as leadscore score (CPU time)');
      failed = true;
    }
    // A fixed working memory: compared with the data from half a million leads (50 MB of CSV) on.
    const own = duck.peakMb - duck.idleMb;
    if (leads >= 500_000 && own * 2 ** 20 * 2 >= size) {
      console.error(
        `MISSED: the query's own memory (${own.toFixed(0)} MB) stays under half the CSV's size (${(size / 2 ** 21).toFixed(0)} of ${(size / 2 ** 20).toFixed(0)} MB)`,
      );
      failed = true;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (failed) process.exitCode = 1;
}

/** The DuckDB child (a plain Node script, which measures itself). */
function duckdb(sqlPath: string, input: string, output: string, threads: number, memoryLimit = ''): Run {
  const result = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', DUCKDB_CHILD, sqlPath, input, output, String(threads), memoryLimit],
    { encoding: 'utf8', maxBuffer: 1e8, cwd: root },
  );
  const last = (result.stdout ?? '').trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last) as Run;
  } catch {
    return {
      seconds: 0,
      cpuSeconds: 0,
      peakMb: 0,
      idleMb: 0,
      ok: false,
      message: result.stderr || 'no result',
    };
  }
}

/** A node script in a child process, measured by /usr/bin/time -v. */
function timed(args: string[]): Run {
  const run = measure(args);
  return { ...run, idleMb: 0, ok: run.status === 0, message: run.stderr.split('\n')[0] ?? '' };
}
