// The add-on's way to the CRM: the "CRM hand-over" sheet (the model in plain words for sales and marketing to
// sign off, with the calibration summary when outcomes are known) and the "Hand-over" queue (leads that
// entered or left the sales-ready bands since the previous run, with why). Both read once, call the core,
// write once, every cell as plain text (a rule named `=HYPERLINK(…)` stays that text).
// The previous run is kept in a hidden sheet, not in document properties (9 KB per value, 500 KB in all:
// https://developers.google.com/apps-script/guides/services/quotas), so a queue of any size fits.

import { calibrateRows } from '../core/calibration';
import { isBlank } from '../core/cells';
import { compileModel, type Reason, salesReadyFlags } from '../core/engine';
import { changesToRows, compareRuns, type LeadSnapshot } from '../core/export/changes';
import {
  type HandoverBlock,
  type HandoverCalibration,
  handoverDocument,
  handoverRows,
} from '../core/export/handover';
import type { Model } from '../core/model';
import { readActivityTable } from './activitySheet';
import { assertCellsFit } from './cellLimits';
import { readStoredModel } from './modelStore';
import { clearedSheet, confirmReplacing } from './ownedSheets';
import { OUTPUT_HEADERS } from './scoreSheet';
import { type WrittenCell, writeGrid } from './sheetWriting';
import { findLeadsSheet, localDays, todayIn } from './spreadsheet';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const CRM_HANDOVER_SHEET_NAME = 'CRM hand-over';
export const HANDOVER_QUEUE_SHEET_NAME = 'Hand-over';
export const HANDOVER_SNAPSHOT_SHEET_NAME = 'Lead Scoring Hand-over snapshot';
const SNAPSHOT_HEADERS = ['Lead key', 'Score', 'Band', 'Reasons (JSON)'];
const KEY_COLUMN_NAMES = ['email', 'e-mail', 'lead', 'lead id', 'id'];

function requireModel(spreadsheet: Spreadsheet): Model {
  const stored = readStoredModel(spreadsheet);
  if (!stored.model) throw new Error(stored.problems.map((p) => p.message).join('\n'));
  return stored.model;
}

function requireLeadsSheet(spreadsheet: Spreadsheet): Sheet {
  const sheet = findLeadsSheet(spreadsheet);
  if (!sheet) throw new Error('There is no sheet of leads: put headers in row 1 and one lead per row.');
  return sheet;
}

/** The sheet emptied (values and formats), created when missing, once `grid` is known to fit its cells;
 * a sheet of the user's only if they agree. */
function freshSheet(
  spreadsheet: Spreadsheet,
  name: string,
  grid: readonly (readonly WrittenCell[])[],
): Sheet {
  assertCellsFit(name, 1, 1, grid);
  return clearedSheet(spreadsheet, name);
}

/** Menu "CRM hand-over": writes the hand-over page into the "CRM hand-over" sheet. */
export function buildCrmHandoverSheet(): { sheetName: string; rows: number; calibrated: boolean } {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const model = requireModel(spreadsheet);
  const calibration = calibrationSummary(spreadsheet, model);
  const blocks = handoverDocument(model, calibration);
  const { rows, headingRows, tableHeaderRows } = layout(blocks);
  const sheet = freshSheet(spreadsheet, CRM_HANDOVER_SHEET_NAME, rows);
  const width = rows[0]?.length ?? 1;
  const range = writeGrid(sheet, 1, 1, rows);
  range.setFontWeights(
    rows.map((_row, r) =>
      new Array<GoogleAppsScript.Spreadsheet.FontWeight>(width).fill(
        headingRows.has(r) || tableHeaderRows.has(r) ? 'bold' : 'normal',
      ),
    ),
  );
  for (const [r, level] of headingRows) {
    if (level === 1) sheet.getRange(r + 1, 1).setFontSize(14);
  }
  for (const r of tableHeaderRows) sheet.getRange(r + 1, 1, 1, width).setBackground('#f1f3f4');
  // Column A carries the paragraphs and the criteria names; "When" is the longest table column.
  sheet.setColumnWidth(1, 320);
  if (width >= 2) sheet.setColumnWidth(2, 420);
  if (width >= 3) sheet.setColumnWidths(3, width - 2, 120);
  spreadsheet.setActiveSheet(sheet);
  spreadsheet.toast(
    calibration
      ? 'The CRM hand-over sheet is ready, with the calibration summary.'
      : 'The CRM hand-over sheet is ready (no calibration summary: the model has no outcome column, or no lead has an outcome yet).',
    'Lead Scoring',
    8,
  );
  return { sheetName: CRM_HANDOVER_SHEET_NAME, rows: rows.length, calibrated: calibration !== undefined };
}

