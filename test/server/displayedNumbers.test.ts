// What Sheets would show: every menu command on both starters, with the shipped manifest, and then every
// number on every sheet as getDisplayValues shows it. A number format with a decimal point always shows it
// (Google's format guide: "#0.# renders the number 3 as "3.""), so a whole number must never read "200.".
import { describe, expect, it } from 'vitest';
import { starterModel } from '../../src/core/starterModel';
import type { DialogRequest, Emulator } from '../../src/emulation';
import { MENU_ITEMS } from '../../src/server/menu';
import { loadBuiltAddon } from '../support/addon';

const IMPORTED = JSON.stringify(starterModel());

function answer(dialog: DialogRequest) {
  if (dialog.kind === 'prompt') return { button: 'OK' as const, text: IMPORTED };
  return { button: dialog.buttons.startsWith('YES') ? ('YES' as const) : ('OK' as const) };
}

/** Every command of the menu, the sample leads active where a command works on the active sheet. */
function runEveryMenuCommand(emulator: Emulator, starter: string, leadsSheet: string): void {
  emulator.run(starter, [], 'FULL');
  emulator.recalculate();
  for (const item of MENU_ITEMS) {
    if (!item || item[1].startsWith('insertStarter') || item[1] === 'showModelEditor') continue;
    const leads = emulator.spreadsheet.getSheetByName(leadsSheet);
    if (leads) emulator.spreadsheet.setActiveSheet(leads);
    emulator.run(item[1], [], 'FULL');
    emulator.recalculate();
  }
  // The hand-over queue compares with its previous run: run it again so that it writes a queue.
  emulator.run('buildHandoverQueue', [], 'FULL');
  emulator.recalculate();
}

/** "Sheet!A1: 200." for every number cell displayed with a bare decimal point. */
function numbersWithTrailingDot(emulator: Emulator): string[] {
  const found: string[] = [];
  for (const sheet of emulator.spreadsheet.getSheets()) {
    if (sheet.getLastRow() === 0) continue;
    const range = sheet.getDataRange();
    const values = range.getValues();
    const shown = range.getDisplayValues();
    values.forEach((row, r) => {
      row.forEach((value, c) => {
        const text = shown[r]?.[c] ?? '';
        if (typeof value === 'number' && /\.\s*%?$/.test(text)) {
          found.push(`${sheet.getName()}!R${r + 1}C${c + 1}: ${text}`);
        }
      });
    });
  }
  return found;
}

function numberCount(emulator: Emulator): number {
  return emulator.spreadsheet
    .getSheets()
    .filter((sheet) => sheet.getLastRow() > 0)
    .flatMap((sheet) => sheet.getDataRange().getValues().flat())
    .filter((value) => typeof value === 'number').length;
}

describe('no number the add-on writes is shown with a trailing decimal point', () => {
  const written = ['Lead Scoring Model', 'Lead Scoring History', 'Calibration', 'CRM hand-over', 'Hand-over'];
  it.each([
    ['insertSimpleStarterModel', 'Sample leads', [...written, 'Suggested model']],
    ['insertStarterModel', 'Sample leads', [...written, 'Sample activities']],
  ])('after %s and every menu command', (starter, leadsSheet, sheets) => {
    const emulator = loadBuiltAddon({ answerDialog: answer });
    runEveryMenuCommand(emulator, starter, leadsSheet);
    const names = emulator.spreadsheet.getSheets().map((s) => s.getName());
    expect(names).toEqual(expect.arrayContaining(sheets));
    expect(numberCount(emulator)).toBeGreaterThan(500);
    expect(numbersWithTrailingDot(emulator)).toEqual([]);
  });

  it('shows a number in the model sheet as it is, and a decimal typed later as typed (its cells are plain text)', () => {
    const emulator = loadBuiltAddon({ answerDialog: answer });
    emulator.run('insertSimpleStarterModel', [], 'FULL');
    const sheet = emulator.spreadsheet.getSheetByName('Lead Scoring Model');
    if (!sheet) throw new Error('no model sheet');
    const values = sheet.getDataRange().getValues();
    const r = values.findIndex((row) => row.some((v) => typeof v === 'number'));
    const c = (values[r] ?? []).findIndex((v) => typeof v === 'number');
    const cell = sheet.getRange(r + 1, c + 1);
    expect(cell.getNumberFormat()).toBe('@');
    expect(cell.getDisplayValue()).toBe(String(values[r]?.[c]));
    cell.setValue('2.5');
    expect(cell.getDisplayValue()).toBe('2.5');
    cell.setValue(2.5);
    expect(cell.getDisplayValue()).toBe('2.5');
    cell.setValue('15');
    expect(cell.getDisplayValue()).toBe('15');
  });
});
