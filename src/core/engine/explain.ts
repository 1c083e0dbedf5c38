// Explanations: plain words for the sidebar and LEADEXPLAIN. Not on the hot path.

import { cellDay, cellNumber, cellTruth, type DayOfDate, formatIsoDay, isBlank } from '../cells';
import type { Model, Operator, Rule, RuleScalar } from '../model';
import { roundScore } from '../rounding';
import type { CompiledDecay, CompiledRule } from './compiledParts';
import type { CellReading } from './conditions';
import { describeCondition, describeEventTypes, describeTest, formatNumber, showCellFor } from './describe';
import { decayFactorOf } from './events';
import { formatPoints } from './format';
import { targetOf } from './operators';
import type { RuleExplanation } from './types';

export interface DecayInfo {
  factor: number;
  note: string;
}

export function describeDecay(
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
  const factor = decayFactorOf(decay, asOfDay - date);
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
  if (typeof cell === 'number') return Number.isFinite(cell) ? formatNumber(cell) : 'an invalid number';
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
  const column = rule.column!;
  const value = rule.value;
  switch (rule.operator!) {
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
      return `${formatNumber(n)} is ${COMPARISON_WORDS[rule.operator!]!.fails} ${formatNumber(value as number)}`;
    }
    case 'between': {
      if (blank) return `${column} is blank`;
      const n = cellNumber(cell);
      const [min, max] = value as [number, number];
      return n === undefined
        ? `${shown} is not a number`
        : `${formatNumber(n)} is not between ${formatNumber(min)} and ${formatNumber(max)}`;
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

export /** What matched for a matching one-column rule: `Position "Head of Ops" contains Head of`. */
function whatMatched(rule: Rule, cell: unknown, reading: CellReading): string {
  const operator = rule.operator!;
  if (operator === 'is blank' || operator === 'is not blank') return `${rule.column} ${operator}`;
  const shown = showCellFor(operator, cell, reading.dayOfDate, reading.day);
  return describeCondition(rule.column!, operator, rule.value, shown);
}

function eventWindow(rule: Rule, explainWhere: string | undefined): string {
  const types = describeEventTypes(rule.event!);
  const window =
    rule.withinDays === undefined ? '' : ` in ${rule.withinDays === 1 ? '1 day' : `${rule.withinDays} days`}`;
  return `${types}${window}${explainWhere === undefined ? '' : ` where ${explainWhere}`}`;
}

/** The counted events of a lead for an event rule: `4 "Visited pricing page" in 7 days`. */
function describeCount(compiled: CompiledRule, keyId: number, model: Model): string {
  const rule = compiled.rule;
  const where = compiled.event!.totals.where?.shown;
  if (keyId < 0) {
    const leadKey = model.activities?.leadKey ?? 'key';
    return `no ${eventWindow(rule, where)} (the log has no event for this lead’s ${leadKey})`;
  }
  const count = compiled.event!.totals.count(keyId);
  return `${count === 0 ? 'no' : formatNumber(count)} ${eventWindow(rule, where)}`;
}

export function explainRule(
  compiled: CompiledRule,
  cells: readonly unknown[],
  keyId: number,
  decay: DecayInfo | undefined,
  weight: number,
  reading: CellReading,
  model: Model,
): RuleExplanation {
  const { rule, cap } = compiled;
  const name = rule.name;
  const dayOfDate = reading.dayOfDate;
  const cell = compiled.column < 0 ? undefined : reading.read(cells[compiled.column]);
  const raw = compiled.contribution(cells, keyId);
  const holds = compiled.test(cells, keyId);
  if (raw === 0) {
    if (holds) return { rule: name, points: 0, note: `${name}: 0 (it matched, but is worth 0 points)` };
    if (compiled.when !== undefined)
      return { rule: name, points: 0, note: `${name}: ${compiled.when.explain(cells)}` };
    if (compiled.event !== undefined) {
      const count = describeCount(compiled, keyId, model);
      const test =
        compiled.event.operator === 'per'
          ? ''
          : `, needs ${describeTest(compiled.event.operator, rule.value)}`;
      return { rule: name, points: 0, note: `${name}: ${count}${test}` };
    }
    return { rule: name, points: 0, note: `${name}: ${whyNot(rule, cell, reading.clock.day, dayOfDate)}` };
  }
  const details: string[] = [];
  if (compiled.event !== undefined) {
    const count = describeCount(compiled, keyId, model);
    if (compiled.event.operator === 'per') {
      const sum = compiled.event.totals.sum(keyId);
      const countValue = compiled.event.totals.count(keyId);
      const faded = sum === countValue ? '' : `, ${formatNumber(roundScore(sum))} after decay`;
      details.push(`${count}${faded} × ${formatNumber(rule.points)}`);
      if (Math.abs(rule.points * sum) > cap) details.push(`capped at ${formatNumber(cap)}`);
    } else {
      details.push(`${count} ${describeTest(compiled.event.operator, rule.value)}`);
    }
  } else if (compiled.when !== undefined) {
    details.push(compiled.when.explain(cells));
  } else if (rule.operator === 'per') {
    const n = cellNumber(cell)!;
    const product = rule.points * n;
    details.push(`${formatNumber(n)} × ${formatNumber(rule.points)}`);
    if (Math.abs(product) > cap) details.push(`capped at ${formatNumber(cap)}`);
  } else {
    details.push(whatMatched(rule, cell, reading));
  }
  if (compiled.event === undefined && rule.operator !== 'per' && Math.abs(rule.points) > cap) {
    details.push(`${formatPoints(rule.points)} capped at ${formatNumber(cap)}`);
  }
  const factor = decay?.factor ?? 1;
  const decayed = raw * factor;
  if (decay !== undefined) details.push(factor === 1 ? decay.note : `${formatPoints(raw)} ${decay.note}`);
  if (weight !== 1) details.push(`${formatPoints(decayed)} × weight ${formatNumber(weight)}`);
  const points = roundScore(decayed * weight);
  return { rule: name, points, note: `${name}: ${formatPoints(points)} (${details.join(', ')})` };
}
