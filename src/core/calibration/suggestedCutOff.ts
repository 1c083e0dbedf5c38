// The suggested cut-off of a calibration, from leads counted per score and band: calibrate() counts its
// leads (whose bands come from the caller, so one score may sit in several bands), a stream counts per
// distinct score (its band follows from the score). One implementation so the two reports cannot drift.

import { percent, scoreText } from './format';
import { MIN_SUGGESTED_LEADS } from './thresholds';
import type { SalesReadyReport, SuggestedThreshold } from './types';

/** Decided leads (not overridden) with one score in one band. */
export interface ScoreBandCounts {
  score: number;
  band: number;
  positives: number;
  negatives: number;
}

export interface CutOffSuggestion {
  threshold: SuggestedThreshold | null;
  reason: string | null;
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/**
 * The lowest score s such that the leads scoring ≥ s (at least MIN_SUGGESTED_LEADS of them) reach
 * the target precision. Candidates are the scores leads actually have, so a cut-off never splits
 * a tie. Precision is not monotonic in s, so every candidate is checked.
 *
 * `descending` is sorted by score, highest first; groups with the same score are adjacent (they differ
 * by band). Which leads the sales-ready bands flag now goes by each group's band.
 */
export function suggestCutOff(
  descending: readonly ScoreBandCounts[],
  salesReadyFlags: readonly boolean[],
  targetPrecision: number | null,
  totalConversions: number,
  current: SalesReadyReport,
): CutOffSuggestion {
  let leadCount = 0;
  for (const group of descending) leadCount += group.positives + group.negatives;
  if (leadCount === 0) return { threshold: null, reason: 'There are no leads with a known outcome.' };
  if (targetPrecision === null || totalConversions === 0) {
    return { threshold: null, reason: 'No lead has converted yet, so no cut-off can be judged.' };
  }
  if (leadCount < MIN_SUGGESTED_LEADS) {
    return {
      threshold: null,
      reason: `Only ${leadCount} leads: a cut-off needs at least ${MIN_SUGGESTED_LEADS} to judge.`,
    };
  }

  let flagged = 0;
  let conversions = 0;
  let lowestReaching: number | null = null;
  let best: { score: number; precision: number } | null = null;
  let scoreOfRun = 0;
  for (let index = 0; index < descending.length; index++) {
    const group = descending[index]!;
    // A run of groups with one score is one candidate, named by its first group's score.
    if (index === 0 || group.score !== scoreOfRun) scoreOfRun = group.score;
    flagged += group.positives + group.negatives;
    conversions += group.positives;
    if (descending[index + 1]?.score === scoreOfRun) continue;
    if (flagged < MIN_SUGGESTED_LEADS) continue;
    const precision = conversions / flagged;
    if (precision >= targetPrecision) lowestReaching = scoreOfRun;
    // Ties in precision go to the lower score: it catches more conversions.
    if (best === null || precision >= best.precision) best = { score: scoreOfRun, precision };
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
    const flaggedNow = salesReadyFlags[group.band]!;
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
