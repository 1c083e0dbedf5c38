// Contract v2, section by section, with the contract's own examples.
import { describe, expect, it } from 'vitest';
import { type ActivityTable, compileModel, formatReasons, type ScoringOptions } from '../../src/core/engine';
import type { Model } from '../../src/core/model';

const AS_OF = '2026-06-30';

function compile(model: Model, headers: readonly unknown[], options: ScoringOptions = {}) {
  const result = compileModel(model, headers, { asOf: AS_OF, ...options });
  if (!result.ok) throw new Error(result.problems.map((problem) => problem.message).join('\n'));
  return result.compiled;
}

function problemsOf(model: Model, headers: readonly unknown[], options: ScoringOptions = {}): string[] {
  const result = compileModel(model, headers, { asOf: AS_OF, ...options });
  return result.ok ? [] : result.problems.map((problem) => problem.message);
}

const BANDS = [
  { name: 'Cold', min: null },
  { name: 'Hot', min: 50 },
];

describe('§1 blank values', () => {
  const model: Model = {
    name: 'Blank values',
    settings: { blankValues: ['Select', 'n/a', '-'] },
    groups: [{ name: 'Fit', kind: 'fit' }],
    rules: [
      { name: 'No industry', group: 'Fit', column: 'Industry', operator: 'is blank', points: -5 },
      {
        name: 'Any industry',
        group: 'Fit',
        column: 'Industry',
        operator: 'not equals',
        value: 'Retail',
        points: 3,
      },
    ],
    bands: BANDS,
  };
  const compiled = compile(model, ['Industry']);

  it('reads a placeholder (trimmed, any case) as a blank cell', () => {
    for (const cell of ['Select', ' n/a ', 'SELECT', '-', '', null]) {
      expect(compiled.score([cell]).reasons.map((reason) => reason.rule)).toEqual([
        'No industry',
        'Any industry',
      ]);
    }
    expect(compiled.score(['Software']).score).toBe(3);
  });

  it('a v1 model without blankValues keeps reading "n/a" as text', () => {
    const v1 = compile({ ...model, settings: {} }, ['Industry']);
    expect(v1.score(['n/a']).score).toBe(3);
  });
});

describe('§2 conditions over several columns', () => {
  const model: Model = {
    name: 'No reply',
    groups: [{ name: 'Email', kind: 'engagement' }],
    rules: [
      {
        name: 'No reply 3 days after an email',
        group: 'Email',
        points: -5,
        when: {
          all: [
            { column: 'Last email sent', operator: 'older than days', value: 3 },
            { column: 'Replied', operator: 'is blank' },
          ],
        },
      },
      {
        name: 'Senior with budget',
        group: 'Email',
        points: 10,
        when: {
          all: [
            { column: 'Title', operator: 'contains', value: 'VP' },
            {
              any: [
                { column: 'Budget', operator: '>=', value: 10_000 },
                {
                  all: [
                    { column: 'Budget', operator: 'is blank' },
                    { column: 'Title', operator: 'contains', value: 'Sales' },
                  ],
                },
              ],
            },
          ],
        },
      },
    ],
    bands: BANDS,
  };
  const headers = ['Last email sent', 'Replied', 'Title', 'Budget'];
  const compiled = compile(model, headers);

  it('all: holds only when every condition holds; the rule counts once, with one reason', () => {
    expect(formatReasons(compiled.score(['2026-06-20', '', 'CEO', '']).reasons)).toBe(
      'No reply 3 days after an email \u22125',
    );
    expect(compiled.score(['2026-06-20', 'yes', 'CEO', '']).score).toBe(0);
    expect(compiled.score(['2026-06-29', '', 'CEO', '']).score).toBe(0);
    expect(compiled.score(['not a date', '', 'CEO', '']).score).toBe(0);
  });

  it('any and nested all: a blank or unreadable cell simply does not match', () => {
    expect(compiled.score(['', 'yes', 'VP Marketing', '12,000']).score).toBe(10);
    expect(compiled.score(['', 'yes', 'VP Sales', '']).score).toBe(10);
    expect(compiled.score(['', 'yes', 'VP Marketing', '']).score).toBe(0);
    expect(compiled.score(['', 'yes', 'VP Marketing', 'lots']).score).toBe(0);
  });

  it('explains what held and what did not, with the cells', () => {
    const lines = compiled.explain(['2026-06-20', '', 'VP Marketing', 12_000]).map((line) => line.note);
    expect(lines).toEqual([
      'No reply 3 days after an email: \u22125 (Last email sent 2026-06-20 older than 3 days and Replied is blank)',
      'Senior with budget: +10 (Title "VP Marketing" contains VP and (Budget 12,000 ≥ 10,000))',
    ]);
    expect(compiled.explain(['2026-06-20', 'yes', 'CEO', 5000])[0]!.note).toBe(
      'No reply 3 days after an email: Replied is "yes", needs is blank',
    );
  });

  it('a condition naming a missing column is an error naming it', () => {
    expect(problemsOf(model, ['Last email sent', 'Title', 'Budget'])[0]).toBe(
      'rule "No reply 3 days after an email": column "Replied" is not in the data (columns: Last email sent, Title, Budget)',
    );
  });
});

