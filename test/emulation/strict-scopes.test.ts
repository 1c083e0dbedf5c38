import { describe, expect, it } from 'vitest';
import { createEmulator, requiredScopes, SCOPE } from '../../src/emulation/index.js';

const SCRIPT = `
  function email() { return Session.getActiveUser().getEmail(); }
  function effective() { return Session.getEffectiveUser().getEmail(); }
  function sheetName() { return SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getName(); }
  function openOther() { return SpreadsheetApp.openById('x').getName(); }
  function fetchIt() { return UrlFetchApp.fetch('https://example.com'); }
  function mail() { MailApp.sendEmail('a@example.com', 's', 'b'); }
  function drive() { return DriveApp.getFileById('x'); }
  function triggers() { return ScriptApp.getProjectTriggers(); }
  function alertIt() { SpreadsheetApp.getUi().alert('Hi'); }
  function props() { PropertiesService.getDocumentProperties().setProperty('a', '1'); return 'ok'; }
`;

function emulatorWith(oauthScopes: string[] | undefined) {
  const emulator = createEmulator({
    manifest: oauthScopes === undefined ? { timeZone: 'Etc/UTC' } : { oauthScopes },
    activeUser: 'ana@example.com',
  });
  emulator.loadScript(SCRIPT);
  return emulator;
}

const SHIPPED = [SCOPE.spreadsheetsCurrentOnly, SCOPE.containerUi];

describe('scopes: a call needs a scope the manifest lists', () => {
  it("throws Google's message for Session.getActiveUser without userinfo.email", () => {
    expect(() => emulatorWith(SHIPPED).run('email')).toThrow(
      'You do not have permission to call Session.getActiveUser. Required permissions: https://www.googleapis.com/auth/userinfo.email',
    );
    expect(() => emulatorWith(SHIPPED).run('effective')).toThrow(
      'You do not have permission to call Session.getEffectiveUser.',
    );
    expect(emulatorWith([...SHIPPED, SCOPE.userinfoEmail]).run('email')).toBe('ana@example.com');
  });

  it('lists alternative scopes as "(a || b)", and either one suffices', () => {
    expect(() => emulatorWith([SCOPE.containerUi]).run('sheetName')).toThrow(
      'You do not have permission to call SpreadsheetApp.getActiveSpreadsheet. Required permissions: (https://www.googleapis.com/auth/spreadsheets.currentonly || https://www.googleapis.com/auth/spreadsheets)',
    );
    expect(emulatorWith([SCOPE.spreadsheetsCurrentOnly]).run('sheetName')).toBe('Sheet1');
    expect(emulatorWith([SCOPE.spreadsheets]).run('sheetName')).toBe('Sheet1');
  });

  it('spreadsheets.currentonly does not open other spreadsheets', () => {
    expect(() => emulatorWith(SHIPPED).run('openOther')).toThrow(
      'You do not have permission to call SpreadsheetApp.openById. Required permissions: https://www.googleapis.com/auth/spreadsheets',
    );
  });

  it('checks UrlFetchApp, MailApp, DriveApp, ScriptApp and Ui, then refuses unemulated services plainly', () => {
    const denied = emulatorWith(SHIPPED.filter((scope) => scope !== SCOPE.containerUi));
    expect(() => denied.run('fetchIt')).toThrow(
      'UrlFetchApp.fetch. Required permissions: https://www.googleapis.com/auth/script.external_request',
    );
    expect(() => denied.run('mail')).toThrow(
      'MailApp.sendEmail. Required permissions: https://www.googleapis.com/auth/script.send_mail',
    );
    expect(() => denied.run('drive')).toThrow(
      'DriveApp.getFileById. Required permissions: (https://www.googleapis.com/auth/drive',
    );
    expect(() => denied.run('triggers')).toThrow(
      'ScriptApp.getProjectTriggers. Required permissions: https://www.googleapis.com/auth/script.scriptapp',
    );
    expect(() => denied.run('alertIt')).toThrow(
      'Ui.alert. Required permissions: https://www.googleapis.com/auth/script.container.ui',
    );
    const granted = emulatorWith(Object.values(SCOPE));
    expect(() => granted.run('fetchIt')).toThrow('UrlFetchApp.fetch is not emulated');
  });

  it('services without an Authorization section need no scope', () => {
    expect(emulatorWith([]).run('props')).toBe('ok');
    expect(requiredScopes('Properties', 'setProperty')).toEqual([]);
  });

  it('grants nothing without oauthScopes, or without a manifest (strict: no automatic detection)', () => {
    expect(() => emulatorWith(undefined).run('sheetName')).toThrow(
      'You do not have permission to call SpreadsheetApp',
    );
    const bare = createEmulator();
    bare.loadScript(SCRIPT);
    expect(() => bare.run('sheetName')).toThrow('You do not have permission to call SpreadsheetApp');
  });

  it('takes the script time zone from the manifest', () => {
    const emulator = createEmulator({
      manifest: { timeZone: 'Asia/Kolkata', oauthScopes: [] },
      timeZone: 'Europe/Paris',
    });
    emulator.loadScript('function tz() { return Session.getScriptTimeZone(); }');
    expect(emulator.run('tz')).toBe('Asia/Kolkata');
  });
});
