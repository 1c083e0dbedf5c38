// `leadscore suggest` at scale: a fit needs every lead's cells, but not the file's text nor a string per cell.
// The CSV is read as a stream into columns (core/suggest/leadTable.ts: each column's distinct cells once and
// a 2-byte id per lead), and the passes over leads keep numbers, not per-lead objects. On the 17-column lead
// files of bench/leadFiles.ts, `leadscore suggest --json` runs as a child process under /usr/bin/time -v
// (peak memory, CPU time). Target at 1,000,000 leads × 17 columns: peak ≤ 1,000 MB (it was 2.4 GB before
// the columnar read) — and the same fit at every size (leads, candidates, rules kept).
// Run: npx tsx bench/cliSuggest.bench.ts (after node build.mjs); SIZES=100000,1000000 by default.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeLeads } from './leadFiles';
import { measure } from './measure';

const SIZES = (process.env.SIZES ?? '100000,1000000').split(',').map(Number);
const TARGET_MB = 1_000;
const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist-cli', 'leadscore.mjs');

const dir = mkdtempSync(join(tmpdir(), 'leadscore-suggest-bench-'));
let failed = false;
try {
  for (const leads of SIZES) {
    const input = join(dir, `leads-${leads}.csv`);
    await writeLeads(input, leads);
    const load = () => loadavg()[0]!.toFixed(1);
    console.log(
      `${leads.toLocaleString('en-US')} leads × 17 columns, ${(statSync(input).size / 1e6).toFixed(0)} MB CSV (load average ${load()})`,
    );
    const out = join(dir, 'model.json');
    const run = measure([cli, 'suggest', '--input', input, '--outcome', 'Converted', '--out', out, '--json']);
    if (run.status !== 0) {
      console.error(`MISSED: suggest on ${leads} leads failed\n${run.stderr}`);
      failed = true;
      continue;
    }
    const report = JSON.parse(run.stdout) as {
      fitting: { leads: number };
      holdout: { leads: number };
      candidates: number;
      holdoutAuc: number;
    };
    const rules = (JSON.parse(readFileSync(out, 'utf8')) as { rules: unknown[] }).rules.length;
    console.log(
      `  suggest: ${run.seconds.toFixed(1)} s wall, ${run.cpuSeconds.toFixed(1)} s CPU, peak ${run.peakMb.toFixed(0)} MB ` +
        `(${((run.peakMb * 1e6) / leads).toFixed(0)} bytes a lead); ${report.fitting.leads} fitting and ${report.holdout.leads} held-out leads, ` +
        `${report.candidates} candidates, ${rules} rules, held-out AUC ${report.holdoutAuc.toFixed(3)} (load average ${load()})`,
    );
    if (leads >= 1_000_000 && run.peakMb > TARGET_MB) {
      console.error(`MISSED: suggest on ${leads} leads within ${TARGET_MB} MB peak`);
      failed = true;
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (failed) process.exitCode = 1;
