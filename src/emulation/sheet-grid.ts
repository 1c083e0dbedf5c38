/**
 * A sheet's grid: its cells by key, its size, and the writes ranges and formulas make into it (values,
 * formulas and their spill areas, formats, clearing, rows and columns moving). sheet.ts builds the Sheet
 * API on it; the grid tells the sheet what changed through recordChange and knows nothing of the spreadsheet.
 */
import { formatA1 } from './a1.js';
import {
  type Cell,
  type ClearOptions,
  cellHasContent,
  copyRowFormat,
  DEFAULT_FORMAT,
  hasRowFormat,
  newCell,
} from './cell.js';
import { type Area, cellKey, keyColumn, keyRow } from './geometry.js';
import { type RowShift, shiftRow } from './row-shift.js';
import { ScriptException, ScriptObject } from './runtime.js';
import type { CellInput } from './typed-input.js';
import { AUTOMATIC_NUMBER_FORMAT, type CellValue, DEFAULT_DATE_TIME_FORMAT, isDateObject } from './values.js';

export abstract class SheetGrid extends ScriptObject {
  /** @internal cell storage; use Range methods from tests. */
  readonly cells = new Map<number, Cell>();
  protected maxRows = 1000;
  protected maxColumns = 26;

  /** Tells the spreadsheet that cells of this sheet changed (`source`: the formula cell writing, or null). */
  protected abstract recordChange(area: Area, source: string | null): void;

  /**
   * Google refuses any range beyond getMaxRows()/getMaxColumns(); the sheet never grows to meet a range
   * (only appendRow and the insert methods add rows or columns). docs/emulation.md, "Sheet bounds".
   */
  protected checkInside(area: Area): void {
    if (area.row + area.numRows - 1 > this.maxRows || area.column + area.numColumns - 1 > this.maxColumns) {
      throw new ScriptException('The coordinates of the range are outside the dimensions of the sheet.');
    }
  }

  /** Last row with content (values or formulas; formatting does not count); 0 for an empty sheet. */
  getLastRow(): number {
    let last = 0;
    for (const [key, cell] of this.cells) if (cellHasContent(cell)) last = Math.max(last, keyRow(key));
    return last;
  }

  getLastColumn(): number {
    let last = 0;
    for (const [key, cell] of this.cells) if (cellHasContent(cell)) last = Math.max(last, keyColumn(key));
    return last;
  }

  getMaxRows(): number {
    return this.maxRows;
  }

  getMaxColumns(): number {
    return this.maxColumns;
  }

  /** Moves cells at or right of `at` by `delta` columns (negative: deletes at..at-delta-1). */
  protected moveColumns(at: number, delta: number): void {
    const moved = new Map<number, Cell>();
    for (const [key, cell] of this.cells) {
      const column = keyColumn(key);
      if (column < at) moved.set(key, cell);
      else if (delta > 0 || column >= at - delta) moved.set(cellKey(keyRow(key), column + delta), cell);
    }
    this.cells.clear();
    for (const [key, cell] of moved) this.cells.set(key, cell);
    this.maxColumns += delta;
  }

  /**
   * Moves the rows at or below `shift.at` by `shift.delta` (negative deletes at..at-delta-1), spill areas
   * with them; new rows take the formats of `templateRow` (old numbering).
   */
  protected moveRows(shift: RowShift, templateRow: number | null): void {
    const template =
      templateRow === null
        ? []
        : [...this.cells].filter(([key, cell]) => keyRow(key) === templateRow && hasRowFormat(cell));
    const mapKey = (key: number): number | null => {
      const row = shiftRow(keyRow(key), shift);
      return row === null ? null : cellKey(row, keyColumn(key));
    };
    const moved = new Map<number, Cell>();
    for (const [key, cell] of this.cells) {
      const newKey = mapKey(key);
      if (newKey === null) continue;
      if (cell.spilledFrom !== null) {
        const owner = mapKey(cell.spilledFrom);
        // A spilled value whose formula was deleted disappears with it.
        if (owner === null) cell.value = '';
        cell.spilledFrom = owner;
      }
      if (cell.formulaState?.spillArea) {
        cell.formulaState.spillArea = { ...cell.formulaState.spillArea, row: keyRow(newKey) };
      }
      moved.set(newKey, cell);
    }
    this.cells.clear();
    for (const [key, cell] of moved) this.cells.set(key, cell);
    this.maxRows += shift.delta;
    if (shift.delta > 0) {
      for (const [key, source] of template) {
        for (let row = shift.at; row < shift.at + shift.delta; row += 1) {
          this.cells.set(cellKey(row, keyColumn(key)), copyRowFormat(source));
        }
      }
    }
  }

  /** @internal a formula whose argument rows were all deleted shows #REF! (it is no longer evaluated). */
  showReferenceError(key: number): void {
    const cell = this.cells.get(key);
    if (!cell?.formulaState) return;
    this.clearSpill(key);
    cell.value = '#REF!';
    cell.formulaState.error = 'Reference does not exist.';
    cell.formulaState.spillArea = null;
  }

  /** @internal */
  cellAt(row: number, column: number): Cell | undefined {
    return this.cells.get(cellKey(row, column));
  }

