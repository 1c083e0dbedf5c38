// Suggest a model → Apply → Restore, run end to end in the strict Apps Script emulation with the shipped
// manifest: the built bundle, the menu commands and sidebar calls as Sheets runs them, dialogs answered only
// where a test queues the answer.
import { describe, expect, it } from 'vitest';
import { scoreRows } from '../../src/core/engine';
import type { Model } from '../../src/core/model';
import { starterModel } from '../../src/core/starterModel';
import { DataValidationCriteria, type Emulator, UnansweredDialogError } from '../../src/emulation';
import type { SaveResult, SidebarState, Suggestion } from '../../src/shared/sidebarApi';
import { sheetModel } from '../sidebar/helpers';
import { addonWithStarter, loadBuiltAddon, sheetValues } from '../support/addon';

const SUGGESTED = 'Suggested model';

function state(emulator: Emulator): SidebarState {
  return emulator.run('getSidebarState', [], 'FULL') as SidebarState;
}

function leadScores(emulator: Emulator): unknown[] {
  return sheetValues(emulator, 'Sample leads')
    .slice(1)
    .map((row) => row[13]);
}

/** What the engine gives the sample leads under `model`: what the LEAD formulas must show. */
function engineScores(emulator: Emulator, model: Model): number[] {
  const [headers = [], ...rows] = sheetValues(emulator, 'Sample leads').map((row) => row.slice(0, 13));
  const result = scoreRows(model, headers, rows, {
    timeZone: emulator.spreadsheet.getSpreadsheetTimeZone(),
  });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.scores.map((s) => s.score);
}

function suggestedRows(emulator: Emulator): unknown[][] {
  return sheetValues(emulator, SUGGESTED);
}

