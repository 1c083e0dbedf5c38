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

import { aucOfGroups, type ScoreGroup, wilsonInterval } from '../calibration/stats';
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

/** A column as its distinct cells and, per decided lead, which of them it holds: what a streamed calibration
 *  keeps of a column instead of its cells (a few bytes a lead). */
export interface LeakageValues {
  column: string;
  numeric: boolean;
  /** Distinct cells of the decided leads, in order of first appearance. */
  values: readonly unknown[];
  /** Decided leads, aligned with `converted`. */
  decided: number;
  /** The index into `values` of decided lead `row`'s cell. */
  valueOf: (row: number) => number;
  /** Open leads (outcome not known yet), and how many of them leave the column unanswered. */
  open: number;
  openUnanswered: number;
}

/** Per distinct value of a column (by its index in `values`): what the guard counts of the decided leads. */
export interface ValueTallies {
  /** Fitting leads holding it, and how many of them converted. */
  fitLeads: Float64Array;
  fitConversions: Float64Array;
  /** Where it first appears in `split.fit` (Infinity: never). */
  firstFit: Float64Array;
  /** Held-out leads holding it that converted, and that did not. */
  heldPositives: Float64Array;
  heldNegatives: Float64Array;
  /** Decided leads holding it. */
  decided: Float64Array;
}

export function emptyValueTallies(values: number): ValueTallies {
  return {
    fitLeads: new Float64Array(values),
    fitConversions: new Float64Array(values),
    firstFit: new Float64Array(values).fill(Number.POSITIVE_INFINITY),
    heldPositives: new Float64Array(values),
    heldNegatives: new Float64Array(values),
    decided: new Float64Array(values),
  };
}

/** The tallies of a column read lead by lead (a streamed calibration counts all its columns in one pass). */
export function tallyValues(
  input: LeakageValues,
  converted: (row: number) => boolean,
  split: { fit: ArrayLike<number>; holdout: ArrayLike<number> },
): ValueTallies {
  const tallies = emptyValueTallies(input.values.length);
  for (let i = 0; i < split.fit.length; i++) {
    const row = split.fit[i]!;
    const id = input.valueOf(row);
    if (tallies.fitLeads[id] === 0) tallies.firstFit[id] = i;
    tallies.fitLeads[id]!++;
    if (converted(row)) tallies.fitConversions[id]!++;
  }
  for (let i = 0; i < split.holdout.length; i++) {
    const row = split.holdout[i]!;
    const id = input.valueOf(row);
    if (converted(row)) tallies.heldPositives[id]!++;
    else tallies.heldNegatives[id]!++;
  }
  for (let row = 0; row < input.decided; row++) tallies.decided[input.valueOf(row)]!++;
  return tallies;
}

export function checkLeakage(
  input: LeakageInput,
  converted: readonly boolean[],
  split: { fit: readonly number[]; holdout: readonly number[] },
  placeholders: ReadonlySet<string>,
): LeakageCheck {
  const index = new Map<unknown, number>();
  const values: unknown[] = [];
  const ids = input.cells.map((cell) => {
    let id = index.get(cell);
    if (id === undefined) {
      id = values.length;
      values.push(cell);
      index.set(cell, id);
    }
    return id;
  });
  const open = input.openCells ?? [];
  return checkLeakageOfValues(
    {
      column: input.column,
      numeric: input.numeric,
      values,
      decided: ids.length,
      valueOf: (row) => ids[row]!,
      open: open.length,
      openUnanswered: open.filter((cell) => isUnanswered(cell, placeholders)).length,
    },
    (row) => converted[row] === true,
    split,
    placeholders,
  );
}

export function checkLeakageOfValues(
  input: LeakageValues,
  converted: (row: number) => boolean,
  split: { fit: ArrayLike<number>; holdout: ArrayLike<number> },
  placeholders: ReadonlySet<string>,
): LeakageCheck {
  return checkLeakageOfTallies(input, tallyValues(input, converted, split), split.fit.length, placeholders);
}

