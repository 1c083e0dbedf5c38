// Suggested points fitted from outcomes: an L2-regularised logistic regression of "converted" on which
// rules a lead matched, fitted on one part of the leads and checked on the part it never saw.
//
// Method, in order:
// 1. Split. The leads are split reproducibly (seeded, see `splitForFit`) into a fitting part and a held-out
//    part, stratified by outcome so both parts keep the overall conversion rate.
// 2. Choose the rules to fit. A rule is fitted when it is enabled, is not a `per` rule (its points count per
//    unit, which a matched/not-matched indicator cannot measure), and in the fitting part both matches and
//    fails to match at least `minMatches` leads. Every other rule keeps its current points.
// 3. Refuse on thin data. Rule of thumb: at least 10 events per predictor. Fitting is refused when the fitting
//    part has fewer than max(30, 10 × fitted rules) conversions, or as few non-conversions.
// 4. Fit. Maximise Σ log-likelihood − (l2 / 2) · Σ coefficient² (the intercept is not penalised) by Newton's
//    method (IRLS) with step halving, so every step improves the objective. Leads with the same match pattern
//    are pooled first, so an iteration costs O(patterns · p²), at most O(n · p²).
// 5. Scale. Coefficients are log-odds; points are on the model's own scale. One factor k turns every
//    coefficient into points: k = Σ |current points| ÷ Σ |coefficient| over the fitted rules, so the fitted rules
//    carry as many points in total (in magnitude) as now. When their current points are all 0,
//    k = 10 ÷ the largest |coefficient| (the strongest rule gets 10 points). Points are rounded half away from
//    zero to whole points, or to halves when the fitted rules' current points average under 5 in magnitude.
// 6. Check on the held-out leads. `aucCurrent` is the AUC of `lead.score`, the score the model gives now (caps,
//    decay and all). `aucSuggested` is the AUC of a plain sum: for each enabled rule the lead matched, its
//    suggested points (the current points for kept rules), with no caps, decay, per-unit multiplier or
//    min/max score. `aucCurrentSum` is that same plain sum with the current points: the like-for-like
//    baseline, so a difference between `aucCurrent` and `aucCurrentSum` is the part caps and decay play.

import { formatPoints } from '../engine';
import type { Model } from '../model';
import { countText } from './format';
import { fitPatterns, type Pattern, poolPatterns } from './logistic';
import { hashSeed, mulberry32 } from './sample';
import { auc } from './stats';
import type { CalibrationLead } from './types';

export interface FitOptions {
  /** Share of leads held out for validation, 0 ≤ share < 1 (default 0.3); the split is reproducible from
   *  `seed`. With 0 nothing is held out and the fitted points are not checked. */
  holdoutShare?: number;
  /** Default `DEFAULT_FIT_SEED`. A number and its text (7 and "7") give the same split. */
  seed?: string | number;
  /** L2 penalty strength λ ≥ 0 in Σ log-likelihood − (λ/2)·Σ coefficient² (default 1). It keeps coefficients
   *  finite when a rule's matches all converted (or none did) and splits the weight of duplicate rules evenly;
   *  with thousands of leads it barely moves well-supported coefficients. */
  l2?: number;
  /** Rules that match fewer leads than this in the fitting part, or fail to match fewer than this, keep
   *  their current points (default 30). */
  minMatches?: number;
}

/** Why a rule keeps its current points instead of a fitted suggestion. */
export type KeptReason =
  | 'too few matches'
  /** It matches (nearly) every lead, so its effect cannot be told from the base rate. */
  | 'matches almost all'
  /** A `per` rule counts points per unit; fitting it as matched / not matched would misstate it. */
  | 'per unit'
  | 'disabled';

export interface SuggestedRulePoints {
  name: string;
  current: number;
  /** Whole points (or halves for a model with small points); the sign may flip. Equals `current` when kept
   *  or when fitting was refused. */
  suggested: number;
  /** The fitted log-odds weight; null when the rule was kept or fitting was refused. */
  coefficient: number | null;
  /** Why the rule keeps its points; null for a fitted rule (and for every other rule when fitting was
   *  refused: see `PointsFit.refusedBecause`). */
  kept: KeptReason | null;
}

