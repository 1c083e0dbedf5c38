// The History section: every saved version, each with a Restore button.

import type { VersionInfo } from '../../shared/sidebarApi';
import { app } from '../context';
import { h } from '../dom';
import { button, section } from '../fields';
import { confirmAction, messageBox } from '../messages';
import { restore } from '../server';

export function formatTime(iso: string): string {
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

export function historySection(): HTMLElement {
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
            onClick: () => confirmRestore(version),
          }),
        ),
        h(
          'div',
          { class: 'muted' },
          [formatTime(version.savedAt), version.savedBy].filter((part) => part !== '').join(' · '),
        ),
        version.summary ? h('div', { class: 'summary' }, version.summary) : null,
        version.note
          ? h('div', { class: 'version-note', testid: 'version-note' }, `“${version.note}”`)
          : null,
      ),
    );
  }
  return section(
    'history',
    'History',
    h('p', { class: 'hint' }, 'Every save is a version. Restoring one saves it again as the newest version.'),
    messageBox('history'),
    versions.length === 0 ? h('p', { class: 'muted' }, 'No saved versions yet.') : list,
  );
}

/** A restore replaces the model on the model sheet (and any unsaved edits): ask first, naming both. */
function confirmRestore(version: VersionInfo): void {
  const model = app.state?.model;
  const newest = [...(app.state?.versions ?? [])].sort((a, b) => b.version - a.version)[0];
  const replaced: string[] = [];
  if (model) {
    const rules = model.rules.length;
    const saved = newest ? `, last saved as version ${newest.version} (${formatTime(newest.savedAt)})` : '';
    replaced.push(
      `The current model on the model sheet: “${model.name}”, ${rules} rule${rules === 1 ? '' : 's'}${saved}, with any edits typed into its cells since.`,
    );
  }
  if (app.evaluation?.dirty) replaced.push('Your unsaved changes in this sidebar.');
  const when = formatTime(version.savedAt);
  confirmAction(
    `Restore version ${version.version} (${when}${version.summary ? `: ${version.summary}` : ''})? It replaces:`,
    `Restore version ${version.version}`,
    () => void restore(version.version),
    'history',
    replaced,
  );
}
