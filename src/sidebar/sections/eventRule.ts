// An event rule's fields (contract v2 §6): event types picked from the log's own values with their counts,
// the window, the count test, and an optional `where` on the log's columns.
import { EVENT_OPERATORS } from '../../core/model';
import { app } from '../context';
import { h } from '../dom';
import type { DraftRule, ValueTarget } from '../draft';
import { checkField, selectField, textField } from '../fields';
import { fieldKey } from '../problems';
import { activityLogNote } from './activities';
import { conditionTree, firstCondition, treeSummary } from './conditions';
import { valuePicker } from './valuePicker';

/** How each count test reads in the form and in the rule list. */
export const COUNT_LABELS: Record<(typeof EVENT_OPERATORS)[number], string> = {
  per: 'points per event',
  '>': 'more than',
  '>=': 'at least',
  '<': 'fewer than',
  '<=': 'at most',
  equals: 'exactly',
  'not equals': 'not exactly',
  between: 'between',
};

/** The rule's event types as a list value on the log's type column, so that the value picker adds and
 *  removes types with their counts, and says which typed types the log does not have. */
function eventTypes(rule: DraftRule): ValueTarget {
  return {
    get column() {
      return app.draft.typeColumn;
    },
    operator: 'one of',
    get value() {
      return rule.event;
    },
    set value(text: string) {
      rule.event = text;
    },
    min: '',
    max: '',
  };
}

export function eventFields(rule: DraftRule, base: string): HTMLElement[] {
  const key = (field: string) => [fieldKey('rule', rule.id, field)];
  const operator = rule.countOperator;
  const count =
    operator === 'per'
      ? h(
          'p',
          { class: 'hint', testid: 'count-per' },
          'Points for each counted event; Max points caps the total.',
        )
      : operator === 'between'
        ? h(
            'div',
            { class: 'row2' },
            textField({
              id: `${base}-count-min`,
              label: 'From (events)',
              testid: 'rule-count-min',
              numeric: true,
              keys: key('value'),
              value: rule.countMin,
              onInput: (value) => {
                rule.countMin = value;
              },
            }),
            textField({
              id: `${base}-count-max`,
              label: 'To (events)',
              testid: 'rule-count-max',
              numeric: true,
              value: rule.countMax,
              onInput: (value) => {
                rule.countMax = value;
              },
            }),
          )
        : textField({
            id: `${base}-count`,
            label: 'Events',
            testid: 'rule-count',
            numeric: true,
            keys: key('value'),
            hint: operator === 'equals' ? '0 = none in the window.' : undefined,
            value: rule.countValue,
            onInput: (value) => {
              rule.countValue = value;
            },
          });
  return [
    activityLogNote(),
    textField({
      id: `${base}-event`,
      label: 'Event types (comma-separated)',
      testid: 'rule-event',
      keys: key('event'),
      hint: 'Events of any of these types count.',
      value: rule.event,
      onInput: (value) => {
        rule.event = value;
      },
    }),
    app.draft.typeColumn === '' ? null : valuePicker(eventTypes(rule), `${base}-event`, 'activities', 12),
    textField({
      id: `${base}-within`,
      label: 'Within the last (days)',
      testid: 'rule-within',
      numeric: true,
      keys: key('withinDays'),
      hint: 'Empty = any time before the scoring date.',
      value: rule.withinDays,
      onInput: (value) => {
        rule.withinDays = value;
      },
    }),
    selectField({
      id: `${base}-count-operator`,
      label: 'Count',
      testid: 'rule-count-operator',
      keys: key('operator'),
      value: rule.countOperator,
      choices: EVENT_OPERATORS.map((op) => ({ value: op, label: COUNT_LABELS[op] })),
      rerender: true,
      onChange: (value) => {
        if (value === 'between' && rule.countMin === '') rule.countMin = rule.countValue;
        if (value !== 'per' && value !== 'between' && rule.countValue === '') rule.countValue = rule.countMin;
        rule.countOperator = value;
      },
    }),
    count,
    checkField({
      id: `${base}-where-on`,
      label: 'Only events where…',
      testid: 'rule-where-on',
      keys: key('where'),
      checked: rule.whereOn,
      rerender: true,
      onChange: (checked) => {
        rule.whereOn = checked;
        if (checked && rule.where.items.length === 0) {
          const { activityKey, typeColumn, dateColumn } = app.draft;
          const condition = firstCondition('activities', [activityKey, typeColumn, dateColumn]);
          condition.operator = 'contains';
          rule.where.items.push(condition);
        }
      },
    }),
    rule.whereOn ? conditionTree({ rule, base, source: 'activities' }, rule.where, 'where') : null,
  ].filter((part): part is HTMLElement => part !== null);
}

/** An event rule in a line: `Visited pricing page at least 3 in 7 days`. */
export function eventSummary(rule: DraftRule): string {
  const label = COUNT_LABELS[rule.countOperator as keyof typeof COUNT_LABELS] ?? rule.countOperator;
  const count =
    rule.countOperator === 'per'
      ? 'each'
      : rule.countOperator === 'between'
        ? `${label} ${rule.countMin || '?'}–${rule.countMax || '?'}`
        : `${label} ${rule.countValue || '?'}`;
  const window = rule.withinDays.trim() === '' ? '' : ` in ${rule.withinDays.trim()} days`;
  const where = rule.whereOn && rule.where.items.length > 0 ? ` where ${treeSummary(rule.where)}` : '';
  return `${rule.event || '(no event type)'}: ${count}${window}${where}`;
}
