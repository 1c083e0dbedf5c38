// Validation of every v2 key, in the v1 style: every problem listed, each naming the rule, group or setting and the field.
import { describe, expect, it } from 'vitest';
import { parseModel } from '../../src/core/validate';

const base = () => ({
  name: 'V2',
  settings: {} as Record<string, unknown>,
  activities: {
    leadKey: 'Email',
    activityKey: 'Lead email',
    typeColumn: 'Activity',
    dateColumn: 'Date',
  } as unknown,
  groups: [{ name: 'Web', kind: 'engagement' }] as Record<string, unknown>[],
  rules: [] as Record<string, unknown>[],
  bands: [{ name: 'Cold', min: null }],
});

function problems(edit: (model: ReturnType<typeof base>) => void): { field?: string; message: string }[] {
  const model = base();
  edit(model);
  const result = parseModel(model);
  return result.ok ? [] : result.problems.map(({ field, message }) => ({ field, message }));
}

const messages = (edit: (model: ReturnType<typeof base>) => void) => problems(edit).map((p) => p.message);

const condition = { column: 'Title', operator: 'contains', value: 'VP' };

describe('v2 validation', () => {
  it('accepts the contract’s examples and keeps their keys', () => {
    const model = base();
    model.settings = { blankValues: ['Select', 'n/a', '-'], overrideColumn: 'Manual score' };
    model.groups = [{ name: 'Web', kind: 'engagement', weight: 2.5, match: 'First' }];
    model.rules = [
      {
        name: 'No reply',
        group: 'Web',
        points: -5,
        when: {
          all: [
            { column: 'Last email sent', operator: 'older than days', value: 3 },
            { column: 'Replied', operator: 'is blank' },
          ],
        },
      },
      {
        name: 'Pricing',
        group: 'Web',
        event: 'Visited pricing page',
        withinDays: 7,
        operator: '>=',
        value: 3,
        points: 15,
      },
      {
        name: 'Opens',
        group: 'Web',
        event: ['Email opened', 'Opened email'],
        withinDays: 30,
        operator: 'per',
        points: 3,
        maxPoints: 15,
      },
      {
        name: 'Ads',
        group: 'Web',
        event: 'Page view',
        where: { all: [{ column: 'URL', operator: 'contains', value: '/pricing' }] },
        operator: 'per',
        points: 2,
      },
    ];
    const result = parseModel(model);
    expect(result.ok ? [] : result.problems).toEqual([]);
    if (!result.ok) return;
    expect(result.model.groups[0]).toEqual({ name: 'Web', kind: 'engagement', weight: 2.5, match: 'first' });
    expect(result.model.rules[1]).toEqual(model.rules[1]);
    expect(result.model.settings).toEqual(model.settings);
    expect(parseModel(result.model)).toEqual(result);
  });

  it('a rule has column, when or event, only one of them', () => {
    expect(
      messages((model) => {
        model.rules = [
          {
            name: 'Both',
            group: 'Web',
            column: 'Title',
            operator: 'is blank',
            when: { all: [condition] },
            points: 1,
          },
        ];
      }),
    ).toEqual([
      'rule "Both": a rule reads a column, a condition (when) or events (event), only one of them: this one gives column and when',
    ]);
    expect(
      problems((model) => {
        model.rules = [
          { name: 'Both', group: 'Web', column: 'Title', operator: 'per', event: 'Visit', points: 1 },
        ];
      })[0]?.field,
    ).toBe('event');
  });

  it('nesting deeper than 3 levels, empty lists, per inside a condition, unknown keys', () => {
    const deep = { all: [{ any: [{ all: [{ any: [condition] }] }] }] };
    expect(
      messages((model) => {
        model.rules = [
          { name: 'Deep', group: 'Web', points: 1, when: deep },
          { name: 'Empty', group: 'Web', points: 1, when: { any: [] } },
          { name: 'Per', group: 'Web', points: 1, when: { all: [{ column: 'Visits', operator: 'per' }] } },
          {
            name: 'Odd',
            group: 'Web',
            points: 1,
            when: { all: [{ column: 'A', operator: 'is blank', colour: 'red' }] },
          },
          { name: 'Shape', group: 'Web', points: 1, when: { every: [condition] } },
          { name: 'Operator too', group: 'Web', points: 1, operator: 'is blank', when: { all: [condition] } },
        ];
      }),
    ).toEqual([
      'rule "Deep": conditions nest at most 3 levels of all/any deep',
      'rule "Empty": when.any must list at least one condition',
      'rule "Per": condition when.all[1]: "per" counts points per unit, so it cannot be a condition; use it in a rule of its own',
      'rule "Odd": condition when.all[1]: unknown key "colour" (allowed keys: column, operator, value)',
      'rule "Shape": when must be { "all": [...] } or { "any": [...] }, got the keys "every"',
      'rule "Operator too": operator must be left empty in a rule with when: each condition has its own',
    ]);
  });

  it('a condition’s value is checked as a v1 rule’s, with the field that holds it', () => {
    expect(
      problems((model) => {
        model.rules = [
          {
            name: 'Budget',
            group: 'Web',
            points: 1,
            when: { any: [condition, { column: 'Budget', operator: '>=' }] },
          },
        ];
      }),
    ).toEqual([
      {
        field: 'when.any[2].value',
        message: 'rule "Budget": condition when.any[2]: value is missing: ">=" needs a number',
      },
    ]);
  });

  it('event rules: activities needed, operators that apply to a count, windows, types', () => {
    expect(
      messages((model) => {
        model.activities = undefined;
        model.rules = [{ name: 'Visits', group: 'Web', event: 'Visit', operator: 'per', points: 1 }];
      }),
    ).toEqual([
      'rule "Visits": a rule that counts events needs the model’s activities setting (leadKey, activityKey, typeColumn, dateColumn)',
    ]);
    expect(
      messages((model) => {
        model.rules = [
          { name: 'True', group: 'Web', event: 'Visit', operator: 'is true', points: 1 },
          { name: 'Window', group: 'Web', event: 'Visit', withinDays: -1, operator: 'per', points: 1 },
          { name: 'No types', group: 'Web', event: [], operator: 'per', points: 1 },
          { name: 'Count', group: 'Web', event: 'Visit', operator: 'equals', value: 'none', points: 1 },
          { name: 'Where', group: 'Web', column: 'A', operator: 'is blank', withinDays: 3, points: 1 },
        ];
      }),
    ).toEqual([
      'rule "True": operator "is true" does not apply to a count of events; use one of: "per", ">", ">=", "<", "<=", "equals", "not equals", "between"',
      'rule "Window": withinDays must be a whole number of days, 0 or more, got -1',
      'rule "No types": event must list at least one event type',
      'rule "Count": value must be a whole number of events, got "none"',
      'rule "Where": withinDays is only for a rule that counts events (event)',
    ]);
  });

  it('groups: negative weight, unknown match; settings and activities fields', () => {
    expect(
      problems((model) => {
        model.groups = [{ name: 'Web', kind: 'engagement', weight: -1, match: 'best' }];
        model.settings = { blankValues: ['n/a', ''], overrideColumn: 7 };
        model.activities = { leadKey: 'Email', typeColumn: '', dateColumn: 'Date', extra: 1 };
      }),
    ).toEqual([
      { field: 'blankValues', message: 'settings: blankValues item 2 must not be empty' },
      { field: 'overrideColumn', message: 'settings: overrideColumn must be text, got 7' },
      { field: 'weight', message: 'group "Web": weight must be a number, 0 or more, got -1' },
      { field: 'match', message: 'group "Web": match must be "all" or "first", got "best"' },
      {
        field: 'extra',
        message:
          'activities: unknown key "extra" (allowed keys: leadKey, activityKey, typeColumn, dateColumn)',
      },
      { field: 'activityKey', message: 'activities: activityKey is missing' },
      { field: 'typeColumn', message: 'activities: typeColumn must not be empty' },
    ]);
  });
});
