// What differs between the SQL dialects the model is exported to: quoting, literals, types, the few
// functions whose names differ, and how the stages of the query are nested. Everything a model or a
// header contributes goes through `ident` or `string`.

import { CASE_FOLD_EXTRA } from '../cells';

export const DIALECT_NAMES = ['postgres', 'duckdb', 'bigquery'] as const;
export type DialectName = (typeof DIALECT_NAMES)[number];

/** A text the dialect cannot hold (Postgres and DuckDB text has no NUL character). */
export class SqlValueError extends Error {}

export interface Dialect {
  name: DialectName;
  /** Whether a double that overflows to ±Infinity or underflows to 0 raises an error (Postgres, BigQuery). */
  strictFloat: boolean;
  /** ±Infinity as a double. */
  infinity(negative: boolean): string;
  /** The part of a text before (0) or after (1) its first `.`; NULL or '' when there is none. */
  splitPart(expr: string, index: 0 | 1): string;
  ltrim(expr: string, chars: string): string;
  rtrim(expr: string, chars: string): string;
  repeat(expr: string, count: string): string;
  /** Texts joined (none of them NULL). */
  concat(parts: readonly string[]): string;
  textType: string;
  /** The text of a positive double with JavaScript's digits (the shortest that read back as it), in the
   *  database's own layout (`2.7e+22`); sqlNumbers turns that layout into JavaScript's. */
  floatText(expr: string): string;
  intType: string;
  bigintType: string;
  doubleType: string;
  nullText: string;
  todayDayNumber: string;
  ident(name: string): string;
  /** A column of the leads table (alias `t`). */
  column(name: string): string;
  table(name: string): string;
  string(text: string): string;
  /** A JS number's text as a double. */
  double(text: string): string;
  trim(expr: string, chars: string): string;
  lower(expr: string): string;
  regexMatch(expr: string, pattern: string): string;
  regexReplace(expr: string, pattern: string, replacement: string): string;
  /** A text of digits (optionally with `.` and an exponent) as a double; NULL when out of range. */
  toDouble(expr: string): string;
  right1(expr: string): string;
  strpos(haystack: string, needle: string): string;
  /** Whether the text holds the other (a boolean, never NULL for texts that are not). */
  contains(haystack: string, needle: string): string;
  mod(expr: string, divisor: number): string;
  /** The part after the first `.` of a text (the fraction of a number's text). */
  afterDot(expr: string): string;
  /** indentSql with this dialect's quoting. */
  indent(text: string): string;
  /** The stages as nested SELECTs over a FROM clause (no columns of the table but the stages'). */
  nest(from: string, stages: readonly (readonly [string, string])[][]): string;
  /** The whole query: the table's rows plus the outputs computed through the stages (and a join, v2 events). */
  assemble(
    table: string,
    join: string | undefined,
    stages: readonly (readonly [string, string])[][],
    outputs: readonly [string, string][],
  ): string;
}

function noNul(text: string): string {
  if (text.includes('\u0000')) throw new SqlValueError('a name or value contains a NUL character');
  return text;
}

const doubleQuoted = (name: string) => `"${noNul(name).replace(/"/g, '""')}"`;
// The JS lower-casing of İ (U+0130) is i + combining dot; databases give a plain i.
const I_WITH_DOT = '\u0130';
const FOLD_FROM = CASE_FOLD_EXTRA.map(([upper]) => upper).join('');
const FOLD_TO = CASE_FOLD_EXTRA.map(([, lower]) => lower).join('');

/** The contract's case rule (cells.ts foldCase): the pairs the database may not know mapped first. `ascii`,
 *  where the dialect has a cheap test that a text is all ASCII, sends those texts to LOWER at once. */
function foldSql(
  expr: string,
  string: (text: string) => string,
  matches: (expr: string, pattern: string) => string,
  ascii?: string,
): string {
  const dotted = `REPLACE(${expr}, ${string(I_WITH_DOT)}, ${string('i\u0307')})`;
  // TRANSLATE with a long map is slow per row (DuckDB), REPLACE a pass over the text: only texts holding
  // one of their letters go through them (nearly every text is LOWER alone).
  return `CASE ${ascii === undefined ? '' : `WHEN ${ascii} THEN LOWER(${expr}) `}WHEN ${matches(expr, `[${I_WITH_DOT}${FOLD_FROM}]`)} THEN LOWER(TRANSLATE(${dotted}, ${string(FOLD_FROM)}, ${string(FOLD_TO)})) ELSE LOWER(${expr}) END`;
}

