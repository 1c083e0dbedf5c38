// The model as one SQL SELECT (Postgres, DuckDB, BigQuery) that gives every row of a table the engine's
// score, band, grade and reasons. The table's columns are text, as a CSV load gives them; the SQL reads
// them by the contract's rules (trim + case-insensitive text, numbers with separators/currency/percent,
// YYYY-MM-DD dates, truth words), in double precision and in the engine's order of operations, so that
// the results are the engine's to the last bit. Model values are escaped literals, names quoted
// identifiers: nothing from a model or a header is spliced into the SQL as code.

import { parseNumberText } from '../cells';
import type { Model, Problem, RuleScalar } from '../model';
import { parseModel } from '../validate';
import { DIALECTS, type Dialect, type DialectName, SqlValueError } from './sqlDialects';

export type { DialectName } from './sqlDialects';
export { DIALECT_NAMES } from './sqlDialects';

export interface SqlOptions {
  dialect?: DialectName;
  /** The leads table (may be qualified: `schema.table`, BigQuery `project.dataset.table`). */
  table?: string;
  /** `YYYY-MM-DD`; overrides the model's asOf. Without either, the database's CURRENT_DATE. */
  asOf?: string;
  /**
   * The table's real column names. When given, each model column is matched to one of them as the
   * engine matches headers (trimmed, case-insensitive, first wins) and a missing one is a problem;
   * without them the model's spelling is used.
   */
  headers?: readonly string[];
}

export type SqlResult = { ok: true; sql: string } | { ok: false; problems: Problem[] };

/** The JS whitespace set (String.prototype.trim and `\s`), which the contract's trim removes. */
const JS_SPACE =
  ' \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
const SPACE_CLASS = `[${JS_SPACE}]`;
const DIGITS = '(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:[.][0-9]*)?|[.][0-9]+)(?:[eE][+-]?[0-9]+)?';
/** parseNumberText's grammar with its two exclusions (two signs; currency with percent) folded in. */
const NUMBER_PATTERN = `^(?:[+-]?${SPACE_CLASS}*${DIGITS}%?|[+-]?[$€£]${SPACE_CLASS}*${DIGITS}|[$€£]${SPACE_CLASS}*[+-]${DIGITS})$`;
const DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}([^0-9]|$)';
/** Beyond this a contribution is held (so that no database raises an overflow on absurd cells). */
const HUGE = 1e300;

/** What the SQL needs to know about one column of the leads table. */
interface ColumnUse {
  name: string;
  alias: string;
  text: boolean;
  number: boolean;
  day: boolean;
  truth: boolean;
}

interface Condition {
  column: string;
  operator: string;
  value?: unknown;
}

class SqlBuilder {
  readonly columns = new Map<string, ColumnUse>();
  readonly problems: Problem[] = [];
  constructor(
    readonly d: Dialect,
    readonly headers: readonly string[] | undefined,
  ) {}

