// The sidebar model editor: edit every part of the model, see how the leads spread across the bands while
// editing, save with a revision check, browse and restore versions, build the calibration sheet.
// Plain DOM code: the whole editor is rebuilt on structural changes (add, move, expand, load); typing only
// updates the draft and, after a short pause, the problems and the live preview.
import { compileModel } from '../core/engine';
import type { Model, Problem } from '../core/model';
import { blankModel } from '../core/starterModel';
import { nameKey, parseModel } from '../core/validate';
import type { CalibrationOptions, SaveResult, SidebarState } from '../shared/sidebarApi';
import {
  app,
  type Evaluation,
  hooks,
  type Message,
  MINUS,
  type PanelId,
  REFRESH_DELAY_MS,
  view,
} from './context';
import { type Child, clear, h } from './dom';
import { draftToInput, modelToDraft } from './draft';
import {
  bandsSection,
  gradesSection,
  groupsSection,
  modelSection,
  outcomeSection,
  pointsLabel,
  pointsSign,
  ruleMeta,
  rulesSection,
} from './editors';
import { button, section, selectControl, selectField, textField } from './fields';
import { bandStats, type PreviewStats, percent } from './preview';
import { type LocatedProblem, locateProblems } from './problems';
import { callServer } from './rpc';

// ---------------------------------------------------------------------------------------------------------
// Evaluation: validate, compile against the data, compute the band spread.

function headerKeys(): Set<string> {
  return new Set((app.state?.data?.headers ?? []).map((header) => nameKey(String(header))));
}

function compileOptions(model: Model) {
  const state = app.state!;
  return { timeZone: state.timeZone, asOf: model.settings?.asOf ?? state.today };
}

function statsFor(model: Model): { stats: PreviewStats | null; problems: Problem[] } {
  const data = app.state?.data;
  if (!data) return { stats: null, problems: [] };
  const compiled = compileModel(model, data.headers, compileOptions(model));
  if (!compiled.ok) return { stats: null, problems: compiled.problems };
  return { stats: bandStats(compiled.compiled, data.rows), problems: [] };
}

function evaluate(): Evaluation {
  const input = draftToInput(app.draft);
  const parsed = parseModel(input);
  const problems: Problem[] = [...app.serverProblems];
  const warnings: Problem[] = [];
  let stats: PreviewStats | null = null;
  let model: Model | null = null;
  if (!parsed.ok) problems.push(...parsed.problems);
  else {
    model = parsed.model;
    const result = statsFor(model);
    // A column missing from this sheet stops the preview, not the save: the model may be meant for
    // another sheet of leads, or the column may be added later.
    warnings.push(
      ...result.problems.map((p) => ({
        ...p,
        message: `${p.message} — the preview needs it; the model can still be saved`,
      })),
    );
    stats = result.stats;
    const outcome = model.outcome;
    if (outcome && app.state?.data && !headerKeys().has(nameKey(outcome.column))) {
      warnings.push({
        subject: 'outcome',
        field: 'column',
        message: `outcome: "${outcome.column}" is not a column of the data, so conversion rates cannot be shown`,
      });
    }
  }
  return {
    input,
    model: problems.length === 0 ? model : null,
    problems: locateProblems(problems, app.draft),
    warnings: locateProblems(warnings, app.draft),
    stats: problems.length === 0 ? stats : null,
    dirty: JSON.stringify(input) !== app.baseline,
  };
}

let refreshTimer: ReturnType<typeof setTimeout> | undefined;

/** After an edit: update the problems and the preview within a moment. */
function changed(): void {
  app.serverProblems = [];
  if (refreshTimer !== undefined) clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    refreshTimer = undefined;
    refresh();
  }, REFRESH_DELAY_MS);
}

function refresh(): void {
  if (refreshTimer !== undefined) {
    clearTimeout(refreshTimer);
    refreshTimer = undefined;
  }
  if (!app.state) return;
  app.evaluation = evaluate();
  applyEvaluation(app.evaluation);
}

// ---------------------------------------------------------------------------------------------------------
// Loading, saving, versions, calibration.

