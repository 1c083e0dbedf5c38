// What a calibration from rows takes and gives, shared by calibrateRows (fromRows.ts, rows held in memory)
// and the streamed calibration it runs on (stream.ts, leadFacts.ts), and the filter of a period's rows.

import { cellDay, dayOfDateIn, parseIsoDay } from '../cells';
import type { ScoringOptions } from '../engine';
import type { Problem } from '../model';
import type { LeakageCheck } from '../suggest/leakage';
import type { CellFigures } from './engagementCells';
import type { PointsFit } from './fit';
import { isWithinPeriod } from './period';
import type { CalibrationReport } from './types';

export interface Period {
  /** The date column that places a lead in time (e.g. "Created"). */
  column: string;
  /** `YYYY-MM-DD`, inclusive; absent = open-ended. */
  from?: string;
  to?: string;
}

export interface RowsCalibrationOptions extends ScoringOptions {
  period?: Period;
  /** Share of the held-back leads to sample for review, 0–1 (default 0.1). */
  reviewShare?: number;
  targetPrecision?: number;
}

export interface ReviewLead {
  /** 0-based index into the rows given. */
  row: number;
  score: number;
  band: string;
}

export interface RowsCalibration {
  report: CalibrationReport;
  /** Leads left out because their outcome is still open. */
  open: number;
  /** Leads left out because they fall outside the period. */
  outsidePeriod: number;
  reviewSample: ReviewLead[];
  /** Points fitted from these outcomes, checked on held-out leads. */
  suggestedPoints: PointsFit;
  /** Columns of the model's rules that were probably filled in after the outcome (the verdicts say so). */
  leakage: LeakageCheck[];
  /** Contract v2 §10: leads (known outcomes) and conversion per fit × engagement cell, best first; absent
   *  unless the model has grades and engagement levels. */
  cells?: CellFigures[];
}

export type RowsCalibrationResult =
  | { ok: true; calibration: RowsCalibration }
  | { ok: false; problems: Problem[] };

export const DEFAULT_REVIEW_SHARE = 0.1;

export function periodFilter(
  headers: readonly unknown[],
  options: RowsCalibrationOptions,
): { ok: true; test: (row: readonly unknown[]) => boolean } | { ok: false; problems: Problem[] } {
  const period = options.period;
  if (!period) return { ok: true, test: () => true };
  const wanted = period.column.trim().toLowerCase();
  const column = headers.findIndex(
    (h) =>
      String(h ?? '')
        .trim()
        .toLowerCase() === wanted,
  );
  const problems: Problem[] = [];
  if (column < 0) {
    problems.push({
      subject: 'period',
      field: 'column',
      message: `period: there is no column "${period.column}" (columns: ${headers.map(String).join(', ')})`,
    });
  }
  const bound = (text: string | undefined, field: 'from' | 'to') => {
    if (text === undefined || text === '') return undefined;
    const day = parseIsoDay(text);
    if (day === undefined) {
      problems.push({
        subject: 'period',
        field,
        message: `period: "${field}" must be a date as YYYY-MM-DD, got "${text}"`,
      });
    }
    return day;
  };
  const from = bound(period.from, 'from');
  const to = bound(period.to, 'to');
  if (problems.length > 0) return { ok: false, problems };
  const dayOf = dayOfDateIn(options.timeZone ?? 'UTC');
  return {
    ok: true,
    test: (row) => {
      const day = cellDay(row[column], dayOf);
      return day !== undefined && isWithinPeriod(day, from, to);
    },
  };
}
