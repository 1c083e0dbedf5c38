// `leadscore calibrate`: how the model's bands and rules compare with real outcomes, as a readable report
// or as JSON for a warehouse or a notebook. The CSV is streamed and each row is cut down to the columns
// the model reads, so memory holds only what the statistics need.
import {
  calibrateRows,
  looksLikeDecisionDay,
  modelCountsDays,
  type RowsCalibration,
} from '../../core/calibration';
import { percent, percentRange } from '../../core/calibration/format';
import { type ActivityTable, compileModel } from '../../core/engine';
import type { Model } from '../../core/model';
import { type CsvOptions, openCsv } from '../csvInput';
import { readActivities } from '../csvTable';
import { UsageError } from '../errors';
import { columnsNamedByModel, loadModelFile, missingColumnsOfRawModel } from '../io';

export interface CompactTable {
  headers: string[];
  rows: string[][];
  /** 1-based line of each row in the file, for messages. */
  lines: Int32Array;
}

/** The model and the leads it reads, problems of both reported together. */
export async function loadCompact(
  modelPath: string,
  inputPath: string,
  options: CsvOptions & { asOf?: string; activities?: string },
): Promise<{ model: Model; table: CompactTable; activities?: ActivityTable }> {
  const loaded = loadModelFile(modelPath);
  const csv = await openCsv(inputPath, options).catch((error) => {
    if (error instanceof UsageError) throw new UsageError([...loaded.problems, ...error.problems]);
    throw error;
  });
  if (!loaded.model)
    throw new UsageError([
      ...loaded.problems,
      ...missingColumnsOfRawModel(loaded.raw, csv.headers, inputPath),
    ]);
  const activities = options.activities
    ? await readActivities(options.activities, loaded.model, options)
    : undefined;
  // Missing columns are named against the file's own headers, before the rows are cut down.
  const compiled = compileModel(loaded.model, csv.headers, {
    asOf: options.asOf,
    timeZone: 'UTC',
    requireOutcome: true,
    activities,
  });
  if (!compiled.ok) throw new UsageError(compiled.problems.map((p) => `${inputPath}: ${p.message}`));
  const wanted = columnsNamedByModel(loaded.model);
  // Contract v2 §9: for a model that counts days without an as-of column, the verdict proposes one.
  const proposeAsOf = loaded.model.settings?.asOfColumn === undefined && modelCountsDays(loaded.model);
  const keep: number[] = [];
  const taken = new Set<string>();
  csv.headers.forEach((header, index) => {
    const key = header.trim().toLowerCase();
    if ((wanted.has(key) || (proposeAsOf && looksLikeDecisionDay(header))) && !taken.has(key)) {
      taken.add(key);
      keep.push(index);
    }
  });
  const rows: string[][] = [];
  let lines = new Int32Array(1024);
  for await (const { cells, line } of csv.records) {
    if (rows.length === lines.length) {
      const grown = new Int32Array(lines.length * 2);
      grown.set(lines);
      lines = grown;
    }
    lines[rows.length] = line;
    const read = csv.numbers(cells);
    rows.push(keep.map((index) => read[index] ?? ''));
  }
  return {
    model: loaded.model,
    table: { headers: keep.map((index) => csv.headers[index]!), rows, lines: lines.subarray(0, rows.length) },
    activities,
  };
}

export function calibrateTable(
  model: Model,
  table: CompactTable,
  options: { asOf?: string; inputName: string; json: boolean; activities?: ActivityTable },
): string {
  const calibration = calibrationOf(model, table, options);
  if (options.json) {
    const reviewSample = calibration.reviewSample.map((lead) => ({ ...lead, line: table.lines[lead.row] }));
    const { suggestedPoints } = calibration;
    // Contract v2 §10: per fit × engagement cell, only for a model with grades and engagement levels.
    const cells = calibration.cells ? { cells: calibration.cells } : {};
    return `${JSON.stringify({ ...calibration.report, open: calibration.open, reviewSample, suggestedPoints, ...cells }, null, 2)}\n`;
  }
  return textReport(model, calibration, options.inputName);
}

export function calibrationOf(
  model: Model,
  table: CompactTable,
  options: { asOf?: string; inputName: string; activities?: ActivityTable },
): RowsCalibration {
  const result = calibrateRows(model, table.headers, table.rows, {
    asOf: options.asOf,
    timeZone: 'UTC',
    activities: options.activities,
  });
  if (!result.ok) throw new UsageError(result.problems.map((p) => `${options.inputName}: ${p.message}`));
  if (result.calibration.report.leads === 0) refuseUnreadOutcomes(model, table, options.inputName);
  return result.calibration;
}

/**
 * No lead has a known outcome although the outcome column is filled: its values are not the ones the model
 * names (a model expecting Yes/No on a column of 0 and 1). Say which values it holds instead of "nothing to
 * calibrate".
 */
