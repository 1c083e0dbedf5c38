import { describe, expect, it } from 'vitest';
import { AuthMode } from '../../src/emulation/index.js';
import { testEmulator } from './helpers.js';

const MENU_SCRIPT = `
function onOpen(e) {
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem('Score leads', 'scoreLeads')
    .addSeparator()
    .addSubMenu(SpreadsheetApp.getUi().createMenu('Advanced').addItem('Calibrate', 'calibrate'))
    .addToUi();
}
function onInstall(e) { onOpen(e); }
function scoreLeads() {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Leads');
  var values = sheet.getRange(1, 1, 2, 1).getValues();
  sheet.getRange(1, 2, 2, 1).setValues(values.map(function (row) { return [row[0] * 10]; }));
  return values.length;
}
function showSidebar() {
  var output = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Lead Scoring').setWidth(300);
  SpreadsheetApp.getUi().showSidebar(output);
}
function nosyOnOpen(e) {
  SpreadsheetApp.getUi().createAddonMenu().addItem('Score', 'scoreLeads').addToUi();
  PropertiesService.getDocumentProperties().getProperty('model');
}
`;

describe('loading and running a script', () => {
  it('lists only top-level function declarations', () => {
    const emulator = testEmulator();
    emulator.loadScript(`
      function visible() { function nested() {} return 1; }
      var helper = 2;
      globalThis.assigned = function () {};
      function private_() {}
    `);
    expect(emulator.functionNames()).toEqual(['visible', 'private_']);
  });

  it('exposes only the emulated services as globals', () => {
    const emulator = testEmulator();
    emulator.loadScript(`
      function globalsSeen() {
        return [typeof require, typeof process, typeof fetch, typeof setTimeout, typeof module,
                typeof SpreadsheetApp, typeof HtmlService, typeof PropertiesService, typeof LockService,
                typeof CacheService, typeof Session, typeof Utilities, typeof Logger, typeof ScriptApp,
                typeof Charts, typeof console];
      }
    `);
    expect(emulator.run('globalsSeen')).toEqual([...Array(5).fill('undefined'), ...Array(11).fill('object')]);
  });

  it('runs menu handlers against the spreadsheet and returns their results', () => {
    const emulator = testEmulator();
    emulator.spreadsheet
      .insertSheet('Leads')
      .getRange('A1:A2')
      .setValues([[1], [2]]);
    emulator.loadScript(MENU_SCRIPT);
    expect(emulator.run('scoreLeads')).toBe(2);
    expect(emulator.spreadsheet.getRange('Leads!B1:B2').getValues()).toEqual([[10], [20]]);
  });

  it('logs every service call made by the script, in order, and not those of test code', () => {
    const emulator = testEmulator();
    emulator.spreadsheet
      .insertSheet('Leads')
      .getRange('A1:A2')
      .setValues([[1], [2]]);
    emulator.loadScript(MENU_SCRIPT);
    expect(emulator.calls).toEqual([]);
    emulator.run('scoreLeads');
    expect(emulator.calls).toEqual([
      'SpreadsheetApp.getActiveSpreadsheet',
      'Spreadsheet.getSheetByName',
      'Sheet.getRange',
      'Range.getValues',
      'Sheet.getRange',
      'Range.setValues',
    ]);
    emulator.resetCalls();
    expect(emulator.calls).toEqual([]);
  });

  it('logs global-scope calls of each execution, but not those of loading the script', () => {
    const emulator = testEmulator();
    emulator.loadScript('var ZONE = Session.getScriptTimeZone(); function zone() { return ZONE; }');
    expect(emulator.calls).toEqual([]);
    expect(emulator.run('zone')).toBe('Etc/UTC');
    expect(emulator.calls).toEqual(['Session.getScriptTimeZone']);
  });

  it('reports an unknown function like Apps Script', () => {
    const emulator = testEmulator();
    emulator.loadScript(MENU_SCRIPT);
    expect(() => emulator.run('noSuchFunction')).toThrow('Script function not found: noSuchFunction');
  });

  it('starts every execution with fresh globals, as each server execution reloads the script', () => {
    const emulator = testEmulator();
    emulator.loadScript('var counter = 0; function bump() { counter += 1; return counter; }');
    expect(emulator.run('bump')).toBe(1);
    expect(emulator.run('bump')).toBe(1);
  });

  it("gives the script its own realm's Arrays, Dates and Errors", () => {
    const emulator = testEmulator();
    emulator.spreadsheet.getActiveSheet().getRange('A1').setValue(new Date('2024-05-01T00:00:00Z'));
    emulator.loadScript(`
      function inspect(arg) {
        var values = SpreadsheetApp.getActiveSheet().getRange('A1:A2').getValues();
        var caught;
        try { SpreadsheetApp.getActiveSheet().getRange(0, 1); } catch (e) { caught = e; }
        return [values instanceof Array, values[0][0] instanceof Date, values[1][0],
                caught instanceof Error, caught.name, String(caught), arg.when instanceof Date];
      }
    `);
    expect(emulator.run('inspect', [{ when: new Date() }])).toEqual([
      true,
      true,
      '',
      true,
      'Exception',
      'Exception: The starting row of the range is too small.',
      true,
    ]);
  });

  it('passes errors thrown by the script to the caller with their message', () => {
    const emulator = testEmulator();
    emulator.loadScript("function fail() { throw new Error('Model sheet is missing'); }");
    expect(() => emulator.run('fail')).toThrow('Model sheet is missing');
  });

  it('hands back plain data, not proxies, from run()', () => {
    const emulator = testEmulator();
    emulator.loadScript("function data() { return { rows: [[1, 'a']], at: new Date(0) }; }");
    expect(emulator.run('data')).toStrictEqual({ rows: [[1, 'a']], at: new Date(0) });
  });
});

