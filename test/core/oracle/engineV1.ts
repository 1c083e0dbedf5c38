// A frozen copy of the v1 engine (before v2), kept as the oracle that v1 models must still score identically against.
// The scoring engine, contract v1 "Scoring a row". A model is compiled once against a header
// row into closures with resolved column indexes and pre-normalised values; scoring a row then
// allocates only its result. Shared by custom functions (Apps Script V8), the CLI and the sidebar.

import {
  cellDay,
  cellNumber,
  cellText,
  cellTruth,
  type DayOfDate,
  dayOfDateIn,
  formatIsoDay,
  isBlank,
  parseIsoDay,
  parseNumberText,
} from '../../../src/core/cells';
import type { Rule as AnyRule, Band, Model, Operator, Problem, RuleScalar } from '../../../src/core/model';

/** A v1 rule: one column, one operator. */
type Rule = AnyRule & { column: string; operator: Operator };

import { compileOutcome, type OutcomeState } from '../../../src/core/outcome';
import { roundScore } from '../../../src/core/rounding';
import { describe, isIsoDate, nameKey, parseModel } from '../../../src/core/validate';

export type { OutcomeState } from '../../../src/core/outcome';

export interface ScoringOptions {
  /** `YYYY-MM-DD`; overrides `model.settings.asOf`. */
  asOf?: string;
  /** IANA time zone for Date cells and for "today"; default 'UTC'. */
  timeZone?: string;
  /** "Today" when neither the options nor the model give asOf; default `new Date()`. */
  now?: Date;
}

/** A rule's signed contribution after its cap and decay, rounded to 2 decimals. */
export interface Reason {
  rule: string;
  points: number;
}

export interface LeadScore {
  score: number;
  band: string;
  grade: string | undefined;
  fit: number;
  engagement: number;
  /** Aligned with model.groups, after group caps, rounded. */
  groupTotals: number[];
  /** Non-zero contributions, largest magnitude first (model order on ties). */
  reasons: Reason[];
}

export interface RuleExplanation {
  rule: string;
  points: number;
  note: string;
}

export interface CompiledModel {
  readonly model: Model;
  /** Day number (days since 1970-01-01) that ages are measured from. */
  readonly asOfDay: number;
  /** Scores one row of cells aligned with the headers given to compileModel. Never throws. */
  score(row: readonly unknown[]): LeadScore;
  /** Just the score (no reasons allocated). Same number as score(row).score. */
  scoreValue(row: readonly unknown[]): number;
  /** Whether each rule of model.rules matched (false when disabled; a `per` rule matches when its
   *  contribution, after its cap and before decay, is non-zero). */
  matches(row: readonly unknown[]): boolean[];
  /** 'converted' | 'not converted' | 'open'; undefined when the model has no outcome (or its column is absent). */
  outcome(row: readonly unknown[]): OutcomeState | undefined;
  /** Index in model.bands of the band of a score. */
  bandIndex(score: number): number;
  /** Per rule, in plain words, why it did or did not count for this row. */
  explain(row: readonly unknown[]): RuleExplanation[];
}

export type CompileResult = { ok: true; compiled: CompiledModel } | { ok: false; problems: Problem[] };

const MINUS = '\u2212';
const EMPTY_ROW: readonly unknown[] = [];

/** Signed points as shown to users: `+15`, `−30`, `+7.5`, `0`. */
export function formatPoints(points: number): string {
  const rounded = roundScore(points);
  if (rounded === 0) return '0';
  return rounded > 0 ? `+${rounded}` : `${MINUS}${-rounded}`;
}

/** "Demo requested +15, Unsubscribed −30". */
export function formatReasons(reasons: readonly Reason[]): string {
  return reasons.map((reason) => `${reason.rule} ${formatPoints(reason.points)}`).join(', ');
}

/** Per band, whether it is handed to sales; when none is marked, the upper half (at least one). */
export function salesReadyFlags(model: Model): boolean[] {
  return effectiveSalesReady(model.bands.map((band) => ({ salesReady: band.salesReady === true })));
}

/** The contract's rule on plain flags: the marked bands; when none is marked, the upper half of the bands,
 *  at least one (4 bands → 2, 3 → 1, 1 → 1). */
