// Calibration over a stream of rows, without holding them: calibrateRows (fromRows.ts) runs on it too, and the
// tests hold it to a reference with one object per lead (test/core/calibration/inMemoryCalibration.ts).
// While reading it keeps tallies per band and rule, per-score counts (AUC, KS, cut-offs), and per decided lead
// a few bytes in typed lists (its score's id, its match pattern's id, its outcome, and per rule column the id
// of its distinct value): the fit's split and the leakage guard are drawn over all decided leads once their
// number is known, and the cumulative gains take tied leads in input order. The review sample, when kept,
// costs 16 bytes per lead held back from sales. Each row is first turned into facts (leadFacts.ts: score,
// matched rules, outcome, value ids), by `add` here or by evaluators on worker threads (`addFacts`), and the
// facts are added in the rows' order, so the figures do not depend on where the rows were read.

import { cellNumber } from '../cells';
import { compileModel, salesReadyFlags } from '../engine';
import type { CompiledModel } from '../engine/types';
import type { Model, Problem } from '../model';
import { isUnanswered } from '../suggest/columns';
import {
  checkLeakageOfTallies,
  emptyValueTallies,
  type LeakageCheck,
  type ValueTallies,
} from '../suggest/leakage';
import { asOfVerdictWith, DecisionDayTally } from './asOfAdvice';
import { addToTallies, type CalibrationTallies, emptyTallies, reportFromTallies } from './calibrate';
import { IdList, NumberList } from './compactLists';
import { CellTally, engagementCells } from './engagementCells';
import {
  DEFAULT_FIT_SEED,
  DEFAULT_HOLDOUT_SHARE,
  DEFAULT_L2,
  DEFAULT_MIN_MATCHES,
  pointsFromFitData,
} from './fit';
import {
  BLANK,
  CONVERTED,
  type LeadEvaluator,
  type LeadFacts,
  leadPlaceholders,
  OPEN,
  OUTSIDE_PERIOD,
  OVERRIDDEN_CONVERTED,
  OVERRIDDEN_NOT_CONVERTED,
  patternKey,
  startLeadEvaluator,
  watchedColumns,
} from './leadFacts';
import {
  DEFAULT_REVIEW_SHARE,
  type ReviewLead,
  type RowsCalibration,
  type RowsCalibrationOptions,
} from './rowsCalibration';
import { samplePositions } from './sample';
import { fitDataOf, splitOfOutcomes } from './streamFit';
import { rankingOfScores, type ScoreCounts } from './streamRanking';
import { writeVerdicts } from './verdicts';

export interface StreamCalibrationOptions extends RowsCalibrationOptions {
  /** Keep the review sample (default true). A report that does not show it saves 16 bytes per held-back lead. */
  keepReviewSample?: boolean;
}

export interface StreamCalibration extends RowsCalibration {
  /** Per lead of `reviewSample`, the tag it was added with (e.g. its line in a file). */
  reviewTags: number[];
}

/** A rule column watched by the leakage guard: its distinct decided cells and per decided lead which one. */
interface WatchedColumn {
  index: number;
  column: string;
  ids: Map<unknown, number>;
  values: unknown[];
  /** Decided leads holding each value. */
  counts: number[];
  perLead: IdList;
  open: number;
  openUnanswered: number;
}

/** Where facts come from (this stream's own evaluator, a worker): its values and patterns, and their ids here. */
interface FactSource {
  values: unknown[][];
  valueIds: (number | undefined)[][];
  patterns: boolean[][];
  patternIds: (number | undefined)[];
}

export type StartCalibrationResult =
  | { ok: true; stream: CalibrationStream }
  | { ok: false; problems: Problem[] };

export function startCalibration(
  model: Model,
  headers: readonly unknown[],
  options: StreamCalibrationOptions = {},
): StartCalibrationResult {
  if (!model.outcome) {
    return {
      ok: false,
      problems: [
        {
          subject: 'outcome',
          message: 'the model has no outcome column: say which column records conversions',
        },
      ],
    };
  }
  const started = startLeadEvaluator(model, headers, options);
  if (!started.ok) return started;
  const compiled = compileModel(model, headers, { ...options, requireOutcome: true });
  if (!compiled.ok) return compiled;
  return {
    ok: true,
    stream: new CalibrationStream(model, headers, compiled.compiled, started.evaluator, options),
  };
}

/** Rows evaluated by `add` before their facts are added (a batch of typed arrays, reused). */
const BATCH_ROWS = 4096;

