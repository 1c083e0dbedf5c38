/**
 * The active spreadsheet: its sheets, named ranges, time zone and the change log that drives
 * custom-function recalculation.
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet
 */
import { parseA1, resolveBounds, splitSheetPrefix } from './a1.js';
import { isValidTimeZone } from './date-format.js';
import { shiftFormulaReferences } from './formula-parser.js';
import { type Area, signatureMismatch } from './geometry.js';
import { EmulatedRange } from './range.js';
import { type RowShift, shiftArea } from './row-shift.js';
import { EmulatorError, SCRIPT_TYPE, ScriptException, ScriptObject } from './runtime.js';
import { EmulatedSheet, type SheetHost, type SheetRange } from './sheet.js';
import type { InputContext } from './typed-input.js';
import type { UiLogImpl } from './ui.js';

/** Google's limit: 10 million cells per spreadsheet (https://support.google.com/drive/answer/37603). */
export const MAX_CELLS_PER_SPREADSHEET = 10_000_000;

/** One edit of cell contents; recalculation compares these with each formula's last evaluation. */
export interface ChangeRecord {
  sequence: number;
  sheet: EmulatedSheet;
  area: Area;
  /** The formula cell ("sheetId:key") that wrote its own result, or null for an edit. */
  source: string | null;
}

interface NamedRangeEntry {
  name: string;
  sheet: EmulatedSheet;
  area: Area;
}

/** https://developers.google.com/apps-script/reference/spreadsheet/named-range */
export class NamedRange extends ScriptObject {
  get [SCRIPT_TYPE]() {
    return 'NamedRange';
  }

  constructor(
    private readonly spreadsheet: EmulatedSpreadsheet,
    private name: string,
  ) {
    super();
  }

  getName(): string {
    return this.name;
  }

  getRange(): SheetRange {
    const range = this.spreadsheet.getRangeByName(this.name);
    if (!range) throw new ScriptException(`Named range ${this.name} no longer exists.`);
    return range;
  }

  setName(name: string): this {
    const range = this.getRange();
    this.spreadsheet.removeNamedRange(this.name);
    this.spreadsheet.setNamedRange(name, range);
    this.name = name;
    return this;
  }

  setRange(range: SheetRange): this {
    this.spreadsheet.setNamedRange(this.name, range);
    return this;
  }

  remove(): void {
    this.spreadsheet.removeNamedRange(this.name);
  }
}

/**
 * Named-range names: letters, digits, underscores and periods, not starting with a digit, not
 * TRUE/FALSE, not A1 or R1C1 notation, at most 250 characters
 * (https://support.google.com/docs/answer/63175).
 */
function isValidRangeName(name: string): boolean {
  if (name.length < 1 || name.length > 250) return false;
  if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name)) return false;
  if (/^(true|false)$/i.test(name)) return false;
  if (parseA1(name) !== null) return false;
  if (/^R\d*C\d*$/i.test(name)) return false;
  return true;
}

export class EmulatedSpreadsheet extends ScriptObject implements SheetHost {
  get [SCRIPT_TYPE]() {
    return 'Spreadsheet';
  }

  private sheets: EmulatedSheet[] = [];
  private activeSheet: EmulatedSheet;
  private activeRange: SheetRange | null = null;
  /** The last selection on each sheet, which a tab click restores. */
  private readonly selections = new Map<EmulatedSheet, SheetRange>();
  private readonly namedRanges = new Map<string, NamedRangeEntry>();
  /** When each named range (lower-cased name) was last defined, changed or removed. */
  readonly namedRangeChanges = new Map<string, number>();
  readonly changes: ChangeRecord[] = [];
  private changeSequence = 0;
  /** @internal see EmulatorOptions.plainTextIsLiteral. */
  plainTextIsLiteral = false;
  private nextSheetId = 0;
  private chartIdCounter = 0;
  private name: string;
  private timeZone: string;

  constructor(
    private readonly id: string,
    name: string,
    timeZone: string,
    private readonly uiLog: UiLogImpl,
    private readonly clock: () => number = Date.now,
  ) {
    super();
    this.name = name;
    this.timeZone = timeZone;
    // A new spreadsheet always has one sheet named "Sheet1" (with id 0).
    this.activeSheet = this.insertSheet('Sheet1');
  }

  // --- identity -----------------------------------------------------------------------------

  getId(): string {
    return this.id;
  }

  getName(): string {
    return this.name;
  }

