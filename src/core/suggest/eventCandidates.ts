// Candidate rules that count events (contract v2 §6), per event type of the log: the window D (days) and the
// count thresholds N chosen from the fitting leads, as a family that splits every lead —
// "none in the last D days", "1–2 in the last D days", "3+ in the last D days" — and the same for the
// events of that type whose other column holds one of its frequent values (a `where`, e.g. Page /pricing);
// and "per event in the last D days, counted up to C" (a `per` rule with a cap), fitted on min(count, C).
// Every candidate is an ordinary v2 event rule, so a suggestion scores unchanged wherever the model is used.

import type { Rule } from '../model';
import type { EventProfile } from './activityLog';
import type { Candidate } from './candidates';

/** Windows tried, in days; `undefined` = every event before the lead's day. */
const WINDOWS: readonly (number | undefined)[] = [7, 14, 30, 60, 90, 180, 365, undefined];
/** At most this many types (the most frequent) and `where` variants per type. */
const MAX_TYPES = 40;
const MAX_VARIANTS_PER_TYPE = 2;
/** A `where` value must cover this share of the type's events (neither nearly none nor nearly all)… */
const VARIANT_SHARE = [0.05, 0.9] as const;
/** …in a column with at most this many distinct values among them (more is free text). */
const VARIANT_MAX_DISTINCT = 100;
/** Count bands above 0 at most (so a family has at most 4 levels). */
const COUNT_BANDS = 3;

export interface EventCandidateInput {
  profile: EventProfile;
  /** Activity rows, for `where` values. */
  rows: readonly (readonly unknown[])[];
  /** Positions (into the profile's leads) of the fitting leads, and whether each converted. */
  fit: readonly number[];
  converted: readonly boolean[];
  minSupport: number;
  /** Whether to add a per-event rule per type (with a cap). */
  perEventRules: boolean;
  /** The group/column name an event type's candidates take (unique among the leads' headers). */
  columnOf: (type: string) => string;
  /** Reads an activity cell as the engine compares text ('' when blank). */
  text: (cell: unknown) => string;
}

export function eventCandidates(input: EventCandidateInput): Candidate[] {
  const { profile, fit, converted, minSupport } = input;
  const order = profile.types
    .map((type, t) => ({ type, t, leads: fit.filter((l) => profile.ages[t]![l] !== null).length }))
    .filter((entry) => entry.leads >= minSupport && fit.length - entry.leads >= 0)
    .sort((a, b) => b.leads - a.leads)
    .slice(0, MAX_TYPES);
  const out: Candidate[] = [];
  for (const { type, t } of order) {
    const column = input.columnOf(type.name);
    const perLead = profile.ages[t]!;
    const ladder = bestLadder(perLead, () => true, fit, converted, minSupport);
    if (ladder) {
      out.push(...ladderRules(type.name, column, ladder, undefined));
      const per = input.perEventRules ? perEventRule(type.name, column, ladder.window, perLead, fit) : null;
      if (per) out.push(per);
    }
    for (const variant of variantsOf(input, t).slice(0, MAX_VARIANTS_PER_TYPE)) {
      const keep = (row: number) => input.text(input.rows[row]![variant.index]) === variant.key;
      const found = bestLadder(perLead, keep, fit, converted, minSupport);
      if (found) out.push(...ladderRules(type.name, column, found, variant));
    }
  }
  return out;
}

interface Ladder {
  window: number | undefined;
  /** Lower bounds of the count bands above 0, increasing (the first is 1). */
  bounds: number[];
}

interface Variant {
  column: string;
  index: number;
  value: string;
  key: string;
}

/** Frequent values of the log's other columns among this type's events. */
function variantsOf(input: EventCandidateInput, t: number): Variant[] {
  const events = input.profile.types[t]!.events;
  const found: (Variant & { count: number })[] = [];
  for (const { name, index } of input.profile.otherColumns) {
    const counts = new Map<string, { value: string; count: number }>();
    for (const row of events) {
      const cell = input.rows[row]![index];
      const k = input.text(cell);
      if (k === '') continue;
      const known = counts.get(k);
      if (known) known.count++;
      else counts.set(k, { value: typeof cell === 'string' ? cell.trim() : k, count: 1 });
      if (counts.size > VARIANT_MAX_DISTINCT) break;
    }
    if (counts.size > VARIANT_MAX_DISTINCT) continue;
    for (const [k, { value, count }] of counts) {
      const share = count / events.length;
      if (share >= VARIANT_SHARE[0] && share <= VARIANT_SHARE[1])
        found.push({ column: name, index, value, key: k, count });
    }
  }
  return found.sort((a, b) => b.count - a.count);
}

/** The window and count bands whose split of the fitting leads says most about the outcome (likelihood
 *  ratio, less 2 per extra level), each level holding at least minSupport leads. */
function bestLadder(
  perLead: readonly ({ age: number; row: number }[] | null)[],
  keep: (row: number) => boolean,
  fit: readonly number[],
  converted: readonly boolean[],
  minSupport: number,
): Ladder | null {
  const maxAge = Math.max(0, ...fit.flatMap((l) => perLead[l]?.map((e) => e.age) ?? []));
  const rate = fit.filter((l) => converted[l]).length / Math.max(1, fit.length);
  let best: { ladder: Ladder; score: number } | null = null;
  for (const window of WINDOWS) {
    if (window !== undefined && window > maxAge * 1.5 && window !== WINDOWS[0]) continue;
    const counts = fit.map((l) => {
      const events = perLead[l];
      if (!events) return 0;
      let n = 0;
      for (const e of events) if ((window === undefined || e.age <= window) && keep(e.row)) n++;
      return n;
    });
    const bounds = countBounds(counts, minSupport);
    if (bounds === null) continue;
    const levels = bounds.length + 1;
    const leads = new Array<number>(levels).fill(0);
    const wins = new Array<number>(levels).fill(0);
    counts.forEach((count, i) => {
      const level = levelOf(count, bounds);
      leads[level]!++;
      if (converted[fit[i]!]) wins[level]!++;
    });
    const score = likelihoodRatio(leads, wins, rate) - 2 * (levels - 1);
    if (best === null || score > best.score) best = { ladder: { window, bounds }, score };
  }
  return best && best.score > 0 ? best.ladder : null;
}

