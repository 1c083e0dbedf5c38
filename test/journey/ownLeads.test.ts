// Your own leads, end to end (issue 16): a 34-column export the starter model does not fit is imported,
// then Suggest → Apply → Build calibration sheet (with Compare) → CRM hand-over → scored CSV, in the strict
// emulation with the shipped manifest, on both starters. No error dialog may appear.
import { describe, expect, it } from 'vitest';
import { Workbench } from '../../src/devserver/workbench';
import type { Emulator } from '../../src/emulation';
import type { Suggestion } from '../../src/shared/sidebarApi';
import { loadBuiltAddon, sheetValues } from '../support/addon';
import { WIDE_EXPORT_NAME, wideExportCsv } from '../support/wideExport';

function starterWithExport(starter: 'insertStarterModel' | 'insertStarterModelV2') {
  const emulator = loadBuiltAddon();
  emulator.run(starter, [], 'FULL');
  emulator.recalculate();
  const workbench = new Workbench(emulator);
  const imported = workbench.importCsv(`${WIDE_EXPORT_NAME}.csv`, wideExportCsv());
  if (!imported.ok) throw new Error(imported.error);
  return { emulator, workbench, sheet: imported.value.sheet };
}

function alertTexts(emulator: Emulator): string[] {
  return emulator.ui.alerts.map((a) => `${a.title}: ${a.prompt}`);
}

describe.each(['insertStarterModel', 'insertStarterModelV2'] as const)(
  'own leads the current model does not fit (%s)',
  (starter) => {
    it('Suggest → Apply → Calibration with Compare → CRM hand-over → scored CSV, with no error dialog', () => {
      const { emulator, workbench, sheet } = starterWithExport(starter);
      expect(sheet).toBe(WIDE_EXPORT_NAME);

      emulator.run('suggestModelSheet', [], 'FULL');
      expect(alertTexts(emulator)).toEqual([]);
      const suggestion = emulator.run('getSuggestion', [], 'FULL') as Suggestion;
      expect(suggestion.leadsSheet).toBe(WIDE_EXPORT_NAME);
      expect(suggestion.baseAuc).toBeNull();
      expect(suggestion.warnings.join('\n')).toMatch(
        /current model was left out of the comparison: it reads columns these leads do not have \(Company size/,
      );
      expect(emulator.ui.toasts.map((t) => t.message).join('\n')).toMatch(/left out of the comparison/);

      emulator.ui.queueAlertResponse('OK');
      emulator.run('applySuggestedModelFromMenu', [], 'FULL');
      expect(alertTexts(emulator).filter((a) => !a.startsWith('Apply the suggested model?'))).toEqual([]);

      emulator.ui.clear();
      emulator.run('buildCalibration', [], 'FULL');
      expect(alertTexts(emulator)).toEqual([]);
      const calibration = sheetValues(emulator, 'Calibration').map((row) =>
        row.filter((c) => c !== '').join(' | '),
      );
      expect(calibration.join('\n')).toMatch(
        /Version \d+ is left out of the comparison: it reads columns these leads do not have \(Company size/,
      );

      emulator.run('buildCrmHandover', [], 'FULL');
      expect(alertTexts(emulator)).toEqual([]);
      expect(emulator.spreadsheet.getSheetByName('CRM hand-over')).not.toBeNull();

      const scored = workbench.scoredCsv(WIDE_EXPORT_NAME);
      expect(scored.ok).toBe(true);
      expect(scored.ok && scored.value.csv.split('\n')[0]).toMatch(/Score,Band,Grade,Reasons/);
    });
  },
);
