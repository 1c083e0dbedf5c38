// The editor's working copy of a model: every field as the text the user typed, so that a half-typed or
// wrong value ("ten" points) stays on screen and is reported by the core validator in its own words.
// `draftToInput` turns it back into the contract's JSON shape (numbers where the text is a number, the
// text itself where it is not), which `parseModel` then accepts or explains.
import { parseNumberText } from '../core/cells';
import {
  type ConditionNode,
  type ConditionTree,
  type Model,
  OPERATOR_VALUE_KIND,
  OPERATORS,
  type Operator,
  type Rule,
  type RuleValue,
} from '../core/model';
import { formatList, parseList } from '../core/modelSheetCells';

export interface DraftGroup {
  id: number;
  name: string;
  kind: string;
  maxPoints: string;
  decayOn: boolean;
  decayColumn: string;
  decayPercent: string;
  decayEvery: string;
  /** v2: '' = absent (weight 1). */
  weight: string;
  /** v2: '' = absent ('all'), else 'all' or 'first' as given. */
  match: string;
}

/** What a column test reads and compares: a rule's one-column test, or a condition of a `when`/`where`. */
export interface ValueTarget {
  column: string;
  operator: string;
  /** The value for every operator kind but `range`: a list is comma-separated. */
  value: string;
  /** `between`: the two ends. */
  min: string;
  max: string;
}

export interface DraftCondition extends ValueTarget {
  id: number;
}

export interface DraftTree {
  id: number;
  mode: 'all' | 'any';
  items: DraftNode[];
}

export type DraftNode = DraftCondition | DraftTree;

export function isTree(node: DraftNode): node is DraftTree {
  return 'items' in node;
}

/** v1 one column, v2 a condition over several columns (`when`), v2 a count of events (`event`). */
export type RuleKind = 'column' | 'when' | 'event';
export const RULE_KINDS: readonly RuleKind[] = ['column', 'when', 'event'];

/** Every kind's fields stay in the draft while the user switches kinds, so that switching back loses
 *  nothing; only the fields of `kind` go into the model. */
export interface DraftRule extends ValueTarget {
  id: number;
  name: string;
  group: string;
  points: string;
  maxPoints: string;
  enabled: boolean;
  kind: RuleKind;
  when: DraftTree;
  /** Event types, comma-separated (as a list value). */
  event: string;
  /** The model gave `event` as a list: kept a list even with one type. */
  eventList: boolean;
  withinDays: string;
  countOperator: string;
  countValue: string;
  countMin: string;
  countMax: string;
  whereOn: boolean;
  where: DraftTree;
}

export interface DraftBand {
  id: number;
  name: string;
  min: string;
  salesReady: boolean;
}

export interface DraftGrade {
  id: number;
  name: string;
  min: string;
}

export interface Draft {
  name: string;
  minScore: string;
  maxScore: string;
  asOf: string;
  groups: DraftGroup[];
  rules: DraftRule[];
  bands: DraftBand[];
  grades: DraftGrade[];
  /** v2 §10: levels of the engagement score, edited like grades. */
  engagementLevels: DraftGrade[];
  outcomeOn: boolean;
  outcomeColumn: string;
  positive: string;
  negative: string;
  /** v2 settings: comma-separated; '' = absent. */
  blankValues: string;
  overrideColumn: string;
  /** v2 §9: the column of the day each lead is judged on; '' = absent. */
  asOfColumn: string;
  /** v2: the activity log's columns. */
  activitiesOn: boolean;
  leadKey: string;
  activityKey: string;
  typeColumn: string;
  dateColumn: string;
}

let lastId = 0;
/** A fresh id for a draft item; ids are only used to keep DOM ids and the expanded rule stable. */
export function nextId(): number {
  lastId += 1;
  return lastId;
}

function numberText(value: number | null | undefined): string {
  return value === undefined || value === null ? '' : String(value);
}

function valueText(value: RuleValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return formatList(value);
  return String(value);
}

export function emptyTree(mode: 'all' | 'any' = 'all'): DraftTree {
  return { id: nextId(), mode, items: [] };
}

export function emptyCondition(column = '', operator = 'equals'): DraftCondition {
  return { id: nextId(), column, operator, value: '', min: '', max: '' };
}

