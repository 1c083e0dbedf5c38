// The pieces a compiled model is built from: rules, decays and columns resolved against a header row
// (by compile.ts), scored row by row (by scorer.ts) and explained (by explain.ts).

import type { EventOperator, Model, Rule } from '../model';
import type { OutcomeState } from '../outcome';
import type { CellReading, CompiledTree } from './conditions';
import type { ActivityIndex, EventTotals } from './events';

export const EMPTY_ROW: readonly unknown[] = [];

/** The override's reason: `Manual override 75 (model 42)`. */
export const OVERRIDE_REASON = 'Manual override';

/** The explanation's line for a lead judged as of its own day (contract v2 §9). */
export const AS_OF_REASON = 'As of';

/** A rule's count of events, for event rules. */
export interface CompiledEvent {
  readonly totals: EventTotals;
  readonly operator: EventOperator;
  readonly holds: (count: number) => boolean;
}

export interface CompiledRule {
  readonly rule: Rule;
  readonly index: number;
  readonly group: number;
  readonly cap: number;
  /** The lead's column a v1 rule reads; -1 for `when` and `event` rules. */
  readonly column: number;
  readonly when: CompiledTree | undefined;
  readonly event: CompiledEvent | undefined;
  /** Whether the group's row decay applies (not to event rules: their events fade one by one). */
  readonly decays: boolean;
  /** Whether the rule matches (for `per`: it contributes non-zero points before decay). */
  readonly test: (cells: readonly unknown[], keyId: number) => boolean;
  /** Signed contribution after the rule's cap, before row decay and weight. */
  readonly contribution: (cells: readonly unknown[], keyId: number) => number;
}

export interface CompiledDecay {
  readonly column: number;
  /** The date column's day (read once per row with the rules on that column). */
  readonly day: (cell: unknown) => number | undefined;
  readonly columnName: string;
  readonly percent: number;
  readonly everyDays: number;
}

export interface CompiledParts {
  model: Model;
  asOfDay: number;
  reading: CellReading;
  /** The leads' column of settings.asOfColumn; -1 without one. */
  asOfColumn: number;
  rules: readonly CompiledRule[];
  decays: readonly (CompiledDecay | undefined)[];
  outcomeOf: ((cell: unknown) => OutcomeState) | undefined;
  outcomeColumn: number | undefined;
  overrideColumn: number;
  leadKeyColumn: number;
  activityIndex: ActivityIndex | undefined;
}
