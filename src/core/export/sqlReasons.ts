// The reasons column: the shown contributions, the override first, then larger rounded magnitudes, then
// model order, each as `Name +15` (formatPoints) with its group's cap note, joined by ', ' (formatReasons).
// Postgres and BigQuery make every reason's text in the row and let string_agg order them; DuckDB sorts
// numbers and makes only the shown texts (see duckdbReasons).

import { formatPoints } from '../engine';
import type { Dialect } from './sqlDialects';
import { magnitudeTextSql, num, pointsText } from './sqlNumbers';

export interface ReasonItem {
  /** Model order of the rule (ties keep it); -1 for the override. */
  order: number;
  /** Shown before every other reason (the override). */
  first: boolean;
  /** Rounded contribution (a double expression): larger magnitudes first. */
  points: string;
  /** Whether the reason is shown (a boolean expression). */
  include: string;
  /** The whole text as an expression (the override); otherwise label, points and note make it. */
  text?: string;
  /** The text before the points: the rule's name and a space. */
  label: string;
  /** The rounded contribution when it is known at export (a rule with fixed points). */
  constant?: number;
  /** The column holding String(|points|) (`magnitudeTextStages`), for dialects that make every text. */
  magnitude?: string;
  /** The group's cap note, shown when `when` holds. */
  note?: { when: string; text: string };
}

/** Whether the dialect makes the texts of the shown reasons only (no magnitude text columns needed). */
export function makesShownTextsOnly(d: Dialect): boolean {
  return d.name === 'duckdb';
}

/** The reasons text (never NULL); no subquery in DuckDB, which would decorrelate one into joins. */
export function reasonsSql(d: Dialect, items: readonly ReasonItem[]): string {
  if (items.length === 0) return "''";
  if (d.name === 'duckdb') return duckdbReasons(d, items);
  const texts = items.map((item) => ({ item, text: reasonText(d, item) }));
  if (d.name === 'bigquery') {
    const rows = texts.map(
      ({ item, text }) =>
        `STRUCT(${item.order} AS i, ${item.first ? 0 : 1} AS f, ${item.points} AS p, ${item.include} AS k, ${text} AS s)`,
    );
    return `COALESCE((SELECT STRING_AGG(v.s, ', ' ORDER BY v.f, ABS(v.p) DESC, v.i) FROM UNNEST([${rows.join(', ')}]) AS v WHERE v.k), '')`;
  }
  const rows = texts.map(
    ({ item, text }) => `(${item.order}, ${item.first ? 0 : 1}, ${item.points}, ${item.include}, ${text})`,
  );
  return `COALESCE((SELECT string_agg(v.s, ', ' ORDER BY v.f, ABS(v.p) DESC, v.i) FROM (VALUES ${rows.join(', ')}) AS v(i, f, p, k, s) WHERE v.k), '')`;
}

/** One reason's text in a row, from the magnitude text column (Postgres, BigQuery). */
function reasonText(d: Dialect, item: ReasonItem): string {
  if (item.text !== undefined) return item.text;
  const points =
    item.constant === undefined
      ? [d.string(item.label), ...pointsText(d, item.points, item.magnitude!)]
      : [d.string(`${item.label}${formatPoints(item.constant)}`)];
  const note =
    item.note === undefined
      ? []
      : [`CASE WHEN ${item.note.when} THEN ${d.string(item.note.text)} ELSE ${d.string('')} END`];
  return d.concat([...points, ...note]);
}

/**
 * DuckDB's reasons. Each shown reason gets one double key that orders as the engine does (the override
 * first, then larger rounded magnitudes, then model order): `hundredths × M + (M − 1 − position)`, M a
 * power of two above the number of reasons, the override 2^52 + …; plain doubles sort far faster than
 * structs. The key is an exact integer while every rounded contribution is below 2^46 / M hundredths (there
 * they are all whole hundredths, and their text is the database's shortest digits): the texts are made in
 * the row for the shown reasons only (no text columns), and the sorted keys' low bits pick them. A row
 * with a larger contribution takes the general path: structs of position and points sorted in the row, and
 * each shown text made from its points by one shared expression (JavaScript's number text at any size).
 */
