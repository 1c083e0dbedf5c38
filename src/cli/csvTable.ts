// Whole CSV files in memory, for the commands that need every row at once (suggest, describe) and for the
// activity log; read by the same reader and with the same checks as the streamed leads (csvInput.ts).
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { type ActivityLog, startActivityLog } from '../core/engine';
import type { Model } from '../core/model';
import { type CsvOptions, columnLetter, openCsv, parseCsvText } from './csvInput';
import { readText } from './io';

export interface CsvTable {
  headers: string[];
  rows: string[][];
  /** 1-based line of each row in the file, for messages. */
  lines: number[];
}

/** The columns with a name; a note names those without (the index pandas writes first), which are left out. */
export function namedColumns(
  path: string,
  headers: readonly string[],
  onNote: ((text: string) => void) | undefined,
): number[] {
  const keep: number[] = [];
  const unnamed: number[] = [];
  headers.forEach((header, index) => {
    (header.trim() === '' ? unnamed : keep).push(index);
  });
  if (unnamed.length > 0)
    onNote?.(
      `${path}: ${unnamed.length === 1 ? `column ${columnLetter(unnamed[0]!)} has no name` : `columns ${unnamed.map(columnLetter).join(', ')} have no name`} (as the index pandas writes first): left out`,
    );
  return keep;
}

/**
 * A whole CSV in memory. Cells are as numbers are read (decimal commas of a semicolon file rewritten with a
 * point), and columns without a name (the index pandas writes first) are left out, with a note.
 */
export function readCsvFile(path: string, options: CsvOptions = {}): CsvTable {
  const text = readCsvText(path, options.encoding);
  const csv = parseCsvText(path, text, options);
  const keep = namedColumns(path, csv.headers, options.onNote);
  const cut =
    keep.length === csv.headers.length
      ? (cells: string[]) => cells
      : (cells: string[]) => keep.map((i) => cells[i] ?? '');
  return {
    headers: cut(csv.headers),
    rows: csv.records.map((record) => cut(csv.numbers(record.cells))),
    lines: csv.records.map((record) => record.line),
  };
}

/** A whole CSV as a grid, its first row included and no column left out: for a sheet saved as CSV (such as
 *  the Calibration sheet, whose first row is a title, not column names). */
export function readCsvGrid(path: string, options: CsvOptions = {}): string[][] {
  const csv = parseCsvText(path, readCsvText(path, options.encoding), options);
  return [csv.headers, ...csv.records.map((record) => record.cells)];
}

/** The file's text: UTF-8 (checked) unless an encoding is given or a UTF-16 byte-order mark says otherwise. */
function readCsvText(path: string, encoding: string | undefined): string {
  if (encoding === undefined) {
    const head = Buffer.alloc(2);
    try {
      const fd = openSync(path, 'r');
      readSync(fd, head, 0, 2, 0);
      closeSync(fd);
    } catch {
      return readText(path); // says why the file cannot be read
    }
    if (head[0] === 0xff && head[1] === 0xfe) encoding = 'utf-16le';
    else if (head[0] === 0xfe && head[1] === 0xff) encoding = 'utf-16be';
    else return readText(path);
  }
  return new TextDecoder(encoding).decode(readFileSync(path)).replace(/^\ufeff/, '');
}

/**
 * The columns of an activity log a model reads (its three and its rules' `where` columns), each name once (the
 * first of a repeated header, as the engine finds it); every column without a model.
 */
function activityColumns(headers: readonly string[], model: Model | undefined): number[] {
  const wanted = new Set<string>();
  if (model?.activities) {
    const a = model.activities;
    for (const name of [a.activityKey, a.typeColumn, a.dateColumn]) wanted.add(name.trim().toLowerCase());
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === 'column' && typeof value === 'string') wanted.add(value.trim().toLowerCase());
          else walk(value);
        }
      }
    };
    for (const rule of model.rules) if (rule.where) walk(rule.where);
  }
  const keep: number[] = [];
  const taken = new Set<string>();
  headers.forEach((header, index) => {
    const key = header.trim().toLowerCase();
    if ((wanted.size === 0 || wanted.has(key)) && !taken.has(key)) {
      taken.add(key);
      keep.push(index);
    }
  });
  return keep;
}

/** The activity log (v2) from a CSV, whole, cut down to the columns the model reads from it (suggest). */
export async function readActivities(
  path: string,
  model: Model | undefined,
  options: { delimiter?: string; encoding?: string; onNote?: (note: string) => void },
): Promise<{ headers: string[]; rows: string[][] }> {
  const csv = await openCsv(path, options);
  const keep = activityColumns(csv.headers, model);
  const rows: string[][] = [];
  for await (const { cells } of csv.records) {
    const read = csv.numbers(cells);
    rows.push(keep.map((index) => read[index] ?? ''));
  }
  return { headers: keep.map((index) => csv.headers[index]!), rows };
}

/**
 * The activity log (v2) streamed from a CSV into the model's per-lead tallies (startActivityLog): no row is
 * kept, and only the cells the model reads are looked at. Give the result to compileModel with the same
 * asOf (the CLI reads dates in UTC). Without a valid model, the file is still read through, so that its own
 * problems (a quote left open, not UTF-8) are reported with the model's; then undefined.
 */
export async function streamActivities(
  path: string,
  model: Model | undefined,
  scoring: { asOf?: string },
  options: { delimiter?: string; encoding?: string; onNote?: (note: string) => void },
): Promise<ActivityLog | undefined> {
  const csv = await openCsv(path, options);
  if (model === undefined) {
    for await (const _record of csv.records);
    return undefined;
  }
  const keep = activityColumns(csv.headers, model);
  // Missing columns are named against the headers the model reads (as the whole log was cut down).
  const log = startActivityLog(
    model,
    keep.map((index) => csv.headers[index]!),
    { asOf: scoring.asOf, timeZone: 'UTC' },
  );
  const read = log.columns;
  const from = read.map((column) => keep[column]!);
  if (read.length === 0) {
    for await (const _record of csv.records); // nothing to count; the file's problems are still reported
    return log;
  }
  // One row reused: the log keeps only what it counts. Cells it does not read stay undefined.
  const row = new Array<unknown>(keep.length);
  const width = read.length;
  const semicolons = csv.delimiter === ';';
  for await (const { cells } of csv.records) {
    const cut = semicolons ? csv.numbers(cells) : cells;
    for (let k = 0; k < width; k++) row[read[k]!] = cut[from[k]!] ?? '';
    log.add(row);
  }
  return log;
}
