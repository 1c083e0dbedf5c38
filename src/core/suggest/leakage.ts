// The leakage guard: columns that were probably filled in after the outcome (a sales rep's verdict, a status,
// a tag such as "Closed", a call's duration). Rules on them score the past, not the lead: a model built on them
// looks excellent on old leads and is useless on new ones. The evidence must be near-deterministic, weighed
// against the overall conversion rate, never a segment that is merely strong. Three signs, each enough:
// 1. It separates alone: the column by itself ranks the held-out leads with AUC ≥ 0.95 — over all leads, or
//    over the leads where it is answered (a field sales fills in for some leads only).
// 2. Its values settle outcomes: one answered value — or, for a many-valued number, one band of it — holds at
//    least 5% of the fitting leads and converts at no more than a twelfth of the overall rate (or 1%, when
//    that is higher), its 95% Wilson interval within a fifth of it; or, mirrored, at nearly 100%. A form
//    field rarely has such a value; a verdict ("Worst", "Will revert after reading the email") or the lowest
//    band of a call's duration does. A large ordinary segment (4% where the average is 12%) does not. A band
//    counts only when the number also ranks leads well on its whole range (alone AUC ≥ 0.75): a call's duration
//    records the outcome throughout (longer calls are sales talks), while a behaviour with one dead end (a
//    session's exit rate: bounced visits never buy, 0.7% where the average is 15%) ranks the rest weakly.
// 3. It is blank for nearly all open leads (≥ 90%) while answered for most decided ones (blank for ≤ 50%):
//    it is filled in when the outcome is.
// Used by the suggested model (on every candidate column and event type) and by calibration (on the model's
// columns).

import { auc, wilsonInterval } from '../calibration/stats';
import { cellNumber, cellText } from '../cells';
import { isUnanswered } from './columns';

export const LEAK_AUC = 0.95;
export const DECISIVE_SHARE = 0.05;
/** A settling value converts at most at this share of the overall rate (of the non-conversion rate, mirrored)… */
export const DECISIVE_RATIO = 1 / 12;
/** …or at most this rate, when that is higher… */
export const DECISIVE_FLOOR = 0.01;
/** …and its 95% interval stays within this share of the overall rate. */
export const DECISIVE_INTERVAL_RATIO = 1 / 5;
/** A numeric band settles outcomes only in a column that alone ranks leads at least this well. */
export const BAND_LEAK_AUC = 0.75;
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
  const { levelOf, labelOf } = levelReader(input, split.fit, placeholders);
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
    if (key === '' || level.leads < DECISIVE_SHARE * split.fit.length) continue;
    if (key.startsWith('\u0000') && best < BAND_LEAK_AUC) continue;
    if (settles(level.conversions, level.leads, overall)) {
      const rate = formatRate(level.conversions / level.leads);
      decisive.push(
        `${labelOf(key)} (${rate} of its ${level.leads} leads converted, against ${formatRate(overall)} overall)`,
      );
    }
  }
  if (decisive.length > 0) {
    signs.push('values settle outcomes');
    why.push(
      decisive.length === 1
        ? `${decisive[0]} all but settles the outcome`
        : `${decisive.slice(0, 3).join(', ')} all but settle the outcome`,
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

/** Whether a level's conversions all but settle the outcome, weighed against the overall rate. */
export function settles(conversions: number, leads: number, overall: number): boolean {
  const interval = wilsonInterval(conversions, leads);
  if (interval === null || leads === 0) return false;
  const rate = conversions / leads;
  const low = Math.max(DECISIVE_FLOOR, DECISIVE_RATIO * overall);
  if (rate <= low && interval.high <= Math.max(2 * DECISIVE_FLOOR, DECISIVE_INTERVAL_RATIO * overall))
    return true;
  const high = Math.max(DECISIVE_FLOOR, DECISIVE_RATIO * (1 - overall));
  return (
    1 - rate <= high &&
    1 - interval.low <= Math.max(2 * DECISIVE_FLOOR, DECISIVE_INTERVAL_RATIO * (1 - overall))
  );
}

function formatRate(rate: number): string {
  const percent = 100 * rate;
  return `${percent < 10 && percent !== Math.round(percent) ? percent.toFixed(1) : Math.round(percent)}%`;
}

/** Level of a cell: '' when unanswered, a numeric band ('\0' + index) for a many-valued numeric column, else
 *  its text; and how a level reads in a message. */
function levelReader(
  input: LeakageInput,
  fitRows: readonly number[],
  placeholders: ReadonlySet<string>,
): { levelOf: (cell: unknown) => string; labelOf: (key: string) => string } {
  const text = (cell: unknown) => (isUnanswered(cell, placeholders) ? '' : cellText(cell));
  const valueLabel = (key: string) => `its value "${displayOf(input, key)}"`;
  if (!input.numeric) return { levelOf: text, labelOf: valueLabel };
  const values: number[] = [];
  const distinct = new Set<number>();
  for (const row of fitRows) {
    const number = cellNumber(input.cells[row]);
    if (number !== undefined) {
      values.push(number);
      distinct.add(number);
    }
  }
  if (distinct.size <= MAX_NUMERIC_LEVELS) return { levelOf: text, labelOf: valueLabel };
  values.sort((a, b) => a - b);
  const cuts: number[] = [];
  for (let b = 1; b < NUMERIC_BINS; b++) {
    const cut = values[Math.floor((b * values.length) / NUMERIC_BINS)]!;
    if (cut > values[0]! && (cuts.length === 0 || cut > cuts[cuts.length - 1]!)) cuts.push(cut);
  }
  const show = (x: number) => String(Number(x.toPrecision(6)));
  return {
    levelOf: (cell) => {
      const number = cellNumber(cell);
      if (number === undefined) return text(cell);
      let band = 0;
      while (band < cuts.length && number >= cuts[band]!) band++;
      return `\u0000${band}`;
    },
    labelOf: (key) => {
      if (!key.startsWith('\u0000')) return valueLabel(key);
      const band = Number(key.slice(1));
      if (band === 0) return `its band under ${show(cuts[0]!)}`;
      if (band === cuts.length) return `its band ${show(cuts[band - 1]!)} or more`;
      return `its band ${show(cuts[band - 1]!)} to under ${show(cuts[band]!)}`;
    },
  };
}

function displayOf(input: LeakageInput, key: string): string {
  for (const cell of input.cells) {
    if (cellText(cell) === key) return typeof cell === 'string' ? cell.trim() : key;
  }
  return key;
}
