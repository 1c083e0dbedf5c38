// Reading a table's cells in SQL as the engine reads them (contract v1 "Reading cells"): trimmed,
// case-folded text; numbers with separators, currency and percent; YYYY-MM-DD days; truth words. Each cell is
// read once, in a first projection of typed columns that every rule then uses. Also the conditions (v1 rule
// tests and v2 `when`/`where` items) over those columns, and the one place day counts are made (`ageSql`).

import { foldCase, parseNumberText } from '../cells';
import type { Condition, ConditionNode, ConditionTree, Problem, RuleScalar } from '../model';
import type { Dialect } from './sqlDialects';
import { num, overConstant } from './sqlNumbers';

/** The JS whitespace set (String.prototype.trim and `\s`), which the contract's trim removes. */
export const JS_SPACE =
  ' \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
const SPACE_CLASS = `[${JS_SPACE}]`;
const DIGITS = '(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:[.][0-9]*)?|[.][0-9]+)(?:[eE][+-]?[0-9]+)?';
/** parseNumberText's grammar with its two exclusions (two signs; currency with percent) folded in. */
const NUMBER_PATTERN = `^(?:[+-]?${SPACE_CLASS}*${DIGITS}%?|[+-]?[$€£]${SPACE_CLASS}*${DIGITS}|[$€£]${SPACE_CLASS}*[+-]${DIGITS})$`;
/** Digits that a cast reads exactly as JavaScript's Number() does: never beyond the largest double, never
 *  below the smallest. */
const PLAIN_NUMBER = '^[0-9]{1,15}([.][0-9]{1,15})?$';
const DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}([^0-9]|$)';

/** What the SQL needs to know about one column of the leads table. */
export interface ColumnUse {
  name: string;
  alias: string;
  text: boolean;
  number: boolean;
  day: boolean;
  truth: boolean;
}

export class SqlBuilder {
  readonly columns = new Map<string, ColumnUse>();
  constructor(
    readonly d: Dialect,
    readonly headers: readonly string[] | undefined,
    /** How a column of this table is written (`t."Email"`, `a."Date"`). */
    readonly ref: (name: string) => string,
    readonly problems: Problem[],
    /** The table's name in messages: `the table`, `the activity table`. */
    readonly tableName = 'the table',
  ) {}

  /** The column a model names, as the engine finds it; registers what is read from it. */
  use(column: string, subject: string, what: Partial<Omit<ColumnUse, 'name' | 'alias'>>): ColumnUse {
    let name = column.trim();
    if (this.headers !== undefined) {
      const found = this.headers.find((header) => foldCase(header.trim()) === foldCase(name));
      if (found === undefined) {
        this.problems.push({
          subject,
          field: 'column',
          message: `${subject}: column "${name}" is not in ${this.tableName} (columns: ${this.headers.join(', ')})`,
        });
      } else name = found;
    }
    const key = name;
    let use = this.columns.get(key);
    if (use === undefined) {
      use = {
        name,
        alias: `__ls_c${this.columns.size}`,
        text: false,
        number: false,
        day: false,
        truth: false,
      };
      this.columns.set(key, use);
    }
    if (what.text) use.text = true;
    if (what.number) use.number = true;
    if (what.day) use.day = true;
    if (what.truth) {
      use.truth = true;
      use.text = true;
      use.number = true;
    }
    return use;
  }

