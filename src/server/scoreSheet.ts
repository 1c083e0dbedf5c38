// "Score this sheet": reads the active sheet once, scores every lead with the model sheet's model, and writes
// Score, Band, Grade (no Grade column when the model gives no grades, since it would only ever be empty;
// and Cell, when the model has engagement levels: v2 §10) and Reasons next to the data in one setValues
// (making room first; text as plain text),
// with band colours as conditional formats. Running it again reuses the same columns; on a sheet that scores
// itself with LEAD formulas (the sample sheet) it refreshes those instead of adding a second set.
// A model that counts events reads the activity log (findActivitySheet) with one getValues more.
// The number of SpreadsheetApp calls does not depend on the number of rows (see bench/).

import { isBlank } from '../core/cells';
import { columnFit, fits, misfitMessage } from '../core/columnFit';
import { compileModel, formatReasons, type LeadScore, type ScoringOptions } from '../core/engine';
import type { Model } from '../core/model';
import { readActivityTable } from './activitySheet';
import { refreshLeadFormulasOn } from './menu';
import { readStoredModel } from './modelStore';
import { type WrittenCell, writeGrid } from './sheetWriting';
import { isAddonSheet, localDays, rememberLeadsSheet } from './spreadsheet';

export const OUTPUT_HEADERS = ['Score', 'Band', 'Grade', 'Reasons'] as const;
/** With grades and engagement levels, the fit × engagement cell follows the grade. */
export const OUTPUT_HEADERS_WITH_CELL = ['Score', 'Band', 'Grade', 'Cell', 'Reasons'] as const;
/** The columns written for a model without grades. */
const UNGRADED_HEADERS = ['Score', 'Band', 'Reasons'] as const;
/** Every block an earlier run may have left, widest first. */
const EARLIER_BLOCKS: readonly (readonly string[])[] = [
  OUTPUT_HEADERS_WITH_CELL,
  OUTPUT_HEADERS,
  UNGRADED_HEADERS,
];
const BAND_COLOURS = ['#cfe2f3', '#fff2cc', '#fce5cd', '#f4cccc', '#ead1dc', '#d9ead3'];

export interface ScoreSheetSummary {
  sheetName: string;
  leads: number;
  perBand: { band: string; leads: number }[];
}

export function scoreActiveSheet(): ScoreSheetSummary {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = spreadsheet.getActiveSheet();
  if (isAddonSheet(sheet.getName())) {
    throw new Error(
      `"${sheet.getName()}" is the add-on's own sheet: open the sheet of leads, then Score this sheet.`,
    );
  }
  const stored = readStoredModel(spreadsheet);
  if (!stored.model) throw new Error(stored.problems.map((p) => p.message).join('\n'));
  const model = stored.model;
  const dataRange = sheet.getDataRange();
  const values = dataRange.getValues();
  if (values.length < 2)
    throw new Error(`"${sheet.getName()}" has no leads: put headers in row 1 and one lead per row.`);
  const leadCount = values.slice(1).filter((row) => !row.every(isBlank)).length;
  spreadsheet.toast(`Scoring ${leadCount} leads…`, 'Lead Scoring', 5);

  const headers = values[0] ?? [];
  const own = ownColumns(headers, dataRange.getFormulas());
  // The add-on's own columns are outputs, never inputs: a rule cannot read last time's Band.
  const ownSet = new Set([...own.formulaColumns.map((c) => c.index), ...own.valueColumns]);
  const inputHeaders = headers.map((h, i) => (ownSet.has(i) ? '' : h));
  const fit = columnFit(model, inputHeaders);
  if (!fits(fit)) throw new Error(misfitMessage(fit, sheet.getName()));
  const days = localDays(spreadsheet.getSpreadsheetTimeZone());
  const activities = readActivityTable(spreadsheet, model, days.rows, sheet.getName());
  const withCell = (model.grades?.length ?? 0) > 0 && (model.engagementLevels?.length ?? 0) > 0;
  const graded = (model.grades?.length ?? 0) > 0;
  const outputHeaders: readonly string[] = !graded
    ? UNGRADED_HEADERS
    : withCell
      ? OUTPUT_HEADERS_WITH_CELL
      : OUTPUT_HEADERS;
  const output = scoreRows(model, inputHeaders, days.rows(values.slice(1)), withCell, {
    ...days.options(model),
    activities: activities?.table,
  });

  let bandColumn: number;
  if (own.formulaColumns.length > 0) {
    // The sheet already scores itself with LEAD formulas (e.g. the sample sheet): refresh them rather than
    // add a second Score/Band/Reasons set beside them.
    refreshLeadFormulasOn(spreadsheet, [sheet]);
    const band = own.formulaColumns.find((c) => c.output === 'BAND');
    bandColumn = band ? band.index + 1 : 0;
  } else {
    const outputColumn = own.valueColumns[0] ?? headers.length;
    // An earlier run's block of another width (grades or engagement levels came or went) gains or loses
    // columns after its Band, so the user's columns right of the block stay beside it and never sit under
    // the new values.
    const earlierWidth = own.valueColumns.length;
    const bandAt = outputColumn + 2; // 1-based
    if (earlierWidth > 0 && earlierWidth < outputHeaders.length)
      sheet.insertColumnsAfter(bandAt, outputHeaders.length - earlierWidth);
    if (earlierWidth > outputHeaders.length)
      sheet.deleteColumns(bandAt + 1, earlierWidth - outputHeaders.length);
    writeGrid(sheet, 1, outputColumn + 1, [[...outputHeaders], ...output.rows]);
    bandColumn = outputColumn + 2;
  }
  if (bandColumn > 0) colourBands(sheet, model, bandColumn, values.length);
  rememberLeadsSheet(sheet.getName());
  const summary = { sheetName: sheet.getName(), leads: output.leads, perBand: output.perBand };
  spreadsheet.toast(
    `Scored ${summary.leads} leads: ${summary.perBand.map((b) => `${b.leads} ${b.band}`).join(', ')}`,
    'Lead Scoring',
    8,
  );
  return summary;
}

