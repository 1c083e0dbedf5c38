// From tallies per period to the monitor's report: figures per period and band, the baseline, the stability
// index, the rules that moved, a status per period and the verdicts.

import { cellFigures, type EngagementCell } from '../calibration/engagementCells';
import { wilsonInterval, Z_95 } from '../calibration/stats';
import { formatIsoDay } from '../cells';
import { type Every, nextPeriodStart, periodLabel, spanLabel } from './periods';
import {
  type AucEstimate,
  aucFromCounts,
  aucWorseBeyondChance,
  populationStability,
  shareLowerBeyondChance,
  stabilityBins,
  twoProportionZ,
} from './stats';
import type { MonitorTally, PeriodTally } from './tally';
import { emptyTally, mergeTallies } from './tally';
import {
  BASELINE_PERIODS,
  MAX_MOVED_RULES,
  MIN_CONVERSIONS,
  MIN_KNOWN,
  MIN_RULE_MOVE,
  MIN_SHIFT_LEADS,
  MIN_VERDICTS,
  SHIFT_PSI,
} from './thresholds';
import type {
  MonitorBand,
  MonitorBaseline,
  MonitorFigures,
  MonitorPeriod,
  MonitorReport,
  MonitorReviewCounts,
  MonitorReviewSample,
  MonitorStatus,
  RuleMove,
} from './types';
import { writeMonitorVerdicts } from './verdicts';

export interface MonitorSetup {
  every: Every;
  dateColumn: string;
  /** Ascending, with the effective sales-ready flag. */
  bands: readonly { name: string; salesReady: boolean }[];
  rules: readonly { name: string; enabled: boolean }[];
  /** Day numbers, inclusive: the periods starting within them form the baseline. Absent: the first periods
   *  with enough outcomes. */
  baseline?: { from?: number; to?: number };
  salesFeedback: boolean;
  /** The review sample read, with its checked leads the tallies could not place. */
  reviewSample?: { source: string; sampled: number; moved: number; notFound: number };
  /** Contract v2 §10: the model's fit × engagement cells, best first; absent without grades or levels. */
  cells?: readonly EngagementCell[];
}

const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

export function hasEnoughOutcomes(tally: PeriodTally): boolean {
  return tally.known >= MIN_KNOWN && tally.conversions >= MIN_CONVERSIONS;
}

function figuresOf(tally: PeriodTally, setup: MonitorSetup, auc: AucEstimate | null): MonitorFigures {
  const bands: MonitorBand[] = setup.bands.map((band, i) => {
    const known = tally.bandKnown[i]!;
    const conversions = tally.bandConversions[i]!;
    const interval = wilsonInterval(conversions, known);
    const verdicts = tally.bandVerdicts[i]!;
    const accepted = tally.bandAccepted[i]!;
    return {
      band: band.name,
      salesReady: band.salesReady,
      leads: tally.bandLeads[i]!,
      known,
      conversions,
      rate: share(conversions, known),
      low: interval?.low ?? null,
      high: interval?.high ?? null,
      verdicts,
      accepted,
      acceptance: share(accepted, verdicts),
    };
  });
  const ready = bands.filter((b) => b.salesReady);
  const sum = (pick: (b: MonitorBand) => number) => ready.reduce((total, b) => total + pick(b), 0);
  const readyKnown = sum((b) => b.known);
  const readyConversions = sum((b) => b.conversions);
  const readyInterval = wilsonInterval(readyConversions, readyKnown);
  const readyVerdicts = sum((b) => b.verdicts);
  const readyAccepted = sum((b) => b.accepted);
  return {
    leads: tally.leads,
    known: tally.known,
    open: tally.leads - tally.known,
    conversions: tally.conversions,
    rate: share(tally.conversions, tally.known),
    auc: auc?.auc ?? null,
    aucLow: auc?.low ?? null,
    aucHigh: auc?.high ?? null,
    salesReady: {
      bands: ready.map((b) => b.band),
      leads: sum((b) => b.leads),
      share: share(
        sum((b) => b.leads),
        tally.leads,
      ),
      known: readyKnown,
      conversions: readyConversions,
      precision: share(readyConversions, readyKnown),
      low: readyInterval?.low ?? null,
      high: readyInterval?.high ?? null,
      verdicts: readyVerdicts,
      accepted: readyAccepted,
      acceptance: share(readyAccepted, readyVerdicts),
    },
    bands,
    cells: setup.cells
      ? cellFigures(setup.cells, tally.cellLeads, tally.cellKnown, tally.cellConversions)
      : null,
  };
}