function refuseUnreadOutcomes(model: Model, table: CompactTable, inputName: string): void {
  const outcome = model.outcome;
  if (!outcome) return;
  const column = table.headers.findIndex(
    (h) => h.trim().toLowerCase() === outcome.column.trim().toLowerCase(),
  );
  if (column < 0) return;
  const counts = new Map<string, number>();
  for (const row of table.rows) {
    const value = (row[column] ?? '').trim();
    if (value !== '') counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  if (counts.size === 0) return;
  const values = [...counts].sort((a, b) => b[1] - a[1]);
  const listed = values
    .slice(0, 8)
    .map(([value, count]) => `"${value}" (${count.toLocaleString('en-US')} leads)`)
    .join(', ');
  const quoted = (list: readonly string[] | undefined) => (list ?? []).map((v) => `"${v}"`).join(', ');
  const expects = `converted: ${quoted(outcome.positive)}${outcome.negative?.length ? `; not converted: ${quoted(outcome.negative)}` : ''}`;
  const names = values.map(([value]) => value.toLowerCase());
  const binary = names.length <= 2 && names.every((name) => name === '0' || name === '1');
  const fix = binary
    ? ` If 1 means converted, set the model's outcome to "positive": ["1"], "negative": ["0"].`
    : ' Set the model\'s outcome "positive" (and "negative") to the values that mean converted (and not).';
  throw new UsageError([
    `${inputName}: the outcome column "${outcome.column}" holds ${listed}${values.length > 8 ? `, and ${values.length - 8} more values` : ''}, but the model reads only ${expects}: every lead counts as still open, so there is nothing to calibrate.${fix}`,
  ]);
}

function textReport(model: Model, calibration: RowsCalibration, inputName: string): string {
  const r = calibration.report;
  const lines: string[] = [];
  const rate = (x: number | null) => (x === null ? '–' : percent(x));
  const num = (x: number | null, digits = 2) => (x === null ? '–' : x.toFixed(digits));
  lines.push(`Calibration of "${model.name}" on ${inputName}`);
  lines.push(
    `${r.leads} leads with a known outcome, ${r.conversions} converted (${rate(r.rate)}); ${calibration.open} still open, left out${r.overridden.leads > 0 ? `; ${r.overridden.leads} overridden by hand, reported apart` : ''}.`,
  );
  lines.push('', 'Verdicts');
  for (const verdict of r.verdicts) lines.push(`  • ${verdict}`);
  lines.push('', 'Bands');
  lines.push(
    table(
      ['Band', 'Leads', 'Converted', 'Rate', '95% interval', 'Lift', 'Sales-ready'],
      r.bands.map((b) => [
        b.name,
        String(b.leads),
        String(b.conversions),
        rate(b.rate),
        b.low === null || b.high === null ? '–' : percentRange(b.low, b.high),
        num(b.lift),
        b.salesReady ? 'yes' : '',
      ]),
    ),
  );
  lines.push('', `AUC ${num(r.auc)} (Gini ${num(r.gini)}), KS ${num(r.ks)}`);
  const top20 = r.gains.find((g) => Math.abs(g.topShare - 0.2) < 1e-9);
  if (top20?.conversionsShare != null)
    lines.push(`The top 20% of leads hold ${percent(top20.conversionsShare)} of conversions.`);
  const s = r.salesReady;
  lines.push(
    `Sales-ready (${s.bands.join(', ')}, score ≥ ${s.threshold ?? '–'}): ${s.leads} leads, precision ${rate(s.precision)}, recall ${rate(s.recall)}.`,
  );
  if (r.suggestedThreshold) {
    const t = r.suggestedThreshold;
    lines.push(
      `Suggested cut-off: score ≥ ${t.score} → ${t.suggested.leads} leads, precision ${rate(t.suggested.precision)}, recall ${rate(t.suggested.recall)}.`,
    );
  } else if (r.noSuggestionReason) lines.push(`No suggested cut-off: ${r.noSuggestionReason}`);
  lines.push('', 'Rules');
  lines.push(
    table(
      ['Rule', 'Points', 'Matched', 'Rate if matched', 'Rate if not', 'Lift', 'Flag'],
      r.rules.map((rule) => [
        rule.name,
        String(rule.points),
        String(rule.matched),
        rate(rule.rateMatched),
        rate(rule.rateUnmatched),
        num(rule.lift),
        rule.flag,
      ]),
    ),
  );
  const fit = calibration.suggestedPoints;
  lines.push('', 'Suggested points (fitted from these outcomes, checked on held-out leads)');
  for (const verdict of fit.verdicts) lines.push(`  • ${verdict}`);
  if (!fit.refusedBecause) {
    lines.push(
      table(
        ['Rule', 'Points now', 'Suggested', 'Note'],
        fit.rules.map((rule) => [
          rule.name,
          String(rule.current),
          String(rule.suggested),
          rule.kept ? `kept: ${rule.kept}` : '',
        ]),
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((row) => (row[c] ?? '').length)));
  const line = (cells: string[]) =>
    `  ${cells.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ')}`.trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}
