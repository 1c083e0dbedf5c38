import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAddon, SCOPE } from '../../src/emulation/index.js';

const dir = mkdtempSync(join(tmpdir(), 'load-addon-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function distWith(oauthScopes: string[]): string {
  const dist = join(dir, String(oauthScopes.length));
  mkdirSync(dist, { recursive: true });
  writeFileSync(
    join(dist, 'addon.js'),
    `function onOpen() { SpreadsheetApp.getUi().createAddonMenu().addItem('Who', 'who').addToUi(); }
     function who() { return Session.getActiveUser().getEmail(); }
     function confirm() { return String(SpreadsheetApp.getUi().alert('Sure?', SpreadsheetApp.getUi().ButtonSet.YES_NO)); }`,
  );
  writeFileSync(join(dist, 'Sidebar.html'), '<p>sidebar</p>');
  writeFileSync(join(dist, 'appsscript.json'), JSON.stringify({ timeZone: 'Etc/UTC', oauthScopes }));
  return dist;
}

describe('loadAddon', () => {
  it('reads appsscript.json beside the bundle: its scopes are all the add-on has', () => {
    const narrow = loadAddon(distWith([SCOPE.spreadsheetsCurrentOnly, SCOPE.containerUi]));
    expect(narrow.ui.menus[0]!.items).toEqual([['Who', 'who']]);
    expect(() => narrow.run('who')).toThrow(
      'Required permissions: https://www.googleapis.com/auth/userinfo.email',
    );
    const wide = loadAddon(distWith([SCOPE.spreadsheetsCurrentOnly, SCOPE.containerUi, SCOPE.userinfoEmail]));
    expect(wide.run('who')).toBe('you@example.com');
  });

  it('takes a replacement manifest and an answerDialog', () => {
    const dist = distWith([SCOPE.containerUi]);
    const emulator = loadAddon(dist, {
      manifest: { oauthScopes: [SCOPE.userinfoEmail, SCOPE.containerUi] },
      answerDialog: () => ({ button: 'NO' }),
    });
    expect(emulator.run('who')).toBe('you@example.com');
    expect(emulator.run('confirm')).toBe('NO');
  });
});
