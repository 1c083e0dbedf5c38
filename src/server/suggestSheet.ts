// "Suggest a model": fits a readable model from the leads' outcomes (src/core/suggest), writes the *Suggested
// model* sheet (its rules with support, rate, lift and points; the held-out evaluation; the leakage guard's
// findings) and stores the model itself at the bottom of that sheet as plain-text JSON, so that Apply and the
// sidebar's "Open as draft" use exactly what was suggested. The sheet, not a document property: a model's JSON
// can be larger than a property's 9 KB.
//
// Apply saves the stored model through the model store's ordinary save (a new version in the history,
// restorable), with the revision of the model sheet the suggestion was made from: when the model changed
// since, the save is refused and nothing changes.

import { applySuggestedPoints, calibrateRows } from '../core/calibration';
import { percentRange } from '../core/calibration/format';
import { cellText } from '../core/cells';
import { columnFit, fits, namedColumns } from '../core/columnFit';
import type { Model, Outcome } from '../core/model';
import { type SuggestEvaluation, type SuggestProgress, suggestModel } from '../core/suggest';
import { parseModel } from '../core/validate';
import type { RefittedPoints, SaveResult, Suggestion, SuggestRequest } from '../shared/sidebarApi';
import { activityTableFrom, findActivitySheet } from './activitySheet';
import { assertCellsFit } from './cellLimits';
import { readStoredModel, saveModel } from './modelStore';
import { replaceSheet } from './ownedSheets';
import { numberFormatFor, type WrittenCell, writeGrid } from './sheetWriting';
import { findLeadsSheet, localDays, rememberLeadsSheet, SUGGESTED_SHEET_NAME } from './spreadsheet';
import { readSuggestExclusions, writeSuggestExclusions } from './suggestExclusions';
import { KEEP_COLUMN, keptLeakyColumns, LEAKAGE_HEADINGS } from './suggestKeepLeaky';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export { SUGGESTED_SHEET_NAME };
/** Column A labels of the stored rows, the last rows of the sheet. */
export const STORED_SUGGESTION_LABEL = 'Suggestion (JSON)';
export const STORED_MODEL_LABEL = 'Model (JSON)';
/** A cell holds at most 50,000 characters; the model's JSON is spread over cells of this many. */
const JSON_CHUNK = 40_000;
const WIDTH = 10;

/** The usual words of an outcome column, as the CLI guesses them (src/cli/commands/suggest.ts). */
const POSITIVE_WORDS = ['1', 'yes', 'y', 'true', 'won', 'converted', 'closed won'];
const NEGATIVE_WORDS = ['0', 'no', 'n', 'false', 'lost', 'not converted', 'closed lost'];

/** What the stored-suggestion cell holds: everything of a Suggestion but the sheet name, model and upToDate. */
type StoredMeta = Omit<Suggestion, 'sheetName' | 'model' | 'upToDate'>;

// ---------------------------------------------------------------------------------------------------------
// Menu commands.

/** Menu: *Suggest a model*. Asks for the outcome column when the model has none. */
export function suggestFromMenu(): void {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const ui = SpreadsheetApp.getUi();
  const stored = readStoredModel(spreadsheet);
  const request: SuggestRequest = {};
  if (!stored.model?.outcome) {
    const response = ui.prompt(
      'Suggest a model',
      'Which column records whether a lead converted? Type its header, e.g. "Converted". ' +
        'If its values are not the usual Yes/No, Won/Lost or 1/0, add the values that mean converted after a colon: "Stage: Won, Closed won".',
      ui.ButtonSet.OK_CANCEL,
    );
    if (response.getSelectedButton() !== ui.Button.OK) return;
    request.outcome = parseOutcomeAnswer(response.getResponseText());
  }
  const suggestion = writeSuggestion(spreadsheet, request);
  const leftOut = suggestion.warnings.find((w) => w.startsWith(LEFT_OUT_START));
  spreadsheet.toast(
    `${suggestion.rules.length} rules, held-out AUC ${aucText(suggestion.holdoutAuc)}. ` +
      (leftOut ? `${leftOut} ` : '') +
      'Apply it with Extensions › Lead Scoring › Apply suggested model, or open it in the sidebar to edit it first.',
    'Suggested model',
    10,
  );
}

