// Evaluation of the suggested model on public marketing and lead data sets (docs/suggest.md quotes its figures).
// Per data set, on a seeded 70/30 split and again on a second seed:
// 1. leaving out identifiers and the columns the data set's documentation says are filled during or after the
//    outcome, the suggested integer model's held-out AUC against a plain logistic regression on the same
//    columns and split (target: within 0.005) and a gradient-boosted model as the ceiling (scikit-learn, via
//    bench/evaluate-gbm.py; skipped when it does not import); rules kept, fit time, training leads clamped;
// 2. leaving nothing out, what the leakage guard flags: it must flag the known leaks named below and nothing
//    known before the outcome.
// The files are not part of the project: each is looked for in $EVAL_DATA_DIR, then in the shared data folder
// and a data-eval folder beside the checkout, and skipped cleanly when absent. Run: npm run evaluate
// (EVAL_ONLY=bank,telco runs some; EVAL_SEEDS=1 runs the first seed only).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsvFile } from '../src/cli/csvTable';
import { auc, fitPatterns, linearScore, poolPatterns, splitForFit } from '../src/core/calibration';
import { cellNumber, cellText, isBlank } from '../src/core/cells';
import { compileModel } from '../src/core/engine';
import type { Model, Outcome } from '../src/core/model';
import { compileOutcome } from '../src/core/outcome';
import {
  DEFAULT_SUGGEST_SEED,
  describeColumns,
  isUnanswered,
  placeholderSet,
  suggestModel,
} from '../src/core/suggest';

interface DataSet {
  key: string;
  name: string;
  file: string;
  outcome: Outcome;
  /** Filled during or after the outcome (the data set's documentation says so): left out of the clean run. */
  leaking: string[];
  /** Of those, the ones the guard must flag when nothing is left out. */
  mustFlag: string[];
  /** Not lead data of the usual version of the set (left out of both runs). */
  skip?: string[];
}

const DATA_SETS: DataSet[] = [
  {
    key: 'x-education',
    name: 'X Education leads',
    file: 'x-education-leads.csv',
    outcome: { column: 'Converted', positive: ['1'], negative: ['0'] },
    leaking: [
      'Tags',
      'Lead Quality',
      'Lead Profile',
      'Asymmetrique Activity Index',
      'Asymmetrique Profile Index',
      'Asymmetrique Activity Score',
      'Asymmetrique Profile Score',
    ],
    mustFlag: ['Tags', 'Lead Quality'],
  },
  {
    key: 'bank',
    name: 'UCI Bank Marketing (bank-full)',
    file: 'bank-full.csv',
    outcome: { column: 'y', positive: ['yes'], negative: ['no'] },
    // The UCI page: "duration … is not known before a call is performed … should be discarded if the
    // intention is to have a realistic predictive model".
    leaking: ['duration'],
    mustFlag: ['duration'],
  },
  {
    key: 'shoppers',
    name: 'UCI Online Shoppers Purchasing Intention',
    file: 'online_shoppers_intention.csv',
    outcome: { column: 'Revenue', positive: ['true', 'yes'], negative: ['false', 'no'] },
    leaking: [],
    mustFlag: [],
  },
  {
    key: 'telco',
    name: 'IBM Telco customer churn',
    file: 'telco-customer-churn.csv',
    outcome: { column: 'Churn', positive: ['Yes'], negative: ['No'] },
    leaking: [],
    mustFlag: [],
    // Some copies add geography (one country, ~1,100 cities) to the 21 columns of IBM's sample.
    skip: ['Country', 'City', 'ZipCode', 'Latitude', 'Longitude'],
  },
  {
    key: 'loan',
    name: 'Bank personal-loan offer (Thera Bank)',
    file: 'bank-personal-loan.csv',
    outcome: { column: 'Offer_acceptance', positive: ['1'], negative: ['0'] },
    leaking: [],
    mustFlag: [],
  },
];

