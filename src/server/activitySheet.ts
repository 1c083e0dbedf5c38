// The activity log (contract v2 §6) as the sidebar previews it: which sheet holds it, read with one getValues.
import type { Model } from '../core/model';
import { nameKey } from '../core/validate';
import type { DataPreview } from '../shared/sidebarApi';
import { ACTIVITY_PREVIEW_ROW_LIMIT } from '../shared/sidebarApi';
import { dateFormatter, isAddonSheet } from './spreadsheet';

/** Sheet names the add-on takes for the activity log before looking at headers. */
export const ACTIVITY_SHEET_NAMES = ['Activities', 'Sample activities'] as const;

/** The sheet named "Activities" or "Sample activities"; else, when the model reads activities, the first
 *  sheet other than the leads and the add-on's own whose header row has the model's activity key, type and
 *  date columns; else null. */
export function findActivitySheet(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  model: Model | null,
  leadsSheetName?: string,
): GoogleAppsScript.Spreadsheet.Sheet | null {
  for (const name of ACTIVITY_SHEET_NAMES) {
    const sheet = spreadsheet.getSheetByName(name);
    if (sheet) return sheet;
  }
  const activities = model?.activities;
  if (!activities) return null;
  const wanted = [activities.activityKey, activities.typeColumn, activities.dateColumn].map(nameKey);
  for (const sheet of spreadsheet.getSheets()) {
    const name = sheet.getName();
    if (name === leadsSheetName || isAddonSheet(name)) continue;
    const width = sheet.getLastColumn();
    if (sheet.getLastRow() < 1 || width < 1) continue;
    const headers = new Set(
      sheet
        .getRange(1, 1, 1, width)
        .getValues()[0]!
        .map((cell) => nameKey(String(cell))),
    );
    if (wanted.every((key) => headers.has(key))) return sheet;
  }
  return null;
}

/** A sheet as google.script.run can carry it (Dates as `YYYY-MM-DD` text), in one getValues of at most
 *  `limit` rows below the header row; null when the sheet is empty. */
export function readSheetPreview(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  timeZone: string,
  limit: number,
): DataPreview | null {
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  if (lastRow < 1 || lastColumn < 1) return null;
  const height = Math.min(lastRow, limit + 1);
  const values = sheet.getRange(1, 1, height, lastColumn).getValues();
  const toIso = dateFormatter(timeZone);
  const cells = values.map((row) =>
    row.map((cell): string | number | boolean =>
      cell instanceof Date
        ? toIso(cell)
        : typeof cell === 'number' || typeof cell === 'boolean'
          ? cell
          : String(cell ?? ''),
    ),
  );
  return {
    sheetName: sheet.getName(),
    headers: (cells[0] ?? []).map(String),
    rows: cells.slice(1),
    totalRows: lastRow - 1,
  };
}

/** The activity log the sidebar previews events from, or null when the spreadsheet has none. */
export function readActivityPreview(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  model: Model | null,
  timeZone: string,
  leadsSheetName?: string,
): DataPreview | null {
  const sheet = findActivitySheet(spreadsheet, model, leadsSheetName);
  return sheet ? readSheetPreview(sheet, timeZone, ACTIVITY_PREVIEW_ROW_LIMIT) : null;
}
