// The Model and score range section: the model's name, lowest and highest score, and the scoring date.
import { app } from '../context';
import { h } from '../dom';
import { section, textField } from '../fields';
import { fieldKey } from '../problems';

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
