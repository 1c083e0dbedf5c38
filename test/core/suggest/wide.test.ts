// Wide data (many more candidates than the fit weighs) is screened first, so the time grows with the columns,
// not with their cube; the screened candidates say why, and the strong columns are still found.
import { describe, expect, it } from 'vitest';
import { wideLeads } from '../../../bench/wide';
import { MAX_FITTED_CANDIDATES, type SuggestProgress, suggestModel } from '../../../src/core/suggest';

describe('wide data', () => {
  it('screens candidates beyond the budget, keeps the strong columns, and says why the rest were left out', () => {
    const data = wideLeads(100, 400);
    const progress: SuggestProgress[] = [];
    const result = suggestModel(data.headers, data.rows, {
      outcome: { column: 'Converted', positive: ['yes'], negative: ['no'] },
      onProgress: (p) => progress.push(p),
    });
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
    expect(result.evaluation.candidates).toBeGreaterThan(MAX_FITTED_CANDIDATES);
    const screened = result.evaluation.rules.filter((r) => r.why.includes('wide data is screened'));
    expect(screened.length).toBeGreaterThan(100);
    expect(result.model.rules.some((r) => r.column === 'Column 1' || r.column === 'Column 2')).toBe(true);
    // Progress: every column once while building candidates, then each step in order.
    const building = progress.filter((p) => p.step === 'candidates');
    expect(building.map((p) => p.done)).toEqual(building.map((_, i) => i));
    expect(building.length).toBeGreaterThanOrEqual(100);
    expect(building.at(-1)?.message).toMatch(/^Building candidates: column \d+ of \d+$/);
    expect([...new Set(progress.map((p) => p.step))]).toEqual([
      'candidates',
      'leakage',
      'penalty',
      'selection',
      'evaluation',
    ]);
  });
});
