// Loading, saving and restoring: the calls to the server and what the sidebar does with their answers.

import { summarizeChanges } from '../core/modelChanges';
import { reapplyEdits } from '../core/modelMerge';
import { parseModel } from '../core/validate';
import type { SaveResult, SidebarState } from '../shared/sidebarApi';
import { app, hooks, type Message, type MessagePlace } from './context';
import { draftToInput, modelToDraft } from './draft';
import { refresh, statsFor } from './evaluation';
import { errorText, problemText } from './messages';
import { callServer } from './rpc';
import { updateBusy } from './sections/saveBarStatus';
import { resetUndo } from './undo';

export function loadState(state: SidebarState): void {
  app.state = state;
  app.revision = state.revision;
  app.draft = modelToDraft(state.model ?? state.starterModel);
  app.baseline = state.model ? JSON.stringify(draftToInput(modelToDraft(state.model))) : '';
  app.baselineStats = state.model ? statsFor(state.model).stats : null;
  app.expandedRule = null;
  app.serverProblems = [];
  app.startFrom = 'sheet';
  app.stale = false;
  resetUndo();
  if (state.model === null) {
    app.message =
      state.modelProblems.length > 0
        ? {
            kind: 'warning',
            place: 'top',
            text: 'The model sheet could not be read. The editor shows the simple starter (no activity log); saving replaces the model sheet.',
            details: state.modelProblems.map(problemText),
          }
        : {
            kind: 'info',
            place: 'top',
            text: 'There is no model sheet yet. The editor shows the simple starter (no activity log): adjust it and save to create the sheet.',
          };
  }
}

export function setBusy(label: string | null): void {
  app.busy = label;
  updateBusy();
}

export async function fetchState(): Promise<SidebarState> {
  return callServer('getSidebarState');
}

export async function reload(after?: Message): Promise<void> {
  if (app.busy) return;
  setBusy('Loading the model…');
  try {
    const state = await fetchState();
    app.message = null;
    loadState(state);
    if (after) app.message = after;
  } catch (error) {
    app.message = {
      kind: 'error',
      place: after?.place ?? 'top',
      text: `Could not load the model: ${errorText(error)}`,
      actions: [{ label: 'Try again', testid: 'retry', run: () => void reload() }],
    };
  } finally {
    app.busy = null;
  }
  hooks.renderAll();
}

export function conflictMessage(result: Extract<SaveResult, { ok: false }>, place: MessagePlace): Message {
  return {
    kind: 'error',
    place,
    text: result.message,
    actions: reloadActions(place),
  };
}

/** Reload, and (when the unsaved edits make a valid model) Reload that re-applies them to the current model. */
function reloadActions(place: MessagePlace): NonNullable<Message['actions']> {
  const discard = {
    label: app.evaluation?.model ? 'Reload (drop my changes)' : 'Reload',
    testid: 'reload',
    primary: !app.evaluation?.model,
    run: () => void reload({ kind: 'info', place, text: 'Reloaded the current model from the sheet.' }),
  };
  if (!app.evaluation?.model || !app.state?.model) return [discard];
  return [
    {
      label: 'Reload and keep my changes',
      testid: 'reload-keep',
      primary: true,
      run: () => void reloadKeepingEdits(place),
    },
    discard,
  ];
}

/** Loads the model saved meanwhile and re-applies this editor's unsaved changes to it (not saved yet). */
export async function reloadKeepingEdits(place: MessagePlace): Promise<void> {
  hooks.flush(); // the last keystrokes are part of the edits
  const base = app.state?.model;
  const edited = app.evaluation?.model;
  if (app.busy || !base || !edited) return;
  setBusy('Loading the model…');
  let message: Message;
  try {
    const state = await fetchState();
    loadState(state);
    const current = state.model;
    const merged = current ? reapplyEdits(base, edited, current) : null;
    const parsed = merged ? parseModel(merged.model) : null;
    if (!current || !merged || !parsed?.ok) {
      message = {
        kind: 'error',
        place,
        text: 'Reloaded the current model, but your changes could not be re-applied to it: make them again.',
        details: parsed && !parsed.ok ? parsed.problems.map(problemText) : [],
      };
    } else {
      app.draft = modelToDraft(parsed.model);
      const both = merged.overridden;
      message = {
        kind: both.length > 0 ? 'warning' : 'success',
        place,
        text:
          `Reloaded the model saved meanwhile and re-applied your unsaved changes (${summarizeChanges(current, parsed.model)}). Nothing is saved until you press Save.` +
          (both.length > 0
            ? ` The other save had changed ${both.join(', ')} too: your version is the one kept, check it.`
            : ''),
      };
    }
  } catch (error) {
    message = { kind: 'error', place, text: `Could not load the model: ${errorText(error)}` };
  } finally {
    app.busy = null;
  }
  app.message = message;
  hooks.renderAll();
}

export async function save(): Promise<void> {
  if (app.busy || !app.state) return;
  refresh();
  const evaluation = app.evaluation;
  if (!evaluation?.model) return;
  const sent = JSON.stringify(evaluation.input);
  const model = evaluation.model;
  setBusy('Saving…');
  try {
    const note = app.saveNote;
    const result = await callServer('saveModel', model, app.revision, note);
    if (result.ok) {
      app.saveNote = '';
      app.revision = result.revision;
      app.state.model = model;
      app.state.versions = [
        ...app.state.versions.filter((v) => v.version !== result.version.version),
        result.version,
      ];
      app.baseline = sent;
      app.baselineStats = evaluation.stats;
      app.message = { kind: 'success', place: 'save', text: `Saved as version ${result.version.version}.` };
    } else if (result.reason === 'conflict') {
      app.message = conflictMessage(result, 'save');
    } else if (result.reason === 'invalid') {
      app.serverProblems = result.problems;
      app.message = {
        kind: 'error',
        place: 'save',
        text: result.message,
        details: result.problems.map(problemText),
      };
    } else {
      app.message = { kind: 'warning', place: 'save', text: result.message };
    }
  } catch (error) {
    app.message = { kind: 'error', place: 'save', text: `Could not save: ${errorText(error)}` };
  } finally {
    app.busy = null;
  }
  // The history lists the new version: render it all again (focus and scroll are kept).
  hooks.renderAll();
}