/** The guard on a column from its values' tallies (`fitCount`: leads in the fitting part). */
export function checkLeakageOfTallies(
  input: Omit<LeakageValues, 'valueOf'>,
  tallies: ValueTallies,
  fitCount: number,
  placeholders: ReadonlySet<string>,
): LeakageCheck {
  const { levelOfValue, labelOf } = levelReader(input, tallies, placeholders);
  // Levels as small whole numbers, each value's tallies added to its level's.
  const levelIds = new Map<string, number>();
  const levelKeys: string[] = [];
  const levelOfValueId = new Int32Array(levelOfValue.length);
  for (let id = 0; id < levelOfValue.length; id++) {
    const key = levelOfValue[id]!;
    let level = levelIds.get(key);
    if (level === undefined) {
      level = levelKeys.length;
      levelKeys.push(key);
      levelIds.set(key, level);
    }
    levelOfValueId[id] = level;
  }
  // Conversion rate per level in the fitting part, shrunk towards the overall rate (a level seen once
  // should not score 0% or 100%).
  const fitLeads = new Float64Array(levelKeys.length);
  const fitLevelConversions = new Float64Array(levelKeys.length);
  const firstFit = new Float64Array(levelKeys.length).fill(Number.POSITIVE_INFINITY);
  const heldPositives = new Float64Array(levelKeys.length);
  const heldNegatives = new Float64Array(levelKeys.length);
  let fitConversions = 0;
  for (let id = 0; id < levelOfValue.length; id++) {
    const level = levelOfValueId[id]!;
    fitLeads[level]! += tallies.fitLeads[id]!;
    fitLevelConversions[level]! += tallies.fitConversions[id]!;
    fitConversions += tallies.fitConversions[id]!;
    firstFit[level] = Math.min(firstFit[level]!, tallies.firstFit[id]!);
    heldPositives[level]! += tallies.heldPositives[id]!;
    heldNegatives[level]! += tallies.heldNegatives[id]!;
  }
  /** Levels in the order the fitting leads first show them. */
  const fitLevels: number[] = [];
  for (let level = 0; level < levelKeys.length; level++) if (fitLeads[level]! > 0) fitLevels.push(level);
  fitLevels.sort((a, b) => firstFit[a]! - firstFit[b]!);
  const overall = fitCount === 0 ? 0 : fitConversions / fitCount;
  const rateOf = (level: number) =>
    fitLeads[level] === 0 ? overall : (fitLevelConversions[level]! + overall) / (fitLeads[level]! + 1);
  // Held-out leads per rate (levels of equal rate share a group).
  const all = new Map<number, ScoreGroup>();
  const answered = new Map<number, ScoreGroup>();
  const count = (groups: Map<number, ScoreGroup>, rate: number, positives: number, negatives: number) => {
    let group = groups.get(rate);
    if (group === undefined) {
      group = { positives: 0, negatives: 0 };
      groups.set(rate, group);
    }
    group.positives += positives;
    group.negatives += negatives;
  };
  let answeredLeads = 0;
  let answeredConversions = 0;
  for (let level = 0; level < levelKeys.length; level++) {
    const positives = heldPositives[level]!;
    const negatives = heldNegatives[level]!;
    if (positives + negatives === 0) continue;
    const rate = rateOf(level);
    count(all, rate, positives, negatives);
    if (levelKeys[level] !== '') {
      count(answered, rate, positives, negatives);
      answeredLeads += positives + negatives;
      answeredConversions += positives;
    }
  }
  const ascending = (groups: Map<number, ScoreGroup>) =>
    [...groups].sort((a, b) => a[0] - b[0]).map(([, group]) => group);
  const aloneAuc = aucOfGroups(ascending(all));
  const answeredAuc =
    answeredConversions >= MIN_ANSWERED_EACH && answeredLeads - answeredConversions >= MIN_ANSWERED_EACH
      ? aucOfGroups(ascending(answered))
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
  for (const level of fitLevels) {
    const key = levelKeys[level]!;
    const leads = fitLeads[level]!;
    const conversions = fitLevelConversions[level]!;
    if (key === '' || leads < DECISIVE_SHARE * fitCount) continue;
    if (key.startsWith('\u0000') && best < BAND_LEAK_AUC) continue;
    if (settles(conversions, leads, overall)) {
      const rate = formatRate(conversions / leads);
      decisive.push(
        `${labelOf(key)} (${rate} of its ${leads} leads converted, against ${formatRate(overall)} overall)`,
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
  if (input.open >= MIN_OPEN_LEADS) {
    const openBlank = input.openUnanswered / input.open;
    let decidedUnanswered = 0;
    input.values.forEach((cell, id) => {
      if (isUnanswered(cell, placeholders)) decidedUnanswered += tallies.decided[id]!;
    });
    const decidedBlank = decidedUnanswered / Math.max(1, input.decided);
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

/** Level of each distinct cell: '' when unanswered, a numeric band ('\0' + index) for a many-valued numeric
 *  column, else its text; and how a level reads in a message. Each distinct cell is read once. */
function levelReader(
  input: Omit<LeakageValues, 'valueOf'>,
  tallies: ValueTallies,
  placeholders: ReadonlySet<string>,
): { levelOfValue: string[]; labelOf: (key: string) => string } {
  const text = (cell: unknown) => (isUnanswered(cell, placeholders) ? '' : cellText(cell));
  const valueLabel = (key: string) => `its value "${displayOf(input.values, key)}"`;
  if (!input.numeric) return { levelOfValue: input.values.map(text), labelOf: valueLabel };
  const numberOfValue = input.values.map((cell) => cellNumber(cell));
  // How many fitting leads hold each distinct number: the sorted fitting values without holding them.
  const fitCount = new Map<number, number>();
  let counted = 0;
  numberOfValue.forEach((number, id) => {
    const leads = tallies.fitLeads[id]!;
    if (number === undefined || leads === 0) return;
    fitCount.set(number, (fitCount.get(number) ?? 0) + leads);
    counted += leads;
  });
  if (fitCount.size <= MAX_NUMERIC_LEVELS)
    return { levelOfValue: input.values.map(text), labelOf: valueLabel };
  const sorted = [...fitCount].sort((a, b) => a[0] - b[0]);
  /** The number at `position` of the fitting values in ascending order. */
  const at = (position: number) => {
    let seen = 0;
    for (const [number, count] of sorted) {
      seen += count;
      if (position < seen) return number;
    }
    return sorted[sorted.length - 1]![0];
  };
  const lowest = sorted[0]![0];
  const cuts: number[] = [];
  for (let b = 1; b < NUMERIC_BINS; b++) {
    const cut = at(Math.floor((b * counted) / NUMERIC_BINS));
    if (cut > lowest && (cuts.length === 0 || cut > cuts[cuts.length - 1]!)) cuts.push(cut);
  }
  const show = (x: number) => String(Number(x.toPrecision(6)));
  return {
    levelOfValue: input.values.map((cell, id) => {
      const number = numberOfValue[id];
      if (number === undefined) return text(cell);
      let band = 0;
      while (band < cuts.length && number >= cuts[band]!) band++;
      return `\u0000${band}`;
    }),
    labelOf: (key) => {
      if (!key.startsWith('\u0000')) return valueLabel(key);
      const band = Number(key.slice(1));
      if (band === 0) return `its band under ${show(cuts[0]!)}`;
      if (band === cuts.length) return `its band ${show(cuts[band - 1]!)} or more`;
      return `its band ${show(cuts[band - 1]!)} to under ${show(cuts[band]!)}`;
    },
  };
}

function displayOf(values: readonly unknown[], key: string): string {
  for (const cell of values) {
    if (cellText(cell) === key) return typeof cell === 'string' ? cell.trim() : key;
  }
  return key;
}
