// The monitor's verdicts: what changed, in plain words, newest period first.
import { countText, percent, percentPair } from '../calibration/format';
import { shareLowerBeyondChance } from './stats';
import { MIN_CONVERSIONS, MIN_KNOWN } from './thresholds';
import type { MonitorBand, MonitorPeriod, MonitorReport } from './types';

const aucText = (auc: number) => auc.toFixed(2);

function listText(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The sales-ready band whose conversion fell most below the baseline's, beyond chance. */
function bandThatFell(period: MonitorPeriod, baselineBands: readonly MonitorBand[]): MonitorBand | undefined {
  let found: MonitorBand | undefined;
  let largest = 0;
  period.bands.forEach((band, i) => {
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

export function writeMonitorVerdicts(report: MonitorReport): string[] {
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
  let newestWorseSaid = false;
  for (let index = periods.length - 1; index >= 0; index--) {
    const p = periods[index]!;
    const came = `that came in ${p.label}`;
    if (p.status === 'worse' && baseline && p.auc !== null && baseline.auc !== null) {
      const fell = bandThatFell(p, baseline.bands);
      const aucPart = `(AUC ${aucText(p.auc)} against ${aucText(baseline.auc)})`;
      let ranks = `The score ranks the leads ${came} worse than those of ${then} ${aucPart}`;
      if (fell) {
        const before = baseline.bands.find((b) => b.band === fell.band)!;
        const [now, was] = percentPair(fell.rate!, before.rate!);
        ranks = `${fell.band} leads ${came} convert ${now} against ${was} in ${then}, and the score ranks them worse ${aucPart}`;
      }
      if (!newestWorseSaid) {
        const since = worseSince(periods, index);
        verdicts.push(`${ranks}: refit with Suggest on the leads since ${since.label}.`);
        newestWorseSaid = true;
      } else verdicts.push(`${ranks}.`);
    } else if (p.status === 'shifted' && p.psi !== null) {
      const moves = p.movedRules.map(
        (m) => `"${m.rule}" matches ${percentPair(m.rate, m.baselineRate).join(' of them against ')} before`,
      );
      verdicts.push(
        `The leads ${came} are not like those of ${then} (stability index ${p.psi.toFixed(2)}, 0.25 or more is a large shift)${moves.length > 0 ? `: ${listText(moves)}` : ''}. Check what feeds the sheet before trusting this period's bands.`,
      );
    } else if (p.status === 'too young') {
      verdicts.push(
        `${p.label}: ${percent(p.open / p.leads)} of its ${countText(p.leads)} leads are still open; judge it when more outcomes are in.`,
      );
    } else if (p.status === 'too few' && p.leads > 0) {
      verdicts.push(
        `${p.label}: ${countText(p.known)} known outcomes (${countText(p.conversions)} converted) are too few to judge (${MIN_KNOWN} and ${MIN_CONVERSIONS} needed).`,
      );
    }
    if (p.tooGenerous && baseline) {
      const now = p.salesReady;
      const was = baseline.salesReady;
      const parts: string[] = [];
      if (now.acceptance !== null && was.acceptance !== null && now.acceptance < was.acceptance) {
        parts.push(
          `sales accepted ${percentPair(now.acceptance, was.acceptance).join(' of them against ')} in ${then}`,
        );
      }
      // A period already said to rank worse has had its conversion drop told; only sales' word is news then.
      const conversionTold = p.status === 'worse';
      if (
        !conversionTold &&
        now.precision !== null &&
        was.precision !== null &&
        now.precision < was.precision
      ) {
        parts.push(`${percentPair(now.precision, was.precision).join(' converted against ')} in ${then}`);
      }
      if (parts.length > 0)
        verdicts.push(
          `The score was too generous with the leads ${came}: of those handed to sales (${listText(now.bands)}), ${listText(parts)}. Raise the sales-ready cut-off or refit.`,
        );
    }
  }
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