/** A regular-expression class (RE2, Postgres) of the characters, each written as its code point. */
function regexClass(chars: string): string {
  return `[${[...chars].map((c) => `\\x{${c.codePointAt(0)?.toString(16)}}`).join('')}]`;
}

/** Postgres would pull each stage up into the next, repeating every expression wherever its alias is used
 *  (exponentially); `OFFSET 0` keeps each stage computed once. */
const POSTGRES_FENCE = '\n  OFFSET 0';

/** Postgres and DuckDB nest the stages in a LATERAL subquery, so `t.*` stays exactly the table's columns. */
function selectList(d: Dialect, items: readonly (readonly [string, string])[]): string {
  return items.map(([alias, expr]) => `${expr} AS ${d.ident(alias)}`).join(',\n  ');
}

/**
 * Indents every line break outside quoted strings and names: a line break inside a literal or an
 * identifier is data and stays exactly as it is. `escaping` lists the quotes inside which a backslash
 * escapes the next character (Postgres E'…', BigQuery '…' and `…`); elsewhere quotes double.
 */
export function indentSql(text: string, escaping = ''): string {
  let out = '';
  let quote = '';
  let escaped = false;
  for (const char of text) {
    if (quote === '') {
      if (char === "'" || char === '"' || char === '`') quote = char;
      out += char === '\n' ? '\n  ' : char;
    } else {
      if (escaped) escaped = false;
      else if (char === '\\' && escaping.includes(quote)) escaped = true;
      else if (char === quote) quote = '';
      out += char;
    }
  }
  return out;
}

/** Each stage a SELECT over the one before (`sN.*` plus its own columns); the first over `from`, if any. */
function nestStages(
  d: Dialect,
  stages: readonly (readonly [string, string])[][],
  fence: string,
  from?: string,
): string {
  let inner = `SELECT\n  ${selectList(d, stages[0] ?? [])}${from === undefined ? '' : `\nFROM ${from}`}`;
  stages.slice(1).forEach((stage, index) => {
    inner = `SELECT s${index}.*,\n  ${selectList(d, stage)}\nFROM (\n  ${d.indent(inner)}${fence}\n) AS s${index}`;
  });
  return inner;
}

function lateralAssemble(d: Dialect, fence: string) {
  return (
    table: string,
    join: string | undefined,
    stages: readonly (readonly [string, string])[][],
    outputs: readonly [string, string][],
  ) => {
    const inner = nestStages(d, stages, fence);
    const last = `s${Math.max(0, stages.length - 1)}`;
    const computed = `SELECT\n  ${selectList(d, outputs)}\nFROM (\n  ${d.indent(inner)}${fence}\n) AS ${last}`;
    const shown = outputs.map(([alias]) => `ls.${d.ident(alias)}`).join(', ');
    const joined = join === undefined ? '' : `\n${join}`;
    return `SELECT t.*, ${shown}\nFROM ${table} AS t${joined}\nCROSS JOIN LATERAL (\n  ${d.indent(computed)}\n) AS ls;\n`;
  };
}

function lateralNest(d: Dialect, fence: string) {
  return (from: string, stages: readonly (readonly [string, string])[][]) =>
    nestStages(d, stages, fence, from);
}

function plainDouble(text: string, type: string): string {
  const n = Number(text);
  const literal = Number.isSafeInteger(n) ? `${Math.abs(n)}::${type}` : `'${Math.abs(n)}'::${type}`;
  return n < 0 || Object.is(n, -0) ? `(-${literal})` : literal;
}

/**
 * Postgres prints a double with the shortest digits strictly inside its rounding interval: its Ryū is built
 * with STRICTLY_SHORTEST 0 (src/common/ryu_common.h: "we avoid outputting the exact midpoint value between
 * two representable floats"), so 2.7e22 prints as 2.7000000000000002e+22. JavaScript also takes a midpoint
 * that reads back as the same double (round half to even), so from 2^53 on, where such midpoints can be
 * short, the text is the shortest rounding of Postgres's digits that reads back as the same double. Below
 * 2^53 every whole number prints exactly and no midpoint is shorter than the digits Postgres prints.
 */
