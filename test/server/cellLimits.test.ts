// Google Sheets holds at most 50,000 characters in a cell (the emulation throws Google's message over it).
// A save whose model JSON passes the limit stores the JSON in chunks and reads it back whole; a save whose
// model sheet would need a cell over the limit is refused, naming the rule, with the previous model intact.
import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/core/model';
import { starterModel } from '../../src/core/starterModel';
import type { Emulator } from '../../src/emulation';
import type { SaveResult, SidebarState } from '../../src/shared/sidebarApi';
import { addonWithStarter, sheetValues } from '../support/addon';

const MODEL_SHEET = 'Lead Scoring Model';
const HISTORY_SHEET = 'Lead Scoring History';

function state(emulator: Emulator): SidebarState {
  return emulator.run('getSidebarState', [], 'FULL') as SidebarState;
}

function save(emulator: Emulator, model: Model): SaveResult {
  return emulator.run('saveModel', [model, state(emulator).revision], 'FULL') as SaveResult;
}

/** `count` account names, about 23 characters each. */
function accounts(count: number, prefix: string): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix} Account ${String(i).padStart(6, '0')}`);
}

/** The starter with one "one of" rule per list. */
function withLists(...lists: string[][]): Model {
  const model = starterModel();
  const template = model.rules.find((r) => r.operator === 'one of');
  if (!template) throw new Error('the starter has no "one of" rule');
  lists.forEach((list, i) => {
    model.rules.push({ ...template, name: `Named accounts ${i + 1}`, column: 'Company', value: list });
  });
  return model;
}

describe('the 50,000-character cell limit', () => {
  it('saves a model whose JSON passes 50,000 characters and reads the version back whole', () => {
    const emulator = addonWithStarter();
    const model = withLists(accounts(1200, 'North'), accounts(1200, 'South'));
    expect(JSON.stringify(model).length).toBeGreaterThan(50000);
    const result = save(emulator, model);
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;

    const row = sheetValues(emulator, HISTORY_SHEET).find((r) => r[0] === result.version.version);
    expect(row?.slice(4).filter((cell) => cell !== '').length).toBeGreaterThan(1);
    expect(state(emulator).model).toEqual(model);
    // Restoring an older version and then this one brings the whole model back from the history's chunks.
    const restore = (version: number) =>
      emulator.run('restoreVersion', [version, state(emulator).revision], 'FULL') as SaveResult;
    expect(restore(1)).toMatchObject({ ok: true });
    expect(state(emulator).model).toEqual(starterModel());
    expect(restore(result.version.version)).toMatchObject({ ok: true });
    expect(state(emulator).model).toEqual(model);
  });

  it('refuses a model whose list would pass 50,000 characters in one cell, naming the rule, and keeps the model', () => {
    const emulator = addonWithStarter();
    const before = sheetValues(emulator, MODEL_SHEET);
    const history = sheetValues(emulator, HISTORY_SHEET);
    const result = save(emulator, withLists(accounts(2600, 'Key')));
    expect(result).toMatchObject({ ok: false, reason: 'invalid' });
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.subject).toBe('rule "Named accounts 1"');
    expect(result.problems[0]?.message).toMatch(/more than the 50,000 a Sheets cell holds/);
    expect(sheetValues(emulator, MODEL_SHEET)).toEqual(before);
    expect(sheetValues(emulator, HISTORY_SHEET)).toEqual(history);
    expect(state(emulator).model).toEqual(starterModel());
  });
});
