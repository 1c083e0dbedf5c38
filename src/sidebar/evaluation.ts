// Evaluation of the draft: validate it, compile it against the data, compute the band spread. Typing asks
// for a refresh (`changed`), which runs after a short pause.
import { compileModel } from '../core/engine';
import type { Model, Problem } from '../core/model';
import { nameKey, parseModel } from '../core/validate';
import { applyEvaluation } from './apply';
import { app, type Evaluation, hooks, type Message, REFRESH_DELAY_MS } from './context';
import { draftToInput, modelToDraft } from './draft';
import { bandStats, type PreviewStats } from './preview';
import { locateProblems } from './problems';
import { noteDraft } from './undo';

export function headerKeys(): Set<string> {
  return new Set((app.state?.data?.headers ?? []).map((header) => nameKey(String(header))));
}

/** As the sheet scores: its time zone, the scoring date, and (v2) the activity log the server found. */
export function compileOptions(model: Model) {
  const state = app.state!;
  const log = state.activities;
  return {
    timeZone: state.timeZone,
    asOf: model.settings?.asOf ?? state.today,
    activities: log ? { headers: log.headers, rows: log.rows } : undefined,
  };
}

export function statsFor(model: Model): { stats: PreviewStats | null; problems: Problem[] } {
  const data = app.state?.data;
  if (!data) return { stats: null, problems: [] };
  const compiled = compileModel(model, data.headers, compileOptions(model));
  if (!compiled.ok) return { stats: null, problems: compiled.problems };
  return { stats: bandStats(compiled.compiled, data.rows), problems: [] };
}

export function evaluate(): Evaluation {
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
export function changed(): void {
  app.serverProblems = [];
  if (refreshTimer !== undefined) clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    refreshTimer = undefined;
    refresh();
  }, REFRESH_DELAY_MS);
}

export function refresh(): void {
  if (refreshTimer !== undefined) {
    clearTimeout(refreshTimer);
    refreshTimer = undefined;
  }
  if (!app.state) return;
  app.evaluation = evaluate();
  noteDraft();
  applyEvaluation(app.evaluation);
}

/** Runs a pending refresh now. */
export function flush(): void {
  if (refreshTimer !== undefined) refresh();
}

/** Puts another model in the editor (a draft edit: not saved, and Undo takes it back). */
export function replaceDraft(model: Model, message: Message): void {
  app.draft = modelToDraft(model);
  app.expandedRule = null;
  app.serverProblems = [];
  app.message = message;
  hooks.renderAll();
}
