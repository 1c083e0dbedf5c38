// The activity log indexed as it is read (contract v2 §6): one event row at a time goes into numeric
// tallies per lead key, and the row itself is dropped. A table in memory (the add-on's range, through
// indexActivityTable) and a file streamed by the CLI (ActivityLog) go through this same builder, so the two
// cannot count differently.

import type { Activities, Problem } from '../model';
import { type CellReading, type CompiledTree, compileTree, treeCountsDays } from './conditions';
import { type ActivityIndex, decayFactorOf, type EventRuleSpec, type EventTotals } from './events';

/** Finds an activity-table column; `rule` names the event rule whose `where` reads it, if any. */
export type ActivityColumnFinder = (column: string, field: string, rule?: string) => number | undefined;

/** A growable typed array: doubles its buffer as it fills, so a log of unknown length costs no rows. */
class Growing<T extends Int32Array | Float64Array> {
  length = 0;
  constructor(
    public items: T,
    private readonly make: (size: number) => T,
  ) {}
  push(value: number): void {
    if (this.length === this.items.length) {
      const bigger = this.make(Math.max(16, this.items.length * 2));
      bigger.set(this.items);
      this.items = bigger;
    }
    this.items[this.length++] = value;
  }
}

const int32s = (size = 0) => new Growing(new Int32Array(size), (n) => new Int32Array(n));
const float64s = (size = 0) => new Growing(new Float64Array(size), (n) => new Float64Array(n));

/**
 * A copy of a text that holds only its own characters: a cell cut from a large read of a file can keep the
 * whole read alive in V8 (a sliced string), so a text kept for the length of a run is copied once.
 */
function detached(text: string): string {
  return text.length < 13 ? text : ` ${text}`.slice(1);
}

/**
 * Texts not as v1 reads them (not trimmed, capitals, a blank value) and the id each reads as, so that each is
 * read once. Past `bound` distinct spellings (a million keys, say) a look-up would rarely find one and the map
 * would cost as much as the ids: it is dropped and each such text is read again.
 */
class Spellings {
  private map: Map<string, number> | undefined = new Map();
  constructor(private readonly bound: number) {}
  get(text: string): number | undefined {
    return this.map?.get(text);
  }
  remember(text: string, id: number): void {
    if (this.map === undefined) return;
    if (this.map.size < this.bound) this.map.set(detached(text), id);
    else this.map = undefined;
  }
}

/** Per event rule, what add() needs and what finish() turns into EventTotals. */
interface RuleState {
  readonly spec: EventRuleSpec;
  readonly where: CompiledTree | undefined;
  /** §9 only: the `where` counts days, so it is tested when a lead is counted, on the cells kept for it. */
  readonly liveWhere: boolean;
  readonly withinDays: number;
  readonly decay: EventRuleSpec['decay'];
  /** One as-of day: per key id, the count and (decayed) sum so far. */
  counts: Uint32Array;
  /** Only with a decay (without one, the sum is the count). */
  sums: Float64Array | undefined;
  /** §9: the rule's events, in log order: key id, day and (with a live where) the index of its kept cells. */
  eventKeys: Growing<Int32Array>;
  /** Days are whole numbers of days (±100,000,000 around 1970 at most): 32 bits, unless one is not. */
  eventDays: Growing<Int32Array> | Growing<Float64Array>;
  eventCells: Growing<Int32Array>;
}

/**
 * Builds an ActivityIndex from event rows given one at a time (add), in log order. What it keeps: a Map from
 * each distinct lead key (as v1 text) and event type to an id, and per event rule a count and sum per key id;
 * with §9 (perLead), per event rule the key id and day of each event of a type it counts, and, for a `where`
 * that counts days, only the cells that `where` reads.
 */
export class ActivityIndexBuilder {
  /** The activity-table columns add() reads (the log's three, and those of the rules' `where`). */
  readonly columns: readonly number[];
  private readonly keyColumn: number;
  private readonly typeColumn: number;
  private readonly dateColumn: number;
  private readonly rules: RuleState[] = [];
  private readonly keyIds = new Map<string, number>();
  private readonly typeIds = new Map<string, number>();
  /** Per type id, the rules that count it (type ids of the rules' events come first). */
  private readonly rulesOfType: number[][] = [];
  // Texts repeat (a lead's key on each of its events, a handful of types and days): each distinct raw text
  // is read (blank values, trimmed, lower-cased) once, up to a bound. Non-text cells are read each time.
  private readonly typeSpellings = new Spellings(1_000_000);
  private readonly keySpellings = new Spellings(50_000);
  private readonly dayOfText = new Map<string, number | undefined>();
  private readonly firstDays = float64s();
  /** §9, live `where` only: the cells those wheres read, per kept event (columns liveColumns). */
  private readonly liveColumns: number[] = [];
  private readonly liveCells: unknown[][] = [];
  private liveCount = 0;
  private keyCount = 0;
  private eventCount = 0;
  private finished = false;
  /** Whether a text already as v1 reads it reads the same again (so can be looked up as it stands). */
  private asReadTwice = true;
  private readonly ok: boolean;