export function effectiveSalesReady(bands: readonly { salesReady: boolean }[]): boolean[] {
  if (bands.some((band) => band.salesReady)) return bands.map((band) => band.salesReady);
  const upperCount = Math.max(1, Math.floor(bands.length / 2));
  return bands.map((_, index) => index >= bands.length - upperCount);
}

/** Index of the last band whose min ≤ value, or 0 when none is. */
function makeBandIndex(bands: readonly Pick<Band, 'min'>[]): (value: number) => number {
  const mins = bands.map((band) => (band.min === null ? Number.NEGATIVE_INFINITY : band.min));
  return (value) => {
    for (let index = mins.length - 1; index > 0; index--) {
      if (mins[index]! <= value) return index;
    }
    return 0;
  };
}

/** Finite, so that absurd cells (1e308 visits) cannot turn a total into Infinity or NaN. */
function finite(x: number): number {
  if (Number.isNaN(x)) return 0;
  if (x === Number.POSITIVE_INFINITY) return Number.MAX_VALUE;
  if (x === Number.NEGATIVE_INFINITY) return -Number.MAX_VALUE;
  return x;
}

function clampMagnitude(x: number, cap: number): number {
  return Math.min(cap, Math.max(-cap, x));
}

/** A rule's value normalised for comparing with cells: as text, and as a number when it is one. */
interface Target {
  text: string;
  number: number | undefined;
  shown: string;
}

function targetOf(value: RuleScalar): Target {
  if (typeof value === 'number')
    return { text: String(value).toLowerCase(), number: value, shown: String(value) };
  return {
    text: value.trim().toLowerCase(),
    number: parseNumberText(value),
    shown: JSON.stringify(value.trim()),
  };
}

type CellTest = (cell: unknown) => boolean;

/** Compiles the match test of a non-`per` rule. */
function compileTest(
  rule: Rule,
  text: (cell: unknown) => string,
  day: (cell: unknown) => number | undefined,
  asOfDay: number,
): CellTest {
  const value = rule.value;
  switch (rule.operator) {
    case 'equals':
    case 'not equals': {
      const target = targetOf(value as RuleScalar);
      const test = equalsTest(target, text);
      return rule.operator === 'equals' ? test : (cell) => !test(cell);
    }
    case 'one of':
    case 'not one of': {
      const test = oneOfTest((value as RuleScalar[]).map(targetOf), text);
      return rule.operator === 'one of' ? test : (cell) => !test(cell);
    }
    case 'contains':
    case 'not contains': {
      const needle = targetOf(value as RuleScalar).text;
      // '' (blank cells and unreadable values) never contains a non-empty needle.
      return rule.operator === 'contains'
        ? (cell) => text(cell).includes(needle)
        : (cell) => !text(cell).includes(needle);
    }
    case 'contains any': {
      const needles = (value as RuleScalar[]).map((item) => targetOf(item).text);
      return (cell) => {
        const haystack = text(cell);
        for (const needle of needles) if (haystack.includes(needle)) return true;
        return false;
      };
    }
    case '>': {
      const limit = value as number;
      return (cell) => {
        const n = cellNumber(cell);
        return n !== undefined && n > limit;
      };
    }
    case '>=': {
      const limit = value as number;
      return (cell) => {
        const n = cellNumber(cell);
        return n !== undefined && n >= limit;
      };
    }
    case '<': {
      const limit = value as number;
      return (cell) => {
        const n = cellNumber(cell);
        return n !== undefined && n < limit;
      };
    }
    case '<=': {
      const limit = value as number;
      return (cell) => {
        const n = cellNumber(cell);
        return n !== undefined && n <= limit;
      };
    }
    case 'between': {
      const [min, max] = value as [number, number];
      return (cell) => {
        const n = cellNumber(cell);
        return n !== undefined && n >= min && n <= max;
      };
    }
    case 'is blank':
      return isBlank;
    case 'is not blank':
      return (cell) => !isBlank(cell);
    case 'is true':
      return (cell) => cellTruth(cell) === true;
    case 'is false':
      return (cell) => cellTruth(cell) === false;
    case 'within days': {
      const days = value as number;
      return (cell) => {
        const date = day(cell);
        if (date === undefined) return false;
        const age = asOfDay - date;
        return age >= 0 && age <= days;
      };
    }
    case 'older than days': {
      const days = value as number;
      return (cell) => {
        const date = day(cell);
        return date !== undefined && asOfDay - date > days;
      };
    }
    case 'per':
      return () => false; // replaced in compileModel: a `per` rule matches when it contributes
  }
}

