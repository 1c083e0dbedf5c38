// Compiling a model against a header row (contract v1 "Scoring a row"): closures with resolved column
// indexes and pre-normalised values; scoring a row then allocates only its result. Shared by custom
// functions (Apps Script V8), the CLI and the sidebar.

import {
  cellDay,
  cellNumber,
  cellText,
  type DayOfDate,
  dayOfDateIn,
  foldCase,
  isBlank,
  parseIsoDay,
  parseNumberText,
} from '../cells';
import type { EventOperator, Model, Problem } from '../model';
import { compileOutcome } from '../outcome';
import { describe, isIsoDate, nameKey, parseModel } from '../validate';
import { type CompiledDecay, type CompiledRule, EMPTY_ROW } from './compiledParts';
import { type CellReading, compileTree, treeColumns } from './conditions';
import { type ActivityIndex, countTest, indexActivities } from './events';
import { clampMagnitude } from './format';
import { compileTest } from './operators';
import { buildCompiled } from './scorer';
import type { CompileResult, LeadScore, ScoringOptions } from './types';

export { AS_OF_REASON, OVERRIDE_REASON } from './compiledParts';

function findColumn(headerIndex: ReadonlyMap<string, number>, column: string): number | undefined {
  return headerIndex.get(nameKey(column));
}

function indexHeaders(headers: readonly unknown[]): Map<string, number> {
  const headerIndex = new Map<string, number>();
  headers.forEach((header, index) => {
    const key = cellText(header);
    if (key !== '' && !headerIndex.has(key)) headerIndex.set(key, index);
  });
  return headerIndex;
}

function listHeaders(headers: readonly unknown[], table = 'the data'): string {
  const names = headers.filter((header) => !isBlank(header)).map((header) => displayHeader(header));
  if (names.length === 0) return `${table} has no column headers`;
  const shown = names.slice(0, 30).join(', ');
  return `columns: ${shown}${names.length > 30 ? `, and ${names.length - 30} more` : ''}`;
}

function displayHeader(header: unknown): string {
  return typeof header === 'string' ? header.trim() : cellText(header);
}

/** Resolves the day that ages are measured from: option, else model setting, else today. */
function resolveAsOf(
  model: Model,
  options: ScoringOptions,
  dayOfDate: DayOfDate,
  problems: Problem[],
): number | undefined {
  const asOf = options.asOf ?? model.settings?.asOf;
  if (asOf !== undefined && asOf !== null) {
    if (!isIsoDate(asOf)) {
      problems.push({
        subject: 'settings',
        field: 'asOf',
        message: `settings: asOf must be a real date written YYYY-MM-DD, got ${describe(asOf)}`,
      });
      return undefined;
    }
    return parseIsoDay(asOf);
  }
  const now = options.now ?? new Date();
  let today: number;
  try {
    today = dayOfDate(now);
  } catch {
    today = Number.NaN;
  }
  if (!Number.isFinite(today)) {
    problems.push({
      subject: 'settings',
      field: 'asOf',
      message: 'settings: today’s date could not be read',
    });
    return undefined;
  }
  return today;
}

/**
 * Validates the model and resolves its columns by header (trimmed, case-insensitive). A missing
 * column (an enabled rule's or condition's, a decay's dateColumn, the override's, the activities'
 * columns, the outcome's only if `requireOutcome`) is a Problem naming the column and listing the
 * headers that exist. The activity log (options.activities) is indexed here, once.
 */
