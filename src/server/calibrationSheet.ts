// "Build calibration sheet": scores the leads whose outcome is known and writes, replacing the previous one,
// the Calibration sheet in a few batched writes (values, formats, three charts: conversion per band, the
// score histogram by band, the gains curve). A model that counts events
// reads the activity log (findActivitySheet) with one getValues.

import type { RowsCalibration } from '../core/calibration';
import {
  applySuggestedPoints,
  calibrateRows,
  calibrationSheetGrid,
  compareReports,
} from '../core/calibration';
import { columnFit, fits, misfitMessage, namedColumns } from '../core/columnFit';
import type { ActivityTable } from '../core/engine';
import type { Model } from '../core/model';
import type { CalibrationOptions, CalibrationSheetResult } from '../shared/sidebarApi';
import { readActivityTable } from './activitySheet';
import { assertCellsFit } from './cellLimits';
import { readHistory, readStoredModel } from './modelStore';
import { replaceSheet } from './ownedSheets';
import { asWrittenGrid, keepTextExact, makeRoom, numberFormatFor } from './sheetWriting';
import { CALIBRATION_SHEET_NAME, findLeadsSheet, localDays, rememberLeadsSheet } from './spreadsheet';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function buildCalibrationSheet(options: CalibrationOptions = {}): CalibrationSheetResult {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const stored = readStoredModel(spreadsheet);
  if (!stored.model) throw new Error(stored.problems.map((p) => p.message).join('\n'));
  const model = stored.model;
  const leadsSheet = findLeadsSheet(spreadsheet);
  if (!leadsSheet) throw new Error('There is no sheet of leads: put headers in row 1 and one lead per row.');
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const days = localDays(timeZone);
  const values = days.rows(leadsSheet.getDataRange().getValues());
  const [headers = [], ...rows] = values;
  // Read once, when the model (or the version it is compared with) counts events.
  let activities: ActivityTable | undefined;
  const activitiesFor = (m: Model): ActivityTable | undefined => {
    activities ??= readActivityTable(spreadsheet, m, days.rows, leadsSheet.getName())?.table;
    return activities;
  };
  const currentFit = columnFit(model, headers);
  if (!fits(currentFit)) throw new Error(misfitMessage(currentFit, leadsSheet.getName()));
  spreadsheet.toast(`Calibrating on ${rows.length} leads of "${leadsSheet.getName()}"…`, 'Lead Scoring', 5);

  const calibrate = (m: Model): RowsCalibration => {
    const result = calibrateRows(m, headers, rows, {
      ...days.options(m),
      activities: activitiesFor(m),
      period: options.period,
      reviewShare: options.reviewShare,
    });
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
    return result.calibration;
  };
  const calibration = calibrate(model);
  const other =
    options.compareWithVersion === 'suggested'
      ? suggestedVersion(model, calibration)
      : comparisonVersion(spreadsheet, model, options.compareWithVersion);
  // A version that reads columns these leads do not have cannot be scored on them: it is left out of Compare
  // with one line saying why, and the rest of the sheet is built.
  const otherFit = other ? columnFit(other.model, headers) : undefined;
  const comparisonLeftOut =
    other && otherFit && !fits(otherFit)
      ? `${other.label} is left out of the comparison: it reads columns these leads do not have (${namedColumns(otherFit.missing)}).`
      : undefined;
  const comparison =
    other && !comparisonLeftOut
      ? compareReports(calibrate(other.model).report, calibration.report, {
          a: other.label,
          b: 'Current model',
        })
      : undefined;

  const grid = calibrationSheetGrid({
    modelName: model.name,
    sheetName: leadsSheet.getName(),
    builtAt: Utilities.formatDate(new Date(), timeZone, 'yyyy-MM-dd HH:mm'),
    calibration,
    comparison,
    comparisonLeftOut,
    leadLabel: (row) => String(rows[row]?.[0] ?? ''),
    sheetRow: (row) => row + 2,
    period: options.period
      ? `${options.period.column} ${options.period.from ?? '…'} to ${options.period.to ?? '…'}`
      : undefined,
  });
  writeSheet(spreadsheet, grid);
  rememberLeadsSheet(leadsSheet.getName());
  spreadsheet.toast('The Calibration sheet is ready.', 'Lead Scoring', 5);
  return {
    sheetName: CALIBRATION_SHEET_NAME,
    leads: calibration.report.leads,
    conversions: calibration.report.conversions,
    verdicts: calibration.report.verdicts,
  };
}

/** The version to compare with: the one asked for, or the newest saved version that differs from the model. */
function comparisonVersion(spreadsheet: Spreadsheet, current: Model, asked: number | null | undefined) {
  if (asked === null) return undefined;
  const history = readHistory(spreadsheet);
  if (asked !== undefined) return { label: `Version ${asked}`, model: history.model(asked) };
  const currentJson = JSON.stringify(current);
  for (const info of history.versions) {
    const model = history.model(info.version);
    if (JSON.stringify(model) !== currentJson) return { label: `Version ${info.version}`, model };
  }
  return undefined;
}

