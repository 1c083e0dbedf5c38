// `leadscore calibrate`: how the model's bands and rules compare with real outcomes, as a readable report
// or as JSON for a warehouse or a notebook. The CSV is streamed into the core's calibration tallies
// (src/core/calibration/stream.ts), each row cut down to the columns the model reads: memory does not hold
// the leads, only counts and a few bytes per decided lead.
import {
  looksLikeDecisionDay,
  modelCountsDays,
  type StreamCalibration,
  startCalibration,
} from '../../core/calibration';
import { percent, percentRange } from '../../core/calibration/format';
import { compileModel } from '../../core/engine';
import type { Model } from '../../core/model';
import { calibrateInParallel } from '../calibrateParallel';
import { type CsvOptions, type CsvRecord, openCsv } from '../csvInput';
import { streamActivities } from '../csvTable';
import { UsageError } from '../errors';
import { columnsNamedByModel, loadModelFile, missingColumnsOfRawModel } from '../io';
import { textTable } from '../textTable';

export interface CalibrateFileOptions extends CsvOptions {
  asOf?: string;
  activities?: string;
  /** Keep the review sample (JSON shows it; the text report and the hand-over page do not). */
  keepReviewSample?: boolean;
  /**
   * Worker threads for a large file (1: the main thread only), and the script they run (the built CLI;
   * absent when run from source). The activity log and semicolon files are read on the main thread.
   */
  threads?: number;
  workerScript?: string;
  /** Bytes per piece of the file given to a worker. */
  pieceBytes?: number;
  /** Use the workers whatever the file's size (tests). */
  forceThreads?: boolean;
}

/** Files smaller than this are calibrated on the main thread only (starting workers costs more). */
const MIN_PARALLEL_BYTES = 4 << 20;
const PIECE_BYTES = 1 << 20;

/** The model and the calibration of the leads of `inputPath`, streamed; problems of both reported together. */
export async function calibrateFile(
  modelPath: string,
  inputPath: string,
  options: CalibrateFileOptions,
): Promise<{ model: Model; calibration: StreamCalibration }> {
  const loaded = loadModelFile(modelPath);
  const threads = options.threads ?? 1;
  const mayUseWorkers = threads > 1 && options.workerScript !== undefined && options.activities === undefined;
  const csv = await openCsv(inputPath, { ...options, pieces: mayUseWorkers }).catch((error) => {
    if (error instanceof UsageError) throw new UsageError([...loaded.problems, ...error.problems]);
    throw error;
  });
  if (!loaded.model)
    throw new UsageError([
      ...loaded.problems,
      ...missingColumnsOfRawModel(loaded.raw, csv.headers, inputPath),
    ]);
  const model = loaded.model;
  const activities = options.activities
    ? await streamActivities(options.activities, model, options, options)
    : undefined;
  // Missing columns are named against the file's own headers, before the rows are cut down.
  const compiled = compileModel(model, csv.headers, {
    asOf: options.asOf,
    timeZone: 'UTC',
    requireOutcome: true,
    activities,
  });
  if (!compiled.ok) throw new UsageError(compiled.problems.map((p) => `${inputPath}: ${p.message}`));
  const wanted = columnsNamedByModel(model);
  // Contract v2 §9: for a model that counts days without an as-of column, the verdict proposes one.
  const proposeAsOf = model.settings?.asOfColumn === undefined && modelCountsDays(model);
  const keep: number[] = [];
  const taken = new Set<string>();
  csv.headers.forEach((header, index) => {
    const key = header.trim().toLowerCase();
    if ((wanted.has(key) || (proposeAsOf && looksLikeDecisionDay(header))) && !taken.has(key)) {
      taken.add(key);
      keep.push(index);
    }
  });
  const headers = keep.map((index) => csv.headers[index]!);
  const started = startCalibration(model, headers, {
    asOf: options.asOf,
    timeZone: 'UTC',
    activities,
    keepReviewSample: options.keepReviewSample,
  });
  if (!started.ok) throw new UsageError(started.problems.map((p) => `${inputPath}: ${p.message}`));
  const { stream } = started;
  let records = csv.records;
  const pieces = csv.pieces;
  if (
    mayUseWorkers &&
    pieces?.byteOffset !== undefined &&
    csv.delimiter !== ';' &&
    (options.forceThreads || csv.size >= MIN_PARALLEL_BYTES)
  ) {
    // The workers read the file's bytes themselves: the text read so far is not needed.
    await pieces.rest?.return(undefined);
    const takeOver = await calibrateInParallel({
      reading: {
        model,
        keep,
        headers,
        named: csv.headers.length,
        headerLength: pieces.headerLength,
        delimiter: csv.delimiter,
        options: { asOf: options.asOf, timeZone: 'UTC' },
      },
      stream,
      threads,
      workerScript: options.workerScript!,
      pieceBytes: options.pieceBytes ?? PIECE_BYTES,
      path: inputPath,
      byteOffset: pieces.byteOffset,
      line: pieces.line,
    });
    if (takeOver === undefined) records = noRecords();
    else {
      const rest = pieces.resume!(takeOver.byteOffset, takeOver.line, takeOver.readTo);
      records = pieces.records('', rest, takeOver.line);
    }
  }
  const row = new Array<unknown>(keep.length);
  for await (const { cells, line } of records) {
    const read = csv.numbers(cells);
    // One row reused: the stream keeps no row, only what it counts.
    for (let k = 0; k < keep.length; k++) row[k] = read[keep[k]!] ?? '';
    stream.add(row, line);
  }
  const calibration = stream.finish();
  if (calibration.report.leads === 0) await refuseUnreadOutcomes(model, inputPath, options);
  return { model, calibration };
}

