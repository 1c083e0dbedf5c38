// The Live preview section: how the leads spread across the bands under the draft, against the saved model.
import { app, type Evaluation, MINUS, view } from '../context';
import { type Child, clear, h } from '../dom';
import { section } from '../fields';
import { goTo } from '../goToProblem';
import { problemText } from '../messages';
import { percent } from '../preview';

export function previewSection(): HTMLElement {
  // Not a live region: it changes with every keystroke. Messages are announced through view.announcer.
  view.preview = h('div', { class: 'preview', testid: 'preview' });
  return section('preview', 'Live preview', view.preview);
}

export function delta(now: number, before: number | undefined): HTMLElement | null {
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

export function renderPreview(evaluation: Evaluation): void {
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
