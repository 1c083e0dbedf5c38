// Validation of a model against contracts v1 and v2. Every problem is listed at once, in words a
// marketer can act on; the result is a fresh, normalised model (optional `null` → absent,
// names trimmed, operator and group kind in their canonical spelling).

import {
  type Activities,
  type Decay,
  EVENT_OPERATORS,
  type EventOperator,
  GROUP_KINDS,
  GROUP_MATCHES,
  type Group,
  type GroupKind,
  type Model,
  type Outcome,
  type Problem,
  type Rule,
  type RuleValue,
  type Settings,
} from './model';
import { readThresholds } from './validateBands';
import {
  checkDuplicates,
  checkKeys,
  describe,
  type Fields,
  type Issue,
  type IssueFor,
  isAbsent,
  isIsoDate,
  isNumber,
  isRecord,
  nameKey,
  readList,
  readName,
  readOptionalBoolean,
  readOptionalNumber,
  readText,
  subjectOf,
} from './validateBasics';
import { readConditionTree, readOperator, readRuleValue } from './validateConditions';

export { describe, isIsoDate, nameKey } from './validateBasics';
export { MAX_CONDITION_DEPTH } from './validateConditions';

export type ParseResult = { ok: true; model: Model } | { ok: false; problems: Problem[] };

const MODEL_KEYS = [
  'name',
  'settings',
  'groups',
  'rules',
  'bands',
  'grades',
  'engagementLevels',
  'outcome',
  'activities',
];
const SETTINGS_KEYS = ['minScore', 'maxScore', 'asOf', 'blankValues', 'overrideColumn', 'asOfColumn'];
const GROUP_KEYS = ['name', 'kind', 'maxPoints', 'decay', 'weight', 'match'];
const DECAY_KEYS = ['dateColumn', 'percent', 'everyDays'];
const RULE_KEYS = [
  'name',
  'group',
  'column',
  'operator',
  'value',
  'points',
  'maxPoints',
  'enabled',
  'when',
  'event',
  'withinDays',
  'where',
];
const ACTIVITIES_KEYS = ['leadKey', 'activityKey', 'typeColumn', 'dateColumn'];
const OUTCOME_KEYS = ['column', 'positive', 'negative'];

/** Validates an unknown value (parsed JSON, or an object built from sheet cells) against contract v1. */
export function parseModel(input: unknown): ParseResult {
  const problems: Problem[] = [];
  const report = (subject: string, field: string | undefined, detail: string): void => {
    problems.push(field === undefined ? { subject, message: detail } : { subject, field, message: detail });
  };
  const about = (subject: string) => (field: string | undefined, detail: string) =>
    report(subject, field, `${subject}: ${detail}`);

  if (!isRecord(input)) {
    report(
      'model',
      undefined,
      `model: a model must be a set of keys (name, groups, rules, bands), got ${describe(input)}`,
    );
    return { ok: false, problems };
  }
  const modelIssue = about('model');
  checkKeys(input, MODEL_KEYS, modelIssue);

  const name = readName(input.name, modelIssue);
  const settings = readSettings(input.settings, about('settings'));
  const { groups, groupNames } = readGroups(input.groups, modelIssue, about);
  const activities = readActivities(input.activities, about('activities'));
  const rules = readRules(input.rules, groupNames, !isAbsent(input.activities), modelIssue, about);
  const bands = readThresholds(input.bands, 'band', modelIssue, about, report);
  const grades = readThresholds(input.grades, 'grade', modelIssue, about, report);
  const levels = readThresholds(input.engagementLevels, 'engagement level', modelIssue, about, report);
  const outcome = readOutcome(input.outcome, about('outcome'));
  if (grades !== undefined && levels !== undefined) checkCellsApart(grades, levels, report);

  if (problems.length > 0) return { ok: false, problems };
  const model: Model = { name: name!, groups, rules, bands: bands! };
  if (settings !== undefined) model.settings = settings;
  if (grades !== undefined && grades.length > 0)
    model.grades = grades.map(({ name, min }) => ({ name, min }));
  if (levels !== undefined && levels.length > 0)
    model.engagementLevels = levels.map(({ name, min }) => ({ name, min }));
  if (outcome !== undefined) model.outcome = outcome;
  if (activities !== undefined) model.activities = activities;
  return { ok: true, model };
}

