import { describe, expect, it } from 'vitest';
import {
  type CompiledModel,
  compileModel,
  formatReasons,
  type ScoringOptions,
  salesReadyFlags,
  scoreRows,
} from '../../src/core/engine';
import type { Group, Model, Operator, Rule, RuleValue } from '../../src/core/model';

const AS_OF = '2026-06-30';

function compile(
  model: Model,
  headers: readonly unknown[],
  options?: ScoringOptions & { requireOutcome?: boolean },
) {
  const result = compileModel(model, headers, options);
  if (!result.ok) throw new Error(result.problems.map((problem) => problem.message).join('\n'));
  return result.compiled;
}

/** A model with one rule on column "C" (10 points unless given), scored as of AS_OF. */
function oneRule(
  operator: Operator,
  value?: RuleValue,
  extra: Partial<Rule> = {},
  group: Partial<Group> = {},
): Model {
  const rule: Rule = { name: 'R', group: 'G', column: 'C', operator, points: 10, ...extra };
  if (value !== undefined) rule.value = value;
  return {
    name: 'Test',
    settings: { asOf: AS_OF },
    groups: [{ name: 'G', kind: 'fit', ...group }],
    rules: [rule],
    bands: [{ name: 'Only', min: null }],
  };
}

/** Whether a one-rule model matches a cell (its score is its points). */
function matches(
  operator: Operator,
  value: RuleValue | undefined,
  cell: unknown,
  options?: ScoringOptions,
): boolean {
  const compiled = compile(oneRule(operator, value), ['C', 'Last activity'], options);
  const score = compiled.score([cell]).score;
  expect(compiled.matches([cell])).toEqual([score !== 0]);
  return score === 10;
}

