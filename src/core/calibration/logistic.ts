// L2-regularised logistic regression on yes/no features (a lead matches a rule or not), shared by the
// refit of a model's points (fit.ts) and the suggested model (../suggest). Pure TypeScript, no native code.
// A feature may also be a small count: listed k times in a lead's features (adjacent), it has the value k
// (Suggest's per-event rules, min(count, cap)).
//
// Leads with the same set of matched features are pooled first: the likelihood depends only on the pattern
// and its counts, so an iteration costs O(patterns · active² + p³) instead of O(n · p²).

/** Leads that match exactly the same features. */
export interface Pattern {
  /** Indexes of the features that are on, ascending (one listed k times has the value k). */
  features: number[];
  leads: number;
  conversions: number;
}

export interface LogisticFit {
  intercept: number;
  /** One per feature, log-odds. */
  coefficients: number[];
}

const MAX_ITERATIONS = 100;
const STEP_TOLERANCE = 1e-8;
const MAX_HALVINGS = 40;
const OBJECTIVE_TOLERANCE = 1e-12;

/** A row's features that are on: an array, or a typed array (suggest/featureRows.ts keeps them flat). */
export type FeatureRow = ArrayLike<number> & Iterable<number> & { join(separator?: string): string };

/** Per row, its features: an array of arrays, or anything read the same way by `at`. */
export interface FeatureTable {
  readonly length: number;
  at(row: number): FeatureRow | undefined;
}

/** Pools rows (each the ascending list of its features that are on) by pattern; `subset` picks rows. */
export function poolPatterns(
  rowFeatures: FeatureTable,
  converted: readonly boolean[],
  subset?: readonly number[],
): Pattern[] {
  const byKey = new Map<string, Pattern>();
  const add = (row: number) => {
    const features = rowFeatures.at(row)!;
    const key = features.join(',');
    let pattern = byKey.get(key);
    if (pattern === undefined) {
      pattern = { features: Array.from(features), leads: 0, conversions: 0 };
      byKey.set(key, pattern);
    }
    pattern.leads++;
    if (converted[row]) pattern.conversions++;
  };
  if (subset === undefined) for (let row = 0; row < rowFeatures.length; row++) add(row);
  else for (const row of subset) add(row);
  return [...byKey.values()];
}

/** log(1 + e^x) without overflow. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** Linear predictor of a pattern. */
export function linearScore(fit: LogisticFit, features: FeatureRow): number {
  let eta = fit.intercept;
  for (const j of features) eta += fit.coefficients[j]!;
  return eta;
}

/**
 * Maximises Σ log-likelihood − (l2 / 2) · Σ coefficient² (the intercept is not penalised) by Newton's method
 * with step halving, so every step improves the objective.
 * `start` warm-starts (e.g. from the fit at a neighbouring l2). Null when no finite answer was reached (it
 * should not happen with l2 > 0 and both outcomes present).
 */
export function fitPatterns(
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

  const flat = flatPatterns(patterns);
  let current = objectiveOf(flat, theta, l2);
  const gradient = new Float64Array(m);
  const hessian = new Float64Array(m * m);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    gradient.fill(0);
    hessian.fill(0);
    addNewtonSums(flat, theta, gradient, hessian);
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
      const value = objectiveOf(flat, candidate, l2);
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

/** Patterns in flat typed arrays (the features of pattern i at offsets[i]..offsets[i + 1]): the fit's loops run
 *  many times over thousands of patterns and read no object. */
interface FlatPatterns {
  count: number;
  offsets: Int32Array;
  features: Int32Array;
  leads: Float64Array;
  conversions: Float64Array;
}

function flatPatterns(patterns: readonly Pattern[]): FlatPatterns {
  const count = patterns.length;
  const offsets = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) offsets[i + 1] = offsets[i]! + patterns[i]!.features.length;
  const features = new Int32Array(offsets[count]!);
  const leads = new Float64Array(count);
  const conversions = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const pattern = patterns[i]!;
    features.set(pattern.features, offsets[i]!);
    leads[i] = pattern.leads;
    conversions[i] = pattern.conversions;
  }
  return { count, offsets, features, leads, conversions };
}

// The two loops below are functions of their own, each entered once per Newton step: V8 optimises a hot loop
// in place, and code after it inside the same function would throw that away the first time it runs. The
// linear predictor, softplus and sigmoid are written out (a call returning a number boxes it). The sums run
// in the patterns' order, as always, so the same patterns give the same coefficients to the last bit.