  constructor(
    activities: Activities,
    specs: readonly EventRuleSpec[],
    private readonly reading: CellReading,
    findColumn: ActivityColumnFinder,
    problems: Problem[],
    /** Contract v2 §9: each lead is counted as of its own day (reading.clock), so nothing is summed ahead. */
    private readonly perLead = false,
  ) {
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
    this.keyColumn = keyColumn ?? -1;
    this.typeColumn = typeColumn ?? -1;
    this.dateColumn = dateColumn ?? -1;
    this.ok =
      problems.length === before &&
      keyColumn !== undefined &&
      typeColumn !== undefined &&
      dateColumn !== undefined;
    const columns = new Set([this.keyColumn, this.typeColumn, this.dateColumn]);
    specs.forEach((spec, index) => {
      const where = wheres[index];
      const liveWhere =
        perLead && where !== undefined && spec.rule.where !== undefined && treeCountsDays(spec.rule.where);
      if (spec.rule.where !== undefined) {
        const finder = (column: string) => {
          const found = findColumn(column, '', spec.rule.name);
          if (found !== undefined) {
            columns.add(found);
            if (liveWhere && !this.liveColumns.includes(found)) this.liveColumns.push(found);
          }
          return found;
        };
        // Only to learn the columns (the problems were reported above).
        if (this.ok) compileTree(spec.rule.where, 'where', finder, reading);
      }
      const rule: RuleState = {
        spec,
        where,
        liveWhere,
        withinDays: spec.rule.withinDays ?? Number.POSITIVE_INFINITY,
        decay: spec.rule.operator === 'per' ? spec.decay : undefined,
        counts: new Uint32Array(0),
        sums: undefined,
        eventKeys: int32s(),
        eventDays: int32s(),
        eventCells: int32s(),
      };
      this.rules.push(rule);
      const types = typeof spec.rule.event === 'string' ? [spec.rule.event] : (spec.rule.event ?? []);
      for (const type of types) {
        const typeText = reading.text(type);
        if (typeText === '') continue;
        const typeId = this.idOfText(typeText, this.typeIds);
        this.rulesOfType[typeId] ??= [];
        if (!this.rulesOfType[typeId]!.includes(index)) this.rulesOfType[typeId]!.push(index);
      }
    });
    this.columns = [...columns].filter((column) => column >= 0).sort((a, b) => a - b);
  }

  /** Whether the log's columns were all found (else add() reads nothing and finish() gives undefined). */
  get usable(): boolean {
    return this.ok;
  }

  /** One event row, in log order (cells aligned with the activity table's headers). */
  add(row: readonly unknown[]): void {
    if (!this.ok || !Array.isArray(row)) return;
    const { read, asOfDay } = this.reading;
    const dateCell = row[this.dateColumn];
    let date: number | undefined;
    if (typeof dateCell === 'string') {
      date = this.dayOfText.get(dateCell);
      if (date === undefined && !this.dayOfText.has(dateCell)) {
        date = this.reading.day(read(dateCell));
        if (this.dayOfText.size < 100_000) this.dayOfText.set(detached(dateCell), date);
      }
    } else date = this.reading.day(read(dateCell));
    if (date === undefined) return;
    // As of one day, a later event never counts; per lead, it may count for a lead of a later day.
    if (!this.perLead && asOfDay - date < 0) return;
    const typeId = this.idOf(row[this.typeColumn], this.typeSpellings, this.typeIds);
    if (typeId < 0) return;
    const keyId = this.idOf(row[this.keyColumn], this.keySpellings, this.keyIds);
    if (keyId < 0) return;
    this.eventCount++;
    if (keyId === this.keyCount) {
      this.keyCount++; // a new key
      if (this.perLead) this.firstDays.push(date);
    } else if (this.perLead && date < this.firstDays.items[keyId]!) this.firstDays.items[keyId] = date;
    const counted = this.rulesOfType[typeId];
    if (counted === undefined) return;
    let liveSlot = -1;
    for (const ruleIndex of counted) {
      const rule = this.rules[ruleIndex]!;
      if (this.perLead) {
        if (rule.where !== undefined && !rule.liveWhere && !rule.where.test(row)) continue;
        if (rule.liveWhere) {
          if (liveSlot < 0) liveSlot = this.keepLiveCells(row);
          rule.eventCells.push(liveSlot);
        }
        rule.eventKeys.push(keyId);
        if (rule.eventDays.items instanceof Int32Array && (date | 0) !== date) {
          const wide = float64s(rule.eventDays.items.length);
          wide.items.set(rule.eventDays.items);
          wide.length = rule.eventDays.length;
          rule.eventDays = wide;
        }
        rule.eventDays.push(date);
        continue;
      }
      const age = asOfDay - date;
      if (age > rule.withinDays) continue;
      if (rule.where !== undefined && !rule.where.test(row)) continue;
      if (keyId >= rule.counts.length) this.grow(rule);
      rule.counts[keyId]! += 1;
      if (rule.sums !== undefined) rule.sums[keyId]! += decayFactorOf(rule.decay!, age);
    }
  }

