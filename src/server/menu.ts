// The add-on menu and the commands behind it. onOpen may run in AuthMode.NONE, where building the add-on
// menu is the only service call allowed: it must stay that way.
import { CALIBRATION_SHEET_NAME, plainMessage } from './spreadsheet';

export const MENU_ITEMS = [
  ['Edit model…', 'showModelEditor'],
  ['Score this sheet', 'scoreThisSheet'],
  ['Build calibration sheet', 'buildCalibration'],
  ['Recalculate LEAD formulas', 'refreshLeadFormulas'],
  null,
  ['Insert starter model and sample leads', 'insertStarterModel'],
] as const;

export function onOpen(): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const item of MENU_ITEMS) {
    if (item) menu.addItem(item[0], item[1]);
    else menu.addSeparator();
  }
  menu.addToUi();
}

export function showSidebar(): void {
  const output = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Lead Scoring');
  SpreadsheetApp.getUi().showSidebar(output);
}

/** Runs a menu command; a problem becomes an alert in plain words, not a red error bar with a stack. */
export function asMenuCommand(run: () => unknown): () => void {
  return () => {
    try {
      run();
    } catch (error) {
      SpreadsheetApp.getUi().alert('Lead Scoring', plainMessage(error), SpreadsheetApp.getUi().ButtonSet.OK);
    }
  };
}

const LEAD_FUNCTION = /^=.*\bLEAD(SCORE|BAND|GRADE|REASONS)\s*\(/i;

/** Custom functions that read the model sheet themselves (no model argument) only recompute when their own
 *  data changes. Re-entering their formulas makes Sheets evaluate them again. */
export function refreshLeadFormulas(): number {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  let refreshed = 0;
  for (const sheet of spreadsheet.getSheets()) {
    if (sheet.getName() === CALIBRATION_SHEET_NAME || sheet.getLastRow() === 0) continue;
    const formulas = sheet.getDataRange().getFormulas();
    for (const [r, row] of formulas.entries()) {
      for (const [c, formula] of row.entries()) {
        if (!LEAD_FUNCTION.test(formula)) continue;
        const cell = sheet.getRange(r + 1, c + 1); // the data range starts at A1
        cell.setFormula('');
        SpreadsheetApp.flush();
        cell.setFormula(formula);
        refreshed++;
      }
    }
  }
  spreadsheet.toast(
    `Recalculated ${refreshed} LEAD formula${refreshed === 1 ? '' : 's'}.`,
    'Lead Scoring',
    5,
  );
  return refreshed;
}
