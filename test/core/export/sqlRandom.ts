// Random contract-v2 models (every operator, conditions, events, weights, tiers, override, blank values) and
// messy text rows (extreme numbers, line breaks, unicode, blanks), and the check that the exported SQL on
// PGlite and DuckDB gives every row the engine's score, band, grade and reasons. Used by the differential
// test (fixed seeds) and by bench/sql-differential.ts (more runs).
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { compileModel, formatReasons } from '../../../src/core/engine';
import { modelToSql } from '../../../src/core/export/sql';
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
} from '../../../src/core/model';
import type { Row, SqlEngine } from './sqlEngines';

/** Header names a CSV can hold: a line break, quotes, a final sigma. */
export const LEAD_HEADERS = [
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
const LEAD_COLUMNS = ['A', 'Line\nbreak', `Quote"d 'x'`, 'ΟΔΟΣ', 'Date'];
export const LOG_HEADERS = ['Key', 'Type', 'When', 'URL'];
const TYPES = ['Visit', 'Open', 'Click', 'visit ', 'ΟΔΟΣ'];

const EXTREME_NUMBERS = [
  '1e19',
  '-1e19',
  '9223372036854775808',
  '1e-320',
  '-1e-320',
  '5e-324',
  '1e-322%',
  '1e308',
  '-1e308',
  '1.7976931348623157e308',
  '1e400',
  '1e-400',
  `0.${'0'.repeat(400)}1`,
  `1${'0'.repeat(400)}`,
  '123456789012.345',
  '350000000000.005',
  '1e21',
  '0.000001',
  '1e-7',
  '12%',
  '$1,200',
  '-45%',
  '€ -3',
  '1,234.5',
  '0',
  '-0',
];
const TEXTS = [
  '',
  ' ',
  'n/a',
  'Select',
  '-',
  'yes',
  'no',
  'x',
  'TRUE',
  'a\nb',
  'A\nB ',
  'a\r\nb',
  'ΟΔΟΣ',
  'οδος',
  'οδοσ',
  'İstanbul',
  'ⓐⒷ',
  'Ꟁ',
  'straße',
  '🎉',
  "O'Brien",
  '"; DROP TABLE x; --',
  '%_',
  '2026-06-29',
  '2026-06-01T10:00',
  '2026-02-30',
  '2026-13-01',
  'Visit',
  'a@x.com',
  ' A@X.COM',
];
/** Dates around the log's (2026-05-01 … 2026-07-15) and the model's as-of (2026-06-30), for rules counting days. */
const DAYS = [
  '2026-06-25',
  '2026-06-10',
  '2026-05-15',
  '2026-07-20',
  '2026-04-01',
  '2026-06-20',
  '2026-06-30',
];
const messyCell: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...TEXTS),
  fc.constantFrom(...EXTREME_NUMBERS),
  fc.string({ maxLength: 5 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.double({ min: -100, max: 100, noNaN: true }).map((x) => x.toFixed(3)),
);

const finite = fc.oneof(
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -50, max: 50 }),
  fc.constantFrom(0.001, 1e19, -1e-320, 1e300),
);
const scalar = fc.oneof(
  fc.constantFrom('a', '5', 'Visit', 'x@y', 'a\nb', 'ΟΔΟΣ', 'ς', 'σ', 'i̇', '12%'),
  finite,
);

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

const points = fc.oneof(
  fc.integer({ min: -30, max: 30 }),
  fc.double({ min: -30, max: 30, noNaN: true }),
  fc.constantFrom(0.001, -0.001, 1e300, -1e308, 1e-300, 0.335),
);