function levelOf(count: number, bounds: readonly number[]): number {
  let level = 0;
  while (level < bounds.length && count >= bounds[level]!) level++;
  return level;
}

/** Bands of positive counts at their quantiles, every band (and "none") with at least minSupport leads. */
function countBounds(counts: readonly number[], minSupport: number): number[] | null {
  const positive = counts.filter((c) => c > 0).sort((a, b) => a - b);
  if (positive.length < minSupport || counts.length - positive.length < minSupport) return null;
  const bounds = [1];
  let start = 0;
  for (let b = 1; b < COUNT_BANDS; b++) {
    const bound = positive[Math.floor((b * positive.length) / COUNT_BANDS)]!;
    if (bound <= bounds[bounds.length - 1]!) continue;
    const first = positive.findIndex((c) => c >= bound);
    if (first - start < minSupport || positive.length - first < minSupport) continue;
    bounds.push(bound);
    start = first;
  }
  return bounds;
}

function likelihoodRatio(leads: readonly number[], wins: readonly number[], rate: number): number {
  if (rate <= 0 || rate >= 1) return 0;
  let g = 0;
  leads.forEach((n, i) => {
    const c = wins[i]!;
    if (c > 0) g += c * Math.log(c / (n * rate));
    if (n - c > 0) g += (n - c) * Math.log((n - c) / (n * (1 - rate)));
  });
  return 2 * g;
}

/** The count (among fitting leads with events in the window) at this share is the cap of a per-event rule. */
const CAP_SHARE = 0.9;

/**
 * "N points per event in the last D days, counted up to C" (contract v2 `per`, bounded by maxPoints = N × C):
 * its feature in the fit is min(count, C), so the fit weighs the number of events, not only thresholds.
 * D is the ladder's window; C is the count at CAP_SHARE among the fitting leads with events, rounded to a
 * number a person would write. None when C would be below 2 (then "1+" says the same).
 */
function perEventRule(
  type: string,
  column: string,
  window: number | undefined,
  perLead: readonly ({ age: number; row: number }[] | null)[],
  fit: readonly number[],
): Candidate | null {
  const positive: number[] = [];
  for (const l of fit) {
    let n = 0;
    for (const e of perLead[l] ?? []) if (window === undefined || e.age <= window) n++;
    if (n > 0) positive.push(n);
  }
  if (positive.length === 0) return null;
  positive.sort((a, b) => a - b);
  const cap = roundCount(positive[Math.min(positive.length - 1, Math.floor(CAP_SHARE * positive.length))]!);
  if (cap < 2) return null;
  const span = window === undefined ? '' : ` in the last ${window} days`;
  return {
    rule: {
      name: `${type}: per event${span} (counted up to ${cap})`,
      group: column,
      points: 1,
      maxPoints: cap,
      event: type,
      ...(window === undefined ? {} : { withinDays: window }),
      operator: 'per',
    },
    column,
    family: `per\u0000${type}`,
    source: 'data',
    perCap: cap,
  };
}

const ROUND_COUNTS = [1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 80];

/** The nearest count a person would write (1–6, 8, 10, 12, 15, 20, 25, 30, 40, … × 10ⁿ). */
export function roundCount(x: number): number {
  let scale = 1;
  while (x >= 100 * scale) scale *= 10;
  let best = 1;
  for (const r of ROUND_COUNTS) if (Math.abs(r * scale - x) < Math.abs(best - x)) best = r * scale;
  return best;
}

function ladderRules(
  type: string,
  column: string,
  ladder: Ladder,
  variant: Variant | undefined,
): Candidate[] {
  const { window, bounds } = ladder;
  const span = window === undefined ? '' : ` in the last ${window} days`;
  const label = variant === undefined ? type : `${type} (${variant.column} ${variant.value})`;
  const family = `event\u0000${type}\u0000${variant ? `${variant.column}\u0000${variant.key}` : ''}`;
  const rule = (name: string, operator: Rule['operator'], value: Rule['value']): Candidate => ({
    rule: {
      name,
      group: column,
      points: 1,
      event: type,
      ...(window === undefined ? {} : { withinDays: window }),
      ...(variant === undefined
        ? {}
        : {
            where: { all: [{ column: variant.column, operator: 'equals' as const, value: variant.value }] },
          }),
      operator,
      value,
    },
    column,
    family,
    source: 'data',
  });
  const out = [rule(`${label}: none${span}`, 'equals', 0)];
  bounds.forEach((low, b) => {
    const next = bounds[b + 1];
    if (next === undefined) out.push(rule(`${label}: ${low}+${span}`, '>=', low));
    else if (next - 1 === low) out.push(rule(`${label}: ${low}${span}`, 'equals', low));
    else out.push(rule(`${label}: ${low}–${next - 1}${span}`, 'between', [low, next - 1]));
  });
  return out;
}
