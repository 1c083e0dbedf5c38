// The editor's working copy (src/sidebar/draft.ts), where the problems go (problems.ts) and the band spread
// (preview.ts), a column's values (columnValues.ts) and remapping: pure code, tested without a browser.
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/core/engine';
import type { Model } from '../../src/core/model';
import { blankModel, starterModel } from '../../src/core/starterModel';
import { parseModel } from '../../src/core/validate';
import { columnValues, notAnInput } from '../../src/sidebar/columnValues';
import { app } from '../../src/sidebar/context';
import {
  blankRule,
  type DraftRule,
  draftToInput,
  duplicateRule,
  modelToDraft,
  move,
  readNumber,
  reviewShareOf,
  ruleValueInput,
  uniqueName,
} from '../../src/sidebar/draft';
import { bandStats, percent } from '../../src/sidebar/preview';
import { fieldKey, locateProblems } from '../../src/sidebar/problems';
import { remapEverywhere, usesOf } from '../../src/sidebar/sections/remap';
import { switchKind } from '../../src/sidebar/sections/rules';
import { valuesNotInData } from '../../src/sidebar/sections/valuePicker';

function parsed(input: unknown): Model {
  const result = parseModel(input);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.model;
}

function rule(overrides: Partial<DraftRule>): DraftRule {
  return blankRule({
    id: 1,
    name: 'R',
    group: 'Fit',
    column: 'A',
    operator: 'equals',
    points: '5',
    ...overrides,
  });
}

