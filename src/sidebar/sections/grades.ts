// The Grades section (letters from the fit groups' points) and the Engagement levels section (v2 §10: levels
// from the engagement groups' points; with grades, each lead's cell is grade + level, `A1`). One editor for
// both: a name and a lowest score per row, in ascending order.
import { app, hooks, view } from '../context';
import { h } from '../dom';
import { type DraftGrade, nextId, readNumber, uniqueName } from '../draft';
import { button, errorSlot, section, textField } from '../fields';
import { fieldKey, type SectionId } from '../problems';

interface ThresholdList {
  /** The panel, and the kind in field keys, item marks and test ids. */
  section: SectionId;
  kind: string;
  /** The model key (for list-wide problems). */
  key: string;
  title: string;
  hint: string;
  /** Shown as "<item> 2 name", in column heads and buttons. */
  item: string;
  scoreHead: string;
  scoreLabel: string;
  none: string;
  newName: string;
  step: number;
  list: () => DraftGrade[];
}

export function gradesSection(): HTMLElement {
  return thresholdSection({
    section: 'grades',
    kind: 'grade',
    key: 'grades',
    title: 'Grades',
    hint: 'Optional: a letter for how well a lead fits, from the points of the fit groups only.',
    item: 'Grade',
    scoreHead: 'From fit score',
    scoreLabel: 'lowest fit score',
    none: 'No grades.',
    newName: 'Grade',
    step: 10,
    list: () => app.draft.grades,
  });
}

export function engagementLevelsSection(): HTMLElement {
  return thresholdSection({
    section: 'levels',
    kind: 'level',
    key: 'engagementLevels',
    title: 'Engagement levels',
    hint: 'Optional: a level for how engaged a lead is, from the points of the engagement groups only. With grades, each lead gets a cell: its grade and level together, e.g. A1.',
    item: 'Level',
    scoreHead: 'From engagement score',
    scoreLabel: 'lowest engagement score',
    none: 'No engagement levels.',
    newName: 'Level',
    step: 20,
    list: () => app.draft.engagementLevels,
  });
}

function thresholdSection(list: ThresholdList): HTMLElement {
  const items = list.list();
  const { kind } = list;
  const rows = items.map((entry, index) => {
    const base = `${kind}-${entry.id}`;
    const key = (field: string | undefined) => [
      fieldKey(kind, entry.id, field),
      ...(field === 'name' ? [fieldKey(kind, entry.id, '*')] : []),
    ];
    const mark = h('span', { class: 'item-mark', attrs: { hidden: true } }, '!');
    view.itemMarks.set(`${kind}:${entry.id}`, mark);
    return h(
      'div',
      { class: 'grade-row', testid: `${kind}-row` },
      textField({
        id: `${base}-name`,
        label: `${list.item} ${index + 1} name`,
        hiddenLabel: true,
        testid: `${kind}-${index}-name`,
        keys: key('name'),
        value: entry.name,
        onInput: (value) => {
          entry.name = value;
        },
      }),
      textField({
        id: `${base}-min`,
        label: `${list.item} ${index + 1} ${list.scoreLabel}`,
        hiddenLabel: true,
        testid: `${kind}-${index}-min`,
        numeric: true,
        placeholder: index === 0 ? 'lowest' : undefined,
        keys: key('min'),
        value: entry.min,
        onInput: (value) => {
          entry.min = value;
        },
      }),
      button('✕', {
        testid: `${kind}-${index}-delete`,
        class: 'icon',
        ariaLabel: `Delete ${list.item.toLowerCase()} ${entry.name}`,
        onClick: () => {
          items.splice(index, 1);
          hooks.changed();
          hooks.renderAll(`add-${kind}`);
        },
      }),
      mark,
    );
  });
  return section(
    list.section,
    list.title,
    h('p', { class: 'hint' }, list.hint),
    items.length > 0
      ? h(
          'div',
          { class: 'grade-row band-head', attrs: { 'aria-hidden': 'true' } },
          h('span', {}, list.item),
          h('span', {}, list.scoreHead),
          h('span', {}),
        )
      : h('p', { class: 'muted' }, list.none),
    ...rows,
    errorSlot(fieldKey('model', 0, list.key), `${list.section}-error`),
    button(`Add ${list.item.toLowerCase()}`, {
      testid: `add-${kind}`,
      id: `add-${kind}`,
      class: 'secondary',
      onClick: () => {
        const last = readNumber(items[items.length - 1]?.min ?? '');
        items.push({
          id: nextId(),
          name: uniqueName(
            list.newName,
            items.map((entry) => entry.name),
          ),
          min: items.length === 0 ? '' : String(typeof last === 'number' ? last + list.step : 0),
        });
        hooks.changed();
        hooks.renderAll(`${kind}-${items[items.length - 1]!.id}-name`);
      },
    }),
  );
}
