// `leadscore monitor`: whether the score still means what it did, cohort by cohort (week, month, quarter).
// The CSV is streamed into tallies per period (counts per band, per rule and per score), so memory stays
// flat in the number of rows whatever the file's size.
import { type Command, Option } from 'commander';
import { countText, percent } from '../../core/calibration/format';
import {
  DEFAULT_ACCEPTED,
  DEFAULT_REJECTED,
  EVERY_VALUES,
  type Every,
  type MonitorReport,
  monitorReader,
  type ReviewSampleRead,
  readReviewSample,
} from '../../core/monitor';
import { type CsvOptions, checkDelimiter, checkEncoding, openCsv } from '../csvInput';
import { readCsvGrid, streamActivities } from '../csvTable';
import { UsageError } from '../errors';
import { checkAsOf, loadModelFile, missingColumnsOfRawModel } from '../io';
import { Progress } from '../progress';
import { textTable } from '../textTable';

export interface MonitorCommandOptions extends CsvOptions {
  model: string;
  input: string;
  dateColumn: string;
  every?: string;
  baseline?: string;
  activities?: string;
  salesVerdict?: string;
  accepted?: string;
  rejected?: string;
  reviewSample?: string;
  asOf?: string;
  json?: boolean;
  progress?: boolean;
}

export function registerMonitor(
  program: Command,
  write: (text: string) => void,
  note: (text: string) => void,
): void {
  program
    .command('monitor')
    .description(
      'Follows the model over time: per week, month or quarter, conversion per band, AUC, score shift, status and verdicts.',
    )
    .requiredOption('--model <file>', 'the model, as JSON, with its outcome column')
    .requiredOption('--input <file>', 'the leads, as CSV with a header row, the outcome and a date column')
    .requiredOption('--date-column <column>', 'the date that places a lead in a period (e.g. Created)')
    .addOption(
      new Option('--every <period>', 'the length of a period').choices([...EVERY_VALUES]).default('month'),
    )
    .option(
      '--baseline <from..to>',
      'the dates (YYYY-MM-DD..YYYY-MM-DD) of the periods to compare with (default: the first three with enough outcomes)',
    )
    .option(
      '--activities <file>',
      'the activity log (CSV, one event per row), for rules that count events (model v2)',
    )
    .option('--sales-verdict <column>', 'the column where sales records its verdict on a handed-over lead')
    .option(
      '--accepted <values>',
      'values of --sales-verdict that mean accepted, comma-separated (default: accepted, yes, good…)',
    )
    .option(
      '--rejected <values>',
      'values of --sales-verdict that mean rejected, comma-separated (default: rejected, no, bad…)',
    )
    .option(
      '--review-sample <file>',
      'the Calibration sheet saved as CSV (or its review table: Sheet row or Line, Lead, Checked, Should sales call?), to count the ticked leads sales should call',
    )
    .option('--as-of <date>', "the day ages are counted to (YYYY-MM-DD); overrides the model's asOf")
    .option('--json', 'print the report as JSON')
    .option('--delimiter <char>', 'the column separator: , ; tab or | (default: detected from the header)')
    .option('--encoding <name>', 'the CSV text encoding, e.g. latin1 (default: UTF-8, checked)')
    .action(async (options: MonitorCommandOptions) => {
      const report = await runMonitor({ ...options, progress: process.stderr.isTTY === true }, note);
      write(options.json ? `${JSON.stringify(report, null, 2)}\n` : monitorText(report, options.input));
    });
}

/** `FROM..TO`, either side may be left out (`2026-01-01..`). */
export function parseBaseline(text: string | undefined): { from?: string; to?: string } | undefined {
  if (text === undefined) return undefined;
  const parts = text.split('..');
  if (parts.length !== 2) {
    throw new UsageError([
      `--baseline: write the dates as FROM..TO, e.g. 2026-01-01..2026-03-31 (got "${text}")`,
    ]);
  }
  return { from: parts[0]!.trim() || undefined, to: parts[1]!.trim() || undefined };
}

const list = (text: string | undefined) =>
  text === undefined
    ? undefined
    : text
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '');

