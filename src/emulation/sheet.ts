/**
 * A sheet: its name and place, ranges, rows and columns inserted and deleted, layout settings, charts and
 * conditional-format rules. Its cells, their formats and its size are the grid's (sheet-grid.ts).
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet
 */
import { MAX_COLUMNS, parseA1, resolveBounds } from './a1.js';
import { type EmbeddedChart, EmbeddedChartBuilder, SheetCharts } from './charts.js';
import { type EmulatedDeveloperMetadata, SheetMetadata } from './developer-metadata.js';
import type { ConditionalFormatRule } from './formatting-rules.js';
import { type Area, keyColumn, signatureMismatch } from './geometry.js';
import { EmulatedRange, type RangeHost } from './range.js';
import { SheetGrid } from './sheet-grid.js';

export type { Cell } from './cell.js';

import { type RowShift, shiftArea } from './row-shift.js';
import { SCRIPT_TYPE, ScriptException } from './runtime.js';
import { type InputContext, interpretInput } from './typed-input.js';

/** A range of an EmulatedSheet (its getSheet() is the sheet). */
export type SheetRange = EmulatedRange<EmulatedSheet>;

/**
 * The spreadsheet as a sheet sees it (EmulatedSpreadsheet implements it), so sheet.ts does not import
 * spreadsheet.ts.
 */
export interface SheetHost {
  getId(): string;
  getName(): string;
  getSheets(): EmulatedSheet[];
  getSheetByName(name: string): EmulatedSheet | null;
  getSpreadsheetTimeZone(): string;
  inputContext(): InputContext;
  renameSheet(sheet: EmulatedSheet, name: string): void;
  setActiveSheet(sheet: EmulatedSheet, restoreSelection?: boolean): EmulatedSheet;
  setActiveRange(range: SheetRange): SheetRange;
  activeRangeOn(sheet: EmulatedSheet): SheetRange | null;
  nextChartId(): number;
  checkCellLimit(sheet: EmulatedSheet, newSheetCells: number): void;
  shiftRowsOn(sheet: EmulatedSheet, shift: RowShift): void;
  recordChange(sheet: EmulatedSheet, area: Area, source: string | null): void;
  refuseColumnShiftIfReferenced(sheet: EmulatedSheet, at: number): void;
}

export class EmulatedSheet extends SheetGrid implements RangeHost {
  get [SCRIPT_TYPE]() {
    return 'Sheet';
  }

  private name: string;
  private hidden = false;
  private frozenRows = 0;
  private frozenColumns = 0;
  private readonly columnWidths = new Map<number, number>();
  /** Columns passed to autoResizeColumns, in call order (recorded no-op). */
  readonly autoResizedColumns: number[] = [];
  private conditionalFormatRules: ConditionalFormatRule[] = [];
  private readonly charts: SheetCharts;
  private readonly developerMetadata = new SheetMetadata();

  /** @internal created by EmulatedSpreadsheet.insertSheet */
  constructor(
    readonly spreadsheet: SheetHost,
    name: string,
    private readonly sheetId: number,
  ) {
    super();
    this.name = name;
    this.charts = new SheetCharts(this, () => spreadsheet.nextChartId());
  }

  protected recordChange(area: Area, source: string | null): void {
    this.spreadsheet.recordChange(this, area, source);
  }

  // --- identity -----------------------------------------------------------------------------

  getName(): string {
    return this.name;
  }

  setName(name: string): this {
    this.spreadsheet.renameSheet(this, String(name));
    return this;
  }

  /** @internal */
  assignName(name: string): void {
    this.name = name;
  }

  getSheetId(): number {
    return this.sheetId;
  }

  getSheetName(): string {
    return this.name;
  }

  /** 1-based position among the spreadsheet's sheets. */
  getIndex(): number {
    return this.spreadsheet.getSheets().indexOf(this) + 1;
  }

  getParent(): SheetHost {
    return this.spreadsheet;
  }

  activate(): this {
    this.spreadsheet.setActiveSheet(this);
    return this;
  }

  /** @internal Range.activate */
  activateRange(range: SheetRange): void {
    this.spreadsheet.setActiveRange(range);
  }

  // --- ranges -------------------------------------------------------------------------------

