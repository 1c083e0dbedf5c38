// Interactions: a rule for two conditions together (`when: {all: [a, b]}`, contract v2 §2), built from pairs
// of the strongest single conditions on the leads' columns. Suggest keeps them only when they raise the
// cross-validated AUC on the fitting leads (suggest.ts); its name says both parts.

import type { FeatureTable } from '../calibration/logistic';
import type { Condition, Rule } from '../model';
import type { Candidate } from './candidates';

/** Pairs are built from at most this many single conditions (so at most 15 pairs). */
const STRONGEST = 6;

export interface InteractionInput {
  candidates: readonly Candidate[];
  /** Per decided lead, the candidates it matches (ascending). */
  features: FeatureTable;
  fit: readonly number[];
  converted: readonly boolean[];
  leaky: ReadonlySet<string>;
  minSupport: number;
  minConversions: number;
}

/** The pair candidates, with the leads each matches (a lead matches a pair when it matches both parts). */
export function interactionCandidates(
  input: InteractionInput,
): { candidate: Candidate; parts: [number, number] }[] {
  const { candidates, features, fit, converted } = input;
  const leads = candidates.map(() => 0);
  const wins = candidates.map(() => 0);
  for (const row of fit) {
    for (const j of features.at(row)!) {
      leads[j]!++;
      if (converted[row]) wins[j]!++;
    }
  }
  const total = fit.length;
  const rate = fit.filter((row) => converted[row]).length / Math.max(1, total);
  // Strength of a single condition: its likelihood-ratio statistic against the overall rate.
  const strength = (j: number) => {
    const n = leads[j]!;
    const c = wins[j]!;
    if (n === 0 || rate <= 0 || rate >= 1) return 0;
    const term = (k: number, m: number, p: number) => (k > 0 ? k * Math.log(k / (m * p)) : 0);
    return 2 * (term(c, n, rate) + term(n - c, n, 1 - rate));
  };
  const eligible = candidates.flatMap((c, j) =>
    c.source === 'data' &&
    c.rule.column !== undefined &&
    c.rule.operator !== undefined &&
    c.rule.operator !== 'per' &&
    !input.leaky.has(c.column) &&
    leads[j]! >= input.minSupport &&
    leads[j]! < total
      ? [j]
      : [],
  );
  // The strongest, one per column (two levels of one column never hold together).
  const chosen: number[] = [];
  for (const j of eligible.sort((a, b) => strength(b) - strength(a))) {
    if (chosen.some((k) => candidates[k]!.column === candidates[j]!.column)) continue;
    chosen.push(j);
    if (chosen.length === STRONGEST) break;
  }
  const out: { candidate: Candidate; parts: [number, number] }[] = [];
  for (let x = 0; x < chosen.length; x++) {
    for (let y = x + 1; y < chosen.length; y++) {
      const a = candidates[chosen[x]!]!;
      const b = candidates[chosen[y]!]!;
      const rule: Rule = {
        name: `${a.rule.name} and ${b.rule.name}`,
        group: `${a.column} and ${b.column}`,
        points: 1,
        when: { all: [conditionOf(a.rule), conditionOf(b.rule)] },
      };
      out.push({
        candidate: {
          rule,
          column: `${a.column} and ${b.column}`,
          family: `pair\u0000${a.rule.name}\u0000${b.rule.name}`,
          source: 'data',
        },
        parts: [chosen[x]!, chosen[y]!],
      });
    }
  }
  return out;
}

function conditionOf(rule: Rule): Condition {
  const condition = { column: rule.column!, operator: rule.operator } as Condition;
  if (rule.value !== undefined) condition.value = rule.value;
  return condition;
}
