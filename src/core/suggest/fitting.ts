// Fitting: the penalty chosen by cross-validation, base levels, and log-odds turned into whole points.

import {
  type FeatureTable,
  fitPatterns,
  type LogisticFit,
  linearScore,
  logLoss,
  poolPatterns,
} from '../calibration/logistic';
import { hashSeed, mulberry32 } from '../calibration/sample';
import { auc } from '../calibration/stats';
import type { Candidate } from './candidates';

const L2_GRID = [30, 10, 3, 1, 0.3];
/** Points are scaled so the lead at this share of the fitting leads' sums reaches the top of the range. */
const TOP_SHARE = 0.995;
/** At most this share of the fitting leads may fall below the range, and as many above it. */
export const CLAMPED_SHARE = 0.005;
const FOLDS = 5;

/** A column whose candidates split every fitting lead: its base level (the lowest-converting level with a
 *  stable rate, ≥ 5 × minSupport leads, else the largest level) is not fitted; the others count from it. */
export interface ReferenceLevel {
  reference: number;
  /** The family's other usable candidates. */
  members: number[];
}

export function referenceLevels(
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
export function toPoints(
  active: readonly number[],
  fit: LogisticFit,
  fitRows: readonly number[],
  allFeatures: FeatureTable,
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
    for (const j of allFeatures.at(row)!) sum += shifted.get(j) ?? 0;
    return sum;
  });
  sums.sort((a, b) => a - b);
  const top = sums[Math.min(sums.length - 1, Math.floor(TOP_SHARE * sums.length))] ?? 0;
  const largest = Math.max(0, ...[...shifted.values()].map(Math.abs));
  const k = top > 1e-9 ? width / top : largest > 0 ? 10 / largest : 0;
  const out = new Map<number, { points: number; unrounded: number }>();
  for (const [j, value] of shifted) out.set(j, { points: roundHalfAway(k * value), unrounded: k * value });
  return out;
}

/**
 * The model's range placed around the fitting leads' sums of whole points, so that almost none is scored at a
 * clamp (ties at a clamp cost ranking): the given range, widened below when more than CLAMPED_SHARE of the
 * sums fall under its minimum (negative rules), and above when more than that exceed its maximum.
 */
export function placeRange(
  sums: readonly number[],
  minScore: number,
  maxScore: number,
): { minScore: number; maxScore: number } {
  if (sums.length === 0) return { minScore, maxScore };
  const sorted = [...sums].sort((a, b) => a - b);
  const allowed = Math.floor(CLAMPED_SHARE * sorted.length);
  const low = sorted[allowed]!;
  const high = sorted[sorted.length - 1 - allowed]!;
  return { minScore: Math.min(minScore, Math.floor(low)), maxScore: Math.max(maxScore, Math.ceil(high)) };
}

function roundHalfAway(x: number): number {
  const r = Math.sign(x) * Math.floor(Math.abs(x) + 0.5);
  return r === 0 ? 0 : r;
}

/** The penalty with the lowest mean log-loss over stratified folds of the fitting leads. */
export function chooseL2(
  features: FeatureTable,
  converted: readonly boolean[],
  featureCount: number,
  seed: string | number,
): number {
  const fold = stratifiedFolds(converted, seed);
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

/** Each lead's fold (0…FOLDS−1), stratified by outcome and seeded. */
function stratifiedFolds(converted: readonly boolean[], seed: string | number): number[] {
  const random = mulberry32(hashSeed(`${seed}|folds`));
  const fold = new Array<number>(converted.length).fill(0);
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
  return fold;
}

/** AUC of out-of-fold scores: each fold scored by the fit of the other folds (the fitting leads only). */
export function crossValidatedAuc(
  features: FeatureTable,
  converted: readonly boolean[],
  featureCount: number,
  l2: number,
  seed: string | number,
): number | null {
  const fold = stratifiedFolds(converted, seed);
  const scores = new Array<number>(features.length).fill(0);
  for (let f = 0; f < FOLDS; f++) {
    const train = fold.flatMap((g, row) => (g === f ? [] : [row]));
    const fit = fitPatterns(poolPatterns(features, converted, train), featureCount, l2);
    if (fit === null) return null;
    fold.forEach((g, row) => {
      if (g === f) scores[row] = linearScore(fit, features.at(row)!);
    });
  }
  return auc(scores, converted);
}