const OWN_FORMULA = /^=\s*LEAD(SCORE|BAND|GRADE|CELL|REASONS)\s*\(/i;

/**
 * The add-on's own columns on a sheet: LEAD formulas in row 1 (their results fill the column), and the
 * Score/Band/Grade/(Cell/)Reasons block an earlier Score this sheet wrote (values only: a block holding
 * formulas is the user's).
 */
function ownColumns(headers: unknown[], formulas: string[][]) {
  const formulaColumns: { index: number; output: string }[] = [];
  (formulas[0] ?? []).forEach((formula, index) => {
    const match = OWN_FORMULA.exec(formula);
    if (match) formulaColumns.push({ index, output: (match[1] ?? '').toUpperCase() });
  });
  // An earlier run's block: five columns (with Cell), four, or three when its model had no grades.
  for (const names of EARLIER_BLOCKS) {
    const found = headers.findIndex((_h, i) => names.every((name, k) => headers[i + k] === name));
    const valuesOnly =
      found >= 0 && formulas.every((row) => names.every((_name, k) => (row[found + k] ?? '') === ''));
    if (valuesOnly) return { formulaColumns, valueColumns: names.map((_name, k) => found + k) };
  }
  return { formulaColumns, valueColumns: [] as number[] };
}

function scoreRows(
  model: Model,
  headers: unknown[],
  rows: unknown[][],
  withCell: boolean,
  options: ScoringOptions,
) {
  const compiled = compileModel(model, headers, options);
  if (!compiled.ok) throw new Error(compiled.problems.map((p) => p.message).join('\n'));
  const counts = new Map(model.bands.map((b) => [b.name, 0]));
  let leads = 0;
  const graded = (model.grades?.length ?? 0) > 0;
  const width = !graded ? 3 : withCell ? 5 : 4;
  const written = (result: LeadScore): WrittenCell[] => {
    const reasons = formatReasons(result.reasons);
    if (!graded) return [result.score, result.band, reasons];
    return withCell
      ? [result.score, result.band, result.grade ?? '', result.cell ?? '', reasons]
      : [result.score, result.band, result.grade ?? '', reasons];
  };
  const out = rows.map((row): WrittenCell[] => {
    const cells = row.slice(0, headers.length);
    if (cells.every(isBlank)) return new Array<WrittenCell>(width).fill('');
    const result = compiled.compiled.score(cells);
    leads++;
    counts.set(result.band, (counts.get(result.band) ?? 0) + 1);
    return written(result);
  });
  return { rows: out, graded, leads, perBand: [...counts].map(([band, n]) => ({ band, leads: n })) };
}

/** One conditional-format rule per band on the Band column; rules on other ranges are kept. */
function colourBands(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  model: Model,
  bandColumn: number,
  height: number,
) {
  const range = sheet.getRange(2, bandColumn, Math.max(height - 1, 1), 1);
  const others = sheet
    .getConditionalFormatRules()
    .filter((rule) => !rule.getRanges().some((r) => r.getColumn() === bandColumn));
  const ours = model.bands.map((band, i) =>
    SpreadsheetApp.newConditionalFormatRule()
      .whenTextEqualTo(band.name)
      .setBackground(BAND_COLOURS[Math.min(i, BAND_COLOURS.length - 1)] ?? '#ffffff')
      .setRanges([range])
      .build(),
  );
  sheet.setConditionalFormatRules([...others, ...ours]);
}
