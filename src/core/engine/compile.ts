// Compiling a model against a header row (contract v1 "Scoring a row"): closures with resolved column
// indexes and pre-normalised values; scoring a row then allocates only its result. Shared by custom
// functions (Apps Script V8), the CLI and the sidebar.

import { cellDay, cellNumber, cellText, type DayOfDate, dayOfDateIn, isBlank, parseIsoDay } from '../cells';
import type { Model, Problem, Rule } from '../model';
import { compileOutcome, type OutcomeState } from '../outcome';
import { roundScore } from '../rounding';
import { describe, isIsoDate, nameKey, parseModel } from '../validate';
import { describeDecay, explainRule } from './explain';
import { clampMagnitude, finite, makeBandIndex, sortByMagnitude } from './format';
import { type CellTest, compileTest } from './operators';
import type {
  CompiledModel,
  CompileResult,
  LeadScore,
  Reason,
  RuleExplanation,
  ScoringOptions,
} from './types';

const EMPTY_ROW: readonly unknown[] = [];

export interface CompiledRule {
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

export interface CompiledDecay {
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
  model.rules.forEach((rule, index) => {
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
    return model.rules.map((rule, index) => {
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
