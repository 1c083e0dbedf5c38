// "Insert starter model": the v2 starter model (a tiered, weighted criterion, a condition over two columns,
// event rules, placeholder answers, an override column) plus a generated "Sample leads" sheet and the
// "Sample activities" log its event rules count. The sample sheet's last columns are live LEADSCORE /
// LEADBAND / LEADGRADE / LEADREASONS formulas over LeadModel and the activity range, so that editing a
// weight in the model sheet, or adding an event, re-scores every lead at once.

import { parseIsoDay } from '../core/cells';
import { columnLetter, MODEL_RANGE_NAME } from '../core/modelSheet';
import { sampleActivities, sampleLeads, sampleLeadsV2 } from '../core/sampleLeads';
import { SAMPLE_ACTIVITIES_SHEET, starterModel, starterModelV2 } from '../core/starterModel';
import { readStoredModel, saveModel } from './modelStore';
import { confirmReplacing, replaceSheet } from './ownedSheets';
import { formatFor, makeRoom, type WrittenCell, writeGrid } from './sheetWriting';
import { rememberLeadsSheet, SAMPLE_SHEET_NAME, todayIn } from './spreadsheet';

export const SAMPLE_LEAD_COUNT = 200;
/** How the sample log's dates are written: typed as dates (Sheets stores Date values), shown as ISO days. */
const ACTIVITY_DATE_FORMAT = 'yyyy-mm-dd';
const LEAD_OUTPUTS = ['LEADSCORE', 'LEADBAND', 'LEADGRADE', 'LEADREASONS'] as const;

/**
 * "Insert simple starter (no activity log)": the v1 starter and its 13-column sample sheet, rules on the
 * leads' own columns only: for exports that come without an activity log, and the simplest model to read.
 */
export function insertSimpleStarter(): void {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const ui = SpreadsheetApp.getUi();
  const current = readStoredModel(spreadsheet);
  if (current.model || current.problems.some((p) => p.where)) {
    const answer = ui.alert(
      'Replace the model?',
      'The model sheet will be replaced by the simple starter (the current one stays in the history sheet), and the "Sample leads" sheet written again.',
      ui.ButtonSet.OK_CANCEL,
    );
    if (answer !== ui.Button.OK) return;
  }
  confirmReplacing(spreadsheet, [SAMPLE_SHEET_NAME]);
  spreadsheet.toast('Writing the simple starter and sample leads…', 'Lead Scoring', 5);
  const saved = saveModel(spreadsheet, starterModel(), null, 'Starter model inserted');
  if (!saved.ok) throw new Error(saved.message);
  const today = parseIsoDay(todayIn(spreadsheet.getSpreadsheetTimeZone())) ?? 0;
  writeSampleSheet(spreadsheet, sampleLeads({ count: SAMPLE_LEAD_COUNT, today }), null);
  spreadsheet.toast('The simple starter and 200 sample leads are ready.', 'Lead Scoring', 8);
}

/** "Insert starter model and sample leads" (the default): the v2 starter, its 16-column sample leads and
 *  the generated Sample activities log. */
export function insertStarter(): void {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const ui = SpreadsheetApp.getUi();
  const current = readStoredModel(spreadsheet);
  if (current.model || current.problems.some((p) => p.where)) {
    const answer = ui.alert(
      'Replace the model?',
      'The model sheet will be replaced by the starter model (the current one stays in the history sheet), and the "Sample leads" and "Sample activities" sheets written again.',
      ui.ButtonSet.YES_NO,
    );
    if (answer !== ui.Button.YES) return;
  }
  confirmReplacing(spreadsheet, [SAMPLE_SHEET_NAME, SAMPLE_ACTIVITIES_SHEET]);
  spreadsheet.toast('Writing the starter model, sample leads and activities…', 'Lead Scoring', 5);
  const saved = saveModel(spreadsheet, starterModelV2(), null, 'Starter model inserted');
  if (!saved.ok) throw new Error(saved.message);
  const today = parseIsoDay(todayIn(spreadsheet.getSpreadsheetTimeZone())) ?? 0;
  const leads = sampleLeadsV2({ count: SAMPLE_LEAD_COUNT, today });
  const activityRange = writeActivitySheet(spreadsheet, sampleActivities(leads, { today }));
  writeSampleSheet(spreadsheet, leads, activityRange);
  spreadsheet.toast(
    `The starter model, ${SAMPLE_LEAD_COUNT} sample leads and their activities are ready.`,
    'Lead Scoring',
    8,
  );
}

/** Writes the log (replacing an earlier one) and returns the open range the formulas read, e.g.
 *  `'Sample activities'!A1:D`: open at the bottom, so that an event added below re-scores. */
function writeActivitySheet(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  rows: readonly (readonly WrittenCell[])[],
): string {
  const sheet = replaceSheet(spreadsheet, SAMPLE_ACTIVITIES_SHEET);
  const dateAt = (rows[0] ?? []).indexOf('Date');
  const formats = rows.map((line, r) =>
    line.map((cell, c) => (r > 0 && c === dateAt ? ACTIVITY_DATE_FORMAT : formatFor(cell))),
  );
  writeGrid(sheet, 1, 1, rows, formats, { automaticNumbers: true });
  const width = rows[0]?.length ?? 1;
  sheet.getRange(1, 1, 1, width).setFontWeight('bold');
  sheet.setFrozenRows(1);
  return `'${SAMPLE_ACTIVITIES_SHEET.replaceAll("'", "''")}'!A1:${columnLetter(width)}`;
}

function writeSampleSheet(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  rows: readonly (readonly WrittenCell[])[],
  activityRange: string | null,
): void {
  const sheet = replaceSheet(spreadsheet, SAMPLE_SHEET_NAME);
  const width = rows[0]?.length ?? 0;
  writeGrid(sheet, 1, 1, rows, undefined, { automaticNumbers: true });
  const data = `A1:${columnLetter(width)}${rows.length}`;
  // The v1 sheet keeps its three formulas (Score, Band, Reasons); v2 adds Grade and the activity range.
  const outputs = activityRange ? LEAD_OUTPUTS : (['LEADSCORE', 'LEADBAND', 'LEADREASONS'] as const);
  const extra = activityRange ? `, ${activityRange}` : '';
  makeRoom(sheet, rows.length, width + outputs.length);
  sheet
    .getRange(1, width + 1, 1, outputs.length)
    .setFormulas([outputs.map((name) => `=${name}(${data}, ${MODEL_RANGE_NAME}${extra})`)]);
  sheet.getRange(1, 1, 1, width + outputs.length).setFontWeight('bold');
  sheet.setFrozenRows(1);
  sheet.activate();
  rememberLeadsSheet(SAMPLE_SHEET_NAME);
}
