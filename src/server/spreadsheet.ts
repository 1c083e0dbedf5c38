// Small helpers every adapter shares: which sheet holds the leads, dates in the spreadsheet's time zone.
import { dayOfDateIn, formatIsoDay } from '../core/cells';
import { MODEL_SHEET_NAME } from '../core/modelSheet';

export const HISTORY_SHEET_NAME = 'Lead Scoring History';
export const CALIBRATION_SHEET_NAME = 'Calibration';
export const SAMPLE_SHEET_NAME = 'Sample leads';
const ADDON_SHEETS = new Set([MODEL_SHEET_NAME, HISTORY_SHEET_NAME, CALIBRATION_SHEET_NAME]);
const LEADS_SHEET_PROPERTY = 'leadScoring.leadsSheet';

/** Turns Date cells into `YYYY-MM-DD` in the spreadsheet's time zone (the calendar day Sheets shows). */
export function dateFormatter(timeZone: string): (date: Date) => string {
  const dayOf = dayOfDateIn(timeZone);
  return (date) => formatIsoDay(dayOf(date));
}

export function isAddonSheet(name: string): boolean {
  return ADDON_SHEETS.has(name);
}

/** The sheet of leads the sidebar previews and calibration uses: the active sheet when it holds leads,
 *  else the one last scored, else the first sheet that is not the add-on's own. */
export function findLeadsSheet(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
): GoogleAppsScript.Spreadsheet.Sheet | null {
  const active = spreadsheet.getActiveSheet();
  if (active && !isAddonSheet(active.getName()) && active.getLastRow() > 1) return active;
  const remembered = PropertiesService.getDocumentProperties().getProperty(LEADS_SHEET_PROPERTY);
  const rememberedSheet = remembered ? spreadsheet.getSheetByName(remembered) : null;
  if (rememberedSheet) return rememberedSheet;
  return spreadsheet.getSheets().find((s) => !isAddonSheet(s.getName()) && s.getLastRow() > 1) ?? null;
}

export function rememberLeadsSheet(name: string): void {
  PropertiesService.getDocumentProperties().setProperty(LEADS_SHEET_PROPERTY, name);
}

/** The message users see for an error, without a stack trace. */
export function plainMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
