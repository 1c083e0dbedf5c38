// The model sheet's "As of column" setting (contract v2 §9): written only when set, read back exactly.
import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/core/model';
import { gridToModel, MODEL_SHEET_NAME, modelToGrid } from '../../src/core/modelSheet';
import { starterModel, starterModelV2 } from '../../src/core/starterModel';

const source = { sheetName: MODEL_SHEET_NAME, dateToIso: (d: Date) => d.toISOString().slice(0, 10) };

function roundTrip(model: Model): Model {
  const result = gridToModel(modelToGrid(model).values, source);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.model;
}

function settingRow(model: Model): unknown[] | undefined {
  return modelToGrid(model).values.find((row) => row[0] === 'As of column');
}

describe('model sheet: As of column', () => {
  it('round-trips the setting, with a name that looks like a formula kept as text', () => {
    for (const column of ['Handed to sales on', '=Closed on', ' Decided, 2025 ']) {
      const model = starterModelV2();
      model.settings = { ...model.settings, asOfColumn: column };
      expect(settingRow(model)?.slice(0, 2)).toEqual(['As of column', column]);
      expect(roundTrip(model).settings?.asOfColumn).toBe(column.trim());
    }
  });

  it('writes no row for a model without it, so v1 sheets stay as they were', () => {
    expect(settingRow(starterModel())).toBeUndefined();
    expect(roundTrip(starterModel()).settings?.asOfColumn).toBeUndefined();
  });

  it('reads a blank As of column cell as no setting', () => {
    const model = starterModelV2();
    model.settings = { ...model.settings, asOfColumn: 'Decided on' };
    const grid = modelToGrid(model).values.map((row) => [...row]);
    grid.find((row) => row[0] === 'As of column')![1] = '';
    const result = gridToModel(grid, source);
    expect(result.ok && result.model.settings?.asOfColumn).toBeUndefined();
  });
});
