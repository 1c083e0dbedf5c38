// From a model and rows of leads to a calibration: scores the leads whose outcome is known (open ones are
// left out, as the contract says), optionally only those dated within a period, and picks a reproducible
// review sample among the leads the model holds back from sales.
import { cellDay, cellNumber, cellText, dayOfDateIn, isBlank, parseIsoDay } from '../cells';
import { compileModel, type ScoringOptions, salesReadyFlags } from '../engine';
import type { Model, Problem } from '../model';
import { DEFAULT_PLACEHOLDERS, isUnanswered, placeholderSet } from '../suggest/columns';
import { checkLeakage, type LeakageCheck } from '../suggest/leakage';
import { asOfVerdict } from './asOfAdvice';
import { calibrate } from './calibrate';
import { type CellFigures, CellTally, engagementCells } from './engagementCells';
import { DEFAULT_FIT_SEED, DEFAULT_HOLDOUT_SHARE, type PointsFit, splitForFit, suggestPoints } from './fit';
import { isWithinPeriod } from './period';
import { reviewSample } from './sample';
import type { CalibrationLead, CalibrationReport } from './types';
import { writeVerdicts } from './verdicts';

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

export function calibrateRows(
  model: Model,
  headers: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  options: RowsCalibrationOptions = {},
): RowsCalibrationResult {
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
  const engine = compiled.compiled;
  const inPeriod = periodFilter(headers, options);
  if (!inPeriod.ok) return inPeriod;

  const salesReady = salesReadyFlags(model);
  const leads: CalibrationLead[] = [];
  const decidedRows: (readonly unknown[])[] = [];
  const openRows: (readonly unknown[])[] = [];
  const heldBack: ReviewLead[] = [];
  const overriddenLeads: CalibrationLead[] = [];
  const overrides = model.settings?.overrideColumn !== undefined;
  let open = 0;
  let outsidePeriod = 0;
  const cellNames = engagementCells(model);
  const cellTally = cellNames ? new CellTally(cellNames) : undefined;
  rows.forEach((row, index) => {
    if (row.every(isBlank)) return;
    if (!inPeriod.test(row)) {
      outsidePeriod++;
      return;
    }
    // With an override column the full score tells the model's own score apart (`modelScore`).
    const scored = overrides ? engine.score(row) : undefined;
    const score = scored === undefined ? engine.scoreValue(row) : scored.score;
    const band = engine.bandIndex(score);
    if (!salesReady[band]) heldBack.push({ row: index, score, band: model.bands[band]?.name ?? '' });
    const state = engine.outcome(row);
    if (state === 'open' || state === undefined) {
      open++;
      openRows.push(row);
      return;
    }
    const converted = state === 'converted';
    if (cellTally) cellTally.add(cellTally.indexOf((scored ?? engine.score(row)).cell), state);
    const matches = engine.matches(row);
    const modelScore = scored?.modelScore;
    if (modelScore === undefined) {
      decidedRows.push(row);
      leads.push({ score, band, converted, matches });
    } else {
      overriddenLeads.push({
        score: modelScore,
        band: engine.bandIndex(modelScore),
        converted,
        matches,
        overridden: true,
        overrideBand: band,
      });
    }
  });

  const report = calibrate({
    bands: model.bands.map((b, i) => ({ name: b.name, min: b.min, salesReady: salesReady[i] ?? false })),
    rules: model.rules.map((r) => ({ name: r.name, points: r.points, enabled: r.enabled !== false })),
    leads: [...leads, ...overriddenLeads],
    targetPrecision: options.targetPrecision,
  });
  const share = options.reviewShare ?? DEFAULT_REVIEW_SHARE;
  const seed = `${model.name}|${rows.length}`;
  const picked = new Set(
    reviewSample(
      heldBack.map((_, i) => i),
      share,
      seed,
    ),
  );
  // The overridden leads go in so the fit leaves them out and says how many; they fit nothing.
  const suggestedPoints = suggestPoints([...leads, ...overriddenLeads], model.rules);
  // The leakage guard sees only the leads not overridden (decidedRows and leads are aligned), on the fit's split.
  const leakage = leakageOfRuleColumns(model, headers, decidedRows, openRows, leads);
  if (leakage.length > 0 || suggestedPoints.refusedBecause === null) {
    report.verdicts = writeVerdicts(report, { fit: suggestedPoints, leakage });
  }
  // Contract v2 §9: figures of a model that counts days mean little when every past lead is judged as of today.
  const asOfAdvice = asOfVerdict(model, headers, rows);
  if (asOfAdvice !== null) report.verdicts = [asOfAdvice, ...report.verdicts];
  return {
    ok: true,
    calibration: {
      report,
      open,
      outsidePeriod,
      reviewSample: heldBack.filter((_, i) => picked.has(i)),
      suggestedPoints,
      leakage,
      ...(cellTally ? { cells: cellTally.figures() } : {}),
    },
  };
}

/** The suggested model's leakage guard (../suggest/leakage.ts) on the columns the model's enabled rules read,
 *  on the same held-out split as the refitted points. */
function leakageOfRuleColumns(
  model: Model,
  headers: readonly unknown[],
  decidedRows: readonly (readonly unknown[])[],
  openRows: readonly (readonly unknown[])[],
  leads: readonly CalibrationLead[],
): LeakageCheck[] {
  if (leads.length === 0) return [];
  const converted = leads.map((lead) => lead.converted);
  const split = splitForFit(converted, DEFAULT_HOLDOUT_SHARE, DEFAULT_FIT_SEED);
  const placeholders = placeholderSet([...DEFAULT_PLACEHOLDERS, ...(model.settings?.blankValues ?? [])]);
  const columns = new Map<number, string>();
  for (const rule of model.rules) {
    if (rule.enabled === false || rule.column === undefined) continue;
    const index = headers.findIndex((h) => cellText(h) === cellText(rule.column));
    if (index >= 0 && !columns.has(index)) columns.set(index, String(headers[index]).trim());
  }
  const found: LeakageCheck[] = [];
  for (const [index, column] of columns) {
    const cells = decidedRows.map((row) => row[index]);
    const numbers = cells.filter((cell) => cellNumber(cell) !== undefined).length;
    const answered = cells.filter((cell) => !isUnanswered(cell, placeholders)).length;
    const check = checkLeakage(
      {
        column,
        cells,
        openCells: openRows.map((row) => row[index]),
        numeric: answered > 0 && numbers >= 0.95 * answered,
      },
      converted,
      split,
      placeholders,
    );
    if (check.signs.length > 0) found.push(check);
  }
  return found;
}

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
