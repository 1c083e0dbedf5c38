// The add-on's hand-over commands, end to end on the built bundle in the strict emulation with the shipped
// manifest: CRM hand-over sheet, Hand-over queue, Export and Import model JSON. Every text from the model is
// data: a rule named like a formula stays that text on every sheet the add-on writes.
import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/core/model';
import type { Emulator } from '../../src/emulation';
import type { SaveResult, SidebarState } from '../../src/shared/sidebarApi';
import { addonWithStarter, sheetValues } from '../support/addon';

const HOSTILE = '=HYPERLINK("http://x","y")';
const CRM_SHEET = 'CRM hand-over';
const QUEUE_SHEET = 'Hand-over';
const SNAPSHOT_SHEET = 'Lead Scoring Hand-over snapshot';
const MODEL_SHEET = 'Lead Scoring Model';
const HISTORY_SHEET = 'Lead Scoring History';

function state(emulator: Emulator): SidebarState {
  return emulator.run('getSidebarState', [], 'FULL') as SidebarState;
}

function currentModel(emulator: Emulator): Model {
  const model = state(emulator).model;
  if (!model) throw new Error('no model');
  return model;
}

function save(emulator: Emulator, model: Model): void {
  const result = emulator.run('saveModel', [model, state(emulator).revision], 'FULL') as SaveResult;
  if (!result.ok) throw new Error(result.message);
}

/** The starter model with "Visited pricing page" renamed to a formula and given `points`. */
function withHostileRule(emulator: Emulator, points: number): Model {
  const model = structuredClone(currentModel(emulator));
  const rule = model.rules.find((r) => r.name === 'Visited pricing page' || r.name === HOSTILE);
  if (!rule) throw new Error('starter rule missing');
  rule.name = HOSTILE;
  rule.points = points;
  return model;
}

function sheet(emulator: Emulator, name: string) {
  const found = emulator.spreadsheet.getSheetByName(name);
  if (!found) throw new Error(`no sheet "${name}"`);
  return found;
}

function formulasOf(emulator: Emulator, name: string): string[] {
  return sheet(emulator, name)
    .getDataRange()
    .getFormulas()
    .flat()
    .filter((f) => f !== '');
}

function text(emulator: Emulator, name: string): string {
  return sheetValues(emulator, name)
    .map((row) => row.join('\t'))
    .join('\n');
}

function lastAlert(emulator: Emulator): string {
  return emulator.ui.alerts.at(-1)?.prompt ?? '';
}

describe('CRM hand-over sheet', () => {
  it('writes the page with titles in bold and the calibration summary from the sample outcomes', () => {
    const emulator = addonWithStarter();
    emulator.run('buildCrmHandover', [], 'FULL');
    expect(emulator.ui.alerts).toEqual([]);
    const values = sheetValues(emulator, CRM_SHEET);
    expect(String(values[0]?.[0])).toMatch(/^CRM hand-over: /);
    const all = text(emulator, CRM_SHEET);
    expect(all).toContain('Visited pricing page');
    expect(all).toMatch(/AUC/);
    const crm = sheet(emulator, CRM_SHEET);
    expect(crm.getRange(1, 1).getFontWeight()).toBe('bold');
    const groupsRow = values.findIndex((row) => String(row[0]).startsWith('Score groups'));
    expect(groupsRow).toBeGreaterThan(0);
    expect(crm.getRange(groupsRow + 1, 1).getFontWeight()).toBe('bold');
    const tableHeader = values.findIndex((row) => row[0] === 'Criterion');
    expect(crm.getRange(tableHeader + 1, 1).getFontWeight()).toBe('bold');
    expect(crm.getRange(tableHeader + 2, 1).getFontWeight()).toBe('normal');
    expect(crm.getColumnWidth(1)).toBeGreaterThan(200);
    expect(emulator.spreadsheet.getActiveSheet().getName()).toBe(CRM_SHEET);
  });

  it('runs twice without a leftover and says when there is no calibration summary', () => {
    const emulator = addonWithStarter();
    const model = currentModel(emulator);
    delete model.outcome;
    save(emulator, model);
    emulator.run('buildCrmHandover', [], 'FULL');
    emulator.run('buildCrmHandover', [], 'FULL');
    expect(text(emulator, CRM_SHEET)).not.toMatch(/AUC/);
    expect(emulator.ui.toasts.at(-1)?.message).toMatch(/no calibration summary/);
  });
});

