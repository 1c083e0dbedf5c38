// The monitor SQL of models without fit × engagement cells, frozen before the cells were added
// (monitorSql.frozen.json): their text must not change. The model's scoring SELECT inside is replaced by a
// placeholder, since it is sql.ts's and changes on its own.
import type { MonitorSqlOptions } from '../../../src/core/export/monitorSql';
import { modelToSql, type SqlOptions } from '../../../src/core/export/sql';
import type { Model } from '../../../src/core/model';
import { MONITOR_HEADERS, MONITOR_MODEL } from '../monitor/generate';

const LEVELS_ONLY: Model = {
  ...MONITOR_MODEL,
  bands: [{ name: "It's =HOT\ncold", min: null }, ...MONITOR_MODEL.bands.slice(1)],
  engagementLevels: [
    { name: '2', min: null },
    { name: '1', min: 30 },
  ],
};
const GRADES_ONLY: Model = {
  ...MONITOR_MODEL,
  grades: [
    { name: 'B', min: null },
    { name: 'A', min: 30 },
  ],
};
const AS_OF: Model = {
  ...MONITOR_MODEL,
  settings: { ...MONITOR_MODEL.settings, asOf: '2026-12-31', asOfColumn: 'Created' },
};

const CASES = {
  'no grades or levels': MONITOR_MODEL,
  'levels without grades': LEVELS_ONLY,
  'grades without levels': GRADES_ONLY,
  'as-of column': AS_OF,
};

export const FROZEN_CASES: { name: string; model: Model; options: MonitorSqlOptions }[] = (
  [
    ['postgres', 'no grades or levels', 'month'],
    ['postgres', 'levels without grades', 'week'],
    ['duckdb', 'levels without grades', 'quarter'],
    ['duckdb', 'as-of column', 'month'],
    ['bigquery', 'grades without levels', 'week'],
    ['bigquery', 'levels without grades', 'month'],
  ] as const
).map(([dialect, what, every]) => ({
  name: `${dialect}, ${what}, every ${every}`,
  model: CASES[what],
  options: { dialect, table: 'crm.leads', dateColumn: 'created', every, headers: MONITOR_HEADERS },
}));

export const SCORING_SELECT = '<<the model’s scoring SELECT>>';

/** The monitor SQL with the model's scoring SELECT (found exactly once) replaced by SCORING_SELECT. */
export function scoringPlaceholder(sql: string, model: Model, options: SqlOptions): string {
  const scored = modelToSql(model, options);
  if (!scored.ok) throw new Error(scored.problems.map((p) => p.message).join('\n'));
  const inner = scored.sql.trim().replace(/;$/, '');
  const parts = sql.split(inner);
  if (parts.length !== 2)
    throw new Error(`the scoring SELECT is in the monitor SQL ${parts.length - 1} times`);
  return parts.join(SCORING_SELECT);
}
