import { describe, expect, it } from 'vitest';
import { OPERATORS } from '../../src/core/model';
import { parseModel } from '../../src/core/validate';

/** The contract's example model, as JSON would give it. */
function exampleModel(): Record<string, unknown> {
  return {
    name: 'B2B starter',
    settings: { minScore: 0, maxScore: 100, asOf: '2026-06-30' },
    groups: [
      { name: 'Company fit', kind: 'fit', maxPoints: 40 },
      {
        name: 'Web activity',
        kind: 'engagement',
        maxPoints: 45,
        decay: { dateColumn: 'Last activity', percent: 25, everyDays: 30 },
      },
    ],
    rules: [
      {
        name: 'Visited pricing page',
        group: 'Web activity',
        column: 'Pricing page visits',
        operator: 'per',
        points: 5,
        maxPoints: 20,
      },
      {
        name: 'Target industry',
        group: 'Company fit',
        column: 'Industry',
        operator: 'one of',
        value: ['Software', 'Logistics'],
        points: 15,
      },
    ],
    bands: [
      { name: 'Cold', min: null },
      { name: 'Warm', min: 21 },
      { name: 'Hot', min: 51, salesReady: true },
      { name: 'Very hot', min: 81, salesReady: true },
    ],
    grades: [
      { name: 'D', min: null },
      { name: 'C', min: 10 },
      { name: 'B', min: 25 },
      { name: 'A', min: 40 },
    ],
    outcome: { column: 'Converted', positive: ['1', 'yes', 'won'], negative: ['0', 'no', 'lost'] },
  };
}

type Json = Record<string, unknown>;
const rulesOf = (model: Json) => model.rules as Json[];
const groupsOf = (model: Json) => model.groups as Json[];
const bandsOf = (model: Json) => model.bands as Json[];

function messagesFor(mutate: (model: Json) => void): string[] {
  const model = exampleModel();
  mutate(model);
  const result = parseModel(model);
  if (result.ok) return [];
  return result.problems.map((problem) => problem.message);
}

