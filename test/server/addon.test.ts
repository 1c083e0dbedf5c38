// The built add-on, run end to end in the local Apps Script emulation: menu, custom functions as Sheets
// calls them, the model sheet and its named range, Score this sheet.
import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/core/model';
import { gridToModel } from '../../src/core/modelSheet';
import type { SaveResult, SidebarState } from '../../src/shared/sidebarApi';
import { addonWithStarter, loadBuiltAddon, sheetValues } from '../support/addon';

const MODEL_SHEET = 'Lead Scoring Model';

function modelRow(emulator: ReturnType<typeof loadBuiltAddon>, ruleName: string): number {
  return sheetValues(emulator, MODEL_SHEET).findIndex((row) => row[0] === ruleName) + 1;
}

describe('onOpen', () => {
  it('in AuthMode.NONE builds the add-on menu and calls nothing else', () => {
    const emulator = loadBuiltAddon();
    emulator.resetCalls();
    emulator.run('onOpen', [{ authMode: 'NONE' }], 'NONE');
    expect(emulator.calls.every((c) => c === 'SpreadsheetApp.getUi' || /^(Ui|Menu)\./.test(c))).toBe(true);
    const menu = emulator.ui.menus.at(-1);
    expect(menu?.isAddonMenu).toBe(true);
    const captions = menu?.entries
      .filter((e) => e.kind === 'item')
      .map((e) => ('caption' in e ? e.caption : ''));
    expect(captions).toEqual([
      'Edit model…',
      'Score this sheet',
      'Build calibration sheet',
      'Build monitor sheet',
      'Suggest a model',
      'Apply suggested model',
      'Recalculate LEAD formulas',
      'CRM hand-over',
      'Hand-over queue',
      'Export model JSON',
      'Export SQL…',
      'Import model JSON',
      'Insert starter model and sample leads',
      'Insert simple starter (no activity log)',
    ]);
    // Every menu item names a function the bundle declares.
    for (const entry of menu?.entries ?? []) {
      if ('functionName' in entry) expect(emulator.functionNames()).toContain(entry.functionName);
    }
  });
});

