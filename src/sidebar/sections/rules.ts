// The Rules section: a compact list, one rule open at a time, with its form.
import { formatPoints } from '../../core/engine';
import { OPERATOR_VALUE_KIND, OPERATORS } from '../../core/model';
import { nameKey } from '../../core/validate';
import { columnValues, notAnInput } from '../columnValues';
import { app, hooks, view } from '../context';
import { h } from '../dom';
import {
  blankRule,
  type DraftRule,
  duplicateRule,
  emptyCondition,
  isOperator,
  isTree,
  move,
  RULE_KINDS,
  type RuleKind,
  readNumber,
  uniqueName,
} from '../draft';
import { button, checkField, columnField, errorSlot, section, selectField, textField } from '../fields';
import { fieldKey } from '../problems';
import { setUpActivities } from './activities';
import { CONDITION_OPERATORS, conditionTree, firstCondition, treeSummary } from './conditions';
import { eventFields, eventSummary } from './eventRule';
import { remapColumn } from './remap';
import { valueEditor } from './ruleValue';
import { valuePicker } from './valuePicker';

/** The weight of the rule's group in the draft (1 when absent or not a number yet). */
function groupWeight(rule: DraftRule): number {
  const group = app.draft.groups.find((g) => nameKey(g.name) === nameKey(rule.group));
  const weight = readNumber(group?.weight ?? '');
  return typeof weight === 'number' ? weight : 1;
}

/** What a lead gets: the rule's points × its group's weight ("+8 × 2 = +16" when the weight is not 1). */
export function pointsLabel(rule: DraftRule): string {
  if (!rule.enabled) return 'off';
  const points = readNumber(rule.points);
  if (typeof points !== 'number') return rule.points.trim() === '' ? '?' : rule.points;
  const per =
    rule.kind === 'event' ? rule.countOperator === 'per' : rule.kind === 'column' && rule.operator === 'per';
  const weight = groupWeight(rule);
  const each = per ? ' each' : '';
  if (weight === 1) return `${formatPoints(points)}${each}`;
  return `${formatPoints(points)} × ${weight} = ${formatPoints(points * weight)}${each}`;
}

export function pointsSign(rule: DraftRule): string {
  const points = readNumber(rule.points);
  if (typeof points !== 'number') return ' negative'; // not a number yet: shown in red as well
  return points < 0 ? ' negative' : '';
}

export function ruleMeta(rule: DraftRule): string {
  if (rule.kind === 'when') return rule.when.items.length === 0 ? '(no condition)' : treeSummary(rule.when);
  if (rule.kind === 'event') return eventSummary(rule);
  const words = columnRuleWords(rule);
  if (words !== null) return words;
  const value =
    isOperator(rule.operator) && OPERATOR_VALUE_KIND[rule.operator] === 'range'
      ? `${rule.min || '?'}–${rule.max || '?'}`
      : isOperator(rule.operator) && OPERATOR_VALUE_KIND[rule.operator] === 'none'
        ? ''
        : rule.value;
  return [rule.column, rule.operator, value].filter((part) => part.trim() !== '').join(' ');
}

const SYMBOLS: Record<string, string> = { '>': '>', '>=': '≥', '<': '<', '<=': '≤', equals: '=' };

/** "3 points per email open", "no activity for 90+ days", "Last visit in the last 30 days", "Budget ≥ 10000";
 *  null for the operators whose plain "column operator value" already reads well. */
function columnRuleWords(rule: DraftRule): string | null {
  const column = rule.column.trim();
  const value = rule.value.trim();
  if (column === '') return null;
  if (rule.operator === 'per') {
    const points = readNumber(rule.points);
    const amount = typeof points === 'number' ? `${formatPoints(points).replace(/^\+/, '')}` : '?';
    const unit = column.toLowerCase().replace(/s$/, '');
    return `${amount} point${amount === '1' || amount === '−1' ? '' : 's'} per ${unit}`;
  }
  if (rule.operator === 'older than days') {
    const last = /^last\s+(.+)$/i.exec(column);
    return last
      ? `no ${last[1]!.toLowerCase()} for ${value || '?'}+ days`
      : `${column} ${value || '?'}+ days ago`;
  }
  if (rule.operator === 'within days') return `${column} in the last ${value || '?'} days`;
  const symbol = SYMBOLS[rule.operator];
  if (symbol !== undefined && value !== '') return `${column} ${symbol} ${value}`;
  return null;
}