describe('parseModel: valid models', () => {
  it('accepts the contract example and returns an equal model', () => {
    const result = parseModel(exampleModel());
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.model).toEqual(exampleModel());
  });

  it('does not change its input', () => {
    const input = exampleModel();
    rulesOf(input)[0]!.maxPoints = null;
    const before = JSON.stringify(input);
    parseModel(input);
    expect(JSON.stringify(input)).toBe(before);
  });

  it('normalises optional nulls to absent keys', () => {
    const input = exampleModel();
    input.settings = { minScore: null, maxScore: null, asOf: null };
    groupsOf(input)[0]!.maxPoints = null;
    groupsOf(input)[1]!.decay = null;
    rulesOf(input)[0]!.maxPoints = null;
    rulesOf(input)[0]!.value = null;
    rulesOf(input)[0]!.enabled = null;
    bandsOf(input)[2]!.salesReady = null;
    input.grades = null;
    input.outcome = null;
    const result = parseModel(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { model } = result;
    expect(model.settings).toEqual({});
    expect('maxPoints' in model.groups[0]!).toBe(false);
    expect('decay' in model.groups[1]!).toBe(false);
    expect(Object.keys(model.rules[0]!).sort()).toEqual(['column', 'group', 'name', 'operator', 'points']);
    expect('salesReady' in model.bands[2]!).toBe(false);
    expect('grades' in model).toBe(false);
    expect('outcome' in model).toBe(false);
  });

  it('accepts a minimal model with one band and no rules', () => {
    const result = parseModel({ name: 'Empty', groups: [], rules: [], bands: [{ name: 'All', min: null }] });
    expect(result.ok).toBe(true);
  });

  it('lets the first band leave min out', () => {
    const result = parseModel({
      name: 'M',
      groups: [],
      rules: [],
      bands: [{ name: 'All' }, { name: 'Top', min: 5 }],
    });
    expect(result.ok && result.model.bands[0]!.min).toBe(null);
  });

  it('reads operators and kinds typed with other capitals and spaces', () => {
    const result = parseModel({
      ...exampleModel(),
      groups: [{ name: 'Fit', kind: ' Fit ' }],
      rules: [{ name: 'R', group: 'fit', column: 'C', operator: 'One  Of', value: ['a'], points: 1 }],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.model.groups[0]!.kind).toBe('fit');
    expect(result.model.rules[0]!.operator).toBe('one of');
    expect(result.model.rules[0]!.group).toBe('Fit'); // the group's own spelling
  });

  it('reads outcome numbers and booleans as the text a cell would show', () => {
    const result = parseModel({
      ...exampleModel(),
      outcome: { column: 'Won', positive: [1, true], negative: [0] },
    });
    expect(result.ok && result.model.outcome).toEqual({
      column: 'Won',
      positive: ['1', 'true'],
      negative: ['0'],
    });
  });

  it('accepts every operator with a value of the right shape', () => {
    const valueFor: Record<string, unknown> = {
      equals: 'x',
      'not equals': 3,
      'one of': ['a', 2],
      'not one of': ['a'],
      contains: 'x',
      'contains any': ['x', 'y'],
      'not contains': 'x',
      '>': 1,
      '>=': 1,
      '<': 1,
      '<=': -1.5,
      between: [1, 1],
      'within days': 0,
      'older than days': 30,
    };
    const rules = OPERATORS.map((operator, index) => ({
      name: `R${index}`,
      group: 'Company fit',
      column: 'C',
      operator,
      value: valueFor[operator],
      points: 1,
    }));
    const result = parseModel({ ...exampleModel(), rules });
    expect(result.ok ? [] : result.problems).toEqual([]);
  });
});

describe('parseModel: refused models', () => {
  it('refuses something that is not a model', () => {
    for (const input of [null, undefined, 'model', 42, [], new Date()]) {
      const result = parseModel(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems[0]!.subject).toBe('model');
    }
  });

  it('refuses a numeric string where a number belongs, naming rule and field', () => {
    const model = exampleModel();
    rulesOf(model)[0]!.points = '10';
    const result = parseModel(model);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      {
        subject: 'rule "Visited pricing page"',
        field: 'points',
        message: 'rule "Visited pricing page": points must be a number, got "10"',
      },
    ]);
  });

  it('lists every problem at once', () => {
    const messages = messagesFor((model) => {
      rulesOf(model)[0]!.points = 'ten';
      rulesOf(model)[1]!.group = 'Web';
      model.bands = [
        { name: 'Cold', min: null },
        { name: 'Very hot', min: 81 },
        { name: 'Hot', min: 51 },
      ];
    });
    expect(messages).toEqual([
      'rule "Visited pricing page": points must be a number, got "ten"',
      'rule "Target industry": group "Web" does not exist (groups: Company fit, Web activity)',
      'bands must ascend: "Hot" (51) after "Very hot" (81)',
    ]);
  });

  it('refuses unknown keys, listing the allowed ones', () => {
    expect(messagesFor((model) => (model.version = 1))).toEqual([
      'model: unknown key "version" (allowed keys: name, settings, groups, rules, bands, grades, engagementLevels, outcome, activities)',
    ]);
    expect(messagesFor((model) => (rulesOf(model)[1]!.pionts = 3))[0]).toMatch(
      /^rule "Target industry": unknown key "pionts" \(allowed keys: name, group, column/,
    );
    expect(messagesFor((model) => ((groupsOf(model)[1]!.decay as Json).days = 3))[0]).toMatch(
      /^group "Web activity": decay unknown key "days"/,
    );
  });

  it('refuses missing and empty names', () => {
    expect(messagesFor((model) => delete model.name)).toEqual(['model: name is missing']);
    expect(messagesFor((model) => (rulesOf(model)[0]!.name = '  '))).toEqual([
      'rule 1: name must not be empty',
    ]);
    expect(messagesFor((model) => (groupsOf(model)[0]!.name = 5))).toContain(
      'group 1: name must be text, got 5',
    );
  });

  it('refuses duplicate names of rules, groups and bands (ignoring case)', () => {
    expect(messagesFor((model) => (rulesOf(model)[1]!.name = 'visited PRICING page'))).toEqual([
      'rule "visited PRICING page": the name is used by more than one rule (rules 1 and 2)',
    ]);
    expect(messagesFor((model) => (groupsOf(model)[1]!.name = 'Company fit'))).toContain(
      'group "Company fit": the name is used by more than one group (groups 1 and 2)',
    );
    expect(messagesFor((model) => (bandsOf(model)[3]!.name = 'Hot'))).toEqual([
      'band "Hot": the name is used by more than one band (bands 3 and 4)',
    ]);
  });

  it('refuses an unknown operator, listing the valid ones', () => {
    const [message] = messagesFor((model) => (rulesOf(model)[1]!.operator = 'like'));
    expect(message).toMatch(/^rule "Target industry": operator "like" is not known; use one of: "equals", /);
    for (const operator of OPERATORS) expect(message).toContain(`"${operator}"`);
  });

  it('refuses a value of the wrong shape for its operator', () => {
    const problemWith = (operator: string, value: unknown) =>
      messagesFor((model) => Object.assign(rulesOf(model)[1]!, { operator, value }));
    expect(problemWith('one of', 'Software')).toEqual([
      'rule "Target industry": value must be a list, got "Software"',
    ]);
    expect(problemWith('one of', [])).toEqual(['rule "Target industry": value must list at least one item']);
    expect(problemWith('one of', ['a', ''])).toEqual([
      'rule "Target industry": value item 2 must not be empty',
    ]);
    expect(problemWith('contains any', ['a', { x: 1 }])).toEqual([
      'rule "Target industry": value item 2 must be text or a number, got a set of keys',
    ]);
    expect(problemWith('equals', undefined)).toEqual([
      'rule "Target industry": value is missing: "equals" needs text or a number',
    ]);
    expect(problemWith('equals', '')[0]).toMatch(
      /value must not be empty \(to find blank cells, use "is blank"\)/,
    );
    expect(problemWith('equals', true)).toEqual([
      'rule "Target industry": value must be text or a number, got true',
    ]);
    expect(problemWith('contains', ['a'])).toEqual([
      'rule "Target industry": value must be text, got a list',
    ]);
    expect(problemWith('>', '10')).toEqual(['rule "Target industry": value must be a number, got "10"']);
    const rangeShape =
      'rule "Target industry": value must be two numbers [min, max] with min no more than max';
    expect(problemWith('between', [10, 5])).toEqual([`${rangeShape}, got [10, 5]`]);
    expect(problemWith('between', [1])).toEqual([`${rangeShape}, got a list`]);
    expect(problemWith('between', ['1', 2])).toEqual([`${rangeShape}, got ["1", 2]`]);
    expect(problemWith('within days', -1)).toEqual([
      'rule "Target industry": value must be a whole number of days, 0 or more, got -1',
    ]);
    expect(problemWith('older than days', 2.5)).toHaveLength(1);
    expect(problemWith('is blank', 'x')).toEqual([
      'rule "Target industry": value must be left empty: "is blank" takes no value, got "x"',
    ]);
    expect(problemWith('per', 3)).toHaveLength(1);
  });

  it('refuses non-finite numbers and non-boolean switches', () => {
    expect(messagesFor((model) => (rulesOf(model)[0]!.maxPoints = Number.POSITIVE_INFINITY))).toEqual([
      'rule "Visited pricing page": maxPoints must be a number, got an invalid number',
    ]);
    expect(messagesFor((model) => (rulesOf(model)[0]!.enabled = 'yes'))).toEqual([
      'rule "Visited pricing page": enabled must be true or false, got "yes"',
    ]);
    expect(messagesFor((model) => (bandsOf(model)[2]!.salesReady = 1))).toEqual([
      'band "Hot": salesReady must be true or false, got 1',
    ]);
  });

  it('checks decay: percent 0–100 and everyDays above 0', () => {
    const decayOf = (model: Json) => groupsOf(model)[1]!.decay as Json;
    expect(messagesFor((model) => (decayOf(model).percent = 150))).toEqual([
      'group "Web activity": decay percent must be a number from 0 to 100, got 150',
    ]);
    expect(messagesFor((model) => (decayOf(model).everyDays = 0))).toEqual([
      'group "Web activity": decay everyDays must be a number of days above 0, got 0',
    ]);
    expect(messagesFor((model) => delete decayOf(model).dateColumn)).toEqual([
      'group "Web activity": decay dateColumn is missing',
    ]);
    expect(messagesFor((model) => (decayOf(model).percent = 0))).toEqual([]);
    expect(messagesFor((model) => (decayOf(model).percent = 100))).toEqual([]);
  });

  it('checks settings: minScore ≤ maxScore and a real asOf date', () => {
    expect(messagesFor((model) => (model.settings = { minScore: 50, maxScore: 10 }))).toEqual([
      'settings: minScore (50) must not be more than maxScore (10)',
    ]);
    expect(messagesFor((model) => (model.settings = { asOf: '2026-02-30' }))).toEqual([
      'settings: asOf must be a real date written YYYY-MM-DD, got "2026-02-30"',
    ]);
    expect(messagesFor((model) => (model.settings = { asOf: '2026-06-30T00:00' }))).toHaveLength(1);
    const [problem] = (
      parseModel({ ...exampleModel(), settings: { maxScore: '100' } }) as { problems: unknown[] }
    ).problems;
    expect(problem).toEqual({
      subject: 'settings',
      field: 'maxScore',
      message: 'settings: maxScore must be a number, got "100"',
    });
  });

  it('says once that groups are missing, not once per rule', () => {
    expect(messagesFor((model) => delete model.groups)).toEqual(['model: groups is missing']);
  });

  it('checks group kind', () => {
    expect(messagesFor((model) => (groupsOf(model)[0]!.kind = 'company'))).toEqual([
      'group "Company fit": kind must be "fit" or "engagement", got "company"',
    ]);
  });

  it('checks bands: at least one, numbers after the first, ascending', () => {
    expect(messagesFor((model) => (model.bands = []))).toEqual(['model: bands must list at least one band']);
    expect(messagesFor((model) => delete model.bands)).toEqual(['model: bands is missing']);
    expect(messagesFor((model) => (bandsOf(model)[1]!.min = null))).toEqual([
      'band "Warm": min must be a number (only the first band may leave it empty), got nothing',
    ]);
    expect(messagesFor((model) => (bandsOf(model)[2]!.min = 21))).toEqual([
      'bands must ascend: "Hot" (21) after "Warm" (21)',
    ]);
    expect(messagesFor((model) => ((model.grades as Json[])[3]!.min = 5))).toEqual([
      'grades must ascend: "A" (5) after "B" (25)',
    ]);
  });

  it('checks outcome', () => {
    expect(messagesFor((model) => (model.outcome = { column: 'Converted' }))).toEqual([
      'outcome: positive is missing: list the values that mean converted',
    ]);
    expect(
      messagesFor((model) => (model.outcome = { column: 'Converted', positive: ['yes'], negative: [] })),
    ).toEqual(['outcome: negative must list at least one value']);
    expect(messagesFor((model) => (model.outcome = { column: ' ', positive: ['yes'] }))).toEqual([
      'outcome: column must not be empty',
    ]);
  });

  it('names the rule by its position when it has no usable name', () => {
    const messages = messagesFor((model) =>
      rulesOf(model).push({ group: 'Company fit', column: 'X', operator: 'is blank' }),
    );
    expect(messages).toEqual(['rule 3: name is missing', 'rule 3: points is missing']);
  });
});