/** Menu: *Apply suggested model*, after a confirmation. */
export function applyFromMenu(): void {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const ui = SpreadsheetApp.getUi();
  const suggestion = readSuggestion(spreadsheet);
  if (!suggestion) throw new Error(noSuggestionMessage());
  const answer = ui.alert(
    'Apply the suggested model?',
    `The model sheet gets the suggested model (${suggestion.rules.length} rules) as a new version; ` +
      'the current model stays in the history, and the sidebar’s History can restore it.' +
      worseThanCurrent(suggestion),
    ui.ButtonSet.OK_CANCEL,
  );
  if (answer !== ui.Button.OK) return;
  const result = applySuggestion(spreadsheet);
  if (!result.ok) throw new Error(result.message);
  spreadsheet.toast(
    `The suggested model is version ${result.version.version}. LEAD formulas re-score with it.`,
    'Lead Scoring',
    8,
  );
}

/** "Converted" or "Stage: Won, Closed won" → the outcome asked for (the values are optional). */
export function parseOutcomeAnswer(text: string): NonNullable<SuggestRequest['outcome']> {
  const trimmed = text.trim();
  if (trimmed === '') throw new Error('Nothing was suggested: type the header of the outcome column.');
  const colon = trimmed.indexOf(':');
  if (colon < 0) return { column: trimmed };
  const positive = trimmed
    .slice(colon + 1)
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  const column = trimmed.slice(0, colon).trim();
  return positive.length > 0 ? { column, positive } : { column };
}

// ---------------------------------------------------------------------------------------------------------
// Suggest.

const LEFT_OUT_START = 'The current model was left out of the comparison';

/** Reads the leads sheet once, fits, writes the *Suggested model* sheet. Throws with a plain message. */
export function writeSuggestion(spreadsheet: Spreadsheet, request: SuggestRequest = {}): Suggestion {
  const stored = readStoredModel(spreadsheet);
  const current = stored.model ?? undefined;
  const leadsSheet = findLeadsSheet(spreadsheet);
  if (!leadsSheet) throw new Error('There is no sheet of leads: put headers in row 1 and one lead per row.');
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const days = localDays(timeZone);
  const [headers = [], ...rows] = days.rows(leadsSheet.getDataRange().getValues());
  const outcome = resolveOutcome(headers, rows, request.outcome, current?.outcome, leadsSheet.getName());
  // A current model that reads columns these leads do not have cannot be scored on them: the fit starts from
  // the columns alone, and says why the current model is not compared.
  const fit = current ? columnFit(current, headers) : undefined;
  const base = fit && fits(fit) ? current : undefined;
  const leftOut =
    current && fit && !fits(fit)
      ? `${LEFT_OUT_START}: it reads columns these leads do not have (${namedColumns(fit.missing)}).`
      : undefined;
  // Columns the user left out of the fit (the sidebar's Suggest section): remembered for the next fit; only
  // those on this sheet are passed (another export may lack them).
  if (request.exclude) writeSuggestExclusions(request.exclude);
  const have = new Set(headers.map((h) => cellText(h)));
  const exclude = (request.exclude ?? readSuggestExclusions()).filter((c) => have.has(cellText(c)));
  // Flagged columns kept on purpose: the ticks of the previous Suggested model sheet's leakage table (ticked
  // kept, unticked left out again), remembered for the next fit.
  const keepLeaky = keptLeakyColumns(spreadsheet);
  // The activity log, read as Score this sheet reads it: event rules become candidates, and a current
  // model that counts events can be compared.
  const activitySheet = findActivitySheet(spreadsheet, current ?? null, leadsSheet.getName());
  const activities =
    activitySheet && activitySheet.getLastRow() > 1
      ? activityTableFrom(activitySheet.getDataRange().getValues(), days.rows)
      : undefined;
  spreadsheet.toast(
    `Fitting a model on the ${rows.length} leads of "${leadsSheet.getName()}"${activitySheet && activities ? ` and the events of "${activitySheet.getName()}"` : ''}…`,
    'Lead Scoring',
    5,
  );
  const options = {
    outcome,
    base,
    ...(exclude.length > 0 ? { exclude } : {}),
    keepLeaky: request.keepLeaky === true ? true : keepLeaky.filter((c) => have.has(cellText(c))),
    timeZone: 'UTC',
    asOf: base ? days.options(base).asOf : days.options({}).asOf,
    name: current ? `${current.name} (suggested)` : undefined,
    onProgress: progressToasts(spreadsheet),
  };
  let result = suggestModel(headers, rows, { ...options, activities });
  // A log that cannot be tied to these leads (another export's, or the sample's) must not stop the fit from
  // the columns: it is left out, and the result says why.
  let logLeftOut: string | undefined;
  if (!result.ok && activitySheet && result.problems.every((p) => p.subject === 'activities')) {
    logLeftOut = `The activity log "${activitySheet.getName()}" was left out: ${result.problems.map((p) => p.message.replace(/^activities: /, '')).join('; ')}.`;
    result = suggestModel(headers, rows, options);
  }
  if (!result.ok) {
    throw new Error(
      `Nothing was suggested from "${leadsSheet.getName()}": ${result.problems.map((p) => p.message).join('; ')}`,
    );
  }
  // The sheet the next command (Apply, Calibration, hand-over) reads, though the Suggested sheet is active.
  rememberLeadsSheet(leadsSheet.getName());
  const model = result.model;
  const notes = [leftOut, logLeftOut].filter((note): note is string => note !== undefined);
  const evaluation =
    notes.length > 0
      ? { ...result.evaluation, warnings: [...notes, ...result.evaluation.warnings] }
      : result.evaluation;
  const meta = metaOf(evaluation, {
    leadsSheet: leadsSheet.getName(),
    builtAt: Utilities.formatDate(new Date(), timeZone, 'yyyy-MM-dd HH:mm'),
    basedOnRevision: stored.revision,
  });
  writeSheet(spreadsheet, suggestionGrid(model, evaluation, meta));
  return { ...meta, sheetName: SUGGESTED_SHEET_NAME, model, upToDate: true };
}

