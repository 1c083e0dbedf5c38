// Scores placed in the model's range: large negative rules (a bank campaign's month of contact) used to push
// half the leads below 0, where they all scored exactly 0 and their ranking was lost. The suggested model's
// range now covers all but ~1% of the fitting leads' sums of points.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/core/calibration';
import { compileModel } from '../../../src/core/engine';
import { placeRange, suggestModel } from '../../../src/core/suggest';

/** Bank-telemarketing-like leads: the month of contact moves the odds a lot (a third of the calls in May,
 *  converting poorly), a past success raises them, an unknown contact and a housing loan lower them. */
function campaign(count: number, seed: number) {
  const random = mulberry32(seed);
  const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
  const weights = [3, 6, 1, 6, 30, 12, 15, 14, 1, 2, 9, 1];
  const effect = [-1.2, 0, 1.2, 0.2, -0.8, 0.3, -0.9, -0.9, 1.2, 1.2, -1, 1.5];
  const headers = ['Month', 'Previous', 'Housing', 'Contact', 'Converted'];
  const rows: string[][] = [];
  for (let i = 0; i < count; i++) {
    let pick = random() * 100;
    let m = 0;
    while (pick > weights[m]!) pick -= weights[m++]!;
    const previous = random() < 0.04;
    const housing = random() < 0.55;
    const contact = random() < 0.65 ? 'cellular' : random() < 0.8 ? 'unknown' : 'telephone';
    const z =
      -1.6 + effect[m]! + (previous ? 2.2 : 0) + (housing ? -0.8 : 0) + (contact === 'unknown' ? -1.1 : 0);
    const converted = random() < 1 / (1 + Math.exp(-z));
    rows.push([
      months[m]!,
      previous ? 'success' : 'none',
      housing ? 'yes' : 'no',
      contact,
      converted ? 'yes' : 'no',
    ]);
  }
  return { headers, rows };
}

describe('the suggested model places scores in its range', () => {
  it('widens the range so that at most ~1% of the leads sit at a clamp', () => {
    const { headers, rows } = campaign(20000, 3);
    const result = suggestModel(headers, rows, { outcome: { column: 'Converted', positive: ['yes'] } });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.model.rules.some((r) => r.points < -20)).toBe(true);
    const { minScore, maxScore } = result.model.settings as { minScore: number; maxScore: number };
    expect(minScore).toBeLessThan(0);
    expect(maxScore).toBe(100);
    // Sums of points as the engine adds them, without the clamp.
    const open = compileModel(
      { ...result.model, settings: { ...result.model.settings, minScore: -1e9, maxScore: 1e9 } },
      headers,
      {},
    );
    if (!open.ok) throw new Error(JSON.stringify(open.problems));
    const sums = rows.map((row) => open.compiled.scoreValue(row));
    const clamped = sums.filter((sum) => sum < minScore || sum > maxScore).length;
    expect(clamped / rows.length).toBeLessThanOrEqual(0.011);
  });

  it('keeps the given range when the sums fit in it, and widens it on either side by the 0.5% beyond', () => {
    const sums = Array.from({ length: 1000 }, (_, i) => i / 10);
    expect(placeRange(sums, 0, 100)).toEqual({ minScore: 0, maxScore: 100 });
    const wide = Array.from({ length: 1000 }, (_, i) => i - 300);
    // 5 sums may lie below the minimum and 5 above the maximum.
    expect(placeRange(wide, 0, 100)).toEqual({ minScore: -295, maxScore: 694 });
    expect(placeRange([], 0, 100)).toEqual({ minScore: 0, maxScore: 100 });
  });
});
