// The scoring model, contract version 1 (see docs/model.md). These types describe a model that has
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
}

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
}

export interface Rule {
  name: string;
  group: string;
  column: string;
  operator: Operator;
  value?: RuleValue;
  points: number;
  maxPoints?: number;
  enabled?: boolean;
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
  outcome?: Outcome;
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
