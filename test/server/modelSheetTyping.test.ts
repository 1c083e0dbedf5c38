// A marketer types into the model sheet's cells what they would type in Sheets (setValue converts a string as
// typed input: `25%` in a cell that is not plain text becomes 0.25). Every path that reads the model — the
// sidebar, LEADSCORE with LeadModel, LEADSCORE without it, the menu's "Score this sheet" — reads what the
// user meant, or names the cell. test/core/modelSheetTyped.test.ts covers the reader alone.
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulation';
import type { SaveResult, SidebarState } from '../../src/shared/sidebarApi';
import { addonWithStarter, sheetValues } from '../support/addon';

const MODEL_SHEET = 'Lead Scoring Model';
const LEADS = 'Sample leads';

function sheet(emulator: Emulator, name: string) {
  const found = emulator.spreadsheet.getSheetByName(name);
  if (!found) throw new Error(`no sheet "${name}"`);
  return found;
}

/** The model sheet's cell in the row whose first cell is `rowName`, 1-based `column`. */
function modelCell(emulator: Emulator, rowName: string, column: number) {
  const row = sheetValues(emulator, MODEL_SHEET).findIndex((r) => r[0] === rowName) + 1;
  if (row < 1) throw new Error(`no row "${rowName}"`);
  return sheet(emulator, MODEL_SHEET).getRange(row, column);
}

const state = (emulator: Emulator) => emulator.run('getSidebarState', [], 'FULL') as SidebarState;
const webDecay = (s: SidebarState) => s.model?.groups.find((g) => g.name === 'Web activity')?.decay?.percent;

/**
 * The scores of LEADSCORE with LeadModel (column N) and without it: a new formula in `column`, evaluated once
 * (Sheets answers a formula whose arguments did not change from its cache, so each check takes a column).
 */
function scores(emulator: Emulator, column: string): { withModel: unknown[]; withoutModel: unknown[] } {
  const leads = sheet(emulator, LEADS);
  leads.getRange(`${column}1`).setFormula('=LEADSCORE(A1:M201)');
  emulator.recalculate();
  return {
    withModel: leads.getRange('N2:N201').getValues().flat(),
    withoutModel: leads.getRange(`${column}2:${column}201`).getValues().flat(),
  };
}

describe('typing into the Decay % per period cells', () => {
  it('the add-on writes them plain text, so "30%" typed there stays "30%" and every path reads 30', () => {
    const emulator = addonWithStarter();
    const cell = modelCell(emulator, 'Web activity', 5);
    expect(cell.getNumberFormat()).toBe('@');
    expect(modelCell(emulator, 'Web activity', 3).getNumberFormat()).not.toBe('@'); // Max points: Automatic
    cell.setValue('30');
    const typedPlain = scores(emulator, 'R');
    expect(webDecay(state(emulator))).toBe(30);

    cell.setValue('30%');
    expect(cell.getValue()).toBe('30%');
    expect(cell.getDisplayValue()).toBe('30%');
    const sidebar = state(emulator);
    expect(sidebar.modelProblems).toEqual([]);
    expect(webDecay(sidebar)).toBe(30);
    const typedPercent = scores(emulator, 'S');
    expect(typedPercent.withModel).toEqual(typedPlain.withModel);
    expect(typedPercent.withoutModel).toEqual(typedPercent.withModel);

    // The decay matters for these leads: 0.3% per period would score them differently.
    cell.setValue('0.3');
    expect(webDecay(state(emulator))).toBe(0.3);
    expect(scores(emulator, 'T').withModel).not.toEqual(typedPercent.withModel);
  });

  it('in a cell that is not plain text (a sheet from before), 25% typed is refused on every path, naming the cell', () => {
    const emulator = addonWithStarter();
    const cell = modelCell(emulator, 'Web activity', 5);
    cell.clearFormat(); // Automatic, as every existing sheet has it
    cell.setValue('25%');
    expect(cell.getValue()).toBe(0.25);
    expect(cell.getDisplayValue()).toBe('25%');
    const address = `'${MODEL_SHEET}'!${cell.getA1Notation()}`;
    const message =
      `${address}: group "Web activity": decay % per period is 0.25, which is how Sheets stores 25% typed with ` +
      `a % sign: type 25 (the column is already in percent); for a decay below 1% per period, type it as text ` +
      `with an apostrophe, e.g. '0.25`;
    const sidebar = state(emulator);
    expect(sidebar.model).toBeNull();
    expect(sidebar.modelProblems.map((p) => p.message)).toEqual([message]);
    const leads = sheet(emulator, LEADS);
    scores(emulator, 'R');
    expect(String(leads.getRange('N1').getValue())).toBe(`LEADSCORE: ${message}`);
    expect(String(leads.getRange('R1').getValue())).toBe(`LEADSCORE: ${message}`);
    emulator.spreadsheet.setActiveSheet(leads);
    emulator.ui.queueAlertResponse('OK');
    emulator.run('scoreThisSheet', [], 'FULL');
    expect(emulator.ui.alerts.at(-1)?.prompt).toBe(message);

    // Numbers an existing sheet holds there keep scoring as before; text with an apostrophe is a real 0.25%.
    cell.setValue(25);
    expect(webDecay(state(emulator))).toBe(25);
    cell.setValue("'0.25");
    expect(webDecay(state(emulator))).toBe(0.25);
  });

  it('a decay below 1% saved from the sidebar is written as text and reads back the same', () => {
    const emulator = addonWithStarter();
    const before = state(emulator);
    const model = structuredClone(before.model);
    const web = model?.groups.find((g) => g.name === 'Web activity');
    if (!model || !web?.decay) throw new Error('the starter has no decay');
    web.decay.percent = 0.5;
    const saved = emulator.run('saveModel', [model, before.revision], 'FULL') as SaveResult;
    expect(saved).toMatchObject({ ok: true });
    const cell = modelCell(emulator, 'Web activity', 5);
    expect(cell.getValue()).toBe('0.5');
    expect(cell.getNumberFormat()).toBe('@');
    const after = state(emulator);
    expect(after.modelProblems).toEqual([]);
    expect(after.model).toEqual(model);
  });
});
