import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/core/model';
import { formatList, gridToModel, MODEL_SHEET_NAME, modelToGrid, parseList } from '../../src/core/modelSheet';
import { blankModel, starterModel } from '../../src/core/starterModel';

const source = { sheetName: MODEL_SHEET_NAME, dateToIso: (d: Date) => d.toISOString().slice(0, 10) };

function roundTrip(model: Model): Model {
  const result = gridToModel(modelToGrid(model).values, source);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.model;
}

/** The grid with one cell changed, as a marketer would type it. */
function edit(model: Model, find: (row: unknown[]) => boolean, column: number, value: unknown): unknown[][] {
  const grid = modelToGrid(model).values.map((row) => [...row]) as unknown[][];
  const row = grid.find(find);
  if (!row) throw new Error('row not found');
  row[column] = value;
  return grid;
}

describe('the model sheet', () => {
  it('round-trips the starter model exactly', () => {
    expect(roundTrip(starterModel())).toEqual(starterModel());
  });

  it("round-trips groups, rules and bands named like the sheet's tables", () => {
    const model = starterModel();
    const titles = ['Activities', 'Rules', 'Bands', 'Outcome', 'Settings', 'Grades', 'Conditions'];
    const firstGroup = model.groups[0]?.name;
    model.groups = model.groups.map((g) => (g.name === firstGroup ? { ...g, name: 'Activities' } : g));
    model.rules = model.rules.map((rule, i) => ({
      ...rule,
      name: titles[i] ?? rule.name,
      group: rule.group === firstGroup ? 'Activities' : rule.group,
    }));
    model.bands = model.bands.map((b, i) => (i === 0 ? { ...b, name: 'Outcome' } : b));
    expect(roundTrip(model)).toEqual(model);
  });

  it('round-trips a model with every optional part and awkward values', () => {
    const model: Model = {
      name: 'Edge cases',
      settings: { minScore: -10, maxScore: 120, asOf: '2026-06-30' },
      groups: [
        { name: 'Fit', kind: 'fit' },
        {
          name: 'Web',
          kind: 'engagement',
          maxPoints: 45,
          decay: { dateColumn: 'Last seen', percent: 12.5, everyDays: 7 },
        },
      ],
      rules: [
        {
          name: 'Industry',
          group: 'Fit',
          column: 'Industry',
          operator: 'one of',
          value: ['Acme, Inc', 'Say "hi"', '42', 7],
          points: 10,
        },
        {
          name: 'Mid size',
          group: 'Fit',
          column: 'Employees',
          operator: 'between',
          value: [-5, 1200.5],
          points: 4,
          maxPoints: 9,
        },
        {
          name: 'Recent',
          group: 'Web',
          column: 'Last seen',
          operator: 'within days',
          value: 30,
          points: 3,
          enabled: false,
        },
        { name: 'Visits', group: 'Web', column: 'Visits', operator: 'per', points: -1.5 },
        { name: 'Exact', group: 'Fit', column: 'Plan', operator: 'equals', value: 'Pro', points: 1 },
      ],
      bands: [
        { name: 'Low', min: null },
        { name: 'High', min: 50, salesReady: true },
      ],
      grades: [
        { name: 'B', min: null },
        { name: 'A', min: 20 },
      ],
      outcome: { column: 'Won?', positive: ['yes', '1'], negative: ['no'] },
    };
    expect(roundTrip(model)).toEqual(model);
  });

  it('round-trips the blank model (no rules, no outcome)', () => {
    expect(roundTrip(blankModel())).toEqual(blankModel());
  });

  it('names the cell of a points value that is not a number', () => {
    const grid = edit(starterModel(), (r) => r[0] === 'Requested a demo', 5, 'ten');
    const result = gridToModel(grid, source);
    expect(result.ok).toBe(false);
    const row = grid.findIndex((r) => r[0] === 'Requested a demo') + 1;
    expect(!result.ok && result.problems.map((p) => p.message)).toEqual([
      `'Lead Scoring Model'!F${row}: rule "Requested a demo": points must be a number, got "ten"`,
    ]);
  });

  it('names the cell of problems found by validation (an unknown group), with every problem listed', () => {
    let grid = edit(starterModel(), (r) => r[0] === 'Read the blog', 1, 'Blogging');
    grid = grid.map((r) => (r[0] === 'Manager' ? r.map((c, i) => (i === 3 ? 'resembles' : c)) : r));
    const result = gridToModel(grid, source);
    expect(result.ok).toBe(false);
    const messages = result.ok ? [] : result.problems.map((p) => p.message);
    const blogRow = grid.findIndex((r) => r[0] === 'Read the blog') + 1;
    const managerRow = grid.findIndex((r) => r[0] === 'Manager') + 1;
    expect(
      messages.some((m) => m.startsWith(`'Lead Scoring Model'!B${blogRow}: `) && m.includes('Blogging')),
    ).toBe(true);
    expect(
      messages.some((m) => m.startsWith(`'Lead Scoring Model'!D${managerRow}: `) && m.includes('resembles')),
    ).toBe(true);
  });

  it('keeps a rule typed into a new row on: an empty or unticked "Switched off" box', () => {
    const grid = modelToGrid(starterModel()).values.map((row) => [...row]) as unknown[][];
    const demo = grid.findIndex((r) => r[0] === 'Requested a demo');
    grid.splice(demo + 1, 0, [
      'Booked a call',
      'Web activity',
      'Activities',
      'contains',
      'call',
      25,
      '',
      false,
    ]);
    grid.splice(demo + 1, 0, [
      'Replied',
      'Email engagement',
      'Email status',
      'equals',
      'Replied',
      10,
      '',
      '',
    ]);
    const result = gridToModel(grid, source);
    expect(result.ok).toBe(true);
    const rules = result.ok
      ? result.model.rules.filter((r) => r.name === 'Booked a call' || r.name === 'Replied')
      : [];
    expect(rules.map((r) => r.enabled ?? true)).toEqual([true, true]);
  });

  it('reads what a marketer types: numbers as text, ticks as words, extra blank rows', () => {
    const grid = modelToGrid(starterModel()).values.map((row) => [...row]) as unknown[][];
    const demo = grid.findIndex((r) => r[0] === 'Requested a demo');
    (grid[demo] as unknown[])[5] = ' 25 ';
    (grid[demo] as unknown[])[7] = 'yes'; // switched off
    grid.splice(demo, 0, ['', '', '', '', '', '', '', '']);
    const result = gridToModel(grid, source);
    expect(result.ok).toBe(true);
    const rule = result.ok ? result.model.rules.find((r) => r.name === 'Requested a demo') : undefined;
    expect(rule).toMatchObject({ points: 25, enabled: false });
  });

  it('reads a date typed in the As of cell as that calendar day', () => {
    const grid = modelToGrid(starterModel()).values.map((row) => [...row]) as unknown[][];
    const asOf = grid.find((r) => r[0] === 'As of date') as unknown[];
    asOf[1] = new Date(Date.UTC(2026, 5, 30, 15, 0));
    const result = gridToModel(grid, source);
    expect(result.ok && result.model.settings?.asOf).toBe('2026-06-30');
  });

  it('refuses a sheet without its tables, saying what is missing', () => {
    const result = gridToModel([['Hello']], source);
    expect(!result.ok && result.problems[0]?.message).toMatch(/no "Groups" or "Rules" or "Bands" table/);
  });
});

