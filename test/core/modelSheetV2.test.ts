// The model sheet with v2 in cells: Weight and Match columns, a Conditions table, an Activities block,
// Blank values and Override column settings; a v1 model's sheet is exactly what it was before v2.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/core/model';
import { gridToModel, MODEL_SHEET_NAME, modelToGrid } from '../../src/core/modelSheet';
import { blankModel, starterModel, starterModelV2 } from '../../src/core/starterModel';

const source = { sheetName: MODEL_SHEET_NAME, dateToIso: (d: Date) => d.toISOString().slice(0, 10) };

function read(grid: readonly (readonly unknown[])[]) {
  return gridToModel(grid, source);
}

function roundTrip(model: Model): Model {
  const result = read(modelToGrid(model).values);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.model;
}

const nested: Model = {
  name: 'Nested',
  settings: { blankValues: ['Select', 'n/a, unknown', '-'], overrideColumn: 'Manual score' },
  activities: { leadKey: 'Email', activityKey: 'Lead email', typeColumn: 'Activity', dateColumn: 'Date' },
  groups: [
    { name: 'Size', kind: 'fit', weight: 2.5, match: 'first' },
    { name: 'Web', kind: 'engagement', maxPoints: 30 },
  ],
  rules: [
    { name: 'Big', group: 'Size', column: 'Employees', operator: '>', value: 250, points: 9 },
    {
      name: 'Senior with budget',
      group: 'Size',
      points: 5,
      when: {
        all: [
          { column: 'Title', operator: 'contains any', value: ['VP', 'Head of'] },
          {
            any: [
              { column: 'Budget', operator: '>=', value: 10_000 },
              {
                all: [
                  { column: 'Budget', operator: 'is blank' },
                  { column: 'Urgency', operator: 'equals', value: 'Now' },
                ],
              },
            ],
          },
          { column: 'Country', operator: 'not equals', value: 'Nowhere' },
        ],
      },
    },
    {
      name: 'Pricing 3+ in a week',
      group: 'Web',
      event: ['Visited pricing page', 'Pricing, annual'],
      withinDays: 7,
      operator: '>=',
      value: 3,
      points: 15,
    },
    {
      name: 'Ads',
      group: 'Web',
      event: 'Page view',
      where: { any: [{ column: 'URL', operator: 'contains', value: '/pricing' }] },
      operator: 'per',
      points: 2,
      maxPoints: 10,
      enabled: false,
    },
    { name: 'No clicks', group: 'Web', event: 'Email clicked', operator: 'equals', value: 0, points: -2 },
  ],
  bands: [
    { name: 'Cold', min: null },
    { name: 'Hot', min: 50 },
  ],
};

describe('the model sheet, v2', () => {
  it('a v1 model’s sheet is exactly the sheet it was before v2', () => {
    const before = JSON.parse(
      readFileSync(join(import.meta.dirname, 'fixtures/v1-model-sheets.json'), 'utf8'),
    );
    expect(modelToGrid(starterModel()).values).toEqual(before.starter);
    expect(modelToGrid(blankModel()).values).toEqual(before.blank);
  });

  it('round-trips the v2 starter and a model with nested conditions, event rules and every v2 setting', () => {
    expect(roundTrip(starterModelV2())).toEqual(starterModelV2());
    expect(roundTrip(nested)).toEqual(nested);
  });

  it('lays v2 out as a marketer reads it', () => {
    const { values, layout } = modelToGrid(nested);
    const rowOf = (first: string) => values.find((row) => row[0] === first)!;
    expect(rowOf('Group')).toEqual([
      'Group',
      'Kind',
      'Max points',
      'Decay date column',
      'Decay % per period',
      'Decay period (days)',
      'Weight',
      'Match',
    ]);
    expect(rowOf('Size').slice(6)).toEqual([2.5, 'first']);
    expect(rowOf('Blank values')).toEqual([
      'Blank values',
      'Select, "n/a, unknown", -',
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
    expect(rowOf('Lead key column').slice(0, 2)).toEqual(['Lead key column', 'Email']);
    expect(rowOf('Senior with budget').slice(2, 4)).toEqual(['(conditions)', '']);
    expect(rowOf('Pricing 3+ in a week').slice(2, 5)).toEqual([
      'events Visited pricing page, "Pricing, annual" in 7 days',
      '>=',
      3,
    ]);
    const conditions = layout.sections.Conditions!;
    expect(values.slice(conditions.firstRow, conditions.endRow).map((row) => row.slice(0, 6))).toEqual([
      ['Senior with budget', '', 'all', 'Title', 'contains any', 'VP, Head of'],
      ['Senior with budget', '2', 'any', 'Budget', '>=', 10_000],
      ['Senior with budget', '2.2', 'all', 'Budget', 'is blank', ''],
      ['Senior with budget', '2.2', 'all', 'Urgency', 'equals', 'Now'],
      ['Senior with budget', '', 'all', 'Country', 'not equals', 'Nowhere'],
      ['Ads', '', 'any', 'URL', 'contains', '/pricing'],
    ]);
  });

  it('a note typed to the right of the tables on an otherwise empty row does not break the model', () => {
    const grid = modelToGrid(nested).values.map((row) => [...row, '', '']) as unknown[][];
    for (const title of ['Rules', 'Conditions', 'Groups', 'Bands']) {
      const at = grid.findIndex((row) => row[0] === title);
      const blankRow: unknown[] = Array(10).fill('');
      blankRow[9] = 'Note: ask Sam before changing this';
      grid.splice(at + 3, 0, blankRow);
    }
    expect(read(grid)).toEqual({ ok: true, model: nested });
  });

  it('an error inside a condition points at the condition’s own cell', () => {
    const grid = modelToGrid(nested).values.map((row) => [...row]) as unknown[][];
    const row = grid.findIndex((r) => r[0] === 'Senior with budget' && r[3] === 'Budget' && r[4] === '>=');
    grid[row]![5] = 'lots';
    const result = read(grid);
    expect(result.ok ? [] : result.problems.map((p) => p.message)).toEqual([
      `'Lead Scoring Model'!F${row + 1}: rule "Senior with budget": condition when.all[2].any[1]: value must be a number, got "lots"`,
    ]);
  });

  it('conditions for a rule that is not in the Rules table are refused where they are', () => {
    const grid = modelToGrid(nested).values.map((row) => [...row]) as unknown[][];
    const row = grid.findIndex((r) => r[0] === 'Ads' && r[3] === 'URL');
    grid[row]![0] = 'Adds';
    const result = read(grid);
    expect(result.ok ? [] : result.problems.map((p) => p.message)).toContain(
      `'Lead Scoring Model'!A${row + 1}: conditions: no rule is named "Adds" in the Rules table`,
    );
  });
});
