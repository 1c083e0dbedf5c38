// `leadscore score`: the input's columns plus Score, Band, Grade and Reasons, as the custom functions give
// them, streamed row by row (memory stays flat in the number of rows). Text cells are neutralised against
// formula injection unless --no-sanitize; with --changed-since, the hand-over queue of leads that entered
// or left the sales-ready bands since a previous scored file.
import { isBlank } from '../../core/cells';
import { compileModel, formatReasons, type Reason, salesReadyFlags } from '../../core/engine';
import { changesToRows, type LeadSnapshot, parseReasons, RunComparer } from '../../core/export/changes';
import { neutraliseCell } from '../../core/export/csvSafety';
import type { Model } from '../../core/model';
import { type CsvOptions, openCsv } from '../csvInput';
import { readActivities } from '../csvTable';
import { UsageError } from '../errors';
import { loadModelFile, missingColumnsOfRawModel } from '../io';
import { csvSink } from '../output';
import { refuseOverwritingInputs } from '../outputFile';
import { Progress } from '../progress';

export const SCORE_COLUMNS = ['Score', 'Band', 'Grade', 'Reasons'];

export interface ScoreOptions extends CsvOptions {
  model: string;
  input: string;
  output?: string;
  asOf?: string;
  sanitize: boolean;
  /** Start the scored CSV with a UTF-8 byte-order mark, for Excel. */
  bom?: boolean;
  changedSince?: string;
  key?: string;
  /** v2: the activity log, for event rules. */
  activities?: string;
  /** Standard output and error (injectable for tests of the module). */
  stdout: NodeJS.WritableStream;
  note: (text: string) => void;
  progress: boolean;
}

export async function scoreCommand(options: ScoreOptions): Promise<void> {
  if (options.output !== undefined)
    refuseOverwritingInputs({ flag: '--output', path: options.output }, [
      { flag: '--input', path: options.input },
      { flag: '--model', path: options.model },
      options.activities === undefined ? undefined : { flag: '--activities', path: options.activities },
      options.changedSince === undefined
        ? undefined
        : { flag: '--changed-since', path: options.changedSince },
    ]);
  const loaded = loadModelFile(options.model);
  const progress = new Progress(`Scoring ${options.input}`, options.progress);
  const csv = await openCsv(options.input, {
    ...options,
    onBytes: (bytes) => progress.addBytes(bytes),
    onNote: options.note,
  }).catch((error) => {
    // One pass reports everything: the model's problems with the file's.
    if (error instanceof UsageError) throw new UsageError([...loaded.problems, ...error.problems]);
    throw error;
  });
  progress.setTotal(csv.size);
  const model = loaded.model;
  const problems = [...loaded.problems];
  const activities = options.activities
    ? await readActivities(options.activities, model, { ...options, onNote: options.note }).catch((error) => {
        if (error instanceof UsageError) problems.push(...error.problems);
        else throw error;
        return undefined;
      })
    : undefined;
  let compiled: ReturnType<typeof compileModel> | undefined;
  if (model) {
    // The CLI reads dates in UTC (the contract); the spreadsheet uses its own time zone.
    compiled = compileModel(model, csv.headers, { asOf: options.asOf, timeZone: 'UTC', activities });
    if (!compiled.ok) problems.push(...compiled.problems.map((p) => `${options.input}: ${p.message}`));
  } else problems.push(...missingColumnsOfRawModel(loaded.raw, csv.headers, options.input));
  const queue = model && options.changedSince ? await previousRun(model, options, csv.headers) : undefined;
  if (queue?.problems.length) problems.push(...queue.problems);
  if (problems.length > 0 || !compiled?.ok || !model) throw new UsageError(problems);
  if (options.changedSince && !options.output)
    throw new UsageError([
      '--changed-since needs --output for the scored leads: the hand-over queue is printed',
    ]);

  const engine = compiled.compiled;
  const reasonsText = cachedReasons();
  const safe = options.sanitize ? neutraliseCell : (text: string) => text;
  // A file scored before: its Score, Band, Grade and Reasons are replaced, not followed by a second set.
  const carried = carriedColumns(csv.headers);
  if (carried.length < csv.headers.length)
    options.note(
      `${options.input}: already has ${csv.headers.filter((_, index) => !carried.includes(index)).join(', ')} from an earlier run: replaced by this run's`,
    );
  const sink = csvSink(options.output, options.stdout, { bom: options.bom });
  try {
    const totals = await scoreRows();
    await sink.end();
    progress.done();
    if (options.output) {
      const counts = [...totals.bandCounts]
        .map(([band, count]) => `${count.toLocaleString('en-US')} ${band}`)
        .join(', ');
      const blanks =
        totals.blankRows > 0 ? ` (${totals.blankRows.toLocaleString('en-US')} empty rows kept unscored)` : '';
      options.note(
        `Scored ${totals.leads.toLocaleString('en-US')} leads → ${options.output}: ${counts}${blanks}.`,
      );
    }
  } catch (error) {
    // The previous --output file stays as it was.
    sink.discard();
    throw error;
  }
  if (queue) {
    const changes = queue.comparer.finish();
    const rows = changesToRows(changes).map((row) =>
      row.map((cell) => (typeof cell === 'string' ? safe(cell) : cell)),
    );
    const listing = csvSink(undefined, options.stdout);
    for (const row of rows) await listing.write(row);
    await listing.end();
    const entered = changes.filter((c) => c.change === 'entered').length;
    options.note(
      `Since ${options.changedSince}: ${entered} entered and ${changes.length - entered} left the sales-ready bands (leads matched by "${csv.headers[queue.keyColumn]}").`,
    );
  }

  async function scoreRows() {
    const bandCounts = new Map(model!.bands.map((band) => [band.name, 0]));
    let leads = 0;
    let blankRows = 0;
    const width = carried.length;
    await sink.write([...carried.map((index) => csv.headers[index]!), ...SCORE_COLUMNS].map(safe));
    for await (const { cells } of csv.records) {
      const out: (string | number)[] = new Array(width + 4);
      for (let index = 0; index < width; index++) out[index] = safe(cells[carried[index]!] ?? '');
      if (cells.every(isBlank)) {
        blankRows++;
        out.fill('', width);
      } else {
        const result = engine.score(csv.numbers(cells));
        leads++;
        bandCounts.set(result.band, (bandCounts.get(result.band) ?? 0) + 1);
        out[width] = result.score;
        out[width + 1] = safe(result.band);
        out[width + 2] = safe(result.grade ?? '');
        out[width + 3] = safe(reasonsText(result.reasons));
        if (queue)
          queue.comparer.add({
            key: cells[queue.keyColumn] ?? '',
            score: result.score,
            band: result.band,
            reasons: result.reasons,
          });
      }
      const wait = sink.write(out);
      if (wait) await wait;
      if (sink.closed) break;
      progress.addRow();
    }
    return { bandCounts, leads, blankRows };
  }
}

