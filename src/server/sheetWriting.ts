// How every writer of the add-on puts values into a sheet, so that Google's rules cannot bite:
// - getRange throws outside the sheet's dimensions ("The coordinates of the range are outside the dimensions
//   of the sheet."; only appendRow grows a sheet), so a writer first makes room with insertRowsAfter /
//   insertColumnsAfter (https://developers.google.com/apps-script/reference/spreadsheet/sheet#insertColumnsAfter(Integer,Integer)).
// - setValues stores a string the way typed input is stored (`=…` becomes a formula, `007` the number 7,
//   `1-10` a date) unless the cell's number format is plain text, `@`
//   (https://developers.google.com/apps-script/reference/spreadsheet/range#setNumberFormat(String)). So every
//   string cell gets `@` before the write, and numbers and booleans the automatic format: text stays that
//   exact text, numbers stay numbers.
// - Google's pages do not say that `@` stops a string starting with `=` from becoming a formula, or keeps a
//   leading apostrophe (typed input drops it as the "treat as text" mark). The stricter reading is that it
//   does neither (docs/emulation.md), so such a string is written behind one apostrophe, which Sheets
//   drops: the cell holds exactly the text either way.

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

export type WrittenCell = string | number | boolean;

export const PLAIN_TEXT_FORMAT = '@';
/** The format of a cell nobody formatted ("Automatic"), as getNumberFormat reports it. */
export const AUTOMATIC_FORMAT = '0.###############';

/** Grows the sheet (never shrinks it) so that `lastRow` × `lastColumn` exist. */
export function makeRoom(sheet: Sheet, lastRow: number, lastColumn: number): void {
  const maxRows = sheet.getMaxRows();
  if (lastRow > maxRows) sheet.insertRowsAfter(maxRows, lastRow - maxRows);
  const maxColumns = sheet.getMaxColumns();
  if (lastColumn > maxColumns) sheet.insertColumnsAfter(maxColumns, lastColumn - maxColumns);
}

/** `@` for text (blank included, so that what a user types there later stays text too), automatic otherwise. */
export function formatFor(cell: WrittenCell): string {
  return typeof cell === 'string' ? PLAIN_TEXT_FORMAT : AUTOMATIC_FORMAT;
}

/** The value to write so that Sheets stores exactly `cell` (see above). */
export function asWritten(cell: WrittenCell): WrittenCell {
  return typeof cell === 'string' && (cell.startsWith('=') || cell.startsWith("'")) ? `'${cell}` : cell;
}

export function asWrittenGrid(values: readonly (readonly WrittenCell[])[]): WrittenCell[][] {
  return values.map((line) => line.map(asWritten));
}

/**
 * Writes a rectangle of values at (row, column) after making room and setting each cell's format:
 * `formats` when given (same shape), else `formatFor` each value. One setNumberFormats, one setValues.
 */
export function writeGrid(
  sheet: Sheet,
  row: number,
  column: number,
  values: readonly (readonly WrittenCell[])[],
  formats?: string[][],
): Range {
  const height = values.length;
  const width = values[0]?.length ?? 0;
  makeRoom(sheet, row + height - 1, column + width - 1);
  const range = sheet.getRange(row, column, height, width);
  range.setNumberFormats(formats ?? values.map((line) => line.map(formatFor)));
  range.setValues(asWrittenGrid(values));
  return range;
}
