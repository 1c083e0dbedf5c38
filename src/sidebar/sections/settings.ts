// The Model and settings section: the model's name, lowest and highest score, the scoring date, and (v2) the
// values that mean blank, the override column and the as-of column.

import { notAnInput } from '../columnValues';
import { app } from '../context';
import { h } from '../dom';
import { columnField, section, textField } from '../fields';
import { fieldKey } from '../problems';

export function modelSection(): HTMLElement {
  const draft = app.draft;
  const today = app.state?.today ?? '';
  return section(
    'model',
    'Model and settings',
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
    columnField({
      id: 'settings-asof-column',
      label: 'As of column',
      testid: 'settings-asof-column',
      keys: [fieldKey('settings', 0, 'asOfColumn')],
      hint: 'For past leads: a lead with a date here is judged as of that day (the day sales decided); windows, decay and events count to it, later events not. Blank cells use the date above.',
      noneLabel: '(none: every lead as of the date above)',
      notFor: notAnInput,
      value: draft.asOfColumn,
      onChange: (value) => {
        draft.asOfColumn = value;
      },
    }),
    textField({
      id: 'settings-blank-values',
      label: 'Values that mean blank',
      testid: 'settings-blank-values',
      keys: [fieldKey('settings', 0, 'blankValues')],
      hint: 'Comma-separated, e.g. Select, n/a, -. A cell with one of them counts as empty (not case-sensitive).',
      value: draft.blankValues,
      onInput: (value) => {
        draft.blankValues = value;
      },
    }),
    columnField({
      id: 'settings-override',
      label: 'Override column',
      testid: 'settings-override',
      keys: [fieldKey('settings', 0, 'overrideColumn')],
      hint: 'A salesperson’s number in this column replaces the model’s score (the reasons say so).',
      noneLabel: '(none)',
      notFor: notAnInput,
      value: draft.overrideColumn,
      onChange: (value) => {
        draft.overrideColumn = value;
      },
    }),
  );
}
