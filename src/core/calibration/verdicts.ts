// Plain-word verdicts for marketers, written from a finished report, most important first:
// whether there is enough data, whether the score separates, then what to change.

import { formatPoints } from '../engine';
import type { LeakageCheck } from '../suggest/leakage';
import type { PointsFit } from './fit';
import { countText, percent, percentPair, percentRange, ratioText, scoreText } from './format';
import { wilsonInterval } from './stats';
import {
  FLAGGED_SHARE_HIGH,
  FLAGGED_SHARE_LOW,
  MIN_CONVERSIONS_IN_BAND,
  MIN_CONVERSIONS_OVERALL,
  MIN_RECALL_AIM,
  MIN_RULE_MATCHES,
  MIN_SUGGESTED_LEADS,
  NARROW_INTERVAL,
  TOP_TO_BOTTOM_AIM,
  WEAK_LIFT_HIGH,
  WEAK_LIFT_LOW,
} from './thresholds';
import type { BandReport, CalibrationReport, SuggestedThreshold } from './types';

/** Too few conversions to judge the band's rate. */
export function isThinBand(band: BandReport): boolean {
  if (band.leads === 0) return false;
  return band.conversions < MIN_CONVERSIONS_IN_BAND && band.high! - band.low! > NARROW_INTERVAL;
}

function rateWithInterval(band: BandReport): string {
  return `${percent(band.rate!)} (${percentRange(band.low!, band.high!)})`;
}

export function aucVerdict(auc: number): string {
  const shown = auc.toFixed(2);
  if (auc >= 0.8) return `AUC ${shown}: the score ranks leads strongly (0.5 is chance, 1 is perfect).`;
  if (auc >= 0.7) return `AUC ${shown}: the score ranks leads usefully (0.5 is chance, 1 is perfect).`;
  if (auc >= 0.6) return `AUC ${shown}: the score ranks leads only weakly (0.5 is chance, 1 is perfect).`;
  return `AUC ${shown}: the score ranks leads barely better than chance (0.5 is chance, 1 is perfect).`;
}

function separationVerdict(bottom: BandReport, top: BandReport): string {
  const comparison = `${top.name} converts at ${rateWithInterval(top)} against ${percent(bottom.rate!)} for ${bottom.name}`;
  if (top.low! > bottom.high!) {
    const ratio = bottom.rate === 0 ? Number.POSITIVE_INFINITY : top.rate! / bottom.rate!;
    if (ratio >= TOP_TO_BOTTOM_AIM) return `${comparison}: the score separates well.`;
    return (
      `${comparison}: the score separates them, but ${top.name} converts only ${ratioText(ratio)} times as often ` +
      `(aim for about ${TOP_TO_BOTTOM_AIM} times).`
    );
  }
  if (top.rate! > bottom.rate!) return `${comparison}: too close to tell apart yet.`;
  return `${comparison}: the score does not separate converters from the rest.`;
}

function suggestionVerdict(suggestion: SuggestedThreshold, targetPrecision: number): string {
  const now = suggestion.current;
  const then = suggestion.suggested;
  const precisionNow = now.precision === null ? '' : ` (now ${percent(now.precision)})`;
  const recallNow = now.recall === null ? '' : ` (now ${percent(now.recall)})`;
  const changes: string[] = [];
  if (suggestion.conversionsGained > 0)
    changes.push(`${countText(suggestion.conversionsGained)} conversions gained`);
  if (suggestion.conversionsLost > 0)
    changes.push(`${countText(suggestion.conversionsLost)} conversions lost`);
  changes.push(`${countText(then.leads)} leads flagged instead of ${countText(now.leads)}`);
  return (
    `To reach ${percent(targetPrecision)} precision, hand sales the leads scoring ${scoreText(suggestion.score)} or more: ` +
    `${percent(then.precision!)} of them converted${precisionNow} and they hold ${percent(then.recall!)} of ` +
    `conversions${recallNow}; ${changes.join(', ')}.`
  );
}

/** What calibrating from rows knows beyond the report: the refitted points and the leakage guard. */
export interface VerdictContext {
  /** Points refitted on these outcomes (for which to trust when lift and fit disagree). */
  fit?: PointsFit;
  /** Columns of the model's rules that were probably filled in after the outcome. */
  leakage?: readonly LeakageCheck[];
}