  /** @internal number format of a cell, which decides how written strings are interpreted. */
  formatAt(row: number, column: number): string {
    return this.cellAt(row, column)?.numberFormat ?? AUTOMATIC_NUMBER_FORMAT;
  }

  private ensureCell(row: number, column: number): Cell {
    const key = cellKey(row, column);
    let cell = this.cells.get(key);
    if (!cell) {
      cell = newCell();
      this.cells.set(key, cell);
    }
    return cell;
  }

  /**
   * @internal Writes values/formulas; `source` names the formula cell writing its own result (null for
   * edits). Edits into a formula's spill area or over a formula end or invalidate that formula's result.
   */
  writeInputs(row: number, column: number, inputs: CellInput[][], source: string | null): void {
    const numRows = inputs.length;
    const numColumns = Math.max(0, ...inputs.map((line) => line.length));
    if (numRows === 0 || numColumns === 0) return;
    this.checkInside({ row, column, numRows, numColumns });
    inputs.forEach((line, rowOffset) => {
      line.forEach((input, columnOffset) => {
        const cell = this.ensureCell(row + rowOffset, column + columnOffset);
        if (source === null) this.releaseEditedCell(cell, cellKey(row + rowOffset, column + columnOffset));
        if (input.kind === 'formula') {
          cell.formula = input.formula;
          cell.value = '';
          cell.formulaState = { evaluatedAt: null, error: null, spillArea: null };
        } else {
          cell.value = input.value;
          // Sheets formats an unformatted cell by what was typed ($, %, a date); a Date object gets date-time.
          if (cell.numberFormat === AUTOMATIC_NUMBER_FORMAT) {
            if (input.numberFormat) cell.numberFormat = input.numberFormat;
            else if (isDateObject(input.value)) cell.numberFormat = DEFAULT_DATE_TIME_FORMAT;
          }
        }
      });
    });
    this.recordChange({ row, column, numRows, numColumns }, source);
  }

  /** An edit replaces whatever the cell was: a formula loses its spilled result, a spilled value its owner. */
  private releaseEditedCell(cell: Cell, key: number): void {
    if (cell.spilledFrom !== null) {
      const owner = this.cells.get(cell.spilledFrom);
      if (owner?.formulaState) owner.formulaState.evaluatedAt = null;
      cell.spilledFrom = null;
    }
    if (cell.formula !== '') {
      this.clearSpill(key);
      cell.formula = '';
      cell.formulaState = null;
    }
  }

  /** @internal empties the cells filled by the array result of the formula at `ownerKey`. */
  clearSpill(ownerKey: number, source: string | null = null): void {
    for (const [key, cell] of this.cells) {
      if (cell.spilledFrom === ownerKey) {
        cell.spilledFrom = null;
        cell.value = '';
        const area = { row: keyRow(key), column: keyColumn(key), numRows: 1, numColumns: 1 };
        this.recordChange(area, source);
      }
    }
  }

  /** @internal writes a formula's result: its own cell plus the spill cells it owns. */
  writeFormulaResult(ownerKey: number, values: CellValue[][], source: string): void {
    const row = keyRow(ownerKey);
    const column = keyColumn(ownerKey);
    values.forEach((line, rowOffset) => {
      line.forEach((value, columnOffset) => {
        const cell = this.ensureCell(row + rowOffset, column + columnOffset);
        cell.value = value;
        if (rowOffset !== 0 || columnOffset !== 0) cell.spilledFrom = ownerKey;
      });
    });
    const numColumns = Math.max(1, ...values.map((line) => line.length));
    this.recordChange({ row, column, numRows: values.length, numColumns }, source);
  }

  /** @internal applies a formatting change to every cell of an area (formatting is not a recalculation trigger). */
  updateCells(area: Area, update: (cell: Cell, rowOffset: number, columnOffset: number) => void): void {
    this.checkInside(area);
    for (let rowOffset = 0; rowOffset < area.numRows; rowOffset += 1) {
      for (let columnOffset = 0; columnOffset < area.numColumns; columnOffset += 1) {
        update(this.ensureCell(area.row + rowOffset, area.column + columnOffset), rowOffset, columnOffset);
      }
    }
  }

  /** @internal */
  clearArea(area: Area, options: ClearOptions): void {
    let contentsChanged = false;
    for (const [key, cell] of [...this.cells]) {
      const row = keyRow(key);
      const column = keyColumn(key);
      if (row < area.row || row >= area.row + area.numRows) continue;
      if (column < area.column || column >= area.column + area.numColumns) continue;
      if (options.contents && cellHasContent(cell)) {
        this.releaseEditedCell(cell, key);
        cell.value = '';
        contentsChanged = true;
      }
      if (options.formats) {
        Object.assign(cell, DEFAULT_FORMAT);
      }
      if (options.notes) cell.note = '';
      if (options.validations) cell.dataValidation = null;
    }
    if (contentsChanged) this.recordChange(area, null);
  }

  protected usedArea(): Area {
    return { row: 1, column: 1, numRows: this.maxRows, numColumns: this.maxColumns };
  }

  /** @internal A1 address of a cell key, e.g. "L1". */
  addressOf(key: number): string {
    return formatA1(keyRow(key), keyColumn(key));
  }
}
