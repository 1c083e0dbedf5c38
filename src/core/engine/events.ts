// Rules that count events in an activity log (contract v2 §6). The log is read ONCE per compile: every
// event is matched against every event rule and summed per lead key, so scoring a lead is one Map lookup
// and an array read per event rule, never a search of the log.

import type { Activities, Decay, EventOperator, Problem, Rule } from '../model';
import { type CellReading, type CompiledTree, compileTree } from './conditions';

/** An activity log as it comes from a range, a CSV or the sidebar: a header row and rows, one per event. */
export interface ActivityTable {
  headers: readonly unknown[];
  rows: readonly (readonly unknown[])[];
}

/** Per event rule, the count (and for `per`, the decayed sum) of each lead key's counted events. */
export interface EventTotals {
  readonly counts: Float64Array;
  readonly sums: Float64Array;
  readonly where: CompiledTree | undefined;
}

export interface ActivityIndex {
  /** The id of a lead key (as v1 text); -1 when the log has no event with that key. */
  keyId(keyText: string): number;
  /** Aligned with the event rules given to indexActivities. */
  readonly totals: readonly EventTotals[];
  /** Events with a usable key, type and date (for explanations and figures). */
  readonly eventCount: number;
}

export interface EventRuleSpec {
  readonly rule: Rule;
  /** The group's decay, when it has one: each counted event fades by its own age. */
  readonly decay: Decay | undefined;
}

/** Decay factor of an age: v1 step 2 (whole steps of everyDays), never NaN. */
export function decayFactorOf(decay: Pick<Decay, 'percent' | 'everyDays'>, age: number): number {
  if (!(decay.percent > 0)) return 1;
  const steps = Math.floor(Math.max(0, age) / decay.everyDays);
  const factor = (100 - decay.percent * steps) / 100;
  return factor > 0 ? factor : 0; // also 0 when steps is Infinity (a tiny everyDays)
}

/** Whether a count compares so with an event rule's value. */
export function countTest(operator: EventOperator, value: unknown): (count: number) => boolean {
  switch (operator) {
    case '>':
      return (count) => count > (value as number);
    case '>=':
      return (count) => count >= (value as number);
    case '<':
      return (count) => count < (value as number);
    case '<=':
      return (count) => count <= (value as number);
    case 'equals':
      return (count) => count === (value as number);
    case 'not equals':
      return (count) => count !== (value as number);
    case 'between': {
      const [min, max] = value as [number, number];
      return (count) => count >= min && count <= max;
    }
    case 'per':
      return (count) => count !== 0;
  }
}

/**
 * Reads the activity log once: resolves its columns (a missing one is a Problem naming it), assigns an
 * id to each distinct key, and sums each event rule's counted events per key.
 */
export function indexActivities(
  activities: Activities,
  table: ActivityTable,
  specs: readonly EventRuleSpec[],
  reading: CellReading,
  /** Finds an activity-table column; `rule` names the event rule whose `where` reads it, if any. */
  findColumn: (column: string, field: string, rule?: string) => number | undefined,
  problems: Problem[],
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
  const rowAge = new Float64Array(rows.length);
  let eventCount = 0;
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
    const age = asOfDay - date;
    if (age < 0) continue;
    const typeId = idOf(row[typeColumn], typeIdOfRaw, typeIds);
    if (typeId < 0) continue;
    const keyId = idOf(row[keyColumn], keyIdOfRaw, keyIds);
    if (keyId < 0) continue;
    rowKey[index] = keyId;
    rowType[index] = typeId;
    rowAge[index] = age;
    eventCount++;
  }

  // Pass 2: per event rule, the rows of its types only.
  const keyCount = keyIds.size;
  const totals: EventTotals[] = specs.map((spec, specIndex) => {
    const counts = new Float64Array(keyCount);
    const sums = new Float64Array(keyCount);
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
    if (!anyType) return { counts, sums, where };
    const withinDays = spec.rule.withinDays ?? Number.POSITIVE_INFINITY;
    const decay = spec.rule.operator === 'per' ? spec.decay : undefined;
    const whereTest = where?.test;
    for (let index = 0; index < rows.length; index++) {
      const keyId = rowKey[index]!;
      if (keyId < 0 || wanted[rowType[index]!] !== 1) continue;
      const age = rowAge[index]!;
      if (age > withinDays) continue;
      if (whereTest !== undefined && !whereTest(rows[index]!)) continue;
      counts[keyId]! += 1;
      sums[keyId]! += decay === undefined ? 1 : decayFactorOf(decay, age);
    }
    return { counts, sums, where };
  });

  return {
    keyId: (keyText) => keyIds.get(keyText) ?? -1,
    totals,
    eventCount,
  };
}
