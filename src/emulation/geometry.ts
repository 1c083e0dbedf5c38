/**
 * Leaf of the spreadsheet model: cell keys, rectangles, and the narrow views that charts and formatting
 * rules have of a range and a sheet (so that they import nothing above them).
 */
import { ScriptException } from './runtime.js';
import type { CellValue } from './values.js';

/** Cells are keyed row * KEY_SPAN + column; KEY_SPAN exceeds the largest column number. */
const KEY_SPAN = 20000;

export function cellKey(row: number, column: number): number {
  return row * KEY_SPAN + column;
}

export function keyRow(key: number): number {
  return Math.floor(key / KEY_SPAN);
}

export function keyColumn(key: number): number {
  return key % KEY_SPAN;
}

/** A rectangle of cells, 1-based. */
export interface Area {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

export function areasIntersect(a: Area, b: Area): boolean {
  return (
    a.row < b.row + b.numRows &&
    b.row < a.row + a.numRows &&
    a.column < b.column + b.numColumns &&
    b.column < a.column + a.numColumns
  );
}

/** Apps Script's overload errors name the argument types like this. */
function describeArgumentTypes(args: readonly unknown[]): string {
  return args
    .map((arg) => {
      if (typeof arg === 'number') return 'number';
      if (typeof arg === 'string') return 'String';
      if (typeof arg === 'boolean') return 'Boolean';
      if (arg === null) return 'null';
      if (arg === undefined) return 'undefined';
      return 'Object';
    })
    .join(',');
}

export function signatureMismatch(args: readonly unknown[], method: string): ScriptException {
  return new ScriptException(
    `The parameters (${describeArgumentTypes(args)}) don't match the method signature for ${method}.`,
  );
}

/** What charts and formatting rules know of a sheet. */
export interface SheetReference {
  getName(): string;
}

/** What charts and formatting rules hand out as a range (EmulatedRange implements it). */
export interface RangeReference {
  readonly area: Area;
  getA1Notation(): string;
  getSheet(): SheetReference;
  getRow(): number;
  getColumn(): number;
  getNumRows(): number;
  getNumColumns(): number;
  getLastRow(): number;
  getLastColumn(): number;
  getValue(): CellValue;
  getValues(): CellValue[][];
  getDisplayValues(): string[][];
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): RangeReference;
}
