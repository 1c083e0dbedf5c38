// Cells, numbers and conditions in the words a marketer reads in explanations. One minus sign
// (U+2212) for every negative number shown to users.

import { type DayOfDate, formatIsoDay } from '../cells';
import type { Operator, RuleScalar } from '../model';

export const MINUS = '\u2212';

/** `10,000`, `−5`, `2.5`: thousands separated, the minus sign U+2212. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return 'an invalid number';
  const magnitude = Math.abs(value);
  const [whole = '', fraction] = String(magnitude).split('.');
  const grouped =
    whole.includes('e') || whole.length <= 3 ? whole : whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const shown = fraction === undefined ? grouped : `${grouped}.${fraction}`;
  return value < 0 ? `${MINUS}${shown}` : shown;
}

/** A cell as a user would recognise it: `"n/a"`, `1200`, `TRUE`, `2026-06-30`; `blank` for a blank cell. */
export function showCell(cell: unknown, dayOfDate: DayOfDate): string {
  if (cell === null || cell === undefined) return 'blank';
  if (typeof cell === 'string') {
    const trimmed = cell.trim();
    if (trimmed === '') return 'blank';
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

/** A cell shown for a test: dates (for `within days`, `older than days`) as their day, others as showCell. */
export function showCellFor(
  operator: Operator,
  cell: unknown,
  dayOfDate: DayOfDate,
  day: (cell: unknown) => number | undefined,
): string {
  if (operator === 'within days' || operator === 'older than days') {
    const date = day(cell);
    if (date !== undefined) return formatIsoDay(date);
  }
  return showCell(cell, dayOfDate);
}

function showScalar(value: RuleScalar): string {
  return typeof value === 'number' ? formatNumber(value) : value.trim();
}

function showValues(values: readonly RuleScalar[]): string {
  const shown = values.slice(0, 5).map(showScalar);
  return values.length > 5 ? `${shown.join(', ')}, … (${values.length} in all)` : shown.join(', ');
}

const SYMBOLS: Partial<Record<Operator, string>> = {
  equals: '=',
  'not equals': '≠',
  '>': '>',
  '>=': '≥',
  '<': '<',
  '<=': '≤',
};

/** The test an operator makes, with its value: `≥ 10,000`, `contains VP`, `is one of A, B`. */
export function describeTest(operator: Operator, value: unknown): string {
  const symbol = SYMBOLS[operator];
  if (symbol !== undefined) return `${symbol} ${showScalar(value as RuleScalar)}`;
  switch (operator) {
    case 'one of':
      return `is one of ${showValues(value as RuleScalar[])}`;
    case 'not one of':
      return `is not one of ${showValues(value as RuleScalar[])}`;
    case 'contains':
      return `contains ${showScalar(value as RuleScalar)}`;
    case 'contains any':
      return `contains any of ${showValues(value as RuleScalar[])}`;
    case 'not contains':
      return `does not contain ${showScalar(value as RuleScalar)}`;
    case 'between': {
      const [min, max] = value as [number, number];
      return `between ${formatNumber(min)} and ${formatNumber(max)}`;
    }
    case 'within days':
      return `within ${value as number} days`;
    case 'older than days':
      return `older than ${value as number} days`;
    case 'per':
      return 'per unit';
    default:
      return operator; // is blank, is not blank, is true, is false
  }
}

/** `Title contains VP`; with the cell: `Position "Head of Ops" contains Head of`. */
export function describeCondition(
  column: string,
  operator: Operator,
  value: unknown,
  cellShown?: string,
): string {
  const subject = cellShown === undefined ? column : `${column} ${cellShown}`;
  return `${subject} ${describeTest(operator, value)}`;
}

/** Plain-words event types: `"Visited pricing page"` or `"Email opened" or "Opened email"`. */
export function describeEventTypes(event: string | readonly string[]): string {
  const types = typeof event === 'string' ? [event] : event;
  return types.map((type) => JSON.stringify(type)).join(' or ');
}
