// The warehouse SQL at scale (issue 21): `leadscore export sql --dialect duckdb` run in DuckDB over a CSV of
// LEADS leads (default 1,000,000; all columns read as text, as the exported SQL expects) against
// `leadscore score` on the same file and model (the starter model's first 20 rules), in the same run.
// Each runs in its own child process: CPU time and peak memory (maxRSS) are the child's; DuckDB runs on one
// thread, as the CLI does. DuckDB also runs under a fixed memory_limit (100 MB) that must hold at any size:
// its working memory does not grow with the data.
// Exits non-zero when DuckDB takes more CPU time than the CLI (CPU time is steadier than wall time on a
// shared machine; both are printed) or fails under the limit. Run: npx tsx bench/sql.bench.ts (after
// node build.mjs); LEADS=100000 for a quick run.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { stringify } from 'csv-stringify/sync';
import { utcDayOfDate } from '../src/core/cells';
import { sampleLeads } from '../src/core/sampleLeads';
import { starterModel } from '../src/core/starterModel';
import { measure } from './measure';

interface Run {
  seconds: number;
  cpuSeconds: number;
  peakMb: number;
  ok: boolean;
  message: string;
}

/** DuckDB's working memory for this query is about its width (2,048-row vectors of a few hundred columns),
 *  the same at any number of leads: a fixed limit that must hold at every size. */
const MEMORY_LIMIT_MB = 100;
const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist-cli', 'leadscore.mjs');

if (process.argv[2] === 'duckdb') {
  // The child: runs one SQL file over the CSV and prints its own figures as JSON.
  const [, , , sqlPath = '', input = '', output = '', memoryLimit = ''] = process.argv;
  const started = performance.now();
  const cpu = process.cpuUsage();
  let ok = true;
  let message = '';
  try {
    const instance = await DuckDBInstance.create(
      ':memory:',
      memoryLimit ? { memory_limit: memoryLimit } : {},
    );
    const connection = await instance.connect();
    await connection.run(
      `CREATE VIEW leads AS SELECT * FROM read_csv(${quote(input)}, header = true, all_varchar = true)`,
    );
    const sql = readFileSync(sqlPath, 'utf8').trim().replace(/;$/, '');
    await connection.run(`COPY (${sql}) TO ${quote(output)} (HEADER)`);
    connection.closeSync();
    instance.closeSync();
  } catch (error) {
    ok = false;
    message = (error as Error).message.split('\n')[0] ?? '';
  }
  const used = process.cpuUsage(cpu);
  const run: Run = {
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
    peakMb: process.resourceUsage().maxRSS / 1024,
    ok,
    message,
  };
  console.log(JSON.stringify(run));
} else {
  await main();
}

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
    await writeLeads(input, leads);
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
    const duck = duckdb(sqlPath, input, join(dir, 'duckdb.csv'));
    const limitMb = MEMORY_LIMIT_MB;
    const limited = duckdb(sqlPath, input, join(dir, 'duckdb-limited.csv'), `${limitMb}MB`);
    const line = (name: string, run: Run) =>
      `${name}: ${run.seconds.toFixed(1)} s, ${run.cpuSeconds.toFixed(1)} s of CPU, peak ${run.peakMb.toFixed(0)} MB${run.ok ? '' : ` — FAILED: ${run.message}`}`;
    console.log(line('leadscore score', score));
    console.log(line('DuckDB, the exported SQL', duck));
    console.log(line(`DuckDB under memory_limit ${limitMb} MB`, limited));
    console.log(
      `DuckDB / CLI: ${(duck.seconds / score.seconds).toFixed(2)}× the wall time, ${(duck.cpuSeconds / score.cpuSeconds).toFixed(2)}× the CPU time; load ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
    );
    if (!score.ok || !duck.ok || !limited.ok) failed = true;
    if (duck.cpuSeconds > score.cpuSeconds) {
      console.error('MISSED: DuckDB runs the exported SQL at least as fast as leadscore score (CPU time)');
      failed = true;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (failed) process.exitCode = 1;
}

function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** The sample leads, repeated in blocks of 10,000 with distinct names (as bench/cli.bench.ts writes them). */
async function writeLeads(path: string, count: number): Promise<void> {
  const block = sampleLeads({ count: 10_000, today: utcDayOfDate(new Date('2026-06-30')) }).map((row) =>
    row.map((cell) =>
      (cell as unknown) instanceof Date ? (cell as unknown as Date).toISOString().slice(0, 10) : cell,
    ),
  );
  const [header = [], ...rows] = block;
  const out = createWriteStream(path);
  const write = (text: string) =>
    new Promise<void>((resolve) => (out.write(text) ? resolve() : out.once('drain', resolve)));
  await write(stringify([header]));
  for (let written = 0; written < count; written += rows.length) {
    const take = rows.slice(0, Math.min(rows.length, count - written));
    await write(stringify(take.map((row, i) => [`${row[0]} ${written + i}`, ...row.slice(1)])));
  }
  await new Promise<void>((resolve) => out.end(resolve));
}

/** The DuckDB child (this file with `duckdb`), which measures itself. */
function duckdb(sqlPath: string, input: string, output: string, memoryLimit = ''): Run {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'bench', 'sql.bench.ts'), 'duckdb', sqlPath, input, output, memoryLimit],
    { encoding: 'utf8', maxBuffer: 1e8 },
  );
  const last = (result.stdout ?? '').trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last) as Run;
  } catch {
    return { seconds: 0, cpuSeconds: 0, peakMb: 0, ok: false, message: result.stderr ?? 'no result' };
  }
}

/** A node script in a child process, measured by /usr/bin/time -v. */
function timed(args: string[]): Run {
  const run = measure(args);
  return { ...run, ok: run.status === 0, message: run.stderr.split('\n')[0] ?? '' };
}
