// The History section: every saved version, each with a Restore button.
import { app } from '../context';
import { h } from '../dom';
import { button, section } from '../fields';
import { confirmDiscard } from '../messages';
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