export interface PointsFit {
  /** One per rule, in the order given. */
  rules: SuggestedRulePoints[];
  /** Holdout comparison on the held-out leads (see the file comment for exactly what is scored). Each AUC
   *  is null when the held-out leads lack conversions or non-conversions; `aucSuggested` is also null when
   *  fitting was refused. */
  holdout: {
    leads: number;
    conversions: number;
    /** AUC of `lead.score`, the model's score now. */
    aucCurrent: number | null;
    /** AUC of the plain sum of suggested points of the matched enabled rules. */
    aucSuggested: number | null;
    /** AUC of the plain sum of current points of the matched enabled rules (like-for-like baseline). */
    aucCurrentSum: number | null;
  };
  fitted: { leads: number; conversions: number };
  /** Leads left out of fitting and of the holdout because a salesperson overrode their score (contract v2 §5):
   *  their outcome followed the override, not the rules. */
  leftOutOverridden: number;
  /** Plain-words summary for marketers, most important first. */
  verdicts: string[];
  /** Why fitting was refused (too little data); null when points were fitted. When refused, rules keep their
   *  points. */
  refusedBecause: string | null;
}

/** What `suggestPoints` needs of a rule. `model.rules` fits as it is (`enabled` absent = on). */
export interface FitRule {
  name: string;
  points: number;
  enabled?: boolean;
  /** A `per` rule is kept: its points count per unit. */
  operator?: string;
}

export const DEFAULT_HOLDOUT_SHARE = 0.3;
export const DEFAULT_FIT_SEED = 'lead scoring points fit';
export const DEFAULT_L2 = 1;
export const DEFAULT_MIN_MATCHES = 30;
/** Events per fitted rule the fitting part must have (conversions and non-conversions alike)… */
export const EVENTS_PER_RULE = 10;
/** …and never fewer than this. */
export const MIN_FIT_EVENTS = 30;

/**
 * A reproducible split of leads into a fitting part and a held-out part, stratified by outcome: of the
 * converted leads round(share × count) are held out, and likewise of the others. Both lists hold lead indexes
 * in ascending order; together they hold every index exactly once.
 */
export function splitForFit(
  converted: readonly boolean[],
  holdoutShare: number,
  seed: string | number,
): { fit: number[]; holdout: number[] } {
  checkShare(holdoutShare);
  const random = mulberry32(hashSeed(seed));
  const held = new Array<boolean>(converted.length).fill(false);
  for (const outcome of [true, false]) {
    const members: number[] = [];
    converted.forEach((c, index) => {
      if (c === outcome) members.push(index);
    });
    const size = Math.round(holdoutShare * members.length);
    // Partial Fisher–Yates: the first `size` positions end up a uniform sample.
    for (let picked = 0; picked < size; picked++) {
      const swapWith = picked + Math.floor(random() * (members.length - picked));
      const kept = members[picked]!;
      members[picked] = members[swapWith]!;
      members[swapWith] = kept;
      held[members[picked]!] = true;
    }
  }
  const fit: number[] = [];
  const holdout: number[] = [];
  held.forEach((isHeld, index) => {
    (isHeld ? holdout : fit).push(index);
  });
  return { fit, holdout };
}

function checkShare(share: number): void {
  if (!(Number.isFinite(share) && share >= 0 && share < 1)) {
    throw new RangeError(`suggestPoints: holdoutShare must be at least 0 and below 1, got ${share}`);
  }
}

