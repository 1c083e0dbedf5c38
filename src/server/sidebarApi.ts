// The server side of the sidebar contract (src/shared/sidebarApi.ts).
import { starterModel } from '../core/starterModel';
import type { DataPreview, SaveResult, SidebarApi } from '../shared/sidebarApi';
import { PREVIEW_ROW_LIMIT } from '../shared/sidebarApi';
import { readActivityPreview } from './activitySheet';
import { buildCalibrationSheet } from './calibrationSheet';
import { readHistory, readModelRevision, readStoredModel, restoreVersion, saveModel } from './modelStore';
import { buildMonitorSheet } from './monitorSheet';
import { dateFormatter, findLeadsSheet, isDate, todayIn } from './spreadsheet';
import { readSuggestExclusions } from './suggestExclusions';
import { currentKeptLeaky, setKeptLeakyColumn } from './suggestKeepLeaky';
import { applySuggestion, readSuggestion, refitCurrentPoints, writeSuggestion } from './suggestSheet';

function withoutRevision(): SaveResult {
  return {
    ok: false,
    reason: 'conflict',
    message:
      'Nothing was saved: the save did not say which version of the model sheet it started from. ' +
      'Reload the sidebar, then make your change again.',
    problems: [],
  };
}

export const sidebarApi: SidebarApi = {
  getSidebarState() {
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const timeZone = spreadsheet.getSpreadsheetTimeZone();
    const stored = readStoredModel(spreadsheet);
    const data = readPreview(spreadsheet, timeZone);
    return {
      model: stored.model,
      modelProblems: stored.model || !stored.problems.some((p) => p.where) ? [] : stored.problems,
      revision: stored.revision,
      data,
      activities: readActivityPreview(spreadsheet, stored.model, timeZone, data?.sheetName),
      starterModel: starterModel(),
      versions: readHistory(spreadsheet).versions,
      suggestExclusions: readSuggestExclusions(),
      suggestKeepLeaky: currentKeptLeaky(spreadsheet),
      timeZone,
      today: todayIn(timeZone),
    };
  },
  getModelRevision() {
    return readModelRevision(SpreadsheetApp.getActiveSpreadsheet());
  },
  // A save from the sidebar is always checked against the revision it loaded: without one (null from
  // google.script.run) it would replace cells nobody has seen, so it is refused.
  saveModel(model, baseRevision, note) {
    if (typeof baseRevision !== 'string') return withoutRevision();
    return saveModel(SpreadsheetApp.getActiveSpreadsheet(), model, baseRevision, undefined, note ?? '');
  },
  restoreVersion(version, baseRevision) {
    if (typeof baseRevision !== 'string') return withoutRevision();
    return restoreVersion(SpreadsheetApp.getActiveSpreadsheet(), version, baseRevision);
  },
  buildCalibrationSheet(options) {
    return buildCalibrationSheet(options);
  },
  buildSuggestedModelSheet(request) {
    return writeSuggestion(SpreadsheetApp.getActiveSpreadsheet(), request);
  },
  getSuggestion() {
    return readSuggestion(SpreadsheetApp.getActiveSpreadsheet());
  },
  setSuggestKeepLeaky(column, keep) {
    return setKeptLeakyColumn(SpreadsheetApp.getActiveSpreadsheet(), column, keep === true);
  },
  applySuggestedModel() {
    return applySuggestion(SpreadsheetApp.getActiveSpreadsheet());
  },
  refitCurrentPoints() {
    return refitCurrentPoints(SpreadsheetApp.getActiveSpreadsheet());
  },
  buildMonitorSheet(options) {
    return buildMonitorSheet(options);
  },
};

/** The leads sheet as google.script.run can carry it: Dates as `YYYY-MM-DD` text. */
function readPreview(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  timeZone: string,
): DataPreview | null {
  const sheet = findLeadsSheet(spreadsheet);
  if (!sheet) return null;
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  if (lastRow < 1 || lastColumn < 1) return null;
  const height = Math.min(lastRow, PREVIEW_ROW_LIMIT + 1);
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