function postgresFloatText(expr: string): string {
  const text = `CAST(${expr} AS TEXT)`;
  const mantissa = `CAST(REGEXP_REPLACE(${text}, '[eE].*$', '') AS NUMERIC)`;
  const exponent = `CAST(REGEXP_REPLACE(${text}, '^[^eE]*[eE][+]?', '') AS INTEGER)`;
  const rounded = `ROUND(${mantissa}, k - 1)`;
  // A rounding up to 10 carries into the exponent.
  const candidate = `CASE WHEN ${rounded} >= 10 THEN '1e+' || (${exponent} + 1) ELSE RTRIM(RTRIM(CAST(${rounded} AS TEXT), '0'), '.') || 'e+' || ${exponent} END`;
  const readsBack = `CASE WHEN pg_input_is_valid(c, 'float8') THEN CAST(c AS DOUBLE PRECISION) = ${expr} ELSE FALSE END`;
  const shortest = `(SELECT c FROM (SELECT k, ${candidate} AS c FROM generate_series(1, 16) AS k) AS candidates WHERE ${readsBack} ORDER BY k LIMIT 1)`;
  return `CASE WHEN ${expr} >= 9007199254740992::float8 THEN COALESCE(${shortest}, ${text}) ELSE ${text} END`;
}

const postgres: Dialect = {
  name: 'postgres',
  strictFloat: true,
  infinity: (negative) => (negative ? "'-Infinity'::float8" : "'Infinity'::float8"),
  splitPart: (expr, index) => `SPLIT_PART(${expr}, '.', ${index + 1})`,
  ltrim: (expr, chars) => `LTRIM(${expr}, '${chars}')`,
  rtrim: (expr, chars) => `RTRIM(${expr}, '${chars}')`,
  repeat: (expr, count) => `REPEAT(${expr}, ${count})`,
  concat: (parts) => parts.join(' || '),
  textType: 'TEXT',
  floatText: postgresFloatText,
  intType: 'INTEGER',
  bigintType: 'BIGINT',
  doubleType: 'DOUBLE PRECISION',
  nullText: 'CAST(NULL AS TEXT)',
  todayDayNumber: "CAST(CURRENT_DATE - DATE '1970-01-01' AS DOUBLE PRECISION)",
  ident: doubleQuoted,
  column: (name) => `t.${doubleQuoted(name)}`,
  table: (name) => name.split('.').map(doubleQuoted).join('.'),
  // E'…' reads the same whatever standard_conforming_strings says.
  string: (text) => `E'${noNul(text).replace(/\\/g, '\\\\').replace(/'/g, "''")}'`,
  double: (text) => plainDouble(text, 'float8'),
  trim: (expr, chars) => `BTRIM(${expr}, ${postgres.string(chars)})`,
  lower: (expr) => foldSql(expr, postgres.string, postgres.regexMatch),
  regexMatch: (expr, pattern) => `(${expr} ~ ${postgres.string(pattern)})`,
  regexReplace: (expr, pattern, replacement) =>
    `REGEXP_REPLACE(${expr}, ${postgres.string(pattern)}, ${postgres.string(replacement)})`,
  // Postgres refuses out-of-range input: an overflow is no number, an underflow (e-400) is 0 as in JS.
  toDouble: (expr) =>
    `CASE WHEN pg_input_is_valid(${expr}, 'float8') THEN CAST(${expr} AS DOUBLE PRECISION) END`,
  right1: (expr) => `RIGHT(${expr}, 1)`,
  strpos: (haystack, needle) => `STRPOS(${haystack}, ${needle})`,
  contains: (haystack, needle) => `STRPOS(${haystack}, ${needle}) > 0`,
  mod: (expr, divisor) => `MOD(${expr}, ${divisor})`,
  afterDot: (expr) => `SPLIT_PART(${expr}, '.', 2)`,
  indent: (text) => indentSql(text, "'"),
  nest: (from, stages) => lateralNest(postgres, POSTGRES_FENCE)(from, stages),
  assemble: (table, join, stages, outputs) =>
    lateralAssemble(postgres, POSTGRES_FENCE)(table, join, stages, outputs),
};

