import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../src/emulation/index.js';
import { testEmulator } from './helpers.js';

// December 1, 2026, 12:00 UTC: "the current year" is 2026.
const NOW = Date.UTC(2026, 11, 1, 12);

function cell(timeZone = 'Etc/UTC') {
  const emulator = createEmulator({ clock: () => NOW, timeZone });
  return emulator.spreadsheet.getActiveSheet().getRange('A1');
}

function written(text: string, timeZone = 'Etc/UTC') {
  const range = cell(timeZone);
  range.setValue(text);
  return range.getValue();
}

describe('written strings are read like typed input (en_US)', () => {
  it('reads numbers: leading zeros, separators, spaces between digits, scientific notation', () => {
    expect(written('007')).toBe(7);
    expect(written('12')).toBe(12);
    expect(written('1,234.5')).toBe(1234.5);
    expect(written('22 34')).toBe(2234);
    expect(written('1e3')).toBe(1000);
    expect(written(' -4.5 ')).toBe(-4.5);
  });

  it('reads currency and percents, and formats the cell as Sheets does', () => {
    const range = cell();
    range.setValue('$12,000');
    expect([range.getValue(), range.getNumberFormat(), range.getDisplayValue()]).toEqual([
      12000,
      '$#,##0',
      '$12,000',
    ]);
    expect(written('-$5.50')).toBe(-5.5);
    const percent = cell();
    percent.setValue('50%');
    expect([percent.getValue(), percent.getNumberFormat()]).toEqual([0.5, '0%']);
    expect(written('12.5%')).toBe(0.125);
  });

  it('reads booleans in any case', () => {
    expect(written('TRUE')).toBe(true);
    expect(written('true')).toBe(true);
    expect(written('False')).toBe(false);
  });

  it('reads dates in the forms en_US accepts, without a year in the current year', () => {
    const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
    expect(written('2026-03-04')).toEqual(utc(2026, 3, 4));
    expect(written('2026/3/4')).toEqual(utc(2026, 3, 4));
    expect(written('3/4/2026')).toEqual(utc(2026, 3, 4));
    expect(written('3/4/26')).toEqual(utc(2026, 3, 4));
    expect(written('3/4')).toEqual(utc(2026, 3, 4));
    expect(written('1-10')).toEqual(utc(2026, 1, 10));
    expect(written('1/2')).toEqual(utc(2026, 1, 2));
    expect(written('Mar 4')).toEqual(utc(2026, 3, 4));
    expect(written('March 4, 2025')).toEqual(utc(2025, 3, 4));
    expect(written('4 Mar 2025')).toEqual(utc(2025, 3, 4));
    expect(written('2026-03-04 10:30')).toEqual(new Date(Date.UTC(2026, 2, 4, 10, 30)));
    const range = cell();
    range.setValue('3/4');
    expect(range.getDisplayValue()).toBe('3/4/2026');
  });

  it('puts typed dates at midnight in the spreadsheet time zone', () => {
    expect(written('2026-03-04', 'Asia/Kolkata')).toEqual(new Date('2026-03-03T18:30:00Z'));
    expect(written('3/8/2026', 'America/Los_Angeles')).toEqual(new Date('2026-03-08T08:00:00Z'));
    expect(written('3/9/2026', 'America/Los_Angeles')).toEqual(new Date('2026-03-09T07:00:00Z'));
  });

  it('reads times as times of day zero (December 30, 1899)', () => {
    expect(written('9:30')).toEqual(new Date(Date.UTC(1899, 11, 30, 9, 30)));
    expect(written('9:30 PM')).toEqual(new Date(Date.UTC(1899, 11, 30, 21, 30)));
  });

  it('keeps what is not a number, boolean or real date as the exact text', () => {
    for (const text of ['2/30', '13/1', '1-10 days', 'Tuesday', 'Hot', '10 %x', '1.2.3.4', 'TRUEish', '  ']) {
      expect(written(text)).toBe(text);
    }
  });

  it('stores "=..." as a formula, in every number format', () => {
    const range = cell();
    range.setValue('=1+1');
    expect([range.getFormula(), range.getValue()]).toEqual(['=1+1', '']);
    const plain = cell();
    plain.setNumberFormat('@');
    plain.setValue('=1+1');
    expect(plain.getFormula()).toBe('=1+1');
  });

  it('drops a leading apostrophe and keeps the rest as text, in every number format', () => {
    expect(written("'Tis")).toBe('Tis');
    expect(written("'007")).toBe('007');
    expect(written("'=1+1")).toBe('=1+1');
    expect(written("''x")).toBe("'x");
    const plain = cell();
    plain.setNumberFormat('@');
    plain.setValue("'=A1");
    expect([plain.getValue(), plain.getFormula()]).toEqual(['=A1', '']);
  });

  it('keeps every other string exactly in a plain-text (@) cell', () => {
    for (const text of ['007', '1-10', '3/4', '50%', '$12,000', 'TRUE', '1e3', ' 12 ', '2026-03-04']) {
      const range = cell();
      range.setNumberFormat('@');
      range.setValue(text);
      expect(range.getValue()).toBe(text);
    }
  });

  it('converts the same way per cell in setValues and appendRow, also from a script', () => {
    const emulator = testEmulator({ clock: () => NOW });
    const sheet = emulator.spreadsheet.getActiveSheet();
    sheet.getRange('B1').setNumberFormat('@');
    emulator.loadScript(`function write() {
      var sheet = SpreadsheetApp.getActiveSheet();
      sheet.getRange('A1:C1').setValues([['1-10', '1-10', '007']]);
      sheet.appendRow(['3/4', 'TRUE', "'3/4"]);
    }`);
    emulator.run('write');
    expect(sheet.getRange('A1:C1').getValues()).toEqual([[new Date(Date.UTC(2026, 0, 10)), '1-10', 7]]);
    expect(sheet.getRange('A2:C2').getValues()).toEqual([[new Date(Date.UTC(2026, 2, 4)), true, '3/4']]);
  });

  it('emulates only the en_US locale', () => {
    expect(() => createEmulator({ locale: 'de_DE' })).toThrow('not emulated');
    expect(createEmulator().spreadsheet.getSpreadsheetLocale()).toBe('en_US');
  });
});
