// The reference for calibrateRows: the calibration from rows as it was computed before it ran on the
// streamed calibration (src/core/calibration/stream.ts), one CalibrationLead object per lead and the
// lead-level functions (calibrate, suggestPoints, checkLeakage, asOfVerdict). Slower and simpler; the tests
// hold the stream to it figure for figure.
import {
  asOfVerdict,
  type CalibrationLead,
  CellTally,
  calibrate,
  DEFAULT_FIT_SEED,
  DEFAULT_HOLDOUT_SHARE,
  DEFAULT_REVIEW_SHARE,
  engagementCells,
  periodFilter,
  type ReviewLead,
  type RowsCalibrationOptions,
  type RowsCalibrationResult,
  reviewSample,
  splitForFit,
  suggestPoints,
  writeVerdicts,
} from '../../../src/core/calibration';
import { cellNumber, cellText, isBlank } from '../../../src/core/cells';
import { compileModel, salesReadyFlags } from '../../../src/core/engine';
import type { Model } from '../../../src/core/model';
import { DEFAULT_PLACEHOLDERS, isUnanswered, placeholderSet } from '../../../src/core/suggest/columns';
import { checkLeakage, type LeakageCheck } from '../../../src/core/suggest/leakage';

export function calibrateRowsInMemory(
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
