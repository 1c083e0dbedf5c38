// The hand-over commands on a model that counts events: they read the activity log as Score this sheet does.
import { describe, expect, it } from 'vitest';
import { loadBuiltAddon } from '../support/addon';

function v2Addon() {
  const emulator = loadBuiltAddon({ timeZone: 'America/Los_Angeles' });
  emulator.run('insertStarterModel', [], 'FULL');
  emulator.recalculate();
  return emulator;
}

function sheetText(emulator: ReturnType<typeof v2Addon>, name: string): string {
  const sheet = emulator.spreadsheet.getSheetByName(name);
  if (!sheet) throw new Error(`no sheet "${name}"`);
  return sheet.getDataRange().getValues().flat().join('\n');
}

describe('hand-over with the v2 starter (event rules over Sample activities)', () => {
  it('CRM hand-over includes the calibration summary and the Hand-over queue scores every lead', () => {
    const emulator = v2Addon();
    emulator.run('buildCrmHandover', [], 'FULL');
    expect(emulator.ui.alerts).toEqual([]);
    expect(sheetText(emulator, 'CRM hand-over')).toMatch(/AUC/);

    emulator.run('buildHandoverQueue', [], 'FULL');
    expect(emulator.ui.alerts).toEqual([]);
    expect(sheetText(emulator, 'Hand-over')).toMatch(/nothing to compare with yet/);
    const snapshot = emulator.spreadsheet.getSheetByName('Lead Scoring Hand-over snapshot');
    expect(snapshot?.getLastRow()).toBe(2 + 200);
  });
});
