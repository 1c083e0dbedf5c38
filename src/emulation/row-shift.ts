/**
 * How inserting or deleting rows moves row numbers: cells, named ranges, conditional-format ranges and the
 * A1 references of formulas all follow the same arithmetic, as in Sheets
 * (https://developers.google.com/apps-script/reference/spreadsheet/sheet#insertRowsBefore(Integer,Integer),
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#deleteRows(Integer,Integer)).
 *
 * - Insertion of n rows at row `at` (the new rows become at..at+n-1): every row >= at moves down by n.
 *   A range that starts above `at` and ends at or below it grows by n; a range whose last row is at-1 (the
 *   row the insertion is after) does not grow; a range starting at or below `at` moves down.
 * - Deletion of n rows at..at+n-1: rows below move up by n; a range loses its deleted rows (shrinks) and
 *   is gone (#REF!) when all its rows are deleted.
 */
import type { Area } from './geometry.js';

/** delta > 0: `delta` rows inserted at `at`; delta < 0: `-delta` rows deleted starting at `at`. */
export interface RowShift {
  at: number;
  delta: number;
}

/** The new number of a row, or null when the row was deleted. */
export function shiftRow(row: number, shift: RowShift): number | null {
  if (row < shift.at) return row;
  if (shift.delta > 0) return row + shift.delta;
  const deletedEnd = shift.at - shift.delta; // first row after the deleted band
  return row < deletedEnd ? null : row + shift.delta;
}

/** A span of rows first..last after the shift, or null when every row of it was deleted. */
export function shiftSpan(
  first: number,
  last: number,
  shift: RowShift,
): { first: number; last: number } | null {
  if (shift.delta > 0) {
    return {
      first: first >= shift.at ? first + shift.delta : first,
      last: last >= shift.at ? last + shift.delta : last,
    };
  }
  const deletedEnd = shift.at - shift.delta;
  const newFirst = first < shift.at ? first : first >= deletedEnd ? first + shift.delta : shift.at;
  const newLast = last < shift.at ? last : last >= deletedEnd ? last + shift.delta : shift.at - 1;
  return newLast < newFirst ? null : { first: newFirst, last: newLast };
}

export function shiftArea(area: Area, shift: RowShift): Area | null {
  const span = shiftSpan(area.row, area.row + area.numRows - 1, shift);
  if (!span) return null;
  return { ...area, row: span.first, numRows: span.last - span.first + 1 };
}

const CELL_PART = /^(\$?[A-Za-z]{0,3})(\$?)(\d*)$/;

/**
 * Shifts the row numbers of an A1 address without a sheet prefix ("A1", "$A$1:M201", "A2:K", "1:3"),
 * keeping its letters and `$` marks. Returns null when the reference was deleted (#REF!).
 * Absolute rows move too: `$` only matters when a formula is copied, not when rows move.
 */
export function shiftA1Address(address: string, shift: RowShift): string | null {
  const parts = address.split(':');
  const matches = parts.map((part) => CELL_PART.exec(part));
  if (matches.some((match) => !match)) return address;
  const rows = matches.map((match) => (match![3] === '' ? null : Number(match![3])));
  let newRows: (number | null)[];
  if (rows.length === 2 && rows[0] !== null && rows[1] !== null) {
    const span = shiftSpan(Math.min(rows[0]!, rows[1]!), Math.max(rows[0]!, rows[1]!), shift);
    if (!span) return null;
    newRows = rows[0]! <= rows[1]! ? [span.first, span.last] : [span.last, span.first];
  } else if (rows.length === 2 && rows[0] !== null) {
    // "A2:K": open end row; only the start moves (a deleted start row snaps to the first row after it).
    newRows = [shiftSpan(rows[0]!, Number.MAX_SAFE_INTEGER, shift)?.first ?? rows[0]!, null];
  } else if (rows.length === 1 && rows[0] !== null) {
    const row = shiftRow(rows[0]!, shift);
    if (row === null) return null;
    newRows = [row];
  } else {
    return address; // whole columns ("A:K"): rows are unaffected
  }
  return matches
    .map((match, index) => `${match![1]}${match![2]}${newRows[index] === null ? '' : newRows[index]}`)
    .join(':');
}