describe('lists in a cell', () => {
  it('splits on commas, keeps quoted commas and quotes, turns plain numbers into numbers', () => {
    expect(parseList('Software, Logistics')).toEqual(['Software', 'Logistics']);
    expect(parseList('"Acme, Inc", "Say ""hi""", 3, "4"')).toEqual(['Acme, Inc', 'Say "hi"', 3, '4']);
    expect(parseList(' , a ,, b ')).toEqual(['a', 'b']);
  });
  it('formats so that parsing gives the same list', () => {
    const items = ['Acme, Inc', 'x"y', 12, '12', ' padded '];
    expect(parseList(formatList(items))).toEqual(items);
  });
});

describe('ranges in a cell', () => {
  const model = (): Model => ({
    ...blankModel(),
    rules: [
      {
        name: 'Mid size',
        group: 'Fit',
        column: 'Employees',
        operator: 'between',
        value: [1000, 20000],
        points: 5,
      },
    ],
  });
  it('accepts thousands separators when the numbers are joined by "to" or a dash', () => {
    for (const typed of ['1,000 to 20,000', '1,000 – 20,000', '1000–20000', '1000, 20000']) {
      const grid = edit(model(), (r) => r[0] === 'Mid size', 4, typed);
      const result = gridToModel(grid, source);
      expect(result.ok && result.model.rules[0]?.value, typed).toEqual([1000, 20000]);
    }
  });
  it('writes a range as "min to max"', () => {
    expect(modelToGrid(model()).values.find((r) => r[0] === 'Mid size')?.[4]).toBe('1000 to 20000');
  });
});

describe('a cleared name', () => {
  it('a rule, group, band or grade whose name was cleared is named by its cell', () => {
    const model = starterModel();
    const grid = modelToGrid(model).values.map((row) => [...row]) as unknown[][];
    const rowOf = (name: string) => grid.findIndex((row) => row[0] === name);
    const ruleRow = rowOf(model.rules[1]!.name);
    const bandRow = rowOf(model.bands[1]!.name);
    grid[ruleRow]![0] = '';
    grid[bandRow]![0] = ' ';
    const read = gridToModel(grid, source);
    expect(read.ok ? [] : read.problems.map((p) => p.message)).toEqual([
      `'Lead Scoring Model'!A${ruleRow + 1}: rule 2: name must not be empty`,
      `'Lead Scoring Model'!A${bandRow + 1}: band 2: name must not be empty`,
    ]);
  });
});
