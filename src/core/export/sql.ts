// The model as one SQL SELECT (Postgres, DuckDB, BigQuery) that gives every row of a table the engine's
// score, band, grade and reasons. The table's columns are text, as a CSV load gives them; the SQL reads
// them by the contract's rules (trim + case-insensitive text, numbers with separators/currency/percent,
// YYYY-MM-DD dates, truth words), in double precision and in the engine's order of operations, so that
// the results are the engine's to the last bit. Model values are escaped literals, names quoted
// identifiers: nothing from a model or a header is spliced into the SQL as code.

import { parseNumberText } from '../cells';
import { OVERRIDE_REASON } from '../engine';
import type { Condition, ConditionNode, ConditionTree, Model, Problem, Rule, RuleScalar } from '../model';
import { parseModel } from '../validate';
import { DIALECTS, type Dialect, type DialectName, type ReasonItem, SqlValueError } from './sqlDialects';

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
  /** v2: the activity table, for event rules (default `activities`). */
  activitiesTable?: string;
  /** v2: the activity table's real column names (as `headers`). */
  activityHeaders?: readonly string[];
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

class SqlBuilder {
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
      const found = this.headers.find((header) => header.trim().toLowerCase() === name.toLowerCase());
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

  /** The stages that read this table's cells: trimmed text, then text/number/date parts, then day and truth. */
  cellStages(blankValues: readonly string[], asOfExpr: string): [string, string][][] {
    const d = this.d;
    const ref = (alias: string) => d.ident(alias);
    const stage0: [string, string][] = [...this.columns.values()].map((use) => [
      `${use.alias}_raw`,
      rawCell(d, this.ref(use.name), blankValues),
    ]);
    stage0.push(['__ls_asof', asOfExpr]);
    const parse1: [string, string][] = [];
    const parse2: [string, string][] = [];
    for (const use of this.columns.values()) {
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
      if (use.truth)
        parse2.push([`${use.alias}_b`, truthSql(d, ref(`${use.alias}_t`), ref(`${use.alias}_n`))]);
    }
    return [stage0, parse1, parse2].filter((stage) => stage.length > 0);
  }
}

