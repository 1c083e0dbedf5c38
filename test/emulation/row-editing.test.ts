// Inserting and deleting rows (Sheet.insertRow*/insertRows/deleteRow*), as a user's edit or a script's call:
// cells, named ranges, formats, validation, conditional formats and custom-function references follow.
import { describe, expect, it } from 'vitest';
import { DataValidationCriteria } from '../../src/emulation/index.js';
import { shiftA1Address } from '../../src/emulation/row-shift.js';
import { testEmulator } from './helpers.js';

function newSheet(name = 'Data') {
  const emulator = testEmulator();
  const sheet = emulator.spreadsheet.insertSheet(name);
  sheet.getRange('A1:A5').setValues([['a'], ['b'], ['c'], ['d'], ['e']]);
  return { emulator, spreadsheet: emulator.spreadsheet, sheet, app: emulator.services.SpreadsheetApp };
}

const column = (sheet: ReturnType<typeof newSheet>['sheet'], a1: string) =>
  sheet.getRange(a1).getValues().flat();

describe('inserting rows', () => {
  it('moves the cells at and below the insertion point down and grows the sheet', () => {
    const { sheet } = newSheet();
    expect(sheet.insertRowAfter(2)).toBe(sheet);
    expect(column(sheet, 'A1:A6')).toEqual(['a', 'b', '', 'c', 'd', 'e']);
    expect(sheet.insertRowBefore(1)).toBe(sheet);
    expect(column(sheet, 'A1:A3')).toEqual(['', 'a', 'b']);
    expect(sheet.insertRowsBefore(3, 2)).toBe(sheet);
    expect(column(sheet, 'A1:A5')).toEqual(['', 'a', '', '', 'b']);
    expect(sheet.insertRowsAfter(9, 1)).toBe(sheet);
    expect(sheet.getMaxRows()).toBe(1005);
  });

  it('insertRows(rowIndex[, numRows]) inserts blank rows starting at rowIndex and returns nothing', () => {
    const { sheet } = newSheet();
    expect(sheet.insertRows(2)).toBeUndefined();
    expect(column(sheet, 'A1:A3')).toEqual(['a', '', 'b']);
    sheet.insertRows(1, 3);
    expect(column(sheet, 'A1:A5')).toEqual(['', '', '', 'a', '']);
    expect(sheet.getMaxRows()).toBe(1004);
  });

  it('insertRowsAfter the last row appends rows to the sheet', () => {
    const { sheet } = newSheet();
    sheet.insertRowsAfter(1000, 2);
    expect(sheet.getMaxRows()).toBe(1002);
    expect(column(sheet, 'A1:A5')).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('refuses positions outside the sheet and wrong argument types', () => {
    const { sheet } = newSheet();
    expect(() => sheet.insertRowBefore(0)).toThrow('Those rows are out of bounds.');
    expect(() => sheet.insertRowAfter(1001)).toThrow('Those rows are out of bounds.');
    expect(() => sheet.insertRowsAfter(1, 0)).toThrow('Those rows are out of bounds.');
    expect(() => sheet.insertRowsBefore('2' as unknown as number, 1)).toThrow(
      "The parameters (String,number) don't match the method signature for SpreadsheetApp.Sheet.insertRowsBefore.",
    );
  });

  it('grows named ranges that span the insertion point, moves those below, leaves those above', () => {
    const { sheet, spreadsheet } = newSheet();
    spreadsheet.setNamedRange('Inside', sheet.getRange('A1:B4'));
    spreadsheet.setNamedRange('Below', sheet.getRange('A5:B5'));
    spreadsheet.setNamedRange('Above', sheet.getRange('A1:A2'));
    sheet.insertRowAfter(2);
    expect(spreadsheet.getRangeByName('Inside')?.getA1Notation()).toBe('A1:B5');
    expect(spreadsheet.getRangeByName('Below')?.getA1Notation()).toBe('A6:B6');
    expect(spreadsheet.getRangeByName('Above')?.getA1Notation()).toBe('A1:A2');
    expect(spreadsheet.getRangeByName('Below')?.getValue()).toBe('e');
  });

  it('does not grow a named range when inserting after its last row or before its first row', () => {
    const { sheet, spreadsheet } = newSheet();
    spreadsheet.setNamedRange('Table', sheet.getRange('A2:A4'));
    sheet.insertRowAfter(4);
    expect(spreadsheet.getRangeByName('Table')?.getA1Notation()).toBe('A2:A4');
    sheet.insertRowBefore(2);
    expect(spreadsheet.getRangeByName('Table')?.getA1Notation()).toBe('A3:A5');
    expect(spreadsheet.getRangeByName('Table')?.getValues().flat()).toEqual(['b', 'c', 'd']);
  });

  it('leaves named ranges on other sheets alone', () => {
    const { sheet, spreadsheet } = newSheet();
    const other = spreadsheet.insertSheet('Other');
    spreadsheet.setNamedRange('Elsewhere', other.getRange('A1:A4'));
    sheet.insertRowAfter(1);
    expect(spreadsheet.getRangeByName('Elsewhere')?.getA1Notation()).toBe('A1:A4');
  });

  it('gives the new row the formats and validation of the row above (after) or below (before), but no values', () => {
    const { sheet, app } = newSheet();
    const checkbox = app.newDataValidation().requireCheckbox().build();
    sheet.getRange('A2:C2').setBackground('#ff0000').setFontWeight('bold').setNumberFormat('0.00');
    sheet.getRange('C2').setDataValidation(checkbox).setValue(true).setNote('note');
    sheet.getRange('A3:C3').setBackground('#00ff00');

    sheet.insertRowAfter(2); // new row 3 takes row 2's look
    expect(sheet.getRange('A3:C3').getBackgrounds()).toEqual([['#ff0000', '#ff0000', '#ff0000']]);
    expect(sheet.getRange('A3').getFontWeight()).toBe('bold');
    expect(sheet.getRange('B3').getNumberFormat()).toBe('0.00');
    expect(sheet.getRange('C3').getDataValidation()?.getCriteriaType()).toBe(DataValidationCriteria.CHECKBOX);
    // Blank rows: no value (an unticked checkbox reads as "", not false), no note.
    expect(sheet.getRange('A3:C3').getValues()).toEqual([['', '', '']]);
    expect(sheet.getRange('C3').getNote()).toBe('');
    expect(sheet.getRange('A4').getBackground()).toBe('#00ff00');

    sheet.insertRowBefore(4); // new row 4 takes the look of the row that moves down (the green one)
    expect(sheet.getRange('A4').getBackground()).toBe('#00ff00');
    expect(sheet.getRange('C4').getDataValidation()).toBeNull();
    expect(sheet.getRange('A5').getValue()).toBe('c');
  });

  it('moves conditional-format ranges like named ranges', () => {
    const { sheet, app } = newSheet();
    const rule = app
      .newConditionalFormatRule()
      .whenCellNotEmpty()
      .setBackground('#ffff00')
      .setRanges([sheet.getRange('A1:A3'), sheet.getRange('C4:C5')])
      .build();
    sheet.setConditionalFormatRules([rule]);
    sheet.insertRowsBefore(2, 2);
    const [moved] = sheet.getConditionalFormatRules();
    expect(moved?.getRanges().map((range) => range.getA1Notation())).toEqual(['A1:A5', 'C6:C7']);
    expect(moved?.getBooleanCondition()?.getBackground()).toBe('#ffff00');
  });
});

describe('deleting rows', () => {
  it('moves the cells below up and shrinks the sheet', () => {
    const { sheet } = newSheet();
    expect(sheet.deleteRow(2)).toBe(sheet);
    expect(column(sheet, 'A1:A4')).toEqual(['a', 'c', 'd', 'e']);
    expect(sheet.deleteRows(1, 2)).toBeUndefined();
    expect(column(sheet, 'A1:A2')).toEqual(['d', 'e']);
    expect(sheet.getMaxRows()).toBe(997);
    expect(() => sheet.deleteRows(997, 2)).toThrow('Those rows are out of bounds.');
    expect(() => sheet.deleteRows(1, 997)).toThrow("You can't delete all the rows on the sheet.");
  });

  it('shrinks named ranges, moves those below up, and drops a range whose rows are all deleted', () => {
    const { sheet, spreadsheet } = newSheet();
    spreadsheet.setNamedRange('Table', sheet.getRange('A1:B4'));
    spreadsheet.setNamedRange('Tail', sheet.getRange('A5'));
    spreadsheet.setNamedRange('Doomed', sheet.getRange('A2:A3'));
    sheet.deleteRows(2, 2);
    expect(spreadsheet.getRangeByName('Table')?.getA1Notation()).toBe('A1:B2');
    expect(spreadsheet.getRangeByName('Tail')?.getA1Notation()).toBe('A3');
    expect(spreadsheet.getRangeByName('Tail')?.getValue()).toBe('e');
    expect(spreadsheet.getRangeByName('Doomed')).toBeNull();
  });
});

const SCRIPT = `
function SUMALL(values) {
  var total = 0;
  (Array.isArray(values) ? values : [[values]]).forEach(function (row) {
    row.forEach(function (value) { total += typeof value === 'number' ? value : 0; });
  });
  return total;
}
function COUNTROWS(values) { return Array.isArray(values) ? values.length : 1; }
function SPILL(n) { var out = []; for (var i = 0; i < n; i++) out.push([i]); return out; }
function INSERTER() { SpreadsheetApp.getActiveSheet().insertRowAfter(1); return 'inserted'; }
function DELETER() { SpreadsheetApp.getActiveSheet().deleteRow(1); return 'deleted'; }
function editRows() {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Nums');
  sheet.insertRowBefore(1);
  sheet.insertRowsAfter(1, 2);
  sheet.insertRows(1);
  sheet.deleteRows(1, 3);
  sheet.deleteRow(1);
}
`;

function withFormulas() {
  const emulator = testEmulator();
  const nums = emulator.spreadsheet.insertSheet('Nums');
  nums.getRange('A1:A4').setValues([[1], [2], [3], [4]]);
  emulator.loadScript(SCRIPT);
  return { emulator, nums, spreadsheet: emulator.spreadsheet };
}

describe('custom-function formulas when rows move', () => {
  it('moves formula cells and rewrites their A1 arguments; the result follows the grown range', () => {
    const { emulator, nums } = withFormulas();
    nums.getRange('C5').setFormula('=SUMALL(A1:A4)');
    nums.getRange('D1').setFormula('=COUNTROWS($A$1:$A$4)');
    emulator.recalculate();
    expect(nums.getRange('C5').getValue()).toBe(10);
    nums.insertRowAfter(2);
    expect(nums.getRange('C6').getFormula()).toBe('=SUMALL(A1:A5)');
    expect(nums.getRange('C5').getFormula()).toBe('');
    expect(nums.getRange('D1').getFormula()).toBe('=COUNTROWS($A$1:$A$5)');
    nums.getRange('A3').setValue(100);
    expect(emulator.recalculate()).toEqual(expect.arrayContaining(['Nums!C6', 'Nums!D1']));
    expect(nums.getRange('C6').getValue()).toBe(110);
    expect(nums.getRange('D1').getValue()).toBe(5);
  });

  it('does not grow a reference when rows are inserted after its last row, and leaves named arguments as names', () => {
    const { emulator, nums, spreadsheet } = withFormulas();
    spreadsheet.setNamedRange('Nums4', nums.getRange('A1:A4'));
    nums.getRange('C1').setFormula('=SUMALL(A1:A4)');
    nums.getRange('C2').setFormula('=SUMALL(Nums4)');
    emulator.recalculate();
    nums.insertRowsAfter(4, 3);
    expect(nums.getRange('C1').getFormula()).toBe('=SUMALL(A1:A4)');
    expect(nums.getRange('C2').getFormula()).toBe('=SUMALL(Nums4)');
    nums.getRange('A5').setValue(50);
    emulator.recalculate();
    expect(nums.getRange('C1').getValue()).toBe(10);
    expect(nums.getRange('C2').getValue()).toBe(10);
  });

  it('rewrites Sheet!A1 references from formulas on other sheets, and not references to other sheets', () => {
    const { emulator, nums, spreadsheet } = withFormulas();
    const report = spreadsheet.insertSheet('Report');
    report.getRange('A1').setFormula("=SUMALL(Nums!A1:A4, 'Nums'!A4)");
    report.getRange('A2').setFormula('=SUMALL(A3:A4)');
    emulator.recalculate();
    nums.insertRowBefore(1);
    expect(report.getRange('A1').getFormula()).toBe("=SUMALL(Nums!A2:A5, 'Nums'!A5)");
    expect(report.getRange('A2').getFormula()).toBe('=SUMALL(A3:A4)');
    nums.deleteRows(1, 1);
    expect(report.getRange('A1').getFormula()).toBe("=SUMALL(Nums!A1:A4, 'Nums'!A4)");
  });

  it('shrinks references on deletion; a reference whose rows are all deleted shows #REF!', () => {
    const { emulator, nums } = withFormulas();
    nums.getRange('C1').setFormula('=SUMALL(A1:A4)');
    nums.getRange('C2').setFormula('=SUMALL(A3)');
    emulator.recalculate();
    nums.deleteRow(3);
    expect(nums.getRange('C1').getFormula()).toBe('=SUMALL(A1:A3)');
    expect(nums.getRange('C2').getFormula()).toBe('=SUMALL(#REF!)');
    expect(nums.getRange('C2').getValue()).toBe('#REF!');
    expect(emulator.formulaError('Nums!C2')).toBe('Reference does not exist.');
    emulator.recalculate();
    expect(nums.getRange('C1').getValue()).toBe(7);
    expect(nums.getRange('C2').getValue()).toBe('#REF!');
  });

  it('moves a spilled result with its formula and removes it with a deleted formula', () => {
    const { emulator, nums } = withFormulas();
    nums.getRange('E2').setFormula('=SPILL(3)');
    emulator.recalculate();
    nums.insertRowBefore(1);
    expect(nums.getRange('E3:E5').getValues().flat()).toEqual([0, 1, 2]);
    expect(emulator.recalculate()).toEqual(['Nums!E3']);
    expect(nums.getRange('E2:E6').getValues().flat()).toEqual(['', 0, 1, 2, '']);
    nums.deleteRow(3);
    expect(nums.getRange('E3:E4').getValues().flat()).toEqual(['', '']);
  });

  it('refuses row insertion and deletion in custom functions', () => {
    const { emulator, nums } = withFormulas();
    nums.getRange('C1').setFormula('=INSERTER()');
    nums.getRange('C2').setFormula('=DELETER()');
    emulator.recalculate();
    expect(emulator.formulaError('Nums!C1')).toBe('You do not have permission to call insertRowAfter');
    expect(emulator.formulaError('Nums!C2')).toBe('You do not have permission to call deleteRow');
    expect(nums.getMaxRows()).toBe(1000);
    expect(nums.getRange('A1').getValue()).toBe(1);
  });

  it('logs the calls a script makes', () => {
    const { emulator, nums } = withFormulas();
    emulator.resetCalls();
    emulator.run('editRows');
    expect(emulator.calls.filter((call) => call.startsWith('Sheet.'))).toEqual([
      'Sheet.insertRowBefore',
      'Sheet.insertRowsAfter',
      'Sheet.insertRows',
      'Sheet.deleteRows',
      'Sheet.deleteRow',
    ]);
    expect(nums.getMaxRows()).toBe(1000);
    expect(nums.getRange('A1:A4').getValues().flat()).toEqual([1, 2, 3, 4]);
  });
});

describe('shiftA1Address', () => {
  const insert = { at: 3, delta: 2 };
  const remove = { at: 3, delta: -2 };
  it('keeps letters and $ marks, and handles open and whole-row/column ranges', () => {
    expect(shiftA1Address('$A$2:$M$10', insert)).toBe('$A$2:$M$12');
    expect(shiftA1Address('A3', insert)).toBe('A5');
    expect(shiftA1Address('A2', insert)).toBe('A2');
    expect(shiftA1Address('A4:K', insert)).toBe('A6:K');
    expect(shiftA1Address('2:5', insert)).toBe('2:7');
    expect(shiftA1Address('A:K', insert)).toBe('A:K');
  });
  it('shrinks on deletion and reports a fully deleted reference as null', () => {
    expect(shiftA1Address('A1:A10', remove)).toBe('A1:A8');
    expect(shiftA1Address('A4:A10', remove)).toBe('A3:A8');
    expect(shiftA1Address('A3:A4', remove)).toBeNull();
    expect(shiftA1Address('B4', remove)).toBeNull();
    expect(shiftA1Address('B5', remove)).toBe('B3');
  });
});
