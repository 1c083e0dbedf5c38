// The leakage guard's findings in the Suggest section: each flagged column with what the guard reported, and a
// Keep tick that keeps it at the next fit (unticked: the guard leaves it out again). One list with the Keep
// ticks of the *Suggested model* sheet: the server stores the tick and ticks the sheet too.
import type { Suggestion } from '../../shared/sidebarApi';
import { app } from '../context';
import { h } from '../dom';
import { errorText, renderMessage } from '../messages';
import { callServer } from '../rpc';

const state = {
  /** Lower-cased names of the columns kept on purpose; null until first read from the server's state. */
  kept: null as Set<string> | null,
};

function kept(): Set<string> {
  state.kept ??= new Set((app.state?.suggestKeepLeaky ?? []).map((c) => c.trim().toLowerCase()));
  return state.kept;
}

/** After a fit: its flagged columns were kept or left out by the list as it stood, so that is what it is now. */
export function keptFrom(suggestion: Suggestion): void {
  const set = kept();
  for (const l of suggestion.leakage) {
    if (l.kept) set.add(l.column.trim().toLowerCase());
    else set.delete(l.column.trim().toLowerCase());
  }
}

export function leakageFindings(leakage: Suggestion['leakage']): HTMLElement[] {
  return leakage.map((l, i) => {
    const id = `suggest-keep-${i}`;
    const key = l.column.trim().toLowerCase();
    const input = h('input', {
      id,
      testid: 'suggest-keep',
      attrs: { type: 'checkbox', value: l.column },
    });
    input.checked = kept().has(key);
    input.addEventListener('change', () => void store(input, l.column));
    return h(
      'div',
      { class: 'message warning', testid: 'suggest-leakage' },
      h(
        'p',
        {},
        `“${l.column}” ${l.kept ? 'was kept on purpose, but' : 'was left out:'} probably filled in after the outcome (${l.why}).`,
      ),
      h(
        'div',
        { class: 'field check' },
        input,
        h('label', { attrs: { for: id } }, `Keep “${l.column}” at the next fit`),
      ),
    );
  });
}

async function store(input: HTMLInputElement, column: string): Promise<void> {
  const keep = input.checked;
  input.disabled = true;
  try {
    const now = await callServer('setSuggestKeepLeaky', column, keep);
    state.kept = new Set(now.map((c) => c.trim().toLowerCase()));
    app.message = {
      kind: 'info',
      place: 'suggest',
      text: keep
        ? `“${column}” is kept at the next Suggest (ticked on the sheet “Suggested model” too). Suggest again to see the model with it.`
        : `“${column}” is left out again at the next Suggest.`,
    };
  } catch (error) {
    input.checked = !keep;
    app.message = { kind: 'error', place: 'suggest', text: `Could not store the tick: ${errorText(error)}` };
  } finally {
    input.disabled = false;
  }
  renderMessage();
}