/** The model as one SELECT over the table: every row plus score, band, grade and reasons. */
export function modelToSql(input: Model, options: SqlOptions = {}): SqlResult {
  const asOfColumn = asOfColumnOf(input);
  if (asOfColumn !== undefined) {
    // Contract v2 §9 is not in the SQL yet: refuse rather than score every lead as of one day.
    return {
      ok: false,
      problems: [
        {
          subject: 'settings',
          field: 'asOfColumn',
          message: `settings: as-of column not yet supported in SQL export (the model judges each lead as of its "${asOfColumn}"); remove the setting to export SQL that scores every lead as of one day`,
        },
      ],
    };
  }
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
  const d = DIALECTS[options.dialect ?? 'postgres'];
  const problems: Problem[] = [];
  const b = new SqlBuilder(d, options.headers, d.column, problems);
  const blankValues = (model.settings?.blankValues ?? []).map((value) => value.trim().toLowerCase());
  const asOf = options.asOf ?? model.settings?.asOf;
  const asOfExpr = asOf === undefined ? d.todayDayNumber : d.double(String(dayNumberOfIso(asOf)));
  const num = (x: number) => d.double(String(x));
  const ref = (alias: string) => d.ident(alias);
  const groupIndex = new Map(model.groups.map((group, index) => [group.name, index]));

  // Event rules: one aggregate per rule over the activity table, joined to the leads by key.
  const eventRules = model.rules
    .map((rule, index) => ({ rule, index }))
    .filter(({ rule }) => rule.enabled !== false && rule.event !== undefined);
  let eventJoin: string | undefined;
  if (eventRules.length > 0 && model.activities) {
    eventJoin = eventJoinSql(d, model, eventRules, blankValues, asOfExpr, options, problems);
  }

  // Per group a decay factor; per rule its contribution after cap, decay and weight.
  const decayStage: [string, string][] = [];
  model.groups.forEach((group, index) => {
    if (group.decay === undefined) return;
    const date = b.use(group.decay.dateColumn, `group "${group.name}"`, { day: true });
    const day = ref(`${date.alias}_d`);
    decayStage.push([
      `__ls_f${index}`,
      `CASE WHEN ${day} IS NULL THEN ${num(1)} ELSE ${decayFactorSql(d, group.decay, `(${ref('__ls_asof')} - ${day})`)} END`,
    ]);
  });

  const ruleStage: [string, string][] = [];
  const contributing: { index: number; group: number }[] = [];
  model.rules.forEach((rule, index) => {
    if (rule.enabled === false) return;
    const subject = `rule "${rule.name}"`;
    const cap = rule.maxPoints === undefined ? Number.MAX_VALUE : Math.abs(rule.maxPoints);
    const group = groupIndex.get(rule.group)!;
    const weight = model.groups[group]!.weight ?? 1;
    const scale = Math.max(1, Math.abs(weight));
    let raw: string;
    let decays = true;
    if (rule.event !== undefined) {
      decays = false;
      const count = ref(`__ls_e${index}_n`);
      if (rule.operator === 'per') {
        raw = `LEAST(${num(cap)}, GREATEST(${num(-cap)}, ${num(rule.points)} * ${ref(`__ls_e${index}_s`)}))`;
      } else {
        raw = `CASE WHEN ${countTestSql(d, rule.operator ?? 'per', rule.value, count)} THEN ${num(clamp(rule.points, cap))} ELSE ${num(0)} END`;
      }
    } else if (rule.when !== undefined) {
      raw = `CASE WHEN ${treeSql(b, rule.when, subject)} THEN ${num(clamp(rule.points, cap))} ELSE ${num(0)} END`;
    } else if (rule.operator === 'per') {
      const column = b.use(rule.column!, subject, { number: true });
      raw = perContribution(d, ref(`${column.alias}_n`), rule.points, cap, scale);
    } else {
      const test = conditionSql(
        b,
        { column: rule.column!, operator: rule.operator!, value: rule.value },
        subject,
      );
      raw = `CASE WHEN ${test} THEN ${num(clamp(rule.points, cap))} ELSE ${num(0)} END`;
    }
    const decayed =
      decays && model.groups[group]!.decay !== undefined ? `(${raw}) * ${ref(`__ls_f${group}`)}` : raw;
    ruleStage.push([`__ls_q${index}`, weight === 1 ? decayed : `(${decayed}) * ${num(weight)}`]);
    contributing.push({ index, group });
  });

  // Tiers (match "first"): only the first non-zero contribution of the group, in model order, counts.
  const tierStage: [string, string][] = contributing.map(({ index, group }) => {
    const q = ref(`__ls_q${index}`);
    if (model.groups[group]!.match !== 'first') return [`__ls_r${index}`, q];
    const earlier = contributing.filter((other) => other.group === group && other.index < index);
    if (earlier.length === 0) return [`__ls_r${index}`, q];
    const none = earlier.map((other) => `${ref(`__ls_q${other.index}`)} = ${num(0)}`).join(' AND ');
    return [`__ls_r${index}`, `CASE WHEN ${none} THEN ${q} ELSE ${num(0)} END`];
  });

  const overrideName = model.settings?.overrideColumn;
  const override = overrideName === undefined ? undefined : b.use(overrideName, 'settings', { number: true });
  if (problems.length > 0) return { ok: false, problems };

  // Group totals in the engine's order ((0 + r1) + r2) …, capped from above.
  const groupStage: [string, string][] = model.groups.map((group, index) => {
    const parts = contributing
      .filter((rule) => rule.group === index)
      .map((rule) => ref(`__ls_r${rule.index}`));
    const sum = parts.reduce((acc, part) => `(${acc} + ${part})`, num(0));
    return [`__ls_g${index}`, group.maxPoints === undefined ? sum : `LEAST(${sum}, ${num(group.maxPoints)})`];
  });
  const groupSum = (only: (index: number) => boolean) =>
    model.groups.reduce(
      (acc, _group, index) => (only(index) ? `(${acc} + ${ref(`__ls_g${index}`)})` : acc),
      num(0),
    );
  const minScore = model.settings?.minScore;
  const maxScore = model.settings?.maxScore;
  const bound = (x: string) => {
    let bounded = x;
    if (maxScore !== undefined) bounded = `LEAST(${bounded}, ${num(maxScore)})`;
    if (minScore !== undefined) bounded = `GREATEST(${bounded}, ${num(minScore)})`;
    return bounded;
  };
  const boundStage: [string, string][] = [
    ['__ls_model', bound(groupSum(() => true))],
    ['__ls_fit', groupSum((index) => model.groups[index]!.kind === 'fit')],
  ];
  // LEAST and GREATEST skip NULLs: an override that is no number must stay NULL.
  if (override) {
    const n = ref(`${override.alias}_n`);
    boundStage.push(['__ls_over', `CASE WHEN ${n} IS NOT NULL THEN ${bound(n)} END`]);
  }

  // Rounding in three steps (|x| × 100, its rounded whole, the result) so each part is computed once.
  const rounded: (readonly [string, string])[] = [
    ['__ls_modelr', '__ls_model'],
    ['__ls_fitscore', '__ls_fit'],
    ...contributing.map(({ index }) => [`__ls_p${index}`, `__ls_r${index}`] as const),
  ];
  if (override) rounded.push(['__ls_overr', '__ls_over']);
  const hundredths: [string, string][] = rounded.map(([out, x]) => [
    `${out}_h`,
    `ABS(${ref(x)}) * ${num(100)}`,
  ]);
  const wholes: [string, string][] = rounded.map(([out]) => {
    const h = ref(`${out}_h`);
    return [
      `${out}_w`,
      `CASE WHEN ${h} - FLOOR(${h}) >= (${num(0.5)} - ${num(1e-9)}) - ${num(RELATIVE_TOLERANCE)} * ${h} THEN FLOOR(${h}) + ${num(1)} ELSE FLOOR(${h}) END`,
    ];
  });
  const roundStage: [string, string][] = rounded.map(([out, x]) => [
    out,
    roundSql(ref(x), ref(`${out}_w`), num),
  ]);
  // boundScore: a rounded score may not pass the bounds (a max of 99.999 gives 99.99).
  const fixed = (r: string, bounded: string) => {
    const whens: string[] = [];
    if (maxScore !== undefined) {
      const below = Math.floor(maxScore * 100) / 100;
      const min = minScore ?? Number.NEGATIVE_INFINITY;
      whens.push(`WHEN ${r} > ${num(maxScore)} THEN ${below >= min ? num(below) : bounded}`);
    }
    if (minScore !== undefined) {
      const above = Math.ceil(minScore * 100) / 100;
      const max = maxScore ?? Number.POSITIVE_INFINITY;
      whens.push(`WHEN ${r} < ${num(minScore)} THEN ${above <= max ? num(above) : bounded}`);
    }
    return whens.length === 0 ? r : `CASE ${whens.join(' ')} ELSE ${r} END`;
  };
  const modelScore = fixed(ref('__ls_modelr'), ref('__ls_model'));
  const scoreStage: [string, string][] = [['__ls_modelscore', modelScore]];
  if (override) scoreStage.push(['__ls_overscore', fixed(ref('__ls_overr'), ref('__ls_over'))]);
  const finalStage: [string, string][] = [
    [
      '__ls_score',
      override
        ? `CASE WHEN ${ref('__ls_over')} IS NULL THEN ${ref('__ls_modelscore')} ELSE ${ref('__ls_overscore')} END`
        : ref('__ls_modelscore'),
    ],
  ];

  const bandSql = thresholdCase(d, ref('__ls_score'), model.bands);
  const gradeSql =
    model.grades === undefined ? d.nullText : thresholdCase(d, ref('__ls_fitscore'), model.grades);
  const items: ReasonItem[] = contributing.map(({ index }) => ({
    order: index,
    first: false,
    points: ref(`__ls_p${index}`),
    include: `${ref(`__ls_p${index}`)} <> ${num(0)}`,
    text: `${d.string(`${model.rules[index]!.name} `)} || ${pointsText(d, ref(`__ls_p${index}`))}`,
  }));
  if (override) {
    items.unshift({
      order: -1,
      first: true,
      points: num(0),
      include: `${ref('__ls_over')} IS NOT NULL`,
      text: `${d.string(`${OVERRIDE_REASON} `)} || ${numberText(d, ref('__ls_score'))} || ${d.string(' (model ')} || ${numberText(d, ref('__ls_modelscore'))} || ${d.string(')')}`,
    });
  }
  const outputs: [string, string][] = [
    ['score', ref('__ls_score')],
    ['band', bandSql],
    ['grade', gradeSql],
    ['reasons', d.reasons(items)],
  ];
  const stages = [
    ...b.cellStages(blankValues, asOfExpr),
    decayStage,
    ruleStage,
    tierStage,
    groupStage,
    boundStage,
    hundredths,
    wholes,
    roundStage,
    scoreStage,
    finalStage,
  ];
  if (eventJoin !== undefined) {
    // The events' counts and sums enter the first stage (0 for a lead without events).
    stages[0] = [
      ...stages[0]!,
      ...eventRules.flatMap(({ index }): [string, string][] => [
        [`__ls_e${index}_n`, `COALESCE(ev.${ref(`__ls_e${index}_n`)}, ${num(0)})`],
        [`__ls_e${index}_s`, `COALESCE(ev.${ref(`__ls_e${index}_s`)}, ${num(0)})`],
      ]),
    ];
  }
  const table = options.table ?? 'leads';
  return {
    ok: true,
    sql: d.assemble(
      d.table(table),
      eventJoin,
      stages.filter((stage) => stage.length > 0),
      outputs,
    ),
  };
}

