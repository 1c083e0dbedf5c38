// `leadscore suggest`: a model fitted from a CSV's outcomes, written as contract JSON, with its evaluation on
// leads the fit never saw (text, or JSON for a notebook).
import { type Command, Option } from 'commander';
import { countText, percent, percentRange } from '../../core/calibration/format';
import { cellText } from '../../core/cells';
import type { Activities, Model, Outcome } from '../../core/model';
import { type SuggestEvaluation, suggestModel } from '../../core/suggest';
import { type CsvColumns, readCsvColumns } from '../csvColumns';
import { checkDelimiter, checkEncoding } from '../csvInput';
import { readActivities } from '../csvTable';
import { UsageError } from '../errors';
import { checkAsOf, readModelFile } from '../io';
import { refuseOverwritingInputs, writeFileSafely } from '../outputFile';
import { StepProgress } from '../progress';
import { textTable } from '../textTable';

export interface SuggestCommandOptions {
  input: string;
  outcome: string;
  out: string;
  positive?: string;
  negative?: string;
  columns?: string;
  exclude?: string;
  keepLeaky?: string | boolean;
  base?: string;
  holdout?: string;
  timeSplit?: string;
  seed?: string;
  placeholders?: string;
  maxRules?: string;
  json?: boolean;
  delimiter?: string;
  encoding?: string;
  /** Notes for standard error (the delimiter detected, a column without a name left out). */
  onNote?: (note: string) => void;
  /** Show a progress line on standard error (when it is a terminal). */
  progress?: boolean;
  activities?: string;
  asOf?: string;
  leadKey?: string;
  activityKey?: string;
  activityType?: string;
  activityDate?: string;
}

export const delimiterOption = () =>
  new Option('--delimiter <char>', 'the column separator: , ; tab or | (default: detected from the header)');
export const encodingOption = () =>
  new Option(
    '--encoding <name>',
    'the CSV text encoding, e.g. latin1 or windows-1252 (default: UTF-8, checked)',
  );

export function registerSuggest(
  program: Command,
  write: (text: string) => void,
  note: (text: string) => void,
): void {
  program
    .command('suggest')
    .description(
      'Fits a readable model (whole points) from the outcomes in a CSV, checks it on held-out leads and writes it as JSON.',
    )
    .requiredOption('--input <file>', 'the leads, as CSV with a header row and the outcome column')
    .requiredOption('--outcome <column>', 'the column that records conversions')
    .requiredOption('--out <file>', 'where to write the suggested model (JSON)')
    .option(
      '--positive <values>',
      'values that mean converted, comma-separated (default: 1, yes, true, won…)',
    )
    .option('--negative <values>', 'values that mean not converted; any other value is still open')
    .option('--columns <list>', 'only these columns, comma-separated (default: all but identifiers)')
    .option('--exclude <list>', 'leave these columns out, comma-separated')
    .option(
      '--keep-leaky [list]',
      'keep columns the leakage guard flags (all, or those listed, comma-separated)',
    )
    .option('--base <file>', 'the current model (JSON): its rules become candidates and its AUC is compared')
    .option('--holdout <share>', 'share of leads held out to check the model (default 0.3)')
    .option(
      '--time-split <column>',
      'hold out the latest leads by this date column instead of a random share',
    )
    .option('--seed <text>', 'seed of the random holdout split (same seed, same split)')
    .option('--placeholders <values>', 'texts that mean "not answered" (default: Select, n/a, -, …)')
    .option('--max-rules <n>', 'at most this many rules (default 25)')
    .option(
      '--activities <file>',
      'the activity log (CSV, one event per row): rules that count events become candidates (model v2)',
    )
    .option(
      '--as-of <date>',
      "the day event windows and ages are counted to (YYYY-MM-DD); default: the current model's asOf, else today",
    )
    .option('--lead-key <column>', 'the leads column that identifies a lead in the activity log')
    .option('--activity-key <column>', "the activity log's column holding the lead's key")
    .option('--activity-type <column>', "the activity log's event type column")
    .option('--activity-date <column>', "the activity log's date column")
    .option('--json', 'print the evaluation as JSON')
    .addOption(delimiterOption())
    .addOption(encodingOption())
    .action(async (options: SuggestCommandOptions) => {
      write(await runSuggest({ ...options, onNote: note, progress: process.stderr.isTTY === true }));
    });
}

