// Build monitor sheet, end to end in the strict Apps Script emulation with the shipped manifest: 12,000 leads
// over 12 months whose outcomes stop following the score in month 8.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulation';
import { MONITOR_HEADERS, MONITOR_MODEL, monitorLeads } from '../core/monitor/generate';
import { addonWithStarter, sheetValues } from '../support/addon';

const LEADS = [
  ...monitorLeads({ months: 12, leadsPerMonth: 1000, breakMonth: 8, salesVerdicts: true, seed: 12 }),
];
// A band name that would be a formula if it were typed: it must be stored as that text.
const MODEL = {
  ...MONITOR_MODEL,
  bands: MONITOR_MODEL.bands.map((b) => (b.name === 'Very hot' ? { ...b, name: '=Very hot' } : b)),
};

function withLeads(): Emulator {
  const emulator = addonWithStarter();
  const state = emulator.run('getSidebarState', [], 'FULL') as { revision: string };
  const saved = emulator.run('saveModel', [MODEL, state.revision], 'FULL') as {
    ok: boolean;
    message?: string;
  };
  expect(saved).toMatchObject({ ok: true });
  const spreadsheet = emulator.spreadsheet;
  spreadsheet.deleteSheet(spreadsheet.getSheetByName('Sample leads')!);
  const sheet = spreadsheet.insertSheet('Leads');
  sheet.insertRowsAfter(sheet.getMaxRows(), LEADS.length + 1 - sheet.getMaxRows());
  sheet
    .getRange(1, 1, LEADS.length + 1, MONITOR_HEADERS.length)
    .setValues([MONITOR_HEADERS, ...LEADS.map((l) => l.row)]);
  sheet.activate();
  return emulator;
}

let emulator: Emulator;
beforeAll(() => {
  emulator = withLeads();
});

