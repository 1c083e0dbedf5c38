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
import { formatA1, formatSheetA1, parseA1, splitSheetPrefix } from './a1.js';
import { type RowShift, shiftA1Address } from './row-shift.js';
import type { CallingCell } from './runtime.js';
import {
  type Area,
  areasIntersect,
  type Cell,
  cellHasContent,
  type EmulatedSheet,
  keyColumn,
  keyRow,
} from './sheet.js';
import type { EmulatedSpreadsheet } from './spreadsheet.js';
import { type CellValue, copyCellValue, isDateObject } from './values.js';

export type FormulaArgument =
  | { kind: 'literal'; value: CellValue }
  | { kind: 'reference'; text: string }
  | { kind: 'omitted' };

export interface CustomFunctionCall {
  functionName: string;
  args: FormulaArgument[];
}

const FUNCTION_CALL = /^=\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\(([\s\S]*)\)\s*$/;
const NUMBER_LITERAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const NAME_REFERENCE = /^[A-Za-z_][A-Za-z0-9_.]*$/;

/** Splits an argument list on top-level commas, respecting "strings" and 'sheet names'. */
function splitArguments(text: string): string[] | null {
  const parts: string[] = [];
  let current = '';
  let quote: '"' | "'" | null = null;
  let depth = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (quote) {
      current += char;
      if (char === quote) {
        if (text[index + 1] === quote) {
          current += quote;
          index += 1;
        } else {
          quote = null;
        }
      }
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (char === '(' || char === '{') depth += 1;
    else if (char === ')' || char === '}') depth -= 1;
    else if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  if (quote || depth !== 0) return null;
  parts.push(current);
  return parts;
}

function parseArgument(text: string): FormulaArgument | null {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'omitted' };
  if (trimmed.startsWith('"')) {
    if (!/^"(?:[^"]|"")*"$/.test(trimmed)) return null;
    return { kind: 'literal', value: trimmed.slice(1, -1).replace(/""/g, '"') };
  }
  if (NUMBER_LITERAL.test(trimmed)) return { kind: 'literal', value: Number(trimmed) };
  if (/^true$/i.test(trimmed)) return { kind: 'literal', value: true };
  if (/^false$/i.test(trimmed)) return { kind: 'literal', value: false };
  if (parseA1(trimmed) !== null || NAME_REFERENCE.test(trimmed)) return { kind: 'reference', text: trimmed };
  // Nested calls, operators and array literals are not evaluated here.
  return null;
}

/**
 * Parses a formula that is a single call with reference/literal arguments, e.g.
 * `=LEADSCORE(A1:K200, LeadModel)`; anything else returns null (left unevaluated).
 */
export function parseCustomFunctionCall(formula: string): CustomFunctionCall | null {
  const match = FUNCTION_CALL.exec(formula);
  if (!match) return null;
  const [, functionName = '', argumentText = ''] = match;
  if (argumentText.trim() === '') return { functionName, args: [] };
  const pieces = splitArguments(argumentText);
  if (!pieces) return null;
  const args: FormulaArgument[] = [];
  for (const piece of pieces) {
    const argument = parseArgument(piece);
    if (!argument) return null;
    args.push(argument);
  }
  // Trailing omitted arguments are simply absent.
  while (args.length > 0 && args[args.length - 1]!.kind === 'omitted') args.pop();
  return { functionName, args };
}

/**
 * Rewrites the A1 reference arguments of a custom-function call after rows were inserted or deleted on a
 * sheet, as Sheets adjusts references when rows move (e.g. `=LEADSCORE(A1:M201, LeadModel)` becomes
 * `A1:M202` when a row is inserted inside A1:M201). `refersToShiftedSheet` gets each reference's sheet
 * name (null without a prefix). Named ranges are left as names (the named range itself moves). A reference
 * whose rows were all deleted becomes `#REF!`. Returns null when nothing changed or the formula is not a
 * call this emulation evaluates (other formulas are not rewritten; see docs/emulation.md).
 */
export function shiftFormulaReferences(
  formula: string,
  refersToShiftedSheet: (sheetName: string | null) => boolean,
  shift: RowShift,
): { formula: string; broken: boolean } | null {
  if (!parseCustomFunctionCall(formula)) return null;
  const open = formula.indexOf('(');
  const close = formula.lastIndexOf(')');
  const pieces = splitArguments(formula.slice(open + 1, close));
  if (!pieces) return null;
  let changed = false;
  let broken = false;
  const rewritten = pieces.map((piece) => {
    const trimmed = piece.trim();
    const reference = trimmed === '' || trimmed.startsWith('"') ? null : parseA1(trimmed);
    if (!reference || !refersToShiftedSheet(reference.sheetName)) return piece;
    const { address } = splitSheetPrefix(trimmed);
    const prefix = trimmed.slice(0, trimmed.length - address.length);
    const shifted = shiftA1Address(address, shift);
    const replacement = shifted === null ? '#REF!' : `${prefix}${shifted}`;
    if (replacement === trimmed) return piece;
    changed = true;
    if (shifted === null) broken = true;
    const leading = piece.slice(0, piece.length - piece.trimStart().length);
    const trailing = piece.slice(piece.trimEnd().length);
    return `${leading}${replacement}${trailing}`;
  });
  if (!changed) return null;
  return { formula: `${formula.slice(0, open + 1)}${rewritten.join(',')}${formula.slice(close)}`, broken };
}

/** The outcome of running one custom function. */
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
