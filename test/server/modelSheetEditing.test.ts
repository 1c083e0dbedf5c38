// The marketer story "add a rule in cells": insert a row into the Rules table of the model sheet, type a rule
// into it, and the live =LEADSCORE(A1:M201, LeadModel) formulas re-score the leads; the sidebar sees the rule.
// Test code edits the emulated sheet directly, as a user's edit in Sheets would (unlogged, not a script call).
import { describe, expect, it } from 'vitest';
import { DataValidationCriteria } from '../../src/emulation/index.js';
import { addonWithStarter, sheetValues } from '../support/addon';

const MODEL_SHEET = 'Lead Scoring Model';
const SAMPLE_SHEET = 'Sample leads';
const NEW_RULE = ['Booked a call', 'Web activity', 'Activities', 'contains', 'Demo', 25, '', false];

function setup() {
  const emulator = addonWithStarter();
  const model = emulator.spreadsheet.getSheetByName(MODEL_SHEET);
  const sample = emulator.spreadsheet.getSheetByName(SAMPLE_SHEET);
  if (!model || !sample) throw new Error('the starter did not create its sheets');
  const header = sheetValues(emulator, SAMPLE_SHEET)[0] ?? [];
  const activitiesColumn = header.indexOf('Activities') + 1;
  expect(activitiesColumn).toBeGreaterThan(0);
  const scores = () => sample.getRange('N2:N201').getValues().flat() as number[];
  const allResults = () => sample.getRange('N1:P201').getValues();
  const activities = sample
    .getRange(2, activitiesColumn, 200, 1)
    .getValues()
    .flat()
    .map((value) => String(value).toLowerCase());
  const rowOf = (rule: string) => sheetValues(emulator, MODEL_SHEET).findIndex((row) => row[0] === rule) + 1;
  return { emulator, model, sample, scores, allResults, activities, rowOf };
}

describe('adding a rule in the model sheet\u2019s cells', () => {
  it('a row inserted after "Requested a demo" joins LeadModel and re-scores the leads with "demo" in Activities', () => {
    const { emulator, model, sample, scores, activities, rowOf } = setup();
    const before = scores();
    expect(sample.getRange('N1').getFormula()).toBe('=LEADSCORE(A1:M201, LeadModel)');
    const modelRange = emulator.spreadsheet.getRangeByName('LeadModel');
    const lastModelRow = modelRange?.getLastRow() ?? 0;
    const demoRow = rowOf('Requested a demo');
    expect(demoRow).toBeGreaterThan(1);
    expect(demoRow).toBeLessThan(lastModelRow);

    model.insertRowAfter(demoRow);
    const newRow = demoRow + 1;
    // The new row is blank but has the Rules table's drop-downs and checkbox (copied from the row above).
    expect(model.getRange(newRow, 1, 1, 8).getValues()).toEqual([['', '', '', '', '', '', '', '']]);
    expect(model.getRange(newRow, 4).getDataValidation()?.getCriteriaType()).toBe(
      DataValidationCriteria.VALUE_IN_LIST,
    );
    expect(model.getRange(newRow, 8).getDataValidation()?.getCriteriaType()).toBe(
      DataValidationCriteria.CHECKBOX,
    );
    model.getRange(newRow, 1, 1, 8).setValues([NEW_RULE]);
    const evaluated = emulator.recalculate();

    // LeadModel grew by the inserted row and now holds the new rule.
    const grown = emulator.spreadsheet.getRangeByName('LeadModel');
    expect(grown?.getA1Notation()).toBe(`A1:H${lastModelRow + 1}`);
    expect(grown?.getValues().some((row) => row[0] === 'Booked a call')).toBe(true);
    // The row below the insertion moved down and is still inside the model.
    expect(model.getRange(newRow + 1, 1).getValue()).toBe('Attended a webinar');

    // The sample sheet's formula (its reference did not move: it points at another sheet) re-evaluated.
    expect(sample.getRange('N1').getFormula()).toBe('=LEADSCORE(A1:M201, LeadModel)');
    expect(evaluated).toContain("'Sample leads'!N1");
    expect(emulator.formulaError("'Sample leads'!N1")).toBeUndefined();
    const after = scores();
    const hasDemo = activities.map((text) => text.includes('demo'));
    expect(hasDemo.filter(Boolean).length).toBeGreaterThan(10);
    after.forEach((score, i) => {
      if (hasDemo[i]) expect(score).toBeGreaterThanOrEqual(before[i] ?? 0);
      else expect(score).toBe(before[i]);
    });
    // Leads with "demo" gain points unless the Web activity group's cap already bound them.
    const gained = after.filter((score, i) => hasDemo[i] && score > (before[i] ?? 0)).length;
    expect(gained).toBeGreaterThan(hasDemo.filter(Boolean).length / 2);
    const reasons = sample.getRange('P2:P201').getValues().flat() as string[];
    expect(reasons.some((text, i) => hasDemo[i] && text.includes('Booked a call'))).toBe(true);

    // The sidebar reads the model sheet and sees the rule, switched on.
    const state = emulator.run('getSidebarState', [], 'FULL') as {
      model: { rules: { name: string; points: number; enabled?: boolean }[] } | null;
    };
    const rule = state.model?.rules.find((r) => r.name === 'Booked a call');
    expect(rule).toMatchObject({ name: 'Booked a call', points: 25 });
    expect(rule?.enabled).not.toBe(false);
  });

  it('a row inserted below the last row of LeadModel is outside the model: the scores do not change', () => {
    const { emulator, model, allResults } = setup();
    const before = allResults();
    const modelRange = emulator.spreadsheet.getRangeByName('LeadModel');
    const lastModelRow = modelRange?.getLastRow() ?? 0;
    expect(lastModelRow).toBeGreaterThan(1);

    model.insertRowAfter(lastModelRow);
    model.getRange(lastModelRow + 1, 1, 1, 8).setValues([NEW_RULE]);
    // Inserting after a named range's last row does not grow it (documented in docs/emulation.md).
    expect(emulator.spreadsheet.getRangeByName('LeadModel')?.getA1Notation()).toBe(`A1:H${lastModelRow}`);
    // Nothing the formulas depend on changed, so nothing re-evaluates ...
    expect(emulator.recalculate()).not.toContain("'Sample leads'!N1");
    expect(allResults()).toEqual(before);
    // ... and even a forced re-evaluation gives the same results: the rule is not part of the model.
    expect(emulator.recalculate({ force: true })).toContain("'Sample leads'!N1");
    expect(allResults()).toEqual(before);
  });
});