export async function runMonitor(
  options: MonitorCommandOptions,
  note: (text: string) => void,
): Promise<MonitorReport> {
  const asOf = checkAsOf(options.asOf);
  const baseline = parseBaseline(options.baseline);
  const loaded = loadModelFile(options.model);
  const csvOptions = {
    delimiter: checkDelimiter(options.delimiter),
    encoding: checkEncoding(options.encoding),
    onNote: note,
  };
  const progress = new Progress(`Monitoring ${options.input}`, options.progress === true);
  const csv = await openCsv(options.input, {
    ...csvOptions,
    onBytes: (bytes) => progress.addBytes(bytes),
  }).catch((error) => {
    if (error instanceof UsageError) throw new UsageError([...loaded.problems, ...error.problems]);
    throw error;
  });
  progress.setTotal(csv.size);
  if (!loaded.model) {
    throw new UsageError([
      ...loaded.problems,
      ...missingColumnsOfRawModel(loaded.raw, csv.headers, options.input),
    ]);
  }
  const activities = options.activities
    ? await streamActivities(options.activities, loaded.model, { asOf }, csvOptions)
    : undefined;
  const review = options.reviewSample ? reviewSampleOf(options, csvOptions) : undefined;
  const made = monitorReader(loaded.model, csv.headers, {
    dateColumn: options.dateColumn,
    every: (options.every ?? 'month') as Every,
    baseline,
    salesVerdict:
      options.salesVerdict === undefined
        ? undefined
        : {
            column: options.salesVerdict,
            accepted: list(options.accepted),
            rejected: list(options.rejected),
          },
    reviewSample: review && { read: review, source: options.reviewSample! },
    asOf,
    timeZone: 'UTC',
    activities,
  });
  if (!made.ok) throw new UsageError(made.problems.map((p) => `${options.input}: ${p.message}`));
  const problems: string[] = [];
  for await (const { cells, line } of csv.records) {
    progress.addRow();
    const problem = made.reader.add(cells, `line ${line}`, line);
    if (problem) {
      problems.push(`${options.input}: ${problem.message}`);
      if (problems.length >= 10) break;
    }
  }
  progress.done();
  if (problems.length > 0) throw new UsageError(problems);
  return made.reader.report();
}

/** The review sample's ticked leads, from the Calibration sheet saved as CSV; its "Sheet row" (or "Line")
 *  is the line of the lead in --input. */
function reviewSampleOf(options: MonitorCommandOptions, csvOptions: CsvOptions): ReviewSampleRead {
  const path = options.reviewSample!;
  const words = (given: string | undefined, fallback: readonly string[]) =>
    new Set((list(given) ?? fallback).map((w) => w.toLowerCase()));
  const read = readReviewSample(
    readCsvGrid(path, csvOptions),
    {
      accepted: words(options.accepted, DEFAULT_ACCEPTED),
      rejected: words(options.rejected, DEFAULT_REJECTED),
    },
    (column, line) => `${path} line ${line}, column ${column}`,
  );
  if (!read.ok) throw new UsageError(read.problems.map((p) => p.message));
  if (!read.sample) {
    throw new UsageError([
      `${path}: --review-sample: there is no review table (a header row with "Sheet row" or "Line", "Checked" and "Should sales call?")`,
    ]);
  }
  return read.sample;
}

export function monitorText(report: MonitorReport, inputName: string): string {
  const lines: string[] = [];
  const rate = (x: number | null) => (x === null ? '–' : percent(x));
  const auc = (x: number | null) => (x === null ? '–' : x.toFixed(2));
  lines.push(`Monitor of ${inputName}, every ${report.every} by "${report.dateColumn}"`);
  const b = report.baseline;
  lines.push(
    b === null
      ? 'No baseline: no period has enough outcomes yet.'
      : `Baseline ${b.label} (${b.start} to ${b.end}): ${countText(b.known)} known outcomes, ${countText(b.conversions)} converted (${rate(b.rate)}), AUC ${auc(b.auc)}.`,
  );
  lines.push('', 'Verdicts (newest first)');
  for (const verdict of report.verdicts) lines.push(`  • ${verdict}`);
  lines.push('', 'Periods');
  const bandNames = report.periods[0]?.bands.map((band) => band.band) ?? [];
  lines.push(
    textTable(
      [
        'Period',
        'Leads',
        'Known',
        'Converted',
        'Rate',
        'AUC',
        '95% interval',
        'PSI',
        'Sales-ready',
        'Precision',
        ...(report.salesFeedback ? ['Accepted'] : []),
        ...(report.reviewSample ? ['Reviewed', 'Should call'] : []),
        'Status',
      ],
      report.periods.map((p) => [
        `${p.label}${p.inBaseline ? ' *' : ''}`,
        countText(p.leads),
        countText(p.known),
        countText(p.conversions),
        rate(p.rate),
        auc(p.auc),
        p.aucLow === null || p.aucHigh === null ? '–' : `${auc(p.aucLow)}–${auc(p.aucHigh)}`,
        p.psi === null ? '–' : p.psi.toFixed(2),
        countText(p.salesReady.leads),
        rate(p.salesReady.precision),
        ...(report.salesFeedback ? [rate(p.salesReady.acceptance)] : []),
        ...(report.reviewSample ? [countText(p.review?.checked ?? 0), rate(p.review?.share ?? null)] : []),
        `${p.status}${p.tooGenerous ? ', too generous' : ''}`,
      ]),
    ),
  );
  lines.push('  (* in the baseline)', '', 'Conversion per band');
  lines.push(
    textTable(
      ['Period', ...bandNames],
      report.periods.map((p) => [
        p.label,
        ...p.bands.map((band) => `${rate(band.rate)} of ${countText(band.known)}`),
      ]),
    ),
  );
  const cellNames = report.periods[0]?.cells?.map((c) => c.cell) ?? [];
  if (cellNames.length > 0) {
    lines.push('', 'Conversion per cell (grade and engagement level)');
    lines.push(
      textTable(
        ['Period', ...cellNames],
        report.periods.map((p) => [
          p.label,
          ...(p.cells ?? []).map((c) => `${rate(c.rate)} of ${countText(c.known)}`),
        ]),
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}
