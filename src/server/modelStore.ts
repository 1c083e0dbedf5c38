// The model lives in the spreadsheet itself (a sheet + the LeadModel named range), so that a team sharing
// the file shares the model and can edit it in cells. Every save takes the document lock, is refused when the
// sheet changed since the editor loaded it, and appends a version to the history sheet. A save reads all it
// needs (model sheet, history, who is saving) before it writes anything, so a failure leaves no half save.
import { fingerprint } from '../core/fingerprint';
import type { Model, Problem } from '../core/model';
import { GROUP_KINDS, OPERATORS } from '../core/model';
import { summarizeChanges } from '../core/modelChanges';
import {
  asSheetHoldsIt,
  gridToModel,
  MODEL_RANGE_NAME,
  MODEL_SHEET_NAME,
  MODEL_SHEET_WIDTH,
  modelToGrid,
} from '../core/modelSheet';
import { parseModel } from '../core/validate';
import { type SaveResult, VERSION_NOTE_MAX, type VersionInfo } from '../shared/sidebarApi';
import { chunkText, modelSheetSizeProblems, TEXT_CHUNK } from './cellLimits';
import {
  asWritten,
  asWrittenGrid,
  formatFor,
  keepTextExact,
  makeRoom,
  PLAIN_TEXT_FORMAT,
  type WrittenCell,
  writeGrid,
} from './sheetWriting';
import { dateFormatter, HISTORY_SHEET_NAME, isDate } from './spreadsheet';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface StoredModel {
  model: Model | null;
  problems: Problem[];
  revision: string;
}

// Version, when, who, what changed, the saver's note, then the model's JSON (continued to the right when
// longer than a cell holds). A history sheet from before notes has no Note column: it gets one (see
// historySheet), and is read by its headers either way.
const NOTE_HEADER = 'Note';
const JSON_HEADER = 'Model (JSON)';
const HISTORY_HEADERS = ['Version', 'Saved at', 'Saved by', 'Summary', NOTE_HEADER, JSON_HEADER];
const NOTE_COLUMN = 5;
const HISTORY_FORMATS = ['0', PLAIN_TEXT_FORMAT, PLAIN_TEXT_FORMAT, PLAIN_TEXT_FORMAT, PLAIN_TEXT_FORMAT];
const LOCK_WAIT_MS = 10000;
/** Who saved when Apps Script cannot tell (no userinfo.email scope, or a consumer account). */
export const UNKNOWN_USER = 'unknown';
export const CELL_EDIT_SUMMARY = 'Edited in the model sheet';

/**
 * The model sheet's row 1, last column: when the add-on last refreshed the scores. It lies inside the
 * LeadModel range but outside every table, so changing it changes the arguments of every
 * `LEAD…(…, LeadModel)` formula (Sheets re-runs them, its custom-function cache cannot answer) without
 * changing the model or the sheet's revision.
 */
export const REFRESH_CELL = { row: 1, column: MODEL_SHEET_WIDTH } as const;
export const REFRESH_PREFIX = 'Scores refreshed ';

/** The model sheet's cells, MODEL_SHEET_WIDTH columns wide (a note typed further right is not the model's). */
function readModelCells(sheet: Sheet): unknown[][] {
  const height = Math.max(sheet.getLastRow(), 1);
  return sheet.getRange(1, 1, height, Math.min(MODEL_SHEET_WIDTH, sheet.getMaxColumns())).getValues();
}

/** The revision of the model sheet's cells: everything but the refresh stamp. */
function revisionOf(values: unknown[][]): string {
  const copy = values.map((row) => [...row]);
  const first = copy[REFRESH_CELL.row - 1];
  if (first && first.length >= REFRESH_CELL.column) first[REFRESH_CELL.column - 1] = '';
  return fingerprint(copy);
}

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
  const values = readModelCells(sheet);
  return { ...modelFromValues(values, spreadsheet.getSpreadsheetTimeZone()), revision: revisionOf(values) };
}

/** The model sheet's revision alone (one getValues, no parsing): what an open sidebar polls. */
export function readModelRevision(spreadsheet: Spreadsheet): string {
  const sheet = spreadsheet.getSheetByName(MODEL_SHEET_NAME);
  return sheet ? revisionOf(readModelCells(sheet)) : fingerprint(null);
}

