import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIsoDay } from '../../src/core/cells';
import { AS_OF_REASON, compileModel, formatReasons, type Reason } from '../../src/core/engine';
import {
  type Band,
  type Group,
  type Model,
  OPERATOR_VALUE_KIND,
  OPERATORS,
  type Operator,
  type Rule,
  type RuleValue,
} from '../../src/core/model';
import { roundScore } from '../../src/core/rounding';
import { parseModel } from '../../src/core/validate';
import { compileModel as compileModelV1 } from './oracle/engineV1';

const HEADERS = ['A', 'B', 'C', 'Last activity', 'Converted'];
const COLUMNS = ['A', 'B', 'C', 'Last activity'];

const nonEmptyText = fc.string({ minLength: 1, maxLength: 8 }).filter((text) => text.trim() !== '');
const finiteNumber = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
const points = fc.oneof(fc.integer({ min: -50, max: 50 }), fc.double({ min: -50, max: 50, noNaN: true }));
const scalar = fc.oneof(nonEmptyText, finiteNumber, fc.constantFrom('Software', '5', '1,200', '45%'));

function valueFor(operator: Operator): fc.Arbitrary<RuleValue | undefined> {
  switch (OPERATOR_VALUE_KIND[operator]) {
    case 'scalar':
      return scalar;
    case 'list':
      return fc.array(scalar, { minLength: 1, maxLength: 4 });
    case 'text':
      return fc.oneof(nonEmptyText, fc.constantFrom('a', 'soft'));
    case 'number':
      return finiteNumber;
    case 'range':
      return fc
        .tuple(finiteNumber, finiteNumber)
        .map(([a, b]): [number, number] => [Math.min(a, b), Math.max(a, b)]);
    case 'days':
      return fc.integer({ min: 0, max: 400 });
    case 'none':
      return fc.constant(undefined);
  }
}

const groupArbitrary = (index: number): fc.Arbitrary<Group> =>
  fc
    .record({
      kind: fc.constantFrom('fit' as const, 'engagement' as const),
      maxPoints: fc.option(fc.integer({ min: -20, max: 100 }), { nil: undefined }),
      decay: fc.option(
        fc.record({
          dateColumn: fc.constantFrom(...COLUMNS),
          percent: fc.integer({ min: 0, max: 100 }),
          everyDays: fc.oneof(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0.5, max: 60, noNaN: true })),
        }),
        { nil: undefined },
      ),
    })
    .map(({ kind, maxPoints, decay }) => {
      const group: Group = { name: `Group ${index}`, kind };
      if (maxPoints !== undefined) group.maxPoints = maxPoints;
      if (decay !== undefined) group.decay = decay;
      return group;
    });

const ruleArbitrary = (index: number, groupCount: number): fc.Arbitrary<Rule> =>
  fc
    .constantFrom(...OPERATORS)
    .chain((operator) =>
      fc.record({
        operator: fc.constant(operator),
        value: valueFor(operator),
        group: fc.integer({ min: 0, max: groupCount - 1 }),
        column: fc.constantFrom(...COLUMNS),
        points,
        maxPoints: fc.option(fc.integer({ min: -40, max: 40 }), { nil: undefined }),
        enabled: fc.option(fc.boolean(), { nil: undefined }),
      }),
    )
    .map(({ operator, value, group, column, points, maxPoints, enabled }) => {
      const rule: Rule = { name: `Rule ${index}`, group: `Group ${group}`, column, operator, points };
      if (value !== undefined) rule.value = value;
      if (maxPoints !== undefined) rule.maxPoints = maxPoints;
      if (enabled !== undefined) rule.enabled = enabled;
      return rule;
    });

const ascendingMins = (count: number) =>
  fc
    .uniqueArray(fc.integer({ min: -50, max: 150 }), { minLength: count, maxLength: count })
    .map((mins) => mins.sort((a, b) => a - b));

