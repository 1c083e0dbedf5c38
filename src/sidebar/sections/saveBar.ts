// The save bar, always in view at the bottom: the message of the last save (a refused one with its Reload),
// Undo and Redo, Save, why it cannot save, and progress.

import { VERSION_NOTE_MAX } from '../../shared/sidebarApi';
import { app, view } from '../context';
import { h } from '../dom';
import { button } from '../fields';
import { messageBox } from '../messages';
import { save } from '../server';
import { redo, undo } from '../undo';

export function saveBar(): HTMLElement {
  view.saveButton = button('Save', {
    id: 'save',
    testid: 'save',
    class: 'primary',
    action: true,
    onClick: () => void save(),
  });
  view.saveReason = h('span', { class: 'save-reason', id: 'save-reason', testid: 'save-reason' });
  view.saveButton.setAttribute('aria-describedby', 'save-reason');
  view.busy = h('span', { class: 'busy', testid: 'busy', attrs: { hidden: true, role: 'status' } });
  // A few words of the user's own, kept with the version so that the History tells versions apart.
  const note = h('input', {
    class: 'save-note',
    id: 'save-note',
    testid: 'save-note',
    attrs: {
      type: 'text',
      placeholder: 'Note for this version (optional)',
      maxlength: String(VERSION_NOTE_MAX),
      autocomplete: 'off',
    },
    on: {
      input: () => {
        app.saveNote = note.value;
      },
      keydown: (event) => {
        if ((event as KeyboardEvent).key === 'Enter' && view.saveButton && !view.saveButton.disabled)
          void save();
      },
    },
  });
  note.value = app.saveNote;
  view.undoButton = button('↶', {
    testid: 'undo',
    class: 'icon secondary',
    ariaLabel: 'Undo',
    title: 'Undo (Ctrl+Z)',
    onClick: undo,
  });
  view.redoButton = button('↷', {
    testid: 'redo',
    class: 'icon secondary',
    ariaLabel: 'Redo',
    title: 'Redo (Ctrl+Shift+Z)',
    onClick: redo,
  });
  return h(
    'div',
    { class: 'save-bar', testid: 'save-bar' },
    messageBox('save'),
    h('label', { class: 'sr-only', attrs: { for: 'save-note' } }, 'Note for this version (optional)'),
    note,
    h(
      'div',
      { class: 'save-row' },
      view.saveButton,
      view.undoButton,
      view.redoButton,
      view.saveReason,
      view.busy,
    ),
  );
}
