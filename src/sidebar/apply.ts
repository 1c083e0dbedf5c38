// Applies an evaluation to the page: each problem beside its field, badges, rule summaries, preview, status.
import { app, type Evaluation, type PanelId, view } from './context';
import { clear, h } from './dom';
import type { LocatedProblem } from './problems';
import { renderPreview } from './sections/preview';
import { pointsLabel, pointsSign, ruleMeta } from './sections/rules';
import { updateSaveButton } from './sections/saveBarStatus';

export function applyEvaluation(evaluation: Evaluation): void {
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
  for (const update of view.onEvaluate) update();
  if (view.status) {
    view.status.textContent = evaluation.dirty
      ? app.stale
        ? 'Unsaved changes · the sheet changed'
        : 'Unsaved changes'
      : 'Saved';
    view.status.className = `status ${evaluation.dirty ? 'dirty' : 'clean'}`;
  }
  updateSaveButton();
}
