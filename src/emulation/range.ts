/**
 * A rectangular range of cells on a sheet. Coordinates are 1-based.
 * https://developers.google.com/apps-script/reference/spreadsheet/range
 */
import { columnToLetters, formatA1 } from './a1.js';
import type { Cell, ClearOptions } from './cell.js';
import { normalizeColor } from './colors.js';
import type { DataValidation } from './formatting-rules.js';
import { type Area, signatureMismatch } from './geometry.js';
import { SCRIPT_TYPE, ScriptException, ScriptObject } from './runtime.js';
import { type CellInput, checkCellLength, type InputContext, interpretInput } from './typed-input.js';
import {
  type CellValue,
  copyCellValue,
  DEFAULT_NUMBER_FORMAT,
  displayValue,
  reportedNumberFormat,
} from './values.js';

export interface OpenShape {
  /** Created from "A:K" notation; getA1Notation reports it that way. */
  wholeColumns: boolean;
  /** Created from "1:3" notation. */
  wholeRows: boolean;
}

/**
 * Shape check shared by every set*s(values[][]) method, with Google's error texts
 * (as reported by Apps Script for Range.setValues).
 */
function checkGridShape(grid: unknown, numRows: number, numColumns: number, method: string): unknown[][] {
  if (!Array.isArray(grid) || grid.some((row) => !Array.isArray(row))) {
    throw signatureMismatch([grid], `SpreadsheetApp.Range.${method}`);
  }
  const rows = grid as unknown[][];
  if (rows.length !== numRows) {
    throw new ScriptException(
      `The number of rows in the data does not match the number of rows in the range. The data has ${rows.length} but the range has ${numRows}.`,
    );
  }
  for (const row of rows) {
    if (row.length !== numColumns) {
      throw new ScriptException(
        `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${numColumns}.`,
      );
    }
  }
  return rows;
}

/**
 * The sheet as a range sees it (EmulatedSheet implements it): Range imports nothing above itself, so the
 * spine Spreadsheet -> Sheet -> Range has no cycle.
 */
export interface RangeHost {
  readonly spreadsheet: { getSpreadsheetTimeZone(): string; inputContext(): InputContext };
  getName(): string;
  cellAt(row: number, column: number): Cell | undefined;
  formatAt(row: number, column: number): string;
  writeInputs(row: number, column: number, inputs: CellInput[][], source: string | null): void;
  rangeAt(row: number, column: number, numRows: number, numColumns: number): EmulatedRange<RangeHost>;
  clearArea(area: Area, options: ClearOptions): void;
  updateCells(area: Area, update: (cell: Cell, rowOffset: number, columnOffset: number) => void): void;
  /** Makes the range the selection (Range.activate). */
  activateRange(range: EmulatedRange<RangeHost>): void;
}

export class EmulatedRange<Sheet extends RangeHost = RangeHost> extends ScriptObject {
  get [SCRIPT_TYPE]() {
    return 'Range';
  }

  /** @internal use sheet.getRange(...) */
  constructor(
    private readonly sheet: Sheet,
    private readonly row: number,
    private readonly column: number,
    private readonly numRows: number,
    private readonly numColumns: number,
    private readonly shape: OpenShape = { wholeColumns: false, wholeRows: false },
  ) {
    super();
  }

  /** @internal */
  get area(): Area {
    return { row: this.row, column: this.column, numRows: this.numRows, numColumns: this.numColumns };
  }

  private grid<T>(read: (cell: Cell | undefined, row: number, column: number) => T): T[][] {
    const rows: T[][] = [];
    for (let rowOffset = 0; rowOffset < this.numRows; rowOffset += 1) {
      const line: T[] = [];
      for (let columnOffset = 0; columnOffset < this.numColumns; columnOffset += 1) {
        const row = this.row + rowOffset;
        const column = this.column + columnOffset;
        line.push(read(this.sheet.cellAt(row, column), row, column));
      }
      rows.push(line);
    }
    return rows;
  }

  private topLeft(): Cell | undefined {
    return this.sheet.cellAt(this.row, this.column);
  }