  /**
   * The first projection: each used cell trimmed (and blank values blanked), then read once into typed
   * columns (`_t` folded text, `_n` number, `_d` day number, `_b` truth) in a few small stages. The
   * as-of day (`AS_OF`) is `asOfExpr`, or with `asOfColumn` (v2 §9) that column's day when it has one;
   * without `asOfExpr` there is no as-of column (it comes from elsewhere, the leads joined to events).
   */
  cellStages(
    blankValues: readonly string[],
    asOfExpr: string | undefined,
    asOfColumn?: ColumnUse,
  ): [string, string][][] {
    const d = this.d;
    const ref = (alias: string) => d.ident(alias);
    // Trimmed, then folded once (for text rules and for blank values), then blanked.
    const blanks = [...new Set(blankValues)].map((value) => d.string(value));
    const stage0: [string, string][] = [];
    const folded: [string, string][] = [];
    const blanked: [string, string][] = [];
    for (const use of this.columns.values()) {
      const trimmed = d.trim(`COALESCE(CAST(${this.ref(use.name)} AS ${d.textType}), '')`, JS_SPACE);
      const f = ref(`${use.alias}_f`);
      if (blanks.length === 0) {
        stage0.push([`${use.alias}_raw`, trimmed]);
        if (use.text) folded.push([`${use.alias}_t`, d.lower(ref(`${use.alias}_raw`))]);
        continue;
      }
      stage0.push([`${use.alias}_tr`, trimmed]);
      folded.push([`${use.alias}_f`, d.lower(ref(`${use.alias}_tr`))]);
      const blank = `${f} IN (${blanks.join(', ')})`;
      blanked.push([`${use.alias}_raw`, `CASE WHEN ${blank} THEN '' ELSE ${ref(`${use.alias}_tr`)} END`]);
      if (use.text) blanked.push([`${use.alias}_t`, `CASE WHEN ${blank} THEN '' ELSE ${f} END`]);
    }
    if (asOfExpr !== undefined && asOfColumn === undefined) stage0.push([AS_OF, asOfExpr]);
    const parse: [string, string][][] = [[], [], [], [], [], []];
    for (const use of this.columns.values()) {
      const raw = ref(`${use.alias}_raw`);
      const col = (part: string) => ref(`${use.alias}_${part}`);
      if (use.number) {
        // Plain digits (most number cells), short enough to be finite and exact, are read by a cast alone;
        // only the others go through the contract's grammar, their sign and their range.
        const body = `REPLACE(REPLACE(${d.regexReplace(raw, '^[^0-9.]*', '')}, ',', ''), '%', '')`;
        parse[0]!.push([`${use.alias}_pl`, d.regexMatch(raw, PLAIN_NUMBER)]);
        parse[1]!.push(
          [
            `${use.alias}_nb`,
            `CASE WHEN ${col('pl')} THEN NULL WHEN ${d.regexMatch(raw, NUMBER_PATTERN)} THEN ${body} END`,
          ],
          [
            `${use.alias}_ng`,
            `CASE WHEN ${col('pl')} THEN FALSE ELSE ${d.regexMatch(raw, '^[^0-9.]*-')} END`,
          ],
        );
        const magnitude = digitsToDouble(d, col('nb'));
        parse[2]!.push([
          `${use.alias}_ns`,
          `CASE WHEN ${col('pl')} THEN CAST(${raw} AS ${d.doubleType}) ELSE CASE WHEN ${col('ng')} THEN ${num(d, -1)} ELSE ${num(d, 1)} END * ${magnitude} END`,
        ]);
        // parseNumberText divides by 100 (not × 0.01): 45% is 45 / 100.
        parse[3]!.push([
          `${use.alias}_n`,
          `CASE WHEN ${col('pl')} THEN ${col('ns')} WHEN ${d.right1(raw)} = '%' THEN ${overConstant(d, col('ns'), 100, 'NULL')} ELSE ${col('ns')} END`,
        ]);
      }
      if (use.day) {
        const ok = d.regexMatch(raw, DATE_PATTERN);
        const part = (from: number, length: number) =>
          `CASE WHEN ${ok} THEN CAST(SUBSTR(${raw}, ${from}, ${length}) AS ${d.intType}) END`;
        parse[0]!.push(
          [`${use.alias}_y`, part(1, 4)],
          [`${use.alias}_m`, part(6, 2)],
          [`${use.alias}_dd`, part(9, 2)],
        );
        parse[1]!.push([`${use.alias}_d`, daySql(d, col('y'), col('m'), col('dd'))]);
      }
      if (use.truth) parse[5]!.push([`${use.alias}_b`, truthSql(d, col('t'), col('n'))]);
    }
    // Each lead's own day (read as any date cell), else the model's: after the day numbers are made.
    if (asOfExpr !== undefined && asOfColumn !== undefined)
      parse[2]!.push([AS_OF, `COALESCE(${ref(`${asOfColumn.alias}_d`)}, ${asOfExpr})`]);
    return [stage0, folded, blanked, ...parse].filter((stage) => stage.length > 0);
  }
}

/** The column holding the as-of day (days since 1970-01-01): the day counts' one source (per row with v2 §9). */
export const AS_OF = '__ls_asof';

/** Days from a day number to the as-of day (positive in the past). The one place a day count is made. */
export function ageSql(d: Dialect, day: string): string {
  return `(${d.ident(AS_OF)} - ${day})`;
}