export function compileModel(
  input: Model,
  headers: readonly unknown[],
  options: ScoringOptions & { requireOutcome?: boolean } = {},
): CompileResult {
  const parsed = parseModel(input);
  if (!parsed.ok) return parsed;
  const model = parsed.model;
  const problems: Problem[] = [];

  let dayOfDate: DayOfDate;
  const timeZone = options.timeZone ?? 'UTC';
  if (options.dayOfDate !== undefined) dayOfDate = safeDayOfDate(options.dayOfDate);
  else {
    try {
      dayOfDate = dayOfDateIn(timeZone);
    } catch {
      return {
        ok: false,
        problems: [
          {
            subject: 'settings',
            field: 'timeZone',
            message: `settings: time zone ${describe(timeZone)} is not known`,
          },
        ],
      };
    }
  }
  const asOfDay = resolveAsOf(model, options, dayOfDate, problems);

  const headerList = Array.isArray(headers) ? headers : EMPTY_ROW;
  const headerIndex = indexHeaders(headerList);
  const missing = (subject: string, field: string, column: string, what: string) =>
    problems.push({
      subject,
      field,
      message: `${subject}: ${what} "${column}" is not in the data (${listHeaders(headerList)})`,
    });

  const reading = makeReading(model.settings?.blankValues, dayOfDate, asOfDay ?? 0);
  // Contract v2 §9: each lead judged as of the day in this column, when it holds one.
  let asOfColumn = -1;
  const asOfColumnName = model.settings?.asOfColumn;
  if (asOfColumnName !== undefined) {
    const found = findColumn(headerIndex, asOfColumnName);
    if (found === undefined) missing('settings', 'asOfColumn', asOfColumnName, 'as-of column');
    else asOfColumn = found;
  }
  const { read, text, day } = reading;

  const groupIndex = new Map(model.groups.map((group, index) => [group.name, index]));
  const decays: (CompiledDecay | undefined)[] = model.groups.map((group) => {
    if (group.decay === undefined) return undefined;
    const column = findColumn(headerIndex, group.decay.dateColumn);
    if (column === undefined) {
      missing(`group "${group.name}"`, 'decay.dateColumn', group.decay.dateColumn, 'decay date column');
      return undefined;
    }
    return {
      column,
      columnName: group.decay.dateColumn,
      percent: group.decay.percent,
      everyDays: group.decay.everyDays,
    };
  });

  const enabledEventRules = model.rules.filter((rule) => rule.enabled !== false && rule.event !== undefined);
  let activityIndex: ActivityIndex | undefined;
  let leadKeyColumn = -1;
  if (enabledEventRules.length > 0 && model.activities !== undefined) {
    const activities = model.activities;
    const leadKey = findColumn(headerIndex, activities.leadKey);
    if (leadKey === undefined) missing('activities', 'leadKey', activities.leadKey, 'lead key column');
    else leadKeyColumn = leadKey;
    const table = options.activities;
    if (table === undefined || table === null || !Array.isArray(table.headers)) {
      problems.push({
        subject: 'activities',
        message:
          'activities: the model counts events, but no activity table was given (give the activity range, sheet or file, with its header row)',
      });
    } else {
      const activityHeaders = table.headers;
      const activityHeaderIndex = indexHeaders(activityHeaders);
      activityIndex = indexActivities(
        activities,
        table,
        enabledEventRules.map((rule) => ({ rule, decay: model.groups[groupIndex.get(rule.group)!]!.decay })),
        reading,
        (column, field, rule) => {
          const found = findColumn(activityHeaderIndex, column);
          if (found === undefined) {
            // A `where` condition's column is the rule's problem; the log's own columns are the setting's.
            const subject = rule === undefined ? 'activities' : `rule "${rule}"`;
            problems.push({
              subject,
              field,
              message: `${subject}: column "${column}" is not in the activity table (${listHeaders(activityHeaders, 'the activity table')})`,
            });
          }
          return found;
        },
        problems,
        asOfColumnName !== undefined,
      );
    }
  }

  // Rules on the same column read its text once per row (seven rules on an Activities column are common).
  const textByColumn = new Map<number, (cell: unknown) => string>();
  const textOfColumn = (column: number) => {
    let columnText = textByColumn.get(column);
    if (columnText === undefined) {
      columnText = lastTextKept(text);
      textByColumn.set(column, columnText);
    }
    return columnText;
  };
  const rules: CompiledRule[] = [];
  let eventSlot = 0;
  model.rules.forEach((rule, index) => {
    // A turned-off rule does not count, so a column it names may be gone from the data.
    if (rule.enabled === false) return;
    const cap = rule.maxPoints === undefined ? Number.MAX_VALUE : Math.abs(rule.maxPoints);
    const group = groupIndex.get(rule.group)!;
    const points = rule.points;
    const capped = clampMagnitude(points, cap);
    const base = { rule, index, group, cap };
    if (rule.event !== undefined) {
      const totals = activityIndex?.totals[eventSlot];
      eventSlot++;
      if (totals === undefined) return; // the problem is reported above
      const operator = rule.operator as EventOperator;
      const holds = countTest(operator, rule.value);
      const contribution =
        operator === 'per'
          ? (_cells: readonly unknown[], keyId: number) =>
              keyId < 0 ? 0 : clampMagnitude(points * totals.sum(keyId), cap)
          : (_cells: readonly unknown[], keyId: number) =>
              holds(keyId < 0 ? 0 : totals.count(keyId)) ? capped : 0;
      const test =
        operator === 'per'
          ? (cells: readonly unknown[], keyId: number) => contribution(cells, keyId) !== 0
          : (_cells: readonly unknown[], keyId: number) => holds(keyId < 0 ? 0 : totals.count(keyId));
      rules.push({
        ...base,
        column: -1,
        when: undefined,
        event: { totals, operator, holds },
        decays: false,
        test,
        contribution,
      });
      return;
    }
    if (rule.when !== undefined) {
      const subject = `rule "${rule.name}"`;
      const when = compileTree(
        rule.when,
        'when',
        (column, field) => {
          const found = findColumn(headerIndex, column);
          if (found === undefined) missing(subject, field, column, 'column');
          return found;
        },
        reading,
      );
      if (when === undefined) return;
      const test = when.test;
      rules.push({
        ...base,
        column: -1,
        when,
        event: undefined,
        decays: true,
        test: (cells) => test(cells),
        contribution: (cells) => (test(cells) ? capped : 0),
      });
      return;
    }
    const columnName = rule.column!;
    const column = findColumn(headerIndex, columnName);
    if (column === undefined) {
      missing(`rule "${rule.name}"`, 'column', columnName, 'column');
      return;
    }
    let test: (cells: readonly unknown[], keyId: number) => boolean;
    let contribution: (cells: readonly unknown[], keyId: number) => number;
    const columnText = textOfColumn(column);
    if (rule.operator === 'per') {
      contribution = (cells) => {
        const n = cellNumber(read(cells[column]));
        return n === undefined ? 0 : clampMagnitude(points * n, cap);
      };
      test = (cells, keyId) => contribution(cells, keyId) !== 0;
    } else {
      const cellTest = compileTest(rule.operator!, rule.value, columnText, day, reading.clock);
      test = reading.identity ? (cells) => cellTest(cells[column]) : (cells) => cellTest(read(cells[column]));
      contribution = reading.identity
        ? (cells) => (cellTest(cells[column]) ? capped : 0)
        : (cells) => (cellTest(read(cells[column])) ? capped : 0);
    }
    rules.push({ ...base, column, when: undefined, event: undefined, decays: true, test, contribution });
  });

  let overrideColumn = -1;
  const overrideName = model.settings?.overrideColumn;
  if (overrideName !== undefined) {
    const found = findColumn(headerIndex, overrideName);
    if (found === undefined) missing('settings', 'overrideColumn', overrideName, 'override column');
    else overrideColumn = found;
  }

  let outcomeColumn: number | undefined;
  if (model.outcome !== undefined) {
    outcomeColumn = findColumn(headerIndex, model.outcome.column);
    if (outcomeColumn === undefined && options.requireOutcome === true) {
      missing('outcome', 'column', model.outcome.column, 'outcome column');
    }
  }

  if (problems.length > 0 || asOfDay === undefined) return { ok: false, problems };
  const outcomeOf = model.outcome === undefined ? undefined : compileOutcome(model.outcome, dayOfDate);
  return {
    ok: true,
    compiled: buildCompiled({
      model,
      asOfDay,
      reading: { ...reading, asOfDay },
      asOfColumn,
      rules,
      decays,
      outcomeOf,
      outcomeColumn,
      overrideColumn,
      leadKeyColumn,
      activityIndex,
    }),
  };
}