/** Equal numerically when both are numbers, else as text; a blank cell never equals (targets are never ''). */
function equalsTest(target: Target, text: (cell: unknown) => string): CellTest {
  const targetNumber = target.number;
  if (targetNumber === undefined) return (cell) => text(cell) === target.text;
  return (cell) => {
    const n = cellNumber(cell);
    return n !== undefined ? n === targetNumber : text(cell) === target.text;
  };
}

function oneOfTest(targets: readonly Target[], text: (cell: unknown) => string): CellTest {
  const numbers = new Set<number>();
  const textsOfNonNumbers = new Set<string>();
  const allTexts = new Set<string>();
  for (const target of targets) {
    allTexts.add(target.text);
    if (target.number === undefined) textsOfNonNumbers.add(target.text);
    else numbers.add(target.number);
  }
  if (numbers.size === 0) return (cell) => allTexts.has(text(cell));
  return (cell) => {
    const n = cellNumber(cell);
    if (n === undefined) return allTexts.has(text(cell));
    // A number cell equals a number item numerically, any other item as text.
    return numbers.has(n) || (textsOfNonNumbers.size > 0 && textsOfNonNumbers.has(text(cell)));
  };
}

interface CompiledRule {
  readonly rule: Rule;
  readonly index: number;
  readonly column: number;
  readonly group: number;
  readonly cap: number;
  /** Whether the rule matches the cell (for `per`: it contributes non-zero points before decay). */
  readonly test: CellTest;
  /** Signed contribution before decay, after the rule's cap. */
  readonly contribution: (cell: unknown) => number;
}

interface CompiledDecay {
  readonly column: number;
  readonly columnName: string;
  readonly percent: number;
  readonly everyDays: number;
}

function findColumn(headerIndex: ReadonlyMap<string, number>, column: string): number | undefined {
  return headerIndex.get(nameKey(column));
}

function listHeaders(headers: readonly unknown[]): string {
  const names = headers.filter((header) => !isBlank(header)).map((header) => displayHeader(header));
  if (names.length === 0) return 'the data has no column headers';
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
  const today = dayOfDate(now);
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
 * column (an enabled rule's, a decay's dateColumn, the outcome's only if `requireOutcome`) is a
 * Problem naming the column and listing the headers that exist.
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
  const asOfDay = resolveAsOf(model, options, dayOfDate, problems);

  const headerList = Array.isArray(headers) ? headers : EMPTY_ROW;
  const headerIndex = new Map<string, number>();
  headerList.forEach((header, index) => {
    const key = cellText(header);
    if (key !== '' && !headerIndex.has(key)) headerIndex.set(key, index);
  });
  const missing = (subject: string, field: string, column: string, what: string) =>
    problems.push({
      subject,
      field,
      message: `${subject}: ${what} "${column}" is not in the data (${listHeaders(headerList)})`,
    });

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

  const text = (cell: unknown) => cellText(cell, dayOfDate);
  const day = (cell: unknown) => cellDay(cell, dayOfDate);
  const rules: CompiledRule[] = [];
  (model.rules as Rule[]).forEach((rule, index) => {
    // A turned-off rule does not count, so a column it names may be gone from the data.
    if (rule.enabled === false) return;
    const column = findColumn(headerIndex, rule.column);
    if (column === undefined) {
      missing(`rule "${rule.name}"`, 'column', rule.column, 'column');
      return;
    }
    const cap = rule.maxPoints === undefined ? Number.MAX_VALUE : Math.abs(rule.maxPoints);
    let test = compileTest(rule, text, day, asOfDay ?? 0);
    const points = rule.points;
    let contribution: (cell: unknown) => number;
    if (rule.operator === 'per') {
      contribution = (cell) => {
        const n = cellNumber(cell);
        return n === undefined ? 0 : clampMagnitude(points * n, cap);
      };
      test = (cell) => contribution(cell) !== 0;
    } else {
      const capped = clampMagnitude(points, cap);
      contribution = (cell) => (test(cell) ? capped : 0);
    }
    rules.push({ rule, index, column, group: groupIndex.get(rule.group)!, cap, test, contribution });
  });

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
    compiled: buildCompiled(model, asOfDay, dayOfDate, rules, decays, outcomeOf, outcomeColumn),
  };
}

