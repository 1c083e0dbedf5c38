// v2 §10 on the model sheet: an "Engagement levels" table under Grades, read back exactly, with a bad cell
// named by its address; a model without levels has no such table.
import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/core/model';
import { gridToModel, MODEL_SHEET_NAME, modelToGrid } from '../../src/core/modelSheet';
import { starterModel } from '../../src/core/starterModel';

const source = { sheetName: MODEL_SHEET_NAME, dateToIso: (d: Date) => d.toISOString().slice(0, 10) };

const withLevels: Model = {
  ...starterModel(),
  engagementLevels: [
    { name: '3', min: null },
    { name: '2', min: 10 },
    { name: '1', min: 20.5 },
  ],
};

describe('the Engagement levels table', () => {
  it('sits after Grades, one level per row, and reads back as the same model', () => {
    const { values, layout } = modelToGrid(withLevels);
    const table = layout.sections['Engagement levels']!;
    expect(values[table.titleRow]![0]).toBe('Engagement levels');
    expect(values[table.headerRow]!.slice(0, 2)).toEqual(['Engagement level', 'Min engagement score']);
    expect(values.slice(table.firstRow, table.endRow).map((row) => row.slice(0, 2))).toEqual([
      ['3', ''],
      ['2', 10],
      ['1', 20.5],
    ]);
    expect(table.titleRow).toBeGreaterThan(layout.sections.Grades.endRow);
    const read = gridToModel(values, source);
    expect(read.ok && read.model).toEqual(withLevels);
  });

  it('is not written for a model without levels', () => {
    const { values, layout } = modelToGrid(starterModel());
    expect(layout.sections['Engagement levels']).toBeUndefined();
    expect(values.some((row) => row[0] === 'Engagement levels')).toBe(false);
  });

  it('names the cell of a bad level', () => {
    const { values, layout } = modelToGrid(withLevels);
    const table = layout.sections['Engagement levels']!;
    const grid = values.map((row) => [...row]);
    grid[table.firstRow + 2]![1] = 5; // below the level before it
    grid[table.firstRow + 1]![1] = 'lots';
    const read = gridToModel(grid, source);
    expect(read.ok).toBe(false);
    const messages = read.ok ? [] : read.problems.map((problem) => problem.message);
    const row = (offset: number) => table.firstRow + offset + 1;
    expect(messages).toEqual([
      `'Lead Scoring Model'!B${row(1)}: engagement level "2": min engagement score must be a number, got "lots"`,
    ]);
  });
});
