// The model as one SQL SELECT (Postgres, DuckDB, BigQuery) that gives every row of a table the engine's
// score, band, grade and reasons. The table's columns are text, as a CSV load gives them; the SQL reads
// them by the contract's rules (trim + case-insensitive text, numbers with separators/currency/percent,
// YYYY-MM-DD dates, truth words), in double precision and in the engine's order of operations, so that
// the results are the engine's to the last bit. Model values are escaped literals, names quoted
// identifiers: nothing from a model or a header is spliced into the SQL as code.

import { foldCase } from '../cells';
import { finite, groupCapNote, OVERRIDE_REASON } from '../engine';
import type { Model, Problem, Rule } from '../model';
import { roundScore } from '../rounding';
import { parseModel } from '../validate';
import { AS_OF, ageSql, conditionSql, dayNumberOfIso, rawCell, SqlBuilder, treeSql } from './sqlCells';
import { DIALECTS, type Dialect, type DialectName, SqlValueError } from './sqlDialects';
import {
  finiteSql,
  magnitudeTextStages,
  num,
  numberTextStages,
  overConstant,
  roundStages,
  timesConstant,
  timesFactor,
} from './sqlNumbers';
import { makesShownTextsOnly, type ReasonItem, reasonsSql } from './sqlReasons';

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
  const d = DIALECTS[options.dialect ?? 'postgres'];
  const problems: Problem[] = [];
  const b = new SqlBuilder(d, options.headers, d.column, problems);
  const blankValues = (model.settings?.blankValues ?? []).map((value) => foldCase(value.trim()));
  const asOf = options.asOf ?? model.settings?.asOf;
  const asOfExpr = asOf === undefined ? d.todayDayNumber : num(d, dayNumberOfIso(asOf));
  const n = (x: number) => num(d, x);
  const ref = (alias: string) => d.ident(alias);
  const groupIndex = new Map(model.groups.map((group, index) => [group.name, index]));
  // v2 §9: each lead is judged as of its own day when its as-of cell holds one.
  const asOfColumnName = model.settings?.asOfColumn;
  const leadAsOf =
    asOfColumnName === undefined ? undefined : b.use(asOfColumnName, 'settings', { day: true });

  // Event rules: one aggregate per rule over the activity table, joined to the leads by key.
  const eventRules = model.rules
    .map((rule, index) => ({ rule, index }))
    .filter(({ rule }) => rule.enabled !== false && rule.event !== undefined);
  let eventJoin: string | undefined;
  if (eventRules.length > 0 && model.activities) {
    eventJoin = eventJoinSql(d, model, eventRules, blankValues, asOfExpr, leadAsOf?.name, options, problems);
  }

  // Per group a decay factor; per rule its contribution (after its cap), then after decay and weight.
  const decayStage: [string, string][] = [];
  model.groups.forEach((group, index) => {
    if (group.decay === undefined) return;
    const date = b.use(group.decay.dateColumn, `group "${group.name}"`, { day: true });
    const day = ref(`${date.alias}_d`);
    decayStage.push([
      `__ls_f${index}`,
      `CASE WHEN ${day} IS NULL THEN ${n(1)} ELSE ${decayFactorSql(d, group.decay, ageSql(d, day))} END`,
    ]);
  });

  const rawStage: [string, string][] = [];
  const ruleStage: [string, string][] = [];
  // A rule whose contribution is 0 or one number known here (a test, no decay, no events): its rounded
  // points and reason text are that number's, computed here once instead of in every row.
  const contributing: { index: number; group: number; constant?: number }[] = [];
  model.rules.forEach((rule, index) => {
    if (rule.enabled === false) return;
    const subject = `rule "${rule.name}"`;
    const cap = rule.maxPoints === undefined ? Number.MAX_VALUE : Math.abs(rule.maxPoints);
    const group = groupIndex.get(rule.group)!;
    const weight = model.groups[group]!.weight ?? 1;
    const clamped = (x: string) => `LEAST(${n(cap)}, GREATEST(${n(-cap)}, ${x}))`;
    const overflow = (positive: boolean) => n(positive ? cap : -cap);
    let raw: string;
    let decays = true;
    if (rule.event !== undefined) {
      decays = false;
      const count = ref(`__ls_e${index}_n`);
      if (rule.operator === 'per') {
        raw = clamped(timesConstant(d, ref(`__ls_e${index}_s`), rule.points, overflow));
      } else {
        raw = `CASE WHEN ${countTestSql(d, rule.operator ?? 'per', rule.value, count)} THEN ${n(clamp(rule.points, cap))} ELSE ${n(0)} END`;
      }
    } else if (rule.when !== undefined) {
      raw = `CASE WHEN ${treeSql(b, rule.when, subject)} THEN ${n(clamp(rule.points, cap))} ELSE ${n(0)} END`;
    } else if (rule.operator === 'per') {
      const column = ref(`${b.use(rule.column!, subject, { number: true }).alias}_n`);
      raw = `CASE WHEN ${column} IS NULL THEN ${n(0)} ELSE ${clamped(timesConstant(d, column, rule.points, overflow))} END`;
    } else {
      const test = conditionSql(
        b,
        { column: rule.column!, operator: rule.operator!, value: rule.value },
        subject,
      );
      raw = `CASE WHEN ${test} THEN ${n(clamp(rule.points, cap))} ELSE ${n(0)} END`;
    }
    rawStage.push([`__ls_a${index}`, raw]);
    const a = ref(`__ls_a${index}`);
    const decayed =
      decays && model.groups[group]!.decay !== undefined ? timesFactor(d, a, ref(`__ls_f${group}`)) : a;
    // The engine: finite(points × weight).
    const weighted =
      weight === 1
        ? decayed
        : finiteSql(
            d,
            timesConstant(d, `(${decayed})`, weight, (positive) =>
              n(positive ? Number.MAX_VALUE : -Number.MAX_VALUE),
            ),
          );
    ruleStage.push([`__ls_q${index}`, weighted]);
    const fixed =
      rule.event === undefined &&
      (rule.when !== undefined || rule.operator !== 'per') &&
      model.groups[group]!.decay === undefined;
    const points = clamp(rule.points, cap);
    // The engine's finite(points × weight), as the SQL above computes it.
    const constant = fixed ? roundScore(weight === 1 ? points : finite(points * weight)) : undefined;
    contributing.push({ index, group, ...(constant === undefined ? {} : { constant }) });
  });

  // Tiers (match "first"): only the first non-zero contribution of the group, in model order, counts.
  const tierStage: [string, string][] = contributing.map(({ index, group }) => {
    const q = ref(`__ls_q${index}`);
    if (model.groups[group]!.match !== 'first') return [`__ls_r${index}`, q];
    const earlier = contributing.filter((other) => other.group === group && other.index < index);
    if (earlier.length === 0) return [`__ls_r${index}`, q];
    const none = earlier.map((other) => `${ref(`__ls_q${other.index}`)} = ${n(0)}`).join(' AND ');
    return [`__ls_r${index}`, `CASE WHEN ${none} THEN ${q} ELSE ${n(0)} END`];
  });

  const overrideName = model.settings?.overrideColumn;
  const override = overrideName === undefined ? undefined : b.use(overrideName, 'settings', { number: true });
  if (problems.length > 0) return { ok: false, problems };

  // Group totals in the engine's order ((0 + r1) + r2) …, capped from above, then finite().
  const scaledStage: [string, string][] = [];
  // Whether a group went over its cap: its reasons say so (formatReason's note).
  const cutStage: [string, string][] = [];
  const groupStage: [string, string][] = model.groups.map((group, index) => {
    const members = contributing.filter((rule) => rule.group === index);
    const k = sumScale(members.length);
    if (d.strictFloat)
      for (const { index: rule } of members)
        scaledStage.push([`__ls_r${rule}_k`, scaledTerm(d, ref(`__ls_r${rule}`), k)]);
    const sum = sumSql(
      d,
      members.map((rule) => ref(`__ls_r${rule.index}`)),
      members.map((rule) => ref(`__ls_r${rule.index}_k`)),
    );
    if (group.maxPoints !== undefined && members.length > 0)
      cutStage.push([`__ls_cut${index}`, `(${finiteSql(d, sum)} > ${n(group.maxPoints)})`]);
    return [
      `__ls_g${index}`,
      finiteSql(d, group.maxPoints === undefined ? sum : `LEAST(${sum}, ${n(group.maxPoints)})`),
    ];
  });
  const groupSum = (only: (index: number) => boolean) => {
    const members = model.groups.flatMap((_group, index) => (only(index) ? [ref(`__ls_g${index}`)] : []));
    const k = sumScale(members.length);
    return finiteSql(
      d,
      sumSql(
        d,
        members,
        members.map((member) => `(${scaledTerm(d, member, k)})`),
      ),
    );
  };
  const minScore = model.settings?.minScore;
  const maxScore = model.settings?.maxScore;
  const bound = (x: string) => {
    let bounded = x;
    if (maxScore !== undefined) bounded = `LEAST(${bounded}, ${n(maxScore)})`;
    if (minScore !== undefined) bounded = `GREATEST(${bounded}, ${n(minScore)})`;
    return bounded;
  };
  const boundStage: [string, string][] = [
    ['__ls_model', bound(groupSum(() => true))],
    ['__ls_fit', groupSum((index) => model.groups[index]!.kind === 'fit')],
  ];
  // v2 §10: the engagement score (the engagement groups' totals, as the fit score), only for levels.
  const levels = model.engagementLevels;
  if (levels !== undefined)
    boundStage.push(['__ls_eng', groupSum((index) => model.groups[index]!.kind === 'engagement')]);
  // LEAST and GREATEST skip NULLs: an override that is no number must stay NULL.
  if (override) {
    const over = ref(`${override.alias}_n`);
    boundStage.push(['__ls_over', `CASE WHEN ${over} IS NOT NULL THEN ${bound(over)} END`]);
  }

  // roundScore of the score, the fit score, each contribution and the override, side by side.
  const rounded: (readonly [string, string])[] = [
    ['__ls_modelr', '__ls_model'],
    ['__ls_fitscore', '__ls_fit'],
    ...contributing.flatMap(({ index, constant }) =>
      constant === undefined ? [[`__ls_p${index}`, `__ls_r${index}`] as const] : [],
    ),
  ];
  if (override) rounded.push(['__ls_overr', '__ls_over']);
  if (levels !== undefined) rounded.push(['__ls_engscore', '__ls_eng']);
  const roundingStages: [string, string][][] = [];
  for (const [out, x] of rounded) {
    roundStages(d, out, ref(x)).forEach((stage, index) => {
      roundingStages[index] = [...(roundingStages[index] ?? []), ...stage];
    });
  }
  // boundScore: a rounded score may not pass the bounds (a max of 99.999 gives 99.99).
  const fixed = (r: string, bounded: string) => {
    const whens: string[] = [];
    if (maxScore !== undefined) {
      const below = Math.floor(maxScore * 100) / 100;
      const min = minScore ?? Number.NEGATIVE_INFINITY;
      whens.push(`WHEN ${r} > ${n(maxScore)} THEN ${below >= min ? n(below) : bounded}`);
    }
    if (minScore !== undefined) {
      const above = Math.ceil(minScore * 100) / 100;
      const max = maxScore ?? Number.POSITIVE_INFINITY;
      whens.push(`WHEN ${r} < ${n(minScore)} THEN ${above <= max ? n(above) : bounded}`);
    }
    return whens.length === 0 ? r : `CASE ${whens.join(' ')} ELSE ${r} END`;
  };
  const modelScore = fixed(ref('__ls_modelr'), ref('__ls_model'));
  const scoreStage: [string, string][] = [['__ls_modelscore', modelScore]];
  for (const { index, constant } of contributing)
    if (constant !== undefined)
      scoreStage.push([
        `__ls_p${index}`,
        constant === 0
          ? n(0)
          : `CASE WHEN ${ref(`__ls_r${index}`)} = ${n(0)} THEN ${n(0)} ELSE ${n(constant)} END`,
      ]);
  if (override) scoreStage.push(['__ls_overscore', fixed(ref('__ls_overr'), ref('__ls_over'))]);
  const finalStage: [string, string][] = [
    [
      '__ls_score',
      override
        ? `CASE WHEN ${ref('__ls_over')} IS NULL THEN ${ref('__ls_modelscore')} ELSE ${ref('__ls_overscore')} END`
        : ref('__ls_modelscore'),
    ],
  ];
  // Reasons print each contribution as formatPoints does, the override two numbers as formatNumber does,
  // at any size (1e19 is 10,000,000,000,000,000,000).
  const textStages: [string, string][][] = [];
  const addStages = (more: [string, string][][]) =>
    more.forEach((stage, index) => {
      textStages[index] = [...(textStages[index] ?? []), ...stage];
    });
  // (DuckDB makes the shown texts only, after sorting: no text columns.)
  if (!makesShownTextsOnly(d))
    for (const { index, constant } of contributing)
      if (constant === undefined)
        addStages(magnitudeTextStages(d, `__ls_p${index}_x`, ref(`__ls_p${index}`)));
  if (override) {
    addStages(numberTextStages(d, '__ls_scoretext', ref('__ls_score')));
    addStages(numberTextStages(d, '__ls_modeltext', ref('__ls_modelscore')));
  }

  const bandSql = thresholdCase(d, ref('__ls_score'), model.bands);
  const gradeSql =
    model.grades === undefined ? d.nullText : thresholdCase(d, ref('__ls_fitscore'), model.grades);
  const items: ReasonItem[] = contributing.map(({ index, group, constant }) => {
    const p = ref(`__ls_p${index}`);
    const cap = model.groups[group]!.maxPoints;
    return {
      order: index,
      first: false,
      points: constant === undefined ? p : n(constant),
      include: `${p} <> ${n(0)}`,
      label: `${model.rules[index]!.name} `,
      ...(constant === undefined ? { magnitude: ref(`__ls_p${index}_x`) } : { constant }),
      ...(cap === undefined ? {} : { note: { when: ref(`__ls_cut${group}`), text: groupCapNote(cap) } }),
    };
  });
  if (override) {
    items.unshift({
      order: -1,
      first: true,
      points: n(0),
      include: `${ref('__ls_over')} IS NOT NULL`,
      label: '',
      text: `${d.string(`${OVERRIDE_REASON} `)} || ${ref('__ls_scoretext')} || ${d.string(' (model ')} || ${ref('__ls_modeltext')} || ${d.string(')')}`,
    });
  }
  const outputs: [string, string][] = [
    ['score', ref('__ls_score')],
    ['band', bandSql],
    ['grade', gradeSql],
    // v2 §10: the engagement level and the cell (grade + level), only for a model with levels.
    ...cellOutputs(
      d,
      levels === undefined ? undefined : thresholdCase(d, ref('__ls_engscore'), levels),
      model,
    ),
    ['reasons', reasonsSql(d, items)],
  ];
  const stages = [
    ...b.cellStages(blankValues, asOfExpr, leadAsOf),
    decayStage,
    rawStage,
    ruleStage,
    tierStage,
    scaledStage,
    [...groupStage, ...cutStage],
    boundStage,
    ...roundingStages,
    scoreStage,
    finalStage,
    ...textStages,
  ];
  if (eventJoin !== undefined) {
    // The events' counts and sums enter the first stage (0 for a lead without events).
    stages[0] = [
      ...stages[0]!,
      ...eventRules.flatMap(({ index }): [string, string][] => [
        [`__ls_e${index}_n`, `COALESCE(ev.${ref(`__ls_e${index}_n`)}, ${n(0)})`],
        [`__ls_e${index}_s`, `COALESCE(ev.${ref(`__ls_e${index}_s`)}, ${n(0)})`],
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

/** `max(0, (100 − percent × floor(max(0, age) / everyDays)) / 100)`; 1 when percent is 0. */
/** decayFactorOf: `max(0, (100 − percent × floor(max(0, age) / everyDays)) / 100)`; 1 when percent is 0.
 *  A step count or product beyond the largest double is Infinity in the engine: the factor is then 0. */
function decayFactorSql(d: Dialect, decay: { percent: number; everyDays: number }, age: string): string {
  const n = (x: number) => num(d, x);
  if (!(decay.percent > 0)) return n(1);
  const steps = `FLOOR(${overConstant(d, `GREATEST(${age}, ${n(0)})`, decay.everyDays, d.infinity(false))})`;
  const taken = timesConstant(d, steps, decay.percent, () => d.infinity(false));
  return `GREATEST(${n(0)}, (${n(100)} - ${taken}) / ${n(100)})`;
}

/** How far the terms of a sum are scaled down in its overflow check: 2^-k with n terms never overflows. */
function sumScale(count: number): number {
  return Math.ceil(Math.log2(count + 1)) + 1;
}

/** A term of a sum scaled by 2^-k for its overflow check (terms below 1 cannot matter there). */
function scaledTerm(d: Dialect, term: string, k: number): string {
  return `CASE WHEN ABS(${term}) < ${num(d, 1)} THEN ${num(d, 0)} ELSE ${term} * ${num(d, 2 ** -k)} END`;
}

/**
 * ((0 + a) + b) + … as the engine adds: Infinity once a partial sum passes the largest double (and it stays
 * Infinity). Where an overflow raises an error, terms from 2^1015 up send the sum through a check of its
 * partial sums taken scaled by 2^-k (`scaled`, columns), exact because binary scaling commutes with rounding.
 */
function sumSql(d: Dialect, parts: readonly string[], scaled: readonly string[]): string {
  const plain = parts.reduce((acc, part) => `(${acc} + ${part})`, num(d, 0));
  if (!d.strictFloat || parts.length === 0) return plain;
  const k = sumScale(parts.length);
  const huge = parts.map((part) => `ABS(${part}) >= ${num(d, 2 ** 1015)}`).join(' OR ');
  const checks: string[] = [];
  let partial = num(d, 0);
  for (const term of scaled) {
    partial = `(${partial} + ${term})`;
    checks.push(
      `WHEN ABS(${partial}) >= ${num(d, 2 ** (1024 - k))} THEN CASE WHEN ${partial} > ${num(d, 0)} THEN ${d.infinity(false)} ELSE ${d.infinity(true)} END`,
    );
  }
  return `(CASE WHEN NOT (${huge}) THEN ${plain} ${checks.join(' ')} ELSE ${plain} END)`;
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

/**
 * The LEFT JOIN of per-lead event counts and (decayed) sums, one pair per event rule. With an as-of column
 * (v2 §9, `asOfColumn` the leads' column as found) events are summed per key and lead's as-of cell, each
 * as of that lead's day: the leads' distinct (key, as-of cell) pairs are read into days and joined to the log.
 */
function eventJoinSql(
  d: Dialect,
  model: Model,
  eventRules: readonly { rule: Rule; index: number }[],
  blankValues: readonly string[],
  asOfExpr: string,
  asOfColumn: string | undefined,
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
  const age = ageSql(d, ref(`${date.alias}_d`));
  const aggregates: string[] = [];
  for (const { rule, index } of eventRules) {
    const subject = `rule "${rule.name}"`;
    const types = (typeof rule.event === 'string' ? [rule.event] : (rule.event ?? [])).map((t) =>
      d.string(foldCase(t.trim())),
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
    a.cellStages(blankValues, asOfColumn === undefined ? asOfExpr : undefined),
  );
  const indent = (text: string) => d.indent(text);
  // The lead's key read as v1 text, with blank values, exactly as the activity key is.
  const leadKeyName = options.headers?.find(
    (h) => foldCase(h.trim()) === foldCase(activities.leadKey.trim()),
  );
  if (options.headers !== undefined && leadKeyName === undefined) {
    problems.push({
      subject: 'activities',
      field: 'leadKey',
      message: `activities: lead key column "${activities.leadKey}" is not in the table (columns: ${options.headers.join(', ')})`,
    });
  }
  const leadKeyExpr = d.lower(rawCell(d, d.column(leadKeyName ?? activities.leadKey.trim()), blankValues));
  if (asOfColumn === undefined) {
    const events = [
      `SELECT ${keyText} AS ${ref('__ls_key')},`,
      `  ${aggregates.join(',\n  ')}`,
      `FROM (\n  ${indent(parsed)}\n) AS ap`,
      `WHERE ${usable}`,
      `GROUP BY ${keyText}`,
    ].join('\n');
    return `LEFT JOIN (\n  ${indent(events)}\n) AS ev ON ev.${ref('__ls_key')} = ${leadKeyExpr}`;
  }
  // The lead's as-of cell as text (trimmed, blank values blanked), then read into its day as the leads' is.
  const asOfCell = rawCell(d, d.column(asOfColumn), blankValues);
  const [key0, cell0] = [ref('__ls_key'), ref('__ls_asraw')];
  const distinct = `(SELECT DISTINCT ${leadKeyExpr} AS ${key0}, ${asOfCell} AS ${cell0} FROM ${d.table(options.table ?? 'leads')} AS t) AS t`;
  const l = new SqlBuilder(d, undefined, (name) => `t.${d.ident(name)}`, problems);
  const cellStages = l.cellStages([], asOfExpr, l.use('__ls_asraw', 'settings', { day: true }));
  cellStages[0] = [...cellStages[0]!, ['__ls_key', `t.${key0}`], ['__ls_asraw', `t.${cell0}`]];
  const pairs = `SELECT ${key0}, ${cell0}, ${ref(AS_OF)}\nFROM (\n  ${indent(d.nest(distinct, cellStages))}\n) AS lq`;
  const events = [
    `SELECT lp.${key0} AS ${key0}, lp.${cell0} AS ${cell0},`,
    `  ${aggregates.join(',\n  ')}`,
    `FROM (\n  ${indent(parsed)}\n) AS ap`,
    `JOIN (\n  ${indent(pairs)}\n) AS lp ON lp.${key0} = ${keyText}`,
    `WHERE ${usable}`,
    `GROUP BY lp.${key0}, lp.${cell0}`,
  ].join('\n');
  return `LEFT JOIN (\n  ${indent(events)}\n) AS ev ON ev.${key0} = ${leadKeyExpr} AND ev.${cell0} = ${asOfCell}`;
}

function clamp(x: number, cap: number): number {
  return Math.min(cap, Math.max(-cap, x));
}

/** v2 §10: `engagement_level` and `cell` (NULL without grades) beside `grade`; nothing without levels. */
function cellOutputs(d: Dialect, levelSql: string | undefined, model: Model): [string, string][] {
  if (levelSql === undefined) return [];
  const grades = model.grades;
  const cell =
    grades === undefined
      ? d.nullText
      : `${thresholdCase(d, d.ident('__ls_fitscore'), grades)} || ${levelSql}`;
  return [
    ['engagement_level', levelSql],
    ['cell', cell],
  ];
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
