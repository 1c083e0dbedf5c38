// Labelled form fields, buttons and collapsible sections. Each field registers its error slot under the
// problem keys it shows (see problems.ts), so that problems appear beside the field that causes them.
import { nameKey } from '../core/validate';
import { type ColumnSource, headersOf } from './columnValues';
import { app, hooks, type PanelId, view } from './context';
import { type Child, h } from './dom';

// ---------------------------------------------------------------------------------------------------------
// Fields.

export interface FieldOptions {
  id: string;
  label: string;
  /** Problem key(s) shown beside this field. */
  keys?: string[];
  testid?: string;
  hint?: string;
  class?: string;
  /** Label only for screen readers (a table-like row with visible column headings). */
  hiddenLabel?: boolean;
}

export function fieldWrap(options: FieldOptions, control: HTMLElement): HTMLElement {
  const errorId = `${options.id}-error`;
  const error = h('div', { class: 'field-error', id: errorId, attrs: { hidden: true } });
  for (const key of options.keys ?? []) view.slots.set(key, { error, input: control });
  const described = [errorId];
  let hint: HTMLElement | null = null;
  if (options.hint) {
    hint = h('div', { class: 'hint', id: `${options.id}-hint` }, options.hint);
    described.push(`${options.id}-hint`);
  }
  control.setAttribute('aria-describedby', described.join(' '));
  return h(
    'div',
    { class: `field ${options.class ?? ''}` },
    h('label', { attrs: { for: options.id }, class: options.hiddenLabel ? 'sr-only' : '' }, options.label),
    control,
    hint,
    error,
  );
}

export function textField(
  options: FieldOptions & {
    value: string;
    onInput: (value: string) => void;
    numeric?: boolean;
    type?: string;
    placeholder?: string;
  },
): HTMLElement {
  const input = h('input', {
    id: options.id,
    testid: options.testid,
    attrs: {
      type: options.type ?? 'text',
      placeholder: options.placeholder,
      inputmode: options.numeric ? 'decimal' : undefined,
      autocomplete: 'off',
      spellcheck: 'false',
    },
  });
  input.value = options.value;
  input.addEventListener('input', () => {
    options.onInput(input.value);
    hooks.changed();
  });
  return fieldWrap(options, input);
}

export function selectControl(
  id: string,
  choices: readonly { value: string; label: string; disabled?: boolean }[],
  value: string,
  testid?: string,
): HTMLSelectElement {
  const select = h('select', { id, testid });
  for (const choice of choices) {
    const option = h('option', { attrs: { disabled: choice.disabled } }, choice.label);
    option.value = choice.value;
    select.appendChild(option);
  }
  select.value = value;
  return select;
}

export function selectField(
  options: FieldOptions & {
    value: string;
    choices: readonly { value: string; label: string; disabled?: boolean }[];
    onChange: (value: string) => void;
    rerender?: boolean;
  },
): HTMLElement {
  const choices = options.choices.some((choice) => choice.value === options.value)
    ? options.choices
    : [
        ...options.choices,
        { value: options.value, label: options.value === '' ? '(choose)' : options.value },
      ];
  const select = selectControl(options.id, choices, options.value, options.testid);
  select.addEventListener('change', () => {
    options.onChange(select.value);
    hooks.changed();
    if (options.rerender) hooks.renderAll();
  });
  return fieldWrap(options, select);
}

export function checkField(
  options: FieldOptions & { checked: boolean; onChange: (checked: boolean) => void; rerender?: boolean },
) {
  const input = h('input', { id: options.id, testid: options.testid, attrs: { type: 'checkbox' } });
  input.checked = options.checked;
  input.addEventListener('change', () => {
    options.onChange(input.checked);
    hooks.changed();
    if (options.rerender) hooks.renderAll();
  });
  const errorId = `${options.id}-error`;
  const error = h('div', { class: 'field-error', id: errorId, attrs: { hidden: true } });
  for (const key of options.keys ?? []) view.slots.set(key, { error, input });
  input.setAttribute('aria-describedby', errorId);
  return h(
    'div',
    { class: `field check ${options.class ?? ''}` },
    input,
    h('label', { attrs: { for: options.id }, class: options.hiddenLabel ? 'sr-only' : '' }, options.label),
    error,
  );
}

/** A column of the data: a drop-down of its headers, or free text when there is no data. With `notFor`, the
 *  headers it names a reason for are marked and cannot be chosen (a rule's input: not the add-on's own
 *  outputs nor the outcome column), unless the value already is one. */
export function columnField(
  options: FieldOptions & {
    value: string;
    onChange: (value: string) => void;
    notFor?: (header: string) => string | null;
    rerender?: boolean;
    /** The table the column is in (default the leads). */
    source?: ColumnSource;
    /** A first choice meaning "no column" (value ''), e.g. for an optional setting. */
    noneLabel?: string;
  },
): HTMLElement {
  const headers = headersOf(options.source);
  if (headers.length === 0) {
    return textField({ ...options, onInput: options.onChange });
  }
  const current = headers.find((header) => nameKey(header) === nameKey(options.value));
  const choices: { value: string; label: string; disabled?: boolean }[] = [];
  const marked: typeof choices = [];
  for (const header of headers) {
    const why = options.notFor?.(header) ?? null;
    if (why === null) choices.push({ value: header, label: header });
    else marked.push({ value: header, label: `${header} (${why})`, disabled: header !== current });
  }
  choices.push(...marked);
  let value = options.value;
  if (current !== undefined) value = current;
  else if (!(value === '' && options.noneLabel !== undefined)) {
    choices.unshift({ value, label: value === '' ? '(choose a column)' : `${value} (not in the data)` });
  }
  if (options.noneLabel !== undefined) choices.unshift({ value: '', label: options.noneLabel });
  return selectField({ ...options, value, choices, onChange: options.onChange });
}

export function button(
  label: string,
  options: {
    testid?: string;
    onClick: () => void;
    ariaLabel?: string;
    title?: string;
    class?: string;
    action?: boolean;
    disabled?: boolean;
    id?: string;
  },
): HTMLButtonElement {
  const element = h(
    'button',
    {
      id: options.id,
      testid: options.testid,
      class: options.class ?? '',
      attrs: {
        type: 'button',
        'aria-label': options.ariaLabel,
        title: options.title,
        'data-action': options.action ? 'server' : undefined,
        disabled: options.disabled || (options.action && app.busy !== null),
      },
      on: { click: () => options.onClick() },
    },
    label,
  );
  return element;
}

export function errorSlot(key: string, id: string): HTMLElement {
  const error = h('div', { class: 'field-error', id, attrs: { hidden: true } });
  view.slots.set(key, { error, input: undefined });
  return error;
}

// ---------------------------------------------------------------------------------------------------------
// Sections.

export function section(id: PanelId, title: string, ...content: Child[]): HTMLElement {
  const badge = h('span', { class: 'badge', attrs: { hidden: true } });
  view.badges.set(id, badge);
  const details = h(
    'details',
    { class: 'section', id: `section-${id}`, testid: `section-${id}`, attrs: { open: app.open.has(id) } },
    h('summary', {}, h('span', { class: 'section-title' }, title), badge),
    h('div', { class: 'section-body' }, ...content),
  );
  details.addEventListener('toggle', () => {
    if (details.open) app.open.add(id);
    else app.open.delete(id);
  });
  return details;
}
