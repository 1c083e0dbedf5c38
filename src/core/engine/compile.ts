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
  formatIsoDay,
  isBlank,
  parseIsoDay,
  parseNumberText,
} from '../cells';
import type { EventOperator, Model, Problem, Rule } from '../model';
import { compileOutcome, type OutcomeState } from '../outcome';
import { roundScore } from '../rounding';
import { describe, isIsoDate, nameKey, parseModel } from '../validate';
import { type CellReading, type CompiledTree, compileTree, treeColumns } from './conditions';
import { formatNumber } from './describe';
import { type ActivityIndex, countTest, decayFactorOf, type EventTotals, indexActivities } from './events';
import { describeDecay, explainRule } from './explain';
import { boundScore, clampMagnitude, finite, formatPoints, makeBandIndex, sortByMagnitude } from './format';
import { compileTest } from './operators';
import type {
  CompiledModel,
  CompileResult,
  LeadScore,
  Reason,
  RuleExplanation,
  ScoringOptions,
} from './types';

const EMPTY_ROW: readonly unknown[] = [];

/** The override's reason: `Manual override 75 (model 42)`. */
export const OVERRIDE_REASON = 'Manual override';

/** The explanation's line for a lead judged as of its own day (contract v2 §9). */
export const AS_OF_REASON = 'As of';

/** A rule's count of events, for event rules. */
export interface CompiledEvent {
  readonly totals: EventTotals;
  readonly operator: EventOperator;
  readonly holds: (count: number) => boolean;
}

export interface CompiledRule {
  readonly rule: Rule;
  readonly index: number;
  readonly group: number;
  readonly cap: number;
  /** The lead's column a v1 rule reads; -1 for `when` and `event` rules. */
  readonly column: number;
  readonly when: CompiledTree | undefined;
  readonly event: CompiledEvent | undefined;
  /** Whether the group's row decay applies (not to event rules: their events fade one by one). */
  readonly decays: boolean;
  /** Whether the rule matches (for `per`: it contributes non-zero points before decay). */
  readonly test: (cells: readonly unknown[], keyId: number) => boolean;
  /** Signed contribution after the rule's cap, before row decay and weight. */
  readonly contribution: (cells: readonly unknown[], keyId: number) => number;
}