/** How the leads whose score a salesperson overrode converted, against the model's bands for them. */
export function overriddenVerdict(report: CalibrationReport): string | null {
  const o = report.overridden;
  if (o.leads === 0) return null;
  const moved = [
    o.raised > 0 ? `raised ${countText(o.raised)}` : '',
    o.lowered > 0 ? `lowered ${countText(o.lowered)}` : '',
    o.same > 0 ? `kept ${countText(o.same)} in the model's band` : '',
  ].filter(Boolean);
  const expectedRate = o.expectedConversions === null ? null : o.expectedConversions / o.leads;
  const [actual, expected] =
    expectedRate === null ? [percent(o.rate!), ''] : percentPair(o.rate!, expectedRate);
  const head =
    `${countText(o.leads)} lead${o.leads === 1 ? '' : 's'} had the score overridden by hand (${moved.join(', ')}) and ` +
    `${o.leads === 1 ? 'is' : 'are'} left out of the other figures, which measure the model on its own scores: ` +
    `${countText(o.conversions)} converted (${actual})`;
  if (expectedRate === null) {
    return `${head}; some of the model's bands for them have no other lead to compare with.`;
  }
  // Above or below only beyond chance: the expected rate outside the overridden leads' 95% interval.
  const interval = wilsonInterval(o.conversions, o.leads)!;
  const comparison =
    expectedRate < interval.low ? 'above' : expectedRate > interval.high ? 'below' : 'in line with';
  return (
    `${head}, ${comparison} the ${expected} expected from the other leads in the model's bands for them.` +
    (o.leads < MIN_RULE_MATCHES ? ` Only ${countText(o.leads)} overridden leads: a first hint.` : '')
  );
}

export function writeVerdicts(report: CalibrationReport, context: VerdictContext = {}): string[] {
  const overridden = overriddenVerdict(report);
  const verdicts = writeModelVerdicts(report, context);
  return overridden === null ? verdicts : [overridden, ...verdicts];
}

