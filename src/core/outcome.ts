// Outcome of a row, contract v1 "Outcome": whether a lead converted, for calibration and fitting.

import { cellText, type DayOfDate } from './cells';
import type { Outcome } from './model';

export type OutcomeState = 'converted' | 'not converted' | 'open';

/**
 * Reads an outcome cell as text and compares it with the outcome's lists (trimmed,
 * case-insensitive). Without a `negative` list every row that is not positive counts as not
 * converted; with one, a row in neither list is still open.
 */
export function compileOutcome(outcome: Outcome, dayOfDate?: DayOfDate): (cell: unknown) => OutcomeState {
  const normalise = (word: string) => word.trim().toLowerCase();
  const positive = new Set(outcome.positive.map(normalise));
  const negative = outcome.negative === undefined ? undefined : new Set(outcome.negative.map(normalise));
  return (cell) => {
    const text = cellText(cell, dayOfDate);
    if (positive.has(text)) return 'converted';
    if (negative === undefined || negative.has(text)) return 'not converted';
    return 'open';
  };
}
