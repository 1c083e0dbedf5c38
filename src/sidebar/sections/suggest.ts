// The Suggest section: fit a model from the leads' outcomes (the server writes the *Suggested model* sheet),
// then open it as a draft to edit before saving, or apply it as a new version.
import type { Model } from '../../core/model';
import type { Suggestion, SuggestRequest } from '../../shared/sidebarApi';
import { app, hooks, type Message } from '../context';
import { clear, h } from '../dom';
import { replaceDraft } from '../evaluation';
import { button, section, selectField, textField } from '../fields';
import { confirmDiscard, errorText, messageBox, renderMessage } from '../messages';
import { callServer } from '../rpc';
import { conflictMessage, fetchState, loadState, setBusy } from '../server';
import { updateBusy } from './saveBarStatus';
import { excludedColumns, suggestColumns } from './suggestColumns';
import { keptFrom, leakageFindings } from './suggestKeepLeaky';

const suggest = {
  suggestion: null as Suggestion | null,
  error: null as string | null,
  /** The stored suggestion was asked for once (the sheet may hold one from an earlier session). */
  looked: false,
  outcomeColumn: '',
  positive: '',
  /** Applied in this session: it is the current model now. */
  applied: false,
  box: null as HTMLElement | null,
};

function auc(x: number | null): string {
  return x === null ? '–' : x.toFixed(2);
}

function request(): SuggestRequest {
  const out: SuggestRequest = { exclude: excludedColumns() };
  if (!app.state?.model?.outcome && suggest.outcomeColumn !== '') {
    const positive = suggest.positive
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
    out.outcome = { column: suggest.outcomeColumn, ...(positive.length > 0 ? { positive } : {}) };
  }
  return out;
}

export async function runSuggest(): Promise<void> {
  if (app.busy) return;
  // A message about the previous fit (e.g. "kept at the next Suggest") is out of date once it runs.
  if (app.message?.place === 'suggest') {
    app.message = null;
    renderMessage();
  }
  setBusy('Fitting a model on the leads…');
  try {
    suggest.suggestion = await callServer('buildSuggestedModelSheet', request());
    keptFrom(suggest.suggestion);
    suggest.error = null;
    suggest.applied = false;
  } catch (error) {
    suggest.error = errorText(error);
  } finally {
    app.busy = null;
  }
  updateBusy();
  renderSuggestion();
}

/** Puts `model` in the editor as an unsaved draft (Save makes it a version; Undo takes it back). */
export function openAsDraft(model: Model, message: Message): void {
  confirmDiscard(
    'Replace your unsaved changes with this model?',
    'Replace',
    () => replaceDraft(model, message),
    message.place,
  );
}

async function applySuggestion(): Promise<void> {
  if (app.busy) return;
  setBusy('Applying the suggested model…');
  let message: Message;
  try {
    const result = await callServer('applySuggestedModel');
    if (result.ok) {
      loadState(await fetchState());
      message = {
        kind: 'success',
        place: 'suggest',
        text: `The suggested model is version ${result.version.version}. The History can restore the previous one.`,
      };
      suggest.applied = true;
    } else if (result.reason === 'conflict') {
      message = conflictMessage(result, 'suggest');
    } else {
      message = { kind: 'error', place: 'suggest', text: result.message };
    }
  } catch (error) {
    message = { kind: 'error', place: 'suggest', text: `Could not apply: ${errorText(error)}` };
  } finally {
    app.busy = null;
  }
  app.message = message;
  hooks.renderAll();
}

async function lookForStoredSuggestion(): Promise<void> {
  suggest.looked = true;
  try {
    const stored = await callServer('getSuggestion');
    if (stored && !suggest.suggestion) suggest.suggestion = stored;
  } catch {
    return; // the Suggest button still works
  }
  renderSuggestion();
}

