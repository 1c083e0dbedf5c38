// The leakage guard: columns that were probably filled in after the outcome (a sales rep's verdict, a status,
// a tag such as "Closed"). Rules on them score the past, not the lead: a model built on them looks excellent
// on old leads and is useless on new ones. Three signs, each enough to flag a column:
// 1. It separates alone: the column by itself ranks the held-out leads with AUC ≥ 0.95 — over all leads, or
//    over the leads where it is answered (a field sales fills in for some leads only).
// 2. Its values settle outcomes: one answered value holds at least 5% of the leads and its conversion rate
//    is, beyond doubt (95% Wilson interval), under 5% or over 95%. A form field rarely has such a value;
//    a verdict ("Worst", "Will revert after reading the email") does.
// 3. It is blank for nearly all open leads (≥ 90%) while answered for most decided ones (blank for ≤ 50%):
//    it is filled in when the outcome is.
// Used by the suggested model (on every candidate column) and by calibration (on the model's columns).

import { auc, wilsonInterval } from '../calibration/stats';
import { cellNumber, cellText } from '../cells';
import { isUnanswered } from './columns';

export const LEAK_AUC = 0.95;
export const DECISIVE_SHARE = 0.05;
export const DECISIVE_RATE = 0.05;
export const OPEN_BLANK_SHARE = 0.9;
export const DECIDED_BLANK_SHARE = 0.5;
/** Open leads needed before sign 3 is judged. */
export const MIN_OPEN_LEADS = 20;
/** Held-out leads with each outcome needed to judge sign 1 on answered leads only. */
const MIN_ANSWERED_EACH = 10;
const NUMERIC_BINS = 10;
const MAX_NUMERIC_LEVELS = 6;

export type LeakageSign = 'separates alone' | 'values settle outcomes' | 'blank while open';

export interface LeakageCheck {
  column: string;
  /** Held-out AUC of the column alone (its values' conversion rates in the fitting part); null when the
   *  held-out leads lack either outcome. */
  auc: number | null;
  /** The same over the held-out leads where the column is answered; null when too few. */
  answeredAuc: number | null;
  /** The signs found; empty = no sign of leakage. */
  signs: LeakageSign[];
  /** Plain words: why it was flagged (empty when it was not). */
  why: string;
}

export interface LeakageInput {
  column: string;
  /** Cells of the decided leads, aligned with `converted`. */
  cells: readonly unknown[];
  /** Cells of the open leads (outcome not known yet). */
  openCells?: readonly unknown[];
  numeric: boolean;
}

