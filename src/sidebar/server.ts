// Loading, saving and restoring: the calls to the server and what the sidebar does with their answers.
import type { SaveResult, SidebarState } from '../shared/sidebarApi';
import { app, hooks, type Message, type MessagePlace } from './context';
import { draftToInput, modelToDraft } from './draft';
import { refresh, statsFor } from './evaluation';
import { errorText, problemText } from './messages';
import { callServer } from './rpc';
import { updateBusy } from './sections/saveBar';
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
            text: 'The model sheet could not be read. The editor shows the starter model; saving replaces the model sheet.',
            details: state.modelProblems.map(problemText),
          }
        : {
            kind: 'info',
            place: 'top',
            text: 'There is no model sheet yet. The editor shows the starter model: adjust it and save to create the sheet.',
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
    actions: [
      {
        label: 'Reload',
        testid: 'reload',
        primary: true,
        run: () => void reload({ kind: 'info', place, text: 'Reloaded the current model from the sheet.' }),
      },
    ],
  };
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

/** How often a visible sidebar asks whether the model changed (a menu command, another sidebar, a cell edit).
 *  One small server call (the model sheet's revision); tests may shorten it with `window.leadScoringPollMs`. */
const POLL_MS = 20_000;

export function watchForModelChanges(): void {
  const every = Number((window as { leadScoringPollMs?: unknown }).leadScoringPollMs) || POLL_MS;
  let polling = false;
  setInterval(() => {
    if (polling || checking || app.busy || !app.state || document.visibilityState !== 'visible') return;
    polling = true;
    callServer('getModelRevision')
      .then((revision) => {
        if (revision !== app.revision && !app.busy) return checkForNewerModel();
      })
      .catch(() => undefined) // offline for a moment: the next tick tries again; Save checks anyway
      .finally(() => {
        polling = false;
      });
  }, every);
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
      text: 'The model sheet changed since you opened it (a menu command, another save or an edit in its cells). Your unsaved changes are still here, but Save will be refused: Reload to see the current model (your changes are discarded).',
      actions: [
        {
          label: 'Reload',
          testid: 'reload',
          primary: true,
          run: () =>
            void reload({ kind: 'info', place: 'save', text: 'Reloaded the current model from the sheet.' }),
        },
      ],
    };
  }
  hooks.renderAll();
}