/** The current model with fitted points. Compared on all leads, part of which it was fitted on: the held-out
 *  check in the "Suggested points" section is the fair one, and the label says so. */
function suggestedVersion(model: Model, calibration: RowsCalibration) {
  if (calibration.suggestedPoints.refusedBecause) return undefined;
  return {
    label: 'Suggested points (fitted on these leads)',
    model: applySuggestedPoints(model, calibration.suggestedPoints),
  };
}

function writeSheet(spreadsheet: Spreadsheet, grid: ReturnType<typeof calibrationSheetGrid>): void {
  // Replacing the sheet leaves nothing of the previous build behind (values, formats, charts); sizes first.
  assertCellsFit(CALIBRATION_SHEET_NAME, 1, 1, grid.values);
  const sheet = replaceSheet(spreadsheet, CALIBRATION_SHEET_NAME);
  const height = grid.values.length;
  const width = grid.values[0]?.length ?? 1;
  // Room for the grid and the charts beside it; formats before values, so that text (model, rule and band
  // names, verdicts) is stored as that text.
  makeRoom(sheet, Math.max(height, 3 * CHART_ROWS), width + 2);
  const range = sheet.getRange(1, 1, height, width);

  const headings = new Set(grid.headingRows);
  const titles = new Set(grid.titleRows);
  const percent = new Set(grid.percentCells.map((c) => `${c.row}:${c.column}`));
  const grids = grid.values.map((row, r) => ({
    weights: row.map(
      () => (headings.has(r) || titles.has(r) ? 'bold' : 'normal') as GoogleAppsScript.Spreadsheet.FontWeight,
    ),
    fills: row.map(() => (titles.has(r) ? '#d9e7fd' : headings.has(r) ? '#f1f3f4' : '#ffffff')),
    formats: row.map((cell, c) =>
      percent.has(`${r}:${c}`) ? '0.0%' : typeof cell === 'number' ? numberFormatFor(cell, 2) : '@',
    ),
  }));
  range.setFontWeights(grids.map((g) => g.weights));
  range.setBackgrounds(grids.map((g) => g.fills));
  range.setNumberFormats(grids.map((g) => g.formats));
  range.setValues(asWrittenGrid(grid.values));
  keepTextExact(range, grid.values);
  sheet.setColumnWidth(1, 260);

  const chartRange = sheet.getRange(grid.chart.firstRow + 1, grid.chart.labelColumn + 1, grid.chart.rows, 2);
  const chart = sheet
    .newChart()
    .setChartType(Charts.ChartType.COLUMN)
    .addRange(chartRange)
    .setOption('title', 'Conversion rate per band (leads in brackets)')
    .setOption('legend', { position: 'none' })
    .setOption('vAxis', { format: 'percent', minValue: 0 })
    .setPosition(1, width + 2, 0, 0)
    .build();
  sheet.insertChart(chart);
  insertDistributionCharts(sheet, grid, width + 2);
  sheet.activate();
}

/** Rows each chart is given beside the grid (a default-sized chart is about 18 rows tall). */
const CHART_ROWS = 20;

/**
 * The score histogram by band (converted and not, stacked) and the gains curve behind "the top 20% of leads
 * hold 46% of conversions", below the conversion chart. Built as the monitor sheet builds its line charts.
 */
function insertDistributionCharts(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  grid: ReturnType<typeof calibrationSheetGrid>,
  column: number,
): void {
  const source = (t: typeof grid.gainsChart) =>
    sheet.getRange(t.headerRow + 1, t.column + 1, t.rows, t.columns);
  sheet.insertChart(
    sheet
      .newChart()
      .setChartType(Charts.ChartType.COLUMN)
      .addRange(source(grid.histogramChart))
      .setOption('title', 'Leads per score band, converted and not')
      .setOption('isStacked', true)
      .setOption('legend', { position: 'bottom' })
      .setOption('vAxis', { minValue: 0 })
      .setPosition(CHART_ROWS + 1, column, 0, 0)
      .build(),
  );
  sheet.insertChart(
    sheet
      .newChart()
      .setChartType(Charts.ChartType.LINE)
      .addRange(source(grid.gainsChart))
      .setOption('title', 'Gains: share of conversions in the top share of leads')
      .setOption('legend', { position: 'bottom' })
      .setOption('hAxis', { title: 'Top share of leads by score' })
      .setOption('vAxis', { format: 'percent', minValue: 0, maxValue: 1 })
      .setPosition(2 * CHART_ROWS + 1, column, 0, 0)
      .build(),
  );
}