function loadState(state: SidebarState): void {
  app.state = state;
  app.revision = state.revision;
  app.draft = modelToDraft(state.model ?? state.starterModel);
  app.baseline = state.model ? JSON.stringify(draftToInput(modelToDraft(state.model))) : '';
  app.baselineStats = state.model ? statsFor(state.model).stats : null;
  app.expandedRule = null;
  app.serverProblems = [];
  app.startFrom = 'sheet';
  if (state.model === null) {
    app.message =
      state.modelProblems.length > 0
        ? {
            kind: 'warning',
            text: 'The model sheet could not be read. The editor shows the starter model; saving replaces the model sheet.',
            details: state.modelProblems.map(problemText),
          }
        : {
            kind: 'info',
            text: 'There is no model sheet yet. The editor shows the starter model: adjust it and save to create the sheet.',
          };
  }
}

function problemText(problem: Problem): string {
  return problem.where ? `${problem.where}: ${problem.message}` : problem.message;
}

function setBusy(label: string | null): void {
  app.busy = label;
  updateBusy();
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

async function fetchState(): Promise<SidebarState> {
  return callServer('getSidebarState');
}

async function reload(after?: Message): Promise<void> {
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
      text: `Could not load the model: ${errorText(error)}`,
      actions: [{ label: 'Try again', testid: 'retry', run: () => void reload() }],
    };
  } finally {
    app.busy = null;
  }
  renderAll();
}

function conflictMessage(result: Extract<SaveResult, { ok: false }>): Message {
  return {
    kind: 'error',
    text: result.message,
    actions: [
      {
        label: 'Reload',
        testid: 'reload',
        primary: true,
        run: () => void reload({ kind: 'info', text: 'Reloaded the current model from the sheet.' }),
      },
    ],
  };
}

async function save(): Promise<void> {
  if (app.busy || !app.state) return;
  refresh();
  const evaluation = app.evaluation;
  if (!evaluation?.model) return;
  const sent = JSON.stringify(evaluation.input);
  const model = evaluation.model;
  setBusy('Saving…');
  try {
    const result = await callServer('saveModel', model, app.revision);
    if (result.ok) {
      app.revision = result.revision;
      app.state.model = model;
      app.state.versions = [
        ...app.state.versions.filter((v) => v.version !== result.version.version),
        result.version,
      ];
      app.baseline = sent;
      app.baselineStats = evaluation.stats;
      app.message = { kind: 'success', text: `Saved as version ${result.version.version}.` };
    } else if (result.reason === 'conflict') {
      app.message = conflictMessage(result);
    } else if (result.reason === 'invalid') {
      app.serverProblems = result.problems;
      app.message = {
        kind: 'error',
        text: result.message,
        details: result.problems.map(problemText),
      };
    } else {
      app.message = { kind: 'warning', text: result.message };
    }
  } catch (error) {
    app.message = { kind: 'error', text: `Could not save: ${errorText(error)}` };
  } finally {
    app.busy = null;
  }
  // The history lists the new version: render it all again (focus and scroll are kept).
  renderAll();
}

async function restore(version: number): Promise<void> {
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
        text: `Version ${version} is the current model again (saved as version ${result.version.version}).`,
      };
    } else if (result.reason === 'conflict') {
      message = conflictMessage(result);
    } else {
      message = { kind: 'error', text: result.message, details: result.problems.map(problemText) };
    }
  } catch (error) {
    message = { kind: 'error', text: `Could not restore version ${version}: ${errorText(error)}` };
  } finally {
    app.busy = null;
  }
  app.message = message;
  renderAll();
}

async function buildCalibration(): Promise<void> {
  if (app.busy) return;
  setBusy('Building the calibration sheet…');
  try {
    app.calibration = await callServer('buildCalibrationSheet', calibrationRequest());
    app.calibrationError = null;
  } catch (error) {
    app.calibration = null;
    app.calibrationError = errorText(error);
  } finally {
    app.busy = null;
  }
  updateBusy();
  renderCalibrationResult();
}

/** Runs `run` now, or after the user confirms when it would throw away unsaved edits. */
function confirmDiscard(text: string, label: string, run: () => void): void {
  if (!app.evaluation?.dirty) {
    run();
    return;
  }
  app.message = {
    kind: 'warning',
    text,
    actions: [
      {
        label,
        testid: 'confirm',
        primary: true,
        run: () => {
          app.message = null;
          run();
        },
      },
      {
        label: 'Cancel',
        testid: 'cancel',
        run: () => {
          app.message = null;
          renderMessage();
        },
      },
    ],
  };
  renderMessage();
  view.message?.querySelector<HTMLButtonElement>('button')?.focus();
}

