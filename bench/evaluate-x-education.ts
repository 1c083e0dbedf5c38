// Evaluation of the suggested model on the public X Education leads (docs/suggest.md quotes its figures):
// 1. leaving out the identifiers and the columns the data set's README says leak, the suggested integer
//    model's held-out AUC is within 0.01 of a plain logistic regression on the same columns and split, with at
//    most 25 rules, and the whole suggestion (CSV read included) takes at most 5 s;
// 2. leaving nothing out, the leakage guard flags Tags and Lead Quality.
// Skips cleanly when the data set is absent (it is not part of the project). Run: npm run evaluate
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readCsvFile } from '../src/cli/csvTable';
import { auc, fitPatterns, linearScore, poolPatterns, splitForFit } from '../src/core/calibration';
import { cellNumber, cellText, isBlank } from '../src/core/cells';
import { compileOutcome } from '../src/core/outcome';
import {
  DEFAULT_SUGGEST_SEED,
  describeColumns,
  isUnanswered,
  placeholderSet,
  suggestModel,
} from '../src/core/suggest';

const root = join(import.meta.dirname, '..');
// The shared data folder sits beside the main checkout (../shared) or, from a worktree, one level higher.
const data =
  process.env.X_EDUCATION_CSV ??
  [join(root, '..', 'shared', 'data'), join(root, '..', '..', 'shared', 'data')]
    .map((dir) => join(dir, 'x-education-leads.csv'))
    .find((path) => existsSync(path)) ??
  join(root, '..', 'shared', 'data', 'x-education-leads.csv');
if (!existsSync(data)) {
  console.log(`Skipped: ${data} is absent (set X_EDUCATION_CSV to its path).`);
  process.exit(0);
}

const LEAKING = [
  'Tags',
  'Lead Quality',
  'Lead Profile',
  'Asymmetrique Activity Index',
  'Asymmetrique Profile Index',
  'Asymmetrique Activity Score',
  'Asymmetrique Profile Score',
];
const outcome = { column: 'Converted', positive: ['1'], negative: ['0'] };
const targets: [boolean, string][] = [];

// 1. Without the leaking columns, timed end to end.
// Wall time and this process's CPU time: on a shared machine the wall clock also counts other work, so the
// target is checked on CPU time and both are printed.
const started = performance.now();
const cpuStarted = process.cpuUsage();
const table = readCsvFile(data);
const clean = suggestModel(table.headers, table.rows, { outcome, exclude: LEAKING });
const elapsed = performance.now() - started;
const cpu = process.cpuUsage(cpuStarted);
const cpuMs = (cpu.user + cpu.system) / 1000;
if (!clean.ok) throw new Error(clean.problems.map((p) => p.message).join('\n'));
const e = clean.evaluation;
const plain = plainLogisticAuc(
  table.headers,
  table.rows,
  new Set([...LEAKING, ...e.excluded.map((x) => x.column)].map((c) => c.toLowerCase())),
);
console.log(`X Education: ${table.rows.length} leads × ${table.headers.length} columns (${data})`);
console.log('\nWithout identifiers and the leaking columns:');
console.log(
  `  suggest, end to end: ${(cpuMs / 1000).toFixed(2)} s CPU, ${(elapsed / 1000).toFixed(2)} s wall (target ≤ 5 s)`,
);
console.log(
  `  fitting ${e.fitting.leads} leads, held out ${e.holdout.leads}; ${e.candidates} candidates, penalty ${e.l2}`,
);
console.log(`  rules kept: ${clean.model.rules.length} (target ≤ 25)`);
console.log(`  held-out AUC, suggested integer model: ${e.holdoutAuc!.toFixed(3)}`);
console.log(`  held-out AUC, unrounded fit of the same rules: ${e.unroundedAuc!.toFixed(3)}`);
console.log(`  held-out AUC, fit of all ${e.candidates} candidates: ${e.allCandidatesAuc!.toFixed(3)}`);
console.log(`  held-out AUC, plain logistic regression (every value one-hot): ${plain.toFixed(3)}`);
console.log(`  leakage flagged: ${e.leakage.map((l) => l.column).join(', ') || 'none'}`);
console.log('  bands on the held-out leads:');
for (const band of e.bands) {
  console.log(
    `    ${band.name.padEnd(9)} from ${String(band.min ?? '–').padStart(3)}: ${String(band.leads).padStart(5)} leads, ${((band.rate ?? 0) * 100).toFixed(1)}% converted`,
  );
}
targets.push([Math.abs(e.holdoutAuc! - plain) <= 0.01, 'suggested AUC within 0.01 of the plain regression']);
targets.push([clean.model.rules.length <= 25, 'at most 25 rules']);
targets.push([cpuMs <= 5000, 'suggest within 5 s (CPU time)']);

