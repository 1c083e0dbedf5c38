/**
 * What a string written with setValue/setValues/appendRow becomes: Sheets treats it like text typed into the
 * cell in the spreadsheet's locale (only en_US is emulated). See docs/emulation.md, "Strict rules: written
 * strings", for each rule's source and the decisions the docs do not settle.
 *
 * - "=..." is a formula ("If it begins with '=' it is interpreted as a formula", Range.setValue), in every
 *   number format, plain text included (not settled; the stricter reading).
 * - a leading apostrophe forces text and is not stored, in every number format (so "''x" stores "'x").
 * - in a plain-text ("@") cell, nothing else is converted.
 * - otherwise: numbers (leading zeros, thousands separators, digits separated by single spaces, scientific
 *   notation), currency ($), percents, booleans (any case), dates, times and date-times in the forms en_US
 *   accepts; a date without a year is in the current year of the spreadsheet's time zone.
 */
import { wallClockToDate, yearIn } from './date-format.js';
import { ScriptException } from './runtime.js';
import { type CellValue, isDateObject, PLAIN_TEXT_FORMAT } from './values.js';

/** What a write from a script stores: a literal value (and the number format Sheets gives it) or a formula. */
export type CellInput =
  | { kind: 'value'; value: CellValue; numberFormat?: string }
  | { kind: 'formula'; formula: string };

export interface InputContext {
  /** Spreadsheet time zone: typed dates are midnight there. */
  timeZone: string;
  /** Milliseconds since the epoch: "3/4" is March 4 of the current year. */
  now: number;
  /** A plain-text cell stores a string exactly (EmulatorOptions.plainTextIsLiteral). */
  plainTextIsLiteral?: boolean;
}

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const GROUPED_NUMBER_TEXT = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;
const SPACED_DIGITS_TEXT = /^[+-]?\d+( \d+)+$/;
const PERCENT_TEXT = /^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|[+-]?\.\d+)\s?%$/;
const CURRENCY_TEXT = /^(-)?\$\s?(-)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$/;

const MAX_DATE_TEXT = 40;

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** "mar", "march", "sept" -> 1..12, or null. */
function monthFromName(name: string): number | null {
  const lower = name.toLowerCase().replace(/\.$/, '');
  if (lower.length < 3) return null;
  const index = MONTH_NAMES.findIndex(
    (month) => month.startsWith(lower) || (lower === 'sept' && month === 'september'),
  );
  return index < 0 ? null : index + 1;
}

/** Two-digit years: 00-29 are 20xx, 30-99 are 19xx (Sheets' documented pivot for typed dates is not published; see docs). */
function fullYear(text: string): number {
  const year = Number(text);
  if (text.length > 2) return year;
  return year < 30 ? 2000 + year : 1900 + year;
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

interface Time {
  hour: number;
  minute: number;
  second: number;
}

/** "9:30", "9:30:15", "9:30 PM", "9 am". */
function parseTime(text: string): Time | null {
  const match = /^(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*([ap]\.?m\.?)?$/i.exec(text);
  if (!match) return null;
  const [, hourText, minuteText, secondText, meridiem] = match;
  if (minuteText === undefined && meridiem === undefined) return null;
  let hour = Number(hourText);
  const minute = Number(minuteText ?? 0);
  const second = Number(secondText ?? 0);
  if (minute > 59 || second > 59) return null;
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    const pm = meridiem.toLowerCase().startsWith('p');
    hour = (hour % 12) + (pm ? 12 : 0);
  } else if (hour > 23) {
    return null;
  }
  return { hour, minute, second };
}

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** The en_US date forms: 2026-03-04, 2026/3/4, 3/4/2026, 3/4/26, 3-4-2026, 3/4, 1-10, Mar 4, March 4 2026, 4 Mar 2026. */
function parseDate(text: string, currentYear: () => number): CalendarDate | null {
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (match) return checked(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})([-/.])(\d{1,2})(?:\2(\d{2}|\d{4}))?$/.exec(text);
  if (match) {
    const year = match[4] === undefined ? currentYear() : fullYear(match[4]);
    return checked(year, Number(match[1]), Number(match[3]));
  }
  match = /^([A-Za-z]{3,9}\.?)[\s-]+(\d{1,2})(?:(?:,\s*|[\s-]+)(\d{2}|\d{4}))?$/.exec(text);
  if (match) {
    const month = monthFromName(match[1]!);
    if (month === null) return null;
    return checked(match[3] === undefined ? currentYear() : fullYear(match[3]), month, Number(match[2]));
  }
  match = /^(\d{1,2})[\s-]+([A-Za-z]{3,9}\.?)(?:[\s-]+(\d{2}|\d{4}))?$/.exec(text);
  if (match) {
    const month = monthFromName(match[2]!);
    if (month === null) return null;
    return checked(match[3] === undefined ? currentYear() : fullYear(match[3]), month, Number(match[1]));
  }
  return null;
}

