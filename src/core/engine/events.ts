// Rules that count events in an activity log (contract v2 §6). The log is read ONCE per compile: every
// event is matched against every event rule and summed per lead key (activityIndex.ts), so scoring a lead
// is one Map lookup and an array read per event rule, never a search of the log.

import type { Decay, EventOperator, Rule } from '../model';
import type { CompiledTree } from './conditions';

/** An activity log as it comes from a range, a CSV or the sidebar: a header row and rows, one per event. */
export interface ActivityTable {
  headers: readonly unknown[];
  rows: readonly (readonly unknown[])[];
}

/**
 * Per event rule, the count (and for `per`, the decayed sum) of a lead key's counted events, as of the
 * reading's clock: the model's as-of, or with `settings.asOfColumn` the lead's own day (§9).
 */
export interface EventTotals {
  count(keyId: number): number;
  sum(keyId: number): number;
  readonly where: CompiledTree | undefined;
}

export interface ActivityIndex {
  /** The id of a lead key (as v1 text); -1 when the log has no event with that key. */
  keyId(keyText: string): number;
  /** Aligned with the event rules given to the ActivityIndexBuilder. */
  readonly totals: readonly EventTotals[];
  /** Events with a usable key, type and date (for explanations and figures). */
  readonly eventCount: number;
  /** Per key id, the day of its first usable event; with one as-of day, undefined (a key has none later). */
  readonly firstDays: Float64Array | undefined;
}

/**
 * An activity log given a row at a time instead of a table (startActivityLog makes one; the CLI streams a file
 * into it): only numeric tallies are kept, never the rows.
 */
export interface StreamedActivities {
  /** The activity-table columns add() reads: a row may leave its other cells out. */
  readonly columns: readonly number[];
  /** One event row, in log order, its cells aligned with the headers the log was started with. */
  add(row: readonly unknown[]): void;
}

export interface EventRuleSpec {
  readonly rule: Rule;
  /** The group's decay, when it has one: each counted event fades by its own age. */
  readonly decay: Decay | undefined;
}

/** Decay factor of an age: v1 step 2 (whole steps of everyDays), never NaN. */
export function decayFactorOf(decay: Pick<Decay, 'percent' | 'everyDays'>, age: number): number {
  if (!(decay.percent > 0)) return 1;
  const steps = Math.floor(Math.max(0, age) / decay.everyDays);
  const factor = (100 - decay.percent * steps) / 100;
  return factor > 0 ? factor : 0; // also 0 when steps is Infinity (a tiny everyDays)
}

/** Whether a count compares so with an event rule's value. */
export function countTest(operator: EventOperator, value: unknown): (count: number) => boolean {
  switch (operator) {
    case '>':
      return (count) => count > (value as number);
    case '>=':
      return (count) => count >= (value as number);
    case '<':
      return (count) => count < (value as number);
    case '<=':
      return (count) => count <= (value as number);
    case 'equals':
      return (count) => count === (value as number);
    case 'not equals':
      return (count) => count !== (value as number);
    case 'between': {
      const [min, max] = value as [number, number];
      return (count) => count >= min && count <= max;
    }
    case 'per':
      return (count) => count !== 0;
  }
}
