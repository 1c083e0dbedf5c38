// The Grades section: letters from the fit groups' points.
import { app, hooks, view } from '../context';
import { h } from '../dom';
import { nextId, readNumber, uniqueName } from '../draft';
import { button, errorSlot, section, textField } from '../fields';
import { fieldKey } from '../problems';

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