export class CalibrationStream {
  private rows = 0;
  private open = 0;
  private outsidePeriod = 0;
  private readonly tallies: CalibrationTallies;
  private readonly salesReady: boolean[];
  // Decided leads not overridden, in order.
  private readonly scoreIds = new IdList();
  private readonly patternIds = new IdList();
  private readonly outcomes = new IdList();
  private readonly scores = new Map<number, number>();
  private readonly scoreCounts: ScoreCounts[] = [];
  private readonly patternKeys = new Map<number | string, number>();
  private readonly patterns: (readonly boolean[])[] = [];
  /** Per pattern, its decided leads and conversions (rule tallies, added up by `finish`). */
  private readonly patternLeads: number[] = [];
  private readonly patternConversions: number[] = [];
  private scratch = {
    outcomes: new Uint32Array(0),
    scoreIds: new Uint32Array(0),
    patternIds: new Uint32Array(0),
    values: new Uint32Array(0),
  };
  private overridden = 0;
  // Leads held back from sales: all of them counted, their rows kept only with the review sample.
  private heldBack = 0;
  private readonly heldRows = new NumberList();
  private readonly heldScores = new NumberList();
  private readonly heldTags = new NumberList();
  private readonly watched: WatchedColumn[];
  private readonly placeholders: ReadonlySet<string>;
  private readonly decisionDays: DecisionDayTally;
  // Contract v2 §10: per fit × engagement cell, only for a model with grades and engagement levels.
  private readonly cellTally: CellTally | undefined;
  private readonly sources = new Map<number, FactSource>();

  constructor(
    private readonly model: Model,
    headers: readonly unknown[],
    private readonly engine: CompiledModel,
    /** Evaluates the rows given to `add`. */
    private readonly evaluator: LeadEvaluator,
    private readonly options: StreamCalibrationOptions,
  ) {
    this.tallies = emptyTallies(model.bands.length, model.rules.length);
    this.salesReady = salesReadyFlags(model);
    this.placeholders = leadPlaceholders(model);
    this.watched = watchedColumns(model, headers).map(({ index, column }) => ({
      index,
      column,
      ids: new Map(),
      values: [],
      counts: [],
      perLead: new IdList(),
      open: 0,
      openUnanswered: 0,
    }));
    this.decisionDays = new DecisionDayTally(headers);
    const cellNames = engagementCells(model);
    this.cellTally = cellNames ? new CellTally(cellNames) : undefined;
  }

  /** One row of leads; `tag` comes back with the lead when it is in the review sample (default: its index). */
  add(row: readonly unknown[], tag: number = this.rows + this.evaluator.pending): void {
    this.evaluator.evaluate(row, tag);
    if (this.evaluator.pending >= BATCH_ROWS) this.addOwnFacts();
  }

  private addOwnFacts(): void {
    this.addFacts(this.evaluator.take(true), 0);
  }

  /**
   * Rows evaluated elsewhere (a LeadEvaluator over the same model, headers and options, such as one on a
   * worker thread), after every row added before: `source` names that evaluator (0 is this stream's own, used
   * by `add`; each other evaluator its own other number, its batches added in the order it made them), and
   * `tagBase` is added to their tags. Adding facts while rows given to `add` wait would break the order:
   * call `flush` first.
   */
  addFacts(facts: LeadFacts, source: number, tagBase = 0): void {
    const from = this.sourceOf(source);
    facts.newValues.forEach((values, column) => {
      for (const value of values) from.values[column]!.push(value);
    });
    for (const pattern of facts.newPatterns) from.patterns.push(pattern);
    this.decisionDays.addCounts(facts.dayFilled, facts.dayDates);
    const { engine, watched, salesReady, tallies, cellTally } = this;
    const keepSample = this.options.keepReviewSample !== false;
    const width = watched.length;
    const { kind, score: scores, values } = facts;
    const decided = this.decidedScratch(facts.count);
    let taken = 0; // decided leads of the batch, not overridden
    for (let at = 0; at < facts.count; at++) {
      const index = this.rows++;
      const type = kind[at]!;
      if (type === BLANK) continue;
      if (type === OUTSIDE_PERIOD) {
        this.outsidePeriod++;
        continue;
      }
      const score = scores[at]!;
      const band = engine.bandIndex(score);
      if (!salesReady[band]) {
        this.heldBack++;
        if (keepSample) {
          this.heldRows.push(index);
          this.heldScores.push(score);
          this.heldTags.push(tagBase + facts.tag[at]!);
        }
      }
      if (type === OPEN) {
        this.open++;
        for (let column = 0; column < width; column++) {
          const watch = watched[column]!;
          watch.open++;
          if (values[at * width + column] === 1) watch.openUnanswered++;
        }
        continue;
      }
      const converted = type === CONVERTED || type === OVERRIDDEN_CONVERTED;
      if (cellTally) {
        const cell = facts.cell[at]!;
        cellTally.add(cell < 0 ? undefined : cell, converted ? 'converted' : 'not converted');
      }
      const localPattern = facts.pattern[at]!;
      const matches = from.patterns[localPattern]!;
      if (type === OVERRIDDEN_CONVERTED || type === OVERRIDDEN_NOT_CONVERTED) {
        this.overridden++;
        const modelScore = facts.modelScore[at]!;
        addToTallies(tallies, {
          score: modelScore,
          band: engine.bandIndex(modelScore),
          converted,
          matches,
          overridden: true,
          overrideBand: band,
        });
        continue;
      }
      // As addToTallies, with the rules counted per pattern (added up in `finish`).
      tallies.leads++;
      tallies.bandLeads[band]!++;
      if (converted) {
        tallies.conversions++;
        tallies.bandConversions[band]!++;
      }
      let pattern = from.patternIds[localPattern];
      if (pattern === undefined) {
        pattern = this.patternId(matches);
        from.patternIds[localPattern] = pattern;
      }
      this.patternLeads[pattern]!++;
      if (converted) this.patternConversions[pattern]!++;
      decided.outcomes[taken] = converted ? 1 : 0;
      decided.scoreIds[taken] = this.scoreId(score, converted);
      decided.patternIds[taken] = pattern;
      for (let column = 0; column < width; column++) {
        const watch = watched[column]!;
        const local = values[at * width + column]!;
        const ids = from.valueIds[column]!;
        let id = ids[local];
        if (id === undefined) {
          const cell = from.values[column]![local];
          id = watch.ids.get(cell);
          if (id === undefined) {
            id = watch.values.length;
            watch.values.push(cell);
            watch.counts.push(0);
            watch.ids.set(cell, id);
          }
          ids[local] = id;
        }
        watch.counts[id]!++;
        decided.values[column * facts.count + taken] = id;
      }
      taken++;
    }
    this.outcomes.append(decided.outcomes, taken);
    this.scoreIds.append(decided.scoreIds, taken);
    this.patternIds.append(decided.patternIds, taken);
    for (let column = 0; column < width; column++)
      watched[column]!.perLead.append(decided.values.subarray(column * facts.count), taken);
  }