  /**
   * getRange(a1Notation) | getRange(row, column) | getRange(row, column, numRows) |
   * getRange(row, column, numRows, numColumns). Coordinates are 1-based.
   * https://developers.google.com/apps-script/reference/spreadsheet/sheet#getRange(Integer,Integer,Integer,Integer)
   */
  getRange(...args: unknown[]): SheetRange {
    if (args.length === 1 && typeof args[0] === 'string') return this.rangeFromA1(args[0]);
    if (
      args.length < 2 ||
      args.length > 4 ||
      args.some((arg) => typeof arg !== 'number' || Number.isNaN(arg))
    ) {
      throw signatureMismatch(args, 'SpreadsheetApp.Sheet.getRange');
    }
    const [row, column, numRows = 1, numColumns = 1] = (args as number[]).map((arg) => Math.trunc(arg));
    return this.rangeAt(row!, column!, numRows, numColumns);
  }

  /** @internal validated construction with Google's error texts. */
  rangeAt(row: number, column: number, numRows: number, numColumns: number): SheetRange {
    if (row < 1) throw new ScriptException('The starting row of the range is too small.');
    if (column < 1) throw new ScriptException('The starting column of the range is too small.');
    if (numRows < 1) throw new ScriptException('The number of rows in the range must be at least 1.');
    if (numColumns < 1) throw new ScriptException('The number of columns in the range must be at least 1.');
    this.checkInside({ row, column, numRows, numColumns });
    return new EmulatedRange(this, row, column, numRows, numColumns);
  }

  private rangeFromA1(notation: string): SheetRange {
    const reference = parseA1(notation);
    if (!reference) throw new ScriptException('Range not found');
    const sheet = reference.sheetName === null ? this : this.spreadsheet.getSheetByName(reference.sheetName);
    if (!sheet) throw new ScriptException('Range not found');
    const bounds = resolveBounds(reference, sheet.maxRows, sheet.maxColumns);
    sheet.checkInside(bounds);
    return new EmulatedRange(sheet, bounds.row, bounds.column, bounds.numRows, bounds.numColumns, {
      wholeColumns: reference.startRow === null,
      wholeRows: reference.startColumn === null,
    });
  }

  /** The range from A1 to the last cell with content (A1 alone for an empty sheet). */
  getDataRange(): SheetRange {
    return new EmulatedRange(this, 1, 1, Math.max(1, this.getLastRow()), Math.max(1, this.getLastColumn()));
  }

  /** The selection when this is the active sheet, else null. */
  getActiveRange(): SheetRange | null {
    return this.spreadsheet.activeRangeOn(this);
  }

  // --- writing ------------------------------------------------------------------------------

  /**
   * Appends a row after the last row with content, adding a row to the sheet when it is full (the one
   * writer that grows a sheet). A row longer than the sheet is wide is refused (not documented: the
   * stricter reading, docs/emulation.md).
   * https://developers.google.com/apps-script/reference/spreadsheet/sheet#appendRow(Object)
   */
  appendRow(rowContents: unknown[]): this {
    if (!Array.isArray(rowContents)) throw signatureMismatch([rowContents], 'SpreadsheetApp.Sheet.appendRow');
    if (rowContents.length === 0) return this;
    const row = this.getLastRow() + 1;
    if (rowContents.length > this.maxColumns) {
      throw new ScriptException('The coordinates of the range are outside the dimensions of the sheet.');
    }
    if (row > this.maxRows) {
      this.spreadsheet.checkCellLimit(this, row * this.maxColumns);
      this.maxRows = row;
    }
    this.writeInputs(
      row,
      1,
      [
        rowContents.map((value, index) =>
          interpretInput(value, this.formatAt(row, index + 1), this.spreadsheet.inputContext()),
        ),
      ],
      null,
    );
    return this;
  }

  /** Clears contents and formats of the whole sheet. */
  clear(): this {
    this.clearArea(this.usedArea(), { contents: true, formats: true });
    return this;
  }

  clearContents(): this {
    this.clearArea(this.usedArea(), { contents: true });
    return this;
  }

  clearFormats(): this {
    this.clearArea(this.usedArea(), { formats: true });
    return this;
  }

  clearNotes(): this {
    this.clearArea(this.usedArea(), { notes: true });
    return this;
  }

  // --- visibility and layout ----------------------------------------------------------------