describe('Build monitor sheet, in the emulation with the shipped manifest', () => {
  it('writes one row per month from the menu, finds the date column, marks month 8 or 9 first as worse', () => {
    emulator.run('buildMonitor', [], 'FULL');
    expect(emulator.ui.alerts ?? []).toEqual([]);
    const values = sheetValues(emulator, 'Monitor');
    expect(values[0]![0]).toBe('Monitor of "Monitor example" on "Leads"');
    expect(String(values[1]![0])).toMatch(
      /Every month by "Created"; baseline January–March 2026 \(2026-01-01 to 2026-03-31\)/,
    );
    const header = values.findIndex((row) => row[0] === 'Period' && row[1] === 'Starts');
    const periods = values.slice(header + 1, header + 13);
    expect(periods.map((row) => row[1])).toEqual(
      Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}-01`),
    );
    expect(periods.map((row) => row[2])).toEqual(Array(12).fill(1000));
    const status = periods.map((row) => String(row[12]));
    const firstWorse = status.findIndex((s) => s.startsWith('worse')) + 1;
    expect([8, 9]).toContain(firstWorse);
    expect(status.slice(0, 7).every((s) => s.startsWith('ok'))).toBe(true);
    expect(periods[0]![0]).toBe('January 2026 (baseline)');
    // Text stays text: a label is not a date, a band name starting with "=" is not a formula.
    const bandHeader = values.findIndex((row) => row[0] === 'Period' && row[1] === 'Cold');
    expect(values[bandHeader]!.slice(0, 5)).toEqual(['Period', 'Cold', 'Warm', 'Hot', '=Very hot']);
    const sheet = emulator.spreadsheet.getSheetByName('Monitor')!;
    expect(sheet.getRange(bandHeader + 1, 5).getFormula()).toBe('');
    expect(sheet.getRange(header + 2, 3).getNumberFormat()).toBe('0');
    expect(sheet.getRange(header + 2, 6).getNumberFormat()).toBe('0.0%');
    expect(sheet.getRange(header + 2, 3).getDisplayValue()).toBe('1000');
  });

  it('draws conversion per band over time and AUC over time as line charts', () => {
    const sheet = emulator.spreadsheet.getSheetByName('Monitor')!;
    const charts = sheet.getCharts();
    expect(charts.map((c) => c.getOptions().get('title'))).toEqual([
      'Conversion per band over time',
      'AUC over time (0.5 = no better than chance)',
    ]);
    expect(charts.map((c) => String(c.getType()))).toEqual(['LINE', 'LINE']);
    const bandRange = charts[0]!.getRanges()[0]!.getValues();
    expect(bandRange[0]).toEqual(['Period', 'Cold', 'Warm', 'Hot', '=Very hot']);
    expect(bandRange).toHaveLength(13);
    const aucRange = charts[1]!.getRanges()[0]!.getValues();
    expect(aucRange[0]).toEqual(['Period', 'AUC', 'Baseline AUC']);
    expect(aucRange.slice(1).every((row) => typeof row[1] === 'number')).toBe(true);
  });

  it('rebuilds by quarter from the sidebar, replacing the sheet and its charts, with sales acceptance', () => {
    const result = emulator.run(
      'buildMonitorSheet',
      [
        {
          dateColumn: 'Created',
          every: 'quarter',
          baseline: { from: '2026-01-01', to: '2026-06-30' },
          salesVerdict: { column: 'Sales verdict' },
        },
      ],
      'FULL',
    ) as { periods: number; worse: number; verdicts: string[] };
    expect(result.periods).toBe(4);
    expect(result.worse).toBeGreaterThanOrEqual(1);
    expect(emulator.spreadsheet.getSheets().filter((s) => s.getName() === 'Monitor')).toHaveLength(1);
    const sheet = emulator.spreadsheet.getSheetByName('Monitor')!;
    expect(sheet.getCharts()).toHaveLength(2);
    const values = sheetValues(emulator, 'Monitor');
    expect(values.some((row) => row[0] === 'January 2026 (baseline)')).toBe(false);
    expect(values.some((row) => row[0] === 'Q1 2026 (baseline)')).toBe(true);
    const header = values.find((row) => row[0] === 'Period' && row[1] === 'Starts')!;
    expect(header).toContain('Sales accepted');
    expect(result.verdicts.join('\n')).toMatch(
      /too generous with the leads that came in (since )?Q[34] 2026/,
    );
  });

  it("counts the Calibration sheet's ticked review leads that sales should call", () => {
    emulator.run('buildCalibrationSheet', [], 'FULL');
    const calibration = emulator.spreadsheet.getSheetByName('Calibration')!;
    const values = sheetValues(emulator, 'Calibration');
    const header = values.findIndex((row) => row[0] === 'Sheet row');
    const tick = values[header]!.indexOf('Checked (tick)');
    // Six leads checked by hand: four sales should call, one not, one without an answer.
    const answers = ['Yes', 'yes, asked for pricing', 'No', 'good', '', 'Y'];
    calibration
      .getRange(header + 2, tick + 1, answers.length, 2)
      .setValues(answers.map((answer) => [true, answer]));
    const result = emulator.run('buildMonitorSheet', [{ dateColumn: 'Created' }], 'FULL') as {
      verdicts: string[];
    };
    expect(result.verdicts.join('\n')).toContain(
      'Of the 5 leads the model keeps from sales that were checked by hand (the review sample on the Calibration sheet), sales should call 4 (80%',
    );
    const monitor = sheetValues(emulator, 'Monitor');
    const periodHeader = monitor.findIndex((row) => row[0] === 'Period' && row[1] === 'Starts');
    const checkedColumn = monitor[periodHeader]!.indexOf('Review: checked');
    expect(monitor[periodHeader]!.slice(checkedColumn)).toEqual([
      'Review: checked',
      'Review: sales should call',
      'Status',
      ...monitor[periodHeader]!.slice(checkedColumn + 3),
    ]);
    const perPeriod = monitor.slice(periodHeader + 1, periodHeader + 13).map((row) => row[checkedColumn]);
    expect(perPeriod.reduce((a, b) => Number(a) + Number(b), 0)).toBe(6);
    // The sampled rows are leads of the leads sheet: their months, counted by hand.
    const months = values
      .slice(header + 1, header + 7)
      .map((row) => LEADS[Number(row[0]) - 2]!.month)
      .reduce((count, m) => count.set(m, (count.get(m) ?? 0) + 1), new Map<number, number>());
    expect(perPeriod).toEqual(perPeriod.map((_, i) => months.get(i + 1) ?? 0));
  });

  it('says what is missing in plain words: an unknown date column', () => {
    expect(() => emulator.run('buildMonitorSheet', [{ dateColumn: 'Signed up' }], 'FULL')).toThrow(
      /no date column "Signed up" \(columns: Lead, Created/,
    );
  });
});

describe('fit × engagement cells (contract v2 §10), in the emulation', () => {
  it('writes conversion per cell on the Calibration sheet and per month on the Monitor sheet', () => {
    const graded = {
      ...MONITOR_MODEL,
      grades: [
        { name: 'B', min: null },
        { name: 'A', min: 30 },
      ],
      engagementLevels: [
        { name: '2', min: null },
        { name: '1', min: 30 },
      ],
    };
    const leads = [...monitorLeads({ months: 4, leadsPerMonth: 300, breakMonth: Infinity, seed: 5 })];
    const cells = addonWithStarter();
    const state = cells.run('getSidebarState', [], 'FULL') as { revision: string };
    expect(cells.run('saveModel', [graded, state.revision], 'FULL')).toMatchObject({ ok: true });
    const sheet = cells.spreadsheet.insertSheet('Leads');
    sheet.insertRowsAfter(sheet.getMaxRows(), leads.length + 1 - sheet.getMaxRows());
    sheet
      .getRange(1, 1, leads.length + 1, MONITOR_HEADERS.length)
      .setValues([MONITOR_HEADERS, ...leads.map((l) => l.row)]);
    sheet.activate();
    cells.run('buildCalibrationSheet', [], 'FULL');
    const calibration = sheetValues(cells, 'Calibration');
    const rates = calibration.findIndex((row) => row[0] === 'Conversion rate' && row[1] === 'Level 1');
    expect(rates).toBeGreaterThan(0);
    expect(calibration[rates + 1]![0]).toBe('Grade A');
    expect(
      cells.spreadsheet
        .getSheetByName('Calibration')!
        .getRange(rates + 2, 2)
        .getNumberFormat(),
    ).toBe('0.0%');
    const counts = calibration.findIndex((row) => row[0] === 'Leads' && row[1] === 'Level 1');
    const total = [1, 2].flatMap((r) => [1, 2].map((c) => Number(calibration[counts + r]![c])));
    expect(total.reduce((a, b) => a + b, 0)).toBe(leads.filter((l) => l.outcome !== 'open').length);

    cells.run('buildMonitorSheet', [{ dateColumn: 'Created' }], 'FULL');
    const monitor = sheetValues(cells, 'Monitor');
    const header = monitor.findIndex((row) => row[0] === 'Period' && row[1] === 'A1');
    expect(monitor[header]!.slice(0, 5)).toEqual(['Period', 'A1', 'A2', 'B1', 'B2']);
    expect(monitor.slice(header + 1, header + 5).map((row) => row[0])).toEqual([
      'January 2026',
      'February 2026',
      'March 2026',
      'April 2026',
    ]);
    const leadsHeader = monitor.findIndex((row) => row[0] === 'Period' && row[1] === 'A1 leads');
    const perMonth = monitor
      .slice(leadsHeader + 1, leadsHeader + 5)
      .map((row) => [1, 4, 7, 10].reduce((sum, c) => sum + Number(row[c]), 0));
    expect(perMonth).toEqual([300, 300, 300, 300]);
  });
});
