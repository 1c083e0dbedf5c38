// Contract v2 §9 in the add-on, end to end on the built bundle in the strict local Apps Script emulation with
// the shipped manifest: a model with an as-of column re-scores the LEAD formulas, LEADEXPLAIN says the day,
// Score this sheet agrees, the model sheet holds the setting, and the calibration's verdict asks for it.
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/core/engine';
import type { Model } from '../../src/core/model';
import { starterModelV2 } from '../../src/core/starterModel';
import type { Emulator } from '../../src/emulation';
import type { SaveResult, SidebarState } from '../../src/shared/sidebarApi';
import { loadBuiltAddon, sheetValues } from '../support/addon';

const TIME_ZONE = 'America/Los_Angeles';
const LEADS = 'Sample leads';
const LOG = 'Sample activities';
const DATA_WIDTH = 16;
const AS_OF_COLUMN = 'Last activity';

function addonWithV2Starter(): Emulator {
  const emulator = loadBuiltAddon({ timeZone: TIME_ZONE });
  emulator.run('insertStarterModel', [], 'FULL');
  emulator.recalculate();
  return emulator;
}

function sheet(emulator: Emulator, name: string) {
  const found = emulator.spreadsheet.getSheetByName(name);
  if (!found) throw new Error(`no sheet "${name}"`);
  return found;
}

function save(emulator: Emulator, model: Model): void {
  const state = emulator.run('getSidebarState', [], 'FULL') as SidebarState;
  const result = emulator.run('saveModel', [model, state.revision], 'FULL') as SaveResult;
  if (!result.ok) throw new Error(result.message);
}

const withAsOfColumn = (): Model => {
  const model = starterModelV2();
  model.settings = { ...model.settings, asOfColumn: AS_OF_COLUMN };
  return model;
};

/** Score, Band, Grade, Reasons as the sheet shows them (Q:T). */
function shown(emulator: Emulator): unknown[][] {
  return sheet(emulator, LEADS)
    .getRange(2, DATA_WIDTH + 1, 200, 4)
    .getValues();
}

/** What the core engine gives for the model on the sheets' values. */
function engineScores(emulator: Emulator, model: Model): number[] {
  const [headers, ...rows] = sheet(emulator, LEADS).getRange(1, 1, 201, DATA_WIDTH).getValues();
  const [logHeaders, ...logRows] = sheetValues(emulator, LOG);
  const compiled = compileModel(model, headers!, {
    timeZone: TIME_ZONE,
    activities: { headers: logHeaders!, rows: logRows },
  });
  if (!compiled.ok) throw new Error(compiled.problems.map((p) => p.message).join('\n'));
  return rows.map((row) => compiled.compiled.scoreValue(row));
}

describe('an as-of column in the add-on', () => {
  it('saving it re-scores the LEAD formulas as the engine does, and the model sheet holds it', () => {
    const emulator = addonWithV2Starter();
    const before = shown(emulator).map((row) => row[0]);
    expect(before).toEqual(engineScores(emulator, starterModelV2()));
    save(emulator, withAsOfColumn());
    emulator.recalculate();
    const after = shown(emulator).map((row) => row[0]);
    expect(after).toEqual(engineScores(emulator, withAsOfColumn()));
    expect(after.filter((score, index) => score !== before[index]).length).toBeGreaterThan(10);
    const modelSheet = sheetValues(emulator, 'Lead Scoring Model');
    expect(modelSheet.find((row) => row[0] === 'As of column')?.slice(0, 2)).toEqual([
      'As of column',
      AS_OF_COLUMN,
    ]);
  });

  it('LEADEXPLAIN opens with the day the lead is judged on', () => {
    const emulator = addonWithV2Starter();
    save(emulator, withAsOfColumn());
    const leads = sheet(emulator, LEADS);
    const values = leads.getRange(1, 1, 201, DATA_WIDTH).getValues();
    const column = values[0]!.indexOf(AS_OF_COLUMN);
    const dayThere = (date: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(date);
    const today = dayThere(new Date());
    // The sample's Last activity is text written YYYY-MM-DD.
    const isDay = (cell: unknown) => /^\d{4}-\d\d-\d\d$/.test(String(cell));
    const row =
      values.findIndex((cells, index) => index > 0 && isDay(cells[column]) && cells[column] !== today) + 1;
    expect(row).toBeGreaterThan(1);
    leads.getRange('V1').setFormula(`=LEADEXPLAIN(A${row}:P${row}, LeadModel, 'Sample activities'!A1:D)`);
    emulator.recalculate();
    const lines = leads.getRange(1, 22, 2, 3).getValues();
    expect(lines[0]).toEqual(['Rule', 'Points', 'Why']);
    expect(lines[1]).toEqual([
      'As of',
      0,
      `judged as of ${String(values[row - 1]![column])} (${AS_OF_COLUMN}), not ${today}: days and events are counted to that day`,
    ]);
  });

  it('Score this sheet gives what the formulas give', () => {
    const emulator = addonWithV2Starter();
    save(emulator, withAsOfColumn());
    emulator.recalculate();
    const formulas = shown(emulator);
    sheet(emulator, LEADS)
      .getRange(1, DATA_WIDTH + 1, 1, 4)
      .clearContent();
    emulator.spreadsheet.activateSheet(LEADS);
    emulator.run('scoreThisSheet', [], 'FULL');
    expect(shown(emulator)).toEqual(formulas);
  });

  it('the calibration says old leads are judged as of today until the model has an as-of column', () => {
    const emulator = addonWithV2Starter();
    emulator.run('buildCalibration', [], 'FULL');
    const text = () => sheetValues(emulator, 'Calibration').flat().map(String).join('\n');
    expect(text()).toContain('Old leads are judged as of today');
    save(emulator, withAsOfColumn());
    emulator.run('buildCalibration', [], 'FULL');
    expect(text()).not.toContain('Old leads are judged as of');
  });
});