describe('§3 weights and §4 tiers', () => {
  const model: Model = {
    name: 'Weighted tiers',
    groups: [
      { name: 'Company size', kind: 'fit', weight: 3, match: 'first' },
      { name: 'Urgency', kind: 'fit', weight: 0.5, maxPoints: 4 },
    ],
    rules: [
      { name: 'Small', group: 'Company size', column: 'Employees', operator: '<', value: 50, points: 2 },
      {
        name: 'Mid',
        group: 'Company size',
        column: 'Employees',
        operator: 'between',
        value: [50, 250],
        points: 5,
      },
      { name: 'Large', group: 'Company size', column: 'Employees', operator: '>', value: 250, points: 9 },
      { name: 'Any size', group: 'Company size', column: 'Employees', operator: '>=', value: 0, points: 1 },
      { name: 'Urgent', group: 'Urgency', column: 'Urgency', operator: 'per', points: 2 },
    ],
    bands: BANDS,
  };
  const compiled = compile(model, ['Employees', 'Urgency']);

  it('multiplies each contribution by the weight, before the group cap', () => {
    expect(compiled.score([10, 3]).reasons).toEqual([
      { rule: 'Small', points: 6 },
      { rule: 'Urgent', points: 3 },
    ]);
    expect(compiled.score([10, 10]).groupTotals).toEqual([6, 4]);
  });

  it('counts only the first matching level of a tier group', () => {
    expect(compiled.score([100, '']).score).toBe(15);
    expect(compiled.score([1000, '']).score).toBe(27);
    expect(compiled.matches([1000, ''])).toEqual([false, false, true, false, false]);
    const notes = compiled.explain([1000, '']).map((line) => line.note);
    expect(notes[2]).toBe('Large: +27 (Employees 1,000 > 250, +9 × weight 3)');
    expect(notes[3]).toBe(
      'Any size: 0 (it matched, but "Large" comes first in Company size, which counts only its first match)',
    );
  });
});

describe('§5 override', () => {
  const model: Model = {
    name: 'Override',
    settings: { minScore: 0, maxScore: 100, overrideColumn: 'Manual score', blankValues: ['n/a'] },
    groups: [{ name: 'Fit', kind: 'fit' }],
    rules: [{ name: 'Budget', group: 'Fit', column: 'Budget', operator: 'per', points: 1 }],
    bands: BANDS,
    grades: [
      { name: 'B', min: null },
      { name: 'A', min: 40 },
    ],
  };
  const compiled = compile(model, ['Budget', 'Manual score']);

  it('replaces the score (bounded and rounded), the band follows; fit and grade stay the model’s', () => {
    const result = compiled.score([42, '75']);
    expect(result).toMatchObject({ score: 75, band: 'Hot', fit: 42, grade: 'A', modelScore: 42 });
    expect(formatReasons(result.reasons)).toBe('Manual override 75 (model 42), Budget +42');
    expect(compiled.score([42, 250]).score).toBe(100);
    expect(compiled.scoreValue([42, 75.555])).toBe(75.56);
  });

  it('a blank, a blank value or text that is not a number leaves the model’s score', () => {
    for (const cell of ['', 'n/a', 'later']) {
      const result = compiled.score([42, cell]);
      expect(result.score).toBe(42);
      expect(result.modelScore).toBeUndefined();
    }
  });

  it('explain starts with the override', () => {
    expect(compiled.explain([42, 75])[0]!.note).toBe(
      'Manual override 75 (model 42): Manual score replaces the score (+33)',
    );
  });
});