describe('Hand-over queue', () => {
  it('says the first run has nothing to compare with, records a hidden snapshot, then lists the leads that crossed after a weight change, with why', () => {
    const emulator = addonWithStarter();
    emulator.run('buildHandoverQueue', [], 'FULL');
    expect(emulator.ui.alerts).toEqual([]);
    expect(text(emulator, QUEUE_SHEET)).toMatch(/first run, so there is nothing to compare with yet/);
    expect(text(emulator, QUEUE_SHEET)).toMatch(/matched by the "Lead" column/);
    const snapshot = sheet(emulator, SNAPSHOT_SHEET);
    expect(snapshot.isSheetHidden()).toBe(true);
    expect(snapshot.getLastRow()).toBe(2 + 200);

    save(emulator, withHostileRule(emulator, 60));
    emulator.run('buildHandoverQueue', [], 'FULL');
    expect(emulator.ui.alerts).toEqual([]);
    const values = sheetValues(emulator, QUEUE_SHEET);
    const header = values.findIndex((row) => row[0] === 'Lead' && row[1] === 'Change');
    expect(header).toBeGreaterThan(0);
    const changes = values.slice(header + 1);
    const entered = changes.filter((row) => row[1] === 'entered sales-ready');
    expect(entered.length).toBeGreaterThan(0);
    for (const row of entered) {
      expect(['Cold', 'Warm']).toContain(row[2]);
      expect(['Hot', 'Very hot']).toContain(row[3]);
      expect(typeof row[4]).toBe('number');
      expect(typeof row[5]).toBe('number');
      // Why: the rule's new weight (renamed, so the old name is lost and the new one gained; decayed points).
      expect(String(row[6])).toMatch(
        /^gained =HYPERLINK\("http:\/\/x","y"\) \+\d+(\.\d+)?; lost Visited pricing page \+/,
      );
    }
    expect(String(values[2]?.[0])).toMatch(new RegExp(`${entered.length} entered and \\d+ left`));
    expect(formulasOf(emulator, QUEUE_SHEET)).toEqual([]);

    // A third run with nothing changed: nothing crossed.
    emulator.run('buildHandoverQueue', [], 'FULL');
    expect(text(emulator, QUEUE_SHEET)).toMatch(/no lead entered or left the sales-ready bands/);
  });

  it('matches leads by row number when there is no key column, and says so', () => {
    const emulator = addonWithStarter();
    const leads = emulator.spreadsheet.getSheetByName('Sample leads');
    if (!leads) throw new Error('no sample sheet');
    leads.getRange(1, 1).setValue('Name of lead');
    emulator.spreadsheet.activateSheet('Sample leads');
    emulator.run('buildHandoverQueue', [], 'FULL');
    expect(text(emulator, QUEUE_SHEET)).toMatch(/matched by their row number/);
    expect(sheetValues(emulator, SNAPSHOT_SHEET)[2]?.[0]).toBe('Row 2');
  });
});

describe('a rule named like a formula', () => {
  it('is text, never a formula, on every sheet the add-on writes', () => {
    const emulator = addonWithStarter();
    emulator.run('buildHandoverQueue', [], 'FULL');
    save(emulator, withHostileRule(emulator, 60));
    emulator.run('buildCrmHandover', [], 'FULL');
    emulator.run('buildHandoverQueue', [], 'FULL');
    emulator.run('exportModelJson', [], 'FULL');
    expect(emulator.ui.alerts).toEqual([]);
    for (const name of [CRM_SHEET, QUEUE_SHEET, SNAPSHOT_SHEET, MODEL_SHEET, HISTORY_SHEET]) {
      expect(formulasOf(emulator, name), name).toEqual([]);
    }
    expect(sheetValues(emulator, CRM_SHEET).flat()).toContain(HOSTILE);
    expect(text(emulator, QUEUE_SHEET)).toContain(HOSTILE);
    expect(text(emulator, SNAPSHOT_SHEET)).toContain('HYPERLINK');
  });
});

