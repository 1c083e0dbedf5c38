// The leakage guard run over a candidate set: each candidate column checked (leakage.ts), flagged ones left
// out unless kept on purpose.

import type { Candidate } from './candidates';
import { checkLeakage, type LeakageInput } from './leakage';
import type { LeakageFinding } from './types';

export function guardCandidates(
  candidates: readonly Candidate[],
  inputOf: (column: string) => Omit<LeakageInput, 'column'>,
  converted: readonly boolean[],
  split: { fit: readonly number[]; holdout: readonly number[] },
  placeholders: ReadonlySet<string>,
  keepLeaky: readonly string[] | boolean | undefined,
  onColumn?: (done: number, total: number) => void,
): { leakage: LeakageFinding[]; leaky: Set<string> } {
  const keepAll = keepLeaky === true;
  const keepSet = new Set(Array.isArray(keepLeaky) ? keepLeaky.map((c) => c.trim().toLowerCase()) : []);
  const leakage: LeakageFinding[] = [];
  const leaky = new Set<string>();
  const columns = [...new Set(candidates.map((c) => c.column))];
  for (const [done, column] of columns.entries()) {
    onColumn?.(done, columns.length);
    const check = checkLeakage({ column, ...inputOf(column) }, converted, split, placeholders);
    if (check.signs.length === 0) continue;
    const kept = keepAll || keepSet.has(column.toLowerCase());
    leakage.push({ column, auc: check.auc, answeredAuc: check.answeredAuc, why: check.why, kept });
    if (!kept) leaky.add(column);
  }
  return { leakage, leaky };
}