describe('§6 event rules', () => {
  const model: Model = {
    name: 'Events',
    settings: { blankValues: ['n/a'] },
    activities: { leadKey: 'Email', activityKey: 'Lead email', typeColumn: 'Activity', dateColumn: 'Date' },
    groups: [
      { name: 'Web', kind: 'engagement' },
      {
        name: 'Email',
        kind: 'engagement',
        decay: { dateColumn: 'Last activity', percent: 50, everyDays: 10 },
      },
    ],
    rules: [
      {
        name: 'Pricing page 3+ times in a week',
        group: 'Web',
        event: 'Visited pricing page',
        withinDays: 7,
        operator: '>=',
        value: 3,
        points: 15,
      },
      {
        name: 'Email opens (30 days)',
        group: 'Email',
        event: ['Email opened', 'Opened email'],
        withinDays: 30,
        operator: 'per',
        points: 3,
        maxPoints: 15,
      },
      {
        name: 'Pricing visits from ads',
        group: 'Web',
        event: 'Page view',
        where: { all: [{ column: 'URL', operator: 'contains', value: '/pricing' }] },
        operator: 'per',
        points: 2,
      },
      {
        name: 'Opened but never clicked',
        group: 'Email',
        event: 'Email clicked',
        operator: 'equals',
        value: 0,
        points: -2,
      },
    ],
    bands: BANDS,
  };
  const headers = ['Email', 'Last activity'];
  const activities: ActivityTable = {
    headers: ['Lead email', 'Activity', 'Date', 'URL'],
    rows: [
      ['ann@a.com', 'Visited pricing page', '2026-06-29', ''],
      ['ANN@a.com ', 'visited pricing page', '2026-06-25', ''],
      ['ann@a.com', 'Visited pricing page', '2026-06-24', ''],
      ['ann@a.com', 'Visited pricing page', '2026-06-20', ''], // 10 days: outside the week
      ['ann@a.com', 'Visited pricing page', '2026-07-02', ''], // after asOf: never counts
      ['ann@a.com', 'Email opened', '2026-06-30', ''], // age 0: full
      ['ann@a.com', 'Opened email', '2026-06-15', ''], // age 15: half
      ['ann@a.com', 'Email opened', 'n/a', ''], // no date
      ['ann@a.com', 'Page view', '2026-06-01', 'https://x.com/pricing?utm=ads'],
      ['ann@a.com', 'Page view', '2026-06-01', 'https://x.com/blog'],
      ['bob@b.com', 'Email clicked', '2026-06-01', ''],
      ['n/a', 'Email opened', '2026-06-30', ''], // a blank key matches nothing
      ['', 'Email opened', '2026-06-30', ''],
    ],
  };
  const compiled = compile(model, headers, { activities });

  it('counts a lead’s events by type, window and where; keys are compared as text', () => {
    const result = compiled.score(['ann@a.com', '']);
    expect(result.reasons).toEqual([
      { rule: 'Pricing page 3+ times in a week', points: 15 },
      { rule: 'Email opens (30 days)', points: 4.5 },
      { rule: 'Pricing visits from ads', points: 2 },
      { rule: 'Opened but never clicked', points: -2 },
    ]);
  });

  it('a lead with no events has count 0; a blank key matches nothing', () => {
    expect(compiled.score(['carl@c.com', '']).reasons).toEqual([
      { rule: 'Opened but never clicked', points: -2 },
    ]);
    expect(compiled.score(['bob@b.com', '']).score).toBe(0);
    expect(compiled.score(['n/a', '']).reasons).toEqual([{ rule: 'Opened but never clicked', points: -2 }]);
  });

  it('the group’s decay date column is not used for event rules', () => {
    expect(compiled.score(['ann@a.com', '2020-01-01']).score).toBe(19.5);
  });

  it('explains counts in plain words', () => {
    const notes = compiled.explain(['ann@a.com', '']).map((line) => line.note);
    expect(notes).toEqual([
      'Pricing page 3+ times in a week: +15 (3 "Visited pricing page" in 7 days ≥ 3)',
      'Email opens (30 days): +4.5 (2 "Email opened" or "Opened email" in 30 days, 1.5 after decay × 3)',
      'Pricing visits from ads: +2 (1 "Page view" where URL contains /pricing × 2)',
      'Opened but never clicked: \u22122 (no "Email clicked" = 0)',
    ]);
    expect(compiled.explain(['bob@b.com', ''])[0]!.note).toBe(
      'Pricing page 3+ times in a week: no "Visited pricing page" in 7 days, needs ≥ 3',
    );
  });

  it('scoring without the activity table, or with one that lacks a column, is an error naming it', () => {
    expect(problemsOf(model, headers)).toEqual([
      'activities: the model counts events, but no activity table was given (give the activity range, sheet or file, with its header row)',
    ]);
    expect(
      problemsOf(model, headers, { activities: { headers: ['Lead email', 'Date', 'URL'], rows: [] } }),
    ).toEqual([
      'activities: column "Activity" is not in the activity table (columns: Lead email, Date, URL)',
    ]);
    expect(
      problemsOf(model, headers, { activities: { headers: ['Lead email', 'Activity', 'Date'], rows: [] } }),
    ).toEqual([
      'rule "Pricing visits from ads": column "URL" is not in the activity table (columns: Lead email, Activity, Date)',
    ]);
    expect(problemsOf(model, ['Name', 'Last activity'], { activities })).toEqual([
      'activities: lead key column "Email" is not in the data (columns: Name, Last activity)',
    ]);
  });

  it('turned-off event rules need no activity table', () => {
    const off: Model = { ...model, rules: model.rules.map((rule) => ({ ...rule, enabled: false })) };
    expect(problemsOf(off, headers)).toEqual([]);
  });
});

