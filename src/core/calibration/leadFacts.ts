// What a streamed calibration needs of each row, worked out where the row is read — on the thread that
// merges them, or on a worker thread reading a piece of a file — and added to the tallies in the rows'
// order (CalibrationStream.addFacts). A row becomes a few numbers in typed arrays (its kind, score, matched
// rules' pattern id, engagement cell, tag and per watched rule column a value id), so a batch of them
// crosses threads without a string per cell. Value and pattern ids are the evaluator's own: each batch
// lists the values and patterns first seen in it, and the stream maps them to its ids in the rows' order.

import { cellText, isBlank } from '../cells';
import { compileModel } from '../engine';
import type { CompiledModel } from '../engine/types';
import type { Model, Problem } from '../model';
import { DEFAULT_PLACEHOLDERS, isUnanswered, placeholderSet } from '../suggest/columns';
import { DecisionDayTally } from './asOfAdvice';
import { CellTally, engagementCells } from './engagementCells';
import { periodFilter, type RowsCalibrationOptions } from './rowsCalibration';

/** A row's kind in LeadFacts.kind. */
export const BLANK = 0;
export const OUTSIDE_PERIOD = 1;
export const OPEN = 2;
export const NOT_CONVERTED = 3;
export const CONVERTED = 4;
/** Decided leads whose band was set by hand (the override column): reported apart. */
export const OVERRIDDEN_NOT_CONVERTED = 5;
export const OVERRIDDEN_CONVERTED = 6;

/** A batch of rows, as facts. Arrays may be longer than `count`. */
export interface LeadFacts {
  count: number;
  kind: Uint8Array;
  /** The score (leads); an overridden lead's score is its override's. */
  score: Float64Array;
  /** Overridden leads: the model's own score. */
  modelScore: Float64Array;
  /** Decided leads: the id of the rules they matched (the evaluator's patterns). */
  pattern: Uint32Array;
  /** Decided leads of a model with engagement cells: the cell's index, -1 for none. */
  cell: Int32Array;
  /** Given with the row (e.g. its line in a file), for the review sample. */
  tag: Float64Array;
  /** Per row and watched column (row × columns + column): decided, its value's id; open, 1 when unanswered. */
  values: Uint32Array;
  /** Per watched column, the values first seen in this batch, by id (ids go on from earlier batches). */
  newValues: unknown[][];
  /** The patterns first seen in this batch, by id. */
  newPatterns: boolean[][];
  /** Per decision-day candidate column (DecisionDayTally): its filled and date cells in this batch. */
  dayFilled: number[];
  dayDates: number[];
}

/** A rule column watched by the leakage guard: the first column each enabled rule reads. */
export interface WatchedColumnAt {
  index: number;
  column: string;
}

export function watchedColumns(model: Model, headers: readonly unknown[]): WatchedColumnAt[] {
  const watched: WatchedColumnAt[] = [];
  const seen = new Set<number>();
  for (const rule of model.rules) {
    if (rule.enabled === false || rule.column === undefined) continue;
    const index = headers.findIndex((h) => cellText(h) === cellText(rule.column));
    if (index < 0 || seen.has(index)) continue;
    seen.add(index);
    watched.push({ index, column: String(headers[index]).trim() });
  }
  return watched;
}

export function leadPlaceholders(model: Model): ReadonlySet<string> {
  return placeholderSet([...DEFAULT_PLACEHOLDERS, ...(model.settings?.blankValues ?? [])]);
}

export type StartEvaluatorResult =
  | { ok: true; evaluator: LeadEvaluator }
  | { ok: false; problems: Problem[] };

/** An evaluator for rows under `headers` (on a worker, with the options the stream was started with). */
export function startLeadEvaluator(
  model: Model,
  headers: readonly unknown[],
  options: RowsCalibrationOptions,
): StartEvaluatorResult {
  const compiled = compileModel(model, headers, { ...options, requireOutcome: true });
  if (!compiled.ok) return compiled;
  const inPeriod = periodFilter(headers, options);
  if (!inPeriod.ok) return inPeriod;
  return { ok: true, evaluator: new LeadEvaluator(model, headers, compiled.compiled, inPeriod.test) };
}

/**
 * A cell to keep, without the text it was cut from: a cell of 13 characters or more cut from a read of a
 * file is a view that keeps the whole read (64 KB) alive, and one distinct value per read would hold them all.
 * Slicing a concatenation makes a flat copy first (V8).
 */
function detached(cell: unknown): unknown {
  return typeof cell === 'string' && cell.length >= 13 ? ` ${cell}`.slice(1) : cell;
}

/** The rules a lead matched as a key: bits of a number up to 30 rules, else a text of 0s and 1s. */
export function patternKey(matches: readonly boolean[]): number | string {
  if (matches.length > 30) return matches.map((m) => (m ? '1' : '0')).join('');
  let key = 0;
  for (let rule = 0; rule < matches.length; rule++) if (matches[rule]) key |= 1 << rule;
  return key;
}

const FIRST_CAPACITY = 1024;
const FEW_VALUES = 8;

export class LeadEvaluator {
  private readonly watched: number[];
  private readonly placeholders: ReadonlySet<string>;
  private readonly overrides: boolean;
  private readonly decisionDays: DecisionDayTally;
  private readonly cellTally: CellTally | undefined;
  private readonly valueIds: Map<unknown, number>[];
  /** Per watched column, its values while there are at most FEW_VALUES (then one more: the Map decides). */
  private readonly fewValues: unknown[][];
  private readonly patternIds = new Map<number | string, number>();
  /** The rules the current row matched (reused). */
  private readonly matched: boolean[] = [];
  private facts: LeadFacts;

