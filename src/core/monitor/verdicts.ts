// The monitor's verdicts: what changed, in plain words, newest first. Consecutive periods in the same state
// fold into one verdict on their figures added together ("since August 2026", "from August to October 2026"),
// so a break that lasts is said once, not once a month.
import { countText, percent, percentPair, percentRange } from '../calibration/format';
import type { Every } from './periods';
import { shareLowerBeyondChance } from './stats';
import { MIN_CONVERSIONS, MIN_KNOWN } from './thresholds';
import type { MonitorBand, MonitorFigures, MonitorPeriod, MonitorReport, RuleMove } from './types';

const aucText = (auc: number) => auc.toFixed(2);

function listText(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The figures of periods `from`..`to` (indexes, inclusive) added together, with their score shift and moved
 *  rules against the baseline. */
export interface RunFigures extends MonitorFigures {
  psi: number | null;
  movedRules: RuleMove[];
}
export type CombineRun = (from: number, to: number) => RunFigures;

/** The sales-ready band whose conversion fell most below the baseline's, beyond chance. */
function bandThatFell(
  figures: MonitorFigures,
  baselineBands: readonly MonitorBand[],
): MonitorBand | undefined {
  let found: MonitorBand | undefined;
  let largest = 0;
  figures.bands.forEach((band, i) => {
    const then = baselineBands[i];
    if (!band.salesReady || !then || band.rate === null || then.rate === null) return;
    if (!shareLowerBeyondChance(band.conversions, band.known, then.conversions, then.known)) return;
    if (then.rate - band.rate > largest) {
      largest = then.rate - band.rate;
      found = band;
    }
  });
  return found;
}

/** The first period of the run of `worse` periods that ends at `index` (periods that cannot be judged do
 *  not break the run). */
function worseSince(periods: readonly MonitorPeriod[], index: number): MonitorPeriod {
  let since = periods[index]!;
  for (let i = index - 1; i >= 0; i--) {
    const status = periods[i]!.status;
    if (status === 'worse') since = periods[i]!;
    else if (status !== 'too few' && status !== 'too young') break;
  }
  return since;
}

/** Runs of consecutive periods sharing a key (null keys are no run), newest run first. */
function runsOf<K>(periods: readonly MonitorPeriod[], key: (p: MonitorPeriod) => K | null) {
  const runs: { key: K; from: number; to: number }[] = [];
  for (let i = periods.length - 1; i >= 0; i--) {
    const k = key(periods[i]!);
    if (k === null) continue;
    const last = runs[runs.length - 1];
    if (last && last.key === k && last.from === i + 1) last.from = i;
    else runs.push({ key: k, from: i, to: i });
  }
  return runs;
}

/** "August 2026", "since August 2026" (a run up to the newest period), "from August to October 2026". */
export function runPhrase(
  periods: readonly MonitorPeriod[],
  from: number,
  to: number,
  every: Every,
): { came: string; name: string } {
  const first = periods[from]!;
  const last = periods[to]!;
  if (from === to) return { came: `that came in ${first.label}`, name: first.label };
  if (to === periods.length - 1)
    return { came: `that came in since ${first.label}`, name: `since ${first.label}` };
  let firstLabel = first.label;
  const year = (label: string) => label.slice(label.lastIndexOf(' ') + 1);
  if (every === 'week') {
    const span = `from ${first.start} to ${last.end}`;
    return { came: `that came in ${span}`, name: span };
  }
  if (year(first.label) === year(last.label)) firstLabel = first.label.slice(0, first.label.lastIndexOf(' '));
  const span = `from ${firstLabel} to ${last.label}`;
  return { came: `that came in ${span}`, name: span };
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function writeMonitorVerdicts(report: MonitorReport, combine: CombineRun): string[] {
  const verdicts: string[] = [];
  const baseline = report.baseline;
  const periods = report.periods;
  if (periods.length === 0) {
    return [`No lead has a date in "${report.dateColumn}": there is nothing to follow over time.`];
  }
  if (baseline === null) {
    verdicts.push(
      report.periods.some((p) => p.inBaseline)
        ? 'The baseline periods have no leads: pick other dates for the baseline.'
        : `No ${report.every} has ${MIN_KNOWN} known outcomes and ${MIN_CONVERSIONS} conversions yet (or none starts within the baseline dates): there is no baseline to compare with.`,
    );
  }
  const then = baseline?.label ?? '';
  // Each verdict is placed by the newest period it speaks of; a status verdict before a sales verdict.
  const placed: { newest: number; order: number; text: string }[] = [];
  let newestWorseSaid = false;

  const statusRuns = runsOf(periods, (p) =>
    p.status === 'ok' || (p.status === 'too few' && p.leads === 0) ? null : p.status,
  );
  for (const run of statusRuns) {
    const { came, name } = runPhrase(periods, run.from, run.to, report.every);
    const c = combine(run.from, run.to);
    const single = run.from === run.to;
    let text: string | undefined;
    if (run.key === 'worse' && baseline && c.auc !== null && baseline.auc !== null) {
      const fell = bandThatFell(c, baseline.bands);
      const aucPart = `(AUC ${aucText(c.auc)} against ${aucText(baseline.auc)})`;
      text = `The score ranks the leads ${came} worse than those of ${then} ${aucPart}`;
      if (fell) {
        const before = baseline.bands.find((b) => b.band === fell.band)!;
        const [now, was] = percentPair(fell.rate!, before.rate!);
        text = `${fell.band} leads ${came} convert ${now} against ${was} in ${then}, and the score ranks them worse ${aucPart}`;
      }
      if (!newestWorseSaid) {
        const since = worseSince(periods, run.to);
        text = `${text}: refit with Suggest on the leads since ${since.label}.`;
        newestWorseSaid = true;
      } else text = `${text}.`;
    } else if (run.key === 'shifted' && c.psi !== null) {
      const moves = c.movedRules.map(
        (m) => `"${m.rule}" matches ${percentPair(m.rate, m.baselineRate).join(' of them against ')} before`,
      );
      text = `The leads ${came} are not like those of ${then} (stability index ${c.psi.toFixed(2)}, 0.25 or more is a large shift)${moves.length > 0 ? `: ${listText(moves)}` : ''}. Check what feeds the sheet before trusting ${single ? "this period's" : "these periods'"} bands.`;
    } else if (run.key === 'too young') {
      text = `${capitalised(name)}: ${percent(c.open / c.leads)} of ${single ? 'its' : 'their'} ${countText(c.leads)} leads are still open; judge ${single ? 'it' : 'them'} when more outcomes are in.`;
    } else if (run.key === 'too few') {
      const needed = `(${MIN_KNOWN} and ${MIN_CONVERSIONS} needed)`;
      text = single
        ? `${name}: ${countText(c.known)} known outcomes (${countText(c.conversions)} converted) are too few to judge ${needed}.`
        : `${capitalised(name)}: each ${report.every} has too few known outcomes to judge ${needed}; ${countText(c.known)} in all, ${countText(c.conversions)} converted.`;
    }
    if (text) placed.push({ newest: run.to, order: 0, text });
  }

  if (baseline) {
    for (const run of runsOf(periods, (p) => (p.tooGenerous ? true : null))) {
      const { came } = runPhrase(periods, run.from, run.to, report.every);
      const c = combine(run.from, run.to);
      const now = c.salesReady;
      const was = baseline.salesReady;
      const parts: string[] = [];
      if (now.acceptance !== null && was.acceptance !== null && now.acceptance < was.acceptance) {
        parts.push(
          `sales accepted ${percentPair(now.acceptance, was.acceptance).join(' of them against ')} in ${then}`,
        );
      }
      // Periods already said to rank worse have had their conversion drop told; only sales' word is news then.
      const conversionTold = periods.slice(run.from, run.to + 1).every((p) => p.status === 'worse');
      if (
        !conversionTold &&
        now.precision !== null &&
        was.precision !== null &&
        now.precision < was.precision
      ) {
        parts.push(`${percentPair(now.precision, was.precision).join(' converted against ')} in ${then}`);
      }
      if (parts.length > 0)
        placed.push({
          newest: run.to,
          order: 1,
          text: `The score was too generous with the leads ${came}: of those handed to sales (${listText(now.bands)}), ${listText(parts)}. Raise the sales-ready cut-off or refit.`,
        });
    }
  }
  placed.sort((a, b) => b.newest - a.newest || a.order - b.order);
  verdicts.push(...placed.map((p) => p.text));
  const review = reviewVerdict(report);
  if (review) verdicts.push(review);

  if (baseline && !periods.some((p) => p.status !== 'ok' || p.tooGenerous)) {
    verdicts.push(
      `Every ${report.every} ranks leads as well as ${then}${baseline.auc === null ? '' : ` (AUC ${aucText(baseline.auc)})`} and the leads look alike.`,
    );
  } else if (baseline && !periods.some((p) => p.status === 'worse')) {
    verdicts.push(`No ${report.every} ranks leads worse than ${then} beyond chance.`);
  }
  if (report.undated > 0) {
    verdicts.push(
      `${countText(report.undated)} leads have no date in "${report.dateColumn}" and are left out.`,
    );
  }
  return verdicts;
}

/** What the review sample's checked leads say: how many of the leads the model keeps from sales, sales
 *  would call (the model's misses). */
function reviewVerdict(report: MonitorReport): string | undefined {
  const r = report.reviewSample;
  if (!r) return undefined;
  const ask = 'write yes or no at the start of "Should sales call?"';
  const leftOut: string[] = [];
  if (r.moved > 0)
    leftOut.push(
      `${countText(r.moved)} ticked rows now hold another lead (the leads were sorted or edited since the sample was drawn)`,
    );
  if (r.notFound > 0) leftOut.push(`${countText(r.notFound)} ticked rows are not among these dated leads`);
  const tail = leftOut.length > 0 ? ` ${capitalised(listText(leftOut))}: left out.` : '';
  if (r.checked === 0) {
    if (r.moved + r.notFound > 0) return `None of the review sample's ticked leads could be found.${tail}`;
    return `None of the ${countText(r.sampled)} leads of the review sample on ${r.source} is ticked yet: tick those you checked and ${ask}.`;
  }
  const answered = r.good + r.notGood;
  if (answered === 0 || r.share === null) {
    return `${countText(r.checked)} leads of the review sample are ticked, but none says whether sales should call: ${ask}.${tail}`;
  }
  const interval = r.low !== null && r.high !== null ? `, 95% interval ${percentRange(r.low, r.high)}` : '';
  const unanswered =
    r.unanswered > 0
      ? ` ${countText(r.unanswered)} more are ticked without a yes or no in "Should sales call?".`
      : '';
  const meaning =
    r.good === 0
      ? 'the model missed none of them.'
      : "the model's misses; see which rules they lack before lowering the sales-ready cut-off.";
  return `Of the ${countText(answered)} leads the model keeps from sales that were checked by hand (the review sample on ${r.source}), sales should call ${countText(r.good)} (${percent(r.share)}${interval}): ${meaning}${unanswered}${tail}`;
}