function readSettings(value: unknown, issue: Issue): Settings | undefined {
  if (isAbsent(value)) return undefined;
  if (!isRecord(value)) {
    issue(undefined, `settings must be a set of keys (minScore, maxScore, asOf), got ${describe(value)}`);
    return undefined;
  }
  checkKeys(value, SETTINGS_KEYS, issue);
  const settings: Settings = {};
  const minScore = readOptionalNumber(value.minScore, 'minScore', issue);
  const maxScore = readOptionalNumber(value.maxScore, 'maxScore', issue);
  if (minScore !== undefined) settings.minScore = minScore;
  if (maxScore !== undefined) settings.maxScore = maxScore;
  if (minScore !== undefined && maxScore !== undefined && minScore > maxScore) {
    issue('minScore', `minScore (${minScore}) must not be more than maxScore (${maxScore})`);
  }
  if (!isAbsent(value.asOf)) {
    if (isIsoDate(value.asOf)) settings.asOf = value.asOf;
    else issue('asOf', `asOf must be a real date written YYYY-MM-DD, got ${describe(value.asOf)}`);
  }
  if (!isAbsent(value.blankValues)) {
    const words = readOutcomeWords(value.blankValues, 'blankValues', issue);
    if (words !== undefined) settings.blankValues = words.map((word) => word.trim());
  }
  if (!isAbsent(value.overrideColumn)) {
    const column = readText(value.overrideColumn, 'overrideColumn', issue);
    if (column !== undefined) settings.overrideColumn = column;
  }
  if (!isAbsent(value.asOfColumn)) {
    const column = readText(value.asOfColumn, 'asOfColumn', issue);
    if (column !== undefined) settings.asOfColumn = column;
  }
  return settings;
}

/** The valid groups, and the names of all groups with a usable name (so that a group with
 *  another problem does not also make every rule in it "not exist"). */
function readGroups(
  value: unknown,
  modelIssue: Issue,
  issueFor: IssueFor,
): { groups: Group[]; groupNames: string[] | undefined } {
  const items = readList(value, 'groups', modelIssue);
  // Without a list of groups, every rule's group would "not exist": say it once, above.
  if (items === undefined) return { groups: [], groupNames: undefined };
  const groups: Group[] = [];
  const names: (string | undefined)[] = [];
  items.forEach((item, index) => {
    const issue = issueFor(subjectOf('group', item, index));
    if (!isRecord(item)) {
      issue(undefined, `each group must be a set of keys (name, kind), got ${describe(item)}`);
      names.push(undefined);
      return;
    }
    checkKeys(item, GROUP_KEYS, issue);
    const name = readName(item.name, issue);
    names.push(name);
    const kind = readKind(item.kind, issue);
    const maxPoints = readOptionalNumber(item.maxPoints, 'maxPoints', issue);
    const decay = readDecay(item.decay, issue);
    let weight: number | undefined;
    if (!isAbsent(item.weight)) {
      if (!isNumber(item.weight) || item.weight < 0) {
        issue('weight', `weight must be a number, 0 or more, got ${describe(item.weight)}`);
      } else weight = item.weight;
    }
    let match: Group['match'];
    if (!isAbsent(item.match)) {
      match =
        typeof item.match === 'string'
          ? GROUP_MATCHES.find((known) => known === nameKey(item.match as string))
          : undefined;
      if (match === undefined) issue('match', `match must be "all" or "first", got ${describe(item.match)}`);
    }
    if (name === undefined || kind === undefined) return;
    const group: Group = { name, kind };
    if (maxPoints !== undefined) group.maxPoints = maxPoints;
    if (decay !== undefined) group.decay = decay;
    if (weight !== undefined) group.weight = weight;
    if (match !== undefined) group.match = match;
    groups.push(group);
  });
  checkDuplicates(names, 'group', 'groups', issueFor);
  return { groups, groupNames: names.filter((name) => name !== undefined) };
}

function readKind(value: unknown, issue: Issue): GroupKind | undefined {
  const allowed = GROUP_KINDS.map((kind) => `"${kind}"`).join(' or ');
  if (isAbsent(value)) {
    issue('kind', `kind is missing: it must be ${allowed}`);
    return undefined;
  }
  const kind = typeof value === 'string' ? GROUP_KINDS.find((known) => known === nameKey(value)) : undefined;
  if (kind === undefined) issue('kind', `kind must be ${allowed}, got ${describe(value)}`);
  return kind;
}