export interface CompiledDecay {
  readonly column: number;
  readonly columnName: string;
  readonly percent: number;
  readonly everyDays: number;
}

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
    if (rule.operator === 'per') {
      contribution = (cells) => {
        const n = cellNumber(read(cells[column]));
        return n === undefined ? 0 : clampMagnitude(points * n, cap);
      };
      test = (cells, keyId) => contribution(cells, keyId) !== 0;
    } else {
      const cellTest = compileTest(rule.operator!, rule.value, text, day, reading.clock);
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

interface CompiledParts {
  model: Model;
  asOfDay: number;
  reading: CellReading;
  /** The leads' column of settings.asOfColumn; -1 without one. */
  asOfColumn: number;
  rules: readonly CompiledRule[];
  decays: readonly (CompiledDecay | undefined)[];
  outcomeOf: ((cell: unknown) => OutcomeState) | undefined;
  outcomeColumn: number | undefined;
  overrideColumn: number;
  leadKeyColumn: number;
  activityIndex: ActivityIndex | undefined;
}

function buildCompiled(parts: CompiledParts): CompiledModel {
  const { model, asOfDay, reading, rules, decays, outcomeOf, outcomeColumn } = parts;
  const { overrideColumn, leadKeyColumn, activityIndex, asOfColumn } = parts;
  const clock = reading.clock;
  const read = reading.read;
  const dayOfDate = reading.dayOfDate;
  const groupCount = model.groups.length;
  const ruleCount = model.rules.length;
  const ruleNames = model.rules.map((rule) => rule.name);
  const groupCaps = model.groups.map((group) => group.maxPoints ?? Number.POSITIVE_INFINITY);
  const groupIsFit = model.groups.map((group) => group.kind === 'fit');
  const weights = model.groups.map((group) => group.weight ?? 1);
  const firstOnly = model.groups.map((group) => group.match === 'first');
  const minScore = model.settings?.minScore ?? Number.NEGATIVE_INFINITY;
  const maxScore = model.settings?.maxScore ?? Number.POSITIVE_INFINITY;
  const bandIndex = makeBandIndex(model.bands);
  const bandNames = model.bands.map((band) => band.name);
  const grades = model.grades;
  const gradeIndex = grades === undefined ? undefined : makeBandIndex(grades);

  // Scratch space reused by every row: scoring is synchronous, so rows never interleave.
  const totals = new Float64Array(groupCount);
  const factors = new Float64Array(groupCount);
  const taken = new Uint8Array(groupCount);
  const contributions = new Float64Array(ruleCount);
  /** Per group, 1 when its total went over its maxPoints for this row (the reasons say so). */
  const cut = new Uint8Array(groupCount);
  const ruleGroup = new Int32Array(ruleCount);
  for (const compiled of rules) ruleGroup[compiled.index] = compiled.group;

  const decayFactor = (decay: CompiledDecay, cells: readonly unknown[]): number => {
    const date = cellDay(read(cells[decay.column]), dayOfDate);
    if (date === undefined) return 1; // a row without a date does not decay
    return decayFactorOf(decay, clock.day - date);
  };

  /** The day a lead is judged on (§9): its as-of cell's date, else the model's as-of. */
  const leadDay = (cells: readonly unknown[]): number => {
    if (asOfColumn < 0) return asOfDay;
    return cellDay(read(cells[asOfColumn]), dayOfDate) ?? asOfDay;
  };

  /** The lead's key id in the log; -1 without events up to the lead's day (so set clock.day first). */
  const keyIdOf = (cells: readonly unknown[]): number => {
    if (activityIndex === undefined || leadKeyColumn < 0) return -1;
    const key = reading.text(read(cells[leadKeyColumn]));
    const keyId = key === '' ? -1 : activityIndex.keyId(key);
    const firstDays = activityIndex.firstDays;
    // As with one as-of day, a key whose events all come after the lead's day has none for it.
    return firstDays !== undefined && keyId >= 0 && firstDays[keyId]! > clock.day ? -1 : keyId;
  };

  /** Fills totals (capped) and contributions (after decay, weight and tiers); returns the capped, unrounded score. */
  const evaluate = (cells: readonly unknown[]): number => {
    clock.day = leadDay(cells);
    totals.fill(0);
    factors.fill(Number.NaN); // NaN = decay factor not read yet for this row
    taken.fill(0);
    contributions.fill(0);
    const keyId = keyIdOf(cells);
    for (const compiled of rules) {
      let points = compiled.contribution(cells, keyId);
      if (points === 0) continue;
      const group = compiled.group;
      const decay = decays[group];
      if (decay !== undefined && compiled.decays) {
        let factor = factors[group]!;
        if (Number.isNaN(factor)) {
          factor = decayFactor(decay, cells);
          factors[group] = factor;
        }
        points *= factor;
      }
      const weight = weights[group]!;
      if (weight !== 1) points = finite(points * weight);
      if (firstOnly[group]) {
        if (points === 0 || taken[group] === 1) continue;
        taken[group] = 1;
      }
      contributions[compiled.index] = points;
      totals[group]! += points;
    }
    let sum = 0;
    for (let group = 0; group < groupCount; group++) {
      cut[group] = totals[group]! > groupCaps[group]! ? 1 : 0;
      const total = finite(Math.min(totals[group]!, groupCaps[group]!));
      totals[group] = total;
      sum += total;
    }
    return finite(sum);
  };

  const overrideOf = (cells: readonly unknown[]): number | undefined =>
    overrideColumn < 0 ? undefined : cellNumber(read(cells[overrideColumn]));

  const scoreValue = (row: readonly unknown[]): number => {
    const cells = Array.isArray(row) ? row : EMPTY_ROW;
    const modelScore = boundScore(evaluate(cells), minScore, maxScore);
    const override = overrideOf(cells);
    return override === undefined ? modelScore : boundScore(override, minScore, maxScore);
  };

  const score = (row: readonly unknown[]): LeadScore => {
    const cells = Array.isArray(row) ? row : EMPTY_ROW;
    const modelScore = boundScore(evaluate(cells), minScore, maxScore);
    const override = overrideOf(cells);
    const total = override === undefined ? modelScore : boundScore(override, minScore, maxScore);
    let fit = 0;
    let engagement = 0;
    const groupTotals = new Array<number>(groupCount);
    for (let group = 0; group < groupCount; group++) {
      const groupTotal = totals[group]!;
      if (groupIsFit[group]) fit += groupTotal;
      else engagement += groupTotal;
      groupTotals[group] = roundScore(groupTotal);
    }
    const reasons: Reason[] = [];
    for (let index = 0; index < ruleCount; index++) {
      const raw = contributions[index]!;
      if (raw === 0) continue;
      const points = roundScore(raw);
      if (points === 0) continue;
      const group = ruleGroup[index]!;
      reasons.push(
        cut[group] === 1
          ? { rule: ruleNames[index]!, points, groupCap: groupCaps[group]! }
          : { rule: ruleNames[index]!, points },
      );
    }
    if (reasons.length > 1) sortByMagnitude(reasons);
    if (override !== undefined) {
      reasons.unshift({
        rule: OVERRIDE_REASON,
        points: roundScore(total - modelScore),
        text: `${OVERRIDE_REASON} ${formatNumber(total)} (model ${formatNumber(modelScore)})`,
      });
    }
    const roundedFit = roundScore(finite(fit));
    const result: LeadScore = {
      score: total,
      band: bandNames[bandIndex(total)]!,
      grade: gradeIndex === undefined ? undefined : grades![gradeIndex(roundedFit)]!.name,
      fit: roundedFit,
      engagement: roundScore(finite(engagement)),
      groupTotals,
      reasons,
    };
    if (override !== undefined) result.modelScore = modelScore;
    if (clock.day !== asOfDay) result.asOf = formatIsoDay(clock.day);
    return result;
  };

  const matches = (row: readonly unknown[]): boolean[] => {
    const cells = Array.isArray(row) ? row : EMPTY_ROW;
    const matched = new Array<boolean>(ruleCount).fill(false);
    const tiers = firstOnly.some(Boolean);
    if (tiers) evaluate(cells);
    else clock.day = leadDay(cells);
    const keyId = keyIdOf(cells);
    for (const compiled of rules) {
      // In a tier group a rule matches when it is the level that counted.
      matched[compiled.index] = firstOnly[compiled.group]
        ? contributions[compiled.index] !== 0
        : compiled.test(cells, keyId);
    }
    return matched;
  };

  const outcome = (row: readonly unknown[]): OutcomeState | undefined => {
    if (outcomeOf === undefined || outcomeColumn === undefined) return undefined;
    const cells = Array.isArray(row) ? row : EMPTY_ROW;
    return outcomeOf(cells[outcomeColumn]);
  };

  const explain = (row: readonly unknown[]): RuleExplanation[] => {
    const cells = Array.isArray(row) ? row : EMPTY_ROW;
    const byIndex = new Map(rules.map((compiled) => [compiled.index, compiled]));
    const modelScore = boundScore(evaluate(cells), minScore, maxScore);
    const keyId = keyIdOf(cells);
    const counted = Float64Array.from(contributions);
    const groupSums = new Float64Array(groupCount);
    for (const compiled of rules) groupSums[compiled.group]! += counted[compiled.index]!;
    const firstCounted = new Map<number, string>();
    for (const compiled of rules) {
      if (counted[compiled.index] !== 0 && !firstCounted.has(compiled.group)) {
        firstCounted.set(compiled.group, compiled.rule.name);
      }
    }
    const lines: RuleExplanation[] = model.rules.map((rule, index) => {
      const compiled = byIndex.get(index);
      if (compiled === undefined) return { rule: rule.name, points: 0, note: `${rule.name}: turned off` };
      const decay = decays[compiled.group];
      const decayInfo =
        decay === undefined || !compiled.decays
          ? undefined
          : describeDecay(decay, cells.map(read), clock.day, dayOfDate);
      const line = explainRule(compiled, cells, keyId, decayInfo, weights[compiled.group]!, reading, model);
      if (firstOnly[compiled.group] && counted[index] === 0 && line.points !== 0) {
        const first = firstCounted.get(compiled.group);
        return {
          rule: rule.name,
          points: 0,
          note: `${rule.name}: 0 (it matched, but "${first}" comes first in ${rule.group}, which counts only its first match)`,
        };
      }
      const points = roundScore(counted[index]!);
      if (points === 0 || cut[compiled.group] === 0) return { ...line, points };
      // The rule's points stay its own; the note says the group's total did not keep them all.
      return {
        ...line,
        points,
        note: `${line.note}; its group totals ${formatPoints(finite(groupSums[compiled.group]!))}, capped to ${formatNumber(groupCaps[compiled.group]!)}`,
      };
    });
    const day = clock.day;
    if (day !== asOfDay) {
      lines.unshift({
        rule: AS_OF_REASON,
        points: 0,
        note: `${AS_OF_REASON}: judged as of ${formatIsoDay(day)} (${model.settings!.asOfColumn}), not ${formatIsoDay(asOfDay)}: days and events are counted to that day`,
      });
    }
    const override = overrideOf(cells);
    if (override !== undefined) {
      const total = boundScore(override, minScore, maxScore);
      lines.unshift({
        rule: OVERRIDE_REASON,
        points: roundScore(total - modelScore),
        note: `${OVERRIDE_REASON} ${formatNumber(total)} (model ${formatNumber(modelScore)}): ${model.settings!.overrideColumn} replaces the score (${formatPoints(total - modelScore)})`,
      });
    }
    return lines;
  };

  return {
    model,
    asOfDay,
    leadAsOfDay: (row) => leadDay(Array.isArray(row) ? row : EMPTY_ROW),
    score,
    scoreValue,
    matches,
    outcome,
    bandIndex: (value) => bandIndex(roundScore(value)),
    explain,
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
