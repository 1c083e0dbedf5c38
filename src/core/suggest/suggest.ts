// A suggested model fitted from outcomes: readable rules with whole points, proven on leads it never saw.
//
// 1. Leads whose outcome is known are split into a fitting part and a held-out part (seeded and stratified,
//    or by date: the latest leads are held out). Everything below is learnt on the fitting part only.
// 2. Candidates (candidates.ts) from the chosen columns; the leakage guard (leakage.ts) leaves out columns
//    that were probably filled in after the outcome.
// 3. An L2-regularised logistic regression of "converted" on the candidates, the penalty chosen by 5-fold
//    cross-validation (lowest held-out log-loss). In a column whose candidates split every lead, one level (the
//    lowest-converting with a stable rate) is the base the others count from. Then, repeatedly: log-odds become
//    points (one factor for all, so the top 1% of fitting leads reach the top of the score range; where a
//    column still has all its levels, its lowest level moves to 0 so points are not negative for no reason),
//    rounded to whole points; rules whose points round to 0, with too few leads or fewer than 10 conversions,
//    or beyond the rule limit (weakest first) are dropped and the rest refitted, until nothing changes.
// 4. Bands (bands.ts) on the fitting leads' scores.
// 5. On the held-out leads: AUC of the integer model (scored by the engine, as the add-on will), of the
//    unrounded fit of the same rules, of the fit of every candidate (what selection costs) and of the current
//    model; the band table; and in plain words which rules were kept, dropped or reversed.

import { asOfVerdict } from '../calibration/asOfAdvice';
import { calibrate } from '../calibration/calibrate';
import { splitForFit } from '../calibration/fit';
import { countText, percent } from '../calibration/format';
import { fitPatterns, type LogisticFit, linearScore, logLoss, poolPatterns } from '../calibration/logistic';
import { hashSeed, mulberry32 } from '../calibration/sample';
import { auc } from '../calibration/stats';
import type { BandReport } from '../calibration/types';
import { cellDay, cellNumber, dayOfDateIn, formatIsoDay, isBlank } from '../cells';
import { compileModel, formatPoints, salesReadyFlags } from '../engine';
import type { Group, GroupKind, Model, Outcome, Problem, Rule } from '../model';
import { compileOutcome } from '../outcome';
import { placeBands } from './bands';
import { type Candidate, columnCandidates } from './candidates';
import { type ColumnProfile, DEFAULT_PLACEHOLDERS, describeColumns, placeholderSet } from './columns';
import { checkLeakage } from './leakage';

export interface SuggestOptions {
  /** Which column records the outcome and which values mean converted (and, optionally, not converted). */
  outcome: Outcome;
  /** Columns to build candidates from (default: all but identifiers, dates, the outcome and the add-on's own
   *  outputs Score, Band, Grade, Reasons). */
  columns?: readonly string[];
  /** Columns to leave out of the default. */
  exclude?: readonly string[];
  /** Columns the leakage guard flags that are kept on purpose; `true` keeps every flagged column. */
  keepLeaky?: readonly string[] | boolean;
  /** The current model: its rules are candidates too, and its AUC on the held-out leads is reported. */
  base?: Model;
  /** Share of leads held out, 0 < share < 1 (default 0.3). */
  holdoutShare?: number;
  /** A date column: hold out the latest leads (holdoutShare of the dated ones) instead of a random share. */
  timeSplit?: string;
  seed?: string | number;
  /** Texts that mean "not answered" (default DEFAULT_PLACEHOLDERS). */
  placeholders?: readonly string[];
  /** At most this many rules (default 25, and never more than 1 per 10 conversions). */
  maxRules?: number;
  /** The suggested model's name (default "Suggested model"). */
  name?: string;
  /** A salesperson's override column (default: the current model's `settings.overrideColumn`): rows with a
   *  number there are left out (contract v2 §5: fitting fits nothing to overridden rows), and the column is
   *  never a candidate. */
  overrideColumn?: string;
  /** For scoring the current model: its asOf and the time zone of Date cells. */
  asOf?: string;
  /** Contract v2 §9: the column of the day each lead is judged on (default: the current model's
   *  `settings.asOfColumn`); candidates are matched and counted as of it, and the suggestion keeps it. */
  asOfColumn?: string;
  timeZone?: string;
}

export type RuleStatus = 'kept' | 'dropped' | 'reversed';

export interface SuggestedRuleReport {
  name: string;
  column: string;
  /** `data`: built from the column's values; `current`: a rule of the current model. */
  source: 'data' | 'current';
  status: RuleStatus;
  /** Whole points in the suggested model; 0 when dropped. */
  points: number;
  /** Points in the current model (current rules only). */
  currentPoints: number | null;
  /** Log-odds in the last fit it took part in; null when it never did (a leaky column). */
  coefficient: number | null;
  /** Fitting leads it matches, how many of them converted, their rate and lift (rate ÷ overall rate). */
  leads: number;
  conversions: number;
  rate: number | null;
  lift: number | null;
  /** Why it was dropped or reversed, in plain words; '' for a kept rule. */
  why: string;
}

export interface LeakageFinding {
  column: string;
  /** Held-out AUC of the column alone. */
  auc: number | null;
  answeredAuc: number | null;
  why: string;
  /** Kept on purpose (`keepLeaky`); otherwise left out. */
  kept: boolean;
}

