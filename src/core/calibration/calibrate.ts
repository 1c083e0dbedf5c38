// Calibration: compares a model's bands and rules with real outcomes so a team can see, in their
// own data, whether the score means anything and what to change.

import { effectiveSalesReady } from '../engine';
import { auc, cumulativeGains, ks, wilsonInterval } from './stats';
import { type CutOffSuggestion, type ScoreBandCounts, suggestCutOff } from './suggestedCutOff';
import { MIN_RULE_MATCHES, WEAK_LIFT_HIGH, WEAK_LIFT_LOW } from './thresholds';
import type {
  BandReport,
  CalibrationInput,
  CalibrationLead,
  CalibrationReport,
  GainsPoint,
  OverriddenBandReport,
  OverriddenReport,
  RuleFlag,
  RuleReport,
  SalesReadyReport,
} from './types';
import { writeVerdicts } from './verdicts';

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/**
 * (conversions / leads) / (totalConversions / totalLeads), as one division of whole numbers so an
 * exact ratio such as 3/2 lands exactly on 1.5 and the flag boundaries behave.
 */
function liftOf(
  conversions: number,
  leads: number,
  totalConversions: number,
  totalLeads: number,
): number | null {
  if (leads === 0 || totalConversions === 0) return null;
  return (conversions * totalLeads) / (leads * totalConversions);
}

export { effectiveSalesReady };

function validate(input: CalibrationInput): void {
  if (input.bands.length === 0) throw new RangeError('calibrate: the model has no bands');
  const ruleCount = input.rules.length;
  input.leads.forEach((lead, index) => {
    if (!Number.isFinite(lead.score)) {
      throw new RangeError(`calibrate: lead ${index} has score ${lead.score}; scores must be finite`);
    }
    if (!Number.isInteger(lead.band) || lead.band < 0 || lead.band >= input.bands.length) {
      throw new RangeError(
        `calibrate: lead ${index} is in band ${lead.band}, not one of the ${input.bands.length}`,
      );
    }
    const to = lead.overrideBand;
    if (to !== undefined && !(Number.isInteger(to) && to >= 0 && to < input.bands.length)) {
      throw new RangeError(
        `calibrate: lead ${index} is overridden into band ${to}, not one of the ${input.bands.length}`,
      );
    }
    if (lead.matches.length !== ruleCount) {
      throw new RangeError(
        `calibrate: lead ${index} has ${lead.matches.length} rule matches for ${ruleCount} rules`,
      );
    }
  });
  const target = input.targetPrecision;
  if (target !== undefined && !(Number.isFinite(target) && target > 0 && target <= 1)) {
    throw new RangeError(`calibrate: targetPrecision must be in (0, 1], got ${target}`);
  }
}

export function ruleFlag(enabled: boolean, points: number, matched: number, lift: number | null): RuleFlag {
  if (!enabled) return 'disabled';
  if (matched < MIN_RULE_MATCHES || lift === null) return 'weak';
  if ((points > 0 && lift < 1) || (points < 0 && lift > 1)) return 'contradicts data';
  if (lift >= WEAK_LIFT_LOW && lift <= WEAK_LIFT_HIGH) return 'weak';
  return 'ok';
}

export function calibrate(given: CalibrationInput): CalibrationReport {
  validate(given);
  // Overridden leads are measured apart: their outcome followed the salesperson's score, so counting them
  // (under either score) would credit the model with the salesperson's judgement.
  const leads = given.leads.filter((lead) => lead.overridden !== true);
  const input: CalibrationInput = { ...given, leads };
  const scores = leads.map((lead) => lead.score);
  const converted = leads.map((lead) => lead.converted);
  const tallies = emptyTallies(input.bands.length, input.rules.length);
  for (const lead of given.leads) addToTallies(tallies, lead);
  return reportFromTallies(input, tallies, {
    auc: auc(scores, converted),
    ks: ks(scores, converted),
    gains: cumulativeGains(scores, converted),
    suggestThreshold: (flags, target, totalConversions, current) =>
      suggestCutOff(countByScoreAndBand(leads), flags, target, totalConversions, current),
  });
}

/** What the report counts, lead by lead: a calibration over a stream keeps only these (and the ranking's
 *  per-score counts), never the leads. */
