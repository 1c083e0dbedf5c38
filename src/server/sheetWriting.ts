// How every writer of the add-on puts values into a sheet, so that Google's rules cannot bite:
// - getRange throws outside the sheet's dimensions ("The coordinates of the range are outside the dimensions
//   of the sheet."; only appendRow grows a sheet), so a writer first makes room with insertRowsAfter /
//   insertColumnsAfter (https://developers.google.com/apps-script/reference/spreadsheet/sheet#insertColumnsAfter(Integer,Integer)).
// - setValues stores a string the way typed input is stored (`=…` becomes a formula, `007` the number 7,
//   `1-10` a date) unless the cell's number format is plain text, `@`
//   (https://developers.google.com/apps-script/reference/spreadsheet/range#setNumberFormat(String)). So every
//   string cell gets `@` before the write, and numbers and booleans the automatic format: text stays that
//   exact text, numbers stay numbers.
// - A number format with a decimal point always shows it: "#0.# renders the number 3 as "3.""
//   (https://developers.google.com/sheets/api/guides/formats#number_format_patterns), and `0.###############`
//   set by a script is such a pattern, not "Automatic". So whole numbers get `0`, other numbers `0.0#…`
//   (numberFormatFor), and number cells a user edits (sample leads) are put back to Automatic, which shows 3
//   as 3 and 2.5 as 2.5 whatever is typed later (leaveNumbersAutomatic). The model sheet is plain text
//   throughout instead (modelStore's writeModelSheet), so that what is typed there reaches its reader as typed.
// - Google's pages do not say that `@` stops a string starting with `=` from becoming a formula, or keeps a
//   leading apostrophe (typed input drops it as the "treat as text" mark). The stricter reading is that it
//   does neither (docs/emulation.md), so such a string is written behind one apostrophe, which Sheets
//   drops: the cell holds exactly the text either way. Should a plain-text cell keep that apostrophe
//   instead (also undocumented), keepTextExact reads such cells back and rewrites the ones that kept it.

import { assertCellsFit } from './cellLimits';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

export type WrittenCell = string | number | boolean;

export const PLAIN_TEXT_FORMAT = '@';
/** Most runs of number cells put back to Automatic one clearFormat call each (the rest keep their pattern). */
const MAX_AUTOMATIC_RUNS = 30;

/** Grows the sheet (never shrinks it) so that `lastRow` × `lastColumn` exist. */
export function makeRoom(sheet: Sheet, lastRow: number, lastColumn: number): void {
  const maxRows = sheet.getMaxRows();
  if (lastRow > maxRows) sheet.insertRowsAfter(maxRows, lastRow - maxRows);
  const maxColumns = sheet.getMaxColumns();
  if (lastColumn > maxColumns) sheet.insertColumnsAfter(maxColumns, lastColumn - maxColumns);
}

/**
 * The pattern that shows `value` without a bare decimal point: `0` when it is whole once rounded to
 * `maxDecimals` places, else `0.0` and up to `maxDecimals` − 1 more optional decimals.
 */
export function numberFormatFor(value: number, maxDecimals = 10): string {
  const rounded = Number(value.toFixed(maxDecimals));
  return Number.isInteger(rounded) ? '0' : `0.0${'#'.repeat(Math.max(maxDecimals - 1, 0))}`;
}

/** `@` for text (blank included, so that what a user types there later stays text too); numbers and
 *  booleans by numberFormatFor. */
export function formatFor(cell: WrittenCell): string {
  return typeof cell === 'string'
    ? PLAIN_TEXT_FORMAT
    : typeof cell === 'number'
      ? numberFormatFor(cell)
      : '0';
}

/**
 * Puts the number cells of `values` (written at row, column) back to the Automatic format, one clearFormat
 * per run of number cells down a column: Automatic shows what a user types later as typed, which no pattern
 * does for both 3 and 2.5. Call it right after the values, before any other formatting of those cells.
 */
export function leaveNumbersAutomatic(
  sheet: Sheet,
  row: number,
  column: number,
  values: readonly (readonly WrittenCell[])[],
): void {
  const width = Math.max(0, ...values.map((line) => line.length));
  let runs = 0;
  for (let c = 0; c < width; c += 1) {
    let start = -1;
    for (let r = 0; r <= values.length; r += 1) {
      const isNumber = r < values.length && typeof values[r]?.[c] === 'number';
      if (isNumber && start === -1) start = r;
      if (!isNumber && start !== -1) {
        if (runs >= MAX_AUTOMATIC_RUNS) return;
        sheet.getRange(row + start, column + c, r - start, 1).clearFormat();
        runs += 1;
        start = -1;
      }
    }
  }
}

/** The value to write so that Sheets stores exactly `cell` (see above). */
export function asWritten(cell: WrittenCell): WrittenCell {
  return typeof cell === 'string' && (cell.startsWith('=') || cell.startsWith("'")) ? `'${cell}` : cell;
}

export function asWrittenGrid(values: readonly (readonly WrittenCell[])[]): WrittenCell[][] {
  return values.map((line) => line.map(asWritten));
}

/**
 * After `range.setValues(asWrittenGrid(values))`: the cells written behind an apostrophe the text did not
 * have are read back (one getValues, only when there are any), and a cell that kept that apostrophe is
 * written again without it. Either way Google answers the undocumented question, the cell holds the text.
 */
export function keepTextExact(range: Range, values: readonly (readonly WrittenCell[])[]): void {
  const marked: [number, number][] = [];
  values.forEach((line, r) => {
    line.forEach((cell, c) => {
      if (asWritten(cell) !== cell) marked.push([r, c]);
    });
  });
  if (marked.length === 0) return;
  const stored = range.getValues();
  for (const [r, c] of marked) {
    const text = values[r]?.[c];
    if (stored[r]?.[c] === `'${text}`) range.getCell(r + 1, c + 1).setValue(text);
  }
}

/**
 * Writes a rectangle of values at (row, column) after making room and setting each cell's format:
 * `formats` when given (same shape), else `formatFor` each value. One setNumberFormats, one setValues;
 * with `automaticNumbers` (sheets a user edits), number cells then go back to Automatic.
 */
export function writeGrid(
  sheet: Sheet,
  row: number,
  column: number,
  values: readonly (readonly WrittenCell[])[],
  formats?: string[][],
  options: { automaticNumbers?: boolean } = {},
): Range {
  assertCellsFit(sheet.getName(), row, column, values);
  const height = values.length;
  const width = values[0]?.length ?? 0;
  makeRoom(sheet, row + height - 1, column + width - 1);
  const range = sheet.getRange(row, column, height, width);
  range.setNumberFormats(formats ?? values.map((line) => line.map(formatFor)));
  range.setValues(asWrittenGrid(values));
  keepTextExact(range, values);
  if (options.automaticNumbers) leaveNumbersAutomatic(sheet, row, column, values);
  return range;
}
