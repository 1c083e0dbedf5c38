// FROZEN copy of indexActivities as it stood before the activity log was streamed (src/core/engine/events.ts
// at 2e4ed3c): two passes over the rows held in memory. The property test compares the streamed builder with
// it; do not edit it to make that test pass.

import {
  type CellReading,
  type CompiledTree,
  compileTree,
  treeCountsDays,
} from '../../../src/core/engine/conditions';
import {
  type ActivityIndex,
  type ActivityTable,
  decayFactorOf,
  type EventRuleSpec,
  type EventTotals,
} from '../../../src/core/engine/events';
import type { Activities, Problem } from '../../../src/core/model';

/**
 * Reads the activity log once: resolves its columns (a missing one is a Problem naming it), assigns an
 * id to each distinct key, and sums each event rule's counted events per key.
 */
export function indexActivitiesV1(
  activities: Activities,
  table: ActivityTable,
  specs: readonly EventRuleSpec[],
  reading: CellReading,
  /** Finds an activity-table column; `rule` names the event rule whose `where` reads it, if any. */
  findColumn: (column: string, field: string, rule?: string) => number | undefined,
  problems: Problem[],
  /** Contract v2 §9: each lead is counted as of its own day (reading.clock), so nothing is summed ahead. */
  perLead = false,
): ActivityIndex | undefined {
  const before = problems.length;
  const keyColumn = findColumn(activities.activityKey, 'activityKey');
  const typeColumn = findColumn(activities.typeColumn, 'typeColumn');
  const dateColumn = findColumn(activities.dateColumn, 'dateColumn');
  const wheres = specs.map((spec) =>
    spec.rule.where === undefined
      ? undefined
      : compileTree(
          spec.rule.where,
          'where',
          (column, field) => findColumn(column, field, spec.rule.name),
          reading,
        ),
  );
  if (
    problems.length > before ||
    keyColumn === undefined ||
    typeColumn === undefined ||
    dateColumn === undefined
  ) {
    return undefined;
  }

  const { read, text, day, asOfDay } = reading;
  const rows = Array.isArray(table.rows) ? table.rows : [];
  // Pass 1: per row, its key id, type id and age (or skip it); dates repeat, so their reading is cached.
  const keyIds = new Map<string, number>();
  const typeIds = new Map<string, number>();
  const dayOfText = new Map<string, number | undefined>();
  const rowKey = new Int32Array(rows.length);
  const rowType = new Int32Array(rows.length);
  const rowDay = new Float64Array(rows.length);
  let eventCount = 0;
  const firstDays: number[] = [];
  // Texts repeat (a lead's key on each of its events, a handful of types): each distinct raw text is
  // read (blank values, trimmed, lower-cased) once. Non-text cells are read each time.
  const keyIdOfRaw = new Map<string, number>();
  const typeIdOfRaw = new Map<string, number>();
  const idOf = (cell: unknown, raw: Map<string, number>, ids: Map<string, number>): number => {
    if (typeof cell === 'string') {
      const known = raw.get(cell);
      if (known !== undefined) return known;
    }
    const normalised = text(read(cell));
    let id = -1;
    if (normalised !== '') {
      id = ids.get(normalised) ?? -1;
      if (id < 0) {
        id = ids.size;
        ids.set(normalised, id);
      }
    }
    if (typeof cell === 'string' && raw.size < 1_000_000) raw.set(cell, id);
    return id;
  };
  for (let index = 0; index < rows.length; index++) {
    rowKey[index] = -1;
    const row = rows[index];
    if (!Array.isArray(row)) continue;
    const dateCell = row[dateColumn];
    let date: number | undefined;
    if (typeof dateCell === 'string') {
      if (dayOfText.has(dateCell)) date = dayOfText.get(dateCell);
      else {
        date = day(read(dateCell));
        if (dayOfText.size < 100_000) dayOfText.set(dateCell, date);
      }
    } else date = day(read(dateCell));
    if (date === undefined) continue;
    // As of one day, a later event never counts; per lead, it may count for a lead of a later day.
    if (!perLead && asOfDay - date < 0) continue;
    const typeId = idOf(row[typeColumn], typeIdOfRaw, typeIds);
    if (typeId < 0) continue;
    const keyId = idOf(row[keyColumn], keyIdOfRaw, keyIds);
    if (keyId < 0) continue;
    rowKey[index] = keyId;
    if (perLead) firstDays[keyId] = Math.min(firstDays[keyId] ?? date, date);
    rowType[index] = typeId;
    rowDay[index] = date;
    eventCount++;
  }

  // Pass 2: per event rule, the rows of its types only.
  const keyCount = keyIds.size;
  const totals: EventTotals[] = specs.map((spec, specIndex) => {
    const where = wheres[specIndex];
    const wanted = new Uint8Array(typeIds.size);
    const types = typeof spec.rule.event === 'string' ? [spec.rule.event] : (spec.rule.event ?? []);
    let anyType = false;
    for (const type of types) {
      const typeId = typeIds.get(text(type));
      if (typeId !== undefined) {
        wanted[typeId] = 1;
        anyType = true;
      }
    }
    if (!anyType) return { count: () => 0, sum: () => 0, where };
    const withinDays = spec.rule.withinDays ?? Number.POSITIVE_INFINITY;
    const decay = spec.rule.operator === 'per' ? spec.decay : undefined;
    const whereTest = where?.test;
    if (perLead) return perLeadTotals(rows, rowKey, rowType, rowDay, wanted, keyCount, spec, where, reading);
    const counts = new Float64Array(keyCount);
    const sums = new Float64Array(keyCount);
    for (let index = 0; index < rows.length; index++) {
      const keyId = rowKey[index]!;
      if (keyId < 0 || wanted[rowType[index]!] !== 1) continue;
      const age = asOfDay - rowDay[index]!;
      if (age > withinDays) continue;
      if (whereTest !== undefined && !whereTest(rows[index]!)) continue;
      counts[keyId]! += 1;
      sums[keyId]! += decay === undefined ? 1 : decayFactorOf(decay, age);
    }
    return { count: (keyId) => counts[keyId]!, sum: (keyId) => sums[keyId]!, where };
  });

  return {
    keyId: (keyText) => keyIds.get(keyText) ?? -1,
    totals,
    eventCount,
    firstDays: perLead ? Float64Array.from(firstDays) : undefined,
  };
}

