// A rule's value, in the shape its operator takes: none, a list, two ends, days, a number or text.
import { OPERATOR_VALUE_KIND, type OPERATORS } from '../../core/model';
import { view } from '../context';
import { h } from '../dom';
import type { ValueTarget } from '../draft';
import { errorSlot, textField } from '../fields';

export const NO_VALUE_HINTS: Record<string, string> = {
  'is blank': 'Matches an empty cell. No value needed.',
  'is not blank': 'Matches any filled-in cell. No value needed.',
  'is true': 'Matches yes, true, y, x or a number other than 0.',
  'is false': 'Matches no, false, n or 0.',
  per: 'Points are multiplied by the number in the cell (0 when it is not a number).',
};

/** `valueKey`: the problem key shown beside the value (a rule's `value`, a condition's `when.all[1].value`). */
export function valueEditor(
  rule: ValueTarget,
  operator: (typeof OPERATORS)[number] | undefined,
  base: string,
  valueKey: string,
): HTMLElement {
  const keys = [valueKey];
  const kind = operator ? OPERATOR_VALUE_KIND[operator] : 'none';
  const setValue = (value: string) => {
    rule.value = value;
  };
  switch (kind) {
    case 'none': {
      const box = h(
        'div',
        { class: 'hint value-none', testid: 'rule-value-none' },
        NO_VALUE_HINTS[rule.operator] ?? '',
      );
      return h('div', { class: 'field' }, box, errorSlot(keys[0]!, `${base}-value-error`));
    }
    case 'list':
      return textField({
        id: `${base}-value`,
        label: 'Values (comma-separated)',
        testid: 'rule-value',
        keys,
        hint: 'Put an item that contains a comma in "quotes".',
        value: rule.value,
        onInput: setValue,
      });
    case 'range': {
      const wrap = h(
        'div',
        { class: 'row2' },
        textField({
          id: `${base}-value-min`,
          label: 'From',
          testid: 'rule-value-min',
          numeric: true,
          value: rule.min,
          onInput: (value) => {
            rule.min = value;
          },
        }),
        textField({
          id: `${base}-value-max`,
          label: 'To',
          testid: 'rule-value-max',
          numeric: true,
          value: rule.max,
          onInput: (value) => {
            rule.max = value;
          },
        }),
      );
      const error = errorSlot(keys[0]!, `${base}-value-error`);
      for (const input of wrap.querySelectorAll('input')) {
        input.setAttribute('aria-describedby', `${base}-value-error`);
      }
      view.slots.set(keys[0]!, { error, input: wrap.querySelector('input') ?? undefined });
      return h('div', { class: 'field' }, wrap, h('div', { class: 'hint' }, 'Both ends count.'), error);
    }
    case 'days':
      return textField({
        id: `${base}-value`,
        label: 'Days',
        testid: 'rule-value',
        numeric: true,
        keys,
        hint:
          operator === 'within days'
            ? 'Dates from this many days ago up to today.'
            : 'Dates more than this many days ago.',
        value: rule.value,
        onInput: setValue,
      });
    case 'number':
      return textField({
        id: `${base}-value`,
        label: 'Number',
        testid: 'rule-value',
        numeric: true,
        keys,
        value: rule.value,
        onInput: setValue,
      });
    default:
      return textField({
        id: `${base}-value`,
        label: kind === 'text' ? 'Text' : 'Value',
        testid: 'rule-value',
        keys,
        hint: 'Not case-sensitive.',
        value: rule.value,
        onInput: setValue,
      });
  }
}
