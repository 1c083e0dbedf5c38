// `leadscore calibrate` at scale: streamed into tallies, so memory stays flat in leads. On the same generated
// CSV (the starter model's first 20 rules over the sample leads, blocks of 10,000 with distinct names, about
// a tenth of the outcomes open), in the same run: `leadscore score`, then `leadscore calibrate --json`, each a
// child process under /usr/bin/time -v (peak memory, CPU time). Targets at 1,000,000 leads: calibrate ≤ 300 MB
// peak and within 2× the wall time of score (both on two worker threads; the CPU-time ratio is printed too,
// steadier on a shared machine, and the load average beside each figure).
// Run: npx tsx bench/cliCalibrate.bench.ts (after node build.mjs); SIZES=100000,1000000 by default.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { starterModel } from '../src/core/starterModel';
import { writeSampleLeads } from './leadFiles';
import { measure } from './measure';

const SIZES = (process.env.SIZES ?? '100000,1000000').split(',').map(Number);
const TARGET_MB = 300;
const TARGET_RATIO = 2;
const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist-cli', 'leadscore.mjs');

const dir = mkdtempSync(join(tmpdir(), 'leadscore-calibrate-bench-'));
let failed = false;
try {
  const model = starterModel();
  model.rules = model.rules.slice(0, 20);
  model.settings = { ...model.settings, asOf: '2026-06-30' };
  const modelPath = join(dir, 'model.json');
  writeFileSync(modelPath, JSON.stringify(model));
  for (const leads of SIZES) {
    const input = join(dir, `leads-${leads}.csv`);
    await writeSampleLeads(input, leads, 10);
    const load = () => loadavg()[0]!.toFixed(1);
    console.log(
      `${leads.toLocaleString('en-US')} leads, ${(statSync(input).size / 1e6).toFixed(0)} MB CSV, ${model.rules.length} rules (load average ${load()})`,
    );
    const score = measure([
      cli,
      'score',
      '--model',
      modelPath,
      '--input',
      input,
      '--output',
      join(dir, 'out.csv'),
    ]);
    const calibrate = measure([cli, 'calibrate', '--model', modelPath, '--input', input, '--json']);
    const report =
      calibrate.status === 0 ? (JSON.parse(calibrate.stdout) as { leads: number; open: number }) : null;
    const cpuRatio = calibrate.cpuSeconds / score.cpuSeconds;
    const wallRatio = calibrate.seconds / score.seconds;
    console.log(
      `  score:     ${score.seconds.toFixed(1)} s wall, ${score.cpuSeconds.toFixed(1)} s CPU, peak ${score.peakMb.toFixed(0)} MB`,
    );
    console.log(
      `  calibrate: ${calibrate.seconds.toFixed(1)} s wall, ${calibrate.cpuSeconds.toFixed(1)} s CPU, peak ${calibrate.peakMb.toFixed(0)} MB; ` +
        `${wallRatio.toFixed(2)}× score's wall time (${cpuRatio.toFixed(2)}× CPU); ${report?.leads ?? '?'} decided, ${report?.open ?? '?'} open (load average ${load()})`,
    );
    if (score.status !== 0 || calibrate.status !== 0 || report === null) {
      console.error(`MISSED: a run failed\n${score.stderr}\n${calibrate.stderr}`);
      failed = true;
    }
    if (leads >= 1_000_000) {
      if (calibrate.peakMb > TARGET_MB) {
        console.error(`MISSED: calibrate on ${leads} leads within ${TARGET_MB} MB`);
        failed = true;
      }
      if (wallRatio > TARGET_RATIO) {
        console.error(`MISSED: calibrate within ${TARGET_RATIO}× the wall time of score`);
        failed = true;
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (failed) process.exitCode = 1;
