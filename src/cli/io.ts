// File reading for the CLI: every problem names the file and, where it can, the line and column.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { isBlank } from '../core/cells';
import type { Model } from '../core/model';
import { parseModel } from '../core/validate';

/** A problem the user must fix; the CLI prints it and exits 1. */
export class UsageError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** The output could not be written (disk full, no permission): exit 2, as docs/cli.md says. */
export class OutputError extends Error {}

export interface LoadedModel {
  /** The validated model; undefined when it has problems. */
  model?: Model;
  /** The parsed JSON, valid or not (to check its columns against the data in the same run). */
  raw?: unknown;
  problems: string[];
}

/** Reads and validates a model file, collecting its problems instead of stopping at the first. */
export function loadModelFile(path: string): LoadedModel {
  let text: string;
  try {
    text = readText(path);
  } catch (error) {
    if (error instanceof UsageError) return { problems: error.problems };
    throw error;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { problems: [`${path}: ${jsonProblem(text, (error as Error).message)}`] };
  }
  const parsed = parseModel(raw);
  if (!parsed.ok) return { raw, problems: parsed.problems.map((p) => `${path}: ${p.message}`) };
  return { model: parsed.model, raw, problems: [] };
}

export function readModelFile(path: string): Model {
  const loaded = loadModelFile(path);
  if (!loaded.model) throw new UsageError(loaded.problems);
  return loaded.model;
}

/** "not valid JSON at line 3, column 14: …" from V8's message, which gives only a character position. */
function jsonProblem(text: string, message: string): string {
  const position = /at position (\d+)/.exec(message);
  const offset = position ? Number(position[1]) : jsonErrorOffset(text);
  const before = text.slice(0, offset);
  const line = before.split(/\r\n|\r|\n/).length;
  const column = offset - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')); // 1-based
  const what = message
    .replace(/^(?:SyntaxError: )?/, '')
    .replace(/,? ?"[^"]*"? is not valid JSON$/, '')
    .replace(/ in JSON at position \d+.*$/, '')
    .replace(/ \(line \d+ column \d+\)$/, '');
  return `not valid JSON at line ${line}, column ${column}: ${what || 'unexpected text'}`;
}

/** Where a JSON text first goes wrong (V8's messages give a position only for some errors). */
export function jsonErrorOffset(text: string): number {
  let at = 0;
  const fail = (): never => {
    throw at;
  };
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at++;
  };
  const literal = (word: string) => {
    for (const char of word) {
      if (text[at] !== char) fail();
      at++;
    }
  };
  const string = () => {
    at++; // opening quote
    while (at < text.length) {
      const char = text[at]!;
      if (char === '"') return void at++;
      if (char === '\\') {
        at++;
        if (!'"\\/bfnrtu'.includes(text[at] ?? '')) fail();
      } else if (char < ' ') fail();
      at++;
    }
    fail();
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at, at + 400));
    if (!match) fail();
    at += match![0].length;
  };
  const value = (): void => {
    space();
    const char = text[at];
    if (char === '{') {
      at++;
      space();
      if (text[at] === '}') return void at++;
      for (;;) {
        space();
        if (text[at] !== '"') fail();
        string();
        space();
        if (text[at] !== ':') fail();
        at++;
        value();
        space();
        if (text[at] === ',') at++;
        else if (text[at] === '}') return void at++;
        else fail();
      }
    }
    if (char === '[') {
      at++;
      space();
      if (text[at] === ']') return void at++;
      for (;;) {
        value();
        space();
        if (text[at] === ',') at++;
        else if (text[at] === ']') return void at++;
        else fail();
      }
    }
    if (char === '"') string();
    else if (char === 't') literal('true');
    else if (char === 'f') literal('false');
    else if (char === 'n') literal('null');
    else number();
  };
  try {
    value();
    space();
    return at < text.length ? at : text.length;
  } catch (offset) {
    return Math.min(offset as number, text.length);
  }
}

/** A text file as UTF-8, without a BOM; refuses Latin-1 and other non-UTF-8 text instead of garbling it. */
export function readText(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a folder, not a file'
          : (error as Error).message;
    throw new UsageError([`${path}: ${why}`]);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const valid = new TextDecoder('utf-8').decode(bytes);
    const line = valid.slice(0, Math.max(0, valid.indexOf('\ufffd'))).split('\n').length;
    throw new UsageError([
      `${path} line ${line}: the file is not UTF-8 text; it looks like Latin-1 or Windows-1252, so letters such as é or ü would come out garbled. Save it as UTF-8.`,
    ]);
  }
}

export function checkAsOf(asOf: string | undefined): string | undefined {
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    throw new UsageError([`--as-of must be a date as YYYY-MM-DD, got "${asOf}"`]);
  }
  return asOf;
}