/** The engine's roundScore tolerance relative to the size of the value (rounding.ts). */
const RELATIVE_TOLERANCE = 64 * Number.EPSILON;

/** `max(0, (100 − percent × floor(max(0, age) / everyDays)) / 100)`; 1 when percent is 0. */
function decayFactorSql(d: Dialect, decay: { percent: number; everyDays: number }, age: string): string {
  const num = (x: number) => d.double(String(x));
  if (!(decay.percent > 0)) return num(1);
  const steps = `FLOOR(GREATEST(${age}, ${num(0)}) / ${num(decay.everyDays)})`;
  return `GREATEST(${num(0)}, (${num(100)} - ${num(decay.percent)} * ${steps}) / ${num(100)})`;
}

function countTestSql(d: Dialect, operator: string, value: unknown, count: string): string {
  const num = (x: number) => d.double(String(x));
  switch (operator) {
    case '>':
    case '>=':
    case '<':
    case '<=':
      return `${count} ${operator} ${num(value as number)}`;
    case 'equals':
      return `${count} = ${num(value as number)}`;
    case 'not equals':
      return `${count} <> ${num(value as number)}`;
    case 'between': {
      const [min, max] = value as [number, number];
      return `(${count} >= ${num(min)} AND ${count} <= ${num(max)})`;
    }
    default:
      return `${count} <> ${num(0)}`;
  }
}

