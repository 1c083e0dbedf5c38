import { describe, expect, it } from 'vitest';
import { calibrate, compareReports } from '../../../src/core/calibration';
import { buildInput } from './fixtures';

// Version A: 3 bands; 200 leads, 30 conversions (AUC 3925/5100 = 0.77, Hot precision 0.4, recall 2/3).
const reportA = calibrate(
  buildInput([
    { name: 'Cold', min: null, score: 10, leads: 100, conversions: 5 },
    { name: 'Warm', min: 21, score: 30, leads: 50, conversions: 5 },
    { name: 'Hot', min: 51, salesReady: true, score: 60, leads: 50, conversions: 20 },
  ]),
);
// Version B, same leads sorted into 2 bands with a "Very hot" band A does not have:
// Cold 150 leads / 10 conversions, Very hot 50 / 20 → not converted: 140 low, 30 high;
// wins 10 × 140/2 + 20 × (140 + 30/2) = 700 + 3100 = 3800 of 5100 → AUC 0.745.
const reportB = calibrate(
  buildInput([
    { name: 'Cold', min: null, score: 10, leads: 150, conversions: 10 },
    { name: 'Very hot', min: 81, salesReady: true, score: 90, leads: 50, conversions: 20 },
  ]),
);

describe('compareReports', () => {
  const comparison = compareReports(reportA, reportB);

  it('sets the ranking and sales-ready figures side by side with the change from A to B', () => {
    expect(comparison.sameLeads).toBe(true);
    expect(comparison.auc.a).toBeCloseTo(3925 / 5100, 12);
    expect(comparison.auc.b).toBeCloseTo(3800 / 5100, 12);
    expect(comparison.auc.change).toBeCloseTo(-125 / 5100, 12);
    expect(comparison.salesReady.threshold).toEqual({ a: 51, b: 81, change: 30 });
    expect(comparison.salesReady.precision).toEqual({ a: 0.4, b: 0.4, change: 0 });
    expect(comparison.salesReady.leads).toEqual({ a: 50, b: 50, change: 0 });
  });

  it('lines up bands by name, keeping those only one version has', () => {
    expect(comparison.bands.map((row) => [row.name, row.a?.leads ?? null, row.b?.leads ?? null])).toEqual([
      ['Cold', 100, 150],
      ['Warm', 50, null],
      ['Hot', 50, null],
      ['Very hot', null, 50],
    ]);
  });

  it('says which version ranks better and what each hands to sales', () => {
    expect(comparison.verdicts).toEqual([
      'B ranks leads worse than A (AUC 0.75 against 0.77).',
      'A hands sales 50 leads at 40% precision, catching 67% of conversions; B hands sales 50 leads at 40% precision, catching 67% of conversions.',
    ]);
    const named = compareReports(reportB, reportA, { a: 'June model', b: 'July model' });
    expect(named.verdicts[0]).toBe('July model ranks leads better than June model (AUC 0.77 against 0.75).');
  });

  it('calls a tiny AUC difference a draw and warns when the leads differ', () => {
    const same = compareReports(reportA, reportA);
    expect(same.verdicts[0]).toBe('A and B rank leads about equally (AUC 0.77 and 0.77).');
    // Issue 12 item 12: the numbers come in the order the versions are named, as the table shows them.
    const close = calibrate(
      buildInput([
        { name: 'Cold', min: null, score: 10, leads: 100, conversions: 5 },
        { name: 'Warm', min: 21, score: 30, leads: 50, conversions: 6 },
        { name: 'Hot', min: 51, salesReady: true, score: 60, leads: 50, conversions: 19 },
      ]),
    );
    const draw = compareReports(reportA, close, { a: 'Version 3', b: 'Current model' });
    expect(draw.auc.a!.toFixed(2)).not.toBe(draw.auc.b!.toFixed(2));
    expect(Math.abs(draw.auc.change!)).toBeLessThan(0.01);
    expect(draw.verdicts[0]).toBe(
      `Version 3 and Current model rank leads about equally (AUC ${draw.auc.a!.toFixed(2)} and ${draw.auc.b!.toFixed(2)}).`,
    );
    // Nothing converted in the other report, so it has no AUC.
    const fewer = calibrate(buildInput([{ name: 'Cold', min: null, score: 10, leads: 100, conversions: 0 }]));
    const different = compareReports(reportA, fewer);
    expect(different.sameLeads).toBe(false);
    expect(different.verdicts[0]).toBe(
      'The two reports cover different leads (200 and 100 leads, 30 and 0 conversions): compare them with care.',
    );
    expect(different.auc).toEqual({ a: reportA.auc, b: null, change: null });
  });
});
