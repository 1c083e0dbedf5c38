import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../src/emulation/index.js';
import { testEmulator } from './helpers.js';

const OUTSIDE = 'The coordinates of the range are outside the dimensions of the sheet.';

function newSheet() {
  const emulator = createEmulator();
  return { emulator, sheet: emulator.spreadsheet.getActiveSheet() };
}

describe('sheet bounds: no range reaches past getMaxRows() x getMaxColumns()', () => {
  it('gives new sheets 1000 rows and 26 columns', () => {
    const { emulator, sheet } = newSheet();
    const inserted = emulator.spreadsheet.insertSheet('Other');
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([1000, 26]);
    expect([inserted.getMaxRows(), inserted.getMaxColumns()]).toEqual([1000, 26]);
  });

  it('refuses every getRange form outside the sheet, and never grows the sheet to meet it', () => {
    const { emulator, sheet } = newSheet();
    expect(() => sheet.getRange(1001, 1)).toThrow(OUTSIDE);
    expect(() => sheet.getRange(1, 27)).toThrow(OUTSIDE);
    expect(() => sheet.getRange(999, 1, 3)).toThrow(OUTSIDE);
    expect(() => sheet.getRange(1, 24, 1, 4)).toThrow(OUTSIDE);
    expect(() => sheet.getRange('AA1')).toThrow(OUTSIDE);
    expect(() => sheet.getRange('A1:A1001')).toThrow(OUTSIDE);
    expect(() => sheet.getRange('Sheet1!Z1:AA2')).toThrow(OUTSIDE);
    expect(() => emulator.spreadsheet.getRange('Sheet1!A1001')).toThrow(OUTSIDE);
    expect(() => emulator.spreadsheet.getRange('A1:AB3')).toThrow(OUTSIDE);
    expect(() => sheet.getRange('A1').offset(1000, 0)).toThrow(OUTSIDE);
    expect(sheet.getRange('Z1000').getA1Notation()).toBe('Z1000');
    expect(sheet.getRange('A:Z').getNumRows()).toBe(1000);
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([1000, 26]);
  });

  it('refuses the same from a script, with "Exception:" as Apps Script shows it', () => {
    const emulator = testEmulator();
    emulator.loadScript(`function writeAfter() {
      SpreadsheetApp.getActiveSheet().getRange(1, 27, 1, 4).setValues([[1, 2, 3, 4]]);
    }`);
    expect(() => emulator.run('writeAfter')).toThrow(OUTSIDE);
    try {
      emulator.run('writeAfter');
    } catch (error) {
      expect(String(error)).toBe(`Exception: ${OUTSIDE}`);
    }
  });

  it('grows with insertRows*/insertColumns* and shrinks with deleteRows/deleteColumns', () => {
    const { sheet } = newSheet();
    sheet.getRange('Z1').setValue('last');
    sheet.insertColumnsAfter(26, 4);
    expect(sheet.getMaxColumns()).toBe(30);
    sheet.getRange(1, 27, 1, 4).setValues([['a', 'b', 'c', 'd']]);
    sheet.insertColumnAfter(30);
    sheet.insertColumnBefore(1);
    sheet.insertColumns(1, 2);
    expect(sheet.getMaxColumns()).toBe(34);
    expect(sheet.getRange(1, 30).getValue()).toBe('a');
    sheet.deleteColumns(1, 3);
    expect(sheet.getMaxColumns()).toBe(31);
    expect(sheet.getRange('AA1').getValue()).toBe('a');
    expect(() => sheet.deleteColumns(1, 31)).toThrow("You can't delete all the columns on the sheet.");
    sheet.insertRowsAfter(1000, 10);
    expect(sheet.getMaxRows()).toBe(1010);
    sheet.getRange(1010, 1).setValue('bottom');
    sheet.deleteRows(1, 5);
    expect(sheet.getMaxRows()).toBe(1005);
    expect(() => sheet.getRange(1006, 1)).toThrow(OUTSIDE);
  });

  it('lets appendRow add a row when the sheet is full, but not columns', () => {
    const { sheet } = newSheet();
    sheet.getRange('A1000').setValue('full');
    sheet.appendRow(['next']);
    expect(sheet.getMaxRows()).toBe(1001);
    expect(sheet.getRange('A1001').getValue()).toBe('next');
    expect(() => sheet.appendRow(new Array(27).fill('x'))).toThrow(OUTSIDE);
  });

  it('refuses column moves that formulas or named ranges would have to follow', () => {
    const { emulator, sheet } = newSheet();
    sheet.getRange('B1').setValue(1);
    emulator.spreadsheet.setNamedRange('Points', sheet.getRange('B1'));
    expect(() => sheet.insertColumnBefore(1)).toThrow('the emulation does not follow column moves');
    expect(sheet.getMaxColumns()).toBe(26);
    sheet.insertColumnsAfter(26, 1);
    expect(sheet.getMaxColumns()).toBe(27);
  });
});
