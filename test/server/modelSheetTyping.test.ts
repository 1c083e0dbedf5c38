// A marketer types into the model sheet's cells what they would type in Sheets (setValue converts a string as
// typed input: `25%` in a cell that is not plain text becomes 0.25). Every path that reads the model — the
// sidebar, LEADSCORE with LeadModel, LEADSCORE without it, the menu's "Score this sheet" — reads what the
// user meant, or names the cell. test/core/modelSheetTyped.test.ts covers the reader alone.
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulation';
import type { SaveResult, SidebarState } from '../../src/shared/sidebarApi';
import { addonWithStarter, loadBuiltAddon, sheetValues } from '../support/addon';

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

/** What a marketer types, where, and what every path must then read (a value) or say (a problem's text). */
const TYPED: {
  row: string;
  column: number;
  typed: string;
  read: (s: SidebarState) => unknown;
  expected: unknown;
}[] = [
  // Silently misread before: a decimal comma read as thousands, a % sign read as hundredths of a point.
  {
    row: 'Requested a demo',
    column: 6,
    typed: '1,5',
    read: points('Requested a demo'),
    expected:
      /F\d+: rule "Requested a demo": points must be a number, got "1,5" \(decimals take a point: 1\.5\)$/,
  },
  {
    row: 'Requested a demo',
    column: 6,
    typed: '10%',
    read: points('Requested a demo'),
    expected:
      /F\d+: rule "Requested a demo": points must be a number, got "10%" \(a % sign belongs only in Decay % per period, Weight and a number rule’s value: type the number alone\)$/,
  },
  {
    row: 'Web activity',
    column: 3,
    typed: '50%',
    read: (s) => group(s, 'Web activity')?.maxPoints,
    expected: /C14: group "Web activity": max points must be a number, got "50%"/,
  },
  {
    row: 'Warm',
    column: 2,
    typed: '20%',
    read: (s) => s.model?.bands[1]?.min,
    expected: /B\d+: band "Warm": min score must be a number, got "20%"/,
  },
  {
    row: 'Min score',
    column: 2,
    typed: '1,5',
    read: (s) => s.model?.settings?.minScore,
    expected: /B7: settings: min score must be a number, got "1,5"/,
  },
  // Read as meant.
  {
    row: 'Company size 10–49',
    column: 5,
    typed: '1-10',
    read: value('Company size 10–49'),
    expected: [1, 10],
  },
  {
    row: 'Company size 10–49',
    column: 5,
    typed: '10-50',
    read: value('Company size 10–49'),
    expected: [10, 50],
  },
  {
    row: 'Company size 10–49',
    column: 5,
    typed: '10–50',
    read: value('Company size 10–49'),
    expected: [10, 50],
  },
  // Silently misread before too: one number read as the range 1 to 500.
  {
    row: 'Company size 10–49',
    column: 5,
    typed: '1,500',
    read: value('Company size 10–49'),
    expected:
      /E21: rule "Company size 10–49": value must be two numbers \[min, max\] with min no more than max, got "1,500"/,
  },
  { row: 'Budget $10,000+', column: 5, typed: '$10,000', read: value('Budget $10,000+'), expected: 10000 },
  { row: 'Budget $10,000+', column: 5, typed: '10 000', read: value('Budget $10,000+'), expected: 10000 },
  { row: 'Budget $10,000+', column: 5, typed: '10%', read: value('Budget $10,000+'), expected: 0.1 },
  { row: 'Requested a demo', column: 6, typed: ' 20 ', read: points('Requested a demo'), expected: 20 },
  { row: 'Requested a demo', column: 6, typed: '1,500', read: points('Requested a demo'), expected: 1500 },
  {
    row: 'Email opens',
    column: 7,
    typed: '2.5',
    read: (s) => rule(s, 'Email opens')?.maxPoints,
    expected: 2.5,
  },
  { row: 'Unsubscribed', column: 5, typed: '1-10', read: value('Unsubscribed'), expected: '1-10' },
  {
    row: 'As of date',
    column: 2,
    typed: '2026-03-04',
    read: (s) => s.model?.settings?.asOf,
    expected: '2026-03-04',
  },
  {
    row: 'As of date',
    column: 2,
    typed: '3/4/2026',
    read: (s) => s.model?.settings?.asOf,
    expected: /B9: settings: asOf must be a real date written YYYY-MM-DD, got "3\/4\/2026"/,
  },
  {
    row: 'Requested a demo',
    column: 8,
    typed: 'TRUE',
    read: (s) => rule(s, 'Requested a demo')?.enabled,
    expected: false,
  },
];

