// Statistics on per-score counts, so a cohort of any size is summed up in memory that grows with the number
// of distinct scores, not of leads. The rate interval is calibration's Wilson interval (../calibration/stats).
import { Z_95 } from '../calibration/stats';

/** Leads at one score: how many in all (open included), how many converted, how many did not. */
export interface ScoreCount {
  leads: number;
  converted: number;
  notConverted: number;
}

export interface AucEstimate {
  auc: number;
  /** DeLong's variance of the AUC; null when a class has fewer than two leads. */
  variance: number | null;
  low: number | null;
  high: number | null;
}

function ascending(counts: ReadonlyMap<number, ScoreCount>): [number, ScoreCount][] {
  return [...counts].sort((a, b) => a[0] - b[0]);
}

/**
 * AUC (ties count half) with DeLong's variance, from counts per score. Every converted lead at score s has
 * the placement (non-converted below s + half those at s) / all non-converted, and every non-converted lead
 * (converted above s + half those at s) / all converted; the AUC is the mean placement of the converted, and
 * the variance is var(placements of converted)/P + var(placements of non-converted)/N (DeLong et al. 1988).
 * Null when either class is absent.
 */
export function aucFromCounts(counts: ReadonlyMap<number, ScoreCount>): AucEstimate | null {
  const groups = ascending(counts);
  let positives = 0;
  let negatives = 0;
  for (const [, c] of groups) {
    positives += c.converted;
    negatives += c.notConverted;
  }
  if (positives === 0 || negatives === 0) return null;
  const positivePlacement = new Float64Array(groups.length);
  const negativePlacement = new Float64Array(groups.length);
  let negativesBelow = 0;
  let positivesBelow = 0;
  let wins = 0;
  groups.forEach(([, c], i) => {
    positivePlacement[i] = (negativesBelow + c.notConverted / 2) / negatives;
    wins += c.converted * (negativesBelow + c.notConverted / 2);
    negativesBelow += c.notConverted;
    positivesBelow += c.converted;
    negativePlacement[i] = (positives - positivesBelow + c.converted / 2) / positives;
  });
  const auc = wins / (positives * negatives);
  if (positives < 2 || negatives < 2) return { auc, variance: null, low: null, high: null };
  let s10 = 0;
  let s01 = 0;
  groups.forEach(([, c], i) => {
    s10 += c.converted * (positivePlacement[i]! - auc) ** 2;
    s01 += c.notConverted * (negativePlacement[i]! - auc) ** 2;
  });
  const variance = s10 / (positives - 1) / positives + s01 / (negatives - 1) / negatives;
  const half = Z_95 * Math.sqrt(variance);
  return { auc, variance, low: Math.max(0, auc - half), high: Math.min(1, auc + half) };
}

/** Whether AUC `a` is below AUC `b` beyond chance: (b − a) / √(var a + var b) > z (95%, two-sided). */
export function aucWorseBeyondChance(a: AucEstimate, b: AucEstimate): boolean {
  if (a.variance === null || b.variance === null) return false;
  const spread = Math.sqrt(a.variance + b.variance);
  if (spread === 0) return a.auc < b.auc;
  return (b.auc - a.auc) / spread > Z_95;
}

/** Whether the share x1/n1 is below x0/n0 beyond chance (pooled two-proportion z-test, 95% two-sided). */
export function shareLowerBeyondChance(x1: number, n1: number, x0: number, n0: number): boolean {
  return twoProportionZ(x1, n1, x0, n0) < -Z_95;
}

/** z of x1/n1 − x0/n0 with the pooled share's standard error; 0 when it cannot be told. */
export function twoProportionZ(x1: number, n1: number, x0: number, n0: number): number {
  if (n1 === 0 || n0 === 0) return 0;
  const pooled = (x1 + x0) / (n1 + n0);
  const spread = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0));
  if (spread === 0) return 0;
  return (x1 / n1 - x0 / n0) / spread;
}

/** Share floor for an empty bin in the stability index (the usual convention), so a log stays finite. */
const EMPTY_BIN_SHARE = 0.0001;
const PSI_BINS = 10;

/**
 * Upper score of each bin: the baseline's scores cut into (at most) ten bins of about a tenth of its leads
 * each. Leads tied at one score stay in one bin, so a model with few distinct scores gives fewer bins.
 */
export function stabilityBins(baseline: ReadonlyMap<number, ScoreCount>): number[] {
  const groups = ascending(baseline);
  let total = 0;
  for (const [, c] of groups) total += c.leads;
  if (total === 0) return [];
  const edges: number[] = [];
  let taken = 0;
  let nextCut = 1;
  for (const [score, c] of groups) {
    if (c.leads === 0) continue;
    taken += c.leads;
    if (taken * PSI_BINS >= nextCut * total) {
      edges.push(score);
      while (taken * PSI_BINS >= nextCut * total) nextCut++;
    }
  }
  edges[edges.length - 1] = Number.POSITIVE_INFINITY; // the top bin takes every higher score
  return edges;
}

function binShares(counts: ReadonlyMap<number, ScoreCount>, edges: readonly number[]): number[] | null {
  const bins = new Array<number>(edges.length).fill(0);
  let total = 0;
  for (const [score, c] of counts) {
    if (c.leads === 0) continue;
    let lo = 0;
    let hi = edges.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (score <= edges[mid]!) hi = mid;
      else lo = mid + 1;
    }
    bins[lo]! += c.leads;
    total += c.leads;
  }
  return total === 0 ? null : bins.map((n) => n / total);
}

/**
 * Population stability index of a cohort's scores against the baseline's, over the baseline's bins:
 * Σ (share now − share then) × ln(share now / share then). Null when either has no leads.
 */
export function populationStability(
  counts: ReadonlyMap<number, ScoreCount>,
  baseline: ReadonlyMap<number, ScoreCount>,
  edges: readonly number[] = stabilityBins(baseline),
): number | null {
  if (edges.length === 0) return null;
  const now = binShares(counts, edges);
  const then = binShares(baseline, edges);
  if (now === null || then === null) return null;
  let psi = 0;
  for (let i = 0; i < edges.length; i++) {
    const a = Math.max(now[i]!, EMPTY_BIN_SHARE);
    const e = Math.max(then[i]!, EMPTY_BIN_SHARE);
    psi += (a - e) * Math.log(a / e);
  }
  return psi;
}