/**
 * The columns an invalid model names that the data lacks, so that one run reports model problems and
 * missing columns together (a valid model gets these from compileModel).
 */
export function missingColumnsOfRawModel(
  raw: unknown,
  headers: readonly string[],
  inputName: string,
): string[] {
  if (typeof raw !== 'object' || raw === null) return [];
  const have = new Set(headers.filter((h) => !isBlank(h)).map((h) => h.trim().toLowerCase()));
  const shown = headers.filter((h) => !isBlank(h)).map((h) => h.trim());
  const list =
    shown.length === 0
      ? 'the data has no column headers'
      : `columns: ${shown.slice(0, 30).join(', ')}${shown.length > 30 ? `, and ${shown.length - 30} more` : ''}`;
  const problems: string[] = [];
  const check = (subject: string, what: string, column: unknown) => {
    if (typeof column !== 'string' || column.trim() === '') return;
    if (!have.has(column.trim().toLowerCase()))
      problems.push(`${inputName}: ${subject}: ${what} "${column.trim()}" is not in the data (${list})`);
  };
  const model = raw as { rules?: unknown; groups?: unknown; settings?: { asOfColumn?: unknown } };
  if (model.settings && typeof model.settings === 'object')
    check('settings', 'as-of column', model.settings.asOfColumn);
  if (Array.isArray(model.groups)) {
    for (const group of model.groups as { name?: unknown; decay?: { dateColumn?: unknown } }[]) {
      if (group && typeof group === 'object' && group.decay && typeof group.decay === 'object')
        check(`group "${String(group.name ?? '')}"`, 'decay date column', group.decay.dateColumn);
    }
  }
  if (Array.isArray(model.rules)) {
    for (const rule of model.rules as { name?: unknown; column?: unknown; enabled?: unknown }[]) {
      if (rule && typeof rule === 'object' && rule.enabled !== false)
        check(`rule "${String(rule.name ?? '')}"`, 'column', rule.column);
    }
  }
  return problems;
}

/** Every column a model reads from the leads (rules, conditions, decay, outcome, override, lead key). */
export function columnsNamedByModel(model: Model): Set<string> {
  const names = new Set<string>();
  const walk = (value: unknown, key: string | undefined, inActivities: boolean) => {
    if (Array.isArray(value)) for (const item of value) walk(item, key, inActivities);
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        // Event rules' `where` conditions read the activity table, not the leads.
        walk(v, k, inActivities || k === 'where' || k === 'activities');
      }
    } else if (typeof value === 'string' && key !== undefined) {
      const leadsColumn =
        !inActivities &&
        (key === 'column' || key === 'dateColumn' || key === 'overrideColumn' || key === 'asOfColumn');
      if (leadsColumn || key === 'leadKey') names.add(value.trim().toLowerCase());
    }
  };
  walk(model, undefined, false);
  return names;
}

export interface CsvTable {
  headers: string[];
  rows: string[][];
  /** 1-based line of each row in the file, for messages. */
  lines: number[];
}

/** A whole CSV in memory, for small files (commands that stream use csvInput.openCsv). */
export function readCsvFile(path: string): CsvTable {
  const text = readText(path);
  let records: { record: string[]; raw: string; info: { empty_lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_quotes: true,
      info: true,
      raw: true,
    }) as unknown as typeof records;
  } catch (error) {
    const e = error as Error & { lines?: number };
    throw new UsageError([
      `${path}${e.lines ? ` near line ${e.lines}` : ''}: this row cannot be read as CSV (is a quote left open?)`,
    ]);
  }
  let lineBreaks = 0;
  const lines = records.map((r) => {
    const line = 1 + lineBreaks + r.info.empty_lines;
    lineBreaks += (r.raw.match(/\r\n|\r|\n/g) ?? []).length;
    return line;
  });
  const [header, ...body] = records;
  if (!header)
    throw new UsageError([`${path}: the file is empty; it needs a header row and one lead per row`]);
  return { headers: header.record, rows: body.map((r) => r.record), lines: lines.slice(1) };
}

/** The activity log (v2) from a CSV, cut down to the columns the model reads from it. */
export async function readActivities(
  path: string,
  model: Model | undefined,
  options: { delimiter?: string; encoding?: string; onNote?: (note: string) => void },
): Promise<{ headers: string[]; rows: string[][] }> {
  const { openCsv } = await import('./csvInput');
  const csv = await openCsv(path, options);
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
  csv.headers.forEach((header, index) => {
    const key = header.trim().toLowerCase();
    if ((wanted.size === 0 || wanted.has(key)) && !taken.has(key)) {
      taken.add(key);
      keep.push(index);
    }
  });
  const rows: string[][] = [];
  for await (const { cells } of csv.records) rows.push(keep.map((index) => cells[index] ?? ''));
  return { headers: keep.map((index) => csv.headers[index]!), rows };
}
