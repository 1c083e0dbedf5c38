// A condition tree (contract v2 §2): a rule's `when` over the lead's columns, or an event rule's `where` over
// the activity log's columns. All/Any of column · operator · value rows and nested groups, at most
// MAX_DEPTH levels, each row with the rules' value editor and value picker.
import { OPERATOR_VALUE_KIND, OPERATORS } from '../../core/model';
import { type ColumnSource, headersOf, notAnInput } from '../columnValues';
import { hooks } from '../context';
import { h } from '../dom';
import {
  type DraftCondition,
  type DraftNode,
  type DraftRule,
  type DraftTree,
  emptyCondition,
  emptyTree,
  isOperator,
  isTree,
  readNumber,
} from '../draft';
import { button, columnField, errorSlot, selectField } from '../fields';
import { fieldKey } from '../problems';
import { valueEditor } from './ruleValue';
import { valuePicker } from './valuePicker';

/** Levels of all/any the contract allows (the top one included). */
export const MAX_DEPTH = 3;

export const CONDITION_OPERATORS = OPERATORS.filter((operator) => operator !== 'per');

interface TreeContext {
  rule: DraftRule;
  /** DOM id prefix of the rule's form. */
  base: string;
  source: ColumnSource;
}

/** A new condition on the first column the table offers. */
export function firstCondition(source: ColumnSource, skip: readonly string[] = []): DraftCondition {
  const headers = headersOf(source).filter((header) => !skip.includes(header));
  const column =
    headers.find((header) => source !== 'leads' || notAnInput(header) === null) ?? headersOf(source)[0] ?? '';
  return emptyCondition(column, 'is not blank');
}

/** `path`: the tree's key in the validator's words (`when`, `where`, `when.all[2]`), for problem keys. */
export function conditionTree(
  context: TreeContext,
  tree: DraftTree,
  path: string,
  depth = 1,
  remove?: () => void,
): HTMLElement {
  const { rule, base } = context;
  const id = `${base}-t${tree.id}`;
  const listPath = `${path}.${tree.mode}`;
  const items = h('ol', { class: 'cond-items' });
  tree.items.forEach((node, index) => {
    const itemPath = `${listPath}[${index + 1}]`;
    const joiner =
      index === 0 ? null : h('span', { class: 'cond-joiner' }, tree.mode === 'all' ? 'and' : 'or');
    const removeItem = () => {
      tree.items.splice(tree.items.indexOf(node), 1);
      hooks.changed();
      hooks.renderAll(`${id}-add`);
    };
    items.appendChild(
      h(
        'li',
        {},
        joiner,
        isTree(node)
          ? conditionTree(context, node, itemPath, depth + 1, removeItem)
          : conditionRow(context, node, itemPath, removeItem),
      ),
    );
  });
  const add = (node: DraftNode, focus: string) => {
    tree.items.push(node);
    hooks.changed();
    hooks.renderAll(focus);
  };
  const who = context.source === 'leads' ? 'The lead matches' : 'The event counts';
  return h(
    'div',
    { class: `cond-tree depth-${depth}`, testid: 'condition-group', id },
    h(
      'div',
      { class: 'cond-head' },
      selectField({
        id: `${id}-mode`,
        label: depth === 1 ? `${who} when` : 'This group holds when',
        testid: 'condition-mode',
        keys: [fieldKey('rule', rule.id, path)],
        value: tree.mode,
        choices: [
          { value: 'all', label: 'All of these hold' },
          { value: 'any', label: 'Any of these holds' },
        ],
        rerender: true,
        onChange: (value) => {
          tree.mode = value === 'any' ? 'any' : 'all';
        },
      }),
    ),
    errorSlot(fieldKey('rule', rule.id, listPath), `${id}-error`),
    items,
    h(
      'div',
      { class: 'actions' },
      button('+ Condition', {
        class: 'small secondary',
        id: `${id}-add`,
        testid: 'condition-add',
        ariaLabel: 'Add a condition',
        onClick: () => {
          const condition = firstCondition(context.source);
          add(condition, `${base}-c${condition.id}-column`);
        },
      }),
      depth < MAX_DEPTH
        ? button('+ Group', {
            class: 'small secondary',
            testid: 'condition-add-group',
            ariaLabel: 'Add a group of conditions (the other of all/any)',
            title: 'A nested group, e.g. any of two titles inside all of the conditions',
            onClick: () => {
              const nested = emptyTree(tree.mode === 'all' ? 'any' : 'all');
              const condition = firstCondition(context.source);
              nested.items.push(condition);
              add(nested, `${base}-c${condition.id}-column`);
            },
          })
        : null,
      remove
        ? button('Remove group', {
            class: 'small danger',
            testid: 'condition-group-remove',
            ariaLabel: 'Remove this group of conditions',
            onClick: remove,
          })
        : null,
    ),
  );
}

function conditionRow(
  context: TreeContext,
  condition: DraftCondition,
  path: string,
  remove: () => void,
): HTMLElement {
  const { rule, source } = context;
  const base = `${context.base}-c${condition.id}`;
  const key = (field: string) => [fieldKey('rule', rule.id, `${path}.${field}`)];
  const operator = isOperator(condition.operator) ? condition.operator : undefined;
  return h(
    'div',
    { class: 'condition', testid: 'condition' },
    columnField({
      id: `${base}-column`,
      label: 'Column',
      testid: 'condition-column',
      keys: key('column'),
      value: condition.column,
      source,
      notFor: source === 'leads' ? notAnInput : undefined,
      rerender: true,
      onChange: (value) => {
        condition.column = value;
      },
    }),
    selectField({
      id: `${base}-operator`,
      label: 'Operator',
      testid: 'condition-operator',
      keys: key('operator'),
      value: condition.operator,
      choices: CONDITION_OPERATORS.map((op) => ({ value: op, label: op })),
      rerender: true,
      onChange: (value) => {
        if (isOperator(value) && OPERATOR_VALUE_KIND[value] === 'range' && condition.min === '') {
          const number = readNumber(condition.value);
          if (typeof number === 'number') condition.min = String(number);
        }
        condition.operator = value;
      },
    }),
    valueEditor(condition, operator, base, fieldKey('rule', rule.id, `${path}.value`)),
    valuePicker(condition, base, source, 5),
    errorSlot(fieldKey('rule', rule.id, path), `${base}-error`),
    h(
      'div',
      { class: 'actions' },
      button('Remove condition', {
        class: 'small danger',
        testid: 'condition-remove',
        onClick: remove,
      }),
    ),
  );
}

/** A condition tree in a line: `Title contains VP and (Budget >= 10000 or Urgency is true)`. */
export function treeSummary(tree: DraftTree, nested = false): string {
  const parts = tree.items.map((node) => (isTree(node) ? treeSummary(node, true) : conditionSummary(node)));
  const text = parts.join(tree.mode === 'all' ? ' and ' : ' or ');
  return nested && parts.length > 1 ? `(${text})` : text;
}

function conditionSummary(condition: DraftCondition): string {
  const kind = isOperator(condition.operator) ? OPERATOR_VALUE_KIND[condition.operator] : 'scalar';
  const value =
    kind === 'range'
      ? `${condition.min || '?'}–${condition.max || '?'}`
      : kind === 'none'
        ? ''
        : condition.value;
  return [condition.column, condition.operator, value].filter((part) => part.trim() !== '').join(' ');
}
