import { describe, expect, it } from 'vitest';
import {
  BooleanCriteria,
  ChartType,
  createEmulator,
  DataValidationCriteria,
} from '../../src/emulation/index.js';

function newSheet(name = 'Leads') {
  const emulator = createEmulator();
  return { emulator, spreadsheet: emulator.spreadsheet, sheet: emulator.spreadsheet.insertSheet(name) };
}

describe('ranges and values', () => {
  it('uses 1-based coordinates in all getRange overloads', () => {
    const { sheet } = newSheet();
    expect(sheet.getRange(1, 1).getA1Notation()).toBe('A1');
    expect(sheet.getRange(2, 3, 4).getA1Notation()).toBe('C2:C5');
    expect(sheet.getRange(2, 3, 4, 2).getA1Notation()).toBe('C2:D5');
    const range = sheet.getRange('B2:D4');
    expect([range.getRow(), range.getColumn(), range.getNumRows(), range.getNumColumns()]).toEqual([
      2, 2, 3, 3,
    ]);
    expect([range.getLastRow(), range.getLastColumn()]).toEqual([4, 4]);
  });

  it('refuses coordinates below 1 and empty sizes with Google error texts', () => {
    const { sheet } = newSheet();
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.getRange(1, 0)).toThrow('The starting column of the range is too small.');
    expect(() => sheet.getRange(1, 1, 0)).toThrow('The number of rows in the range must be at least 1.');
    expect(() => sheet.getRange(1, 1, 1, 0)).toThrow(
      'The number of columns in the range must be at least 1.',
    );
    expect(() => sheet.getRange('not a range')).toThrow('Range not found');
    expect(() => sheet.getRange('1', 2 as never)).toThrow(
      "The parameters (String,number) don't match the method signature for SpreadsheetApp.Sheet.getRange.",
    );
  });

  it('reads empty cells as ""', () => {
    const { sheet } = newSheet();
    sheet.getRange('B2').setValue(5);
    expect(sheet.getRange('A1:C2').getValues()).toEqual([
      ['', '', ''],
      ['', 5, ''],
    ]);
    expect(sheet.getRange('Z100').getValue()).toBe('');
  });

  it('round-trips numbers, booleans, strings and Dates (as copies)', () => {
    const { sheet } = newSheet();
    const date = new Date('2024-03-01T10:00:00Z');
    sheet.getRange(1, 1, 1, 4).setValues([[1.5, true, 'text', date]]);
    const [row] = sheet.getRange(1, 1, 1, 4).getValues();
    expect(row).toEqual([1.5, true, 'text', date]);
    const stored = row![3] as Date;
    expect(stored).toBeInstanceOf(Date);
    expect(stored).not.toBe(date);
    stored.setFullYear(1999);
    date.setFullYear(1998);
    expect((sheet.getRange(1, 4).getValue() as Date).toISOString()).toBe('2024-03-01T10:00:00.000Z');
  });

  it('interprets strings like typed input unless the cell is plain text', () => {
    const { sheet } = newSheet();
    sheet.getRange('A1:A5').setValues([['12'], ['TRUE'], ['15%'], ["'007"], ['007x']]);
    expect(sheet.getRange('A1:A5').getValues()).toEqual([[12], [true], [0.15], ['007'], ['007x']]);
    sheet.getRange('B1').setNumberFormat('@').setValue('0012');
    expect(sheet.getRange('B1').getValue()).toBe('0012');
  });

  it('treats a written string starting with "=" as a formula', () => {
    const { sheet } = newSheet();
    sheet.getRange('A1').setValue('=SUM(B1:B2)');
    expect(sheet.getRange('A1').getFormula()).toBe('=SUM(B1:B2)');
    expect(sheet.getRange('A1').getValue()).toBe('');
    sheet.getRange('A2:B2').setFormulas([['=X()', '']]);
    expect(sheet.getRange('A1:B2').getFormulas()).toEqual([
      ['=SUM(B1:B2)', ''],
      ['=X()', ''],
    ]);
  });

  it('checks setValues shapes with Google error texts', () => {
    const { sheet } = newSheet();
    expect(() => sheet.getRange('A1:B2').setValues([[1, 2]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() => sheet.getRange('A1:B2').setValues([[1, 2], [3]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
    expect(() => sheet.getRange('A1:B1').setBackgrounds([['red', 'blue', 'green']])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 3 but the range has 2.',
    );
    expect(sheet.getLastRow()).toBe(0);
  });

  it('setValue fills every cell of a multi-cell range', () => {
    const { sheet } = newSheet();
    sheet.getRange('A1:B2').setValue('x');
    expect(sheet.getRange('A1:B2').getValues()).toEqual([
      ['x', 'x'],
      ['x', 'x'],
    ]);
  });

  it('displays values with their number formats', () => {
    const { sheet, spreadsheet } = newSheet();
    spreadsheet.setSpreadsheetTimeZone('America/New_York');
    sheet.getRange('A1:E1').setValues([[1234.5, 0.256, true, new Date('2024-01-15T18:30:00Z'), 1 / 3]]);
    sheet.getRange('A1').setNumberFormat('#,##0.00');
    sheet.getRange('B1').setNumberFormat('0.0%');
    expect(sheet.getRange('A1:E1').getDisplayValues()).toEqual([
      ['1,234.50', '25.6%', 'TRUE', '1/15/2024 13:30:00', '0.3333333333'],
    ]);
    sheet.getRange('D1').setNumberFormat('yyyy-mm-dd');
    expect(sheet.getRange('D1').getDisplayValue()).toBe('2024-01-15');
  });

  it('offsets and getCell stay relative and 1-based', () => {
    const { sheet } = newSheet();
    const range = sheet.getRange('B2:C3');
    expect(range.offset(1, 1).getA1Notation()).toBe('C3:D4');
    expect(range.offset(0, 0, 1, 1).getA1Notation()).toBe('B2');
    expect(range.getCell(2, 2).getA1Notation()).toBe('C3');
    expect(() => range.getCell(3, 1)).toThrow('Cell reference out of range');
  });

  it('reads whole-column ranges to the bottom of the sheet', () => {
    const { sheet } = newSheet();
    sheet.getRange('A3').setValue('x');
    const range = sheet.getRange('A:B');
    expect(range.getA1Notation()).toBe('A:B');
    expect(range.getNumRows()).toBe(1000);
    expect(range.getValues()[2]).toEqual(['x', '']);
  });

  it('clears contents, formats, or both', () => {
    const { sheet } = newSheet();
    const range = sheet.getRange('A1').setValue(1).setBackground('red').setNote('keep me');
    range.clearContent();
    expect([range.getValue(), range.getBackground()]).toEqual(['', '#ff0000']);
    range.setValue(2).clearFormat();
    expect([range.getValue(), range.getBackground()]).toEqual([2, '#ffffff']);
    range.setBackground('#ABC').clear();
    expect([range.getValue(), range.getBackground(), range.getNote()]).toEqual(['', '#ffffff', 'keep me']);
  });

  it('records formats per cell', () => {
    const { sheet } = newSheet();
    sheet
      .getRange('A1:B1')
      .setFontWeight('bold')
      .setFontColor('white')
      .setBackgrounds([['#ff0000', null]]);
    expect(sheet.getRange('A1:B1').getFontWeights()).toEqual([['bold', 'bold']]);
    expect(sheet.getRange('A1:B1').getBackgrounds()).toEqual([['#ff0000', '#ffffff']]);
    expect(sheet.getRange('A1').getFontColor()).toBe('#ffffff');
    expect(sheet.getRange('C1').getNumberFormat()).toBe('0.###############');
    sheet.getRange('A1').setHorizontalAlignment('center').setWrap(true);
    expect([sheet.getRange('A1').getHorizontalAlignment(), sheet.getRange('A1').getWrap()]).toEqual([
      'center',
      true,
    ]);
  });
});

describe('sheets', () => {
  it('starts with Sheet1 and inserts sheets at 0-based positions, activating them', () => {
    const emulator = createEmulator();
    const spreadsheet = emulator.spreadsheet;
    expect(spreadsheet.getSheets().map((sheet) => sheet.getName())).toEqual(['Sheet1']);
    const leads = spreadsheet.insertSheet('Leads');
    const model = spreadsheet.insertSheet('Model', 0);
    expect(spreadsheet.getSheets().map((sheet) => sheet.getName())).toEqual(['Model', 'Sheet1', 'Leads']);
    expect([model.getIndex(), leads.getIndex()]).toEqual([1, 3]);
    expect(spreadsheet.getActiveSheet()).toBe(model);
    expect(spreadsheet.insertSheet().getName()).toBe('Sheet4');
  });

  it('refuses a duplicate sheet name and finds sheets by name or null', () => {
    const { spreadsheet, sheet } = newSheet();
    expect(() => spreadsheet.insertSheet('Leads')).toThrow(
      'A sheet with the name "Leads" already exists. Please enter another name.',
    );
    expect(spreadsheet.getSheetByName('Leads')).toBe(sheet);
    expect(spreadsheet.getSheetByName('Missing')).toBeNull();
    expect(() => spreadsheet.getSheetByName('Sheet1')!.setName('Leads')).toThrow('already exists');
  });

  it('deletes sheets but never the last one', () => {
    const { spreadsheet, sheet } = newSheet();
    spreadsheet.deleteSheet(sheet);
    expect(spreadsheet.getSheetByName('Leads')).toBeNull();
    expect(() => spreadsheet.deleteSheet(spreadsheet.getSheets()[0]!)).toThrow(
      "You can't remove all the sheets in a document.",
    );
  });

  it('hides and shows sheets but keeps one visible', () => {
    const { spreadsheet, sheet } = newSheet();
    sheet.hideSheet();
    expect(sheet.isSheetHidden()).toBe(true);
    expect(() => spreadsheet.getSheetByName('Sheet1')!.hideSheet()).toThrow("You can't hide all the sheets");
    sheet.showSheet();
    expect(sheet.isSheetHidden()).toBe(false);
  });

  it('reports the last row and column with content (0 when empty)', () => {
    const { sheet } = newSheet();
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([0, 0]);
    sheet.getRange('C7').setBackground('red');
    expect(sheet.getLastRow()).toBe(0);
    sheet.getRange('B5').setValue('x');
    sheet.getRange('D2').setFormula('=F()');
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([5, 4]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:D5');
  });

  it('appends rows after the last row of a default-sized sheet', () => {
    const { sheet } = newSheet();
    sheet.appendRow(['a', 1]);
    sheet.appendRow(['b', 2]);
    expect(sheet.getRange('A1:B2').getValues()).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([1000, 26]);
  });

  it('shifts cells when rows are inserted or deleted', () => {
    const { sheet } = newSheet();
    sheet.getRange('A1:A3').setValues([['a'], ['b'], ['c']]);
    sheet.insertRowsAfter(1, 2);
    expect(sheet.getRange('A1:A5').getValues()).toEqual([['a'], [''], [''], ['b'], ['c']]);
    expect(sheet.getMaxRows()).toBe(1002);
    sheet.deleteRows(2, 2);
    expect(sheet.getRange('A1:A3').getValues()).toEqual([['a'], ['b'], ['c']]);
    expect(() => sheet.deleteRows(0, 1)).toThrow('Those rows are out of bounds.');
  });

  it('keeps frozen rows and recorded layout calls', () => {
    const { sheet } = newSheet();
    sheet.setFrozenRows(1);
    sheet.autoResizeColumns(1, 3);
    sheet.setColumnWidth(2, 250);
    expect(sheet.getFrozenRows()).toBe(1);
    expect(sheet.autoResizedColumns).toEqual([1, 2, 3]);
    expect([sheet.getColumnWidth(2), sheet.getColumnWidth(3)]).toEqual([250, 100]);
  });

  it('resolves Sheet!A1 notation from the spreadsheet', () => {
    const { spreadsheet } = newSheet();
    spreadsheet.insertSheet('Lead Model').getRange('B2').setValue(7);
    expect(spreadsheet.getRange("'Lead Model'!B2").getValue()).toBe(7);
    expect(() => spreadsheet.getRange('Nope!A1')).toThrow('Range not found');
  });
});

describe('named ranges', () => {
  it('names, finds, lists and removes ranges', () => {
    const { spreadsheet, sheet } = newSheet();
    spreadsheet.setNamedRange('LeadModel', sheet.getRange('A1:B3'));
    expect(spreadsheet.getRangeByName('leadmodel')!.getA1Notation()).toBe('A1:B3');
    expect(spreadsheet.getNamedRanges().map((named) => named.getName())).toEqual(['LeadModel']);
    spreadsheet.getNamedRanges()[0]!.setRange(sheet.getRange('C1:C2'));
    expect(spreadsheet.getRangeByName('LeadModel')!.getA1Notation()).toBe('C1:C2');
    spreadsheet.removeNamedRange('LeadModel');
    expect(spreadsheet.getRangeByName('LeadModel')).toBeNull();
  });

  it('rejects names that look like cells or booleans', () => {
    const { spreadsheet, sheet } = newSheet();
    for (const name of ['A1', 'TRUE', '1abc', 'has space', 'R1C1']) {
      expect(() => spreadsheet.setNamedRange(name, sheet.getRange('A1'))).toThrow('Invalid name');
    }
  });

  it('drops named ranges of a deleted sheet', () => {
    const { spreadsheet, sheet } = newSheet();
    spreadsheet.setNamedRange('Scores', sheet.getRange('A1'));
    spreadsheet.deleteSheet(sheet);
    expect(spreadsheet.getRangeByName('Scores')).toBeNull();
  });
});

describe('rules and charts as data', () => {
  it('replaces the conditional-format rule list', () => {
    const { emulator, sheet } = newSheet();
    const app = emulator.services.SpreadsheetApp;
    const high = app
      .newConditionalFormatRule()
      .whenNumberGreaterThan(80)
      .setBackground('#00FF00')
      .setRanges([sheet.getRange('L2:L100')])
      .build();
    sheet.setConditionalFormatRules([high]);
    const low = app.newConditionalFormatRule().whenNumberLessThan(20).setFontColor('red').build();
    sheet.setConditionalFormatRules([low]);
    const rules = sheet.getConditionalFormatRules();
    expect(rules).toHaveLength(1);
    const condition = rules[0]!.getBooleanCondition()!;
    expect(condition.getCriteriaType()).toBe(BooleanCriteria.NUMBER_LESS_THAN);
    expect(condition.getCriteriaValues()).toEqual([20]);
    expect(condition.getFontColor()).toBe('#ff0000');
    expect(high.getRanges()[0]!.getA1Notation()).toBe('L2:L100');
    sheet.clearConditionalFormatRules();
    expect(sheet.getConditionalFormatRules()).toEqual([]);
  });

  it('stores data validation per cell', () => {
    const { emulator, sheet } = newSheet();
    const rule = emulator.services.SpreadsheetApp.newDataValidation()
      .requireValueInList(['Hot', 'Warm', 'Cold'])
      .setAllowInvalid(false)
      .setHelpText('Pick a temperature')
      .build();
    sheet.getRange('C2:C3').setDataValidation(rule);
    const stored = sheet.getRange('C3').getDataValidation()!;
    expect(stored.getCriteriaType()).toBe(DataValidationCriteria.VALUE_IN_LIST);
    expect(stored.getCriteriaValues()).toEqual([['Hot', 'Warm', 'Cold'], true]);
    expect([stored.getAllowInvalid(), stored.getHelpText()]).toEqual([false, 'Pick a temperature']);
    expect(sheet.getRange('C4').getDataValidation()).toBeNull();
    sheet.getRange('C2').setDataValidation(null);
    expect(
      sheet
        .getRange('C2:C3')
        .getDataValidations()
        .map((row) => row[0] === null),
    ).toEqual([true, false]);
  });

  it('builds, inserts, updates and removes charts', () => {
    const { sheet } = newSheet();
    const chart = sheet
      .newChart()
      .asColumnChart()
      .addRange(sheet.getRange('A1:B10'))
      .setPosition(2, 5, 0, 0)
      .setOption('title', 'Scores')
      .build();
    expect(chart.getChartId()).toBeNull();
    sheet.insertChart(chart);
    const [inserted] = sheet.getCharts();
    expect(inserted!.getChartId()).toEqual(chart.getChartId());
    expect(inserted!.getType()).toBe(ChartType.COLUMN);
    expect(inserted!.getRanges().map((range) => range.getA1Notation())).toEqual(['A1:B10']);
    expect(inserted!.getOptions().get('title')).toBe('Scores');
    expect(inserted!.getContainerInfo().getAnchorColumn()).toBe(5);
    sheet.updateChart(inserted!.modify().setChartType(ChartType.BAR).build());
    expect(sheet.getCharts()[0]!.getType()).toBe(ChartType.BAR);
    sheet.removeChart(inserted!);
    expect(sheet.getCharts()).toEqual([]);
  });
});