function startFrom(): void {
  const choice = app.startFrom;
  const what = { sheet: 'the model sheet', starter: 'the starter model', blank: 'a blank model' }[choice];
  confirmDiscard(`Replace your unsaved changes with ${what}?`, 'Replace', () => {
    if (choice === 'sheet') {
      void reload({ kind: 'info', text: 'Loaded the model sheet.' });
      return;
    }
    const model = choice === 'starter' ? app.state!.starterModel : blankModel();
    app.draft = modelToDraft(model);
    app.expandedRule = null;
    app.serverProblems = [];
    app.message = {
      kind: 'info',
      text: `Started from ${what}. Nothing is saved until you press Save.`,
    };
    renderAll();
  });
}

/** The model as JSON: to use it with the `leadscore` command line or another tool, or to paste one in. */
function jsonSection(): HTMLElement {
  const output = h('textarea', {
    id: 'json-export',
    testid: 'json-export',
    class: 'json',
    attrs: { readonly: true, rows: '8', spellcheck: 'false' },
  });
  const input = h('textarea', {
    id: 'json-import',
    testid: 'json-import',
    class: 'json',
    attrs: {
      rows: '6',
      spellcheck: 'false',
      placeholder: '{ "name": …, "groups": […], "rules": […], "bands": […] }',
    },
  });
  const show = () => {
    const model = app.evaluation?.model;
    output.value = model
      ? `${JSON.stringify(model, null, 2)}\n`
      : 'The model has problems: fix them first (see the list at the top).';
    output.select();
  };
  const load = () => {
    let parsed: ReturnType<typeof parseModel>;
    try {
      parsed = parseModel(JSON.parse(input.value));
    } catch (error) {
      app.message = { kind: 'error', text: `That is not valid JSON: ${errorText(error)}` };
      renderMessage();
      return;
    }
    if (!parsed.ok) {
      app.message = {
        kind: 'error',
        text: `That model has problems, so it was not loaded: ${parsed.problems.map((p) => p.message).join('; ')}`,
      };
      renderMessage();
      return;
    }
    const model = parsed.model;
    confirmDiscard('Replace your unsaved changes with the pasted model?', 'Replace', () => {
      app.draft = modelToDraft(model);
      app.expandedRule = null;
      app.serverProblems = [];
      app.message = {
        kind: 'info',
        text: `Loaded “${model.name}” from JSON. Nothing is saved until you press Save.`,
      };
      renderAll();
    });
  };
  return section(
    'json',
    'Model as JSON',
    h(
      'p',
      { class: 'hint' },
      'The model in the format the command line and other tools read (see docs/model.md): save it as model.json, then run npx leadscore score --model model.json --input leads.csv.',
    ),
    h('label', { class: 'block-label', attrs: { for: 'json-export' } }, 'The current model'),
    output,
    button('Show the current model as JSON', { testid: 'json-show', class: 'secondary', onClick: show }),
    h('label', { class: 'block-label', attrs: { for: 'json-import' } }, 'Paste a model as JSON'),
    input,
    button('Load the pasted model', { testid: 'json-load', class: 'secondary', onClick: load }),
  );
}

function previewSection(): HTMLElement {
  // Not a live region: it changes with every keystroke. Messages are announced through view.announcer.
  view.preview = h('div', { class: 'preview', testid: 'preview' });
  return section('preview', 'Live preview', view.preview);
}

function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: app.state?.timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(date);
    const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
  } catch {
    return iso;
  }
}

