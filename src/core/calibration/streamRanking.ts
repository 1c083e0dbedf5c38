// The ranking figures of a calibration (AUC, KS, cumulative gains, the suggested cut-off) from per-score
// counts: the same sums in the same order as calibrate.ts over the leads, so the same figures. Only the gains
// need the leads' order, for the tie split at a cut-off: they scan the compact per-lead score ids.

import type { RankingFigures } from './calibrate';
import { percent, scoreText } from './format';
import { aucOfGroups, ksOfGroups } from './stats';
import { MIN_SUGGESTED_LEADS } from './thresholds';
import type { GainsPoint, SalesReadyReport, SuggestedThreshold } from './types';

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
      suggestThreshold(descending, leads, flags, target, totalConversions, current),
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

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** calibrate.ts's suggestThreshold on per-score counts: a lead's band is its score's (it is not overridden). */
function suggestThreshold(
  descending: readonly ScoreCounts[],
  leads: CompactScores,
  salesReadyFlags: readonly boolean[],
  targetPrecision: number | null,
  totalConversions: number,
  current: SalesReadyReport,
): { threshold: SuggestedThreshold | null; reason: string | null } {
  const n = leads.leads;
  if (n === 0) return { threshold: null, reason: 'There are no leads with a known outcome.' };
  if (targetPrecision === null || totalConversions === 0) {
    return { threshold: null, reason: 'No lead has converted yet, so no cut-off can be judged.' };
  }
  if (n < MIN_SUGGESTED_LEADS) {
    return {
      threshold: null,
      reason: `Only ${n} leads: a cut-off needs at least ${MIN_SUGGESTED_LEADS} to judge.`,
    };
  }
  let flagged = 0;
  let conversions = 0;
  let lowestReaching: number | null = null;
  let best: { score: number; precision: number } | null = null;
  for (const group of descending) {
    flagged += group.positives + group.negatives;
    conversions += group.positives;
    if (flagged < MIN_SUGGESTED_LEADS) continue;
    const precision = conversions / flagged;
    if (precision >= targetPrecision) lowestReaching = group.score;
    // Ties in precision go to the lower score: it catches more conversions.
    if (best === null || precision >= best.precision) best = { score: group.score, precision };
  }
  if (lowestReaching === null) {
    const bestText =
      best === null ? '' : `; the best is ${percent(best.precision)} at ${scoreText(best.score)} or more`;
    return {
      threshold: null,
      reason: `No cut-off flagging at least ${MIN_SUGGESTED_LEADS} leads reaches ${percent(targetPrecision)} precision${bestText}.`,
    };
  }
  let suggestedLeads = 0;
  let suggestedConversions = 0;
  let conversionsGained = 0;
  let conversionsLost = 0;
  let leadsAdded = 0;
  let leadsRemoved = 0;
  for (const group of descending) {
    const count = group.positives + group.negatives;
    const flaggedNow = salesReadyFlags[leads.bandOf(group.score)]!;
    const flaggedThen = group.score >= lowestReaching;
    if (flaggedThen) {
      suggestedLeads += count;
      suggestedConversions += group.positives;
    }
    if (flaggedThen && !flaggedNow) {
      leadsAdded += count;
      conversionsGained += group.positives;
    } else if (flaggedNow && !flaggedThen) {
      leadsRemoved += count;
      conversionsLost += group.positives;
    }
  }
  return {
    threshold: {
      score: lowestReaching,
      suggested: {
        leads: suggestedLeads,
        precision: share(suggestedConversions, suggestedLeads),
        recall: share(suggestedConversions, totalConversions),
      },
      current: { leads: current.leads, precision: current.precision, recall: current.recall },
      conversionsGained,
      conversionsLost,
      leadsAdded,
      leadsRemoved,
    },
    reason: null,
  };
}
