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

describe('candidates that fit real columns', () => {
  const profileOf = (header: string, cells: unknown[]) =>
    describeColumns(
      [header],
      cells.map((c) => [c]),
    )[0]!;

  it('keeps "= 0" apart in a mostly-zero number, and every lead still falls in exactly one band', () => {
    // 78% zeros, the rest 1–60.
    const cells = Array.from({ length: 1000 }, (_, i) => (i % 100 < 78 ? '0' : String(1 + (i % 60))));
    const candidates = columnCandidates(profileOf('Page views', cells), cells, options);
    expect(candidates[0]!.rule).toMatchObject({ name: 'Page views is 0', operator: 'equals', value: 0 });
    expect(candidates.every((c) => !(c.rule.operator === '<' && c.rule.value === 1))).toBe(true);
    expect(
      new Set(
        matchesPerRow(
          candidates.map((c) => c.rule),
          'Page views',
          cells,
        ),
      ),
    ).toEqual(new Set([1]));
  });

  it('writes round bounds a person would write', () => {
    const cells = Array.from({ length: 600 }, (_, i) => ((i * 7919) % 600) * 8.3917 + 0.1234);
    const candidates = columnCandidates(profileOf('Balance', cells.map(String)), cells.map(String), options);
    const bounds = candidates.flatMap((c) =>
      c.rule.operator === '<' || c.rule.operator === '>=' ? [c.rule.value as number] : [],
    );
    for (const bound of bounds) expect(Number(bound.toPrecision(2))).toBe(bound);
    for (const c of candidates) expect(c.rule.name).not.toMatch(/\.\d{3}/);
    expect(
      new Set(
        matchesPerRow(
          candidates.map((c) => c.rule),
          'Balance',
          cells.map(String),
        ),
      ),
    ).toEqual(new Set([1]));
  });

  it('treats a small whole-number code with few values as values, not ordered numbers', () => {
    const cells = Array.from({ length: 900 }, (_, i) => String(1 + (i % 9)));
    const candidates = columnCandidates(profileOf('Region', cells), cells, options);
    expect(candidates.every((c) => c.rule.operator === 'equals')).toBe(true);
    expect(candidates.map((c) => c.rule.name)).toContain('Region is 3');
  });

  it('recognises identifiers by their values and their usual headers, not only a few words', () => {
    const shuffled = Array.from({ length: 500 }, (_, i) => String((i * 7919) % 100000));
    const increasing = Array.from({ length: 500 }, (_, i) => String(1000 + 3 * i + (i % 2)));
    const amounts = Array.from({ length: 500 }, (_, i) => String(((i * 7919) % 100000) / 100));
    const identifier = (header: string, cells: string[]) => profileOf(header, cells).identifier;
    expect(identifier('client', increasing)).toBe(true); // auto-increment: file order is time
    expect(identifier('CustomerID', shuffled)).toBe(true);
    expect(identifier('customer_no', shuffled)).toBe(true);
    expect(identifier('row', shuffled)).toBe(true);
    expect(identifier('index', shuffled)).toBe(true);
    expect(
      describeColumns(
        ['', 'Plan'],
        shuffled.map((c) => [c, 'x']),
      )[0]!.identifier,
    ).toBe(true);
    expect(identifier('Paid', amounts)).toBe(false);
    expect(identifier('Balance', amounts)).toBe(false);
  });

  it('recognises dates in the usual forms (9/4/2012, 31.12.2020) as dates, not text', () => {
    const us = Array.from({ length: 100 }, (_, i) => `${1 + (i % 12)}/${1 + (i % 28)}/2012`);
    expect(profileOf('Contacted', us).type).toBe('date');
    expect(profileOf('Contacted', us).from).toBe('2012-01-01');
    const european = Array.from({ length: 100 }, (_, i) => `${13 + (i % 15)}.${1 + (i % 12)}.2020`);
    expect(profileOf('Signed', european).type).toBe('date');
  });
});
