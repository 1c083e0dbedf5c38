// Validation of what a rule or condition tests: an operator, the value it needs, and condition trees
// (contract v2 §2) of `all`/`any` over conditions. Problems in words a marketer can act on.

import {
  type Condition,
  type ConditionNode,
  type ConditionTree,
  OPERATOR_VALUE_KIND,
  OPERATORS,
  type Operator,
  type RuleScalar,
  type RuleValue,
} from './model';
import {
  checkKeys,
  describe,
  type Issue,
  isAbsent,
  isNumber,
  isRecord,
  nameKey,
  readText,
} from './validateBasics';

const CONDITION_KEYS = ['column', 'operator', 'value'];
/** Levels of `all`/`any` a condition tree may have (contract v2 §2). */
export const MAX_CONDITION_DEPTH = 3;

const KNOWN_OPERATORS = OPERATORS.map((operator) => `"${operator}"`).join(', ');

export function readOperator(value: unknown, issue: Issue): Operator | undefined {
  const known = KNOWN_OPERATORS;
  if (isAbsent(value)) {
    issue('operator', `operator is missing; use one of: ${known}`);
    return undefined;
  }
  // Marketers type operators into cells: "Equals" or "one  of" mean what they say.
  const typed = typeof value === 'string' ? nameKey(value).replace(/\s+/g, ' ') : undefined;
  const operator = OPERATORS.find((candidate) => candidate === typed);
  if (operator === undefined)
    issue('operator', `operator ${describe(value)} is not known; use one of: ${known}`);
  return operator;
}

function readScalar(value: unknown): RuleScalar | undefined {
  if (isNumber(value)) return value;
  if (typeof value === 'string' && value.trim() !== '') return value;
  return undefined;
}

/** The value a rule's operator needs; `undefined` both when none is needed and on a problem. */
export function readRuleValue(
  value: unknown,
  operator: Operator,
  issue: Issue,
): { ok: boolean; value?: RuleValue } {
  const kind = OPERATOR_VALUE_KIND[operator];
  const fail = (detail: string) => {
    issue('value', detail);
    return { ok: false };
  };
  const blankHint = ' (to find blank cells, use "is blank")';
  if (kind === 'none') {
    return isAbsent(value)
      ? { ok: true }
      : fail(`value must be left empty: "${operator}" takes no value, got ${describe(value)}`);
  }
  if (isAbsent(value)) {
    const needs: Record<Exclude<typeof kind, 'none'>, string> = {
      scalar: 'text or a number',
      list: 'a list of texts or numbers',
      text: 'a text',
      number: 'a number',
      range: 'two numbers [min, max]',
      days: 'a whole number of days',
    };
    return fail(`value is missing: "${operator}" needs ${needs[kind]}`);
  }
  switch (kind) {
    case 'scalar': {
      const scalar = readScalar(value);
      if (scalar !== undefined) return { ok: true, value: scalar };
      if (typeof value === 'string') return fail(`value must not be empty${blankHint}`);
      return fail(`value must be text or a number, got ${describe(value)}`);
    }
    case 'text': {
      if (isNumber(value)) return { ok: true, value };
      if (typeof value !== 'string') return fail(`value must be text, got ${describe(value)}`);
      if (value.trim() === '') return fail(`value must not be empty${blankHint}`);
      return { ok: true, value };
    }
    case 'list': {
      if (!Array.isArray(value)) return fail(`value must be a list, got ${describe(value)}`);
      if (value.length === 0) return fail('value must list at least one item');
      const list: RuleScalar[] = [];
      let ok = true;
      value.forEach((item, index) => {
        const scalar = readScalar(item);
        if (scalar !== undefined) list.push(scalar);
        else {
          ok = false;
          const problem =
            typeof item === 'string'
              ? 'must not be empty'
              : `must be text or a number, got ${describe(item)}`;
          issue('value', `value item ${index + 1} ${problem}`);
        }
      });
      return ok ? { ok: true, value: list } : { ok: false };
    }
    case 'number':
      return isNumber(value) ? { ok: true, value } : fail(`value must be a number, got ${describe(value)}`);
    case 'range': {
      const shape = 'value must be two numbers [min, max] with min no more than max';
      if (!Array.isArray(value) || value.length !== 2) return fail(`${shape}, got ${describe(value)}`);
      const [min, max] = value;
      if (!isNumber(min) || !isNumber(max)) {
        return fail(`${shape}, got [${describe(min)}, ${describe(max)}]`);
      }
      if (min > max) return fail(`${shape}, got [${min}, ${max}]`);
      return { ok: true, value: [min, max] };
    }
    case 'days':
      return isNumber(value) && Number.isInteger(value) && value >= 0
        ? { ok: true, value }
        : fail(`value must be a whole number of days, 0 or more, got ${describe(value)}`);
  }
}