export function suggestPoints(
  givenLeads: readonly CalibrationLead[],
  rules: readonly FitRule[],
  options: FitOptions = {},
): PointsFit {
  const share = options.holdoutShare ?? DEFAULT_HOLDOUT_SHARE;
  checkShare(share);
  const l2 = options.l2 ?? DEFAULT_L2;
  if (!(Number.isFinite(l2) && l2 >= 0)) {
    throw new RangeError(`suggestPoints: l2 must be a number of at least 0, got ${l2}`);
  }
  const minMatches = options.minMatches ?? DEFAULT_MIN_MATCHES;
  if (!(Number.isFinite(minMatches) && minMatches >= 0)) {
    throw new RangeError(`suggestPoints: minMatches must be a number of at least 0, got ${minMatches}`);
  }
  const seed = options.seed ?? DEFAULT_FIT_SEED;
  const leads = givenLeads.filter((lead) => lead.overridden !== true);
  const leftOutOverridden = givenLeads.length - leads.length;
  const split = splitForFit(
    leads.map((lead) => lead.converted === true),
    share,
    seed,
  );
  const fitLeads = split.fit.map((index) => leads[index]!);
  const holdLeads = split.holdout.map((index) => leads[index]!);
  const matched = (lead: CalibrationLead, rule: number) => lead.matches[rule] === true;
  const holdConverted = holdLeads.map((lead) => lead.converted);
  const safeAuc = (scores: number[]) => (scores.every(Number.isFinite) ? auc(scores, holdConverted) : null);
  const data: FitData = {
    fitLeads: fitLeads.length,
    fitConversions: fitLeads.filter((lead) => lead.converted).length,
    fitMatches: (rule) => {
      let count = 0;
      for (const lead of fitLeads) if (matched(lead, rule)) count++;
      return count;
    },
    holdLeads: holdLeads.length,
    holdConversions: holdLeads.filter((lead) => lead.converted).length,
    aucCurrent: safeAuc(holdLeads.map((lead) => lead.score)),
    plainSumAuc: (points) =>
      safeAuc(
        holdLeads.map((lead) => {
          let sum = 0;
          rules.forEach((rule, r) => {
            if (rule.enabled !== false && matched(lead, r)) sum += points[r]!;
          });
          return sum;
        }),
      ),
    fitPatterns: (fittedRules) =>
      poolPatterns(
        fitLeads.map((lead) => fittedRules.flatMap((r, j) => (lead.matches[r] === true ? [j] : []))),
        fitLeads.map((lead) => lead.converted),
      ),
    leftOutOverridden,
  };
  return pointsFromFitData(data, rules, { l2, minMatches });
}

/** What the fit needs of the leads, already split: from lead objects (suggestPoints) or from the compact
 *  records of a streamed calibration (streamFit.ts). */
export interface FitData {
  fitLeads: number;
  fitConversions: number;
  /** Leads of the fitting part matching rule `rule`. */
  fitMatches: (rule: number) => number;
  holdLeads: number;
  holdConversions: number;
  /** Held-out AUC of the model's own score; null when a class is missing or a score is not finite. */
  aucCurrent: number | null;
  /** Held-out AUC of the plain sum of `points` over the matched enabled rules. */
  plainSumAuc: (points: readonly number[]) => number | null;
  /** The fitting part pooled by the pattern of `fittedRules` matched (features are positions in that list),
   *  in order of first appearance. */
  fitPatterns: (fittedRules: readonly number[]) => Pattern[];
  leftOutOverridden: number;
}

