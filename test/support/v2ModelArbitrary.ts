// Random valid contract-v2 models, messy rows and messy activity logs: the one generator behind the property
// tests. Its parts (values, conditions up to the contract's depth, rules of every kind, groups with weights,
// tiers and decay) are shared; three vocabularies choose what they are made of:
// - `v2ModelArbitrary` (model sheet round trip): text that is hard to keep in a cell (spaces around it,
//   commas and quotes, numbers written as text, section titles and table headers, `events …`, `=…`) as
//   names, columns and values, every optional part of a model;
// - `modelArbitrary` (engine properties): rules over a few known columns and a log, with `rowArbitrary` and
//   `logArbitrary` (v2RowArbitrary.ts) of cells of any type a sheet can hand over;
// - `sqlModelArbitrary` (the SQL differential test): the same shape with extremes (points 1e300, a cap
//   1e308, a day of 1e-300), names and values with line breaks, quotes and a final sigma, and text rows
//   (`sqlRowsArbitrary`, `sqlLogArbitrary` in v2RowArbitrary.ts) as a CSV load gives them.
import fc from 'fast-check';
import {
  type Band,
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

type Scalar = string | number;
type RuleKind = 'column' | 'when' | 'event';

/** What one family of random models is made of; every part of a model is drawn from these. */
interface Vocabulary {
  scalar: fc.Arbitrary<Scalar>;
  finite: fc.Arbitrary<number>;
  /** The largest `within days` / `older than days` value. */
  maxDays: number;
  /** Columns of the leads (rules and conditions) and of the log (`where`). */
  column: fc.Arbitrary<string>;
  logColumn: fc.Arbitrary<string>;
  whereDepth: number;
  ruleKinds: readonly RuleKind[];
  columnOperators: readonly Operator[];
  /** A rule's own name, drawn with it (otherwise the name given). */
  ruleName?: (index: number) => fc.Arbitrary<string>;
  points: fc.Arbitrary<number>;
  ruleMaxPoints: fc.Arbitrary<number>;
  eventType: fc.Arbitrary<string>;
  maxEventTypes: number;
  maxWithinDays: number;
  /** The value of an event rule that counts (`>= 3`): a whole count, or any value of the operator's kind. */
  eventCount: 'whole' | 'any';
  maxCount: number;
  groupMaxPoints: fc.Arbitrary<number>;
  groupWeight: fc.Arbitrary<number>;
  decayColumn: fc.Arbitrary<string>;
  decayPercent: fc.Arbitrary<number>;
  decayEveryDays: fc.Arbitrary<number>;
}

function valueFor(v: Vocabulary, operator: Operator): fc.Arbitrary<RuleValue | undefined> {
  switch (OPERATOR_VALUE_KIND[operator]) {
    case 'scalar':
    case 'text':
      return v.scalar;
    case 'list':
      return fc.array(v.scalar, { minLength: 1, maxLength: 3 });
    case 'number':
      return v.finite;
    case 'range':
      return fc.tuple(v.finite, v.finite).map(([a, b]): [number, number] => [Math.min(a, b), Math.max(a, b)]);
    case 'days':
      return fc.integer({ min: 0, max: v.maxDays });
    case 'none':
      return fc.constant(undefined);
  }
}

const conditionOn = (v: Vocabulary, column: fc.Arbitrary<string>): fc.Arbitrary<ConditionNode> =>
  fc
    .constantFrom(...OPERATORS.filter((operator) => operator !== 'per'))
    .chain((operator) => fc.record({ column, operator: fc.constant(operator), value: valueFor(v, operator) }))
    .map(
      ({ column, operator, value }) =>
        (value === undefined ? { column, operator } : { column, operator, value }) as ConditionNode,
    );

/** A tree of at most `depth` levels of all/any; items are conditions or (below the limit) trees. */
function treeOn(v: Vocabulary, column: fc.Arbitrary<string>, depth: number): fc.Arbitrary<ConditionTree> {
  const item: fc.Arbitrary<ConditionNode> =
    depth > 1
      ? fc.oneof(conditionOn(v, column), treeOn(v, column, depth - 1) as fc.Arbitrary<ConditionNode>)
      : conditionOn(v, column);
  return fc
    .tuple(fc.boolean(), fc.array(item, { minLength: 1, maxLength: 3 }))
    .map(([all, items]) => (all ? { all: items } : { any: items }));
}

function ruleArbitrary(
  v: Vocabulary,
  index: number,
  name: string,
  group: fc.Arbitrary<string>,
): fc.Arbitrary<Rule> {
  return fc
    .record({
      kind: fc.constantFrom(...v.ruleKinds),
      ...(v.ruleName ? { name: v.ruleName(index) } : {}),
      group,
      points: v.points,
      maxPoints: fc.option(v.ruleMaxPoints, { nil: undefined }),
      enabled: fc.option(fc.boolean(), { nil: undefined }),
      columnOperator: fc.constantFrom(...v.columnOperators),
      eventOperator: fc.constantFrom(...EVENT_OPERATORS),
      column: v.column,
      when: treeOn(v, v.column, MAX_TREE_DEPTH),
      where: fc.option(treeOn(v, v.logColumn, v.whereDepth), { nil: undefined }),
      event: fc.oneof(v.eventType, fc.array(v.eventType, { minLength: 1, maxLength: v.maxEventTypes })),
      withinDays: fc.option(fc.integer({ min: 0, max: v.maxWithinDays }), { nil: undefined }),
    })
    .chain((spec) => {
      const operator = spec.kind === 'event' ? spec.eventOperator : spec.columnOperator;
      const counts =
        v.eventCount === 'whole'
          ? operator !== 'per' && operator !== 'between'
          : operator === 'equals' || operator === 'not equals';
      const value =
        spec.kind === 'event' && counts ? fc.integer({ min: 0, max: v.maxCount }) : valueFor(v, operator);
      return value.map((value) => ({ ...spec, operator, value }));
    })
    .map((spec) => {
      const rule: Rule = { name: spec.name ?? name, group: spec.group, points: spec.points };
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

function groupArbitrary(v: Vocabulary, name: string): fc.Arbitrary<Group> {
  return fc
    .record({
      kind: fc.constantFrom('fit' as const, 'engagement' as const),
      maxPoints: fc.option(v.groupMaxPoints, { nil: undefined }),
      weight: fc.option(v.groupWeight, { nil: undefined }),
      match: fc.option(fc.constantFrom('all' as const, 'first' as const), { nil: undefined }),
      decay: fc.option(
        fc.record({ dateColumn: v.decayColumn, percent: v.decayPercent, everyDays: v.decayEveryDays }),
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

const smallWeight = fc.oneof(fc.integer({ min: 0, max: 10 }), fc.double({ min: 0, max: 10, noNaN: true }));

/** 1–3 groups named `Group i` and `ruleCount` rules named `Rule i` (unless the vocabulary names them), with
 * the model's other parts drawn after them. */
function groupsAndRules<T extends object>(
  v: Vocabulary,
  ruleCount: fc.Arbitrary<number>,
  others: { [K in keyof T]: fc.Arbitrary<T[K]> },
): fc.Arbitrary<T & { groups: Group[]; rules: Rule[] }> {
  return fc.integer({ min: 1, max: 3 }).chain((groupCount) => {
    const group = fc.integer({ min: 0, max: groupCount - 1 }).map((i) => `Group ${i}`);
    return fc.record({
      groups: fc.tuple(...Array.from({ length: groupCount }, (_, i) => groupArbitrary(v, `Group ${i}`))),
      rules: ruleCount.chain((count) =>
        fc.tuple(...Array.from({ length: count }, (_, i) => ruleArbitrary(v, i, `Rule ${i}`, group))),
      ),
      ...others,
    }) as fc.Arbitrary<T & { groups: Group[]; rules: Rule[] }>;
  });
}

// ---- The model sheet round trip: hard text everywhere, every optional part.

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
const sheetFinite = fc.oneof(
  fc.integer({ min: -100_000, max: 100_000 }),
  fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, 0.1, 1e-7, 1e21, -2.5),
);

const SHEET: Vocabulary = {
  scalar: fc.oneof(someText, sheetFinite),
  finite: sheetFinite,
  maxDays: 400,
  column: someText,
  logColumn: someText,
  whereDepth: MAX_TREE_DEPTH,
  ruleKinds: ['column', 'when', 'event'],
  columnOperators: OPERATORS,
  points: fc.oneof(fc.integer({ min: -50, max: 50 }), fc.double({ min: -50, max: 50, noNaN: true })),
  ruleMaxPoints: fc.integer({ min: 0, max: 40 }),
  eventType: someText,
  maxEventTypes: 3,
  maxWithinDays: 90,
  eventCount: 'whole',
  maxCount: 9,
  groupMaxPoints: fc.integer({ min: 0, max: 80 }),
  groupWeight: smallWeight,
  decayColumn: someText,
  // Below 1 too: such a percent is written as text, since the reader refuses a number there (25% typed).
  decayPercent: fc.oneof(
    fc.integer({ min: 0, max: 100 }),
    fc.double({ min: 0, max: 100, noNaN: true }),
    fc.constantFrom(0.5, 0.25, 1e-7, 5e-324),
  ),
  decayEveryDays: fc.integer({ min: 1, max: 30 }),
};

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
    limits: fc.option(fc.tuple(sheetFinite, sheetFinite), { nil: undefined }),
    asOf: fc.option(fc.constantFrom('2026-06-30', '2024-02-29', '1999-12-31'), { nil: undefined }),
    blankValues: fc.option(wordList, { nil: undefined }),
    overrideColumn: fc.option(someText, { nil: undefined }),
    asOfColumn: fc.option(someText, { nil: undefined }),
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
        groups: fc.tuple(...spec.groupNames.map((name) => groupArbitrary(SHEET, name))),
        rules: fc.tuple(
          ...spec.ruleNames.map((name, i) =>
            ruleArbitrary(SHEET, i, name, fc.constantFrom(...spec.groupNames)),
          ),
        ),
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
        if (levels && !cellsCollide(grades ?? [], levels))
          model.engagementLevels = levels as EngagementLevel[];
        const settings: NonNullable<Model['settings']> = {};
        if (spec.limits) {
          settings.minScore = Math.min(...spec.limits);
          settings.maxScore = Math.max(...spec.limits);
        }
        if (spec.asOf) settings.asOf = spec.asOf;
        if (spec.blankValues) settings.blankValues = spec.blankValues;
        if (spec.overrideColumn) settings.overrideColumn = spec.overrideColumn;
        if (spec.asOfColumn) settings.asOfColumn = spec.asOfColumn;
        if (Object.keys(settings).length > 0) model.settings = settings;
        if (spec.activities) model.activities = spec.activities;
        if (spec.outcome) {
          const { column, positive, negative } = spec.outcome;
          model.outcome = negative ? { column, positive, negative } : { column, positive };
        }
        return model;
      }),
  );

// ---- The engine's properties: a few known columns, cells of any type.

export const HEADERS = ['Email', 'A', 'B', 'Date', 'Override', 'Decided'];
export const LEAD_COLUMNS = ['A', 'B', 'Date'];
export const ACTIVITY_HEADERS = ['Key', 'Type', 'When', 'URL'];
export const TYPES = ['Visit', 'Open', 'Click', 'visit '];

const engineFinite = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
const ENGINE: Vocabulary = {
  scalar: fc.oneof(fc.constantFrom('a', '5', 'Visit', 'x@y'), engineFinite),
  finite: engineFinite,
  maxDays: 60,
  column: fc.constantFrom(...LEAD_COLUMNS),
  logColumn: fc.constantFrom(...ACTIVITY_HEADERS),
  whereDepth: 2,
  ruleKinds: ['column', 'when', 'event'],
  columnOperators: OPERATORS,
  points: fc.oneof(fc.integer({ min: -30, max: 30 }), fc.double({ min: -30, max: 30, noNaN: true })),
  ruleMaxPoints: fc.integer({ min: 0, max: 40 }),
  eventType: fc.constantFrom(...TYPES),
  maxEventTypes: 2,
  maxWithinDays: 40,
  eventCount: 'any',
  maxCount: 4,
  groupMaxPoints: fc.integer({ min: -10, max: 80 }),
  groupWeight: smallWeight,
  decayColumn: fc.constant('Date'),
  decayPercent: fc.integer({ min: 0, max: 100 }),
  decayEveryDays: fc.oneof(fc.integer({ min: 1, max: 30 }), fc.constant(1e-300)),
};

export const modelArbitrary: fc.Arbitrary<Model> = groupsAndRules(ENGINE, fc.integer({ min: 0, max: 8 }), {
  limits: fc.tuple(
    fc.double({ min: -50, max: 50, noNaN: true }),
    fc.double({ min: -50, max: 150, noNaN: true }),
  ),
  blankValues: fc.option(fc.constantFrom(['n/a', 'Select'], ['-'], ['0']), { nil: undefined }),
  override: fc.boolean(),
  asOfColumn: fc.option(fc.constantFrom('Decided', 'Date'), { nil: undefined }),
}).map(({ groups, rules, limits, blankValues, override, asOfColumn }) => {
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

// ---- The SQL differential test: text rows as a CSV load gives them, extremes everywhere.

/** Header names a CSV can hold: a line break, quotes, a final sigma. */
export const SQL_LEAD_HEADERS = [
  'Id',
  'Email',
  'A',
  'Line\nbreak',
  `Quote"d 'x'`,
  'ΟΔΟΣ',
  'Date',
  'Override',
  'Decided on',
];
export const SQL_LEAD_COLUMNS = ['A', 'Line\nbreak', `Quote"d 'x'`, 'ΟΔΟΣ', 'Date'];
export const SQL_LOG_HEADERS = ['Key', 'Type', 'When', 'URL'];
export const SQL_TYPES = ['Visit', 'Open', 'Click', 'visit ', 'ΟΔΟΣ'];

const sqlFinite = fc.oneof(
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -50, max: 50 }),
  fc.constantFrom(0.001, 1e19, -1e-320, 1e300),
);
const SQL: Vocabulary = {
  scalar: fc.oneof(
    fc.constantFrom('a', '5', 'Visit', 'x@y', 'a\nb', 'ΟΔΟΣ', 'ς', 'σ', 'i̇', '12%'),
    sqlFinite,
  ),
  finite: sqlFinite,
  maxDays: 60,
  column: fc.constantFrom(...SQL_LEAD_COLUMNS),
  logColumn: fc.constantFrom(...SQL_LOG_HEADERS),
  whereDepth: 2,
  ruleKinds: ['column', 'column', 'when', 'event'],
  columnOperators: [...OPERATORS, 'per', 'per'],
  ruleName: (i) => fc.constantFrom(`Rule ${i}`, `Rule\n${i}`, `"R" '${i}'`, `ΟΔΟΣ ${i}`),
  points: fc.oneof(
    fc.integer({ min: -30, max: 30 }),
    fc.double({ min: -30, max: 30, noNaN: true }),
    fc.constantFrom(0.001, -0.001, 1e300, -1e308, 1e-300, 0.335),
  ),
  ruleMaxPoints: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constant(1e300)),
  eventType: fc.constantFrom(...SQL_TYPES),
  maxEventTypes: 2,
  maxWithinDays: 40,
  eventCount: 'whole',
  maxCount: 4,
  groupMaxPoints: fc.oneof(fc.integer({ min: -10, max: 80 }), fc.constant(1e308)),
  groupWeight: fc.oneof(
    fc.integer({ min: 0, max: 10 }),
    fc.double({ min: 0, max: 10, noNaN: true }),
    fc.constant(1e300),
  ),
  decayColumn: fc.constant('Date'),
  decayPercent: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant(33.3)),
  decayEveryDays: fc.oneof(fc.integer({ min: 1, max: 30 }), fc.constant(1e-300), fc.constant(0.5)),
};

export const sqlModelArbitrary: fc.Arbitrary<Model> = groupsAndRules(SQL, fc.integer({ min: 1, max: 8 }), {
  limits: fc.option(
    fc.tuple(fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: -50, max: 150, noNaN: true })),
    { nil: undefined },
  ),
  blankValues: fc.option(fc.constantFrom(['n/a', 'Select'], ['-'], ['0'], ['ΟΔΟΣ', 'a\nb']), {
    nil: undefined,
  }),
  override: fc.boolean(),
  // v2 §9: each lead as of its own day (the header matched as any column is: trimmed, any case).
  asOfColumn: fc.option(fc.constantFrom('Decided on', ' DECIDED ON'), { nil: undefined }),
  grades: fc.boolean(),
  // v2 §10: engagement levels (with or without grades), names that need quoting.
  levels: fc.option(fc.constantFrom(0, 4.5, 12), { nil: undefined }),
  bandName: fc.constantFrom('Hot', 'Hot\nlead', `"Hot" 'x'`, 'ΟΔΟΣ'),
}).map(({ groups, rules, limits, blankValues, override, asOfColumn, grades, levels, bandName }) => {
  const model: Model = {
    name: 'Random v2',
    settings: { asOf: '2026-06-30' },
    activities: { leadKey: 'Email', activityKey: 'Key', typeColumn: 'Type', dateColumn: 'When' },
    groups,
    rules,
    bands: [
      { name: 'Cold', min: null },
      { name: bandName, min: 20 },
    ],
  };
  if (limits !== undefined) {
    model.settings!.minScore = Math.min(...limits);
    model.settings!.maxScore = Math.max(...limits);
  }
  if (grades)
    model.grades = [
      { name: 'D', min: null },
      { name: 'A\nplus', min: 10 },
    ];
  if (blankValues !== undefined) model.settings!.blankValues = [...blankValues];
  if (override) model.settings!.overrideColumn = 'Override';
  if (levels !== undefined)
    model.engagementLevels = [
      { name: '3', min: null },
      { name: "2'", min: levels },
      { name: '1\nΟΔΟΣ', min: levels + 10 },
    ];
  if (asOfColumn !== undefined) model.settings!.asOfColumn = asOfColumn;
  return model;
});

/** Whether two grade + level pairs make the same cell text (a model validation refuses). */
function cellsCollide(grades: readonly { name: string }[], levels: readonly { name: string }[]): boolean {
  const cells = grades.flatMap((grade) => levels.map((level) => grade.name.trim() + level.name.trim()));
  return new Set(cells).size !== cells.length;
}