const duckdb: Dialect = {
  name: 'duckdb',
  strictFloat: false,
  infinity: (negative) => (negative ? "'-inf'::DOUBLE" : "'inf'::DOUBLE"),
  splitPart: (expr, index) => `SPLIT_PART(${expr}, '.', ${index + 1})`,
  ltrim: (expr, chars) => `LTRIM(${expr}, '${chars}')`,
  rtrim: (expr, chars) => `RTRIM(${expr}, '${chars}')`,
  repeat: (expr, count) => `REPEAT(${expr}, ${count})`,
  // One CONCAT makes the text in one allocation; a chain of || makes every partial text.
  concat: (parts) => (parts.length === 1 ? parts[0]! : `CONCAT(${parts.join(', ')})`),
  textType: 'VARCHAR',
  floatText: (expr) => `CAST(${expr} AS VARCHAR)`,
  intType: 'INTEGER',
  bigintType: 'BIGINT',
  doubleType: 'DOUBLE',
  nullText: 'CAST(NULL AS VARCHAR)',
  todayDayNumber: "CAST(date_diff('day', DATE '1970-01-01', CURRENT_DATE) AS DOUBLE)",
  ident: doubleQuoted,
  column: (name) => `t.${doubleQuoted(name)}`,
  table: (name) => name.split('.').map(doubleQuoted).join('.'),
  string: (text) => `'${noNul(text).replace(/'/g, "''")}'`,
  double: (text) => plainDouble(text, 'DOUBLE'),
  // TRIM with a character set is slow per row (DuckDB, ~1 µs a cell): only texts that start or end with one
  // of the characters go through it.
  trim: (expr, chars) =>
    `CASE WHEN ${duckdb.regexMatch(expr, `^${regexClass(chars)}|${regexClass(chars)}$`)} THEN TRIM(${expr}, ${duckdb.string(chars)}) ELSE ${expr} END`,
  // STRLEN counts bytes, LENGTH characters: equal for an all-ASCII text, which no mapped letter is in.
  lower: (expr) => foldSql(expr, duckdb.string, duckdb.regexMatch, `STRLEN(${expr}) = LENGTH(${expr})`),
  regexMatch: (expr, pattern) => `REGEXP_MATCHES(${expr}, ${duckdb.string(pattern)})`,
  regexReplace: (expr, pattern, replacement) =>
    `REGEXP_REPLACE(${expr}, ${duckdb.string(pattern)}, ${duckdb.string(replacement)})`,
  toDouble: (expr) => `CASE WHEN NOT ISINF(TRY_CAST(${expr} AS DOUBLE)) THEN TRY_CAST(${expr} AS DOUBLE) END`,
  right1: (expr) => `RIGHT(${expr}, 1)`,
  strpos: (haystack, needle) => `STRPOS(${haystack}, ${needle})`,
  // CONTAINS answers without counting characters up to the match as STRPOS does.
  contains: (haystack, needle) => `CONTAINS(${haystack}, ${needle})`,
  mod: (expr, divisor) => `(${expr} % ${divisor})`,
  afterDot: (expr) => `SPLIT_PART(${expr}, '.', 2)`,
  indent: (text) => indentSql(text),
  nest: (from, stages) => lateralNest(duckdb, '')(from, stages),
  // The stages run over `t.*` (no LATERAL, which DuckDB turns into joins) and the last SELECT drops the
  // working columns.
  assemble: (table, join, stages, outputs) => {
    const [first = [], ...rest] = stages;
    let inner = `SELECT t.*,\n  ${selectList(duckdb, first)}\nFROM ${table} AS t${join === undefined ? '' : `\n${join}`}`;
    rest.forEach((stage, index) => {
      inner = `SELECT s${index}.*,\n  ${selectList(duckdb, stage)}\nFROM (\n  ${duckdb.indent(inner)}\n) AS s${index}`;
    });
    const working = stages.flat().map(([alias]) => doubleQuoted(alias));
    return `SELECT * EXCLUDE (${working.join(', ')}),\n  ${selectList(duckdb, outputs)}\nFROM (\n  ${duckdb.indent(inner)}\n) AS s;\n`;
  },
};