/** A model from the model sheet's cells (e.g. the LeadModel range passed to a custom function). */
export function modelFromValues(
  values: unknown[][],
  timeZone: string,
): { model: Model | null; problems: Problem[] } {
  const result = gridToModel(values, { sheetName: MODEL_SHEET_NAME, dateToIso: dateFormatter(timeZone) });
  return result.ok ? { model: result.model, problems: [] } : { model: null, problems: result.problems };
}

/** The active user's email when Apps Script gives it: Session.getActiveUser() needs the userinfo.email scope,
 *  which this add-on does not ask for, and then throws; without it (or for consumer accounts) it is "unknown". */
export function activeUserEmail(): string {
  try {
    return Session.getActiveUser().getEmail() || UNKNOWN_USER;
  } catch {
    return UNKNOWN_USER;
  }
}

/** Two models are the same when the model sheet would show them the same. */
function sameModel(a: Model, b: Model): boolean {
  return JSON.stringify(modelToGrid(a).values) === JSON.stringify(modelToGrid(b).values);
}

/**
 * Saves `candidate` unless the model sheet changed since `baseRevision` (null: no check, e.g. the starter).
 * `action` names what saved it (e.g. "Starter model inserted"); the version's summary adds what changed.
 * `note` is the saver's own words, kept exactly.
 */
export function saveModel(
  spreadsheet: Spreadsheet,
  candidate: unknown,
  baseRevision: string | null,
  action?: string,
  note: unknown = '',
): SaveResult {
  if (typeof note !== 'string' || note.length > VERSION_NOTE_MAX) {
    return {
      ok: false,
      reason: 'invalid',
      message:
        typeof note !== 'string'
          ? 'The note must be text; nothing was saved.'
          : `The note has ${note.length} characters, more than the ${VERSION_NOTE_MAX} a version keeps: shorten it; nothing was saved.`,
      problems: [],
    };
  }
  const parsed = parseModel(candidate);
  if (!parsed.ok) {
    return {
      ok: false,
      reason: 'invalid',
      message: 'The model has problems; nothing was saved.',
      problems: parsed.problems,
    };
  }
  // A cell holds 50,000 characters: refused before anything is read, cleared or written.
  const tooLong = modelSheetSizeProblems(parsed.model);
  if (tooLong.length > 0) {
    return {
      ok: false,
      reason: 'invalid',
      message: 'The model does not fit in the model sheet’s cells; nothing was saved.',
      problems: tooLong,
    };
  }
  // The model sheet must read back as this very model before anything is written (issue 18: a nested
  // condition the sheet could not hold was "Saved" and left an unreadable model sheet).
  const unheld = modelSheetCannotHold(parsed.model, spreadsheet.getSpreadsheetTimeZone());
  if (unheld) return unheld;
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
    // Every read first.
    const current = readStoredModel(spreadsheet);
    if (baseRevision !== null && current.revision !== baseRevision) {
      return {
        ok: false,
        reason: 'conflict',
        message:
          'The model sheet changed since you opened it (a menu command such as Insert starter model or Apply suggested model, another person’s save, or an edit in its cells). ' +
          'Nothing was saved. Reload to see the current model, then make your change again.',
        problems: [],
      };
    }
    const history = readHistory(spreadsheet);
    const newest = history.versions[0];
    const newestModel = newest ? history.tryModel(newest.version) : null;
    // An edit typed into the cells since the last recorded version is kept as a version of its own before
    // the save replaces it.
    const unrecorded = current.model && !(newestModel && sameModel(newestModel, current.model));
    const savedBy = activeUserEmail();
    const savedAt = new Date().toISOString();
    const rows: VersionInfo[] = [];
    let next = history.lastVersion + 1;
    if (unrecorded && current.model) {
      rows.push({ version: next++, savedAt, savedBy, summary: CELL_EDIT_SUMMARY });
    }
    const before = current.model ?? newestModel ?? undefined;
    const changes = summarizeChanges(before, parsed.model);
    const info: VersionInfo = {
      version: next,
      savedAt,
      savedBy,
      // Two "Starter model inserted" are told apart by what each changed.
      summary: action ? `${action}: ${changes.charAt(0).toLowerCase()}${changes.slice(1)}` : changes,
      note,
    };
    rows.push(info);
    const models = unrecorded && current.model ? [current.model, parsed.model] : [parsed.model];

    // Then the writes; the history only once the sheet reads back as the saved model.
    const previous = snapshotModelSheet(spreadsheet);
    const revision = writeModelSheet(spreadsheet, parsed.model);
    const readBack = readStoredModel(spreadsheet);
    if (!readBack.model || !sameOnSheet(readBack.model, parsed.model)) {
      restoreModelSheet(spreadsheet, previous);
      return {
        ok: false,
        reason: 'invalid',
        message:
          'The model sheet did not read back as the model being saved, so the save was undone: the model ' +
          'sheet is as it was and nothing was saved.',
        problems: readBack.problems,
      };
    }
    appendVersions(spreadsheet, rows, models);
    return { ok: true, revision, version: info };
  } finally {
    lock.releaseLock();
  }
}

