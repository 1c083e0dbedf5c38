// The suggested model as a contract model, and the plain-words verdicts of its evaluation.

import { addToTallies, emptyTallies, reportFromTallies } from '../calibration/calibrate';
import { countText, percent } from '../calibration/format';
import { auc } from '../calibration/stats';
import type { CalibrationReport } from '../calibration/types';
import { formatPoints, salesReadyFlags } from '../engine';
import type { CompiledModel } from '../engine/types';
import type { Activities, Group, GroupKind, Model, Outcome, Rule } from '../model';
import type { Candidate } from './candidates';
import type { RuleStatus, SuggestEvaluation, SuggestedRuleReport, SuggestOptions } from './types';

/** Lift this far from 1 is clearly on one side (closer is noise). */
const CLEAR_LIFT = 0.1;
const ENGAGEMENT_HINT = /visit|activity|time spent|page view|opened|click|download|webinar|session|last /i;

export function buildModel(
  options: SuggestOptions,
  rules: readonly { candidate: Candidate; points: number }[],
  settings: {
    minScore: number;
    maxScore: number;
    asOf?: string;
    asOfColumn?: string;
    blankValues?: string[];
  },
  activities?: Activities,
): Model {
  const groups: Group[] = [];
  const baseGroupOf = new Map((options.base?.groups ?? []).map((g) => [g.name, g]));
  const baseRuleGroup = new Map((options.base?.rules ?? []).map((r) => [r.name, r.group]));
  const groupFor = (candidate: Candidate): string => {
    const name = candidate.column;
    if (!groups.some((g) => g.name.toLowerCase() === name.toLowerCase())) {
      const baseGroup = baseGroupOf.get(baseRuleGroup.get(candidate.rule.name) ?? '');
      const kind: GroupKind =
        baseGroup?.kind ??
        (candidate.rule.event !== undefined || ENGAGEMENT_HINT.test(name) ? 'engagement' : 'fit');
      groups.push({ name, kind });
    }
    return groups.find((g) => g.name.toLowerCase() === name.toLowerCase())!.name;
  };
  // Rules grouped by column (columns in the order of their strongest rule), largest points first.
  const byColumn = new Map<string, { candidate: Candidate; points: number }[]>();
  for (const rule of [...rules].sort((a, b) => Math.abs(b.points) - Math.abs(a.points))) {
    byColumn.set(rule.candidate.column, [...(byColumn.get(rule.candidate.column) ?? []), rule]);
  }
  const modelRules: Rule[] = [];
  for (const members of byColumn.values()) {
    for (const { candidate, points } of members) {
      const rule: Rule = { ...candidate.rule, group: groupFor(candidate), points };
      delete rule.maxPoints;
      if (candidate.perCap !== undefined) rule.maxPoints = Math.abs(points) * candidate.perCap;
      delete rule.enabled;
      if (rule.value === undefined) delete rule.value;
      modelRules.push(rule);
    }
  }
  const positive = options.outcome.positive;
  const outcome: Outcome = { column: options.outcome.column, positive: [...positive] };
  if (options.outcome.negative !== undefined) outcome.negative = [...options.outcome.negative];
  const countsEvents = modelRules.some((rule) => rule.event !== undefined);
  return {
    name: options.name ?? 'Suggested model',
    settings,
    ...(countsEvents && activities !== undefined ? { activities: { ...activities } } : {}),
    groups,
    rules: modelRules,
    bands: [{ name: 'All leads', min: null }],
    outcome,
  };
}

function aucText(x: number | null): string {
  return x === null ? '–' : x.toFixed(2);
}

export function suggestVerdicts(e: SuggestEvaluation): string[] {
  const verdicts: string[] = [...e.warnings];
  const kept = e.rules.filter((r) => r.status !== 'dropped');
  const where =
    e.split.kind === 'holdout'
      ? `the ${countText(e.holdout.leads)} leads held out (${percent(e.split.share)}, never seen by the fit)`
      : `the ${countText(e.holdout.leads)} latest leads (from ${e.split.from}, never seen by the fit)`;
  verdicts.push(
    `On ${where}, the suggested model's ${kept.length} rules rank leads with AUC ${aucText(e.holdoutAuc)}` +
      (e.baseAuc === null ? '' : `, against ${aucText(e.baseAuc)} for the current model`) +
      '.',
  );
  if (e.unroundedAuc !== null && e.holdoutAuc !== null) {
    verdicts.push(
      `Whole points cost ${Math.max(0, e.unroundedAuc - e.holdoutAuc).toFixed(3)} AUC (the unrounded fit of the same rules gives ${aucText(e.unroundedAuc)}); ` +
        `keeping ${kept.length} of ${e.candidates} candidate rules, ${Math.max(0, (e.allCandidatesAuc ?? 0) - e.unroundedAuc).toFixed(3)} (all candidates: ${aucText(e.allCandidatesAuc)}).`,
    );
  }
  for (const finding of e.leakage) {
    verdicts.push(
      finding.kept
        ? `"${finding.column}" was probably filled in after the outcome (${finding.why}); it is kept because you asked, so the AUC above is likely too good to be true.`
        : `"${finding.column}" was left out: it was probably filled in after the outcome (${finding.why}). Keep it on purpose only if it is known before sales works the lead.`,
    );
  }
  const reversed = e.rules.filter((r) => r.status === 'reversed');
  for (const rule of reversed) verdicts.push(`"${rule.name}" is reversed: ${rule.why}.`);
  const mixed = e.rules.filter(
    (r) =>
      r.status !== 'dropped' &&
      r.lift !== null &&
      ((r.points < 0 && r.lift > 1 + CLEAR_LIFT) || (r.points > 0 && r.lift < 1 - CLEAR_LIFT)),
  );
  if (mixed.length > 0) {
    const names = mixed
      .slice(0, 3)
      .map((r) => `"${r.name}"`)
      .join(', ');
    verdicts.push(
      `${names} ${mixed.length === 1 ? 'has' : 'have'} points of the other sign than ${mixed.length === 1 ? 'its' : 'their'} lift alone: ` +
        "lift compares a rule's leads with all leads; the points compare them with leads that match the same other rules. " +
        'A rule whose leads convert well mostly because they also match stronger rules gets few or negative points. ' +
        "For points, trust the fit (it is checked on held-out leads); lift tells what a rule's leads do alone.",
    );
  }
  const droppedCurrent = e.rules.filter((r) => r.source === 'current' && r.status === 'dropped');
  if (droppedCurrent.length > 0) {
    verdicts.push(
      `Current rules dropped: ${droppedCurrent.map((r) => `"${r.name}" (${r.why})`).join('; ')}.`,
    );
  }
  const dropped = e.rules.filter((r) => r.status === 'dropped' && r.source === 'data').length;
  if (dropped > 0) {
    verdicts.push(
      `${countText(dropped)} candidate rules were dropped: their points rounded to 0 once the others were counted, they had too few leads or conversions, or they were weaker than the ones kept.`,
    );
  }
  return verdicts;
}