function historySection(): HTMLElement {
  const versions = [...(app.state?.versions ?? [])].sort((a, b) => b.version - a.version);
  const list = h('ol', { class: 'history', testid: 'history' });
  for (const version of versions) {
    list.appendChild(
      h(
        'li',
        { testid: 'version', attrs: { 'data-version': String(version.version) } },
        h(
          'div',
          { class: 'version-head' },
          h('strong', {}, `Version ${version.version}`),
          button('Restore', {
            testid: `restore-${version.version}`,
            ariaLabel: `Restore version ${version.version}`,
            action: true,
            class: 'secondary small',
            onClick: () =>
              confirmDiscard(
                `Restoring version ${version.version} replaces your unsaved changes.`,
                'Restore',
                () => void restore(version.version),
              ),
          }),
        ),
        h(
          'div',
          { class: 'muted' },
          [formatTime(version.savedAt), version.savedBy].filter((part) => part !== '').join(' · '),
        ),
        version.summary ? h('div', { class: 'summary' }, version.summary) : null,
      ),
    );
  }
  return section(
    'history',
    'History',
    h('p', { class: 'hint' }, 'Every save is a version. Restoring one saves it again as the newest version.'),
    versions.length === 0 ? h('p', { class: 'muted' }, 'No saved versions yet.') : list,
  );
}

/** The Calibration section's choices; kept across renders, not part of the model. */
const calibrationChoices = { compareWith: '', periodColumn: '', from: '', to: '', reviewPercent: '10' };

function calibrationRequest(): CalibrationOptions {
  const c = calibrationChoices;
  const request: CalibrationOptions = {};
  if (c.compareWith === 'none') request.compareWithVersion = null;
  else if (c.compareWith === 'suggested') request.compareWithVersion = 'suggested';
  else if (c.compareWith !== '') request.compareWithVersion = Number(c.compareWith);
  if (c.periodColumn !== '') {
    request.period = { column: c.periodColumn };
    if (c.from !== '') request.period.from = c.from;
    if (c.to !== '') request.period.to = c.to;
  }
  const share = Number(c.reviewPercent);
  if (c.reviewPercent.trim() !== '' && Number.isFinite(share))
    request.reviewShare = Math.min(Math.max(share, 0), 100) / 100;
  return request;
}

/** A text field bound to one of the calibration choices. */
function choiceField(
  key: 'from' | 'to' | 'reviewPercent',
  label: string,
  options: { type?: string; numeric?: boolean },
): HTMLElement {
  const id = `calibration-${key === 'reviewPercent' ? 'review' : key}`;
  return textField({
    id,
    testid: id,
    label,
    ...options,
    value: calibrationChoices[key],
    onInput: (value) => {
      calibrationChoices[key] = value;
    },
  });
}

function calibrationOptionsFields(): HTMLElement {
  const c = calibrationChoices;
  const versions = app.state?.versions ?? [];
  const headers = app.state?.data?.headers ?? [];
  return h(
    'div',
    { class: 'calibration-options' },
    selectField({
      id: 'calibration-compare',
      testid: 'calibration-compare',
      label: 'Compare with',
      value: c.compareWith,
      choices: [
        { value: '', label: 'The previous saved version' },
        { value: 'suggested', label: 'Points fitted from the outcomes' },
        ...versions.map((v) => ({ value: String(v.version), label: `Version ${v.version}: ${v.summary}` })),
        { value: 'none', label: 'Nothing' },
      ],
      onChange: (value) => {
        c.compareWith = value;
      },
    }),
    selectField({
      id: 'calibration-period-column',
      testid: 'calibration-period-column',
      label: 'Only leads dated within a period',
      hint: 'Pick the date column that places a lead in time, then the first and last day.',
      value: c.periodColumn,
      choices: [{ value: '', label: 'All leads' }, ...headers.map((name) => ({ value: name, label: name }))],
      onChange: (value) => {
        c.periodColumn = value;
      },
    }),
    h(
      'div',
      { class: 'row2' },
      choiceField('from', 'Period from', { type: 'date' }),
      choiceField('to', 'Period to', { type: 'date' }),
    ),
    choiceField('reviewPercent', 'Review sample (% of the leads kept from sales)', { numeric: true }),
  );
}

function calibrationSection(): HTMLElement {
  view.calibration = h('div', {
    class: 'calibration-result',
    testid: 'calibration-result',
    attrs: { 'aria-live': 'polite' },
  });
  const content = section(
    'calibration',
    'Calibration',
    h(
      'p',
      { class: 'hint' },
      'Checks the saved model against the leads’ outcomes and writes the findings to a sheet.',
    ),
    calibrationOptionsFields(),
    button('Build calibration sheet', {
      testid: 'calibrate',
      action: true,
      class: 'secondary',
      onClick: () => void buildCalibration(),
    }),
    view.calibration,
  );
  renderCalibrationResult();
  return content;
}

