/**
 * What one cell stores: value, formula, recalculation state and formats.
 */
import type { DataValidation } from './formatting-rules.js';
import type { Area } from './geometry.js';
import { AUTOMATIC_NUMBER_FORMAT, type CellValue } from './values.js';

/** Recalculation bookkeeping for a formula cell (see custom-functions.ts). */
export interface FormulaState {
  /** Change-log sequence number of the last evaluation; null when never evaluated or edited since. */
  evaluatedAt: number | null;
  /** Message behind #ERROR! / #REF! / #NAME?, for Emulator.formulaError. */
  error: string | null;
  /** Where the last result wanted to spill (anchor included), so freeing that area re-runs the formula. */
  spillArea: Area | null;
}

export interface Cell {
  value: CellValue;
  /** Formula text including '=', or '' */
  formula: string;
  formulaState: FormulaState | null;
  /** Key of the formula cell whose array result fills this cell, or null. */
  spilledFrom: number | null;
  numberFormat: string;
  background: string;
  fontColor: string;
  fontWeight: string;
  fontStyle: string;
  fontSize: number;
  horizontalAlignment: string;
  wrap: boolean;
  note: string;
  dataValidation: DataValidation | null;
}

export const DEFAULT_FORMAT = {
  numberFormat: AUTOMATIC_NUMBER_FORMAT,
  background: '#ffffff',
  fontColor: '#000000',
  fontWeight: 'normal',
  fontStyle: 'normal',
  fontSize: 10,
  horizontalAlignment: 'general',
  wrap: false,
} as const;

export function newCell(): Cell {
  return {
    value: '',
    formula: '',
    formulaState: null,
    spilledFrom: null,
    ...DEFAULT_FORMAT,
    note: '',
    dataValidation: null,
  };
}

/** True when a cell carries formatting or validation that an inserted row next to it would take over. */
export function hasRowFormat(cell: Cell): boolean {
  return (
    cell.dataValidation !== null ||
    (Object.keys(DEFAULT_FORMAT) as (keyof typeof DEFAULT_FORMAT)[]).some(
      (property) => cell[property] !== DEFAULT_FORMAT[property],
    )
  );
}

/** A blank cell with the formats and data validation of `source` (no value, formula or note). */
export function copyRowFormat(source: Cell): Cell {
  const cell = newCell();
  for (const property of Object.keys(DEFAULT_FORMAT) as (keyof typeof DEFAULT_FORMAT)[]) {
    (cell as unknown as Record<string, unknown>)[property] = source[property];
  }
  cell.dataValidation = source.dataValidation;
  return cell;
}

export function cellHasContent(cell: Cell | undefined): boolean {
  return cell !== undefined && (cell.value !== '' || cell.formula !== '');
}

export interface ClearOptions {
  contents?: boolean;
  formats?: boolean;
  notes?: boolean;
  validations?: boolean;
}
