// The add-on menu and the commands behind it. onOpen may run in AuthMode.NONE, where building the add-on
// menu is the only service call allowed: it must stay that way.
import { MODEL_RANGE_NAME, MODEL_SHEET_NAME } from '../core/modelSheet';
import { stampRefresh } from './modelStore';
import { CALIBRATION_SHEET_NAME, plainMessage } from './spreadsheet';

export const MENU_ITEMS = [
  ['Edit model…', 'showModelEditor'],
  ['Score this sheet', 'scoreThisSheet'],
  ['Build calibration sheet', 'buildCalibration'],
  ['Build monitor sheet', 'buildMonitor'],
  ['Suggest a model', 'suggestModelSheet'],
  ['Apply suggested model', 'applySuggestedModelFromMenu'],
  ['Recalculate LEAD formulas', 'refreshLeadFormulas'],
  null,
  ['CRM hand-over', 'buildCrmHandover'],
  ['Hand-over queue', 'buildHandoverQueue'],
  ['Export model JSON', 'exportModelJson'],
  ['Export SQL…', 'exportModelSql'],
  ['Import model JSON', 'importModelJson'],
  null,
  ['Insert starter model and sample leads', 'insertStarterModel'],
  ['Insert simple starter (no activity log)', 'insertSimpleStarterModel'],
] as const;

export function onOpen(e?: unknown): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const item of MENU_ITEMS) {
    if (item) menu.addItem(item[0], item[1]);
    else menu.addSeparator();
  }
  menu.addToUi();
  // Where the add-on is enabled in the file (AuthMode.LIMITED or FULL), a new day refreshes the scores once,
  // so that "today" in LEAD formulas is today. In AuthMode.NONE nothing else may run.
  if (String((e as { authMode?: unknown } | undefined)?.authMode ?? 'FULL') === 'NONE') return;
  try {
    stampRefresh(SpreadsheetApp.getActiveSpreadsheet(), { onlyIfOlderThanToday: true });
  } catch {
    // The menu matters more than the refresh; Recalculate LEAD formulas does it by hand.
  }
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

/** Every LEAD function call in a formula, LEADEXPLAIN included. */
const LEAD_CALL = /\bLEAD(?:SCORE|BAND|GRADE|CELL|REASONS|EXPLAIN)\s*\(/gi;

/**
 * "Recalculate LEAD formulas": Sheets answers a custom function from its cache while the arguments are the
 * same, so clearing and re-entering a formula may not run it again. Instead the refresh stamp in the model
 * sheet (inside LeadModel) changes, so every `LEAD…(…, LeadModel)` formula gets new arguments and runs again
 * with today's date; a LEAD formula without a model argument is given `LeadModel` (it then also follows
 * every model edit). Returns the number of LEAD formulas refreshed.
 */
export function refreshLeadFormulas(): number {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const refreshed = refreshLeadFormulasOn(
    spreadsheet,
    spreadsheet.getSheets().filter((s) => s.getName() !== CALIBRATION_SHEET_NAME),
  );
  spreadsheet.toast(
    `Recalculated ${refreshed} LEAD formula${refreshed === 1 ? '' : 's'}.`,
    'Lead Scoring',
    5,
  );
  return refreshed;
}

export function refreshLeadFormulasOn(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  sheets: GoogleAppsScript.Spreadsheet.Sheet[],
): number {
  if (!stampRefresh(spreadsheet)) {
    throw new Error(`There is no "${MODEL_SHEET_NAME}" sheet yet, so there is nothing to score with.`);
  }
  let refreshed = 0;
  for (const sheet of sheets) {
    if (sheet.getLastRow() === 0 || sheet.getName() === MODEL_SHEET_NAME) continue;
    const formulas = sheet.getDataRange().getFormulas();
    for (const [r, row] of formulas.entries()) {
      for (const [c, formula] of row.entries()) {
        if (!formula || !LEAD_CALL.test(formula)) continue;
        LEAD_CALL.lastIndex = 0;
        refreshed++;
        const withModel = withModelArgument(formula);
        if (withModel !== formula) sheet.getRange(r + 1, c + 1).setFormula(withModel); // data range starts at A1
      }
    }
  }
  return refreshed;
}

/** Adds `, LeadModel` to every LEAD call of a formula that has only its data argument. */
export function withModelArgument(formula: string): string {
  let out = '';
  let from = 0;
  LEAD_CALL.lastIndex = 0;
  for (let match = LEAD_CALL.exec(formula); match; match = LEAD_CALL.exec(formula)) {
    const open = match.index + match[0].length; // just after "("
    let depth = 0;
    let quoted = false;
    let commas = 0;
    let close = -1;
    for (let i = open; i < formula.length; i++) {
      const ch = formula[i];
      if (ch === '"') quoted = !quoted;
      if (quoted) continue;
      if (ch === '(' || ch === '{') depth++;
      else if (ch === ')' || ch === '}') {
        if (depth === 0) {
          close = i;
          break;
        }
        depth--;
      } else if (ch === ',' && depth === 0) commas++;
    }
    if (close < 0 || commas > 0 || formula.slice(open, close).trim() === '') continue;
    out += `${formula.slice(from, close)}, ${MODEL_RANGE_NAME}`;
    from = close;
  }
  LEAD_CALL.lastIndex = 0;
  return out + formula.slice(from);
}
