// The Conditions table: a rule's `when` (or an event rule's `where`) as one row per condition. `Part` names a
// nested all/any by its position (`2`, `2.1`; empty = the rule's top level) and `All or any` says how that
// part combines its items. A part whose items are all nested parts has no condition row of its own to say it,
// so it gets a row with only Rule, Part and All or any (issue 18: "(VP and 3+ opens) or (CEO and pricing)"
// read back as "and").
import type { ConditionNode, ConditionTree, Rule } from './model';
import { formatRuleValue } from './modelSheetCells';
import type { Cell } from './modelSheetLayout';

/** One row per condition, depth first, for every rule with a condition tree. */
export function conditionRows(rules: readonly Rule[]): Cell[][] {
  const rows: Cell[][] = [];
  for (const rule of rules) {
    const tree = rule.when ?? rule.where;
    if (tree !== undefined) writeTree(tree, rule.name, '', rows);
  }
  return rows;
}

function writeTree(tree: ConditionTree, rule: string, part: string, rows: Cell[][]): void {
  const mode = 'all' in tree ? 'all' : 'any';
  const items: ConditionNode[] = 'all' in tree ? tree.all : tree.any;
  if (items.every(isTree)) rows.push([rule, part, mode, '', '', '']);
  items.forEach((item, index) => {
    if (isTree(item)) writeTree(item, rule, part === '' ? String(index + 1) : `${part}.${index + 1}`, rows);
    else
      rows.push([rule, part, mode, item.column, item.operator, formatRuleValue(item.value, item.operator)]);
  });
}

function isTree(node: ConditionNode): node is ConditionTree {
  return 'all' in node || 'any' in node;
}

/** What the table reader needs from the sheet reader. */
export interface ConditionCells {
  text(r: number, c: number): string;
  cell(r: number, c: number): unknown;
  isBlank(r: number, c: number): boolean;
  /** The value cell at (r, c) read for `operator` (a problem for `subject` when it cannot be). */
  ruleValue(r: number, c: number, operator: string, subject: string): unknown;
  problem(r: number, c: number, subject: string, text: string): void;
}

export interface ConditionsTable {
  /** Per rule (by lower-cased name), its tree as raw keys for validation. */
  trees: Map<string, Record<string, unknown>>;
  /** Where each rule's rows start. */
  firstRows: Map<string, number>;
  /** The row each condition object came from (for cell addresses in messages). */
  rowOf: Map<object, number>;
}

type Part = { mode: string; modeKnown: boolean; items: unknown[] };

export function readConditionsTable(rows: readonly number[], cells: ConditionCells): ConditionsTable {
  const rowOf = new Map<object, number>();
  const parts = new Map<string, Map<string, Part>>();
  const firstRows = new Map<string, number>();
  for (const r of rows) {
    const rule = cells.text(r, 0);
    const key = rule.toLowerCase();
    const subject = `rule "${rule}"`;
    if (!firstRows.has(key)) firstRows.set(key, r);
    const byPart = parts.get(key) ?? new Map<string, Part>();
    parts.set(key, byPart);
    const path = cells.text(r, 1).replace(/\s+/g, '');
    if (path !== '' && !/^\d+(\.\d+)*$/.test(path)) {
      const got = cells.cell(r, 1);
      cells.problem(
        r,
        1,
        subject,
        `part must be empty or numbers such as 2 or 2.1, got ${typeof got === 'string' ? `"${got}"` : String(got)}`,
      );
      continue;
    }
    const typedMode = cells.text(r, 2).toLowerCase();
    // Make sure every enclosing part exists, each placed in its parent where it first appears. Until a row of
    // its own says how it combines, an enclosing part is "all" (as sheets written before issue 18 read).
    const segments = path === '' ? [] : path.split('.');
    for (let depth = 0; depth <= segments.length; depth++) {
      const id = segments.slice(0, depth).join('.');
      if (byPart.has(id)) continue;
      byPart.set(id, { mode: 'all', modeKnown: false, items: [] });
      if (depth > 0) byPart.get(segments.slice(0, depth - 1).join('.'))!.items.push(byPart.get(id));
    }
    const part = byPart.get(path)!;
    const mode = typedMode || part.mode;
    if (!part.modeKnown) {
      part.mode = mode;
      part.modeKnown = typedMode !== '';
    } else if (typedMode !== '' && part.mode !== typedMode) {
      cells.problem(
        r,
        2,
        subject,
        `part ${path || '(top)'} is "${part.mode}" on an earlier row, got "${typedMode}"`,
      );
    }
    // A row with no column, operator or value only says how its part combines.
    if ([3, 4, 5].every((c) => cells.isBlank(r, c))) continue;
    const operator = cells.text(r, 4).toLowerCase();
    const condition: Record<string, unknown> = { column: cells.text(r, 3), operator };
    const value = cells.ruleValue(r, 5, operator, subject);
    if (value !== undefined) condition.value = value;
    part.items.push(condition);
    rowOf.set(condition, r);
  }
  const toTree = (part: Part): Record<string, unknown> => ({
    [part.mode]: part.items.map((item) => (isPart(item) ? toTree(item) : item)),
  });
  const trees = new Map<string, Record<string, unknown>>();
  for (const [key, byPart] of parts) trees.set(key, toTree(byPart.get('')!));
  return { trees, firstRows, rowOf };
}

function isPart(item: unknown): item is Part {
  return typeof item === 'object' && item !== null && 'modeKnown' in item;
}