export async function restore(version: number): Promise<void> {
  if (app.busy) return;
  setBusy(`Restoring version ${version}…`);
  let message: Message;
  try {
    const result = await callServer('restoreVersion', version, app.revision);
    if (result.ok) {
      const state = await fetchState();
      loadState(state);
      message = {
        kind: 'success',
        place: 'history',
        text: `Version ${version} is the current model again (saved as version ${result.version.version}).`,
      };
    } else if (result.reason === 'conflict') {
      message = conflictMessage(result, 'history');
    } else {
      message = {
        kind: 'error',
        place: 'history',
        text: result.message,
        details: result.problems.map(problemText),
      };
    }
  } catch (error) {
    message = {
      kind: 'error',
      place: 'history',
      text: `Could not restore version ${version}: ${errorText(error)}`,
    };
  } finally {
    app.busy = null;
  }
  app.message = message;
  hooks.renderAll();
}

let checking = false;

/**
 * How a visible sidebar notices a model changed elsewhere (a menu command, another sidebar, a cell edit)
 * without a click: one small server call, the model sheet's revision (each is a script run counted against
 * the user's Apps Script quota, so they are spent where a change is likely):
 * - when the user comes back to the sidebar (focus, or the tab visible again): at once;
 * - when the user leaves it for the sheet (blur: a menu command may follow): after POLL_MS, then backing off;
 * - otherwise every POLL_MS at first, doubling after each check that found nothing, up to POLL_MAX_MS;
 *   a change found starts again at POLL_MS. A hidden sidebar asks nothing.
 * Tests may shorten both with `window.leadScoringPollMs` and `window.leadScoringPollMaxMs`.
 */
const POLL_MS = 20_000;
const POLL_MAX_MS = 5 * 60_000;

/** The wait before the next check: the base after a change (or a reset), else twice the last, up to max. */
export function nextPollDelay(last: number, base: number, max: number, reset: boolean): number {
  return reset ? base : Math.min(Math.max(last, base) * 2, max);
}

let polling = false;

/** Asks for the revision only; loads the whole state (checkForNewerModel) when it changed. */
async function checkRevision(): Promise<boolean> {
  if (polling || checking || app.busy || !app.state) return false;
  polling = true;
  try {
    const revision = await callServer('getModelRevision');
    if (revision === app.revision || app.busy) return false;
    await checkForNewerModel();
    return true;
  } catch {
    return false; // offline for a moment: the next check tries again; Save checks anyway
  } finally {
    polling = false;
  }
}

export function watchForModelChanges(): void {
  const settings = window as { leadScoringPollMs?: unknown; leadScoringPollMaxMs?: unknown };
  const base = Number(settings.leadScoringPollMs) || POLL_MS;
  const max = Math.max(Number(settings.leadScoringPollMaxMs) || POLL_MAX_MS, base);
  let delay = base;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = (wait: number) => {
    clearTimeout(timer);
    timer = document.visibilityState === 'visible' ? setTimeout(tick, wait) : undefined;
  };
  const tick = () => {
    void checkRevision().then((changed) => {
      delay = nextPollDelay(delay, base, max, changed);
      schedule(delay);
    });
  };
  // Back in the sidebar: one check now; the back-off goes on.
  const comeBack = () =>
    void checkRevision().then((changed) => {
      if (changed) delay = base;
    });
  window.addEventListener('focus', comeBack);
  // Off to the sheet, where the menu is: a change by this user is likely soon.
  window.addEventListener('blur', () => {
    delay = base;
    schedule(base);
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible') {
      clearTimeout(timer);
      return;
    }
    comeBack();
    schedule(delay);
  });
  schedule(delay);
}

/** Brings an open sidebar up to date when the model changed on the server since it was loaded (an edit in
 *  the model sheet's cells, another sidebar's save, a restore): called when the sidebar gets focus or
 *  becomes visible again. With no unsaved edits the new model is loaded; with unsaved edits nothing is
 *  overwritten: the save bar says the model changed and offers Reload. */
export async function checkForNewerModel(): Promise<void> {
  if (checking || app.busy || !app.state) return;
  checking = true;
  let state: SidebarState;
  try {
    state = await fetchState();
  } catch {
    return; // offline for a moment: the next focus tries again, and Save still checks the revision
  } finally {
    checking = false;
  }
  if (app.busy || state.revision === app.revision) return;
  if (!app.evaluation?.dirty) {
    loadState(state);
    app.message = {
      kind: 'info',
      place: 'save',
      text: 'The model sheet changed since the sidebar loaded it (a menu command, another save or an edit in its cells): the sidebar now shows the current model.',
    };
  } else {
    app.stale = true;
    app.message = {
      kind: 'warning',
      place: 'save',
      text: app.evaluation.model
        ? 'The model sheet changed since you opened it (a teammate’s save, a menu command or an edit in its cells). Your unsaved changes are still here, but Save will be refused: Reload and keep my changes puts them on the current model, for you to check and save.'
        : 'The model sheet changed since you opened it (a teammate’s save, a menu command or an edit in its cells). Your unsaved changes are still here, but Save will be refused: Reload to see the current model (your changes are discarded).',
      actions: reloadActions('save'),
    };
  }
  hooks.renderAll();
}
