// The suggested model's options and what it reports.

import type { BandReport } from '../calibration/types';
import type { ActivityTable } from '../engine';
import type { Activities, Model, Outcome, Problem } from '../model';

export interface SuggestOptions {
  /** Which column records the outcome and which values mean converted (and, optionally, not converted). */
  outcome: Outcome;
  /** Columns to build candidates from (default: all but identifiers, dates, the outcome and the add-on's own
   *  outputs Score, Band, Grade, Reasons). */
  columns?: readonly string[];
  /** Columns to leave out of the default. */
  exclude?: readonly string[];
  /** Columns the leakage guard flags that are kept on purpose; `true` keeps every flagged column. */
  keepLeaky?: readonly string[] | boolean;
  /** The current model: its rules are candidates too, and its AUC on the held-out leads is reported. */
  base?: Model;
  /** Share of leads held out, 0 < share < 1 (default 0.3). */
  holdoutShare?: number;
  /** A date column: hold out the latest leads (holdoutShare of the dated ones) instead of a random share. */
  timeSplit?: string;
  seed?: string | number;
  /** Texts that mean "not answered" (default DEFAULT_PLACEHOLDERS). */
  placeholders?: readonly string[];
  /** At most this many rules (default 25, and never more than 1 per 10 conversions). */
  maxRules?: number;
  /** The suggested model's name (default "Suggested model"). */
  name?: string;
  /** A salesperson's override column (default: the current model's `settings.overrideColumn`): rows with a
   *  number there are left out (contract v2 §5: fitting fits nothing to overridden rows), and the column is
   *  never a candidate. */
  overrideColumn?: string;
  /** The activity log (contract v2 §6): event rules become candidates, and a current model that counts
   *  events can be compared. */
  activities?: ActivityTable;
  /** How the log maps onto the leads (default: the current model's `activities`, else detected from usual
   *  headers: a column both tables share, Activity/Type, Date). */
  activityMapping?: Activities;
  /** §9: a leads column whose date is the day each lead is judged as of when events are counted (blank or
   *  not a date: the model's as-of). */
  asOfColumn?: string;
  /** Per-event candidates ("per event in the last D days, counted up to C"); default true. False leaves
   *  only the threshold ones (to compare). */
  perEventRules?: boolean;
  /** For scoring the current model: its asOf and the time zone of Date cells. */
  asOf?: string;
  timeZone?: string;
  /** Called as the work advances (wide data takes seconds): which step, how far, in plain words. */
  onProgress?: (progress: SuggestProgress) => void;
}

export type SuggestStep = 'candidates' | 'leakage' | 'penalty' | 'selection' | 'evaluation';

export interface SuggestProgress {
  step: SuggestStep;
  /** Units done and in all within the step (columns for candidates and leakage; 0 of 1 otherwise). */
  done: number;
  total: number;
  /** e.g. "Building candidates: column 120 of 1,000". */
  message: string;
}

export type RuleStatus = 'kept' | 'dropped' | 'reversed';

export interface SuggestedRuleReport {
  name: string;
  column: string;
  /** `data`: built from the column's values; `current`: a rule of the current model. */
  source: 'data' | 'current';
  status: RuleStatus;
  /** Whole points in the suggested model; 0 when dropped. */
  points: number;
  /** Points in the current model (current rules only). */
  currentPoints: number | null;
  /** Log-odds in the last fit it took part in; null when it never did (a leaky column). */
  coefficient: number | null;
  /** Fitting leads it matches, how many of them converted, their rate and lift (rate ÷ overall rate). */
  leads: number;
  conversions: number;
  rate: number | null;
  lift: number | null;
  /** Why it was dropped or reversed, in plain words; '' for a kept rule. */
  why: string;
}

export interface LeakageFinding {
  column: string;
  /** Held-out AUC of the column alone. */
  auc: number | null;
  answeredAuc: number | null;
  why: string;
  /** Kept on purpose (`keepLeaky`); otherwise left out. */
  kept: boolean;
}

export interface SuggestEvaluation {
  split:
    | { kind: 'holdout'; share: number; seed: string | number }
    | { kind: 'time'; column: string; from: string; undated: number };
  fitting: { leads: number; conversions: number };
  holdout: { leads: number; conversions: number };
  /** Leads left out because their outcome is still open. */
  open: number;
  /** Leads with a known outcome left out because a salesperson overrode their score. */
  overridden: number;
  /** AUC on the held-out leads of the suggested model as scored by the engine (whole points, caps). */
  holdoutAuc: number | null;
  /** …of the same rules with their unrounded fitted weights: what rounding costs. */
  unroundedAuc: number | null;
  /** …of the fit of every candidate before any was dropped: what keeping few rules costs. */
  allCandidatesAuc: number | null;
  /** …of the current model (null without one). */
  baseAuc: number | null;
  /** The penalty chosen by cross-validation. */
  l2: number;
  candidates: number;
  /** Kept rules first (by points, largest first), then reversed and dropped. */
  rules: SuggestedRuleReport[];
  /** Held-out band table of the suggested model. */
  bands: BandReport[];
  bandsDistinct: boolean;
  /** Columns flagged by the leakage guard. */
  leakage: LeakageFinding[];
  /** Columns left out of the candidates, and why. */
  excluded: { column: string; why: string }[];
  warnings: string[];
  /** Plain sentences for marketers, most important first. */
  verdicts: string[];
}

export type SuggestResult =
  | { ok: true; model: Model; evaluation: SuggestEvaluation }
  | { ok: false; problems: Problem[] };

export const DEFAULT_MAX_RULES = 25;
export const DEFAULT_SUGGEST_SEED = 'lead scoring suggested model';
/** Conversions a kept rule's leads must hold, and conversions per rule overall. */
export const MIN_CONVERSIONS_PER_RULE = 10;
/** Fewer conversions than this and the fit is a first hint (Einstein's minimum). */
export const MIN_CONVERSIONS_OVERALL = 120;
