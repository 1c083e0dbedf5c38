import type { CellFigures } from '../calibration/engagementCells';

// The monitor's report: plain data (the CLI prints it as JSON), an undefined figure is `null`, never NaN.
import type { Every } from './periods';

export type MonitorStatus = 'ok' | 'too few' | 'too young' | 'shifted' | 'worse';

export interface MonitorBand {
  band: string;
  salesReady: boolean;
  leads: number;
  /** Leads whose outcome is known (open ones left out). */
  known: number;
  conversions: number;
  /** conversions / known; null when nothing is known. */
  rate: number | null;
  /** 95% Wilson interval of `rate`. */
  low: number | null;
  high: number | null;
  /** Leads sales gave a verdict on, those it accepted, and accepted / verdicts. */
  verdicts: number;
  accepted: number;
  acceptance: number | null;
}

/** The sales-ready bands together: what sales receives. */
export interface MonitorSalesReady {
  bands: string[];
  /** Volume: leads handed over, and their share of the cohort. */
  leads: number;
  share: number | null;
  known: number;
  conversions: number;
  /** conversions / known: the share of handed-over leads that converted. */
  precision: number | null;
  low: number | null;
  high: number | null;
  verdicts: number;
  accepted: number;
  acceptance: number | null;
}

/** A rule whose match rate moved beyond chance against the baseline. */
export interface RuleMove {
  rule: string;
  /** Share of the cohort's leads it matched, and of the baseline's. */
  rate: number;
  baselineRate: number;
}

export interface MonitorFigures {
  leads: number;
  known: number;
  open: number;
  conversions: number;
  rate: number | null;
  auc: number | null;
  aucLow: number | null;
  aucHigh: number | null;
  salesReady: MonitorSalesReady;
  bands: MonitorBand[];
  /** Contract v2 §10: leads, known outcomes and conversion per fit × engagement cell (A1 first), every cell
   *  of the model listed; null for a model without grades or engagement levels. */
  cells: CellFigures[] | null;
}

/** Leads of the Calibration sheet's review sample (leads the model keeps from sales) checked by hand. */
export interface MonitorReviewCounts {
  checked: number;
  /** Those whose notes say sales should call them (the model's misses), and those it should not. */
  good: number;
  notGood: number;
  /** good / (good + notGood), with its 95% Wilson interval; null when none was answered. */
  share: number | null;
  low: number | null;
  high: number | null;
}

export interface MonitorReviewSample extends MonitorReviewCounts {
  /** Where it was read (e.g. the Calibration sheet). */
  source: string;
  /** Leads listed in the sample, ticked or not. */
  sampled: number;
  /** Checked leads without a yes or no in the notes. */
  unanswered: number;
  /** Checked leads whose row now holds another lead (the leads were sorted or edited since), left out. */
  moved: number;
  /** Checked leads whose row is not among these leads, or has no date, left out. */
  notFound: number;
}

export interface MonitorPeriod extends MonitorFigures {
  /** First and last day of the period, `YYYY-MM-DD`. */
  start: string;
  end: string;
  /** "August 2026", "Q3 2026", "week of 2026-08-03". */
  label: string;
  inBaseline: boolean;
  /** Population stability index of the scores against the baseline's; null without leads or baseline. */
  psi: number | null;
  status: MonitorStatus;
  /** The sales-ready bands' acceptance or conversion fell below the baseline's beyond chance. */
  tooGenerous: boolean;
  /** Rules whose match rate moved most (beyond chance), largest move first; at most three. */
  movedRules: RuleMove[];
  /** The review sample's checked leads that came in this period; null when no review sample was read. */
  review: MonitorReviewCounts | null;
}

export interface MonitorBaseline extends MonitorFigures {
  /** First day of its first period and last day of its last, `YYYY-MM-DD`. */
  start: string;
  end: string;
  label: string;
  /** How it was chosen: the first periods with enough outcomes, or the dates given. */
  chosen: 'first periods' | 'dates given';
}

export interface MonitorReport {
  every: Every;
  dateColumn: string;
  /** Null when no period has enough outcomes to compare with (or none lies within the dates given). */
  baseline: MonitorBaseline | null;
  /** Oldest first, every period from the first lead's to the last's (empty ones too). */
  periods: MonitorPeriod[];
  /** Leads left out because their date cell is blank or not a date. */
  undated: number;
  /** Whether a sales-verdict column was read. */
  salesFeedback: boolean;
  /** The review sample's feedback, when a review sample was read; null otherwise. */
  reviewSample: MonitorReviewSample | null;
  /** Plain sentences, newest period first. */
  verdicts: string[];
}