function renderCalibrationResult(): void {
  const box = view.calibration;
  if (!box) return;
  clear(box);
  if (app.calibrationError !== null) {
    box.appendChild(h('p', { class: 'message error', attrs: { role: 'alert' } }, app.calibrationError));
    return;
  }
  const result = app.calibration;
  if (!result) return;
  if (app.evaluation?.dirty) {
    box.appendChild(
      h('p', { class: 'hint' }, 'This is the saved model: your unsaved changes are not in it.'),
    );
  }
  box.appendChild(
    h('p', {}, `Sheet “${result.sheetName}”: ${result.leads} leads, ${result.conversions} conversions.`),
  );
  if (result.verdicts.length > 0) {
    box.appendChild(
      h(
        'ul',
        { class: 'verdicts', testid: 'verdicts' },
        ...result.verdicts.map((verdict) => h('li', {}, verdict)),
      ),
    );
  }
}

// ---------------------------------------------------------------------------------------------------------
// Page frame: header, messages, save bar.

function renderMessage(): void {
  const box = view.message;
  if (!box) return;
  clear(box);
  const message = app.message;
  box.hidden = message === null;
  if (!message) return;
  if (view.announcer && view.announced !== message) {
    view.announced = message;
    view.announcer.setAttribute('aria-live', message.kind === 'error' ? 'assertive' : 'polite');
    view.announcer.textContent = message.text;
  }
  box.className = `message ${message.kind}`;
  box.appendChild(h('p', { testid: 'message-text' }, message.text));
  if (message.details && message.details.length > 0) {
    box.appendChild(h('ul', {}, ...message.details.map((detail) => h('li', {}, detail))));
  }
  const actions = h('div', { class: 'actions' });
  for (const action of message.actions ?? []) {
    actions.appendChild(
      button(action.label, {
        testid: action.testid,
        class: action.primary ? 'primary' : 'secondary',
        action: true,
        onClick: action.run,
      }),
    );
  }
  actions.appendChild(
    button('Dismiss', {
      testid: 'dismiss',
      class: 'link',
      onClick: () => {
        app.message = null;
        renderMessage();
      },
    }),
  );
  box.appendChild(actions);
}