export async function runSuggest(options: SuggestCommandOptions): Promise<string> {
  if (options.columns !== undefined && options.exclude !== undefined) {
    throw new UsageError([
      '--columns and --exclude cannot be used together: list the columns, or those to leave out',
    ]);
  }
  if (options.holdout !== undefined && options.timeSplit !== undefined) {
    throw new UsageError(['--holdout and --time-split cannot be used together']);
  }
  refuseOverwritingInputs({ flag: '--out', path: options.out }, [
    { flag: '--input', path: options.input },
    options.base === undefined ? undefined : { flag: '--base', path: options.base },
    options.activities === undefined ? undefined : { flag: '--activities', path: options.activities },
  ]);
  // Held by column: a fit needs every lead's cells, not the file's text nor a string per cell.
  const table = await readCsvColumns(options.input, {
    delimiter: checkDelimiter(options.delimiter),
    encoding: checkEncoding(options.encoding),
    onNote: options.onNote,
  });
  const base = options.base === undefined ? undefined : readModelFile(options.base);
  const holdoutShare = options.holdout === undefined ? undefined : Number(options.holdout);
  if (holdoutShare !== undefined && !(holdoutShare > 0 && holdoutShare < 1)) {
    throw new UsageError([
      `--holdout must be a share above 0 and below 1 (e.g. 0.3), got "${options.holdout}"`,
    ]);
  }
  const maxRules = options.maxRules === undefined ? undefined : Number(options.maxRules);
  if (maxRules !== undefined && !(Number.isInteger(maxRules) && maxRules > 0)) {
    throw new UsageError([`--max-rules must be a whole number above 0, got "${options.maxRules}"`]);
  }
  const outcome = resolveOutcome(table, options, base);
  const mappingFlags = [options.leadKey, options.activityKey, options.activityType, options.activityDate];
  if (options.activities === undefined && mappingFlags.some((flag) => flag !== undefined)) {
    throw new UsageError([
      '--lead-key, --activity-key, --activity-type and --activity-date need --activities',
    ]);
  }
  // The whole log (not only the columns a model reads): its other columns give `where` candidates.
  const activities =
    options.activities === undefined ? undefined : await readActivities(options.activities, undefined, {});
  const progress = new StepProgress(`Suggesting from ${options.input}`, options.progress === true);
  const result = suggestModel(table.headers, table.leads, {
    outcome,
    columns: list(options.columns),
    exclude: list(options.exclude),
    keepLeaky: options.keepLeaky === true ? true : list(options.keepLeaky as string | undefined),
    base,
    holdoutShare,
    timeSplit: options.timeSplit,
    seed: options.seed,
    placeholders: list(options.placeholders),
    maxRules,
    timeZone: 'UTC',
    activities,
    activityMapping: activityMapping(options, base),
    asOf: checkAsOf(options.asOf),
    onProgress: (step) => progress.update(step.message),
  });
  progress.done();
  if (!result.ok) {
    throw new UsageError(
      result.problems.map(
        (p) => `${p.subject === 'activities' ? options.activities : options.input}: ${p.message}`,
      ),
    );
  }
  writeFileSafely(options.out, `${JSON.stringify(result.model, null, 2)}\n`);
  if (options.json) {
    return `${JSON.stringify({ model: options.out, ...result.evaluation }, null, 2)}\n`;
  }
  return textReport(result.model, result.evaluation, options);
}

/** The log's mapping: each flag given overrides the current model's (or, without one, what is detected
 *  from the headers; with none of the four flags, the core detects it all). */
function activityMapping(options: SuggestCommandOptions, base: Model | undefined): Activities | undefined {
  const flags = {
    leadKey: options.leadKey,
    activityKey: options.activityKey,
    typeColumn: options.activityType,
    dateColumn: options.activityDate,
  };
  if (Object.values(flags).every((flag) => flag === undefined)) return undefined;
  const from = base?.activities;
  const leadKey = flags.leadKey ?? from?.leadKey ?? flags.activityKey;
  const activityKey = flags.activityKey ?? from?.activityKey ?? flags.leadKey;
  const typeColumn = flags.typeColumn ?? from?.typeColumn;
  const dateColumn = flags.dateColumn ?? from?.dateColumn;
  const lacking = [
    [leadKey ?? activityKey, '--lead-key or --activity-key'],
    [typeColumn, '--activity-type'],
    [dateColumn, '--activity-date'],
  ].flatMap(([value, flag]) => (value === undefined ? [flag!] : []));
  if (lacking.length > 0 || !leadKey || !activityKey || !typeColumn || !dateColumn) {
    throw new UsageError([`--activities: name the rest of the mapping too (${lacking.join(', ')})`]);
  }
  return { leadKey, activityKey, typeColumn, dateColumn };
}