function readDecay(value: unknown, issue: Issue): Decay | undefined {
  if (isAbsent(value)) return undefined;
  if (!isRecord(value)) {
    issue('decay', `decay must be a set of keys (dateColumn, percent, everyDays), got ${describe(value)}`);
    return undefined;
  }
  const decayIssue: Issue = (field, detail) =>
    issue(field === undefined ? 'decay' : `decay.${field}`, `decay ${detail}`);
  checkKeys(value, DECAY_KEYS, decayIssue);
  const dateColumn = readText(value.dateColumn, 'dateColumn', decayIssue);
  let percent: number | undefined;
  if (isAbsent(value.percent)) decayIssue('percent', 'percent is missing');
  else if (!isNumber(value.percent) || value.percent < 0 || value.percent > 100) {
    decayIssue('percent', `percent must be a number from 0 to 100, got ${describe(value.percent)}`);
  } else percent = value.percent;
  let everyDays: number | undefined;
  if (isAbsent(value.everyDays)) decayIssue('everyDays', 'everyDays is missing');
  else if (!isNumber(value.everyDays) || value.everyDays <= 0) {
    decayIssue('everyDays', `everyDays must be a number of days above 0, got ${describe(value.everyDays)}`);
  } else everyDays = value.everyDays;
  if (dateColumn === undefined || percent === undefined || everyDays === undefined) return undefined;
  return { dateColumn, percent, everyDays };
}

function readRules(
  value: unknown,
  groupNames: readonly string[] | undefined,
  hasActivities: boolean,
  modelIssue: Issue,
  issueFor: IssueFor,
): Rule[] {
  const items = readList(value, 'rules', modelIssue);
  if (items === undefined) return [];
  const groupByKey = new Map((groupNames ?? []).map((name) => [nameKey(name), name]));
  const rules: Rule[] = [];
  const names: (string | undefined)[] = [];
  items.forEach((item, index) => {
    const issue = issueFor(subjectOf('rule', item, index));
    if (!isRecord(item)) {
      issue(
        undefined,
        `each rule must be a set of keys (name, group, column, operator, points), got ${describe(item)}`,
      );
      names.push(undefined);
      return;
    }
    checkKeys(item, RULE_KEYS, issue);
    const name = readName(item.name, issue);
    names.push(name);
    let group = readText(item.group, 'group', issue);
    if (group !== undefined && groupNames !== undefined) {
      const existing = groupByKey.get(nameKey(group));
      if (existing === undefined) {
        const known =
          groupNames.length === 0 ? 'the model has no groups' : `groups: ${groupNames.join(', ')}`;
        issue('group', `group "${group}" does not exist (${known})`);
      }
      group = existing;
    }
    const body = readRuleBody(item, hasActivities, issue);
    let points: number | undefined;
    if (isAbsent(item.points)) issue('points', 'points is missing');
    else if (!isNumber(item.points)) issue('points', `points must be a number, got ${describe(item.points)}`);
    else points = item.points;
    const maxPoints = readOptionalNumber(item.maxPoints, 'maxPoints', issue);
    const enabled = readOptionalBoolean(item.enabled, 'enabled', issue);
    if (name === undefined || group === undefined || body === undefined || points === undefined) return;
    // Keys in the order a v1 rule has them, so that a v1 model is saved byte for byte as it was.
    const rule = { name, group } as Rule;
    if (body.column !== undefined) rule.column = body.column;
    if (body.when !== undefined) rule.when = body.when;
    if (body.event !== undefined) rule.event = body.event;
    if (body.withinDays !== undefined) rule.withinDays = body.withinDays;
    if (body.where !== undefined) rule.where = body.where;
    if (body.operator !== undefined) rule.operator = body.operator;
    if (body.value !== undefined) rule.value = body.value;
    rule.points = points;
    if (maxPoints !== undefined) rule.maxPoints = maxPoints;
    if (enabled !== undefined) rule.enabled = enabled;
    rules.push(rule);
  });
  checkDuplicates(names, 'rule', 'rules', issueFor);
  return rules;
}

type RuleBody = Pick<Rule, 'column' | 'operator' | 'value' | 'when' | 'event' | 'withinDays' | 'where'>;