function duckdbReasons(d: Dialect, items: readonly ReasonItem[]): string {
  const sorted = [...items].sort((a, b) => a.order - b.order);
  const m = 2 ** Math.ceil(Math.log2(sorted.length + 1));
  const n = (x: number) => num(d, x);
  const bound = 2 ** 46 / m / 100;
  const keys = sorted.map((item, position) => {
    const low = m - 1 - position;
    if (item.first) return `CASE WHEN ${item.include} THEN ${n(2 ** 52 + low)} END`;
    if (item.constant !== undefined)
      return `CASE WHEN ${item.include} THEN ${n(Math.round(Math.abs(item.constant) * 100) * m + low)} END`;
    // LEAST: DuckDB runs the fast path on every row, and a larger contribution must not make it fail.
    return `CASE WHEN ${item.include} THEN ROUND(LEAST(ABS(${item.points}), ${n(bound)}) * ${n(100)}) * ${n(m)} + ${n(low)} END`;
  });
  const variable = sorted.filter((item) => !item.first && item.constant === undefined);
  const largest =
    variable.length === 1
      ? `ABS(${variable[0]!.points})`
      : `GREATEST(${variable.map((item) => `ABS(${item.points})`).join(', ')})`;
  const exact = sorted.some((item) => item.constant !== undefined && Math.abs(item.constant) >= bound)
    ? 'FALSE'
    : variable.length === 0
      ? 'TRUE'
      : `${largest} < ${n(bound)}`;
  const note = (item: ReasonItem) =>
    item.note === undefined
      ? []
      : [`CASE WHEN ${item.note.when} THEN ${d.string(item.note.text)} ELSE '' END`];
  const sign = (negative: string) => `CASE WHEN ${negative} THEN ${d.string('\u2212')} ELSE '+' END`;
  // Fast path: below the bound every magnitude is in the ordinary range, whole numbers without `.0`.
  const texts = sorted.map((item) => {
    if (item.text !== undefined) return `CASE WHEN ${item.include} THEN ${item.text} END`;
    const p = item.points;
    const points =
      item.constant !== undefined
        ? [d.string(`${item.label}${formatPoints(item.constant)}`)]
        : [
            d.string(item.label),
            sign(`${p} < ${n(0)}`),
            `CASE WHEN ${p} = FLOOR(${p}) THEN CAST(TRY_CAST(ABS(${p}) AS BIGINT) AS VARCHAR) ELSE CAST(ABS(${p}) AS VARCHAR) END`,
          ];
    return `CASE WHEN ${item.include} THEN ${d.concat([...points, ...note(item)])} END`;
  });
  const v = '__ls_v';
  const positions = `LIST_TRANSFORM(LIST_SORT(LIST_FILTER([${keys.join(', ')}], lambda ${v}: ${v} IS NOT NULL), 'DESC'), lambda ${v}: ${m} - CAST(${v} % ${n(m)} AS INTEGER))`;
  const fast = `ARRAY_TO_STRING(LIST_SELECT([${texts.join(', ')}], ${positions}), ', ')`;
  // General path: (first, −|points|, position, points) sorted; the text from the position and the points.
  const structs = sorted.map(
    (item, position) =>
      `{'f': ${item.first ? 0 : 1}, 'm': -ABS(${item.points}), 'i': ${position}, 'p': CASE WHEN ${item.include} THEN ${item.points} END}`,
  );
  // Short: the query's memory follows its length. A constant list gives each position its label, and the
  // index of its note among the distinct notes (0: none).
  const at = (list: readonly string[]) => `[${list.join(', ')}][${v}.i + 1]`;
  const notes = [...new Set(sorted.flatMap((item) => note(item)))];
  const override = sorted.find((item) => item.text !== undefined);
  const ruleText = d.concat([
    at(sorted.map((item) => d.string(item.label))),
    sign(`${v}.p < ${n(0)}`),
    magnitudeTextSql(d, `ABS(${v}.p)`),
    ...(notes.length === 0
      ? []
      : [
          `CASE ${at(sorted.map((item) => String(notes.indexOf(note(item)[0] ?? '') + 1)))} ${notes.map((text, index) => `WHEN ${index + 1} THEN ${text}`).join(' ')} ELSE '' END`,
        ]),
  ]);
  const generalText =
    override === undefined ? ruleText : `CASE WHEN ${v}.i = 0 THEN ${override.text} ELSE ${ruleText} END`;
  const general = `ARRAY_TO_STRING(LIST_TRANSFORM(LIST_SORT(LIST_FILTER([${structs.join(', ')}], lambda ${v}: ${v}.p IS NOT NULL)), lambda ${v}: ${generalText}), ', ')`;
  // DuckDB makes list functions under a CASE branch slowly (the fast path took twice as long there): the
  // fast path is made on every row (bounded so that no value can make it fail) and used where the general
  // path, made only on the rows that need it, left NULL.
  if (exact === 'TRUE') return `COALESCE(${fast}, '')`;
  if (exact === 'FALSE') return `COALESCE(${general}, '')`;
  return `COALESCE(CASE WHEN NOT (${exact}) THEN ${general} END, ${fast}, '')`;
}