export function pointsFromFitData(
  data: FitData,
  rules: readonly FitRule[],
  options: Required<Pick<FitOptions, 'l2' | 'minMatches'>>,
): PointsFit {
  const { l2, minMatches } = options;
  const { leftOutOverridden } = data;
  const leftOutVerdict =
    leftOutOverridden === 0
      ? []
      : [
          `${countText(leftOutOverridden)} lead${leftOutOverridden === 1 ? '' : 's'} whose score was overridden by hand ` +
            `${leftOutOverridden === 1 ? 'was' : 'were'} left out of fitting and checking.`,
        ];
  const enabled = (rule: FitRule) => rule.enabled !== false;

  // Which rules are fitted, and why the others keep their points.
  const kept: (KeptReason | null)[] = rules.map((rule, r) => {
    if (!enabled(rule)) return 'disabled';
    if (rule.operator === 'per') return 'per unit';
    const count = data.fitMatches(r);
    if (count < minMatches || count === 0) return 'too few matches';
    if (data.fitLeads - count < minMatches || count === data.fitLeads) return 'matches almost all';
    return null;
  });
  const fittedRules = rules.flatMap((_, r) => (kept[r] === null ? [r] : []));

  const fitConversions = data.fitConversions;
  const fitted = { leads: data.fitLeads, conversions: fitConversions };
  const holdConversions = data.holdConversions;
  const currentPoints = rules.map((rule) => rule.points);
  const aucCurrent = data.aucCurrent;
  const aucCurrentSum = data.plainSumAuc(currentPoints);

  const refuse = (reason: string): PointsFit => ({
    rules: rules.map((rule, r) => ({
      name: rule.name,
      current: rule.points,
      suggested: rule.points,
      coefficient: null,
      kept: kept[r] ?? null,
    })),
    holdout: {
      leads: data.holdLeads,
      conversions: holdConversions,
      aucCurrent,
      aucSuggested: null,
      aucCurrentSum,
    },
    fitted,
    leftOutOverridden,
    verdicts: [reason, 'Every rule keeps its current points.', ...leftOutVerdict],
    refusedBecause: reason,
  });

  if (fittedRules.length === 0) {
    return refuse(
      `No rule can be fitted: every enabled rule matched fewer than ${countText(minMatches)} of the ` +
        `${countText(data.fitLeads)} leads used for fitting, or all but fewer than that, or counts per unit.`,
    );
  }
  const needed = Math.max(MIN_FIT_EVENTS, EVENTS_PER_RULE * fittedRules.length);
  const neededText =
    EVENTS_PER_RULE * fittedRules.length >= MIN_FIT_EVENTS
      ? `at least ${EVENTS_PER_RULE} per rule, ${countText(needed)} here`
      : `at least ${countText(needed)}`;
  if (fitConversions < needed) {
    return refuse(
      `Too little data to fit points: ${countText(fitConversions)} conversions among the ` +
        `${countText(data.fitLeads)} leads used for fitting (${neededText}, would be needed).`,
    );
  }
  const fitOthers = data.fitLeads - fitConversions;
  if (fitOthers < needed) {
    return refuse(
      `Too little data to fit points: only ${countText(fitOthers)} of the ${countText(data.fitLeads)} ` +
        `leads used for fitting did not convert (${neededText}, would be needed).`,
    );
  }

  const coefficients =
    fitPatterns(data.fitPatterns(fittedRules), fittedRules.length, l2)?.coefficients ?? null;
  if (coefficients === null) {
    return refuse('The fit did not settle on these leads, so no points are suggested.');
  }

  // Scale log-odds to points (see the file comment).
  let currentMass = 0;
  let coefficientMass = 0;
  let largest = 0;
  fittedRules.forEach((r, j) => {
    currentMass += Math.abs(rules[r]!.points);
    coefficientMass += Math.abs(coefficients[j]!);
    largest = Math.max(largest, Math.abs(coefficients[j]!));
  });
  const finiteMass = Number.isFinite(currentMass) ? currentMass : 0;
  const k =
    coefficientMass <= 1e-12
      ? 0
      : finiteMass > 0
        ? finiteMass / coefficientMass
        : largest > 0
          ? 10 / largest
          : 0;
  const step = finiteMass > 0 && finiteMass / fittedRules.length < 5 ? 0.5 : 1;

  const suggested = [...currentPoints];
  const coefficientOf: (number | null)[] = rules.map(() => null);
  fittedRules.forEach((r, j) => {
    suggested[r] = roundTo(k * coefficients[j]!, step);
    coefficientOf[r] = coefficients[j]!;
  });
  const aucSuggested = data.plainSumAuc(suggested);

  const result: PointsFit = {
    rules: rules.map((rule, r) => ({
      name: rule.name,
      current: rule.points,
      suggested: suggested[r]!,
      coefficient: coefficientOf[r] ?? null,
      kept: kept[r] ?? null,
    })),
    holdout: {
      leads: data.holdLeads,
      conversions: holdConversions,
      aucCurrent,
      aucSuggested,
      aucCurrentSum,
    },
    fitted,
    leftOutOverridden,
    verdicts: [],
    refusedBecause: null,
  };
  result.verdicts = [...fitVerdicts(result), ...leftOutVerdict];
  return result;
}

/** The model with each rule's points replaced by the suggestion; nothing else changes (not even `maxPoints`).
 *  The fit must have been made for this model's rules, in order. */
export function applySuggestedPoints(model: Model, fit: PointsFit): Model {
  const sameRules =
    fit.rules.length === model.rules.length &&
    fit.rules.every((rule, r) => rule.name === model.rules[r]!.name);
  if (!sameRules) {
    throw new RangeError(
      'applySuggestedPoints: the suggested points were fitted for other rules than this model has',
    );
  }
  return { ...model, rules: model.rules.map((rule, r) => ({ ...rule, points: fit.rules[r]!.suggested })) };
}

/** Rounds to a multiple of `step`, half away from zero; never −0. */
function roundTo(value: number, step: number): number {
  if (!Number.isFinite(value)) return 0;
  const units = Math.floor(Math.abs(value) / step + 0.5 + 1e-9);
  const rounded = units * step;
  if (rounded === 0) return 0;
  return value < 0 ? -rounded : rounded;
}

// --- Logistic regression ------------------------------------------------------------------------------------

