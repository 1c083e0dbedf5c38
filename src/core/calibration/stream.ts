// Calibration over a stream of rows: the same figures as calibrateRows (fromRows.ts), without holding the rows.
// While reading it keeps tallies per band and rule, per-score counts (AUC, KS, cut-offs), and per decided lead
// a few bytes in typed lists (its score's id, its match pattern's id, its outcome, and per rule column the id
// of its distinct value): the fit's split and the leakage guard are drawn over all decided leads once their
// number is known, and the cumulative gains take tied leads in input order. The review sample, when kept,
// costs 16 bytes per lead held back from sales.

import { cellNumber, cellText, isBlank } from '../cells';
import { compileModel, salesReadyFlags } from '../engine';
import type { CompiledModel } from '../engine/types';
import type { Model, Problem } from '../model';
import { DEFAULT_PLACEHOLDERS, isUnanswered, placeholderSet } from '../suggest/columns';
import { checkLeakageOfValues, type LeakageCheck } from '../suggest/leakage';
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
  DEFAULT_REVIEW_SHARE,
  periodFilter,
  type ReviewLead,
  type RowsCalibration,
  type RowsCalibrationOptions,
} from './fromRows';
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
  const compiled = compileModel(model, headers, { ...options, requireOutcome: true });
  if (!compiled.ok) return compiled;
  const inPeriod = periodFilter(headers, options);
  if (!inPeriod.ok) return inPeriod;
  return {
    ok: true,
    stream: new CalibrationStream(model, headers, compiled.compiled, inPeriod.test, options),
  };
}

export class CalibrationStream {
  private rows = 0;
  private open = 0;
  private outsidePeriod = 0;
  private readonly tallies: CalibrationTallies;
  private readonly salesReady: boolean[];
  private readonly overrides: boolean;
  // Decided leads not overridden, in order.
  private readonly scoreIds = new IdList();
  private readonly patternIds = new IdList();
  private readonly outcomes = new IdList();
  private readonly scores = new Map<number, number>();
  private readonly scoreCounts: ScoreCounts[] = [];
  private readonly patternIndex = new Map<number | string, number>();
  private readonly patterns: boolean[][] = [];
  private overridden = 0;
  // Leads held back from sales: all of them counted, their rows kept only with the review sample.
  private heldBack = 0;
  private readonly heldRows = new NumberList();
  private readonly heldScores = new NumberList();
  private readonly heldTags = new NumberList();
  private readonly watched: WatchedColumn[] = [];
  private readonly placeholders: ReadonlySet<string>;
  private readonly decisionDays: DecisionDayTally;
  // Contract v2 §10: per fit × engagement cell, only for a model with grades and engagement levels.
  private readonly cellTally: CellTally | undefined;
  /** The rules the current row matched (reused: tallies copy what they keep). */
  private readonly matched: boolean[] = [];

  constructor(
    private readonly model: Model,
    headers: readonly unknown[],
    private readonly engine: CompiledModel,
    private readonly inPeriod: (row: readonly unknown[]) => boolean,
    private readonly options: StreamCalibrationOptions,
  ) {
    this.tallies = emptyTallies(model.bands.length, model.rules.length);
    this.salesReady = salesReadyFlags(model);
    this.overrides = model.settings?.overrideColumn !== undefined;
    this.placeholders = placeholderSet([...DEFAULT_PLACEHOLDERS, ...(model.settings?.blankValues ?? [])]);
    const seen = new Set<number>();
    for (const rule of model.rules) {
      if (rule.enabled === false || rule.column === undefined) continue;
      const index = headers.findIndex((h) => cellText(h) === cellText(rule.column));
      if (index < 0 || seen.has(index)) continue;
      seen.add(index);
      this.watched.push({
        index,
        column: String(headers[index]).trim(),
        ids: new Map(),
        values: [],
        counts: [],
        perLead: new IdList(),
        open: 0,
        openUnanswered: 0,
      });
    }
    this.decisionDays = new DecisionDayTally(headers);
    const cellNames = engagementCells(model);
    this.cellTally = cellNames ? new CellTally(cellNames) : undefined;
  }

