// The Monitor's per-period, per-band (and per fit × engagement cell) counts as one SELECT (docs/monitor.md):
// the model's scoring SELECT (./sql.ts, used as it is) wrapped in a GROUP BY over the period of a date column.
// Kept apart from sql.ts, on its public API and the dialects' quoting only. The counts equal monitorModel's
// (src/core/monitor) for every band and cell and period with leads; one without leads in a period has no row.
import { engagementCells } from '../calibration/engagementCells';
import type { Model, Problem } from '../model';
import type { Every } from '../monitor/periods';
import { type DialectName, modelToSql, type SqlOptions } from './sql';
import { DIALECTS } from './sqlDialects';

export interface MonitorSqlOptions extends SqlOptions {
  /** The date column (text `YYYY-MM-DD…`, as a CSV load gives it). */
  dateColumn: string;
  every?: Every;
}

export type MonitorSqlResult = { ok: true; sql: string } | { ok: false; problems: Problem[] };

/** The JS whitespace the engine trims (String.prototype.trim), for the outcome and date cells. */
const JS_SPACE =
  ' \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

function matchHeader(name: string, headers: readonly string[] | undefined): string | undefined {
  if (!headers) return name;
  const wanted = name.trim().toLowerCase();
  return headers.find((h) => h.trim().toLowerCase() === wanted);
}

/** The period's first day as `YYYY-MM-DD` text, or NULL when the cell is not a real date. */
function periodSql(dialect: DialectName, cell: string, every: Every): string {
  const d = DIALECTS[dialect];
  const text = d.trim(cell, JS_SPACE);
  const shaped = d.regexMatch(text, '^[0-9]{4}-(0[1-9]|1[0-2])-[0-9]{2}([^0-9]|$)');
  if (dialect === 'bigquery') {
    const day = `SAFE_CAST(SUBSTR(${text}, 1, 10) AS DATE)`;
    const unit = every === 'week' ? 'ISOWEEK' : every.toUpperCase();
    return `CASE WHEN ${shaped} THEN FORMAT_DATE('%F', DATE_TRUNC(${day}, ${unit})) END`;
  }
  if (dialect === 'duckdb') {
    const day = `TRY_CAST(SUBSTR(${text}, 1, 10) AS DATE)`;
    return `CASE WHEN ${shaped} THEN strftime(date_trunc('${every}', ${day}), '%Y-%m-%d') END`;
  }
  // Postgres has no TRY_CAST: the day is checked against its month's length before the cast.
  const year = `CAST(SUBSTR(${text}, 1, 4) AS integer)`;
  const month = `CAST(SUBSTR(${text}, 6, 2) AS integer)`;
  const dayOfMonth = `CAST(SUBSTR(${text}, 9, 2) AS integer)`;
  const monthLength = `EXTRACT(DAY FROM make_date(${year}, ${month}, 1) + INTERVAL '1 month' - INTERVAL '1 day')`;
  return `CASE WHEN ${shaped} AND ${dayOfMonth} BETWEEN 1 AND ${monthLength} THEN to_char(date_trunc('${every}', CAST(SUBSTR(${text}, 1, 10) AS date)), 'YYYY-MM-DD') END`;
}

/**
 * One SELECT giving, per period and band: `period_start`, `band`, `leads`, `known` (outcome not open) and
 * `conversions`, ordered by period and band. Leads whose date is not a real `YYYY-MM-DD` date are left out.
 * For a model with grades and engagement levels (contract v2 §10) the columns are `period_start`, `band`,
 * `cell`, `grade`, `engagement_level`, `leads`, `known`, `conversions`: per period, the band rows (cell
 * columns NULL) in band order, then the cell rows (band NULL), A1 first.
 */
