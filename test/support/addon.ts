// The built add-on (dist/addon.js) loaded into a fresh Apps Script emulation, as `npm start` runs it.
import { loadAddon } from '../../src/devserver/server';
import type { Emulator } from '../../src/emulation';
import { DIST_DIR } from './paths';

export function loadBuiltAddon(options: { timeZone?: string } = {}): Emulator {
  return loadAddon(DIST_DIR, options);
}

/** A spreadsheet with the starter model and the 200 sample leads (with their live formulas) in it. */
export function addonWithStarter(options: { timeZone?: string } = {}): Emulator {
  const emulator = loadBuiltAddon(options);
  emulator.run('insertStarterModel', [], 'FULL');
  emulator.recalculate();
  return emulator;
}

export function sheetValues(emulator: Emulator, name: string): unknown[][] {
  const sheet = emulator.spreadsheet.getSheetByName(name);
  if (!sheet) throw new Error(`no sheet "${name}"`);
  return sheet.getDataRange().getValues();
}