  /** Room for the ids of a batch's decided leads, before they are appended to the lists (reused). */
  private decidedScratch(count: number) {
    const width = this.watched.length;
    if (this.scratch.outcomes.length < count) {
      this.scratch = {
        outcomes: new Uint32Array(count),
        scoreIds: new Uint32Array(count),
        patternIds: new Uint32Array(count),
        values: new Uint32Array(count * width),
      };
    }
    return this.scratch;
  }

  /** Adds the facts of the rows given to `add` so far. */
  flush(): void {
    if (this.evaluator.pending > 0) this.addOwnFacts();
  }

  private sourceOf(source: number): FactSource {
    let found = this.sources.get(source);
    if (found === undefined) {
      found = {
        values: this.watched.map(() => []),
        valueIds: this.watched.map(() => []),
        patterns: [],
        patternIds: [],
      };
      this.sources.set(source, found);
    }
    return found;
  }

  private scoreId(score: number, converted: boolean): number {
    let id = this.scores.get(score);
    if (id === undefined) {
      id = this.scoreCounts.length;
      this.scores.set(score, id);
      this.scoreCounts.push({ score, positives: 0, negatives: 0 });
    }
    const counts = this.scoreCounts[id]!;
    if (converted) counts.positives++;
    else counts.negatives++;
    return id;
  }

  /** The id of a pattern here (sources number the same pattern apart). */
  private patternId(matches: readonly boolean[]): number {
    const key = patternKey(matches);
    let id = this.patternKeys.get(key);
    if (id === undefined) {
      id = this.patterns.length;
      this.patternKeys.set(key, id);
      this.patterns.push(matches); // a batch's own copy (LeadFacts.newPatterns), never changed
      this.patternLeads.push(0);
      this.patternConversions.push(0);
    }
    return id;
  }

