// Re-applying unsaved edits to a model another person saved meanwhile (issue 16, minor).
import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/core/model';
import { reapplyEdits } from '../../src/core/modelMerge';
import { starterModel } from '../../src/core/starterModel';
import { parseModel } from '../../src/core/validate';

const base = starterModel();
const clone = (): Model => JSON.parse(JSON.stringify(base));

describe('reapplyEdits', () => {
  it('keeps the other save and adds the editor’s changes, additions and removals', () => {
    const edited = clone();
    const [first, second, third] = base.rules;
    edited.rules[0] = { ...first!, points: first!.points + 5 };
    edited.rules = edited.rules.filter((rule) => rule.name !== third!.name);
    edited.rules.splice(1, 0, { ...second!, name: 'Mine', points: 1 });
    const current = clone();
    current.rules[1] = { ...second!, points: 99 };
    current.name = 'Renamed by a teammate';

    const { model, overridden } = reapplyEdits(base, edited, current);
    expect(overridden).toEqual([]);
    expect(model.name).toBe('Renamed by a teammate');
    expect(model.rules.map((rule) => rule.name)).toEqual([
      first!.name,
      'Mine',
      second!.name,
      ...base.rules.slice(3).map((rule) => rule.name),
    ]);
    expect(model.rules[0]!.points).toBe(first!.points + 5);
    expect(model.rules[2]!.points).toBe(99);
    expect(parseModel(model).ok).toBe(true);
  });

  it('names what both changed, where the unsaved edit wins', () => {
    const edited = clone();
    edited.rules[0] = { ...base.rules[0]!, points: 1 };
    edited.bands = edited.bands.map((band, i) => (i === 1 ? { ...band, min: 31 } : band));
    const current = clone();
    current.rules[0] = { ...base.rules[0]!, points: 2 };
    const { model, overridden } = reapplyEdits(base, edited, current);
    expect(model.rules[0]!.points).toBe(1);
    expect(model.bands[1]!.min).toBe(31);
    expect(overridden).toEqual([`rule "${base.rules[0]!.name}"`]);
  });

  it('gives the saved model unchanged when nothing was edited', () => {
    const current = clone();
    current.rules.pop();
    expect(reapplyEdits(base, clone(), current).model).toEqual(current);
  });
});