/** The outcome: the one asked for, else the model's; values guessed from the usual words when not given. */
function resolveOutcome(
  headers: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  asked: SuggestRequest['outcome'],
  modelOutcome: Outcome | undefined,
  sheetName: string,
): Outcome {
  if (!asked) {
    if (modelOutcome) return modelOutcome;
    throw new Error(
      'The model has no outcome column: say which column records whether a lead converted (the sidebar’s Suggest section has a field for it).',
    );
  }
  const index = headers.findIndex((h) => cellText(h) === cellText(asked.column));
  if (index < 0) {
    throw new Error(
      `"${sheetName}" has no column "${asked.column}" (its columns: ${headers.map((h) => `"${String(h)}"`).join(', ')}).`,
    );
  }
  const column = String(headers[index]);
  if (asked.positive && asked.positive.length > 0) {
    return {
      column,
      positive: asked.positive,
      ...(asked.negative?.length ? { negative: asked.negative } : {}),
    };
  }
  if (modelOutcome && cellText(modelOutcome.column) === cellText(column)) return { ...modelOutcome, column };
  const seen = new Map<string, string>();
  for (const row of rows) {
    const key = cellText(row[index]);
    if (key !== '' && !seen.has(key)) seen.set(key, String(row[index]).trim());
  }
  const positive = POSITIVE_WORDS.filter((w) => seen.has(w)).map((w) => seen.get(w)!);
  if (positive.length === 0) {
    const values = [...seen.values()].slice(0, 10).join(', ');
    throw new Error(
      `Say which values of "${column}" mean converted, e.g. "${column}: ${[...seen.values()][0] ?? 'Won'}" (it holds: ${values}).`,
    );
  }
  const negative = asked.negative?.length
    ? asked.negative
    : NEGATIVE_WORDS.filter((w) => seen.has(w)).map((w) => seen.get(w)!);
  return { column, positive, ...(negative.length > 0 ? { negative } : {}) };
}

function metaOf(
  e: SuggestEvaluation,
  where: { leadsSheet: string; builtAt: string; basedOnRevision: string },
): StoredMeta {
  return {
    ...where,
    fitting: e.fitting,
    holdout: e.holdout,
    holdoutAuc: e.holdoutAuc,
    unroundedAuc: e.unroundedAuc,
    baseAuc: e.baseAuc,
    rules: e.rules
      .filter((r) => r.status !== 'dropped')
      .map((r) => ({
        name: r.name,
        points: r.points,
        status: r.status === 'reversed' ? 'reversed' : 'kept',
      })),
    leakage: e.leakage.map((l) => ({ column: l.column, why: l.why, kept: l.kept })),
    warnings: e.warnings,
    verdicts: e.verdicts,
  };
}

// ---------------------------------------------------------------------------------------------------------
// The sheet.

