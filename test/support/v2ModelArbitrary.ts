// Random valid v2 models for round-trip properties: every shape of nested all/any up to the contract's depth,
// every operator with a value of its kind, and text that is hard to keep in a cell (spaces around it, commas
// and quotes, numbers written as text, section titles and table headers, `events …`, `(conditions)`, `=…`).
import fc from 'fast-check';
import {
  type Band,
  type Condition,
  type ConditionNode,
  type ConditionTree,
  type EngagementLevel,
  EVENT_OPERATORS,
  type Grade,
  type Group,
  type Model,
  OPERATOR_VALUE_KIND,
  OPERATORS,
  type Operator,
  type Rule,
  type RuleValue,
} from '../../src/core/model';
import { SECTION_HEADERS, SECTION_TITLES } from '../../src/core/modelSheet';

/** The contract's depth: at most 3 levels of all/any in all (model-contract-v2.md §2). */
export const MAX_TREE_DEPTH = 3;

const TRICKY_TEXT = [
  'VP',
  'Head of, Sales',
  '"Quoted"',
  'a "b" c',
  '5',
  '007',
  '-1,200',
  '1e3',
  '45%',
  '2026-03-04',
  'TRUE',
  'no',
  '=1+1',
  "'Tis",
  '+A1',
  'x in 7 days',
  'Events attended',
  'event: demo',
  '(conditions)',
  'column: Title',
  'Model name',
  'Setting',
  'Rule',
  'Group',
  'Band',
  'Grade',
  '10 to 20',
  'Müller & Söhne',
  ...SECTION_TITLES,
  ...Object.values(SECTION_HEADERS).flat(),
];

/** Text as people type it, sometimes with spaces around it or inside. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY_TEXT) },
  { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 10 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(' ', '  ', ''), fc.constantFrom(...TRICKY_TEXT), fc.constantFrom(' ', ''))
      .map(([a, b, c]) => a + b + c),
  },
);
/** Text that is not blank once trimmed: names, columns, event types. */
const someText = anyText.filter((text) => text.trim() !== '');
const nameKey = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');
const uniqueNames = (min: number, max: number) =>
  fc.uniqueArray(someText, { minLength: min, maxLength: max, selector: nameKey });

const finite = fc.oneof(
  fc.integer({ min: -100_000, max: 100_000 }),
  fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, 0.1, 1e-7, 1e21, -2.5),
);
const scalar = fc.oneof(someText, finite);

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
      return fc.integer({ min: 0, max: 400 });
    case 'none':
      return fc.constant(undefined);
  }
}

const conditionArbitrary: fc.Arbitrary<Condition> = fc
  .constantFrom(...OPERATORS.filter((operator) => operator !== 'per'))
  .chain((operator) =>
    fc.record({ column: someText, operator: fc.constant(operator), value: valueFor(operator) }),
  )
  .map(({ column, operator, value }) =>
    value === undefined ? { column, operator } : { column, operator, value },
  );

/** A tree of at most `depth` levels of all/any; items are conditions or (below the limit) trees. */
export function treeArbitrary(depth: number = MAX_TREE_DEPTH): fc.Arbitrary<ConditionTree> {
  const item: fc.Arbitrary<ConditionNode> =
    depth > 1
      ? fc.oneof(conditionArbitrary, treeArbitrary(depth - 1) as fc.Arbitrary<ConditionNode>)
      : conditionArbitrary;
  return fc
    .tuple(fc.boolean(), fc.array(item, { minLength: 1, maxLength: 3 }))
    .map(([all, items]) => (all ? { all: items } : { any: items }));
}