const ruleArbitrary = (index: number, groupCount: number): fc.Arbitrary<Rule> =>
  fc
    .record({
      kind: fc.constantFrom('column', 'column', 'when', 'event'),
      name: fc.constantFrom(`Rule ${index}`, `Rule\n${index}`, `"R" '${index}'`, `ΟΔΟΣ ${index}`),
      group: fc.integer({ min: 0, max: groupCount - 1 }),
      points,
      maxPoints: fc.option(fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constant(1e300)), { nil: undefined }),
      enabled: fc.option(fc.boolean(), { nil: undefined }),
      columnOperator: fc.constantFrom(...OPERATORS, 'per', 'per'),
      eventOperator: fc.constantFrom(...EVENT_OPERATORS),
      column: fc.constantFrom(...LEAD_COLUMNS),
      when: treeOn(LEAD_COLUMNS, 3),
      where: fc.option(treeOn(LOG_HEADERS, 2), { nil: undefined }),
      event: fc.oneof(
        fc.constantFrom(...TYPES),
        fc.array(fc.constantFrom(...TYPES), { minLength: 1, maxLength: 2 }),
      ),
      withinDays: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
    })
    .chain((spec) => {
      const operator = spec.kind === 'event' ? spec.eventOperator : spec.columnOperator;
      const value =
        spec.kind === 'event' && operator !== 'per' && operator !== 'between'
          ? fc.integer({ min: 0, max: 4 })
          : valueFor(operator);
      return value.map((v) => ({ ...spec, operator, value: v }));
    })
    .map((spec) => {
      const rule: Rule = { name: spec.name, group: `Group ${spec.group}`, points: spec.points };
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
      maxPoints: fc.option(fc.oneof(fc.integer({ min: -10, max: 80 }), fc.constant(1e308)), {
        nil: undefined,
      }),
      weight: fc.option(
        fc.oneof(
          fc.integer({ min: 0, max: 10 }),
          fc.double({ min: 0, max: 10, noNaN: true }),
          fc.constant(1e300),
        ),
        {
          nil: undefined,
        },
      ),
      match: fc.option(fc.constantFrom('all' as const, 'first' as const), { nil: undefined }),
      decay: fc.option(
        fc.record({
          dateColumn: fc.constant('Date'),
          percent: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant(33.3)),
          everyDays: fc.oneof(fc.integer({ min: 1, max: 30 }), fc.constant(1e-300), fc.constant(0.5)),
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
        .integer({ min: 1, max: 8 })
        .chain((count) =>
          fc.tuple(...Array.from({ length: count }, (_, index) => ruleArbitrary(index, groupCount))),
        ),
      limits: fc.option(
        fc.tuple(
          fc.double({ min: -50, max: 50, noNaN: true }),
          fc.double({ min: -50, max: 150, noNaN: true }),
        ),
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
    }),
  )
  .map(({ groups, rules, limits, blankValues, override, asOfColumn, grades, levels, bandName }) => {
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
    if (levels !== undefined)
      model.engagementLevels = [
        { name: '3', min: null },
        { name: "2'", min: levels },
        { name: '1\nΟΔΟΣ', min: levels + 10 },
      ];
    if (blankValues !== undefined) model.settings!.blankValues = [...blankValues];
    if (override) model.settings!.overrideColumn = 'Override';
    if (asOfColumn !== undefined) model.settings!.asOfColumn = asOfColumn;
    return model;
  });

/** A cell of a day column: mostly dates before and after the log's events, else blank, text or a bad date. */
const dayCell: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...DAYS, ' 2026-06-25 ', '2026-06-10T09:00') },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', 'n/a', 'soon', '2026-02-30', '-') },
  { weight: 1, arbitrary: messyCell },
);

/** Rows of the leads table (Id first), all text: the date and as-of columns mostly hold days. */
export const rowsArbitrary = (count: number): fc.Arbitrary<string[][]> =>
  fc.array(
    fc.tuple(
      fc.constantFrom('a@x.com', ' A@X.COM', 'b@y.com', '', 'n/a', 'ΟΔΟΣ'),
      ...LEAD_HEADERS.slice(2).map((header) =>
        header === 'Date' || header === 'Decided on' ? dayCell : messyCell,
      ),
    ),
    { minLength: count, maxLength: count },
  );

export const logArbitrary: fc.Arbitrary<string[][]> = fc.array(
  fc.tuple(
    fc.constantFrom('a@x.com', ' A@X.COM', 'b@y.com', '', 'n/a', 'οδος'),
    fc.constantFrom(...TYPES, 'Other', '', 'ΟΔΟΣ'),
    fc.constantFrom('2026-06-30', '2026-06-20', '2026-05-01', '2026-07-15', 'soon', '', '0001-01-01'),
    messyCell,
  ),
  { maxLength: 30 },
);

export interface Case {
  model: Model;
  rows: string[][];
  log: string[][];
}

export function sampleCases(count: number, rowsPerModel: number, seed: number): Case[] {
  return fc.sample(
    fc.record({ model: modelArbitrary, rows: rowsArbitrary(rowsPerModel), log: logArbitrary }),
    { numRuns: count, seed },
  );
}