/** Whether two models read the same from the model sheet (see asSheetHoldsIt). */
function sameOnSheet(a: Model, b: Model): boolean {
  return JSON.stringify(asSheetHoldsIt(a)) === JSON.stringify(asSheetHoldsIt(b));
}

/** A refusal when the model sheet's cells for `model` would not read back as `model`; null when they do. */
function modelSheetCannotHold(model: Model, timeZone: string): SaveResult | null {
  const read = modelFromValues(modelToGrid(model).values, timeZone);
  if (read.model && sameOnSheet(read.model, model)) return null;
  const expected = asSheetHoldsIt(model);
  const differing = read.model
    ? expected.rules.find(
        (rule, i) => JSON.stringify(rule) !== JSON.stringify(asSheetHoldsIt(read.model!).rules[i]),
      )
    : undefined;
  const what = differing ? `rule "${differing.name}"` : 'the model';
  return {
    ok: false,
    reason: 'invalid',
    message:
      `The model sheet cannot hold ${what} exactly as it is (it would read back differently), so nothing was ` +
      'saved and the model sheet is as it was. Please report this model.',
    problems: read.problems,
  };
}

/** The model sheet's cells as they are, to put back when a write does not read back (null: no sheet yet). */
interface ModelSheetSnapshot {
  values: unknown[][];
  formulas: string[][];
  formats: string[][];
}

function snapshotModelSheet(spreadsheet: Spreadsheet): ModelSheetSnapshot | null {
  const sheet = spreadsheet.getSheetByName(MODEL_SHEET_NAME);
  if (!sheet) return null;
  const range = sheet.getRange(
    1,
    1,
    Math.max(sheet.getLastRow(), 1),
    Math.min(MODEL_SHEET_WIDTH, sheet.getMaxColumns()),
  );
  return { values: range.getValues(), formulas: range.getFormulas(), formats: range.getNumberFormats() };
}

function restoreModelSheet(spreadsheet: Spreadsheet, snapshot: ModelSheetSnapshot | null): void {
  const sheet = spreadsheet.getSheetByName(MODEL_SHEET_NAME);
  if (!sheet) return;
  if (snapshot === null) {
    spreadsheet.deleteSheet(sheet);
    return;
  }
  const width = snapshot.values[0]?.length ?? MODEL_SHEET_WIDTH;
  sheet.getRange(1, 1, Math.max(sheet.getLastRow(), 1), width).clearContent();
  const range = sheet.getRange(1, 1, snapshot.values.length, width);
  range.setNumberFormats(snapshot.formats);
  range.setValues(
    snapshot.values.map((row, r) =>
      row.map((cell, c) => {
        const formula = snapshot.formulas[r]?.[c];
        if (formula) return formula;
        return typeof cell === 'string' ? asWritten(cell) : (cell as WrittenCell);
      }),
    ),
  );
  spreadsheet.setNamedRange(
    MODEL_RANGE_NAME,
    sheet.getRange(1, 1, snapshot.values.length, MODEL_SHEET_WIDTH),
  );
  SpreadsheetApp.flush();
}

