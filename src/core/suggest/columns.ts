// What each column of a table of leads holds: its type, blanks, values and range. This is what a user needs
// to write rules by hand (`leadscore describe`), and what the suggested model builds its candidates from.

import { cellDay, cellNumber, cellText, formatIsoDay, isBlank, utcDayOfDate } from '../cells';

/** Form defaults that mean "not answered" (compared trimmed and case-insensitive). */
export const DEFAULT_PLACEHOLDERS: readonly string[] = ['Select', 'n/a', 'N/A', '-', '--', '(blank)', '#N/A'];

export type ColumnType = 'number' | 'date' | 'text' | 'empty';

export interface ValueCount {
  /** As first seen, trimmed. */
  value: string;
  count: number;
}

export interface ColumnProfile {
  name: string;
  /** Position in the header row. */
  index: number;
  /** `number` / `date` when at least 95% of the answered cells read so; `empty` when none is answered. */
  type: ColumnType;
  rows: number;
  /** Blank cells, placeholders included. */
  blanks: number;
  /** Of which placeholder values (e.g. `Select`). */
  placeholders: number;
  /** Distinct answered values (trimmed, case-insensitive). */
  distinct: number;
  /** The most frequent answered values, most frequent first (ties: first seen first). */
  values: ValueCount[];
  /** Numeric range of the cells that read as numbers; null when none does. */
  min: number | null;
  max: number | null;
  /** Date range (YYYY-MM-DD) of the cells that read as dates; null when none does. */
  from: string | null;
  to: string | null;
  /** Nearly every answered value is different (an ID, an e-mail address; numbers only under a header such as
   *  "Lead Number"): useless as a rule. */
  identifier: boolean;
}

export interface DescribeOptions {
  /** Placeholder texts counted as blank (default `DEFAULT_PLACEHOLDERS`). */
  placeholders?: readonly string[];
  /** How many values to list per column (default 10). */
  top?: number;
}

/** Share of answered cells that must read as numbers (dates) for the column to be numeric (dated). */
const TYPE_SHARE = 0.95;
/** A column is an identifier when at least this share of its answered values are distinct… */
const IDENTIFIER_SHARE = 0.95;
/** …and it has at least this many answered cells. */
const IDENTIFIER_MIN_ROWS = 20;

export function placeholderSet(placeholders: readonly string[] = DEFAULT_PLACEHOLDERS): ReadonlySet<string> {
  return new Set(placeholders.map((p) => p.trim().toLowerCase()).filter((p) => p !== ''));
}

/** Blank by the contract, or one of the placeholders. */
export function isUnanswered(cell: unknown, placeholders: ReadonlySet<string>): boolean {
  if (isBlank(cell)) return true;
  return placeholders.size > 0 && typeof cell === 'string' && placeholders.has(cellText(cell));
}

export function describeColumns(
  headers: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  options: DescribeOptions = {},
): ColumnProfile[] {
  const placeholders = placeholderSet(options.placeholders);
  const top = options.top ?? 10;
  return headers.map((header, index) => {
    const counts = new Map<string, ValueCount>();
    let blanks = 0;
    let placeholderCount = 0;
    let numbers = 0;
    let dates = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    let firstDay = Number.POSITIVE_INFINITY;
    let lastDay = Number.NEGATIVE_INFINITY;
    for (const row of rows) {
      const cell = row[index];
      if (isBlank(cell)) {
        blanks++;
        continue;
      }
      if (isUnanswered(cell, placeholders)) {
        blanks++;
        placeholderCount++;
        continue;
      }
      const key = cellText(cell);
      const known = counts.get(key);
      if (known) known.count++;
      else counts.set(key, { value: typeof cell === 'string' ? cell.trim() : key, count: 1 });
      const number = cellNumber(cell);
      if (number !== undefined) {
        numbers++;
        if (number < min) min = number;
        if (number > max) max = number;
      }
      const day = cellDay(cell, utcDayOfDate);
      if (day !== undefined) {
        dates++;
        if (day < firstDay) firstDay = day;
        if (day > lastDay) lastDay = day;
      }
    }
    const answered = rows.length - blanks;
    const type: ColumnType =
      answered === 0
        ? 'empty'
        : numbers >= TYPE_SHARE * answered
          ? 'number'
          : dates >= TYPE_SHARE * answered
            ? 'date'
            : 'text';
    const values = [...counts.values()].sort((a, b) => b.count - a.count);
    return {
      name: String(header ?? '').trim(),
      index,
      type,
      rows: rows.length,
      blanks,
      placeholders: placeholderCount,
      distinct: counts.size,
      values: values.slice(0, top),
      min: numbers > 0 ? min : null,
      max: numbers > 0 ? max : null,
      from: dates > 0 ? formatIsoDay(firstDay) : null,
      to: dates > 0 ? formatIsoDay(lastDay) : null,
      identifier: looksLikeIdentifier(String(header ?? ''), type, answered, counts.size),
    };
  });
}

/** Numbers that name rather than measure: a numeric column is an identifier only under such a header. */
const IDENTIFIER_HEADER = /\b(id|number|no|code|key|ref)\b|#/i;

function looksLikeIdentifier(name: string, type: ColumnType, answered: number, distinct: number): boolean {
  if (answered < IDENTIFIER_MIN_ROWS || distinct < IDENTIFIER_SHARE * answered) return false;
  if (type === 'text') return true;
  return type === 'number' && IDENTIFIER_HEADER.test(name);
}
