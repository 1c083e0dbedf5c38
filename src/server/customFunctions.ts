// LEADSCORE, LEADBAND, LEADGRADE and LEADREASONS: one execution per range (Google's advice), returning one
// value per row as a column. A problem is returned as plain text in the cell, never a stack trace.

import { isBlank } from '../core/cells';
import {
  type CompiledModel,
  compileModel,
  formatReasons,
  type LeadScore,
  type ScoringOptions,
} from '../core/engine';
import type { Model } from '../core/model';
import { modelFromValues, readStoredModel } from './modelStore';
import { localDays, plainMessage } from './spreadsheet';

export type LeadOutput = 'score' | 'band' | 'grade' | 'reasons' | 'explain';
type ScoreOutput = Exclude<LeadOutput, 'explain'>;

const OUTPUT_LABEL: Record<ScoreOutput, string> = {
  score: 'Score',
  band: 'Band',
  grade: 'Grade',
  reasons: 'Reasons',
};
const FUNCTION_NAME: Record<LeadOutput, string> = {
  score: 'LEADSCORE',
  band: 'LEADBAND',
  grade: 'LEADGRADE',
  reasons: 'LEADREASONS',
  explain: 'LEADEXPLAIN',
};

type CellResult = string | number;

export function leadFunction(output: ScoreOutput) {
  return (data: unknown, model?: unknown): CellResult | CellResult[][] => {
    try {
      return scoreColumn(output, data, model);
    } catch (error) {
      return `${FUNCTION_NAME[output]}: ${plainMessage(error)}`;
    }
  };
}

/** LEADEXPLAIN: one lead, one line per rule — its points and, in plain words, why it did or did not count. */
export function explainFunction(data: unknown, model?: unknown): CellResult | CellResult[][] {
  try {
    const { rows, headerIncluded, compiled } = prepare('explain', data, model);
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

function scoreColumn(output: ScoreOutput, data: unknown, model: unknown): CellResult | CellResult[][] {
  const single = !Array.isArray(data);
  const { rows, headerIncluded, compiled } = prepare(output, data, model);
  const results: CellResult[][] = rows.map((row, index) => {
    if (headerIncluded && index === 0) return [OUTPUT_LABEL[output]];
    if (row.every(isBlank)) return [''];
    return [pick(output, compiled.score(row))];
  });
  return single ? (results[0]?.[0] ?? '') : results;
}

/** The rows as Sheets passed them, whether the first is the header row, and the model compiled for them. */
function prepare(output: LeadOutput, data: unknown, modelArgument: unknown) {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const days = localDays(timeZone);
  const rows: unknown[][] = days.rows(Array.isArray(data) ? (data as unknown[][]) : [[data]]);
  const model = resolveModel(modelArgument, spreadsheet, timeZone);
  // The header row is the range's first row when it names the model's columns; otherwise row 1 of the same
  // columns on the sheet, found from this cell's formula (custom functions receive values, not addresses).
  const headerIncluded = rows.length > 0 && namesAllColumns(rows[0] ?? [], requiredColumns(model));
  const headers = headerIncluded ? (rows[0] ?? []) : headersFromSheet(output, rows[0]?.length ?? 0);
  return { rows, headerIncluded, compiled: compile(model, headers, days.options(model)) };
}

function pick(output: ScoreOutput, result: LeadScore): CellResult {
  switch (output) {
    case 'score':
      return result.score;
    case 'band':
      return result.band;
    case 'grade':
      return result.grade ?? '';
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

function requiredColumns(model: Model): string[] {
  const names = model.rules
    .filter((r) => r.enabled !== false)
    .flatMap((r) => (r.column === undefined ? [] : [r.column]));
  for (const group of model.groups) if (group.decay) names.push(group.decay.dateColumn);
  return names.map((n) => n.trim().toLowerCase());
}

function namesAllColumns(row: readonly unknown[], columns: readonly string[]): boolean {
  const present = new Set(row.map((cell) => (typeof cell === 'string' ? cell.trim().toLowerCase() : '')));
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