/** Writes the model sheet in one setValues, with drop-downs, formats and the named range. Returns its revision. */
function writeModelSheet(spreadsheet: Spreadsheet, model: Model): string {
  const sheet = spreadsheet.getSheetByName(MODEL_SHEET_NAME) ?? spreadsheet.insertSheet(MODEL_SHEET_NAME);
  const { values, layout } = modelToGrid(model);
  const height = values.length;
  const oldHeight = sheet.getLastRow();
  const fullHeight = Math.max(height, oldHeight, 1);
  makeRoom(sheet, fullHeight, MODEL_SHEET_WIDTH);
  const whole = sheet.getRange(1, 1, fullHeight, MODEL_SHEET_WIDTH);
  whole.clearContent();
  whole.clearDataValidations();
  const padded: WrittenCell[][] = values.concat(
    Array.from({ length: fullHeight - height }, () => Array<string>(MODEL_SHEET_WIDTH).fill('')),
  );
  const firstRow = padded[REFRESH_CELL.row - 1];
  if (firstRow) firstRow[REFRESH_CELL.column - 1] = refreshStamp(spreadsheet);
  // Plain text on every cell but the tick boxes (blank ones included) before the write, numbers too: what a
  // user types there later stays exactly that text, and the reader decides what it means. A rule value
  // `1-10`, `007` or `=…` stays that text; `25%` typed into Decay % per period stays "25%" (read as 25) and
  // `10%` typed into Points is refused, where Sheets would store 0.25 and 0.1 in an Automatic cell and the
  // reader, which sees values only (LEADSCORE's LeadModel argument), could not tell.
  whole.setNumberFormats(
    padded.map((row) => row.map((cell) => (typeof cell === 'boolean' ? formatFor(cell) : PLAIN_TEXT_FORMAT))),
  );
  whole.setValues(asWrittenGrid(padded));
  keepTextExact(whole, padded);

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
  // Fingerprint what is there, as the next read will see it.
  return revisionOf(readModelCells(sheet));
}

function refreshStamp(spreadsheet: Spreadsheet): string {
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  return `${REFRESH_PREFIX}${Utilities.formatDate(new Date(), timeZone, 'yyyy-MM-dd HH:mm:ss')}`;
}

/**
 * Writes a new refresh stamp into the model sheet (see REFRESH_CELL): every LEAD formula that takes
 * LeadModel runs again, with today's date. `onlyIfOlderThanToday` keeps it to once a day (on open).
 * Returns whether it wrote.
 */
export function stampRefresh(
  spreadsheet: Spreadsheet,
  options: { onlyIfOlderThanToday?: boolean } = {},
): boolean {
  const sheet = spreadsheet.getSheetByName(MODEL_SHEET_NAME);
  if (!sheet) return false;
  const cell = sheet.getRange(REFRESH_CELL.row, REFRESH_CELL.column);
  const stamp = refreshStamp(spreadsheet);
  if (options.onlyIfOlderThanToday) {
    const old = String(cell.getValue());
    if (old.slice(0, REFRESH_PREFIX.length + 10) === stamp.slice(0, REFRESH_PREFIX.length + 10)) return false;
  }
  cell.setNumberFormat(PLAIN_TEXT_FORMAT).setValue(stamp);
  return true;
}

function historySheet(spreadsheet: Spreadsheet): Sheet {
  const existing = spreadsheet.getSheetByName(HISTORY_SHEET_NAME);
  if (existing) {
    // A history from before notes: a Note column before the JSON, the versions' rows move with it.
    const header = existing.getRange(1, NOTE_COLUMN).getValue();
    if (header !== NOTE_HEADER) {
      existing.insertColumnBefore(NOTE_COLUMN);
      writeGrid(existing, 1, NOTE_COLUMN, [[NOTE_HEADER]]).setFontWeight('bold');
    }
    return existing;
  }
  const sheet = spreadsheet.insertSheet(HISTORY_SHEET_NAME);
  writeGrid(sheet, 1, 1, [HISTORY_HEADERS]).setFontWeight('bold');
  sheet.setFrozenRows(1);
  return sheet;
}

/**
 * Appends versions below the last row (a history sorted in any order keeps its numbers: see lastVersion).
 * A model JSON longer than a cell holds continues in the cells to its right (TEXT_CHUNK characters each).
 */