function startBar(): HTMLElement {
  const select = selectControl(
    'start-from',
    [
      { value: 'sheet', label: 'Model sheet' },
      { value: 'starter', label: 'Starter model' },
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
  );
}

function saveBar(): HTMLElement {
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

function updateBusy(): void {
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

function updateSaveButton(): void {
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

// ---------------------------------------------------------------------------------------------------------
// Applying an evaluation to the page.

function applyEvaluation(evaluation: Evaluation): void {
  for (const slot of view.slots.values()) {
    clear(slot.error);
    slot.error.hidden = true;
    slot.input?.removeAttribute('aria-invalid');
  }
  for (const mark of view.itemMarks.values()) mark.hidden = true;
  const counts = new Map<PanelId, number>();
  const place = (located: LocatedProblem, blocking: boolean) => {
    counts.set(located.section, (counts.get(located.section) ?? 0) + (blocking ? 1 : 0));
    const shown = new Set<HTMLElement>();
    for (const key of located.keys) {
      const itemKey = key.slice(0, key.lastIndexOf(':'));
      const slot = view.slots.get(key) ?? view.slots.get(`${itemKey}:*`);
      if (!slot || shown.has(slot.error)) continue;
      shown.add(slot.error);
      slot.error.hidden = false;
      slot.error.appendChild(h('p', { class: blocking ? 'error' : 'warning' }, located.short));
      if (blocking) slot.input?.setAttribute('aria-invalid', 'true');
    }
    if (blocking) {
      for (const item of located.items) {
        const mark = view.itemMarks.get(item);
        if (mark) {
          mark.hidden = false;
          mark.title = located.short;
        }
      }
    }
  };
  for (const located of evaluation.problems) place(located, true);
  for (const located of evaluation.warnings) place(located, false);
  for (const [id, badge] of view.badges) {
    const count = counts.get(id) ?? 0;
    badge.hidden = count === 0;
    badge.textContent = count === 0 ? '' : `${count} problem${count === 1 ? '' : 's'}`;
  }
  for (const rule of app.draft.rules) {
    const summary = view.ruleSummaries.get(rule.id);
    if (!summary) continue;
    summary.name.textContent = rule.name || '(no name)';
    summary.points.textContent = pointsLabel(rule);
    summary.points.className = `rule-points${pointsSign(rule)}`;
    summary.meta.textContent = ruleMeta(rule);
  }
  renderPreview(evaluation);
  if (view.status) {
    view.status.textContent = evaluation.dirty ? 'Unsaved changes' : 'Saved';
    view.status.className = `status ${evaluation.dirty ? 'dirty' : 'clean'}`;
  }
  updateSaveButton();
}

function goTo(located: LocatedProblem): void {
  const item = located.items[0];
  if (item?.startsWith('rule:')) app.expandedRule = Number(item.slice(5));
  app.open.add(located.section);
  renderAll();
  const key = located.keys[0];
  const slot = key
    ? (view.slots.get(key) ?? view.slots.get(`${key.slice(0, key.lastIndexOf(':'))}:*`))
    : undefined;
  const target = slot?.input ?? view.root?.querySelector<HTMLElement>(`#section-${located.section} summary`);
  target?.focus();
  target?.scrollIntoView({ block: 'center' });
}

function delta(now: number, before: number | undefined): HTMLElement | null {
  if (before === undefined || now === before) return null;
  const diff = now - before;
  return h(
    'span',
    {
      class: 'delta',
      attrs: { title: `${Math.abs(diff)} ${diff > 0 ? 'more' : 'fewer'} than the saved model` },
    },
    ` (${diff > 0 ? '+' : MINUS}${Math.abs(diff)})`,
  );
}

function renderPreview(evaluation: Evaluation): void {
  const box = view.preview;
  if (!box) return;
  clear(box);
  if (evaluation.problems.length > 0) {
    box.appendChild(
      h(
        'p',
        { class: 'error', testid: 'preview-problems-title' },
        'The model has problems. Fix them to see the preview and to save:',
      ),
    );
    box.appendChild(
      h(
        'ul',
        { class: 'problem-list', testid: 'problems' },
        ...evaluation.problems.map((located) =>
          h(
            'li',
            {},
            h(
              'button',
              {
                class: 'link',
                attrs: { type: 'button' },
                on: { click: () => goTo(located) },
              },
              problemText(located.problem),
            ),
          ),
        ),
      ),
    );
    return;
  }
  const data = app.state?.data;
  if (!data) {
    box.appendChild(
      h(
        'p',
        { class: 'muted' },
        'No leads sheet found. Add a sheet with a header row and leads below it to see how they spread across the bands.',
      ),
    );
    return;
  }
  const stats = evaluation.stats;
  if (!stats) {
    box.appendChild(
      h(
        'p',
        { class: 'muted', testid: 'preview-unavailable' },
        `No preview: the model uses a column that “${data.sheetName}” does not have (see the warning beside the rule).`,
      ),
    );
    return;
  }
  if (stats.total === 0) {
    box.appendChild(h('p', { class: 'muted' }, `The sheet “${data.sheetName}” has no leads yet.`));
    return;
  }
  const before = evaluation.dirty && app.baselineStats ? app.baselineStats : null;
  const sameBands = before !== null && before.bands.length === stats.bands.length;
  const limited =
    data.totalRows > data.rows.length ? ` (the first ${data.rows.length} of ${data.totalRows})` : '';
  const asOf = evaluation.model?.settings?.asOf ?? app.state?.today ?? '';
  box.appendChild(
    h(
      'p',
      { class: 'preview-summary', testid: 'preview-summary' },
      `${stats.total} leads on “${data.sheetName}”${limited}, scored as of ${asOf}.`,
    ),
  );
  const hasOutcome = stats.decided > 0;
  const table = h(
    'table',
    { class: 'band-table', testid: 'band-table' },
    h('caption', { class: 'sr-only' }, 'Leads per band'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { attrs: { scope: 'col' } }, 'Band'),
        h('th', { attrs: { scope: 'col' }, class: 'num' }, 'Leads'),
        h('th', { attrs: { scope: 'col' }, class: 'num' }, 'Share'),
        hasOutcome ? h('th', { attrs: { scope: 'col' }, class: 'num' }, 'Conv.') : null,
      ),
    ),
  );
  const body = h('tbody');
  stats.bands.forEach((band, index) => {
    const bar = h('span', { class: 'bar', attrs: { 'aria-hidden': 'true' } });
    bar.style.width = `${Math.round(band.share * 100)}%`;
    body.appendChild(
      h(
        'tr',
        { testid: 'band-stat', attrs: { 'data-band': band.name } },
        h(
          'th',
          { attrs: { scope: 'row' }, class: 'band-name' },
          band.name,
          band.salesReady ? h('span', { class: 'ready', attrs: { title: 'Sales-ready' } }, ' ★') : null,
        ),
        h(
          'td',
          { class: 'num' },
          h('span', { testid: 'band-count' }, String(band.count)),
          sameBands ? delta(band.count, before!.bands[index]?.count) : null,
        ),
        h('td', { class: 'num share' }, bar, h('span', { testid: 'band-share' }, percent(band.share))),
        hasOutcome
          ? h(
              'td',
              {
                class: 'num',
                testid: 'band-rate',
                attrs: { title: `${band.converted} of ${band.decided} leads with an outcome converted` },
              },
              band.rate === undefined ? '–' : percent(band.rate),
            )
          : null,
      ),
    );
  });
  table.appendChild(body);
  box.appendChild(table);
  const lines: Child[] = [
    h(
      'p',
      { testid: 'sales-ready' },
      `★ Sales-ready: ${stats.salesReady} leads (${percent(stats.salesReady / stats.total)})`,
      sameBands ? delta(stats.salesReady, before!.salesReady) : null,
      '.',
    ),
  ];
  if (hasOutcome) {
    lines.push(
      h(
        'p',
        { class: 'muted' },
        `Conv. = share of the band’s leads with a known outcome that converted (${stats.converted} of ${stats.decided} overall).`,
      ),
    );
  } else if (evaluation.model?.outcome) {
    lines.push(
      h('p', { class: 'muted' }, 'No lead has a known outcome yet, so there are no conversion rates.'),
    );
  }
  if (before) lines.push(h('p', { class: 'muted' }, 'Numbers in brackets: change against the saved model.'));
  for (const line of lines) if (line) box.appendChild(line as Node);
}

// ---------------------------------------------------------------------------------------------------------
// Whole render.

function renderAll(focusId?: string): void {
  const root = view.root;
  if (!root) return;
  const active = document.activeElement as HTMLElement | null;
  const restoreId = focusId ?? active?.id ?? '';
  const selection =
    active instanceof HTMLInputElement && focusId === undefined
      ? { start: active.selectionStart, end: active.selectionEnd }
      : null;
  const scrollY = window.scrollY;
  view.slots.clear();
  view.itemMarks.clear();
  view.badges.clear();
  view.ruleSummaries.clear();
  clear(root);
  view.status = h('span', { class: 'status', testid: 'status' });
  view.message = h('div', { class: 'message', testid: 'message', attrs: { hidden: true } });
  root.append(h('header', { class: 'top' }, h('h1', {}, 'Lead Scoring'), view.status), view.message);
  if (!app.state) {
    renderMessage();
    return;
  }
  root.append(
    startBar(),
    previewSection(),
    rulesSection(),
    groupsSection(),
    bandsSection(),
    gradesSection(),
    outcomeSection(),
    modelSection(),
    historySection(),
    calibrationSection(),
    jsonSection(),
    saveBar(),
  );
  renderMessage();
  updateBusy();
  app.evaluation = evaluate();
  applyEvaluation(app.evaluation);
  window.scrollTo(0, scrollY);
  if (restoreId) {
    const target = document.getElementById(restoreId);
    if (target) {
      target.focus({ preventScroll: focusId === undefined });
      if (selection && target instanceof HTMLInputElement && target.type === 'text') {
        target.setSelectionRange(selection.start, selection.end);
      }
      if (focusId !== undefined) target.scrollIntoView({ block: 'nearest' });
    }
  }
}

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
