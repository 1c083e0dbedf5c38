// The model as JSON: to use it with the `leadscore` command line or another tool, or to paste one in.
import { parseModel } from '../../core/validate';
import { app, hooks } from '../context';
import { h } from '../dom';
import { modelToDraft } from '../draft';
import { button, section } from '../fields';
import { confirmDiscard, errorText, renderMessage } from '../messages';

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
  const show = () => {
    const model = app.evaluation?.model;
    output.value = model
      ? `${JSON.stringify(model, null, 2)}\n`
      : 'The model has problems: fix them first (see the list at the top).';
    output.select();
  };
  const load = () => {
    let parsed: ReturnType<typeof parseModel>;
    try {
      parsed = parseModel(JSON.parse(input.value));
    } catch (error) {
      app.message = { kind: 'error', text: `That is not valid JSON: ${errorText(error)}` };
      renderMessage();
      return;
    }
    if (!parsed.ok) {
      app.message = {
        kind: 'error',
        text: `That model has problems, so it was not loaded: ${parsed.problems.map((p) => p.message).join('; ')}`,
      };
      renderMessage();
      return;
    }
    const model = parsed.model;
    confirmDiscard('Replace your unsaved changes with the pasted model?', 'Replace', () => {
      app.draft = modelToDraft(model);
      app.expandedRule = null;
      app.serverProblems = [];
      app.message = {
        kind: 'info',
        text: `Loaded “${model.name}” from JSON. Nothing is saved until you press Save.`,
      };
      hooks.renderAll();
    });
  };
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
    button('Show the current model as JSON', { testid: 'json-show', class: 'secondary', onClick: show }),
    h('label', { class: 'block-label', attrs: { for: 'json-import' } }, 'Paste a model as JSON'),
    input,
    button('Load the pasted model', { testid: 'json-load', class: 'secondary', onClick: load }),
  );
}
