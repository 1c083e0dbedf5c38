import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../src/emulation/index.js';

function sheet() {
  return createEmulator({ timeZone: 'Etc/UTC' }).spreadsheet.getActiveSheet();
}

function shown(value: number, pattern: string): string {
  const range = sheet().getRange('A1');
  range.setNumberFormat(pattern).setValue(value);
  return range.getDisplayValue();
}

describe('number formats are displayed as Google’s format guide says', () => {
  it('always renders the decimal point of a format that has one: #0.# shows 3 as "3."', () => {
    expect(shown(3, '#0.#')).toBe('3.');
    expect(shown(200, '0.##')).toBe('200.');
    expect(shown(15, '0.###############')).toBe('15.');
    expect(shown(2.34567, '0.##')).toBe('2.35');
  });

  it('shows 0 digits, hides # digits, and shows ? digits as spaces', () => {
    expect(shown(12, '000')).toBe('012');
    expect(shown(0.5, '#.##')).toBe('.5');
    expect(shown(0.5, '0.00')).toBe('0.50');
    expect(shown(7, '0.??')).toBe('7.  ');
    expect(shown(5551234, '000-0000')).toBe('555-1234');
  });

  it('groups thousands, scales percents, shows currency, scientific notation and sections', () => {
    expect(shown(1234567.891, '#,##0.00')).toBe('1,234,567.89');
    expect(shown(1234, '#,##0')).toBe('1,234');
    expect(shown(0.125, '0.0%')).toBe('12.5%');
    expect(shown(0.5, '0%')).toBe('50%');
    expect(shown(-5.5, '$#,##0.00')).toBe('-$5.50');
    expect(shown(12345, '0.00E+00')).toBe('1.23E+04');
    expect(shown(-3, '0;(0)')).toBe('(3)');
    expect(shown(0, '0;(0);"none"')).toBe('none');
    expect(shown(1500, '[>1000]"many";0')).toBe('many');
    expect(shown(42, '"Score: "0')).toBe('Score: 42');
  });

  it('shows a number as Automatic only in a cell nobody formatted (or whose formats were cleared)', () => {
    const range = sheet().getRange('A1');
    range.setValue(3);
    expect([range.getDisplayValue(), range.getNumberFormat()]).toEqual(['3', '0.###############']);
    range.setNumberFormat('0.###############');
    expect(range.getDisplayValue()).toBe('3.');
    range.clearFormat();
    expect(range.getDisplayValue()).toBe('3');
    range.setValue(2.5);
    expect(range.getDisplayValue()).toBe('2.5');
  });

  it('shows numbers in a plain-text cell as Automatic, and text as it is', () => {
    const range = sheet().getRange('A1:B1');
    range.setNumberFormat('@').setValues([[3, '0.##']]);
    expect(range.getDisplayValues()).toEqual([['3', '0.##']]);
  });

  it('gives a typed grouped number a format that shows what was typed', () => {
    const range = sheet().getRange('A1:B1');
    range.setValues([['1,234', '1,234.5']]);
    expect(range.getDisplayValues()).toEqual([['1,234', '1,234.5']]);
  });

  it('formats dates with date patterns', () => {
    const range = sheet().getRange('A1');
    range.setNumberFormat('yyyy-mm-dd').setValue(new Date(Date.UTC(2026, 2, 4)));
    expect(range.getDisplayValue()).toBe('2026-03-04');
  });
});

describe('a cell holds at most 50,000 characters', () => {
  const MESSAGE = 'Your input contains more than the maximum of 50000 characters in a single cell.';
  const limit = 'x'.repeat(50000);
  const over = 'x'.repeat(50001);

  it('stores 50,000 characters and refuses 50,001 with Google’s message, writing nothing', () => {
    const s = sheet();
    s.getRange('A1').setValue(limit);
    expect(String(s.getRange('A1').getValue()).length).toBe(50000);
    expect(() => s.getRange('A2').setValue(over)).toThrow(MESSAGE);
    expect(() => s.getRange('B1:C1').setValues([['kept?', over]])).toThrow(MESSAGE);
    expect(s.getRange('B1').getValue()).toBe('');
    expect(() => s.appendRow(['a', over])).toThrow(MESSAGE);
    expect(s.getLastRow()).toBe(1);
    expect(() => s.getRange('D1').setFormula(`=LEN("${over}")`)).toThrow(MESSAGE);
    expect(() => s.getRange('D1:D1').setFormulas([[`="${over}"`]])).toThrow(MESSAGE);
    s.getRange('E1').setNumberFormat('@');
    expect(() => s.getRange('E1').setValue(`'${limit}`)).toThrow(MESSAGE);
  });
});

describe('the other reading of plain-text cells (plainTextIsLiteral)', () => {
  it('stores a string written to a plain-text cell exactly, apostrophe and = included; other cells as typed', () => {
    const s = createEmulator({ timeZone: 'Etc/UTC', plainTextIsLiteral: true }).spreadsheet.getActiveSheet();
    const text = s.getRange('A1:C1');
    text.setNumberFormat('@').setValues([["'Tis", '=1+1', '007']]);
    expect(text.getValues()).toEqual([["'Tis", '=1+1', '007']]);
    expect(text.getFormulas()).toEqual([['', '', '']]);
    const typed = s.getRange('A2:B2');
    typed.setValues([["'Tis", '007']]);
    expect(typed.getValues()).toEqual([['Tis', 7]]);
  });
});
