// LEADSCORE, LEADBAND, LEADGRADE, LEADCELL, LEADREASONS and LEADEXPLAIN: one execution per range (Google's advice),
// returning one value per row as a column. The activity log comes in as the optional third argument, a
// range (e.g. 'Sample activities'!A1:D), so that a new event changes the arguments and Sheets runs the
// formula again; it is indexed once per call by compileModel. A problem is returned as plain text in the
// cell, never a stack trace.

import { isBlank } from '../core/cells';
import { columnFit, fits, misfitSummary } from '../core/columnFit';
import {
  type ActivityTable,
  type CompiledModel,
  compileModel,
  formatReasons,
  type LeadScore,
  leadColumns,
  type ScoringOptions,
} from '../core/engine';
import type { Model } from '../core/model';
import { columnLetter, MODEL_RANGE_NAME } from '../core/modelSheet';
import { nameKey } from '../core/validate';
import { activityColumnsText, activityTableFrom, countsEvents, findActivitySheet } from './activitySheet';
import { modelFromValues, readStoredModel } from './modelStore';
import { localDays, plainMessage } from './spreadsheet';

export type LeadOutput = 'score' | 'band' | 'grade' | 'cell' | 'reasons' | 'explain';
type ScoreOutput = Exclude<LeadOutput, 'explain'>;

const OUTPUT_LABEL: Record<ScoreOutput, string> = {
  score: 'Score',
  band: 'Band',
  grade: 'Grade',
  cell: 'Cell',
  reasons: 'Reasons',
};
const FUNCTION_NAME: Record<LeadOutput, string> = {
  score: 'LEADSCORE',
  band: 'LEADBAND',
  grade: 'LEADGRADE',
  cell: 'LEADCELL',
  reasons: 'LEADREASONS',
  explain: 'LEADEXPLAIN',
};

type CellResult = string | number;

export function leadFunction(output: ScoreOutput) {
  return (data: unknown, model?: unknown, activities?: unknown): CellResult | CellResult[][] => {
    try {
      return scoreColumn(output, data, model, activities);
    } catch (error) {
      return `${FUNCTION_NAME[output]}: ${plainMessage(error)}`;
    }
  };
}

/** LEADEXPLAIN: one lead, one line per rule — its points and, in plain words, why it did or did not count. */
export function explainFunction(
  data: unknown,
  model?: unknown,
  activities?: unknown,
): CellResult | CellResult[][] {
  try {
    const { rows, headerIncluded, compiled } = prepare('explain', data, model, activities);
    const leads = rows.slice(headerIncluded ? 1 : 0).filter((row) => !row.every(isBlank));
    if (leads.length !== 1) {
      throw new Error(`give it one lead (one row, or the header row and one row); it got ${leads.length}.`);
    }
    const lines = compiled
      .explain(leads[0] ?? [])
      .map((line): CellResult[] => [line.rule, line.points, withoutRuleName(line.note, line.rule)]);
    return [['Rule', 'Points', 'Why'], ...lines];
  } catch (error) {
    return `${FUNCTION_NAME.explain}: ${plainMessage(error)}`;
  }
}

/** The engine's notes start with the rule's name, which the Rule column already shows. */
function withoutRuleName(note: string, rule: string): string {
  return note.startsWith(`${rule}: `) ? note.slice(rule.length + 2) : note;
}

function scoreColumn(
  output: ScoreOutput,
  data: unknown,
  model: unknown,
  activities: unknown,
): CellResult | CellResult[][] {
  const single = !Array.isArray(data);
  const { rows, headerIncluded, compiled } = prepare(output, data, model, activities);
  const results: CellResult[][] = rows.map((row, index) => {
    if (headerIncluded && index === 0) return [OUTPUT_LABEL[output]];
    if (row.every(isBlank)) return [''];
    return [pick(output, compiled.score(row))];
  });
  return single ? (results[0]?.[0] ?? '') : results;
}

/** The rows as Sheets passed them, whether the first is the header row, and the model compiled for them. */
function prepare(output: LeadOutput, data: unknown, modelArgument: unknown, activityArgument: unknown) {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const days = localDays(timeZone);
  const rows: unknown[][] = days.rows(Array.isArray(data) ? (data as unknown[][]) : [[data]]);
  const model = resolveModel(modelArgument, spreadsheet, timeZone);
  // The header row is the range's first row when it names the model's columns; otherwise row 1 of the same
  // columns on the sheet, found from this cell's formula (custom functions receive values, not addresses).
  const headerIncluded = rows.length > 0 && namesAllColumns(rows[0] ?? [], requiredColumns(model));
  const headers = headerIncluded ? (rows[0] ?? []) : headersFromSheet(output, rows[0]?.length ?? 0);
  // Said before anything else, and short: the cell is often a header cell in row 1, seen first.
  const fit = columnFit(model, headers);
  if (!fits(fit)) throw new Error(`${misfitSummary(fit, null)}: Remap or Suggest a model`);
  const activities = activityTable(output, model, activityArgument, days.rows, spreadsheet);
  return { rows, headerIncluded, compiled: compile(model, headers, { ...days.options(model), activities }) };
}