/** The LEFT JOIN of per-lead event counts and (decayed) sums, one pair per event rule. */
function eventJoinSql(
  d: Dialect,
  model: Model,
  eventRules: readonly { rule: Rule; index: number }[],
  blankValues: readonly string[],
  asOfExpr: string,
  options: SqlOptions,
  problems: Problem[],
): string {
  const activities = model.activities!;
  const a = new SqlBuilder(
    d,
    options.activityHeaders,
    (name) => `a.${d.ident(name)}`,
    problems,
    'the activity table',
  );
  const num = (x: number) => d.double(String(x));
  const ref = (alias: string) => d.ident(alias);
  const key = a.use(activities.activityKey, 'activities', { text: true });
  const type = a.use(activities.typeColumn, 'activities', { text: true });
  const date = a.use(activities.dateColumn, 'activities', { day: true });
  const age = `(${ref('__ls_asof')} - ${ref(`${date.alias}_d`)})`;
  const aggregates: string[] = [];
  for (const { rule, index } of eventRules) {
    const subject = `rule "${rule.name}"`;
    const types = (typeof rule.event === 'string' ? [rule.event] : (rule.event ?? [])).map((t) =>
      d.string(t.trim().toLowerCase()),
    );
    const tests = [`${ref(`${type.alias}_t`)} IN (${[...new Set(types)].join(', ')})`];
    if (rule.withinDays !== undefined) tests.push(`${age} <= ${num(rule.withinDays)}`);
    if (rule.where !== undefined) tests.push(treeSql(a, rule.where, subject));
    const counted = tests.join(' AND ');
    const decay = model.groups.find((group) => group.name === rule.group)?.decay;
    const factor = rule.operator === 'per' && decay !== undefined ? decayFactorSql(d, decay, age) : num(1);
    aggregates.push(
      `SUM(CASE WHEN ${counted} THEN ${num(1)} ELSE ${num(0)} END) AS ${ref(`__ls_e${index}_n`)}`,
      `SUM(CASE WHEN ${counted} THEN ${factor} ELSE ${num(0)} END) AS ${ref(`__ls_e${index}_s`)}`,
    );
  }
  const keyText = ref(`${key.alias}_t`);
  const usable = `${keyText} <> '' AND ${ref(`${type.alias}_t`)} <> '' AND ${ref(`${date.alias}_d`)} IS NOT NULL AND ${age} >= ${num(0)}`;
  const parsed = d.nest(
    `${d.table(options.activitiesTable ?? 'activities')} AS a`,
    a.cellStages(blankValues, asOfExpr),
  );
  const indent = (text: string) => text.replace(/\n/g, '\n  ');
  const events = [
    `SELECT ${keyText} AS ${ref('__ls_key')},`,
    `  ${aggregates.join(',\n  ')}`,
    `FROM (\n  ${indent(parsed)}\n) AS ap`,
    `WHERE ${usable}`,
    `GROUP BY ${keyText}`,
  ].join('\n');
  // The lead's key read as v1 text, with blank values, exactly as the activity key is.
  const leadKey = d.lower(rawCell(d, d.column(activities.leadKey.trim()), blankValues));
  const leadKeyName = options.headers?.find(
    (h) => h.trim().toLowerCase() === activities.leadKey.trim().toLowerCase(),
  );
  if (options.headers !== undefined && leadKeyName === undefined) {
    problems.push({
      subject: 'activities',
      field: 'leadKey',
      message: `activities: lead key column "${activities.leadKey}" is not in the table (columns: ${options.headers.join(', ')})`,
    });
  }
  const leadKeyExpr =
    leadKeyName === undefined ? leadKey : d.lower(rawCell(d, d.column(leadKeyName), blankValues));
  return `LEFT JOIN (\n  ${indent(events)}\n) AS ev ON ev.${ref('__ls_key')} = ${leadKeyExpr}`;
}

