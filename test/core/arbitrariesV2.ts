// Random v2 models, messy rows and messy activity logs, shared by the v2 engine's property tests.
import fc from 'fast-check';
import {
  type ConditionNode,
  type ConditionTree,
  EVENT_OPERATORS,
  type Group,
  type Model,
  OPERATOR_VALUE_KIND,
  OPERATORS,
  type Operator,
  type Rule,
  type RuleValue,
} from '../../src/core/model';

export const HEADERS = ['Email', 'A', 'B', 'Date', 'Override', 'Decided'];
export const LEAD_COLUMNS = ['A', 'B', 'Date'];
export const ACTIVITY_HEADERS = ['Key', 'Type', 'When', 'URL'];
export const TYPES = ['Visit', 'Open', 'Click', 'visit '];

export const messyCell: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'n/a',
    'Select',
    '-',
    'yes',
    'no',
    '1,200',
    '45%',
    '$5',
    'NaN',
    '2026-06-29',
    '2026-06-10',
    '2026-07-20',
    '2026-13-01',
  ),
  fc.constantFrom('a@x.com', 'A@X.com ', 'b@y.com', '/pricing', 'Visit', 'Open'),
  fc.string({ maxLength: 6 }),
  fc.double(),
  fc.integer({ min: -1000, max: 1000 }),
  fc.boolean(),
  fc.constantFrom(
    null,
    undefined,
    {},
    [],
    new Date(8.64e15),
    new Date(Number.NaN),
    new Date('2026-06-01T23:30:00Z'),
  ),
);

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
const scalar = fc.oneof(fc.constantFrom('a', '5', 'Visit', 'x@y'), finite);

function valueFor(operator: Operator): fc.Arbitrary<RuleValue | undefined> {
  switch (OPERATOR_VALUE_KIND[operator]) {
    case 'scalar':
    case 'text':
      return scalar;
    case 'list':
      return fc.array(scalar, { minLength: 1, maxLength: 3 });
    case 'number':
      return finite;
    case 'range':
      return fc.tuple(finite, finite).map(([a, b]): [number, number] => [Math.min(a, b), Math.max(a, b)]);
    case 'days':
      return fc.integer({ min: 0, max: 60 });
    case 'none':
      return fc.constant(undefined);
  }
}

const conditionOn = (columns: readonly string[]): fc.Arbitrary<ConditionNode> =>
  fc
    .constantFrom(...OPERATORS.filter((operator) => operator !== 'per'))
    .chain((operator) =>
      fc.record({
        column: fc.constantFrom(...columns),
        operator: fc.constant(operator),
        value: valueFor(operator),
      }),
    )
    .map(
      ({ column, operator, value }) =>
        (value === undefined ? { column, operator } : { column, operator, value }) as ConditionNode,
    );

const treeOn = (columns: readonly string[], depth: number): fc.Arbitrary<ConditionTree> =>
  fc
    .tuple(
      fc.boolean(),
      fc.array(
        depth > 1 ? fc.oneof(conditionOn(columns), treeOn(columns, depth - 1)) : conditionOn(columns),
        {
          minLength: 1,
          maxLength: 3,
        },
      ),
    )
    .map(([all, items]) => (all ? { all: items } : { any: items }));

const points = fc.oneof(fc.integer({ min: -30, max: 30 }), fc.double({ min: -30, max: 30, noNaN: true }));

const ruleArbitrary = (index: number, groupCount: number): fc.Arbitrary<Rule> =>
  fc
    .record({
      kind: fc.constantFrom('column', 'when', 'event'),
      group: fc.integer({ min: 0, max: groupCount - 1 }),
      points,
      maxPoints: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
      enabled: fc.option(fc.boolean(), { nil: undefined }),
      columnOperator: fc.constantFrom(...OPERATORS),
      eventOperator: fc.constantFrom(...EVENT_OPERATORS),
      column: fc.constantFrom(...LEAD_COLUMNS),
      when: treeOn(LEAD_COLUMNS, 3),
      where: fc.option(treeOn(ACTIVITY_HEADERS, 2), { nil: undefined }),
      event: fc.oneof(
        fc.constantFrom(...TYPES),
        fc.array(fc.constantFrom(...TYPES), { minLength: 1, maxLength: 2 }),
      ),
      withinDays: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
      seed: fc.integer({ min: 0, max: 1000 }),
    })
    .chain((spec) => {
      const operator = spec.kind === 'event' ? spec.eventOperator : spec.columnOperator;
      const value =
        spec.kind === 'event' && (operator === 'equals' || operator === 'not equals')
          ? fc.integer({ min: 0, max: 4 })
          : valueFor(operator);
      return value.map((v) => ({ ...spec, operator, value: v }));
    })
    .map((spec) => {
      const rule: Rule = { name: `Rule ${index}`, group: `Group ${spec.group}`, points: spec.points };
      if (spec.kind === 'column') {
        rule.column = spec.column;
        rule.operator = spec.operator;
        if (spec.value !== undefined) rule.value = spec.value;
      } else if (spec.kind === 'when') rule.when = spec.when;
      else {
        rule.event = spec.event;
        if (spec.withinDays !== undefined) rule.withinDays = spec.withinDays;
        if (spec.where !== undefined) rule.where = spec.where;
        rule.operator = spec.operator;
        if (spec.value !== undefined) rule.value = spec.value;
      }
      if (spec.maxPoints !== undefined) rule.maxPoints = spec.maxPoints;
      if (spec.enabled !== undefined) rule.enabled = spec.enabled;
      return rule;
    });

