// Contract v2 §9 is not in the SQL export yet: a model with settings.asOfColumn is refused, never exported
// as if every lead were judged as of one day.
import { describe, expect, it } from 'vitest';
import { DIALECT_NAMES, modelToSql } from '../../../src/core/export/sql';
import { starterModel } from '../../../src/core/starterModel';

describe('modelToSql and settings.asOfColumn', () => {
  it('refuses the model in every dialect with a message naming the setting', () => {
    const model = starterModel();
    model.settings = { ...model.settings, asOfColumn: 'Decided on' };
    for (const dialect of DIALECT_NAMES) {
      const result = modelToSql(model, { dialect });
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0]!.field).toBe('asOfColumn');
      expect(result.problems[0]!.message).toMatch(/^settings: as-of column not yet supported in SQL export/);
      expect(result.problems[0]!.message).toContain('"Decided on"');
    }
  });

  it('exports the same model without the setting', () => {
    expect(modelToSql(starterModel()).ok).toBe(true);
  });
});
