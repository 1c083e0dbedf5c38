/**
 * A1-notation helpers shared by the spreadsheet model and the formula evaluator.
 * Rows and columns are 1-based, as in Apps Script
 * (https://developers.google.com/apps-script/reference/spreadsheet/sheet#getRange(Integer,Integer)).
 */

/** Largest column Sheets allows (ZZZ); used to reject nonsense such as "ZZZZ1". */
export const MAX_COLUMNS = 18278;

/** A parsed A1 reference. `null` bounds mean "open": `A:K` has no rows, `1:3` has no columns, `A2:K` no end row. */
export interface A1Reference {
  sheetName: string | null;
  startRow: number | null;
  startColumn: number | null;
  endRow: number | null;
  endColumn: number | null;
}

export function columnToLetters(column: number): string {
  if (!Number.isInteger(column) || column < 1) throw new RangeError(`Invalid column number: ${column}`);
  let letters = '';
  let remaining = column;
  while (remaining > 0) {
    const digit = (remaining - 1) % 26;
    letters = String.fromCharCode(65 + digit) + letters;
    remaining = Math.floor((remaining - 1) / 26);
  }
  return letters;
}

export function lettersToColumn(letters: string): number {
  if (!/^[A-Za-z]+$/.test(letters)) throw new RangeError(`Invalid column letters: ${letters}`);
  let column = 0;
  for (const char of letters.toUpperCase()) column = column * 26 + (char.charCodeAt(0) - 64);
  return column;
}

/** "A1" for one cell, "A1:B2" otherwise. */
export function formatA1(row: number, column: number, numRows = 1, numColumns = 1): string {
  const start = `${columnToLetters(column)}${row}`;
  if (numRows === 1 && numColumns === 1) return start;
  return `${start}:${columnToLetters(column + numColumns - 1)}${row + numRows - 1}`;
}

/** Quotes a sheet name when Sheets would ('My Sheet'!A1), doubling embedded quotes. */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** "Leads!L1" / "'My Sheet'!A1:B2". */
export function formatSheetA1(sheetName: string, a1: string): string {
  return `${quoteSheetName(sheetName)}!${a1}`;
}

/** Splits "Sheet!A1:B2" / "'My Sheet'!A1" into sheet name and the rest; no "!" means no sheet. */
export function splitSheetPrefix(notation: string): { sheetName: string | null; address: string } {
  const text = notation.trim();
  if (text.startsWith("'")) {
    const match = /^'((?:[^']|'')*)'!(.*)$/.exec(text);
    if (match) return { sheetName: match[1]!.replace(/''/g, "'"), address: match[2]! };
    return { sheetName: null, address: text };
  }
  const bang = text.lastIndexOf('!');
  if (bang < 0) return { sheetName: null, address: text };
  return { sheetName: text.slice(0, bang), address: text.slice(bang + 1) };
}

const CELL_PART = /^\$?([A-Za-z]{0,3})\$?(\d*)$/;

interface CellPart {
  column: number | null;
  row: number | null;
}

function parseCellPart(part: string): CellPart | null {
  const match = CELL_PART.exec(part);
  if (!match) return null;
  const [, letters = '', digits = ''] = match;
  if (letters === '' && digits === '') return null;
  const column = letters === '' ? null : lettersToColumn(letters);
  const row = digits === '' ? null : Number(digits);
  if (row !== null && row < 1) return null;
  if (column !== null && column > MAX_COLUMNS) return null;
  return { column, row };
}

/**
 * Parses A1 notation: "A1", "A1:K200", "A:K", "1:3", "A2:K", "$A$1", optionally with a sheet prefix.
 * Returns null when the text is not A1 notation (e.g. a named range name).
 */
export function parseA1(notation: string): A1Reference | null {
  const { sheetName, address } = splitSheetPrefix(notation);
  const pieces = address.split(':');
  if (pieces.length > 2 || address === '') return null;
  const start = parseCellPart(pieces[0]!);
  if (!start) return null;
  if (pieces.length === 1) {
    // A single part must be a complete cell ("A1"); "A" or "1" alone are not ranges.
    if (start.row === null || start.column === null) return null;
    return {
      sheetName,
      startRow: start.row,
      startColumn: start.column,
      endRow: start.row,
      endColumn: start.column,
    };
  }
  const end = parseCellPart(pieces[1]!);
  if (!end) return null;
  const wholeColumns = start.row === null && end.row === null;
  const wholeRows = start.column === null && end.column === null;
  if (wholeColumns && (start.column === null || end.column === null)) return null;
  if (wholeRows && (start.row === null || end.row === null)) return null;
  // "A2:K" is allowed (open end row); "A:K2" and "A1:2" style mixes are normalised the same way.
  if (!wholeRows && (start.column === null || end.column === null)) return null;
  if (!wholeColumns && start.row === null) return null;
  const reference: A1Reference = {
    sheetName,
    startRow: start.row,
    startColumn: start.column,
    endRow: end.row,
    endColumn: end.column,
  };
  // Sheets accepts reversed corners ("B2:A1") and normalises them.
  if (reference.startRow !== null && reference.endRow !== null && reference.startRow > reference.endRow) {
    [reference.startRow, reference.endRow] = [reference.endRow, reference.startRow];
  }
  if (
    reference.startColumn !== null &&
    reference.endColumn !== null &&
    reference.startColumn > reference.endColumn
  ) {
    [reference.startColumn, reference.endColumn] = [reference.endColumn, reference.startColumn];
  }
  return reference;
}

/** Bounds of a reference on a sheet of the given size (open bounds run to the sheet's edges). */
export function resolveBounds(
  reference: A1Reference,
  maxRows: number,
  maxColumns: number,
): { row: number; column: number; numRows: number; numColumns: number } {
  const row = reference.startRow ?? 1;
  const column = reference.startColumn ?? 1;
  const endRow = reference.endRow ?? Math.max(maxRows, row);
  const endColumn = reference.endColumn ?? Math.max(maxColumns, column);
  return { row, column, numRows: endRow - row + 1, numColumns: endColumn - column + 1 };
}