function checked(year: number, month: number, day: number): CalendarDate | null {
  return isRealDate(year, month, day) ? { year, month, day } : null;
}

/** A date, a time, or a date and time; null when the text is none of these. */
function parseDateTime(text: string, context: InputContext): { value: Date; numberFormat: string } | null {
  // Only a date without a year needs the current year (Intl is slow enough to matter per cell).
  const currentYear = () => yearIn(context.now, context.timeZone);
  const time = parseTime(text);
  if (time) {
    // Sheets stores a time alone as that time on its day zero, December 30, 1899.
    return {
      value: wallClockToDate(1899, 12, 30, time.hour, time.minute, time.second, context.timeZone),
      numberFormat: 'h:mm:ss am/pm',
    };
  }
  const date = parseDate(text, currentYear);
  if (date) {
    return {
      value: wallClockToDate(date.year, date.month, date.day, 0, 0, 0, context.timeZone),
      numberFormat: 'M/d/yyyy',
    };
  }
  const split = /^(.+?)(?:\s+|T)(\d{1,2}(?::\d{2}){1,2}(?:\s*[ap]\.?m\.?)?)$/i.exec(text);
  if (split) {
    const datePart = parseDate(split[1]!, currentYear);
    const timePart = parseTime(split[2]!);
    if (datePart && timePart) {
      return {
        value: wallClockToDate(
          datePart.year,
          datePart.month,
          datePart.day,
          timePart.hour,
          timePart.minute,
          timePart.second,
          context.timeZone,
        ),
        numberFormat: 'M/d/yyyy H:mm:ss',
      };
    }
  }
  return null;
}

function parseNumber(text: string): { value: number; numberFormat?: string } | null {
  if (NUMBER_TEXT.test(text)) return { value: Number(text) };
  if (GROUPED_NUMBER_TEXT.test(text)) {
    // As many decimals as typed (a pattern with a point always shows it: docs/emulation.md).
    const decimals = text.split('.')[1]?.length ?? 0;
    return {
      value: Number(text.replace(/,/g, '')),
      numberFormat: decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0',
    };
  }
  if (SPACED_DIGITS_TEXT.test(text)) return { value: Number(text.replace(/ /g, '')) };
  const percent = PERCENT_TEXT.exec(text);
  if (percent) {
    const number = percent[1]!.replace(/,/g, '');
    return { value: Number(number) / 100, numberFormat: number.includes('.') ? '0.00%' : '0%' };
  }
  const currency = CURRENCY_TEXT.exec(text);
  if (currency) {
    const negative = Boolean(currency[1]) !== Boolean(currency[2]);
    const magnitude = Number(`${currency[3]!.replace(/,/g, '')}${currency[4] ?? ''}`);
    return { value: negative ? -magnitude : magnitude, numberFormat: currency[4] ? '$#,##0.00' : '$#,##0' };
  }
  return null;
}

/** Google's limit on what one cell holds (https://support.google.com/docs/answer/37603: 50,000 characters). */
export const MAX_CELL_CHARACTERS = 50000;

/**
 * Throws Google's message for a value or formula text over MAX_CELL_CHARACTERS, counted as written (a
 * leading apostrophe included: the stricter reading).
 */
export function checkCellLength(text: string): void {
  if (text.length > MAX_CELL_CHARACTERS) {
    throw new ScriptException(
      `Your input contains more than the maximum of ${MAX_CELL_CHARACTERS} characters in a single cell.`,
    );
  }
}

/** Interprets one value a script writes; non-strings are stored as they are. */
export function interpretInput(input: unknown, numberFormat: string, context: InputContext): CellInput {
  if (input === null || input === undefined) return { kind: 'value', value: '' };
  if (typeof input === 'number' || typeof input === 'boolean') return { kind: 'value', value: input };
  if (isDateObject(input)) return { kind: 'value', value: new Date(input.getTime()) };
  const text = String(input);
  checkCellLength(text);
  if (numberFormat === PLAIN_TEXT_FORMAT && context.plainTextIsLiteral === true)
    return { kind: 'value', value: text };
  if (text.length > 1 && text.startsWith('=')) return { kind: 'formula', formula: text };
  if (text.startsWith("'")) return { kind: 'value', value: text.slice(1) };
  if (numberFormat === PLAIN_TEXT_FORMAT) return { kind: 'value', value: text };
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'value', value: text };
  const number = parseNumber(trimmed);
  if (number) return { kind: 'value', ...number };
  if (/^true$/i.test(trimmed)) return { kind: 'value', value: true };
  if (/^false$/i.test(trimmed)) return { kind: 'value', value: false };
  // No date or time form is longer than this; the bound keeps the patterns linear on long text.
  const dateTime = trimmed.length <= MAX_DATE_TEXT ? parseDateTime(trimmed, context) : null;
  if (dateTime) return { kind: 'value', ...dateTime };
  return { kind: 'value', value: text };
}
