// Small helpers every adapter shares: which sheet holds the leads, dates in the spreadsheet's time zone.
import { MODEL_SHEET_NAME } from '../core/modelSheet';

export const HISTORY_SHEET_NAME = 'Lead Scoring History';
export const CALIBRATION_SHEET_NAME = 'Calibration';
export const SAMPLE_SHEET_NAME = 'Sample leads';
/** Written by Suggest a model (src/server/suggestSheet.ts). */
export const SUGGESTED_SHEET_NAME = 'Suggested model';
/** Written by Build monitor sheet (src/server/monitorSheet.ts). */
export const MONITOR_SHEET_NAME = 'Monitor';
// The hand-over sheets (src/server/handoverSheet.ts) are the add-on's too: never a sheet of leads.
const ADDON_SHEETS = new Set([
  MODEL_SHEET_NAME,
  HISTORY_SHEET_NAME,
  CALIBRATION_SHEET_NAME,
  SUGGESTED_SHEET_NAME,
  MONITOR_SHEET_NAME,
  'CRM hand-over',
  'Hand-over',
  'Lead Scoring Hand-over snapshot',
]);
const LEADS_SHEET_PROPERTY = 'leadScoring.leadsSheet';

const QUARTER_HOUR_MS = 900_000;
const DAY_MS = 86_400_000;
/** 0001-01-01 and 9999-12-31 (UTC): the years toISOString writes as yyyy-MM-dd. */
const FIRST_ISO_MS = -62_135_596_800_000;
const LAST_ISO_MS = 253_402_300_799_999;

/** "+0530" / "-0800" (Utilities.formatDate's `Z`) as minutes east of UTC. */
function offsetMinutes(text: string): number {
  const match = /^([+-])(\d{2})(\d{2})$/.exec(text);
  if (!match) return Number.NaN;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

/**
 * Turns Date cells into `YYYY-MM-DD`, the calendar day Sheets shows in the spreadsheet's time zone, with
 * Utilities.formatDate (documented for custom functions too) rather than Intl time-zone support, which
 * Google does not document for Apps Script. Each service call costs far more in Apps Script than here, so
 * the zone's UTC offset is asked once per distinct UTC day (at its start, and at the next day's start,
 * shared with that day): when both agree, every Date of the day is shifted by it and read as a UTC day. On
 * the rare day whose offset changes (daylight saving), one call per quarter hour of the clock (every zone's
 * offset is a whole number of quarter hours) reads the day directly.
 */
export function dateFormatter(timeZone: string): (date: Date) => string {
  const offsets = new Map<number, number>();
  const offsetAt = (ms: number): number => {
    let minutes = offsets.get(ms);
    if (minutes === undefined) {
      minutes = offsetMinutes(Utilities.formatDate(new Date(ms), timeZone, 'Z'));
      offsets.set(ms, minutes);
    }
    return minutes;
  };
  const byQuarterHour = new Map<number, string>();
  return (date) => {
    const ms = date.getTime();
    if (!Number.isFinite(ms)) return '';
    const dayStart = Math.floor(ms / DAY_MS) * DAY_MS;
    if (ms > FIRST_ISO_MS + DAY_MS && ms < LAST_ISO_MS - DAY_MS) {
      const offset = offsetAt(dayStart);
      if (offset === offsetAt(dayStart + DAY_MS) && Number.isFinite(offset)) {
        return new Date(ms + offset * 60_000).toISOString().slice(0, 10);
      }
    }
    const key = Math.floor(ms / QUARTER_HOUR_MS);
    let day = byQuarterHour.get(key);
    if (day === undefined) {
      day = Utilities.formatDate(date, timeZone, 'yyyy-MM-dd');
      byQuarterHour.set(key, day);
    }
    return day;
  };
}

/** Today's date in the spreadsheet's time zone, `YYYY-MM-DD`. */
export function todayIn(timeZone: string): string {
  return Utilities.formatDate(new Date(), timeZone, 'yyyy-MM-dd');
}

/** Works across realms (a Date from Sheets may not be an `instanceof` this script's Date). */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/**
 * What the core scores: the rows with every Date cell as its `YYYY-MM-DD` day, and scoring options that
 * need no time-zone support from the runtime (the days are already local; "today" comes from
 * Utilities.formatDate unless the model has its own As of date).
 */
export function localDays(timeZone: string) {
  const toIso = dateFormatter(timeZone);
  const cell = (value: unknown): unknown => (isDate(value) ? toIso(value) : value);
  return {
    toIso,
    rows: (rows: readonly (readonly unknown[])[]): unknown[][] => rows.map((row) => row.map(cell)),
    row: (row: readonly unknown[]): unknown[] => row.map(cell),
    options: (model: { settings?: { asOf?: string | null } }): { timeZone: string; asOf?: string } =>
      model.settings?.asOf ? { timeZone: 'UTC' } : { timeZone: 'UTC', asOf: todayIn(timeZone) },
  };
}

export function isAddonSheet(name: string): boolean {
  return ADDON_SHEETS.has(name);
}

/** The names the add-on looks for an activity log under first (a log is never the leads). */
export const ACTIVITY_SHEET_NAMES = ['Activities', 'Sample activities'] as const;

function mayHoldLeads(sheet: GoogleAppsScript.Spreadsheet.Sheet): boolean {
  const name = sheet.getName();
  return (
    !isAddonSheet(name) &&
    !(ACTIVITY_SHEET_NAMES as readonly string[]).includes(name) &&
    sheet.getLastRow() > 1
  );
}

/** The sheet of leads the sidebar previews and calibration uses: the active sheet when it holds leads,
 *  else the one last scored, else the first sheet that is not the add-on's own. */
export function findLeadsSheet(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
): GoogleAppsScript.Spreadsheet.Sheet | null {
  const active = spreadsheet.getActiveSheet();
  if (active && mayHoldLeads(active)) return active;
  const remembered = PropertiesService.getDocumentProperties().getProperty(LEADS_SHEET_PROPERTY);
  const rememberedSheet = remembered ? spreadsheet.getSheetByName(remembered) : null;
  if (rememberedSheet) return rememberedSheet;
  return spreadsheet.getSheets().find(mayHoldLeads) ?? null;
}

export function rememberLeadsSheet(name: string): void {
  PropertiesService.getDocumentProperties().setProperty(LEADS_SHEET_PROPERTY, name);
}

/** The message users see for an error, without a stack trace. */
export function plainMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
