// The monitor at scale: `leadscore monitor` on 1,000,000 leads over 24 months (the starter model's 20 first
// rules over the sample leads, plus a Created date), every month, must take ≤ 30 s and ≤ 300 MB peak memory:
// the CSV is streamed into tallies per period, so memory stays flat in rows. Measured as a child process by
// /usr/bin/time -v. Run: npx tsx bench/monitor.bench.ts (after node build.mjs); LEADS=… for another size.
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { daysFromCivil, formatIsoDay, utcDayOfDate } from '../src/core/cells';
import { sampleLeads } from '../src/core/sampleLeads';
import { starterModel } from '../src/core/starterModel';
import { measure } from './measure';

const LEADS = Number(process.env.LEADS ?? 1_000_000);
const MONTHS = 24;
const TARGET_SECONDS = 30;
const TARGET_MB = 300;
const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist-cli', 'leadscore.mjs');

const dir = mkdtempSync(join(tmpdir(), 'leadscore-monitor-bench-'));
let failed = false;
try {
  const model = starterModel();
  model.rules = model.rules.slice(0, 20);
  model.settings = { ...model.settings, asOf: '2026-06-30' };
  const modelPath = join(dir, 'model.json');
  writeFileSync(modelPath, JSON.stringify(model));
  const input = join(dir, 'leads.csv');
  await writeLeads(input, LEADS);
  console.log(
    `${LEADS.toLocaleString('en-US')} leads over ${MONTHS} months, ${(statSync(input).size / 1e6).toFixed(0)} MB CSV, ${model.rules.length} rules`,
  );
  const run = measure([
    cli,
    'monitor',
    '--model',
    modelPath,
    '--input',
    input,
    '--date-column',
    'Created',
    '--json',
  ]);
  const periods = run.status === 0 ? JSON.parse(run.stdout).periods.length : 0;
  console.log(
    `leadscore monitor: ${run.seconds.toFixed(1)} s (${run.cpuSeconds.toFixed(1)} s of CPU), peak ${run.peakMb.toFixed(0)} MB, ${periods} periods (targets ≤ ${TARGET_SECONDS} s, ≤ ${TARGET_MB} MB)`,
  );
  if (run.status !== 0) console.error(run.stderr);
  if (run.status !== 0 || periods !== MONTHS || run.seconds > TARGET_SECONDS || run.peakMb > TARGET_MB)
    failed = true;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (failed) {
  console.error(
    `MISSED: leadscore monitor on ${LEADS.toLocaleString('en-US')} leads within ${TARGET_SECONDS} s and ${TARGET_MB} MB`,
  );
  process.exitCode = 1;
}

/** The sample leads in blocks of 10,000, each lead given a Created day spread evenly over 24 months. */
async function writeLeads(path: string, count: number): Promise<void> {
  const block = sampleLeads({ count: 10_000, today: utcDayOfDate(new Date('2026-06-30')) }).map((row) =>
    row.map((cell) =>
      (cell as unknown) instanceof Date ? (cell as unknown as Date).toISOString().slice(0, 10) : cell,
    ),
  );
  const [header = [], ...rows] = block;
  const first = daysFromCivil(2024, 7, 1);
  const span = daysFromCivil(2026, 7, 1) - first;
  const out = createWriteStream(path);
  const write = (text: string) =>
    new Promise<void>((resolve) => (out.write(text) ? resolve() : out.once('drain', resolve)));
  await write(stringify([[...header, 'Created']]));
  for (let written = 0; written < count; written += rows.length) {
    const take = rows.slice(0, Math.min(rows.length, count - written));
    await write(
      stringify(
        take.map((row, i) => [
          `${row[0]} ${written + i}`,
          ...row.slice(1),
          formatIsoDay(first + Math.floor(((written + i) * span) / count)),
        ]),
      ),
    );
  }
  await new Promise<void>((resolve) => out.end(resolve));
}