describe('issue 8 smaller breaks', () => {
  it('a 0% decay with a tiny period decays nothing (no NaN, the group counts)', () => {
    const model: Model = {
      name: 'Tiny period',
      groups: [
        { name: 'Web', kind: 'engagement', decay: { dateColumn: 'Date', percent: 0, everyDays: 1e-300 } },
      ],
      rules: [{ name: 'Visits', group: 'Web', column: 'Visits', operator: 'per', points: 5 }],
      bands: BANDS,
    };
    expect(compile(model, ['Visits', 'Date']).score([2, '2026-01-01']).score).toBe(10);
    const fading = {
      ...model,
      groups: [{ ...model.groups[0]!, decay: { dateColumn: 'Date', percent: 10, everyDays: 1e-300 } }],
    };
    expect(compile(fading, ['Visits', 'Date']).score([2, '2026-01-01']).score).toBe(0);
  });

  it('a bound with more than 2 decimals is never left by rounding', () => {
    const model: Model = {
      name: 'Bounds',
      settings: { minScore: 0.005, maxScore: 99.995 },
      groups: [{ name: 'Fit', kind: 'fit' }],
      rules: [{ name: 'N', group: 'Fit', column: 'N', operator: 'per', points: 1 }],
      bands: BANDS,
    };
    const compiled = compile(model, ['N']);
    expect(compiled.score([1000]).score).toBe(99.99);
    expect(compiled.score([-5]).score).toBe(0.01);
  });

  it('scores of 5,000,000 and more round to the nearest hundredth', () => {
    const model: Model = {
      name: 'Big',
      groups: [{ name: 'Fit', kind: 'fit' }],
      rules: [{ name: 'N', group: 'Fit', column: 'N', operator: 'per', points: 1 }],
      bands: BANDS,
    };
    const compiled = compile(model, ['N']);
    expect(compiled.score([5_000_000.001]).score).toBe(5_000_000);
    expect(compiled.score([12_345_678.9]).score).toBe(12_345_678.9);
  });

  it('the largest JS Date does not throw in a non-UTC zone', () => {
    const model: Model = {
      name: 'Dates',
      groups: [{ name: 'Web', kind: 'engagement' }],
      rules: [
        { name: 'Recent', group: 'Web', column: 'Date', operator: 'within days', value: 30, points: 5 },
      ],
      bands: BANDS,
    };
    const compiled = compile(model, ['Date'], { timeZone: 'America/New_York' });
    for (const ms of [8.64e15, -8.64e15]) {
      expect(() => compiled.score([new Date(ms)])).not.toThrow();
      expect(() => compiled.explain([new Date(ms)])).not.toThrow();
    }
  });

  it('dayOfDate, when given, reads Dates instead of Intl; one that throws reads as no date', () => {
    const model: Model = {
      name: 'Dates',
      groups: [{ name: 'Web', kind: 'engagement' }],
      rules: [{ name: 'Today', group: 'Web', column: 'Date', operator: 'within days', value: 0, points: 5 }],
      bands: BANDS,
    };
    const june30 = 20_634; // days from 1970-01-01 to 2026-06-30
    const fixed = compile(model, ['Date'], { dayOfDate: () => june30 });
    expect(fixed.score([new Date('2000-01-01T00:00:00Z')]).score).toBe(5);
    const throwing = compile(model, ['Date'], {
      dayOfDate: () => {
        throw new Error('no Utilities');
      },
    });
    expect(throwing.score([new Date()]).score).toBe(0);
  });
});