function appendVersions(spreadsheet: Spreadsheet, infos: VersionInfo[], models: Model[]): void {
  const lines = infos.map((info, i) => [
    info.version,
    info.savedAt,
    info.savedBy,
    info.summary.length > TEXT_CHUNK ? `${info.summary.slice(0, TEXT_CHUNK - 1)}…` : info.summary,
    info.note ?? '',
    ...chunkText(JSON.stringify(models[i])),
  ]);
  const width = Math.max(...lines.map((line) => line.length));
  const rows = lines.map((line) => [...line, ...Array<string>(width - line.length).fill('')]);
  const sheet = historySheet(spreadsheet);
  const last = Math.max(sheet.getLastRow(), 1);
  writeGrid(
    sheet,
    last + 1,
    1,
    rows,
    rows.map((row) => row.map((_cell, c) => HISTORY_FORMATS[c] ?? PLAIN_TEXT_FORMAT)),
  );
}

/** The history sheet, read with one getValues: every version's info and its model. */
export interface VersionHistory {
  /** Newest (highest number) first, whatever order the sheet's rows are in. */
  versions: VersionInfo[];
  /** The highest version number recorded; 0 when there is none. */
  lastVersion: number;
  model(version: number): Model;
  /** The version's model, or null when it cannot be read. */
  tryModel(version: number): Model | null;
}

/** The Model (JSON) cell (0-based `from`) and the chunks continuing it to its right, up to the first blank. */
function jsonCells(row: unknown[], from: number): string[] {
  const end = row.findIndex((cell, c) => c > from && cell === '');
  return row.slice(from, end === -1 ? row.length : end).map(String);
}

export function readHistory(spreadsheet: Spreadsheet): VersionHistory {
  const sheet = spreadsheet.getSheetByName(HISTORY_SHEET_NAME);
  const [header = [], ...rows] =
    sheet && sheet.getLastRow() > 1
      ? sheet
          .getRange(
            1,
            1,
            sheet.getLastRow(),
            Math.max(Math.min(HISTORY_HEADERS.length, sheet.getMaxColumns()), sheet.getLastColumn()),
          )
          .getValues()
      : [];
  // Read by the headers: a history from before notes has its JSON in the Note column's place.
  const noteAt = header[NOTE_COLUMN - 1] === NOTE_HEADER ? NOTE_COLUMN - 1 : -1;
  const jsonAt = noteAt === -1 ? NOTE_COLUMN - 1 : NOTE_COLUMN;
  const numbered = rows.filter((row) => Number.isInteger(Number(row[0])) && Number(row[0]) > 0);
  const versions = numbered
    .map(([version, savedAt, savedBy, summary], i) => ({
      version: Number(version),
      savedAt: isDate(savedAt) ? savedAt.toISOString() : String(savedAt),
      savedBy: String(savedBy),
      summary: String(summary),
      note: noteAt === -1 ? '' : String(numbered[i]?.[noteAt] ?? ''),
    }))
    .sort((a, b) => b.version - a.version);
  const model = (version: number): Model => {
    const row = numbered.find((r) => Number(r[0]) === version);
    if (!row) throw new Error(`Version ${version} is not in the "${HISTORY_SHEET_NAME}" sheet.`);
    let json: unknown;
    try {
      json = JSON.parse(jsonCells(row, jsonAt).join(''));
    } catch {
      throw new Error(`Version ${version} cannot be read: its Model (JSON) cell is not JSON.`);
    }
    const parsed = parseModel(json);
    if (!parsed.ok)
      throw new Error(`Version ${version} cannot be read: ${parsed.problems[0]?.message ?? ''}`);
    return parsed.model;
  };
  return {
    versions,
    lastVersion: versions[0]?.version ?? 0,
    model,
    tryModel(version) {
      try {
        return model(version);
      } catch {
        return null;
      }
    },
  };
}

export function restoreVersion(spreadsheet: Spreadsheet, version: number, baseRevision: string): SaveResult {
  const model = readHistory(spreadsheet).model(version);
  return saveModel(spreadsheet, model, baseRevision, `Restored version ${version}`);
}