describe('operators', () => {
  it('equals: not blank, numerically when both are numbers, else as text', () => {
    expect(matches('equals', 'Software', '  SOFTWARE ')).toBe(true);
    expect(matches('equals', 'Software', 'Soft')).toBe(false);
    expect(matches('equals', 5, 5)).toBe(true);
    expect(matches('equals', 5, '5.0')).toBe(true);
    expect(matches('equals', 1200, '1,200')).toBe(true);
    expect(matches('equals', '1,200', 1200)).toBe(true);
    expect(matches('equals', 0.45, '45%')).toBe(true);
    expect(matches('equals', 5, '5 visits')).toBe(false);
    expect(matches('equals', 5, 6)).toBe(false);
    expect(matches('equals', 'true', true)).toBe(true);
    expect(matches('equals', 'Software', '')).toBe(false);
    expect(matches('equals', 'Software', null)).toBe(false);
    expect(matches('equals', '2026-06-01', new Date('2026-06-01T10:00:00Z'))).toBe(true);
  });

  it('not equals: the opposite of equals, so a blank cell matches', () => {
    expect(matches('not equals', 'Retail', 'retail')).toBe(false);
    expect(matches('not equals', 'Retail', 'Software')).toBe(true);
    expect(matches('not equals', 'Retail', '')).toBe(true);
    expect(matches('not equals', 5, '5')).toBe(false);
  });

  it('one of / not one of: equals any item; a blank cell matches only "not one of"', () => {
    const items = ['Software', 'Logistics', 10];
    expect(matches('one of', items, 'logistics')).toBe(true);
    expect(matches('one of', items, '10.0')).toBe(true);
    expect(matches('one of', items, 10)).toBe(true);
    expect(matches('one of', items, 'Retail')).toBe(false);
    expect(matches('one of', items, '')).toBe(false);
    expect(matches('not one of', items, 'Retail')).toBe(true);
    expect(matches('not one of', items, ' software')).toBe(false);
    expect(matches('not one of', items, '')).toBe(true);
    expect(matches('not one of', items, undefined)).toBe(true);
  });

  it('contains / contains any / not contains', () => {
    expect(matches('contains', 'Chief', 'Chief Revenue Officer')).toBe(true);
    expect(matches('contains', 'chief', 'CHIEF')).toBe(true);
    expect(matches('contains', 'Chief', 'VP Sales')).toBe(false);
    expect(matches('contains', 'Chief', '')).toBe(false);
    expect(matches('contains', 5, 1500)).toBe(true);
    expect(matches('contains any', ['vp', 'head'], 'Head of Growth')).toBe(true);
    expect(matches('contains any', ['vp', 'head'], 'Engineer')).toBe(false);
    expect(matches('contains any', ['vp', 'head'], ' ')).toBe(false);
    expect(matches('not contains', 'gmail', 'ann@gmail.com')).toBe(false);
    expect(matches('not contains', 'gmail', 'bob@acme.com')).toBe(true);
    expect(matches('not contains', 'gmail', '')).toBe(true);
  });

  it('> >= < <=: the cell is a number and compares so', () => {
    expect(matches('>', 1000, '1,200')).toBe(true);
    expect(matches('>', 1000, 1000)).toBe(false);
    expect(matches('>=', 1000, 1000)).toBe(true);
    expect(matches('>=', 5, '$5')).toBe(true);
    expect(matches('<', 0.5, '45%')).toBe(true);
    expect(matches('<=', 0.45, '45%')).toBe(true);
    expect(matches('<', 10, 'n/a')).toBe(false);
    expect(matches('<', 10, '')).toBe(false);
    expect(matches('<', 10, true)).toBe(false);
    expect(matches('<', 10, new Date(0))).toBe(false);
    expect(matches('>', -1, Number.NaN)).toBe(false);
    expect(matches('>', 0, Number.POSITIVE_INFINITY)).toBe(false);
  });

  it('between: min ≤ cell ≤ max', () => {
    expect(matches('between', [50, 199], 50)).toBe(true);
    expect(matches('between', [50, 199], '199')).toBe(true);
    expect(matches('between', [50, 199], 199.01)).toBe(false);
    expect(matches('between', [50, 199], 49)).toBe(false);
    expect(matches('between', [50, 199], '')).toBe(false);
  });

  it('is blank / is not blank', () => {
    expect(matches('is blank', undefined, '   ')).toBe(true);
    expect(matches('is blank', undefined, null)).toBe(true);
    expect(matches('is blank', undefined, 0)).toBe(false);
    expect(matches('is not blank', undefined, 0)).toBe(true);
    expect(matches('is not blank', undefined, '')).toBe(false);
  });

  it('is true / is false: a blank cell matches neither', () => {
    for (const cell of [true, 1, 'yes', 'Y', 'x', '2'])
      expect(matches('is true', undefined, cell)).toBe(true);
    for (const cell of [false, 0, 'no', 'N', 'maybe', ''])
      expect(matches('is true', undefined, cell)).toBe(false);
    for (const cell of [false, 0, 'no', 'n', 'FALSE'])
      expect(matches('is false', undefined, cell)).toBe(true);
    for (const cell of [true, 'maybe', '', null]) expect(matches('is false', undefined, cell)).toBe(false);
  });

  it('within days: the cell is a date and 0 ≤ age ≤ N', () => {
    expect(matches('within days', 14, '2026-06-30')).toBe(true);
    expect(matches('within days', 14, '2026-06-16T23:59:00')).toBe(true); // 14 days, time ignored
    expect(matches('within days', 14, '2026-06-15')).toBe(false);
    expect(matches('within days', 14, '2026-07-01')).toBe(false); // negative age: in the future
    expect(matches('within days', 14, 'last week')).toBe(false);
    expect(matches('within days', 14, '')).toBe(false);
    expect(matches('within days', 0, new Date('2026-06-30T12:00:00Z'))).toBe(true);
  });

  it('older than days: the cell is a date and age > N', () => {
    expect(matches('older than days', 30, '2026-05-30')).toBe(true); // 31 days
    expect(matches('older than days', 30, '2026-05-30T08:00:00Z')).toBe(true);
    expect(matches('older than days', 30, '2026-05-31')).toBe(false); // exactly 30 days
    expect(matches('older than days', 30, '2027-01-01')).toBe(false);
    expect(matches('older than days', 30, 45000)).toBe(false); // a number is not a date
  });

  it('reads Date cells on their calendar day in the spreadsheet time zone, near midnight', () => {
    // 2026-06-30 02:30 UTC is still June 29 in New York: 1 day old there, 0 days old in UTC.
    const lateEveningInNewYork = new Date('2026-06-30T02:30:00Z');
    expect(matches('within days', 0, lateEveningInNewYork, { timeZone: 'UTC' })).toBe(true);
    expect(matches('within days', 0, lateEveningInNewYork, { timeZone: 'America/New_York' })).toBe(false);
    expect(matches('older than days', 0, lateEveningInNewYork, { timeZone: 'America/New_York' })).toBe(true);
    // 2026-06-29 22:30 UTC is already June 30 in Tokyo.
    const earlyMorningInTokyo = new Date('2026-06-29T22:30:00Z');
    expect(matches('within days', 0, earlyMorningInTokyo, { timeZone: 'Asia/Tokyo' })).toBe(true);
    expect(matches('within days', 0, earlyMorningInTokyo, { timeZone: 'UTC' })).toBe(false);
  });

  it('per: contributes points × number, 0 when not a number', () => {
    const compiled = compile(oneRule('per', undefined, { points: 5 }), ['C']);
    expect(compiled.score([3]).score).toBe(15);
    expect(compiled.score(['1,200']).score).toBe(6000);
    expect(compiled.score(['50%']).score).toBe(2.5);
    expect(compiled.score([-2]).score).toBe(-10);
    expect(compiled.score(['n/a']).score).toBe(0);
    expect(compiled.score(['']).score).toBe(0);
    expect(compiled.score([true]).score).toBe(0);
    expect(compiled.matches([3])).toEqual([true]);
    expect(compiled.matches([0])).toEqual([false]);
    expect(compiled.matches(['n/a'])).toEqual([false]);
  });
});

