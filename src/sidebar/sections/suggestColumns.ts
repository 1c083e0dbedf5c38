// "Columns the fit may use": one checkbox per column of the leads; an unticked column is left out of
// Suggest a model (e.g. one filled in by sales after the first contact). The server remembers the list in
// the spreadsheet (SidebarState.suggestExclusions), so the next fit, from here or the menu, leaves it out too.
import { app } from '../context';
import { h } from '../dom';

/** The add-on's own output columns: never inputs of a fit, so not offered. */
const OUTPUTS = new Set(['score', 'band', 'grade', 'reasons']);

const state = {
  /** Lower-cased names → the name as shown; null until first read from the server's state. */
  excluded: null as Map<string, string> | null,
};

function excluded(): Map<string, string> {
  state.excluded ??= new Map((app.state?.suggestExclusions ?? []).map((c) => [c.trim().toLowerCase(), c]));
  return state.excluded;
}

/** What the next Suggest sends: every column left out (also those of another sheet, kept remembered). */
export function excludedColumns(): string[] {
  return [...excluded().values()];
}

function offered(): string[] {
  const outcome = app.state?.model?.outcome?.column.trim().toLowerCase();
  return (app.state?.data?.headers ?? []).filter((name) => {
    const key = name.trim().toLowerCase();
    // A LEAD formula's error text in a header cell is not a column.
    return (
      key !== '' &&
      key !== outcome &&
      !OUTPUTS.has(key) &&
      !/^lead(score|band|grade|reasons|explain):/.test(key)
    );
  });
}

export function suggestColumns(): HTMLElement | null {
  const columns = offered();
  if (columns.length === 0) return null;
  const leftOut = excluded();
  const count = h('span', { testid: 'suggest-columns-count' });
  const updateCount = () => {
    const out = columns.filter((c) => leftOut.has(c.trim().toLowerCase())).length;
    count.textContent =
      out === 0 ? `all ${columns.length} columns` : `${columns.length - out} of ${columns.length} columns`;
  };
  updateCount();
  const boxes = columns.map((column, i) => {
    const key = column.trim().toLowerCase();
    const id = `suggest-column-${i}`;
    const input = h('input', { id, testid: 'suggest-column', attrs: { type: 'checkbox', value: column } });
    input.checked = !leftOut.has(key);
    input.addEventListener('change', () => {
      if (input.checked) leftOut.delete(key);
      else leftOut.set(key, column);
      updateCount();
    });
    return h('div', { class: 'field check' }, input, h('label', { attrs: { for: id } }, column));
  });
  return h(
    'details',
    { class: 'suggest-columns', testid: 'suggest-columns' },
    h('summary', {}, 'Columns the fit may use: ', count),
    h(
      'p',
      { class: 'hint' },
      'Untick a column to leave it out, e.g. one your team fills in after the first contact. Remembered for the next fit.',
    ),
    ...boxes,
  );
}
