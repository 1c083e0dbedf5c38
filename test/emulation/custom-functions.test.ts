import { describe, expect, it } from 'vitest';
import { normalizeResult, parseCustomFunctionCall } from '../../src/emulation/index.js';
import { testEmulator } from './helpers.js';

const FUNCTIONS = `
/** Counts the calls through the document cache (globals do not survive executions). */
function countCall_() {
  var cache = CacheService.getDocumentCache();
  var calls = Number(cache.get('calls') || 0) + 1;
  cache.put('calls', String(calls));
  return calls;
}
function SUMALL(values) {
  countCall_();
  var total = 0;
  (Array.isArray(values) ? values : [[values]]).forEach(function (row) {
    row.forEach(function (value) { total += typeof value === 'number' ? value : 0; });
  });
  return total;
}
function READSIDE() {
  countCall_();
  return SpreadsheetApp.getActiveSpreadsheet().getRange('Data!Z1').getValue();
}
function DESCRIBE(a, b, c, d) {
  function kind(value) {
    if (Array.isArray(value)) return 'array' + value.length + 'x' + value[0].length;
    if (value instanceof Date) return 'date';
    if (value === '') return 'empty';
    return typeof value;
  }
  return [kind(a), kind(b), kind(c), kind(d), arguments.length].join(',');
}
function SPILL(rows, columns) {
  var out = [];
  for (var r = 0; r < rows; r++) { var line = []; for (var c = 0; c < columns; c++) line.push(r * 10 + c); out.push(line); }
  return out;
}
function LIST() { return ['a', 'b', 'c']; }
function NOTHING() { return undefined; }
function BOOM() { throw new Error('Model is missing a weight for Industry'); }
function WRITER() { SpreadsheetApp.getActiveSheet().getRange('A1').setValue('hacked'); return 'wrote'; }
function ASKUI() { SpreadsheetApp.getUi(); return 'ui'; }
function WHOAMI() { return Session.getActiveUser().getEmail() + '@' + SpreadsheetApp.getActiveRange().getA1Notation(); }
function EFFECTIVE() { return Session.getEffectiveUser().getEmail(); }
function SERVICES() {
  LockService.getDocumentLock().tryLock(100);
  PropertiesService.getDocumentProperties().getProperty('x');
  return Utilities.formatDate(new Date(0), 'Etc/UTC', 'yyyy');
}
`;

function setup() {
  const emulator = testEmulator({ activeUser: 'owner@example.com' });
  const data = emulator.spreadsheet.insertSheet('Data');
  data.getRange('A1:A3').setValues([[1], [2], [3]]);
  emulator.loadScript(FUNCTIONS);
  const calls = () => Number(emulator.services.CacheService.getDocumentCache().get('calls') ?? 0);
  return { emulator, data, calls };
}

describe('parsing custom-function formulas', () => {
  it('reads references, named ranges and literals', () => {
    expect(parseCustomFunctionCall('=LEADSCORE(A1:K200, LeadModel)')).toEqual({
      functionName: 'LEADSCORE',
      args: [
        { kind: 'reference', text: 'A1:K200' },
        { kind: 'reference', text: 'LeadModel' },
      ],
    });
    expect(parseCustomFunctionCall(`=f('My Sheet'!A1, "a ""q"", b", -2.5, TRUE)`)!.args).toEqual([
      { kind: 'reference', text: "'My Sheet'!A1" },
      { kind: 'literal', value: 'a "q", b' },
      { kind: 'literal', value: -2.5 },
      { kind: 'literal', value: true },
    ]);
    expect(parseCustomFunctionCall('=f(A1,,)')!.args).toEqual([{ kind: 'reference', text: 'A1' }]);
    expect(parseCustomFunctionCall('=f()')!.args).toEqual([]);
  });

  it('leaves formulas it cannot evaluate alone', () => {
    expect(parseCustomFunctionCall('=A1+1')).toBeNull();
    expect(parseCustomFunctionCall('=F(SUM(A1:A2))')).toBeNull();
    expect(parseCustomFunctionCall('plain text')).toBeNull();
  });

  it('shapes results: scalars fill a cell, 1-D arrays a column, ragged rows are padded', () => {
    expect(normalizeResult(5)).toEqual([[5]]);
    expect(normalizeResult(null)).toEqual([['']]);
    expect(normalizeResult(['a', 'b'])).toEqual([['a'], ['b']]);
    expect(normalizeResult([[1, 2], [3]])).toEqual([
      [1, 2],
      [3, ''],
    ]);
  });
});

