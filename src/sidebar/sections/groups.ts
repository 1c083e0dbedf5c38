// The Groups section: fit and engagement groups, their caps and decay.
import { GROUP_KINDS } from '../../core/model';
import { nameKey } from '../../core/validate';
import { app, hooks, view } from '../context';
import { renderAfterFocusMoves } from '../deferredRender';
import { h } from '../dom';
import { type DraftGroup, nextId, uniqueName } from '../draft';
import { button, checkField, columnField, errorSlot, section, selectField, textField } from '../fields';
import { fieldKey } from '../problems';

export function groupsSection(): HTMLElement {
  const draft = app.draft;
  const cards = draft.groups.map((group, index) => groupCard(group, index));
  return section(
    'groups',
    'Groups',
    h(
      'p',
      { class: 'hint' },
      'Rules belong to a group. Fit groups score who the lead is (and make the grade), engagement groups what the lead did. A group can weigh its rules (a criterion’s weight), count only its first matching rule (tiers), cap its points and let old activity count for less (decay).',
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
          weight: '',
          match: '',
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
    renderAfterFocusMoves();
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
    h(
      'div',
      { class: 'row2' },
      textField({
        id: `${base}-weight`,
        label: 'Weight',
        testid: `group-${index}-weight`,
        numeric: true,
        keys: key('weight'),
        hint: 'Multiplies its rules’ points. Empty = 1.',
        placeholder: '1',
        value: group.weight,
        onInput: (value) => {
          group.weight = value;
        },
      }),
      selectField({
        id: `${base}-match`,
        label: 'Rules that count',
        testid: `group-${index}-match`,
        keys: key('match'),
        hint:
          group.match === 'first'
            ? 'Tiers: the first matching rule, in rule order.'
            : 'Every matching rule adds up.',
        value: group.match === '' ? 'all' : group.match,
        choices: [
          { value: 'all', label: 'All that match' },
          { value: 'first', label: 'First (tiers)' },
        ],
        rerender: true,
        onChange: (value) => {
          // "All" is the default: an absent match stays absent, so that a v1 model saves as it was.
          group.match = value === 'all' && group.match === '' ? '' : value;
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