export interface SuggestEvaluation {
  split:
    | { kind: 'holdout'; share: number; seed: string | number }
    | { kind: 'time'; column: string; from: string; undated: number };
  fitting: { leads: number; conversions: number };
  holdout: { leads: number; conversions: number };
  /** Leads left out because their outcome is still open. */
  open: number;
  /** Leads with a known outcome left out because a salesperson overrode their score. */
  overridden: number;
  /** AUC on the held-out leads of the suggested model as scored by the engine (whole points, caps). */
  holdoutAuc: number | null;
  /** …of the same rules with their unrounded fitted weights: what rounding costs. */
  unroundedAuc: number | null;
  /** …of the fit of every candidate before any was dropped: what keeping few rules costs. */
  allCandidatesAuc: number | null;
  /** …of the current model (null without one). */
  baseAuc: number | null;
  /** The penalty chosen by cross-validation. */
  l2: number;
  candidates: number;
  /** Kept rules first (by points, largest first), then reversed and dropped. */
  rules: SuggestedRuleReport[];
  /** Held-out band table of the suggested model. */
  bands: BandReport[];
  bandsDistinct: boolean;
  /** Columns flagged by the leakage guard. */
  leakage: LeakageFinding[];
  /** Columns left out of the candidates, and why. */
  excluded: { column: string; why: string }[];
  warnings: string[];
  /** Plain sentences for marketers, most important first. */
  verdicts: string[];
}

export type SuggestResult =
  | { ok: true; model: Model; evaluation: SuggestEvaluation }
  | { ok: false; problems: Problem[] };

export const DEFAULT_MAX_RULES = 25;
export const DEFAULT_SUGGEST_SEED = 'lead scoring suggested model';
/** Conversions a kept rule's leads must hold, and conversions per rule overall. */
export const MIN_CONVERSIONS_PER_RULE = 10;
/** Fewer conversions than this and the fit is a first hint (Einstein's minimum). */
export const MIN_CONVERSIONS_OVERALL = 120;
const L2_GRID = [30, 10, 3, 1, 0.3];
const FOLDS = 5;
/** Lift this far from 1 is clearly on one side (closer is noise). */
const CLEAR_LIFT = 0.1;
const MAX_ROUNDS = 30;
const OWN_OUTPUTS = new Set(['score', 'band', 'grade', 'reasons', 'fit score']);
const ENGAGEMENT_HINT = /visit|activity|time spent|page view|opened|click|download|webinar|session|last /i;