describe('draft', () => {
  it('round-trips the starter and the blank model unchanged', () => {
    for (const model of [starterModel(), blankModel()]) {
      expect(parsed(draftToInput(modelToDraft(model)))).toEqual(parsed(model));
    }
  });

  it('round-trips every optional key: settings.asOf, decay, maxPoints, enabled, negative outcome', () => {
    const model: Model = {
      name: 'All keys',
      settings: { minScore: -10, maxScore: 90, asOf: '2026-06-30' },
      groups: [
        {
          name: 'G',
          kind: 'engagement',
          maxPoints: 30,
          decay: { dateColumn: 'D', percent: 10, everyDays: 7 },
        },
      ],
      rules: [
        { name: 'a', group: 'G', column: 'C', operator: 'one of', value: ['Acme, Inc', 'x', 5], points: 3 },
        {
          name: 'b',
          group: 'G',
          column: 'C',
          operator: 'between',
          value: [1.5, 2000],
          points: -4,
          maxPoints: 8,
        },
        { name: 'c', group: 'G', column: 'C', operator: 'per', points: 2, enabled: false },
        { name: 'd', group: 'G', column: 'D', operator: 'within days', value: 30, points: 1 },
        { name: 'e', group: 'G', column: 'C', operator: 'equals', value: 'Yes', points: 1 },
      ],
      bands: [
        { name: 'Low', min: null },
        { name: 'High', min: 50, salesReady: true },
      ],
      grades: [
        { name: 'B', min: null },
        { name: 'A', min: 20 },
      ],
      outcome: { column: 'Won', positive: ['yes', '1'], negative: ['no'] },
    };
    expect(parsed(draftToInput(modelToDraft(model)))).toEqual(parsed(model));
  });

  it('reads typed numbers, and keeps text that is not one for the validator to name', () => {
    expect(readNumber('')).toBeUndefined();
    expect(readNumber('  ')).toBeUndefined();
    expect(readNumber('15')).toBe(15);
    expect(readNumber('-2.5')).toBe(-2.5);
    expect(readNumber('\u22125')).toBe(-5);
    expect(readNumber('1,200')).toBe(1200);
    expect(readNumber('$10,000')).toBe(10000);
    expect(readNumber('ten')).toBe('ten');
    expect(readNumber('45%')).toBe('45%');
  });

  it('reads a % sign as the model sheet does: the number in a percent field, a fraction in a weight or a number rule', () => {
    expect(readNumber('25%', 'percent')).toBe(25);
    expect(readNumber(' 0.5 % ', 'percent')).toBe(0.5);
    expect(readNumber('40%', 'fraction')).toBe(0.4);
    expect(readNumber('1,5%', 'percent')).toBe('1,5%');
    expect(readNumber('%', 'percent')).toBe('%');
    const draft = modelToDraft(starterModel());
    const web = draft.groups.find((g) => g.name === 'Web activity');
    const budget = draft.rules.find((r) => r.name === 'Budget $10,000+');
    const points = draft.rules.find((r) => r.name === 'Requested a demo');
    if (!web || !budget || !points) throw new Error('starter changed');
    web.decayPercent = '30%';
    web.weight = '40%';
    budget.value = '10%';
    points.points = '10%';
    const input = draftToInput(draft) as {
      groups: Record<string, unknown>[];
      rules: Record<string, unknown>[];
    };
    const group = input.groups.find((g) => g.name === 'Web activity');
    expect(group?.decay).toMatchObject({ percent: 30 });
    expect(group?.weight).toBe(0.4);
    expect(input.rules.find((r) => r.name === 'Budget $10,000+')?.value).toBe(0.1);
    // Points are no percent of anything: left as text for the validator to name.
    expect(input.rules.find((r) => r.name === 'Requested a demo')?.points).toBe('10%');
  });

  it("reads the Calibration's review sample as a share, and refuses what is not a percent instead of using 10%", () => {
    expect(reviewShareOf('')).toBeUndefined();
    expect(reviewShareOf('20')).toBe(0.2);
    expect(reviewShareOf('20%')).toBe(0.2);
    expect(reviewShareOf('0')).toBe(0);
    expect(() => reviewShareOf('twenty')).toThrow(
      'Review sample: type a percent from 0 to 100, e.g. 10 (got "twenty")',
    );
    expect(() => reviewShareOf('150')).toThrow('(got "150")');
    expect(() => reviewShareOf('-5')).toThrow('(got "-5")');
  });

  it('gives each operator the value it takes', () => {
    expect(ruleValueInput(rule({ operator: 'one of', value: 'Now, "A, B", 3' }))).toEqual(['Now', 'A, B', 3]);
    expect(ruleValueInput(rule({ operator: 'equals', value: ' 42 ' }))).toBe(42);
    expect(ruleValueInput(rule({ operator: 'equals', value: ' Yes ' }))).toBe('Yes');
    expect(ruleValueInput(rule({ operator: 'contains', value: '' }))).toBeUndefined();
    expect(ruleValueInput(rule({ operator: 'between', min: '10', max: '' }))).toEqual([10, null]);
    expect(ruleValueInput(rule({ operator: 'between', min: '', max: '' }))).toBeUndefined();
    expect(ruleValueInput(rule({ operator: 'is blank', value: 'left over' }))).toBeUndefined();
    expect(ruleValueInput(rule({ operator: 'older than days', value: '90' }))).toBe(90);
  });

  it('lets the core validator word the problems of what was typed', () => {
    const draft = modelToDraft(blankModel());
    draft.rules.push(rule({ name: 'Demo', points: 'ten' }));
    draft.rules.push(
      rule({ id: 2, name: 'Size', operator: 'between', min: '2000', max: '1000', value: 'x' }),
    );
    const result = parseModel(draftToInput(draft));
    expect(result.ok).toBe(false);
    const messages = result.ok ? [] : result.problems.map((p) => p.message);
    expect(messages).toContain('rule "Demo": points must be a number, got "ten"');
    expect(messages).toContain(
      'rule "Size": value must be two numbers [min, max] with min no more than max, got [2000, 1000]',
    );
  });

  it('names copies uniquely and moves items within bounds', () => {
    expect(uniqueName('New rule', ['new rule', 'New rule 2'])).toBe('New rule 3');
    expect(uniqueName('Other', ['New rule'])).toBe('Other');
    const copy = duplicateRule(rule({ name: 'Demo' }), ['Demo', 'Demo (copy)']);
    expect(copy.name).toBe('Demo (copy) 2');
    expect(copy.id).not.toBe(1);
    const items = ['a', 'b', 'c'];
    expect(move(items, 0, -1)).toBe(false);
    expect(move(items, 2, 1)).toBe(false);
    expect(move(items, 2, -1)).toBe(true);
    expect(items).toEqual(['a', 'c', 'b']);
  });
});

