// Model v2 in the add-on, end to end in the strict local Apps Script emulation with the shipped manifest:
// the v2 starter and its "Sample activities" log, the activity range as the custom functions' third
// argument, Score this sheet and the calibration reading the activity sheet, and the same results from
// the CLI on the same data exported as CSV.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { starterModelV2 } from '../../src/core/starterModel';
import type { Emulator } from '../../src/emulation';
import { loadBuiltAddon, sheetValues } from '../support/addon';
import { CLI_PATH } from '../support/paths';

/** A spreadsheet with the v2 starter, its sample leads and the Sample activities log, formulas computed. */
function addonWithStarter(options: { timeZone: string }): Emulator {
  const emulator = loadBuiltAddon(options);
  emulator.run('insertStarterModel', [], 'FULL');
  emulator.recalculate();
  return emulator;
}

const TIME_ZONE = 'America/Los_Angeles'; // not UTC: a Date cell's day is the spreadsheet's day
const LEADS = 'Sample leads';
const LOG = 'Sample activities';
const DATA_WIDTH = 16; // A:P, the v2 sample columns
const OUTPUTS = ['Score', 'Band', 'Grade', 'Reasons'];

type Row = [number, string, string, string];

function sheet(emulator: Emulator, name: string) {
  const found = emulator.spreadsheet.getSheetByName(name);
  if (!found) throw new Error(`no sheet "${name}"`);
  return found;
}

/** Score, Band, Grade, Reasons of the 200 sample leads as the sheet shows them (columns Q:T). */
function shownResults(emulator: Emulator): Row[] {
  return sheet(emulator, LEADS)
    .getRange(2, DATA_WIDTH + 1, 200, 4)
    .getValues()
    .map((row) => [row[0] as number, String(row[1]), String(row[2]), String(row[3])]);
}

/** Today in the spreadsheet's time zone, the day the add-on measures ages to. */
function todayThere(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(new Date());
}

describe('the v2 starter in the add-on', () => {
  it('writes the v2 model, the Sample activities log with real dates, and formulas that pass LeadModel and the log', () => {
    const emulator = addonWithStarter({ timeZone: TIME_ZONE });
    const leads = sheet(emulator, LEADS);
    const headers = leads.getRange(1, 1, 1, DATA_WIDTH).getValues()[0];
    expect(headers?.slice(-3)).toEqual(['Last email sent', 'Replied', 'Manual score']);
    expect(leads.getRange(1, DATA_WIDTH + 1, 1, 4).getFormulas()[0]).toEqual(
      ['LEADSCORE', 'LEADBAND', 'LEADGRADE', 'LEADREASONS'].map(
        (name) => `=${name}(A1:P201, LeadModel, 'Sample activities'!A1:D)`,
      ),
    );
    const log = sheetValues(emulator, LOG);
    expect(log[0]).toEqual(['Lead', 'Activity', 'Date', 'Page']);
    expect(log.length).toBeGreaterThan(400);
    expect(log.slice(1).every((row) => Object.prototype.toString.call(row[2]) === '[object Date]')).toBe(
      true,
    );
    // Every v2 addition is at work in the sheet's own reasons.
    const reasons = shownResults(emulator).map((row) => row[3]);
    for (const shown of [
      'No reply 3 days after an email −5',
      'Pricing page 3+ times in a week +15',
      'Email opens (30 days) +',
      'Manual override 75 (model ',
      'Company size 50–1,000 +15', // level 5 × weight 3
    ]) {
      expect(
        reasons.some((r) => r.includes(shown)),
        shown,
      ).toBe(true);
    }
  });

  it('asks Yes/No before replacing a model, and No keeps the model and the sheets', () => {
    const emulator = addonWithStarter({ timeZone: TIME_ZONE });
    const modelBefore = sheetValues(emulator, 'Lead Scoring Model');
    sheet(emulator, LOG).appendRow(['Acme Retail #001', 'Email opened', 'kept']);
    const asked: string[] = [];
    emulator.ui.queueAlertResponse('NO');
    emulator.run('insertStarterModel', [], 'FULL');
    asked.push(...emulator.ui.alerts.map((a) => `${a.title}|${a.buttons}`));
    expect(asked).toContain('Replace the model?|YES_NO');
    expect(sheetValues(emulator, 'Lead Scoring Model')).toEqual(modelBefore);
    expect(sheetValues(emulator, LOG).at(-1)?.[2]).toBe('kept');
    emulator.ui.queueAlertResponse('YES');
    emulator.run('insertStarterModel', [], 'FULL');
    expect(sheetValues(emulator, LOG).at(-1)?.[2]).not.toBe('kept');
  });
});

