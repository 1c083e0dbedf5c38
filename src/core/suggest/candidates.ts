// Candidate rules for a suggested model, each a contract rule the fit may keep: per column, one rule per
// level, so that the rules of a column split its leads into parts (a "family"):
// - text columns: `equals` a value with enough leads, `one of` the rarer values pooled, and "not answered";
// - numeric columns with many values: bands at quantiles, at round bounds a person would write (two
//   significant digits: 1100, not 1100.7891), and "not answered"; a mostly-zero column keeps "= 0" apart
//   from the positive values (its main split);
// - small whole-number codes with few values (a region code 1–9) are values, not ordered numbers;
// - the current model's rules, each its own family (hybrid: expert rules compete with the data's).
// Built from the fitting part only, so the held-out leads stay unseen.

import { cellNumber, cellText } from '../cells';
import type { Rule, RuleScalar } from '../model';
import { type ColumnProfile, isUnanswered } from './columns';

export interface Candidate {
  rule: Rule;
  column: string;
  /** The column's candidates share a family: together they split its leads (a current rule is its own). */
  family: string;
  source: 'data' | 'current';
  /** For a current rule: its points in the current model. */
  currentPoints?: number;
  /** A per-event rule (`per`): its feature is min(count, perCap); the model's maxPoints is points × perCap. */
  perCap?: number;
}

export interface CandidateOptions {
  /** A level needs at least this many fitting leads to be its own rule; rarer values are pooled. */
  minSupport: number;
  placeholders: ReadonlySet<string>;
  /** Whether the model can declare placeholders blank (contract v2 `settings.blankValues`). Without it, a
   *  column that holds placeholders says "not answered" as `not one of` its answered values. */
  blankValuesSupported: boolean;
}

/** Numeric columns with more distinct values than this are banded; fewer are treated as values… */
const MAX_VALUES_AS_LEVELS = 6;
/** …and so are whole-number codes (0–99) with at most this many values. */
const MAX_CODES_AS_LEVELS = 12;
/** A column where at least this share of the answered values is 0 keeps "= 0" as its own level. */
const MOSTLY_ZERO_SHARE = 0.4;
/** Bands per numeric column, at quantiles (fewer when values tie). */
const NUMERIC_BANDS = 6;
/** A pooled "one of" lists at most this many values (longer lists are free text, not categories). */
const MAX_POOLED_VALUES = 60;

/** Candidates for one column, from the cells of the fitting leads. */
export function columnCandidates(
  profile: ColumnProfile,
  cells: readonly unknown[],
  options: CandidateOptions,
): Candidate[] {
  const column = profile.name;
  let unanswered = 0;
  let placeholdersSeen = false;
  const levels = new Map<string, { value: string; count: number; number: number | undefined }>();
  for (const cell of cells) {
    if (isUnanswered(cell, options.placeholders)) {
      unanswered++;
      if (typeof cell === 'string' && cell.trim() !== '') placeholdersSeen = true;
      continue;
    }
    const key = cellText(cell);
    const level = levels.get(key);
    if (level) level.count++;
    else
      levels.set(key, {
        value: typeof cell === 'string' ? cell.trim() : key,
        count: 1,
        number: cellNumber(cell),
      });
  }
  const answered = [...levels.values()];
  const data = (name: string, rule: Omit<Rule, 'name' | 'group' | 'column' | 'points'>): Candidate => ({
    rule: { name, group: column, column, points: 1, ...rule },
    column,
    family: column,
    source: 'data',
  });
  const out: Candidate[] = [];
  const codes =
    answered.length <= MAX_CODES_AS_LEVELS &&
    answered.every(
      (l) => l.number !== undefined && Number.isInteger(l.number) && l.number >= 0 && l.number < 100,
    );
  const numeric = profile.type === 'number' && answered.length > MAX_VALUES_AS_LEVELS && !codes;
  if (numeric) out.push(...numericBands(column, answered, options.minSupport, data));
  else {
    const sorted = answered.sort((a, b) => b.count - a.count);
    const frequent = sorted.filter((level) => level.count >= options.minSupport);
    const rare = sorted.filter((level) => level.count < options.minSupport);
    for (const level of frequent) {
      out.push(data(`${column} is ${level.value}`, { operator: 'equals', value: scalar(level) }));
    }
    const rareLeads = rare.reduce((sum, level) => sum + level.count, 0);
    if (rare.length > 0 && rare.length <= MAX_POOLED_VALUES && rareLeads >= options.minSupport) {
      out.push(
        data(
          rare.length === 1
            ? `${column} is ${rare[0]!.value}`
            : `${column} is another value (${rare.length} rarer values)`,
          {
            operator: rare.length === 1 ? 'equals' : 'one of',
            value: rare.length === 1 ? scalar(rare[0]!) : rare.map(scalar),
          },
        ),
      );
    }
  }
  if (unanswered >= options.minSupport && out.length > 0) {
    if (!placeholdersSeen || options.blankValuesSupported || answered.length > 200) {
      out.push(data(`${column} not answered`, { operator: 'is blank' }));
    } else {
      out.push(
        data(`${column} not answered`, {
          operator: 'not one of',
          value: answered.map(scalar),
        }),
      );
    }
  }
  // A column whose leads all sit in one level splits nothing.
  const levelsWithLeads = out.length;
  return levelsWithLeads >= 2 ? out : [];
}

