// The editing sections: rules (a compact list, one rule open at a time), groups, bands, grades, outcome,
// and the model's name and score range.
import { formatPoints } from '../core/engine';
import { GROUP_KINDS, OPERATOR_VALUE_KIND, OPERATORS } from '../core/model';
import { nameKey } from '../core/validate';
import { app, hooks, view } from './context';
import { h } from './dom';
import {
  type DraftGroup,
  type DraftRule,
  duplicateRule,
  isOperator,
  move,
  nextId,
  readNumber,
  uniqueName,
} from './draft';
import { button, checkField, columnField, errorSlot, section, selectField, textField } from './fields';
import { fieldKey } from './problems';

export function modelSection(): HTMLElement {
  const draft = app.draft;
  const today = app.state?.today ?? '';
  return section(
    'model',
    'Model and score range',
    textField({
      id: 'model-name',
      label: 'Model name',
      testid: 'model-name',
      keys: [fieldKey('model', 0, 'name'), fieldKey('model', 0, '*')],
      value: draft.name,
      onInput: (value) => {
        draft.name = value;
      },
    }),
    h(
      'div',
      { class: 'row2' },
      textField({
        id: 'settings-min',
        label: 'Lowest score',
        testid: 'settings-min',
        numeric: true,
        keys: [fieldKey('settings', 0, 'minScore')],
        value: draft.minScore,
        onInput: (value) => {
          draft.minScore = value;
        },
      }),
      textField({
        id: 'settings-max',
        label: 'Highest score',
        testid: 'settings-max',
        numeric: true,
        keys: [fieldKey('settings', 0, 'maxScore')],
        value: draft.maxScore,
        onInput: (value) => {
          draft.maxScore = value;
        },
      }),
    ),
    textField({
      id: 'settings-asof',
      label: 'Score as of (date)',
      testid: 'settings-asof',
      type: 'date',
      keys: [
        fieldKey('settings', 0, 'asOf'),
        fieldKey('settings', 0, 'timeZone'),
        fieldKey('settings', 0, '*'),
      ],
      hint: `Empty = today${today ? ` (${today})` : ''}. Set a date to score as of that day.`,
      value: draft.asOf,
      onInput: (value) => {
        draft.asOf = value;
      },
    }),
  );
}

export function groupsSection(): HTMLElement {
  const draft = app.draft;
  const cards = draft.groups.map((group, index) => groupCard(group, index));
  return section(
    'groups',
    'Groups',
    h(
      'p',
      { class: 'hint' },
      'Rules belong to a group. Fit groups score who the lead is (and make the grade), engagement groups what the lead did. A group can cap its points and let old activity count for less (decay).',
    ),
    errorSlot(fieldKey('model', 0, 'groups'), 'groups-error'),
    ...cards,
    button('Add group', {
      testid: 'add-group',
      class: 'secondary',
      id: 'add-group',
      onClick: () => {
        const name = uniqueName(
          'New group',
          draft.groups.map((g) => g.name),
        );
        draft.groups.push({
          id: nextId(),
          name,
          kind: 'engagement',
          maxPoints: '',
          decayOn: false,
          decayColumn: '',
          decayPercent: '25',
          decayEvery: '30',
        });
        hooks.changed();
        hooks.renderAll(`group-${draft.groups[draft.groups.length - 1]!.id}-name`);
      },
    }),
  );
}

