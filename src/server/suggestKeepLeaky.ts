// The flagged columns kept on purpose: one store (the document property in suggestExclusions.ts) that two
// places edit — the Keep tick of the *Suggested model* sheet's leakage table and the sidebar's Keep tick. The
// sheet's ticks are read into the store before anything else uses it, and a tick from the sidebar is written
// to the sheet too, so the two always show the same thing.
import { cellText } from '../core/cells';
import { SUGGESTED_SHEET_NAME } from './spreadsheet';
import { readSuggestKeepLeaky, writeSuggestKeepLeaky } from './suggestExclusions';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The leakage table's headings; the fourth is the tick box that keeps a flagged column on purpose. */
export const LEAKAGE_HEADINGS = ['Column', 'AUC alone', 'Where answered', 'Keep', 'Why'];
export const KEEP_COLUMN = 3;

interface LeakageTable {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  /** 0-based rows of the flagged columns, with the column's name and its tick. */
  rows: { r: number; column: string; ticked: boolean }[];
}

function leakageTable(spreadsheet: Spreadsheet): LeakageTable | null {
  const sheet = spreadsheet.getSheetByName(SUGGESTED_SHEET_NAME);
  if (!sheet || sheet.getLastRow() < 2) return null;
  const values = sheet.getDataRange().getValues();
  const heading = values.findIndex((row) => LEAKAGE_HEADINGS.every((h, c) => row[c] === h));
  if (heading < 0) return null;
  const rows: LeakageTable['rows'] = [];
  for (let r = heading + 1; r < values.length && String(values[r]?.[0] ?? '') !== ''; r++) {
    rows.push({ r, column: String(values[r]![0]), ticked: values[r]![KEEP_COLUMN] === true });
  }
  return { sheet, rows };
}

/** The remembered flagged columns kept on purpose, updated from the ticks of the current Suggested model
 *  sheet (a tick keeps a column, no tick leaves it out again). */
export function keptLeakyColumns(spreadsheet: Spreadsheet): string[] {
  const kept = currentKeptLeaky(spreadsheet);
  writeSuggestKeepLeaky(kept);
  return kept;
}

/** The same without storing it (the sidebar's state reads it on every load). */
export function currentKeptLeaky(spreadsheet: Spreadsheet): string[] {
  const kept = new Map(readSuggestKeepLeaky().map((c) => [cellText(c), c]));
  for (const row of leakageTable(spreadsheet)?.rows ?? []) {
    if (row.ticked) kept.set(cellText(row.column), row.column);
    else kept.delete(cellText(row.column));
  }
  return [...kept.values()];
}

/** Keeps (or leaves out again) one flagged column at the next fit, from the sidebar: the store and the sheet's
 *  tick both change. Returns the columns kept after the change. */
export function setKeptLeakyColumn(spreadsheet: Spreadsheet, column: string, keep: boolean): string[] {
  if (typeof column !== 'string' || column.trim() === '') {
    throw new Error('Keep: which column? The request named none.');
  }
  const kept = new Map(keptLeakyColumns(spreadsheet).map((c) => [cellText(c), c]));
  if (keep) kept.set(cellText(column), column);
  else kept.delete(cellText(column));
  writeSuggestKeepLeaky([...kept.values()]);
  const table = leakageTable(spreadsheet);
  for (const row of table?.rows ?? []) {
    if (cellText(row.column) === cellText(column) && row.ticked !== keep) {
      table!.sheet.getRange(row.r + 1, KEEP_COLUMN + 1).setValue(keep);
    }
  }
  return [...kept.values()];
}
