// Cohorts in time: which week, month or quarter a day falls in, and how to name it. Day numbers count days
// since 1970-01-01 (as in ../cells); weeks start on Monday (ISO 8601).
import { daysFromCivil, formatIsoDay } from '../cells';

export type Every = 'week' | 'month' | 'quarter';

export const EVERY_VALUES: readonly Every[] = ['week', 'month', 'quarter'];

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function civilOf(day: number): { year: number; month: number; date: number } {
  const [year, month, date] = formatIsoDay(day).split('-').map(Number) as [number, number, number];
  return { year, month, date };
}

/** The first day of the period that holds `day`. */
export function periodStart(day: number, every: Every): number {
  if (every === 'week') {
    // 1970-01-01 was a Thursday: day 0 is weekday 3 counting Monday as 0.
    const weekday = (((day + 3) % 7) + 7) % 7;
    return day - weekday;
  }
  const { year, month } = civilOf(day);
  const first = every === 'month' ? month : month - ((month - 1) % 3);
  return daysFromCivil(year, first, 1);
}

/** The first day of the period after the one starting on `start`. */
export function nextPeriodStart(start: number, every: Every): number {
  if (every === 'week') return start + 7;
  const { year, month } = civilOf(start);
  const step = every === 'month' ? 1 : 3;
  const next = month + step;
  return next > 12 ? daysFromCivil(year + 1, next - 12, 1) : daysFromCivil(year, next, 1);
}

/** "August 2026", "Q3 2026", "week of 2026-08-03". */
export function periodLabel(start: number, every: Every): string {
  const { year, month } = civilOf(start);
  if (every === 'month') return `${MONTHS[month - 1]} ${year}`;
  if (every === 'quarter') return `Q${Math.floor((month - 1) / 3) + 1} ${year}`;
  return `week of ${formatIsoDay(start)}`;
}

/** The name of a run of periods: "January–March 2026", "Q1–Q2 2026", "December 2025–February 2026". */
export function spanLabel(firstStart: number, lastStart: number, every: Every): string {
  if (firstStart === lastStart) return periodLabel(firstStart, every);
  if (every === 'week')
    return `${formatIsoDay(firstStart)} to ${formatIsoDay(nextPeriodStart(lastStart, every) - 1)}`;
  const first = periodLabel(firstStart, every);
  const last = periodLabel(lastStart, every);
  const firstYear = first.slice(first.lastIndexOf(' ') + 1);
  const lastYear = last.slice(last.lastIndexOf(' ') + 1);
  return firstYear === lastYear ? `${first.slice(0, first.lastIndexOf(' '))}–${last}` : `${first}–${last}`;
}