// 2. Nothing left out: the guard must flag Tags and Lead Quality.
const everything = suggestModel(table.headers, table.rows, { outcome });
if (!everything.ok) throw new Error(everything.problems.map((p) => p.message).join('\n'));
console.log('\nNothing excluded (identifiers aside): the leakage guard flags');
for (const leak of everything.evaluation.leakage) {
  console.log(
    `  ${leak.column}: AUC alone ${leak.auc?.toFixed(3)}, where answered ${leak.answeredAuc?.toFixed(3)}; ${leak.why}`,
  );
}
console.log(`  held-out AUC without the flagged columns: ${everything.evaluation.holdoutAuc!.toFixed(3)}`);
const kept = suggestModel(table.headers, table.rows, { outcome, keepLeaky: true });
if (kept.ok)
  console.log(`  held-out AUC keeping them (--keep-leaky): ${kept.evaluation.holdoutAuc!.toFixed(3)}`);
const flagged = new Set(everything.evaluation.leakage.map((l) => l.column));
targets.push([flagged.has('Tags') && flagged.has('Lead Quality'), 'the guard flags Tags and Lead Quality']);

console.log('');
for (const [ok, what] of targets) console.log(`${ok ? 'met   ' : 'MISSED'} ${what}`);
if (targets.some(([ok]) => !ok)) process.exitCode = 1;

/**
 * The baseline: an L2 logistic regression (penalty 1, scikit-learn's default C = 1) with every answered value
 * of every column one-hot (numeric columns with many values in deciles), "not answered" its own level, no
 * pooling, selection or rounding; same leads and same seeded split as suggestModel.
 */
function plainLogisticAuc(
  headers: readonly string[],
  rows: readonly string[][],
  leaveOut: ReadonlySet<string>,
): number {
  const state = compileOutcome(outcome);
  const outcomeIndex = headers.findIndex((h) => cellText(h) === 'converted');
  const decided = rows.filter((row) => !row.every(isBlank) && state(row[outcomeIndex]) !== 'open');
  const converted = decided.map((row) => state(row[outcomeIndex]) === 'converted');
  const split = splitForFit(converted, 0.3, DEFAULT_SUGGEST_SEED);
  const placeholders = placeholderSet();
  const profiles = describeColumns(headers, decided, { top: 0 });
  const columns = profiles.filter((p) => p.index !== outcomeIndex && !leaveOut.has(p.name.toLowerCase()));
  const featureOf = new Map<string, number>();
  const levelReaders = columns.map((profile) => {
    const cells = split.fit.map((i) => decided[i]![profile.index]);
    if (profile.type === 'number' && profile.distinct > 6) {
      const values = cells.flatMap((cell) => {
        const n = cellNumber(cell);
        return n === undefined ? [] : [n];
      });
      values.sort((a, b) => a - b);
      const cuts = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((d) => values[Math.floor((d * values.length) / 10)]!);
      return (cell: unknown) => {
        const n = cellNumber(cell);
        return n === undefined ? '' : `bin ${cuts.filter((cut) => n >= cut).length}`;
      };
    }
    return (cell: unknown) => (isUnanswered(cell, placeholders) ? '' : cellText(cell));
  });
  const features = decided.map((row) =>
    columns
      .flatMap((profile, c) => {
        const key = `${c}\u0000${levelReaders[c]!(row[profile.index])}`;
        let index = featureOf.get(key);
        if (index === undefined) {
          index = featureOf.size;
          featureOf.set(key, index);
        }
        return [index];
      })
      .sort((a, b) => a - b),
  );
  const fit = fitPatterns(poolPatterns(features, converted, split.fit), featureOf.size, 1);
  if (fit === null) throw new Error('the plain regression did not settle');
  return auc(
    split.holdout.map((i) => linearScore(fit, features[i]!)),
    split.holdout.map((i) => converted[i]!),
  )!;
}