function scalar(level: { value: string; number: number | undefined }): RuleScalar {
  return level.number !== undefined && String(level.number) === level.value ? level.number : level.value;
}

function numericBands(
  column: string,
  levels: readonly { count: number; number: number | undefined; value: string }[],
  minSupport: number,
  data: (name: string, rule: Omit<Rule, 'name' | 'group' | 'column' | 'points'>) => Candidate,
): Candidate[] {
  const all: number[] = [];
  let decimals = 0;
  for (const level of levels) {
    if (level.number === undefined) continue;
    for (let i = 0; i < level.count; i++) all.push(level.number);
    decimals = Math.max(decimals, decimalsOf(level.number));
  }
  all.sort((a, b) => a - b);
  if (all.length < 2 * minSupport) return [];
  const zeros = all[0]! >= 0 ? lowerIndex(all, Number.MIN_VALUE) : 0;
  const mostlyZero = zeros >= MOSTLY_ZERO_SHARE * all.length && all.length - zeros >= minSupport;
  const values = mostlyZero ? all.slice(zeros) : all;
  // Lower bounds of the bands: the quantiles rounded to two significant digits, merged where values tie or a
  // band would be too thin.
  const bounds: number[] = [values[0]!];
  let start = 0;
  for (let b = 1; b < NUMERIC_BANDS; b++) {
    const bound = roundBound(values[Math.floor((b * values.length) / NUMERIC_BANDS)]!);
    if (bound <= bounds[bounds.length - 1]!) continue;
    const first = lowerIndex(values, bound);
    if (first - start < minSupport || values.length - first < minSupport) continue;
    bounds.push(bound);
    start = first;
  }
  const out: Candidate[] = [];
  if (mostlyZero) {
    out.push(data(`${column} is 0`, { operator: 'equals', value: 0 }));
    if (bounds.length < 2) {
      out.push(data(`${column} above 0`, { operator: '>', value: 0 }));
      return out;
    }
  } else if (bounds.length < 2) return [];
  const integers = decimals === 0 && bounds.every(Number.isInteger);
  const show = (x: number) => String(Number(x.toFixed(4)));
  // Inclusive upper end of a band: the largest value with the data's decimals under the next bound.
  const places = Math.min(decimals, 4);
  const below = (next: number) => Number((next - 10 ** -places).toFixed(places));
  bounds.forEach((low, b) => {
    const next = bounds[b + 1];
    if (b === 0 && !mostlyZero)
      out.push(data(`${column} under ${show(next!)}`, { operator: '<', value: next! }));
    else if (next === undefined)
      out.push(data(`${column} ${show(low)} or more`, { operator: '>=', value: low }));
    else if (b === 0) {
      // Above 0 and under the next bound (the zeros have their own level).
      out.push(
        integers
          ? data(`${column} ${next - 1 === low ? show(low) : `${show(low)}–${show(next - 1)}`}`, {
              operator: 'between',
              value: [low, next - 1],
            })
          : data(`${column} above 0 and under ${show(next)}`, {
              operator: 'between',
              value: [low, below(next)],
            }),
      );
    } else if (integers) {
      const high = next - 1;
      out.push(
        data(`${column} ${high === low ? show(low) : `${show(low)}–${show(high)}`}`, {
          operator: 'between',
          value: [low, high],
        }),
      );
    } else {
      // The band holds the data's values from low up to the last one under next.
      out.push(
        data(`${column} ${show(low)} to under ${show(next)}`, {
          operator: 'between',
          value: [low, below(next)],
        }),
      );
    }
  });
  return out;
}

/** Two significant digits (1100.7891 → 1100, 2058.534 → 2100): a bound a person would write. */
export function roundBound(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(2));
}

function lowerIndex(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

function decimalsOf(x: number): number {
  const text = String(x);
  if (text.includes('e')) return 4;
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}
