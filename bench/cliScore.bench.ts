// `leadscore score` at scale, against references run on the same file in the same run: a Python csv
// pass-through (read every row, write every row; skipped without python3) and DuckDB running the project's
// exported SQL (skipped when @duckdb/node-api cannot load). Wall and CPU time (user + system, children
// included) and peak memory, measured by /usr/bin/time -v. Targets (issue 20): score ≤ 1.5× the
// pass-through at 500,000 and 1,000,000 leads and ≤ 200 MB; with an activity log, ≤ 3× the pass-through of
// both files and ≤ 500 MB. Exits 1 when a target is missed. Per size, score and the pass-through run in
// turn CLI_SCORE_RUNS times (default 3: paired runs, so that both see the same load), each pair's ratio
// is printed, and the target is judged on the medians.
//
// Sizes: CLI_SCORE_LEADS (default 100000,500000,1000000), CLI_SCORE_EVENTS_LEADS × CLI_SCORE_EVENTS (default
// the issue's 1,000,000 leads × 10,000,000 events; the log is written in well under a minute). With the log,
// `leadscore calibrate` and `leadscore monitor` are measured too (peak memory: the log is streamed into
// per-lead tallies, never held). Measured: npx tsx bench/cliScore.bench.ts (after node build.mjs).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { modelToSql } from '../src/core/export/sql';
import type { Model } from '../src/core/model';
import { starterModel, starterModelV2 } from '../src/core/starterModel';
import { writeActivities, writeLeads } from './leadFiles';

const SIZES = (process.env.CLI_SCORE_LEADS ?? '100000,500000,1000000').split(',').map(Number);
const EVENT_LEADS = Number(process.env.CLI_SCORE_EVENTS_LEADS ?? 1_000_000);
const EVENTS = Number(process.env.CLI_SCORE_EVENTS ?? 10_000_000);
const RUNS = Number(process.env.CLI_SCORE_RUNS ?? 3);
const RATIO_TARGET = 1.5;
const MB_TARGET = 200;
const EVENTS_RATIO_TARGET = 3;
const EVENTS_MB_TARGET = 500;
const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist-cli', 'leadscore.mjs');

/** Reads every row of each file and writes every row to the first argument, with Python's csv module. */
const PASS_THROUGH = `
import csv, sys
with open(sys.argv[1], 'w', newline='', encoding='utf-8') as o:
    w = csv.writer(o, lineterminator='\\n')
    for path in sys.argv[2:]:
        with open(path, newline='', encoding='utf-8') as f:
            for row in csv.reader(f):
                w.writerow(row)
`;

import { type Measured, measure } from './measure';

const load = () =>
  `load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`;
const hasPython = spawnSync('python3', ['-c', 'import csv'], { encoding: 'utf8' }).status === 0;
const missed: string[] = [];

