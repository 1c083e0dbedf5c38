// Keeps the save bar and every button that calls the server in step with the sidebar's state: busy while a
// call runs, Save enabled only for a valid draft with unsaved changes. Apart from saveBar.ts, which builds the
// bar and calls the server, so the server module can report busy without importing itself back.

import { app, view } from '../context';
import { clear, h } from '../dom';
import { canRedo, canUndo } from '../undo';

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
