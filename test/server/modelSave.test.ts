// Issue 18 through the built add-on: nested conditions saved from the sidebar API read back from the model sheet
// as saved, a save whose sheet does not read back is undone with the previous model intact, and the sidebar API
// never saves without the revision it loaded.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConditionNode, Model } from '../../src/core/model';
import { MODEL_SHEET_NAME } from '../../src/core/modelSheet';
import { starterModel } from '../../src/core/starterModel';
import { EmulatedRange } from '../../src/emulation/range';
import type { SaveResult, SidebarState } from '../../src/shared/sidebarApi';
import { addonWithStarter, sheetValues } from '../support/addon';

const vp: ConditionNode = { column: 'Job title', operator: 'contains', value: 'VP' };
const opens: ConditionNode = { column: 'Email opens', operator: '>=', value: 3 };
const ceo: ConditionNode = { column: 'Job title', operator: 'contains', value: 'CEO' };
const pricing: ConditionNode = { column: 'Pages viewed', operator: '>=', value: 5 };

function withRule(when: Model['rules'][number]['when']): Model {
  const base = starterModel();
  return {
    ...base,
    rules: [...base.rules, { name: 'Senior and engaged', group: base.rules[0]!.group, points: 12, when }],
  };
}

function state(emulator: ReturnType<typeof addonWithStarter>): SidebarState {
  return emulator.run('getSidebarState', [], 'FULL') as SidebarState;
}

afterEach(() => vi.restoreAllMocks());

describe('saving nested conditions', () => {
  it.each([
    ['(VP and 3+ opens) or CEO', { any: [{ all: [vp, opens] }, ceo] }],
    ['(VP and 3+ opens) or (CEO and pricing page)', { any: [{ all: [vp, opens] }, { all: [ceo, pricing] }] }],
    ['CEO or (VP and (3+ opens or pricing page))', { any: [ceo, { all: [vp, { any: [opens, pricing] }] }] }],
  ] as const)('"%s" is saved and the model sheet reads back the same rule', (_label, when) => {
    const emulator = addonWithStarter();
    const model = withRule(when as unknown as Model['rules'][number]['when']);
    const saved = emulator.run('saveModel', [model, state(emulator).revision], 'FULL') as SaveResult;
    expect(saved.ok).toBe(true);
    const after = state(emulator);
    expect(after.modelProblems).toEqual([]);
    expect(after.model?.rules.at(-1)).toEqual(model.rules.at(-1));
  });
});

describe('a save that does not read back is undone', () => {
  it('puts the previous model sheet back, records no version and says nothing was saved', () => {
    const emulator = addonWithStarter();
    const before = state(emulator);
    const cellsBefore = sheetValues(emulator, MODEL_SHEET_NAME);
    // Sheets changing a written cell: every "any" written into the model sheet arrives as "all".
    const setValues = EmulatedRange.prototype.setValues;
    vi.spyOn(EmulatedRange.prototype, 'setValues').mockImplementation(function (this: EmulatedRange, values) {
      const changed = values.map((row) => row.map((cell) => (cell === 'any' ? 'all' : cell)));
      return setValues.call(this, changed);
    });
    const model = withRule({ any: [{ all: [vp, opens] }, { all: [ceo, pricing] }] });
    const saved = emulator.run('saveModel', [model, before.revision], 'FULL') as SaveResult;
    vi.restoreAllMocks();
    expect(saved).toMatchObject({ ok: false, reason: 'invalid' });
    expect(saved.ok ? '' : saved.message).toMatch(
      /undone: the model sheet is as it was and nothing was saved/,
    );
    expect(sheetValues(emulator, MODEL_SHEET_NAME)).toEqual(cellsBefore);
    const after = state(emulator);
    expect(after.model).toEqual(before.model);
    expect(after.versions).toEqual(before.versions);
  });
});

describe('the sidebar API always checks the revision', () => {
  it('saveModel(model, null) is refused, and the cells edited meanwhile are kept', () => {
    const emulator = addonWithStarter();
    const sheet = emulator.spreadsheet.getSheetByName(MODEL_SHEET_NAME)!;
    const pointsRow = sheetValues(emulator, MODEL_SHEET_NAME).findIndex((row) => row[0] === 'Rules') + 3;
    sheet.getRange(pointsRow, 6).setValue(99);
    const saved = emulator.run('saveModel', [starterModel(), null], 'FULL') as SaveResult;
    expect(saved).toMatchObject({ ok: false, reason: 'conflict' });
    expect(saved.ok ? '' : saved.message).toMatch(/Reload the sidebar/);
    expect(sheet.getRange(pointsRow, 6).getValue()).toBe(99);
    const restored = emulator.run('restoreVersion', [1, null], 'FULL') as SaveResult;
    expect(restored).toMatchObject({ ok: false, reason: 'conflict' });
  });
});
