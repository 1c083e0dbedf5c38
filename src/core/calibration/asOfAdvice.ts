// Contract v2 §9 advice: a model that counts days (windows, decay, events) and judges every past lead as of
// one day gets wrong retrospective figures. Calibration and Suggest say so and propose the column that looks
// like the day each lead was decided.

import { cellDay, utcDayOfDate } from '../cells';
import { treeCountsDays } from '../engine/conditions';
import type { Model } from '../model';

/** Whether the model's enabled rules count days: `within days` / `older than days`, decay, or events. */
export function modelCountsDays(model: Model): boolean {
  const decaying = new Set(
    model.groups.filter((group) => group.decay !== undefined).map((group) => group.name),
  );
  return model.rules.some(
    (rule) =>
      rule.enabled !== false &&
      (rule.event !== undefined ||
        rule.operator === 'within days' ||
        rule.operator === 'older than days' ||
        (rule.when !== undefined && treeCountsDays(rule.when)) ||
        decaying.has(rule.group)),
  );
}

// Header words for the day a lead was decided, best first: decided, closed, handed over, created.
const DECISION_WORDS: readonly RegExp[] = [
  /\bdecid|\bdecision/i,
  /\bclos(e|ed|ing)\b|\bwon\b|\blost\b/i,
  /\bhand(ed)?[\s_-]*(over|off|to)\b|\bhandover\b|\bto sales\b|\bqualified\b/i,
  /\bcreat(e|ed|ion)\b|\bsign(ed)?[\s_-]*up\b/i,
];

/** Whether a header names a day a lead may have been decided on (before its cells are looked at). */
export function looksLikeDecisionDay(header: string): boolean {
  return DECISION_WORDS.some((words) => words.test(header.trim()));
}

/** Share of a column's filled cells that must be dates for it to be proposed. */
const MIN_DATE_SHARE = 0.5;

/**
 * The leads' column that looks like the day each lead was decided: a header with one of the decision
 * words (in that order of preference) whose filled cells are mostly dates. Undefined when none is.
 */
export function decisionDayColumn(
  headers: readonly unknown[],
  rows: readonly (readonly unknown[])[],
): string | undefined {
  const names = headers.map((header) => (typeof header === 'string' ? header.trim() : String(header ?? '')));
  for (const words of DECISION_WORDS) {
    for (let index = 0; index < names.length; index++) {
      const name = names[index]!;
      if (name === '' || !words.test(name)) continue;
      let filled = 0;
      let dates = 0;
      for (const row of rows) {
        const cell = row[index];
        if (cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '')) continue;
        filled++;
        if (cellDay(cell, utcDayOfDate) !== undefined) dates++;
      }
      if (filled > 0 && dates >= MIN_DATE_SHARE * filled) return name;
    }
  }
  return undefined;
}

/** `decisionDayColumn` row by row: per candidate column, its filled cells and how many are dates. */
export class DecisionDayTally {
  private readonly candidates: { index: number; name: string; filled: number; dates: number }[] = [];

  constructor(headers: readonly unknown[]) {
    headers.forEach((header, index) => {
      const name = typeof header === 'string' ? header.trim() : String(header ?? '');
      if (name !== '' && DECISION_WORDS.some((words) => words.test(name)))
        this.candidates.push({ index, name, filled: 0, dates: 0 });
    });
  }

  add(row: readonly unknown[]): void {
    for (const candidate of this.candidates) {
      const cell = row[candidate.index];
      if (cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '')) continue;
      candidate.filled++;
      if (cellDay(cell, utcDayOfDate) !== undefined) candidate.dates++;
    }
  }

  /** The counts per candidate (filled, dates) since the last take, which starts them again at 0. */
  take(): [number[], number[]] {
    const counts: [number[], number[]] = [
      this.candidates.map((candidate) => candidate.filled),
      this.candidates.map((candidate) => candidate.dates),
    ];
    for (const candidate of this.candidates) {
      candidate.filled = 0;
      candidate.dates = 0;
    }
    return counts;
  }

  /** Adds counts taken from a tally over the same headers (rows read elsewhere: a worker thread). */
  addCounts(filled: readonly number[], dates: readonly number[]): void {
    this.candidates.forEach((candidate, index) => {
      candidate.filled += filled[index] ?? 0;
      candidate.dates += dates[index] ?? 0;
    });
  }

  column(): string | undefined {
    for (const words of DECISION_WORDS) {
      for (const candidate of this.candidates) {
        if (!words.test(candidate.name)) continue;
        if (candidate.filled > 0 && candidate.dates >= MIN_DATE_SHARE * candidate.filled)
          return candidate.name;
      }
    }
    return undefined;
  }
}

/**
 * The verdict for a model that counts days without `settings.asOfColumn`: old leads are judged as of one
 * day (today, or settings.asOf); the column to set, when one looks like the decision day. Null otherwise.
 */
export function asOfVerdict(
  model: Model,
  headers: readonly unknown[],
  rows: readonly (readonly unknown[])[],
): string | null {
  return asOfVerdictWith(model, () => decisionDayColumn(headers, rows));
}

/** `asOfVerdict` with the decision-day column found by the caller (e.g. a DecisionDayTally over a stream). */
export function asOfVerdictWith(model: Model, decisionColumn: () => string | undefined): string | null {
  if (model.settings?.asOfColumn !== undefined || !modelCountsDays(model)) return null;
  const day = model.settings?.asOf === undefined ? 'today' : model.settings.asOf;
  const head =
    `Old leads are judged as of ${day}: this model counts days (windows, decay or events), so a lead decided long ` +
    'ago is scored as it looks now — its recent-activity windows no longer match and events after the decision count.';
  const column = decisionColumn();
  return column === undefined
    ? `${head} Add a column with the day each lead was decided (or handed to sales) and set it as the model's "As of column".`
    : `${head} Set the model's "As of column" to "${column}", which looks like the day each lead was decided, to judge each lead as of its own day.`;
}
