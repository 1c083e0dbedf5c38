// "Insert starter model": the model sheet from common practice plus a generated sample leads sheet whose
// last columns are live LEADSCORE/LEADBAND/LEADREASONS formulas over the LeadModel range, so that editing a
// weight in the model sheet re-scores every lead at once.

import { parseIsoDay } from '../core/cells';
import { columnLetter, MODEL_RANGE_NAME } from '../core/modelSheet';
import { sampleLeads } from '../core/sampleLeads';
import { starterModel } from '../core/starterModel';
import { readStoredModel, saveModel } from './modelStore';
import { makeRoom, writeGrid } from './sheetWriting';
import { rememberLeadsSheet, SAMPLE_SHEET_NAME, todayIn } from './spreadsheet';

export const SAMPLE_LEAD_COUNT = 200;

export function insertStarter(): void {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const ui = SpreadsheetApp.getUi();
  const current = readStoredModel(spreadsheet);
  if (current.model || current.problems.some((p) => p.where)) {
    const answer = ui.alert(
      'Replace the model?',
      'The model sheet will be replaced by the starter model (the current one stays in the history sheet).',
      ui.ButtonSet.OK_CANCEL,
    );
    if (answer !== ui.Button.OK) return;
  }
  spreadsheet.toast('Writing the starter model and sample leads…', 'Lead Scoring', 5);
  const saved = saveModel(spreadsheet, starterModel(), null, 'Starter model inserted');
  if (!saved.ok) throw new Error(saved.message);
  writeSampleSheet(spreadsheet);
  spreadsheet.toast('The starter model and 200 sample leads are ready.', 'Lead Scoring', 8);
}

function writeSampleSheet(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  const today = parseIsoDay(todayIn(spreadsheet.getSpreadsheetTimeZone())) ?? 0;
  const rows = sampleLeads({ count: SAMPLE_LEAD_COUNT, today });
  const existing = spreadsheet.getSheetByName(SAMPLE_SHEET_NAME);
  if (existing) spreadsheet.deleteSheet(existing);
  const sheet = spreadsheet.insertSheet(SAMPLE_SHEET_NAME);
  const width = rows[0]?.length ?? 0;
  writeGrid(sheet, 1, 1, rows);
  const data = `A1:${columnLetter(width)}${rows.length}`;
  makeRoom(sheet, rows.length, width + 3);
  sheet
    .getRange(1, width + 1, 1, 3)
    .setFormulas([
      [
        `=LEADSCORE(${data}, ${MODEL_RANGE_NAME})`,
        `=LEADBAND(${data}, ${MODEL_RANGE_NAME})`,
        `=LEADREASONS(${data}, ${MODEL_RANGE_NAME})`,
      ],
    ]);
  sheet.getRange(1, 1, 1, width + 3).setFontWeight('bold');
  sheet.setFrozenRows(1);
  sheet.activate();
  rememberLeadsSheet(SAMPLE_SHEET_NAME);
}