function ruleArbitrary(name: string, groupNames: readonly string[]): fc.Arbitrary<Rule> {
  return fc
    .record({
      kind: fc.constantFrom('column', 'when', 'event'),
      group: fc.constantFrom(...groupNames),
      points: fc.oneof(fc.integer({ min: -50, max: 50 }), fc.double({ min: -50, max: 50, noNaN: true })),
      maxPoints: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
      enabled: fc.option(fc.boolean(), { nil: undefined }),
      columnOperator: fc.constantFrom(...OPERATORS),
      eventOperator: fc.constantFrom(...EVENT_OPERATORS),
      column: someText,
      when: treeArbitrary(),
      where: fc.option(treeArbitrary(), { nil: undefined }),
      event: fc.oneof(someText, fc.array(someText, { minLength: 1, maxLength: 3 })),
      withinDays: fc.option(fc.integer({ min: 0, max: 90 }), { nil: undefined }),
    })
    .chain((spec) => {
      const operator = spec.kind === 'event' ? spec.eventOperator : spec.columnOperator;
      const value =
        spec.kind === 'event' && operator !== 'per' && operator !== 'between'
          ? fc.integer({ min: 0, max: 9 })
          : valueFor(operator);
      return value.map((v) => ({ ...spec, operator, value: v }));
    })
    .map((spec) => {
      const rule: Rule = { name, group: spec.group, points: spec.points };
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
}

function groupArbitrary(name: string): fc.Arbitrary<Group> {
  return fc
    .record({
      kind: fc.constantFrom('fit' as const, 'engagement' as const),
      maxPoints: fc.option(fc.integer({ min: 0, max: 80 }), { nil: undefined }),
      weight: fc.option(
        fc.oneof(fc.integer({ min: 0, max: 10 }), fc.double({ min: 0, max: 10, noNaN: true })),
        {
          nil: undefined,
        },
      ),
      match: fc.option(fc.constantFrom('all' as const, 'first' as const), { nil: undefined }),
      decay: fc.option(
        fc.record({
          dateColumn: someText,
          percent: fc.integer({ min: 0, max: 100 }),
          everyDays: fc.integer({ min: 1, max: 30 }),
        }),
        { nil: undefined },
      ),
    })
    .map((spec) => {
      const group: Group = { name, kind: spec.kind };
      if (spec.maxPoints !== undefined) group.maxPoints = spec.maxPoints;
      if (spec.decay !== undefined) group.decay = spec.decay;
      if (spec.weight !== undefined) group.weight = spec.weight;
      if (spec.match !== undefined) group.match = spec.match;
      return group;
    });
}

/** Ascending mins, the first one null or a number. */
const ladder = (names: readonly string[]) =>
  fc
    .tuple(
      fc.boolean(),
      fc.uniqueArray(fc.integer({ min: -100, max: 200 }), {
        minLength: names.length,
        maxLength: names.length,
      }),
    )
    .map(([firstOpen, mins]) => {
      const sorted = [...mins].sort((a, b) => a - b);
      return names.map((name, i) => ({ name, min: i === 0 && firstOpen ? null : (sorted[i] as number) }));
    });

const wordList = fc.array(someText, { minLength: 1, maxLength: 3 });

export const v2ModelArbitrary: fc.Arbitrary<Model> = fc
  .record({
    name: someText,
    groupNames: uniqueNames(1, 3),
    ruleNames: uniqueNames(0, 6),
    bandNames: uniqueNames(1, 4),
    gradeNames: fc.option(uniqueNames(1, 3), { nil: undefined }),
    // v2 §10: engagement levels, with or without grades.
    levelNames: fc.option(uniqueNames(1, 3), { nil: undefined }),
    salesReady: fc.array(fc.option(fc.boolean(), { nil: undefined }), { minLength: 4, maxLength: 4 }),
    limits: fc.option(fc.tuple(finite, finite), { nil: undefined }),
    asOf: fc.option(fc.constantFrom('2026-06-30', '2024-02-29', '1999-12-31'), { nil: undefined }),
    blankValues: fc.option(wordList, { nil: undefined }),
    overrideColumn: fc.option(someText, { nil: undefined }),
    activities: fc.option(
      fc.record({ leadKey: someText, activityKey: someText, typeColumn: someText, dateColumn: someText }),
      { nil: undefined },
    ),
    outcome: fc.option(
      fc.record({ column: someText, positive: wordList, negative: fc.option(wordList, { nil: undefined }) }),
      { nil: undefined },
    ),
  })
  .chain((spec) =>
    fc
      .record({
        groups: fc.tuple(...spec.groupNames.map(groupArbitrary)),
        rules: fc.tuple(...spec.ruleNames.map((name) => ruleArbitrary(name, spec.groupNames))),
        bands: ladder(spec.bandNames),
        grades: spec.gradeNames ? ladder(spec.gradeNames) : fc.constant(undefined),
        levels: spec.levelNames ? ladder(spec.levelNames) : fc.constant(undefined),
      })
      .map(({ groups, rules, bands, grades, levels }) => {
        const model: Model = {
          name: spec.name,
          groups,
          // Without an activity log, event rules are not valid: make them column rules' siblings instead.
          rules: spec.activities ? rules : rules.filter((rule) => rule.event === undefined),
          bands: bands.map((band, i): Band => {
            const salesReady = spec.salesReady[i];
            return salesReady === undefined ? band : { ...band, salesReady };
          }),
        };
        if (grades) model.grades = grades as Grade[];
        if (levels) model.engagementLevels = levels as EngagementLevel[];
        const settings: NonNullable<Model['settings']> = {};
        if (spec.limits) {
          settings.minScore = Math.min(...spec.limits);
          settings.maxScore = Math.max(...spec.limits);
        }
        if (spec.asOf) settings.asOf = spec.asOf;
        if (spec.blankValues) settings.blankValues = spec.blankValues;
        if (spec.overrideColumn) settings.overrideColumn = spec.overrideColumn;
        if (Object.keys(settings).length > 0) model.settings = settings;
        if (spec.activities) model.activities = spec.activities;
        if (spec.outcome) {
          const { column, positive, negative } = spec.outcome;
          model.outcome = negative ? { column, positive, negative } : { column, positive };
        }
        return model;
      }),
  );