export function groupCard(group: DraftGroup, index: number): HTMLElement {
  const draft = app.draft;
  const base = `group-${group.id}`;
  const key = (field: string | undefined) => [fieldKey('group', group.id, field)];
  const used = draft.rules.filter((rule) => nameKey(rule.group) === nameKey(group.name)).length;
  const mark = h('span', { class: 'item-mark', attrs: { hidden: true } }, '!');
  view.itemMarks.set(`group:${group.id}`, mark);
  let nameAtFocus = group.name;
  const name = textField({
    id: `${base}-name`,
    label: 'Group name',
    testid: `group-${index}-name`,
    keys: key('name'),
    value: group.name,
    onInput: (value) => {
      group.name = value;
    },
  });
  const nameInput = name.querySelector('input')!;
  nameInput.addEventListener('focus', () => {
    nameAtFocus = group.name;
  });
  // A renamed group takes its rules along (once the new name is committed).
  nameInput.addEventListener('change', () => {
    const old = nameKey(nameAtFocus);
    const others = draft.groups.some((g) => g !== group && nameKey(g.name) === old);
    if (old === nameKey(group.name) || others) return;
    for (const rule of draft.rules) if (nameKey(rule.group) === old) rule.group = group.name;
    nameAtFocus = group.name;
    hooks.changed();
    hooks.renderAll();
  });
  const decayFields = group.decayOn
    ? h(
        'div',
        { class: 'subfields' },
        columnField({
          id: `${base}-decay-column`,
          label: 'Date column',
          testid: `group-${index}-decay-column`,
          keys: key('decay.dateColumn'),
          value: group.decayColumn,
          onChange: (value) => {
            group.decayColumn = value;
          },
        }),
        h(
          'div',
          { class: 'row2' },
          textField({
            id: `${base}-decay-percent`,
            label: '% lost per period',
            testid: `group-${index}-decay-percent`,
            numeric: true,
            keys: key('decay.percent'),
            value: group.decayPercent,
            onInput: (value) => {
              group.decayPercent = value;
            },
          }),
          textField({
            id: `${base}-decay-every`,
            label: 'Period (days)',
            testid: `group-${index}-decay-every`,
            numeric: true,
            keys: key('decay.everyDays'),
            value: group.decayEvery,
            onInput: (value) => {
              group.decayEvery = value;
            },
          }),
        ),
      )
    : null;
  return h(
    'div',
    { class: 'card', testid: 'group-card' },
    h('div', { class: 'card-title' }, mark, h('span', {}, `Group ${index + 1}`)),
    name,
    h(
      'div',
      { class: 'row2' },
      selectField({
        id: `${base}-kind`,
        label: 'Kind',
        testid: `group-${index}-kind`,
        keys: key('kind'),
        value: group.kind,
        choices: GROUP_KINDS.map((kind) => ({
          value: kind,
          label: kind === 'fit' ? 'Fit' : 'Engagement',
        })),
        onChange: (value) => {
          group.kind = value;
        },
      }),
      textField({
        id: `${base}-max`,
        label: 'Max points',
        testid: `group-${index}-max`,
        numeric: true,
        keys: key('maxPoints'),
        value: group.maxPoints,
        onInput: (value) => {
          group.maxPoints = value;
        },
      }),
    ),
    checkField({
      id: `${base}-decay`,
      label: 'Older activity counts for less (decay)',
      testid: `group-${index}-decay`,
      keys: key('decay'),
      checked: group.decayOn,
      rerender: true,
      onChange: (checked) => {
        group.decayOn = checked;
        if (checked && group.decayColumn === '') group.decayColumn = guessDateColumn();
      },
    }),
    decayFields,
    errorSlot(fieldKey('group', group.id, '*'), `${base}-error`),
    h(
      'div',
      { class: 'actions' },
      used > 0 ? h('span', { class: 'hint' }, `${used} rule${used === 1 ? '' : 's'}`) : null,
      button('Delete group', {
        testid: `group-${index}-delete`,
        class: 'danger',
        ariaLabel: `Delete group ${group.name}`,
        onClick: () => {
          draft.groups.splice(draft.groups.indexOf(group), 1);
          hooks.changed();
          hooks.renderAll('add-group');
        },
      }),
    ),
  );
}

export function guessDateColumn(): string {
  const headers = (app.state?.data?.headers ?? []).map(String);
  return headers.find((header) => /date|last|activity|when/i.test(header)) ?? '';
}

export function pointsLabel(rule: DraftRule): string {
  if (!rule.enabled) return 'off';
  const points = readNumber(rule.points);
  if (typeof points !== 'number') return rule.points.trim() === '' ? '?' : rule.points;
  return rule.operator === 'per' ? `${formatPoints(points)} each` : formatPoints(points);
}

export function pointsSign(rule: DraftRule): string {
  const points = readNumber(rule.points);
  if (typeof points !== 'number') return ' negative'; // not a number yet: shown in red as well
  return points < 0 ? ' negative' : '';
}