  /** The index of the rows added; undefined when the log's columns were not all found. Call once. */
  finish(): ActivityIndex | undefined {
    if (!this.ok) return undefined;
    if (this.finished) throw new Error('ActivityIndexBuilder.finish() called twice');
    this.finished = true;
    const keyIds = this.keyIds;
    const keyCount = this.keyCount;
    const totals: EventTotals[] = this.rules.map((rule) => {
      if (this.perLead) return this.perLeadTotals(rule);
      const { counts, sums } = rule;
      const size = counts.length;
      const count = (keyId: number) => (keyId < size ? counts[keyId]! : 0);
      return {
        count,
        sum: sums === undefined ? count : (keyId) => (keyId < size ? sums[keyId]! : 0),
        where: rule.where,
      };
    });
    return {
      keyId: (keyText) => keyIds.get(keyText) ?? -1,
      totals,
      eventCount: this.eventCount,
      firstDays: this.perLead ? this.firstDays.items.slice(0, keyCount) : undefined,
    };
  }

  /** Room for the tallies of more keys: half as many again (a million keys cost 4 MB a rule, 12 with decay). */
  private grow(rule: RuleState): void {
    const size = Math.max(1024, Math.ceil(this.keyCount * 1.5));
    const counts = new Uint32Array(size);
    counts.set(rule.counts);
    rule.counts = counts;
    if (rule.decay !== undefined) {
      const sums = new Float64Array(size);
      if (rule.sums !== undefined) sums.set(rule.sums);
      rule.sums = sums;
    }
  }

  private idOfText(normalised: string, ids: Map<string, number>): number {
    let id = ids.get(normalised);
    if (id === undefined) {
      id = ids.size;
      ids.set(detached(normalised), id);
      // A text as v1 reads it is looked up as it stands (idOf), which is right only if reading it again
      // changes nothing: true of trimmed, case-folded text, checked all the same.
      if (this.reading.text(this.reading.read(normalised)) !== normalised) this.asReadTwice = false;
    }
    return id;
  }

  private idOf(cell: unknown, spellings: Spellings, ids: Map<string, number>): number {
    if (typeof cell === 'string') {
      const known = (this.asReadTwice ? ids.get(cell) : undefined) ?? spellings.get(cell);
      if (known !== undefined) return known;
    }
    const normalised = this.reading.text(this.reading.read(cell));
    const id = normalised === '' ? -1 : this.idOfText(normalised, ids);
    if (typeof cell === 'string' && cell !== normalised) spellings.remember(cell, id);
    return id;
  }

  private keepLiveCells(row: readonly unknown[]): number {
    this.liveCells.push(
      this.liveColumns.map((column) => {
        const cell = row[column];
        return typeof cell === 'string' ? detached(cell) : cell;
      }),
    );
    return this.liveCount++;
  }

  /**
   * Contract v2 §9: an event rule's totals when each lead has its own as-of day. The rule's events are
   * grouped per key (in log order, so sums add up as with one as-of day) and counted when a lead is read,
   * as of reading.clock; the last key and day are remembered, since a lead's rule is asked several times.
   */
  private perLeadTotals(rule: RuleState): EventTotals {
    const keyCount = this.keyCount;
    const clock = this.reading.clock;
    const { where, liveWhere, withinDays, decay } = rule;
    const events = rule.eventKeys.length;
    const eventKeys = rule.eventKeys.items;
    const starts = new Int32Array(keyCount + 1);
    for (let index = 0; index < events; index++) starts[eventKeys[index]! + 1]! += 1;
    for (let keyId = 0; keyId < keyCount; keyId++) starts[keyId + 1]! += starts[keyId]!;
    const filled = starts.slice(0, keyCount);
    const days =
      rule.eventDays.items instanceof Int32Array ? new Int32Array(events) : new Float64Array(events);
    const cellsOf = liveWhere ? new Int32Array(events) : undefined;
    for (let index = 0; index < events; index++) {
      const slot = filled[eventKeys[index]!]!++;
      days[slot] = rule.eventDays.items[index]!;
      if (cellsOf !== undefined) cellsOf[slot] = rule.eventCells.items[index]!;
    }
    rule.eventKeys = int32s();
    rule.eventDays = int32s();
    rule.eventCells = int32s();
    // A live `where` reads its columns of a row made of the kept cells (the others stay empty).
    const liveCells = this.liveCells;
    const liveColumns = this.liveColumns;
    const scratch: unknown[] = [];
    const liveRow = (cellsIndex: number): unknown[] => {
      const cells = liveCells[cellsIndex]!;
      for (let index = 0; index < liveColumns.length; index++) scratch[liveColumns[index]!] = cells[index];
      return scratch;
    };
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
        if (cellsOf !== undefined && !where!.test(liveRow(cellsOf[slot]!))) continue;
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
}