  rename(newName: string): void {
    this.name = String(newName);
  }

  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }

  /** @internal how typed strings are read: the time zone and today's year. */
  inputContext(): InputContext {
    return {
      timeZone: this.timeZone,
      now: this.clock(),
      plainTextIsLiteral: this.plainTextIsLiteral,
    };
  }

  getSpreadsheetTimeZone(): string {
    return this.timeZone;
  }

  setSpreadsheetTimeZone(timezone: string): void {
    if (!isValidTimeZone(timezone)) throw new ScriptException(`Invalid argument: timezone (${timezone})`);
    this.timeZone = timezone;
  }

  getSpreadsheetLocale(): string {
    return 'en_US';
  }

  /** Shows a toast in the lower right corner; recorded in Emulator.ui.toasts. */
  toast(msg: string, title?: string, timeoutSeconds?: number): void {
    this.uiLog.toasts.push({
      message: String(msg),
      title: title === undefined ? '' : String(title),
      timeoutSeconds: timeoutSeconds ?? 5,
    });
  }

  // --- sheets -------------------------------------------------------------------------------

  getSheets(): EmulatedSheet[] {
    return [...this.sheets];
  }

  getNumSheets(): number {
    return this.sheets.length;
  }

  /** Null when there is no sheet of that name (names compare case-insensitively, like Sheets). */
  getSheetByName(name: string): EmulatedSheet | null {
    const wanted = String(name).toLowerCase();
    return this.sheets.find((sheet) => sheet.getName().toLowerCase() === wanted) ?? null;
  }

  getSheetById(id: number): EmulatedSheet | null {
    return this.sheets.find((sheet) => sheet.getSheetId() === id) ?? null;
  }

  /**
   * insertSheet() | insertSheet(sheetIndex) | insertSheet(sheetName) | insertSheet(sheetName, sheetIndex).
   * The index is 0-based; the new sheet becomes the active sheet.
   * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#insertSheet(String,Integer)
   */
  insertSheet(...args: unknown[]): EmulatedSheet {
    let name: string | undefined;
    let index: number | undefined;
    if (args.length === 1 && typeof args[0] === 'number') index = args[0];
    else if (args.length >= 1 && typeof args[0] === 'string') {
      name = args[0];
      if (args.length === 2) {
        if (typeof args[1] !== 'number')
          throw signatureMismatch(args, 'SpreadsheetApp.Spreadsheet.insertSheet');
        index = args[1];
      }
    } else if (args.length > 0) {
      throw signatureMismatch(args, 'SpreadsheetApp.Spreadsheet.insertSheet');
    }
    const sheetName = name ?? this.nextDefaultSheetName();
    if (sheetName.trim() === '') throw new ScriptException('Sheet name cannot be empty.');
    if (this.getSheetByName(sheetName)) {
      throw new ScriptException(
        `A sheet with the name "${sheetName}" already exists. Please enter another name.`,
      );
    }
    const sheet = new EmulatedSheet(this, sheetName, this.nextSheetId === 0 ? 0 : this.randomishSheetId());
    this.nextSheetId += 1;
    const position =
      index === undefined ? this.sheets.length : Math.max(0, Math.min(index, this.sheets.length));
    this.sheets.splice(position, 0, sheet);
    this.activeSheet = sheet;
    this.activeRange = null;
    return sheet;
  }

  /** Sheet ids other than the first are large arbitrary integers on Google; deterministic here. */
  private randomishSheetId(): number {
    return 100_000_000 + this.nextSheetId * 7_919;
  }

  private nextDefaultSheetName(): string {
    for (let number = this.sheets.length + 1; ; number += 1) {
      const candidate = `Sheet${number}`;
      if (!this.getSheetByName(candidate)) return candidate;
    }
  }

  deleteSheet(sheet: EmulatedSheet): void {
    const index = this.sheets.indexOf(sheet);
    if (index < 0) throw new ScriptException('Sheet not found');
    if (this.sheets.length === 1) throw new ScriptException("You can't remove all the sheets in a document.");
    this.sheets.splice(index, 1);
    this.selections.delete(sheet);
    // Named ranges on a deleted sheet stop resolving (#REF! in Sheets).
    for (const [key, entry] of this.namedRanges) {
      if (entry.sheet === sheet) {
        this.namedRanges.delete(key);
        this.namedRangeChanges.set(key, this.nextSequence());
      }
    }
    if (this.activeSheet === sheet) {
      this.activeSheet = this.sheets[Math.max(0, index - 1)]!;
      this.activeRange = null;
    }
  }

  /** @internal */
  renameSheet(sheet: EmulatedSheet, name: string): void {
    if (name.trim() === '') throw new ScriptException('Sheet name cannot be empty.');
    const existing = this.getSheetByName(name);
    if (existing && existing !== sheet) {
      throw new ScriptException(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    sheet.assignName(name);
  }

  getActiveSheet(): EmulatedSheet {
    return this.activeSheet;
  }

  /**
   * setActiveSheet(sheet) | setActiveSheet(sheet, restoreSelection): "The Google Sheets UI displays the
   * chosen sheet"; with restoreSelection true "the previous selection of the new active sheet becomes
   * selected" (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#setActiveSheet(Sheet,Boolean)).
   * The displayed sheet stays active for later executions (the sidebar's next call sees it).
   */
  setActiveSheet(sheet: EmulatedSheet, restoreSelection?: boolean): EmulatedSheet {
    if (!(sheet instanceof EmulatedSheet)) {
      throw signatureMismatch([sheet], 'SpreadsheetApp.Spreadsheet.setActiveSheet');
    }
    if (!this.sheets.includes(sheet)) throw new ScriptException('Sheet not found');
    this.rememberSelection();
    this.activeSheet = sheet;
    this.activeRange = restoreSelection ? (this.selections.get(sheet) ?? null) : null;
    return sheet;
  }

  /**
   * What a user's click on a sheet tab does (test and local-page side, not a script call): the sheet
   * becomes the active sheet with the selection it had when the user left it. Hidden sheets have no tab.
   */
  activateSheet(name: string): EmulatedSheet {
    const sheet = this.getSheetByName(name);
    if (!sheet) throw new Error(`No sheet named "${name}" to click.`);
    if (sheet.isSheetHidden()) throw new Error(`Sheet "${name}" is hidden: it has no tab to click.`);
    return this.setActiveSheet(sheet, true);
  }

  private rememberSelection(): void {
    if (this.activeRange) this.selections.set(this.activeSheet, this.activeRange);
  }

  /** The selection: A1 of the active sheet unless something was activated. */
  getActiveRange(): SheetRange {
    return this.activeRange ?? this.activeSheet.getRange(1, 1);
  }

  setActiveRange(range: SheetRange): SheetRange {
    if (range.getSheet() !== this.activeSheet) this.rememberSelection();
    this.activeSheet = range.getSheet();
    this.activeRange = range;
    return range;
  }

  /** @internal */
  activeRangeOn(sheet: EmulatedSheet): SheetRange | null {
    if (sheet !== this.activeSheet) return null;
    return this.getActiveRange();
  }

  /** getRange("Sheet!A1:B2"); without a sheet name, the active sheet. */
  getRange(a1Notation: string): SheetRange {
    if (typeof a1Notation !== 'string')
      throw signatureMismatch([a1Notation], 'SpreadsheetApp.Spreadsheet.getRange');
    const { sheetName } = splitSheetPrefix(a1Notation);
    const sheet = sheetName === null ? this.activeSheet : this.getSheetByName(sheetName);
    if (!sheet) throw new ScriptException('Range not found');
    return sheet.getRange(a1Notation);
  }

  // --- named ranges -------------------------------------------------------------------------

  /** Null when no range has that name (names compare case-insensitively). */
  getRangeByName(name: string): SheetRange | null {
    const entry = this.namedRanges.get(String(name).toLowerCase());
    if (!entry) return null;
    const { row, column, numRows, numColumns } = entry.area;
    return new EmulatedRange(entry.sheet, row, column, numRows, numColumns);
  }

  /** Names (or renames the target of) a range. */
  setNamedRange(name: string, range: SheetRange): void {
    const text = String(name);
    if (!isValidRangeName(text)) throw new ScriptException(`Invalid name: ${text}`);
    const key = text.toLowerCase();
    this.namedRanges.set(key, { name: text, sheet: range.getSheet(), area: range.area });
    this.namedRangeChanges.set(key, this.nextSequence());
  }

  getNamedRanges(): NamedRange[] {
    return [...this.namedRanges.values()].map((entry) => new NamedRange(this, entry.name));
  }

  removeNamedRange(name: string): void {
    const key = String(name).toLowerCase();
    if (!this.namedRanges.delete(key)) throw new ScriptException(`Named range not found: ${name}`);
    this.namedRangeChanges.set(key, this.nextSequence());
  }

  /**
   * @internal After rows were inserted into or deleted from `sheet`: named ranges on it grow, shrink or
   * move (see row-shift.ts), and the A1 arguments of custom-function formulas on every sheet that point
   * at it are rewritten. A named range whose rows were all deleted stops resolving (#REF! in Sheets),
   * like the named ranges of a deleted sheet.
   */
  shiftRowsOn(sheet: EmulatedSheet, shift: RowShift): void {
    for (const [key, entry] of this.namedRanges) {
      if (entry.sheet !== sheet) continue;
      const area = shiftArea(entry.area, shift);
      if (area) {
        entry.area = area;
      } else {
        this.namedRanges.delete(key);
        this.namedRangeChanges.set(key, this.nextSequence());
      }
    }
    for (const formulaSheet of this.sheets) {
      const refersToShiftedSheet = (sheetName: string | null) =>
        sheetName === null ? formulaSheet === sheet : this.getSheetByName(sheetName) === sheet;
      for (const [cellKey, cell] of formulaSheet.cells) {
        if (cell.formula === '' || !cell.formulaState) continue;
        const shifted = shiftFormulaReferences(cell.formula, refersToShiftedSheet, shift);
        if (!shifted) continue;
        cell.formula = shifted.formula;
        if (shifted.broken) formulaSheet.showReferenceError(cellKey);
      }
    }
  }

  /**
   * @internal Column moves are emulated for plain cells only: refuses (EmulatorError) when a named range,
   * conditional format, spill area or any formula that may refer to the sheet would have to follow.
   */
  refuseColumnShiftIfReferenced(sheet: EmulatedSheet, at: number): void {
    const named = [...this.namedRanges.values()].some(
      (entry) => entry.sheet === sheet && entry.area.column + entry.area.numColumns - 1 >= at,
    );
    const formulas = this.sheets.some((formulaSheet) =>
      [...formulaSheet.cells.values()].some(
        (cell) => cell.formula !== '' && (formulaSheet === sheet || cell.formula.includes(sheet.getName())),
      ),
    );
    if (named || formulas || sheet.refersToColumnsFrom(at)) {
      throw new EmulatorError(
        `Inserting or deleting columns at column ${at} of "${sheet.getName()}" would move cells that formulas, ` +
          'named ranges or conditional formats refer to; the emulation does not follow column moves ' +
          '(insert columns after the last used column instead; docs/emulation.md).',
      );
    }
  }

  // --- change log and limits (internal) -----------------------------------------------------

  /** @internal */
  get currentSequence(): number {
    return this.changeSequence;
  }

  private nextSequence(): number {
    this.changeSequence += 1;
    return this.changeSequence;
  }

  /** @internal */
  recordChange(sheet: EmulatedSheet, area: Area, source: string | null): void {
    this.changes.push({ sequence: this.nextSequence(), sheet, area, source });
  }

  /** @internal */
  nextChartId(): number {
    this.chartIdCounter += 1;
    return 1_000_000 + this.chartIdCounter;
  }

  /** @internal throws Google's error when growing a sheet would pass the spreadsheet's cell limit. */
  checkCellLimit(sheet: EmulatedSheet, newSheetCells: number): void {
    const otherCells = this.sheets
      .filter((other) => other !== sheet)
      .reduce((total, other) => total + other.getMaxRows() * other.getMaxColumns(), 0);
    if (otherCells + newSheetCells > MAX_CELLS_PER_SPREADSHEET) {
      throw new ScriptException(
        `This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS_PER_SPREADSHEET} cells.`,
      );
    }
  }

  /** @internal resolves "Sheet!A1:B2", "A1:B2" (relative to `defaultSheet`) or a named range. */
  resolveReference(reference: string, defaultSheet: EmulatedSheet): SheetRange | null {
    const parsed = parseA1(reference);
    if (parsed) {
      const sheet = parsed.sheetName === null ? defaultSheet : this.getSheetByName(parsed.sheetName);
      if (!sheet) return null;
      const bounds = resolveBounds(parsed, sheet.getMaxRows(), sheet.getMaxColumns());
      return new EmulatedRange(sheet, bounds.row, bounds.column, bounds.numRows, bounds.numColumns);
    }
    return this.getRangeByName(reference);
  }
}
