// `leadscore score`: the input's columns plus Score, Band, Grade and Reasons, as the custom functions give them.
import { stringify } from 'csv-stringify/sync';
import { isBlank } from '../../core/cells';
import { compileModel, formatReasons } from '../../core/engine';
import type { Model } from '../../core/model';
import { type CsvTable, UsageError } from '../io';

export const SCORE_COLUMNS = ['Score', 'Band', 'Grade', 'Reasons'];

export function scoreTable(
  model: Model,
  table: CsvTable,
  options: { asOf?: string; inputName: string },
): string {
  // The CLI reads dates in UTC (the contract); the spreadsheet uses its own time zone.
  const compiled = compileModel(model, table.headers, { asOf: options.asOf, timeZone: 'UTC' });
  if (!compiled.ok) throw new UsageError(compiled.problems.map((p) => `${options.inputName}: ${p.message}`));
  const out: (string | number)[][] = [[...table.headers, ...SCORE_COLUMNS]];
  for (const row of table.rows) {
    if (row.every(isBlank)) {
      out.push([...row, '', '', '', '']);
      continue;
    }
    const result = compiled.compiled.score(row);
    out.push([...row, result.score, result.band, result.grade ?? '', formatReasons(result.reasons)]);
  }
  return stringify(out);
}
