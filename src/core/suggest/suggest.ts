// A suggested model fitted from outcomes: readable rules with whole points, proven on leads it never saw.
//
// 1. Leads whose outcome is known are split into a fitting part and a held-out part (seeded and stratified,
//    or by date: the latest leads are held out). Everything below is learnt on the fitting part only.
// 2. Candidates (candidateSet.ts, candidates.ts) from the chosen columns; the leakage guard (guard.ts,
//    leakage.ts) leaves out columns that were probably filled in after the outcome.
// 3. An L2-regularised logistic regression of "converted" on the candidates, the penalty chosen by 5-fold
//    cross-validation (lowest held-out log-loss). In a column whose candidates split every lead, one level (the
//    lowest-converting with a stable rate) is the base the others count from. Then, repeatedly: log-odds become
//    points (one factor for all, so the top 1% of fitting leads reach the top of the score range; where a
//    column still has all its levels, its lowest level moves to 0 so points are not negative for no reason),
//    rounded to whole points; rules whose points round to 0, with too few leads or fewer than 10 conversions,
//    or beyond the rule limit (weakest first) are dropped and the rest refitted, until nothing changes
//    (fitting.ts, selection.ts).
// 4. Bands (bands.ts) on the fitting leads' scores.
// 5. On the held-out leads: AUC of the integer model (scored by the engine, as the add-on will), of the
//    unrounded fit of the same rules, of the fit of every candidate (what selection costs) and of the current
//    model; the band table; and in plain words which rules were kept, dropped or reversed (evaluation.ts).

import { asOfVerdictWith, DecisionDayTally } from '../calibration/asOfAdvice';
import { splitForFit } from '../calibration/fit';
import { countText } from '../calibration/format';
import { fitPatterns, type LogisticFit, linearScore, poolPatterns } from '../calibration/logistic';
import { auc } from '../calibration/stats';
import { cellDay, cellNumber, dayOfDateIn, formatIsoDay, isBlank } from '../cells';
import { compileModel } from '../engine';
import type { GroupKind, Model, Problem } from '../model';
import { compileOutcome } from '../outcome';
import { placeBands } from './bands';
import { chooseColumns, placeholdersIn, uniqueNames } from './candidateSet';
import { type Candidate, columnCandidates } from './candidates';
import { type ColumnProfile, DEFAULT_PLACEHOLDERS, describeColumns, placeholderSet } from './columns';
import { buildModel, heldOutReport, reportRules, suggestVerdicts } from './evaluation';
import { buildEventSet, type EventSet } from './eventSet';
import { matchedFeatures, selectFeatures, withPairs } from './featureRows';
import { chooseL2, crossValidatedAuc, placeRange, referenceLevels, toPoints } from './fitting';
import { guardCandidates } from './guard';
import { interactionCandidates } from './interactions';
import {
  columnCells,
  isLeadTable,
  type LeadRows,
  type LeadTable,
  leadTable,
  rowsOf,
  subTable,
} from './leadTable';
import { countPerEvent } from './perEvent';
import { sameLeadsAs, screenCandidates, selectRules } from './selection';
import {
  DEFAULT_MAX_RULES,
  DEFAULT_SUGGEST_SEED,
  MIN_CONVERSIONS_OVERALL,
  MIN_CONVERSIONS_PER_RULE,
  type SuggestEvaluation,
  type SuggestOptions,
  type SuggestResult,
  type SuggestStep,
} from './types';

/** Cross-validated AUC a pair rule must add to be kept. */
const MIN_PAIR_GAIN = 0.002;
/** Cross-validated AUC per-event rules must add (over the same selection without them) to be kept. */
const MIN_PER_EVENT_GAIN = 0.001;