export interface CalibrationTallies {
  leads: number;
  conversions: number;
  bandLeads: number[];
  bandConversions: number[];
  ruleMatched: number[];
  ruleConversions: number[];
  /** Overridden leads, by the band of the model's own score. */
  overriddenLeads: number[];
  overriddenConversions: number[];
  raised: number;
  same: number;
  lowered: number;
}

export function emptyTallies(bandCount: number, ruleCount: number): CalibrationTallies {
  const zeros = (n: number) => new Array<number>(n).fill(0);
  return {
    leads: 0,
    conversions: 0,
    bandLeads: zeros(bandCount),
    bandConversions: zeros(bandCount),
    ruleMatched: zeros(ruleCount),
    ruleConversions: zeros(ruleCount),
    overriddenLeads: zeros(bandCount),
    overriddenConversions: zeros(bandCount),
    raised: 0,
    same: 0,
    lowered: 0,
  };
}

export function addToTallies(tallies: CalibrationTallies, lead: CalibrationLead): void {
  if (lead.overridden === true) {
    tallies.overriddenLeads[lead.band]!++;
    if (lead.converted) tallies.overriddenConversions[lead.band]!++;
    const to = lead.overrideBand ?? lead.band;
    if (to > lead.band) tallies.raised++;
    else if (to < lead.band) tallies.lowered++;
    else tallies.same++;
    return;
  }
  tallies.leads++;
  tallies.bandLeads[lead.band]!++;
  if (lead.converted) {
    tallies.conversions++;
    tallies.bandConversions[lead.band]!++;
  }
  // Rules inside the lead: 50,000 × 20 is a million cheap steps.
  const { matches } = lead;
  for (let rule = 0; rule < matches.length; rule++) {
    if (!matches[rule]) continue;
    tallies.ruleMatched[rule]!++;
    if (lead.converted) tallies.ruleConversions[rule]!++;
  }
}

/** The figures that rank leads by score: from the leads themselves (calibrate) or per-score counts (a stream). */
export interface RankingFigures {
  auc: number | null;
  ks: number | null;
  gains: GainsPoint[];
  suggestThreshold: (
    salesReadyFlags: readonly boolean[],
    targetPrecision: number | null,
    totalConversions: number,
    current: SalesReadyReport,
  ) => CutOffSuggestion;
}

export function reportFromTallies(
  input: Omit<CalibrationInput, 'leads'>,
  tallies: CalibrationTallies,
  ranking: RankingFigures,
): CalibrationReport {
  const { bandLeads, bandConversions } = tallies;
  const totalLeads = tallies.leads;
  const totalConversions = tallies.conversions;
  const overallRate = share(totalConversions, totalLeads);
  const salesReadyFlags = effectiveSalesReady(input.bands);
  const bands: BandReport[] = input.bands.map((band, index) => {
    const count = bandLeads[index]!;
    const conversions = bandConversions[index]!;
    const interval = wilsonInterval(conversions, count);
    return {
      name: band.name,
      min: band.min,
      leads: count,
      conversions,
      rate: share(conversions, count),
      low: interval?.low ?? null,
      high: interval?.high ?? null,
      shareOfLeads: share(count, totalLeads),
      shareOfConversions: share(conversions, totalConversions),
      lift: liftOf(conversions, count, totalConversions, totalLeads),
      salesReady: salesReadyFlags[index]!,
    };
  });

  const nonEmpty = bands.filter((band) => band.leads > 0);
  let monotonic = true;
  const indistinct: { lower: string; upper: string }[] = [];
  for (let index = 1; index < nonEmpty.length; index++) {
    const lower = nonEmpty[index - 1]!;
    const upper = nonEmpty[index]!;
    if (upper.rate! <= lower.rate!) monotonic = false;
    if (upper.low! <= lower.high! && lower.low! <= upper.high!) {
      indistinct.push({ lower: lower.name, upper: upper.name });
    }
  }

  // Sales-ready confusion.
  let flaggedLeads = 0;
  let flaggedConversions = 0;
  for (let index = 0; index < input.bands.length; index++) {
    if (!salesReadyFlags[index]) continue;
    flaggedLeads += bandLeads[index]!;
    flaggedConversions += bandConversions[index]!;
  }
  const lowestSalesReady = salesReadyFlags.indexOf(true);
  const salesReady: SalesReadyReport = {
    bands: input.bands.filter((_, index) => salesReadyFlags[index]).map((band) => band.name),
    threshold: lowestSalesReady < 0 ? null : input.bands[lowestSalesReady]!.min,
    leads: flaggedLeads,
    conversions: flaggedConversions,
    shareOfLeads: share(flaggedLeads, totalLeads),
    precision: share(flaggedConversions, flaggedLeads),
    recall: share(flaggedConversions, totalConversions),
  };

  const rules = reportRules(input, tallies);

  const targetPrecision =
    input.targetPrecision ??
    (overallRate === null || overallRate === 0 ? null : Math.min(1, 2 * overallRate));
  const suggestion = ranking.suggestThreshold(salesReadyFlags, targetPrecision, totalConversions, salesReady);

  const areaUnderCurve = ranking.auc;
  const report: CalibrationReport = {
    leads: totalLeads,
    conversions: totalConversions,
    rate: overallRate,
    auc: areaUnderCurve,
    gini: areaUnderCurve === null ? null : 2 * areaUnderCurve - 1,
    ks: ranking.ks,
    bands,
    monotonic,
    indistinct,
    gains: ranking.gains,
    salesReady,
    rules,
    targetPrecision,
    suggestedThreshold: suggestion.threshold,
    noSuggestionReason: suggestion.reason,
    overridden: reportOverridden(input.bands, tallies),
    verdicts: [],
  };
  report.verdicts = writeVerdicts(report);
  return report;
}

