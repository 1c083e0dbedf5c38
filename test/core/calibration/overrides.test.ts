// A salesperson's override (contract v2 §5): calibration measures the model on its own scores and reports the
// overridden leads apart; the refit fits nothing to them.
import { describe, expect, it } from 'vitest';
import {
  type CalibrationReport,
  calibrate,
  calibrateRows,
  calibrationSheetGrid,
} from '../../../src/core/calibration';
import type { Model } from '../../../src/core/model';
import { generateLeads } from '../suggest/generate';
import { buildInput } from './fixtures';

const outcome = { column: 'Converted', positive: ['yes'], negative: ['no'] };

const model: Model = {
  name: 'With overrides',
  groups: [{ name: 'Fit', kind: 'fit' }],
  rules: [
    { name: 'Demo', group: 'Fit', column: 'Demo', operator: 'equals', value: 'Yes', points: 30 },
    { name: 'Webinar', group: 'Fit', column: 'Webinar', operator: 'equals', value: 'Yes', points: 15 },
    { name: 'Student', group: 'Fit', column: 'Student', operator: 'equals', value: 'Yes', points: -10 },
  ],
  bands: [
    { name: 'Cold', min: null },
    { name: 'Warm', min: 15 },
    { name: 'Hot', min: 35, salesReady: true },
  ],
  outcome,
  settings: { minScore: 0, maxScore: 100, overrideColumn: 'Manual score' },
};

/** Generated leads with a "Manual score" column: every 7th decided lead is overridden, and the override
 *  knows the outcome (95 for a lead that converted, 5 otherwise), as a salesperson's might. */
function leadsWithOverrides(count: number) {
  const data = generateLeads(count, 11, { open: 50 });
  const converted = data.headers.indexOf('Converted');
  const headers = [...data.headers, 'Manual score'];
  let decided = 0;
  const overridden: number[] = [];
  const rows = data.rows.map((row, index) => {
    const outcomeCell = row[converted];
    let manual = '';
    if (outcomeCell !== '' && decided++ % 7 === 3) {
      manual = outcomeCell === 'yes' ? '95' : '5';
      overridden.push(index);
    }
    return [...row, manual];
  });
  return { headers, rows, overridden };
}

/** The report's figures about the model, without the override section and the sentences. */
function modelFigures(report: CalibrationReport) {
  const { overridden: _overridden, verdicts: _verdicts, ...figures } = report;
  return figures;
}

describe('calibrate: overridden leads', () => {
  const input = buildInput([
    { name: 'Cold', min: null, score: 10, leads: 100, conversions: 10 },
    { name: 'Hot', min: 40, salesReady: true, score: 50, leads: 100, conversions: 40 },
  ]);
  // 12 leads the model puts in Cold (score 10), raised to Hot by hand; 6 of them converted.
  const overridden = Array.from({ length: 12 }, (_, i) => ({
    score: 10,
    band: 0,
    converted: i < 6,
    matches: [],
    overridden: true,
    overrideBand: 1,
  }));
  const report = calibrate({ ...input, leads: [...input.leads, ...overridden] });

  it('leaves them out of every figure about the model', () => {
    expect(modelFigures(report)).toEqual(modelFigures(calibrate(input)));
    expect(report.leads).toBe(200);
    expect(report.bands.map((b) => b.leads)).toEqual([100, 100]);
  });

  it('reports how they converted against the model band they came from', () => {
    expect(report.overridden).toEqual({
      leads: 12,
      conversions: 6,
      rate: 0.5,
      raised: 12,
      same: 0,
      lowered: 0,
      expectedConversions: 12 * 0.1,
      byModelBand: [{ band: 'Cold', leads: 12, conversions: 6, rate: 0.5, modelBandRate: 0.1 }],
    });
    expect(report.verdicts[0]).toBe(
      '12 leads had the score overridden by hand (raised 12) and are left out of the other figures, which measure ' +
        "the model on its own scores: 6 converted (50%), above the 10% expected from the other leads in the model's " +
        'bands for them. Only 12 overridden leads: a first hint.',
    );
  });

  it('says above or below only beyond chance', () => {
    // 40 Hot leads (Hot's other leads convert at 40%) lowered to Cold by hand.
    const lowered = (conversions: number) =>
      Array.from({ length: 40 }, (_, i) => ({
        score: 50,
        band: 1,
        converted: i < conversions,
        matches: [],
        overridden: true,
        overrideBand: 0,
      }));
    const verdictFor = (conversions: number) =>
      calibrate({ ...input, leads: [...input.leads, ...lowered(conversions)] }).verdicts[0];
    expect(verdictFor(14)).toBe(
      '40 leads had the score overridden by hand (lowered 40) and are left out of the other figures, which measure ' +
        'the model on its own scores: 14 converted (35%), in line with the 40% expected from the other leads in the ' +
        "model's bands for them.",
    );
    expect(verdictFor(4)).toMatch(/: 4 converted \(10%\), below the 40% expected /);
  });

  it('says nothing about overrides when there are none', () => {
    expect(calibrate(input).overridden).toMatchObject({
      leads: 0,
      conversions: 0,
      rate: null,
      byModelBand: [],
    });
    expect(calibrate(input).verdicts.join(' ')).not.toMatch(/overridden/);
  });
});