/**
 * The input columns written out again: all but the Score, Band, Grade and Reasons of an earlier run (a file
 * with both Score and Band columns was scored before).
 */
function carriedColumns(headers: readonly string[]): number[] {
  const key = (header: string) => header.trim().toLowerCase();
  const ours = new Set(SCORE_COLUMNS.map((name) => name.toLowerCase()));
  const names = new Set(headers.map(key));
  const scored = names.has('score') && names.has('band');
  return headers.flatMap((header, index) => (scored && ours.has(key(header)) ? [] : [index]));
}

/**
 * formatReasons, with each rule's "Name +15" text kept once made: a run repeats the same few contributions
 * per rule, and formatting them was a sixth of the time of a large run.
 */
function cachedReasons(): (reasons: readonly Reason[]) => string {
  const byRule = new Map<string, Map<number, string>>();
  const MAX_PER_RULE = 1000;
  return (reasons) => {
    let text = '';
    for (let index = 0; index < reasons.length; index++) {
      const reason = reasons[index]!;
      let part = reason.text;
      if (part === undefined) {
        let cache = byRule.get(reason.rule);
        if (cache === undefined) {
          cache = new Map();
          byRule.set(reason.rule, cache);
        }
        part = cache.get(reason.points);
        if (part === undefined) {
          part = formatReasons([reason]);
          if (cache.size < MAX_PER_RULE) cache.set(reason.points, part);
        }
      }
      text = index === 0 ? part : `${text}, ${part}`;
    }
    return text;
  };
}

const KEY_CANDIDATES = ['email', 'e-mail', 'lead id', 'id', 'lead', 'name', 'company'];

/** The previous scored file, read into snapshots keyed by the lead key column. */
async function previousRun(model: Model, options: ScoreOptions, headers: readonly string[]) {
  const path = options.changedSince!;
  const problems: string[] = [];
  const previous = await openCsv(path, {
    delimiter: options.delimiter,
    encoding: options.encoding,
    onNote: options.note,
  });
  const find = (list: readonly string[], name: string) =>
    list.findIndex((h) => h.trim().toLowerCase() === name.trim().toLowerCase());
  const wanted =
    options.key ??
    KEY_CANDIDATES.map((name) => headers.find((h) => h.trim().toLowerCase() === name)).find(
      (h) => h !== undefined,
    ) ??
    headers[0] ??
    '';
  const keyColumn = find(headers, wanted);
  const previousKey = find(previous.headers, wanted);
  const scoreColumn = find(previous.headers, 'Score');
  const bandColumn = find(previous.headers, 'Band');
  const reasonsColumn = find(previous.headers, 'Reasons');
  if (keyColumn < 0)
    problems.push(
      `${options.input}: --key column "${wanted}" is not in the data (columns: ${headers.join(', ')})`,
    );
  if (previousKey < 0) problems.push(`${path}: the key column "${wanted}" is not in the previous file`);
  if (bandColumn < 0 || scoreColumn < 0)
    problems.push(
      `${path}: not a scored file (it needs the Score and Band columns that leadscore score writes)`,
    );
  if (problems.length > 0) return { problems, keyColumn, comparer: new RunComparer([], new Set()) };
  const ruleNames = model.rules.map((rule) => rule.name);
  const snapshots: LeadSnapshot[] = [];
  const unquote = (text: string) => (text.startsWith("'") ? text.slice(1) : text);
  for await (const { cells } of previous.records) {
    snapshots.push({
      key: unquote(cells[previousKey] ?? ''),
      score: Number(cells[scoreColumn]),
      band: unquote(cells[bandColumn] ?? ''),
      reasons: reasonsColumn < 0 ? [] : parseReasons(unquote(cells[reasonsColumn] ?? ''), ruleNames),
    });
  }
  const flags = salesReadyFlags(model);
  const salesReady = new Set(model.bands.filter((_, index) => flags[index]).map((band) => band.name));
  return { problems, keyColumn, comparer: new RunComparer(snapshots, salesReady) };
}