describe('locateProblems', () => {
  it('puts each problem beside its field, by subject and field', () => {
    const draft = modelToDraft(starterModel());
    draft.rules[0]!.points = 'ten';
    draft.rules[1]!.name = '';
    draft.rules[2]!.name = draft.rules[3]!.name; // a duplicate name
    draft.groups[1]!.decayPercent = '150';
    draft.bands[2]!.min = '10';
    draft.minScore = 'x';
    draft.positive = '';
    const result = parseModel(draftToInput(draft));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const located = locateProblems(result.problems, draft);
    const keysOf = (text: string) =>
      located.filter((l) => l.problem.message.includes(text)).flatMap((l) => l.keys);
    const [r0, r1, r2, r3] = draft.rules;
    expect(keysOf('points must be a number')).toEqual([fieldKey('rule', r0!.id, 'points')]);
    expect(keysOf('rule 2: name')).toEqual([fieldKey('rule', r1!.id, 'name')]);
    expect(keysOf('used by more than one rule')).toEqual([
      fieldKey('rule', r2!.id, 'name'),
      fieldKey('rule', r3!.id, 'name'),
    ]);
    expect(keysOf('decay percent')).toEqual([fieldKey('group', draft.groups[1]!.id, 'decay.percent')]);
    expect(keysOf('bands must ascend')).toEqual([fieldKey('band', draft.bands[2]!.id, 'min')]);
    expect(keysOf('minScore must be a number')).toEqual([fieldKey('settings', 0, 'minScore')]);
    expect(keysOf('positive must list')).toEqual([fieldKey('outcome', 0, 'positive')]);
    const points = located.find((l) => l.problem.field === 'points')!;
    expect(points.short).toBe('points must be a number, got "ten"');
    expect(points.section).toBe('rules');
    expect(points.items).toEqual([`rule:${r0!.id}`]);
  });

  it('puts a missing column from the compiler beside the rule column and the decay date column', () => {
    const draft = modelToDraft(starterModel());
    const compiled = compileModel(parsed(draftToInput(draft)), ['Lead', 'Budget'], { asOf: '2026-01-01' });
    expect(compiled.ok).toBe(false);
    if (compiled.ok) return;
    const located = locateProblems(compiled.problems, draft);
    const demo = draft.rules.find((r) => r.name === 'Requested a demo')!;
    expect(located.flatMap((l) => l.keys)).toContain(fieldKey('rule', demo.id, 'column'));
    expect(located.flatMap((l) => l.keys)).toContain(
      fieldKey('group', draft.groups[1]!.id, 'decay.dateColumn'),
    );
    expect(located.flatMap((l) => l.keys)).not.toContain(
      fieldKey('rule', draft.rules.find((r) => r.column === 'Budget')!.id, 'column'),
    );
  });
});

describe('bandStats', () => {
  it('counts leads per band, shares, and conversion among leads with a known outcome', () => {
    const model: Model = {
      name: 'm',
      groups: [{ name: 'G', kind: 'fit' }],
      rules: [{ name: 'per', group: 'G', column: 'Points', operator: 'per', points: 1 }],
      bands: [
        { name: 'Low', min: null },
        { name: 'Mid', min: 10 },
        { name: 'High', min: 20, salesReady: true },
      ],
      outcome: { column: 'Won', positive: ['yes'], negative: ['no'] },
    };
    const compiled = compileModel(model, ['Points', 'Won'], { asOf: '2026-01-01' });
    if (!compiled.ok) throw new Error('did not compile');
    const rows = [
      [1, 'no'],
      [2, 'yes'],
      [5, ''], // open: left out of the rate
      [15, 'yes'],
      [25, 'yes'],
      [30, 'no'],
      [40, 'yes'],
      [50, 'maybe'], // open
    ];
    const stats = bandStats(compiled.compiled, rows);
    expect(stats.total).toBe(8);
    expect(stats.bands.map((b) => b.count)).toEqual([3, 1, 4]);
    expect(stats.bands.map((b) => b.share)).toEqual([3 / 8, 1 / 8, 4 / 8]);
    expect(stats.bands.map((b) => b.rate)).toEqual([1 / 2, 1, 2 / 3]);
    expect(stats.bands.map((b) => b.salesReady)).toEqual([false, false, true]);
    expect(stats.salesReady).toBe(4);
    expect(stats.decided).toBe(6);
    expect(stats.converted).toBe(4);
    expect(percent(1 / 8)).toBe('12.5%');
    expect(percent(2 / 3)).toBe('66.7%');
    expect(percent(0)).toBe('0%');
  });

  it('has no rate for a band without known outcomes, and none at all without an outcome', () => {
    const model: Model = {
      name: 'm',
      groups: [{ name: 'G', kind: 'fit' }],
      rules: [],
      bands: [{ name: 'Only', min: null }],
    };
    const compiled = compileModel(model, ['A'], { asOf: '2026-01-01' });
    if (!compiled.ok) throw new Error('did not compile');
    const stats = bandStats(compiled.compiled, [['x'], ['y']]);
    expect(stats.bands[0]).toMatchObject({ count: 2, share: 1, decided: 0, rate: undefined });
    expect(stats.decided).toBe(0);
  });
});