export function ruleMeta(rule: DraftRule): string {
  const value =
    isOperator(rule.operator) && OPERATOR_VALUE_KIND[rule.operator] === 'range'
      ? `${rule.min || '?'}–${rule.max || '?'}`
      : isOperator(rule.operator) && OPERATOR_VALUE_KIND[rule.operator] === 'none'
        ? ''
        : rule.value;
  return [rule.column, rule.operator, value].filter((part) => part.trim() !== '').join(' ');
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
        const rule: DraftRule = {
          id: nextId(),
          name: uniqueName(
            'New rule',
            draft.rules.map((r) => r.name),
          ),
          group: draft.groups[0]?.name ?? '',
          column: headers[0] ?? '',
          operator: 'is not blank',
          value: '',
          min: '',
          max: '',
          points: '5',
          maxPoints: '',
          enabled: true,
        };
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
  const operator = isOperator(rule.operator) ? rule.operator : undefined;
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
    columnField({
      id: `${base}-column`,
      label: 'Column',
      testid: 'rule-column',
      keys: key('column'),
      value: rule.column,
      onChange: (value) => {
        rule.column = value;
      },
    }),
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
    valueEditor(rule, operator, base),
    h(
      'div',
      { class: 'row2' },
      textField({
        id: `${base}-points`,
        label: 'Points',
        testid: 'rule-points',
        numeric: true,
        keys: key('points'),
        hint: operator === 'per' ? 'Per unit in the cell.' : 'Negative subtracts.',
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

export const NO_VALUE_HINTS: Record<string, string> = {
  'is blank': 'Matches an empty cell. No value needed.',
  'is not blank': 'Matches any filled-in cell. No value needed.',
  'is true': 'Matches yes, true, y, x or a number other than 0.',
  'is false': 'Matches no, false, n or 0.',
  per: 'Points are multiplied by the number in the cell (0 when it is not a number).',
};

export function valueEditor(
  rule: DraftRule,
  operator: (typeof OPERATORS)[number] | undefined,
  base: string,
): HTMLElement {
  const keys = [fieldKey('rule', rule.id, 'value')];
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

export function bandsSection(): HTMLElement {
  const draft = app.draft;
  const rows = draft.bands.map((band, index) => {
    const base = `band-${band.id}`;
    const key = (field: string | undefined) => [
      fieldKey('band', band.id, field),
      ...(field === 'name' ? [fieldKey('band', band.id, '*')] : []),
    ];
    const mark = h('span', { class: 'item-mark', attrs: { hidden: true } }, '!');
    view.itemMarks.set(`band:${band.id}`, mark);
    return h(
      'div',
      { class: 'band-row', testid: 'band-row' },
      textField({
        id: `${base}-name`,
        label: `Band ${index + 1} name`,
        hiddenLabel: true,
        testid: `band-${index}-name`,
        keys: key('name'),
        value: band.name,
        onInput: (value) => {
          band.name = value;
        },
      }),
      textField({
        id: `${base}-min`,
        label: `Band ${index + 1} lowest score`,
        hiddenLabel: true,
        testid: `band-${index}-min`,
        numeric: true,
        placeholder: index === 0 ? 'lowest' : undefined,
        keys: key('min'),
        value: band.min,
        onInput: (value) => {
          band.min = value;
        },
      }),
      checkField({
        id: `${base}-ready`,
        label: `Band ${index + 1} is sales-ready`,
        hiddenLabel: true,
        testid: `band-${index}-ready`,
        keys: key('salesReady'),
        checked: band.salesReady,
        onChange: (checked) => {
          band.salesReady = checked;
        },
      }),
      button('✕', {
        testid: `band-${index}-delete`,
        class: 'icon',
        ariaLabel: `Delete band ${band.name}`,
        onClick: () => {
          draft.bands.splice(index, 1);
          hooks.changed();
          hooks.renderAll('add-band');
        },
      }),
      mark,
    );
  });
  return section(
    'bands',
    'Bands',
    h(
      'p',
      { class: 'hint' },
      'A lead is in the highest band whose lowest score it reaches. Tick the bands handed to sales.',
    ),
    h(
      'div',
      { class: 'band-row band-head', attrs: { 'aria-hidden': 'true' } },
      h('span', {}, 'Band'),
      h('span', {}, 'From score'),
      h('span', {}, 'Sales'),
      h('span', {}),
    ),
    ...rows,
    errorSlot(fieldKey('model', 0, 'bands'), 'bands-error'),
    button('Add band', {
      testid: 'add-band',
      id: 'add-band',
      class: 'secondary',
      onClick: () => {
        const last = readNumber(draft.bands[draft.bands.length - 1]?.min ?? '');
        draft.bands.push({
          id: nextId(),
          name: uniqueName(
            'New band',
            draft.bands.map((b) => b.name),
          ),
          min: draft.bands.length === 0 ? '' : String(typeof last === 'number' ? last + 10 : 0),
          salesReady: false,
        });
        hooks.changed();
        hooks.renderAll(`band-${draft.bands[draft.bands.length - 1]!.id}-name`);
      },
    }),
  );
}

export function gradesSection(): HTMLElement {
  const draft = app.draft;
  const rows = draft.grades.map((grade, index) => {
    const base = `grade-${grade.id}`;
    const key = (field: string | undefined) => [
      fieldKey('grade', grade.id, field),
      ...(field === 'name' ? [fieldKey('grade', grade.id, '*')] : []),
    ];
    const mark = h('span', { class: 'item-mark', attrs: { hidden: true } }, '!');
    view.itemMarks.set(`grade:${grade.id}`, mark);
    return h(
      'div',
      { class: 'grade-row', testid: 'grade-row' },
      textField({
        id: `${base}-name`,
        label: `Grade ${index + 1} name`,
        hiddenLabel: true,
        testid: `grade-${index}-name`,
        keys: key('name'),
        value: grade.name,
        onInput: (value) => {
          grade.name = value;
        },
      }),
      textField({
        id: `${base}-min`,
        label: `Grade ${index + 1} lowest fit score`,
        hiddenLabel: true,
        testid: `grade-${index}-min`,
        numeric: true,
        placeholder: index === 0 ? 'lowest' : undefined,
        keys: key('min'),
        value: grade.min,
        onInput: (value) => {
          grade.min = value;
        },
      }),
      button('✕', {
        testid: `grade-${index}-delete`,
        class: 'icon',
        ariaLabel: `Delete grade ${grade.name}`,
        onClick: () => {
          draft.grades.splice(index, 1);
          hooks.changed();
          hooks.renderAll('add-grade');
        },
      }),
      mark,
    );
  });
  return section(
    'grades',
    'Grades',
    h(
      'p',
      { class: 'hint' },
      'Optional: a letter for how well a lead fits, from the points of the fit groups only.',
    ),
    draft.grades.length > 0
      ? h(
          'div',
          { class: 'grade-row band-head', attrs: { 'aria-hidden': 'true' } },
          h('span', {}, 'Grade'),
          h('span', {}, 'From fit score'),
          h('span', {}),
        )
      : h('p', { class: 'muted' }, 'No grades.'),
    ...rows,
    errorSlot(fieldKey('model', 0, 'grades'), 'grades-error'),
    button('Add grade', {
      testid: 'add-grade',
      id: 'add-grade',
      class: 'secondary',
      onClick: () => {
        const last = readNumber(draft.grades[draft.grades.length - 1]?.min ?? '');
        draft.grades.push({
          id: nextId(),
          name: uniqueName(
            'Grade',
            draft.grades.map((g) => g.name),
          ),
          min: draft.grades.length === 0 ? '' : String(typeof last === 'number' ? last + 10 : 0),
        });
        hooks.changed();
        hooks.renderAll(`grade-${draft.grades[draft.grades.length - 1]!.id}-name`);
      },
    }),
  );
}

export function outcomeSection(): HTMLElement {
  const draft = app.draft;
  const key = (field: string | undefined) => [fieldKey('outcome', 0, field)];
  return section(
    'outcome',
    'Outcome',
    h(
      'p',
      { class: 'hint' },
      'Which column says whether a lead became a customer: used for conversion rates and calibration.',
    ),
    checkField({
      id: 'outcome-on',
      label: 'Track conversions',
      testid: 'outcome-on',
      keys: key(undefined),
      checked: draft.outcomeOn,
      rerender: true,
      onChange: (checked) => {
        draft.outcomeOn = checked;
      },
    }),
    draft.outcomeOn
      ? h(
          'div',
          { class: 'subfields' },
          columnField({
            id: 'outcome-column',
            label: 'Outcome column',
            testid: 'outcome-column',
            keys: key('column'),
            value: draft.outcomeColumn,
            onChange: (value) => {
              draft.outcomeColumn = value;
            },
          }),
          textField({
            id: 'outcome-positive',
            label: 'Converted values (comma-separated)',
            testid: 'outcome-positive',
            keys: key('positive'),
            value: draft.positive,
            onInput: (value) => {
              draft.positive = value;
            },
          }),
          textField({
            id: 'outcome-negative',
            label: 'Not converted values (optional)',
            testid: 'outcome-negative',
            keys: key('negative'),
            hint: 'When given, leads with any other value are still open and are left out.',
            value: draft.negative,
            onInput: (value) => {
              draft.negative = value;
            },
          }),
        )
      : null,
  );
}