describe('caps', () => {
  it("bounds a rule's contribution to ±|maxPoints|", () => {
    const per = compile(oneRule('per', undefined, { points: 5, maxPoints: 20 }), ['C']);
    expect(per.score([3]).score).toBe(15);
    expect(per.score([7]).score).toBe(20);
    expect(per.score([-7]).score).toBe(-20);
    const negativeCap = compile(oneRule('per', undefined, { points: 5, maxPoints: -20 }), ['C']);
    expect(negativeCap.score([7]).score).toBe(20);
    const fixed = compile(oneRule('is not blank', undefined, { points: -30, maxPoints: 25 }), ['C']);
    expect(fixed.score(['x']).score).toBe(-25);
  });

  it('caps a group total from above only: negative totals are not capped', () => {
    const model: Model = {
      name: 'Caps',
      groups: [{ name: 'G', kind: 'engagement', maxPoints: 10 }],
      rules: [
        { name: 'Plus', group: 'G', column: 'A', operator: 'is true', points: 8 },
        { name: 'Plus again', group: 'G', column: 'B', operator: 'is true', points: 8 },
        { name: 'Minus', group: 'G', column: 'C', operator: 'is true', points: -30 },
      ],
      bands: [{ name: 'Any', min: null }],
    };
    const compiled = compile(model, ['A', 'B', 'C']);
    expect(compiled.score([true, true, false]).groupTotals).toEqual([10]);
    expect(compiled.score([true, true, false]).score).toBe(10);
    expect(compiled.score([true, true, true]).groupTotals).toEqual([-14]);
    expect(compiled.score([false, false, true]).score).toBe(-30);
    // Reasons keep each rule's own contribution; the group cap applies to the total only.
    expect(compiled.score([true, true, false]).reasons).toEqual([
      { rule: 'Plus', points: 8, groupCap: 10 },
      { rule: 'Plus again', points: 8, groupCap: 10 },
    ]);
    expect(formatReasons(compiled.score([true, true, false]).reasons)).toBe(
      'Plus +8 (its group capped to 10), Plus again +8 (its group capped to 10)',
    );
    expect(compiled.score([true, true, true]).reasons.every((reason) => reason.groupCap === undefined)).toBe(
      true,
    );
  });

  it('caps the score at maxScore and floors it at minScore', () => {
    const model: Model = {
      name: 'Bounds',
      settings: { minScore: 0, maxScore: 100 },
      groups: [{ name: 'G', kind: 'fit' }],
      rules: [{ name: 'Visits', group: 'G', column: 'Visits', operator: 'per', points: 10 }],
      bands: [{ name: 'Any', min: null }],
    };
    const compiled = compile(model, ['Visits']);
    expect(compiled.score([25]).score).toBe(100);
    expect(compiled.score([-3]).score).toBe(0);
    expect(compiled.score([4.5]).score).toBe(45);
    // Fit and group totals are not bounded by the score's limits.
    expect(compiled.score([25]).fit).toBe(250);
    expect(compiled.score([-3]).groupTotals).toEqual([-30]);
  });
});