function buildCompiled(
  model: Model,
  asOfDay: number,
  dayOfDate: DayOfDate,
  rules: readonly CompiledRule[],
  decays: readonly (CompiledDecay | undefined)[],
  outcomeOf: ((cell: unknown) => OutcomeState) | undefined,
  outcomeColumn: number | undefined,
): CompiledModel {
  const groupCount = model.groups.length;
  const ruleCount = model.rules.length;
  const ruleNames = model.rules.map((rule) => rule.name);
  const groupCaps = model.groups.map((group) => group.maxPoints ?? Number.POSITIVE_INFINITY);
  const groupIsFit = model.groups.map((group) => group.kind === 'fit');
  const minScore = model.settings?.minScore ?? Number.NEGATIVE_INFINITY;
  const maxScore = model.settings?.maxScore ?? Number.POSITIVE_INFINITY;
  const bandIndex = makeBandIndex(model.bands);
  const bandNames = model.bands.map((band) => band.name);
  const grades = model.grades;
  const gradeIndex = grades === undefined ? undefined : makeBandIndex(grades);

  // Scratch space reused by every row: scoring is synchronous, so rows never interleave.
  const totals = new Float64Array(groupCount);
  const factors = new Float64Array(groupCount);
  const contributions = new Float64Array(ruleCount);

  const decayFactor = (decay: CompiledDecay, cells: readonly unknown[]): number => {
    const date = cellDay(cells[decay.column], dayOfDate);
    if (date === undefined) return 1; // a row without a date does not decay
    const age = Math.max(0, asOfDay - date);
    const steps = Math.floor(age / decay.everyDays);
    return Math.max(0, (100 - decay.percent * steps) / 100);
  };

  /** Fills totals (capped) and contributions (after decay); returns the capped, unrounded score. */
  const evaluate = (row: readonly unknown[]): number => {
    const cells = Array.isArray(row) ? row : EMPTY_ROW;
    totals.fill(0);
    factors.fill(Number.NaN); // NaN = decay factor not read yet for this row
    contributions.fill(0);
    for (const compiled of rules) {
      let points = compiled.contribution(cells[compiled.column]);
      if (points === 0) continue;
      const group = compiled.group;
      const decay = decays[group];
      if (decay !== undefined) {
        let factor = factors[group]!;
        if (Number.isNaN(factor)) {
          factor = decayFactor(decay, cells);
          factors[group] = factor;
        }
        points *= factor;
      }
      contributions[compiled.index] = points;
      totals[group]! += points;
    }
    let sum = 0;
    for (let group = 0; group < groupCount; group++) {
      const total = finite(Math.min(totals[group]!, groupCaps[group]!));
      totals[group] = total;
      sum += total;
    }
    return Math.max(Math.min(finite(sum), maxScore), minScore);
  };

  const scoreValue = (row: readonly unknown[]): number => roundScore(evaluate(row));

  const score = (row: readonly unknown[]): LeadScore => {
    const total = roundScore(evaluate(row));
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
      if (points !== 0) reasons.push({ rule: ruleNames[index]!, points });
    }
    if (reasons.length > 1) sortByMagnitude(reasons);
    const roundedFit = roundScore(finite(fit));
    return {
      score: total,
      band: bandNames[bandIndex(total)]!,
      grade: gradeIndex === undefined ? undefined : grades![gradeIndex(roundedFit)]!.name,
      fit: roundedFit,
      engagement: roundScore(finite(engagement)),
      groupTotals,
      reasons,
    };
  };

  const matches = (row: readonly unknown[]): boolean[] => {
    const cells = Array.isArray(row) ? row : EMPTY_ROW;
    const matched = new Array<boolean>(ruleCount).fill(false);
    for (const compiled of rules) matched[compiled.index] = compiled.test(cells[compiled.column]);
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
    return (model.rules as Rule[]).map((rule, index) => {
      const compiled = byIndex.get(index);
      if (compiled === undefined) return { rule: rule.name, points: 0, note: `${rule.name}: turned off` };
      const decay = decays[compiled.group];
      const decayInfo = decay === undefined ? undefined : describeDecay(decay, cells, asOfDay, dayOfDate);
      return explainRule(compiled, cells[compiled.column], decayInfo, asOfDay, dayOfDate);
    });
  };

  return {
    model,
    asOfDay,
    score,
    scoreValue,
    matches,
    outcome,
    bandIndex: (value) => bandIndex(roundScore(value)),
    explain,
  };
}

