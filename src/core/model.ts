// The scoring model, contract versions 1 and 2 (see docs/model.md). These types describe a model that has
// passed validation: optional keys that were `null` in the input are normalised to `undefined`.

export const OPERATORS = [
  'equals',
  'not equals',
  'one of',
  'not one of',
  'contains',
  'contains any',
  'not contains',
  '>',
  '>=',
  '<',
  '<=',
  'between',
  'is blank',
  'is not blank',
  'is true',
  'is false',
  'within days',
  'older than days',
  'per',
] as const;

export type Operator = (typeof OPERATORS)[number];

/** What kind of `value` each operator takes. */
export type ValueKind = 'scalar' | 'list' | 'text' | 'number' | 'range' | 'days' | 'none';

export const OPERATOR_VALUE_KIND: Readonly<Record<Operator, ValueKind>> = {
  equals: 'scalar',
  'not equals': 'scalar',
  'one of': 'list',
  'not one of': 'list',
  contains: 'text',
  'contains any': 'list',
  'not contains': 'text',
  '>': 'number',
  '>=': 'number',
  '<': 'number',
  '<=': 'number',
  between: 'range',
  'is blank': 'none',
  'is not blank': 'none',
  'is true': 'none',
  'is false': 'none',
  'within days': 'days',
  'older than days': 'days',
  per: 'none',
};

/** Operators a condition (a rule's `when`, an event rule's `where`) may use: all but `per`. */
export type ConditionOperator = Exclude<Operator, 'per'>;

/** Operators an event rule compares its count with. */
export const EVENT_OPERATORS = ['per', '>', '>=', '<', '<=', 'equals', 'not equals', 'between'] as const;
export type EventOperator = (typeof EVENT_OPERATORS)[number];

export type GroupKind = 'fit' | 'engagement';
export const GROUP_KINDS: readonly GroupKind[] = ['fit', 'engagement'];

/** A scalar a rule compares with: text or a number. */
export type RuleScalar = string | number;
export type RuleValue = RuleScalar | RuleScalar[] | [number, number];

export interface Settings {
  minScore?: number;
  maxScore?: number;
  /** `YYYY-MM-DD`; absent = today. */
  asOf?: string;
  /** v2: texts that mean "not answered" (`Select`, `n/a`): such a cell reads as blank. */
  blankValues?: string[];
  /** v2: header of a column whose number, when there is one, replaces the score. */
  overrideColumn?: string;
  /** v2 §9: header of a column whose date, when there is one, is the day the lead is judged on. */
  asOfColumn?: string;
}

/** v2: one test of a cell, as a v1 rule of that operator would make it. */
export interface Condition {
  column: string;
  operator: ConditionOperator;
  value?: RuleValue;
}

/** v2: `all` holds when every item holds, `any` when one does; at most 3 levels in all. */
export type ConditionTree = { all: ConditionNode[] } | { any: ConditionNode[] };
export type ConditionNode = Condition | ConditionTree;

/** v2: how to read the activity log (one row per event). */
export interface Activities {
  /** Column of the leads table that identifies a lead. */
  leadKey: string;
  /** Column of the activity table holding the same value. */
  activityKey: string;
  typeColumn: string;
  dateColumn: string;
}

export type GroupMatch = 'all' | 'first';
export const GROUP_MATCHES: readonly GroupMatch[] = ['all', 'first'];

export interface Decay {
  dateColumn: string;
  percent: number;
  everyDays: number;
}

export interface Group {
  name: string;
  kind: GroupKind;
  maxPoints?: number;
  decay?: Decay;
  /** v2: multiplies each rule's contribution (default 1). */
  weight?: number;
  /** v2: `first` = only the first rule with a non-zero contribution counts (tiers). */
  match?: GroupMatch;
}

/**
 * A rule reads one column (v1: `column` + `operator`), a condition tree (v2: `when`), or counts
 * events (v2: `event` + `operator`, with `withinDays` and `where`). Exactly one of the three.
 */
export interface Rule {
  name: string;
  group: string;
  column?: string;
  operator?: Operator;
  value?: RuleValue;
  points: number;
  maxPoints?: number;
  enabled?: boolean;
  when?: ConditionTree;
  /** An event type, or a list of them. */
  event?: string | string[];
  withinDays?: number;
  where?: ConditionTree;
}

export interface Band {
  name: string;
  /** `null` = no lower bound (first band only). */
  min: number | null;
  salesReady?: boolean;
}

export interface Grade {
  name: string;
  min: number | null;
}

/** v2 §10: a level of the engagement score, read like a grade; a lead's cell is its grade + level (`A1`). */
export interface EngagementLevel {
  name: string;
  min: number | null;
}

export interface Outcome {
  column: string;
  positive: string[];
  negative?: string[];
}

export interface Model {
  name: string;
  settings?: Settings;
  groups: Group[];
  rules: Rule[];
  bands: Band[];
  grades?: Grade[];
  /** v2 §10. */
  engagementLevels?: EngagementLevel[];
  outcome?: Outcome;
  /** v2: required when a rule has `event`. */
  activities?: Activities;
}

/**
 * One problem with a model or with the data it is applied to. `subject` names the rule, group,
 * band, grade or section (e.g. `rule "Demo"`), `field` the key (e.g. `points`). `message` is the
 * whole sentence a user reads. Adapters may add a `where` (a cell address, a CSV line).
 */
export interface Problem {
  subject: string;
  field?: string;
  message: string;
  where?: string;
}