  hideSheet(): this {
    const visible = this.spreadsheet.getSheets().filter((sheet) => !sheet.isSheetHidden());
    if (!this.hidden && visible.length <= 1)
      throw new ScriptException("You can't hide all the sheets in a document.");
    this.hidden = true;
    return this;
  }

  showSheet(): this {
    this.hidden = false;
    return this;
  }

  isSheetHidden(): boolean {
    return this.hidden;
  }

  /** See developer-metadata.ts: (key) or (key, value). */
  addDeveloperMetadata(...args: unknown[]): this {
    this.developerMetadata.add(args);
    return this;
  }

  getDeveloperMetadata(): EmulatedDeveloperMetadata[] {
    return this.developerMetadata.list();
  }

  setFrozenRows(rows: number): void {
    this.frozenRows = rows;
  }

  getFrozenRows(): number {
    return this.frozenRows;
  }

  setFrozenColumns(columns: number): void {
    this.frozenColumns = columns;
  }

  getFrozenColumns(): number {
    return this.frozenColumns;
  }

  /** Recorded no-op: there is no rendering here to size columns against. */
  autoResizeColumns(startColumn: number, numColumns: number): this {
    for (let column = startColumn; column < startColumn + numColumns; column += 1) {
      this.autoResizedColumns.push(column);
    }
    return this;
  }

  autoResizeColumn(columnPosition: number): this {
    return this.autoResizeColumns(columnPosition, 1);
  }

  setColumnWidth(columnPosition: number, width: number): this {
    this.columnWidths.set(columnPosition, width);
    return this;
  }

  setColumnWidths(startColumn: number, numColumns: number, width: number): this {
    for (let column = startColumn; column < startColumn + numColumns; column += 1) {
      this.columnWidths.set(column, width);
    }
    return this;
  }

  /** 100 px is Sheets' default column width. */
  getColumnWidth(columnPosition: number): number {
    return this.columnWidths.get(columnPosition) ?? 100;
  }