export function rulesSection(): HTMLElement {
  const draft = app.draft;
  const list = h('ol', { class: 'rule-list', testid: 'rule-list' });
  draft.rules.forEach((rule, index) => {
    list.appendChild(ruleItem(rule, index));
  });
  return section(
    'rules',
    'Rules',
    h('p', { class: 'hint' }, 'A lead gets a rule’s points when its cell matches. Select a rule to edit it.'),
    errorSlot(fieldKey('model', 0, 'rules'), 'rules-error'),
    draft.rules.length === 0 ? h('p', { class: 'muted' }, 'No rules yet.') : null,
    list,
    button('Add rule', {
      testid: 'add-rule',
      id: 'add-rule',
      class: 'secondary',
      onClick: () => {
        const headers = (app.state?.data?.headers ?? []).map(String).filter((header) => header.trim() !== '');
        const rule = blankRule({
          name: uniqueName(
            'New rule',
            draft.rules.map((r) => r.name),
          ),
          group: draft.groups[0]?.name ?? '',
          column: headers.find((header) => notAnInput(header) === null) ?? '',
          operator: 'is not blank',
          points: '5',
        });
        draft.rules.push(rule);
        app.expandedRule = rule.id;
        hooks.changed();
        hooks.renderAll(`rule-${rule.id}-name`);
      },
    }),
  );
}

export function ruleItem(rule: DraftRule, index: number): HTMLElement {
  const expanded = app.expandedRule === rule.id;
  const name = h('span', { class: 'rule-name' }, rule.name || '(no name)');
  const points = h('span', { class: `rule-points${pointsSign(rule)}` }, pointsLabel(rule));
  const meta = h('span', { class: 'rule-meta' }, ruleMeta(rule));
  const mark = h('span', { class: 'item-mark', attrs: { hidden: true } }, '!');
  view.ruleSummaries.set(rule.id, { name, points, meta });
  view.itemMarks.set(`rule:${rule.id}`, mark);
  const toggle = h(
    'button',
    {
      id: `rule-${rule.id}-toggle`,
      testid: 'rule-row',
      class: 'rule-row',
      attrs: {
        type: 'button',
        'aria-expanded': expanded ? 'true' : 'false',
        'aria-controls': expanded ? `rule-${rule.id}-form` : undefined,
      },
      on: {
        click: () => {
          app.expandedRule = expanded ? null : rule.id;
          hooks.renderAll(`rule-${rule.id}-toggle`);
        },
      },
    },
    h('span', { class: 'rule-line' }, mark, name, points),
    meta,
  );
  return h(
    'li',
    {
      class: `rule-item${expanded ? ' expanded' : ''}${rule.enabled ? '' : ' off'}`,
      attrs: { 'data-index': String(index) },
    },
    toggle,
    expanded ? ruleForm(rule, index) : null,
  );
}