describe('decay', () => {
  const decayModel = (percent: number, everyDays: number) =>
    oneRule(
      'is true',
      undefined,
      { points: 20 },
      { decay: { dateColumn: 'Last activity', percent, everyDays } },
    );
  const scoreAtAge = (compiled: CompiledModel, age: number | string) => {
    const date = typeof age === 'string' ? age : new Date(Date.UTC(2026, 5, 30 - age, 15)).toISOString();
    return compiled.score([true, date]).score;
  };

  it('multiplies by max(0, 1 − percent/100 × floor(age / everyDays))', () => {
    const compiled = compile(decayModel(25, 30), ['C', 'Last activity']);
    expect(scoreAtAge(compiled, 0)).toBe(20);
    expect(scoreAtAge(compiled, 29)).toBe(20);
    expect(scoreAtAge(compiled, 30)).toBe(15);
    expect(scoreAtAge(compiled, 59)).toBe(15);
    expect(scoreAtAge(compiled, 60)).toBe(10);
    expect(scoreAtAge(compiled, 90)).toBe(5);
    expect(scoreAtAge(compiled, 120)).toBe(0);
    expect(scoreAtAge(compiled, 400)).toBe(0); // never below zero
  });

  it('counts negative ages as 0 and does not decay a row whose date is not a date', () => {
    const compiled = compile(decayModel(25, 30), ['C', 'Last activity']);
    expect(scoreAtAge(compiled, -45)).toBe(20);
    expect(scoreAtAge(compiled, 'never')).toBe(20);
    expect(scoreAtAge(compiled, '')).toBe(20);
  });

  it('applies to per rules and to negative points', () => {
    const per = oneRule(
      'per',
      undefined,
      { points: -3 },
      { decay: { dateColumn: 'Last activity', percent: 10, everyDays: 7 } },
    );
    const compiled = compile(per, ['C', 'Last activity']);
    expect(compiled.score([5, '2026-06-16']).score).toBe(-12); // 14 days: 2 steps, 80%
    expect(compiled.score([5, '2026-06-16']).reasons).toEqual([{ rule: 'R', points: -12 }]);
  });

  it('reads Date cells in the time zone for the age', () => {
    const compiled = compile(decayModel(50, 1), ['C', 'Last activity'], { timeZone: 'America/New_York' });
    // June 30 01:00 UTC is June 29 in New York: one day old, one step of 50%.
    expect(compiled.score([true, new Date('2026-06-30T01:00:00Z')]).score).toBe(10);
  });
});