/** What a rule tests: one column (v1), a condition tree (`when`) or a count of events (`event`). */
function readRuleBody(item: Fields, hasActivities: boolean, issue: Issue): RuleBody | undefined {
  const given = (['column', 'when', 'event'] as const).filter((key) => !isAbsent(item[key]));
  if (given.length > 1) {
    issue(
      given[1],
      `a rule reads a column, a condition (when) or events (event), only one of them: this one gives ${given.join(' and ')}`,
    );
    return undefined;
  }
  const kind = given[0] ?? 'column';
  if (kind !== 'event') {
    for (const key of ['withinDays', 'where'] as const) {
      if (!isAbsent(item[key])) issue(key, `${key} is only for a rule that counts events (event)`);
    }
  }
  if (kind === 'when') {
    for (const key of ['operator', 'value'] as const) {
      if (!isAbsent(item[key])) {
        issue(key, `${key} must be left empty in a rule with when: each condition has its own`);
      }
    }
    const when = readConditionTree(item.when, 'when', issue);
    return when === undefined ? undefined : { when };
  }
  if (kind === 'event') return readEventBody(item, hasActivities, issue);
  const column = readText(item.column, 'column', issue);
  const operator = readOperator(item.operator, issue);
  const ruleValue = operator === undefined ? { ok: false } : readRuleValue(item.value, operator, issue);
  if (column === undefined || operator === undefined || !ruleValue.ok) return undefined;
  const body: RuleBody = { column, operator };
  if (ruleValue.value !== undefined) body.value = ruleValue.value;
  return body;
}

function readEventBody(item: Fields, hasActivities: boolean, issue: Issue): RuleBody | undefined {
  let ok = true;
  if (!hasActivities) {
    issue(
      'event',
      'a rule that counts events needs the model’s activities setting (leadKey, activityKey, typeColumn, dateColumn)',
    );
    ok = false;
  }
  let event: string | string[] | undefined;
  if (typeof item.event === 'string') {
    if (item.event.trim() === '') issue('event', 'event must not be empty');
    else event = item.event.trim();
  } else if (Array.isArray(item.event)) {
    if (item.event.length === 0) issue('event', 'event must list at least one event type');
    else {
      const types: string[] = [];
      item.event.forEach((type, index) => {
        if (typeof type === 'string' && type.trim() !== '') types.push(type.trim());
        else issue('event', `event item ${index + 1} must be an event type (text), got ${describe(type)}`);
      });
      if (types.length === item.event.length) event = types;
    }
  } else issue('event', `event must be an event type or a list of them, got ${describe(item.event)}`);
  let withinDays: number | undefined;
  if (!isAbsent(item.withinDays)) {
    if (isNumber(item.withinDays) && Number.isInteger(item.withinDays) && item.withinDays >= 0) {
      withinDays = item.withinDays;
    } else {
      issue(
        'withinDays',
        `withinDays must be a whole number of days, 0 or more, got ${describe(item.withinDays)}`,
      );
      ok = false;
    }
  }
  const where = isAbsent(item.where) ? undefined : readConditionTree(item.where, 'where', issue);
  if (!isAbsent(item.where) && where === undefined) ok = false;
  const allowed = EVENT_OPERATORS.map((operator) => `"${operator}"`).join(', ');
  let operator: EventOperator | undefined;
  if (isAbsent(item.operator)) issue('operator', `operator is missing; a count takes one of: ${allowed}`);
  else {
    const typed = typeof item.operator === 'string' ? nameKey(item.operator).replace(/\s+/g, ' ') : undefined;
    operator = EVENT_OPERATORS.find((candidate) => candidate === typed);
    if (operator === undefined) {
      issue(
        'operator',
        `operator ${describe(item.operator)} does not apply to a count of events; use one of: ${allowed}`,
      );
    }
  }
  let value: RuleValue | undefined;
  if (operator !== undefined) {
    if (operator === 'equals' || operator === 'not equals') {
      if (isNumber(item.value) && Number.isInteger(item.value) && item.value >= 0) value = item.value;
      else {
        issue('value', `value must be a whole number of events, got ${describe(item.value)}`);
        ok = false;
      }
    } else {
      const read = readRuleValue(item.value, operator, issue);
      if (read.ok) value = read.value;
      else ok = false;
    }
  }
  if (!ok || event === undefined || operator === undefined) return undefined;
  const body: RuleBody = { event };
  if (withinDays !== undefined) body.withinDays = withinDays;
  if (where !== undefined) body.where = where;
  body.operator = operator;
  if (value !== undefined) body.value = value;
  return body;
}