describe('Suggest a model, in the emulation with the shipped manifest', () => {
  it('Suggest → Apply → the model sheet holds the suggested model as a new version, LEAD formulas re-score, Restore brings the old model back', () => {
    const emulator = addonWithStarter();
    const before = leadScores(emulator);
    const starter = sheetModel(emulator);
    expect(engineScores(emulator, starter)).toEqual(before);

    emulator.run('suggestModelSheet', [], 'FULL'); // the starter model has an outcome: no question asked
    expect(emulator.ui.alerts).toEqual([]); // no command failed into an alert
    // Progress as toasts, one per step of the fit, each replacing the last.
    expect(emulator.ui.toasts.map((t) => t.message.replace(/:.*|\(.*/, '').trim())).toEqual(
      expect.arrayContaining([
        'Checking for leaks',
        'Choosing the penalty by cross-validation',
        'Selecting the rules and rounding their points…',
        'Checking the model on the held-out leads…',
      ]),
    );
    const suggestion = emulator.run('getSuggestion', [], 'FULL') as Suggestion;
    expect(suggestion.upToDate).toBe(true);
    expect(suggestion.leadsSheet).toBe('Sample leads');
    expect(suggestion.model.rules.length).toBeGreaterThan(0);
    expect(suggestion.holdoutAuc).toBeGreaterThan(0.5);
    const rows = suggestedRows(emulator);
    const text = rows.map((row) => row.filter((c) => c !== '').join(' | '));
    expect(text[0]).toBe('Suggested model from "Sample leads"');
    // The evaluation: the AUCs, the band table, every rule with its support, rate, lift and points.
    const auc = rows.find((row) => String(row[0]).startsWith('Suggested model, '));
    expect(auc?.[1]).toBeCloseTo(suggestion.holdoutAuc ?? -1, 10);
    expect(rows.find((row) => row[0] === 'Current model')?.[1]).toBeCloseTo(suggestion.baseAuc ?? -1, 10);
    const ruleHeader = rows.findIndex((row) => row[0] === 'Status' && row[1] === 'Rule');
    expect(rows[ruleHeader]?.slice(0, 10)).toEqual([
      'Status',
      'Rule',
      'Column',
      'Points',
      'Now',
      'Leads',
      'Converted',
      'Rate',
      'Lift',
      'Why',
    ]);
    for (const rule of suggestion.model.rules) {
      const row = rows.find((r) => r[1] === rule.name && String(r[0]).startsWith('Kept'));
      expect(row?.[3]).toBe(rule.points);
      expect(row?.[5]).toBeGreaterThanOrEqual(20);
      expect(typeof row?.[7]).toBe('number');
    }
    // The starter's rules are candidates too: some are dropped, in plain words.
    const dropped = rows.filter((r) => r[0] === 'Dropped');
    expect(dropped.length).toBeGreaterThan(0);
    expect(dropped.every((r) => String(r[9]).length > 0)).toBe(true);
    const bandHeader = rows.findIndex((row) => row[0] === 'Band' && row[1] === 'From score');
    expect(rows[bandHeader + 1]?.[0]).toBe(suggestion.model.bands[0]?.name);

    // Apply, from the menu, after its confirmation.
    emulator.ui.queueAlertResponse('OK');
    emulator.run('applySuggestedModelFromMenu', [], 'FULL');
    expect(emulator.ui.alerts.map((a) => a.title)).toEqual(['Apply the suggested model?']);
    // 34 conversions to fit from: the sample's suggestion ranks worse than the starter, and the question says so.
    expect((suggestion.holdoutAuc ?? 1) < (suggestion.baseAuc ?? 0)).toBe(true);
    expect(emulator.ui.alerts[0]?.prompt).toMatch(
      /ranks worse than the current model \(AUC 0\.\d\d against 0\.\d\d\)/,
    );
    emulator.recalculate();
    expect(sheetModel(emulator)).toEqual(suggestion.model);
    // The sample's "Activities" column names a group like the model sheet's Activities table: it reads back as a group.
    expect(suggestion.model.groups.map((g) => g.name)).toContain('Activities');
    const applied = state(emulator);
    expect(applied.versions[0]?.summary).toMatch(/^Applied the suggested model \(\d+ rules, held-out AUC/);
    expect(applied.versions[0]?.version).toBe(2);
    const after = leadScores(emulator);
    expect(after).toEqual(engineScores(emulator, suggestion.model));
    expect(after).not.toEqual(before);

    // Restore: the starter is the current model again (as version 3), and the scores are back.
    const restored = emulator.run('restoreVersion', [1, applied.revision], 'FULL') as SaveResult;
    expect(restored).toMatchObject({ ok: true, version: { version: 3 } });
    emulator.recalculate();
    expect(sheetModel(emulator)).toEqual(starter);
    expect(leadScores(emulator)).toEqual(before);
  });

  it('refuses to apply when the model changed since the suggestion, and changes nothing', () => {
    const emulator = addonWithStarter();
    emulator.run('buildSuggestedModelSheet', [{}], 'FULL');
    const model = state(emulator).model as Model;
    const edited = { ...model, name: 'Edited meanwhile' };
    const saved = emulator.run('saveModel', [edited, state(emulator).revision], 'FULL') as SaveResult;
    expect(saved.ok).toBe(true);
    expect((emulator.run('getSuggestion', [], 'FULL') as Suggestion).upToDate).toBe(false);
    const versions = state(emulator).versions.length;
    const result = emulator.run('applySuggestedModel', [], 'FULL') as SaveResult;
    expect(result).toMatchObject({ ok: false, reason: 'conflict' });
    expect(result.ok ? '' : result.message).toMatch(/model changed since this model was suggested/);
    expect(sheetModel(emulator).name).toBe('Edited meanwhile');
    expect(state(emulator).versions).toHaveLength(versions);
    // From the menu, the same refusal is an alert in plain words.
    emulator.ui.queueAlertResponse('OK'); // "Apply the suggested model?"
    emulator.ui.queueAlertResponse('OK'); // the refusal
    emulator.run('applySuggestedModelFromMenu', [], 'FULL');
    expect(emulator.ui.alerts.at(-1)?.prompt).toMatch(/was not applied and nothing changed/);
  });

  it('asks for the outcome column when the model has none (a prompt the user answers)', () => {
    const emulator = addonWithStarter();
    const { outcome: _, ...withoutOutcome } = starterModel();
    const saved = emulator.run('saveModel', [withoutOutcome, state(emulator).revision], 'FULL') as SaveResult;
    expect(saved.ok).toBe(true);
    // Nobody answers: the strict emulation does not make one up.
    expect(() => emulator.run('suggestModelSheet', [], 'FULL')).toThrow(UnansweredDialogError);
    emulator.ui.queuePromptResponse('Converted', 'OK');
    emulator.run('suggestModelSheet', [], 'FULL');
    const suggestion = emulator.run('getSuggestion', [], 'FULL') as Suggestion;
    expect(suggestion.model.outcome).toEqual({ column: 'Converted', positive: ['Yes'], negative: ['No'] });
    // A column that is not there: an alert that says so and lists the columns.
    emulator.ui.queuePromptResponse('Won', 'OK');
    emulator.ui.queueAlertResponse('OK');
    emulator.run('suggestModelSheet', [], 'FULL');
    expect(emulator.ui.alerts.at(-1)?.prompt).toMatch(
      /"Sample leads" has no column "Won" \(its columns: "Lead"/,
    );
    // Cancel: nothing happens.
    emulator.ui.queuePromptResponse('', 'CANCEL');
    emulator.run('suggestModelSheet', [], 'FULL');
    expect(emulator.ui.alerts).toHaveLength(1);
  });

  it('keeps a flagged column in one step: a tick in the leakage table, remembered until it is unticked', () => {
    const emulator = addonWithStarter();
    const leads = emulator.spreadsheet.getSheetByName('Sample leads')!;
    const outcome = sheetModel(emulator).outcome!;
    const [headers = [], ...rows] = sheetValues(emulator, 'Sample leads');
    const at = headers.indexOf(outcome.column);
    const won = new Set(outcome.positive.map((v) => v.toLowerCase()));
    // A verdict sales type in after the outcome: it all but records it.
    leads.insertColumnsAfter(leads.getMaxColumns(), 1);
    const column = leads.getMaxColumns();
    const verdicts = rows.map((row) => [
      won.has(String(row[at]).toLowerCase()) ? 'Closed won' : 'Closed lost',
    ]);
    leads.getRange(1, column, rows.length + 1, 1).setValues([['Sales verdict'], ...verdicts]);
    const leakageRow = () => {
      const cells = suggestedRows(emulator);
      const r = cells.findIndex((row) => row[0] === 'Sales verdict' && typeof row[3] === 'boolean');
      return { r, cells };
    };
    const rulesOnVerdict = () =>
      (emulator.run('getSuggestion', [], 'FULL') as Suggestion).model.rules.filter(
        (rule) => rule.column === 'Sales verdict',
      ).length;

    emulator.run('buildSuggestedModelSheet', [{}], 'FULL');
    let { r, cells } = leakageRow();
    expect(r).toBeGreaterThan(0);
    expect(cells[r - 1]?.slice(0, 5)).toEqual(['Column', 'AUC alone', 'Where answered', 'Keep', 'Why']);
    expect(cells[r]?.[3]).toBe(false);
    expect(rulesOnVerdict()).toBe(0);
    const sheet = emulator.spreadsheet.getSheetByName(SUGGESTED)!;
    expect(
      sheet
        .getRange(r + 1, 4)
        .getDataValidation()
        ?.getCriteriaType(),
    ).toBe(DataValidationCriteria.CHECKBOX);

    // Tick Keep, suggest again: the column is kept, and stays ticked.
    sheet.getRange(r + 1, 4).setValue(true);
    emulator.run('buildSuggestedModelSheet', [{}], 'FULL');
    ({ r, cells } = leakageRow());
    expect(cells[r]?.[3]).toBe(true);
    expect(rulesOnVerdict()).toBeGreaterThan(0);
    // Remembered: the menu command keeps it too.
    emulator.run('suggestModelSheet', [], 'FULL');
    expect(rulesOnVerdict()).toBeGreaterThan(0);

    // Untick, suggest again: left out again.
    emulator.spreadsheet
      .getSheetByName(SUGGESTED)!
      .getRange(leakageRow().r + 1, 4)
      .setValue(false);
    emulator.run('buildSuggestedModelSheet', [{}], 'FULL');
    expect(leakageRow().cells[leakageRow().r]?.[3]).toBe(false);
    expect(rulesOnVerdict()).toBe(0);
  });

  it('the sidebar’s Keep tick and the sheet’s are one list: setSuggestKeepLeaky ticks the sheet, the state reads the sheet', () => {
    const emulator = addonWithStarter();
    const leads = emulator.spreadsheet.getSheetByName('Sample leads')!;
    const outcome = sheetModel(emulator).outcome!;
    const [headers = [], ...rows] = sheetValues(emulator, 'Sample leads');
    const at = headers.indexOf(outcome.column);
    const won = new Set(outcome.positive.map((v) => v.toLowerCase()));
    leads.insertColumnsAfter(leads.getMaxColumns(), 1);
    const verdicts = rows.map((row) => [
      won.has(String(row[at]).toLowerCase()) ? 'Closed won' : 'Closed lost',
    ]);
    // A header with quotes and a comma: stored and read back exactly.
    const name = '"Sales", verdict';
    leads.getRange(1, leads.getMaxColumns(), rows.length + 1, 1).setValues([[name], ...verdicts]);
    const tick = () => {
      const cells = suggestedRows(emulator);
      return cells.find((row) => row[0] === name && typeof row[3] === 'boolean')?.[3];
    };
    const kept = () => state(emulator).suggestKeepLeaky;
    const rulesOnIt = () =>
      (emulator.run('getSuggestion', [], 'FULL') as Suggestion).model.rules.filter((r) => r.column === name)
        .length;

    emulator.run('buildSuggestedModelSheet', [{}], 'FULL');
    expect(tick()).toBe(false);
    expect(kept()).toEqual([]);
    expect(emulator.run('setSuggestKeepLeaky', [name, true], 'FULL')).toEqual([name]);
    expect(tick()).toBe(true);
    expect(kept()).toEqual([name]);
    emulator.run('buildSuggestedModelSheet', [{}], 'FULL');
    expect(rulesOnIt()).toBeGreaterThan(0);
    expect(tick()).toBe(true);
    // Unticked on the sheet: the sidebar's state says so before any new fit.
    const cells = suggestedRows(emulator);
    const r = cells.findIndex((row) => row[0] === name && typeof row[3] === 'boolean');
    emulator.spreadsheet
      .getSheetByName(SUGGESTED)!
      .getRange(r + 1, 4)
      .setValue(false);
    expect(kept()).toEqual([]);
    expect(emulator.run('setSuggestKeepLeaky', [name, false], 'FULL')).toEqual([]);
    emulator.run('buildSuggestedModelSheet', [{}], 'FULL');
    expect(rulesOnIt()).toBe(0);
    expect(() => emulator.run('setSuggestKeepLeaky', ['', true], 'FULL')).toThrow(/which column/);
  });

  it('stores text from the data as that text, never as a formula', () => {
    const emulator = addonWithStarter();
    const leads = emulator.spreadsheet.getSheetByName('Sample leads')!;
    // A column whose header and values look like formulas, added after the last used column.
    leads.insertColumnsAfter(leads.getMaxColumns(), 1);
    const column = leads.getMaxColumns();
    const values = [['=Plan'], ...Array.from({ length: 200 }, (_, i) => [i % 2 ? '=1+1' : "'quoted"])];
    leads.getRange(1, column, 201, 1).setNumberFormat('@');
    leads.getRange(1, column, 201, 1).setValues(values.map(([v]) => [`'${v}`]));
    expect(leads.getRange(1, column).getValue()).toBe('=Plan');
    emulator.run('buildSuggestedModelSheet', [{}], 'FULL');
    const sheet = emulator.spreadsheet.getSheetByName(SUGGESTED)!;
    const cells = sheet.getDataRange().getValues();
    const formulas = sheet.getDataRange().getFormulas();
    expect(formulas.flat().every((f) => f === '')).toBe(true);
    expect(cells.some((row) => row[2] === '=Plan' && String(row[1]).includes('=1+1'))).toBe(true);
    expect(cells.some((row) => String(row[1]).includes("'quoted"))).toBe(true);
  });

  it('v2 starter with activities → Suggest reads the Sample activities log → Apply re-scores the LEAD formulas → Restore', () => {
    const emulator = loadBuiltAddon();
    emulator.run('insertStarterModel', [], 'FULL');
    emulator.recalculate();
    const scoresOf = () =>
      sheetValues(emulator, 'Sample leads')
        .slice(1)
        .map((row) => row[16]);
    const before = scoresOf();
    const starter = sheetModel(emulator);
    expect(starter.rules.some((r) => r.event !== undefined)).toBe(true);

    // Before the fix: "Nothing was suggested … activities: the model counts events, but no activity table was given".
    emulator.run('suggestModelSheet', [], 'FULL');
    expect(emulator.ui.alerts).toEqual([]);
    const suggestion = emulator.run('getSuggestion', [], 'FULL') as Suggestion;
    expect(suggestion.baseAuc).not.toBeNull(); // the current model, events and all, was scored
    expect(suggestion.model.activities).toEqual(starter.activities);

    emulator.ui.queueAlertResponse('OK');
    emulator.run('applySuggestedModelFromMenu', [], 'FULL');
    emulator.recalculate();
    expect(sheetModel(emulator)).toEqual(suggestion.model);
    const after = scoresOf();
    const [headers = [], ...rows] = sheetValues(emulator, 'Sample leads').map((row) => row.slice(0, 16));
    const [logHeaders = [], ...logRows] = sheetValues(emulator, 'Sample activities');
    const expected = scoreRows(suggestion.model, headers, rows, {
      timeZone: emulator.spreadsheet.getSpreadsheetTimeZone(),
      activities: { headers: logHeaders, rows: logRows },
    });
    if (!expected.ok) throw new Error(expected.problems.map((p) => p.message).join('\n'));
    expect(after).toEqual(expected.scores.map((score) => score.score));
    expect(after).not.toEqual(before);

    const applied = state(emulator);
    const restored = emulator.run('restoreVersion', [1, applied.revision], 'FULL') as SaveResult;
    expect(restored.ok).toBe(true);
    emulator.recalculate();
    expect(sheetModel(emulator)).toEqual(starter);
    expect(scoresOf()).toEqual(before);
  });
});
