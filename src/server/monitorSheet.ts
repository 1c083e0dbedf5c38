// "Build monitor sheet": the model's figures per week, month or quarter of a date column, written as the
// Monitor sheet (replacing the previous one) in a few batched writes, with two line charts: conversion per
// band over time and AUC over time. A model that counts events reads the activity log with one getValues.
import {
  DEFAULT_ACCEPTED,
  DEFAULT_REJECTED,
  guessDateColumn,
  type MonitorCellFormat,
  monitorModel,
  monitorSheetGrid,
  type ReviewSampleRead,
  readReviewSample,
} from '../core/monitor';
import type { MonitorSheetOptions, MonitorSheetResult } from '../shared/sidebarApi';
import { readActivityTable } from './activitySheet';
import { readStoredModel } from './modelStore';
import { asWrittenGrid, makeRoom, PLAIN_TEXT_FORMAT } from './sheetWriting';
import { CALIBRATION_SHEET_NAME, findLeadsSheet, localDays, MONITOR_SHEET_NAME } from './spreadsheet';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Whole numbers for counts (no trailing dot), one decimal for rates, two for AUC and PSI. */
const NUMBER_FORMATS: Record<MonitorCellFormat, string> = { count: '0', percent: '0.0%', decimal: '0.00' };
const STATUS_FILLS: Record<string, string> = {
  worse: '#f4c7c3',
  shifted: '#fce8b2',
  'too young': '#e8eaed',
  'too few': '#e8eaed',
  ok: '#d9ead3',
};
const CHART_ROWS = 20;

export function buildMonitorSheet(options: MonitorSheetOptions = {}): MonitorSheetResult {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const stored = readStoredModel(spreadsheet);
  if (!stored.model) throw new Error(stored.problems.map((p) => p.message).join('\n'));
  const model = stored.model;
  const leadsSheet = findLeadsSheet(spreadsheet);
  if (!leadsSheet) throw new Error('There is no sheet of leads: put headers in row 1 and one lead per row.');
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const days = localDays(timeZone);
  const [headers = [], ...rows] = days.rows(leadsSheet.getDataRange().getValues());
  const dateColumn = options.dateColumn?.trim() || guessDateColumn(headers, rows);
  if (!dateColumn) {
    throw new Error(
      `"${leadsSheet.getName()}" has no column of dates to place leads in time (such as "Created"): add one, or pick one in the sidebar's Monitor section.`,
    );
  }
  spreadsheet.toast(
    `Following ${rows.length} leads of "${leadsSheet.getName()}" over time…`,
    'Lead Scoring',
    5,
  );
  const review = readCalibrationReview(spreadsheet, leadsSheet.getName(), options);
  const activities = readActivityTable(spreadsheet, model, days.rows, leadsSheet.getName())?.table;
  const result = monitorModel(model, headers, rows, {
    ...days.options(model),
    activities,
    dateColumn,
    every: options.every,
    baseline: options.baseline,
    salesVerdict: options.salesVerdict,
    reviewSample: review.read ? { read: review.read, source: 'the Calibration sheet' } : undefined,
    firstRow: 2,
    rowWord: `"${leadsSheet.getName()}" row`,
  });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  const report = result.report;
  if (review.note) report.verdicts.push(review.note);
  const grid = monitorSheetGrid({
    report,
    modelName: model.name,
    sheetName: leadsSheet.getName(),
    builtAt: Utilities.formatDate(new Date(), timeZone, 'yyyy-MM-dd HH:mm'),
  });
  writeSheet(spreadsheet, grid);
  spreadsheet.toast('The Monitor sheet is ready.', 'Lead Scoring', 5);
  return {
    sheetName: MONITOR_SHEET_NAME,
    dateColumn: report.dateColumn,
    every: report.every,
    periods: report.periods.length,
    worse: report.periods.filter((p) => p.status === 'worse').length,
    verdicts: report.verdicts,
  };
}

/** The Calibration sheet's review sample with its ticks, when it was drawn from these leads (its rows are
 *  rows of the leads sheet). One getValues; a tick it cannot read stops the build with its cell. */