describe('columnValues and remapping', () => {
  function withData(headers: string[], rows: (string | number | boolean)[][]): void {
    app.state = {
      model: null,
      modelProblems: [],
      revision: 'r',
      data: { sheetName: 'Leads', headers, rows, totalRows: rows.length },
      starterModel: starterModel(),
      versions: [],
      timeZone: 'UTC',
      today: '2026-01-01',
    };
    app.draft = modelToDraft(starterModel());
  }

  it('counts values as the engine compares them, most frequent first, with the range of a number column', () => {
    withData(
      ['Position', 'Budget'],
      [
        ['CEO', '$1,000'],
        [' ceo ', 500],
        ['Analyst', ''],
        ['', 'n/a'],
        ['Head of Ops', 20000],
      ],
    );
    const positions = columnValues('position')!;
    expect(positions.top.map((t) => [t.value, t.count])).toEqual([
      ['CEO', 2],
      ['Analyst', 1],
      ['Head of Ops', 1],
    ]);
    expect([positions.blank, positions.distinct, positions.range]).toEqual([1, 3, null]);
    expect(columnValues('Budget')!.range).toEqual({ min: 500, max: 20000, count: 3 });
    expect(columnValues('Missing')).toBeNull();

    expect(valuesNotInData(rule({ operator: 'one of', value: 'ceo, Chief Wizard' }), positions)).toEqual([
      'Chief Wizard',
    ]);
    expect(valuesNotInData(rule({ operator: 'contains', value: 'Head' }), positions)).toEqual([]);
    expect(valuesNotInData(rule({ operator: 'contains', value: 'Wizard' }), positions)).toEqual(['Wizard']);
    expect(valuesNotInData(rule({ operator: '>=', value: '7' }), positions)).toEqual([]);
  });

  it('marks the add-on outputs and the outcome column as no input, and remaps a column everywhere', () => {
    withData(['Position', 'Score', 'Converted'], []);
    expect(['Position', 'score', 'Band', 'Grade', 'Reasons', 'converted'].map(notAnInput)).toEqual([
      null,
      'the add-on’s output',
      'the add-on’s output',
      'the add-on’s output',
      'the add-on’s output',
      'the outcome column',
    ]);
    expect(usesOf('Last activity')).toEqual({ rules: 1, decays: 2 });
    remapEverywhere('last activity', 'Last touch');
    expect(usesOf('Last activity')).toEqual({ rules: 0, decays: 0 });
    expect(usesOf('Last touch')).toEqual({ rules: 1, decays: 2 });
    expect(app.draft.rules.filter((r) => r.column === 'Position')).toHaveLength(3);
  });
});

/** Every v2 addition at once: conditions with a nested group, event rules (one with where), weights, tiers,
 *  blank values, an override column and the activity log. */
