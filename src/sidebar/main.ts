// The sidebar model editor: edit every part of the model, see how the leads spread across the bands while
// editing, save with a revision check, browse and restore versions, build the calibration sheet.
// Plain DOM code: the whole editor is rebuilt on structural changes (add, move, expand, load); typing only
// updates the draft and, after a short pause, the problems and the live preview. This file only wires the
// modules: state in context.ts, evaluation.ts, server.ts, render.ts and one module per section in sections/.
import { app, hooks, view } from './context';
import { h } from './dom';
import { changed, flush } from './evaluation';
import { errorText } from './messages';
import { render as renderAll } from './render';
import { fetchState, loadState, reload, watchForModelChanges } from './server';
import { redo, undo } from './undo';

/** Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y; ⌘ on a Mac) undo and redo draft edits, except in a text field, which
 *  keeps its own undo of the typing. */
function undoKeys(event: KeyboardEvent): void {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
  const key = event.key.toLowerCase();
  if (key !== 'z' && key !== 'y') return;
  const target = event.target as HTMLElement | null;
  const typing =
    target instanceof HTMLTextAreaElement ||
    target?.isContentEditable === true ||
    (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'file'].includes(target.type));
  if (typing) return;
  event.preventDefault();
  if (key === 'y' || event.shiftKey) redo();
  else undo();
}

async function start(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  view.root = root;
  hooks.changed = changed;
  hooks.renderAll = renderAll;
  hooks.flush = flush;
  document.addEventListener('keydown', undoKeys);
  // An open sidebar is brought up to date when the user comes back to it, and checks while visible.
  watchForModelChanges();
  view.announcer = h('div', { class: 'sr-only', attrs: { role: 'status', 'aria-live': 'polite' } });
  document.body.appendChild(view.announcer);
  try {
    const state = await fetchState();
    loadState(state);
  } catch (error) {
    app.message = {
      kind: 'error',
      place: 'top',
      text: `Could not load the model: ${errorText(error)}`,
      actions: [{ label: 'Try again', testid: 'retry', run: () => void reload() }],
    };
  }
  renderAll();
}

void start();