function rule(s: SidebarState, name: string) {
  return s.model?.rules.find((r) => r.name === name);
}
function group(s: SidebarState, name: string) {
  return s.model?.groups.find((g) => g.name === name);
}
function points(name: string) {
  return (s: SidebarState) => rule(s, name)?.points;
}
function value(name: string) {
  return (s: SidebarState) => rule(s, name)?.value;
}

/** The year Sheets gives a date typed without one (the current year in the spreadsheet's time zone). */
function year(emulator: Emulator): string {
  const zone = emulator.spreadsheet.getSpreadsheetTimeZone();
  return new Intl.DateTimeFormat('en', { timeZone: zone, year: 'numeric' }).format(new Date());
}

describe('typing into the other model-sheet cells', () => {
  it('every cell but the tick boxes is plain text, so what is typed reaches the reader as typed', () => {
    const emulator = addonWithStarter();
    const formats = sheet(emulator, MODEL_SHEET).getDataRange().getNumberFormats();
    const values = sheetValues(emulator, MODEL_SHEET);
    const notText = formats.flatMap((row, r) =>
      row.flatMap((format, c) => (format === '@' ? [] : [typeof values[r]?.[c]])),
    );
    expect(new Set(notText)).toEqual(new Set(['boolean']));
  });

  it('reads what was meant, or names the cell and says what to type, on the sidebar and in LEADSCORE', () => {
    const emulator = addonWithStarter();
    const leads = sheet(emulator, LEADS);
    const original = state(emulator).model;
    expect(original).not.toBeNull();
    for (const { row, column, typed, read, expected } of TYPED) {
      const cell = modelCell(emulator, row, column);
      const before = cell.getValue();
      cell.setValue(typed);
      const sidebar = state(emulator);
      emulator.recalculate();
      const inCell = String(leads.getRange('N1').getValue());
      if (expected instanceof RegExp) {
        expect(sidebar.model, `${typed} in ${row}`).toBeNull();
        expect(sidebar.modelProblems.map((p) => p.message).join('\n'), `${typed} in ${row}`).toMatch(
          expected,
        );
        expect(inCell, `${typed} in ${row}`).toMatch(expected);
      } else {
        expect(sidebar.modelProblems, `${typed} in ${row}`).toEqual([]);
        expect(read(sidebar), `${typed} in ${row}`).toEqual(expected);
        expect(inCell).toBe('Score');
      }
      cell.setValue(typeof before === 'string' ? `'${before}` : before);
    }
    expect(state(emulator).model).toEqual(original); // every cell put back: the starter as it was
  });

  it('in a sheet from before (Automatic cells), a date Sheets made of what was typed is named as a date', () => {
    const emulator = addonWithStarter();
    const points = modelCell(emulator, 'Requested a demo', 6);
    points.clearFormat();
    points.setValue('1/2');
    expect(points.getValue()).toBeInstanceOf(Date);
    expect(state(emulator).modelProblems.map((p) => p.message)).toEqual([
      `'${MODEL_SHEET}'!${points.getA1Notation()}: rule "Requested a demo": points must be a number, got the date ` +
        `${year(emulator)}-01-02 (Sheets reads a number typed like 1-10 or 1/2 as a date)`,
    ]);
    points.setValue(15);
    const range = modelCell(emulator, 'Company size 10–49', 5);
    range.clearFormat();
    range.setValue('1-10');
    expect(state(emulator).modelProblems.map((p) => p.message)).toContain(
      `'${MODEL_SHEET}'!${range.getA1Notation()}: rule "Company size 10–49": value is the date ` +
        `${year(emulator)}-01-10, which is how Sheets stores a range such as 1-10 typed there: type it ` +
        `as min to max, e.g. 1 to 10`,
    );
  });
});

describe('typing into a Weight cell (the v2 starter)', () => {
  it('reads 40% as the multiplier 0.4 and 1.5 as 1.5, as before the cells were plain text', () => {
    const emulator = loadBuiltAddon();
    emulator.run('insertStarterModel', [], 'FULL');
    const weight = modelCell(emulator, 'Company size', 7);
    expect(weight.getValue()).toBe(3);
    expect(weight.getNumberFormat()).toBe('@');
    weight.setValue('40%');
    expect(weight.getValue()).toBe('40%');
    expect(group(state(emulator), 'Company size')?.weight).toBe(0.4);
    weight.setValue('1.5');
    expect(group(state(emulator), 'Company size')?.weight).toBe(1.5);
    weight.setValue('1,5');
    expect(state(emulator).modelProblems.map((p) => p.message)).toEqual([
      `'${MODEL_SHEET}'!${weight.getA1Notation()}: group "Company size": weight must be a number, got "1,5" ` +
        `(decimals take a point: 1.5)`,
    ]);
  });
});