interface Grid {
  values: WrittenCell[][];
  formats: string[][];
  titleRows: number[];
  headingRows: number[];
  /** Rows whose KEEP_COLUMN cell is a tick box (the leakage table). */
  tickRows: number[];
}

const STATUS_WORDS = { kept: 'Kept', reversed: 'Kept, sign reversed', dropped: 'Dropped' } as const;

/** The *Suggested model* sheet as values and formats, WIDTH columns (wider only where the JSON needs it). */
export function suggestionGrid(model: Model, e: SuggestEvaluation, meta: StoredMeta): Grid {
  const values: WrittenCell[][] = [];
  const formats: string[][] = [];
  const titleRows: number[] = [];
  const headingRows: number[] = [];
  const tickRows: number[] = [];
  const add = (cells: WrittenCell[], cellFormats: string[] = []) => {
    values.push(cells);
    formats.push(
      cells.map(
        (cell, c) =>
          cellFormats[c] ??
          (typeof cell === 'string' ? '@' : typeof cell === 'number' ? numberFormatFor(cell, 2) : '0'),
      ),
    );
  };
  const blank = () => add([]);
  const title = (text: string) => {
    titleRows.push(values.length);
    add([text]);
  };
  const heading = (cells: string[]) => {
    headingRows.push(values.length);
    add(cells);
  };
  const num = (x: number | null): WrittenCell => (x === null ? '–' : x);

  title(`Suggested model from "${meta.leadsSheet}"`);
  add([
    `Built ${meta.builtAt}: fitted on ${e.fitting.leads} leads (${e.fitting.conversions} converted), checked on ` +
      `${e.holdout.leads} held-out leads (${e.holdout.conversions} converted) the fit never saw` +
      (e.open > 0 ? `; ${e.open} leads with an open outcome left out.` : '.'),
  ]);
  add([
    'Apply: Extensions › Lead Scoring for Sheets › Apply suggested model (or the sidebar’s Suggest section) makes it a new ' +
      'version of the model; the current one stays in the history and can be restored. To edit it first, use ' +
      '“Open as draft” in the sidebar. Editing the cells of this sheet does not change what Apply applies.',
  ]);
  blank();
  title('Verdicts');
  for (const verdict of e.verdicts) add([verdict]);
  blank();
  title('Held-out AUC (1 = perfect ranking, 0.5 = chance)');
  const aucRow = (label: string, x: number | null) => add([label, num(x)], ['@', '0.000']);
  aucRow(`Suggested model, ${model.rules.length} rules in whole points`, e.holdoutAuc);
  aucRow('Unrounded fit of the same rules (what whole points cost)', e.unroundedAuc);
  aucRow(`Fit of all ${e.candidates} candidate rules (what keeping few rules costs)`, e.allCandidatesAuc);
  aucRow('Current model', e.baseAuc);
  blank();
  title('Leakage guard: columns probably filled in after the outcome');
  if (e.leakage.length === 0) add(['No column looks filled in after the outcome.']);
  else {
    add([
      'Tick Keep to keep a flagged column on purpose, then Suggest a model again (untick to leave it out again).',
    ]);
    heading(LEAKAGE_HEADINGS);
    for (const l of e.leakage) {
      tickRows.push(values.length);
      add([l.column, num(l.auc), num(l.answeredAuc), l.kept, l.why], ['@', '0.000', '0.000']);
    }
  }
  blank();
  title('Bands of the suggested model, on the held-out leads');
  heading(['Band', 'From score', 'Leads', 'Converted', 'Rate', '95% interval', 'Sales-ready']);
  for (const [i, b] of e.bands.entries()) {
    add(
      [
        b.name,
        b.min === null ? '' : b.min,
        b.leads,
        b.conversions,
        num(b.rate),
        b.low === null || b.high === null ? '–' : percentRange(b.low, b.high),
        model.bands[i]?.salesReady ? 'yes' : '',
      ],
      ['@', '0', '0', '0', '0.0%'],
    );
  }
  blank();
  title('Rules: points in the suggested model; leads, rate and lift on the fitting leads');
  heading(['Status', 'Rule', 'Column', 'Points', 'Now', 'Leads', 'Converted', 'Rate', 'Lift', 'Why']);
  for (const r of e.rules) {
    add(
      [
        STATUS_WORDS[r.status],
        r.name,
        r.column,
        r.status === 'dropped' ? '' : r.points,
        r.currentPoints ?? '',
        r.leads,
        r.conversions,
        num(r.rate),
        num(r.lift),
        r.why,
      ],
      ['@', '@', '@', '0', '0', '0', '0', '0.0%', '0.00', '@'],
    );
  }
  add([
    'Lift compares a rule’s leads with all leads; the points compare them with leads that match the same other rules. ' +
      'So a rule can have a lift above 1 and few or negative points: its leads convert well mostly because they also ' +
      'match stronger rules. For points, trust the fit (checked on held-out leads); lift tells what a rule’s leads do alone.',
  ]);
  if (e.warnings.length > 0) {
    blank();
    title('Warnings');
    for (const warning of e.warnings) add([warning]);
  }
  if (e.excluded.length > 0) {
    blank();
    title('Columns left out');
    for (const x of e.excluded) add([x.column, x.why]);
  }
  blank();
  title('Stored for Apply and Open as draft (do not edit)');
  add([STORED_SUGGESTION_LABEL, JSON.stringify(meta)]);
  const json = JSON.stringify(model);
  const chunks: string[] = [];
  for (let at = 0; at < json.length; at += JSON_CHUNK) chunks.push(json.slice(at, at + JSON_CHUNK));
  add([STORED_MODEL_LABEL, ...chunks]);

  const width = Math.max(WIDTH, ...values.map((row) => row.length));
  const pad = <T>(row: T[], fill: T) => [...row, ...Array<T>(width - row.length).fill(fill)];
  return {
    values: values.map((row) => pad(row, '')),
    formats: formats.map((row) => pad(row, '@')),
    titleRows,
    headingRows,
    tickRows,
  };
}

