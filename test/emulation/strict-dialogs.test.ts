import { describe, expect, it } from 'vitest';
import { type DialogRequest, UnansweredDialogError } from '../../src/emulation/index.js';
import { testEmulator } from './helpers.js';

const SCRIPT = `
  function confirmReset() {
    var ui = SpreadsheetApp.getUi();
    return String(ui.alert('Reset', 'Replace the model?', ui.ButtonSet.OK_CANCEL));
  }
  function confirmSwallowed() {
    try { SpreadsheetApp.getUi().alert('Sure?'); } catch (e) { return 'caught'; }
    return 'answered';
  }
  function askName() {
    var ui = SpreadsheetApp.getUi();
    var r = ui.prompt('Name', 'Model name?', ui.ButtonSet.OK_CANCEL);
    return [String(r.getSelectedButton()), r.getResponseText()];
  }
  function shortPrompt() { return SpreadsheetApp.getUi().prompt('Name?').getResponseText(); }
  function shortAlert() { return String(SpreadsheetApp.getUi().alert('Done', SpreadsheetApp.getUi().ButtonSet.YES_NO)); }
`;

describe('dialogs are never answered for the user', () => {
  it('throws UnansweredDialogError for every alert and prompt overload with no answer', () => {
    const emulator = testEmulator();
    emulator.loadScript(SCRIPT);
    for (const name of ['confirmReset', 'askName', 'shortPrompt', 'shortAlert']) {
      expect(() => emulator.run(name)).toThrow(UnansweredDialogError);
    }
    expect(emulator.ui.alerts).toEqual([]);
  });

  it('ends the run even when the script catches the error', () => {
    const emulator = testEmulator();
    emulator.loadScript(SCRIPT);
    expect(() => emulator.run('confirmSwallowed')).toThrow(/Nobody answered Ui.alert/);
  });

  it('calls answerDialog synchronously with what the user sees', () => {
    const seen: DialogRequest[] = [];
    const emulator = testEmulator({
      answerDialog: (dialog) => {
        seen.push(dialog);
        return dialog.kind === 'prompt' ? { button: 'OK', text: 'Q3 model' } : { button: 'CANCEL' };
      },
    });
    emulator.loadScript(SCRIPT);
    expect(emulator.run('confirmReset')).toBe('CANCEL');
    expect(emulator.run('askName')).toEqual(['OK', 'Q3 model']);
    expect(emulator.run('shortPrompt')).toBe('Q3 model');
    expect(seen).toEqual([
      { kind: 'alert', title: 'Reset', message: 'Replace the model?', buttons: 'OK_CANCEL' },
      { kind: 'prompt', title: 'Name', message: 'Model name?', buttons: 'OK_CANCEL' },
      { kind: 'prompt', title: '', message: 'Name?', buttons: 'OK' },
    ]);
  });

  it('uses queued answers before the handler, and refuses a button the dialog does not have', () => {
    const emulator = testEmulator({ answerDialog: () => ({ button: 'YES' }) });
    emulator.loadScript(SCRIPT);
    emulator.ui.queueAlertResponse('OK');
    expect(emulator.run('confirmReset')).toBe('OK');
    expect(() => emulator.run('confirmReset')).toThrow(
      'The answer YES is not a button of ButtonSet.OK_CANCEL',
    );
    expect(emulator.run('shortAlert')).toBe('YES');
  });
});

describe('the active sheet', () => {
  const SHEETS = `
    function active() { return SpreadsheetApp.getActiveSpreadsheet().getActiveSheet().getName(); }
    function showSecond() { var ss = SpreadsheetApp.getActiveSpreadsheet(); ss.setActiveSheet(ss.getSheetByName('Second')); }
  `;

  it('follows a tab click (activateSheet) and a script setActiveSheet into later executions', () => {
    const emulator = testEmulator();
    emulator.spreadsheet.insertSheet('Second');
    emulator.spreadsheet.insertSheet('Third');
    emulator.loadScript(SHEETS);
    expect(emulator.run('active')).toBe('Third');
    emulator.spreadsheet.activateSheet('Sheet1');
    expect(emulator.run('active')).toBe('Sheet1');
    emulator.run('showSecond');
    expect(emulator.run('active')).toBe('Second');
  });

  it('restores the selection a sheet had when its tab is clicked again', () => {
    const emulator = testEmulator();
    const second = emulator.spreadsheet.insertSheet('Second');
    second.getRange('C3').activate();
    emulator.spreadsheet.activateSheet('Sheet1');
    expect(emulator.spreadsheet.getActiveRange().getA1Notation()).toBe('A1');
    emulator.spreadsheet.activateSheet('Second');
    expect(emulator.spreadsheet.getActiveRange().getA1Notation()).toBe('C3');
  });

  it('has no tab to click for a hidden or missing sheet', () => {
    const emulator = testEmulator();
    emulator.spreadsheet.insertSheet('Hidden').hideSheet();
    expect(() => emulator.spreadsheet.activateSheet('Hidden')).toThrow('hidden');
    expect(() => emulator.spreadsheet.activateSheet('Nope')).toThrow('No sheet named');
  });
});