/** handoverRows block by block, remembering which rows are headings and table headers (shown bold). */
function layout(blocks: readonly HandoverBlock[]) {
  const parts: string[][] = [];
  const headingRows = new Map<number, number>();
  const tableHeaderRows = new Set<number>();
  for (const block of blocks) {
    if (block.kind === 'heading' && parts.length > 0) parts.push([]);
    if (block.kind === 'heading') headingRows.set(parts.length, block.level);
    if (block.kind === 'table') tableHeaderRows.add(parts.length);
    parts.push(...handoverRows([block]).filter((row) => row.some((cell) => cell !== '')));
  }
  const width = Math.max(1, ...parts.map((row) => row.length));
  const rows = parts.map((row) => [...row, ...new Array<string>(width - row.length).fill('')]);
  return { rows, headingRows, tableHeaderRows };
}

/** The calibration summary when the model has an outcome column and the leads sheet has known outcomes. */
function calibrationSummary(spreadsheet: Spreadsheet, model: Model): HandoverCalibration | undefined {
  if (!model.outcome) return undefined;
  const leadsSheet = findLeadsSheet(spreadsheet);
  if (!leadsSheet) return undefined;
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const days = localDays(timeZone);
  const [headers = [], ...rows] = days.rows(leadsSheet.getDataRange().getValues());
  const activities = readActivityTable(spreadsheet, model, days.rows, leadsSheet.getName())?.table;
  const result = calibrateRows(model, headers, rows, { ...days.options(model), activities });
  if (!result.ok || result.calibration.report.leads === 0) return undefined;
  return { report: result.calibration.report, date: todayIn(timeZone), source: leadsSheet.getName() };
}

export interface HandoverQueueResult {
  sheetName: string;
  firstRun: boolean;
  entered: number;
  left: number;
  keyColumn: string;
}

/** Menu "Hand-over queue": the leads that crossed the sales-ready line since the previous run. */
export function buildHandoverQueue(): HandoverQueueResult {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const model = requireModel(spreadsheet);
  const leadsSheet = requireLeadsSheet(spreadsheet);
  const current = scoreSnapshots(spreadsheet, model, leadsSheet);
  const previous = readSnapshot(spreadsheet, leadsSheet.getName());
  const flags = salesReadyFlags(model);
  const salesReady = new Set(model.bands.filter((_band, i) => flags[i]).map((band) => band.name));
  const readyNames = [...salesReady].join(', ') || 'none';
  const keyNote =
    current.keyColumn === null
      ? 'Leads are matched by their row number (no Email, Lead or ID column): moving rows changes which lead is which.'
      : `Leads are matched by the "${current.keyColumn}" column.`;
  const when = Utilities.formatDate(new Date(), spreadsheet.getSpreadsheetTimeZone(), 'yyyy-MM-dd HH:mm');

  const header: WrittenCell[][] = [
    [`Hand-over queue: "${leadsSheet.getName()}" scored with "${model.name}" on ${when}`],
    [`Sales-ready bands: ${readyNames}. ${keyNote}`],
  ];
  let body: WrittenCell[][];
  let entered = 0;
  let left = 0;
  if (!previous) {
    header.push([
      'This is the first run, so there is nothing to compare with yet. The scores of this run are recorded: run Hand-over queue again after the next scoring to see which leads crossed.',
    ]);
    body = [];
  } else {
    const changes = compareRuns(previous.leads, current.leads, salesReady);
    entered = changes.filter((c) => c.change === 'entered').length;
    left = changes.length - entered;
    header.push([
      changes.length === 0
        ? `Since the previous run (${previous.recordedAt}) no lead entered or left the sales-ready bands.`
        : `Since the previous run (${previous.recordedAt}): ${entered} entered and ${left} left the sales-ready bands.`,
    ]);
    body = changes.length === 0 ? [] : [[], ...changesToRows(changes)];
  }
  const width = Math.max(...[...header, ...body].map((row) => row.length));
  const grid = [...header, ...body].map((row) => [
    ...row,
    ...new Array<WrittenCell>(width - row.length).fill(''),
  ]);
  // Both sheets this run replaces, before the first write.
  confirmReplacing(spreadsheet, [HANDOVER_QUEUE_SHEET_NAME, HANDOVER_SNAPSHOT_SHEET_NAME]);
  const sheet = freshSheet(spreadsheet, HANDOVER_QUEUE_SHEET_NAME, grid);
  writeGrid(sheet, 1, 1, grid);
  sheet.getRange(1, 1).setFontWeight('bold').setFontSize(13);
  if (body.length > 0) sheet.getRange(header.length + 2, 1, 1, width).setFontWeight('bold');
  sheet.setColumnWidth(1, 260);
  if (width >= 7) {
    sheet.setColumnWidths(2, 5, 110);
    sheet.setColumnWidth(7, 480);
  }
  writeSnapshot(spreadsheet, leadsSheet.getName(), when, current.leads);
  spreadsheet.setActiveSheet(sheet);
  spreadsheet.toast(
    previous
      ? `${entered} entered and ${left} left the sales-ready bands.`
      : 'First run: scores recorded for next time.',
    'Lead Scoring',
    8,
  );
  return {
    sheetName: HANDOVER_QUEUE_SHEET_NAME,
    firstRun: !previous,
    entered,
    left,
    keyColumn: current.keyColumn ?? 'row number',
  };
}

