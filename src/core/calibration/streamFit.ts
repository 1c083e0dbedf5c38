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
  const fitPerPattern = new Float64Array(patterns.length);
  let fitConversions = 0;
  for (let i = 0; i < split.fit.length; i++) {
    const row = split.fit[i]!;
    fitPerPattern[leads.patternOf(row)]!++;
    if (leads.converted(row)) fitConversions++;
  }
  let holdConversions = 0;
  for (let i = 0; i < split.holdout.length; i++) if (leads.converted(split.holdout[i]!)) holdConversions++;
  // Fitting leads per rule, all rules in one pass over the patterns (whole numbers: any order adds up the same).
  const fitMatches = new Float64Array(rules.length);
  for (let p = 0; p < patterns.length; p++) {
    const count = fitPerPattern[p]!;
    if (count === 0) continue;
    const matches = patterns[p]!;
    for (let rule = 0; rule < matches.length; rule++) if (matches[rule] === true) fitMatches[rule]! += count;
  }
  const auc = (groups: ScoreGroup[] | null) => (groups === null ? null : aucOfGroups(groups));
  return {
    fitLeads: split.fit.length,
    fitConversions,
    fitMatches: (rule) => fitMatches[rule] ?? 0,
    holdLeads: split.holdout.length,
    holdConversions,
    aucCurrent: auc(groupsOf(split.holdout, leads, leads.scoreOf)),
    plainSumAuc: (points) => {
      // The same sum, in the same rule order, as for a lead with this pattern.
      const sums = new Float64Array(patterns.length);
      for (let p = 0; p < patterns.length; p++) {
        const matches = patterns[p]!;
        let sum = 0;
        for (let r = 0; r < rules.length; r++) {
          if (rules[r]!.enabled !== false && matches[r] === true) sum += points[r]!;
        }
        sums[p] = sum;
      }
      return auc(groupsOf(split.holdout, leads, (row) => sums[leads.patternOf(row)]!));
    },
    fitPatterns: (fittedRules) => {
      // Per pattern id, its pooled pattern (-1: not seen yet); pooled in order of first appearance.
      const pooledOf = new Int32Array(patterns.length).fill(-1);
      // Keyed by the features' bits (up to 30 of them), else by their list as text.
      const byKey = new Map<number | string, number>();
      const bits = fittedRules.length <= 30;
      const pooled: Pattern[] = [];
      for (let i = 0; i < split.fit.length; i++) {
        const row = split.fit[i]!;
        const id = leads.patternOf(row);
        let at = pooledOf[id]!;
        if (at < 0) {
          const matches = patterns[id]!;
          const features: number[] = [];
          let mask = 0;
          for (let j = 0; j < fittedRules.length; j++) {
            if (matches[fittedRules[j]!] !== true) continue;
            features.push(j);
            mask |= 1 << j;
          }
          const key = bits ? mask : features.join(',');
          at = byKey.get(key) ?? -1;
          if (at < 0) {
            at = pooled.length;
            pooled.push({ features, leads: 0, conversions: 0 });
            byKey.set(key, at);
          }
          pooledOf[id] = at;
        }
        const pattern = pooled[at]!;
        pattern.leads++;
        if (leads.converted(row)) pattern.conversions++;
      }
      return pooled;
    },
    leftOutOverridden,
  };
}
