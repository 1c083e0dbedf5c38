// What a marketer types into the model sheet's cells, as Sheets stores it (a cell that is not plain text
// turns `25%` into 0.25, `$10,000` into 10000, `3/4` into a date), read as they meant it or refused with
// the cell named. test/server/modelSheetTyping.test.ts types the same through the emulation.
import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/core/model';
import { gridToModel, MODEL_SHEET_NAME, modelToGrid } from '../../src/core/modelSheet';
import { parseNumber, parsePercent, parseRange } from '../../src/core/modelSheetCells';
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

describe('numbers typed as text (every model-sheet cell is plain text)', () => {
  it('reads thousands separators, currency and spaced thousands; refuses a decimal comma, saying to use a point', () => {
    expect(parseNumber('1,500')).toBe(1500);
    expect(parseNumber('$10,000')).toBe(10000);
    expect(parseNumber('10 000')).toBe(10000);
    expect(parseNumber(' -2.5 ')).toBe(-2.5);
    expect(parseNumber('1e+21')).toBe(1e21);
    expect(parseNumber('1,5')).toBeUndefined();
    expect(parseNumber('1,50')).toBeUndefined();
    expect(parseNumber('10%')).toBeUndefined();
    expect(parsePercent('12.5 %')).toBe(12.5);
    expect(problems('Requested a demo', 5, '1,5')).toEqual([
      `'${MODEL_SHEET_NAME}'!F32: rule "Requested a demo": points must be a number, got "1,5" (decimals take a point: 1.5)`,
    ]);
    expect(
      readModel('Requested a demo', 5, '1,500').rules.find((r) => r.name === 'Requested a demo')?.points,
    ).toBe(1500);
  });

  it('refuses a % sign in points, max points and scores (no one number is meant), naming the cell', () => {
    const hint =
      '(a % sign belongs only in Decay % per period, Weight and a number rule’s value: type the number alone)';
    expect(problems('Requested a demo', 5, '10%')).toEqual([
      `'${MODEL_SHEET_NAME}'!F32: rule "Requested a demo": points must be a number, got "10%" ${hint}`,
    ]);
    expect(problems('Web activity', 2, '50%')).toEqual([
      `'${MODEL_SHEET_NAME}'!C14: group "Web activity": max points must be a number, got "50%" ${hint}`,
    ]);
    expect(problems('Warm', 1, '20%')[0]).toContain('band "Warm": min score must be a number, got "20%"');
  });

  it('reads a weight typed 40% as 0.4, the multiplier Sheets would store', () => {
    const model = starterModel();
    const web = model.groups.find((g) => g.name === 'Web activity');
    if (!web) throw new Error('no group');
    web.weight = 2;
    const { result } = typed('Web activity', 6, '40%', model);
    expect(
      result.ok ? result.model.groups.find((g) => g.name === 'Web activity')?.weight : result.problems,
    ).toBe(0.4);
  });

  it('reads a rule value as the rules read a lead: $10,000 and 10 000 are 10000, 10% is 0.1', () => {
    const budget = (value: unknown) =>
      readModel('Budget $10,000+', 4, value).rules.find((r) => r.name === 'Budget $10,000+')?.value;
    expect(budget('$10,000')).toBe(10000);
    expect(budget('10 000')).toBe(10000);
    expect(budget('10%')).toBe(0.1);
  });

  it('refuses 10% as a number of days (a percent of days means nothing), naming the cell', () => {
    const model = starterModel();
    const demo = model.rules.find((r) => r.name === 'Requested a demo');
    if (!demo) throw new Error('no rule');
    Object.assign(demo, { column: 'Last activity', operator: 'within days', value: 30 });
    const { result, address } = typed('Requested a demo', 4, '10%', model);
    expect(
      result.ok
        ? result.model.rules.find((r) => r.name === 'Requested a demo')?.value
        : result.problems[0]?.message,
    ).toMatch(
      new RegExp(`^${address.replace(/[.*+?^${}()|[\]\\']/g, '\\$&')}: rule "Requested a demo": .*10%`),
    );
    expect(typed('Requested a demo', 4, '14', model).result).toMatchObject({ ok: true });
  });

  it('reads a range typed with a hyphen (10-50, 1-10) as min and max', () => {
    const size = (value: unknown) =>
      readModel('Company size 10–49', 4, value).rules.find((r) => r.name === 'Company size 10–49')?.value;
    expect(size('10-50')).toEqual([10, 50]);
    expect(size('1-10')).toEqual([1, 10]);
    expect(size('-5-5')).toEqual([-5, 5]);
    expect(size('$1,000-$5,000')).toEqual([1000, 5000]);
    expect(parseRange('1-2-3')).toBeUndefined();
  });

  it('refuses one number typed into a between value (1,500 is not the range 1 to 500), naming the cell', () => {
    expect(parseRange('10, 500')).toEqual([10, 500]);
    expect(parseRange('1,5')).toEqual([1, 5]);
    expect(parseRange('1,500')).toBeUndefined();
    expect(problems('Company size 10–49', 4, '1,500')).toEqual([
      `'${MODEL_SHEET_NAME}'!E21: rule "Company size 10–49": value must be two numbers [min, max] with min no ` +
        `more than max, got "1,500"`,
    ]);
  });

  it('names a date that Sheets made of a number or a range typed into a cell that is not plain text', () => {
    expect(problems('Requested a demo', 5, new Date('2026-01-02T00:00:00Z'))).toEqual([
      `'${MODEL_SHEET_NAME}'!F32: rule "Requested a demo": points must be a number, got the date 2026-01-02 ` +
        `(Sheets reads a number typed like 1-10 or 1/2 as a date)`,
    ]);
    expect(problems('Company size 10–49', 4, new Date('2026-01-10T00:00:00Z'))).toContain(
      `'${MODEL_SHEET_NAME}'!E21: rule "Company size 10–49": value is the date 2026-01-10, which is how Sheets ` +
        `stores a range such as 1-10 typed there: type it as min to max, e.g. 1 to 10`,
    );
  });
});

describe('a range in the Conditions table', () => {
  const model: Model = {
    name: 'Conditions',
    groups: [{ name: 'Fit', kind: 'fit' }],
    rules: [
      {
        name: 'Mid size VP',
        group: 'Fit',
        points: 10,
        when: {
          all: [
            { column: 'Company size', operator: 'between', value: [10, 50] },
            { column: 'Title', operator: 'equals', value: 'VP' },
          ],
        },
      },
    ],
    bands: [{ name: 'Cold', min: null }],
  };

  it('reads 10-50 as min and max, and names a date Sheets made of 1-10 typed there', () => {
    const grid = modelToGrid(model).values.map((row) => [...row]) as unknown[][];
    const r = grid.findIndex((row) => row[0] === 'Mid size VP' && row[4] === 'between');
    (grid[r] as unknown[])[5] = '10-50';
    const read = gridToModel(grid, source);
    expect(read.ok ? read.model.rules[0]?.when : read.problems).toEqual(model.rules[0]?.when);
    (grid[r] as unknown[])[5] = new Date('2026-01-10T00:00:00Z');
    const refused = gridToModel(grid, source);
    expect(refused.ok ? [] : refused.problems.map((p) => p.message)).toContain(
      `'${MODEL_SHEET_NAME}'!F${r + 1}: rule "Mid size VP": value is the date 2026-01-10, which is how Sheets ` +
        `stores a range such as 1-10 typed there: type it as min to max, e.g. 1 to 10`,
    );
  });
});