function writeModelVerdicts(report: CalibrationReport, context: VerdictContext): string[] {
  if (report.leads === 0) return ['No leads with a known outcome yet: nothing to calibrate.'];
  if (report.conversions === 0) {
    return [
      `None of the ${countText(report.leads)} leads has converted yet: the score cannot be checked against outcomes.`,
    ];
  }
  if (report.conversions === report.leads) {
    return [`All ${countText(report.leads)} leads converted: there is nothing for the score to separate.`];
  }

  const verdicts: string[] = [];
  for (const leak of context.leakage ?? []) {
    verdicts.push(
      `Rules on "${leak.column}" read a column that was probably filled in after the outcome (${leak.why}): ` +
        'the figures below flatter the model and will not hold for new leads; leave those rules out, or check that ' +
        'the column is known before sales works the lead.',
    );
  }
  if (report.conversions < MIN_CONVERSIONS_OVERALL) {
    verdicts.push(
      `Only ${report.conversions} conversions so far: too few to judge the score reliably; treat what follows as a first hint.`,
    );
  }

  const nonEmpty = report.bands.filter((band) => band.leads > 0);
  if (nonEmpty.length === 1) {
    verdicts.push(
      `All leads fall in ${nonEmpty[0]!.name}: the bands separate nothing; adjust their thresholds.`,
    );
  } else {
    verdicts.push(separationVerdict(nonEmpty[0]!, nonEmpty[nonEmpty.length - 1]!));
  }
  if (report.auc !== null) verdicts.push(aucVerdict(report.auc));

  // Neighbours that do not rise, then neighbours that rise but cannot be told apart.
  const overlapping = new Set(report.indistinct.map((pair) => `${pair.lower}\u0000${pair.upper}`));
  for (let index = 1; index < nonEmpty.length; index++) {
    const lower = nonEmpty[index - 1]!;
    const upper = nonEmpty[index]!;
    if (upper.rate! <= lower.rate!) {
      verdicts.push(
        `${upper.name} converts no better than ${lower.name} (${percent(upper.rate!)} against ${percent(lower.rate!)}): ` +
          `raise the ${upper.name} threshold or revise the rules that lift leads into it.`,
      );
    } else if (overlapping.has(`${lower.name}\u0000${upper.name}`)) {
      verdicts.push(
        `${lower.name} and ${upper.name} are not clearly apart (${percentRange(lower.low!, lower.high!)} against ` +
          `${percentRange(upper.low!, upper.high!)}): widen the gap between their thresholds, merge them, or wait for more data.`,
      );
    }
  }

  // Sales-ready bands that convert below the precision aimed for, beyond doubt (the whole 95%
  // interval is below it), so a band a few points short on a small sample is not blamed.
  if (report.targetPrecision !== null) {
    for (const band of report.bands) {
      if (!band.salesReady || band.leads === 0 || isThinBand(band)) continue;
      if (band.high! < report.targetPrecision) {
        verdicts.push(
          `${band.name} is generous: only ${percent(band.rate!)} of ${band.name} leads converted (aim: ${percent(report.targetPrecision)}).`,
        );
      }
    }
  }

  const suggestion = report.suggestedThreshold;
  if (suggestion !== null && (suggestion.leadsAdded > 0 || suggestion.leadsRemoved > 0)) {
    verdicts.push(suggestionVerdict(suggestion, report.targetPrecision!));
  } else if (
    suggestion === null &&
    report.noSuggestionReason !== null &&
    report.leads >= MIN_SUGGESTED_LEADS
  ) {
    verdicts.push(report.noSuggestionReason);
  }

  const fitted = new Map(
    (context.fit?.refusedBecause === null ? context.fit.rules : [])
      .filter((rule) => rule.coefficient !== null)
      .map((rule) => [rule.name, rule]),
  );
  for (const rule of report.rules) {
    if (rule.flag !== 'contradicts data') continue;
    const effect = rule.points > 0 ? `gives +${rule.points} points` : `takes ${-rule.points} points off`;
    const direction = rule.points > 0 ? 'below' : 'above';
    const [matched, overall] = percentPair(rule.rateMatched!, report.rate!);
    const alone = `"${rule.name}" ${effect}, but its leads convert at ${matched}, ${direction} the ${overall} overall`;
    // Lift looks at one rule alone; the fit weighs every rule together. When they disagree, the fit is the
    // one checked on held-out leads.
    const refit = fitted.get(rule.name);
    if (refit !== undefined && Math.sign(refit.suggested) === Math.sign(rule.points)) {
      verdicts.push(
        `${alone}; yet with the other rules counted, the fit keeps it at ${formatPoints(refit.suggested)}: its leads ` +
          `convert ${rule.points > 0 ? 'less often mostly because they miss' : 'more often mostly because they also match'} ` +
          'other rules. Trust the fitted points (checked on held-out leads) over the lift alone; keep the rule.',
      );
    } else if (refit !== undefined) {
      verdicts.push(
        `${alone}, and with the other rules counted the fit agrees (${formatPoints(refit.suggested)} suggested): ` +
          'the data contradicts it; revise or remove it.',
      );
    } else {
      verdicts.push(`${alone}: the data contradicts it; revise or remove it.`);
    }
  }
  const weakRules = report.rules.filter(
    (rule) => rule.flag === 'weak' && rule.matched >= MIN_RULE_MATCHES && rule.enabled && rule.lift !== null,
  );
  if (weakRules.length > 0) {
    const names = weakRules.map((rule) => `"${rule.name}"`).join(', ');
    const subject =
      weakRules.length === 1 ? `1 rule barely changes` : `${weakRules.length} rules barely change`;
    verdicts.push(
      `${subject} the odds of converting (lift between ${WEAK_LIFT_LOW} and ${WEAK_LIFT_HIGH}): ${names}.`,
    );
  }

  for (const band of report.bands) {
    if (band.leads === 0) {
      verdicts.push(`No lead falls in ${band.name}.`);
    } else if (isThinBand(band)) {
      const counted =
        band.conversions === 0
          ? 'No conversions'
          : `Only ${band.conversions} conversion${band.conversions === 1 ? '' : 's'}`;
      verdicts.push(`${counted} in ${band.name} (out of ${countText(band.leads)} leads): too few to judge.`);
    }
  }

  const flagged = report.salesReady;
  if (flagged.leads > 0) {
    const coverage =
      `Sales-ready bands (${flagged.bands.join(', ')}) flag ${percent(flagged.shareOfLeads!)} of leads ` +
      `and catch ${percent(flagged.recall!)} of conversions`;
    const withinPractice =
      flagged.shareOfLeads! >= FLAGGED_SHARE_LOW &&
      flagged.shareOfLeads! <= FLAGGED_SHARE_HIGH &&
      flagged.recall! >= MIN_RECALL_AIM;
    verdicts.push(
      withinPractice
        ? `${coverage}.`
        : `${coverage} (a common aim is ${percentRange(FLAGGED_SHARE_LOW, FLAGGED_SHARE_HIGH)} of leads and at least ${percent(MIN_RECALL_AIM)} of conversions).`,
    );
  }

  const topFifth = report.gains.find((point) => Math.abs(point.topShare - 0.2) < 1e-9);
  if (topFifth?.conversionsShare != null) {
    verdicts.push(`The top 20% of leads by score hold ${percent(topFifth.conversionsShare)} of conversions.`);
  }
  return verdicts;
}
