// What a marketer types into the model sheet's cells, as Sheets stores it (a cell that is not plain text
// turns `25%` into 0.25, `$10,000` into 10000, `3/4` into a date), read as they meant it or refused with
// the cell named. test/server/modelSheetTyping.test.ts types the same through the emulation.
import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/core/model';
import { gridToModel, MODEL_SHEET_NAME, modelToGrid } from '../../src/core/modelSheet';
import { starterModel } from '../../src/core/starterModel';

const source = { sheetName: MODEL_SHEET_NAME, dateToIso: (d: Date) => d.toISOString().slice(0, 10) };

/** The starter's sheet with the cell at (the row whose first cell is `rowName`, `column`) holding `value`. */
function typed(rowName: string, column: number, value: unknown, model: Model = starterModel()) {
  const grid = modelToGrid(model).values.map((row) => [...row]) as unknown[][];
  const r = grid.findIndex((row) => row[0] === rowName);
  if (r < 0) throw new Error(`no row "${rowName}"`);
  (grid[r] as unknown[])[column] = value;
  return {
    result: gridToModel(grid, source),
    address: `'${MODEL_SHEET_NAME}'!${'ABCDEFGH'[column]}${r + 1}`,
  };
}

function readModel(rowName: string, column: number, value: unknown): Model {
  const { result } = typed(rowName, column, value);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.model;
}

function problems(rowName: string, column: number, value: unknown): string[] {
  const { result } = typed(rowName, column, value);
  return result.ok ? [] : result.problems.map((p) => p.message);
}

const webDecay = (model: Model) => model.groups.find((g) => g.name === 'Web activity')?.decay?.percent;

describe('Decay % per period', () => {
  it('refuses 0.25, how Sheets stores 25% typed into a cell that is not plain text, naming the cell', () => {
    const { result, address } = typed('Web activity', 4, 0.25);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.message)).toEqual([
      `${address}: group "Web activity": decay % per period is 0.25, which is how Sheets stores 25% typed with ` +
        `a % sign: type 25 (the column is already in percent); for a decay below 1% per period, type it as ` +
        `text with an apostrophe, e.g. '0.25`,
    ]);
    expect(result.problems[0]?.where).toBe(address);
    expect(problems('Web activity', 4, 0.125)[0]).toContain('how Sheets stores 12.5% typed with a % sign');
  });

  it('reads text as typed in the plain-text column: 30, 30%, 30 %, 0.5 and 0.5%', () => {
    expect(webDecay(readModel('Web activity', 4, '30'))).toBe(30);
    expect(webDecay(readModel('Web activity', 4, '30%'))).toBe(30);
    expect(webDecay(readModel('Web activity', 4, ' 30 % '))).toBe(30);
    expect(webDecay(readModel('Web activity', 4, '0.5'))).toBe(0.5);
    expect(webDecay(readModel('Web activity', 4, '0.5%'))).toBe(0.5);
  });

  it('keeps reading the numbers existing sheets hold: 0, 1, 25, 100', () => {
    for (const percent of [0, 1, 25, 100])
      expect(webDecay(readModel('Web activity', 4, percent))).toBe(percent);
  });

  it('refuses text that is not a percent, and a percent over 100, naming the cell', () => {
    expect(problems('Web activity', 4, '%')).toEqual([
      `'${MODEL_SHEET_NAME}'!E14: group "Web activity": decay % per period must be a number, got "%"`,
    ]);
    expect(problems('Web activity', 4, '250%')[0]).toMatch(
      /^'Lead Scoring Model'!E14: .*percent must be a number from 0 to 100, got 250/,
    );
  });

  it('writes a decay below 1% as text, so that it reads back (the reader refuses such a number)', () => {
    for (const percent of [0.5, 0.25, 1e-7]) {
      const model = starterModel();
      const web = model.groups.find((g) => g.name === 'Web activity');
      if (!web?.decay) throw new Error('the starter has no decay');
      web.decay.percent = percent;
      const grid = modelToGrid(model).values;
      expect(grid.find((row) => row[0] === 'Web activity')?.[4]).toBe(String(percent));
      const read = gridToModel(grid, source);
      expect(read.ok ? webDecay(read.model) : read.problems).toBe(percent);
    }
  });
});