export function suggestModel(
  headers: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  options: SuggestOptions,
): SuggestResult {
  const problems: Problem[] = [];
  const headerNames = headers.map((h) => String(h ?? '').trim());
  const findColumn = (name: string) =>
    headerNames.findIndex((h) => h.toLowerCase() === name.trim().toLowerCase());
  const listHeaders = () => headerNames.map((h) => `"${h}"`).join(', ');
  const missing = (subject: string, name: string) =>
    problems.push({
      subject,
      message: `${subject}: there is no column "${name}" (columns: ${listHeaders()})`,
    });

  const outcomeColumn = findColumn(options.outcome.column);
  if (outcomeColumn < 0) missing('outcome', options.outcome.column);
  for (const name of options.columns ?? []) if (findColumn(name) < 0) missing('columns', name);
  for (const name of options.exclude ?? []) if (findColumn(name) < 0) missing('exclude', name);
  const overrideName = options.overrideColumn ?? options.base?.settings?.overrideColumn;
  const overrideColumn = overrideName === undefined ? -1 : findColumn(overrideName);
  if (overrideName !== undefined && overrideColumn < 0) missing('override column', overrideName);
  const timeColumn = options.timeSplit === undefined ? -1 : findColumn(options.timeSplit);
  if (options.timeSplit !== undefined && timeColumn < 0) missing('time split', options.timeSplit);
  const share = options.holdoutShare ?? 0.3;
  if (!(share > 0 && share < 1)) {
    problems.push({
      subject: 'holdout',
      message: `holdout: the share held out must be above 0 and below 1, got ${share}`,
    });
  }
  if (problems.length > 0) return { ok: false, problems };

  // Decided and open leads.
  const outcomeOf = compileOutcome(options.outcome);
  const decided: (readonly unknown[])[] = [];
  const converted: boolean[] = [];
  const openRows: (readonly unknown[])[] = [];
  let overridden = 0;
  for (const row of rows) {
    if (row.every(isBlank)) continue;
    const state = outcomeOf(row[outcomeColumn]);
    if (state === 'open') openRows.push(row);
    else if (overrideColumn >= 0 && cellNumber(row[overrideColumn]) !== undefined) overridden++;
    else {
      decided.push(row);
      converted.push(state === 'converted');
    }
  }
  const conversions = converted.filter(Boolean).length;
  if (
    conversions < 2 * MIN_CONVERSIONS_PER_RULE ||
    decided.length - conversions < 2 * MIN_CONVERSIONS_PER_RULE
  ) {
    return {
      ok: false,
      problems: [
        {
          subject: 'outcome',
          message:
            `outcome: ${countText(decided.length)} leads with a known outcome, ${countText(conversions)} converted: ` +
            `a model needs at least ${2 * MIN_CONVERSIONS_PER_RULE} conversions and as many leads that did not convert ` +
            `(check the values that mean converted: ${options.outcome.positive.join(', ')})`,
        },
      ],
    };
  }

  // Split.
  let split: { fit: number[]; holdout: number[] };
  let splitInfo: SuggestEvaluation['split'];
  const seed = options.seed ?? DEFAULT_SUGGEST_SEED;
  if (timeColumn >= 0) {
    const dayOf = dayOfDateIn(options.timeZone ?? 'UTC');
    const dated: { row: number; day: number }[] = [];
    const undated: number[] = [];
    decided.forEach((row, index) => {
      const day = cellDay(row[timeColumn], dayOf);
      if (day === undefined) undated.push(index);
      else dated.push({ row: index, day });
    });
    dated.sort((a, b) => a.day - b.day || a.row - b.row);
    const cut = Math.floor((1 - share) * dated.length);
    const fromDay = dated[cut]?.day;
    if (fromDay === undefined || cut === 0) {
      return {
        ok: false,
        problems: [
          {
            subject: 'time split',
            message: `time split: column "${options.timeSplit}" has too few dates (YYYY-MM-DD) to hold the latest leads out`,
          },
        ],
      };
    }
    // Leads of the first held-out day all go to the held-out part, so a day is never split.
    const holdout = dated.filter((d) => d.day >= fromDay).map((d) => d.row);
    const held = new Set(holdout);
    split = {
      fit: decided.map((_, i) => i).filter((i) => !held.has(i)),
      holdout: holdout.sort((a, b) => a - b),
    };
    splitInfo = {
      kind: 'time',
      column: headerNames[timeColumn]!,
      from: formatIsoDay(fromDay),
      undated: undated.length,
    };
  } else {
    split = splitForFit(converted, share, seed);
    splitInfo = { kind: 'holdout', share, seed };
  }
  const fitConverted = split.fit.map((i) => converted[i]!);
  const fitConversions = fitConverted.filter(Boolean).length;
  const holdConverted = split.holdout.map((i) => converted[i]!);
  const holdConversions = holdConverted.filter(Boolean).length;

  // Columns.
  const placeholderList = options.placeholders ?? [
    ...DEFAULT_PLACEHOLDERS,
    ...(options.base?.settings?.blankValues ?? []),
  ];
  const placeholders = placeholderSet(placeholderList);
  const profiles = describeColumns(headers, decided, { placeholders: placeholderList, top: 0 });
  const excluded: { column: string; why: string }[] = [];
  const chosen: ColumnProfile[] = [];
  const explicit = options.columns?.map((c) => c.trim().toLowerCase());
  const excludedByUser = new Set((options.exclude ?? []).map((c) => c.trim().toLowerCase()));
  for (const profile of profiles) {
    const key = profile.name.toLowerCase();
    const leave = (why: string) => excluded.push({ column: profile.name, why });
    if (profile.index === outcomeColumn) continue;
    if (profile.index === overrideColumn) {
      leave("the salesperson's override column");
      continue;
    }
    if (explicit !== undefined) {
      if (!explicit.includes(key)) continue;
    } else if (excludedByUser.has(key)) {
      leave('excluded on purpose');
      continue;
    } else if (profile.identifier) {
      leave('an identifier (nearly every value differs)');
      continue;
    } else if (OWN_OUTPUTS.has(key)) {
      leave("the add-on's own output");
      continue;
    }
    if (profile.index === timeColumn) {
      leave('the date the split is made on');
      continue;
    }
    if (profile.type === 'date') {
      leave('a date (rules on dates count days to a fixed day; add them by hand)');
      continue;
    }
    if (profile.type === 'empty') {
      leave('empty');
      continue;
    }
    chosen.push(profile);
  }

  // Candidates, from the fitting part.
  const minSupport = Math.max(20, Math.ceil(0.01 * split.fit.length));
  // Contract v2 `settings.blankValues` reads placeholders as blank everywhere, so "not answered" is `is blank`.
  const candidateOptions = { minSupport, placeholders, blankValuesSupported: true };
  const blankValues = placeholdersIn(chosen, decided, placeholders);
  const candidates: Candidate[] = [];
  const columnOf = new Map<string, ColumnProfile>();
  for (const profile of chosen) {
    const cells = split.fit.map((i) => decided[i]![profile.index]);
    const built = columnCandidates(profile, cells, candidateOptions);
    if (built.length === 0) excluded.push({ column: profile.name, why: 'one value for (nearly) every lead' });
    candidates.push(...built);
    columnOf.set(profile.name, profile);
  }
  for (const rule of options.base?.rules ?? []) {
    // Rules on one column are candidates; `when` and event rules are not (yet).
    if (rule.enabled === false || rule.operator === 'per' || rule.column === undefined) continue;
    if (rule.when !== undefined || rule.event !== undefined || findColumn(rule.column) < 0) continue;
    const column = headerNames[findColumn(rule.column)]!;
    candidates.push({
      rule: { ...rule, group: column, points: 1, maxPoints: undefined, enabled: undefined },
      column,
      family: `current\u0000${rule.name}`,
      source: 'current',
      currentPoints: rule.points,
    });
  }
  uniqueNames(candidates);

  // Leakage guard, on each candidate column.
  const keepAll = options.keepLeaky === true;
  const keepSet = new Set(
    Array.isArray(options.keepLeaky) ? options.keepLeaky.map((c) => c.trim().toLowerCase()) : [],
  );
  const leakage: LeakageFinding[] = [];
  const leaky = new Set<string>();
  for (const column of new Set(candidates.map((c) => c.column))) {
    const index = findColumn(column);
    const check = checkLeakage(
      {
        column,
        cells: decided.map((row) => row[index]),
        openCells: openRows.map((row) => row[index]),
        numeric: columnOf.get(column)?.type === 'number',
      },
      converted,
      split,
      placeholders,
    );
    if (check.signs.length === 0) continue;
    const kept = keepAll || keepSet.has(column.toLowerCase());
    leakage.push({ column, auc: check.auc, answeredAuc: check.answeredAuc, why: check.why, kept });
    if (!kept) leaky.add(column);
  }

  // Features: which candidates each lead matches, as the engine reads them.
  const asOf = options.base?.settings?.asOf;
  const asOfColumn = options.asOfColumn ?? options.base?.settings?.asOfColumn;
  const settings = {
    ...(asOf !== undefined ? { asOf } : {}),
    ...(asOfColumn !== undefined ? { asOfColumn } : {}),
    ...(blankValues.length > 0 ? { blankValues } : {}),
  };
  const candidateModel: Model = {
    name: 'Candidates',
    settings,
    groups: [...new Set(candidates.map((c) => c.rule.group))].map((name) => ({
      name,
      kind: 'fit' as GroupKind,
    })),
    rules: candidates.map((c) => c.rule),
    bands: [{ name: 'All', min: null }],
  };
  const compiledCandidates = compileModel(candidateModel, headers, {
    asOf: options.asOf,
    timeZone: options.timeZone,
  });
  if (!compiledCandidates.ok) return compiledCandidates;
  const matchesOf = (row: readonly unknown[]) => compiledCandidates.compiled.matches(row);
  const allFeatures: number[][] = decided.map((row) => {
    const on: number[] = [];
    matchesOf(row).forEach((m, j) => {
      if (m) on.push(j);
    });
    return on;
  });

  // Support of each candidate on the fitting part.
  const support = candidates.map(() => ({ leads: 0, conversions: 0 }));
  for (const row of split.fit) {
    for (const j of allFeatures[row]!) {
      support[j]!.leads++;
      if (converted[row]) support[j]!.conversions++;
    }
  }
  const fitRate = fitConversions / split.fit.length;

  const sameAs = sameLeadsAs(candidates, split.fit, allFeatures, support);
  const usable = candidates.map(
    (c, j) =>
      !leaky.has(c.column) && !sameAs.has(j) && support[j]!.leads > 0 && support[j]!.leads < split.fit.length,
  );
  const references = referenceLevels(candidates, usable, support, split.fit.length, minSupport);
  const isReference = new Set([...references.values()].map((r) => r.reference));
  let active = candidates.flatMap((_, j) => (usable[j] && !isReference.has(j) ? [j] : []));
  const maxRules = Math.max(
    1,
    Math.min(options.maxRules ?? DEFAULT_MAX_RULES, Math.floor(fitConversions / MIN_CONVERSIONS_PER_RULE)),
  );

  const featuresFor = (rowsOf: readonly number[], columns: readonly number[]) => {
    const position = new Int32Array(candidates.length).fill(-1);
    columns.forEach((j, p) => {
      position[j] = p;
    });
    return rowsOf.map((row) => {
      const on: number[] = [];
      for (const j of allFeatures[row]!) if (position[j]! >= 0) on.push(position[j]!);
      return on;
    });
  };

  // Cross-validated penalty, on every usable candidate.
  const l2 = chooseL2(featuresFor(split.fit, active), fitConverted, active.length, seed);
  const fitActive = (columns: readonly number[], start?: LogisticFit) => {
    const patterns = poolPatterns(featuresFor(split.fit, columns), fitConverted);
    return fitPatterns(patterns, columns.length, l2, start);
  };
  const holdAuc = (columns: readonly number[], fit: LogisticFit) => {
    const features = featuresFor(split.holdout, columns);
    return auc(
      features.map((f) => linearScore(fit, f)),
      holdConverted,
    );
  };
  const fullFit = fitActive(active);
  if (fullFit === null) {
    return {
      ok: false,
      problems: [{ subject: 'fit', message: 'fit: the regression did not settle on these leads' }],
    };
  }
  const allCandidatesAuc = holdAuc(active, fullFit);

  // Selection rounds.
  const minScore = options.base?.settings?.minScore ?? 0;
  const maxScore = options.base?.settings?.maxScore ?? 100;
  const width = maxScore - minScore > 0 ? maxScore - minScore : 100;
  const dropped = new Map<number, string>();
  const lastCoefficient = new Map<number, number>();
  let fit: LogisticFit = fullFit;
  const scale = (current: LogisticFit) =>
    toPoints(active, current, split.fit, allFeatures, references, width);
  let table = new Map<number, { points: number; unrounded: number }>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    active.forEach((j, p) => {
      lastCoefficient.set(j, fit.coefficients[p]!);
    });
    table = scale(fit);
    const drop = new Map<number, string>();
    active.forEach((j) => {
      const s = support[j]!;
      if (s.leads < minSupport)
        drop.set(j, `too few leads (${s.leads} of the fitting leads; at least ${minSupport})`);
      else if (s.conversions < MIN_CONVERSIONS_PER_RULE)
        drop.set(j, `too few conversions (${s.conversions}; at least ${MIN_CONVERSIONS_PER_RULE})`);
      else if (table.get(j)!.points === 0)
        drop.set(j, 'its points round to 0 once the other rules are counted');
    });
    const remaining = active.filter((j) => !drop.has(j));
    if (remaining.length > maxRules) {
      const importance = (j: number) => {
        const shareOf = support[j]!.leads / split.fit.length;
        return Math.abs(table.get(j)!.unrounded) * Math.sqrt(shareOf * (1 - shareOf));
      };
      const weakest = [...remaining].sort((a, b) => importance(a) - importance(b));
      const excess = remaining.length - maxRules;
      for (const j of weakest.slice(0, Math.max(1, Math.ceil(excess / 2)))) {
        drop.set(j, `weaker than the ${maxRules} rules kept (at most ${maxRules})`);
      }
    }
    if (drop.size === 0) break;
    for (const [j, why] of drop) dropped.set(j, why);
    const previous = new Map(active.map((j, p) => [j, fit.coefficients[p]!]));
    active = active.filter((j) => !drop.has(j));
    if (active.length === 0) break;
    const next = fitActive(active, {
      intercept: fit.intercept,
      coefficients: active.map((j) => previous.get(j) ?? 0),
    });
    if (next === null) break;
    fit = next;
  }
  if (active.length > 0) table = scale(fit);
  const unroundedAuc = active.length === 0 ? null : holdAuc(active, fit);
  // Kept: the fitted rules, and a base level its column's other levels are counted from when it has points.
  const kept = [...table].flatMap(([j, entry]) => (entry.points !== 0 ? [j] : []));
  const pointsOf = new Map([...table].map(([j, entry]) => [j, entry.points]));

  // The model.
  const model = buildModel(
    options,
    kept.map((j) => ({ candidate: candidates[j]!, points: pointsOf.get(j)! })),
    { minScore, maxScore, ...settings },
  );
  const compiled = compileModel(model, headers, { asOf: options.asOf, timeZone: options.timeZone });
  if (!compiled.ok) return compiled;
  const fitScores = split.fit.map((i) => compiled.compiled.scoreValue(decided[i]!));
  const placed = placeBands(fitScores, fitConverted);
  model.bands = placed.bands;
  const scored = compileModel(model, headers, { asOf: options.asOf, timeZone: options.timeZone });
  if (!scored.ok) return scored;
  const holdRows = split.holdout.map((i) => decided[i]!);
  const holdScores = holdRows.map((row) => scored.compiled.scoreValue(row));
  const salesReady = salesReadyFlags(model);
  const holdReport = calibrate({
    bands: model.bands.map((b, i) => ({ name: b.name, min: b.min, salesReady: salesReady[i] ?? false })),
    rules: model.rules.map((r) => ({ name: r.name, points: r.points, enabled: true })),
    leads: holdRows.map((row, i) => ({
      score: holdScores[i]!,
      band: scored.compiled.bandIndex(holdScores[i]!),
      converted: holdConverted[i]!,
      matches: scored.compiled.matches(row),
    })),
  });

  let baseAuc: number | null = null;
  if (options.base) {
    const base = compileModel(options.base, headers, { asOf: options.asOf, timeZone: options.timeZone });
    if (!base.ok) return base;
    baseAuc = auc(
      holdRows.map((row) => base.compiled.scoreValue(row)),
      holdConverted,
    );
  }

  // Rule report.
  const ruleReports: SuggestedRuleReport[] = candidates.flatMap((candidate, j) => {
    if (leaky.has(candidate.column) && candidate.source === 'data') return [];
    const s = support[j]!;
    const rate = s.leads === 0 ? null : s.conversions / s.leads;
    const finalPoints = kept.includes(j) ? pointsOf.get(j)! : 0;
    const current = candidate.currentPoints ?? null;
    let status: RuleStatus = kept.includes(j) ? 'kept' : 'dropped';
    let why = '';
    if (leaky.has(candidate.column))
      why = `its column "${candidate.column}" was probably filled in after the outcome`;
    else if (sameAs.has(j)) why = sameAs.get(j)!;
    else if (isReference.has(j) && !kept.includes(j))
      why = "its column's base level: the points of the column's other rules count from it";
    else if (!usable[j]) why = 'it matches every fitting lead or none';
    else if (dropped.has(j)) why = dropped.get(j)!;
    if (
      status === 'kept' &&
      current !== null &&
      current !== 0 &&
      Math.sign(current) !== Math.sign(finalPoints)
    ) {
      status = 'reversed';
      why = `${formatPoints(current)} now, ${formatPoints(finalPoints)} fitted: ${finalPoints < 0 ? 'its leads convert less often' : 'its leads convert more often'} than others like them`;
    }
    return [
      {
        name: candidate.rule.name,
        column: candidate.column,
        source: candidate.source,
        status,
        points: finalPoints,
        currentPoints: current,
        coefficient: lastCoefficient.get(j) ?? null,
        leads: s.leads,
        conversions: s.conversions,
        rate,
        lift: rate === null || fitRate === 0 ? null : rate / fitRate,
        why,
      },
    ];
  });
  const order: Record<RuleStatus, number> = { kept: 0, reversed: 1, dropped: 2 };
  ruleReports.sort((a, b) => order[a.status] - order[b.status] || Math.abs(b.points) - Math.abs(a.points));

  const warnings: string[] = [];
  if (overridden > 0) {
    warnings.push(
      `${countText(overridden)} lead${overridden === 1 ? '' : 's'} whose score was overridden by hand ` +
        `${overridden === 1 ? 'was' : 'were'} left out of fitting and checking: their outcome followed the override.`,
    );
  }
  if (fitConversions < MIN_CONVERSIONS_OVERALL) {
    warnings.push(
      `Only ${countText(fitConversions)} conversions among the fitting leads: under ${MIN_CONVERSIONS_OVERALL}, a fitted model is a first hint, not a finding.`,
    );
  }
  if (!placed.distinct) {
    warnings.push('The data cannot tell even two bands clearly apart: treat the bands as a first guess.');
  }
  if (splitInfo.kind === 'time' && splitInfo.undated > 0) {
    warnings.push(
      `${countText(splitInfo.undated)} leads without a date in "${splitInfo.column}" were used for fitting only.`,
    );
  }

  const evaluation: SuggestEvaluation = {
    split: splitInfo,
    fitting: { leads: split.fit.length, conversions: fitConversions },
    holdout: { leads: split.holdout.length, conversions: holdConversions },
    open: openRows.length,
    overridden,
    holdoutAuc: holdReport.auc,
    unroundedAuc,
    allCandidatesAuc,
    baseAuc,
    l2,
    candidates: candidates.length,
    rules: ruleReports,
    bands: holdReport.bands,
    bandsDistinct: placed.distinct,
    leakage,
    excluded,
    warnings,
    verdicts: [],
  };
  evaluation.verdicts = suggestVerdicts(evaluation);
  // Contract v2 §9: a model that counts days, checked on past leads all judged as of today.
  const asOfAdvice = asOfVerdict(options.base ?? model, headers, rows) ?? asOfVerdict(model, headers, rows);
  if (asOfAdvice !== null) evaluation.verdicts.push(asOfAdvice);
  return { ok: true, model, evaluation };
}

