// The Outcome section: which column says whether a lead converted.
import { app } from '../context';
import { h } from '../dom';
import { checkField, columnField, section, textField } from '../fields';
import { fieldKey } from '../problems';

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
