// Under a rule's column: the column's most frequent values with counts and its numeric range, to pick into
// the rule (one of: add or remove; equals and text operators: set; between: the range), and which of the
// rule's values the data does not have.

import { cellText } from '../../core/cells';
import { formatPoints } from '../../core/engine';
import { OPERATOR_VALUE_KIND } from '../../core/model';
import { formatList, parseList } from '../../core/modelSheetCells';
import { type ColumnSource, type ColumnValues, columnValues } from '../columnValues';
import { hooks, view } from '../context';
import { h } from '../dom';
import { isOperator, type ValueTarget } from '../draft';
import { button } from '../fields';

function number(value: number): string {
  return formatPoints(value).replace(/^\+/, '');
}

/** The rule's values the data does not have (list and equality operators; "contains" checks inside). */
export function valuesNotInData(rule: ValueTarget, values: ColumnValues): string[] {
  if (!isOperator(rule.operator)) return [];
  const kind = OPERATOR_VALUE_KIND[rule.operator];
  if (kind !== 'list' && kind !== 'scalar' && kind !== 'text') return [];
  const items = kind === 'list' ? parseList(rule.value).map(String) : [rule.value.trim()];
  // "contains" and "contains any" look inside the cells; the others compare whole cells.
  const inside = kind === 'text' || rule.operator === 'contains any';
  const keys = [...values.keys];
  return items.filter((item) => {
    const text = cellText(item);
    if (text === '') return false;
    return inside ? !keys.some((key) => key.includes(text)) : !values.keys.has(text);
  });
}

function listHas(rule: ValueTarget, key: string): boolean {
  return parseList(rule.value).some((item) => cellText(item) === key);
}

function pick(rule: ValueTarget, value: string, key: string): void {
  const kind = isOperator(rule.operator) ? OPERATOR_VALUE_KIND[rule.operator] : 'none';
  if (kind === 'list') {
    const items = parseList(rule.value).map(String);
    const kept = items.filter((item) => cellText(item) !== key);
    rule.value = formatList(kept.length === items.length ? [...items, value] : kept, { textOnly: true });
  } else if (kind === 'none' || kind === 'range' || kind === 'days') {
    // A value picked under an operator that takes none (or numbers only): the rule becomes "one of" it.
    rule.operator = 'one of';
    rule.value = formatList([value], { textOnly: true });
  } else {
    rule.value = value;
  }
}

/** `source`: the table the column is in (a condition of an event rule's `where` reads the activity log). */
export function valuePicker(
  rule: ValueTarget,
  base: string,
  source: ColumnSource = 'leads',
  limit = 8,
): HTMLElement | null {
  const values = columnValues(rule.column, limit, source);
  if (!values) return null;
  const noun = source === 'leads' ? 'lead' : 'event';
  const kind = isOperator(rule.operator) ? OPERATOR_VALUE_KIND[rule.operator] : 'none';
  const box = h('div', { class: 'value-picker', testid: 'value-picker', id: `${base}-picker` });
  const filled = values.rows - values.blank;
  // Operators that look inside a cell are offered the parts of multi-value cells, not whole cells.
  const inside = kind === 'text' || rule.operator === 'contains any';
  const parts = inside ? values.parts : null;
  const offered = parts?.top ?? values.top;
  box.appendChild(
    h(
      'p',
      { class: 'hint', testid: 'value-picker-summary' },
      `In “${values.column}”: ${values.distinct} different value${values.distinct === 1 ? '' : 's'} in ${filled} of ${values.rows} ${noun}s` +
        (values.blank > 0 ? ` (${values.blank} blank)` : '') +
        (parts
          ? `. Cells hold several values separated by “${parts.separator}”; the most frequent parts (${noun}s with each):`
          : '. Pick one to put it in the rule:'),
    ),
  );
  const chips = h('ul', {
    class: 'value-chips',
    attrs: { 'aria-label': `Most frequent values in ${values.column}` },
  });
  offered.forEach((entry, index) => {
    const chosen = kind === 'list' ? listHas(rule, entry.key) : cellText(rule.value) === entry.key;
    const chip = button(`${entry.value} `, {
      id: `${base}-pick-${index}`,
      testid: 'value-chip',
      class: `chip${chosen ? ' chosen' : ''}`,
      ariaLabel: `${entry.value}: ${entry.count} ${noun}${entry.count === 1 ? '' : 's'}${kind === 'list' ? (chosen ? ', in the list (remove)' : ' (add to the list)') : ''}`,
      onClick: () => {
        pick(rule, entry.value, entry.key);
        hooks.changed();
        hooks.renderAll(`${base}-pick-${index}`);
      },
    });
    if (kind === 'list') chip.setAttribute('aria-pressed', chosen ? 'true' : 'false');
    chip.appendChild(h('span', { class: 'count' }, String(entry.count)));
    chips.appendChild(h('li', {}, chip));
  });
  box.appendChild(chips);
  if (values.range) {
    const { min, max } = values.range;
    box.appendChild(
      h(
        'div',
        { class: 'value-range' },
        h('span', { testid: 'value-range' }, `Numbers from ${number(min)} to ${number(max)}.`),
        kind === 'range'
          ? button('Use this range', {
              testid: 'use-range',
              class: 'link',
              onClick: () => {
                rule.min = String(min);
                rule.max = String(max);
                hooks.changed();
                hooks.renderAll(`${base}-value-min`);
              },
            })
          : null,
      ),
    );
  }
  // Updated as the user types the value, not only when the form is rebuilt.
  const note = h('p', { class: 'warning', testid: 'value-not-in-data', attrs: { role: 'status' } });
  const update = () => {
    const missing = valuesNotInData(rule, values);
    note.hidden = missing.length === 0;
    note.textContent =
      missing.length === 0
        ? ''
        : `Not in the data (${values.rows} ${noun}s): ${missing.map((item) => `“${item}”`).join(', ')}. Check the spelling, or the rule matches no lead yet.`;
  };
  update();
  view.onEvaluate.push(update);
  box.appendChild(note);
  return box;
}