const groupArbitrary = (index: number): fc.Arbitrary<Group> =>
  fc
    .record({
      kind: fc.constantFrom('fit' as const, 'engagement' as const),
      maxPoints: fc.option(fc.integer({ min: -10, max: 80 }), { nil: undefined }),
      weight: fc.option(
        fc.oneof(fc.integer({ min: 0, max: 10 }), fc.double({ min: 0, max: 10, noNaN: true })),
        {
          nil: undefined,
        },
      ),
      match: fc.option(fc.constantFrom('all' as const, 'first' as const), { nil: undefined }),
      decay: fc.option(
        fc.record({
          dateColumn: fc.constant('Date'),
          percent: fc.integer({ min: 0, max: 100 }),
          everyDays: fc.oneof(fc.integer({ min: 1, max: 30 }), fc.constant(1e-300)),
        }),
        { nil: undefined },
      ),
    })
    .map((spec) => {
      const group: Group = { name: `Group ${index}`, kind: spec.kind };
      if (spec.maxPoints !== undefined) group.maxPoints = spec.maxPoints;
      if (spec.decay !== undefined) group.decay = spec.decay;
      if (spec.weight !== undefined) group.weight = spec.weight;
      if (spec.match !== undefined) group.match = spec.match;
      return group;
    });

export const modelArbitrary: fc.Arbitrary<Model> = fc
  .integer({ min: 1, max: 3 })
  .chain((groupCount) =>
    fc.record({
      groups: fc.tuple(...Array.from({ length: groupCount }, (_, index) => groupArbitrary(index))),
      rules: fc
        .integer({ min: 0, max: 8 })
        .chain((count) =>
          fc.tuple(...Array.from({ length: count }, (_, index) => ruleArbitrary(index, groupCount))),
        ),
      limits: fc.tuple(
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.double({ min: -50, max: 150, noNaN: true }),
      ),
      blankValues: fc.option(fc.constantFrom(['n/a', 'Select'], ['-'], ['0']), { nil: undefined }),
      override: fc.boolean(),
      asOfColumn: fc.option(fc.constantFrom('Decided', 'Date'), { nil: undefined }),
    }),
  )
  .map(({ groups, rules, limits, blankValues, override, asOfColumn }) => {
    const model: Model = {
      name: 'Random v2',
      settings: { minScore: Math.min(...limits), maxScore: Math.max(...limits), asOf: '2026-06-30' },
      activities: { leadKey: 'Email', activityKey: 'Key', typeColumn: 'Type', dateColumn: 'When' },
      groups,
      rules,
      bands: [
        { name: 'Cold', min: null },
        { name: 'Hot', min: 20 },
      ],
    };
    if (blankValues !== undefined) model.settings!.blankValues = [...blankValues];
    if (override) model.settings!.overrideColumn = 'Override';
    if (asOfColumn !== undefined) model.settings!.asOfColumn = asOfColumn;
    return model;
  });

export const rowArbitrary = fc.array(messyCell, { maxLength: HEADERS.length + 1 });
export const logArbitrary = fc.array(
  fc.oneof(
    fc.tuple(
      fc.constantFrom('a@x.com', ' A@X.COM', 'b@y.com', '', 'n/a'),
      fc.constantFrom(...TYPES, 'Other', ''),
      fc.constantFrom('2026-06-30', '2026-06-20', '2026-05-01', '2026-07-15', 'soon', ''),
      messyCell,
    ),
    fc.array(messyCell, { maxLength: 5 }),
  ),
  { maxLength: 30 },
);
