// Issue 18: nested all/any in the Conditions table. "(VP and 3+ opens) or CEO" became unreadable and
// "(VP and 3+ opens) or (CEO and pricing page)" read back as "and". Every tree shape up to the contract's depth
// (3 levels of all/any, 1–2 items each: 7,564 shapes) now reads back as written.
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { ConditionNode, ConditionTree, Model } from '../../src/core/model';
import { gridToModel, MODEL_SHEET_NAME, modelToGrid } from '../../src/core/modelSheet';

const source = { sheetName: MODEL_SHEET_NAME, dateToIso: (d: Date) => d.toISOString().slice(0, 10) };

const vp: ConditionNode = { column: 'Title', operator: 'equals', value: 'VP' };
const opens: ConditionNode = { column: 'Email opens', operator: '>=', value: 3 };
const ceo: ConditionNode = { column: 'Title', operator: 'equals', value: 'CEO' };
const pricing: ConditionNode = { column: 'Visited pricing', operator: 'is true' };

function modelWith(when: ConditionTree, extra: Partial<Model> = {}): Model {
  return {
    name: 'Shapes',
    groups: [{ name: 'Fit', kind: 'fit' }],
    rules: [{ name: 'Senior and engaged', group: 'Fit', points: 10, when }],
    bands: [{ name: 'Cold', min: null }],
    ...extra,
  };
}

function readBack(model: Model) {
  const read = gridToModel(modelToGrid(model).values, source);
  return read.ok ? read.model : read.problems.map((p) => p.message);
}

function conditionsTable(model: Model) {
  const { values, layout } = modelToGrid(model);
  const table = layout.sections.Conditions!;
  return values.slice(table.firstRow, table.endRow).map((row) => row.slice(0, 6));
}

/** Every tree of at most `depth` levels whose lists have 1 or 2 items, each a condition or a smaller tree. */
function allShapes(depth: number): ConditionTree[] {
  const items: ConditionNode[] = [vp, ...(depth > 1 ? allShapes(depth - 1) : [])];
  const lists: ConditionNode[][] = [
    ...items.map((a) => [a]),
    ...items.flatMap((a) => items.map((b) => [a, b])),
  ];
  return lists.flatMap((list): ConditionTree[] => [{ all: list }, { any: list }]);
}

describe('nested conditions in the model sheet', () => {
  it('"(VP and 3+ opens) or CEO" reads back (it made the model sheet unreadable)', () => {
    const model = modelWith({ any: [{ all: [vp, opens] }, ceo] });
    expect(readBack(model)).toEqual(model);
    expect(conditionsTable(model)).toEqual([
      ['Senior and engaged', '1', 'all', 'Title', 'equals', 'VP'],
      ['Senior and engaged', '1', 'all', 'Email opens', '>=', 3],
      ['Senior and engaged', '', 'any', 'Title', 'equals', 'CEO'],
    ]);
  });

  it('"(VP and 3+ opens) or (CEO and pricing page)" reads back as "or" (it read back as "and")', () => {
    const model = modelWith({ any: [{ all: [vp, opens] }, { all: [ceo, pricing] }] });
    expect(readBack(model)).toEqual(model);
    // The top level has no condition of its own, so a row says how it combines.
    expect(conditionsTable(model)).toEqual([
      ['Senior and engaged', '', 'any', '', '', ''],
      ['Senior and engaged', '1', 'all', 'Title', 'equals', 'VP'],
      ['Senior and engaged', '1', 'all', 'Email opens', '>=', 3],
      ['Senior and engaged', '2', 'all', 'Title', 'equals', 'CEO'],
      ['Senior and engaged', '2', 'all', 'Visited pricing', 'is true', ''],
    ]);
  });

  it('every shape of nested all/any up to 3 levels reads back as written, in a rule and in an event filter', () => {
    const shapes = allShapes(3);
    expect(shapes).toHaveLength(7564);
    const activities = { leadKey: 'Email', activityKey: 'Email', typeColumn: 'Type', dateColumn: 'Date' };
    const wrong: string[] = [];
    for (const when of shapes) {
      const model = modelWith(when);
      if (!isDeepStrictEqual(readBack(model), model)) wrong.push(JSON.stringify(when));
      const eventModel: Model = {
        ...model,
        activities,
        rules: [{ name: 'Visits', group: 'Fit', points: 1, event: 'Visit', where: when, operator: 'per' }],
      };
      if (!isDeepStrictEqual(readBack(eventModel), eventModel)) wrong.push(`where ${JSON.stringify(when)}`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('a sheet written before the fix still reads as it did', () => {
    // Old sheets have no "how it combines" rows: a part without conditions of its own was read as "all".
    const grid = modelToGrid(modelWith({ all: [{ any: [vp, ceo] }, opens] })).values;
    expect(gridToModel(grid, source)).toEqual({
      ok: true,
      model: modelWith({ all: [{ any: [vp, ceo] }, opens] }),
    });
  });

  it('two rows that disagree on how one part combines are refused at the second', () => {
    const model = modelWith({ any: [{ all: [vp, opens] }, ceo] });
    const grid = modelToGrid(model).values.map((row) => [...row]);
    const row = grid.findIndex((r) => r[0] === 'Senior and engaged' && r[3] === 'Email opens');
    grid[row]![2] = 'any';
    const read = gridToModel(grid, source);
    expect(read.ok ? [] : read.problems.map((p) => p.message)).toEqual([
      `'Lead Scoring Model'!C${row + 1}: rule "Senior and engaged": part 1 is "all" on an earlier row, got "any"`,
    ]);
  });
});

describe('the Column cell of a rule', () => {
  it('a column named like an events cell or "(conditions)" stays a column', () => {
    const model: Model = {
      name: 'Columns',
      activities: { leadKey: 'Email', activityKey: 'Email', typeColumn: 'Type', dateColumn: 'Date' },
      groups: [{ name: 'Fit', kind: 'fit' }],
      rules: [
        { name: 'A', group: 'Fit', column: 'Events attended', operator: '>', value: 2, points: 5 },
        { name: 'B', group: 'Fit', column: '(conditions)', operator: 'is not blank', points: 1 },
        { name: 'C', group: 'Fit', column: 'Column: notes', operator: 'is not blank', points: 1 },
        { name: 'D', group: 'Fit', event: 'Demo in 3 days', operator: 'per', points: 1 },
        { name: 'E', group: 'Fit', event: ['007', 'Webinar'], withinDays: 30, operator: 'per', points: 1 },
      ],
      bands: [{ name: 'Cold', min: null }],
    };
    expect(readBack(model)).toEqual(model);
    const cells = modelToGrid(model).values.filter((row) =>
      ['A', 'B', 'C', 'D', 'E'].includes(String(row[0])),
    );
    expect(cells.map((row) => row[2])).toEqual([
      'column: Events attended',
      'column: (conditions)',
      'column: Column: notes',
      'events "Demo in 3 days"',
      'events 007, Webinar in 30 days',
    ]);
  });
});
