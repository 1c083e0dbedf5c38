// Issue 18: a sheet of the user's named like one the add-on writes (Calibration, Suggested model, CRM hand-over,
// Hand-over, its snapshot, Sample leads, Sample activities) survives every command unless the user says Yes.
// The emulation answers no dialog by itself: each test says what the user answers.
import { describe, expect, it } from 'vitest';
import type { DialogAnswer, DialogRequest } from '../../src/emulation/ui';
import { addonWithStarter, sheetValues } from '../support/addon';

const USER_CELLS = [
  ['My own notes', 'keep these'],
  ['Q3 pipeline', 42],
];

/** Each command and the sheets it writes whole. */
const COMMANDS: [command: string, sheets: string[]][] = [
  ['buildCalibration', ['Calibration']],
  ['suggestModelSheet', ['Suggested model']],
  ['buildCrmHandover', ['CRM hand-over']],
  ['buildHandoverQueue', ['Hand-over', 'Lead Scoring Hand-over snapshot']],
  ['insertSimpleStarterModel', ['Sample leads']],
  ['insertStarterModel', ['Sample leads', 'Sample activities']],
];

/** The user: answers the "Replace your sheet …?" question with `replace`, and OK to everything else. */
function user(replace: 'YES' | 'NO', asked: DialogRequest[]) {
  return (dialog: DialogRequest): DialogAnswer => {
    asked.push(dialog);
    if (dialog.title.startsWith('Replace your sheet')) return { button: replace };
    return { button: dialog.buttons === 'YES_NO' ? 'YES' : 'OK' };
  };
}

function withUserSheet(name: string, replace: 'YES' | 'NO', asked: DialogRequest[]) {
  const emulator = addonWithStarter({ answerDialog: user(replace, asked) });
  const existing = emulator.spreadsheet.getSheetByName(name);
  if (existing) emulator.spreadsheet.deleteSheet(existing);
  emulator.spreadsheet.insertSheet(name).getRange(1, 1, 2, 2).setValues(USER_CELLS);
  return emulator;
}

describe("the user's sheets with an add-on's sheet name", () => {
  for (const [command, sheets] of COMMANDS) {
    for (const name of sheets) {
      it(`${command}: "${name}" of the user's is kept when the user says No, and nothing is written`, () => {
        const asked: DialogRequest[] = [];
        const emulator = withUserSheet(name, 'NO', asked);
        const before = emulator.spreadsheet.getSheets().map((sheet) => sheet.getName());
        emulator.run(command, [], 'FULL');
        expect(sheetValues(emulator, name)).toEqual(USER_CELLS);
        expect(asked.map((d) => d.title)).toContain(`Replace your sheet "${name}"?`);
        // The command stops before its first write and says so.
        expect(emulator.spreadsheet.getSheets().map((sheet) => sheet.getName())).toEqual(before);
        expect(asked.at(-1)?.message).toMatch(`Nothing was changed: your sheet "${name}" was kept`);
      });

      it(`${command}: "${name}" of the user's is replaced after a Yes, and not asked about again`, () => {
        const asked: DialogRequest[] = [];
        const emulator = withUserSheet(name, 'YES', asked);
        emulator.run(command, [], 'FULL');
        expect(sheetValues(emulator, name)).not.toEqual(USER_CELLS);
        expect(asked.filter((d) => d.title.startsWith('Replace your sheet'))).toHaveLength(1);
        emulator.run(command, [], 'FULL');
        expect(asked.filter((d) => d.title.startsWith('Replace your sheet'))).toHaveLength(1);
      });
    }
  }

  it('the sidebar\'s "Build calibration sheet" refuses with the message, the user\'s sheet kept', () => {
    const asked: DialogRequest[] = [];
    const emulator = withUserSheet('Calibration', 'NO', asked);
    expect(() => emulator.run('buildCalibrationSheet', [{}], 'FULL')).toThrow(
      /Nothing was changed: your sheet "Calibration" was kept/,
    );
    expect(sheetValues(emulator, 'Calibration')).toEqual(USER_CELLS);
  });

  it("the add-on's own sheets are written again without a question", () => {
    const asked: DialogRequest[] = [];
    const emulator = addonWithStarter({ answerDialog: user('NO', asked) });
    for (const [command] of COMMANDS) emulator.run(command, [], 'FULL');
    for (const [command] of COMMANDS) emulator.run(command, [], 'FULL');
    expect(asked.filter((d) => d.title.startsWith('Replace your sheet'))).toEqual([]);
  });
});
