// Compiling a model against a header row (contract v1 "Scoring a row"): closures with resolved column
// indexes and pre-normalised values; scoring a row then allocates only its result. Shared by custom
// functions (Apps Script V8), the CLI and the sidebar.

import { cellNumber } from '../cells';
import type { EventOperator, Model, Problem } from '../model';
import { compileOutcome } from '../outcome';
import { nameKey, parseModel } from '../validate';
import { ActivityLog, indexActivityTable } from './activityLog';
import { compileContext, findColumn, indexHeaders, listHeaders } from './compileContext';
import { type CompiledDecay, type CompiledRule, EMPTY_ROW } from './compiledParts';
import { compileTree, treeColumns } from './conditions';
import { type ActivityIndex, type ActivityTable, countTest } from './events';
import { clampMagnitude } from './format';
import { compileTest } from './operators';
import { buildCompiled } from './scorer';
import type { CompileResult, LeadScore, ScoringOptions } from './types';

export { AS_OF_REASON, OVERRIDE_REASON } from './compiledParts';

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

  // A log streamed in (startActivityLog) was read as of a day and with blank values: leads are read with the
  // same context, whose clock its §9 totals follow.
  const log = options.activities instanceof ActivityLog ? options.activities : undefined;
  let context = log?.context;
  if (context === undefined) {
    const started = compileContext(model, options);
    if (!started.ok) return started;
    context = started.context;
  }
  problems.push(...context.problems);
  const { dayOfDate, asOfDay } = context;

  const headerList = Array.isArray(headers) ? headers : EMPTY_ROW;
  const headerIndex = indexHeaders(headerList);
  const missing = (subject: string, field: string, column: string, what: string) =>
    problems.push({
      subject,
      field,
      message: `${subject}: ${what} "${column}" is not in the data (${listHeaders(headerList)})`,
    });

  const reading = context.reading;
  // Contract v2 §9: each lead judged as of the day in this column, when it holds one.
  let asOfColumn = -1;
  const asOfColumnName = model.settings?.asOfColumn;
  if (asOfColumnName !== undefined) {
    const found = findColumn(headerIndex, asOfColumnName);
    if (found === undefined) missing('settings', 'asOfColumn', asOfColumnName, 'as-of column');
    else asOfColumn = found;
  }
  const { read, text, day } = reading;

  // Rules on the same column read its text, number or date once per row (seven rules on an Activities
  // column are common, and two on a size), and so do a decay and the rules on its date column.
  const columnReader = <T>(reader: (cell: unknown) => T) => {
    const byColumn = new Map<number, (cell: unknown) => T>();
    return (column: number) => {
      let kept = byColumn.get(column);
      if (kept === undefined) {
        kept = lastResultKept(reader);
        byColumn.set(column, kept);
      }
      return kept;
    };
  };
  const textOfColumn = columnReader(text);
  const numberOfColumn = columnReader(cellNumber);
  const dayOfColumn = columnReader(day);

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
      day: dayOfColumn(column),
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
    if (log !== undefined) {
      problems.push(...log.problems);
      activityIndex = log.finish();
    } else if (table === undefined || table === null || !Array.isArray((table as ActivityTable).headers)) {
      problems.push({
        subject: 'activities',
        message:
          'activities: the model counts events, but no activity table was given (give the activity range, sheet or file, with its header row)',
      });
    } else {
      activityIndex = indexActivityTable(model, table as ActivityTable, context, problems);
    }
  }

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
    const columnNumber = numberOfColumn(column);
    if (rule.operator === 'per') {
      contribution = (cells) => {
        const n = columnNumber(read(cells[column]));
        return n === undefined ? 0 : clampMagnitude(points * n, cap);
      };
      test = (cells, keyId) => contribution(cells, keyId) !== 0;
    } else {
      const cellTest = compileTest(
        rule.operator!,
        rule.value,
        columnText,
        dayOfColumn(column),
        reading.clock,
        columnNumber,
      );
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

/** Distinct texts a column's reader keeps the result of: the columns a model reads mostly hold few distinct
 *  texts (sizes, budgets, dates, stages), each parsed once instead of once per lead. Only texts shorter than
 *  SHORT_TEXT: V8 copies those when it cuts them from a longer text (the CLI's reads of a file), so keeping
 *  one never keeps a whole read alive. */
const KEPT_TEXTS = 256;
const SHORT_TEXT = 13;

/** `reader` that keeps its results for text cells: its last one, and those of up to KEPT_TEXTS short texts
 *  (a text cell's text, number and date depend on nothing else). */
function lastResultKept<T>(reader: (cell: unknown) => T): (cell: unknown) => T {
  let lastCell: string | undefined;
  let last: T | undefined;
  const kept = new Map<string, { result: T }>();
  return (cell) => {
    if (typeof cell !== 'string') return reader(cell);
    if (cell !== lastCell) {
      const known = cell.length < SHORT_TEXT ? kept.get(cell) : undefined;
      if (known !== undefined) last = known.result;
      else {
        last = reader(cell);
        if (cell.length < SHORT_TEXT && kept.size < KEPT_TEXTS) kept.set(cell, { result: last });
      }
      lastCell = cell;
    }
    return last as T;
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