/** `text` that keeps its last result for a text cell: the same text in, the same text out. */
function lastTextKept(text: (cell: unknown) => string): (cell: unknown) => string {
  let lastCell: string | undefined;
  let lastText = '';
  return (cell) => {
    if (typeof cell !== 'string') return text(cell);
    if (cell !== lastCell) {
      lastText = text(cell);
      lastCell = cell;
    }
    return lastText;
  };
}

/** A dayOfDate given by an adapter: never throws, NaN for what it cannot read. */
function safeDayOfDate(dayOfDate: DayOfDate): DayOfDate {
  return (date) => {
    try {
      const day = dayOfDate(date);
      return Number.isFinite(day) ? Math.floor(day) : Number.NaN;
    } catch {
      return Number.NaN;
    }
  };
}

/** How the model reads cells: blank values (v2 §1) read as '', text and dates as v1. */
function makeReading(
  blankValues: readonly string[] | undefined,
  dayOfDate: DayOfDate,
  asOfDay: number,
): CellReading & { identity: boolean } {
  const blanks = new Set((blankValues ?? []).map((value) => foldCase(value.trim())));
  const identity = blanks.size === 0;
  // Most cells cannot be a blank value: a text whose first character starts none of them (nor is a
  // space) is let through without being lower-cased; other kinds only when a blank value could read so.
  const firstChars = new Set<number>();
  for (const value of blanks) {
    firstChars.add(value.charCodeAt(0));
    firstChars.add(value.toUpperCase().charCodeAt(0));
  }
  const nonText = [...blanks].some(
    (value) =>
      parseNumberText(value) !== undefined ||
      value === 'true' ||
      value === 'false' ||
      parseIsoDay(value) !== undefined,
  );
  const read = identity
    ? (cell: unknown) => cell
    : (cell: unknown) => {
        if (typeof cell === 'string') {
          if (cell.length === 0) return cell;
          const first = cell.charCodeAt(0);
          if (!firstChars.has(first) && first > 32 && first !== 160) return cell;
          return blanks.has(foldCase(cell.trim())) ? '' : cell;
        }
        if (!nonText || cell === null || cell === undefined) return cell;
        return blanks.has(cellText(cell, dayOfDate)) ? '' : cell;
      };
  return {
    identity,
    read,
    text: (cell) => cellText(cell, dayOfDate),
    day: (cell) => cellDay(cell, dayOfDate),
    asOfDay,
    clock: { day: asOfDay },
    dayOfDate,
  };
}