/**
 * Penalised maximum likelihood (see logistic.ts) of "converted" on which of `fittedRules` each lead matched.
 * Returns the coefficients aligned with `fittedRules`, or null when no finite answer was reached.
 */
export function fitLogistic(
  leads: readonly CalibrationLead[],
  fittedRules: readonly number[],
  l2: number,
): number[] | null {
  const rowFeatures = leads.map((lead) =>
    fittedRules.flatMap((r, j) => (lead.matches[r] === true ? [j] : [])),
  );
  const patterns = poolPatterns(
    rowFeatures,
    leads.map((lead) => lead.converted),
  );
  return fitPatterns(patterns, fittedRules.length, l2)?.coefficients ?? null;
}

// --- Verdicts --------------------------------------------------------------------------------------------------

/** Held-out conversions below this make the AUC comparison a first hint. */
const MIN_HOLDOUT_CONVERSIONS = 30;

function fitVerdicts(fit: PointsFit): string[] {
  const verdicts: string[] = [];
  const { aucCurrent, aucSuggested, leads, conversions } = fit.holdout;
  if (leads === 0) {
    verdicts.push('No leads were held out, so the fitted points are unchecked: treat them as a hint.');
  } else if (aucCurrent === null || aucSuggested === null) {
    verdicts.push(
      conversions === 0
        ? `None of the ${countText(leads)} held-out leads converted, so the fitted points could not be checked.`
        : `All ${countText(leads)} held-out leads converted, so the fitted points could not be checked.`,
    );
  } else {
    const fitted = aucSuggested.toFixed(2);
    const now = aucCurrent.toFixed(2);
    const thin =
      conversions < MIN_HOLDOUT_CONVERSIONS
        ? ` Only ${countText(conversions)} held-out leads converted: a first hint, not proof.`
        : '';
    if (fitted === now) {
      verdicts.push(
        `Fitted points rank held-out leads about as well as the current ones: AUC ${fitted} against ${now} now.${thin}`,
      );
    } else if (aucSuggested > aucCurrent) {
      verdicts.push(`Fitted points rank held-out leads better: AUC ${fitted} against ${now} now.${thin}`);
    } else {
      verdicts.push(
        `The current points rank held-out leads better than fitted ones: AUC ${now} against ${fitted} fitted; ` +
          `keep the current points.${thin}`,
      );
    }
  }

  for (const rule of fit.rules) {
    if (rule.kept !== null || rule.coefficient === null) continue;
    if (rule.current > 0 && rule.suggested < 0) {
      verdicts.push(
        `"${rule.name}" goes from ${formatPoints(rule.current)} to ${formatPoints(rule.suggested)} points: leads ` +
          'matching it converted less often, the other rules being equal.',
      );
    } else if (rule.current < 0 && rule.suggested > 0) {
      verdicts.push(
        `"${rule.name}" goes from ${formatPoints(rule.current)} to ${formatPoints(rule.suggested)} points: leads ` +
          'matching it converted more often, the other rules being equal.',
      );
    } else if (rule.current !== 0 && rule.suggested === 0) {
      verdicts.push(
        `"${rule.name}" goes from ${formatPoints(rule.current)} to 0 points: it adds nothing once the other ` +
          'rules are counted.',
      );
    }
  }

  const keptBy = (reason: KeptReason) => fit.rules.filter((rule) => rule.kept === reason).map((r) => r.name);
  const keptParts: string[] = [];
  const few = keptBy('too few matches');
  if (few.length > 0) keptParts.push(`too few matches to fit (${few.join(', ')})`);
  const almostAll = keptBy('matches almost all');
  if (almostAll.length > 0) keptParts.push(`matching almost every lead (${almostAll.join(', ')})`);
  const perUnit = keptBy('per unit');
  if (perUnit.length > 0) keptParts.push(`points per unit (${perUnit.join(', ')})`);
  const off = keptBy('disabled');
  if (off.length > 0) keptParts.push(`turned off (${off.join(', ')})`);
  if (keptParts.length > 0) {
    const count = few.length + almostAll.length + perUnit.length + off.length;
    verdicts.push(
      `${count === 1 ? '1 rule keeps its' : `${countText(count)} rules keep their`} current points: ` +
        `${keptParts.join('; ')}.`,
    );
  }

  verdicts.push(
    'Suggested points are scaled so the fitted rules carry as many points in total as now; scores will move, ' +
      'so check the band thresholds after applying them.',
  );
  return verdicts;
}