/** The third argument as the engine's activity table; a model that counts events needs it. */
function activityTable(
  output: LeadOutput,
  model: Model,
  argument: unknown,
  cells: (rows: readonly (readonly unknown[])[]) => unknown[][],
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
): ActivityTable | undefined {
  const omitted = argument === undefined || argument === null || argument === '';
  if (omitted) {
    if (!countsEvents(model)) return undefined;
    throw new Error(
      `the model counts events, so give the activity log as the third argument, with its header row (${activityColumnsText(model)}): ${withActivityArgument(output, activityRangeExample(spreadsheet, model))}`,
    );
  }
  if (!Array.isArray(argument) || !Array.isArray(argument[0])) {
    throw new Error(
      `the third argument must be the activity log's range with its header row, e.g. ${activityRangeExample(spreadsheet, model)}`,
    );
  }
  const values = argument as unknown[][];
  const wanted = model.activities
    ? [model.activities.activityKey, model.activities.typeColumn, model.activities.dateColumn]
    : [];
  if (countsEvents(model) && !namesAllColumns(values[0] ?? [], wanted.map(nameKey))) {
    throw new Error(
      `the activity range must start with its header row (${activityColumnsText(model)}), e.g. ${activityRangeExample(spreadsheet, model)}`,
    );
  }
  return activityTableFrom(values, cells);
}

/** `'Sample activities'!A1:D` for the activity sheet the spreadsheet has, else `Activities!A1:D`. */
function activityRangeExample(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, model: Model): string {
  const sheet = findActivitySheet(spreadsheet, model);
  const name = sheet?.getName() ?? 'Activities';
  const quoted = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replaceAll("'", "''")}'`;
  const width = Math.max(sheet?.getLastColumn() ?? 0, 1);
  return `${quoted}!A1:${sheet ? columnLetter(width) : 'D'}`;
}

const CALL_ARGUMENTS = /^=\s*(\w+)\s*\(([^()]*)\)\s*$/;

/** This cell's formula with the activity range as its third argument, e.g.
 *  `=LEADSCORE(A1:P201, LeadModel, 'Sample activities'!A1:D)`. */
function withActivityArgument(output: LeadOutput, activityRange: string): string {
  const formula = SpreadsheetApp.getActiveRange()?.getFormula() ?? '';
  const match = CALL_ARGUMENTS.exec(formula);
  const [data = 'A1:M500', model = ''] = (match?.[2] ?? '').split(',').map((a) => a.trim());
  return `=${match?.[1] ?? FUNCTION_NAME[output]}(${data || 'A1:M500'}, ${model || MODEL_RANGE_NAME}, ${activityRange})`;
}

function pick(output: ScoreOutput, result: LeadScore): CellResult {
  switch (output) {
    case 'score':
      return result.score;
    case 'band':
      return result.band;
    case 'grade':
      return result.grade ?? '';
    case 'cell':
      return result.cell ?? '';
    case 'reasons':
      return formatReasons(result.reasons);
  }
}

function resolveModel(
  argument: unknown,
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  timeZone: string,
): Model {
  const omitted = argument === undefined || argument === null || argument === '';
  if (!omitted && !Array.isArray(argument)) {
    throw new Error('the model argument must be the model range, e.g. LeadModel');
  }
  const { model, problems } = omitted
    ? readStoredModel(spreadsheet)
    : modelFromValues(argument as unknown[][], timeZone);
  if (!model) throw new Error(problems.map((p) => p.message).join('; '));
  return model;
}

function compile(model: Model, headers: readonly unknown[], options: ScoringOptions): CompiledModel {
  const result = compileModel(model, headers, options);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
  return result.compiled;
}

/** Every column of the leads table the model reads (rules, conditions, decay dates, key, override). */
function requiredColumns(model: Model): string[] {
  return leadColumns(model).map(nameKey);
}

function namesAllColumns(row: readonly unknown[], columns: readonly string[]): boolean {
  const present = new Set(row.map((cell) => (typeof cell === 'string' ? nameKey(cell) : '')));
  return columns.length > 0 && columns.every((c) => present.has(c));
}

const RANGE_ARGUMENT =
  /^=\s*\w+\s*\(\s*(?:(?:'((?:[^']|'')+)'|([A-Za-z0-9_.]+))!)?\$?([A-Z]+)\$?\d*\s*:\s*\$?([A-Z]+)/i;

/** Row 1 of the columns the formula's first argument spans, e.g. `=LEADSCORE(A2:K500)` → A1:K1. */
function headersFromSheet(output: LeadOutput, width: number): unknown[] {
  const cell = SpreadsheetApp.getActiveRange();
  const formula = cell ? cell.getFormula() : '';
  const match = RANGE_ARGUMENT.exec(formula);
  if (!cell || !match) {
    throw new Error(
      `cannot find the header row. Include it in the range, e.g. =${FUNCTION_NAME[output]}(A1:M201, LeadModel), or keep headers in row 1.`,
    );
  }
  const sheetName = match[1]?.replaceAll("''", "'") ?? match[2];
  const sheet = sheetName ? cell.getSheet().getParent().getSheetByName(sheetName) : cell.getSheet();
  if (!sheet) throw new Error(`there is no sheet named "${sheetName}"`);
  const firstColumn = columnNumber(match[3] ?? 'A');
  const lastColumn = columnNumber(match[4] ?? 'A');
  const count = Math.max(lastColumn - firstColumn + 1, width);
  return sheet.getRange(1, firstColumn, 1, count).getValues()[0] ?? [];
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
