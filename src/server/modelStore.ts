// The model lives in the spreadsheet itself (a sheet + the LeadModel named range), so that a team sharing
// the file shares the model and can edit it in cells. Every save takes the document lock, is refused when the
// sheet changed since the editor loaded it, and appends a version to the history sheet.
import { fingerprint } from '../core/fingerprint';
import type { Model, Problem } from '../core/model';
import { GROUP_KINDS, OPERATORS } from '../core/model';
import { summarizeChanges } from '../core/modelChanges';
import {
  gridToModel,
  MODEL_RANGE_NAME,
  MODEL_SHEET_NAME,
  MODEL_SHEET_WIDTH,
  modelToGrid,
} from '../core/modelSheet';
import { parseModel } from '../core/validate';
import type { SaveResult, VersionInfo } from '../shared/sidebarApi';
import { dateFormatter, HISTORY_SHEET_NAME } from './spreadsheet';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface StoredModel {
  model: Model | null;
  problems: Problem[];
  revision: string;
}

const HISTORY_HEADERS = ['Version', 'Saved at', 'Saved by', 'Summary', 'Model (JSON)'];
const LOCK_WAIT_MS = 10000;

/** Reads the model sheet with one getValues. Works in custom functions (read-only). */
export function readStoredModel(spreadsheet: Spreadsheet): StoredModel {
  const sheet = spreadsheet.getSheetByName(MODEL_SHEET_NAME);
  if (!sheet) {
    return {
      model: null,
      revision: fingerprint(null),
      problems: [
        {
          subject: 'model sheet',
          message: `There is no "${MODEL_SHEET_NAME}" sheet yet: use Extensions › Lead Scoring for Sheets › Insert starter model and sample leads, or the sidebar.`,
        },
      ],
    };
  }
  const values = sheet.getDataRange().getValues();
  return { ...modelFromValues(values, spreadsheet.getSpreadsheetTimeZone()), revision: fingerprint(values) };
}

/** A model from the model sheet's cells (e.g. the LeadModel range passed to a custom function). */
export function modelFromValues(
  values: unknown[][],
  timeZone: string,
): { model: Model | null; problems: Problem[] } {
  const result = gridToModel(values, { sheetName: MODEL_SHEET_NAME, dateToIso: dateFormatter(timeZone) });
  return result.ok ? { model: result.model, problems: [] } : { model: null, problems: result.problems };
}

/** Saves `candidate` unless the model sheet changed since `baseRevision` (null: no check, e.g. the starter). */
export function saveModel(
  spreadsheet: Spreadsheet,
  candidate: unknown,
  baseRevision: string | null,
  summary?: string,
): SaveResult {
  const parsed = parseModel(candidate);
  if (!parsed.ok) {
    return {
      ok: false,
      reason: 'invalid',
      message: 'The model has problems; nothing was saved.',
      problems: parsed.problems,
    };
  }
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) {
    return {
      ok: false,
      reason: 'busy',
      message: 'Someone else is saving the model right now. Nothing was saved: try again in a moment.',
      problems: [],
    };
  }
  try {
    const current = readStoredModel(spreadsheet);
    if (baseRevision !== null && current.revision !== baseRevision) {
      return {
        ok: false,
        reason: 'conflict',
        message:
          'The model sheet changed since you opened it (another person saved, or someone edited the cells). ' +
          'Nothing was saved. Reload to see the current model, then make your change again.',
        problems: [],
      };
    }
    const revision = writeModelSheet(spreadsheet, parsed.model);
    const version = appendVersion(
      spreadsheet,
      parsed.model,
      summary ?? summarizeChanges(current.model ?? undefined, parsed.model),
    );
    return { ok: true, revision, version };
  } finally {
    lock.releaseLock();
  }
}

