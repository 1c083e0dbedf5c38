// File reading for the CLI: every problem names the file and, where it can, the line and column.
import { readFileSync } from 'node:fs';
import { isBlank } from '../core/cells';
import type { Model } from '../core/model';
import { parseModel } from '../core/validate';
import { UsageError } from './errors';

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
  const surprises = jsonSurprises(text);
  if (surprises.length > 0) return { raw, problems: surprises.map((p) => `${path}: ${p}`) };
  const parsed = parseModel(raw);
  if (!parsed.ok) return { raw, problems: parsed.problems.map((p) => `${path}: ${p.message}`) };
  return { model: parsed.model, raw, problems: [] };
}

export function readModelFile(path: string): Model {
  const loaded = loadModelFile(path);
  if (!loaded.model) throw new UsageError(loaded.problems);
  return loaded.model;
}

/**
 * What JSON.parse accepts without a word but does not mean what the file says: a key given twice in one
 * object (the last silently wins) and a number too small for a double (1e-400 would be read as 0). The text
 * is valid JSON.
 */
export function jsonSurprises(text: string): string[] {
  const problems: string[] = [];
  const where = (offset: number) => {
    const before = text.slice(0, offset);
    const line = before.split(/\r\n|\r|\n/).length;
    const column = offset - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
    return `line ${line}, column ${column}`;
  };
  const objects: { keys: Set<string>; expectKey: boolean }[] = [];
  const inArray: boolean[] = [];
  let at = 0;
  while (at < text.length) {
    const char = text[at]!;
    if (char === '{') {
      objects.push({ keys: new Set(), expectKey: true });
      inArray.push(false);
      at++;
    } else if (char === '[') {
      inArray.push(true);
      at++;
    } else if (char === '}' || char === ']') {
      if (inArray.pop() === false) objects.pop();
      at++;
    } else if (char === ',') {
      if (inArray[inArray.length - 1] === false) objects[objects.length - 1]!.expectKey = true;
      at++;
    } else if (char === ':') {
      objects[objects.length - 1]!.expectKey = false;
      at++;
    } else if (char === '"') {
      const start = at;
      at++;
      while (at < text.length && text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
      at++;
      const object = objects[objects.length - 1];
      if (inArray[inArray.length - 1] === false && object?.expectKey) {
        const key = JSON.parse(text.slice(start, at)) as string;
        if (object.keys.has(key))
          problems.push(
            `${where(start)}: the key "${key}" appears twice in the same object; JSON keeps only the last, so the first would be lost without a word. Keep one.`,
          );
        object.keys.add(key);
      }
    } else if (char === '-' || (char >= '0' && char <= '9')) {
      const literal = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at, at + 400))![0];
      const mantissa = literal.replace(/[eE].*$/, '');
      if (Number(literal) === 0 && /[1-9]/.test(mantissa))
        problems.push(
          `${where(at)}: the number ${literal} is too small to be stored (it would be read as 0): write 0, or a number of at least 1e-300`,
        );
      at += literal.length;
    } else at++;
  }
  return problems;
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
  if (asOf === undefined) return asOf;
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOf);
  if (!parts) throw new UsageError([`--as-of must be a date as YYYY-MM-DD, got "${asOf}"`]);
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const monthName = new Date(Date.UTC(2000, Math.min(Math.max(month, 1), 12) - 1, 1)).toLocaleString(
    'en-US',
    {
      month: 'long',
      timeZone: 'UTC',
    },
  );
  if (month < 1 || month > 12)
    throw new UsageError([`--as-of ${asOf} is not a day of the calendar: there is no month ${month}`]);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days)
    throw new UsageError([
      `--as-of ${asOf} is not a day of the calendar: ${monthName} ${year} has ${days} days`,
    ]);
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