describe('the activity log as the third argument', () => {
  it('a new event below the log re-scores the formula that reads it', () => {
    const emulator = addonWithStarter({ timeZone: TIME_ZONE });
    const before = shownResults(emulator);
    // A lead with no pricing-page event in the week: three visits today make it count.
    const log = sheetValues(emulator, LOG);
    const index = before.findIndex(
      (row, i) =>
        !row[3].includes('Pricing page 3+') &&
        !row[3].includes('Manual override') &&
        row[0] <= 80 &&
        !log.some(
          (event) =>
            event[0] === sheetValues(emulator, LEADS)[i + 1]?.[0] && event[1] === 'Visited pricing page',
        ),
    );
    expect(index).toBeGreaterThanOrEqual(0);
    const lead = String(sheetValues(emulator, LEADS)[index + 1]?.[0]);
    const today = todayThere();
    const logSheet = sheet(emulator, LOG);
    for (let i = 0; i < 3; i++) logSheet.appendRow([lead, 'Visited pricing page', today, '/pricing']);
    const evaluated = emulator.recalculate();
    expect(evaluated).toContain("'Sample leads'!Q1");
    const after = shownResults(emulator);
    expect(after[index]?.[3]).toContain('Pricing page 3+ times in a week +15');
    expect(after[index]?.[0]).toBeGreaterThan(before[index]?.[0] ?? 0);
    after.forEach((row, i) => {
      if (i !== index) expect(row).toEqual(before[i]);
    });
  });

  it('LEADEXPLAIN counts the lead’s events and says so', () => {
    const emulator = addonWithStarter({ timeZone: TIME_ZONE });
    const leads = sheet(emulator, LEADS);
    const results = shownResults(emulator);
    const row = results.findIndex((r) => r[3].includes('Pricing page 3+ times in a week')) + 2;
    expect(row).toBeGreaterThan(1);
    leads.getRange('V1').setFormula(`=LEADEXPLAIN(A${row}:P${row}, LeadModel, 'Sample activities'!A1:D)`);
    emulator.recalculate();
    const explanation = leads.getRange(1, 22, 40, 3).getValues();
    expect(explanation[0]).toEqual(['Rule', 'Points', 'Why']);
    const pricing = explanation.find((line) => line[0] === 'Pricing page 3+ times in a week');
    expect(pricing?.[1]).toBe(15);
    expect(String(pricing?.[2])).toMatch(/\d+ .*in 7 days/);
    const opens = explanation.find((line) => line[0] === 'Email opens (30 days)');
    expect(String(opens?.[2])).toMatch(/\d/);
  });

  it('without the third argument, a model that counts events says in the cell what to pass', () => {
    const emulator = addonWithStarter({ timeZone: TIME_ZONE });
    const leads = sheet(emulator, LEADS);
    leads.getRange('V1').setFormula('=LEADSCORE(A1:P201, LeadModel)');
    leads.getRange('W2').setFormula('=LEADBAND(A2:P2)');
    emulator.recalculate();
    expect(leads.getRange('V1').getValue()).toBe(
      'LEADSCORE: the model counts events, so give the activity log as the third argument, with its header row (columns "Lead", "Activity", "Date"): =LEADSCORE(A1:P201, LeadModel, \'Sample activities\'!A1:D)',
    );
    expect(String(leads.getRange('W2').getValue())).toContain(
      "=LEADBAND(A2:P2, LeadModel, 'Sample activities'!A1:D)",
    );
    expect(leads.getRange('V2').getValue()).toBe('');
  });

  it('an activity range without its header row is named in the cell', () => {
    const emulator = addonWithStarter({ timeZone: TIME_ZONE });
    const leads = sheet(emulator, LEADS);
    leads.getRange('V1').setFormula("=LEADSCORE(A1:P201, LeadModel, 'Sample activities'!A2:D)");
    emulator.recalculate();
    expect(leads.getRange('V1').getValue()).toBe(
      'LEADSCORE: the activity range must start with its header row (columns "Lead", "Activity", "Date"), e.g. \'Sample activities\'!A1:D',
    );
  });
});