/** Writes the model sheet in one setValues, with drop-downs, formats and the named range. Returns its revision. */
function writeModelSheet(spreadsheet: Spreadsheet, model: Model): string {
  const sheet = spreadsheet.getSheetByName(MODEL_SHEET_NAME) ?? spreadsheet.insertSheet(MODEL_SHEET_NAME);
  const { values, layout } = modelToGrid(model);
  const height = values.length;
  const oldHeight = sheet.getLastRow();
  const fullHeight = Math.max(height, oldHeight, 1);
  const whole = sheet.getRange(1, 1, fullHeight, MODEL_SHEET_WIDTH);
  whole.clearContent();
  whole.clearDataValidations();
  const padded = values.concat(
    Array.from({ length: fullHeight - height }, () => Array<string>(MODEL_SHEET_WIDTH).fill('')),
  );
  whole.setValues(padded);

  // Formats as whole grids (one call each) rather than one call per section.
  const bold = padded.map((_row, r) =>
    Array<GoogleAppsScript.Spreadsheet.FontWeight>(MODEL_SHEET_WIDTH).fill(isHeading(r) ? 'bold' : 'normal'),
  );
  const fill = padded.map((_row, r) => Array<string>(MODEL_SHEET_WIDTH).fill(backgroundOf(r)));
  whole.setFontWeights(bold);
  whole.setBackgrounds(fill);
  function isHeading(r: number): boolean {
    return r === 0 || Object.values(layout.sections).some((s) => s.titleRow === r || s.headerRow === r);
  }
  function backgroundOf(r: number): string {
    if (Object.values(layout.sections).some((s) => s.titleRow === r)) return '#d9e7fd';
    if (Object.values(layout.sections).some((s) => s.headerRow === r)) return '#f1f3f4';
    return '#ffffff';
  }

  const rules = layout.sections.Rules;
  const ruleRows = Math.max(rules.endRow - rules.firstRow, 1);
  const list = (items: readonly string[]) =>
    SpreadsheetApp.newDataValidation()
      .requireValueInList([...items], true)
      .setAllowInvalid(false)
      .build();
  sheet.getRange(rules.firstRow + 1, 4, ruleRows, 1).setDataValidation(list(OPERATORS));
  // Groups come from the Groups table itself, so a group added there in cells can be picked at once.
  const groups = layout.sections.Groups;
  const groupNames = sheet.getRange(groups.firstRow + 1, 1, Math.max(groups.endRow - groups.firstRow, 1), 1);
  sheet
    .getRange(rules.firstRow + 1, 2, ruleRows, 1)
    .setDataValidation(SpreadsheetApp.newDataValidation().requireValueInRange(groupNames, true).build());
  sheet
    .getRange(rules.firstRow + 1, 8, ruleRows, 1)
    .setDataValidation(SpreadsheetApp.newDataValidation().requireCheckbox().build());
  sheet
    .getRange(groups.firstRow + 1, 2, Math.max(groups.endRow - groups.firstRow, 1), 1)
    .setDataValidation(list(GROUP_KINDS));
  const bands = layout.sections.Bands;
  sheet
    .getRange(bands.firstRow + 1, 3, Math.max(bands.endRow - bands.firstRow, 1), 1)
    .setDataValidation(SpreadsheetApp.newDataValidation().requireCheckbox().build());

  spreadsheet.setNamedRange(MODEL_RANGE_NAME, sheet.getRange(1, 1, height, MODEL_SHEET_WIDTH));
  SpreadsheetApp.flush();
  // Sheets may store typed values differently from what was written (e.g. a date text): fingerprint what is there.
  return fingerprint(sheet.getDataRange().getValues());
}

function historySheet(spreadsheet: Spreadsheet): Sheet {
  const existing = spreadsheet.getSheetByName(HISTORY_SHEET_NAME);
  if (existing) return existing;
  const sheet = spreadsheet.insertSheet(HISTORY_SHEET_NAME);
  sheet.getRange(1, 1, 1, HISTORY_HEADERS.length).setValues([HISTORY_HEADERS]).setFontWeight('bold');
  sheet.setFrozenRows(1);
  return sheet;
}

function appendVersion(spreadsheet: Spreadsheet, model: Model, summary: string): VersionInfo {
  const sheet = historySheet(spreadsheet);
  const last = sheet.getLastRow();
  const previous = last > 1 ? Number(sheet.getRange(last, 1).getValue()) || last - 1 : 0;
  const info: VersionInfo = {
    version: previous + 1,
    savedAt: new Date().toISOString(),
    savedBy: Session.getActiveUser().getEmail(),
    summary,
  };
  sheet
    .getRange(last + 1, 1, 1, HISTORY_HEADERS.length)
    .setValues([[info.version, info.savedAt, info.savedBy, info.summary, JSON.stringify(model)]]);
  return info;
}

/** The history sheet, read with one getValues: every version's info and its model. */
export interface VersionHistory {
  /** Newest first. */
  versions: VersionInfo[];
  model(version: number): Model;
}

export function readHistory(spreadsheet: Spreadsheet): VersionHistory {
  const sheet = spreadsheet.getSheetByName(HISTORY_SHEET_NAME);
  const rows =
    sheet && sheet.getLastRow() > 1
      ? sheet.getRange(2, 1, sheet.getLastRow() - 1, HISTORY_HEADERS.length).getValues()
      : [];
  const versions = rows
    .map(([version, savedAt, savedBy, summary]) => ({
      version: Number(version),
      savedAt: savedAt instanceof Date ? savedAt.toISOString() : String(savedAt),
      savedBy: String(savedBy),
      summary: String(summary),
    }))
    .reverse();
  return {
    versions,
    model(version) {
      const row = rows.find((r) => Number(r[0]) === version);
      if (!row) throw new Error(`Version ${version} is not in the "${HISTORY_SHEET_NAME}" sheet.`);
      const parsed = parseModel(JSON.parse(String(row[4])));
      if (!parsed.ok)
        throw new Error(`Version ${version} cannot be read: ${parsed.problems[0]?.message ?? ''}`);
      return parsed.model;
    },
  };
}

export function restoreVersion(spreadsheet: Spreadsheet, version: number, baseRevision: string): SaveResult {
  const model = readHistory(spreadsheet).model(version);
  return saveModel(spreadsheet, model, baseRevision, `Restored version ${version}`);
}
