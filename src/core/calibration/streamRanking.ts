// The ranking figures of a calibration (AUC, KS, cumulative gains, the suggested cut-off) from per-score
// counts: the same sums in the same order as calibrate.ts over the leads, so the same figures (the cut-off
// is suggestedCutOff.ts's, shared with calibrate.ts; a stream lead's band is its score's). Only the gains
// need the leads' order, for the tie split at a cut-off: they scan the compact per-lead score ids.

import type { RankingFigures } from './calibrate';
import { aucOfGroups, ksOfGroups } from './stats';
import { suggestCutOff } from './suggestedCutOff';
import type { GainsPoint } from './types';

/** The decided leads (not overridden) with one distinct score. */
export interface ScoreCounts {
  score: number;
  positives: number;
  negatives: number;
}

export interface CompactScores {
  leads: number;
  /** Index into the score counts of lead `row` (in input order). */
  scoreIdOf: (row: number) => number;
  converted: (row: number) => boolean;
  bandOf: (score: number) => number;
}

const GAINS_STEPS = 10;

export function rankingOfScores(counts: readonly ScoreCounts[], leads: CompactScores): RankingFigures {
  const ascending = counts.map((group, id) => ({ ...group, id })).sort((a, b) => a.score - b.score);
  const descending = [...ascending].reverse();
  return {
    auc: aucOfGroups(ascending),
    ks: ksOfGroups(ascending),
    gains: gainsOf(descending, leads),
    suggestThreshold: (flags, target, totalConversions, current) =>
      suggestCutOff(
        descending.map((group) => ({ ...group, band: leads.bandOf(group.score) })),
        flags,
        target,
        totalConversions,
        current,
      ),
  };
}

/** `cumulativeGains`: the top ceil(k × n / 10) leads by score, tied leads at a cut-off taken in input order. */
function gainsOf(descending: readonly (ScoreCounts & { id: number })[], leads: CompactScores): GainsPoint[] {
  const n = leads.leads;
  if (n === 0) return [];
  let totalPositives = 0;
  for (const group of descending) totalPositives += group.positives;
  const points: GainsPoint[] = [];
  let group = 0;
  let before = 0;
  let positivesBefore = 0;
  for (let step = 1; step <= GAINS_STEPS; step++) {
    const cutOff = Math.ceil((step * n) / GAINS_STEPS);
    while (group < descending.length) {
      const size = descending[group]!.positives + descending[group]!.negatives;
      if (before + size > cutOff) break;
      before += size;
      positivesBefore += descending[group]!.positives;
      group++;
    }
    const partly = cutOff - before;
    const positivesTaken =
      positivesBefore + (partly > 0 ? firstPositives(leads, descending[group]!.id, partly) : 0);
    points.push({
      topShare: step / GAINS_STEPS,
      leads: cutOff,
      conversionsShare: totalPositives === 0 ? null : positivesTaken / totalPositives,
      scoreAtLeast: partly > 0 ? descending[group]!.score : descending[group - 1]!.score,
    });
  }
  return points;
}

/** Conversions among the first `take` leads (in input order) with score id `id`. */
function firstPositives(leads: CompactScores, id: number, take: number): number {
  let seen = 0;
  let positives = 0;
  for (let row = 0; row < leads.leads && seen < take; row++) {
    if (leads.scoreIdOf(row) !== id) continue;
    seen++;
    if (leads.converted(row)) positives++;
  }
  return positives;
}
