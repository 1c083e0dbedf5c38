// File reading for the CLI: every problem names the file and, for CSV, the line.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Model } from '../core/model';
import { parseModel } from '../core/validate';

/** A problem the user must fix; the CLI prints it and exits non-zero. */
export class UsageError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

export function readModelFile(path: string): Model {
  let json: unknown;
  try {
    json = JSON.parse(readText(path));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError([`${path}: not valid JSON (${(error as Error).message})`]);
  }
  const parsed = parseModel(json);
  if (!parsed.ok) throw new UsageError(parsed.problems.map((p) => `${path}: ${p.message}`));
  return parsed.model;
}

export interface CsvTable {
  headers: string[];
  rows: string[][];
  /** 1-based line of each row in the file, for messages. */
  lines: number[];
}

export function readCsvFile(path: string): CsvTable {
  const text = readText(path);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as typeof records;
  } catch (error) {
    const e = error as Error & { lines?: number };
    throw new UsageError([
      `${path}${e.lines ? ` line ${e.lines}` : ''}: ${e.message.replace(/^Invalid .*?: /, '')}`,
    ]);
  }
  const [header, ...body] = records;
  if (!header)
    throw new UsageError([`${path}: the file is empty; it needs a header row and one lead per row`]);
  return { headers: header.record, rows: body.map((r) => r.record), lines: body.map((r) => r.info.lines) };
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError([`${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`]);
  }
}

export function checkAsOf(asOf: string | undefined): string | undefined {
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    throw new UsageError([`--as-of must be a date as YYYY-MM-DD, got "${asOf}"`]);
  }
  return asOf;
}
