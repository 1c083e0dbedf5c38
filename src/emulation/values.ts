/**
 * Cell values: what a cell stores, how script input is interpreted, and how values are displayed.
 * https://developers.google.com/apps-script/reference/spreadsheet/range#getValues()
 * "The values may be of type Number, Boolean, Date, or String, depending on the value of the cell.
 *  Empty cells are represented by an empty string in the array."
 */
import { formatSheetsDatePattern } from './date-format.js';
import { formatNumberWithPattern, isDatePattern } from './number-format.js';

export type CellValue = string | number | boolean | Date;

/** What getNumberFormat() reports for a cell nobody formatted (Automatic). */
export const DEFAULT_NUMBER_FORMAT = '0.###############';
/**
 * How a cell stores "Automatic" (never formatted, or formats cleared). It is not the pattern above: a
 * script that sets `0.###############` sets a pattern, which shows 3 as `3.` (docs/emulation.md).
 */
export const AUTOMATIC_NUMBER_FORMAT = '\u0000automatic';

/** The number format as getNumberFormat(s) reports it. */
export function reportedNumberFormat(stored: string): string {
  return stored === AUTOMATIC_NUMBER_FORMAT ? DEFAULT_NUMBER_FORMAT : stored;
}
/** Format Sheets applies when a Date is written into an unformatted cell. */
export const DEFAULT_DATE_TIME_FORMAT = 'M/d/yyyy H:mm:ss';
/** The plain-text number format: strings written to such cells stay strings. */
export const PLAIN_TEXT_FORMAT = '@';

/** Works across vm realms, where `instanceof Date` does not. */
export function isDateObject(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** Copies a stored value so callers cannot mutate storage through a returned Date. */
export function copyCellValue(value: CellValue): CellValue {
  return isDateObject(value) ? new Date(value.getTime()) : value;
}

/** Display text for an automatic-format number: Sheets shows at most ~10 decimals. */
function formatAutomaticNumber(value: number): string {
  if (!Number.isFinite(value)) return '#NUM!';
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  if (Math.abs(value) >= 1e15 || (value !== 0 && Math.abs(value) < 1e-9)) {
    return value.toExponential(2).toUpperCase();
  }
  return String(Number(value.toFixed(10)));
}

/** What getDisplayValue(s) returns for a stored value with the cell's number format. */
export function displayValue(value: CellValue, numberFormat: string, timeZone: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (isDateObject(value)) {
    const pattern = isDatePattern(numberFormat) ? numberFormat : DEFAULT_DATE_TIME_FORMAT;
    return formatSheetsDatePattern(value, timeZone, pattern);
  }
  if (numberFormat === AUTOMATIC_NUMBER_FORMAT || numberFormat === PLAIN_TEXT_FORMAT) {
    return formatAutomaticNumber(value);
  }
  if (isDatePattern(numberFormat)) return formatAutomaticNumber(value);
  return formatNumberWithPattern(value, numberFormat) ?? formatAutomaticNumber(value);
}
