/**
 * Date formatting in a given IANA time zone, shared by Utilities.formatDate (Java SimpleDateFormat
 * patterns, https://developers.google.com/apps-script/reference/utilities/utilities#formatDate(Date,String,String))
 * and Sheets' display of date cells (spreadsheet number-format patterns,
 * https://developers.google.com/sheets/api/guides/formats#date_and_time_format_patterns).
 */
import { ScriptException } from './runtime.js';

interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number; // 0 = Sunday
  offsetMinutes: number;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
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

const formatterCache = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatterCache.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new ScriptException(`Invalid argument: timeZone (${timeZone})`);
    }
    formatterCache.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function partsIn(date: Date, timeZone: string): DateParts {
  const time = date.getTime();
  if (Number.isNaN(time)) throw new ScriptException('Invalid argument: date');
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(date)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const wallClockAsUtc = Date.UTC(
    fields.year!,
    fields.month! - 1,
    fields.day!,
    fields.hour!,
    fields.minute!,
    fields.second!,
  );
  const millisecond = ((time % 1000) + 1000) % 1000;
  return {
    year: fields.year!,
    month: fields.month!,
    day: fields.day!,
    hour: fields.hour!,
    minute: fields.minute!,
    second: fields.second!,
    millisecond,
    weekday: new Date(wallClockAsUtc).getUTCDay(),
    offsetMinutes: Math.round((wallClockAsUtc - (time - millisecond)) / 60000),
  };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function formatOffset(offsetMinutes: number, withColon: boolean): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutes);
  const hours = pad(Math.floor(absolute / 60), 2);
  const minutes = pad(absolute % 60, 2);
  return withColon ? `${sign}${hours}:${minutes}` : `${sign}${hours}${minutes}`;
}

/** Formats with a Java SimpleDateFormat pattern (letters y M d H h k K m s S E a Z X z u, 'quoted' text). */
export function formatSimpleDate(date: Date, timeZone: string, pattern: string): string {
  const parts = partsIn(date, timeZone);
  let output = '';
  let index = 0;
  while (index < pattern.length) {
    const char = pattern[index]!;
    if (char === "'") {
      const close = pattern.indexOf("'", index + 1);
      if (close === index + 1) {
        output += "'";
        index += 2;
        continue;
      }
      const end = close < 0 ? pattern.length : close;
      output += pattern.slice(index + 1, end);
      index = end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(char)) {
      output += char;
      index += 1;
      continue;
    }
    let count = 1;
    while (pattern[index + count] === char) count += 1;
    index += count;
    output += formatField(char, count, parts);
  }
  return output;
}

function formatField(letter: string, count: number, parts: DateParts): string {
  switch (letter) {
    case 'y':
      return count === 2 ? pad(parts.year % 100, 2) : pad(parts.year, count);
    case 'M':
      if (count >= 4) return MONTHS[parts.month - 1]!;
      if (count === 3) return MONTHS[parts.month - 1]!.slice(0, 3);
      return pad(parts.month, count);
    case 'd':
      return pad(parts.day, count);
    case 'H':
      return pad(parts.hour, count);
    case 'k':
      return pad(parts.hour === 0 ? 24 : parts.hour, count);
    case 'h':
      return pad(parts.hour % 12 === 0 ? 12 : parts.hour % 12, count);
    case 'K':
      return pad(parts.hour % 12, count);
    case 'm':
      return pad(parts.minute, count);
    case 's':
      return pad(parts.second, count);
    case 'S':
      return pad(parts.millisecond, 3).slice(0, Math.max(count, 3)).padEnd(count, '0');
    case 'E':
      return count >= 4 ? WEEKDAYS[parts.weekday]! : WEEKDAYS[parts.weekday]!.slice(0, 3);
    case 'u':
      return String(parts.weekday === 0 ? 7 : parts.weekday);
    case 'a':
      return parts.hour < 12 ? 'AM' : 'PM';
    case 'Z':
      return formatOffset(parts.offsetMinutes, false);
    case 'X':
      if (parts.offsetMinutes === 0) return 'Z';
      return count === 1
        ? formatOffset(parts.offsetMinutes, false).slice(0, 3)
        : formatOffset(parts.offsetMinutes, count >= 3);
    case 'z':
      return `GMT${formatOffset(parts.offsetMinutes, true)}`;
    default:
      throw new ScriptException(`Illegal pattern character '${letter}'`);
  }
}

