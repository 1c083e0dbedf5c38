/**
 * Custom-function formulas: parsing `=NAME(args)` and recalculating the way Sheets does.
 * https://developers.google.com/apps-script/guides/sheets/functions
 *
 * - A formula is evaluated when it is new or edited, or when a range passed to it as an argument
 *   changed since its last evaluation. Data the function reads through SpreadsheetApp is not a
 *   dependency ("Recalculation happens only when a range passed as an argument changes").
 * - Arguments: one cell arrives as its value, a range as a 2-D array (rows x columns), empty cells
 *   as "", dates as Date objects; literals as themselves.
 * - Results: a value fills the cell; an array spills down and right; a 1-D array fills a column
 *   (observed Sheets behaviour, see docs/emulation.md); a spill that would overwrite data shows #REF!;
 *   a thrown error shows #ERROR! with its message.
 */
import { formatA1, formatSheetA1, parseA1 } from './a1.js';
import { type Cell, cellHasContent } from './cell.js';
import { type CustomFunctionCall, type FormulaArgument, parseCustomFunctionCall } from './formula-parser.js';
import { type Area, areasIntersect, keyColumn, keyRow } from './geometry.js';
import type { CallingCell } from './runtime.js';
import type { EmulatedSheet } from './sheet.js';
import type { EmulatedSpreadsheet } from './spreadsheet.js';
import { type CellValue, copyCellValue, isDateObject } from './values.js';

export type InvocationResult = { ok: true; value: unknown } | { ok: false; message: string };

export interface RecalculationHost {
  /** The script's declared name for a formula's function (case-insensitive), or null. */
  resolveFunction(name: string): string | null;
  /** Runs the function in CUSTOM_FUNCTION mode as its own execution. */
  invoke(functionName: string, args: unknown[], callingCell: CallingCell): InvocationResult;
}

/** Errors shown in the cell, with the message kept for Emulator.formulaError. */
class FormulaError {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {}
}

interface ResolvedReference {
  sheet: EmulatedSheet;
  area: Area;
}

const MAX_RECALCULATION_PASSES = 100;

/** A stable key for argument values (Dates by instant, omitted arguments distinct from ""). */
function argumentsKey(functionName: string, args: unknown[]): string {
  const encode = (value: unknown): unknown => {
    if (value === undefined) return { omitted: true };
    if (isDateObject(value)) return { date: value.getTime() };
    if (Array.isArray(value)) return value.map(encode);
    return value;
  };
  return JSON.stringify([functionName.toLowerCase(), args.map(encode)]);
}

export class Recalculator {
  /**
   * Sheets caches custom-function results: a call with the same function and the same argument values is
   * answered from the cache without running the script (so a result that depends on "today" or on data read
   * through SpreadsheetApp stays as it was). Kept for the emulator's lifetime (expiry is not documented;
   * the stricter reading). docs/emulation.md, "Custom-function results are cached".
   */
  private readonly resultCache = new Map<string, InvocationResult>();

  constructor(
    private readonly spreadsheet: EmulatedSpreadsheet,
    private readonly host: RecalculationHost,
  ) {}

  /** Returns the "Sheet!A1" addresses of the formulas evaluated, in first-evaluation order. */
  recalculate(force: boolean): string[] {
    const evaluated: string[] = [];
    const forcedDone = new Set<string>();
    for (let pass = 0; pass < MAX_RECALCULATION_PASSES; pass += 1) {
      let evaluatedThisPass = false;
      for (const sheet of this.spreadsheet.getSheets()) {
        const formulaKeys = [...sheet.cells.entries()]
          .filter(([, cell]) => cell.formula !== '' && cell.formulaState !== null)
          .map(([key]) => key)
          .sort((a, b) => a - b);
        for (const key of formulaKeys) {
          const cell = sheet.cells.get(key);
          if (!cell?.formulaState) continue; // removed by an earlier evaluation's spill clean-up
          const call = parseCustomFunctionCall(cell.formula);
          if (!call) continue;
          const functionName = this.host.resolveFunction(call.functionName);
          if (!functionName) continue;
          const id = formulaId(sheet, key);
          const forced = force && !forcedDone.has(id);
          if (!forced && !this.isStale(sheet, key, cell, call)) continue;
          forcedDone.add(id);
          this.evaluate(sheet, key, cell, functionName, call, forced);
          evaluatedThisPass = true;
          const address = formatSheetA1(sheet.getName(), formatA1(keyRow(key), keyColumn(key)));
          if (!evaluated.includes(address)) evaluated.push(address);
        }
      }
      if (!evaluatedThisPass) break;
    }
    return evaluated;
  }

  private isStale(sheet: EmulatedSheet, key: number, cell: Cell, call: CustomFunctionCall): boolean {
    const state = cell.formulaState!;
    if (state.evaluatedAt === null) return true;
    const since = state.evaluatedAt;
    const id = formulaId(sheet, key);
    const dependencies: ResolvedReference[] = [];
    for (const argument of call.args) {
      if (argument.kind !== 'reference') continue;
      if ((this.spreadsheet.namedRangeChanges.get(argument.text.toLowerCase()) ?? 0) > since) return true;
      const range = this.spreadsheet.resolveReference(argument.text, sheet);
      if (range) dependencies.push({ sheet: range.getSheet(), area: range.area });
    }
    // Freeing (or writing into) the area the result spills into re-expands the result, as in Sheets.
    if (state.spillArea) dependencies.push({ sheet, area: state.spillArea });
    const changes = this.spreadsheet.changes;
    for (let index = changes.length - 1; index >= 0; index -= 1) {
      const change = changes[index]!;
      if (change.sequence <= since) break;
      if (change.source === id) continue;
      if (
        dependencies.some(
          (dependency) => dependency.sheet === change.sheet && areasIntersect(dependency.area, change.area),
        )
      ) {
        return true;
      }
    }
    return false;
  }