describe('calibrateRows with an override column', () => {
  const data = leadsWithOverrides(3000);
  const result = calibrateRows(model, data.headers, data.rows);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  const { calibration } = result;
  const skipped = new Set(data.overridden);
  const withoutOverridden = calibrateRows(
    model,
    data.headers,
    data.rows.filter((_, i) => !skipped.has(i)),
  );
  if (!withoutOverridden.ok) throw new Error('refused');
  const plain = withoutOverridden.calibration;

  it('measures the model exactly as on the leads nobody overrode', () => {
    expect(data.overridden.length).toBeGreaterThan(300);
    expect(calibration.report.leads).toBe(plain.report.leads);
    expect(modelFigures(calibration.report)).toEqual(modelFigures(plain.report));
  });

  it('reports the overridden leads apart, by the band the model alone gives them', () => {
    const o = calibration.report.overridden;
    expect(o.leads).toBe(data.overridden.length);
    const conversions = data.overridden.filter(
      (i) => data.rows[i]![data.headers.indexOf('Converted')] === 'yes',
    );
    expect(o.conversions).toBe(conversions.length);
    expect(o.byModelBand.reduce((sum, b) => sum + b.leads, 0)).toBe(o.leads);
    expect(o.raised + o.same + o.lowered).toBe(o.leads);
    expect(o.raised).toBeGreaterThan(0);
    expect(o.lowered).toBeGreaterThan(0);
    for (const band of o.byModelBand) {
      expect(band.modelBandRate).toBe(plain.report.bands.find((b) => b.name === band.band)!.rate);
    }
    expect(calibration.report.verdicts[0]).toMatch(
      new RegExp(
        `^${o.leads} leads had the score overridden by hand \\(raised \\d+, lowered \\d+(, kept \\d+ in the model's band)?\\) and are left out`,
      ),
    );
  });

  it('fits no points to them and says how many it left out', () => {
    const fit = calibration.suggestedPoints;
    expect(fit.leftOutOverridden).toBe(data.overridden.length);
    expect(plain.suggestedPoints.leftOutOverridden).toBe(0);
    expect(fit.rules).toEqual(plain.suggestedPoints.rules);
    expect(fit.fitted).toEqual(plain.suggestedPoints.fitted);
    expect(fit.holdout).toEqual(plain.suggestedPoints.holdout);
    expect(fit.verdicts.at(-1)).toBe(
      `${data.overridden.length} leads whose score was overridden by hand were left out of fitting and checking.`,
    );
  });

  it('shows them on the Calibration sheet in their own table', () => {
    const grid = calibrationSheetGrid({
      modelName: model.name,
      sheetName: 'Leads',
      builtAt: '2026-12-01',
      calibration,
      leadLabel: (row) => String(data.rows[row]![0]),
      sheetRow: (row) => row + 2,
    });
    const text = grid.values.map((r) => r.join('|'));
    expect(text[1]).toContain(`; ${data.overridden.length} overridden by hand, reported apart`);
    const title = grid.values.findIndex((r) => r[0] === 'Overridden by hand');
    expect(title).toBeGreaterThan(0);
    expect(grid.titleRows).toContain(title);
    const o = calibration.report.overridden;
    const all = grid.values.find((r) => r[0] === 'All overridden')!;
    expect(all.slice(0, 4)).toEqual(['All overridden', o.leads, o.conversions, o.rate]);
    expect(all[4]).toBeCloseTo(o.expectedConversions! / o.leads, 12);
    const table = grid.values.slice(title + 3, title + 3 + o.byModelBand.length);
    expect(table.map((r) => r[0])).toEqual(o.byModelBand.map((b) => b.band));
  });

  it('without an override column, the same rows are all measured (the number is just a column)', () => {
    const { settings: _settings, ...noOverride } = model;
    const all = calibrateRows(noOverride, data.headers, data.rows);
    if (!all.ok) throw new Error('refused');
    expect(all.calibration.report.overridden.leads).toBe(0);
    expect(all.calibration.report.leads).toBe(plain.report.leads + data.overridden.length);
  });
});
