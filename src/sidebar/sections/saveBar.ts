// The save bar, always in view at the bottom: Save, why it cannot save, and progress.
import { app, view } from '../context';
import { clear, h } from '../dom';
import { button } from '../fields';
import { save } from '../server';

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
  return h('div', { class: 'save-bar' }, view.saveButton, view.saveReason, view.busy);
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