function reviewCounts(tally: PeriodTally): MonitorReviewCounts {
  const answered = tally.reviewGood + tally.reviewNotGood;
  const interval = wilsonInterval(tally.reviewGood, answered);
  return {
    checked: tally.reviewChecked,
    good: tally.reviewGood,
    notGood: tally.reviewNotGood,
    share: share(tally.reviewGood, answered),
    low: interval?.low ?? null,
    high: interval?.high ?? null,
  };
}

function movedRules(tally: PeriodTally, baseline: PeriodTally, setup: MonitorSetup): RuleMove[] {
  if (tally.leads === 0 || baseline.leads === 0) return [];
  const moves: (RuleMove & { size: number })[] = [];
  setup.rules.forEach((rule, i) => {
    if (!rule.enabled) return;
    const rate = tally.ruleMatches[i]! / tally.leads;
    const baselineRate = baseline.ruleMatches[i]! / baseline.leads;
    const size = Math.abs(rate - baselineRate);
    const z = twoProportionZ(tally.ruleMatches[i]!, tally.leads, baseline.ruleMatches[i]!, baseline.leads);
    if (size >= MIN_RULE_MOVE && Math.abs(z) > Z_95)
      moves.push({ rule: rule.name, rate, baselineRate, size });
  });
  moves.sort((a, b) => b.size - a.size);
  return moves
    .slice(0, MAX_MOVED_RULES)
    .map(({ rule, rate, baselineRate }) => ({ rule, rate, baselineRate }));
}

function statusOf(tally: PeriodTally, worse: boolean, psi: number | null): MonitorStatus {
  if (worse) return 'worse';
  if (psi !== null && psi >= SHIFT_PSI && tally.leads >= MIN_SHIFT_LEADS) return 'shifted';
  if (tally.leads > 0 && tally.leads - tally.known > tally.known) return 'too young';
  if (!hasEnoughOutcomes(tally)) return 'too few';
  return 'ok';
}

/** The sales-ready bands' acceptance or conversion, below the baseline's beyond chance. */
function tooGenerous(period: MonitorFigures, baseline: MonitorFigures): boolean {
  const now = period.salesReady;
  const then = baseline.salesReady;
  const acceptanceFell =
    now.verdicts >= MIN_VERDICTS &&
    then.verdicts >= MIN_VERDICTS &&
    shareLowerBeyondChance(now.accepted, now.verdicts, then.accepted, then.verdicts);
  const conversionFell =
    now.known >= MIN_KNOWN &&
    then.known >= MIN_KNOWN &&
    shareLowerBeyondChance(now.conversions, now.known, then.conversions, then.known);
  return acceptanceFell || conversionFell;
}

function chooseBaseline(
  starts: readonly number[],
  tallies: ReadonlyMap<number, PeriodTally>,
  setup: MonitorSetup,
) {
  const given = setup.baseline;
  if (given && (given.from !== undefined || given.to !== undefined)) {
    const chosen = starts.filter(
      (s) => (given.from === undefined || s >= given.from) && (given.to === undefined || s <= given.to),
    );
    return { starts: chosen, chosen: 'dates given' as const };
  }
  const enough = starts.filter((s) => hasEnoughOutcomes(tallies.get(s)!));
  return { starts: enough.slice(0, BASELINE_PERIODS), chosen: 'first periods' as const };
}