/** A column whose candidates split every fitting lead: its base level (the lowest-converting level with a
 *  stable rate, ≥ 5 × minSupport leads, else the largest level) is not fitted; the others count from it. */
interface ReferenceLevel {
  reference: number;
  /** The family's other usable candidates. */
  members: number[];
}

function referenceLevels(
  candidates: readonly Candidate[],
  usable: readonly boolean[],
  support: readonly { leads: number; conversions: number }[],
  fitLeads: number,
  minSupport: number,
): Map<string, ReferenceLevel> {
  const families = new Map<string, number[]>();
  candidates.forEach((candidate, j) => {
    if (!usable[j] || candidate.source !== 'data') return;
    families.set(candidate.family, [...(families.get(candidate.family) ?? []), j]);
  });
  const out = new Map<string, ReferenceLevel>();
  for (const [family, members] of families) {
    // A family's candidates never overlap, so covering every lead once is a matter of counts.
    if (members.length < 2 || members.reduce((sum, j) => sum + support[j]!.leads, 0) !== fitLeads) continue;
    const stable = members.filter((j) => support[j]!.leads >= 5 * minSupport);
    const rate = (j: number) => support[j]!.conversions / support[j]!.leads;
    const reference =
      stable.length > 0
        ? stable.reduce((best, j) => (rate(j) < rate(best) ? j : best))
        : members.reduce((best, j) => (support[j]!.leads > support[best]!.leads ? j : best));
    out.set(family, { reference, members: members.filter((j) => j !== reference) });
  }
  return out;
}