const root = join(import.meta.dirname, '..');
const directories = [
  process.env.EVAL_DATA_DIR,
  join(root, '..', 'shared', 'data'),
  join(root, '..', '..', 'shared', 'data'),
  join(root, '..', 'data-eval'),
  join(root, '..', '..', 'data-eval'),
].filter((d): d is string => d !== undefined);
const only = process.env.EVAL_ONLY?.split(',').map((k) => k.trim());
const SEEDS: (string | number)[] = [DEFAULT_SUGGEST_SEED, 2].slice(0, Number(process.env.EVAL_SEEDS ?? 2));
const TARGET_GAP = 0.005;
const scratch = mkdtempSync(join(tmpdir(), 'leadscore-evaluate-'));
const python = ['/usr/bin/python3', 'python3'].find((p) => {
  try {
    execFileSync(p, ['-c', 'import sklearn'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});

const targets: [boolean, string][] = [];
const table: string[] = [];
try {
  for (const set of DATA_SETS) {
    if (only !== undefined && !only.includes(set.key)) continue;
    const path =
      (set.key === 'x-education' ? process.env.X_EDUCATION_CSV : undefined) ??
      directories.map((d) => join(d, set.file)).find((p) => existsSync(p));
    if (path === undefined || !existsSync(path)) {
      console.log(`${set.name}: skipped, ${set.file} is in none of ${directories.join(', ')}`);
      continue;
    }
    evaluate(set, path);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
console.log(
  `\n(load: ${(await import('node:os'))
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')})`,
);
console.log(
  '\n| data set | leads × columns | converted | seed | suggested | plain LR | gap | boosted | rules | fit CPU | clamped |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const row of table) console.log(row);
console.log('');
for (const [ok, what] of targets) console.log(`${ok ? 'met   ' : 'MISSED'} ${what}`);
if (targets.some(([ok]) => !ok)) process.exitCode = 1;

function evaluate(set: DataSet, path: string): void {
  const data = readCsvFile(path);
  const skip = (set.skip ?? []).filter((c) => data.headers.some((h) => h.toLowerCase() === c.toLowerCase()));
  const state = compileOutcome(set.outcome);
  const outcomeIndex = data.headers.findIndex((h) => h.toLowerCase() === set.outcome.column.toLowerCase());
  const decided = data.rows.filter((row) => !row.every(isBlank) && state(row[outcomeIndex]) !== 'open');
  const converted = decided.map((row) => state(row[outcomeIndex]) === 'converted');
  const rate = converted.filter(Boolean).length / converted.length;
  console.log(
    `\n${set.name}: ${decided.length} leads × ${data.headers.length} columns, ${(100 * rate).toFixed(1)}% converted (${path})`,
  );
  for (const seed of SEEDS) {
    const cpuStarted = process.cpuUsage();
    const started = performance.now();
    const clean = suggestModel(data.headers, data.rows, {
      outcome: set.outcome,
      exclude: [...set.leaking, ...skip],
      seed,
    });
    const cpu = process.cpuUsage(cpuStarted);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const wall = (performance.now() - started) / 1000;
    if (!clean.ok) throw new Error(clean.problems.map((p) => p.message).join('\n'));
    const e = clean.evaluation;
    const leaveOut = new Set(
      [
        ...set.leaking,
        ...skip,
        ...e.excluded.map((x) => x.column),
        ...e.leakage.filter((l) => !l.kept).map((l) => l.column),
      ].map((c) => c.toLowerCase()),
    );
    const split = splitForFit(converted, 0.3, seed);
    const columns = describeColumns(data.headers, decided, { top: 0 }).filter(
      (p) => p.index !== outcomeIndex && !leaveOut.has(p.name.toLowerCase()),
    );
    const plain = plainLogisticAuc(decided, converted, split, columns);
    const boosted = boostedAuc(decided, converted, split, columns);
    const clamped = clampedShare(clean.model, data.headers, decided, split.fit);
    const gap = e.holdoutAuc! - plain;
    console.log(
      `  seed ${JSON.stringify(seed)}: suggested ${e.holdoutAuc!.toFixed(3)} (unrounded ${e.unroundedAuc!.toFixed(3)}, all ${e.candidates} candidates ${e.allCandidatesAuc!.toFixed(3)}), plain LR ${plain.toFixed(3)}, boosted ${boosted?.toFixed(3) ?? '–'}; ${clean.model.rules.length} rules; ${cpuSeconds.toFixed(2)} s CPU (${wall.toFixed(2)} s wall); range ${clean.model.settings?.minScore}–${clean.model.settings?.maxScore}, ${(100 * clamped).toFixed(1)}% of fitting leads clamped; flagged: ${e.leakage.map((l) => l.column).join(', ') || 'none'}`,
    );
    if (seed === SEEDS[0]) {
      const strongest = [...clean.model.rules]
        .sort((a, b) => Math.abs(b.points) - Math.abs(a.points))
        .slice(0, 6)
        .map((r) => `${r.name} ${r.points > 0 ? '+' : ''}${r.points}`);
      console.log(`    strongest rules: ${strongest.join('; ')}`);
    }
    table.push(
      `| ${set.name} | ${decided.length.toLocaleString('en')} × ${data.headers.length - skip.length} | ${(100 * rate).toFixed(1)}% | ${seed === DEFAULT_SUGGEST_SEED ? 'default' : seed} | ${e.holdoutAuc!.toFixed(3)} | ${plain.toFixed(3)} | ${gap >= 0 ? '+' : '−'}${Math.abs(gap).toFixed(3)} | ${boosted?.toFixed(3) ?? '–'} | ${clean.model.rules.length} | ${cpuSeconds.toFixed(1)} s | ${(100 * clamped).toFixed(1)}% |`,
    );
    targets.push([
      gap >= -TARGET_GAP,
      `${set.name}, seed ${seed}: within ${TARGET_GAP} of the plain regression`,
    ]);
    targets.push([clamped <= 0.011, `${set.name}, seed ${seed}: at most 1% of fitting leads clamped`]);
    if (set.key === 'x-education' && seed === SEEDS[0])
      targets.push([cpuSeconds <= 5, 'X Education: suggest within 5 s (CPU time)']);
  }
  // Nothing left out: what the guard flags.
  const everything = suggestModel(data.headers, data.rows, { outcome: set.outcome, exclude: skip });
  if (!everything.ok) throw new Error(everything.problems.map((p) => p.message).join('\n'));
  const flagged = everything.evaluation.leakage.map((l) => l.column);
  console.log(`  nothing left out: the guard flags ${flagged.length === 0 ? 'nothing' : ''}`);
  for (const leak of everything.evaluation.leakage) {
    console.log(
      `    ${leak.column}: AUC alone ${leak.auc?.toFixed(3)}, where answered ${leak.answeredAuc?.toFixed(3) ?? '–'}; ${leak.why}`,
    );
  }
  console.log(
    `    held-out AUC without the flagged columns: ${everything.evaluation.holdoutAuc!.toFixed(3)}`,
  );
  const lower = new Set(flagged.map((c) => c.toLowerCase()));
  const known = new Set(set.leaking.map((c) => c.toLowerCase()));
  for (const column of set.mustFlag)
    targets.push([lower.has(column.toLowerCase()), `${set.name}: the guard flags ${column}`]);
  const falseAlarms = flagged.filter((c) => !known.has(c.toLowerCase()));
  targets.push([
    falseAlarms.length === 0,
    `${set.name}: the guard flags no column known before the outcome${falseAlarms.length > 0 ? ` (flagged ${falseAlarms.join(', ')})` : ''}`,
  ]);
}

type Profile = ReturnType<typeof describeColumns>[number];
type Split = { fit: number[]; holdout: number[] };

/**
 * The baseline: an L2 logistic regression (penalty 1, scikit-learn's default C = 1) with every answered value
 * of every column one-hot (numeric columns with many values in deciles), "not answered" its own level, no
 * pooling, selection or rounding; same leads, columns and seeded split as suggestModel.
 */
function plainLogisticAuc(
  decided: readonly string[][],
  converted: readonly boolean[],
  split: Split,
  columns: readonly Profile[],
): number {
  const placeholders = placeholderSet();
  const featureOf = new Map<string, number>();
  const levelReaders = columns.map((profile) => {
    if (profile.type === 'number' && profile.distinct > 6) {
      const values = split.fit.flatMap((i) => {
        const n = cellNumber(decided[i]![profile.index]);
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
      .map((profile, c) => {
        const key = `${c}\u0000${levelReaders[c]!(row[profile.index])}`;
        let index = featureOf.get(key);
        if (index === undefined) {
          index = featureOf.size;
          featureOf.set(key, index);
        }
        return index;
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

/** The ceiling: gradient boosting on the same columns and split (null when scikit-learn is absent). */
function boostedAuc(
  decided: readonly string[][],
  converted: readonly boolean[],
  split: Split,
  columns: readonly Profile[],
): number | null {
  if (python === undefined) return null;
  const quote = (cell: string) => (/[",\n\r]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  const part = new Map<number, string>([
    ...split.fit.map((i): [number, string] => [i, 'fit']),
    ...split.holdout.map((i): [number, string] => [i, 'holdout']),
  ]);
  const lines = [[...columns.map((c) => c.name), '__part', '__y'].map(quote).join(',')];
  decided.forEach((row, i) => {
    const cells = columns.map((c) => {
      const n = c.type === 'number' ? cellNumber(row[c.index]) : undefined;
      return n !== undefined ? String(n) : c.type === 'number' ? '' : `t:${row[c.index] ?? ''}`;
    });
    lines.push([...cells, part.get(i)!, converted[i] ? '1' : '0'].map(quote).join(','));
  });
  const file = join(scratch, 'boosted.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const out = execFileSync(python, [join(import.meta.dirname, 'evaluate-gbm.py'), file], {
    encoding: 'utf8',
  });
  return Number(out.trim());
}

/** Share of the fitting leads whose sum of points falls outside the model's range (scored at a clamp). */
function clampedShare(
  model: Model,
  headers: readonly string[],
  decided: readonly string[][],
  fitRows: readonly number[],
): number {
  const min = model.settings?.minScore ?? 0;
  const max = model.settings?.maxScore ?? 100;
  const wide: Model = { ...model, settings: { ...model.settings, minScore: -1e9, maxScore: 1e9 } };
  const compiled = compileModel(wide, headers, {});
  if (!compiled.ok) throw new Error(compiled.problems.map((p) => p.message).join('\n'));
  let clamped = 0;
  for (const i of fitRows) {
    const sum = compiled.compiled.scoreValue(decided[i]!);
    if (sum < min || sum > max) clamped++;
  }
  return clamped / fitRows.length;
}
