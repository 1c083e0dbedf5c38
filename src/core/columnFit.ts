// Whether a model fits a sheet's columns, and the one short sentence to say when it does not. Every command
// that scores (Score this sheet, Calibration, Suggest, the LEAD functions) says it the same way: once, with
// the remedy, instead of one "column … is not in the data (columns: …)" line per rule.
import { cellText } from './cells';
import { treeColumns } from './engine/conditions';
import type { Model } from './model';

export interface ColumnFit {
  /** The model's lead columns the headers do not have, in model order, each once. */
  missing: string[];
  /** Enabled rules that read one of them (directly, in a condition, or through the lead key). */
  rules: string[];
}

/** How many of the missing columns a message names before "…". */
const NAMED = 3;

export function columnFit(model: Model, headers: readonly unknown[]): ColumnFit {
  const have = new Set(headers.map((h) => cellText(h)).filter((h) => h !== ''));
  const missing: string[] = [];
  const lacks = (column: string | undefined): boolean => {
    if (column === undefined || have.has(cellText(column))) return false;
    if (!missing.some((m) => cellText(m) === cellText(column))) missing.push(column);
    return true;
  };
  const rules: string[] = [];
  for (const rule of model.rules) {
    if (rule.enabled === false) continue;
    const columns = [
      rule.column,
      ...(rule.when === undefined ? [] : treeColumns(rule.when)),
      ...(rule.event === undefined ? [] : [model.activities?.leadKey]),
    ];
    // Every column checked (not just the first missing one), so that all of them are named.
    if (columns.map(lacks).some(Boolean)) rules.push(rule.name);
  }
  for (const group of model.groups) lacks(group.decay?.dateColumn);
  lacks(model.settings?.overrideColumn);
  return { missing, rules };
}

export function fits(fit: ColumnFit): boolean {
  return fit.missing.length === 0;
}

/** "Company size, Position, Budget, …" */
export function namedColumns(columns: readonly string[]): string {
  const named = columns.slice(0, NAMED).join(', ');
  return columns.length > NAMED ? `${named}, …` : named;
}

/** "12 rules read columns "Leads" doesn't have (Company size, Position, …)" — no remedy. `where` is a
 *  sheet's name, or null for "the data" (a formula does not know its sheet's name from its values). */
export function misfitSummary(fit: ColumnFit, sheetName: string | null): string {
  const what =
    fit.rules.length === 0
      ? 'The model reads'
      : fit.rules.length === 1
        ? `Rule "${fit.rules[0]}" reads`
        : `${fit.rules.length} rules read`;
  const columnWord = fit.missing.length === 1 ? 'a column' : 'columns';
  const where = sheetName === null ? 'the data' : `"${sheetName}"`;
  return `${what} ${columnWord} ${where} doesn't have (${namedColumns(fit.missing)})`;
}

/** The whole message, said once, with the remedy. */
export function misfitMessage(fit: ColumnFit, sheetName: string): string {
  return (
    `${misfitSummary(fit, sheetName)}: pick the model's columns with Remap in the sidebar, ` +
    'or Suggest a model from these leads.'
  );
}
