import { describe, expect, it } from 'vitest';
import { testEmulator } from './helpers.js';

// RUNS counts executions in a document property (globals do not survive between executions).
const SCRIPT = `
  function STAMP(value) {
    var props = PropertiesService.getDocumentProperties();
    var runs = Number(props.getProperty('runs') || 0) + 1;
    props.setProperty('runs', String(runs));
    return String(value) + '#' + runs;
  }
  function resetFormula() {
    var cell = SpreadsheetApp.getActiveSheet().getRange('B1');
    cell.clearContent();
    cell.setFormula('=STAMP(A1)');
  }
`;

function setUp() {
  const emulator = testEmulator();
  emulator.loadScript(SCRIPT);
  const sheet = emulator.spreadsheet.getActiveSheet();
  sheet.getRange('A1').setValue('x');
  sheet.getRange('B1').setFormula('=STAMP(A1)');
  emulator.recalculate();
  return {
    emulator,
    sheet,
    runs: () => emulator.services.PropertiesService.getDocumentProperties().getProperty('runs'),
  };
}

describe('custom-function results are cached by function and argument values', () => {
  it('does not re-run a formula re-set with the same arguments (clear and set again)', () => {
    const { emulator, sheet, runs } = setUp();
    expect(sheet.getRange('B1').getValue()).toBe('x#1');
    emulator.run('resetFormula');
    expect(emulator.recalculate()).toEqual(['Sheet1!B1']);
    expect(sheet.getRange('B1').getValue()).toBe('x#1');
    expect(runs()).toBe('1');
  });

  it('answers another cell with the same call from the cache too', () => {
    const { emulator, sheet, runs } = setUp();
    sheet.getRange('C5').setFormula('=STAMP(A1)');
    emulator.recalculate();
    expect(sheet.getRange('C5').getValue()).toBe('x#1');
    expect(runs()).toBe('1');
  });

  it('runs again when an argument value changes, and reuses the old result when it changes back', () => {
    const { emulator, sheet, runs } = setUp();
    sheet.getRange('A1').setValue('y');
    emulator.recalculate();
    expect(sheet.getRange('B1').getValue()).toBe('y#2');
    sheet.getRange('A1').setValue('x');
    emulator.recalculate();
    expect(sheet.getRange('B1').getValue()).toBe('x#1');
    expect(runs()).toBe('2');
  });

  it('still recalculates only when an argument range changes', () => {
    const { emulator, sheet, runs } = setUp();
    sheet.getRange('D9').setValue('unrelated');
    expect(emulator.recalculate()).toEqual([]);
    expect(runs()).toBe('1');
  });
});