export function buildMonitorReport(tally: MonitorTally, setup: MonitorSetup): MonitorReport {
  const bandCount = setup.bands.length;
  const ruleCount = setup.rules.length;
  const cellCount = setup.cells?.length ?? 0;
  const filled = [...tally.periods.keys()].sort((a, b) => a - b);
  // Every period from the first to the last, empty ones too, so a chart's time axis has no holes.
  const starts: number[] = [];
  if (filled.length > 0) {
    for (let s = filled[0]!; s <= filled[filled.length - 1]!; s = nextPeriodStart(s, setup.every))
      starts.push(s);
  }
  const tallies = new Map<number, PeriodTally>();
  for (const s of starts) tallies.set(s, tally.periods.get(s) ?? emptyTally(bandCount, ruleCount, cellCount));

  const picked = chooseBaseline(starts, tallies, setup);
  const inBaseline = new Set(picked.starts);
  const baselineTally =
    picked.starts.length === 0
      ? null
      : mergeTallies(
          picked.starts.map((s) => tallies.get(s)!),
          bandCount,
          ruleCount,
          cellCount,
        );
  const baselineAuc = baselineTally ? aucFromCounts(baselineTally.scores) : null;
  let baseline: MonitorBaseline | null = null;
  if (baselineTally && baselineTally.leads > 0) {
    const first = picked.starts[0]!;
    const last = picked.starts[picked.starts.length - 1]!;
    baseline = {
      start: formatIsoDay(first),
      end: formatIsoDay(nextPeriodStart(last, setup.every) - 1),
      label: spanLabel(first, last, setup.every),
      chosen: picked.chosen,
      ...figuresOf(baselineTally, setup, baselineAuc),
    };
  }
  const edges = baselineTally && baseline ? stabilityBins(baselineTally.scores) : [];

  const periods: MonitorPeriod[] = starts.map((start) => {
    const t = tallies.get(start)!;
    const auc = aucFromCounts(t.scores);
    const figures = figuresOf(t, setup, auc);
    const psi = baseline && baselineTally ? populationStability(t.scores, baselineTally.scores, edges) : null;
    const worse =
      hasEnoughOutcomes(t) && auc !== null && baselineAuc !== null && aucWorseBeyondChance(auc, baselineAuc);
    return {
      start: formatIsoDay(start),
      end: formatIsoDay(nextPeriodStart(start, setup.every) - 1),
      label: periodLabel(start, setup.every),
      inBaseline: inBaseline.has(start),
      psi,
      status: statusOf(t, worse, psi),
      tooGenerous: baseline !== null && !inBaseline.has(start) && tooGenerous(figures, baseline),
      movedRules: baselineTally && !inBaseline.has(start) ? movedRules(t, baselineTally, setup) : [],
      review: setup.reviewSample ? reviewCounts(t) : null,
      ...figures,
    };
  });
  const report: MonitorReport = {
    every: setup.every,
    dateColumn: setup.dateColumn,
    baseline,
    periods,
    undated: tally.undated,
    salesFeedback: setup.salesFeedback,
    reviewSample: reviewSampleOf(tally, setup),
    verdicts: [],
  };
  // A run of periods told in one verdict is judged on its counts added together.
  const combine = (from: number, to: number) => {
    const run = mergeTallies(
      starts.slice(from, to + 1).map((s) => tallies.get(s)!),
      bandCount,
      ruleCount,
      cellCount,
    );
    return {
      ...figuresOf(run, setup, aucFromCounts(run.scores)),
      psi: baseline && baselineTally ? populationStability(run.scores, baselineTally.scores, edges) : null,
      movedRules: baselineTally ? movedRules(run, baselineTally, setup) : [],
    };
  };
  report.verdicts = writeMonitorVerdicts(report, combine);
  return report;
}

function reviewSampleOf(tally: MonitorTally, setup: MonitorSetup): MonitorReviewSample | null {
  const read = setup.reviewSample;
  if (!read) return null;
  const all = mergeTallies([...tally.periods.values()], setup.bands.length, setup.rules.length, 0);
  const counts = reviewCounts(all);
  return {
    source: read.source,
    sampled: read.sampled,
    ...counts,
    unanswered: counts.checked - counts.good - counts.notGood,
    moved: read.moved,
    notFound: read.notFound,
  };
}