  /** One row of leads; `tag` comes back with the lead when it is in the review sample (default: its index). */
  add(row: readonly unknown[], tag: number = this.rows): void {
    const index = this.rows++;
    this.decisionDays.add(row);
    if (row.every(isBlank)) return;
    if (!this.inPeriod(row)) {
      this.outsidePeriod++;
      return;
    }
    const { engine } = this;
    const scored = this.overrides ? engine.score(row) : undefined;
    // Without overrides the rules are read once for the score and the matches together.
    const score = scored === undefined ? engine.scoreValueWithMatches(row, this.matched) : scored.score;
    const band = engine.bandIndex(score);
    if (!this.salesReady[band]) {
      this.heldBack++;
      if (this.options.keepReviewSample !== false) {
        this.heldRows.push(index);
        this.heldScores.push(score);
        this.heldTags.push(tag);
      }
    }
    const state = engine.outcome(row);
    if (state === 'open' || state === undefined) {
      this.open++;
      for (const column of this.watched) {
        column.open++;
        if (isUnanswered(row[column.index], this.placeholders)) column.openUnanswered++;
      }
      return;
    }
    const converted = state === 'converted';
    const { cellTally } = this;
    if (cellTally) cellTally.add(cellTally.indexOf((scored ?? engine.score(row)).cell), state);
    const matches = scored === undefined ? this.matched : engine.matches(row);
    const modelScore = scored?.modelScore;
    if (modelScore !== undefined) {
      this.overridden++;
      addToTallies(this.tallies, {
        score: modelScore,
        band: engine.bandIndex(modelScore),
        converted,
        matches,
        overridden: true,
        overrideBand: band,
      });
      return;
    }
    addToTallies(this.tallies, { score, band, converted, matches });
    this.outcomes.push(converted ? 1 : 0);
    this.scoreIds.push(this.scoreId(score, converted));
    this.patternIds.push(this.patternId(matches));
    for (const column of this.watched) {
      const cell = row[column.index];
      let id = column.ids.get(cell);
      if (id === undefined) {
        id = column.values.length;
        column.values.push(cell);
        column.counts.push(0);
        column.ids.set(cell, id);
      }
      column.counts[id]!++;
      column.perLead.push(id);
    }
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

  private patternId(matches: readonly boolean[]): number {
    let key: number | string;
    if (matches.length <= 30) {
      key = 0;
      for (let rule = 0; rule < matches.length; rule++) if (matches[rule]) key |= 1 << rule;
    } else key = matches.map((m) => (m ? '1' : '0')).join('');
    let id = this.patternIndex.get(key);
    if (id === undefined) {
      id = this.patterns.length;
      this.patternIndex.set(key, id);
      this.patterns.push([...matches]);
    }
    return id;
  }

  finish(): StreamCalibration {
    const { model, engine } = this;
    const decided = this.outcomes.length;
    const converted = (row: number) => this.outcomes.get(row) === 1;
    const scoreOf = (row: number) => this.scoreCounts[this.scoreIds.get(row)]!.score;
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
        scoreIdOf: (row) => this.scoreIds.get(row),
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
          patternOf: (row) => this.patternIds.get(row),
          patterns: this.patterns,
        },
        split,
        model.rules,
        this.overridden,
      ),
      model.rules,
      { l2: DEFAULT_L2, minMatches: DEFAULT_MIN_MATCHES },
    );
    const leakage = decided === 0 ? [] : this.leakage(converted, split);
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
    converted: (row: number) => boolean,
    split: { fit: Int32Array; holdout: Int32Array },
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
      const check = checkLeakageOfValues(
        {
          column: column.column,
          numeric: answered > 0 && numbers >= 0.95 * answered,
          values: column.values,
          decided: column.perLead.length,
          valueOf: (row) => column.perLead.get(row),
          open: column.open,
          openUnanswered: column.openUnanswered,
        },
        converted,
        split,
        this.placeholders,
      );
      if (check.signs.length > 0) found.push(check);
    }
    return found;
  }
}