export function ruleForm(rule: DraftRule, index: number): HTMLElement {
  const draft = app.draft;
  const base = `rule-${rule.id}`;
  const key = (field: string | undefined) => [fieldKey('rule', rule.id, field)];
  const groupChoices = draft.groups.map((group) => ({ value: group.name, label: group.name }));
  const moveBy = (delta: number) => {
    const at = draft.rules.indexOf(rule);
    if (move(draft.rules, at, delta)) {
      hooks.changed();
      hooks.renderAll(`${base}-${delta < 0 ? 'up' : 'down'}`);
    }
  };
  return h(
    'div',
    { class: 'rule-form', id: `${base}-form`, testid: 'rule-form' },
    textField({
      id: `${base}-name`,
      label: 'Rule name',
      testid: 'rule-name',
      keys: key('name'),
      value: rule.name,
      onInput: (value) => {
        rule.name = value;
      },
    }),
    checkField({
      id: `${base}-enabled`,
      label: 'Rule counts (enabled)',
      testid: 'rule-enabled',
      keys: key('enabled'),
      checked: rule.enabled,
      onChange: (checked) => {
        rule.enabled = checked;
        view.root?.querySelector(`[data-index="${index}"]`)?.classList.toggle('off', !checked);
      },
    }),
    selectField({
      id: `${base}-group`,
      label: 'Group',
      testid: 'rule-group',
      keys: key('group'),
      value: rule.group,
      choices: groupChoices,
      onChange: (value) => {
        rule.group = value;
      },
    }),
    selectField({
      id: `${base}-kind`,
      label: 'The rule reads',
      testid: 'rule-kind',
      hint: 'Switching keeps what you entered for the other kinds: switch back to get it again.',
      value: rule.kind,
      choices: RULE_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] })),
      rerender: true,
      onChange: (value) => switchKind(rule, value as RuleKind),
    }),
    ...(rule.kind === 'when'
      ? [conditionTree({ rule, base, source: 'leads' }, rule.when, 'when')]
      : rule.kind === 'event'
        ? eventFields(rule, base)
        : columnFields(rule, base)),
    h(
      'div',
      { class: 'row2' },
      textField({
        id: `${base}-points`,
        label: 'Points',
        testid: 'rule-points',
        numeric: true,
        keys: key('points'),
        hint: pointsHint(rule),
        value: rule.points,
        onInput: (value) => {
          rule.points = value;
        },
      }),
      textField({
        id: `${base}-max`,
        label: 'Max points',
        testid: 'rule-max',
        numeric: true,
        keys: key('maxPoints'),
        hint: 'Optional cap.',
        value: rule.maxPoints,
        onInput: (value) => {
          rule.maxPoints = value;
        },
      }),
    ),
    perRuleWarning(rule),
    errorSlot(fieldKey('rule', rule.id, '*'), `${base}-error`),
    h(
      'div',
      { class: 'actions' },
      button('↑ Up', {
        class: 'small',
        id: `${base}-up`,
        testid: 'rule-up',
        ariaLabel: 'Move rule up',
        disabled: index === 0,
        onClick: () => moveBy(-1),
      }),
      button('↓ Down', {
        class: 'small',
        id: `${base}-down`,
        testid: 'rule-down',
        ariaLabel: 'Move rule down',
        disabled: index === draft.rules.length - 1,
        onClick: () => moveBy(1),
      }),
      positionSelect(rule, index, base),
      button('Duplicate', {
        class: 'small',
        testid: 'rule-duplicate',
        onClick: () => {
          const copy = duplicateRule(
            rule,
            draft.rules.map((r) => r.name),
          );
          draft.rules.splice(draft.rules.indexOf(rule) + 1, 0, copy);
          app.expandedRule = copy.id;
          hooks.changed();
          hooks.renderAll(`rule-${copy.id}-name`);
        },
      }),
      button('Delete', {
        testid: 'rule-delete',
        class: 'danger small',
        ariaLabel: 'Delete rule',
        onClick: () => {
          draft.rules.splice(draft.rules.indexOf(rule), 1);
          app.expandedRule = null;
          hooks.changed();
          hooks.renderAll('add-rule');
        },
      }),
    ),
  );
}

/** Under a `per` rule: a warning when its points × the column's largest value (× the group's weight, after
 *  the rule's cap) are far more than the model's whole score range, e.g. 3 points per employee on a head
 *  count of 2,863. Updated as the points, cap or weight are typed. */
function perRuleWarning(rule: DraftRule): HTMLElement | null {
  if (rule.kind !== 'column') return null;
  const box = h('p', { class: 'message warning', testid: 'rule-per-warning', attrs: { hidden: true } });
  const update = () => {
    const values = rule.operator === 'per' ? columnValues(rule.column) : null;
    const points = readNumber(rule.points);
    const cap = readNumber(rule.maxPoints);
    const low = readNumber(app.draft.minScore);
    const high = readNumber(app.draft.maxScore);
    const range = (typeof high === 'number' ? high : 100) - (typeof low === 'number' ? low : 0);
    const largest = values?.range ? Math.max(Math.abs(values.range.min), Math.abs(values.range.max)) : 0;
    let most = typeof points === 'number' ? Math.abs(points) * largest : 0;
    if (typeof cap === 'number') most = Math.min(most, Math.abs(cap));
    most *= Math.abs(groupWeight(rule));
    box.hidden = !(range > 0 && most > 2 * range);
    if (box.hidden || !values?.range) return;
    const show = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 2 });
    box.textContent =
      `"${rule.column}" goes from ${show(values.range.min)} to ${show(values.range.max)}: this rule can give ` +
      `${show(most)} points, far more than the model's range of ${show(range)}. Set Max points, cap its group, ` +
      'or score bands of the column with between instead.';
  };
  update();
  view.onEvaluate.push(update);
  return box;
}

