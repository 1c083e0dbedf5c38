// `leadscore score`: the input's columns plus Score, Band, Grade (Cell, when the model has engagement
// levels: v2 §10) and Reasons, as the custom functions give them, streamed row by row (memory stays flat in the number of rows). Text cells are neutralised against
// formula injection unless --no-sanitize; with --changed-since, the hand-over queue of leads that entered
// or left the sales-ready bands since a previous scored file.
import { leadColumnIndices, salesReadyFlags } from '../../core/engine';
import { changesToRows, type LeadSnapshot, parseReasons, RunComparer } from '../../core/export/changes';
import { neutraliseCell } from '../../core/export/csvSafety';
import type { Model } from '../../core/model';
import { type CsvOptions, openCsv } from '../csvInput';
import { streamActivities } from '../csvTable';
import { UsageError } from '../errors';
import { loadModelFile, missingColumnsOfRawModel } from '../io';
import { csvSink } from '../output';
import { refuseOverwritingInputs } from '../outputFile';
import { Progress } from '../progress';
import { ByteScoreReader } from '../scoreBytes';
import { type ByteSource, fileSource, scoreOnOneThread, textSource } from '../scoreOneThread';
import { scoreInParallel } from '../scoreParallel';
import { RowScorer } from '../scoreRows';

export { CELL_COLUMN, hasCell, SCORE_COLUMNS, scoreColumnsOf } from '../scoreRows';

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
  /**
   * Worker threads for a large file written to --output (1: the main thread only), and the script they
   * run (the built CLI; absent when run from source, as in tests of the module).
   */
  threads?: number;
  workerScript?: string;
  /** Text per piece of the file given to a worker. */
  pieceBytes?: number;
  /** Use the workers whatever the file's size (tests). */
  forceThreads?: boolean;
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
    withRaw: true,
    pieces: true,
  }).catch((error) => {
    // One pass reports everything: the model's problems with the file's.
    if (error instanceof UsageError) throw new UsageError([...loaded.problems, ...error.problems]);
    throw error;
  });
  progress.setTotal(csv.size);
  const model = loaded.model;
  const problems = [...loaded.problems];
  const activities = options.activities
    ? await streamActivities(options.activities, model, options, { ...options, onNote: options.note }).catch(
        (error) => {
          if (error instanceof UsageError) problems.push(...error.problems);
          else throw error;
          return undefined;
        },
      )
    : undefined;
  let scorer: RowScorer | undefined;
  if (model) {
    const setup = {
      model,
      headers: csv.headers,
      delimiter: csv.delimiter,
      asOf: options.asOf,
      sanitize: options.sanitize,
    };
    const created = RowScorer.create(setup, activities);
    if (created.ok) scorer = created.scorer;
    else problems.push(...created.problems.map((p) => `${options.input}: ${p.message}`));
  } else problems.push(...missingColumnsOfRawModel(loaded.raw, csv.headers, options.input));
  const queue = model && options.changedSince ? await previousRun(model, options, csv.headers) : undefined;
  if (queue?.problems.length) problems.push(...queue.problems);
  if (problems.length > 0 || !scorer || !model) throw new UsageError(problems);
  if (options.changedSince && !options.output)
    throw new UsageError([
      '--changed-since needs --output for the scored leads: the hand-over queue is printed',
    ]);

  const safe = options.sanitize ? neutraliseCell : (text: string) => text;
  // A file scored before: its Score, Band, Grade and Reasons are replaced, not followed by a second set.
  const carried = scorer.carried;
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
    const rows = scorer!;
    await sink.writeText(rows.headerLine());
    let records = csv.records;
    const pieces = csv.pieces;
    if (pieces && rows.copyable && !queue) {
      // Read by the byte reader (scoreBytes.ts): on worker threads, then (for all, or for the rest of the
      // file after a worker stopped) on this one.
      const pieceBytes = options.pieceBytes ?? PIECE_BYTES;
      const addRows = (count: number) => {
        for (let index = 0; index < count; index++) progress.addRow();
      };
      let line = pieces.line;
      let source: ByteSource;
      if (pieces.byteOffset !== undefined && pieces.resume !== undefined) {
        // A UTF-8 file: its bytes are read again from the first record (the text read so far is not needed).
        await pieces.rest?.return(undefined);
        let byteOffset = pieces.byteOffset;
        let counted = byteOffset + Buffer.byteLength(pieces.text); // bytes already given to the progress line
        const threads = options.threads ?? 1;
        const parallel =
          threads > 1 &&
          options.workerScript !== undefined &&
          options.output !== undefined &&
          options.activities === undefined &&
          (options.forceThreads || csv.size >= MIN_PARALLEL_BYTES);
        if (parallel) {
          const takeOver = await scoreInParallel({
            setup: rows.setup,
            scorer: rows,
            threads,
            workerScript: options.workerScript!,
            pieceBytes,
            path: options.input,
            byteOffset,
            line,
            onBytes: (bytes) => progress.addBytes(bytes),
            write: (bytes, done) => sink.writeBytes(bytes, done),
            addRows,
          });
          if (takeOver === undefined) return totalsOf(rows);
          ({ byteOffset, line } = takeOver);
          counted = takeOver.readTo;
        }
        source = await fileSource(
          options.input,
          byteOffset,
          counted,
          (bytes) => progress.addBytes(bytes),
          pieces.resume,
        );
      } else source = textSource(pieces.text, pieces.rest); // another encoding
      const stop = await scoreOnOneThread({
        reader: new ByteScoreReader(rows, csv.headers.length, leadColumnIndices(model!, csv.headers)),
        source,
        pieceBytes,
        line,
        write: (bytes, done) => sink.writeBytes(bytes, done),
        addRows,
        closed: () => sink.closed,
      });
      if (stop === undefined || sink.closed) return totalsOf(rows);
      const { text, rest } = source.textFrom(stop.read, stop.left, stop.line);
      records = pieces.records(text, rest, stop.line);
    }
    for await (const { cells, raw } of records) {
      const line = rows.line(cells, csv.numbers(cells), raw);
      if (queue && rows.lastResult)
        queue.comparer.add({
          key: cells[queue.keyColumn] ?? '',
          score: rows.lastResult.score,
          band: rows.lastResult.band,
          reasons: rows.lastResult.reasons,
        });
      const wait = sink.writeText(line);
      if (wait) await wait;
      if (sink.closed) break;
      progress.addRow();
    }
    return totalsOf(rows);
  }
}

/** Files smaller than this are scored on the main thread only (starting workers costs more). */
const MIN_PARALLEL_BYTES = 4 << 20;
const PIECE_BYTES = 1 << 20;

function totalsOf(rows: RowScorer) {
  return { bandCounts: rows.bandCounts, leads: rows.leads, blankRows: rows.blankRows };
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
