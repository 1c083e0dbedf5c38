// How a cell is read, contract v1 "Reading cells". Cells come from Sheets (strings, numbers,
// booleans, Dates, ""), from CSV (strings) or from anywhere else: nothing here may throw.

/** Whole days since 1970-01-01 of a date's calendar day (NaN for an invalid Date). */
export type DayOfDate = (date: Date) => number;

const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;

/** Empty string, null/undefined, or only whitespace. */
export function isBlank(cell: unknown): boolean {
  if (cell === null || cell === undefined) return true;
  if (typeof cell !== 'string') return false;
  return cell.length === 0 || cell.trim().length === 0;
}

/**
 * Case pairs a database's LOWER may not know (its Unicode tables are older than JavaScript's: circled
 * letters, and letters added in Unicode 14 to 16), and the final sigma ς, which JavaScript's lower-casing
 * gives at the end of a word where the databases give σ. The case rule both the engine and the exported
 * SQL apply: lower-case, then these mapped explicitly (the SQL maps them with TRANSLATE before LOWER).
 */
export const CASE_FOLD_EXTRA: readonly (readonly [string, string])[] = (() => {
  const pairs: [number, number][] = [
    [0x03c2, 0x03c3],
    [0x1c89, 0x1c8a],
    [0x2c2f, 0x2c5f],
    [0xa7c0, 0xa7c1],
    [0xa7c7, 0xa7c8],
    [0xa7c9, 0xa7ca],
    [0xa7cb, 0x0264],
    [0xa7cc, 0xa7cd],
    [0xa7ce, 0xa7cf],
    [0xa7d0, 0xa7d1],
    [0xa7d2, 0xa7d3],
    [0xa7d4, 0xa7d5],
    [0xa7d6, 0xa7d7],
    [0xa7d8, 0xa7d9],
    [0xa7da, 0xa7db],
    [0xa7dc, 0x019b],
    [0xa7f5, 0xa7f6],
  ];
  const run = (from: number, to: number, count: number, skip: readonly number[] = []) => {
    for (let i = 0; i < count; i++) if (!skip.includes(from + i)) pairs.push([from + i, to + i]);
  };
  run(0x24b6, 0x24d0, 26); // Ⓐ–Ⓩ
  run(0x10570, 0x10597, 0x26, [0x1057b, 0x1058b, 0x10593]); // Vithkuqi
  run(0x10d50, 0x10d70, 0x16); // Garay
  run(0x16ea0, 0x16ebb, 0x19); // Beria Erfe
  return pairs.map(([upper, lower]) => [String.fromCodePoint(upper), String.fromCodePoint(lower)] as const);
})();

const FOLD_EXTRA = new Map(CASE_FOLD_EXTRA);
const FOLD_EXTRA_PATTERN = new RegExp(`[${CASE_FOLD_EXTRA.map(([upper]) => upper).join('')}]`, 'gu');
const NON_ASCII = /[\u0080-\uffff]/;

/** The contract's case-insensitive text: lower-cased, with the final sigma as σ and the case pairs in
 *  CASE_FOLD_EXTRA mapped whatever the runtime's Unicode version (the databases reproduce this exactly). */
export function foldCase(text: string): string {
  const lower = text.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return lower.replace(FOLD_EXTRA_PATTERN, (char) => FOLD_EXTRA.get(char) ?? char);
}

/**
 * A cell compared as text: trimmed and lower-cased; booleans read `true`/`false`; numbers as JS
 * prints them (`5`, not `5.0`); a Date as its calendar day `yyyy-mm-dd` (in the time zone of
 * `dayOfDate`, UTC by default); anything else (objects, blanks) as ''.
 */
export function cellText(cell: unknown, dayOfDate: DayOfDate = utcDayOfDate): string {
  switch (typeof cell) {
    case 'string':
      return foldCase(cell.trim());
    case 'number':
      return String(cell).toLowerCase();
    case 'boolean':
      return cell ? 'true' : 'false';
    case 'bigint':
      return String(cell);
    case 'object':
      if (cell instanceof Date) {
        const day = dayOfDate(cell);
        return Number.isFinite(day) ? formatIsoDay(day) : '';
      }
      return '';
    default:
      return '';
  }
}

