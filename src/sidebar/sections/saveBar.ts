// The save bar, always in view at the bottom: the message of the last save (a refused one with its Reload),
// Undo and Redo, Save, why it cannot save, and progress.

import { VERSION_NOTE_MAX } from '../../shared/sidebarApi';
import { app, view } from '../context';
import { clear, h } from '../dom';
import { button } from '../fields';
import { messageBox } from '../messages';
import { save } from '../server';
import { canRedo, canUndo, redo, undo } from '../undo';

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

export function updateBusy(): void {
  const busy = app.busy !== null;
  view.root?.setAttribute('aria-busy', busy ? 'true' : 'false');
  for (const element of document.querySelectorAll<HTMLButtonElement>('button[data-action="server"]')) {
    element.disabled = busy;
  }
  if (view.busy) {
    view.busy.hidden = !busy;
    clear(view.busy);
    if (busy)
      view.busy.append(h('span', { class: 'spinner', attrs: { 'aria-hidden': 'true' } }), app.busy ?? '');
  }
  updateSaveButton();
}

export function updateSaveButton(): void {
  const evaluation = app.evaluation;
  if (view.undoButton) view.undoButton.disabled = app.busy !== null || !canUndo();
  if (view.redoButton) view.redoButton.disabled = app.busy !== null || !canRedo();
  const button = view.saveButton;
  const reason = view.saveReason;
  if (!button || !reason) return;
  let why = '';
  if (!app.state) why = 'Not connected to the spreadsheet.';
  else if (!evaluation) why = '';
  else if (evaluation.problems.length > 0) {
    const n = evaluation.problems.length;
    why = `Can’t save: fix ${n} problem${n === 1 ? '' : 's'} first.`;
  } else if (!evaluation.dirty) why = 'No unsaved changes.';
  else why = 'Unsaved changes.';
  // Save re-validates before it sends, so a click right after typing (before the refresh) is safe.
  button.disabled = app.busy !== null || !evaluation || evaluation.problems.length > 0 || !evaluation.dirty;
  reason.textContent = app.busy ? '' : why;
  reason.className = `save-reason${evaluation && evaluation.problems.length > 0 ? ' error' : ''}`;
}