/**
 * Log-odds to whole points (see the file comment), for the active candidates and for base levels that need
 * points: when a column still has all its levels and one of them fitted below its base level, the lowest level
 * moves to 0 (the base level and the others go up by as much: the same ranking, no negative points).
 */
function toPoints(
  active: readonly number[],
  fit: LogisticFit,
  fitRows: readonly number[],
  allFeatures: readonly (readonly number[])[],
  references: ReadonlyMap<string, ReferenceLevel>,
  width: number,
): Map<number, { points: number; unrounded: number }> {
  const coefficient = new Map(active.map((j, p) => [j, fit.coefficients[p]!]));
  const shifted = new Map(coefficient);
  for (const { reference, members } of references.values()) {
    if (!members.every((j) => coefficient.has(j))) continue;
    const lowest = Math.min(0, ...members.map((j) => coefficient.get(j)!));
    if (lowest >= 0) continue;
    shifted.set(reference, -lowest);
    for (const j of members) shifted.set(j, coefficient.get(j)! - lowest);
  }
  const sums = fitRows.map((row) => {
    let sum = 0;
    for (const j of allFeatures[row]!) sum += shifted.get(j) ?? 0;
    return sum;
  });
  sums.sort((a, b) => a - b);
  const top = sums[Math.min(sums.length - 1, Math.floor(0.99 * sums.length))] ?? 0;
  const largest = Math.max(0, ...[...shifted.values()].map(Math.abs));
  const k = top > 1e-9 ? width / top : largest > 0 ? 10 / largest : 0;
  const out = new Map<number, { points: number; unrounded: number }>();
  for (const [j, value] of shifted) out.set(j, { points: roundHalfAway(k * value), unrounded: k * value });
  return out;
}

