// The Bands section: band names, their lowest scores, and which are sales-ready.
import { app, hooks, view } from '../context';
import { renderAfterFocusMoves } from '../deferredRender';
import { h } from '../dom';
import { nextId, readNumber, uniqueName } from '../draft';
import { button, checkField, errorSlot, section, textField } from '../fields';
import { fieldKey } from '../problems';

export function bandsSection(): HTMLElement {
  const draft = app.draft;
  const rows = draft.bands.map((band, index) => {
    const base = `band-${band.id}`;
    const key = (field: string | undefined) => [
      fieldKey('band', band.id, field),
      ...(field === 'name' ? [fieldKey('band', band.id, '*')] : []),
    ];
    const mark = h('span', { class: 'item-mark', attrs: { hidden: true } }, '!');
    view.itemMarks.set(`band:${band.id}`, mark);
    const minField = textField({
      id: `${base}-min`,
      label: `Band ${index + 1} lowest score`,
      hiddenLabel: true,
      testid: `band-${index}-min`,
      numeric: true,
      placeholder: index === 0 ? 'lowest' : undefined,
      keys: key('min'),
      value: band.min,
      onInput: (value) => {
        band.min = value;
      },
    });
    // Bands stay sorted by their lowest score once one is typed (committed: Enter, Tab or a click away),
    // so that a band added at 30 goes where it belongs instead of blocking Save.
    minField.querySelector('input')?.addEventListener('change', () => {
      if (sortBands()) {
        hooks.changed();
        renderAfterFocusMoves();
      }
    });
    return h(
      'div',
      { class: 'band-row', testid: 'band-row' },
      textField({
        id: `${base}-name`,
        label: `Band ${index + 1} name`,
        hiddenLabel: true,
        testid: `band-${index}-name`,
        keys: key('name'),
        value: band.name,
        onInput: (value) => {
          band.name = value;
        },
      }),
      minField,
      checkField({
        id: `${base}-ready`,
        label: `Band ${index + 1} is sales-ready`,
        hiddenLabel: true,
        testid: `band-${index}-ready`,
        keys: key('salesReady'),
        checked: band.salesReady,
        onChange: (checked) => {
          band.salesReady = checked;
        },
      }),
      button('✕', {
        testid: `band-${index}-delete`,
        class: 'icon',
        ariaLabel: `Delete band ${band.name}`,
        onClick: () => {
          draft.bands.splice(index, 1);
          hooks.changed();
          hooks.renderAll('add-band');
        },
      }),
      mark,
    );
  });
  return section(
    'bands',
    'Bands',
    h(
      'p',
      { class: 'hint' },
      'A lead is in the highest band whose lowest score it reaches. Tick the bands handed to sales.',
    ),
    h(
      'div',
      { class: 'band-row band-head', attrs: { 'aria-hidden': 'true' } },
      h('span', {}, 'Band'),
      h('span', {}, 'From score'),
      h('span', {}, 'Sales'),
      h('span', {}),
    ),
    ...rows,
    errorSlot(fieldKey('model', 0, 'bands'), 'bands-error'),
    button('Add band', {
      testid: 'add-band',
      id: 'add-band',
      class: 'secondary',
      onClick: () => {
        const last = readNumber(draft.bands[draft.bands.length - 1]?.min ?? '');
        draft.bands.push({
          id: nextId(),
          name: uniqueName(
            'New band',
            draft.bands.map((b) => b.name),
          ),
          min: draft.bands.length === 0 ? '' : String(typeof last === 'number' ? last + 10 : 0),
          salesReady: false,
        });
        hooks.changed();
        hooks.renderAll(`band-${draft.bands[draft.bands.length - 1]!.id}-name`);
      },
    }),
  );
}

/** Sorts the draft's bands by lowest score (a blank lowest score first); false when nothing moved or a
 *  lowest score is not a number yet (then the problem shows instead). */
export function sortBands(): boolean {
  const bands = app.draft.bands;
  const keys = bands.map((band) =>
    band.min.trim() === '' ? Number.NEGATIVE_INFINITY : readNumber(band.min),
  );
  if (keys.some((k) => typeof k !== 'number')) return false;
  const order = bands
    .map((band, i) => ({ band, key: keys[i] as number, i }))
    .sort((a, b) => a.key - b.key || a.i - b.i);
  if (order.every((entry, i) => entry.i === i)) return false;
  bands.splice(0, bands.length, ...order.map((entry) => entry.band));
  return true;
}