/** A value in the draft's text fields, by its operator's kind. */
function valueFields(operator: string | undefined, value: RuleValue | undefined) {
  const range =
    operator !== undefined &&
    isOperator(operator) &&
    OPERATOR_VALUE_KIND[operator] === 'range' &&
    Array.isArray(value);
  return {
    value: range ? '' : valueText(value),
    min: range ? numberText((value as number[])[0]) : '',
    max: range ? numberText((value as number[])[1]) : '',
  };
}

function treeToDraft(tree: ConditionTree): DraftTree {
  const mode = 'all' in tree ? 'all' : 'any';
  const items = 'all' in tree ? tree.all : tree.any;
  return {
    id: nextId(),
    mode,
    items: items.map(
      (node: ConditionNode): DraftNode =>
        'all' in node || 'any' in node
          ? treeToDraft(node)
          : {
              id: nextId(),
              column: node.column,
              operator: node.operator,
              ...valueFields(node.operator, node.value),
            },
    ),
  };
}

/** A blank rule of this kind (every kind's fields present, so that the user can switch). */
export function blankRule(fields: Partial<DraftRule> & Pick<DraftRule, 'name' | 'group'>): DraftRule {
  return {
    id: nextId(),
    column: '',
    operator: '',
    value: '',
    min: '',
    max: '',
    points: '',
    maxPoints: '',
    enabled: true,
    kind: 'column',
    when: emptyTree(),
    event: '',
    eventList: false,
    withinDays: '',
    countOperator: '>=',
    countValue: '',
    countMin: '',
    countMax: '',
    whereOn: false,
    where: emptyTree(),
    ...fields,
  };
}

function ruleToDraft(rule: Rule): DraftRule {
  const common = {
    name: rule.name,
    group: rule.group,
    points: numberText(rule.points),
    maxPoints: numberText(rule.maxPoints),
    enabled: rule.enabled !== false,
  };
  if (rule.event !== undefined) {
    const count = valueFields(rule.operator, rule.value);
    return blankRule({
      ...common,
      kind: 'event',
      event: Array.isArray(rule.event)
        ? formatList(rule.event, { textOnly: true })
        : formatList([rule.event], { textOnly: true }),
      eventList: Array.isArray(rule.event),
      withinDays: numberText(rule.withinDays),
      countOperator: rule.operator ?? '',
      countValue: count.value,
      countMin: count.min,
      countMax: count.max,
      whereOn: rule.where !== undefined,
      where: rule.where ? treeToDraft(rule.where) : emptyTree(),
    });
  }
  if (rule.when !== undefined) return blankRule({ ...common, kind: 'when', when: treeToDraft(rule.when) });
  return blankRule({
    ...common,
    column: rule.column ?? '',
    operator: rule.operator ?? '',
    ...valueFields(rule.operator, rule.value),
  });
}

export function modelToDraft(model: Model): Draft {
  return {
    name: model.name,
    minScore: numberText(model.settings?.minScore),
    maxScore: numberText(model.settings?.maxScore),
    asOf: model.settings?.asOf ?? '',
    groups: model.groups.map((group) => ({
      id: nextId(),
      name: group.name,
      kind: group.kind,
      maxPoints: numberText(group.maxPoints),
      decayOn: group.decay !== undefined && group.decay !== null,
      decayColumn: group.decay?.dateColumn ?? '',
      decayPercent: numberText(group.decay?.percent ?? 25),
      decayEvery: numberText(group.decay?.everyDays ?? 30),
      weight: numberText(group.weight),
      match: group.match ?? '',
    })),
    rules: model.rules.map(ruleToDraft),
    bands: model.bands.map((band) => ({
      id: nextId(),
      name: band.name,
      min: numberText(band.min),
      salesReady: band.salesReady === true,
    })),
    grades: (model.grades ?? []).map((grade) => ({
      id: nextId(),
      name: grade.name,
      min: numberText(grade.min),
    })),
    engagementLevels: (model.engagementLevels ?? []).map((level) => ({
      id: nextId(),
      name: level.name,
      min: numberText(level.min),
    })),
    outcomeOn: model.outcome !== undefined && model.outcome !== null,
    outcomeColumn: model.outcome?.column ?? '',
    positive: model.outcome ? formatList(model.outcome.positive, { textOnly: true }) : '',
    negative: model.outcome?.negative ? formatList(model.outcome.negative, { textOnly: true }) : '',
    blankValues: model.settings?.blankValues
      ? formatList(model.settings.blankValues, { textOnly: true })
      : '',
    overrideColumn: model.settings?.overrideColumn ?? '',
    asOfColumn: model.settings?.asOfColumn ?? '',
    activitiesOn: model.activities !== undefined,
    leadKey: model.activities?.leadKey ?? '',
    activityKey: model.activities?.activityKey ?? '',
    typeColumn: model.activities?.typeColumn ?? '',
    dateColumn: model.activities?.dateColumn ?? '',
  };
}