describe('Export model JSON', () => {
  it('shows the JSON in a modal dialog with Copy and Download, every model text escaped', () => {
    const emulator = addonWithStarter();
    const model = currentModel(emulator);
    model.name = '</textarea><script>alert(1)</script> & co';
    save(emulator, model);
    emulator.run('exportModelJson', [], 'FULL');
    expect(emulator.ui.alerts).toEqual([]);
    const dialog = emulator.ui.dialogs.at(-1);
    expect(dialog?.modal).toBe(true);
    expect(dialog?.title).toBe('Model JSON');
    const html = dialog?.html ?? '';
    expect(html).toContain('>Copy</button>');
    expect(html).toContain('>Download</button>');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&#60;/textarea&#62;&#60;script&#62;alert(1)&#60;/script&#62; &#38; co');
    // The text box holds exactly the model JSON once unescaped.
    const box = /<textarea id="json"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)?.[1] ?? '';
    const unescaped = box.replace(/&#(\d+);/g, (_m, code) => String.fromCharCode(Number(code)));
    expect(JSON.parse(unescaped)).toEqual(currentModel(emulator));
  });
});

describe('Import model JSON', () => {
  it('saves a valid model as a new version', () => {
    const emulator = addonWithStarter();
    const before = state(emulator).versions.length;
    const model = currentModel(emulator);
    model.name = 'Imported model';
    emulator.ui.queuePromptResponse(JSON.stringify(model, null, 2), 'OK');
    emulator.ui.queueAlertResponse('OK');
    emulator.run('importModelJson', [], 'FULL');
    expect(lastAlert(emulator)).toMatch(/imported and saved as version/);
    const after = state(emulator);
    expect(after.model?.name).toBe('Imported model');
    expect(after.versions.length).toBe(before + 1);
    expect(after.versions[0]?.summary).toBe('Imported from JSON: renamed to "Imported model"');
  });

  it('lists both problems of a model with two and leaves the model and its history unchanged', () => {
    const emulator = addonWithStarter();
    const modelCells = sheetValues(emulator, MODEL_SHEET);
    const historyCells = sheetValues(emulator, HISTORY_SHEET);
    const broken = structuredClone(currentModel(emulator)) as unknown as {
      rules: { name: string; points: unknown; operator: unknown }[];
    };
    broken.rules[0]!.points = 'lots';
    broken.rules[1]!.operator = 'resembles';
    emulator.ui.queuePromptResponse(JSON.stringify(broken), 'OK');
    emulator.ui.queueAlertResponse('OK');
    emulator.run('importModelJson', [], 'FULL');
    const message = lastAlert(emulator);
    expect(message).toMatch(/Nothing was imported: the JSON has 2 problems/);
    expect(message).toContain(broken.rules[0]!.name);
    expect(message).toContain(broken.rules[1]!.name);
    expect(message.split('\n').filter((line) => line.startsWith('• '))).toHaveLength(2);
    expect(sheetValues(emulator, MODEL_SHEET)).toEqual(modelCells);
    expect(sheetValues(emulator, HISTORY_SHEET)).toEqual(historyCells);
  });

  it('says where text that is not JSON breaks, and does nothing on Cancel', () => {
    const emulator = addonWithStarter();
    const modelCells = sheetValues(emulator, MODEL_SHEET);
    emulator.ui.queuePromptResponse('{"name": ', 'OK');
    emulator.ui.queueAlertResponse('OK');
    emulator.run('importModelJson', [], 'FULL');
    expect(lastAlert(emulator)).toMatch(/not valid JSON/);
    emulator.ui.queuePromptResponse('', 'CANCEL');
    emulator.run('importModelJson', [], 'FULL');
    expect(emulator.ui.pendingResponses).toBe(0);
    expect(sheetValues(emulator, MODEL_SHEET)).toEqual(modelCells);
  });
});

describe('the menu', () => {
  it('has the four hand-over commands', () => {
    const emulator = addonWithStarter();
    emulator.run('onOpen', [{ authMode: 'FULL' }], 'FULL');
    const items = emulator.ui.menus.at(-1)?.items ?? [];
    for (const [caption, name] of [
      ['CRM hand-over', 'buildCrmHandover'],
      ['Hand-over queue', 'buildHandoverQueue'],
      ['Export model JSON', 'exportModelJson'],
      ['Import model JSON', 'importModelJson'],
    ]) {
      expect(items).toContainEqual([caption, name]);
    }
  });
});
