// Menu "Export model JSON" and "Import model JSON": the model leaves and enters the spreadsheet as the same
// JSON the CLI reads (`leadscore export model` prints it normalised). The export is shown in a dialog whose
// every character of model text is escaped (HTML output of user text is data, never markup); the import is
// validated with every problem listed and saved through the model store's save path as a new version, or
// not at all.

import { escapeHtml } from '../core/export/handover';
import type { Model, Problem } from '../core/model';
import { parseModel } from '../core/validate';
import { readStoredModel, saveModel } from './modelStore';

export const IMPORT_SUMMARY = 'Imported from JSON';

export function exportModelJson(): { json: string } {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const stored = readStoredModel(spreadsheet);
  if (!stored.model) throw new Error(stored.problems.map(problemText).join('\n'));
  const json = `${JSON.stringify(stored.model, null, 2)}\n`;
  const output = HtmlService.createHtmlOutput(exportDialogHtml(stored.model, json))
    .setWidth(640)
    .setHeight(520);
  SpreadsheetApp.getUi().showModalDialog(output, 'Model JSON');
  return { json };
}

/** The dialog: the JSON in a read-only text box, Copy and Download buttons (no server call needed). */
export function exportDialogHtml(model: Model, json: string): string {
  const fileName = `${model.name.replace(/[^\p{L}\p{N} _.-]+/gu, '_').trim() || 'model'}.json`;
  return `<!DOCTYPE html>
<html><head><base target="_top"><meta charset="utf-8">
<style>
body{font:13px Arial,sans-serif;margin:0;padding:8px;color:#202124}
textarea{width:100%;height:400px;box-sizing:border-box;font:12px monospace}
button{margin:8px 8px 0 0;padding:6px 14px}
#status{margin-left:4px;color:#188038}
#status.failed{color:#b3261e}
</style></head><body>
<p>The model as JSON: keep it, share it, or use it with <code>npx leadscore</code>. Import model JSON reads it back.</p>
<textarea id="json" readonly spellcheck="false">${escapeHtml(json)}</textarea>
<div><button id="copy">Copy</button><button id="download" data-name="${escapeHtml(fileName)}">Download</button><span id="status" role="status"></span></div>
<script>
(function () {
  var box = document.getElementById('json');
  var status = document.getElementById('status');
  // The dialog is a cross-origin frame: the browser may refuse navigator.clipboard and execCommand('copy').
  // Say so then, with the text selected for Ctrl+C, rather than claim it was copied.
  var say = function (text, failed) {
    status.textContent = text;
    status.className = failed ? 'failed' : '';
  };
  var copyBySelection = function () {
    box.focus();
    box.select();
    var copied = false;
    try { copied = document.execCommand('copy'); } catch (e) { copied = false; }
    if (copied) say('Copied.', false);
    else say('The browser did not allow copying: the JSON is selected, press Ctrl+C (⌘C on a Mac).', true);
  };
  document.getElementById('copy').addEventListener('click', function () {
    box.focus();
    box.select();
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(box.value).then(function () { say('Copied.', false); }, copyBySelection);
    } else { copyBySelection(); }
  });
  document.getElementById('download').addEventListener('click', function (event) {
    var link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([box.value], { type: 'application/json' }));
    link.download = event.currentTarget.getAttribute('data-name');
    document.body.appendChild(link);
    link.click();
    link.remove();
  });
})();
</script></body></html>
`;
}

export type ImportOutcome =
  | { ok: true; version: number }
  | { ok: false; cancelled: true }
  | { ok: false; cancelled: false; problems: string[] };

/** Asks for the JSON, then validates and saves it; tells the user what happened in an alert. */
export function importModelJson(): ImportOutcome {
  const ui = SpreadsheetApp.getUi();
  const answer = ui.prompt(
    'Import model JSON',
    'Paste the model JSON (from Export model JSON or `npx leadscore export model`). It replaces the current model as a new version; the old one stays in the history.',
    ui.ButtonSet.OK_CANCEL,
  );
  if (answer.getSelectedButton() !== ui.Button.OK) return { ok: false, cancelled: true };
  const outcome = importModelText(SpreadsheetApp.getActiveSpreadsheet(), answer.getResponseText());
  if (outcome.ok) {
    ui.alert(
      'Import model JSON',
      `The model was imported and saved as version ${outcome.version}.`,
      ui.ButtonSet.OK,
    );
  } else if (!outcome.cancelled) {
    ui.alert(
      'Import model JSON',
      `Nothing was imported: the JSON has ${outcome.problems.length === 1 ? 'a problem' : `${outcome.problems.length} problems`}.\n\n${outcome.problems.map((p) => `• ${p}`).join('\n')}`,
      ui.ButtonSet.OK,
    );
  }
  return outcome;
}

/** Validates the text as a model and saves it as a new version: all or nothing. */
export function importModelText(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  text: string,
): ImportOutcome {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') return { ok: false, cancelled: false, problems: ['The text is empty.'] };
  let candidate: unknown;
  try {
    candidate = JSON.parse(trimmed);
  } catch (error) {
    return {
      ok: false,
      cancelled: false,
      problems: [`The text is not valid JSON (${error instanceof Error ? error.message : String(error)}).`],
    };
  }
  const parsed = parseModel(candidate);
  if (!parsed.ok) return { ok: false, cancelled: false, problems: parsed.problems.map(problemText) };
  const saved = saveModel(spreadsheet, parsed.model, null, IMPORT_SUMMARY);
  if (!saved.ok)
    return {
      ok: false,
      cancelled: false,
      problems: saved.problems.length > 0 ? saved.problems.map(problemText) : [saved.message],
    };
  return { ok: true, version: saved.version.version };
}

function problemText(problem: Problem): string {
  return problem.where ? `${problem.where}: ${problem.message}` : problem.message;
}
