// Contract v2 §10: engagement levels over the engagement score, and the fit × engagement cell.
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/core/engine';
import type { Model } from '../../src/core/model';
import { summarizeChanges } from '../../src/core/modelChanges';
import { parseModel } from '../../src/core/validate';

const HEADERS = ['Employees', 'Visits', 'Opened'];

const MODEL: Model = {
  name: 'Cells',
  groups: [
    { name: 'Firmographics', kind: 'fit' },
    { name: 'Behaviour', kind: 'engagement', maxPoints: 50 },
    { name: 'Email', kind: 'engagement' },
  ],
  rules: [
    { name: 'Large', group: 'Firmographics', column: 'Employees', operator: '>=', value: 200, points: 30 },
    { name: 'Visits', group: 'Behaviour', column: 'Visits', operator: 'per', points: 2.5, maxPoints: 60 },
    { name: 'Opened', group: 'Email', column: 'Opened', operator: 'is true', points: 4.994 },
  ],
  bands: [
    { name: 'Cold', min: null },
    { name: 'Hot', min: 60 },
  ],
  grades: [
    { name: 'C', min: null },
    { name: 'B', min: 10 },
    { name: 'A', min: 30 },
  ],
  engagementLevels: [
    { name: '3', min: null },
    { name: '2', min: 20 },
    { name: '1', min: 40 },
  ],
};

function scorer(model: Model) {
  const result = compileModel(model, HEADERS, { asOf: '2026-06-30' });
  if (!result.ok) throw new Error(result.problems.map((problem) => problem.message).join('\n'));
  return result.compiled;
}

function messagesOf(input: unknown): string[] {
  const result = parseModel(input);
  return result.ok ? [] : result.problems.map((problem) => problem.message);
}

describe('§10 engagement levels and cells in the engine', () => {
  it('levels the engagement score (the sum of the engagement groups, rounded) and joins grade and level', () => {
    const compiled = scorer(MODEL);
    // 8 visits = 20 points + opened 4.994 → engagement 24.99: level 2; fit 30: grade A.
    expect(compiled.score([500, 8, true])).toMatchObject({
      fit: 30,
      engagement: 24.99,
      grade: 'A',
      engagementLevel: '2',
      cell: 'A2',
    });
    // The Behaviour cap (50) counts: 30 visits = 75 points → 50, plus 4.994 → 54.99: level 1.
    expect(compiled.score([5, 30, true])).toMatchObject({ grade: 'C', engagementLevel: '1', cell: 'C1' });
    // Exactly on a min belongs to that level; below every min is the first level.
    expect(compiled.score([200, 8, false])).toMatchObject({ engagement: 20, cell: 'A2' });
    expect(compiled.score([200, 0, false])).toMatchObject({ engagement: 0, cell: 'A3' });
    expect(compiled.score([])).toMatchObject({ grade: 'C', engagementLevel: '3', cell: 'C3' });
  });

  it('levels the rounded score: 39.995 rounds to 40, level 1', () => {
    const model: Model = {
      ...MODEL,
      rules: [{ name: 'Visits', group: 'Email', column: 'Visits', operator: 'per', points: 39.995 }],
    };
    expect(scorer(model).score([0, 1, false])).toMatchObject({ engagement: 40, engagementLevel: '1' });
  });

  it('without grades there is a level but no cell; without levels, a grade but no cell', () => {
    const { grades: _grades, ...noGrades } = MODEL;
    expect(scorer(noGrades).score([500, 8, true])).toMatchObject({ engagementLevel: '2' });
    expect(scorer(noGrades).score([500, 8, true]).cell).toBeUndefined();
    expect(scorer(noGrades).score([500, 8, true]).grade).toBeUndefined();
    const { engagementLevels: _levels, ...noLevels } = MODEL;
    const scored = scorer(noLevels).score([500, 8, true]);
    expect(scored.grade).toBe('A');
    expect(scored.engagementLevel).toBeUndefined();
    expect(scored.cell).toBeUndefined();
  });
});

describe('§10 validation', () => {
  const withLevels = (engagementLevels: unknown) => ({ ...MODEL, engagementLevels });

  it('keeps valid levels, drops an empty list and accepts null', () => {
    const parsed = parseModel(
      withLevels([
        { name: ' 2 ', min: null },
        { name: '1', min: 40 },
      ]),
    );
    expect(parsed.ok && parsed.model.engagementLevels).toEqual([
      { name: '2', min: null },
      { name: '1', min: 40 },
    ]);
    for (const empty of [[], null]) {
      const result = parseModel(withLevels(empty));
      expect(result.ok && 'engagementLevels' in result.model).toBe(false);
    }
  });

  it('names the level: unique and non-empty names, first min null, ascending mins', () => {
    expect(
      messagesOf(
        withLevels([
          { name: '3', min: null },
          { name: '', min: 20 },
          { name: '1', min: 10 },
          { name: '1', min: 30, salesReady: true },
          { name: '0' },
        ]),
      ),
    ).toEqual([
      'engagement level 2: name must not be empty',
      'engagement levels must ascend: "1" (10) after "engagement level 2" (20)',
      'engagement level "1": unknown key "salesReady" (allowed keys: name, min)',
      'engagement level "0": min must be a number (only the first engagement level may leave it empty), got nothing',
      'engagement level "1": the name is used by more than one engagement level (engagement levels 3 and 4)',
    ]);
    expect(messagesOf(withLevels('1, 2, 3'))).toEqual([
      'model: engagementLevels must be a list, got "1, 2, 3"',
    ]);
    expect(
      messagesOf(
        withLevels([
          { name: '3', min: 5 },
          { name: '2', min: 5 },
        ]),
      ),
    ).toEqual(['engagement levels must ascend: "2" (5) after "3" (5)']);
  });

  it('refuses grades and levels whose cells would read the same ("A" + "11" and "A1" + "1")', () => {
    const model = {
      ...MODEL,
      grades: [
        { name: 'A', min: null },
        { name: 'A1', min: 30 },
      ],
      engagementLevels: [
        { name: '1', min: null },
        { name: '11', min: 20 },
      ],
    };
    expect(messagesOf(model)).toEqual([
      'engagement level "1": with grade "A1" it makes the cell "A11", as grade "A" with engagement level "11" does: rename a grade or a level so that every cell is told apart',
    ]);
    expect(
      messagesOf({
        ...model,
        engagementLevels: [
          { name: '1', min: null },
          { name: '2', min: 20 },
        ],
      }),
    ).toEqual([]);
  });

  it('the history says when the levels changed', () => {
    const after = { ...MODEL, engagementLevels: [{ name: '2', min: null }] };
    expect(summarizeChanges(MODEL, after)).toBe('engagement levels changed');
  });
});