function roundHalfAway(x: number): number {
  const r = Math.sign(x) * Math.floor(Math.abs(x) + 0.5);
  return r === 0 ? 0 : r;
}

/** The penalty with the lowest mean log-loss over stratified folds of the fitting leads. */
function chooseL2(
  features: readonly (readonly number[])[],
  converted: readonly boolean[],
  featureCount: number,
  seed: string | number,
): number {
  const random = mulberry32(hashSeed(`${seed}|folds`));
  const fold = new Array<number>(features.length).fill(0);
  for (const outcome of [true, false]) {
    const members = converted.flatMap((c, i) => (c === outcome ? [i] : []));
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [members[i], members[j]] = [members[j]!, members[i]!];
    }
    members.forEach((row, position) => {
      fold[row] = position % FOLDS;
    });
  }
  const folds = Array.from({ length: FOLDS }, (_, f) => {
    const train: number[] = [];
    const test: number[] = [];
    fold.forEach((g, row) => {
      (g === f ? test : train).push(row);
    });
    return { train: poolPatterns(features, converted, train), test: poolPatterns(features, converted, test) };
  });
  const starts: (LogisticFit | undefined)[] = folds.map(() => undefined);
  const losses = new Map<number, number>();
  const lossAt = (g: number): number => {
    const known = losses.get(g);
    if (known !== undefined) return known;
    let loss = 0;
    folds.forEach((f, index) => {
      const fit = fitPatterns(f.train, featureCount, L2_GRID[g]!, starts[index]);
      if (fit === null) loss = Number.POSITIVE_INFINITY;
      else {
        starts[index] = fit;
        loss += logLoss(fit, f.test);
      }
    });
    losses.set(g, loss);
    return loss;
  };
  // The loss is U-shaped in the penalty: walk from the middle of the grid towards lower loss.
  let best = Math.floor(L2_GRID.length / 2);
  for (const step of [-1, 1]) {
    while (best + step >= 0 && best + step < L2_GRID.length && lossAt(best + step) < lossAt(best))
      best += step;
  }
  return L2_GRID[best]!;
}

