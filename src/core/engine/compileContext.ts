// What a compile reads cells with, shared by compileModel and the streamed activity log (activityLog.ts): the
// day ages count from, blank values, dates in the sheet's zone; and finding columns by header.

import {
  cellDay,
  cellText,
  type DayOfDate,
  dayOfDateIn,
  foldCase,
  isBlank,
  parseIsoDay,
  parseNumberText,
} from '../cells';
import type { Model, Problem } from '../model';
import { describe, isIsoDate, nameKey } from '../validate';
import type { CellReading } from './conditions';
import type { ScoringOptions } from './types';

export function findColumn(headerIndex: ReadonlyMap<string, number>, column: string): number | undefined {
  return headerIndex.get(nameKey(column));
}

export function indexHeaders(headers: readonly unknown[]): Map<string, number> {
  const headerIndex = new Map<string, number>();
  headers.forEach((header, index) => {
    const key = cellText(header);
    if (key !== '' && !headerIndex.has(key)) headerIndex.set(key, index);
  });
  return headerIndex;
}

export function listHeaders(headers: readonly unknown[], table = 'the data'): string {
  const names = headers.filter((header) => !isBlank(header)).map((header) => displayHeader(header));
  if (names.length === 0) return `${table} has no column headers`;
  const shown = names.slice(0, 30).join(', ');
  return `columns: ${shown}${names.length > 30 ? `, and ${names.length - 30} more` : ''}`;
}

export function displayHeader(header: unknown): string {
  return typeof header === 'string' ? header.trim() : cellText(header);
}

/** Resolves the day that ages are measured from: option, else model setting, else today. */
export function resolveAsOf(
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

/** A dayOfDate given by an adapter: never throws, NaN for what it cannot read. */
export function safeDayOfDate(dayOfDate: DayOfDate): DayOfDate {
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
export function makeReading(
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

/** The reading of a compile: its as-of day (undefined when it cannot be read: `problems` say why). */
export interface CompileContext {
  readonly dayOfDate: DayOfDate;
  readonly asOfDay: number | undefined;
  readonly reading: CellReading & { identity: boolean };
  /** About settings.asOf or today's date. */
  readonly problems: readonly Problem[];
}

/** The context of a compile of a (valid) model with these options; a Problem for an unknown time zone. */
export function compileContext(
  model: Model,
  options: ScoringOptions,
): { ok: true; context: CompileContext } | { ok: false; problems: Problem[] } {
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
  const problems: Problem[] = [];
  const asOfDay = resolveAsOf(model, options, dayOfDate, problems);
  const reading = makeReading(model.settings?.blankValues, dayOfDate, asOfDay ?? 0);
  return { ok: true, context: { dayOfDate, asOfDay, reading, problems } };
}