/**
 * Formats with a Sheets number-format date pattern ("yyyy-mm-dd", "m/d/yyyy h:mm:ss", "h:mm am/pm").
 * In these patterns "m" means minutes when it follows an hour or precedes seconds, months otherwise.
 */
export function formatSheetsDatePattern(date: Date, timeZone: string, pattern: string): string {
  const parts = partsIn(date, timeZone);
  const twelveHour = /am\/pm|a\/p/i.test(pattern);
  const tokens: { letter: string; count: number; literal?: string }[] = [];
  let index = 0;
  while (index < pattern.length) {
    const rest = pattern.slice(index);
    const amPm = /^(am\/pm|a\/p)/i.exec(rest);
    if (amPm) {
      tokens.push({ letter: 'ampm', count: amPm[0].length });
      index += amPm[0].length;
      continue;
    }
    const char = pattern[index]!;
    if (char === '"') {
      const close = pattern.indexOf('"', index + 1);
      const end = close < 0 ? pattern.length : close;
      tokens.push({ letter: '', count: 0, literal: pattern.slice(index + 1, end) });
      index = end + 1;
      continue;
    }
    const lower = char.toLowerCase();
    if ('ymdhs'.includes(lower)) {
      let count = 1;
      while (pattern[index + count]?.toLowerCase() === lower) count += 1;
      tokens.push({ letter: lower, count });
      index += count;
      continue;
    }
    tokens.push({ letter: '', count: 0, literal: char === '\\' ? (pattern[index + 1] ?? '') : char });
    index += char === '\\' ? 2 : 1;
  }
  const fieldTokens = tokens.filter((token) => token.letter !== '');
  return tokens
    .map((token) => {
      if (token.literal !== undefined) return token.literal;
      const position = fieldTokens.indexOf(token);
      switch (token.letter) {
        case 'y':
          return token.count <= 2 ? pad(parts.year % 100, 2) : String(parts.year);
        case 'm': {
          const previous = fieldTokens[position - 1];
          const next = fieldTokens[position + 1];
          const isMinute = previous?.letter === 'h' || next?.letter === 's';
          if (isMinute) return pad(parts.minute, Math.min(token.count, 2));
          if (token.count >= 4) return MONTHS[parts.month - 1]!;
          if (token.count === 3) return MONTHS[parts.month - 1]!.slice(0, 3);
          return pad(parts.month, token.count);
        }
        case 'd':
          if (token.count >= 4) return WEEKDAYS[parts.weekday]!;
          if (token.count === 3) return WEEKDAYS[parts.weekday]!.slice(0, 3);
          return pad(parts.day, token.count);
        case 'h': {
          const hour = twelveHour ? (parts.hour % 12 === 0 ? 12 : parts.hour % 12) : parts.hour;
          return pad(hour, Math.min(token.count, 2));
        }
        case 's':
          return pad(parts.second, Math.min(token.count, 2));
        case 'ampm':
          return parts.hour < 12 ? 'AM' : 'PM';
        default:
          return '';
      }
    })
    .join('');
}

/** The instant at which the wall clock in `timeZone` shows the given local date and time. */
export function wallClockToDate(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  timeZone: string,
): Date {
  const wallClockAsUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  // Two passes settle the offset, also next to a DST change.
  let guess = wallClockAsUtc - partsIn(new Date(wallClockAsUtc), timeZone).offsetMinutes * 60000;
  guess = wallClockAsUtc - partsIn(new Date(guess), timeZone).offsetMinutes * 60000;
  return new Date(guess);
}

/** The calendar year the wall clock in `timeZone` shows at `time`. */
export function yearIn(time: number, timeZone: string): number {
  return partsIn(new Date(time), timeZone).year;
}