/**
 * Candidates that match exactly the same fitting leads as an earlier one (current rules come first): they
 * would only split one weight in two. When the twin of a current rule is one of the two levels of a yes/no
 * column, the other level goes too: the current rule alone says the same. Maps each to why it is left out.
 */
function sameLeadsAs(
  candidates: readonly Candidate[],
  fitRows: readonly number[],
  allFeatures: readonly (readonly number[])[],
  support: readonly { leads: number }[],
): Map<number, string> {
  const hashes = candidates.map(() => [0x811c9dc5, 0x01000193]);
  for (const row of fitRows) {
    for (const j of allFeatures[row]!) {
      const h = hashes[j]!;
      h[0] = Math.imul(h[0]! ^ row, 0x01000193) >>> 0;
      h[1] = Math.imul(h[1]! ^ (row + 0x9e3779b9), 0x85ebca6b) >>> 0;
    }
  }
  const order = candidates
    .map((_, j) => j)
    .sort(
      (a, b) =>
        Number(candidates[b]!.source === 'current') - Number(candidates[a]!.source === 'current') || a - b,
    );
  const first = new Map<string, number>();
  const out = new Map<number, string>();
  for (const j of order) {
    const key = `${hashes[j]!.join(':')}:${support[j]!.leads}`;
    const twin = first.get(key);
    if (twin === undefined) {
      first.set(key, j);
      continue;
    }
    out.set(j, `it matches the same leads as "${candidates[twin]!.rule.name}"`);
    const family = candidates.filter((c) => c.family === candidates[j]!.family && c.source === 'data');
    if (candidates[twin]!.source === 'current' && family.length === 2) {
      const other = candidates.indexOf(family.find((c) => c !== candidates[j])!);
      if (support[other]!.leads + support[j]!.leads === fitRows.length) {
        out.set(
          other,
          `the current rule "${candidates[twin]!.rule.name}" covers its column (the rest of its leads)`,
        );
      }
    }
  }
  return out;
}

/** The placeholders that occur in the chosen columns, as first spelt there. */
function placeholdersIn(
  columns: readonly ColumnProfile[],
  rows: readonly (readonly unknown[])[],
  placeholders: ReadonlySet<string>,
): string[] {
  const found = new Map<string, string>();
  for (const row of rows) {
    for (const column of columns) {
      const cell = row[column.index];
      if (typeof cell !== 'string') continue;
      const key = cell.trim().toLowerCase();
      if (key !== '' && placeholders.has(key) && !found.has(key)) found.set(key, cell.trim());
    }
  }
  return [...found.values()];
}

