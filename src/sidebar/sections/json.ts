// The model as JSON: download or copy it for the `leadscore` command line or another tool, or load one
// (pasted or from a file), validated whole: every problem is listed and nothing is half-applied.
import { parseModel } from '../../core/validate';
import { app, type Message } from '../context';
import { h } from '../dom';
import { replaceDraft } from '../evaluation';
import { button, section } from '../fields';
import { confirmDiscard, errorText, messageBox, problemText, renderMessage } from '../messages';

export function jsonSection(): HTMLElement {
  const output = h('textarea', {
    id: 'json-export',
    testid: 'json-export',
    class: 'json',
    attrs: { readonly: true, rows: '8', spellcheck: 'false' },
  });
  const input = h('textarea', {
    id: 'json-import',
    testid: 'json-import',
    class: 'json',
    attrs: {
      rows: '6',
      spellcheck: 'false',
      placeholder: '{ "name": …, "groups": […], "rules": […], "bands": […] }',
    },
  });
  const current = (): string | null => {
    const model = app.evaluation?.model;
    return model ? `${JSON.stringify(model, null, 2)}\n` : null;
  };
  const say = (kind: Message['kind'], text: string, details?: string[]) => {
    app.message = { kind, place: 'json', text, details };
    renderMessage();
  };
  const show = () => {
    const text = current();
    output.value = text ?? 'The model has problems: fix them first (see the list in the Live preview).';
    output.select();
    return text;
  };
  const download = () => {
    const text = show();
    if (text === null) {
      say('error', 'The model has problems, so there is nothing to download yet: fix them first.');
      return;
    }
    const name = fileName(app.evaluation?.model?.name ?? 'model');
    const link = h('a', {
      attrs: { href: URL.createObjectURL(new Blob([text], { type: 'application/json' })), download: name },
    });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    say('success', `Downloaded the model as ${name}.`);
  };
  const copy = async () => {
    const text = show();
    if (text === null) {
      say('error', 'The model has problems, so there is nothing to copy yet: fix them first.');
      return;
    }
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // The clipboard API can be refused in an embedded frame: copy the selected text instead.
      output.select();
      if (!document.execCommand('copy')) {
        say('warning', 'The browser did not allow copying: the JSON is selected above, press Ctrl+C.');
        return;
      }
    }
    say('success', 'Copied the model as JSON to the clipboard.');
  };
  const load = (text: string, source: string) => {
    let json: unknown;
    try {
      json = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
      say('error', `${source} is not valid JSON, so nothing was loaded: ${errorText(error)}`);
      return;
    }
    const parsed = parseModel(json);
    if (!parsed.ok) {
      const n = parsed.problems.length;
      say(
        'error',
        `${source} has ${n} problem${n === 1 ? '' : 's'}, so nothing was loaded:`,
        parsed.problems.map(problemText),
      );
      return;
    }
    const model = parsed.model;
    confirmDiscard(
      `Replace your unsaved changes with “${model.name}” from ${source.toLowerCase()}?`,
      'Replace',
      () => {
        replaceDraft(model, {
          kind: 'info',
          place: 'json',
          text: `Loaded “${model.name}” from JSON. Nothing is saved until you press Save.`,
        });
      },
      'json',
    );
  };
  const file = h('input', {
    id: 'json-file',
    testid: 'json-file',
    class: 'file',
    attrs: { type: 'file', accept: '.json,application/json' },
  });
  file.addEventListener('change', () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    void chosen.text().then((text) => {
      input.value = text;
      file.value = '';
      load(text, `The file ${chosen.name}`);
    });
  });
  return section(
    'json',
    'Model as JSON',
    h(
      'p',
      { class: 'hint' },
      'The model in the format the command line and other tools read (see docs/model.md): save it as model.json, then run npx leadscore score --model model.json --input leads.csv.',
    ),
    h('label', { class: 'block-label', attrs: { for: 'json-export' } }, 'The current model'),
    output,
    h(
      'div',
      { class: 'actions' },
      button('Download .json', { testid: 'json-download', class: 'secondary', onClick: download }),
      button('Copy', { testid: 'json-copy', class: 'secondary', onClick: () => void copy() }),
      button('Show', { testid: 'json-show', class: 'secondary', onClick: show }),
    ),
    h('label', { class: 'block-label', attrs: { for: 'json-import' } }, 'Paste a model as JSON'),
    input,
    button('Load the pasted model', {
      testid: 'json-load',
      class: 'secondary',
      onClick: () => load(input.value, 'The pasted text'),
    }),
    h('label', { class: 'block-label', attrs: { for: 'json-file' } }, 'Or open a .json file'),
    file,
    messageBox('json'),
  );
}

/** `B2B starter` → `b2b-starter.json`. */
function fileName(modelName: string): string {
  const slug = modelName
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '-');
  return `${slug || 'model'}.json`;
}