/**
 * A text of digits (`12.5`, `1e-400`, `.5E+3`, already checked by NUMBER_PATTERN) as JavaScript's
 * Number() reads it: the double, 0 when it is below the smallest double, NULL when it is beyond the
 * largest (the databases refuse both where JavaScript gives 0 and Infinity).
 */
function digitsToDouble(d: Dialect, body: string): string {
  // Digits before the point (without leading zeros), zeros right after it, and the exponent ('' for none).
  const integerDigits = `LENGTH(${d.regexReplace(body, '^0*([0-9]*).*$', '\\1')})`;
  const fractionZeros = `LENGTH(${d.regexReplace(body, '^[0-9]*[.]?(0*).*$', '\\1')})`;
  const exponent = d.regexReplace(body, '^[^eE]*([eE]([+-]?)0*([0-9]*))?$', '\\2\\3');
  const point = `CASE WHEN ${integerDigits} > 0 THEN ${integerDigits} ELSE -${fractionZeros} END`;
  // The value is below 1 (an underflow, 0 as in JavaScript) when its point lands at or left of the first digit.
  const below1 =
    `CASE WHEN LENGTH(${exponent}) > 7 THEN ${d.regexMatch(exponent, '^-')} ` +
    `ELSE ${point} + CAST(CASE WHEN ${exponent} IN ('', '-', '+') THEN '0' ELSE ${exponent} END AS ${d.bigintType}) <= 0 END`;
  return `COALESCE(${d.toDouble(body)}, CASE WHEN ${body} IS NOT NULL AND (${below1}) THEN ${num(d, 0)} END)`;
}

/** A condition tree (v2 `when` / `where`) as one boolean expression. */
export function treeSql(b: SqlBuilder, tree: ConditionTree, subject: string): string {
  const all = 'all' in tree;
  const items = all ? (tree as { all: ConditionNode[] }).all : (tree as { any: ConditionNode[] }).any;
  const parts = items.map((node) =>
    'all' in node || 'any' in node
      ? treeSql(b, node as ConditionTree, subject)
      : conditionSql(b, node as Condition, subject),
  );
  return `(${parts.join(all ? ' AND ' : ' OR ')})`;
}

/** A cell as trimmed text ('' for NULL and for a v2 placeholder value such as `n/a`). */
export function rawCell(d: Dialect, column: string, blankValues: readonly string[]): string {
  const trimmed = d.trim(`COALESCE(CAST(${column} AS ${d.textType}), '')`, JS_SPACE);
  if (blankValues.length === 0) return trimmed;
  return `CASE WHEN ${d.lower(trimmed)} IN (${[...new Set(blankValues)].map((value) => d.string(value)).join(', ')}) THEN '' ELSE ${trimmed} END`;
}

/** Days since 1970-01-01 of a real calendar date (Hinnant's days_from_civil), NULL otherwise. */
function daySql(d: Dialect, y: string, m: string, dd: string): string {
  const num = (x: number) => d.double(String(x));
  const leap = `(${d.mod(y, 4)} = 0 AND ${d.mod(y, 100)} <> 0) OR ${d.mod(y, 400)} = 0`;
  const dim = `CASE WHEN ${m} = 2 THEN CASE WHEN ${leap} THEN 29 ELSE 28 END WHEN ${m} IN (4, 6, 9, 11) THEN 30 ELSE 31 END`;
  const yy = `(CAST(${y} AS ${d.doubleType}) - CASE WHEN ${m} <= 2 THEN ${num(1)} ELSE ${num(0)} END)`;
  const era = `FLOOR(${yy} / ${num(400)})`;
  const yoe = `(${yy} - ${era} * ${num(400)})`;
  const mp = `(CAST(${m} AS ${d.doubleType}) + CASE WHEN ${m} > 2 THEN ${num(-3)} ELSE ${num(9)} END)`;
  const doy = `(FLOOR((${num(153)} * ${mp} + ${num(2)}) / ${num(5)}) + CAST(${dd} AS ${d.doubleType}) - ${num(1)})`;
  const doe = `(${yoe} * ${num(365)} + FLOOR(${yoe} / ${num(4)}) - FLOOR(${yoe} / ${num(100)}) + ${doy})`;
  return `CASE WHEN ${y} IS NOT NULL AND ${m} BETWEEN 1 AND 12 AND ${dd} >= 1 AND ${dd} <= (${dim}) THEN ${era} * ${num(146097)} + ${doe} - ${num(719468)} END`;
}