/** Moves the rule straight to a position (in a tiers group the first matching rule counts: order matters). */
function positionSelect(rule: DraftRule, index: number, base: string): HTMLElement {
  const rules = app.draft.rules;
  const select = h('select', {
    id: `${base}-position`,
    testid: 'rule-position',
    class: 'small rule-position',
  });
  rules.forEach((other, i) => {
    const label =
      i === index ? `Position ${i + 1}` : `${i + 1}${i < index ? ', before' : ', after'} ${other.name}`;
    const option = h('option', { attrs: { value: String(i) } }, label);
    option.selected = i === index;
    select.appendChild(option);
  });
  select.addEventListener('change', () => {
    const target = Number(select.value);
    const at = rules.indexOf(rule);
    if (!Number.isInteger(target) || at < 0 || target === at) return;
    rules.splice(at, 1);
    rules.splice(target, 0, rule);
    hooks.changed();
    hooks.renderAll(`${base}-position`);
  });
  return h(
    'span',
    {},
    h('label', { class: 'sr-only', attrs: { for: `${base}-position` } }, 'Move rule to position'),
    select,
  );
}

const KIND_LABELS: Record<RuleKind, string> = {
  column: 'One column',
  when: 'Several columns (conditions)',
  event: 'Events in the activity log',
};

function pointsHint(rule: DraftRule): string {
  if (rule.kind === 'column' && rule.operator === 'per') return 'Per unit in the cell.';
  if (rule.kind === 'event' && rule.countOperator === 'per') return 'Per counted event.';
  if (rule.kind === 'when') return 'When the conditions hold. Negative subtracts.';
  return 'Negative subtracts.';
}

/** Another kind of test for the rule. What the user entered for the kind left stays in the draft; a new
 *  kind starts from it where it can (a column test becomes the first condition, and back). */
export function switchKind(rule: DraftRule, kind: RuleKind): void {
  if (kind === 'when' && rule.when.items.length === 0) {
    if (rule.column.trim() !== '') {
      const usable = (CONDITION_OPERATORS as readonly string[]).includes(rule.operator);
      const condition = emptyCondition(rule.column, usable ? rule.operator : 'is not blank');
      if (usable) Object.assign(condition, { value: rule.value, min: rule.min, max: rule.max });
      rule.when.items.push(condition);
    } else rule.when.items.push(firstCondition('leads'));
  }
  if (kind === 'column' && rule.column.trim() === '') {
    const first = rule.when.items[0];
    if (first !== undefined && !isTree(first)) {
      Object.assign(rule, {
        column: first.column,
        operator: first.operator,
        value: first.value,
        min: first.min,
        max: first.max,
      });
    }
  }
  if (kind === 'event') {
    // Only with a log to read: without one, the form says so and the model gains no setting.
    if (!app.draft.activitiesOn && app.state?.activities) setUpActivities();
    if (rule.countOperator !== 'per' && rule.countOperator !== 'between' && rule.countValue === '') {
      rule.countValue = '1';
    }
  }
  rule.kind = kind;
}

/** A one-column rule: the column, its operator, the value and the values of the data to pick from. */
function columnFields(rule: DraftRule, base: string): HTMLElement[] {
  const key = (field: string | undefined) => [fieldKey('rule', rule.id, field)];
  const operator = isOperator(rule.operator) ? rule.operator : undefined;
  const parts = [
    columnField({
      id: `${base}-column`,
      label: 'Column',
      testid: 'rule-column',
      keys: key('column'),
      value: rule.column,
      notFor: notAnInput,
      rerender: true,
      onChange: (value) => {
        rule.column = value;
      },
    }),
    remapColumn(rule.column, `${base}-remap`),
    selectField({
      id: `${base}-operator`,
      label: 'Operator',
      testid: 'rule-operator',
      keys: key('operator'),
      value: rule.operator,
      choices: OPERATORS.map((op) => ({ value: op, label: op })),
      rerender: true,
      onChange: (value) => {
        if (
          isOperator(value) &&
          OPERATOR_VALUE_KIND[value] === 'range' &&
          rule.min === '' &&
          rule.max === ''
        ) {
          const number = readNumber(rule.value);
          if (typeof number === 'number') rule.min = String(number);
        }
        rule.operator = value;
      },
    }),
    valueEditor(rule, operator, base, fieldKey('rule', rule.id, 'value')),
    valuePicker(rule, base),
  ];
  return parts.filter((part): part is HTMLElement => part !== null);
}