describe('score, fit, engagement, bands and grades', () => {
  const model: Model = {
    name: 'B2B',
    settings: { minScore: 0, maxScore: 100, asOf: AS_OF },
    groups: [
      { name: 'Fit', kind: 'fit', maxPoints: 40 },
      { name: 'Web', kind: 'engagement', maxPoints: 45 },
    ],
    rules: [
      {
        name: 'Target industry',
        group: 'Fit',
        column: 'Industry',
        operator: 'one of',
        value: ['Software'],
        points: 15,
      },
      { name: 'Size', group: 'Fit', column: 'Employees', operator: '>=', value: 200, points: 10.125 },
      { name: 'Demo requested', group: 'Web', column: 'Demo', operator: 'is true', points: 15 },
      { name: 'Unsubscribed', group: 'Web', column: 'Unsubscribed', operator: 'is true', points: -30 },
      { name: 'Visits', group: 'Web', column: 'Visits', operator: 'per', points: 7.5, maxPoints: 20 },
    ],
    bands: [
      { name: 'Cold', min: 10 },
      { name: 'Warm', min: 21 },
      { name: 'Hot', min: 51, salesReady: true },
    ],
    grades: [
      { name: 'C', min: null },
      { name: 'B', min: 15 },
      { name: 'A', min: 25 },
    ],
  };
  const headers = [' industry ', 'EMPLOYEES', 'Demo', 'Unsubscribed', 'Visits'];
  const compiled = compile(model, headers);

  it('adds group totals, rounds half away from zero, and splits fit from engagement', () => {
    const result = compiled.score(['Software', 500, 'yes', '', 1]);
    expect(result.fit).toBe(25.13); // 25.125 rounds away from zero
    expect(result.engagement).toBe(22.5);
    expect(result.groupTotals).toEqual([25.13, 22.5]);
    expect(result.score).toBe(47.63); // 47.625
    expect(result.band).toBe('Warm');
    expect(result.grade).toBe('A');
  });

  it('gives the first band to a score below its minimum, and the band whose min equals the score', () => {
    expect(compiled.score(['', '', '', 'yes', '']).score).toBe(0);
    expect(compiled.score(['', '', '', 'yes', '']).band).toBe('Cold');
    expect(compiled.bandIndex(-5)).toBe(0);
    expect(compiled.bandIndex(21)).toBe(1);
    expect(compiled.bandIndex(20.99)).toBe(0);
    expect(compiled.bandIndex(51)).toBe(2);
    expect(compiled.score(['Software', 0, '', '', 0.8]).score).toBe(21); // 15 + 6
    expect(compiled.score(['Software', 0, '', '', 0.8]).band).toBe('Warm');
  });

  it('grades by the fit score, the first grade when below every minimum', () => {
    expect(compiled.score(['Retail', 10, 'yes', '', 0]).grade).toBe('C');
    expect(compiled.score(['Software', 10, '', '', 0]).grade).toBe('B');
  });

  it('has no grade when the model has no grades', () => {
    const { grades: _ignored, ...withoutGrades } = model;
    expect(compile(withoutGrades, headers).score(['Software', 500, '', '', 0]).grade).toBeUndefined();
  });

  it('lists non-zero reasons, largest magnitude first, model order on ties', () => {
    const result = compiled.score(['Software', 10, 'yes', 'yes', 2]);
    expect(result.reasons).toEqual([
      { rule: 'Unsubscribed', points: -30 },
      { rule: 'Target industry', points: 15 },
      { rule: 'Demo requested', points: 15 },
      { rule: 'Visits', points: 15 },
    ]);
    expect(formatReasons(result.reasons)).toBe(
      'Unsubscribed \u221230, Target industry +15, Demo requested +15, Visits +15',
    );
  });

  it('says when a group cap cut a rule: the points stay the rule’s own, the score the capped one (issue 16)', () => {
    const capped: Model = {
      name: 'Caps',
      settings: { asOf: AS_OF },
      groups: [
        { name: 'Fit', kind: 'fit', maxPoints: 40 },
        { name: 'Engagement', kind: 'engagement' },
      ],
      rules: [
        { name: 'Company size rating ×3', group: 'Fit', column: 'Employees', operator: 'per', points: 3 },
        { name: 'Demo', group: 'Engagement', column: 'Demo', operator: 'is true', points: 1.5 },
      ],
      bands: [{ name: 'Only', min: null }],
    };
    const scoring = compile(capped, ['Employees', 'Demo']);
    const big = scoring.score([655, true]);
    expect(big.score).toBe(41.5);
    expect(big.reasons).toEqual([
      { rule: 'Company size rating ×3', points: 1965, groupCap: 40 },
      { rule: 'Demo', points: 1.5 },
    ]);
    expect(formatReasons(big.reasons)).toBe(
      'Company size rating ×3 +1965 (its group capped to 40), Demo +1.5',
    );
    const line = scoring.explain([655, true])[0]!;
    expect(line.points).toBe(1965);
    expect(line.note).toBe('Company size rating ×3: +1965 (655 × 3); its group totals +1965, capped to 40');
    // Under the cap nothing is said.
    expect(formatReasons(scoring.score([10, false]).reasons)).toBe('Company size rating ×3 +30');
    expect(scoring.explain([10, false])[0]!.note).toBe('Company size rating ×3: +30 (10 × 3)');
  });

  it('scoreValue gives the same number as score().score', () => {
    for (const row of [
      ['Software', 500, 'yes', '', 1],
      ['', '', '', 'yes', ''],
      ['Software', 10, 'yes', 'yes', 2],
    ]) {
      expect(compiled.scoreValue(row)).toBe(compiled.score(row).score);
    }
  });
});