function uniqueNames(candidates: Candidate[]): void {
  const seen = new Set<string>();
  // Current rules keep their names; data rules give way.
  const ordered = [
    ...candidates.filter((c) => c.source === 'current'),
    ...candidates.filter((c) => c.source === 'data'),
  ];
  for (const candidate of ordered) {
    let name = candidate.rule.name;
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${candidate.rule.name} (${n})`;
    seen.add(name.toLowerCase());
    candidate.rule = { ...candidate.rule, name };
  }
}

function buildModel(
  options: SuggestOptions,
  rules: readonly { candidate: Candidate; points: number }[],
  settings: {
    minScore: number;
    maxScore: number;
    asOf?: string;
    asOfColumn?: string;
    blankValues?: string[];
  },
): Model {
  const groups: Group[] = [];
  const baseGroupOf = new Map((options.base?.groups ?? []).map((g) => [g.name, g]));
  const baseRuleGroup = new Map((options.base?.rules ?? []).map((r) => [r.name, r.group]));
  const groupFor = (candidate: Candidate): string => {
    const name = candidate.column;
    if (!groups.some((g) => g.name.toLowerCase() === name.toLowerCase())) {
      const baseGroup = baseGroupOf.get(baseRuleGroup.get(candidate.rule.name) ?? '');
      const kind: GroupKind = baseGroup?.kind ?? (ENGAGEMENT_HINT.test(name) ? 'engagement' : 'fit');
      groups.push({ name, kind });
    }
    return groups.find((g) => g.name.toLowerCase() === name.toLowerCase())!.name;
  };
  // Rules grouped by column (columns in the order of their strongest rule), largest points first.
  const byColumn = new Map<string, { candidate: Candidate; points: number }[]>();
  for (const rule of [...rules].sort((a, b) => Math.abs(b.points) - Math.abs(a.points))) {
    byColumn.set(rule.candidate.column, [...(byColumn.get(rule.candidate.column) ?? []), rule]);
  }
  const modelRules: Rule[] = [];
  for (const members of byColumn.values()) {
    for (const { candidate, points } of members) {
      const rule: Rule = { ...candidate.rule, group: groupFor(candidate), points };
      delete rule.maxPoints;
      delete rule.enabled;
      if (rule.value === undefined) delete rule.value;
      modelRules.push(rule);
    }
  }
  const positive = options.outcome.positive;
  const outcome: Outcome = { column: options.outcome.column, positive: [...positive] };
  if (options.outcome.negative !== undefined) outcome.negative = [...options.outcome.negative];
  return {
    name: options.name ?? 'Suggested model',
    settings,
    groups,
    rules: modelRules,
    bands: [{ name: 'All leads', min: null }],
    outcome,
  };
}

function aucText(x: number | null): string {
  return x === null ? '–' : x.toFixed(2);
}

function suggestVerdicts(e: SuggestEvaluation): string[] {
  const verdicts: string[] = [...e.warnings];
  const kept = e.rules.filter((r) => r.status !== 'dropped');
  const where =
    e.split.kind === 'holdout'
      ? `the ${countText(e.holdout.leads)} leads held out (${percent(e.split.share)}, never seen by the fit)`
      : `the ${countText(e.holdout.leads)} latest leads (from ${e.split.from}, never seen by the fit)`;
  verdicts.push(
    `On ${where}, the suggested model's ${kept.length} rules rank leads with AUC ${aucText(e.holdoutAuc)}` +
      (e.baseAuc === null ? '' : `, against ${aucText(e.baseAuc)} for the current model`) +
      '.',
  );
  if (e.unroundedAuc !== null && e.holdoutAuc !== null) {
    verdicts.push(
      `Whole points cost ${Math.max(0, e.unroundedAuc - e.holdoutAuc).toFixed(3)} AUC (the unrounded fit of the same rules gives ${aucText(e.unroundedAuc)}); ` +
        `keeping ${kept.length} of ${e.candidates} candidate rules, ${Math.max(0, (e.allCandidatesAuc ?? 0) - e.unroundedAuc).toFixed(3)} (all candidates: ${aucText(e.allCandidatesAuc)}).`,
    );
  }
  for (const finding of e.leakage) {
    verdicts.push(
      finding.kept
        ? `"${finding.column}" was probably filled in after the outcome (${finding.why}); it is kept because you asked, so the AUC above is likely too good to be true.`
        : `"${finding.column}" was left out: it was probably filled in after the outcome (${finding.why}). Keep it on purpose only if it is known before sales works the lead.`,
    );
  }
  const reversed = e.rules.filter((r) => r.status === 'reversed');
  for (const rule of reversed) verdicts.push(`"${rule.name}" is reversed: ${rule.why}.`);
  const mixed = e.rules.filter(
    (r) =>
      r.status !== 'dropped' &&
      r.lift !== null &&
      ((r.points < 0 && r.lift > 1 + CLEAR_LIFT) || (r.points > 0 && r.lift < 1 - CLEAR_LIFT)),
  );
  if (mixed.length > 0) {
    const names = mixed
      .slice(0, 3)
      .map((r) => `"${r.name}"`)
      .join(', ');
    verdicts.push(
      `${names} ${mixed.length === 1 ? 'has' : 'have'} points of the other sign than ${mixed.length === 1 ? 'its' : 'their'} lift alone: ` +
        "lift compares a rule's leads with all leads; the points compare them with leads that match the same other rules. " +
        'A rule whose leads convert well mostly because they also match stronger rules gets few or negative points. ' +
        "For points, trust the fit (it is checked on held-out leads); lift tells what a rule's leads do alone.",
    );
  }
  const droppedCurrent = e.rules.filter((r) => r.source === 'current' && r.status === 'dropped');
  if (droppedCurrent.length > 0) {
    verdicts.push(
      `Current rules dropped: ${droppedCurrent.map((r) => `"${r.name}" (${r.why})`).join('; ')}.`,
    );
  }
  const dropped = e.rules.filter((r) => r.status === 'dropped' && r.source === 'data').length;
  if (dropped > 0) {
    verdicts.push(
      `${countText(dropped)} candidate rules were dropped: their points rounded to 0 once the others were counted, they had too few leads or conversions, or they were weaker than the ones kept.`,
    );
  }
  return verdicts;
}