function truthSql(d: Dialect, t: string, n: string): string {
  return (
    `CASE WHEN ${t} IN ('true', 'yes', 'y', 'x') THEN 1 WHEN ${t} IN ('false', 'no', 'n') THEN 0 ` +
    `WHEN ${n} IS NOT NULL THEN CASE WHEN ${n} <> ${d.double('0')} THEN 1 ELSE 0 END END`
  );
}

/** A rule value as the engine normalises it: lower-cased trimmed text, and a number when it reads as one. */
function targetOf(value: RuleScalar): { text: string; number: number | undefined } {
  if (typeof value === 'number') return { text: String(value).toLowerCase(), number: value };
  return { text: foldCase(value.trim()), number: parseNumberText(value) };
}

/** A condition (a v1 rule's test, or one item of a v2 `when`) as a boolean SQL expression, never NULL. */
export function conditionSql(b: SqlBuilder, condition: Condition, subject: string): string {
  const d = b.d;
  const num = (x: number) => d.double(String(x));
  const value = condition.value;
  const op = condition.operator;
  const textCol = () => d.ident(`${b.use(condition.column, subject, { text: true }).alias}_t`);
  const numberCol = () => d.ident(`${b.use(condition.column, subject, { number: true }).alias}_n`);
  const dayCol = () => d.ident(`${b.use(condition.column, subject, { day: true }).alias}_d`);
  switch (op) {
    case 'equals':
    case 'not equals': {
      const target = targetOf(value as RuleScalar);
      const t = textCol();
      let test = `${t} = ${d.string(target.text)}`;
      if (target.number !== undefined) {
        const n = numberCol();
        test = `CASE WHEN ${n} IS NOT NULL THEN ${n} = ${num(target.number)} ELSE ${t} = ${d.string(target.text)} END`;
      }
      return op === 'equals' ? `(${test})` : `NOT (${test})`;
    }
    case 'one of':
    case 'not one of': {
      const targets = (value as RuleScalar[]).map(targetOf);
      const t = textCol();
      const list = (texts: string[]) =>
        texts.length === 0 ? 'FALSE' : `${t} IN (${[...new Set(texts)].map((x) => d.string(x)).join(', ')})`;
      const numbers = [...new Set(targets.filter((x) => x.number !== undefined).map((x) => x.number!))];
      let test: string;
      if (numbers.length === 0) test = list(targets.map((x) => x.text));
      else {
        const n = numberCol();
        const others = targets.filter((x) => x.number === undefined).map((x) => x.text);
        test = `CASE WHEN ${n} IS NULL THEN ${list(targets.map((x) => x.text))} ELSE (${n} IN (${numbers.map(num).join(', ')}) OR ${list(others)}) END`;
      }
      return op === 'one of' ? `(${test})` : `NOT (${test})`;
    }
    case 'contains':
    case 'not contains': {
      const test = d.contains(textCol(), d.string(targetOf(value as RuleScalar).text));
      return op === 'contains' ? `(${test})` : `NOT (${test})`;
    }
    case 'contains any': {
      const t = textCol();
      const items = (value as RuleScalar[]).map((item) => d.contains(t, d.string(targetOf(item).text)));
      return `(${items.join(' OR ')})`;
    }
    case '>':
    case '>=':
    case '<':
    case '<=': {
      const n = numberCol();
      return `COALESCE(${n} ${op} ${num(value as number)}, FALSE)`;
    }
    case 'between': {
      const [min, max] = value as [number, number];
      const n = numberCol();
      return `COALESCE(${n} >= ${num(min)} AND ${n} <= ${num(max)}, FALSE)`;
    }
    case 'is blank':
      return `(${textCol()} = '')`;
    case 'is not blank':
      return `(${textCol()} <> '')`;
    case 'is true':
    case 'is false': {
      const use = b.use(condition.column, subject, { truth: true });
      return `COALESCE(${d.ident(`${use.alias}_b`)} = ${op === 'is true' ? 1 : 0}, FALSE)`;
    }
    case 'within days': {
      const age = ageSql(d, dayCol());
      return `COALESCE(${age} >= ${num(0)} AND ${age} <= ${num(value as number)}, FALSE)`;
    }
    case 'older than days': {
      const age = ageSql(d, dayCol());
      return `COALESCE(${age} > ${num(value as number)}, FALSE)`;
    }
    default:
      b.problems.push({
        subject,
        field: 'operator',
        message: `${subject}: operator "${op}" has no SQL form`,
      });
      return 'FALSE';
  }
}

export function dayNumberOfIso(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}