export function suggestModel(
  headers: readonly unknown[],
  rows: LeadRows,
  options: SuggestOptions,
): SuggestResult {
  const leads = leadTable(rows);
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
  // Leads as indexes into the table (its rows are read when needed, never copied).
  const decidedAt: number[] = [];
  const converted: boolean[] = [];
  const openAt: number[] = [];
  let overridden = 0;
  const blankRow = isLeadTable(rows)
    ? (i: number) => allBlank(leads, i, headers.length)
    : (i: number) => rows[i]!.every(isBlank);
  for (let i = 0; i < leads.length; i++) {
    if (blankRow(i)) continue;
    const state = outcomeOf(leads.cell(i, outcomeColumn));
    if (state === 'open') openAt.push(i);
    else if (overrideColumn >= 0 && cellNumber(leads.cell(i, overrideColumn)) !== undefined) overridden++;
    else {
      decidedAt.push(i);
      converted.push(state === 'converted');
    }
  }
  const decided = subTable(leads, decidedAt);
  const openRows = subTable(leads, openAt);
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
    for (let index = 0; index < decided.length; index++) {
      const day = cellDay(decided.cell(index, timeColumn), dayOf);
      if (day === undefined) undated.push(index);
      else dated.push({ row: index, day });
    }
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
      fit: decidedAt.map((_, i) => i).filter((i) => !held.has(i)),
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
  const { chosen, excluded } = chooseColumns(profiles, {
    outcomeColumn,
    overrideColumn,
    timeColumn,
    columns: options.columns,
    exclude: options.exclude,
  });

  // Candidates, from the fitting part.
  const minSupport = Math.max(20, Math.ceil(0.01 * split.fit.length));
  // Contract v2 `settings.blankValues` reads placeholders as blank everywhere, so "not answered" is `is blank`.
  const candidateOptions = { minSupport, placeholders, blankValuesSupported: true };
  const blankValues = placeholdersIn(chosen, decided, placeholders);
  const candidates: Candidate[] = [];
  const columnOf = new Map<string, ColumnProfile>();
  const progress = (step: SuggestStep, done: number, total: number, message: string) =>
    options.onProgress?.({ step, done, total, message });
  for (const [done, profile] of chosen.entries()) {
    progress(
      'candidates',
      done,
      chosen.length,
      `Building candidates: column ${countText(done + 1)} of ${countText(chosen.length)}`,
    );
    const cells = split.fit.map((i) => decided.cell(i, profile.index));
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
  // Event candidates, from the activity log.
  let events: EventSet | undefined;
  const warnings: string[] = [];
  // Contract v2 §9: the day each lead is judged on (default: the current model's as-of column).
  const asOfColumn = options.asOfColumn ?? options.base?.settings?.asOfColumn;
  if (options.activities !== undefined) {
    const built = buildEventSet({
      headers,
      // The log's path reads leads as arrays (kept while the event candidates are built).
      decided: rowsOf(decided),
      open: rowsOf(openRows),
      converted,
      fit: split.fit,
      minSupport,
      placeholders,
      table: options.activities,
      mapping: options.activityMapping,
      base: options.base,
      asOfColumn,
      asOf: options.asOf,
      timeZone: options.timeZone ?? 'UTC',
      perEventRules: options.perEventRules ?? true,
    });
    if (!built.ok) return { ok: false, problems: [built.problem] };
    events = built.set;
    candidates.push(...events.candidates);
  } else if (countsEvents(options.base)) {
    warnings.push(
      "The current model counts events, but no activity log was given: its event rules were not compared, and the suggestion uses the leads' columns only.",
    );
  }
  uniqueNames(candidates);

  // Leakage guard, on each candidate column (and each event type).
  const { leakage, leaky } = guardCandidates(
    candidates,
    (column) => {
      const fromEvents = events?.guardInputs.get(column);
      if (fromEvents !== undefined) return fromEvents;
      const index = findColumn(column);
      return {
        cells: columnCells(decided, index),
        openCells: columnCells(openRows, index),
        numeric: columnOf.get(column)?.type === 'number',
      };
    },
    converted,
    split,
    placeholders,
    options.keepLeaky,
    (done, total) =>
      progress(
        'leakage',
        done,
        total,
        `Checking for leaks: column ${countText(done + 1)} of ${countText(total)}`,
      ),
  );

  // Features: which candidates each lead matches, as the engine reads them.
  const asOf = options.base?.settings?.asOf;
  const settings = {
    ...(asOf !== undefined ? { asOf } : {}),
    ...(asOfColumn !== undefined ? { asOfColumn } : {}),
    ...(blankValues.length > 0 ? { blankValues } : {}),
  };
  const activities = events?.activities;
  const candidateModel: Model = {
    name: 'Candidates',
    settings,
    ...(activities !== undefined ? { activities } : {}),
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
    activities: options.activities,
  });
  if (!compiledCandidates.ok) return compiledCandidates;
  const matchesOf = (row: readonly unknown[]) => compiledCandidates.compiled.matches(row);
  let allFeatures = matchedFeatures(decided.length, (i) => matchesOf(decided.row(i)));

  // Interactions: pairs of the strongest single conditions, matched when both parts are (as `when` reads them).
  const firstPair = candidates.length;
  const pairs = interactionCandidates({
    candidates,
    features: allFeatures,
    fit: split.fit,
    converted,
    leaky,
    minSupport,
    minConversions: MIN_CONVERSIONS_PER_RULE,
  });
  for (const { candidate } of pairs) candidates.push(candidate);
  allFeatures = withPairs(
    allFeatures,
    pairs.map((pair) => pair.parts),
    firstPair,
  );
  const isPair = (j: number) => j >= firstPair;
  const counted = countPerEvent(candidates, candidateModel, headers, decided, {
    asOf: options.asOf,
    timeZone: options.timeZone,
    activities: options.activities,
  });
  if (!counted.ok) return counted;
  allFeatures = counted.expand(allFeatures);

  // Support of each candidate on the fitting part (a per-event rule: the leads with at least one event).
  const support = candidates.map(() => ({ leads: 0, conversions: 0 }));
  for (const row of split.fit) {
    const on = allFeatures.at(row)!;
    for (let k = 0; k < on.length; k++) {
      const j = on[k]!;
      if (k > 0 && on[k - 1] === j) continue;
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
  const screened = screenCandidates(candidates, active, support, split.fit.length, fitConversions);
  active = active.filter((j) => !screened.has(j));
  const maxRules = Math.max(
    1,
    Math.min(options.maxRules ?? DEFAULT_MAX_RULES, Math.floor(fitConversions / MIN_CONVERSIONS_PER_RULE)),
  );

  const featuresFor = (rowsOf: readonly number[], columns: readonly number[]) =>
    selectFeatures(allFeatures, rowsOf, columns, candidates.length);

  // Cross-validated penalty, on every usable candidate.
  progress(
    'penalty',
    0,
    1,
    `Choosing the penalty by cross-validation (${countText(active.length)} candidates)`,
  );
  const l2 = chooseL2(featuresFor(split.fit, active), fitConverted, active.length, seed);
  const fitActive = (columns: readonly number[], start?: LogisticFit) => {
    const patterns = poolPatterns(featuresFor(split.fit, columns), fitConverted);
    return fitPatterns(patterns, columns.length, l2, start);
  };
  const holdAuc = (columns: readonly number[], fit: LogisticFit) => {
    const features = featuresFor(split.holdout, columns);
    const scores = new Array<number>(features.length);
    for (let i = 0; i < features.length; i++) scores[i] = linearScore(fit, features.at(i)!);
    return auc(scores, holdConverted);
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
  progress('selection', 0, 1, 'Selecting the rules and rounding their points');
  const minScore = options.base?.settings?.minScore ?? 0;
  const maxScore = options.base?.settings?.maxScore ?? 100;
  const width = maxScore - minScore > 0 ? maxScore - minScore : 100;
  const select = (initial: number[], start: LogisticFit) =>
    selectRules({
      active: initial,
      fullFit: start,
      support,
      minSupport,
      maxRules,
      fitLeads: split.fit.length,
      scale: (columns, current) => toPoints(columns, current, split.fit, allFeatures, references, width),
      refit: fitActive,
    });
  let selected = select(active, fullFit);
  // A pair, or a per-event rule, is kept only when the kind raises the cross-validated AUC of the kept rules
  // (on the fitting leads); else the selection is redone without that kind.
  const isPerEvent = (j: number) => candidates[j]!.perCap !== undefined;
  const gate = (isKind: (j: number) => boolean, gain: number, why: string) => {
    if (!selected.active.some(isKind)) return;
    const cvAuc = (columns: readonly number[]) =>
      crossValidatedAuc(featuresFor(split.fit, columns), fitConverted, columns.length, l2, seed);
    const withKind = cvAuc(selected.active);
    const without = cvAuc(selected.active.filter((j) => !isKind(j)));
    if (withKind !== null && without !== null && withKind >= without + gain) return;
    const initial = active.filter((j) => !isKind(j));
    const start = fitActive(initial);
    if (start === null) return;
    selected = select(initial, start);
    for (const j of active) if (isKind(j)) selected.dropped.set(j, why);
    active = initial;
  };
  gate(isPair, MIN_PAIR_GAIN, 'together the two parts do not raise the cross-validated AUC');
  gate(isPerEvent, MIN_PER_EVENT_GAIN, 'counting each event does not raise the cross-validated AUC');
  active = selected.active;
  const { fit, table, dropped, lastCoefficient } = selected;
  for (const [j, why] of screened) dropped.set(j, why);
  const unroundedAuc = active.length === 0 ? null : holdAuc(active, fit);
  // Kept: the fitted rules, and a base level its column's other levels are counted from when it has points.
  const kept = [...table].flatMap(([j, entry]) => (entry.points !== 0 ? [j] : []));
  const pointsOf = new Map([...table].map(([j, entry]) => [j, entry.points]));

  progress('evaluation', 0, 1, 'Checking the model on the held-out leads');
  // The model, its range placed so that almost no fitting lead is scored at a clamp.
  const keptPoints = new Map(kept.map((j) => [j, pointsOf.get(j)!]));
  const range = placeRange(
    split.fit.map((row) => {
      let sum = 0;
      for (const j of allFeatures.at(row)!) sum += keptPoints.get(j) ?? 0;
      return sum;
    }),
    minScore,
    maxScore,
  );
  const model = buildModel(
    options,
    kept.map((j) => ({ candidate: candidates[j]!, points: pointsOf.get(j)! })),
    { ...range, ...settings },
    activities,
  );
  const compiled = compileModel(model, headers, {
    asOf: options.asOf,
    timeZone: options.timeZone,
    activities: options.activities,
  });
  if (!compiled.ok) return compiled;
  const fitScores = split.fit.map((i) => compiled.compiled.scoreValue(decided.row(i)));
  const placed = placeBands(fitScores, fitConverted);
  model.bands = placed.bands;
  const scored = compileModel(model, headers, {
    asOf: options.asOf,
    timeZone: options.timeZone,
    activities: options.activities,
  });
  if (!scored.ok) return scored;
  const holdRows = subTable(decided, split.holdout);
  const holdScores = split.holdout.map((_, i) => scored.compiled.scoreValue(holdRows.row(i)));
  const holdReport = heldOutReport(model, scored.compiled, holdScores, holdConverted, (i) => holdRows.row(i));

  let baseAuc: number | null = null;
  if (options.base) {
    const base = compileModel(options.base, headers, {
      asOf: options.asOf,
      timeZone: options.timeZone,
      activities: options.activities,
    });
    // Without the log a model that counts events cannot be scored (said in the warnings).
    if (!base.ok && !(options.activities === undefined && countsEvents(options.base))) return base;
    if (base.ok)
      baseAuc = auc(
        split.holdout.map((_, i) => base.compiled.scoreValue(holdRows.row(i))),
        holdConverted,
      );
  }

  // Rule report.
  const ruleReports = reportRules({
    candidates,
    support,
    kept,
    pointsOf,
    leaky,
    sameAs,
    isReference,
    usable,
    dropped,
    lastCoefficient,
    fitRate,
  });

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
  const decisionColumn = () => {
    const tally = new DecisionDayTally(headers);
    for (let i = 0; i < leads.length; i++) tally.add(leads.row(i));
    return tally.column();
  };
  const asOfAdvice =
    asOfVerdictWith(options.base ?? model, decisionColumn) ?? asOfVerdictWith(model, decisionColumn);
  if (asOfAdvice !== null) evaluation.verdicts.push(asOfAdvice);
  return { ok: true, model, evaluation };
}

/** Whether a model has an enabled rule that counts events. */
function countsEvents(model: Model | undefined): boolean {
  return (model?.rules ?? []).some((rule) => rule.enabled !== false && rule.event !== undefined);
}

/** A row with every cell blank (a spreadsheet's empty line) is no lead. */
function allBlank(table: LeadTable, i: number, width: number): boolean {
  for (let c = 0; c < width; c++) if (!isBlank(table.cell(i, c))) return false;
  return true;
}
