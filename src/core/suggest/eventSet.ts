// Suggest's use of the activity log: the mapping, each lead's as-of day, the event candidates and what the
// leakage guard reads for each event type (its count of events as of the lead's day; none reads as blank, so
// a type that open leads never have but decided ones do, such as "Invoice sent", is caught like a column
// filled in after the outcome).

import { cellDay, cellText, type DayOfDate, dayOfDateIn, parseIsoDay } from '../cells';
import type { ActivityTable } from '../engine';
import type { Activities, Model, Problem, Rule } from '../model';
import { detectActivityMapping, profileEvents } from './activityLog';
import type { Candidate } from './candidates';
import { isUnanswered } from './columns';
import { eventCandidates } from './eventCandidates';
import type { LeakageInput } from './leakage';

export interface EventSetInput {
  headers: readonly unknown[];
  decided: readonly (readonly unknown[])[];
  open: readonly (readonly unknown[])[];
  converted: readonly boolean[];
  fit: readonly number[];
  minSupport: number;
  placeholders: ReadonlySet<string>;
  table: ActivityTable;
  mapping: Activities | undefined;
  base: Model | undefined;
  /** §9: a leads column whose date is the day each lead is judged as of (else the model's as-of). */
  asOfColumn: string | undefined;
  asOf: string | undefined;
  timeZone: string;
  perEventRules: boolean;
}

export interface EventSet {
  activities: Activities;
  candidates: Candidate[];
  /** Per event-type column name: what the guard reads. */
  guardInputs: Map<string, Omit<LeakageInput, 'column'>>;
}

export function buildEventSet(
  input: EventSetInput,
): { ok: true; set: EventSet } | { ok: false; problem: Problem } {
  const fail = (message: string) => ({ ok: false as const, problem: { subject: 'activities', message } });
  let activities = input.mapping ?? input.base?.activities;
  if (activities === undefined) {
    const detected = detectActivityMapping(input.headers, input.table.headers);
    if (!detected.ok) return fail(detected.message);
    activities = detected.activities;
  }
  let dayOfDate: DayOfDate;
  try {
    dayOfDate = dayOfDateIn(input.timeZone);
  } catch {
    return fail(`activities: time zone "${input.timeZone}" is not known`);
  }
  const modelAsOf = input.asOf ?? input.base?.settings?.asOf;
  const defaultDay = modelAsOf !== undefined ? parseIsoDay(modelAsOf) : dayOfDate(new Date());
  if (defaultDay === undefined) return fail(`activities: the as-of date "${modelAsOf}" is not YYYY-MM-DD`);
  const asOfIndex =
    input.asOfColumn === undefined
      ? -1
      : input.headers.findIndex((h) => cellText(h) === cellText(input.asOfColumn));
  if (input.asOfColumn !== undefined && asOfIndex < 0)
    return fail(`activities: the leads have no as-of column "${input.asOfColumn}"`);
  const asOfDayOf = (lead: readonly unknown[]) =>
    asOfIndex < 0 ? defaultDay : (cellDay(lead[asOfIndex], dayOfDate) ?? defaultDay);

  const leads = [...input.decided, ...input.open];
  const read = profileEvents({
    activities,
    table: input.table,
    leadHeaders: input.headers,
    leads,
    asOfDayOf,
    dayOfDate,
    placeholders: input.placeholders,
  });
  if (!read.ok) return fail(read.message);
  const { profile } = read;
  const leadNames = new Set(input.headers.map((h) => cellText(h)));
  const columnOf = (type: string) => (leadNames.has(cellText(type)) ? `${type} (events)` : type);
  const text = (cell: unknown) => (isUnanswered(cell, input.placeholders) ? '' : cellText(cell, dayOfDate));
  const candidates = eventCandidates({
    profile,
    rows: input.table.rows,
    fit: input.fit,
    converted: input.converted,
    minSupport: input.minSupport,
    perEventRules: input.perEventRules,
    columnOf,
    text,
  });
  // The current model's event rules compete too, each its own family.
  for (const rule of input.base?.rules ?? []) {
    // A `per` rule's points grow with its count: not a yes/no the fit can weigh (as for column rules).
    if (rule.enabled === false || rule.event === undefined || rule.operator === 'per') continue;
    const first = typeof rule.event === 'string' ? rule.event : rule.event[0];
    if (first === undefined) continue;
    const column = columnOf(first);
    const copy: Rule = { ...rule, group: column, points: 1 };
    delete copy.maxPoints;
    delete copy.enabled;
    candidates.push({
      rule: copy,
      column,
      family: `current\u0000${rule.name}`,
      source: 'current',
      currentPoints: rule.points,
    });
  }

  const guardInputs = new Map<string, Omit<LeakageInput, 'column'>>();
  const decidedCount = input.decided.length;
  profile.types.forEach((type, t) => {
    const counts = profile.ages[t]!.map((events) => (events === null ? '' : events.length));
    guardInputs.set(columnOf(type.name), {
      cells: counts.slice(0, decidedCount),
      openCells: counts.slice(decidedCount),
      numeric: true,
    });
  });
  return { ok: true, set: { activities, candidates, guardInputs } };
}