const bandsArbitrary = fc
  .integer({ min: 1, max: 5 })
  .chain((count) =>
    fc.tuple(
      ascendingMins(count),
      fc.boolean(),
      fc.array(fc.boolean(), { minLength: count, maxLength: count }),
    ),
  )
  .map(([mins, firstUnbounded, salesReady]): Band[] =>
    mins.map((min, index) => {
      const band: Band = { name: `Band ${index}`, min: index === 0 && firstUnbounded ? null : min };
      if (salesReady[index]) band.salesReady = true;
      return band;
    }),
  );

const modelArbitrary: fc.Arbitrary<Model> = fc
  .integer({ min: 1, max: 3 })
  .chain((groupCount) =>
    fc.record({
      groups: fc.tuple(...Array.from({ length: groupCount }, (_, index) => groupArbitrary(index))),
      rules: fc
        .integer({ min: 0, max: 8 })
        .chain((ruleCount) =>
          fc.tuple(...Array.from({ length: ruleCount }, (_, index) => ruleArbitrary(index, groupCount))),
        ),
      bands: bandsArbitrary,
      grades: fc.option(bandsArbitrary, { nil: undefined }),
      limits: fc.option(fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 150 })), {
        nil: undefined,
      }),
      asOf: fc.constantFrom('2026-06-30', '2024-02-29', undefined),
      negative: fc.boolean(),
    }),
  )
  .map(({ groups, rules, bands, grades, limits, asOf, negative }) => {
    const model: Model = { name: 'Random', groups, rules, bands };
    if (limits !== undefined || asOf !== undefined) {
      model.settings = {};
      if (limits !== undefined) {
        model.settings.minScore = Math.min(limits[0], limits[1]);
        model.settings.maxScore = Math.max(limits[0], limits[1]);
      }
      if (asOf !== undefined) model.settings.asOf = asOf;
    }
    if (grades !== undefined)
      model.grades = grades.map(({ name, min }) => ({ name: name.replace('Band', 'Grade'), min }));
    model.outcome = negative
      ? { column: 'Converted', positive: ['yes', '1'], negative: ['no'] }
      : { column: 'Converted', positive: ['won'] };
    return model;
  });

const hostileObject = {
  toString() {
    throw new Error('toString');
  },
};

const cellArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.double(),
  fc.integer({ min: -1000, max: 1000 }),
  fc.boolean(),
  fc.constantFrom(
    null,
    undefined,
    '',
    '  ',
    'n/a',
    'yes',
    'no',
    'x',
    'TRUE',
    '1,200',
    '$5',
    '€1,000.50',
    '45%',
    '-3',
  ),
  fc.constantFrom('2026-06-30', '2026-05-01T23:59:59', '2025-12-31', '2026-02-30', 'soon', '2030-01-01'),
  fc.date({ min: new Date('1990-01-01'), max: new Date('2035-01-01'), noInvalidDate: false }),
  fc.constantFrom<unknown>(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    -0,
    1e308,
    {},
    [],
    [1],
    hostileObject,
    Object.create(null),
  ),
);

const rowArbitrary = fc.array(cellArbitrary, { minLength: 0, maxLength: HEADERS.length + 1 });

const timeZone = fc.constantFrom('UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham');

function compileOrFail(model: Model, zone: string) {
  const result = compileModel(model, HEADERS, { timeZone: zone, now: new Date('2026-07-01T12:00:00Z') });
  if (!result.ok) throw new Error(result.problems.map((problem) => problem.message).join('\n'));
  return result.compiled;
}

/** The v2 engine's reasons say when a group cap cut them (issue 16 item 10); the v1 engine's do not. */
function withoutCapNotes<T extends { reasons: Reason[] }>(result: T): T {
  return { ...result, reasons: result.reasons.map(({ groupCap: _cap, ...reason }) => reason) };
}

