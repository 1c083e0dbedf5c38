// The fit of suggested points from a streamed calibration's compact records: per decided lead only its score's
// id, its match pattern's id and its outcome (see stream.ts). Gives the same split, patterns and held-out AUCs
// as suggestPoints on the leads themselves.

import type { FitData } from './fit';
import type { Pattern } from './logistic';
import { hashSeed, mulberry32 } from './sample';
import { aucOfGroups, type ScoreGroup } from './stats';

/** `splitForFit` on outcomes held as bytes (1 = converted): the same seeded draws, so the same split. */
export function splitOfOutcomes(
  converted: (row: number) => boolean,
  count: number,
  holdoutShare: number,
  seed: string | number,
): { fit: Int32Array; holdout: Int32Array } {
  const random = mulberry32(hashSeed(seed));
  const held = new Uint8Array(count);
  for (const outcome of [true, false]) {
    let size = 0;
    for (let row = 0; row < count; row++) if (converted(row) === outcome) size++;
    const members = new Int32Array(size);
    let next = 0;
    for (let row = 0; row < count; row++) if (converted(row) === outcome) members[next++] = row;
    const take = Math.round(holdoutShare * members.length);
    for (let picked = 0; picked < take; picked++) {
      const swapWith = picked + Math.floor(random() * (members.length - picked));
      const kept = members[picked]!;
      members[picked] = members[swapWith]!;
      members[swapWith] = kept;
      held[members[picked]!] = 1;
    }
  }
  let heldCount = 0;
  for (let row = 0; row < count; row++) heldCount += held[row]!;
  const fit = new Int32Array(count - heldCount);
  const holdout = new Int32Array(heldCount);
  let f = 0;
  let h = 0;
  for (let row = 0; row < count; row++) {
    if (held[row]) holdout[h++] = row;
    else fit[f++] = row;
  }
  return { fit, holdout };
}

export interface CompactLeads {
  count: number;
  converted: (row: number) => boolean;
  scoreOf: (row: number) => number;
  patternOf: (row: number) => number;
  /** Per pattern id, which rules it matched. */
  patterns: readonly (readonly boolean[])[];
}

/** Ascending per-score groups of `score` over `rows`; null when a score is not finite (as the fit checks). */
function groupsOf(
  rows: Int32Array,
  leads: CompactLeads,
  score: (row: number) => number,
): ScoreGroup[] | null {
  const groups = new Map<number, ScoreGroup>();
  for (const row of rows) {
    const value = score(row);
    if (!Number.isFinite(value)) return null;
    let group = groups.get(value);
    if (group === undefined) {
      group = { positives: 0, negatives: 0 };
      groups.set(value, group);
    }
    if (leads.converted(row)) group.positives++;
    else group.negatives++;
  }
  return [...groups].sort((a, b) => a[0] - b[0]).map(([, group]) => group);
}

export function fitDataOf(
  leads: CompactLeads,
  split: { fit: Int32Array; holdout: Int32Array },
  rules: readonly { enabled?: boolean }[],
  leftOutOverridden: number,
): FitData {
  const { patterns } = leads;
  const fitPerPattern = new Array<number>(patterns.length).fill(0);
  let fitConversions = 0;
  for (const row of split.fit) {
    fitPerPattern[leads.patternOf(row)]!++;
    if (leads.converted(row)) fitConversions++;
  }
  let holdConversions = 0;
  for (const row of split.holdout) if (leads.converted(row)) holdConversions++;
  const auc = (groups: ScoreGroup[] | null) => (groups === null ? null : aucOfGroups(groups));
  return {
    fitLeads: split.fit.length,
    fitConversions,
    fitMatches: (rule) => {
      let count = 0;
      patterns.forEach((matches, p) => {
        if (matches[rule] === true) count += fitPerPattern[p]!;
      });
      return count;
    },
    holdLeads: split.holdout.length,
    holdConversions,
    aucCurrent: auc(groupsOf(split.holdout, leads, leads.scoreOf)),
    plainSumAuc: (points) => {
      // The same sum, in the same rule order, as for a lead with this pattern.
      const sums = patterns.map((matches) => {
        let sum = 0;
        rules.forEach((rule, r) => {
          if (rule.enabled !== false && matches[r] === true) sum += points[r]!;
        });
        return sum;
      });
      return auc(groupsOf(split.holdout, leads, (row) => sums[leads.patternOf(row)]!));
    },
    fitPatterns: (fittedRules) => {
      const keyOf = new Map<number, { key: string; features: number[] }>();
      const byKey = new Map<string, Pattern>();
      for (const row of split.fit) {
        const id = leads.patternOf(row);
        let projected = keyOf.get(id);
        if (projected === undefined) {
          const matches = patterns[id]!;
          const features = fittedRules.flatMap((r, j) => (matches[r] === true ? [j] : []));
          projected = { key: features.join(','), features };
          keyOf.set(id, projected);
        }
        const { key } = projected;
        let pattern = byKey.get(key);
        if (pattern === undefined) {
          pattern = { features: [...projected.features], leads: 0, conversions: 0 };
          byKey.set(key, pattern);
        }
        pattern.leads++;
        if (leads.converted(row)) pattern.conversions++;
      }
      return [...byKey.values()];
    },
    leftOutOverridden,
  };
}