/** Σ log-likelihood − (l2 / 2) · Σ coefficient² at `params` (intercept first). */
function objectiveOf(flat: FlatPatterns, params: Float64Array, l2: number): number {
  const { count, offsets, features, leads, conversions } = flat;
  let value = 0;
  for (let i = 0; i < count; i++) {
    let eta = params[0]!;
    for (let at = offsets[i]!, end = offsets[i + 1]!; at < end; at++) eta += params[1 + features[at]!]!;
    const softplusOfEta = eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
    value += conversions[i]! * eta - leads[i]! * softplusOfEta;
  }
  let penalty = 0;
  for (let j = 1; j < params.length; j++) penalty += params[j]! * params[j]!;
  return value - (l2 / 2) * penalty;
}

/** Adds the log-likelihood's gradient and the upper triangle of its negated Hessian at `theta`. */
function addNewtonSums(
  flat: FlatPatterns,
  theta: Float64Array,
  gradient: Float64Array,
  hessian: Float64Array,
): void {
  const { count, offsets, features, leads, conversions } = flat;
  const m = theta.length;
  for (let i = 0; i < count; i++) {
    const first = offsets[i]!;
    const end = offsets[i + 1]!;
    let eta = theta[0]!;
    for (let at = first; at < end; at++) eta += theta[1 + features[at]!]!;
    let mu: number;
    if (eta >= 0) mu = 1 / (1 + Math.exp(-eta));
    else {
      const e = Math.exp(eta);
      mu = e / (1 + e);
    }
    const residual = conversions[i]! - leads[i]! * mu;
    const weight = leads[i]! * mu * (1 - mu);
    gradient[0]! += residual;
    hessian[0]! += weight;
    for (let a = first; a < end; a++) {
      const row = 1 + features[a]!;
      gradient[row]! += residual;
      hessian[row]! += weight; // row 0, column `row` (upper triangle)
      const offset = row * m;
      // A feature listed k times has the value k: its k² on the diagonal is k from b = a plus 2 per pair.
      for (let b = a; b < end; b++)
        hessian[offset + 1 + features[b]!]! += b > a && features[b] === features[a] ? 2 * weight : weight;
    }
  }
}

/** Mean log-loss (deviance / 2n) of a fit on pooled patterns: lower is better. */
export function logLoss(fit: LogisticFit, patterns: readonly Pattern[]): number {
  let loss = 0;
  let leads = 0;
  for (const pattern of patterns) {
    const eta = linearScore(fit, pattern.features);
    loss += pattern.leads * softplus(eta) - pattern.conversions * eta;
    leads += pattern.leads;
  }
  return leads === 0 ? 0 : loss / leads;
}

function solveFlat(matrix: Float64Array, b: Float64Array, n: number): number[] | null {
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) rows.push(Array.from(matrix.subarray(i * n, i * n + n)));
  return solveSymmetric(rows, Array.from(b));
}

/**
 * Solves H x = b for a symmetric positive (semi)definite H by Cholesky. A pivot that is not clearly positive
 * (a singular H: duplicate rules without a penalty) gets a small ridge added and the factorisation restarts.
 * Null when even that fails.
 */
export function solveSymmetric(
  matrix: readonly (readonly number[])[],
  b: readonly number[],
): number[] | null {
  const n = b.length;
  let trace = 0;
  for (let i = 0; i < n; i++) trace += Math.abs(matrix[i]![i]!);
  const base = trace > 0 && Number.isFinite(trace) ? trace / n : 1;
  for (const ridge of [0, 1e-10, 1e-8, 1e-6, 1e-4]) {
    const lower = cholesky(matrix, ridge * base);
    if (lower === null) continue;
    // Forward then back substitution.
    const y = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      let sum = b[i]!;
      for (let k = 0; k < i; k++) sum -= lower[i]![k]! * y[k]!;
      y[i] = sum / lower[i]![i]!;
    }
    const x = new Array<number>(n).fill(0);
    for (let i = n - 1; i >= 0; i--) {
      let sum = y[i]!;
      for (let k = i + 1; k < n; k++) sum -= lower[k]![i]! * x[k]!;
      x[i] = sum / lower[i]![i]!;
    }
    if (x.every(Number.isFinite)) return x;
  }
  return null;
}

function cholesky(matrix: readonly (readonly number[])[], ridge: number): number[][] | null {
  const n = matrix.length;
  const lower = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    const rowI = lower[i]!;
    for (let j = 0; j <= i; j++) {
      const rowJ = lower[j]!;
      let sum = matrix[i]![j]! + (i === j ? ridge : 0);
      for (let k = 0; k < j; k++) sum -= rowI[k]! * rowJ[k]!;
      if (i === j) {
        const scaleOfPivot = Math.abs(matrix[i]![i]!) + ridge;
        if (!(sum > 1e-12 * Math.max(scaleOfPivot, 1e-300))) return null;
        rowI[i] = Math.sqrt(sum);
      } else {
        rowI[j] = sum / rowJ[j]!;
      }
    }
  }
  return lower;
}
