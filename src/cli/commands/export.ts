// `leadscore export sql | handover | model`: the model leaving the spreadsheet, for the warehouse, the CRM
// admin, or another copy of the add-on.
import { formatIsoDay, utcDayOfDate } from '../../core/cells';
import { handoverDocument, handoverHtml, handoverMarkdown } from '../../core/export/handover';
import { monitorCountsSql } from '../../core/export/monitorSql';
import { DIALECT_NAMES, type DialectName, modelToSql } from '../../core/export/sql';
import type { Model } from '../../core/model';
import { openCsv } from '../csvInput';
import { UsageError } from '../errors';
import { readModelFile } from '../io';
import { calibrateFile } from './calibrate';

export async function exportSql(options: {
  model: string;
  dialect: string;
  table?: string;
  activitiesTable?: string;
  asOf?: string;
  input?: string;
  /** A CSV with the activity table's header row: match its column names as the engine does. */
  activitiesInput?: string;
  delimiter?: string;
  encoding?: string;
  /** With it, the Monitor's per-period, per-band counts by this date column instead of the per-row scores. */
  monitor?: string;
  every?: string;
}): Promise<string> {
  if (!(DIALECT_NAMES as readonly string[]).includes(options.dialect))
    throw new UsageError([`--dialect must be one of ${DIALECT_NAMES.join(', ')}, got "${options.dialect}"`]);
  const model = readModelFile(options.model);
  // With --input, the model's columns are matched to the CSV's header as the engine matches them.
  const headers = options.input
    ? (await openCsv(options.input, { delimiter: options.delimiter, encoding: options.encoding })).headers
    : undefined;
  const activityHeaders = options.activitiesInput
    ? (await openCsv(options.activitiesInput, { delimiter: options.delimiter, encoding: options.encoding }))
        .headers
    : undefined;
  const sqlOptions = {
    dialect: options.dialect as DialectName,
    table: options.table,
    activitiesTable: options.activitiesTable,
    asOf: options.asOf,
    headers,
    activityHeaders,
  };
  const every = options.every ?? 'month';
  if (options.monitor !== undefined && !['week', 'month', 'quarter'].includes(every))
    throw new UsageError([`--every must be week, month or quarter, got "${every}"`]);
  const result =
    options.monitor === undefined
      ? modelToSql(model, sqlOptions)
      : monitorCountsSql(model, { ...sqlOptions, dateColumn: options.monitor, every: every as 'month' });
  if (!result.ok)
    throw new UsageError(result.problems.map((p) => `${options.input ?? options.model}: ${p.message}`));
  return result.sql;
}

export async function exportHandover(options: {
  model: string;
  format: string;
  input?: string;
  activities?: string;
  asOf?: string;
  delimiter?: string;
  encoding?: string;
  /** Worker threads for the calibration (as `calibrate`). */
  threads?: number;
  workerScript?: string;
  pieceBytes?: number;
  forceThreads?: boolean;
}): Promise<string> {
  if (options.format !== 'markdown' && options.format !== 'html')
    throw new UsageError([`--format must be markdown or html, got "${options.format}"`]);
  let model: Model;
  let calibration: Parameters<typeof handoverDocument>[1];
  if (options.input) {
    // The hand-over page shows the report, not the review sample: none is kept.
    const loaded = await calibrateFile(options.model, options.input, { ...options, keepReviewSample: false });
    model = loaded.model;
    const result = loaded.calibration;
    const date = options.asOf ?? model.settings?.asOf ?? formatIsoDay(utcDayOfDate(new Date()));
    calibration = { report: result.report, date, source: options.input };
  } else model = readModelFile(options.model);
  const blocks = handoverDocument(model, calibration);
  return options.format === 'html' ? handoverHtml(blocks) : handoverMarkdown(blocks);
}

/** The model validated and normalised, as the add-on's JSON import accepts it. */
export function exportModel(options: { model: string }): string {
  return `${JSON.stringify(readModelFile(options.model), null, 2)}\n`;
}
