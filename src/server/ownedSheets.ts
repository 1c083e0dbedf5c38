// Sheets the add-on writes whole (Calibration, Suggested model, CRM hand-over, Hand-over and its snapshot,
// Sample leads, Sample activities) carry a developer-metadata mark when the add-on made them, so that a sheet
// of the user's that happens to have one of these names is never cleared or deleted without asking (issue 18).
// Developer metadata is invisible in the grid, follows a renamed sheet, goes with a deleted one, and needs no
// scope beyond spreadsheets.currentonly
// (https://developers.google.com/apps-script/reference/spreadsheet/developer-metadata).

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const OWNER_KEY = 'lead-scoring-for-sheets';
const OWNER_VALUE = 'written by the add-on; replaced when the add-on writes it again';

export function isOwnedSheet(sheet: Sheet): boolean {
  return sheet.getDeveloperMetadata().some((entry) => entry.getKey() === OWNER_KEY);
}

export function markOwned(sheet: Sheet): Sheet {
  if (!isOwnedSheet(sheet)) sheet.addDeveloperMetadata(OWNER_KEY, OWNER_VALUE);
  return sheet;
}

/** The user kept a sheet of theirs: the command stops before it writes anything. */
export class SheetKeptError extends Error {}

/**
 * Asks (Yes/No) before the add-on replaces each named sheet that it did not make; an answer of Yes marks the
 * sheet as the add-on's. Throws SheetKeptError, naming the sheet, when the user says No. Call before the
 * command's first write.
 */
export function confirmReplacing(spreadsheet: Spreadsheet, names: readonly string[]): void {
  for (const name of names) {
    const sheet = spreadsheet.getSheetByName(name);
    if (!sheet || isOwnedSheet(sheet)) continue;
    const ui = SpreadsheetApp.getUi();
    const answer = ui.alert(
      `Replace your sheet "${name}"?`,
      `Lead Scoring writes its "${name}" sheet from scratch, and there is already a sheet of that name that ` +
        'it did not make. Replace it (its contents are lost)? Choose No to keep it: nothing will be changed, ' +
        'and you can rename your sheet and try again.',
      ui.ButtonSet.YES_NO,
    );
    if (answer !== ui.Button.YES) {
      throw new SheetKeptError(
        `Nothing was changed: your sheet "${name}" was kept. Rename it, then try again, or agree to replace it.`,
      );
    }
    markOwned(sheet);
  }
}

/** A new, marked sheet `name` in place of the previous one (asking first if that one is the user's). */
export function replaceSheet(spreadsheet: Spreadsheet, name: string): Sheet {
  confirmReplacing(spreadsheet, [name]);
  const previous = spreadsheet.getSheetByName(name);
  if (previous) spreadsheet.deleteSheet(previous);
  return markOwned(spreadsheet.insertSheet(name));
}

/** The sheet `name` emptied (values and formats), created when missing, marked (asking first if it is the
 *  user's). */
export function clearedSheet(spreadsheet: Spreadsheet, name: string): Sheet {
  confirmReplacing(spreadsheet, [name]);
  const existing = spreadsheet.getSheetByName(name);
  if (existing) return markOwned(existing.clear());
  return markOwned(spreadsheet.insertSheet(name));
}
