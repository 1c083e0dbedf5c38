// The whole render: the header, the message, then one section module after another (src/sidebar/sections).
// A new section (e.g. a condition or event editor) is a module in sections/ and one entry in SECTIONS.

import { applyEvaluation } from './apply';
import { app, view } from './context';
import { clear, h } from './dom';
import { evaluate } from './evaluation';
import { messageBox, renderMessage } from './messages';
import { activitiesSection } from './sections/activities';
import { bandsSection } from './sections/bands';
import { calibrationSection } from './sections/calibration';
import { engagementLevelsSection, gradesSection } from './sections/grades';
import { groupsSection } from './sections/groups';
import { historySection } from './sections/history';
import { jsonSection } from './sections/json';
import { monitorSection } from './sections/monitor';
import { outcomeSection } from './sections/outcome';
import { previewSection } from './sections/preview';
import { rulesSection } from './sections/rules';
import { saveBar } from './sections/saveBar';
import { updateBusy } from './sections/saveBarStatus';
import { modelSection } from './sections/settings';
import { startBar } from './sections/start';
import { suggestSection } from './sections/suggest';
import { noteDraft } from './undo';

/** The editor's parts, top to bottom. */
const SECTIONS: (() => HTMLElement)[] = [
  startBar,
  previewSection,
  rulesSection,
  groupsSection,
  bandsSection,
  gradesSection,
  engagementLevelsSection,
  outcomeSection,
  activitiesSection,
  modelSection,
  historySection,
  calibrationSection,
  monitorSection,
  suggestSection,
  jsonSection,
  saveBar,
];

export function render(focusId?: string): void {
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
  view.messageBoxes.clear();
  view.onEvaluate = [];
  clear(root);
  view.status = h('span', { class: 'status', testid: 'status' });
  root.append(h('header', { class: 'top' }, h('h1', {}, 'Lead Scoring'), view.status), messageBox('top'));
  if (!app.state) {
    renderMessage();
    return;
  }
  root.append(...SECTIONS.map((build) => build()));
  renderMessage();
  updateBusy();
  app.evaluation = evaluate();
  noteDraft();
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