const dir = mkdtempSync(join(tmpdir(), 'leadscore-cliscore-'));
try {
  const model = starterModel();
  model.rules = model.rules.slice(0, 20);
  model.settings = { ...model.settings, asOf: '2026-06-30' };
  const modelPath = join(dir, 'model.json');
  writeFileSync(modelPath, JSON.stringify(model));

  for (const leads of SIZES) {
    const input = join(dir, `leads-${leads}.csv`);
    await writeLeads(input, leads);
    console.log(
      `\n${leads.toLocaleString('en-US')} leads × 17 columns (${(statSync(input).size / 1e6).toFixed(0)} MB), ${model.rules.length} rules; ${load()}`,
    );
    const scoreArgs = [
      cli,
      'score',
      '--model',
      modelPath,
      '--input',
      input,
      '--output',
      join(dir, 'out.csv'),
    ];
    const scores: Measured[] = [];
    const pythons: Measured[] = [];
    const ratios: number[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const score = measure(scoreArgs);
      scores.push(score);
      if (score.status !== 0) missed.push(`score on ${leads} leads failed: ${score.stderr}`);
      const python = hasPython ? passThrough([input], join(dir, 'py.csv')) : undefined;
      if (python) {
        pythons.push(python);
        ratios.push(score.seconds / python.seconds);
      }
      console.log(
        `  run ${run}: score ${describe(score)}${python ? `; pass-through ${python.seconds.toFixed(2)} s wall, ${python.cpuSeconds.toFixed(2)} s CPU; ratio ${(score.seconds / python.seconds).toFixed(2)}×` : ''}; ${load()}`,
      );
    }
    const score = {
      seconds: median(scores.map((run) => run.seconds)),
      cpuSeconds: median(scores.map((run) => run.cpuSeconds)),
      peakMb: median(scores.map((run) => run.peakMb)),
    };
    console.log(
      `  median of ${RUNS}: leadscore score ${score.seconds.toFixed(2)} s wall, ${score.cpuSeconds.toFixed(2)} s CPU, peak ${score.peakMb.toFixed(0)} MB`,
    );
    if (hasPython) {
      const ratio = median(ratios);
      console.log(
        `  median of ${RUNS}: Python csv pass-through ${median(pythons.map((run) => run.seconds)).toFixed(2)} s wall, ${median(pythons.map((run) => run.cpuSeconds)).toFixed(2)} s CPU; score / pass-through ${ratio.toFixed(2)}× wall (target ≤ ${RATIO_TARGET}× at 500,000 leads and more)`,
      );
      if (leads >= 500_000 && ratio > RATIO_TARGET)
        missed.push(`score ${ratio.toFixed(2)}× the pass-through at ${leads} leads (median of ${RUNS})`);
    } else console.log('  Python csv pass-through: skipped (no python3)');
    if (leads >= 500_000 && score.peakMb > MB_TARGET)
      missed.push(`score peak ${score.peakMb.toFixed(0)} MB at ${leads} leads (median of ${RUNS})`);
    const duck = await duckdb(model, input, join(dir, 'duck.csv'));
    if (duck)
      console.log(
        `  DuckDB, the exported SQL: ${duck.seconds.toFixed(1)} s wall, ${duck.cpuSeconds.toFixed(1)} s CPU; score takes ${(score.seconds / duck.seconds).toFixed(2)}× its wall time`,
      );
    else console.log('  DuckDB: skipped (@duckdb/node-api not available)');
    rmSync(input, { force: true });
  }

  // With an activity log (v2 starter: event rules counted per lead).
  const v2 = starterModelV2();
  v2.settings = { ...v2.settings, asOf: '2026-06-30' };
  const v2Path = join(dir, 'model-v2.json');
  writeFileSync(v2Path, JSON.stringify(v2));
  const leadsPath = join(dir, 'leads-events.csv');
  const eventsPath = join(dir, 'events.csv');
  await writeLeads(leadsPath, EVENT_LEADS);
  const writing = performance.now();
  await writeActivities(eventsPath, EVENT_LEADS, EVENTS);
  const writeSeconds = (performance.now() - writing) / 1000;
  console.log(
    `\n${EVENT_LEADS.toLocaleString('en-US')} leads with an activity log of ${EVENTS.toLocaleString('en-US')} events (${(statSync(eventsPath).size / 1e6).toFixed(0)} MB, written in ${writeSeconds.toFixed(1)} s); ${load()}`,
  );
  const withEvents = measure([
    cli,
    'score',
    '--model',
    v2Path,
    '--input',
    leadsPath,
    '--activities',
    eventsPath,
    '--output',
    join(dir, 'out.csv'),
  ]);
  report('leadscore score --activities', withEvents);
  if (withEvents.status !== 0) missed.push(`score --activities failed: ${withEvents.stderr}`);
  if (hasPython) {
    const python = passThrough([leadsPath, eventsPath], join(dir, 'py.csv'));
    report('Python csv pass-through of both files', python);
    const ratio = withEvents.seconds / python.seconds;
    console.log(
      `  score --activities / pass-through: ${ratio.toFixed(2)}× wall, ${(withEvents.cpuSeconds / python.cpuSeconds).toFixed(2)}× CPU (target ≤ ${EVENTS_RATIO_TARGET}×, ≤ ${EVENTS_MB_TARGET} MB)`,
    );
    if (ratio > EVENTS_RATIO_TARGET) missed.push(`score --activities ${ratio.toFixed(2)}× the pass-through`);
  }
  if (withEvents.peakMb > EVENTS_MB_TARGET)
    missed.push(`score --activities peak ${withEvents.peakMb.toFixed(0)} MB`);
  // The other commands that read the log stream it the same way (figures only: their targets are elsewhere).
  const calibrate = measure([
    cli,
    'calibrate',
    '--model',
    v2Path,
    '--input',
    leadsPath,
    '--activities',
    eventsPath,
    '--json',
  ]);
  report('leadscore calibrate --activities', calibrate);
  if (calibrate.status !== 0) missed.push(`calibrate --activities failed: ${calibrate.stderr}`);
  const monitor = measure([
    cli,
    'monitor',
    '--model',
    v2Path,
    '--input',
    leadsPath,
    '--activities',
    eventsPath,
    '--date-column',
    'Last activity',
    '--json',
  ]);
  report('leadscore monitor --activities', monitor);
  if (monitor.status !== 0) missed.push(`monitor --activities failed: ${monitor.stderr}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`\n${load()}`);
for (const miss of missed) console.error(`MISSED: ${miss}`);
if (missed.length > 0) process.exitCode = 1;

function report(what: string, run: Measured) {
  console.log(`  ${what}: ${describe(run)}`);
}

function describe(run: Measured): string {
  return `${run.seconds.toFixed(2)} s wall, ${run.cpuSeconds.toFixed(2)} s CPU, peak ${run.peakMb.toFixed(0)} MB`;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The Python pass-through of the files, in one process. */
function passThrough(inputs: string[], output: string): Measured {
  const script = join(dir, 'pass.py');
  writeFileSync(script, PASS_THROUGH);
  return measure([script, output, ...inputs], 'python3');
}

/** DuckDB running the SQL `leadscore export sql --dialect duckdb` writes, from the CSV to a CSV. */
async function duckdb(
  model: Model,
  input: string,
  output: string,
): Promise<{ seconds: number; cpuSeconds: number } | undefined> {
  let api: typeof import('@duckdb/node-api');
  try {
    api = await import('@duckdb/node-api');
  } catch {
    return undefined;
  }
  const sql = modelToSql(model, { dialect: 'duckdb', table: 'leads' });
  if (!sql.ok) throw new Error(sql.problems.map((p) => p.message).join('\n'));
  const instance = await api.DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const started = performance.now();
  const cpu = process.cpuUsage();
  await connection.run(
    `CREATE VIEW leads AS SELECT * FROM read_csv('${input.replace(/'/g, "''")}', header = true, all_varchar = true)`,
  );
  await connection.run(
    `COPY (${sql.sql.trim().replace(/;$/, '')}) TO '${output.replace(/'/g, "''")}' (HEADER)`,
  );
  const used = process.cpuUsage(cpu);
  const seconds = (performance.now() - started) / 1000;
  connection.closeSync();
  instance.closeSync();
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}