describe('UI', () => {
  it('records the add-on menu with items, separators and submenus', () => {
    const emulator = testEmulator({ addonName: 'Lead Scoring' });
    emulator.loadScript(MENU_SCRIPT);
    emulator.run('onInstall', [{ authMode: AuthMode.FULL }]);
    expect(emulator.ui.menus).toEqual([
      {
        caption: 'Lead Scoring',
        isAddonMenu: true,
        entries: [
          { kind: 'item', caption: 'Score leads', functionName: 'scoreLeads' },
          { kind: 'separator' },
          {
            kind: 'submenu',
            caption: 'Advanced',
            entries: [{ kind: 'item', caption: 'Calibrate', functionName: 'calibrate' }],
          },
        ],
        items: [
          ['Score leads', 'scoreLeads'],
          ['Calibrate', 'calibrate'],
        ],
      },
    ]);
  });

  it('shows sidebars built from HTML files', () => {
    const emulator = testEmulator({ htmlFiles: { Sidebar: '<h1>Model</h1>' } });
    emulator.loadScript(MENU_SCRIPT);
    emulator.run('showSidebar');
    expect(emulator.ui.sidebars).toEqual([{ title: 'Lead Scoring', width: 300, html: '<h1>Model</h1>' }]);
  });

  it('fails createHtmlOutputFromFile for a missing file', () => {
    const emulator = testEmulator();
    emulator.loadScript(MENU_SCRIPT);
    expect(() => emulator.run('showSidebar')).toThrow('No HTML file named Sidebar was found.');
  });

  it('answers alerts with the queued responses', () => {
    const emulator = testEmulator();
    emulator.loadScript(`
      function ask() {
        var ui = SpreadsheetApp.getUi();
        var first = ui.alert('Saved');
        var second = ui.alert('Reset model?', 'This cannot be undone.', ui.ButtonSet.YES_NO);
        return [String(first), first === ui.Button.OK, second === ui.Button.NO];
      }
    `);
    emulator.ui.queueAlertResponse('OK');
    emulator.ui.queueAlertResponse('NO');
    expect(emulator.run('ask')).toEqual(['OK', true, true]);
    expect(emulator.ui.alerts).toEqual([
      { title: '', prompt: 'Saved', buttons: 'OK', response: 'OK' },
      { title: 'Reset model?', prompt: 'This cannot be undone.', buttons: 'YES_NO', response: 'NO' },
    ]);
    expect(emulator.ui.pendingResponses).toBe(0);
  });

  it('records toasts', () => {
    const emulator = testEmulator();
    emulator.loadScript(
      "function done() { SpreadsheetApp.getActive().toast('Scored 12 leads', 'Done', 3); }",
    );
    emulator.run('done');
    expect(emulator.ui.toasts).toEqual([{ message: 'Scored 12 leads', title: 'Done', timeoutSeconds: 3 }]);
  });
});

describe('AuthMode.NONE', () => {
  it('allows building the add-on menu', () => {
    const emulator = testEmulator();
    emulator.loadScript(MENU_SCRIPT);
    emulator.run('onOpen', [{ authMode: AuthMode.NONE }], 'NONE');
    expect(emulator.ui.menus[0]!.items[0]).toEqual(['Score leads', 'scoreLeads']);
  });

  it('refuses any other service call and says why', () => {
    const emulator = testEmulator();
    emulator.loadScript(MENU_SCRIPT);
    expect(() => emulator.run('nosyOnOpen', [{ authMode: AuthMode.NONE }], 'NONE')).toThrow(
      /You do not have permission to call PropertiesService\.getDocumentProperties.*AuthMode\.NONE/,
    );
    expect(() => emulator.run('scoreLeads', [], 'NONE')).toThrow(
      /SpreadsheetApp\.getActiveSpreadsheet.*AuthMode\.NONE/,
    );
    expect(emulator.calls).toContain('PropertiesService.getDocumentProperties');
  });

  it('also refuses service calls at the global scope', () => {
    const emulator = testEmulator();
    emulator.loadScript(`
      var TIME_ZONE = Session.getScriptTimeZone();
      function onOpen() { SpreadsheetApp.getUi().createAddonMenu().addToUi(); }
    `);
    expect(() => emulator.run('onOpen', [], 'NONE')).toThrow(/Session\.getScriptTimeZone/);
    expect(() => emulator.run('onOpen', [], 'FULL')).not.toThrow();
  });
});