function reportOverridden(
  bandsGiven: CalibrationInput['bands'],
  tallies: CalibrationTallies,
): OverriddenReport {
  const { bandLeads, bandConversions, raised, same, lowered } = tallies;
  const count = tallies.overriddenLeads;
  const converted = tallies.overriddenConversions;
  const leads = count.reduce((a, b) => a + b, 0);
  const conversions = converted.reduce((a, b) => a + b, 0);
  let expected: number | null = 0;
  const byModelBand: OverriddenBandReport[] = [];
  bandsGiven.forEach((band, index) => {
    if (count[index] === 0) return;
    const modelBandRate = share(bandConversions[index]!, bandLeads[index]!);
    if (modelBandRate === null) expected = null;
    else if (expected !== null) expected += modelBandRate * count[index]!;
    byModelBand.push({
      band: band.name,
      leads: count[index]!,
      conversions: converted[index]!,
      rate: share(converted[index]!, count[index]!),
      modelBandRate,
    });
  });
  return {
    leads,
    conversions,
    rate: share(conversions, leads),
    raised,
    same,
    lowered,
    expectedConversions: leads === 0 ? null : expected,
    byModelBand,
  };
}

function reportRules(input: Omit<CalibrationInput, 'leads'>, tallies: CalibrationTallies): RuleReport[] {
  const totalLeads = tallies.leads;
  const totalConversions = tallies.conversions;
  return input.rules.map((rule, index) => {
    const matchCount = tallies.ruleMatched[index]!;
    const conversions = tallies.ruleConversions[index]!;
    const lift = liftOf(conversions, matchCount, totalConversions, totalLeads);
    return {
      name: rule.name,
      points: rule.points,
      enabled: rule.enabled,
      matched: matchCount,
      conversionsMatched: conversions,
      rateMatched: share(conversions, matchCount),
      rateUnmatched: share(totalConversions - conversions, totalLeads - matchCount),
      lift,
      flag: ruleFlag(rule.enabled, rule.points, matchCount, lift),
    };
  });
}

/**
 * The leads counted per score and band, highest score first: a run of one score keeps the score of its
 * first lead in input order (the sort is stable), and within a run its bands in order of first appearance.
 */
function countByScoreAndBand(leads: readonly CalibrationLead[]): ScoreBandCounts[] {
  const order = Array.from(leads, (_, index) => index);
  order.sort((a, b) => leads[b]!.score - leads[a]!.score);
  const groups: ScoreBandCounts[] = [];
  let position = 0;
  while (position < order.length) {
    const runScore = leads[order[position]!]!.score;
    const groupOfBand = new Map<number, ScoreBandCounts>();
    while (position < order.length && leads[order[position]!]!.score === runScore) {
      const lead = leads[order[position]!]!;
      let group = groupOfBand.get(lead.band);
      if (group === undefined) {
        group = { score: runScore, band: lead.band, positives: 0, negatives: 0 };
        groupOfBand.set(lead.band, group);
        groups.push(group);
      }
      if (lead.converted) group.positives++;
      else group.negatives++;
      position++;
    }
  }
  return groups;
}