export function checkLeakage(
  input: LeakageInput,
  converted: readonly boolean[],
  split: { fit: readonly number[]; holdout: readonly number[] },
  placeholders: ReadonlySet<string>,
): LeakageCheck {
  const levelOf = levelReader(input, split.fit, placeholders);
  // Conversion rate per level in the fitting part, shrunk towards the overall rate (a level seen once
  // should not score 0% or 100%).
  const stats = new Map<string, { leads: number; conversions: number }>();
  let fitConversions = 0;
  for (const row of split.fit) {
    const key = levelOf(input.cells[row]);
    const level = stats.get(key) ?? { leads: 0, conversions: 0 };
    level.leads++;
    if (converted[row]) {
      level.conversions++;
      fitConversions++;
    }
    stats.set(key, level);
  }
  const overall = split.fit.length === 0 ? 0 : fitConversions / split.fit.length;
  const rateOf = (key: string) => {
    const level = stats.get(key);
    return level === undefined ? overall : (level.conversions + overall) / (level.leads + 1);
  };
  const scores: number[] = [];
  const outcomes: boolean[] = [];
  const answeredScores: number[] = [];
  const answeredOutcomes: boolean[] = [];
  for (const row of split.holdout) {
    const key = levelOf(input.cells[row]);
    const rate = rateOf(key);
    scores.push(rate);
    outcomes.push(converted[row]!);
    if (key !== '') {
      answeredScores.push(rate);
      answeredOutcomes.push(converted[row]!);
    }
  }
  const aloneAuc = auc(scores, outcomes);
  const answeredConversions = answeredOutcomes.filter(Boolean).length;
  const answeredAuc =
    answeredConversions >= MIN_ANSWERED_EACH &&
    answeredOutcomes.length - answeredConversions >= MIN_ANSWERED_EACH
      ? auc(answeredScores, answeredOutcomes)
      : null;

  const signs: LeakageSign[] = [];
  const why: string[] = [];
  const best = Math.max(aloneAuc ?? 0, answeredAuc ?? 0);
  if (best >= LEAK_AUC) {
    signs.push('separates alone');
    why.push(
      aloneAuc !== null && aloneAuc >= LEAK_AUC
        ? `alone it ranks held-out leads with AUC ${aloneAuc.toFixed(2)}`
        : `where it is answered, it alone ranks held-out leads with AUC ${answeredAuc!.toFixed(2)}`,
    );
  }
  const decisive: string[] = [];
  for (const [key, level] of stats) {
    if (key === '' || key.startsWith('\u0000') || level.leads < DECISIVE_SHARE * split.fit.length) continue;
    const interval = wilsonInterval(level.conversions, level.leads);
    if (interval === null) continue;
    if (interval.high <= DECISIVE_RATE || interval.low >= 1 - DECISIVE_RATE) {
      const rate = Math.round((100 * level.conversions) / level.leads);
      decisive.push(`"${displayOf(input, key)}" (${rate}% of its ${level.leads} leads converted)`);
    }
  }
  if (decisive.length > 0) {
    signs.push('values settle outcomes');
    why.push(
      decisive.length === 1
        ? `its value ${decisive[0]} all but settles the outcome`
        : `its values ${decisive.slice(0, 3).join(', ')} all but settle the outcome`,
    );
  }
  const open = input.openCells ?? [];
  if (open.length >= MIN_OPEN_LEADS) {
    const openBlank = open.filter((cell) => isUnanswered(cell, placeholders)).length / open.length;
    const decidedBlank =
      input.cells.filter((cell) => isUnanswered(cell, placeholders)).length / Math.max(1, input.cells.length);
    if (openBlank >= OPEN_BLANK_SHARE && decidedBlank <= DECIDED_BLANK_SHARE) {
      signs.push('blank while open');
      why.push(
        `it is blank for ${Math.round(openBlank * 100)}% of open leads but only ${Math.round(decidedBlank * 100)}% of decided ones`,
      );
    }
  }
  return { column: input.column, auc: aloneAuc, answeredAuc, signs, why: why.join('; ') };
}

/** Level of a cell: '' when unanswered, a numeric band ('\0' + index) for a many-valued numeric column, else
 *  its text. */
function levelReader(
  input: LeakageInput,
  fitRows: readonly number[],
  placeholders: ReadonlySet<string>,
): (cell: unknown) => string {
  const text = (cell: unknown) => (isUnanswered(cell, placeholders) ? '' : cellText(cell));
  if (!input.numeric) return text;
  const values: number[] = [];
  const distinct = new Set<number>();
  for (const row of fitRows) {
    const number = cellNumber(input.cells[row]);
    if (number !== undefined) {
      values.push(number);
      distinct.add(number);
    }
  }
  if (distinct.size <= MAX_NUMERIC_LEVELS) return text;
  values.sort((a, b) => a - b);
  const cuts: number[] = [];
  for (let b = 1; b < NUMERIC_BINS; b++) {
    const cut = values[Math.floor((b * values.length) / NUMERIC_BINS)]!;
    if (cuts.length === 0 || cut > cuts[cuts.length - 1]!) cuts.push(cut);
  }
  return (cell) => {
    const number = cellNumber(cell);
    if (number === undefined) return text(cell);
    let band = 0;
    while (band < cuts.length && number >= cuts[band]!) band++;
    return `\u0000${band}`;
  };
}

function displayOf(input: LeakageInput, key: string): string {
  for (const cell of input.cells) {
    if (cellText(cell) === key) return typeof cell === 'string' ? cell.trim() : key;
  }
  return key;
}