/** BigQuery's backslash escapes for a quoted name or string: the quote, the backslash, control characters. */
function bigqueryEscape(text: string, quote: string): string {
  let out = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (char === quote || char === '\\') out += `\\${char}`;
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += char;
  }
  return out;
}

const backtickQuoted = (name: string) => `\`${bigqueryEscape(name, '`')}\``;

function bigqueryString(text: string): string {
  return `'${bigqueryEscape(text, "'")}'`;
}

const bigquery: Dialect = {
  name: 'bigquery',
  strictFloat: true,
  infinity: (negative) => (negative ? "CAST('-inf' AS FLOAT64)" : "CAST('inf' AS FLOAT64)"),
  splitPart: (expr, index) => `SPLIT(${expr}, '.')[SAFE_OFFSET(${index})]`,
  ltrim: (expr, chars) => `LTRIM(${expr}, '${chars}')`,
  rtrim: (expr, chars) => `RTRIM(${expr}, '${chars}')`,
  repeat: (expr, count) => `REPEAT(${expr}, ${count})`,
  concat: (parts) => parts.join(' || '),
  textType: 'STRING',
  floatText: (expr) => `CAST(${expr} AS STRING)`,
  intType: 'INT64',
  bigintType: 'INT64',
  doubleType: 'FLOAT64',
  nullText: 'CAST(NULL AS STRING)',
  todayDayNumber: "CAST(DATE_DIFF(CURRENT_DATE(), DATE '1970-01-01', DAY) AS FLOAT64)",
  ident: backtickQuoted,
  column: (name) => `t.${backtickQuoted(name)}`,
  table: backtickQuoted,
  string: bigqueryString,
  double: (text) => {
    const n = Number(text);
    const literal = `CAST(${Number.isSafeInteger(n) ? Math.abs(n) : `'${Math.abs(n)}'`} AS FLOAT64)`;
    return n < 0 ? `(-${literal})` : literal;
  },
  trim: (expr, chars) => `TRIM(${expr}, ${bigqueryString(chars)})`,
  lower: (expr) => foldSql(expr, bigqueryString, bigquery.regexMatch),
  regexMatch: (expr, pattern) => `REGEXP_CONTAINS(${expr}, ${bigqueryString(pattern)})`,
  regexReplace: (expr, pattern, replacement) =>
    `REGEXP_REPLACE(${expr}, ${bigqueryString(pattern)}, ${bigqueryString(replacement)})`,
  toDouble: (expr) =>
    `CASE WHEN NOT IS_INF(SAFE_CAST(${expr} AS FLOAT64)) THEN SAFE_CAST(${expr} AS FLOAT64) END`,
  right1: (expr) => `RIGHT(${expr}, 1)`,
  strpos: (haystack, needle) => `STRPOS(${haystack}, ${needle})`,
  contains: (haystack, needle) => `STRPOS(${haystack}, ${needle}) > 0`,
  mod: (expr, divisor) => `MOD(${expr}, ${divisor})`,
  afterDot: (expr) => `SPLIT(${expr}, '.')[SAFE_OFFSET(1)]`,
  indent: (text) => indentSql(text, "'`"),
  nest: (from, stages) => nestStages(bigquery, stages, '', from),
  // BigQuery has no LATERAL: the stages run over `t.*` and the last SELECT drops the working columns.
  assemble: (table, join, stages, outputs) => {
    const [first = [], ...rest] = stages;
    let inner = `SELECT t.*,\n  ${selectList(bigquery, first)}\nFROM ${table} AS t${join === undefined ? '' : `\n${join}`}`;
    rest.forEach((stage, index) => {
      inner = `SELECT s${index}.*,\n  ${selectList(bigquery, stage)}\nFROM (\n  ${bigquery.indent(inner)}\n) AS s${index}`;
    });
    const working = stages.flat().map(([alias]) => backtickQuoted(alias));
    return `SELECT * EXCEPT (${working.join(', ')}),\n  ${selectList(bigquery, outputs)}\nFROM (\n  ${bigquery.indent(inner)}\n) AS s;\n`;
  },
};

export const DIALECTS: Readonly<Record<DialectName, Dialect>> = { postgres, duckdb, bigquery };