describe('recalculate()', () => {
  it('evaluates new formulas in CUSTOM_FUNCTION mode and fills the cell', () => {
    const { emulator, data } = setup();
    data.getRange('B1').setFormula('=SUMALL(A1:A3)');
    expect(data.getRange('B1').getValue()).toBe('');
    expect(emulator.recalculate()).toEqual(['Data!B1']);
    expect(data.getRange('B1').getValue()).toBe(6);
    expect(emulator.recalculate()).toEqual([]);
  });

  it('re-runs a formula when a cell of its argument range changes', () => {
    const { emulator, data, calls } = setup();
    data.getRange('B1').setFormula('=SUMALL(A1:A3)');
    emulator.recalculate();
    data.getRange('A2').setValue(20);
    expect(emulator.recalculate()).toEqual(['Data!B1']);
    expect(data.getRange('B1').getValue()).toBe(24);
    data.getRange('A10').setValue(100);
    expect(emulator.recalculate()).toEqual([]);
    expect(calls()).toBe(2);
  });

  it('does NOT re-run a formula when data it reads through SpreadsheetApp changes', () => {
    const { emulator, data } = setup();
    data.getRange('Z1').setValue('v1');
    data.getRange('B1').setFormula('=READSIDE()');
    emulator.recalculate();
    expect(data.getRange('B1').getValue()).toBe('v1');
    data.getRange('Z1').setValue('v2');
    expect(emulator.recalculate()).toEqual([]);
    expect(data.getRange('B1').getValue()).toBe('v1');
    expect(emulator.recalculate({ force: true })).toEqual(['Data!B1']);
    expect(data.getRange('B1').getValue()).toBe('v2');
  });

  it('tracks named-range arguments, including redefinitions', () => {
    const { emulator, data, calls } = setup();
    emulator.spreadsheet.setNamedRange('LeadModel', data.getRange('A1:A2'));
    data.getRange('C1').setFormula('=SUMALL(LeadModel)');
    emulator.recalculate();
    expect(data.getRange('C1').getValue()).toBe(3);
    data.getRange('A1').setValue(10);
    emulator.recalculate();
    expect(data.getRange('C1').getValue()).toBe(12);
    emulator.spreadsheet.setNamedRange('LeadModel', data.getRange('A1:A3'));
    emulator.recalculate();
    expect(data.getRange('C1').getValue()).toBe(15);
    expect(calls()).toBe(3);
  });

  it('re-evaluates an edited formula and follows references to other sheets', () => {
    const { emulator, data } = setup();
    const other = emulator.spreadsheet.insertSheet('Other');
    other.getRange('A1').setFormula('=SUMALL(Data!A1:A2)');
    emulator.recalculate();
    expect(other.getRange('A1').getValue()).toBe(3);
    data.getRange('A1').setValue(5);
    expect(emulator.recalculate()).toEqual(['Other!A1']);
    other.getRange('A1').setFormula('=SUMALL(Data!A1:A3)');
    emulator.recalculate();
    expect(other.getRange('A1').getValue()).toBe(10);
  });

  it('passes arguments as Sheets does: scalar, 2-D array, "", Date, literals; omitted ones absent', () => {
    const { emulator, data } = setup();
    data.getRange('D1').setValue(new Date('2024-01-01T00:00:00Z'));
    data.getRange('E1').setFormula('=DESCRIBE(A1, A1:B3, C1, D1)');
    data.getRange('E2').setFormula('=describe("x", 2, TRUE)');
    emulator.recalculate();
    expect(data.getRange('E1').getValue()).toBe('number,array3x2,empty,date,4');
    expect(data.getRange('E2').getValue()).toBe('string,number,boolean,undefined,3');
  });

  it('spills 2-D results down and right, and 1-D results down a column', () => {
    const { emulator, data } = setup();
    data.getRange('D1').setFormula('=SPILL(2, 3)');
    data.getRange('H1').setFormula('=LIST()');
    emulator.recalculate();
    expect(data.getRange('D1:F2').getValues()).toEqual([
      [0, 1, 2],
      [10, 11, 12],
    ]);
    expect(data.getRange('E1').getFormula()).toBe('');
    expect(data.getRange('H1:H3').getValues()).toEqual([['a'], ['b'], ['c']]);
  });

  it('shrinks the spilled area when the result gets smaller', () => {
    const { emulator, data } = setup();
    data.getRange('D1').setFormula('=SPILL(3, 1)');
    emulator.recalculate();
    data.getRange('D1').setFormula('=SPILL(1, 1)');
    emulator.recalculate();
    expect(data.getRange('D1:D3').getValues()).toEqual([[0], [''], ['']]);
  });

  it('shows #REF! when the spill would overwrite data, and expands once the data is gone', () => {
    const { emulator, data } = setup();
    data.getRange('E2').setValue('in the way');
    data.getRange('D1').setFormula('=SPILL(2, 2)');
    emulator.recalculate();
    expect(data.getRange('D1').getValue()).toBe('#REF!');
    expect(data.getRange('D2').getValue()).toBe('');
    expect(emulator.formulaError('Data!D1')).toBe(
      'Array result was not expanded because it would overwrite data in E2.',
    );
    data.getRange('E2').clearContent();
    expect(emulator.recalculate()).toEqual(['Data!D1']);
    expect(data.getRange('D1:E2').getValues()).toEqual([
      [0, 1],
      [10, 11],
    ]);
    expect(emulator.formulaError('Data!D1')).toBeUndefined();
  });

  it('shows #REF! when a user writes into the spilled area', () => {
    const { emulator, data } = setup();
    data.getRange('D1').setFormula('=SPILL(2, 1)');
    emulator.recalculate();
    data.getRange('D2').setValue('typed');
    emulator.recalculate();
    expect(data.getRange('D1:D2').getValues()).toEqual([['#REF!'], ['typed']]);
  });

  it('shows #ERROR! and keeps the message when the function throws', () => {
    const { emulator, data } = setup();
    data.getRange('B1').setFormula('=BOOM()');
    emulator.recalculate();
    expect(data.getRange('B1').getValue()).toBe('#ERROR!');
    expect(emulator.formulaError('Data!B1')).toBe('Model is missing a weight for Industry');
  });

  it('turns undefined results into an empty cell', () => {
    const { emulator, data } = setup();
    data.getRange('B1').setFormula('=NOTHING()');
    expect(emulator.recalculate()).toEqual(['Data!B1']);
    expect(data.getRange('B1').getValue()).toBe('');
  });

  it('reports unknown range names and sheets', () => {
    const { emulator, data } = setup();
    data.getRange('B1').setFormula('=SUMALL(NoSuchName)');
    data.getRange('B2').setFormula('=SUMALL(Nowhere!A1:A2)');
    emulator.recalculate();
    expect(data.getRange('B1:B2').getValues()).toEqual([['#NAME?'], ['#REF!']]);
    expect(emulator.formulaError('Data!B1')).toBe("Unknown range name: 'NoSuchName'.");
  });

  it('refuses a formula whose argument includes its own cell', () => {
    const { emulator, data } = setup();
    data.getRange('A4').setFormula('=SUMALL(A1:A4)');
    emulator.recalculate();
    expect(data.getRange('A4').getValue()).toBe('#REF!');
    expect(emulator.formulaError('Data!A4')).toMatch(/^Circular dependency detected/);
  });

  it('ignores private functions (ending in _) and formulas of unknown functions', () => {
    const { emulator, data } = setup();
    data.getRange('B1').setFormula('=countCall_()');
    data.getRange('B2').setFormula('=SUM(A1:A3)');
    expect(emulator.recalculate()).toEqual([]);
  });
});