function v2Model(): Model {
  return parsed({
    name: 'V2',
    settings: { blankValues: ['Select', 'n/a'], overrideColumn: 'Manual score' },
    groups: [
      { name: 'Fit', kind: 'fit', weight: 2, match: 'first' },
      {
        name: 'Web',
        kind: 'engagement',
        maxPoints: 40,
        decay: { dateColumn: 'Last', percent: 25, everyDays: 30 },
      },
    ],
    rules: [
      {
        name: 'Senior with budget',
        group: 'Fit',
        when: {
          all: [
            { column: 'Title', operator: 'contains', value: 'VP' },
            {
              any: [
                { column: 'Budget', operator: '>=', value: 10000 },
                { column: 'Urgent', operator: 'is true' },
              ],
            },
          ],
        },
        points: 10,
      },
      {
        name: 'Pricing 3+',
        group: 'Web',
        event: 'Pricing page',
        withinDays: 7,
        operator: '>=',
        value: 3,
        points: 15,
      },
      {
        name: 'Opens',
        group: 'Web',
        event: ['Email opened'],
        where: { any: [{ column: 'URL', operator: 'contains', value: '/pricing' }] },
        operator: 'per',
        points: 2,
        maxPoints: 10,
      },
      { name: 'Between', group: 'Web', event: 'Call', operator: 'between', value: [1, 2], points: 5 },
    ],
    bands: [
      { name: 'Cold', min: null },
      { name: 'Hot', min: 30 },
    ],
    activities: { leadKey: 'Email', activityKey: 'Lead email', typeColumn: 'Type', dateColumn: 'Date' },
  });
}

describe('draft: model language v2', () => {
  it('round-trips every v2 addition, keys in the contract order', () => {
    const model = v2Model();
    const input = draftToInput(modelToDraft(model));
    expect(parsed(input)).toEqual(model);
    expect(JSON.stringify(parsed(input))).toBe(JSON.stringify(model));
  });

  it('adds no v2 key to a v1 model', () => {
    const input = draftToInput(modelToDraft(starterModel()));
    const text = JSON.stringify(input);
    for (const key of ['weight', 'match', 'when', 'event', 'activities', 'blankValues', 'overrideColumn']) {
      expect(text).not.toContain(`"${key}"`);
    }
  });

  it('switching a rule between kinds loses nothing the user entered', () => {
    app.state = {
      model: null,
      modelProblems: [],
      revision: '',
      data: { sheetName: 'Leads', headers: ['Email', 'Title'], rows: [], totalRows: 0 },
      activities: { sheetName: 'Activities', headers: ['Lead', 'Activity', 'Date'], rows: [], totalRows: 0 },
      starterModel: starterModel(),
      versions: [],
      timeZone: 'UTC',
      today: '2026-12-01',
    };
    app.draft = modelToDraft(starterModel());
    const r = rule({ column: 'Title', operator: 'contains', value: 'VP' });
    switchKind(r, 'when');
    expect(r.when.items).toMatchObject([{ column: 'Title', operator: 'contains', value: 'VP' }]);
    switchKind(r, 'event');
    r.event = 'Visit';
    expect(app.draft.activitiesOn).toBe(true);
    expect(app.draft).toMatchObject({
      leadKey: 'Email',
      activityKey: 'Lead',
      typeColumn: 'Activity',
      dateColumn: 'Date',
    });
    switchKind(r, 'column');
    expect(r).toMatchObject({ column: 'Title', operator: 'contains', value: 'VP', event: 'Visit' });
    expect(draftToInput({ ...app.draft, rules: [r] }).rules).toEqual([
      { name: 'R', group: 'Fit', column: 'Title', operator: 'contains', value: 'VP', points: 5 },
    ]);
    app.state = null;
  });

  it('puts a condition’s problem beside that condition’s field, in plain words', () => {
    const draft = modelToDraft(v2Model());
    const first = draft.rules[0]!;
    const tree = first.when.items[1] as { items: { value: string }[] };
    tree.items[0]!.value = 'lots';
    const result = parseModel(draftToInput(draft));
    expect(result.ok).toBe(false);
    const located = locateProblems(result.ok ? [] : result.problems, draft);
    expect(located).toEqual([
      expect.objectContaining({
        keys: [fieldKey('rule', first.id, 'when.all[2].any[1].value')],
        short: 'value must be a number, got "lots"',
        section: 'rules',
      }),
    ]);
  });

  it('puts an activity setting’s problem beside its field', () => {
    const draft = modelToDraft(v2Model());
    draft.typeColumn = '';
    const result = parseModel(draftToInput(draft));
    const located = locateProblems(result.ok ? [] : result.problems, draft);
    expect(located).toEqual([
      expect.objectContaining({ keys: [fieldKey('activities', 0, 'typeColumn')], section: 'activities' }),
    ]);
  });
});
