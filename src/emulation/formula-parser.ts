/**
 * Parsing custom-function formulas (`=NAME(arg, ...)`) and shifting their A1 arguments when rows move.
 * A leaf: no sheet or spreadsheet imports (used by spreadsheet.ts for row moves and by custom-functions.ts).
 */
import { parseA1, splitSheetPrefix } from './a1.js';
import { type RowShift, shiftA1Address } from './row-shift.js';
import type { CellValue } from './values.js';

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