  /** The column a model names, as the engine finds it; registers what is read from it. */
  use(column: string, subject: string, what: Partial<Omit<ColumnUse, 'name' | 'alias'>>): ColumnUse {
    let name = column.trim();
    if (this.headers !== undefined) {
      const found = this.headers.find((header) => header.trim().toLowerCase() === name.toLowerCase());
      if (found === undefined) {
        this.problems.push({
          subject,
          field: 'column',
          message: `${subject}: column "${name}" is not in the table (columns: ${this.headers.join(', ')})`,
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
}

/** The model as one SELECT over the table: every row plus score, band, grade and reasons. */
export function modelToSql(input: Model, options: SqlOptions = {}): SqlResult {
  try {
    return buildSql(input, options);
  } catch (error) {
    if (!(error instanceof SqlValueError)) throw error;
    return {
      ok: false,
      problems: [{ subject: 'model', message: `model: ${error.message}; SQL cannot hold it` }],
    };
  }
}

function buildSql(input: Model, options: SqlOptions): SqlResult {
  const parsed = parseModel(input);
  if (!parsed.ok) return parsed;
  const model = parsed.model;
  const dialectName = options.dialect ?? 'postgres';
  const d = DIALECTS[dialectName];
  const b = new SqlBuilder(d, options.headers);
  const asOf = options.asOf ?? model.settings?.asOf;
  const asOfExpr = asOf === undefined ? d.todayDayNumber : d.double(String(dayNumberOfIso(asOf)));
  const num = (x: number) => d.double(String(x));
  const ref = (alias: string) => d.ident(alias);

  // Stage: per rule its contribution after cap and decay, per group a decay factor.
  const ruleStage: [string, string][] = [];
  const decayStage: [string, string][] = [];
  const groupIndex = new Map(model.groups.map((group, index) => [group.name, index]));
  model.groups.forEach((group, index) => {
    if (group.decay === undefined) return;
    const date = b.use(group.decay.dateColumn, `group "${group.name}"`, { day: true });
    const day = ref(`${date.alias}_d`);
    // factor = max(0, (100 − percent × floor(max(0, age) / everyDays)) / 100); no date = no decay.
    const steps = `FLOOR(GREATEST(${ref('__ls_asof')} - ${day}, ${num(0)}) / ${num(group.decay.everyDays)})`;
    decayStage.push([
      `__ls_f${index}`,
      `CASE WHEN ${day} IS NULL THEN ${num(1)} ELSE GREATEST(${num(0)}, (${num(100)} - ${num(group.decay.percent)} * ${steps}) / ${num(100)}) END`,
    ]);
  });

  const contributing: { index: number; group: number }[] = [];
  model.rules.forEach((rule, index) => {
    if (rule.enabled === false) return;
    const subject = `rule "${rule.name}"`;
    const cap = rule.maxPoints === undefined ? Number.MAX_VALUE : Math.abs(rule.maxPoints);
    let raw: string;
    if (rule.operator === 'per') {
      const column = b.use(rule.column, subject, { number: true });
      raw = perContribution(d, ref(`${column.alias}_n`), rule.points, cap);
    } else {
      const test = conditionSql(
        b,
        { column: rule.column, operator: rule.operator, value: rule.value },
        subject,
      );
      raw = `CASE WHEN ${test} THEN ${num(clamp(rule.points, cap))} ELSE ${num(0)} END`;
    }
    const group = groupIndex.get(rule.group)!;
    const decayed = model.groups[group]!.decay === undefined ? raw : `(${raw}) * ${ref(`__ls_f${group}`)}`;
    ruleStage.push([`__ls_r${index}`, decayed]);
    contributing.push({ index, group });
  });
  if (b.problems.length > 0) return { ok: false, problems: b.problems };

  // Stage: group totals in the engine's order ((0 + r1) + r2) …, capped from above, held finite.
  const groupStage: [string, string][] = model.groups.map((group, index) => {
    const parts = contributing
      .filter((rule) => rule.group === index)
      .map((rule) => ref(`__ls_r${rule.index}`));
    const sum = parts.reduce((acc, part) => `(${acc} + ${part})`, num(0));
    const capped = group.maxPoints === undefined ? sum : `LEAST(${sum}, ${num(group.maxPoints)})`;
    return [`__ls_g${index}`, capped];
  });
  const groupSum = (only: (index: number) => boolean) =>
    model.groups.reduce(
      (acc, _group, index) => (only(index) ? `(${acc} + ${ref(`__ls_g${index}`)})` : acc),
      num(0),
    );
  let total = groupSum(() => true);
  if (model.settings?.maxScore !== undefined) total = `LEAST(${total}, ${num(model.settings.maxScore)})`;
  if (model.settings?.minScore !== undefined) total = `GREATEST(${total}, ${num(model.settings.minScore)})`;
  const totalStage: [string, string][] = [
    ['__ls_total', total],
    ['__ls_fit', groupSum((index) => model.groups[index]!.kind === 'fit')],
  ];
  // Rounding in three steps (magnitude × 100, its rounded whole, the result) so each part is computed once.
  const rounded = [
    ['__ls_score', '__ls_total'],
    ['__ls_fitscore', '__ls_fit'],
    ...contributing.map(({ index }) => [`__ls_p${index}`, `__ls_r${index}`]),
  ] as const;
  const hundredths: [string, string][] = rounded.map(([out, x]) => [
    `${out}_h`,
    `ABS(${ref(x)}) * ${num(100)}`,
  ]);
  const wholes: [string, string][] = rounded.map(([out]) => {
    const h = ref(`${out}_h`);
    return [
      `${out}_w`,
      `CASE WHEN ${h} - FLOOR(${h}) >= ${num(0.5)} - ${num(1e-9)} * GREATEST(${num(1)}, ${h}) THEN FLOOR(${h}) + ${num(1)} ELSE FLOOR(${h}) END`,
    ];
  });
  const roundStage: [string, string][] = rounded.map(([out, x]) => [
    out,
    roundSql(ref(x), ref(`${out}_w`), num),
  ]);

  const bandSql = thresholdCase(d, ref('__ls_score'), model.bands);
  const gradeSql =
    model.grades === undefined ? d.nullText : thresholdCase(d, ref('__ls_fitscore'), model.grades);
  const reasonsSql = d.reasons(
    contributing.map(({ index }) => ({
      order: index,
      name: model.rules[index]!.name,
      points: ref(`__ls_p${index}`),
      shown: pointsText(d, ref(`__ls_p${index}`)),
    })),
  );

  const blankValues = blankValuesOf(model);
  const stages: [string, string][][] = [
    [
      ...[...b.columns.values()].map((use): [string, string] => [
        `${use.alias}_raw`,
        rawCell(d, use.name, blankValues),
      ]),
      ['__ls_asof', asOfExpr],
    ],
  ];
  // Parse stages: text (lower-cased), number, date parts, then day number and truth.
  const parse1: [string, string][] = [];
  const parse2: [string, string][] = [];
  for (const use of b.columns.values()) {
    const raw = ref(`${use.alias}_raw`);
    if (use.text) parse1.push([`${use.alias}_t`, d.lower(raw)]);
    if (use.number) parse1.push([`${use.alias}_n`, numberSql(d, raw)]);
    if (use.day) {
      const ok = d.regexMatch(raw, DATE_PATTERN);
      const part = (from: number, length: number) =>
        `CASE WHEN ${ok} THEN CAST(SUBSTR(${raw}, ${from}, ${length}) AS ${d.intType}) END`;
      parse1.push(
        [`${use.alias}_y`, part(1, 4)],
        [`${use.alias}_m`, part(6, 2)],
        [`${use.alias}_dd`, part(9, 2)],
      );
      parse2.push([
        `${use.alias}_d`,
        daySql(d, ref(`${use.alias}_y`), ref(`${use.alias}_m`), ref(`${use.alias}_dd`)),
      ]);
    }
    if (use.truth) parse2.push([`${use.alias}_b`, truthSql(d, ref(`${use.alias}_t`), ref(`${use.alias}_n`))]);
  }
  stages.push(parse1, parse2, decayStage, ruleStage, groupStage, totalStage, hundredths, wholes, roundStage);
  const outputs: [string, string][] = [
    ['score', ref('__ls_score')],
    ['band', bandSql],
    ['grade', gradeSql],
    ['reasons', reasonsSql],
  ];
  const table = options.table ?? 'leads';
  return {
    ok: true,
    sql: d.assemble(
      d.table(table),
      stages.filter((stage) => stage.length > 0),
      outputs,
    ),
  };
}

/** v2's placeholder texts (`settings.blankValues`), lower-cased; none in a v1 model. */
function blankValuesOf(model: Model): string[] {
  const values = (model.settings as { blankValues?: unknown } | undefined)?.blankValues;
  return Array.isArray(values) ? values.map((value) => String(value).trim().toLowerCase()) : [];
}

/** A cell as trimmed text ('' for NULL and, in v2, for a placeholder value). */
function rawCell(d: Dialect, column: string, blankValues: readonly string[]): string {
  const trimmed = d.trim(`COALESCE(CAST(${d.column(column)} AS ${d.textType}), '')`, JS_SPACE);
  if (blankValues.length === 0) return trimmed;
  return `CASE WHEN ${d.lower(trimmed)} IN (${blankValues.map((value) => d.string(value)).join(', ')}) THEN '' ELSE ${trimmed} END`;
}

function clamp(x: number, cap: number): number {
  return Math.min(cap, Math.max(-cap, x));
}

/** points × number, bounded by the rule's cap; absurd magnitudes are held at ±min(cap, 1e300). */
function perContribution(d: Dialect, n: string, points: number, cap: number): string {
  const num = (x: number) => d.double(String(x));
  if (points === 0) return num(0);
  const limit = HUGE / Math.max(1, Math.abs(points));
  const held = Math.min(cap, HUGE);
  return (
    `CASE WHEN ${n} IS NULL THEN ${num(0)} ` +
    `WHEN ABS(${n}) >= ${num(limit)} THEN CASE WHEN ${n} > ${num(0)} THEN ${num(Math.sign(points) * held)} ELSE ${num(-Math.sign(points) * held)} END ` +
    `ELSE LEAST(${num(cap)}, GREATEST(${num(-cap)}, ${num(points)} * ${n})) END`
  );
}

/** The engine's roundScore (2 decimals, half away from zero, with its tolerance for sums a hair off a half),
 *  given the rounded whole number of hundredths of |x|. */
function roundSql(x: string, whole: string, num: (x: number) => string): string {
  return (
    `CASE WHEN NOT (ABS(${x}) < ${num(9e13)}) THEN ${x} WHEN ${whole} = ${num(0)} THEN ${num(0)} ` +
    `WHEN ${x} < ${num(0)} THEN -(${whole} / ${num(100)}) ELSE ${whole} / ${num(100)} END`
  );
}

/** Band (or grade) of a value: the last whose min ≤ value, else the first. */
function thresholdCase(
  d: Dialect,
  value: string,
  bands: readonly { name: string; min: number | null }[],
): string {
  const whens: string[] = [];
  for (let index = bands.length - 1; index > 0; index--) {
    const band = bands[index]!;
    if (band.min === null) continue;
    whens.push(`WHEN ${value} >= ${d.double(String(band.min))} THEN ${d.string(band.name)}`);
  }
  const first = d.string(bands[0]!.name);
  return whens.length === 0 ? first : `CASE ${whens.join(' ')} ELSE ${first} END`;
}

/** `+15`, `−7.5` as formatPoints prints a rounded contribution (JS number text, a real minus sign). */
function pointsText(d: Dialect, p: string): string {
  const magnitude = `CASE WHEN ${p} = FLOOR(${p}) AND ABS(${p}) < ${d.double('1e15')} THEN CAST(CAST(ABS(${p}) AS ${d.bigintType}) AS ${d.textType}) ELSE CAST(ABS(${p}) AS ${d.textType}) END`;
  return `CASE WHEN ${p} > ${d.double('0')} THEN (${d.string('+')} || ${magnitude}) ELSE (${d.string('\u2212')} || ${magnitude}) END`;
}

/** parseNumberText on a trimmed text; NULL when it is not a number. */
function numberSql(d: Dialect, raw: string): string {
  const body = `REPLACE(REPLACE(${d.regexReplace(raw, '^[^0-9.]*', '')}, ',', ''), '%', '')`;
  const magnitude = d.toDouble(body);
  const negative = d.regexMatch(raw, '^[^0-9.]*-');
  const percent = `${d.right1(raw)} = '%'`;
  const signed = `CASE WHEN ${negative} THEN -(${magnitude}) ELSE ${magnitude} END`;
  return `CASE WHEN ${d.regexMatch(raw, NUMBER_PATTERN)} THEN CASE WHEN ${percent} THEN (${signed}) / ${d.double('100')} ELSE ${signed} END END`;
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
  return { text: value.trim().toLowerCase(), number: parseNumberText(value) };
}

/** A condition (a v1 rule's test, or one item of a v2 `when`) as a boolean SQL expression, never NULL. */
function conditionSql(b: SqlBuilder, condition: Condition, subject: string): string {
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
      const test = `${d.strpos(textCol(), d.string(targetOf(value as RuleScalar).text))} > 0`;
      return op === 'contains' ? `(${test})` : `NOT (${test})`;
    }
    case 'contains any': {
      const t = textCol();
      const items = (value as RuleScalar[]).map(
        (item) => `${d.strpos(t, d.string(targetOf(item).text))} > 0`,
      );
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
      const age = `(${d.ident('__ls_asof')} - ${dayCol()})`;
      return `COALESCE(${age} >= ${num(0)} AND ${age} <= ${num(value as number)}, FALSE)`;
    }
    case 'older than days': {
      const age = `(${d.ident('__ls_asof')} - ${dayCol()})`;
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

function dayNumberOfIso(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}
