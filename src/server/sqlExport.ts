// Menu "Export SQL…": the model as one SQL SELECT over a leads table (src/core/export/sql.ts, the same the CLI's
// `leadscore export sql` prints), for Postgres, DuckDB or BigQuery. The dialog holds the three dialects' SQL,
// a dialect picker, Copy and Download; every character of model text in it is escaped (data, never markup).
// The model's columns are matched to the leads sheet's headers as the engine matches them, when they fit.

import { columnFit, fits } from '../core/columnFit';
import { escapeHtml } from '../core/export/handover';
import { DIALECT_NAMES, type DialectName, modelToSql } from '../core/export/sql';
import type { Model } from '../core/model';
import { readStoredModel } from './modelStore';
import { findLeadsSheet } from './spreadsheet';

const DIALECT_LABELS: Record<DialectName, string> = {
  postgres: 'PostgreSQL',
  duckdb: 'DuckDB',
  bigquery: 'BigQuery',
};

export function exportModelSql(): { sql: Record<DialectName, string> } {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const stored = readStoredModel(spreadsheet);
  if (!stored.model) throw new Error(stored.problems.map((p) => p.message).join('\n'));
  const model = stored.model;
  const leadsSheet = findLeadsSheet(spreadsheet);
  const headers =
    leadsSheet && leadsSheet.getLastColumn() > 0
      ? leadsSheet
          .getRange(1, 1, 1, leadsSheet.getLastColumn())
          .getValues()[0]!
          .map((h) => String(h))
      : undefined;
  // The sheet's spelling of each column when the model fits it; the model's own spelling otherwise.
  const matched = headers && fits(columnFit(model, headers)) ? headers : undefined;
  const sql = {} as Record<DialectName, string>;
  for (const dialect of DIALECT_NAMES) {
    const result = modelToSql(model, { dialect, table: 'leads', ...(matched ? { headers: matched } : {}) });
    if (!result.ok) {
      throw new Error(
        `The model cannot be written as SQL: ${result.problems.map((p) => p.message).join('; ')}`,
      );
    }
    sql[dialect] = result.sql;
  }
  const output = HtmlService.createHtmlOutput(sqlDialogHtml(model, sql)).setWidth(720).setHeight(560);
  SpreadsheetApp.getUi().showModalDialog(output, 'Model as SQL');
  return { sql };
}

/** The dialog: a dialect picker, the SQL in a read-only text box, Copy and Download (no server call). */
export function sqlDialogHtml(model: Model, sql: Record<DialectName, string>): string {
  const base = model.name.replace(/[^\p{L}\p{N} _.-]+/gu, '_').trim() || 'model';
  const options = DIALECT_NAMES.map(
    (d) => `<option value="${d}">${escapeHtml(DIALECT_LABELS[d])}</option>`,
  ).join('');
  const stores = DIALECT_NAMES.map(
    (d) => `<textarea id="sql-${d}" hidden>${escapeHtml(sql[d])}</textarea>`,
  ).join('');
  return `<!DOCTYPE html>
<html><head><base target="_top"><meta charset="utf-8">
<style>
body{font:13px Arial,sans-serif;margin:0;padding:8px;color:#202124}
textarea{width:100%;height:380px;box-sizing:border-box;font:12px monospace}
button{margin:8px 8px 0 0;padding:6px 14px}
#status{margin-left:4px;color:#188038}
</style></head><body>
<p>The model as one SQL SELECT over a table <code>leads</code> with the sheet's columns: one row per lead with its
score, band, grade (with engagement levels, its level and cell too) and reasons, the same as the add-on computes. Rename <code>leads</code> to your table.</p>
<label for="dialect">Database</label> <select id="dialect">${options}</select>
<textarea id="sql" readonly spellcheck="false" aria-label="SQL"></textarea>
<div><button id="copy">Copy</button><button id="download" data-name="${escapeHtml(base)}">Download</button><span id="status" role="status"></span></div>
${stores}
<script>
(function () {
  var box = document.getElementById('sql');
  var dialect = document.getElementById('dialect');
  var status = document.getElementById('status');
  function show() { box.value = document.getElementById('sql-' + dialect.value).value; status.textContent = ''; }
  dialect.addEventListener('change', show);
  show();
  document.getElementById('copy').addEventListener('click', function () {
    box.focus();
    box.select();
    var done = function () { status.textContent = 'Copied.'; };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(box.value).then(done, function () { document.execCommand('copy'); done(); });
    } else { document.execCommand('copy'); done(); }
  });
  document.getElementById('download').addEventListener('click', function (event) {
    var link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([box.value], { type: 'application/sql' }));
    link.download = event.currentTarget.getAttribute('data-name') + ' (' + dialect.value + ').sql';
    document.body.appendChild(link);
    link.click();
    link.remove();
  });
})();
</script></body></html>
`;
}
