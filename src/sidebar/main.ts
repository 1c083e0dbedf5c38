// The sidebar model editor: edit every part of the model, see how the leads spread across the bands while
// editing, save with a revision check, browse and restore versions, build the calibration sheet.
// Plain DOM code: the whole editor is rebuilt on structural changes (add, move, expand, load); typing only
// updates the draft and, after a short pause, the problems and the live preview. This file only wires the
// modules: state in context.ts, evaluation.ts, server.ts, render.ts and one module per section in sections/.
import { app, hooks, view } from './context';
import { h } from './dom';
import { changed } from './evaluation';
import { errorText } from './messages';
import { render as renderAll } from './render';
import { fetchState, loadState, reload } from './server';

async function start(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  view.root = root;
  hooks.changed = changed;
  hooks.renderAll = renderAll;
  view.announcer = h('div', { class: 'sr-only', attrs: { role: 'status', 'aria-live': 'polite' } });
  document.body.appendChild(view.announcer);
  try {
    const state = await fetchState();
    loadState(state);
  } catch (error) {
    app.message = {
      kind: 'error',
      text: `Could not load the model: ${errorText(error)}`,
      actions: [{ label: 'Try again', testid: 'retry', run: () => void reload() }],
    };
  }
  renderAll();
}

void start();