export function monitorCountsSql(model: Model, options: MonitorSqlOptions): MonitorSqlResult {
  const problems: Problem[] = [];
  if (!model.outcome) {
    problems.push({
      subject: 'outcome',
      message: 'the model has no outcome column: say which column records conversions',
    });
  }
  const dateColumn = matchHeader(options.dateColumn, options.headers);
  if (dateColumn === undefined) {
    problems.push({
      subject: 'monitor',
      field: 'dateColumn',
      message: `monitor: there is no date column "${options.dateColumn}"`,
    });
  }
  const outcomeColumn = model.outcome ? matchHeader(model.outcome.column, options.headers) : undefined;
  const scored = modelToSql(model, options);
  if (!scored.ok) problems.push(...scored.problems);
  if (problems.length > 0 || !scored.ok || dateColumn === undefined || outcomeColumn === undefined) {
    return { ok: false, problems };
  }
  const dialect = options.dialect ?? 'postgres';
  const d = DIALECTS[dialect];
  const outcome = model.outcome!;
  const cell = (name: string) => `COALESCE(m.${d.ident(name)}, '')`;
  const outcomeText = d.lower(d.trim(cell(outcomeColumn), JS_SPACE));
  const list = (values: readonly string[]) => values.map((v) => d.string(v.trim().toLowerCase())).join(', ');
  const converted = `${outcomeText} IN (${list(outcome.positive)})`;
  const known =
    outcome.negative === undefined
      ? 'TRUE'
      : `(${converted} OR ${outcomeText} IN (${list(outcome.negative)}))`;
  const period = periodSql(dialect, cell(dateColumn), options.every ?? 'month');
  const bandOrder = `CASE m.band ${model.bands.map((b, i) => `WHEN ${d.string(b.name)} THEN ${i}`).join(' ')} END`;
  const inner = scored.sql.trim().replace(/;$/, '');
  const cells = engagementCells(model);
  if (cells === undefined) {
    // Without fit × engagement cells, the per-band SELECT alone (its text is kept as it was).
    return {
      ok: true,
      sql: `SELECT period_start, band, COUNT(*) AS leads,
  SUM(CASE WHEN known THEN 1 ELSE 0 END) AS known,
  SUM(CASE WHEN converted THEN 1 ELSE 0 END) AS conversions
FROM (
  SELECT ${period} AS period_start, m.band AS band, ${bandOrder} AS band_order,
    ${known} AS known, ${converted} AS converted
  FROM (
${inner}
  ) AS m
) AS p
WHERE period_start IS NOT NULL
GROUP BY period_start, band, band_order
ORDER BY period_start, band_order;
`,
    };
  }
  // Contract v2 §10: the per-cell counts too, from the same scan (GROUPING SETS): a band row has no cell, a
  // cell row no band. A cell's place (A1 first, as engagementCells) comes from its grade and level, not its
  // text: cells whose texts collide ("A" + "11", "A1" + "1") stay apart here, while monitorModel merges them.
  const position = (column: string, names: readonly string[], step: number) =>
    `CASE m.${column} ${names.map((name, i) => `WHEN ${d.string(name)} THEN ${(names.length - 1 - i) * step}`).join(' ')} END`;
  const levels = model.engagementLevels!.map((l) => l.name);
  const grades = model.grades!.map((g) => g.name);
  const cellOrder = `${position('grade', grades, levels.length)} + ${position('engagement_level', levels, 1)}`;
  return {
    ok: true,
    sql: `SELECT period_start, band, cell, grade, engagement_level, leads, known, conversions
FROM (
  SELECT period_start, band, cell, grade, engagement_level, COUNT(*) AS leads,
    SUM(CASE WHEN known THEN 1 ELSE 0 END) AS known,
    SUM(CASE WHEN converted THEN 1 ELSE 0 END) AS conversions,
    COALESCE(band_order, ${model.bands.length} + cell_order) AS row_order
  FROM (
    SELECT ${period} AS period_start, m.band AS band, ${bandOrder} AS band_order,
      m.cell AS cell, m.grade AS grade, m.engagement_level AS engagement_level, ${cellOrder} AS cell_order,
      ${known} AS known, ${converted} AS converted
    FROM (
${inner}
    ) AS m
  ) AS p
  WHERE period_start IS NOT NULL
  GROUP BY GROUPING SETS ((period_start, band, band_order), (period_start, cell, grade, engagement_level, cell_order))
) AS g
ORDER BY period_start, row_order;
`,
  };
}
