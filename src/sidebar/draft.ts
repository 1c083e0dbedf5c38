// The editor's working copy of a model: every field as the text the user typed, so that a half-typed or
// wrong value ("ten" points) stays on screen and is reported by the core validator in its own words.
// `draftToInput` turns it back into the contract's JSON shape (numbers where the text is a number, the
// text itself where it is not), which `parseModel` then accepts or explains.
import { parseNumberText } from '../core/cells';
import { type Model, OPERATOR_VALUE_KIND, OPERATORS, type Operator, type RuleValue } from '../core/model';
import { formatList, parseList } from '../core/modelSheet';

export interface DraftGroup {
  id: number;
  name: string;
  kind: string;
  maxPoints: string;
  decayOn: boolean;
  decayColumn: string;
  decayPercent: string;
  decayEvery: string;
}

export interface DraftRule {
  id: number;
  name: string;
  group: string;
  column: string;
  operator: string;
  /** The value for every operator kind but `range`: a list is comma-separated. */
  value: string;
  /** `between`: the two ends. */
  min: string;
  max: string;
  points: string;
  maxPoints: string;
  enabled: boolean;
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
  outcomeOn: boolean;
  outcomeColumn: string;
  positive: string;
  negative: string;
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
    })),
    rules: model.rules.map((rule) => {
      const range =
        rule.operator !== undefined &&
        OPERATOR_VALUE_KIND[rule.operator] === 'range' &&
        Array.isArray(rule.value);
      return {
        id: nextId(),
        name: rule.name,
        group: rule.group,
        column: rule.column ?? '',
        operator: rule.operator ?? '',
        value: range ? '' : valueText(rule.value),
        min: range ? numberText((rule.value as number[])[0]) : '',
        max: range ? numberText((rule.value as number[])[1]) : '',
        points: numberText(rule.points),
        maxPoints: numberText(rule.maxPoints),
        enabled: rule.enabled !== false,
      };
    }),
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
    outcomeOn: model.outcome !== undefined && model.outcome !== null,
    outcomeColumn: model.outcome?.column ?? '',
    positive: model.outcome ? formatList(model.outcome.positive, { textOnly: true }) : '',
    negative: model.outcome?.negative ? formatList(model.outcome.negative, { textOnly: true }) : '',
  };
}

/** A typed number: absent when empty, the number when it reads as one, else the text (for the validator
 *  to report). Thousands separators and a currency sign are accepted; a percent sign is not. */
export function readNumber(text: string): number | string | undefined {
  const trimmed = text.trim().replace(/^\u2212/, '-');
  if (trimmed === '') return undefined;
  if (trimmed.includes('%')) return trimmed;
  const number = parseNumberText(trimmed);
  return number === undefined ? trimmed : number;
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

export function ruleValueInput(rule: DraftRule): unknown {
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

/** The draft in the contract's JSON shape, not yet validated. */
export function draftToInput(draft: Draft): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  const minScore = readNumber(draft.minScore);
  const maxScore = readNumber(draft.maxScore);
  if (minScore !== undefined) settings.minScore = minScore;
  if (maxScore !== undefined) settings.maxScore = maxScore;
  if (draft.asOf.trim() !== '') settings.asOf = draft.asOf.trim();
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
          percent: readNumber(group.decayPercent) ?? null,
          everyDays: readNumber(group.decayEvery) ?? null,
        };
      }
      return out;
    }),
    rules: draft.rules.map((rule) => {
      const out: Record<string, unknown> = {
        name: rule.name,
        group: rule.group,
        column: rule.column,
        operator: rule.operator,
      };
      const value = ruleValueInput(rule);
      if (value !== undefined) out.value = value;
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
  if (draft.outcomeOn) {
    const outcome: Record<string, unknown> = { column: draft.outcomeColumn, positive: words(draft.positive) };
    if (draft.negative.trim() !== '') outcome.negative = words(draft.negative);
    input.outcome = outcome;
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

export function duplicateRule(rule: DraftRule, taken: readonly string[]): DraftRule {
  return { ...rule, id: nextId(), name: uniqueName(`${rule.name} (copy)`, taken) };
}

/** Moves the item at `index` by `delta` places; returns whether it moved. */
export function move<T>(items: T[], index: number, delta: number): boolean {
  const target = index + delta;
  if (index < 0 || index >= items.length || target < 0 || target >= items.length) return false;
  const [item] = items.splice(index, 1);
  items.splice(target, 0, item as T);
  return true;
}