/** `{ all: [...] }` or `{ any: [...] }` of conditions and nested trees, at most MAX_CONDITION_DEPTH levels. */
export function readConditionTree(
  value: unknown,
  field: string,
  issue: Issue,
  depth = 1,
): ConditionTree | undefined {
  const shape = `${field} must be { "all": [...] } or { "any": [...] }`;
  if (!isRecord(value)) {
    issue(field, `${shape}, got ${describe(value)}`);
    return undefined;
  }
  const keys = Object.keys(value);
  const mode = keys.length === 1 && (keys[0] === 'all' || keys[0] === 'any') ? keys[0] : undefined;
  if (mode === undefined) {
    issue(field, `${shape}, got the keys ${keys.map((key) => `"${key}"`).join(', ') || 'none'}`);
    return undefined;
  }
  const listField = `${field}.${mode}`;
  if (depth > MAX_CONDITION_DEPTH) {
    issue(listField, `conditions nest at most ${MAX_CONDITION_DEPTH} levels of all/any deep`);
    return undefined;
  }
  const items = value[mode];
  if (!Array.isArray(items)) {
    issue(listField, `${listField} must be a list of conditions, got ${describe(items)}`);
    return undefined;
  }
  if (items.length === 0) {
    issue(listField, `${listField} must list at least one condition`);
    return undefined;
  }
  const nodes: ConditionNode[] = [];
  let ok = true;
  items.forEach((item, index) => {
    const itemField = `${listField}[${index + 1}]`;
    const node =
      isRecord(item) && ('all' in item || 'any' in item)
        ? readConditionTree(item, itemField, issue, depth + 1)
        : readCondition(item, itemField, issue);
    if (node === undefined) ok = false;
    else nodes.push(node);
  });
  if (!ok) return undefined;
  return mode === 'all' ? { all: nodes } : { any: nodes };
}

function readCondition(value: unknown, field: string, issue: Issue): Condition | undefined {
  if (!isRecord(value)) {
    issue(
      field,
      `condition ${field} must be a set of keys (column, operator, value), got ${describe(value)}`,
    );
    return undefined;
  }
  const conditionIssue: Issue = (key, detail) =>
    issue(key === undefined ? field : `${field}.${key}`, `condition ${field}: ${detail}`);
  checkKeys(value, CONDITION_KEYS, conditionIssue);
  const column = readText(value.column, 'column', conditionIssue);
  const operator = readOperator(value.operator, conditionIssue);
  if (operator === 'per') {
    conditionIssue(
      'operator',
      '"per" counts points per unit, so it cannot be a condition; use it in a rule of its own',
    );
    return undefined;
  }
  const read = operator === undefined ? { ok: false } : readRuleValue(value.value, operator, conditionIssue);
  if (column === undefined || operator === undefined || !read.ok) return undefined;
  const condition: Condition = { column, operator };
  if (read.value !== undefined) condition.value = read.value;
  return condition;
}
