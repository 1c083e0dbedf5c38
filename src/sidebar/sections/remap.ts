// A rule on a column the leads sheet does not have (renamed in a new export): pick the sheet's column that
// replaces it, for every rule and decay that names it, in one step.
import { nameKey } from '../../core/validate';
import { notAnInput } from '../columnValues';
import { app, hooks } from '../context';
import { h } from '../dom';
import { button, selectControl } from '../fields';

/** Rules and group decays that name `column` (as the engine matches names: trimmed, not case-sensitive). */
export function usesOf(column: string): { rules: number; decays: number } {
  const key = nameKey(column);
  return {
    rules: app.draft.rules.filter((rule) => nameKey(rule.column) === key).length,
    decays: app.draft.groups.filter((group) => group.decayOn && nameKey(group.decayColumn) === key).length,
  };
}

export function remapEverywhere(from: string, to: string): void {
  const key = nameKey(from);
  for (const rule of app.draft.rules) if (nameKey(rule.column) === key) rule.column = to;
  for (const group of app.draft.groups) {
    if (group.decayOn && nameKey(group.decayColumn) === key) group.decayColumn = to;
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The remap offer for `column`, or null when the data has it (or there is no data to pick from). */
export function remapColumn(column: string, id: string): HTMLElement | null {
  const data = app.state?.data;
  if (!data || column.trim() === '') return null;
  const headers = data.headers.map(String).filter((header) => header.trim() !== '');
  if (headers.some((header) => nameKey(header) === nameKey(column))) return null;
  const uses = usesOf(column);
  const what = [plural(uses.rules, 'rule'), uses.decays > 0 ? plural(uses.decays, 'decay') : null]
    .filter(Boolean)
    .join(' and ');
  const choices = headers
    .filter((header) => notAnInput(header) === null)
    .map((header) => ({ value: header, label: header }));
  const select = selectControl(
    `${id}-to`,
    [{ value: '', label: '(pick a column)' }, ...choices],
    '',
    'remap-to',
  );
  const apply = button(`Use it for all ${what}`, {
    id: `${id}-apply`,
    testid: 'remap-apply',
    class: 'secondary small',
    disabled: true,
    onClick: () => {
      if (select.value === '') return;
      remapEverywhere(column, select.value);
      hooks.changed();
      hooks.renderAll(`${id.replace(/-remap$/, '')}-column`);
    },
  });
  select.addEventListener('change', () => {
    apply.disabled = select.value === '';
  });
  return h(
    'div',
    { class: 'remap', testid: 'remap' },
    h(
      'label',
      { attrs: { for: `${id}-to` } },
      `“${column}” is not a column of “${data.sheetName}” (renamed in a new export?). Replace it with:`,
    ),
    select,
    apply,
  );
}