describe('v1 models under the v2 engine', () => {
  it('score, band, grade, reasons and matches exactly as the frozen v1 engine', () => {
    fc.assert(
      fc.property(modelArbitrary, timeZone, fc.array(rowArbitrary, { maxLength: 6 }), (model, zone, rows) => {
        const now = new Date('2026-07-01T12:00:00Z');
        const v1 = compileModelV1(model, HEADERS, { timeZone: zone, now });
        const v2 = compileModel(model, HEADERS, { timeZone: zone, now });
        expect(v2.ok).toBe(v1.ok);
        if (!v1.ok || !v2.ok) return;
        for (const row of rows) {
          expect(withoutCapNotes(v2.compiled.score(row))).toEqual(v1.compiled.score(row));
          expect(v2.compiled.scoreValue(row)).toBe(v1.compiled.scoreValue(row));
          expect(v2.compiled.matches(row)).toEqual(v1.compiled.matches(row));
          expect(v2.compiled.outcome(row)).toBe(v1.compiled.outcome(row));
          expect(v2.compiled.explain(row).map((line) => line.points)).toEqual(
            v1.compiled.explain(row).map((line) => line.points),
          );
        }
      }),
      { numRuns: 400 },
    );
  });

  it('with settings.asOfColumn (v2 §9), each lead scores as the frozen v1 engine as of its own day', () => {
    fc.assert(
      fc.property(
        modelArbitrary,
        fc.constantFrom('Last activity', 'Converted'),
        timeZone,
        fc.array(rowArbitrary, { maxLength: 6 }),
        (model, column, zone, rows) => {
          const now = new Date('2026-07-01T12:00:00Z');
          const perLead = compileModel(
            { ...model, settings: { ...model.settings, asOfColumn: column } },
            HEADERS,
            {
              timeZone: zone,
              now,
            },
          );
          if (!perLead.ok) throw new Error(perLead.problems.map((problem) => problem.message).join('\n'));
          for (const row of rows) {
            const asOf = formatIsoDay(perLead.compiled.leadAsOfDay(row));
            if (!/^\d{4}-\d\d-\d\d$/.test(asOf)) continue;
            const v1 = compileModelV1(model, HEADERS, { timeZone: zone, now, asOf });
            if (!v1.ok) throw new Error('the v1 engine refused a valid model');
            const { asOf: _day, ...scored } = perLead.compiled.score(row);
            expect(withoutCapNotes(scored)).toEqual(v1.compiled.score(row));
            expect(perLead.compiled.matches(row)).toEqual(v1.compiled.matches(row));
            expect(
              perLead.compiled
                .explain(row)
                .filter((line) => line.rule !== AS_OF_REASON)
                .map((line) => line.points),
            ).toEqual(v1.compiled.explain(row).map((line) => line.points));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a v1 model is saved exactly as it came (no v2 key added)', () => {
    fc.assert(
      fc.property(modelArbitrary, (model) => {
        const parsed = parseModel(JSON.parse(JSON.stringify(model)));
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        // The keys, in the order v1 wrote them: a v1 model's saved JSON does not change.
        const inV1Order = (keys: string[], order: string[]) =>
          expect(keys).toEqual(order.filter((key) => keys.includes(key)));
        inV1Order(Object.keys(parsed.model), [
          'name',
          'groups',
          'rules',
          'bands',
          'settings',
          'grades',
          'outcome',
        ]);
        for (const group of parsed.model.groups)
          inV1Order(Object.keys(group), ['name', 'kind', 'maxPoints', 'decay']);
        for (const rule of parsed.model.rules) {
          inV1Order(Object.keys(rule), [
            'name',
            'group',
            'column',
            'operator',
            'value',
            'points',
            'maxPoints',
            'enabled',
          ]);
        }
        inV1Order(Object.keys(parsed.model.settings ?? {}), ['minScore', 'maxScore', 'asOf']);
        expect(parseModel(parsed.model)).toEqual(parsed);
      }),
    );
  });
});

describe('engine properties', () => {
  it('random valid models are accepted, and validation is idempotent', () => {
    fc.assert(
      fc.property(modelArbitrary, (model) => {
        const parsed = parseModel(JSON.parse(JSON.stringify(model)));
        expect(parsed.ok ? [] : parsed.problems).toEqual([]);
        if (parsed.ok) expect(parseModel(parsed.model)).toEqual(parsed);
      }),
    );
  });

  it('never throws on random cells, and keeps the score within minScore / maxScore', () => {
    fc.assert(
      fc.property(modelArbitrary, timeZone, fc.array(rowArbitrary, { maxLength: 5 }), (model, zone, rows) => {
        const compiled = compileOrFail(model, zone);
        for (const row of rows) {
          const result = compiled.score(row);
          expect(Number.isFinite(result.score)).toBe(true);
          if (model.settings?.minScore !== undefined)
            expect(result.score).toBeGreaterThanOrEqual(model.settings.minScore);
          if (model.settings?.maxScore !== undefined)
            expect(result.score).toBeLessThanOrEqual(model.settings.maxScore);
          expect(model.bands.map((band) => band.name)).toContain(result.band);
          expect(result.groupTotals).toHaveLength(model.groups.length);
          for (const reason of result.reasons) expect(reason.points).not.toBe(0);
          const magnitudes = result.reasons.map((reason) => Math.abs(reason.points));
          expect(magnitudes).toEqual([...magnitudes].sort((a, b) => b - a));
          expect(compiled.matches(row)).toHaveLength(model.rules.length);
          expect(compiled.explain(row)).toHaveLength(model.rules.length);
          expect(['converted', 'not converted', 'open']).toContain(compiled.outcome(row));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('scoreValue equals score().score', () => {
    fc.assert(
      fc.property(modelArbitrary, timeZone, rowArbitrary, (model, zone, row) => {
        const compiled = compileOrFail(model, zone);
        expect(compiled.scoreValue(row)).toBe(compiled.score(row).score);
      }),
    );
  });

  it("the band is the one bandIndex gives for the score, and explain's points match the reasons", () => {
    fc.assert(
      fc.property(modelArbitrary, rowArbitrary, (model, row) => {
        const compiled = compileOrFail(model, 'UTC');
        const result = compiled.score(row);
        expect(result.band).toBe(model.bands[compiled.bandIndex(result.score)]!.name);
        const explained = new Map(compiled.explain(row).map((line) => [line.rule, line.points]));
        for (const reason of result.reasons) expect(explained.get(reason.rule)).toBe(reason.points);
      }),
    );
  });

  it('a reason names its group cap exactly when the sum of the group went over the cap', () => {
    fc.assert(
      fc.property(modelArbitrary, rowArbitrary, (model, row) => {
        const compiled = compileOrFail(model, 'UTC');
        const result = compiled.score(row);
        const groupOf = new Map(model.rules.map((rule) => [rule.name, rule.group]));
        for (const reason of result.reasons) {
          const index = model.groups.findIndex((group) => group.name === groupOf.get(reason.rule));
          const group = model.groups[index]!;
          if (reason.groupCap === undefined) {
            // Not cut: the group's total is what its reasons add up to (within rounding).
            const sum = result.reasons
              .filter((other) => groupOf.get(other.rule) === group.name)
              .reduce((total, other) => total + other.points, 0);
            if (group.maxPoints !== undefined)
              expect(sum).toBeLessThanOrEqual(group.maxPoints + 0.01 * model.rules.length);
          } else {
            expect(reason.groupCap).toBe(group.maxPoints);
            expect(result.groupTotals[index]).toBe(roundScore(group.maxPoints!));
            expect(formatReasons([reason])).toMatch(/ \(its group capped to −?[\d.]+\)$/);
          }
        }
      }),
    );
  });

  it("raising a positive rule's points never lowers a score", () => {
    const withPositiveRule = modelArbitrary.filter((model) =>
      model.rules.some((rule) => rule.points > 0 && rule.operator !== 'per'),
    );
    fc.assert(
      fc.property(
        withPositiveRule,
        fc.nat(),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        rowArbitrary,
        (model, pick, raise, row) => {
          const candidates = model.rules.filter((rule) => rule.points > 0 && rule.operator !== 'per');
          const chosen = candidates[pick % candidates.length]!;
          const raised: Model = {
            ...model,
            rules: model.rules.map((rule) =>
              rule === chosen ? { ...rule, points: rule.points + raise } : rule,
            ),
          };
          const before = compileOrFail(model, 'UTC').scoreValue(row);
          const after = compileOrFail(raised, 'UTC').scoreValue(row);
          expect(after).toBeGreaterThanOrEqual(before);
        },
      ),
      { numRuns: 500 },
    );
  });
});

/** Ways to break a valid model, each of which the contract refuses. */
const mutations: {
  name: string;
  applies: (model: Model) => boolean;
  apply: (model: Record<string, unknown>) => void;
}[] = [
  { name: 'no name', applies: () => true, apply: (model) => delete model.name },
  { name: 'unknown key', applies: () => true, apply: (model) => (model.colour = 'red') },
  { name: 'no bands', applies: () => true, apply: (model) => (model.bands = []) },
  {
    name: 'bands out of order',
    applies: (model) => model.bands.length >= 2,
    apply: (model) => (model.bands as unknown[]).reverse(),
  },
  {
    name: 'points as text',
    applies: (model) => model.rules.length > 0,
    apply: (model) => {
      const rule = (model.rules as Record<string, unknown>[])[0]!;
      rule.points = String(rule.points);
    },
  },
  {
    name: 'unknown operator',
    applies: (model) => model.rules.length > 0,
    apply: (model) => ((model.rules as Record<string, unknown>[])[0]!.operator = 'is like'),
  },
  {
    name: 'missing group',
    applies: (model) => model.rules.length > 0,
    apply: (model) => ((model.rules as Record<string, unknown>[])[0]!.group = 'No such group'),
  },
  {
    name: 'wrong value shape',
    applies: (model) => model.rules.length > 0,
    apply: (model) => {
      const rule = (model.rules as Record<string, unknown>[])[0]!;
      rule.value = OPERATOR_VALUE_KIND[rule.operator as Operator] === 'none' ? 3 : { wrong: true };
    },
  },
  {
    name: 'duplicate rule',
    applies: (model) => model.rules.length > 0,
    apply: (model) => (model.rules as unknown[]).push({ ...(model.rules as object[])[0]! }),
  },
  {
    name: 'decay percent above 100',
    applies: () => true,
    apply: (model) =>
      ((model.groups as Record<string, unknown>[])[0]!.decay = {
        dateColumn: 'A',
        percent: 101,
        everyDays: 7,
      }),
  },
  {
    name: 'bad group kind',
    applies: () => true,
    apply: (model) => ((model.groups as Record<string, unknown>[])[0]!.kind = 'behaviour'),
  },
  {
    name: 'min above max',
    applies: () => true,
    apply: (model) => (model.settings = { minScore: 10, maxScore: 5 }),
  },
  {
    name: 'impossible asOf',
    applies: () => true,
    apply: (model) => (model.settings = { asOf: '2026-02-29' }),
  },
  {
    name: 'second band without min',
    applies: (model) => model.bands.length >= 2,
    apply: (model) => ((model.bands as Record<string, unknown>[])[1]!.min = null),
  },
];

describe('invalid models', () => {
  it('a valid model broken in any way is refused with at least one message', () => {
    fc.assert(
      fc.property(modelArbitrary, fc.constantFrom(...mutations), (model, mutation) => {
        fc.pre(mutation.applies(model));
        const broken = JSON.parse(JSON.stringify(model)) as Record<string, unknown>;
        mutation.apply(broken);
        const result = parseModel(broken);
        expect(result.ok, mutation.name).toBe(false);
        if (!result.ok) {
          expect(result.problems.length).toBeGreaterThan(0);
          for (const problem of result.problems) expect(problem.message.length).toBeGreaterThan(0);
        }
        const compiled = compileModel(broken as unknown as Model, HEADERS);
        expect(compiled.ok).toBe(false);
      }),
    );
  });
});
