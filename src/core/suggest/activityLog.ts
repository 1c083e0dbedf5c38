// The activity log as Suggest reads it (contract v2 §6): how the log maps onto the leads (given, from the
// current model, or detected from usual headers), and per lead the ages of its events of each type, counted
// as of the lead's own day (§9: an event after that day does not count).

import { cellDay, cellText, type DayOfDate } from '../cells';
import type { ActivityTable } from '../engine';
import type { Activities } from '../model';
import { isUnanswered } from './columns';

const TYPE_HEADERS = ['activity', 'activity type', 'event', 'event type', 'type', 'action', 'activity name'];
const DATE_HEADERS = ['date', 'activity date', 'event date', 'timestamp', 'time', 'when', 'occurred', 'day'];
const KEY_HEADERS = [
  'lead',
  'lead id',
  'lead email',
  'email',
  'e-mail',
  'contact',
  'contact id',
  'id',
  'lead key',
];

const key = (header: unknown) => cellText(header);

/**
 * The mapping of §6 from the headers alone: the log's type and date columns by their usual names; the key is
 * a column both tables have (the same header), else a usual key name in each. A problem in plain words when
 * a part cannot be found.
 */
export function detectActivityMapping(
  leadHeaders: readonly unknown[],
  activityHeaders: readonly unknown[],
): { ok: true; activities: Activities } | { ok: false; message: string } {
  const names = activityHeaders.map((h) => String(h ?? '').trim());
  const leadNames = leadHeaders.map((h) => String(h ?? '').trim());
  const pick = (list: readonly string[], wanted: readonly string[], avoid: readonly string[] = []) => {
    for (const word of wanted) {
      const found = list.find((h) => key(h) === word && !avoid.includes(key(h)));
      if (found !== undefined) return found;
    }
    return undefined;
  };
  const typeColumn = pick(names, TYPE_HEADERS);
  const dateColumn =
    pick(names, DATE_HEADERS) ?? names.find((h) => /\bdate\b/i.test(h) && key(h) !== key(typeColumn));
  const taken = [key(typeColumn), key(dateColumn)];
  const shared = names.find(
    (h) => h !== '' && !taken.includes(key(h)) && leadNames.some((l) => key(l) === key(h)),
  );
  const activityKey = shared ?? pick(names, KEY_HEADERS, taken);
  const leadKey = shared ?? (activityKey === undefined ? undefined : pick(leadNames, KEY_HEADERS));
  const lacking: string[] = [];
  if (typeColumn === undefined) lacking.push('its type column (e.g. "Activity")');
  if (dateColumn === undefined) lacking.push('its date column (e.g. "Date")');
  if (activityKey === undefined || leadKey === undefined)
    lacking.push('the key both tables share (a column with the same header, e.g. "Email")');
  if (lacking.length > 0 || !typeColumn || !dateColumn || !activityKey || !leadKey) {
    return {
      ok: false,
      message: `activities: cannot tell ${lacking.join(', ')} (the log's columns: ${names.map((n) => `"${n}"`).join(', ')}); name them`,
    };
  }
  return { ok: true, activities: { leadKey, activityKey, typeColumn, dateColumn } };
}

/** One event type of the log, as the engine compares types (trimmed, case-insensitive). */
export interface EventType {
  /** The type as first spelt in the log. */
  name: string;
  /** Index of each event of this type in the table's rows. */
  events: number[];
}

/** The log read for Suggest: its types, and per lead (aligned with the leads given) its events' ages. */
export interface EventProfile {
  types: EventType[];
  /** Per type (aligned with `types`), per lead: the ages in days (as of the lead's own day, ≥ 0) of its
   *  events of that type, with their row in the log. Null when the lead has none. */
  ages: ({ age: number; row: number }[] | null)[][];
  /** Columns of the log other than the key, type and date (for `where` conditions). */
  otherColumns: { name: string; index: number }[];
}

export interface ProfileInput {
  activities: Activities;
  table: ActivityTable;
  leadHeaders: readonly unknown[];
  leads: readonly (readonly unknown[])[];
  /** Day number each lead is judged as of (§9: its own day, else the model's as-of). */
  asOfDayOf: (lead: readonly unknown[]) => number;
  dayOfDate: DayOfDate;
  placeholders: ReadonlySet<string>;
}

/** Reads the log once: rows by key, then per lead its events by type. A missing column is a message. */
export function profileEvents(
  input: ProfileInput,
): { ok: true; profile: EventProfile } | { ok: false; message: string } {
  const { activities, table, leadHeaders, leads, placeholders } = input;
  const find = (headers: readonly unknown[], name: string) => headers.findIndex((h) => key(h) === key(name));
  const missing: string[] = [];
  const leadKey = find(leadHeaders, activities.leadKey);
  if (leadKey < 0) missing.push(`the leads have no column "${activities.leadKey}" (activities.leadKey)`);
  const at = {
    key: find(table.headers, activities.activityKey),
    type: find(table.headers, activities.typeColumn),
    date: find(table.headers, activities.dateColumn),
  };
  for (const [field, name] of [
    ['key', activities.activityKey],
    ['type', activities.typeColumn],
    ['date', activities.dateColumn],
  ] as const) {
    if (at[field] < 0) missing.push(`the activity table has no column "${name}"`);
  }
  if (missing.length > 0) return { ok: false, message: `activities: ${missing.join('; ')}` };
  const text = (cell: unknown) => (isUnanswered(cell, placeholders) ? '' : cellText(cell, input.dayOfDate));

  const typeIds = new Map<string, number>();
  const types: EventType[] = [];
  const byKey = new Map<string, { type: number; day: number; row: number }[]>();
  const dayCache = new Map<unknown, number | undefined>();
  table.rows.forEach((row, index) => {
    const cellKey = text(row[at.key]);
    const typeText = text(row[at.type]);
    if (cellKey === '' || typeText === '') return;
    const dateCell = row[at.date];
    let day = dayCache.get(dateCell);
    if (day === undefined && !dayCache.has(dateCell)) {
      day = isUnanswered(dateCell, placeholders) ? undefined : cellDay(dateCell, input.dayOfDate);
      if (typeof dateCell === 'string') dayCache.set(dateCell, day);
    }
    if (day === undefined) return;
    let type = typeIds.get(typeText);
    if (type === undefined) {
      type = types.length;
      typeIds.set(typeText, type);
      const raw = row[at.type];
      types.push({ name: typeof raw === 'string' ? raw.trim() : typeText, events: [] });
    }
    types[type]!.events.push(index);
    const list = byKey.get(cellKey);
    if (list) list.push({ type, day, row: index });
    else byKey.set(cellKey, [{ type, day, row: index }]);
  });

  const ages: ({ age: number; row: number }[] | null)[][] = types.map(() => leads.map(() => null));
  leads.forEach((lead, l) => {
    const events = byKey.get(text(lead[leadKey]));
    if (events === undefined) return;
    const asOf = input.asOfDayOf(lead);
    for (const event of events) {
      const age = asOf - event.day;
      if (age < 0) continue;
      const perLead = ages[event.type]!;
      const list = perLead[l];
      if (list) list.push({ age, row: event.row });
      else perLead[l] = [{ age, row: event.row }];
    }
  });
  const used = new Set([at.key, at.type, at.date]);
  const otherColumns = table.headers.flatMap((h, index) =>
    used.has(index) || String(h ?? '').trim() === '' ? [] : [{ name: String(h).trim(), index }],
  );
  return { ok: true, profile: { types, ages, otherColumns } };
}
