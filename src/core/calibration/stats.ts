// Ranking and rate statistics on plain arrays. Each is O(n log n) at most: one sort, one pass.
// `scores` must be finite numbers and `positives` the same length (true = converted).

import type { GainsPoint, Interval } from './types';

/** z for a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

/**
 * Wilson score interval for `successes` out of `n`. Unlike the normal approximation it stays
 * inside [0, 1] and is sensible at 0/n and n/n, which small bands hit often. Null when n = 0.
 */
export function wilsonInterval(successes: number, n: number, z: number = Z_95): Interval | null {
  if (!Number.isFinite(n) || n < 0 || !Number.isFinite(successes) || successes < 0 || successes > n) {
    throw new RangeError(`wilsonInterval: need 0 ≤ successes ≤ n, got ${successes} of ${n}`);
  }
  if (n === 0) return null;
  const p = successes / n;
  const zz = z * z;
  const denominator = 1 + zz / n;
  const centre = (p + zz / (2 * n)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((p * (1 - p)) / n + zz / (4 * n * n));
  // At 0/n and n/n the bound is exactly 0 or 1 in theory; clamp away floating-point dust.
  return {
    low: successes === 0 ? 0 : Math.max(0, centre - halfWidth),
    high: successes === n ? 1 : Math.min(1, centre + halfWidth),
  };
}

function checkAligned(scores: readonly number[], positives: readonly boolean[], name: string): void {
  if (scores.length !== positives.length) {
    throw new RangeError(`${name}: ${scores.length} scores but ${positives.length} outcomes`);
  }
  for (const score of scores) {
    if (!Number.isFinite(score)) throw new RangeError(`${name}: scores must be finite numbers, got ${score}`);
  }
}

/** Lead indexes ordered by ascending score; equal scores keep input order (Array#sort is stable). */
function ascendingOrder(scores: readonly number[]): number[] {
  const order = Array.from(scores, (_, index) => index);
  order.sort((a, b) => scores[a]! - scores[b]!);
  return order;
}

/**
 * Walks tied-score groups in ascending score order, calling `visit` with each group's counts of
 * positives and negatives. Both AUC and KS are defined over these groups, not single leads.
 */
function forEachTieGroup(
  scores: readonly number[],
  positives: readonly boolean[],
  visit: (positivesInGroup: number, negativesInGroup: number) => void,
): void {
  const order = ascendingOrder(scores);
  let start = 0;
  while (start < order.length) {
    const groupScore = scores[order[start]!]!;
    let positivesInGroup = 0;
    let end = start;
    while (end < order.length && scores[order[end]!]! === groupScore) {
      if (positives[order[end]!]) positivesInGroup++;
      end++;
    }
    visit(positivesInGroup, end - start - positivesInGroup);
    start = end;
  }
}

function countPositives(positives: readonly boolean[]): number {
  let count = 0;
  for (const positive of positives) if (positive) count++;
  return count;
}

/**
 * Area under the ROC curve: the probability that a random converted lead outscores a random
 * non-converted one, ties counting half. Null when either class is absent.
 */
export function auc(scores: readonly number[], positives: readonly boolean[]): number | null {
  checkAligned(scores, positives, 'auc');
  const totalPositives = countPositives(positives);
  const totalNegatives = positives.length - totalPositives;
  if (totalPositives === 0 || totalNegatives === 0) return null;
  // Sum over positives of (negatives strictly below + half the negatives tied with it).
  let wins = 0;
  let negativesBelow = 0;
  forEachTieGroup(scores, positives, (groupPositives, groupNegatives) => {
    wins += groupPositives * (negativesBelow + groupNegatives / 2);
    negativesBelow += groupNegatives;
  });
  return wins / (totalPositives * totalNegatives);
}

/**
 * Kolmogorov–Smirnov statistic: the largest gap between the cumulative score distributions of
 * converted and non-converted leads, measured only between distinct scores (a threshold cannot
 * split a tie). Null when either class is absent.
 */
export function ks(scores: readonly number[], positives: readonly boolean[]): number | null {
  checkAligned(scores, positives, 'ks');
  const totalPositives = countPositives(positives);
  const totalNegatives = positives.length - totalPositives;
  if (totalPositives === 0 || totalNegatives === 0) return null;
  let positivesSoFar = 0;
  let negativesSoFar = 0;
  let largestGap = 0;
  forEachTieGroup(scores, positives, (groupPositives, groupNegatives) => {
    positivesSoFar += groupPositives;
    negativesSoFar += groupNegatives;
    const gap = Math.abs(positivesSoFar / totalPositives - negativesSoFar / totalNegatives);
    if (gap > largestGap) largestGap = gap;
  });
  return largestGap;
}

/**
 * Cumulative gains: for the top 1/steps, 2/steps, … of leads by score, the share of all
 * conversions they hold. The top k/steps is ceil(k × n / steps) leads taken in descending score
 * order; leads tied at the cut-off are taken in input order (a stable sort), so a tie may be split
 * across the cut-off. Empty input gives no points.
 */
export function cumulativeGains(
  scores: readonly number[],
  positives: readonly boolean[],
  steps = 10,
): GainsPoint[] {
  checkAligned(scores, positives, 'cumulativeGains');
  if (!Number.isInteger(steps) || steps < 1) {
    throw new RangeError(`cumulativeGains: steps must be a positive whole number, got ${steps}`);
  }
  const n = scores.length;
  if (n === 0) return [];
  const totalPositives = countPositives(positives);
  const order = Array.from(scores, (_, index) => index);
  order.sort((a, b) => scores[b]! - scores[a]!);

  const points: GainsPoint[] = [];
  let taken = 0;
  let positivesTaken = 0;
  for (let step = 1; step <= steps; step++) {
    // Integer arithmetic so that e.g. 3 × 10 / 10 is exactly 3, not 3.0000000000000004.
    const cutOff = Math.ceil((step * n) / steps);
    while (taken < cutOff) {
      if (positives[order[taken]!]) positivesTaken++;
      taken++;
    }
    points.push({
      topShare: step / steps,
      leads: cutOff,
      conversionsShare: totalPositives === 0 ? null : positivesTaken / totalPositives,
      scoreAtLeast: cutOff === 0 ? null : scores[order[cutOff - 1]!]!,
    });
  }
  return points;
}

/** Leads of one distinct score: how many converted and how many did not. */
export interface ScoreGroup {
  positives: number;
  negatives: number;
}

/** `auc` from per-score counts, groups in ascending score order: the same sums in the same order, so the same
 *  figure, without holding the leads. */
export function aucOfGroups(groups: readonly ScoreGroup[]): number | null {
  let totalPositives = 0;
  let totalNegatives = 0;
  for (const group of groups) {
    totalPositives += group.positives;
    totalNegatives += group.negatives;
  }
  if (totalPositives === 0 || totalNegatives === 0) return null;
  let wins = 0;
  let negativesBelow = 0;
  for (const { positives, negatives } of groups) {
    wins += positives * (negativesBelow + negatives / 2);
    negativesBelow += negatives;
  }
  return wins / (totalPositives * totalNegatives);
}

/** `ks` from per-score counts, groups in ascending score order. */
export function ksOfGroups(groups: readonly ScoreGroup[]): number | null {
  let totalPositives = 0;
  let totalNegatives = 0;
  for (const group of groups) {
    totalPositives += group.positives;
    totalNegatives += group.negatives;
  }
  if (totalPositives === 0 || totalNegatives === 0) return null;
  let positivesSoFar = 0;
  let negativesSoFar = 0;
  let largestGap = 0;
  for (const { positives, negatives } of groups) {
    positivesSoFar += positives;
    negativesSoFar += negatives;
    const gap = Math.abs(positivesSoFar / totalPositives - negativesSoFar / totalNegatives);
    if (gap > largestGap) largestGap = gap;
  }
  return largestGap;
}

/** AUC of scores given lead by lead (a score per lead, the outcome per lead) through per-score counts: memory
 *  in distinct scores, not leads. Null when a score is not finite, like the fit's checks. */
export function aucByCounting(
  visit: (add: (score: number, converted: boolean) => void) => void,
): number | null {
  const counts = new Map<number, ScoreGroup>();
  let finite = true;
  visit((score, converted) => {
    if (!Number.isFinite(score)) finite = false;
    let group = counts.get(score);
    if (group === undefined) {
      group = { positives: 0, negatives: 0 };
      counts.set(score, group);
    }
    if (converted) group.positives++;
    else group.negatives++;
  });
  if (!finite) return null;
  return aucOfGroups([...counts].sort((a, b) => a[0] - b[0]).map(([, group]) => group));
}
