// The suggested model fits nothing to leads whose score a salesperson overrode (contract v2 §5), and never
// builds a rule from the override column itself.
import { describe, expect, it } from 'vitest';
import type { Model } from '../../../src/core/model';
import { suggestModel } from '../../../src/core/suggest';
import { generateLeads } from './generate';

const outcome = { column: 'Converted', positive: ['yes'], negative: ['no'] };

const base: Model = {
  name: 'Current',
  groups: [{ name: 'Fit', kind: 'fit' }],
  rules: [{ name: 'Demo', group: 'Fit', column: 'Demo', operator: 'equals', value: 'Yes', points: 30 }],
  bands: [
    { name: 'Cold', min: null },
    { name: 'Hot', min: 25, salesReady: true },
  ],
  outcome,
  settings: { overrideColumn: 'Manual score' },
};

/** Every 5th decided lead is overridden, with a score that knows the outcome (as a salesperson's might). */
function leadsWithOverrides() {
  const data = generateLeads(4000, 5, { open: 100 });
  const converted = data.headers.indexOf('Converted');
  let decided = 0;
  const overridden = new Set<number>();
  const rows = data.rows.map((row, index) => {
    let manual = '';
    if (row[converted] !== '' && decided++ % 5 === 2) {
      manual = row[converted] === 'yes' ? '90' : '10';
      overridden.add(index);
    }
    return [...row, manual];
  });
  return { headers: [...data.headers, 'Manual score'], rows, overridden };
}

describe('suggestModel with overridden leads', () => {
  const data = leadsWithOverrides();
  const result = suggestModel(data.headers, data.rows, { outcome, base, seed: 1 });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  const kept = data.rows.filter((_, i) => !data.overridden.has(i));
  const plain = suggestModel(data.headers, kept, { outcome, base, seed: 1 });
  if (!plain.ok) throw new Error('refused');

  it('leaves the overridden leads out of fitting and checking, and says how many', () => {
    expect(result.evaluation.overridden).toBe(data.overridden.size);
    expect(plain.evaluation.overridden).toBe(0);
    expect(result.model.rules).toEqual(plain.model.rules);
    expect(result.evaluation.fitting).toEqual(plain.evaluation.fitting);
    expect(result.evaluation.holdout).toEqual(plain.evaluation.holdout);
    expect(result.evaluation.holdoutAuc).toBe(plain.evaluation.holdoutAuc);
    expect(result.evaluation.verdicts[0]).toBe(
      `${data.overridden.size} leads whose score was overridden by hand were left out of fitting and checking: their outcome followed the override.`,
    );
  });

  it('never builds a rule from the override column, though it knows the outcome', () => {
    expect(result.evaluation.excluded).toContainEqual({
      column: 'Manual score',
      why: "the salesperson's override column",
    });
    expect(result.model.rules.some((rule) => rule.column === 'Manual score')).toBe(false);
  });

  it('takes the override column from the options without a current model', () => {
    const alone = suggestModel(data.headers, data.rows, { outcome, seed: 1, overrideColumn: 'Manual score' });
    if (!alone.ok) throw new Error('refused');
    expect(alone.evaluation.overridden).toBe(data.overridden.size);
    const missing = suggestModel(data.headers, data.rows, { outcome, overrideColumn: 'Manual' });
    expect(missing.ok).toBe(false);
    if (!missing.ok)
      expect(missing.problems[0]!.message).toMatch(/^override column: there is no column "Manual"/);
  });
});