/**
 * The leads-table columns an (already valid) model reads when it scores: enabled rules' columns and
 * conditions, decay date columns, the override column and, with enabled event rules, the lead key; in
 * model order, each once (as written in the model). Adapters use it to tell a header row from data.
 */
export function leadColumns(model: Model): string[] {
  const columns: string[] = [];
  const add = (column: string | undefined) => {
    if (column !== undefined && !columns.some((known) => nameKey(known) === nameKey(column)))
      columns.push(column);
  };
  for (const rule of model.rules) {
    if (rule.enabled === false) continue;
    add(rule.column);
    if (rule.when !== undefined) for (const column of treeColumns(rule.when)) add(column);
    if (rule.event !== undefined) add(model.activities?.leadKey);
  }
  for (const group of model.groups) add(group.decay?.dateColumn);
  add(model.settings?.overrideColumn);
  add(model.settings?.asOfColumn);
  return columns;
}

/**
 * The positions in `headers` of the columns leadColumns names, found as compileModel finds them (the first
 * header of each name). A row in which every other cell is blank scores exactly as the whole row: an
 * adapter may read only these cells.
 */
export function leadColumnIndices(model: Model, headers: readonly unknown[]): number[] {
  const headerIndex = indexHeaders(headers);
  const indices: number[] = [];
  for (const column of leadColumns(model)) {
    const index = findColumn(headerIndex, column);
    if (index !== undefined && !indices.includes(index)) indices.push(index);
  }
  return indices.sort((a, b) => a - b);
}

/** Compiles once and scores every row; rows are aligned with `headers`. */
export function scoreRows(
  model: Model,
  headers: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  options?: ScoringOptions,
): { ok: true; scores: LeadScore[] } | { ok: false; problems: Problem[] } {
  const compiled = compileModel(model, headers, options);
  if (!compiled.ok) return compiled;
  return { ok: true, scores: rows.map((row) => compiled.compiled.score(row)) };
}
