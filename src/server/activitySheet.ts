// The activity log (contract v2 §6) as the sidebar previews it: which sheet holds it, read with one getValues.

import { isBlank } from '../core/cells';
import type { ActivityTable } from '../core/engine';
import type { Model } from '../core/model';
import { nameKey } from '../core/validate';
import type { DataPreview } from '../shared/sidebarApi';
import { ACTIVITY_PREVIEW_ROW_LIMIT } from '../shared/sidebarApi';
import { ACTIVITY_SHEET_NAMES, dateFormatter, isAddonSheet, isDate } from './spreadsheet';

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
      isDate(cell)
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

/** Whether the model has an enabled rule that counts events (and so needs the activity log). */
export function countsEvents(model: Model): boolean {
  return model.rules.some((rule) => rule.enabled !== false && rule.event !== undefined);
}

/** The activity columns a model reads, as a user would name them in a message. */
export function activityColumnsText(model: Model): string {
  const a = model.activities;
  if (!a) return 'its header row';
  const names = [...new Set([a.activityKey, a.typeColumn, a.dateColumn])];
  return `columns ${names.map((n) => `"${n}"`).join(', ')}`;
}

/**
 * An activity range as Sheets hands it over (its header row first; an open range such as A1:D also brings
 * the blank rows to the sheet's end, which are dropped): the table compileModel indexes. `cell` turns a
 * Date into the day the leads' dates use (localDays), so both tables read dates alike.
 */
export function activityTableFrom(
  values: readonly (readonly unknown[])[],
  cell: (rows: readonly (readonly unknown[])[]) => unknown[][],
): ActivityTable {
  const [headers = [], ...rows] = values;
  const events = rows.filter((row) => !row.every(isBlank));
  return { headers: cell([headers])[0] ?? [], rows: cell(events) };
}

/**
 * The activity log that Score this sheet and the calibration score with: undefined when the model counts no
 * events; else the activity sheet read with one getValues. A model that counts events with no activity
 * sheet is an error saying what to add.
 */
export function readActivityTable(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  model: Model,
  cell: (rows: readonly (readonly unknown[])[]) => unknown[][],
  leadsSheetName?: string,
): { sheetName: string; table: ActivityTable } | undefined {
  if (!countsEvents(model)) return undefined;
  const sheet = findActivitySheet(spreadsheet, model, leadsSheetName);
  if (!sheet || sheet.getLastRow() < 1) {
    throw new Error(
      `The model counts events, but there is no activity log: add a sheet named "Activities" (one row per event, ${activityColumnsText(model)} in row 1).`,
    );
  }
  return { sheetName: sheet.getName(), table: activityTableFrom(sheet.getDataRange().getValues(), cell) };
}