describe('formatReasons', () => {
  it('writes signed points with a real minus and decimals only when needed', () => {
    expect(
      formatReasons([
        { rule: 'Demo requested', points: 15 },
        { rule: 'Unsubscribed', points: -30 },
        { rule: 'Visits', points: 7.5 },
        { rule: 'Opens', points: -0.25 },
      ]),
    ).toBe('Demo requested +15, Unsubscribed \u221230, Visits +7.5, Opens \u22120.25');
    expect(formatReasons([])).toBe('');
  });
});

describe('salesReadyFlags', () => {
  const bands = (count: number, marked: number[] = []) => ({
    ...oneRule('is blank'),
    bands: Array.from({ length: count }, (_, index) => ({
      name: `B${index}`,
      min: index === 0 ? null : index * 10,
      ...(marked.includes(index) ? { salesReady: true } : {}),
    })),
  });
  it('uses the bands marked salesReady', () => {
    expect(salesReadyFlags(bands(4, [1]))).toEqual([false, true, false, false]);
  });
  it('defaults to the upper half of the bands, at least one', () => {
    expect(salesReadyFlags(bands(4))).toEqual([false, false, true, true]);
    expect(salesReadyFlags(bands(3))).toEqual([false, false, true]);
    expect(salesReadyFlags(bands(1))).toEqual([true]);
  });
});

