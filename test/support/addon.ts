// The built add-on (dist/addon.js with dist/appsscript.json) loaded into a fresh Apps Script emulation, as
// `npm start` runs it.
import { type Emulator, type LoadAddonOptions, loadAddon } from '../../src/emulation';
import { DIST_DIR } from './paths';

export function loadBuiltAddon(options: LoadAddonOptions = {}): Emulator {
  return loadAddon(DIST_DIR, options);
}

/** A spreadsheet with the starter model and the 200 sample leads (with their live formulas) in it. */
export function addonWithStarter(options: LoadAddonOptions = {}): Emulator {
  const emulator = loadBuiltAddon(options);
  emulator.run('insertSimpleStarterModel', [], 'FULL');
  emulator.recalculate();
  return emulator;
}

export function sheetValues(emulator: Emulator, name: string): unknown[][] {
  const sheet = emulator.spreadsheet.getSheetByName(name);
  if (!sheet) throw new Error(`no sheet "${name}"`);
  return sheet.getDataRange().getValues();
}