/** Every lead of the sheet scored now: key, score, band, reasons. */
function scoreSnapshots(spreadsheet: Spreadsheet, model: Model, sheet: Sheet) {
  const days = localDays(spreadsheet.getSpreadsheetTimeZone());
  const [headers = [], ...rows] = days.rows(sheet.getDataRange().getValues());
  if (rows.length === 0)
    throw new Error(`"${sheet.getName()}" has no leads: put headers in row 1 and one lead per row.`);
  // The add-on's own output columns are never inputs.
  const outputs = new Set<string>(OUTPUT_HEADERS);
  const inputHeaders = headers.map((h) => (outputs.has(String(h)) ? '' : h));
  const activities = readActivityTable(spreadsheet, model, days.rows, sheet.getName())?.table;
  const compiled = compileModel(model, inputHeaders, { ...days.options(model), activities });
  if (!compiled.ok) throw new Error(compiled.problems.map((p) => p.message).join('\n'));
  const keyIndex = keyColumnIndex(model, headers);
  const leads: LeadSnapshot[] = [];
  rows.forEach((row, i) => {
    const cells = row.slice(0, headers.length);
    if (cells.every(isBlank)) return;
    const result = compiled.compiled.score(cells);
    const key = keyIndex < 0 ? `Row ${i + 2}` : String(cells[keyIndex] ?? '');
    leads.push({ key, score: result.score, band: result.band, reasons: result.reasons });
  });
  return { leads, keyColumn: keyIndex < 0 ? null : String(headers[keyIndex]) };
}

/** The model's activities.leadKey, else a column named Email, Lead or ID; -1 for the row number. */
function keyColumnIndex(model: Model, headers: readonly unknown[]): number {
  const names = headers.map((h) =>
    String(h ?? '')
      .trim()
      .toLowerCase(),
  );
  const leadKey = model.activities?.leadKey?.trim().toLowerCase();
  if (leadKey) {
    const index = names.indexOf(leadKey);
    if (index >= 0) return index;
  }
  for (const candidate of KEY_COLUMN_NAMES) {
    const index = names.indexOf(candidate);
    if (index >= 0) return index;
  }
  return -1;
}

/** Row 1: the leads sheet's name and when; row 2: headers; then one lead per row, all plain text but the score. */
function writeSnapshot(spreadsheet: Spreadsheet, leadsSheet: string, when: string, leads: LeadSnapshot[]) {
  const grid: WrittenCell[][] = [
    [leadsSheet, when, '', ''],
    SNAPSHOT_HEADERS,
    ...leads.map((lead) => [lead.key, lead.score, lead.band, JSON.stringify(lead.reasons)]),
  ];
  const sheet = freshSheet(spreadsheet, HANDOVER_SNAPSHOT_SHEET_NAME, grid);
  writeGrid(sheet, 1, 1, grid);
  if (!sheet.isSheetHidden()) sheet.hideSheet();
}

function readSnapshot(
  spreadsheet: Spreadsheet,
  leadsSheet: string,
): { recordedAt: string; leads: LeadSnapshot[] } | null {
  const sheet = spreadsheet.getSheetByName(HANDOVER_SNAPSHOT_SHEET_NAME);
  if (!sheet || sheet.getLastRow() < 2) return null;
  const [first = [], , ...rows] = sheet.getDataRange().getValues();
  // A snapshot of another sheet of leads says nothing about this one.
  if (String(first[0]) !== leadsSheet) return null;
  const leads = rows.map(
    (row): LeadSnapshot => ({
      key: String(row[0] ?? ''),
      score: Number(row[1]),
      band: String(row[2] ?? ''),
      reasons: parseStoredReasons(row[3]),
    }),
  );
  return { recordedAt: String(first[1] ?? ''), leads };
}

function parseStoredReasons(cell: unknown): Reason[] {
  try {
    const parsed: unknown = JSON.parse(String(cell ?? '[]'));
    return Array.isArray(parsed)
      ? parsed.filter(
          (r): r is Reason =>
            typeof r === 'object' && r !== null && typeof r.rule === 'string' && typeof r.points === 'number',
        )
      : [];
  } catch {
    return [];
  }
}