function readActivities(value: unknown, issue: Issue): Activities | undefined {
  if (isAbsent(value)) return undefined;
  if (!isRecord(value)) {
    issue(
      undefined,
      `activities must be a set of keys (${ACTIVITIES_KEYS.join(', ')}), got ${describe(value)}`,
    );
    return undefined;
  }
  checkKeys(value, ACTIVITIES_KEYS, issue);
  const leadKey = readText(value.leadKey, 'leadKey', issue);
  const activityKey = readText(value.activityKey, 'activityKey', issue);
  const typeColumn = readText(value.typeColumn, 'typeColumn', issue);
  const dateColumn = readText(value.dateColumn, 'dateColumn', issue);
  if (
    leadKey === undefined ||
    activityKey === undefined ||
    typeColumn === undefined ||
    dateColumn === undefined
  ) {
    return undefined;
  }
  return { leadKey, activityKey, typeColumn, dateColumn };
}

/** Outcome words: text, or numbers and booleans as a cell would read them (`1`, `true`). */
function readOutcomeWords(value: unknown, field: string, issue: Issue): string[] | undefined {
  if (!Array.isArray(value)) {
    issue(field, `${field} must be a list of values, got ${describe(value)}`);
    return undefined;
  }
  if (value.length === 0) {
    issue(field, `${field} must list at least one value`);
    return undefined;
  }
  const words: string[] = [];
  let ok = true;
  value.forEach((item, index) => {
    if (typeof item === 'string' && item.trim() !== '') words.push(item);
    else if (isNumber(item) || typeof item === 'boolean') words.push(String(item));
    else {
      ok = false;
      const problem = typeof item === 'string' ? 'must not be empty' : `must be text, got ${describe(item)}`;
      issue(field, `${field} item ${index + 1} ${problem}`);
    }
  });
  return ok ? words : undefined;
}

function readOutcome(value: unknown, issue: Issue): Outcome | undefined {
  if (isAbsent(value)) return undefined;
  if (!isRecord(value)) {
    issue(undefined, `outcome must be a set of keys (column, positive, negative), got ${describe(value)}`);
    return undefined;
  }
  checkKeys(value, OUTCOME_KEYS, issue);
  const column = readText(value.column, 'column', issue);
  let positive: string[] | undefined;
  if (isAbsent(value.positive)) issue('positive', 'positive is missing: list the values that mean converted');
  else positive = readOutcomeWords(value.positive, 'positive', issue);
  const negative = isAbsent(value.negative) ? undefined : readOutcomeWords(value.negative, 'negative', issue);
  if (column === undefined || positive === undefined) return undefined;
  if (!isAbsent(value.negative) && negative === undefined) return undefined;
  const outcome: Outcome = { column, positive };
  if (negative !== undefined) outcome.negative = negative;
  return outcome;
}

/**
 * A lead's cell is its grade followed by its level (§10), and the calibration, the monitor and the sheets
 * count leads per cell text: grades "A" and "A1" with levels "11" and "1" would both make "A11" and merge.
 */
function checkCellsApart(
  grades: readonly { name: string }[],
  levels: readonly { name: string }[],
  report: (subject: string, field: string | undefined, detail: string) => void,
): void {
  // Repeated or empty names are reported on their own.
  const distinct = (list: readonly { name: string }[]) =>
    new Set(list.map((item) => item.name)).size === list.length && list.every((item) => item.name !== '');
  if (!distinct(grades) || !distinct(levels)) return;
  const made = new Map<string, { grade: string; level: string }>();
  for (const grade of grades) {
    for (const level of levels) {
      const cell = grade.name + level.name;
      const first = made.get(cell);
      if (first === undefined) {
        made.set(cell, { grade: grade.name, level: level.name });
        continue;
      }
      const subject = `engagement level "${level.name}"`;
      report(
        subject,
        'name',
        `${subject}: with grade "${grade.name}" it makes the cell "${cell}", as grade "${first.grade}" with engagement level "${first.level}" does: rename a grade or a level so that every cell is told apart`,
      );
      return;
    }
  }
}