describe('custom-function restrictions', () => {
  it('refuses writes to the spreadsheet', () => {
    const { emulator, data } = setup();
    data.getRange('B1').setFormula('=WRITER()');
    emulator.recalculate();
    expect(data.getRange('B1').getValue()).toBe('#ERROR!');
    expect(emulator.formulaError('Data!B1')).toBe('You do not have permission to call setValue');
    expect(emulator.spreadsheet.getRange('Data!A1').getValue()).toBe(1);
  });

  it('refuses the UI and the effective user, and hides the active user', () => {
    const { emulator, data } = setup();
    data.getRange('B1').setFormula('=ASKUI()');
    data.getRange('B2').setFormula('=EFFECTIVE()');
    data.getRange('B3').setFormula('=WHOAMI()');
    emulator.recalculate();
    expect(emulator.formulaError('Data!B1')).toBe('Cannot call SpreadsheetApp.getUi() from this context.');
    expect(emulator.formulaError('Data!B2')).toBe(
      'You do not have permission to call Session.getEffectiveUser',
    );
    expect(data.getRange('B3').getValue()).toBe('@B3');
    expect(emulator.run('WHOAMI')).toBe('owner@example.com@A1');
  });

  it('allows Lock, Cache, Properties and Utilities', () => {
    const { emulator, data } = setup();
    data.getRange('B1').setFormula('=SERVICES()');
    emulator.recalculate();
    expect(emulator.formulaError('Data!B1')).toBeUndefined();
    // Results keep their JavaScript type: a returned string is not parsed into a number.
    expect(data.getRange('B1').getValue()).toBe('1970');
  });
});