export interface RuleReportInput {
  candidates: readonly Candidate[];
  support: readonly { leads: number; conversions: number }[];
  kept: readonly number[];
  pointsOf: ReadonlyMap<number, number>;
  leaky: ReadonlySet<string>;
  sameAs: ReadonlyMap<number, string>;
  isReference: ReadonlySet<number>;
  usable: readonly boolean[];
  dropped: ReadonlyMap<number, string>;
  lastCoefficient: ReadonlyMap<number, number>;
  fitRate: number;
}

/** Each candidate's fate in plain words: kept rules first (largest points first), then reversed, dropped. */
export function reportRules(input: RuleReportInput): SuggestedRuleReport[] {
  const { candidates, support, kept, pointsOf, leaky, sameAs, isReference, usable, dropped } = input;
  const { lastCoefficient, fitRate } = input;
  const reports: SuggestedRuleReport[] = candidates.flatMap((candidate, j) => {
    if (leaky.has(candidate.column) && candidate.source === 'data') return [];
    const s = support[j]!;
    const rate = s.leads === 0 ? null : s.conversions / s.leads;
    const finalPoints = kept.includes(j) ? pointsOf.get(j)! : 0;
    const current = candidate.currentPoints ?? null;
    let status: RuleStatus = kept.includes(j) ? 'kept' : 'dropped';
    let why = '';
    if (leaky.has(candidate.column))
      why = `its column "${candidate.column}" was probably filled in after the outcome`;
    else if (sameAs.has(j)) why = sameAs.get(j)!;
    else if (isReference.has(j) && !kept.includes(j))
      why = "its column's base level: the points of the column's other rules count from it";
    else if (!usable[j]) why = 'it matches every fitting lead or none';
    else if (dropped.has(j)) why = dropped.get(j)!;
    if (
      status === 'kept' &&
      current !== null &&
      current !== 0 &&
      Math.sign(current) !== Math.sign(finalPoints)
    ) {
      status = 'reversed';
      why = `${formatPoints(current)} now, ${formatPoints(finalPoints)} fitted: ${finalPoints < 0 ? 'its leads convert less often' : 'its leads convert more often'} than others like them`;
    }
    return [
      {
        name: candidate.rule.name,
        column: candidate.column,
        source: candidate.source,
        status,
        points: finalPoints,
        currentPoints: current,
        coefficient: lastCoefficient.get(j) ?? null,
        leads: s.leads,
        conversions: s.conversions,
        rate,
        lift: rate === null || fitRate === 0 ? null : rate / fitRate,
        why,
      },
    ];
  });
  const order: Record<RuleStatus, number> = { kept: 0, reversed: 1, dropped: 2 };
  reports.sort((a, b) => order[a.status] - order[b.status] || Math.abs(b.points) - Math.abs(a.points));
  return reports;
}

/** The suggested model's held-out band table, tallied lead by lead (as a streamed calibration counts it: no
 *  object per lead is kept), and its AUC from the scores, as calibrate() takes it. */
export function heldOutReport(
  model: Model,
  compiled: CompiledModel,
  scores: readonly number[],
  converted: readonly boolean[],
  rowOf: (lead: number) => readonly unknown[],
): CalibrationReport {
  const salesReady = salesReadyFlags(model);
  const input = {
    bands: model.bands.map((b, i) => ({ name: b.name, min: b.min, salesReady: salesReady[i] ?? false })),
    rules: model.rules.map((r) => ({ name: r.name, points: r.points, enabled: true })),
  };
  const tallies = emptyTallies(input.bands.length, input.rules.length);
  scores.forEach((score, i) => {
    addToTallies(tallies, {
      score,
      band: compiled.bandIndex(score),
      converted: converted[i]!,
      matches: compiled.matches(rowOf(i)),
    });
  });
  return reportFromTallies(input, tallies, {
    auc: auc(scores, converted),
    // Suggest reports the bands and the AUC only.
    ks: null,
    gains: [],
    suggestThreshold: () => ({ threshold: null, reason: null }),
  });
}