  // --- geometry -----------------------------------------------------------------------------

  getSheet(): Sheet {
    return this.sheet;
  }
  getRow(): number {
    return this.row;
  }
  getRowIndex(): number {
    return this.row;
  }
  getColumn(): number {
    return this.column;
  }
  getNumRows(): number {
    return this.numRows;
  }
  getNumColumns(): number {
    return this.numColumns;
  }
  getHeight(): number {
    return this.numRows;
  }
  getWidth(): number {
    return this.numColumns;
  }
  /** End row of the range (not of the data in it). */
  getLastRow(): number {
    return this.row + this.numRows - 1;
  }
  getLastColumn(): number {
    return this.column + this.numColumns - 1;
  }

  getA1Notation(): string {
    if (this.shape.wholeColumns) {
      return `${columnToLetters(this.column)}:${columnToLetters(this.getLastColumn())}`;
    }
    if (this.shape.wholeRows) return `${this.row}:${this.getLastRow()}`;
    return formatA1(this.row, this.column, this.numRows, this.numColumns);
  }

  /** offset(rowOffset, columnOffset[, numRows[, numColumns]]) keeps the size unless given. */
  offset(
    rowOffset: number,
    columnOffset: number,
    numRows?: number,
    numColumns?: number,
  ): EmulatedRange<Sheet> {
    return this.sheet.rangeAt(
      this.row + rowOffset,
      this.column + columnOffset,
      numRows ?? this.numRows,
      numColumns ?? this.numColumns,
    ) as EmulatedRange<Sheet>;
  }

  /** getCell(row, column) relative to this range, 1-based. */
  getCell(row: number, column: number): EmulatedRange<Sheet> {
    if (row < 1 || column < 1 || row > this.numRows || column > this.numColumns) {
      throw new ScriptException('Cell reference out of range');
    }
    return new EmulatedRange(this.sheet, this.row + row - 1, this.column + column - 1, 1, 1);
  }

  activate(): this {
    this.sheet.activateRange(this);
    return this;
  }

  isBlank(): boolean {
    return this.grid((cell) => cell === undefined || (cell.value === '' && cell.formula === '')).every(
      (line) => line.every(Boolean),
    );
  }

  // --- values -------------------------------------------------------------------------------

  /** Empty cells read as ""; Dates come back as new Date objects (copies). */
  getValues(): CellValue[][] {
    return this.grid((cell) => (cell ? copyCellValue(cell.value) : ''));
  }

  getValue(): CellValue {
    const cell = this.topLeft();
    return cell ? copyCellValue(cell.value) : '';
  }

  getDisplayValues(): string[][] {
    const timeZone = this.sheet.spreadsheet.getSpreadsheetTimeZone();
    return this.grid((cell) => (cell ? displayValue(cell.value, cell.numberFormat, timeZone) : ''));
  }