describe('compileModel', () => {
  const model: Model = {
    name: 'M',
    groups: [
      { name: 'Web', kind: 'engagement', decay: { dateColumn: 'Last seen', percent: 10, everyDays: 30 } },
    ],
    rules: [
      { name: 'Demo', group: 'Web', column: 'Demo requested', operator: 'is true', points: 15 },
      { name: 'Old rule', group: 'Web', column: 'Gone', operator: 'is true', points: 5, enabled: false },
    ],
    bands: [{ name: 'Any', min: null }],
    outcome: { column: 'Converted', positive: ['yes'] },
  };

  it('reports a missing column, naming it and listing the headers that exist', () => {
    const result = compileModel(model, ['Name', ' Email ', '', 'Last seen']);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      {
        subject: 'rule "Demo"',
        field: 'column',
        message: 'rule "Demo": column "Demo requested" is not in the data (columns: Name, Email, Last seen)',
      },
    ]);
  });

  it("reports a missing decay date column and, when required, the outcome's", () => {
    const result = compileModel(model, ['Demo requested'], { requireOutcome: true });
    expect(result.ok ? [] : result.problems.map((problem) => problem.message)).toEqual([
      'group "Web": decay date column "Last seen" is not in the data (columns: Demo requested)',
      'outcome: outcome column "Converted" is not in the data (columns: Demo requested)',
    ]);
    expect(compileModel(model, [], {}).ok).toBe(false);
    const noHeaders = compileModel(model, []);
    expect(noHeaders.ok ? '' : noHeaders.problems[0]!.message).toContain('the data has no column headers');
  });

  it('needs no column for a turned-off rule, which never counts or matches', () => {
    const compiled = compile(model, ['demo requested', 'last seen']);
    expect(compiled.score([true, '']).score).toBe(15);
    expect(compiled.matches([true, ''])).toEqual([true, false]);
    expect(compiled.outcome([true, ''])).toBeUndefined(); // outcome column absent and not required
  });

  it('returns the validation problems of an invalid model', () => {
    const result = compileModel({ ...model, bands: [] }, ['Demo requested', 'Last seen']);
    expect(result.ok ? [] : result.problems.map((problem) => problem.message)).toEqual([
      'model: bands must list at least one band',
    ]);
  });

  it('refuses an unknown time zone and an invalid asOf option', () => {
    const headers = ['Demo requested', 'Last seen'];
    const zone = compileModel(model, headers, { timeZone: 'Nowhere/Else' });
    expect(zone.ok ? '' : zone.problems[0]!.message).toBe('settings: time zone "Nowhere/Else" is not known');
    const asOf = compileModel(model, headers, { asOf: '2026-02-31' });
    expect(asOf.ok ? '' : asOf.problems[0]!.message).toBe(
      'settings: asOf must be a real date written YYYY-MM-DD, got "2026-02-31"',
    );
  });

  it('takes asOf from the options, else the model, else today in the time zone', () => {
    const headers = ['Demo requested', 'Last seen'];
    const withAsOf: Model = { ...model, settings: { asOf: '2026-01-10' } };
    expect(formatDay(compile(withAsOf, headers, { asOf: '2026-03-01' }).asOfDay)).toBe('2026-03-01');
    expect(formatDay(compile(withAsOf, headers, { now: new Date('2030-01-01') }).asOfDay)).toBe('2026-01-10');
    const now = new Date('2026-05-01T02:00:00Z'); // still April 30 in Los Angeles
    expect(formatDay(compile(model, headers, { now }).asOfDay)).toBe('2026-05-01');
    expect(formatDay(compile(model, headers, { now, timeZone: 'America/Los_Angeles' }).asOfDay)).toBe(
      '2026-04-30',
    );
  });

  it('reads outcomes by the contract', () => {
    const withNegative: Model = {
      ...model,
      outcome: { column: 'Converted', positive: ['yes'], negative: ['no'] },
    };
    const headers = ['Demo requested', 'Last seen', 'Converted'];
    const open = compile(withNegative, headers, { requireOutcome: true });
    expect(open.outcome([true, '', 'Yes'])).toBe('converted');
    expect(open.outcome([true, '', 'no'])).toBe('not converted');
    expect(open.outcome([true, '', ''])).toBe('open');
    const closed = compile(model, headers);
    expect(closed.outcome([true, '', ''])).toBe('not converted');
    const { outcome: _ignored, ...withoutOutcome } = model;
    expect(compile(withoutOutcome, headers).outcome([true, '', 'yes'])).toBeUndefined();
  });

  it('keeps the first of two columns with the same header', () => {
    const compiled = compile(model, ['Demo requested', 'DEMO REQUESTED', 'Last seen']);
    expect(compiled.score([false, true, '']).score).toBe(0);
  });
});

function formatDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

describe('rows that are odd never throw', () => {
  const model: Model = {
    ...oneRule('per', undefined, { points: 2 }, { decay: { dateColumn: 'D', percent: 50, everyDays: 1 } }),
    rules: [
      { name: 'Per', group: 'G', column: 'C', operator: 'per', points: 2 },
      { name: 'Text', group: 'G', column: 'C', operator: 'contains', value: 'a', points: 1 },
      { name: 'Days', group: 'G', column: 'D', operator: 'within days', value: 3, points: 1 },
    ],
  };
  const compiled = compile(model, ['C', 'D']);
  const hostile = {
    toString() {
      throw new Error('boom');
    },
    valueOf() {
      throw new Error('boom');
    },
  };
  const oddRows: unknown[] = [
    [],
    [undefined],
    [hostile, hostile],
    [Object.create(null), [1, 2]],
    [Number.NaN, new Date(Number.NaN)],
    [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY],
    ['x'.repeat(1_000_000), `2026-06-30${'9'.repeat(100_000)}`],
    [1e308, '2026-06-30'],
    [Symbol('s'), 10n],
    null,
    undefined,
    'not a row',
  ];

  it.each(oddRows.map((row, index) => [index, row]))('row %i', (_index, row) => {
    const cells = row as unknown[];
    expect(() => compiled.score(cells)).not.toThrow();
    expect(() => compiled.scoreValue(cells)).not.toThrow();
    expect(() => compiled.matches(cells)).not.toThrow();
    expect(() => compiled.explain(cells)).not.toThrow();
    expect(() => compiled.outcome(cells)).not.toThrow();
    expect(Number.isFinite(compiled.score(cells).score)).toBe(true);
  });

  it('treats a short row as blank cells', () => {
    expect(compiled.score([]).score).toBe(0);
    expect(compiled.explain([]).map((line) => line.note)).toEqual([
      'Per: C is blank',
      'Text: C is blank',
      'Days: D is blank',
    ]);
  });
});

