// What each column of a table of leads holds: its type, blanks, values and range. This is what a user needs
// to write rules by hand (`leadscore describe`), and what the suggested model builds its candidates from.

import { cellDay, cellNumber, cellText, formatIsoDay, isBlank, utcDayOfDate } from '../cells';
import { type LeadRows, leadTable } from './leadTable';

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
  rows: LeadRows,
  options: DescribeOptions = {},
): ColumnProfile[] {
  const table = leadTable(rows);
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
    // For an identifier: how often a number is above the one before it, in file order.
    let previous: number | undefined;
    let increases = 0;
    let steps = 0;
    for (let i = 0; i < table.length; i++) {
      const cell = table.cell(i, index);
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
        if (previous !== undefined) {
          steps++;
          if (number > previous) increases++;
        }
        previous = number;
      }
      const day = cellDay(cell, utcDayOfDate) ?? usualDateDay(cell);
      if (day !== undefined) {
        dates++;
        if (day < firstDay) firstDay = day;
        if (day > lastDay) lastDay = day;
      }
    }
    const answered = table.length - blanks;
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
      rows: table.length,
      blanks,
      placeholders: placeholderCount,
      distinct: counts.size,
      values: values.slice(0, top),
      min: numbers > 0 ? min : null,
      max: numbers > 0 ? max : null,
      from: dates > 0 ? formatIsoDay(firstDay) : null,
      to: dates > 0 ? formatIsoDay(lastDay) : null,
      identifier: looksLikeIdentifier(
        String(header ?? ''),
        type,
        answered,
        counts.size,
        increases,
        steps,
        index,
      ),
    };
  });
}

/** Numbers that name rather than measure: under such a header (CustomerID, customer_no, row, index), or
 *  with no header in the first column (the index pandas writes), a numeric column of distinct values is an
 *  identifier; so is one that rises with the file order (an auto-increment), whatever its header. */
const IDENTIFIER_HEADER =
  /\b(id|number|no|nr|num|code|key|ref|row|index|idx)\b|#|^unnamed|_(id|no|nr|num)\b/i;
/** CustomerID, clientNo (case matters: "Paid" is not an ID). */
const IDENTIFIER_CAMEL = /[a-z](ID|Id|No|Nr|Num)$/;
/** Share of steps in file order that go up for a column to count as an auto-increment. */
const INCREASING_SHARE = 0.95;

function looksLikeIdentifier(
  name: string,
  type: ColumnType,
  answered: number,
  distinct: number,
  increases: number,
  steps: number,
  index: number,
): boolean {
  if (answered < IDENTIFIER_MIN_ROWS || distinct < IDENTIFIER_SHARE * answered) return false;
  if (type === 'text') return true;
  if (type !== 'number') return false;
  const unnamed = name.trim() === '' && index === 0;
  return (
    unnamed ||
    IDENTIFIER_HEADER.test(name.trim()) ||
    IDENTIFIER_CAMEL.test(name.trim()) ||
    (steps > 0 && increases >= INCREASING_SHARE * steps)
  );
}

/** A spreadsheet's usual non-ISO date forms (M/D/YYYY, D.M.YYYY, YYYY/M/D): the day, only to tell a date
 *  column from text (rules read dates as YYYY-MM-DD, so such a column is left out as a date). */
export function usualDateDay(cell: unknown): number | undefined {
  if (typeof cell !== 'string') return undefined;
  const text = cell.trim();
  let match =
    /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?: ?[AP]M)?)?$/i.exec(text);
  if (match) {
    const a = Number(match[1]);
    const b = Number(match[2]);
    const year = match[3]!.length === 2 ? 2000 + Number(match[3]) : Number(match[3]);
    // Month first (US) unless the first part cannot be a month.
    const [month, day] = a > 12 ? [b, a] : [a, b];
    return dayOf(year, month, day);
  }
  match = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(text);
  if (match) return dayOf(Number(match[1]), Number(match[2]), Number(match[3]));
  return undefined;
}

function dayOf(year: number, month: number, day: number): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  if (date.getUTCDate() !== day) return undefined;
  return Math.floor(time / 86_400_000);
}