function outcomeFields(): HTMLElement | null {
  if (app.state?.model?.outcome) return null;
  const headers = app.state?.data?.headers ?? [];
  return h(
    'div',
    { class: 'suggest-options' },
    selectField({
      id: 'suggest-outcome',
      testid: 'suggest-outcome',
      label: 'Outcome column',
      hint: 'The model has no outcome yet: which column records whether a lead converted?',
      value: suggest.outcomeColumn,
      choices: [{ value: '', label: 'Choose a column' }, ...headers.map((n) => ({ value: n, label: n }))],
      onChange: (value) => {
        suggest.outcomeColumn = value;
      },
    }),
    textField({
      id: 'suggest-positive',
      testid: 'suggest-positive',
      label: 'Values that mean converted (optional)',
      hint: 'Comma-separated. Empty: the usual Yes/No, Won/Lost, 1/0 found in the column.',
      value: suggest.positive,
      onInput: (value) => {
        suggest.positive = value;
      },
    }),
  );
}

export function suggestSection(): HTMLElement {
  suggest.box = h('div', {
    class: 'suggest-result',
    testid: 'suggest-result',
    attrs: { 'aria-live': 'polite' },
  });
  const content = section(
    'suggest',
    'Suggest a model',
    h(
      'p',
      { class: 'hint' },
      'Fits readable rules with whole points from the leads’ outcomes, checks them on leads the fit never saw, ' +
        'and leaves out columns that were probably filled in after the outcome. The details go to the sheet “Suggested model”.',
    ),
    outcomeFields(),
    suggestColumns(),
    button('Suggest a model', {
      testid: 'suggest',
      action: true,
      class: 'secondary',
      onClick: () => void runSuggest(),
    }),
    suggest.box,
    messageBox('suggest'),
  );
  renderSuggestion();
  if (!suggest.looked && app.state) void lookForStoredSuggestion();
  return content;
}

export function renderSuggestion(): void {
  const box = suggest.box;
  if (!box) return;
  clear(box);
  if (suggest.error !== null) {
    box.appendChild(h('p', { class: 'message error', attrs: { role: 'alert' } }, suggest.error));
    return;
  }
  const s = suggest.suggestion;
  if (!s) return;
  box.append(
    h(
      'p',
      { testid: 'suggest-summary' },
      `${s.rules.length} rules, held-out AUC ${auc(s.holdoutAuc)} (unrounded ${auc(s.unroundedAuc)}, current model ` +
        `${auc(s.baseAuc)}) on ${s.holdout.leads} leads the fit never saw. Built ${s.builtAt} from “${s.leadsSheet}”.`,
    ),
    h(
      'ul',
      { class: 'suggest-rules', testid: 'suggest-rules' },
      ...s.rules.map((r) =>
        h(
          'li',
          {},
          `${r.points > 0 ? '+' : ''}${r.points}  ${r.name}${r.status === 'reversed' ? ' (sign reversed)' : ''}`,
        ),
      ),
    ),
  );
  if (s.holdoutAuc !== null && s.baseAuc !== null && s.holdoutAuc < s.baseAuc) {
    box.appendChild(
      h(
        'p',
        { class: 'message warning', testid: 'suggest-worse' },
        `On the held-out leads it ranks worse than the current model (AUC ${auc(s.holdoutAuc)} against ${auc(s.baseAuc)}): read the sheet’s verdicts before applying.`,
      ),
    );
  }
  box.append(...leakageFindings(s.leakage));
  for (const warning of s.warnings) box.appendChild(h('p', { class: 'hint' }, warning));
  if (suggest.applied) {
    box.appendChild(h('p', { class: 'hint' }, 'Applied: this is the current model.'));
  } else if (!s.upToDate) {
    box.appendChild(
      h(
        'p',
        { class: 'hint' },
        'The model changed since this was suggested: Apply will be refused; suggest again.',
      ),
    );
  }
  box.appendChild(
    h(
      'div',
      { class: 'row2' },
      button('Open as draft', {
        testid: 'suggest-open',
        class: 'secondary',
        onClick: () =>
          openAsDraft(s.model, {
            kind: 'info',
            place: 'suggest',
            text: 'The suggested model is in the editor as a draft: edit it, then Save makes it a new version.',
          }),
      }),
      button('Apply as new version', {
        testid: 'suggest-apply',
        action: true,
        class: 'secondary',
        onClick: () =>
          confirmDiscard(
            'Apply replaces your unsaved changes in the editor with the suggested model. Apply?',
            'Apply',
            () => void applySuggestion(),
            'suggest',
          ),
      }),
    ),
  );
}
