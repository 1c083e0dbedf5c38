// The sidebar's draft keeps settings.asOfColumn (contract v2 §9): read from the model, written back only when set.
import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/core/model';
import { starterModel, starterModelV2 } from '../../src/core/starterModel';
import { parseModel } from '../../src/core/validate';
import { draftToInput, modelToDraft } from '../../src/sidebar/draft';

describe('draft: As of column', () => {
  it('round-trips the setting', () => {
    const model: Model = starterModelV2();
    model.settings = { ...model.settings, asOfColumn: 'Handed to sales on' };
    const draft = modelToDraft(model);
    expect(draft.asOfColumn).toBe('Handed to sales on');
    const parsed = parseModel(draftToInput(draft));
    const original = parseModel(model);
    expect(parsed.ok && parsed.model).toEqual(original.ok && original.model);
    expect(parsed.ok && parsed.model.settings?.asOfColumn).toBe('Handed to sales on');
  });

  it('(none) removes it, and a model without it gains no key', () => {
    const model: Model = starterModel();
    model.settings = { ...model.settings, asOfColumn: 'Closed on' };
    const draft = modelToDraft(model);
    draft.asOfColumn = '';
    expect(JSON.stringify(draftToInput(draft))).not.toContain('asOfColumn');
    expect(JSON.stringify(draftToInput(modelToDraft(starterModel())))).not.toContain('asOfColumn');
  });
});