/** What a trailing % sign means in a field, as in the model sheet's cells: refused (most fields), the number
 *  itself in a field that is in percent (decay: `25%` → 25), or a fraction (a weight, a number rule's value:
 *  `40%` → 0.4, as a lead's `40%` reads). */
export type PercentSign = 'refused' | 'percent' | 'fraction';

/** A typed number: absent when empty, the number when it reads as one, else the text (for the validator
 *  to report). Thousands separators and a currency sign are accepted; a percent sign only as `percentSign`
 *  says. */
export function readNumber(text: string, percentSign: PercentSign = 'refused'): number | string | undefined {
  const trimmed = text.trim().replace(/^\u2212/, '-');
  if (trimmed === '') return undefined;
  if (trimmed.endsWith('%') && percentSign !== 'refused') {
    const number = parseNumberText(trimmed.slice(0, -1).trim());
    if (number !== undefined) return percentSign === 'percent' ? number : number / 100;
  }
  if (trimmed.includes('%')) return trimmed;
  const number = parseNumberText(trimmed);
  return number === undefined ? trimmed : number;
}

/** The Calibration's review sample as a share of the leads kept from sales: `10` or `10%` → 0.1, blank →
 *  undefined (the server's default). Anything else is an error to show, never a silent default. */
export function reviewShareOf(text: string): number | undefined {
  const percent = readNumber(text, 'percent');
  if (percent === undefined) return undefined;
  if (typeof percent === 'string' || percent < 0 || percent > 100) {
    throw new Error(`Review sample: type a percent from 0 to 100, e.g. 10 (got "${text.trim()}")`);
  }
  return percent / 100;
}

/** A scalar (equals/not equals): a plain number becomes a number, as in the model sheet's cells. */
function readScalar(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
}

export function isOperator(text: string): text is Operator {
  return (OPERATORS as readonly string[]).includes(text);
}

export function ruleValueInput(rule: Pick<ValueTarget, 'operator' | 'value' | 'min' | 'max'>): unknown {
  if (!isOperator(rule.operator)) return undefined;
  switch (OPERATOR_VALUE_KIND[rule.operator]) {
    case 'none':
      return undefined;
    case 'scalar':
      return readScalar(rule.value);
    case 'text':
      return rule.value.trim() === '' ? undefined : rule.value.trim();
    case 'list':
      return rule.value.trim() === '' ? undefined : parseList(rule.value);
    case 'number':
      return readNumber(rule.value, 'fraction');
    case 'days':
      return readNumber(rule.value);
    case 'range': {
      const min = readNumber(rule.min);
      const max = readNumber(rule.max);
      return min === undefined && max === undefined ? undefined : [min ?? null, max ?? null];
    }
  }
}

function words(text: string): string[] {
  return parseList(text).map(String);
}

function treeInput(tree: DraftTree): Record<string, unknown> {
  return {
    [tree.mode]: tree.items.map((node) => {
      if (isTree(node)) return treeInput(node);
      const out: Record<string, unknown> = { column: node.column, operator: node.operator };
      const value = ruleValueInput(node);
      if (value !== undefined) out.value = value;
      return out;
    }),
  };
}

/** The count an event rule compares with: none for `per`, two ends for `between`, else a number. */
function countInput(rule: DraftRule): unknown {
  if (rule.countOperator === 'per') return undefined;
  if (rule.countOperator === 'between') {
    const min = readNumber(rule.countMin);
    const max = readNumber(rule.countMax);
    return min === undefined && max === undefined ? undefined : [min ?? null, max ?? null];
  }
  return readNumber(rule.countValue);
}

/** What the rule tests, in the contract's key order (as parseModel writes it). */
function ruleBodyInput(rule: DraftRule): Record<string, unknown> {
  if (rule.kind === 'when') return { when: treeInput(rule.when) };
  if (rule.kind === 'event') {
    const types = words(rule.event);
    const out: Record<string, unknown> = {
      event: types.length === 1 && !rule.eventList ? types[0] : types,
    };
    const withinDays = readNumber(rule.withinDays);
    if (withinDays !== undefined) out.withinDays = withinDays;
    if (rule.whereOn) out.where = treeInput(rule.where);
    out.operator = rule.countOperator;
    const value = countInput(rule);
    if (value !== undefined) out.value = value;
    return out;
  }
  const out: Record<string, unknown> = { column: rule.column, operator: rule.operator };
  const value = ruleValueInput(rule);
  if (value !== undefined) out.value = value;
  return out;
}

