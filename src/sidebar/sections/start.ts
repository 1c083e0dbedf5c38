// The "Start from" bar: load the model sheet, the starter model or a blank model into the editor.
import { blankModel } from '../../core/starterModel';
import { app } from '../context';
import { h } from '../dom';
import { replaceDraft } from '../evaluation';
import { button, selectControl } from '../fields';
import { confirmDiscard, messageBox } from '../messages';
import { reload } from '../server';

export function startFrom(): void {
  const choice = app.startFrom;
  const what = { sheet: 'the model sheet', starter: 'the simple starter', blank: 'a blank model' }[choice];
  confirmDiscard(
    `Replace your unsaved changes with ${what}?`,
    'Replace',
    () => {
      if (choice === 'sheet') {
        void reload({ kind: 'info', place: 'start', text: 'Loaded the model sheet.' });
        return;
      }
      const model = choice === 'starter' ? app.state!.starterModel : blankModel();
      replaceDraft(model, {
        kind: 'info',
        place: 'start',
        text: `Started from ${what}. Nothing is saved until you press Save.`,
      });
    },
    'start',
  );
}

export function startBar(): HTMLElement {
  const select = selectControl(
    'start-from',
    [
      { value: 'sheet', label: 'Model sheet' },
      { value: 'starter', label: 'Simple starter (no activity log)' },
      { value: 'blank', label: 'Blank model' },
    ],
    app.startFrom,
    'start-from',
  );
  select.addEventListener('change', () => {
    app.startFrom = select.value as typeof app.startFrom;
  });
  return h(
    'div',
    { class: 'start-bar' },
    h('label', { attrs: { for: 'start-from' } }, 'Start from'),
    select,
    button('Load', { testid: 'start-load', action: true, class: 'secondary', onClick: startFrom }),
    messageBox('start'),
  );
}