/**
 * Contract v2 §9: an event rule's totals when each lead has its own as-of day. The rule's events are kept
 * per key (in log order, so sums add up as with one as-of day) and counted when a lead is read, as of
 * reading.clock; the last key and day are remembered, since a lead's rule is asked several times.
 */
function perLeadTotals(
  rows: readonly (readonly unknown[])[],
  rowKey: Int32Array,
  rowType: Int32Array,
  rowDay: Float64Array,
  wanted: Uint8Array,
  keyCount: number,
  spec: EventRuleSpec,
  where: CompiledTree | undefined,
  reading: CellReading,
): EventTotals {
  const clock = reading.clock;
  const withinDays = spec.rule.withinDays ?? Number.POSITIVE_INFINITY;
  const decay = spec.rule.operator === 'per' ? spec.decay : undefined;
  // A `where` that counts days depends on the lead's day, so it is tested when counting; any other once.
  const liveWhere = where !== undefined && spec.rule.where !== undefined && treeCountsDays(spec.rule.where);
  const keep = (index: number) =>
    rowKey[index]! >= 0 &&
    wanted[rowType[index]!] === 1 &&
    (where === undefined || liveWhere || where.test(rows[index]!));
  const starts = new Int32Array(keyCount + 1);
  for (let index = 0; index < rows.length; index++) if (keep(index)) starts[rowKey[index]! + 1]! += 1;
  for (let keyId = 0; keyId < keyCount; keyId++) starts[keyId + 1]! += starts[keyId]!;
  const filled = starts.slice(0, keyCount);
  const days = new Float64Array(starts[keyCount]!);
  const rowOf = new Int32Array(starts[keyCount]!);
  for (let index = 0; index < rows.length; index++) {
    if (!keep(index)) continue;
    const slot = filled[rowKey[index]!]!++;
    days[slot] = rowDay[index]!;
    rowOf[slot] = index;
  }
  let lastKey = -1;
  let lastDay = Number.NaN;
  let lastCount = 0;
  let lastSum = 0;
  const tally = (keyId: number): void => {
    const asOf = clock.day;
    if (keyId === lastKey && asOf === lastDay) return;
    let count = 0;
    let sum = 0;
    for (let slot = starts[keyId]!; slot < starts[keyId + 1]!; slot++) {
      const age = asOf - days[slot]!;
      if (age < 0 || age > withinDays) continue;
      if (liveWhere && !where!.test(rows[rowOf[slot]!]!)) continue;
      count += 1;
      sum += decay === undefined ? 1 : decayFactorOf(decay, age);
    }
    lastKey = keyId;
    lastDay = asOf;
    lastCount = count;
    lastSum = sum;
  };
  return {
    count(keyId) {
      if (keyId < 0 || keyId >= keyCount) return 0;
      tally(keyId);
      return lastCount;
    },
    sum(keyId) {
      if (keyId < 0 || keyId >= keyCount) return 0;
      tally(keyId);
      return lastSum;
    },
    where,
  };
}
