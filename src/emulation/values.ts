/**
 * Cell values: what a cell stores, how script input is interpreted, and how values are displayed.
 * https://developers.google.com/apps-script/reference/spreadsheet/range#getValues()
 * "The values may be of type Number, Boolean, Date, or String, depending on the value of the cell.
 *  Empty cells are represented by an empty string in the array."
 */
import { formatSheetsDatePattern } from './date-format.js';

export type CellValue = string | number | boolean | Date;

/** Number format of a cell nobody formatted; what getNumberFormat() reports for it. */
export const DEFAULT_NUMBER_FORMAT = '0.###############';
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

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Formats numbers for the common patterns: 0, 0.00, #,##0, #,##0.00, 0%, 0.0%, and currency prefixes. */
function formatNumberPattern(value: number, pattern: string): string | null {
  const match = /^([^0#]*)([#,]*0*)(?:\.(0+|#+))?(%?)([^0#%]*)$/.exec(pattern);
  if (!match) return null;
  const [, prefix = '', integerPart = '', decimals = '', percent = '', suffix = ''] = match;
  if (integerPart === '' && decimals === '') return null;
  const scaled = percent ? value * 100 : value;
  const fixedDecimals = decimals.startsWith('0') ? decimals.length : 0;
  const optionalDecimals = decimals.startsWith('#') ? decimals.length : 0;
  let text = Math.abs(scaled).toFixed(fixedDecimals + optionalDecimals);
  if (optionalDecimals > 0) text = text.replace(/\.?0+$/, '');
  const [whole = '0', fraction] = text.split('.');
  const grouped = integerPart.includes(',') ? groupThousands(whole) : whole;
  const sign = scaled < 0 && Number(text) !== 0 ? '-' : '';
  return `${sign}${prefix}${grouped}${fraction !== undefined ? `.${fraction}` : ''}${percent}${suffix}`;
}

/** What getDisplayValue(s) returns for a stored value with the cell's number format. */
export function displayValue(value: CellValue, numberFormat: string, timeZone: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (isDateObject(value)) {
    const pattern = /[dy]|h|s/i.test(numberFormat) ? numberFormat : DEFAULT_DATE_TIME_FORMAT;
    return formatSheetsDatePattern(value, timeZone, pattern);
  }
  if (numberFormat === DEFAULT_NUMBER_FORMAT || numberFormat === '' || numberFormat === 'General') {
    return formatAutomaticNumber(value);
  }
  if (numberFormat === PLAIN_TEXT_FORMAT) return String(value);
  return formatNumberPattern(value, numberFormat) ?? formatAutomaticNumber(value);
}