/** The draft in the contract's JSON shape, not yet validated. */
export function draftToInput(draft: Draft): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  const minScore = readNumber(draft.minScore);
  const maxScore = readNumber(draft.maxScore);
  if (minScore !== undefined) settings.minScore = minScore;
  if (maxScore !== undefined) settings.maxScore = maxScore;
  if (draft.asOf.trim() !== '') settings.asOf = draft.asOf.trim();
  if (draft.blankValues.trim() !== '') settings.blankValues = words(draft.blankValues);
  if (draft.overrideColumn.trim() !== '') settings.overrideColumn = draft.overrideColumn;
  if (draft.asOfColumn.trim() !== '') settings.asOfColumn = draft.asOfColumn;
  const input: Record<string, unknown> = {
    name: draft.name,
    settings,
    groups: draft.groups.map((group) => {
      const out: Record<string, unknown> = { name: group.name, kind: group.kind };
      const maxPoints = readNumber(group.maxPoints);
      if (maxPoints !== undefined) out.maxPoints = maxPoints;
      if (group.decayOn) {
        out.decay = {
          dateColumn: group.decayColumn,
          percent: readNumber(group.decayPercent, 'percent') ?? null,
          everyDays: readNumber(group.decayEvery) ?? null,
        };
      }
      const weight = readNumber(group.weight, 'fraction');
      if (weight !== undefined) out.weight = weight;
      if (group.match !== '') out.match = group.match;
      return out;
    }),
    rules: draft.rules.map((rule) => {
      const out: Record<string, unknown> = { name: rule.name, group: rule.group, ...ruleBodyInput(rule) };
      out.points = readNumber(rule.points) ?? null;
      const maxPoints = readNumber(rule.maxPoints);
      if (maxPoints !== undefined) out.maxPoints = maxPoints;
      if (!rule.enabled) out.enabled = false;
      return out;
    }),
    bands: draft.bands.map((band) => {
      const out: Record<string, unknown> = { name: band.name, min: readNumber(band.min) ?? null };
      if (band.salesReady) out.salesReady = true;
      return out;
    }),
  };
  if (draft.grades.length > 0) {
    input.grades = draft.grades.map((grade) => ({ name: grade.name, min: readNumber(grade.min) ?? null }));
  }
  if (draft.engagementLevels.length > 0) {
    input.engagementLevels = draft.engagementLevels.map((level) => ({
      name: level.name,
      min: readNumber(level.min) ?? null,
    }));
  }
  if (draft.outcomeOn) {
    const outcome: Record<string, unknown> = { column: draft.outcomeColumn, positive: words(draft.positive) };
    if (draft.negative.trim() !== '') outcome.negative = words(draft.negative);
    input.outcome = outcome;
  }
  if (draft.activitiesOn) {
    const { leadKey, activityKey, typeColumn, dateColumn } = draft;
    input.activities = { leadKey, activityKey, typeColumn, dateColumn };
  }
  return input;
}

/** A name not yet used in `taken` (case-insensitive): `base`, `base 2`, `base 3`, … */
export function uniqueName(base: string, taken: readonly string[]): string {
  const used = new Set(taken.map((name) => name.trim().toLowerCase()));
  if (!used.has(base.trim().toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base} ${n}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

function copyTree(tree: DraftTree): DraftTree {
  return {
    id: nextId(),
    mode: tree.mode,
    items: tree.items.map((node) => (isTree(node) ? copyTree(node) : { ...node, id: nextId() })),
  };
}

export function duplicateRule(rule: DraftRule, taken: readonly string[]): DraftRule {
  return {
    ...rule,
    id: nextId(),
    name: uniqueName(`${rule.name} (copy)`, taken),
    when: copyTree(rule.when),
    where: copyTree(rule.where),
  };
}

/** Moves the item at `index` by `delta` places; returns whether it moved. */
export function move<T>(items: T[], index: number, delta: number): boolean {
  const target = index + delta;
  if (index < 0 || index >= items.length || target < 0 || target >= items.length) return false;
  const [item] = items.splice(index, 1);
  items.splice(target, 0, item as T);
  return true;
}