describe('custom functions, called as Sheets calls them', () => {
  it('LEADSCORE returns one score per row as a column, a title for the header row, blank for blank rows', () => {
    const emulator = addonWithStarter();
    const leads = sheetValues(emulator, 'Sample leads').map((row) => row.slice(0, 13));
    const data = [...leads.slice(0, 4), Array(13).fill('')];
    const model = sheetValues(emulator, MODEL_SHEET);
    const result = emulator.run('LEADSCORE', [data, model], 'CUSTOM_FUNCTION') as unknown[][];
    expect(result).toHaveLength(5);
    expect(result[0]).toEqual(['Score']);
    expect(result.slice(1, 4).every((row) => row.length === 1 && typeof row[0] === 'number')).toBe(true);
    expect(result[4]).toEqual(['']);
  });

  it('reads the header row of the same columns from the sheet when the range starts below it', () => {
    const emulator = addonWithStarter();
    const sheet = emulator.spreadsheet.getSheetByName('Sample leads');
    sheet?.getRange('R2').setFormula('=LEADSCORE(A2:M11, LeadModel)');
    sheet?.getRange('S2').setFormula('=LEADBAND(A3:M3, LeadModel)');
    emulator.recalculate();
    const withHeader = sheet?.getRange('N2:N11').getValues().flat();
    expect(sheet?.getRange('R2:R11').getValues().flat()).toEqual(withHeader);
    expect(sheet?.getRange('S2').getValue()).toBe(sheet?.getRange('O3').getValue());
  });

  it('=LEADSCORE(A1:M201, LeadModel): changing one weight in the model sheet re-scores every affected lead', () => {
    const emulator = addonWithStarter();
    const sheet = emulator.spreadsheet.getSheetByName('Sample leads');
    const before = sheet?.getRange('N2:N201').getValues().flat() as number[];
    const reasons = sheet?.getRange('P2:P201').getValues().flat() as string[];
    const row = modelRow(emulator, 'Requested a demo');
    expect(emulator.spreadsheet.getSheetByName(MODEL_SHEET)?.getRange(row, 6).getValue()).toBe(15);
    emulator.spreadsheet.getSheetByName(MODEL_SHEET)?.getRange(row, 6).setValue(40);
    const evaluated = emulator.recalculate();
    expect(evaluated).toContain("'Sample leads'!N1");
    const after = sheet?.getRange('N2:N201').getValues().flat() as number[];
    const affected = reasons.map((r) => r.includes('Requested a demo'));
    expect(affected.filter(Boolean).length).toBeGreaterThan(10);
    after.forEach((score, i) => {
      // A lead that had the demo rule gains points unless a cap already bound it; the others do not move.
      if (!affected[i]) expect(score).toBe(before[i]);
    });
    const raised = after.filter((score, i) => affected[i] && score > (before[i] ?? 0)).length;
    expect(raised).toBeGreaterThan(affected.filter(Boolean).length / 2);
  });

  it('without the model argument, a model edit does not recompute until "Recalculate LEAD formulas"', () => {
    const emulator = addonWithStarter();
    const sheet = emulator.spreadsheet.getSheetByName('Sample leads');
    sheet?.getRange('R1').setFormula('=LEADSCORE(A1:M201)');
    emulator.recalculate();
    const before = sheet?.getRange('R2:R201').getValues().flat();
    expect(before).toEqual(sheet?.getRange('N2:N201').getValues().flat());
    emulator.spreadsheet
      .getSheetByName(MODEL_SHEET)
      ?.getRange(modelRow(emulator, 'Requested a demo'), 6)
      .setValue(40);
    emulator.recalculate();
    expect(sheet?.getRange('R2:R201').getValues().flat()).toEqual(before); // stale, as in Sheets
    emulator.run('refreshLeadFormulas', [], 'FULL');
    emulator.recalculate();
    expect(sheet?.getRange('R2:R201').getValues().flat()).toEqual(
      sheet?.getRange('N2:N201').getValues().flat(),
    );
    expect(sheet?.getRange('R2:R201').getValues().flat()).not.toEqual(before);
  });

  it('shows a problem in plain words in the cell: a missing column, a broken model cell', () => {
    const emulator = addonWithStarter();
    const sheet = emulator.spreadsheet.getSheetByName('Sample leads');
    sheet?.getRange('R1').setFormula('=LEADSCORE(A1:C20, LeadModel)');
    emulator.spreadsheet
      .getSheetByName(MODEL_SHEET)
      ?.getRange(modelRow(emulator, 'Requested a demo'), 6)
      .setValue('ten');
    emulator.recalculate();
    const text = String(sheet?.getRange('N1').getValue());
    expect(text).toMatch(
      /^LEADSCORE: 'Lead Scoring Model'!F\d+: rule "Requested a demo": points must be a number, got "ten"$/,
    );
    emulator.spreadsheet
      .getSheetByName(MODEL_SHEET)
      ?.getRange(modelRow(emulator, 'Requested a demo'), 6)
      .setValue(15);
    emulator.recalculate();
    const missing = String(sheet?.getRange('R1').getValue());
    // Said once and short (it sits in a header cell): how many rules, a few of the columns, the remedy.
    expect(missing).toMatch(
      /^LEADSCORE: \d+ rules read columns the data doesn't have \(Budget, Urgency, Activities, …\): Remap or Suggest a model$/,
    );
    expect(missing.length).toBeLessThan(130);
    expect(missing).not.toMatch(/at \w+ \(|Error:/); // no stack trace
  });
});

describe('LEADEXPLAIN', () => {
  it('explains one lead: a line per rule with its points and why, summing to what LEADREASONS says', () => {
    const emulator = addonWithStarter();
    const sheet = emulator.spreadsheet.getSheetByName('Sample leads');
    sheet?.insertColumnsAfter(26, 4); // AA:AC (a script cannot write outside the sheet)
    sheet?.getRange('S1').setFormula('=LEADEXPLAIN(A1:M2, LeadModel)');
    sheet?.getRange('W1').setFormula('=LEADEXPLAIN(A3:M3, LeadModel)');
    sheet?.getRange('AA1').setFormula('=LEADEXPLAIN(A1:M3, LeadModel)');
    emulator.recalculate();
    const table = sheet?.getRange('S1:U22').getValues() ?? [];
    expect(table[0]).toEqual(['Rule', 'Points', 'Why']);
    expect(table.slice(1).map((row) => row[0])).toEqual(
      sheetValues(emulator, MODEL_SHEET)
        .filter(
          (row, i, all) =>
            i > all.findIndex((r) => r[0] === 'Rule') &&
            i < all.findIndex((r) => r[0] === 'Bands') &&
            row[0] !== '',
        )
        .map((row) => row[0]),
    );
    const counted = table.slice(1).filter((row) => row[1] !== 0);
    const reasons = String(sheet?.getRange('P2').getValue());
    for (const [rule] of counted) expect(reasons).toContain(String(rule));
    expect(
      table
        .slice(1)
        .every(
          (row) => typeof row[2] === 'string' && row[2] !== '' && !String(row[2]).startsWith(`${row[0]}:`),
        ),
    ).toBe(true);
    // Without the header row in the range, the headers come from row 1 of the same columns.
    expect(sheet?.getRange('W2:W22').getValues().flat().length).toBe(21);
    expect(sheet?.getRange('W1').getValue()).toBe('Rule');
    expect(String(sheet?.getRange('AA1').getValue())).toBe(
      'LEADEXPLAIN: give it one lead (one row, or the header row and one row); it got 2.',
    );
  });
});

describe('the model sheet', () => {
  it('is written in cells with the LeadModel named range and reads back as the same model', () => {
    const emulator = addonWithStarter();
    const named = emulator.spreadsheet.getRangeByName('LeadModel');
    expect(named?.getSheet().getName()).toBe(MODEL_SHEET);
    const result = gridToModel(named?.getValues() ?? [], {
      sheetName: MODEL_SHEET,
      dateToIso: (d) => d.toISOString().slice(0, 10),
    });
    expect(result.ok && result.model.name).toBe('B2B starter');
    // Operators are a drop-down in the Rules table.
    const row = modelRow(emulator, 'Requested a demo');
    const rule = emulator.spreadsheet.getSheetByName(MODEL_SHEET)?.getRange(row, 4).getDataValidation();
    expect(rule?.getCriteriaValues()[0]).toContain('within days');
  });
});

describe('Score this sheet', () => {
  it('adds Score, Band, Grade and Reasons next to the data in one write, and refreshes them when run again', () => {
    const emulator = addonWithStarter();
    const leads = emulator.spreadsheet.insertSheet('My leads');
    const sample = sheetValues(emulator, 'Sample leads').map((row) => row.slice(0, 13));
    leads.getRange(1, 1, sample.length, 13).setValues(sample);
    emulator.spreadsheet.setActiveSheet(leads);
    emulator.resetCalls();
    emulator.run('scoreThisSheet', [], 'FULL');
    expect(emulator.calls.filter((c) => c === 'Range.setValues')).toHaveLength(1);
    const values = sheetValues(emulator, 'My leads');
    expect(values[0]?.slice(13)).toEqual(['Score', 'Band', 'Grade', 'Reasons']);
    const formulas = sheetValues(emulator, 'Sample leads');
    expect(values.slice(1).map((r) => r[13])).toEqual(formulas.slice(1).map((r) => r[13]));
    expect(values.slice(1).map((r) => r[16])).toEqual(formulas.slice(1).map((r) => r[15]));
    expect(leads.getConditionalFormatRules()).toHaveLength(4);
    expect(emulator.ui.toasts.at(-1)?.message).toMatch(
      /^Scored 200 leads: \d+ Cold, \d+ Warm, \d+ Hot, \d+ Very hot$/,
    );
    emulator.run('scoreThisSheet', [], 'FULL');
    expect(sheetValues(emulator, 'My leads')[0]).toHaveLength(17);
  });

  it('writes no Grade column for a model without grades, and makes or removes one when grades come or go', () => {
    const emulator = addonWithStarter();
    const setGrades = (grades: Model['grades']) => {
      const state = emulator.run('getSidebarState', [], 'FULL') as SidebarState;
      const model = structuredClone(state.model) as Model;
      if (grades) model.grades = grades;
      else delete model.grades;
      const saved = emulator.run('saveModel', [model, state.revision], 'FULL') as SaveResult;
      if (!saved.ok) throw new Error(saved.message);
    };
    const starterGrades = (emulator.run('getSidebarState', [], 'FULL') as SidebarState).model?.grades;
    expect(starterGrades?.length).toBeGreaterThan(0);
    setGrades(undefined);
    const leads = emulator.spreadsheet.insertSheet('My leads');
    const sample = sheetValues(emulator, 'Sample leads').map((row) => row.slice(0, 13));
    leads.getRange(1, 1, sample.length, 13).setValues(sample);
    emulator.spreadsheet.setActiveSheet(leads);
    emulator.run('scoreThisSheet', [], 'FULL');
    const header = () => sheetValues(emulator, 'My leads')[0];
    expect(header()?.slice(13)).toEqual(['Score', 'Band', 'Reasons']);
    const formulas = sheetValues(emulator, 'Sample leads');
    expect(
      sheetValues(emulator, 'My leads')
        .slice(1, 4)
        .map((r) => r[15]),
    ).toEqual(formulas.slice(1, 4).map((r) => r[15]));
    // A note the user keeps right of the block stays beside it when Grade comes back.
    leads.getRange('Q1').setValue('My notes');
    setGrades(starterGrades);
    emulator.spreadsheet.setActiveSheet(leads);
    emulator.run('scoreThisSheet', [], 'FULL');
    expect(header()?.slice(13)).toEqual(['Score', 'Band', 'Grade', 'Reasons', 'My notes']);
    expect(sheetValues(emulator, 'My leads')[1]?.[15]).toMatch(/^[A-D]$/);
    // Grades gone again: three columns, the Grade column taken out so the notes stay beside the block and
    // last run's Reasons are not left behind.
    setGrades(undefined);
    emulator.spreadsheet.setActiveSheet(leads);
    emulator.run('scoreThisSheet', [], 'FULL');
    expect(header()?.slice(13)).toEqual(['Score', 'Band', 'Reasons', 'My notes']);
    expect(
      sheetValues(emulator, 'My leads')
        .slice(1)
        .every((row) => row[16] === '' && row.length === 17),
    ).toBe(true);
  });

  it('on the model sheet, says what to do instead of scoring it', () => {
    const emulator = addonWithStarter();
    const modelSheet = emulator.spreadsheet.getSheetByName(MODEL_SHEET);
    if (modelSheet) emulator.spreadsheet.setActiveSheet(modelSheet);
    emulator.ui.queueAlertResponse('OK');
    emulator.run('scoreThisSheet', [], 'FULL');
    expect(emulator.ui.alerts.at(-1)?.prompt).toMatch(/add-on's own sheet: open the sheet of leads/);
  });
});

describe('Score this sheet next to LEAD formulas', () => {
  it('on the sample sheet refreshes the LEAD formula columns instead of adding a second Score/Band/Reasons set', () => {
    const emulator = addonWithStarter();
    const sheet = emulator.spreadsheet.getSheetByName('Sample leads');
    sheet?.getRange('P1').setFormula('=LEADGRADE(A1:M201, LeadModel)');
    sheet?.getRange('Q1').setFormula('=LEADREASONS(A1:M201, LeadModel)');
    sheet?.getRange('O1').setFormula('=LEADBAND(A1:M201, LeadModel)');
    emulator.recalculate();
    expect(sheet?.getRange('N1:Q1').getValues()[0]).toEqual(['Score', 'Band', 'Grade', 'Reasons']);
    const scores = sheet?.getRange('N2:N201').getValues().flat();
    if (sheet) emulator.spreadsheet.setActiveSheet(sheet);
    emulator.run('scoreThisSheet', [], 'FULL');
    emulator.recalculate();
    expect(sheet?.getRange('N1').getFormula()).toBe('=LEADSCORE(A1:M201, LeadModel)');
    expect(sheet?.getLastColumn()).toBe(17); // A:M data, N:Q formulas, nothing added
    expect(sheet?.getRange('N1:Q1').getValues()[0]).toEqual(['Score', 'Band', 'Grade', 'Reasons']);
    expect(sheet?.getRange('N2:N201').getValues().flat()).toEqual(scores);
    expect(emulator.ui.toasts.find((t) => t.message.startsWith('Scoring'))?.message).toBe(
      'Scoring 200 leads…',
    );
    expect(emulator.ui.toasts.at(-1)?.message).toMatch(/^Scored 200 leads: /);
  });
});