  // --- inserting and deleting rows ---------------------------------------------------------
  // Cells at or below the insertion point move down; named ranges, conditional-format ranges and the A1
  // arguments of custom-function formulas follow (row-shift.ts). The new rows are blank ("Inserts one or
  // more consecutive blank rows", insertRows(Integer,Integer)) but take the formats and data validation of
  // the row they are inserted next to: the row above for insert-after, the row below for insert-before. The
  // Sheets API documents this choice for row properties (InsertDimensionRequest.inheritFromBefore,
  // https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request#insertdimensionrequest);
  // that Apps Script's methods copy cell formats and validation this way is not confirmed (docs/emulation.md).

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#insertRowAfter(Integer) */
  insertRowAfter(afterPosition: number): this {
    this.checkRowArguments([afterPosition], 'insertRowAfter');
    return this.insertRowsAt(afterPosition + 1, 1, afterPosition);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#insertRowBefore(Integer) */
  insertRowBefore(beforePosition: number): this {
    this.checkRowArguments([beforePosition], 'insertRowBefore');
    return this.insertRowsAt(beforePosition, 1, beforePosition);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#insertRowsAfter(Integer,Integer) */
  insertRowsAfter(afterPosition: number, howMany: number): this {
    this.checkRowArguments([afterPosition, howMany], 'insertRowsAfter');
    return this.insertRowsAt(afterPosition + 1, howMany, afterPosition);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#insertRowsBefore(Integer,Integer) */
  insertRowsBefore(beforePosition: number, howMany: number): this {
    this.checkRowArguments([beforePosition, howMany], 'insertRowsBefore');
    return this.insertRowsAt(beforePosition, howMany, beforePosition);
  }

  /**
   * insertRows(rowIndex) | insertRows(rowIndex, numRows): blank rows starting at rowIndex; returns nothing.
   * https://developers.google.com/apps-script/reference/spreadsheet/sheet#insertRows(Integer,Integer)
   * Formats come from the row that moves down, as for insertRowsBefore (not confirmed; docs/emulation.md).
   */
  insertRows(rowIndex: number, numRows?: number): void {
    const args = numRows === undefined ? [rowIndex] : [rowIndex, numRows];
    this.checkRowArguments(args, 'insertRows');
    this.insertRowsAt(rowIndex, numRows ?? 1, rowIndex);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#deleteRows(Integer,Integer) */
  deleteRows(rowPosition: number, howMany: number): void {
    this.checkRowArguments([rowPosition, howMany], 'deleteRows');
    if (rowPosition < 1 || howMany < 1 || rowPosition + howMany - 1 > this.maxRows) {
      throw new ScriptException('Those rows are out of bounds.');
    }
    if (howMany >= this.maxRows) throw new ScriptException("You can't delete all the rows on the sheet.");
    this.shiftRows({ at: Math.trunc(rowPosition), delta: -Math.trunc(howMany) }, null);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#deleteRow(Integer) */
  deleteRow(rowPosition: number): this {
    this.checkRowArguments([rowPosition], 'deleteRow');
    this.deleteRows(rowPosition, 1);
    return this;
  }

  // --- inserting and deleting columns ------------------------------------------------------
  // The sheet grows or shrinks by whole columns; cells right of the point move. Formulas, named ranges,
  // conditional formats and spill areas do NOT follow column moves here: when any of them refers to a cell
  // that would move, the emulator refuses (EmulatorError) rather than leave them pointing at the wrong cells.

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#insertColumnAfter(Integer) */
  insertColumnAfter(afterPosition: number): this {
    this.checkRowArguments([afterPosition], 'insertColumnAfter');
    return this.insertColumnsAt(afterPosition + 1, 1, afterPosition);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#insertColumnBefore(Integer) */
  insertColumnBefore(beforePosition: number): this {
    this.checkRowArguments([beforePosition], 'insertColumnBefore');
    return this.insertColumnsAt(beforePosition, 1, beforePosition);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#insertColumnsAfter(Integer,Integer) */
  insertColumnsAfter(afterPosition: number, howMany: number): this {
    this.checkRowArguments([afterPosition, howMany], 'insertColumnsAfter');
    return this.insertColumnsAt(afterPosition + 1, howMany, afterPosition);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#insertColumnsBefore(Integer,Integer) */
  insertColumnsBefore(beforePosition: number, howMany: number): this {
    this.checkRowArguments([beforePosition, howMany], 'insertColumnsBefore');
    return this.insertColumnsAt(beforePosition, howMany, beforePosition);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#insertColumns(Integer,Integer) */
  insertColumns(columnIndex: number, numColumns?: number): void {
    const args = numColumns === undefined ? [columnIndex] : [columnIndex, numColumns];
    this.checkRowArguments(args, 'insertColumns');
    this.insertColumnsAt(columnIndex, numColumns ?? 1, columnIndex);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#deleteColumns(Integer,Integer) */
  deleteColumns(columnPosition: number, howMany: number): void {
    this.checkRowArguments([columnPosition, howMany], 'deleteColumns');
    const at = Math.trunc(columnPosition);
    const count = Math.trunc(howMany);
    if (at < 1 || count < 1 || at + count - 1 > this.maxColumns) {
      throw new ScriptException('Those columns are out of bounds.');
    }
    if (count >= this.maxColumns) throw new ScriptException("You can't delete all the columns on the sheet.");
    this.shiftColumns(at, -count);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#deleteColumn(Integer) */
  deleteColumn(columnPosition: number): this {
    this.checkRowArguments([columnPosition], 'deleteColumn');
    this.deleteColumns(columnPosition, 1);
    return this;
  }

  private insertColumnsAt(at: number, howMany: number, position: number): this {
    const count = Math.trunc(howMany);
    const anchor = Math.trunc(position);
    if (anchor < 1 || anchor > this.maxColumns || count < 1) {
      throw new ScriptException('Those columns are out of bounds.');
    }
    if (this.maxColumns + count > MAX_COLUMNS) {
      throw new ScriptException(
        `This action would increase the number of columns in the sheet above the limit of ${MAX_COLUMNS}.`,
      );
    }
    this.spreadsheet.checkCellLimit(this, this.maxRows * (this.maxColumns + count));
    this.shiftColumns(Math.trunc(at), count);
    return this;
  }

  /** Moves cells at or right of `at` by `delta` columns (negative: deletes at..at-delta-1). */
  private shiftColumns(at: number, delta: number): void {
    const moving = [...this.cells.keys()].some((key) => keyColumn(key) >= at);
    if (moving) this.spreadsheet.refuseColumnShiftIfReferenced(this, at);
    this.moveColumns(at, delta);
    if (moving) {
      this.recordChange(
        { row: 1, column: at, numRows: this.maxRows, numColumns: Math.max(1, this.maxColumns - at + 1) },
        null,
      );
    }
  }

  /** @internal whether anything on this sheet (conditional formats, spills) refers to a column >= at. */
  refersToColumnsFrom(at: number): boolean {
    const reaches = (area: Area) => area.column + area.numColumns - 1 >= at;
    if (this.conditionalFormatRules.some((rule) => rule.getRanges().some((range) => reaches(range.area)))) {
      return true;
    }
    for (const cell of this.cells.values()) {
      if (
        cell.spilledFrom !== null ||
        (cell.formulaState?.spillArea && reaches(cell.formulaState.spillArea))
      ) {
        return true;
      }
    }
    return false;
  }

  private checkRowArguments(args: unknown[], method: string): void {
    if (args.some((arg) => typeof arg !== 'number' || !Number.isFinite(arg))) {
      throw signatureMismatch(args, `SpreadsheetApp.Sheet.${method}`);
    }
  }

  /** Inserts `howMany` rows so that the first new row is `at`; formats come from `templateRow` (old numbering). */
  private insertRowsAt(at: number, howMany: number, templateRow: number): this {
    const position = Math.trunc(templateRow);
    const count = Math.trunc(howMany);
    if (position < 1 || position > this.maxRows || count < 1) {
      throw new ScriptException('Those rows are out of bounds.');
    }
    this.spreadsheet.checkCellLimit(this, (this.maxRows + count) * this.maxColumns);
    this.shiftRows({ at: Math.trunc(at), delta: count }, position);
    return this;
  }

  /**
   * Moves the rows at or below `shift.at` by `shift.delta` (negative deletes the rows at..at-delta-1), then
   * lets named ranges, conditional formats and formulas follow and records the change for recalculation.
   */
  private shiftRows(shift: RowShift, templateRow: number | null): void {
    const oldMaxRows = this.maxRows;
    this.moveRows(shift, templateRow);
    this.conditionalFormatRules = this.conditionalFormatRules.flatMap((rule) => {
      const ranges = rule.getRanges();
      if (!ranges.some((range) => range.getSheet() === this)) return [rule];
      const shifted = ranges.flatMap((range) => {
        if (range.getSheet() !== this) return [range];
        const area = shiftArea(range.area, shift);
        return area ? [new EmulatedRange(this, area.row, area.column, area.numRows, area.numColumns)] : [];
      });
      return shifted.length === 0 ? [] : [rule.copy().setRanges(shifted).build()];
    });
    this.spreadsheet.shiftRowsOn(this, shift);
    // Every row from the insertion/deletion point down changed: formulas reading it recalculate.
    const lastRow = Math.max(oldMaxRows, this.maxRows);
    this.recordChange(
      { row: shift.at, column: 1, numRows: Math.max(1, lastRow - shift.at + 1), numColumns: this.maxColumns },
      null,
    );
  }

  // --- charts -------------------------------------------------------------------------------

  newChart(): EmbeddedChartBuilder {
    return new EmbeddedChartBuilder();
  }

  insertChart(chart: EmbeddedChart): void {
    this.charts.insert(chart);
  }

  getCharts(): EmbeddedChart[] {
    return this.charts.list();
  }

  removeChart(chart: EmbeddedChart): void {
    this.charts.remove(chart);
  }

  updateChart(chart: EmbeddedChart): void {
    this.charts.update(chart);
  }

  // --- conditional formatting ---------------------------------------------------------------

  /**
   * Replaces ALL conditional-format rules of the sheet.
   * https://developers.google.com/apps-script/reference/spreadsheet/sheet#setConditionalFormatRules(ConditionalFormatRule)
   */
  setConditionalFormatRules(rules: ConditionalFormatRule[]): void {
    if (!Array.isArray(rules))
      throw signatureMismatch([rules], 'SpreadsheetApp.Sheet.setConditionalFormatRules');
    this.conditionalFormatRules = [...rules];
  }

  getConditionalFormatRules(): ConditionalFormatRule[] {
    return [...this.conditionalFormatRules];
  }

  clearConditionalFormatRules(): void {
    this.conditionalFormatRules = [];
  }
}