// Sign, one currency sign, digits (with well-formed thousands separators), optional exponent,
// optional percent. Groups: 1 sign, 2 currency, 3 sign after currency, 4 digits, 5 exponent, 6 '%'.
const NUMBER_TEXT =
  /^([+-])?([$€£])?\s*([+-])?((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(e[+-]?\d+)?(%)?$/i;

const THOUSANDS_SEPARATORS = /,/g;

/** First characters a number can start with (digits, signs, '.', currency): most text fails here, cheaply. */
const CAN_START_NUMBER: readonly boolean[] = (() => {
  const flags: boolean[] = [];
  for (const char of '0123456789+-.$') flags[char.charCodeAt(0)] = true;
  for (const char of '€£') flags[char.charCodeAt(0)] = true;
  return flags;
})();

/** Reads a text as a number by the contract's rule; undefined when it is not one. */
export function parseNumberText(text: string): number | undefined {
  // Fast path for the usual cell, digits with at most one point and perhaps a minus (`42`, `-3.5`, `.5`):
  // what the pattern below reads it as is exactly what Number reads.
  const length = text.length;
  let index = text.charCodeAt(0) === 45 ? 1 : 0;
  let digitCount = 0;
  let points = 0;
  for (; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 48 && code <= 57) digitCount++;
    else if (code === 46 && points === 0) points++;
    else break;
  }
  if (index === length && digitCount > 0) {
    const value = Number(text);
    return Number.isFinite(value) ? value : undefined;
  }
  const trimmed = text.trim();
  if (trimmed.length === 0 || !CAN_START_NUMBER[trimmed.charCodeAt(0)]) return undefined;
  const match = NUMBER_TEXT.exec(trimmed);
  if (match === null) return undefined;
  const [, leadingSign, currency, innerSign, digits = '', exponent = '', percent] = match;
  if (leadingSign !== undefined && innerSign !== undefined) return undefined;
  if (currency !== undefined && percent !== undefined) return undefined;
  const magnitude = Number(digits.replace(THOUSANDS_SEPARATORS, '') + exponent);
  const value = (leadingSign ?? innerSign) === '-' ? -magnitude : magnitude;
  const scaled = percent === undefined ? value : value / 100;
  return Number.isFinite(scaled) ? scaled : undefined;
}

/**
 * A cell read as a number: finite JS numbers as they are; text with thousands separators
 * (`1,200`), one leading currency sign (`$ € £`) or a trailing `%` (`45%` = 0.45). Blanks,
 * booleans, Dates and other text are not numbers.
 */
export function cellNumber(cell: unknown): number | undefined {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : undefined;
  if (typeof cell === 'string') return parseNumberText(cell);
  return undefined;
}

const TRUE_WORDS: ReadonlySet<string> = new Set(['true', 'yes', 'y', 'x']);
const FALSE_WORDS: ReadonlySet<string> = new Set(['false', 'no', 'n']);

/** `true`, a non-zero number or true/yes/y/x → true; `false`, 0 or false/no/n → false; else undefined. */
export function cellTruth(cell: unknown): boolean | undefined {
  if (typeof cell === 'boolean') return cell;
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell !== 0 : undefined;
  if (typeof cell !== 'string') return undefined;
  const word = foldCase(cell.trim());
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  const number = parseNumberText(word);
  return number === undefined ? undefined : number !== 0;
}

/** Day number (days since 1970-01-01) of a proleptic Gregorian calendar date. */
export function daysFromCivil(year: number, month: number, day: number): number {
  // Howard Hinnant's days_from_civil: exact integer arithmetic, no Date (whose years 0–99 misbehave).
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** `yyyy-mm-dd` of a day number. */
export function formatIsoDay(dayNumber: number): string {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const yearText = year < 0 ? `-${String(-year).padStart(4, '0')}` : String(year).padStart(4, '0');
  return `${yearText}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Digit value of the character at `index`, or -1 (charCodeAt past the end is NaN: -1 too). */
function digitAt(text: string, index: number): number {
  const code = text.charCodeAt(index) - 48;
  return code >= 0 && code <= 9 ? code : -1;
}

/**
 * Day number of a text starting `YYYY-MM-DD` (whatever follows, e.g. a time, is ignored, but the
 * date may not run on into more digits). Undefined when it is not a real calendar date.
 */
export function parseIsoDay(text: string): number | undefined {
  // `YYYY-MM-DD` not followed by a digit, read character by character (this runs for every date cell).
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || digitAt(text, 10) >= 0) return undefined;
  const y1 = digitAt(text, 0);
  const y2 = digitAt(text, 1);
  const y3 = digitAt(text, 2);
  const y4 = digitAt(text, 3);
  const m1 = digitAt(text, 5);
  const m2 = digitAt(text, 6);
  const d1 = digitAt(text, 8);
  const d2 = digitAt(text, 9);
  if (y1 < 0 || y2 < 0 || y3 < 0 || y4 < 0 || m1 < 0 || m2 < 0 || d1 < 0 || d2 < 0) return undefined;
  const year = y1 * 1000 + y2 * 100 + y3 * 10 + y4;
  const month = m1 * 10 + m2;
  const day = d1 * 10 + d2;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return daysFromCivil(year, month, day);
}

/** Calendar day in UTC: the CLI's reading of Dates. */
export const utcDayOfDate: DayOfDate = (date) => Math.floor(date.getTime() / MS_PER_DAY);

const dayOfDateByTimeZone = new Map<string, DayOfDate>();

/**
 * The calendar day of a Date in an IANA time zone (e.g. the spreadsheet's). Memoised per zone;
 * the zone's UTC offset is cached per hour, so reading 100,000 Dates costs few Intl calls.
 * Throws a RangeError for a time zone Intl does not know; where the engine has no Intl time-zone support
 * it falls back, without throwing, to the calendar day in the engine's own zone.
 */
export function dayOfDateIn(timeZone: string): DayOfDate {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return utcDayOfDate;
  const known = dayOfDateByTimeZone.get(timeZone);
  if (known !== undefined) return known;
  const dayOfDate = makeZonedDayOfDate(timeZone);
  dayOfDateByTimeZone.set(timeZone, dayOfDate);
  return dayOfDate;
}

/** Cached offsets kept per zone before the cache is reset (bounds memory on long runs). */
const MAX_CACHED_HOURS = 100_000;

/** The largest |ms| a Date can hold (±100,000,000 days around 1970). */
const MAX_DATE_MS = 8.64e15;

/** The calendar day of a Date in the JS engine's own zone: the fallback when Intl cannot say. */
const localDayOfDate: DayOfDate = (date) => {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) return Number.NaN;
  return daysFromCivil(date.getFullYear(), date.getMonth() + 1, date.getDate());
};

/** Whether this engine's Intl knows time zones (Apps Script's V8 does; a stripped-down one may not). */
function hasIntlTimeZones(): boolean {
  try {
    return (
      typeof Intl === 'object' &&
      typeof Intl.DateTimeFormat === 'function' &&
      typeof new Intl.DateTimeFormat('en-US', { timeZone: 'UTC' }).formatToParts === 'function'
    );
  } catch {
    return false;
  }
}

function makeZonedDayOfDate(timeZone: string): DayOfDate {
  if (!hasIntlTimeZones()) return localDayOfDate;
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });

  /** Local wall-clock time minus UTC at an instant, in ms (to the second). */
  const offsetAt = (instant: number): number => {
    // Instants past the last Date (the hour around ±8.64e15) are read at the last one.
    const ms = Math.max(-MAX_DATE_MS, Math.min(MAX_DATE_MS, instant));
    let year = Number.NaN;
    let month = Number.NaN;
    let day = Number.NaN;
    let hour = 0;
    let minute = 0;
    let second = 0;
    for (const part of formatter.formatToParts(ms)) {
      if (part.type === 'year') year = Number(part.value);
      else if (part.type === 'month') month = Number(part.value);
      else if (part.type === 'day') day = Number(part.value);
      else if (part.type === 'hour')
        hour = Number(part.value) % 24; // some engines print midnight as 24
      else if (part.type === 'minute') minute = Number(part.value);
      else if (part.type === 'second') second = Number(part.value);
    }
    if (!Number.isFinite(year + month + day)) return 0;
    const localMs =
      daysFromCivil(year, month, day) * MS_PER_DAY + hour * MS_PER_HOUR + minute * 60_000 + second * 1000;
    return localMs - Math.floor(ms / 1000) * 1000;
  };
  const safeOffsetAt = (ms: number): number => {
    try {
      return offsetAt(ms);
    } catch {
      return Number.NaN;
    }
  };

  // Offset per UTC hour; NaN marks an hour in which the offset changes (a few zones switch on a
  // half hour), where every instant is computed exactly.
  const offsetByHour = new Map<number, number>();
  // Intl throws here, once, for an unknown zone (so dayOfDateIn throws, not the first read).
  offsetAt(0);

  return (date: Date): number => {
    const ms = date.getTime();
    if (!Number.isFinite(ms)) return Number.NaN;
    const hour = Math.floor(ms / MS_PER_HOUR);
    let offset = offsetByHour.get(hour);
    if (offset === undefined) {
      const atStart = safeOffsetAt(hour * MS_PER_HOUR);
      const atEnd = safeOffsetAt(hour * MS_PER_HOUR + MS_PER_HOUR - 1);
      offset = atStart === atEnd ? atStart : Number.NaN;
      if (offsetByHour.size >= MAX_CACHED_HOURS) offsetByHour.clear();
      offsetByHour.set(hour, offset);
    }
    if (Number.isNaN(offset)) offset = safeOffsetAt(ms);
    return Math.floor((ms + offset) / MS_PER_DAY); // NaN when Intl could not read the instant
  };
}

/** A cell read as a date: a valid Date (its day via `dayOfDate`) or text starting `YYYY-MM-DD`. */
export function cellDay(cell: unknown, dayOfDate: DayOfDate): number | undefined {
  if (typeof cell === 'string') return parseIsoDay(cell.trim());
  if (cell instanceof Date) {
    const day = dayOfDate(cell);
    return Number.isFinite(day) ? day : undefined;
  }
  return undefined;
}
