import { describe, expect, it } from 'vitest';
import {
  columnToLetters,
  formatA1,
  lettersToColumn,
  parseA1,
  splitSheetPrefix,
} from '../../src/emulation/a1.js';

describe('A1 notation', () => {
  it('converts between 1-based column numbers and letters', () => {
    expect(columnToLetters(1)).toBe('A');
    expect(columnToLetters(26)).toBe('Z');
    expect(columnToLetters(27)).toBe('AA');
    expect(columnToLetters(702)).toBe('ZZ');
    expect(columnToLetters(703)).toBe('AAA');
    for (const column of [1, 11, 26, 27, 52, 53, 702, 703, 18278]) {
      expect(lettersToColumn(columnToLetters(column))).toBe(column);
    }
    expect(lettersToColumn('k')).toBe(11);
  });

  it('parses cells, ranges, whole columns, whole rows and open-ended ranges', () => {
    expect(parseA1('B3')).toEqual({ sheetName: null, startRow: 3, startColumn: 2, endRow: 3, endColumn: 2 });
    expect(parseA1('A1:K200')).toEqual({
      sheetName: null,
      startRow: 1,
      startColumn: 1,
      endRow: 200,
      endColumn: 11,
    });
    expect(parseA1('A:K')).toEqual({
      sheetName: null,
      startRow: null,
      startColumn: 1,
      endRow: null,
      endColumn: 11,
    });
    expect(parseA1('2:4')).toEqual({
      sheetName: null,
      startRow: 2,
      startColumn: null,
      endRow: 4,
      endColumn: null,
    });
    expect(parseA1('A2:K')).toEqual({
      sheetName: null,
      startRow: 2,
      startColumn: 1,
      endRow: null,
      endColumn: 11,
    });
    expect(parseA1('$A$1:$B$2')).toMatchObject({ startRow: 1, startColumn: 1, endRow: 2, endColumn: 2 });
  });

  it('normalises reversed corners', () => {
    expect(parseA1('C3:A1')).toMatchObject({ startRow: 1, startColumn: 1, endRow: 3, endColumn: 3 });
  });

  it('reads sheet prefixes, quoted or not', () => {
    expect(parseA1('Leads!A1:B2')).toMatchObject({ sheetName: 'Leads', startRow: 1, endColumn: 2 });
    expect(parseA1("'Lead Model'!C5")).toMatchObject({
      sheetName: 'Lead Model',
      startRow: 5,
      startColumn: 3,
    });
    expect(splitSheetPrefix("'It''s'!A1")).toEqual({ sheetName: "It's", address: 'A1' });
  });

  it('rejects text that is not A1 notation (so it can be a named range)', () => {
    for (const text of ['LeadModel', 'A', '1', 'A0', '', 'A1:B2:C3', 'ZZZZ1']) {
      expect(parseA1(text)).toBeNull();
    }
  });

  it('formats single cells and ranges', () => {
    expect(formatA1(1, 1)).toBe('A1');
    expect(formatA1(2, 3, 4, 2)).toBe('C2:D5');
  });
});