  constructor(
    model: Model,
    headers: readonly unknown[],
    private readonly engine: CompiledModel,
    private readonly inPeriod: (row: readonly unknown[]) => boolean,
  ) {
    this.watched = watchedColumns(model, headers).map((column) => column.index);
    this.placeholders = leadPlaceholders(model);
    this.overrides = model.settings?.overrideColumn !== undefined;
    this.decisionDays = new DecisionDayTally(headers);
    const cellNames = engagementCells(model);
    this.cellTally = cellNames ? new CellTally(cellNames) : undefined;
    this.valueIds = this.watched.map(() => new Map());
    this.fewValues = this.watched.map(() => []);
    this.facts = this.emptyFacts(FIRST_CAPACITY);
  }

  /** Rows evaluated since the last `take`. */
  get pending(): number {
    return this.facts.count;
  }

  /** The rows evaluated since the last `take`; later rows go into new arrays (`reuse`: into these). */
  take(reuse = false): LeadFacts {
    const facts = this.facts;
    const [dayFilled, dayDates] = this.decisionDays.take();
    facts.dayFilled = dayFilled;
    facts.dayDates = dayDates;
    if (reuse) {
      this.facts = {
        ...facts,
        count: 0,
        newValues: this.watched.map(() => []),
        newPatterns: [],
      };
    } else this.facts = this.emptyFacts(Math.max(FIRST_CAPACITY, facts.count));
    return facts;
  }

  /** Adds the facts of `row`. */
  evaluate(row: readonly unknown[], tag: number): void {
    let facts = this.facts;
    if (facts.count === facts.kind.length) facts = this.grow();
    const at = facts.count++;
    facts.tag[at] = tag;
    this.decisionDays.add(row);
    if (row.every(isBlank)) {
      facts.kind[at] = BLANK;
      return;
    }
    if (!this.inPeriod(row)) {
      facts.kind[at] = OUTSIDE_PERIOD;
      return;
    }
    const { engine, watched } = this;
    const width = watched.length;
    const scored = this.overrides ? engine.score(row) : undefined;
    // Without overrides the rules are read once for the score and the matches together.
    const score = scored === undefined ? engine.scoreValueWithMatches(row, this.matched) : scored.score;
    facts.score[at] = score;
    const state = engine.outcome(row);
    if (state === 'open' || state === undefined) {
      facts.kind[at] = OPEN;
      for (let column = 0; column < width; column++)
        facts.values[at * width + column] = isUnanswered(row[watched[column]!], this.placeholders) ? 1 : 0;
      return;
    }
    const converted = state === 'converted';
    const { cellTally } = this;
    facts.cell[at] = cellTally ? (cellTally.indexOf((scored ?? engine.score(row)).cell) ?? -1) : -1;
    facts.pattern[at] = this.patternId(scored === undefined ? this.matched : engine.matches(row));
    const modelScore = scored?.modelScore;
    if (modelScore !== undefined) {
      facts.kind[at] = converted ? OVERRIDDEN_CONVERTED : OVERRIDDEN_NOT_CONVERTED;
      facts.modelScore[at] = modelScore;
      return;
    }
    facts.kind[at] = converted ? CONVERTED : NOT_CONVERTED;
    for (let column = 0; column < width; column++) {
      const cell = row[watched[column]!];
      const few = this.fewValues[column]!;
      let id = -1;
      // A column of a few values (most are): compared in turn, without hashing a fresh string per lead.
      if (few.length <= FEW_VALUES) {
        for (let known = 0; known < few.length; known++) {
          const value = few[known];
          if (value === cell || (Number.isNaN(value) && Number.isNaN(cell))) {
            id = known;
            break;
          }
        }
      } else id = this.valueIds[column]!.get(cell) ?? -1;
      if (id < 0) {
        const ids = this.valueIds[column]!;
        id = ids.size;
        const kept = detached(cell);
        ids.set(kept, id);
        if (few.length <= FEW_VALUES) few.push(kept);
        facts.newValues[column]!.push(kept);
      }
      facts.values[at * width + column] = id;
    }
  }

  private patternId(matches: readonly boolean[]): number {
    const key = patternKey(matches);
    let id = this.patternIds.get(key);
    if (id === undefined) {
      id = this.patternIds.size;
      this.patternIds.set(key, id);
      this.facts.newPatterns.push([...matches]);
    }
    return id;
  }

  private emptyFacts(capacity: number): LeadFacts {
    return {
      count: 0,
      kind: new Uint8Array(capacity),
      score: new Float64Array(capacity),
      modelScore: new Float64Array(capacity),
      pattern: new Uint32Array(capacity),
      cell: new Int32Array(capacity),
      tag: new Float64Array(capacity),
      values: new Uint32Array(capacity * this.watched.length),
      newValues: this.watched.map(() => []),
      newPatterns: [],
      dayFilled: [],
      dayDates: [],
    };
  }

  private grow(): LeadFacts {
    const old = this.facts;
    const grown = this.emptyFacts(old.kind.length * 2);
    grown.kind.set(old.kind);
    grown.score.set(old.score);
    grown.modelScore.set(old.modelScore);
    grown.pattern.set(old.pattern);
    grown.cell.set(old.cell);
    grown.tag.set(old.tag);
    grown.values.set(old.values);
    grown.count = old.count;
    grown.newValues = old.newValues;
    grown.newPatterns = old.newPatterns;
    this.facts = grown;
    return grown;
  }
}