function writeSheet(spreadsheet: Spreadsheet, grid: Grid): void {
  // A new sheet each time: nothing of the previous suggestion stays behind (once the new one is known to fit).
  assertCellsFit(SUGGESTED_SHEET_NAME, 1, 1, grid.values);
  const sheet = replaceSheet(spreadsheet, SUGGESTED_SHEET_NAME);
  const range = writeGrid(sheet, 1, 1, grid.values, grid.formats);
  const titles = new Set(grid.titleRows);
  const headings = new Set(grid.headingRows);
  range.setFontWeights(
    grid.values.map((row, r) =>
      row.map(
        () =>
          (titles.has(r) || headings.has(r) ? 'bold' : 'normal') as GoogleAppsScript.Spreadsheet.FontWeight,
      ),
    ),
  );
  range.setBackgrounds(
    grid.values.map((row, r) =>
      row.map(() => (titles.has(r) ? '#d9e7fd' : headings.has(r) ? '#f1f3f4' : '#ffffff')),
    ),
  );
  for (const r of grid.tickRows) {
    sheet
      .getRange(r + 1, KEEP_COLUMN + 1)
      .setDataValidation(SpreadsheetApp.newDataValidation().requireCheckbox().build());
  }
  sheet.setColumnWidth(1, 200);
  sheet.setColumnWidth(2, 260);
  sheet.activate();
}

// ---------------------------------------------------------------------------------------------------------
// Reading it back, Apply.

function noSuggestionMessage(): string {
  return `There is no "${SUGGESTED_SHEET_NAME}" sheet with a suggestion: use Suggest a model first.`;
}

/** The suggestion stored on the sheet; null when there is no such sheet. Throws when it cannot be read. */
export function readSuggestion(spreadsheet: Spreadsheet): Suggestion | null {
  const sheet = spreadsheet.getSheetByName(SUGGESTED_SHEET_NAME);
  if (!sheet || sheet.getLastRow() < 2) return null;
  const values = sheet.getDataRange().getValues();
  const rowOf = (label: string) => {
    for (let r = values.length - 1; r >= 0; r--) if (values[r]?.[0] === label) return r;
    return -1;
  };
  const metaRow = rowOf(STORED_SUGGESTION_LABEL);
  const modelRow = rowOf(STORED_MODEL_LABEL);
  const unreadable = (what: string) =>
    new Error(`The "${SUGGESTED_SHEET_NAME}" sheet cannot be read (${what}): use Suggest a model again.`);
  if (metaRow < 0 || modelRow < 0) throw unreadable(`no "${STORED_MODEL_LABEL}" row`);
  let meta: StoredMeta;
  let json: unknown;
  const where = (row: number) => `cell ${sheetCell(row, 2)}`;
  try {
    meta = JSON.parse(String(values[metaRow]?.[1] ?? '')) as StoredMeta;
  } catch {
    throw unreadable(`${where(metaRow)} is not JSON`);
  }
  try {
    json = JSON.parse((values[modelRow] ?? []).slice(1).map(String).join(''));
  } catch {
    throw unreadable(`${where(modelRow)} is not JSON`);
  }
  const parsed = parseModel(json);
  if (!parsed.ok) throw unreadable(`${where(modelRow)}: ${parsed.problems[0]?.message ?? 'not a model'}`);
  const current = readStoredModel(spreadsheet);
  return {
    ...meta,
    sheetName: SUGGESTED_SHEET_NAME,
    model: parsed.model,
    upToDate: current.revision === meta.basedOnRevision,
  };
}