function readCalibrationReview(
  spreadsheet: Spreadsheet,
  leadsSheetName: string,
  options: MonitorSheetOptions,
): { read?: ReviewSampleRead; note?: string } {
  const sheet = spreadsheet.getSheetByName(CALIBRATION_SHEET_NAME);
  if (!sheet) return {};
  const words = (given: readonly string[] | undefined, fallback: readonly string[]) =>
    new Set((given ?? fallback).map((w) => w.trim().toLowerCase()));
  const read = readReviewSample(
    sheet.getDataRange().getValues(),
    {
      accepted: words(options.salesVerdict?.accepted, DEFAULT_ACCEPTED),
      rejected: words(options.salesVerdict?.rejected, DEFAULT_REJECTED),
    },
    CALIBRATION_SHEET_NAME,
  );
  if (!read.ok) throw new Error(read.problems.map((p) => p.message).join('\n'));
  if (!read.sample) return {};
  const from = read.sample.leadsSheet;
  if (from !== undefined && from !== leadsSheetName) {
    return {
      note: `The review sample on the ${CALIBRATION_SHEET_NAME} sheet was drawn from "${from}", not "${leadsSheetName}": left out.`,
    };
  }
  return { read: read.sample };
}

function writeSheet(spreadsheet: Spreadsheet, grid: ReturnType<typeof monitorSheetGrid>): void {
  // Replacing the sheet leaves nothing of the previous build behind (values, formats, charts).
  const previous = spreadsheet.getSheetByName(MONITOR_SHEET_NAME);
  if (previous) spreadsheet.deleteSheet(previous);
  const sheet = spreadsheet.insertSheet(MONITOR_SHEET_NAME);
  const height = grid.values.length;
  const width = grid.values[0]?.length ?? 1;
  const chartColumn = width + 2;
  // Room for the grid and the charts beside it, first: getRange throws outside the sheet.
  makeRoom(sheet, Math.max(height, 2 * CHART_ROWS + 2), chartColumn + 6);
  const range = sheet.getRange(1, 1, height, width);
  const titles = new Set(grid.titleRows);
  const headings = new Set(grid.headingRows);
  const statusFill = new Map(grid.statusRows.map((s) => [`${s.row}:${s.column}`, STATUS_FILLS[s.status]]));
  range.setFontWeights(
    grid.values.map((line, r) =>
      line.map(
        () =>
          (titles.has(r) || headings.has(r) ? 'bold' : 'normal') as GoogleAppsScript.Spreadsheet.FontWeight,
      ),
    ),
  );
  range.setBackgrounds(
    grid.values.map((line, r) =>
      line.map(
        (_, c) =>
          statusFill.get(`${r}:${c}`) ??
          (titles.has(r) ? '#d9e7fd' : headings.has(r) ? '#f1f3f4' : '#ffffff'),
      ),
    ),
  );
  // Formats before values, so that text (labels such as "August 2026", band and rule names, verdicts) is
  // stored as that text.
  range.setNumberFormats(
    grid.values.map((line, r) =>
      line.map((cell, c) => {
        const format = grid.formats.get(`${r}:${c}`);
        return format && typeof cell === 'number' ? NUMBER_FORMATS[format] : PLAIN_TEXT_FORMAT;
      }),
    ),
  );
  range.setValues(asWrittenGrid(grid.values));
  sheet.setColumnWidth(1, 320);

  const source = (s: typeof grid.bandChart) =>
    sheet.getRange(s.headerRow + 1, s.column + 1, s.rows + 1, s.columns);
  sheet.insertChart(
    sheet
      .newChart()
      .setChartType(Charts.ChartType.LINE)
      .addRange(source(grid.bandChart))
      .setOption('title', 'Conversion per band over time')
      .setOption('legend', { position: 'bottom' })
      .setOption('vAxis', { format: 'percent', minValue: 0 })
      .setPosition(1, chartColumn, 0, 0)
      .build(),
  );
  sheet.insertChart(
    sheet
      .newChart()
      .setChartType(Charts.ChartType.LINE)
      .addRange(source(grid.aucChart))
      .setOption('title', 'AUC over time (0.5 = no better than chance)')
      .setOption('legend', { position: 'bottom' })
      .setOption('vAxis', { minValue: 0.4, maxValue: 1 })
      .setPosition(CHART_ROWS + 2, chartColumn, 0, 0)
      .build(),
  );
  sheet.activate();
}