  finish(): StreamCalibration {
    this.flush();
    const { ruleMatched, ruleConversions } = this.tallies;
    this.patterns.forEach((matches, pattern) => {
      for (let rule = 0; rule < matches.length; rule++) {
        if (!matches[rule]) continue;
        ruleMatched[rule]! += this.patternLeads[pattern]!;
        ruleConversions[rule]! += this.patternConversions[pattern]!;
      }
    });
    // Added once, should finish be called again.
    this.patternLeads.fill(0);
    this.patternConversions.fill(0);
    const { model, engine } = this;
    const decided = this.outcomes.length;
    // The lists as typed arrays, read directly by the closures below (each called for every decided lead).
    const outcomes = this.outcomes.view();
    const scoreIds = this.scoreIds.view();
    const patternIds = this.patternIds.view();
    const scoreValues = Float64Array.from(this.scoreCounts, (counts) => counts.score);
    const converted = (row: number) => outcomes[row] === 1;
    const scoreOf = (row: number) => scoreValues[scoreIds[row]!]!;
    const report = reportFromTallies(
      {
        bands: model.bands.map((b, i) => ({
          name: b.name,
          min: b.min,
          salesReady: this.salesReady[i] ?? false,
        })),
        rules: model.rules.map((r) => ({ name: r.name, points: r.points, enabled: r.enabled !== false })),
        targetPrecision: this.options.targetPrecision,
      },
      this.tallies,
      rankingOfScores(this.scoreCounts, {
        leads: decided,
        scoreIdOf: (row) => scoreIds[row]!,
        converted,
        bandOf: (score) => engine.bandIndex(score),
      }),
    );

    const share = this.options.reviewShare ?? DEFAULT_REVIEW_SHARE;
    const reviewSample: ReviewLead[] = [];
    const reviewTags: number[] = [];
    if (this.options.keepReviewSample !== false) {
      for (const position of samplePositions(this.heldBack, share, `${model.name}|${this.rows}`)) {
        const score = this.heldScores.get(position);
        reviewSample.push({
          row: this.heldRows.get(position),
          score,
          band: model.bands[engine.bandIndex(score)]?.name ?? '',
        });
        reviewTags.push(this.heldTags.get(position));
      }
    }

    const split = splitOfOutcomes(converted, decided, DEFAULT_HOLDOUT_SHARE, DEFAULT_FIT_SEED);
    const suggestedPoints = pointsFromFitData(
      fitDataOf(
        {
          count: decided,
          converted,
          scoreOf,
          patternOf: (row) => patternIds[row]!,
          patterns: this.patterns,
        },
        split,
        model.rules,
        this.overridden,
      ),
      model.rules,
      { l2: DEFAULT_L2, minMatches: DEFAULT_MIN_MATCHES },
    );
    const leakage = decided === 0 ? [] : this.leakage(split, outcomes);
    if (leakage.length > 0 || suggestedPoints.refusedBecause === null) {
      report.verdicts = writeVerdicts(report, { fit: suggestedPoints, leakage });
    }
    const asOfAdvice = asOfVerdictWith(model, () => this.decisionDays.column());
    if (asOfAdvice !== null) report.verdicts = [asOfAdvice, ...report.verdicts];
    return {
      report,
      open: this.open,
      outsidePeriod: this.outsidePeriod,
      reviewSample,
      reviewTags,
      suggestedPoints,
      leakage,
      ...(this.cellTally ? { cells: this.cellTally.figures() } : {}),
    };
  }

  /** The leakage guard on each rule column, from its distinct values: each cell was read once, while streaming. */
  private leakage(
    split: { fit: Int32Array; holdout: Int32Array },
    outcomes: ArrayLike<number>,
  ): LeakageCheck[] {
    const found: LeakageCheck[] = [];
    for (const column of this.watched) {
      let numbers = 0;
      let answered = 0;
      column.values.forEach((cell, id) => {
        const count = column.counts[id]!;
        if (cellNumber(cell) !== undefined) numbers += count;
        if (!isUnanswered(cell, this.placeholders)) answered += count;
      });
      const check = checkLeakageOfTallies(
        {
          column: column.column,
          numeric: answered > 0 && numbers >= 0.95 * answered,
          values: column.values,
          decided: column.perLead.length,
          open: column.open,
          openUnanswered: column.openUnanswered,
        },
        tallyIds(column.perLead.view(), column.counts, outcomes, split),
        split.fit.length,
        this.placeholders,
      );
      if (check.signs.length > 0) found.push(check);
    }
    return found;
  }
}

/** tallyValues over typed lists: per lead an array read, no call (a million leads times each rule column). */
function tallyIds(
  ids: ArrayLike<number>,
  counts: readonly number[],
  outcomes: ArrayLike<number>,
  split: { fit: Int32Array; holdout: Int32Array },
): ValueTallies {
  const tallies = emptyValueTallies(counts.length);
  const { fitLeads, fitConversions, firstFit, heldPositives, heldNegatives } = tallies;
  const { fit, holdout } = split;
  for (let i = 0; i < fit.length; i++) {
    const row = fit[i]!;
    const id = ids[row]!;
    if (fitLeads[id] === 0) firstFit[id] = i;
    fitLeads[id]!++;
    if (outcomes[row] === 1) fitConversions[id]!++;
  }
  for (let i = 0; i < holdout.length; i++) {
    const row = holdout[i]!;
    if (outcomes[row] === 1) heldPositives[ids[row]!]!++;
    else heldNegatives[ids[row]!]!++;
  }
  tallies.decided.set(counts);
  return tallies;
}
