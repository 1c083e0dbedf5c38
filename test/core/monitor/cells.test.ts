// Contract v2 §10 in the calibration and the monitor: leads and conversion per fit × engagement cell (grade +
// engagement level), counted here by hand from the generated leads' columns.
import { describe, expect, it } from 'vitest';
import { calibrateRows, calibrationSheetGrid, engagementCells } from '../../../src/core/calibration';
import type { Model } from '../../../src/core/model';
import { monitorModel, monitorSheetGrid } from '../../../src/core/monitor';
import { type GeneratedLead, MONITOR_HEADERS, MONITOR_MODEL, monitorLeads } from './generate';

const GRADED: Model = {
  ...MONITOR_MODEL,
  grades: [
    { name: 'C', min: null },
    { name: 'B', min: 20 },
    { name: 'A', min: 40 },
  ],
  engagementLevels: [
    { name: '3', min: null },
    { name: '2', min: 30 },
    { name: '1', min: 50 },
  ],
};

/** The cell of a generated lead, from its columns: fit = title and size, engagement = pricing and demo. */
function handCell(lead: GeneratedLead): string {
  const [, , title, employees, visits, demo] = lead.row;
  const fit =
    (title === 'Director' || title === 'VP' ? 30 : 0) +
    (title === 'Student' ? -20 : 0) +
    (Number(employees) >= 200 ? 20 : 0);
  const engagement = (Number(visits) >= 3 ? 30 : 0) + (demo === 'yes' ? 20 : 0);
  const grade = fit >= 40 ? 'A' : fit >= 20 ? 'B' : 'C';
  const level = engagement >= 50 ? '1' : engagement >= 30 ? '2' : '3';
  return grade + level;
}

const leads = [
  ...monitorLeads({ months: 4, leadsPerMonth: 500, breakMonth: Infinity, openShareLastMonth: 0.5, seed: 31 }),
];
const rows = leads.map((l) => l.row);
const ALL = ['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'C1', 'C2', 'C3'];

describe('fit × engagement cells', () => {
  it('lists every cell of the model, best first, and none without grades or levels', () => {
    expect(engagementCells(GRADED)!.map((c) => c.cell)).toEqual(ALL);
    expect(engagementCells(MONITOR_MODEL)).toBeUndefined();
    expect(engagementCells({ ...GRADED, engagementLevels: undefined })).toBeUndefined();
  });

  it('counts known leads and conversions per cell in the calibration, and lays them out as a grid', () => {
    const made = calibrateRows(GRADED, MONITOR_HEADERS, rows, { timeZone: 'UTC' });
    if (!made.ok) throw new Error('calibration');
    const known = leads.filter((l) => l.outcome !== 'open');
    expect(made.calibration.cells!.map((c) => [c.cell, c.leads, c.conversions])).toEqual(
      ALL.map((cell) => {
        const inCell = known.filter((l) => handCell(l) === cell);
        return [cell, inCell.length, inCell.filter((l) => l.outcome === 'converted').length];
      }),
    );
    const grid = calibrationSheetGrid({
      modelName: 'm',
      sheetName: 'Leads',
      builtAt: 'now',
      calibration: made.calibration,
      leadLabel: () => '',
      sheetRow: (r) => r + 2,
    });
    const header = grid.values.findIndex((line) => line[0] === 'Leads' && line[1] === 'Level 1');
    expect(grid.values[header]!.slice(0, 4)).toEqual(['Leads', 'Level 1', 'Level 2', 'Level 3']);
    expect(grid.values[header + 1]!.slice(0, 4)).toEqual([
      'Grade A',
      ...['A1', 'A2', 'A3'].map((cell) => known.filter((l) => handCell(l) === cell).length),
    ]);
    const plain = calibrateRows(MONITOR_MODEL, MONITOR_HEADERS, rows, { timeZone: 'UTC' });
    expect(plain.ok && plain.calibration.cells).toBeUndefined();
  });

  it('counts leads, known outcomes and conversions per cell in every period of the monitor', () => {
    const result = monitorModel(GRADED, MONITOR_HEADERS, rows, { dateColumn: 'Created', timeZone: 'UTC' });
    if (!result.ok) throw new Error('monitor');
    result.report.periods.forEach((p, m) => {
      const month = leads.filter((l) => l.month === m + 1);
      expect(p.cells!.map((c) => [c.cell, c.leads, c.known, c.conversions])).toEqual(
        ALL.map((cell) => {
          const inCell = month.filter((l) => handCell(l) === cell);
          return [
            cell,
            inCell.length,
            inCell.filter((l) => l.outcome !== 'open').length,
            inCell.filter((l) => l.outcome === 'converted').length,
          ];
        }),
      );
    });
    const grid = monitorSheetGrid({
      report: result.report,
      modelName: 'm',
      sheetName: 'Leads',
      builtAt: 'now',
    });
    expect(grid.values.some((line) => line[0] === 'Period' && line[1] === 'A1' && line[9] === 'C3')).toBe(
      true,
    );
    // Without grades or levels nothing changes: no cells, no cell tables.
    const plain = monitorModel(MONITOR_MODEL, MONITOR_HEADERS, rows, {
      dateColumn: 'Created',
      timeZone: 'UTC',
    });
    if (!plain.ok) throw new Error('monitor');
    expect(plain.report.periods.every((p) => p.cells === null)).toBe(true);
    expect(result.report.periods.map((p) => p.auc)).toEqual(plain.report.periods.map((p) => p.auc));
    const plainGrid = monitorSheetGrid({
      report: plain.report,
      modelName: 'm',
      sheetName: 'Leads',
      builtAt: 'now',
    });
    expect(plainGrid.values.some((line) => String(line[0]).startsWith('Conversion per cell'))).toBe(false);
  });
});