function list(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

const POSITIVE_WORDS = ['1', 'yes', 'y', 'true', 'won', 'converted', 'closed won'];
const NEGATIVE_WORDS = ['0', 'no', 'n', 'false', 'lost', 'not converted', 'closed lost'];

/** --positive / --negative, else the current model's outcome for that column, else the usual words found in
 *  the column. */
function resolveOutcome(table: CsvColumns, options: SuggestCommandOptions, base: Model | undefined): Outcome {
  const positive = list(options.positive);
  const negative = list(options.negative);
  if (positive !== undefined) return { column: options.outcome, positive, ...(negative ? { negative } : {}) };
  const index = table.headers.findIndex((h) => cellText(h) === cellText(options.outcome));
  if (index < 0) {
    throw new UsageError([
      `${options.input}: there is no column "${options.outcome}" (columns: ${table.headers.map((h) => `"${h}"`).join(', ')})`,
    ]);
  }
  const seen = new Map<string, string>();
  for (let i = 0; i < table.leads.length; i++) {
    const cell = table.leads.cell(i, index) as string;
    const key = cellText(cell);
    if (key !== '' && !seen.has(key)) seen.set(key, (cell ?? '').trim());
  }
  if (base?.outcome && cellText(base.outcome.column) === cellText(options.outcome)) {
    // The current model's outcome, unless the column holds none of its values (Yes/No against 0 and 1).
    if (seen.size > 0 && !base.outcome.positive.some((value) => seen.has(cellText(value)))) {
      throw new UsageError([
        `${options.input}: the outcome column "${options.outcome}" holds ${[...seen.values()].slice(0, 10).join(', ')}, but the current model (--base) reads "${base.outcome.positive.join('", "')}" as converted: pass --positive (and --negative) with the values that mean converted (and not)`,
      ]);
    }
    return { ...base.outcome, column: options.outcome, ...(negative ? { negative } : {}) };
  }
  const found = POSITIVE_WORDS.filter((word) => seen.has(word)).map((word) => seen.get(word)!);
  if (found.length === 0) {
    const values = [...seen.values()].slice(0, 10).join(', ');
    throw new UsageError([
      `--positive: say which values of "${options.outcome}" mean converted (it holds: ${values})`,
    ]);
  }
  const foundNegative = NEGATIVE_WORDS.filter((word) => seen.has(word)).map((word) => seen.get(word)!);
  return {
    column: options.outcome,
    positive: found,
    ...(negative ? { negative } : foundNegative.length > 0 ? { negative: foundNegative } : {}),
  };
}

function textReport(model: Model, e: SuggestEvaluation, options: SuggestCommandOptions): string {
  const lines: string[] = [];
  const auc = (x: number | null) => (x === null ? '–' : x.toFixed(3));
  const rate = (x: number | null) => (x === null ? '–' : percent(x));
  lines.push(
    `Suggested model written to ${options.out}: ${model.rules.length} rules, ${model.bands.length} bands.`,
  );
  lines.push(
    `Fitted on ${countText(e.fitting.leads)} leads (${countText(e.fitting.conversions)} converted); checked on ` +
      `${countText(e.holdout.leads)} held-out leads (${countText(e.holdout.conversions)} converted)` +
      (e.open > 0 ? `; ${countText(e.open)} open leads left out.` : '.'),
  );
  lines.push('', 'Verdicts');
  for (const verdict of e.verdicts) lines.push(`  • ${verdict}`);
  lines.push('', 'Held-out AUC');
  lines.push(
    textTable(
      ['Suggested (whole points)', 'Unrounded fit', 'All candidates', 'Current model'],
      [[auc(e.holdoutAuc), auc(e.unroundedAuc), auc(e.allCandidatesAuc), auc(e.baseAuc)]],
    ),
  );
  if (e.leakage.length > 0) {
    lines.push('', 'Leakage guard (columns probably filled in after the outcome)');
    lines.push(
      textTable(
        ['Column', 'AUC alone', 'Where answered', 'Kept', 'Why'],
        e.leakage.map((l) => [l.column, auc(l.auc), auc(l.answeredAuc), l.kept ? 'yes' : 'no', l.why]),
      ),
    );
  }
  lines.push('', 'Bands, on the held-out leads');
  lines.push(
    textTable(
      ['Band', 'From score', 'Leads', 'Converted', 'Rate', '95% interval', 'Sales-ready'],
      e.bands.map((b, i) => [
        b.name,
        b.min === null ? '' : String(b.min),
        String(b.leads),
        String(b.conversions),
        rate(b.rate),
        b.low === null || b.high === null ? '–' : percentRange(b.low, b.high),
        model.bands[i]?.salesReady ? 'yes' : '',
      ]),
    ),
  );
  const ruleRows = (status: string) =>
    e.rules
      .filter((r) => r.status === status)
      .map((r) => [
        r.points === 0 ? '' : String(r.points),
        r.name,
        String(r.leads),
        rate(r.rate),
        r.lift === null ? '–' : r.lift.toFixed(2),
        r.currentPoints === null ? '' : String(r.currentPoints),
        r.why,
      ]);
  const headers = ['Points', 'Rule', 'Leads', 'Rate', 'Lift', 'Now', 'Why'];
  lines.push('', 'Rules kept (leads, rate and lift on the fitting leads)');
  lines.push(textTable(headers, [...ruleRows('kept'), ...ruleRows('reversed')]));
  const dropped = ruleRows('dropped');
  if (dropped.length > 0) {
    lines.push('', `Candidates dropped (${dropped.length})`);
    lines.push(textTable(headers, dropped));
  }
  if (e.excluded.length > 0) {
    lines.push('', 'Columns left out');
    for (const column of e.excluded) lines.push(`  ${column.column}: ${column.why}`);
  }
  return `${lines.join('\n')}\n`;
}