describe('Score this sheet and the calibration read the activity sheet', () => {
  it('Score this sheet on leads without formulas gives what the formulas give', () => {
    const emulator = addonWithStarter({ timeZone: TIME_ZONE });
    const formulas = shownResults(emulator);
    sheet(emulator, LEADS)
      .getRange(1, DATA_WIDTH + 1, 1, 4)
      .clearContent();
    emulator.spreadsheet.activateSheet(LEADS);
    emulator.resetCalls();
    emulator.run('scoreThisSheet', [], 'FULL');
    expect(emulator.calls.filter((c) => c === 'Range.getValues').length).toBeLessThanOrEqual(8);
    expect(
      sheet(emulator, LEADS)
        .getRange(1, DATA_WIDTH + 1, 1, 4)
        .getValues()[0],
    ).toEqual(OUTPUTS);
    expect(shownResults(emulator)).toEqual(formulas);
  });

  it('Score this sheet with no activity sheet says what to add', () => {
    const emulator = addonWithStarter({ timeZone: TIME_ZONE });
    emulator.spreadsheet.deleteSheet(sheet(emulator, LOG));
    emulator.spreadsheet.activateSheet(LEADS);
    emulator.ui.queueAlertResponse('OK');
    emulator.run('scoreThisSheet', [], 'FULL');
    expect(emulator.ui.alerts.at(-1)?.prompt).toBe(
      'The model counts events, but there is no activity log: add a sheet named "Activities" (one row per event, columns "Lead", "Activity", "Date" in row 1).',
    );
  });

  it('the calibration counts the events', () => {
    const emulator = addonWithStarter({ timeZone: TIME_ZONE });
    emulator.run('buildCalibration', [], 'FULL');
    const text = sheetValues(emulator, 'Calibration').flat().map(String);
    expect(text.some((cell) => cell.includes('Pricing page 3+ times in a week'))).toBe(true);
    expect(emulator.ui.alerts).toEqual([]);
  });
});

describe('the same results everywhere (v2 starter, sample leads and activities)', () => {
  it('the CLI on the sheets exported as CSV, the custom functions and Score this sheet agree on every lead', () => {
    const emulator = addonWithStarter({ timeZone: TIME_ZONE });
    const formulas = shownResults(emulator);
    // What File > Download > CSV gives: the shown values.
    const dir = mkdtempSync(join(tmpdir(), 'leadscore-v2-'));
    const leadsCsv = sheet(emulator, LEADS).getRange(1, 1, 201, DATA_WIDTH).getDisplayValues();
    writeFileSync(join(dir, 'leads.csv'), stringify(leadsCsv));
    writeFileSync(
      join(dir, 'activities.csv'),
      stringify(sheet(emulator, LOG).getDataRange().getDisplayValues()),
    );
    writeFileSync(join(dir, 'model.json'), JSON.stringify(starterModelV2()));
    const run = spawnSync(
      process.execPath,
      [
        CLI_PATH,
        'score',
        '--model',
        join(dir, 'model.json'),
        '--input',
        join(dir, 'leads.csv'),
        '--activities',
        join(dir, 'activities.csv'),
        '--as-of',
        todayThere(),
      ],
      { encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = parse(run.stdout) as string[][];
    expect(out[0]?.slice(DATA_WIDTH)).toEqual(OUTPUTS);
    const cli: Row[] = out
      .slice(1)
      .map((row) => [Number(row[DATA_WIDTH]), row[17] ?? '', row[18] ?? '', row[19] ?? '']);
    expect(cli).toEqual(formulas);

    sheet(emulator, LEADS)
      .getRange(1, DATA_WIDTH + 1, 1, 4)
      .clearContent();
    emulator.spreadsheet.activateSheet(LEADS);
    emulator.run('scoreThisSheet', [], 'FULL');
    expect(shownResults(emulator)).toEqual(formulas);
    // Not a degenerate agreement: the leads spread over the bands and events count.
    expect(new Set(formulas.map((row) => row[1])).size).toBe(4);
    expect(formulas.filter((row) => row[3].includes('(30 days)')).length).toBeGreaterThan(50);
  });
});