function sheetCell(row: number, column: number): string {
  return `${String.fromCharCode(64 + column)}${row + 1}`;
}

/** Saves the stored suggestion as a new version, refused when the model changed since it was suggested. */
export function applySuggestion(spreadsheet: Spreadsheet): SaveResult {
  const suggestion = readSuggestion(spreadsheet);
  if (!suggestion) throw new Error(noSuggestionMessage());
  const result = saveModel(
    spreadsheet,
    suggestion.model,
    suggestion.basedOnRevision,
    `Applied the suggested model (${suggestion.rules.length} rules, held-out AUC ${aucText(suggestion.holdoutAuc)})`,
  );
  if (!result.ok && result.reason === 'conflict') {
    return {
      ...result,
      message:
        'The model changed since this model was suggested (a save, a restore or an edit in the model sheet), so it ' +
        'was not applied and nothing changed. Use Suggest a model again to fit it to the current model.',
    };
  }
  return result;
}

/** A warning when the suggestion ranks the held-out leads worse than the current model, else ''. */
export function worseThanCurrent(s: Pick<Suggestion, 'holdoutAuc' | 'baseAuc'>): string {
  if (s.holdoutAuc === null || s.baseAuc === null || s.holdoutAuc >= s.baseAuc) return '';
  return ` Note: on the held-out leads it ranks worse than the current model (AUC ${aucText(s.holdoutAuc)} against ${aucText(s.baseAuc)}).`;
}

function aucText(auc: number | null): string {
  return auc === null ? '–' : auc.toFixed(2);
}

// ---------------------------------------------------------------------------------------------------------
// Refitted points of the current rules (the Calibration section opens them as a draft).

export function refitCurrentPoints(spreadsheet: Spreadsheet): RefittedPoints {
  const stored = readStoredModel(spreadsheet);
  if (!stored.model) throw new Error(stored.problems.map((p) => p.message).join('\n'));
  const model = stored.model;
  const leadsSheet = findLeadsSheet(spreadsheet);
  if (!leadsSheet) throw new Error('There is no sheet of leads: put headers in row 1 and one lead per row.');
  const days = localDays(spreadsheet.getSpreadsheetTimeZone());
  const [headers = [], ...rows] = days.rows(leadsSheet.getDataRange().getValues());
  const result = calibrateRows(model, headers, rows, days.options(model));
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  const fit = result.calibration.suggestedPoints;
  const holdout = {
    leads: fit.holdout.leads,
    aucCurrent: fit.holdout.aucCurrent,
    aucSuggested: fit.holdout.aucSuggested,
  };
  if (fit.refusedBecause !== null) {
    return { model: null, refusedBecause: fit.refusedBecause, changes: [], holdout };
  }
  return {
    model: applySuggestedPoints(model, fit),
    refusedBecause: null,
    changes: fit.rules
      .filter((r) => r.suggested !== r.current)
      .map((r) => ({ rule: r.name, from: r.current, to: r.suggested })),
    holdout,
  };
}

/** Toasts as the fit advances (a new toast replaces the last): one per step after the first (the "Fitting a
 *  model" toast says it), and every 100 columns within a step (wide sheets take seconds). */
function progressToasts(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
): (progress: SuggestProgress) => void {
  let step: SuggestProgress['step'] = 'candidates';
  return (progress) => {
    const next = progress.step !== step;
    step = progress.step;
    if (next || (progress.done > 0 && progress.done % 100 === 0))
      spreadsheet.toast(`${progress.message}…`, 'Lead Scoring', 10);
  };
}
