// The logistic fit reads its patterns from flat typed arrays (logistic.ts): it must give the coefficients of the
// plain version it replaced, which read the pattern objects (kept below), to the last bit — the refitted
// points, the Suggest sheet and the figures compared in the tests elsewhere all follow from them.
import { describe, expect, it } from 'vitest';
import {
  fitPatterns,
  type LogisticFit,
  mulberry32,
  type Pattern,
  sigmoid,
  softplus,
  solveSymmetric,
} from '../../../src/core/calibration';

const MAX_ITERATIONS = 100;
const STEP_TOLERANCE = 1e-8;
const MAX_HALVINGS = 40;
const OBJECTIVE_TOLERANCE = 1e-12;

function solveFlat(matrix: Float64Array, b: Float64Array, n: number): number[] | null {
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) rows.push(Array.from(matrix.subarray(i * n, i * n + n)));
  return solveSymmetric(rows, Array.from(b));
}

/** fitPatterns as it was before 2026-12-05, over the pattern objects. */
function referenceFit(
  patterns: readonly Pattern[],
  featureCount: number,
  l2: number,
  start?: LogisticFit,
): LogisticFit | null {
  const p = featureCount;
  const m = p + 1;
  let total = 0;
  let positives = 0;
  for (const pattern of patterns) {
    total += pattern.leads;
    positives += pattern.conversions;
  }
  if (total === 0) return null;
  const rate = Math.min(Math.max(positives / total, 1e-6), 1 - 1e-6);
  let theta = new Float64Array(m);
  if (start !== undefined) {
    theta[0] = start.intercept;
    for (let j = 0; j < p; j++) theta[1 + j] = start.coefficients[j] ?? 0;
  } else {
    theta[0] = Math.log(rate / (1 - rate));
  }

  const linear = (params: Float64Array, pattern: Pattern) => {
    let eta = params[0]!;
    for (const j of pattern.features) eta += params[1 + j]!;
    return eta;
  };
  const objective = (params: Float64Array) => {
    let value = 0;
    for (const pattern of patterns) {
      const eta = linear(params, pattern);
      value += pattern.conversions * eta - pattern.leads * softplus(eta);
    }
    let penalty = 0;
    for (let j = 1; j < m; j++) penalty += params[j]! * params[j]!;
    return value - (l2 / 2) * penalty;
  };

  let current = objective(theta);
  const gradient = new Float64Array(m);
  const hessian = new Float64Array(m * m);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    gradient.fill(0);
    hessian.fill(0);
    for (const pattern of patterns) {
      const mu = sigmoid(linear(theta, pattern));
      const residual = pattern.conversions - pattern.leads * mu;
      const weight = pattern.leads * mu * (1 - mu);
      gradient[0]! += residual;
      hessian[0]! += weight;
      const on = pattern.features;
      for (let a = 0; a < on.length; a++) {
        const row = 1 + on[a]!;
        gradient[row]! += residual;
        hessian[row]! += weight; // row 0, column `row` (upper triangle)
        const offset = row * m;
        // A feature listed k times has the value k: its k² on the diagonal is k from b = a plus 2 per pair.
        for (let b = a; b < on.length; b++)
          hessian[offset + 1 + on[b]!]! += b > a && on[b] === on[a] ? 2 * weight : weight;
      }
    }
    for (let j = 1; j < m; j++) {
      gradient[j]! -= l2 * theta[j]!;
      hessian[j * m + j]! += l2;
      for (let k = 0; k < j; k++) hessian[j * m + k] = hessian[k * m + j]!;
    }
    const direction = solveFlat(hessian, gradient, m);
    if (direction === null) break;

    let scale = 1;
    let accepted = false;
    let gain = 0;
    for (let halving = 0; halving < MAX_HALVINGS; halving++) {
      const candidate = theta.map((value, j) => value + scale * direction[j]!);
      const value = objective(candidate);
      if (Number.isFinite(value) && value >= current) {
        theta = candidate;
        gain = value - current;
        current = value;
        accepted = true;
        break;
      }
      scale /= 2;
    }
    let stepSize = 0;
    for (const d of direction) stepSize = Math.max(stepSize, Math.abs(d * scale));
    // Newton converges quadratically: once a step barely moves the objective, the next would not either.
    if (!accepted || stepSize < STEP_TOLERANCE || gain < OBJECTIVE_TOLERANCE * (1 + Math.abs(current))) break;
  }
  if (!theta.every(Number.isFinite)) return null;
  return { intercept: theta[0]!, coefficients: Array.from(theta.subarray(1)) };
}

/** Patterns of `features` yes/no features (some listed twice: a count of 2), with conversions drawn from a
 *  logistic model, in a seeded order. */
function patternsOf(seed: number, count: number, features: number): Pattern[] {
  const random = mulberry32(seed);
  const weights = Array.from({ length: features }, () => random() * 3 - 1.5);
  return Array.from({ length: count }, () => {
    const on: number[] = [];
    for (let j = 0; j < features; j++) {
      if (random() < 0.3) on.push(j);
      if (random() < 0.05) on.push(j);
    }
    const leads = 1 + Math.floor(random() * 40);
    const rate = sigmoid(-1 + on.reduce((sum, j) => sum + weights[j]!, 0));
    let conversions = 0;
    for (let lead = 0; lead < leads; lead++) if (random() < rate) conversions++;
    return { features: on, leads, conversions };
  });
}

describe('fitPatterns over flat arrays', () => {
  it('gives the coefficients of the fit over pattern objects, to the last bit', () => {
    for (const [seed, count, features, l2] of [
      [1, 400, 6, 1],
      [2, 3000, 19, 1],
      [3, 50, 12, 0.01],
      [4, 1200, 8, 0],
    ] as const) {
      const patterns = patternsOf(seed, count, features);
      const fit = fitPatterns(patterns, features, l2);
      expect(fit).not.toBeNull();
      expect(fit).toEqual(referenceFit(patterns, features, l2));
      const start = { intercept: -0.5, coefficients: fit!.coefficients.map((c) => c / 2) };
      expect(fitPatterns(patterns, features, l2, start)).toEqual(referenceFit(patterns, features, l2, start));
    }
  });

  it('gives the same answer as the old fit on no leads and on one pattern', () => {
    expect(fitPatterns([], 3, 1)).toBeNull();
    const one: Pattern[] = [{ features: [0, 2], leads: 10, conversions: 4 }];
    expect(fitPatterns(one, 3, 1)).toEqual(referenceFit(one, 3, 1));
  });
});