async function* noRecords(): AsyncGenerator<CsvRecord> {}

/** The report, as text or JSON (whose review sample names each lead's line in the file). */
export function calibrationText(
  model: Model,
  calibration: StreamCalibration,
  options: { inputName: string; json: boolean },
): string {
  if (options.json) {
    const reviewSample = calibration.reviewSample.map((lead, i) => ({
      ...lead,
      line: calibration.reviewTags[i],
    }));
    const { suggestedPoints } = calibration;
    // Contract v2 §10: per fit × engagement cell, only for a model with grades and engagement levels.
    const cells = calibration.cells ? { cells: calibration.cells } : {};
    return `${JSON.stringify({ ...calibration.report, open: calibration.open, reviewSample, suggestedPoints, ...cells }, null, 2)}\n`;
  }
  return textReport(model, calibration, options.inputName);
}

/**
 * No lead has a known outcome although the outcome column is filled: its values are not the ones the model
 * names (a model expecting Yes/No on a column of 0 and 1). Say which values it holds instead of "nothing to
 * calibrate". Only on this path is the file read a second time, for the outcome column alone.
 */
async function refuseUnreadOutcomes(model: Model, inputPath: string, options: CsvOptions): Promise<void> {
  const outcome = model.outcome;
  if (!outcome) return;
  const csv = await openCsv(inputPath, options);
  const column = csv.headers.findIndex((h) => h.trim().toLowerCase() === outcome.column.trim().toLowerCase());
  if (column < 0) return;
  const counts = new Map<string, number>();
  for await (const { cells } of csv.records) {
    const value = String(csv.numbers(cells)[column] ?? '').trim();
    if (value !== '') counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  if (counts.size === 0) return;
  const values = [...counts].sort((a, b) => b[1] - a[1]);
  const listed = values
    .slice(0, 8)
    .map(([value, count]) => `"${value}" (${count.toLocaleString('en-US')} leads)`)
    .join(', ');
  const quoted = (list: readonly string[] | undefined) => (list ?? []).map((v) => `"${v}"`).join(', ');
  const expects = `converted: ${quoted(outcome.positive)}${outcome.negative?.length ? `; not converted: ${quoted(outcome.negative)}` : ''}`;
  const names = values.map(([value]) => value.toLowerCase());
  const binary = names.length <= 2 && names.every((name) => name === '0' || name === '1');
  const fix = binary
    ? ` If 1 means converted, set the model's outcome to "positive": ["1"], "negative": ["0"].`
    : ' Set the model\'s outcome "positive" (and "negative") to the values that mean converted (and not).';
  throw new UsageError([
    `${inputPath}: the outcome column "${outcome.column}" holds ${listed}${values.length > 8 ? `, and ${values.length - 8} more values` : ''}, but the model reads only ${expects}: every lead counts as still open, so there is nothing to calibrate.${fix}`,
  ]);
}

function textReport(model: Model, calibration: StreamCalibration, inputName: string): string {
  const r = calibration.report;
  const lines: string[] = [];
  const rate = (x: number | null) => (x === null ? '–' : percent(x));
  const num = (x: number | null, digits = 2) => (x === null ? '–' : x.toFixed(digits));
  lines.push(`Calibration of "${model.name}" on ${inputName}`);
  lines.push(
    `${r.leads} leads with a known outcome, ${r.conversions} converted (${rate(r.rate)}); ${calibration.open} still open, left out${r.overridden.leads > 0 ? `; ${r.overridden.leads} overridden by hand, reported apart` : ''}.`,
  );
  lines.push('', 'Verdicts');
  for (const verdict of r.verdicts) lines.push(`  • ${verdict}`);
  lines.push('', 'Bands');
  lines.push(
    textTable(
      ['Band', 'Leads', 'Converted', 'Rate', '95% interval', 'Lift', 'Sales-ready'],
      r.bands.map((b) => [
        b.name,
        String(b.leads),
        String(b.conversions),
        rate(b.rate),
        b.low === null || b.high === null ? '–' : percentRange(b.low, b.high),
        num(b.lift),
        b.salesReady ? 'yes' : '',
      ]),
    ),
  );
  lines.push('', `AUC ${num(r.auc)} (Gini ${num(r.gini)}), KS ${num(r.ks)}`);
  const top20 = r.gains.find((g) => Math.abs(g.topShare - 0.2) < 1e-9);
  if (top20?.conversionsShare != null)
    lines.push(`The top 20% of leads hold ${percent(top20.conversionsShare)} of conversions.`);
  const s = r.salesReady;
  lines.push(
    `Sales-ready (${s.bands.join(', ')}, score ≥ ${s.threshold ?? '–'}): ${s.leads} leads, precision ${rate(s.precision)}, recall ${rate(s.recall)}.`,
  );
  if (r.suggestedThreshold) {
    const t = r.suggestedThreshold;
    lines.push(
      `Suggested cut-off: score ≥ ${t.score} → ${t.suggested.leads} leads, precision ${rate(t.suggested.precision)}, recall ${rate(t.suggested.recall)}.`,
    );
  } else if (r.noSuggestionReason) lines.push(`No suggested cut-off: ${r.noSuggestionReason}`);
  lines.push('', 'Rules');
  lines.push(
    textTable(
      ['Rule', 'Points', 'Matched', 'Rate if matched', 'Rate if not', 'Lift', 'Flag'],
      r.rules.map((rule) => [
        rule.name,
        String(rule.points),
        String(rule.matched),
        rate(rule.rateMatched),
        rate(rule.rateUnmatched),
        num(rule.lift),
        rule.flag,
      ]),
    ),
  );
  const fit = calibration.suggestedPoints;
  lines.push('', 'Suggested points (fitted from these outcomes, checked on held-out leads)');
  for (const verdict of fit.verdicts) lines.push(`  • ${verdict}`);
  if (!fit.refusedBecause) {
    lines.push(
      textTable(
        ['Rule', 'Points now', 'Suggested', 'Note'],
        fit.rules.map((rule) => [
          rule.name,
          String(rule.current),
          String(rule.suggested),
          rule.kept ? `kept: ${rule.kept}` : '',
        ]),
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}
