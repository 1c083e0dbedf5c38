import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/core/engine';
import type { Model } from '../../../src/core/model';
import { columnCandidates, describeColumns, placeholderSet } from '../../../src/core/suggest';

const options = { minSupport: 20, placeholders: placeholderSet(), blankValuesSupported: true };

function matchesPerRow(rules: Model['rules'], header: string, cells: unknown[]): number[] {
  const model: Model = {
    name: 'Candidates',
    settings: { blankValues: ['Select'] },
    groups: [{ name: header, kind: 'fit' }],
    rules,
    bands: [{ name: 'All', min: null }],
  };
  const compiled = compileModel(model, [header]);
  if (!compiled.ok) throw new Error(compiled.problems.map((p) => p.message).join('\n'));
  return cells.map((cell) => compiled.compiled.matches([cell]).filter(Boolean).length);
}

describe('columnCandidates', () => {
  it('bands a many-valued number at quantiles so that every lead falls in exactly one band', () => {
    const cells = [...Array.from({ length: 300 }, (_, i) => String(i % 37)), ...Array(30).fill('')];
    const [profile] = describeColumns(
      ['Visits'],
      cells.map((c) => [c]),
    );
    const candidates = columnCandidates(profile!, cells, options);
    expect(candidates.map((c) => c.rule.name)).toEqual([
      'Visits under 5',
      'Visits 5–11',
      'Visits 12–17',
      'Visits 18–23',
      'Visits 24–29',
      'Visits 30 or more',
      'Visits not answered',
    ]);
    expect(candidates[1]!.rule).toMatchObject({ operator: 'between', value: [5, 11] });
    expect(
      new Set(
        matchesPerRow(
          candidates.map((c) => c.rule),
          'Visits',
          cells,
        ),
      ),
    ).toEqual(new Set([1]));
  });

  it('gives frequent values their own rule, pools the rare ones and reads placeholders as not answered', () => {
    const cells = [
      ...Array(100).fill('Google'),
      ...Array(60).fill('Referral'),
      ...['bing', 'Blog', 'Press', 'Live chat'].flatMap((v) => Array(6).fill(v)),
      ...Array(40).fill('Select'),
    ];
    const [profile] = describeColumns(
      ['Source'],
      cells.map((c) => [c]),
    );
    const candidates = columnCandidates(profile!, cells, options);
    expect(candidates.map((c) => [c.rule.name, c.rule.operator, c.rule.value])).toEqual([
      ['Source is Google', 'equals', 'Google'],
      ['Source is Referral', 'equals', 'Referral'],
      ['Source is another value (4 rarer values)', 'one of', ['bing', 'Blog', 'Press', 'Live chat']],
      ['Source not answered', 'is blank', undefined],
    ]);
    expect(
      new Set(
        matchesPerRow(
          candidates.map((c) => c.rule),
          'Source',
          cells,
        ),
      ),
    ).toEqual(new Set([1]));
  });

  it('offers nothing for a column with one value', () => {
    const cells = Array(100).fill('No');
    const [profile] = describeColumns(
      ['Magazine'],
      cells.map((c) => [c]),
    );
    expect(columnCandidates(profile!, cells, options)).toEqual([]);
  });
});