describe('explain', () => {
  const model: Model = {
    name: 'Explained',
    settings: { asOf: AS_OF },
    groups: [
      { name: 'Fit', kind: 'fit' },
      { name: 'Web', kind: 'engagement', decay: { dateColumn: 'Last activity', percent: 25, everyDays: 30 } },
    ],
    rules: [
      { name: 'Budget', group: 'Fit', column: 'Budget', operator: '>', value: 1000, points: 10 },
      {
        name: 'Industry',
        group: 'Fit',
        column: 'Industry',
        operator: 'one of',
        value: ['Software', 'Logistics'],
        points: 15,
      },
      { name: 'Demo requested', group: 'Web', column: 'Demo', operator: 'is true', points: 15 },
      { name: 'Visits', group: 'Web', column: 'Visits', operator: 'per', points: 5, maxPoints: 20 },
      {
        name: 'Recent',
        group: 'Fit',
        column: 'Last activity',
        operator: 'within days',
        value: 30,
        points: 5,
      },
      { name: 'Off', group: 'Fit', column: 'Budget', operator: 'is blank', points: 1, enabled: false },
    ],
    bands: [{ name: 'Any', min: null }],
  };
  const compiled = compile(model, ['Budget', 'Industry', 'Demo', 'Visits', 'Last activity']);

  it('says in plain words why each rule did or did not count', () => {
    const lines = compiled.explain(['n/a', 'Retail', 'yes', 7, '2026-06-20']);
    expect(lines).toEqual([
      { rule: 'Budget', points: 0, note: 'Budget: "n/a" is not a number' },
      { rule: 'Industry', points: 0, note: 'Industry: "Retail" is not one of "Software", "Logistics"' },
      {
        rule: 'Demo requested',
        points: 15,
        note: 'Demo requested: +15 (Demo "yes" is true, no decay yet: Last activity is 10 days old)',
      },
      {
        rule: 'Visits',
        points: 20,
        note: 'Visits: +20 (7 × 5, capped at 20, no decay yet: Last activity is 10 days old)',
      },
      { rule: 'Recent', points: 5, note: 'Recent: +5 (Last activity 2026-06-20 within 30 days)' },
      { rule: 'Off', points: 0, note: 'Off: turned off' },
    ]);
  });

  it('explains decay and comparisons', () => {
    const lines = compiled.explain([500, 'software', 'maybe', 2, '2026-04-30']);
    expect(lines.map((line) => line.note)).toEqual([
      'Budget: 500 is not more than 1,000',
      'Industry: +15 (Industry "software" is one of Software, Logistics)',
      'Demo requested: "maybe" is neither true nor false',
      'Visits: +5 (2 × 5, +10 decayed 50%: Last activity is 61 days old)',
      'Recent: 2026-04-30 is 61 days old, more than 30',
      'Off: turned off',
    ]);
  });

  it("gives the same points as the score's reasons", () => {
    const row = [5000, 'Logistics', 'y', 3, '2026-05-15'];
    const fromExplain = compiled
      .explain(row)
      .filter((line) => line.points !== 0)
      .map(({ rule, points }) => ({ rule, points }));
    const reasons = compiled.score(row).reasons;
    expect([...fromExplain].sort((a, b) => a.rule.localeCompare(b.rule))).toEqual(
      [...reasons].sort((a, b) => a.rule.localeCompare(b.rule)),
    );
  });
});

describe('scoreRows', () => {
  it('compiles once and scores every row, or returns the problems', () => {
    const model = oneRule('per', undefined, { points: 2 });
    const result = scoreRows(model, ['C'], [[1], [2], ['x']]);
    expect(result.ok && result.scores.map((score) => score.score)).toEqual([2, 4, 0]);
    expect(scoreRows(model, ['Other'], [[1]]).ok).toBe(false);
  });
});
