// Condition trees (contract v2 §2): a rule's `when` over the lead's row, an event rule's `where` over an
// activity row. Compiled once into closures over resolved column indexes.

import type { DayOfDate } from '../cells';
import type { ConditionNode, ConditionTree, Operator } from '../model';
import { describeCondition, describeTest, showCellFor } from './describe';
import { type AsOfClock, compileTest } from './operators';

/** How the model reads cells in one table: blank values applied, Dates in the sheet's zone. */
export interface CellReading {
  /** The cell as the model sees it: a blank value (`Select`, `n/a`) becomes ''. */
  readonly read: (cell: unknown) => unknown;
  readonly text: (cell: unknown) => string;
  readonly day: (cell: unknown) => number | undefined;
  /** The model's as-of day (option, settings.asOf, else today). */
  readonly asOfDay: number;
  /** The day the lead being read is judged on: asOfDay, or its own (contract v2 §9). */
  readonly clock: AsOfClock;
  readonly dayOfDate: DayOfDate;
}

export type RowTest = (cells: readonly unknown[]) => boolean;

/** A compiled tree, for scoring (`test`) and for explaining (`explain`). */
export interface CompiledTree {
  readonly test: RowTest;
  /** The conditions as a user reads them: `Title contains VP and Budget ≥ 10,000`. */
  readonly shown: string;
  /** What held (when the tree holds) or what failed (when it does not), with the cells. */
  explain(cells: readonly unknown[]): string;
  /** Whether it joins several items (so it needs brackets inside another tree). */
  readonly joins: boolean;
}

/** Finds a column by header; reports (and returns undefined) when the table lacks it. */
export type ColumnFinder = (column: string, field: string) => number | undefined;

export function isTree(node: ConditionNode): node is ConditionTree {
  return 'all' in node || 'any' in node;
}

export function compileTree(
  tree: ConditionTree,
  field: string,
  findColumn: ColumnFinder,
  reading: CellReading,
): CompiledTree | undefined {
  const all = 'all' in tree;
  const items = all ? (tree as { all: ConditionNode[] }).all : (tree as { any: ConditionNode[] }).any;
  const compiled: CompiledTree[] = [];
  let ok = true;
  items.forEach((node, index) => {
    const itemField = `${field}.${all ? 'all' : 'any'}[${index + 1}]`;
    const item = isTree(node)
      ? compileTree(node, itemField, findColumn, reading)
      : compileCondition(node.column, node.operator, node.value, itemField, findColumn, reading);
    if (item === undefined) ok = false;
    else compiled.push(item);
  });
  if (!ok) return undefined;
  const tests = compiled.map((item) => item.test);
  const test: RowTest = all
    ? (cells) => {
        for (const itemTest of tests) if (!itemTest(cells)) return false;
        return true;
      }
    : (cells) => {
        for (const itemTest of tests) if (itemTest(cells)) return true;
        return false;
      };
  const joiner = all ? ' and ' : ' or ';
  const wrap = (item: CompiledTree, text: string) => (item.joins ? `(${text})` : text);
  const shown = compiled.map((item) => wrap(item, item.shown)).join(joiner);
  return {
    test,
    shown,
    joins: compiled.length > 1,
    explain(cells) {
      const holds = test(cells);
      // What decided it: for a holding `all` every item; for a failing `all` the failing items; for a
      // holding `any` the items that held; for a failing `any` every item.
      const deciding = compiled.filter((item) =>
        all ? holds || !item.test(cells) : !holds || item.test(cells),
      );
      const parts = deciding.map((item) => wrap(item, item.explain(cells)));
      if (holds) return parts.join(joiner);
      return all || parts.length === 1 ? parts.join('; ') : `none of: ${parts.join('; ')}`;
    },
  };
}

function compileCondition(
  column: string,
  operator: Operator,
  value: unknown,
  field: string,
  findColumn: ColumnFinder,
  reading: CellReading,
): CompiledTree | undefined {
  const index = findColumn(column, `${field}.column`);
  if (index === undefined) return undefined;
  const cellTest = compileTest(operator, value as never, reading.text, reading.day, reading.clock);
  const read = reading.read;
  const test: RowTest = (cells) => cellTest(read(cells[index]));
  const shown = describeCondition(column, operator, value);
  return {
    test,
    shown,
    joins: false,
    explain: (cells) => {
      const cell = read(cells[index]);
      const shownCell = showCellFor(operator, cell, reading.dayOfDate, reading.day);
      if (!cellTest(cell)) return `${column} is ${shownCell}, needs ${describeTest(operator, value)}`;
      const blankTest = operator === 'is blank' || operator === 'is not blank';
      return describeCondition(column, operator, value, blankTest ? undefined : shownCell);
    },
  };
}

/** Whether a condition tree counts days (`within days`, `older than days`), so depends on the as-of day. */
export function treeCountsDays(tree: ConditionTree): boolean {
  const items = 'all' in tree ? tree.all : tree.any;
  return items.some((item) =>
    isTree(item)
      ? treeCountsDays(item)
      : item.operator === 'within days' || item.operator === 'older than days',
  );
}

/** Every column a condition tree reads, in order, each once. */
export function treeColumns(tree: ConditionTree, into: string[] = []): string[] {
  const items = 'all' in tree ? tree.all : tree.any;
  for (const item of items) {
    if (isTree(item)) treeColumns(item, into);
    else if (!into.includes(item.column)) into.push(item.column);
  }
  return into;
}