  private evaluate(
    sheet: EmulatedSheet,
    key: number,
    cell: Cell,
    functionName: string,
    call: CustomFunctionCall,
    forced: boolean,
  ): void {
    const id = formulaId(sheet, key);
    const state = cell.formulaState!;
    sheet.clearSpill(key, id);
    let outcome: CellValue[][] | FormulaError;
    try {
      const anchor = { row: keyRow(key), column: keyColumn(key), numRows: 1, numColumns: 1 };
      const args = call.args.map((argument) => this.argumentValue(argument, sheet, anchor));
      const cacheKey = argumentsKey(functionName, args);
      const cached = forced ? undefined : this.resultCache.get(cacheKey);
      const result =
        cached ??
        this.host.invoke(functionName, args, {
          sheetName: sheet.getName(),
          row: keyRow(key),
          column: keyColumn(key),
        });
      this.resultCache.set(cacheKey, result);
      outcome = result.ok ? normalizeResult(result.value) : new FormulaError('#ERROR!', result.message);
    } catch (error) {
      if (!(error instanceof FormulaError)) throw error;
      outcome = error;
    }
    state.spillArea = null;
    if (!(outcome instanceof FormulaError)) {
      const area = {
        row: keyRow(key),
        column: keyColumn(key),
        numRows: outcome.length,
        numColumns: outcome[0]!.length,
      };
      const problem = this.spillProblem(sheet, key, area);
      if (problem) {
        state.spillArea = area;
        outcome = problem;
      }
    }
    if (outcome instanceof FormulaError) {
      sheet.writeFormulaResult(key, [[outcome.code]], id);
      state.error = outcome.message;
    } else {
      sheet.writeFormulaResult(key, outcome, id);
      state.error = null;
      if (outcome.length > 1 || outcome[0]!.length > 1) {
        state.spillArea = {
          row: keyRow(key),
          column: keyColumn(key),
          numRows: outcome.length,
          numColumns: outcome[0]!.length,
        };
      }
    }
    state.evaluatedAt = this.spreadsheet.currentSequence;
  }

  private argumentValue(argument: FormulaArgument, sheet: EmulatedSheet, anchor: Area): unknown {
    if (argument.kind === 'omitted') return undefined;
    if (argument.kind === 'literal') return copyCellValue(argument.value);
    const range = this.spreadsheet.resolveReference(argument.text, sheet);
    if (!range) {
      const parsed = parseA1(argument.text);
      if (parsed?.sheetName) throw new FormulaError('#REF!', `Unresolved sheet name '${parsed.sheetName}'.`);
      throw new FormulaError('#NAME?', `Unknown range name: '${argument.text}'.`);
    }
    if (range.getSheet() === sheet && areasIntersect(range.area, anchor)) {
      throw new FormulaError(
        '#REF!',
        'Circular dependency detected. To resolve with iterative calculation, see File > Settings.',
      );
    }
    return range.getNumRows() === 1 && range.getNumColumns() === 1 ? range.getValue() : range.getValues();
  }

  /** #REF! when the result would not fit the sheet or would overwrite data. */
  private spillProblem(sheet: EmulatedSheet, key: number, area: Area): FormulaError | null {
    const missingRows = area.row + area.numRows - 1 - sheet.getMaxRows();
    if (missingRows > 0) {
      return new FormulaError(
        '#REF!',
        `Result was not automatically expanded, please insert more rows (${missingRows}).`,
      );
    }
    const missingColumns = area.column + area.numColumns - 1 - sheet.getMaxColumns();
    if (missingColumns > 0) {
      return new FormulaError(
        '#REF!',
        `Result was not automatically expanded, please insert more columns (${missingColumns}).`,
      );
    }
    for (let row = area.row; row < area.row + area.numRows; row += 1) {
      for (let column = area.column; column < area.column + area.numColumns; column += 1) {
        if (row === area.row && column === area.column) continue;
        const target = sheet.cellAt(row, column);
        if (cellHasContent(target) && target!.spilledFrom !== key) {
          return new FormulaError(
            '#REF!',
            `Array result was not expanded because it would overwrite data in ${formatA1(row, column)}.`,
          );
        }
      }
    }
    return null;
  }
}

function formulaId(sheet: EmulatedSheet, key: number): string {
  return `${sheet.getSheetId()}:${key}`;
}

function toCellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (isDateObject(value)) return new Date(value.getTime());
  return String(value);
}

/** Scalar -> 1x1; 1-D array -> one column; 2-D array -> rows padded to the widest with "". */
export function normalizeResult(value: unknown): CellValue[][] {
  if (!Array.isArray(value)) return [[toCellValue(value)]];
  if (value.length === 0) return [['']];
  const rows = value.map((row) => (Array.isArray(row) ? row.map(toCellValue) : [toCellValue(row)]));
  const width = Math.max(1, ...rows.map((row) => row.length));
  return rows.map((row) => [...row, ...Array<CellValue>(width - row.length).fill('')]);
}