  getDisplayValue(): string {
    return this.getDisplayValues()[0]![0]!;
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/range#setValues(Object) */
  setValues(values: unknown[][]): this {
    const rows = checkGridShape(values, this.numRows, this.numColumns, 'setValues');
    const context = this.sheet.spreadsheet.inputContext();
    const inputs: CellInput[][] = rows.map((line, rowOffset) =>
      line.map((value, columnOffset) =>
        interpretInput(value, this.sheet.formatAt(this.row + rowOffset, this.column + columnOffset), context),
      ),
    );
    this.sheet.writeInputs(this.row, this.column, inputs, null);
    return this;
  }

  /** Sets every cell of the range to the value. */
  setValue(value: unknown): this {
    const context = this.sheet.spreadsheet.inputContext();
    const inputs = this.grid((_cell, row, column) =>
      interpretInput(value, this.sheet.formatAt(row, column), context),
    );
    this.sheet.writeInputs(this.row, this.column, inputs, null);
    return this;
  }

  getFormulas(): string[][] {
    return this.grid((cell) => cell?.formula ?? '');
  }

  getFormula(): string {
    return this.topLeft()?.formula ?? '';
  }

  setFormulas(formulas: string[][]): this {
    const rows = checkGridShape(formulas, this.numRows, this.numColumns, 'setFormulas');
    this.sheet.writeInputs(
      this.row,
      this.column,
      rows.map((line) => line.map((formula) => this.formulaInput(formula))),
      null,
    );
    return this;
  }

  /** Every cell gets the same formula text (Sheets would shift relative references; not emulated). */
  setFormula(formula: string): this {
    const input = this.formulaInput(formula);
    this.sheet.writeInputs(
      this.row,
      this.column,
      this.grid(() => input),
      null,
    );
    return this;
  }

  /** setFormula("=X") stores a formula; text without '=' is stored like a typed value. */
  private formulaInput(formula: unknown): CellInput {
    const text = formula === null || formula === undefined ? '' : String(formula);
    checkCellLength(text);
    if (text.startsWith('=') && text.length > 1) return { kind: 'formula', formula: text };
    return interpretInput(text, DEFAULT_NUMBER_FORMAT, this.sheet.spreadsheet.inputContext());
  }

  // --- clearing -----------------------------------------------------------------------------

  /** Clears contents and formats (https://developers.google.com/apps-script/reference/spreadsheet/range#clear()). */
  clear(options?: {
    contentsOnly?: boolean;
    formatOnly?: boolean;
    validationsOnly?: boolean;
    commentsOnly?: boolean;
  }): this {
    if (
      options &&
      (options.contentsOnly || options.formatOnly || options.validationsOnly || options.commentsOnly)
    ) {
      this.sheet.clearArea(this.area, {
        contents: Boolean(options.contentsOnly),
        formats: Boolean(options.formatOnly),
        validations: Boolean(options.validationsOnly),
        notes: Boolean(options.commentsOnly),
      });
      return this;
    }
    this.sheet.clearArea(this.area, { contents: true, formats: true });
    return this;
  }

  clearContent(): this {
    this.sheet.clearArea(this.area, { contents: true });
    return this;
  }

  clearFormat(): this {
    this.sheet.clearArea(this.area, { formats: true });
    return this;
  }

  clearNote(): this {
    this.sheet.clearArea(this.area, { notes: true });
    return this;
  }

  clearDataValidations(): this {
    this.sheet.clearArea(this.area, { validations: true });
    return this;
  }

  // --- formats ------------------------------------------------------------------------------

  private setEach(update: (cell: Cell) => void): this {
    this.sheet.updateCells(this.area, (cell) => update(cell));
    return this;
  }

  private setGrid<T>(grid: T[][], method: string, update: (cell: Cell, value: T) => void): this {
    const rows = checkGridShape(grid, this.numRows, this.numColumns, method) as T[][];
    this.sheet.updateCells(this.area, (cell, rowOffset, columnOffset) =>
      update(cell, rows[rowOffset]![columnOffset]!),
    );
    return this;
  }

  setBackground(color: string | null): this {
    const normalized = color === null ? '#ffffff' : normalizeColor(color);
    return this.setEach((cell) => {
      cell.background = normalized;
    });
  }
  setBackgrounds(colors: (string | null)[][]): this {
    return this.setGrid(colors, 'setBackgrounds', (cell, color) => {
      cell.background = color === null ? '#ffffff' : normalizeColor(color);
    });
  }
  getBackground(): string {
    return this.topLeft()?.background ?? '#ffffff';
  }
  getBackgrounds(): string[][] {
    return this.grid((cell) => cell?.background ?? '#ffffff');
  }

  setFontColor(color: string | null): this {
    const normalized = color === null ? '#000000' : normalizeColor(color);
    return this.setEach((cell) => {
      cell.fontColor = normalized;
    });
  }
  setFontColors(colors: (string | null)[][]): this {
    return this.setGrid(colors, 'setFontColors', (cell, color) => {
      cell.fontColor = color === null ? '#000000' : normalizeColor(color);
    });
  }
  getFontColor(): string {
    return this.topLeft()?.fontColor ?? '#000000';
  }
  getFontColors(): string[][] {
    return this.grid((cell) => cell?.fontColor ?? '#000000');
  }

  setFontWeight(fontWeight: string | null): this {
    return this.setEach((cell) => {
      cell.fontWeight = fontWeight ?? 'normal';
    });
  }
  setFontWeights(fontWeights: (string | null)[][]): this {
    return this.setGrid(fontWeights, 'setFontWeights', (cell, weight) => {
      cell.fontWeight = weight ?? 'normal';
    });
  }
  getFontWeight(): string {
    return this.topLeft()?.fontWeight ?? 'normal';
  }
  getFontWeights(): string[][] {
    return this.grid((cell) => cell?.fontWeight ?? 'normal');
  }

  setFontStyle(fontStyle: string | null): this {
    return this.setEach((cell) => {
      cell.fontStyle = fontStyle ?? 'normal';
    });
  }
  getFontStyle(): string {
    return this.topLeft()?.fontStyle ?? 'normal';
  }

  setFontSize(size: number): this {
    return this.setEach((cell) => {
      cell.fontSize = size;
    });
  }
  getFontSize(): number {
    return this.topLeft()?.fontSize ?? 10;
  }

  setNumberFormat(numberFormat: string): this {
    return this.setEach((cell) => {
      cell.numberFormat = String(numberFormat);
    });
  }
  setNumberFormats(numberFormats: string[][]): this {
    return this.setGrid(numberFormats, 'setNumberFormats', (cell, numberFormat) => {
      cell.numberFormat = String(numberFormat);
    });
  }
  getNumberFormat(): string {
    return reportedNumberFormat(this.topLeft()?.numberFormat ?? DEFAULT_NUMBER_FORMAT);
  }
  getNumberFormats(): string[][] {
    return this.grid((cell) => reportedNumberFormat(cell?.numberFormat ?? DEFAULT_NUMBER_FORMAT));
  }

  /** 'left' | 'center' | 'normal' | 'right' | null (null resets). */
  setHorizontalAlignment(alignment: string | null): this {
    const value = alignment === null || alignment === 'normal' ? 'general' : String(alignment);
    if (!['left', 'center', 'right', 'general'].includes(value)) {
      throw new ScriptException(`Invalid argument: alignment (${alignment})`);
    }
    return this.setEach((cell) => {
      cell.horizontalAlignment = value;
    });
  }
  getHorizontalAlignment(): string {
    return this.topLeft()?.horizontalAlignment ?? 'general';
  }

  setWrap(isWrapEnabled: boolean): this {
    return this.setEach((cell) => {
      cell.wrap = Boolean(isWrapEnabled);
    });
  }
  getWrap(): boolean {
    return this.topLeft()?.wrap ?? false;
  }

  setNote(note: string | null): this {
    return this.setEach((cell) => {
      cell.note = note === null ? '' : String(note);
    });
  }
  setNotes(notes: (string | null)[][]): this {
    return this.setGrid(notes, 'setNotes', (cell, note) => {
      cell.note = note === null ? '' : String(note);
    });
  }
  getNote(): string {
    return this.topLeft()?.note ?? '';
  }
  getNotes(): string[][] {
    return this.grid((cell) => cell?.note ?? '');
  }

  // --- data validation ----------------------------------------------------------------------

  /** null removes validation (https://developers.google.com/apps-script/reference/spreadsheet/range#setDataValidation(DataValidation)). */
  setDataValidation(rule: DataValidation | null): this {
    return this.setEach((cell) => {
      cell.dataValidation = rule;
    });
  }
  setDataValidations(rules: (DataValidation | null)[][]): this {
    return this.setGrid(rules, 'setDataValidations', (cell, rule) => {
      cell.dataValidation = rule;
    });
  }
  getDataValidation(): DataValidation | null {
    return this.topLeft()?.dataValidation ?? null;
  }
  getDataValidations(): (DataValidation | null)[][] {
    return this.grid((cell) => cell?.dataValidation ?? null);
  }
}