export interface Outcome {
  score: unknown;
  band: unknown;
  grade: unknown;
  /** v2 §10: only for a model with engagement levels (the SQL has these columns only then). */
  engagementLevel?: unknown;
  cell?: unknown;
  reasons: unknown;
}

export function engineOutcomes(c: Case): Outcome[] {
  const headers = LEAD_HEADERS.slice(1);
  const compiled = compileModel(c.model, headers, {
    timeZone: 'UTC',
    activities: { headers: LOG_HEADERS, rows: c.log },
  });
  if (!compiled.ok) throw new Error(compiled.problems.map((p) => p.message).join('\n'));
  return c.rows.map((row) => {
    const result = compiled.compiled.score(row);
    return {
      score: result.score,
      band: result.band,
      grade: result.grade ?? null,
      ...(c.model.engagementLevels && { engagementLevel: result.engagementLevel, cell: result.cell ?? null }),
      reasons: formatReasons(result.reasons),
    };
  });
}

export interface Difference {
  caseIndex: number;
  model: Model;
  row?: string[];
  want?: Outcome;
  got?: Outcome;
  error?: string;
}

/**
 * Runs the cases on one database: loads every case's rows and log into two tables (a column naming the
 * case), a view per case, then each case's SQL; returns the rows that differ and the queries that fail.
 */
export async function differences(
  engine: SqlEngine,
  dialect: 'postgres' | 'duckdb',
  cases: readonly Case[],
  prefix: string,
): Promise<{ differences: Difference[]; rows: number }> {
  const leads = `${prefix} leads`;
  const log = `${prefix} log`;
  await engine.load(
    leads,
    ['Case', ...LEAD_HEADERS],
    cases.flatMap((c, i) => c.rows.map((row, r) => [String(i), String(r), ...row])),
  );
  await engine.load(
    log,
    ['Case', ...LOG_HEADERS],
    cases.flatMap((c, i) => c.log.map((row) => [String(i), ...row])),
  );
  const found: Difference[] = [];
  let rows = 0;
  for (const [i, c] of cases.entries()) {
    const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
    await engine.query(
      `CREATE VIEW ${q(`${leads} ${i}`)} AS SELECT * FROM ${q(leads)} WHERE "Case" = '${i}'`,
    );
    await engine.query(`CREATE VIEW ${q(`${log} ${i}`)} AS SELECT * FROM ${q(log)} WHERE "Case" = '${i}'`);
    const sql = modelToSql(c.model, {
      dialect,
      table: `${leads} ${i}`,
      activitiesTable: `${log} ${i}`,
      headers: ['Case', ...LEAD_HEADERS],
      activityHeaders: ['Case', ...LOG_HEADERS],
    });
    if (!sql.ok) {
      found.push({ caseIndex: i, model: c.model, error: sql.problems.map((p) => p.message).join('; ') });
      continue;
    }
    let got: Row[];
    try {
      got = await engine.query(sql.sql);
    } catch (error) {
      found.push({ caseIndex: i, model: c.model, error: (error as Error).message });
      continue;
    }
    const byId = new Map(got.map((row) => [Number(row.Id), row]));
    engineOutcomes(c).forEach((want, r) => {
      rows++;
      const row = byId.get(r);
      const have = row && {
        score: row.score,
        band: row.band,
        grade: row.grade,
        ...('cell' in row && { engagementLevel: row.engagement_level, cell: row.cell }),
        reasons: row.reasons,
      };
      if (JSON.stringify(have) !== JSON.stringify(want))
        found.push({ caseIndex: i, model: c.model, row: c.rows[r], want, got: have });
    });
  }
  return { differences: found, rows };
}

/** The CI run: 300 random models × 20 rows on one database, 0 failed queries and 0 differing rows. */
export function differentialSuite(
  dialect: 'postgres' | 'duckdb',
  open: () => Promise<SqlEngine>,
  seed: number,
) {
  const models = 300;
  const rows = 20;
  let engine: SqlEngine;
  beforeAll(async () => {
    engine = await open();
  }, 180_000);
  afterAll(() => engine.close());
  it(`gives ${models} random v2 models × ${rows} messy rows the engine's results, with no query failing`, async () => {
    const result = await differences(engine, dialect, sampleCases(models, rows, seed), 'random');
    expect(result.differences.slice(0, 2)).toEqual([]);
    expect(result.rows).toBe(models * rows);
  }, 900_000);
}
