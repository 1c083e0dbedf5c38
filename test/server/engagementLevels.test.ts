// Contract v2 §10 in the add-on, end to end on the built bundle in the strict local Apps Script emulation:
// LEADCELL gives each lead its grade + engagement level, Score this sheet writes a Cell column beside the
// Grade (and gains or loses it when the model does, without moving the user's columns), the model sheet
// holds the Engagement levels table, and the hand-over sheet shows the matrix.
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/core/engine';
import type { Model } from '../../src/core/model';
import { starterModel } from '../../src/core/starterModel';
import type { Emulator } from '../../src/emulation';
import type { SaveResult, SidebarState } from '../../src/shared/sidebarApi';
import { addonWithStarter, sheetValues } from '../support/addon';

const LEVELS = [
  { name: '3', min: null },
  { name: '2', min: 5 },
  { name: '1', min: 12 },
];
const withLevels = (): Model => ({ ...starterModel(), engagementLevels: LEVELS });

function save(emulator: Emulator, model: Model): void {
  const state = emulator.run('getSidebarState', [], 'FULL') as SidebarState;
  const result = emulator.run('saveModel', [model, state.revision], 'FULL') as SaveResult;
  if (!result.ok) throw new Error(result.message);
}

function sheet(emulator: Emulator, name: string) {
  const found = emulator.spreadsheet.getSheetByName(name);
  if (!found) throw new Error(`no sheet "${name}"`);
  return found;
}

/** The cells the core engine gives for the sample leads (A:M). */
function engineCells(emulator: Emulator, model: Model): string[] {
  const [headers, ...rows] = sheetValues(emulator, 'Sample leads').map((row) => row.slice(0, 13));
  const compiled = compileModel(model, headers!, { timeZone: emulator.spreadsheet.getSpreadsheetTimeZone() });
  if (!compiled.ok) throw new Error(compiled.problems.map((p) => p.message).join('\n'));
  return rows.map((row) => compiled.compiled.score(row).cell ?? '');
}

describe('LEADCELL', () => {
  it('gives the grade + engagement level of each lead, as the engine does; blank without levels', () => {
    const emulator = addonWithStarter();
    const leads = sheet(emulator, 'Sample leads');
    leads.getRange('R1').setFormula('=LEADCELL(A1:M201, LeadModel)');
    emulator.recalculate();
    expect(leads.getRange('R1').getValue()).toBe('Cell');
    expect(
      leads
        .getRange('R2:R201')
        .getValues()
        .flat()
        .every((cell) => cell === ''),
    ).toBe(true);
    save(emulator, withLevels());
    emulator.recalculate();
    const cells = leads.getRange('R2:R201').getValues().flat();
    expect(cells).toEqual(engineCells(emulator, withLevels()));
    // The sample leads reach several cells, every one a grade followed by a level.
    expect(new Set(cells).size).toBeGreaterThan(3);
    for (const cell of cells) expect(cell).toMatch(/^[A-D][1-3]$/);
  });
});

describe('Score this sheet with engagement levels', () => {
  it('writes Score, Band, Grade, Cell and Reasons; the Cell column comes and goes with the model', () => {
    const emulator = addonWithStarter();
    const leads = emulator.spreadsheet.insertSheet('My leads');
    const sample = sheetValues(emulator, 'Sample leads').map((row) => [...row.slice(0, 13)]);
    leads.getRange(1, 1, sample.length, 13).setValues(sample);
    emulator.spreadsheet.setActiveSheet(leads);
    emulator.run('scoreThisSheet', [], 'FULL');
    // A user's column right of the block must stay with its values whatever the block's width.
    leads.getRange(1, 18, 2, 1).setValues([['Owner'], ['Ana']]);
    save(emulator, withLevels());
    emulator.spreadsheet.setActiveSheet(leads);
    emulator.run('scoreThisSheet', [], 'FULL');
    let values = sheetValues(emulator, 'My leads');
    expect(values[0]?.slice(13)).toEqual(['Score', 'Band', 'Grade', 'Cell', 'Reasons', 'Owner']);
    expect(values[1]?.[18]).toBe('Ana');
    expect(values.slice(1).map((row) => row[16])).toEqual(engineCells(emulator, withLevels()));

    emulator.run('scoreThisSheet', [], 'FULL');
    expect(sheetValues(emulator, 'My leads')[0]).toHaveLength(19);

    save(emulator, starterModel());
    emulator.spreadsheet.setActiveSheet(leads);
    emulator.run('scoreThisSheet', [], 'FULL');
    values = sheetValues(emulator, 'My leads');
    expect(values[0]?.slice(13)).toEqual(['Score', 'Band', 'Grade', 'Reasons', 'Owner']);
    expect(values[1]?.[17]).toBe('Ana');
  });
});

describe('the model sheet and the hand-over with engagement levels', () => {
  it('saves the levels as an Engagement levels table that reads back as the same model', () => {
    const emulator = addonWithStarter();
    save(emulator, withLevels());
    const column = sheetValues(emulator, 'Lead Scoring Model').map((row) => row[0]);
    const title = column.indexOf('Engagement levels');
    expect(title).toBeGreaterThan(column.indexOf('Grades'));
    expect(column.slice(title + 2, title + 5)).toEqual(['3', '2', '1']);
    const state = emulator.run('getSidebarState', [], 'FULL') as SidebarState;
    expect(state.model?.engagementLevels).toEqual(LEVELS);
  });

  it('the CRM hand-over sheet lists the levels and the grade × level matrix of cells', () => {
    const emulator = addonWithStarter();
    save(emulator, withLevels());
    emulator.run('buildCrmHandover', [], 'FULL');
    const rows = sheetValues(emulator, 'CRM hand-over').map((row) => row.filter((cell) => cell !== ''));
    expect(rows).toContainEqual(['Grade', 'Level 1', 'Level 2', 'Level 3']);
    expect(rows).toContainEqual(['A', 'A1', 'A2', 'A3']);
    expect(rows).toContainEqual(['Engagement level', 'Engagement score from']);
  });
});
