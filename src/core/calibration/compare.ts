// Side by side: two model versions calibrated on the same leads.

import { countText, percent } from './format';
import type { BandReport, CalibrationReport } from './types';

export interface MetricComparison {
  a: number | null;
  b: number | null;
  /** b − a; null when either is undefined. */
  change: number | null;
}

export interface BandSideBySide {
  name: string;
  /** The band in each version; null when that version has no band of this name. */
  a: BandReport | null;
  b: BandReport | null;
}

export interface ReportComparison {
  labels: { a: string; b: string };
  leads: MetricComparison;
  conversions: MetricComparison;
  /** Same lead and conversion counts: the reports plausibly cover the same leads. */
  sameLeads: boolean;
  auc: MetricComparison;
  gini: MetricComparison;
  ks: MetricComparison;
  salesReady: {
    threshold: MetricComparison;
    leads: MetricComparison;
    precision: MetricComparison;
    recall: MetricComparison;
  };
  /** Bands matched by name: A's order first, then B's bands that A lacks. */
  bands: BandSideBySide[];
  verdicts: string[];
}

function metric(a: number | null, b: number | null): MetricComparison {
  return { a, b, change: a === null || b === null ? null : b - a };
}

/** AUC differences smaller than this are noise on typical small-team data. */
const AUC_NOISE = 0.01;

export function compareReports(
  a: CalibrationReport,
  b: CalibrationReport,
  labels: { a: string; b: string } = { a: 'A', b: 'B' },
): ReportComparison {
  const bandsByName = new Map<string, BandSideBySide>();
  for (const band of a.bands) bandsByName.set(band.name, { name: band.name, a: band, b: null });
  for (const band of b.bands) {
    const row = bandsByName.get(band.name);
    if (row) row.b = band;
    else bandsByName.set(band.name, { name: band.name, a: null, b: band });
  }

  const comparison: ReportComparison = {
    labels,
    leads: metric(a.leads, b.leads),
    conversions: metric(a.conversions, b.conversions),
    sameLeads: a.leads === b.leads && a.conversions === b.conversions,
    auc: metric(a.auc, b.auc),
    gini: metric(a.gini, b.gini),
    ks: metric(a.ks, b.ks),
    salesReady: {
      threshold: metric(a.salesReady.threshold, b.salesReady.threshold),
      leads: metric(a.salesReady.leads, b.salesReady.leads),
      precision: metric(a.salesReady.precision, b.salesReady.precision),
      recall: metric(a.salesReady.recall, b.salesReady.recall),
    },
    bands: [...bandsByName.values()],
    verdicts: [],
  };
  comparison.verdicts = compareVerdicts(a, b, labels);
  return comparison;
}

function compareVerdicts(
  a: CalibrationReport,
  b: CalibrationReport,
  labels: { a: string; b: string },
): string[] {
  const verdicts: string[] = [];
  if (a.leads !== b.leads || a.conversions !== b.conversions) {
    verdicts.push(
      `The two reports cover different leads (${countText(a.leads)} and ${countText(b.leads)} leads, ` +
        `${countText(a.conversions)} and ${countText(b.conversions)} conversions): compare them with care.`,
    );
  }
  if (a.auc !== null && b.auc !== null) {
    // The numbers follow the order the sentence names the versions in.
    const bFirst = `AUC ${b.auc.toFixed(2)} against ${a.auc.toFixed(2)}`;
    if (Math.abs(b.auc - a.auc) < AUC_NOISE)
      verdicts.push(
        `${labels.a} and ${labels.b} rank leads about equally (AUC ${a.auc.toFixed(2)} and ${b.auc.toFixed(2)}).`,
      );
    else if (b.auc > a.auc) verdicts.push(`${labels.b} ranks leads better than ${labels.a} (${bFirst}).`);
    else verdicts.push(`${labels.b} ranks leads worse than ${labels.a} (${bFirst}).`);
  }
  const describe = (label: string, report: CalibrationReport): string => {
    const flagged = report.salesReady;
    if (flagged.precision === null) return `${label} hands sales no lead`;
    const caught = flagged.recall === null ? '' : `, catching ${percent(flagged.recall)} of conversions`;
    return `${label} hands sales ${countText(flagged.leads)} leads at ${percent(flagged.precision)} precision${caught}`;
  };
  verdicts.push(`${describe(labels.a, a)}; ${describe(labels.b, b)}.`);
  return verdicts;
}
