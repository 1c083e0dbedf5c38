// The engine's public types: options, results and the compiled model.

import type { DayOfDate } from '../cells';
import type { Model, Problem } from '../model';
import type { OutcomeState } from '../outcome';
import type { ActivityTable, StreamedActivities } from './events';

export type { OutcomeState } from '../outcome';
export type { ActivityTable, StreamedActivities } from './events';

export interface ScoringOptions {
  /** `YYYY-MM-DD`; overrides `model.settings.asOf`. */
  asOf?: string;
  /** IANA time zone for Date cells and for "today"; default 'UTC'. */
  timeZone?: string;
  /** "Today" when neither the options nor the model give asOf; default `new Date()`. */
  now?: Date;
  /**
   * Days since 1970-01-01 of a Date's calendar day in the sheet's zone. When given it is used instead
   * of Intl with `timeZone` (Apps Script passes one built on Utilities.formatDate).
   */
  dayOfDate?: DayOfDate;
  /**
   * The activity log (contract v2 §6), read once by compileModel and indexed by key. Required when
   * the model has an enabled event rule; ignored otherwise. Or a log streamed in row by row
   * (startActivityLog, started with the same model and options): its index is taken as it stands.
   */
  activities?: ActivityTable | StreamedActivities;
}

/** A rule's signed contribution after its cap and decay, rounded to 2 decimals. */
export interface Reason {
  rule: string;
  points: number;
  /** The whole reason as shown, when it is not `rule points` (the override: `Manual override 75 (model 42)`). */
  text?: string;
  /** Set when the rule's group went over its maxPoints: the cap its group's total was cut to. `points` stay
   *  the rule's own (before the group cap), as the frozen v1 engine gives them. */
  groupCap?: number;
}

export interface LeadScore {
  score: number;
  band: string;
  grade: string | undefined;
  /** v2 §10: the level of the engagement score; undefined without `engagementLevels`. */
  engagementLevel: string | undefined;
  /** v2 §10: grade + level (`A1`); undefined unless the model has both grades and engagementLevels. */
  cell: string | undefined;
  fit: number;
  engagement: number;
  /** Aligned with model.groups, after group caps, rounded. */
  groupTotals: number[];
  /** Non-zero contributions, largest magnitude first (model order on ties); an override's reason first. */
  reasons: Reason[];
  /** v2 §5: set when the override column replaced the score; the score the model alone gives. */
  modelScore?: number;
  /** v2 §9: `YYYY-MM-DD`, set when the lead was judged as of its own day and that is not the model's. */
  asOf?: string;
}

export interface RuleExplanation {
  rule: string;
  points: number;
  note: string;
}

export interface CompiledModel {
  readonly model: Model;
  /** Day number (days since 1970-01-01) that ages are measured from: the model's as-of. */
  readonly asOfDay: number;
  /** v2 §9: the day a lead is judged on: its `settings.asOfColumn` date when it has one, else asOfDay. */
  leadAsOfDay(row: readonly unknown[]): number;
  /** Scores one row of cells aligned with the headers given to compileModel. Never throws. */
  score(row: readonly unknown[]): LeadScore;
  /** Just the score (no reasons allocated). Same number as score(row).score. */
  scoreValue(row: readonly unknown[]): number;
  /** scoreValue(row), filling `matched` (resized to model.rules) with matches(row): the rules read once. */
  scoreValueWithMatches(row: readonly unknown[], matched: boolean[]): number;
  /** Whether each rule of model.rules matched (false when disabled; a `per` rule matches when its
   *  contribution, after its cap and before decay, is non-zero). */
  matches(row: readonly unknown[]): boolean[];
  /** 'converted' | 'not converted' | 'open'; undefined when the model has no outcome (or its column is absent). */
  outcome(row: readonly unknown[]): OutcomeState | undefined;
  /** Index in model.bands of the band of a score. */
  bandIndex(score: number): number;
  /** Per rule, in plain words, why it did or did not count for this row. */
  explain(row: readonly unknown[]): RuleExplanation[];
}

export type CompileResult = { ok: true; compiled: CompiledModel } | { ok: false; problems: Problem[] };
