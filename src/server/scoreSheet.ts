// "Score this sheet": reads the active sheet once, scores every lead with the model sheet's model, and writes
// Score, Band, Grade and Reasons next to the data in one setValues, with band colours as conditional formats.
// The number of SpreadsheetApp calls does not depend on the number of rows (see bench/).

import { isBlank } from '../core/cells';
import { compileModel, formatReasons } from '../core/engine';
import type { Model } from '../core/model';
import { readStoredModel } from './modelStore';
import { isAddonSheet, rememberLeadsSheet } from './spreadsheet';

export const OUTPUT_HEADERS = ['Score', 'Band', 'Grade', 'Reasons'] as const;
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
  const values = sheet.getDataRange().getValues();
  if (values.length < 2)
    throw new Error(`"${sheet.getName()}" has no leads: put headers in row 1 and one lead per row.`);
  const leadCount = values.slice(1).filter((row) => !row.every(isBlank)).length;
  spreadsheet.toast(`Scoring ${leadCount} leads…`, 'Lead Scoring', 5);

  const headers = values[0] ?? [];
  // Re-scoring replaces the add-on's own columns rather than adding new ones each time — unless they hold
  // formulas (e.g. LEADSCORE titles), which are the user's and must not be overwritten.
  const found = headers.findIndex((_header, i) => OUTPUT_HEADERS.every((name, k) => headers[i + k] === name));
  const reusable =
    found >= 0 &&
    sheet
      .getRange(1, found + 1, values.length, OUTPUT_HEADERS.length)
      .getFormulas()
      .every((row) => row.every((formula) => formula === ''));
  const outputColumn = reusable ? found : headers.length;
  const inputHeaders = headers.slice(0, outputColumn);
  const output = scoreRows(stored.model, inputHeaders, values.slice(1), spreadsheet.getSpreadsheetTimeZone());

  sheet
    .getRange(1, outputColumn + 1, values.length, OUTPUT_HEADERS.length)
    .setValues([[...OUTPUT_HEADERS], ...output.rows]);
  colourBands(sheet, stored.model, outputColumn + 2, values.length);
  rememberLeadsSheet(sheet.getName());
  const summary = { sheetName: sheet.getName(), leads: output.leads, perBand: output.perBand };
  spreadsheet.toast(
    `Scored ${summary.leads} leads: ${summary.perBand.map((b) => `${b.leads} ${b.band}`).join(', ')}`,
    'Lead Scoring',
    8,
  );
  return summary;
}

function scoreRows(model: Model, headers: unknown[], rows: unknown[][], timeZone: string) {
  const compiled = compileModel(model, headers, { timeZone });
  if (!compiled.ok) throw new Error(compiled.problems.map((p) => p.message).join('\n'));
  const counts = new Map(model.bands.map((b) => [b.name, 0]));
  let leads = 0;
  const out = rows.map((row) => {
    const cells = row.slice(0, headers.length);
    if (cells.every(isBlank)) return ['', '', '', ''];
    const result = compiled.compiled.score(cells);
    leads++;
    counts.set(result.band, (counts.get(result.band) ?? 0) + 1);
    return [result.score, result.band, result.grade ?? '', formatReasons(result.reasons)];
  });
  return { rows: out, leads, perBand: [...counts].map(([band, n]) => ({ band, leads: n })) };
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