/** A condition tree (v2 `when` / `where`) as one boolean expression. */
function treeSql(b: SqlBuilder, tree: ConditionTree, subject: string): string {
  const all = 'all' in tree;
  const items = all ? (tree as { all: ConditionNode[] }).all : (tree as { any: ConditionNode[] }).any;
  const parts = items.map((node) =>
    'all' in node || 'any' in node
      ? treeSql(b, node as ConditionTree, subject)
      : conditionSql(b, node as Condition, subject),
  );
  return `(${parts.join(all ? ' AND ' : ' OR ')})`;
}

/** formatNumber: `1,234.5`, `−75`, thousands grouped, the minus sign U+2212. */
function numberText(d: Dialect, x: string): string {
  const whole = `CAST(CAST(FLOOR(ABS(${x})) AS ${d.bigintType}) AS ${d.textType})`;
  const grouped = groupDigits(d, whole);
  const fraction = `CASE WHEN ABS(${x}) = FLOOR(ABS(${x})) THEN '' ELSE ${d.string('.')} || ${d.afterDot(`CAST(ABS(${x}) AS ${d.textType})`)} END`;
  return `(CASE WHEN ${x} < ${d.double('0')} THEN ${d.string('\u2212')} ELSE '' END || ${grouped} || ${fraction})`;
}

function groupDigits(d: Dialect, digits: string): string {
  const length = `LENGTH(${digits})`;
  const cases: string[] = [];
  for (let groups = 5; groups >= 1; groups--) {
    const pieces = [`SUBSTR(${digits}, 1, ${length} - ${groups * 3})`];
    for (let g = groups; g >= 1; g--) pieces.push(`SUBSTR(${digits}, ${length} - ${g * 3 - 1}, 3)`);
    cases.push(`WHEN ${length} > ${groups * 3} THEN ${pieces.join(` || ${d.string(',')} || `)}`);
  }
  return `CASE ${cases.join(' ')} ELSE ${digits} END`;
}

/** A cell as trimmed text ('' for NULL and for a v2 placeholder value such as `n/a`). */
function rawCell(d: Dialect, column: string, blankValues: readonly string[]): string {
  const trimmed = d.trim(`COALESCE(CAST(${column} AS ${d.textType}), '')`, JS_SPACE);
  if (blankValues.length === 0) return trimmed;
  return `CASE WHEN ${d.lower(trimmed)} IN (${[...new Set(blankValues)].map((value) => d.string(value)).join(', ')}) THEN '' ELSE ${trimmed} END`;
}

function clamp(x: number, cap: number): number {
  return Math.min(cap, Math.max(-cap, x));
}

/** points × number, bounded by the rule's cap; absurd magnitudes are held at ±min(cap, 1e300 / weight). */
function perContribution(d: Dialect, n: string, points: number, cap: number, scale: number): string {
  const num = (x: number) => d.double(String(x));
  if (points === 0) return num(0);
  const limit = HUGE / scale / Math.max(1, Math.abs(points));
  const held = Math.min(cap, HUGE / scale);
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

/** A valid model's settings.asOfColumn, if it has one. */
function asOfColumnOf(input: Model): string | undefined {
  const parsed = parseModel(input);
  return parsed.ok ? parsed.model.settings?.asOfColumn : undefined;
}