/** Largest magnitude first, model order kept on ties. Insertion sort: a row has few reasons, and
 *  this beats Array.prototype.sort with a comparator on the hot path. */
function sortByMagnitude(reasons: Reason[]): void {
  for (let index = 1; index < reasons.length; index++) {
    const reason = reasons[index]!;
    const magnitude = Math.abs(reason.points);
    let position = index - 1;
    while (position >= 0 && Math.abs(reasons[position]!.points) < magnitude) {
      reasons[position + 1] = reasons[position]!;
      position--;
    }
    reasons[position + 1] = reason;
  }
}

// ---------------------------------------------------------------------------------------------
// Explanations: plain words for the sidebar and LEADREASONS tooltips. Not on the hot path.

interface DecayInfo {
  factor: number;
  note: string;
}

function describeDecay(
  decay: CompiledDecay,
  cells: readonly unknown[],
  asOfDay: number,
  dayOfDate: DayOfDate,
): DecayInfo {
  const columnName = decay.columnName;
  const cell = cells[decay.column];
  const date = cellDay(cell, dayOfDate);
  if (date === undefined) {
    return {
      factor: 1,
      note: `no decay: ${columnName} ${isBlank(cell) ? 'is blank' : `${showCell(cell, dayOfDate)} is not a date`}`,
    };
  }
  const age = Math.max(0, asOfDay - date);
  const steps = Math.floor(age / decay.everyDays);
  const factor = Math.max(0, (100 - decay.percent * steps) / 100);
  const ageText = `${columnName} is ${plural(asOfDay - date, 'day')} old`;
  if (factor === 1) return { factor, note: `no decay yet: ${ageText}` };
  const lost = roundScore((1 - factor) * 100);
  return { factor, note: factor === 0 ? `fully decayed: ${ageText}` : `decayed ${lost}%: ${ageText}` };
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${Math.abs(count) === 1 ? '' : 's'}`;
}

/** A cell as a user would recognise it: `"n/a"`, `1200`, `true`, `2026-06-30`. */
function showCell(cell: unknown, dayOfDate: DayOfDate): string {
  if (typeof cell === 'string') {
    const trimmed = cell.trim();
    return JSON.stringify(trimmed.length > 40 ? `${trimmed.slice(0, 37)}…` : trimmed);
  }
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : 'an invalid number';
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (cell instanceof Date) {
    const day = dayOfDate(cell);
    return Number.isFinite(day) ? formatIsoDay(day) : 'an invalid date';
  }
  return 'an unreadable value';
}

function showList(values: readonly RuleScalar[]): string {
  const shown = values.slice(0, 5).map((value) => targetOf(value).shown);
  return values.length > 5 ? `${shown.join(', ')}, … (${values.length} in all)` : shown.join(', ');
}

const COMPARISON_WORDS: Partial<Record<Operator, { holds: string; fails: string }>> = {
  '>': { holds: 'more than', fails: 'not more than' },
  '>=': { holds: 'at least', fails: 'less than' },
  '<': { holds: 'less than', fails: 'not less than' },
  '<=': { holds: 'at most', fails: 'more than' },
};

/** Why a rule that did not match did not match. */
function whyNot(rule: Rule, cell: unknown, asOfDay: number, dayOfDate: DayOfDate): string {
  const shown = showCell(cell, dayOfDate);
  const blank = isBlank(cell);
  const column = rule.column;
  const value = rule.value;
  switch (rule.operator) {
    case 'equals':
      return blank ? `${column} is blank` : `${shown} is not ${targetOf(value as RuleScalar).shown}`;
    case 'not equals':
      return `${shown} equals ${targetOf(value as RuleScalar).shown}`;
    case 'one of':
      return blank ? `${column} is blank` : `${shown} is not one of ${showList(value as RuleScalar[])}`;
    case 'not one of':
      return `${shown} is one of ${showList(value as RuleScalar[])}`;
    case 'contains':
      return blank
        ? `${column} is blank`
        : `${shown} does not contain ${targetOf(value as RuleScalar).shown}`;
    case 'contains any':
      return blank ? `${column} is blank` : `${shown} contains none of ${showList(value as RuleScalar[])}`;
    case 'not contains':
      return `${shown} contains ${targetOf(value as RuleScalar).shown}`;
    case '>':
    case '>=':
    case '<':
    case '<=': {
      if (blank) return `${column} is blank`;
      const n = cellNumber(cell);
      if (n === undefined) return `${shown} is not a number`;
      return `${n} is ${COMPARISON_WORDS[rule.operator]!.fails} ${value as number}`;
    }
    case 'between': {
      if (blank) return `${column} is blank`;
      const n = cellNumber(cell);
      const [min, max] = value as [number, number];
      return n === undefined ? `${shown} is not a number` : `${n} is not between ${min} and ${max}`;
    }
    case 'is blank':
      return `${column} is not blank`;
    case 'is not blank':
      return `${column} is blank`;
    case 'is true':
    case 'is false': {
      if (blank) return `${column} is blank`;
      const truth = cellTruth(cell);
      return truth === undefined
        ? `${shown} is neither true nor false`
        : `${shown} is ${truth ? 'true' : 'false'}`;
    }
    case 'within days':
    case 'older than days': {
      if (blank) return `${column} is blank`;
      const date = cellDay(cell, dayOfDate);
      if (date === undefined) return `${shown} is not a date`;
      const age = asOfDay - date;
      const days = value as number;
      if (age < 0)
        return `${formatIsoDay(date)} is after ${formatIsoDay(asOfDay)}, the day scores are counted on`;
      return rule.operator === 'within days'
        ? `${formatIsoDay(date)} is ${plural(age, 'day')} old, more than ${days}`
        : `${formatIsoDay(date)} is ${plural(age, 'day')} old, not more than ${days}`;
    }
    case 'per': {
      if (blank) return `${column} is blank`;
      const n = cellNumber(cell);
      return n === undefined ? `${shown} is not a number` : `${column} is 0`;
    }
  }
}

function explainRule(
  compiled: CompiledRule,
  cell: unknown,
  decay: DecayInfo | undefined,
  asOfDay: number,
  dayOfDate: DayOfDate,
): RuleExplanation {
  const { rule, cap } = compiled;
  const name = rule.name;
  const raw = compiled.contribution(cell);
  if (raw === 0) {
    if (compiled.test(cell)) {
      return { rule: name, points: 0, note: `${name}: 0 (it matched, but is worth 0 points)` };
    }
    return { rule: name, points: 0, note: `${name}: ${whyNot(rule, cell, asOfDay, dayOfDate)}` };
  }
  const details: string[] = [];
  if (rule.operator === 'per') {
    const n = cellNumber(cell)!;
    const product = rule.points * n;
    details.push(`${n} × ${rule.points}`);
    if (Math.abs(product) > cap) details.push(`capped at ${cap}`);
  } else if (Math.abs(rule.points) > cap) {
    details.push(`${formatPoints(rule.points)} capped at ${cap}`);
  }
  const factor = decay?.factor ?? 1;
  const points = roundScore(raw * factor);
  if (decay !== undefined) details.push(factor === 1 ? decay.note : `${formatPoints(raw)} ${decay.note}`);
  const suffix = details.length === 0 ? '' : ` (${details.join(', ')})`;
  return { rule: name, points, note: `${name}: ${formatPoints(points)}${suffix}` };
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
