// Selection: which candidates the fit may use, and the rounds that drop rules until the rest hold.

import type { FeatureTable, LogisticFit } from '../calibration/logistic';
import type { Candidate } from './candidates';
import { MIN_CONVERSIONS_PER_RULE } from './types';

const MAX_ROUNDS = 30;

/**
 * Candidates that match exactly the same fitting leads as an earlier one (current rules come first): they
 * would only split one weight in two. When the twin of a current rule is one of the two levels of a yes/no
 * column, the other level goes too: the current rule alone says the same. Maps each to why it is left out.
 */
export function sameLeadsAs(
  candidates: readonly Candidate[],
  fitRows: readonly number[],
  allFeatures: FeatureTable,
  support: readonly { leads: number }[],
): Map<number, string> {
  const hashes = candidates.map(() => [0x811c9dc5, 0x01000193]);
  for (const row of fitRows) {
    for (const j of allFeatures.at(row)!) {
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

export interface SelectionInput {
  /** Candidates in the fit, aligned with fullFit's coefficients. */
  active: number[];
  fullFit: LogisticFit;
  support: readonly { leads: number; conversions: number }[];
  minSupport: number;
  maxRules: number;
  fitLeads: number;
  /** Whole points of the active candidates (fitting.ts toPoints). */
  scale: (active: readonly number[], fit: LogisticFit) => Map<number, { points: number; unrounded: number }>;
  refit: (active: readonly number[], start: LogisticFit) => LogisticFit | null;
}

export interface Selection {
  active: number[];
  fit: LogisticFit;
  table: Map<number, { points: number; unrounded: number }>;
  /** Why each dropped candidate was dropped. */
  dropped: Map<number, string>;
  /** Log-odds of each candidate in the last fit it took part in. */
  lastCoefficient: Map<number, number>;
}

/** Rounds of: points, drop rules whose points round to 0, with too few leads or conversions, or beyond
 *  the rule limit (weakest first, half the excess a round), refit; until nothing changes. */
export function selectRules(input: SelectionInput): Selection {
  const { support, minSupport, maxRules } = input;
  let active = input.active;
  const dropped = new Map<number, string>();
  const lastCoefficient = new Map<number, number>();
  let fit: LogisticFit = input.fullFit;
  let table = new Map<number, { points: number; unrounded: number }>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    active.forEach((j, p) => {
      lastCoefficient.set(j, fit.coefficients[p]!);
    });
    table = input.scale(active, fit);
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
        const shareOf = support[j]!.leads / input.fitLeads;
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
    const next = input.refit(active, {
      intercept: fit.intercept,
      coefficients: active.map((j) => previous.get(j) ?? 0),
    });
    if (next === null) break;
    fit = next;
  }
  if (active.length > 0) table = input.scale(active, fit);
  return { active, fit, table, dropped, lastCoefficient };
}

/** Candidates the fit weighs at most: a dense Newton step costs the cube of their number, so wide data
 *  (1,000 columns) is screened first, keeping the time linear in columns. */
export const MAX_FITTED_CANDIDATES = 150;

/**
 * When more than MAX_FITTED_CANDIDATES are usable, whole families (a column's levels, an event type's counts,
 * a pair) are kept in order of what their best member says alone about the outcome (likelihood ratio against
 * the overall rate) until the budget is spent; the current model's rules always stay. Maps each candidate
 * left out to why.
 */
export function screenCandidates(
  candidates: readonly Candidate[],
  active: readonly number[],
  support: readonly { leads: number; conversions: number }[],
  fitLeads: number,
  fitConversions: number,
): Map<number, string> {
  const out = new Map<number, string>();
  if (active.length <= MAX_FITTED_CANDIDATES) return out;
  const rate = fitConversions / Math.max(1, fitLeads);
  const strength = (j: number) => {
    const n = support[j]!.leads;
    const c = support[j]!.conversions;
    if (n === 0 || rate <= 0 || rate >= 1) return 0;
    const term = (k: number, m: number, p: number) => (k > 0 ? k * Math.log(k / (m * p)) : 0);
    const rest = fitLeads - n;
    const restWins = fitConversions - c;
    return (
      2 *
      (term(c, n, rate) +
        term(n - c, n, 1 - rate) +
        term(restWins, rest, rate) +
        term(rest - restWins, rest, 1 - rate))
    );
  };
  const families = new Map<string, { members: number[]; best: number; current: boolean }>();
  for (const j of active) {
    const family = candidates[j]!.family;
    const entry = families.get(family) ?? {
      members: [],
      best: 0,
      current: candidates[j]!.source === 'current',
    };
    entry.members.push(j);
    entry.best = Math.max(entry.best, strength(j));
    families.set(family, entry);
  }
  const ordered = [...families.values()].sort(
    (a, b) => Number(b.current) - Number(a.current) || b.best - a.best,
  );
  let budget = MAX_FITTED_CANDIDATES;
  for (const family of ordered) {
    if (family.current || family.members.length <= budget) {
      budget -= family.members.length;
      continue;
    }
    for (const j of family.members) {
      out.set(
        j,
        `weaker alone than the ${MAX_FITTED_CANDIDATES} candidates fitted (wide data is screened first)`,
      );
    }
  }
  return out;
}
